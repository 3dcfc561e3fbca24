"""A snapshot bigger than a page over real HTTP: the proof document points to pages of
blocks instead of carrying them, the pages hold exactly the blocks, and the verifier
fetches them (the page size is lowered so that a few purchases make several pages)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from fittrack.cli import main
from fittrack.local.server import LocalPlatform
from fittrack.services import snapshot_pages
from tests.api.conftest import Client
from tests.api.drawing_steps import DRAWINGS, buy, close_and_execute, fund, ok, open_drawing
from tests.fixtures.members import MemberFactory

PAGE_SIZE = 2


def _drawn_with_five_blocks(api: Client, member_factory: MemberFactory) -> str:
    admin, members = member_factory(role="admin"), [member_factory() for _ in range(2)]
    drawing_id = open_drawing(api, admin, prizes=2)
    for member in members:
        fund(api, admin, member, 1_000)
    for n, member in enumerate([*members, *members, members[0]]):
        ok(buy(api, member, drawing_id, n + 1), 201)
    close_and_execute(api, admin, drawing_id)
    return drawing_id


def _page(api: Client, drawing_id: str, page: object) -> Any:
    return api.get(f"{DRAWINGS}/{drawing_id}/snapshot/blocks", params={"page": page})


@pytest.fixture
def paged(api: Client, member_factory: MemberFactory, monkeypatch: pytest.MonkeyPatch) -> Any:
    """(drawing id, its document with every block inline, its document in pages)."""
    drawing_id = _drawn_with_five_blocks(api, member_factory)
    whole = ok(api.get(f"{DRAWINGS}/{drawing_id}/verification"))
    monkeypatch.setattr(snapshot_pages, "BLOCK_PAGE_SIZE", PAGE_SIZE)
    return drawing_id, whole, ok(api.get(f"{DRAWINGS}/{drawing_id}/verification"))


def test_a_snapshot_past_one_page_is_served_in_pages_that_hold_its_blocks(
    api: Client, paged: Any
) -> None:
    drawing_id, whole, doc = paged
    assert len(whole["snapshot"]["blocks"]) == 5 and whole["snapshot"]["blockPages"] is None
    assert doc["snapshot"]["blocks"] is None
    assert doc["snapshot"]["blockPages"] == {
        "pageSize": PAGE_SIZE,
        "pageCount": 3,
        "url": f"{DRAWINGS}/{drawing_id}/snapshot/blocks?page={{page}}",
    }
    pages = [ok(_page(api, drawing_id, n)) for n in (1, 2, 3)]
    assert [len(p["blocks"]) for p in pages] == [2, 2, 1]
    assert [p["page"] for p in pages] == [1, 2, 3]
    for p in pages:
        assert (p["drawingId"], p["pageSize"], p["pageCount"], p["blockCount"]) == (
            drawing_id,
            PAGE_SIZE,
            3,
            5,
        )
        assert p["merkleRoot"] == whole["merkleRoot"]
    assert [b for p in pages for b in p["blocks"]] == whole["snapshot"]["blocks"]
    url = doc["snapshot"]["blockPages"]["url"].replace("{page}", "2")
    assert ok(api.get(url)) == pages[1]
    del doc["snapshot"]["blocks"], doc["snapshot"]["blockPages"]
    del whole["snapshot"]["blocks"], whole["snapshot"]["blockPages"]
    assert doc == whole


def test_pages_outside_the_snapshot_are_refused_as_problems(
    api: Client, member_factory: MemberFactory, paged: Any
) -> None:
    drawing_id = paged[0]
    for page in (0, 4, -1, "two", 1.5):
        refused = _page(api, drawing_id, page)
        assert refused.status_code == 400, (page, refused.text)
        assert refused.headers["Content-Type"].startswith("application/problem+json")
        assert [e["field"] for e in refused.json()["errors"]] == ["page"]
    assert _page(api, drawing_id, 4).json()["errors"][0]["code"] == "beyond_last_page"
    assert api.get(f"{DRAWINGS}/{drawing_id}/snapshot/blocks").status_code == 400
    unknown = _page(api, str(uuid.uuid4()), 1)
    assert unknown.status_code == 404
    assert unknown.headers["Content-Type"].startswith("application/problem+json")
    not_closed = open_drawing(api, member_factory(role="admin"))
    assert _page(api, not_closed, 1).status_code == 404


def test_a_small_snapshot_is_one_page_too(api: Client, member_factory: MemberFactory) -> None:
    drawing_id = _drawn_with_five_blocks(api, member_factory)
    whole = ok(api.get(f"{DRAWINGS}/{drawing_id}/verification"))
    only = ok(_page(api, drawing_id, 1))
    assert (only["pageCount"], only["blocks"]) == (1, whole["snapshot"]["blocks"])
    assert _page(api, drawing_id, 2).status_code == 400


def test_the_verifier_fetches_the_pages(
    paged: Any,
    local_platform: LocalPlatform,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    drawing_id, _, doc = paged
    url = f"{local_platform.url}{DRAWINGS}/{drawing_id}/verification"
    assert main(["verify-drawing", url]) == 0
    out = capsys.readouterr().out
    assert "VERIFIED" in out and "Merkle root" in out
    saved = tmp_path / "proof.json"
    saved.write_text(json.dumps(doc))
    assert main(["verify-drawing", str(saved)]) == 2
    said = capsys.readouterr()
    assert "--pages-from" in said.err and "3 pages" in said.err
    assert main(["verify-drawing", str(saved), "--pages-from", local_platform.url]) == 0
    assert "VERIFIED" in capsys.readouterr().out
    doc["merkleRoot"] = "0" * 64
    saved.write_text(json.dumps(doc))
    assert main(["verify-drawing", str(saved), "--pages-from", local_platform.url]) == 1
    assert "MISMATCH" in capsys.readouterr().out
