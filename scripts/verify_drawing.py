"""Recompute a FitTrack drawing from its public proof and compare it with the published result.

    python scripts/verify_drawing.py SOURCE [--log LOG] [--pages-from SITE]
    (also: fittrack verify-drawing)

SOURCE is a saved `GET /api/v1/drawings/{id}/verification` document, its URL, or
"-" for standard input. LOG, optional, is a saved (or the URL of a)
`GET /.well-known/fittrack-transparency/entries?from=1` answer: the drawing's events
in the public transparency log must then agree with the document. A big drawing's
document carries no blocks but says where their pages are (snapshot.blockPages):
given a URL, the pages are fetched from its site; given a file, SITE (any URL on the
site the document came from) says where to fetch them. Exit status: 0 when
everything matches, 1 when anything does not, 2 when the document cannot be verified
(unreadable, its pages not at hand, or not drawn yet).

This is an independent reference implementation of docs/drawings.md: Python's
standard library only (plus py_ecc, `pip install py_ecc`, for the drand beacon's
BLS12-381 signature of fittrack-draw-v2 drawings), nothing imported from FitTrack,
deliberately simple (no clever data structures), so anyone can read it and port it.
"""

from __future__ import annotations

import json
import sys
import urllib.request
from pathlib import Path
from typing import Any

# The checks are in drawing_verifier/ beside this file. Its folder is on the path when
# the script is run, not when it is loaded by file path (fittrack verify-drawing).
HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.append(HERE)

from drawing_verifier import pages  # noqa: E402
from drawing_verifier.document import verify  # noqa: E402
from drawing_verifier.hashing import chain_heads, merkle_root, proof_root  # noqa: E402
from drawing_verifier.selection import V1, V2, picks  # noqa: E402

__all__ = ["V1", "V2", "chain_heads", "main", "merkle_root", "picks", "proof_root", "verify"]


def load(source: str) -> dict[str, Any]:
    if source == "-":
        return dict(json.load(sys.stdin))
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310 (http/https only)
            return dict(json.loads(answer.read()))
    with open(source, encoding="utf-8") as handle:
        return dict(json.load(handle))


OPTIONS = ("--log", "--pages-from")


def _arguments(args: list[str]) -> tuple[str, dict[str, str]] | None:
    """SOURCE and its options (each at most once, with a value); None when misused."""
    if not args or len(args) % 2 == 0:
        return None
    options = dict(zip(args[1::2], args[2::2], strict=True))
    if len(options) != len(args) // 2 or not set(options) <= set(OPTIONS):
        return None
    return args[0], options


def _site(source: str, options: dict[str, str]) -> str | None:
    """Where the pages of blocks are fetched from: --pages-from, else the document's URL."""
    return options.get("--pages-from") or (
        source if source.startswith(("http://", "https://")) else None
    )


def main(argv: list[str] | None = None) -> int:
    parsed = _arguments(sys.argv[1:] if argv is None else argv)
    if parsed is None:
        print(__doc__, file=sys.stderr)
        return 2
    source, options = parsed
    reading = source
    try:
        doc = load(source)
        reading = options.get("--log", source)
        log = load(options["--log"])["entries"] if "--log" in options else None
    except (OSError, ValueError, KeyError) as error:
        print(f"cannot read {reading}: {error}", file=sys.stderr)
        return 2
    if pages.pointed(doc):
        site = _site(source, options)
        if site is None:
            print(pages.where(doc), file=sys.stderr)
            return 2
        try:
            pages.fetch_blocks(doc, site, load)
        except (OSError, ValueError, KeyError) as error:
            print(f"cannot read the snapshot's pages of blocks: {error}", file=sys.stderr)
            return 2
    try:
        status, lines = verify(doc, log)
    except (KeyError, TypeError, ValueError) as error:
        status, lines = 1, [f"malformed verification document: {error!r}"]
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
