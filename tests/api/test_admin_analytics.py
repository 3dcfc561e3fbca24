"""Admin analytics over real HTTP: figures checked against seeded data, JSON and CSV."""

from __future__ import annotations

import csv
import io
import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fittrack.local.server import LocalPlatform
from fittrack.repositories import ledger, users
from tests.api.conftest import Client
from tests.api.drawing_steps import ADMIN, DRAWINGS, buy, fund, ok, open_drawing
from tests.fixtures.members import Member, MemberFactory

ANALYTICS = "/api/v1/admin/analytics"
NEW_YORK = ZoneInfo("America/New_York")

# Around the month edge (EST, UTC-5) and the 2021 spring-forward day (14 March):
# each pair straddles a New York midnight.
SIGN_UPS = [
    datetime(2021, 3, 1, 4, 59, 59, tzinfo=UTC),  # 28 Feb, 23:59:59 EST
    datetime(2021, 3, 1, 5, 0, 0, tzinfo=UTC),  # 1 Mar, midnight EST
    datetime(2021, 3, 1, 5, 30, 0, tzinfo=UTC),
    datetime(2021, 3, 14, 4, 30, 0, tzinfo=UTC),  # 13 Mar, 23:30 EST
    datetime(2021, 3, 15, 3, 59, 0, tzinfo=UTC),  # 14 Mar, 23:59 EDT
    datetime(2021, 3, 15, 4, 0, 0, tzinfo=UTC),  # 15 Mar, midnight EDT
    datetime(2021, 3, 16, 4, 0, 0, tzinfo=UTC),  # 16 Mar: outside the range asked for
]


def _sign_up_at(local_platform: LocalPlatform, moment: datetime) -> uuid.UUID:
    new = users.NewUser(
        email=f"analytics-{uuid.uuid4().hex[:10]}@example.com",
        password_hash=None,
        date_of_birth=date(1990, 1, 1),
        state_of_residence="CA",
        terms_version="2026-01",
        rules_version="2026-01",
        role="user",
        status="active",
        email_verified_at=moment,
    )
    with local_platform.platform.db.unit_of_work() as uow:
        return users.insert(uow, new, moment)


def _get(api: Client, admin: Member, route: str, **params: Any) -> Any:
    answer = api.get(f"{ANALYTICS}/{route}", params=params, headers=admin.headers)
    assert answer.status_code == 200, answer.text
    return answer


def _expected(first: date, last: date, bucket: Any) -> dict[str, int]:
    days = [m.astimezone(NEW_YORK).date() for m in SIGN_UPS]
    return dict(Counter(bucket(d).isoformat() for d in days if first <= d <= last))


