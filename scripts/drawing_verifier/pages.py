"""A snapshot too big for one API answer comes in pages: fetch them into the document.

Past one page of blocks (docs/drawings.md, "Blocks in pages") the document's snapshot
has `blocks: null` and `blockPages: {pageSize, pageCount, url}`, url a template
relative to the site, `{page}` standing for 1..pageCount. The pages are trusted for
nothing: the blocks they hold must still rebuild the published Merkle root.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from typing import Any

Fetch = Callable[[str], dict[str, Any]]


def pointed(doc: dict[str, Any]) -> dict[str, Any] | None:
    """The document's blockPages when its blocks are not in it, else None."""
    snapshot = doc.get("snapshot") or {}
    pages = snapshot.get("blockPages")
    return pages if pages and snapshot.get("blocks") is None else None


def where(doc: dict[str, Any]) -> str:
    """What to tell someone holding a document whose blocks are in pages."""
    pages = pointed(doc) or {}
    return (
        f"the snapshot's {doc['snapshot']['blockCount']:,} blocks are not in this document but in"
        f" {pages.get('pageCount')} pages at {pages.get('url')}: give the document's URL instead,"
        " or add --pages-from https://THE-SITE (the site the document came from)"
    )


def fetch_blocks(doc: dict[str, Any], site: str, fetch: Fetch) -> None:
    """Put the blocks of pages 1..pageCount, in order, into the document's snapshot.
    `site` is any URL on the site the document came from (the document's own URL too)."""
    pages = pointed(doc)
    if pages is None:
        return
    origin = _origin(site)
    blocks: list[Any] = []
    for number in range(1, int(pages["pageCount"]) + 1):
        url = urllib.parse.urljoin(site, str(pages["url"]).replace("{page}", str(number)))
        if _origin(url) != origin:
            raise ValueError(f"page {number} is at {url}, not on {origin}")
        page = fetch(url)
        if page.get("drawingId") != doc["drawingId"] or page.get("page") != number:
            raise ValueError(f"{url} is not page {number} of this drawing's snapshot")
        blocks.extend(page["blocks"])
    doc["snapshot"]["blocks"] = blocks


def _origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{url} is not an http(s) URL")
    return f"{parts.scheme}://{parts.netloc}"
