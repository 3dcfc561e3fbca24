"""GET /tiers and /tiers/{tierCode} with member counts, over real HTTP."""

from __future__ import annotations

from datetime import date

from tests.api.conftest import Client
from tests.fixtures.members import MemberFactory

TIER = "M-40-49-ADV"


def counts(api: Client) -> dict[str, int]:
    answer = api.get("/api/v1/tiers")
    assert answer.status_code == 200, answer.text
    return {t["tierCode"]: t["memberCount"] for t in answer.json()["tiers"]}


def test_tiers_count_the_members_on_their_boards(
    api: Client, member_factory: MemberFactory
) -> None:
    before = counts(api)
    assert len(before) == 30 and all(n >= 0 for n in before.values())
    dob = date(1985, 1, 2)
    for _ in range(3):
        member_factory(date_of_birth=dob, biological_sex="male", fitness_level="advanced")
    member_factory(
        date_of_birth=dob, biological_sex="male", fitness_level="advanced", status="banned"
    )
    member_factory(profile=False)  # no tier yet
    after = counts(api)
    assert after[TIER] == before[TIER] + 3
    assert {k: v for k, v in after.items() if k != TIER} == {
        k: v for k, v in before.items() if k != TIER
    }
    one = api.get(f"/api/v1/tiers/{TIER.lower()}")
    assert one.status_code == 200 and one.json()["memberCount"] == after[TIER]
    assert api.get("/api/v1/tiers/Z-99-NOPE").status_code == 404