def test_registrations_are_counted_per_new_york_day_week_and_month(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin = member_factory(role="admin")
    for moment in SIGN_UPS:
        _sign_up_at(local_platform, moment)
    first, last = date(2021, 2, 28), date(2021, 3, 15)
    window = {"from": first.isoformat(), "to": last.isoformat()}

    daily = _get(api, admin, "registrations", **window).json()
    assert (daily["firstDay"], daily["lastDay"], daily["interval"]) == (
        window["from"],
        window["to"],
        "day",
    )
    assert len(daily["buckets"]) == (last - first).days + 1
    counted = {b["periodStart"]: b["registrations"] for b in daily["buckets"] if b["registrations"]}
    assert counted == _expected(first, last, lambda d: d)
    assert counted == {
        "2021-02-28": 1,
        "2021-03-01": 2,
        "2021-03-13": 1,
        "2021-03-14": 1,
        "2021-03-15": 1,
    }

    weekly = _get(api, admin, "registrations", interval="week", **window).json()
    by_week = {b["periodStart"]: b["registrations"] for b in weekly["buckets"]}
    monday = lambda d: d - timedelta(days=d.weekday())  # noqa: E731
    assert {k: v for k, v in by_week.items() if v} == _expected(first, last, monday)
    assert list(by_week) == ["2021-02-22", "2021-03-01", "2021-03-08", "2021-03-15"]

    monthly = _get(api, admin, "registrations", interval="month", **window).json()
    by_month = {b["periodStart"]: b["registrations"] for b in monthly["buckets"]}
    assert by_month == _expected(first, last, lambda d: d.replace(day=1))
    assert by_month == {"2021-02-01": 1, "2021-03-01": 5}


def test_registrations_download_as_csv_matching_the_json(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin = member_factory(role="admin")
    for moment in SIGN_UPS:
        _sign_up_at(local_platform, moment)
    window = {"from": "2021-02-28", "to": "2021-03-15", "interval": "week"}
    answer = _get(api, admin, "registrations", format="csv", **window)
    assert answer.headers["Content-Type"].startswith("text/csv")
    assert answer.headers["Content-Disposition"] == (
        'attachment; filename="fittrack-registrations-2021-02-28-2021-03-15-week.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    as_json = _get(api, admin, "registrations", **window).json()["buckets"]
    assert [(r["periodStart"], int(r["registrations"])) for r in rows] == [
        (b["periodStart"], b["registrations"]) for b in as_json
    ]
    assert sum(int(r["registrations"]) for r in rows) == 6


# (entry type, points, when): earned either side of the 1 March New York midnight,
# spent a minute before the 15 March one (still 14 March in New York, EDT).
LEDGER = [
    ("earn", 100, datetime(2021, 3, 1, 4, 59, 59, tzinfo=UTC)),
    ("earn", 50, datetime(2021, 3, 1, 5, 0, 0, tzinfo=UTC)),
    ("spend", -30, datetime(2021, 3, 15, 3, 59, 0, tzinfo=UTC)),
]


def test_activity_sums_points_earned_and_spent_per_new_york_bucket(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin = member_factory(role="admin")
    user_id = _sign_up_at(local_platform, SIGN_UPS[0])
    for entry_type, amount, moment in LEDGER:
        with local_platform.platform.db.unit_of_work() as uow:
            ledger.post_entry(
                uow,
                user_id,
                entry_type=entry_type,
                amount=amount,
                reason="analytics test",
                reference_type=None,
                reference_id=None,
                idempotency_key=f"analytics-{uuid.uuid4().hex}",
                created_by=None,
                now=moment,
            )
    window = {"from": "2021-02-28", "to": "2021-03-15"}

    def moved(entry_type: str, bucket: Any) -> dict[str, int]:
        totals: Counter[str] = Counter()
        for kind, amount, moment in LEDGER:
            if kind == entry_type:
                totals[bucket(moment.astimezone(NEW_YORK).date()).isoformat()] += abs(amount)
        return dict(totals)

    daily = _get(api, admin, "activity", **window).json()["buckets"]
    earned = {b["periodStart"]: b["pointsEarned"] for b in daily if b["pointsEarned"]}
    spent = {b["periodStart"]: b["pointsSpent"] for b in daily if b["pointsSpent"]}
    assert earned == moved("earn", lambda d: d) == {"2021-02-28": 100, "2021-03-01": 50}
    assert spent == moved("spend", lambda d: d) == {"2021-03-14": 30}
    assert all(b["syncs"] == 0 for b in daily)

    answer = _get(api, admin, "activity", interval="month", format="csv", **window)
    assert (
        "fittrack-activity-2021-02-28-2021-03-15-month.csv"
        in (answer.headers["Content-Disposition"])
    )
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [
        (r["periodStart"], int(r["pointsEarned"]), int(r["pointsSpent"]), int(r["syncs"]))
        for r in rows
    ] == [("2021-02-01", 100, 0, 0), ("2021-03-01", 50, 30, 0)]


def test_the_overview_counts_members_and_who_was_active(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin = member_factory(role="admin")
    suspended = member_factory(status="suspended")
    member_factory(status="banned")
    active = [member_factory(), member_factory(role="premium")]
    platform = local_platform.platform
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        users.record_login_success(uow, active[0].user_id, now)
        users.record_login_success(uow, active[1].user_id, now - timedelta(days=3))
        users.record_login_success(uow, admin.user_id, now - timedelta(days=45))
    seeded = [admin, *active]
    appeal = {"message": "It was a mistake."}
    sent = api.post("/api/v1/users/me/appeals", json=appeal, headers=suspended.headers)
    assert sent.status_code == 201, sent.text

    figures = _get(api, admin, "overview").json()
    assert figures["membersByStatus"] == {"active": 3, "suspended": 1, "banned": 1}
    assert figures["membersByRole"] == dict(Counter(m.role for m in seeded) + Counter(user=2))
    today = now.astimezone(NEW_YORK).date()
    signed_in_today = (now - timedelta(days=3)).astimezone(NEW_YORK).date() == today
    assert figures["dailyActive"] == 1 + int(signed_in_today)
    assert figures["monthlyActive"] == 2
    assert figures["points"] == {
        "earnedToday": 0,
        "spentToday": 0,
        "earned30Days": 0,
        "spent30Days": 0,
    }
    assert (figures["openDrawings"], figures["pendingFulfillments"]) == (0, 0)
    assert figures["openAppeals"] == 1

    answer = _get(api, admin, "overview", format="csv")
    assert answer.headers["Content-Type"].startswith("text/csv")
    assert "fittrack-overview.csv" in answer.headers["Content-Disposition"]
    rows = {r["metric"]: int(r["value"]) for r in csv.DictReader(io.StringIO(answer.text))}
    assert rows["membersByStatus.suspended"] == 1
    assert rows["monthlyActive"] == 2
    assert rows["points.earned30Days"] == 0
    assert rows["openAppeals"] == 1


def test_bad_ranges_are_refused_and_members_may_not_look(
    api: Client, member_factory: MemberFactory
) -> None:
    admin, member = member_factory(role="admin"), member_factory()
    route = f"{ANALYTICS}/registrations"
    reversed_range = api.get(
        route, params={"from": "2026-02-02", "to": "2026-02-01"}, headers=admin.headers
    )
    assert reversed_range.status_code == 400
    assert reversed_range.json()["errors"][0]["field"] == "to"
    too_long = api.get(
        route, params={"from": "2022-01-01", "to": "2024-12-31"}, headers=admin.headers
    )
    assert too_long.status_code == 400
    assert too_long.json()["errors"][0]["code"] == "range_too_long"
    for params in ({"interval": "year"}, {"from": "2019-12-31"}, {"format": "xml"}):
        assert api.get(route, params=params, headers=admin.headers).status_code == 400
    assert api.get(route, headers=member.headers).status_code == 403
    assert api.get(f"{ANALYTICS}/overview").status_code == 401


def test_drawings_count_participants_tickets_and_free_entries(
    api: Client, member_factory: MemberFactory
) -> None:
    admin = member_factory(role="admin")
    drawing_id = open_drawing(api, admin)
    ann, bo, cy = member_factory(), member_factory(), member_factory()
    for member, quantity in ((ann, 3), (bo, 2)):
        fund(api, admin, member, 10_000)
        ok(buy(api, member, drawing_id, quantity), 201)
    for member in (bo, cy):
        ok(api.post(f"{DRAWINGS}/{drawing_id}/free-entry", headers=member.headers), 201)
    drawn_at = ok(api.get(f"{ADMIN}/{drawing_id}", headers=admin.headers))["drawingTime"]
    day = datetime.fromisoformat(drawn_at.replace("Z", "+00:00")).astimezone(NEW_YORK).date()
    window = {"from": day.isoformat(), "to": day.isoformat()}

    [bucket] = _get(api, admin, "drawings", **window).json()["buckets"]
    participants, tickets, free = len({ann, bo, cy}), 3 + 2, 2
    assert bucket == {
        "periodStart": day.isoformat(),
        "drawings": 1,
        "participants": participants,
        "ticketsSold": tickets,
        "freeEntries": free,
        "ticketsPerParticipant": round((tickets + free) / participants, 2),
    }
    rows = list(
        csv.DictReader(io.StringIO(_get(api, admin, "drawings", format="csv", **window).text))
    )
    assert [(r["participants"], r["ticketsSold"], r["freeEntries"]) for r in rows] == [
        ("3", "5", "2")
    ]
    day_before = (day - timedelta(days=1)).isoformat()
    empty = _get(api, admin, "drawings", **{"from": day_before, "to": day_before}).json()
    assert empty["buckets"][0]["drawings"] == 0
