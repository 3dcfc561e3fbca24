"""The transparency log over real HTTP: public checkpoint, entries and signing key."""

from __future__ import annotations

from tests.api.conftest import Client
from tests.api.drawing_steps import ok, open_drawing
from tests.fixtures.members import MemberFactory

LOG = "/.well-known/fittrack-transparency"


def test_checkpoint_entries_and_key_are_public(api: Client, member_factory: MemberFactory) -> None:
    admin = member_factory(role="admin")
    drawing_id = open_drawing(api, admin)
    point = ok(api.get(f"{LOG}/checkpoint"))
    assert point["size"] >= 1 and point["note"].startswith(f"{point['origin']}\n{point['size']}\n")
    page = ok(api.get(f"{LOG}/entries", params={"from": 1, "to": point["size"]}))
    assert page["entries"][-1]["entryHash"] == point["head"]
    opened = [e for e in page["entries"] if e["drawingId"] == drawing_id]
    assert [e["event"] for e in opened] == ["drawing.opened"]
    key = ok(api.get(f"{LOG}/key"))
    assert key["keyName"] == point["origin"] and key["verifierKey"].startswith(key["keyName"] + "+")


def test_a_range_that_ends_before_it_starts_is_a_problem(api: Client) -> None:
    answer = api.get(f"{LOG}/entries", params={"from": 5, "to": 2})
    assert answer.status_code == 400
    assert answer.headers["Content-Type"].startswith("application/problem+json")
