"""PUT /users/me/profile over real HTTP."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from typing import Any

import pytest
import requests

from fittrack.local.server import LocalPlatform
from tests.api.conftest import Client
from tests.fixtures.members import MemberFactory

PROFILE = "/api/v1/users/me/profile"


def valid(**changes: Any) -> dict[str, Any]:
    body = {
        "displayName": "Morning Miler",
        "biologicalSex": "female",
        "fitnessLevel": "beginner",
        "goals": ["endurance", "stress_relief"],
        "heightInches": 66,
        "weightPounds": 140,
        "timezone": "America/Chicago",
        "openLeaderboard": True,
    }
    body.update(changes)
    return body


def test_a_new_member_completes_the_profile(api: Client, member_factory: MemberFactory) -> None:
    me = member_factory(
        profile=False, date_of_birth=date(1970, 2, 1), status="pending", verified=False
    )
    answer = api.request("PUT", PROFILE, headers=me.headers, json=valid())
    assert answer.status_code == 200, answer.text
    assert answer.json() == {
        "displayName": "Morning Miler",
        "biologicalSex": "female",
        "fitnessLevel": "beginner",
        "goals": ["endurance", "stress_relief"],
        "heightInches": 66,
        "weightPounds": 140,
        "timezone": "America/Chicago",
        "openLeaderboard": True,
        "ageBracket": "50-59",
        "tierCode": "F-50-59-BEG",
        "complete": True,
    }
    assert api.get("/api/v1/users/me", headers=me.headers).json()["profile"] == answer.json()


def test_changing_the_fitness_level_changes_the_tier(
    api: Client, member_factory: MemberFactory
) -> None:
    me = member_factory(date_of_birth=date(2000, 1, 1))
    body = api.request(
        "PUT",
        PROFILE,
        headers=me.headers,
        json=valid(
            biologicalSex="male", fitnessLevel="advanced", heightInches=None, weightPounds=None
        ),
    ).json()
    assert body["tierCode"] == "M-18-29-ADV"
    assert (body["heightInches"], body["weightPounds"]) == (None, None)


def test_client_sent_server_fields_are_ignored(api: Client, member_factory: MemberFactory) -> None:
    me = member_factory(date_of_birth=date(1995, 5, 5))
    sneaky = valid(
        tierCode="M-60+-ADV",
        ageBracket="60+",
        role="admin",
        pointBalance=999999,
        status="active",
        lifetimePoints=5,
        email="other@example.com",
        userId="00000000-0000-0000-0000-000000000000",
        complete=False,
    )
    assert api.request("PUT", PROFILE, headers=me.headers, json=sneaky).status_code == 200
    body = api.get("/api/v1/users/me", headers=me.headers).json()
    assert (body["profile"]["tierCode"], body["profile"]["ageBracket"]) == ("F-30-39-BEG", "30-39")
    assert (body["role"], body["pointBalance"], body["lifetimePoints"]) == ("user", 0, 0)
    assert (body["email"], body["userId"]) == (me.email, str(me.user_id))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("displayName", "ab"),
        ("displayName", "x" * 31),
        ("displayName", "Robert'); DROP--"),
        ("displayName", None),
        ("biologicalSex", "other"),
        ("fitnessLevel", "expert"),
        ("goals", ["weight_loss", "flying"]),
        ("goals", "endurance"),
        ("heightInches", 12),
        ("heightInches", 500),
        ("heightInches", "70"),
        ("weightPounds", 10),
        ("weightPounds", 70.5),
        ("timezone", "Mars/Olympus"),
        ("timezone", "EST5EDT/../../etc"),
        ("openLeaderboard", "yes"),
    ],
)
def test_each_bad_field_is_a_400_and_changes_nothing(
    api: Client, member_factory: MemberFactory, field: str, value: Any
) -> None:
    me = member_factory()
    before = api.get("/api/v1/users/me", headers=me.headers).json()["profile"]
    answer = api.request("PUT", PROFILE, headers=me.headers, json=valid(**{field: value}))
    assert answer.status_code == 400, answer.text
    problem = answer.json()
    assert problem["type"].endswith("/validation-error")
    assert [e["field"] for e in problem["errors"]][0].split(".")[0] == field
    assert api.get("/api/v1/users/me", headers=me.headers).json()["profile"] == before


def test_missing_required_fields_and_bad_json(api: Client, member_factory: MemberFactory) -> None:
    me = member_factory()
    answer = api.request("PUT", PROFILE, headers=me.headers, json={})
    assert answer.status_code == 400
    assert {e["field"] for e in answer.json()["errors"]} == {
        "displayName",
        "biologicalSex",
        "fitnessLevel",
    }
    bad = api.request(
        "PUT",
        PROFILE,
        headers={**me.headers, "Content-Type": "application/json"},
        data=b"{not json",
    )
    assert bad.status_code == 400


def test_display_names_are_unique_ignoring_case(api: Client, member_factory: MemberFactory) -> None:
    member_factory(display_name="Speedy Gonzo")
    me = member_factory()
    answer = api.request("PUT", PROFILE, headers=me.headers, json=valid(displayName="speedy GONZO"))
    assert answer.status_code == 409
    assert answer.json()["type"].endswith("/display-name-taken")
    assert answer.json()["errors"][0]["field"] == "displayName"
    # Keeping one's own name (in another case) is fine.
    mine = api.request(
        "PUT", PROFILE, headers=me.headers, json=valid(displayName=me.display_name.upper())
    )  # type: ignore[union-attr]
    assert mine.status_code == 200


def test_concurrent_claims_of_one_name_have_exactly_one_winner(
    local_platform: LocalPlatform, member_factory: MemberFactory
) -> None:
    members = [member_factory(profile=False) for _ in range(8)]
    barrier = threading.Barrier(len(members))
    statuses: list[int] = []

    def claim(headers: dict[str, str]) -> None:
        barrier.wait()
        answer = requests.put(
            local_platform.url + PROFILE,
            headers=headers,
            timeout=20,
            json=valid(displayName="The Only One"),
        )
        statuses.append(answer.status_code)

    threads = [threading.Thread(target=claim, args=(m.headers,)) for m in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] + [409] * (len(members) - 1)


def test_a_member_without_registration_details_gets_a_problem(
    api: Client, member_factory: MemberFactory
) -> None:
    me = member_factory(date_of_birth=None, state=None, status="pending", verified=True)
    answer = api.request("PUT", PROFILE, headers=me.headers, json=valid())
    assert answer.status_code == 409
    assert answer.json()["type"].endswith("/registration-incomplete")
    assert "date of birth" in answer.json()["detail"]


def test_suspended_members_cannot_edit(api: Client, member_factory: MemberFactory) -> None:
    me = member_factory(status="suspended")
    assert api.request("PUT", PROFILE, headers=me.headers, json=valid()).status_code == 403
    assert api.get("/api/v1/users/me", headers=me.headers).status_code == 200


def test_the_bracket_uses_the_program_day_in_new_york(
    local_platform: LocalPlatform, api: Client, member_factory: MemberFactory
) -> None:
    # 02:00 UTC on June 15 is still June 14 in New York: not yet 30.
    local_platform.platform.clock = lambda: datetime(2026, 6, 15, 2, 0, tzinfo=UTC)
    me = member_factory(profile=False, date_of_birth=date(1996, 6, 15))
    body = api.request("PUT", PROFILE, headers=me.headers, json=valid()).json()
    assert body["ageBracket"] == "18-29"
