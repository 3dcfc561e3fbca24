"""The drawing-close rush over real HTTP: 1,000 members buying in the last minute.

Members, their points and the drawing are made through the repositories and
services (1,000 sign-ups over the API would take minutes); every purchase goes
through the local gateway from many client threads at once. The server's clock
walks through the last minute as purchases complete and then past the close:

- before the close every member sends three one-ticket purchases at the same
  moment with points for only two: exactly two are accepted and one refused as
  insufficient points, so concurrent debits never overdraw;
- from the close on every purchase is refused as sales closed and changes nothing;
- afterwards every balance is non-negative and equals its ledger, and the
  drawing's tickets are exactly its blocks (numbered 1..N, no gap, no overlap).
"""

from __future__ import annotations

import http.client
import json
import threading
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from fittrack.db import ids
from fittrack.local.server import LocalPlatform
from fittrack.repositories import drawings, ledger, tickets
from tests.fixtures.auth import FakeClock
from tests.fixtures.drawings import admin, drawing, member
from tests.fixtures.members import session_token

MEMBERS = 1000
COST = 100
AFFORDABLE = 2  # tickets each member's points pay for
ATTEMPTS = 3  # purchases each member sends at once before the close
CLIENTS = 24
LAST_MINUTE = timedelta(minutes=1)
_CLOCK_LOCK = threading.Lock()  # client threads move the server's clock as answers arrive


def test_a_thousand_members_buying_in_the_last_minute(
    local_platform: LocalPlatform, fake_clock: FakeClock
) -> None:
    platform = local_platform.platform
    admin_id = admin(platform)
    drawing_id = drawing(platform, admin_id, cost=COST, hours=1)
    close = _sales_close(local_platform, drawing_id)
    fake_clock.now = close - LAST_MINUTE
    members = [member(platform, COST * AFFORDABLE + COST // 2) for _ in range(MEMBERS)]
    tokens = {m: session_token(platform, m) for m in members}

    # The last minute: the clock moves towards the close as purchases are answered.
    jobs = [m for m in members for _ in range(ATTEMPTS)]
    step = (LAST_MINUTE - timedelta(milliseconds=1)) // len(jobs)  # floor: stays before the close
    before = _rush(local_platform.url, drawing_id, jobs, tokens, lambda: _tick(fake_clock, step))
    assert fake_clock.now < close
    by_member = Counter((m, answer) for m, answer in before)
    for m in members:
        assert by_member[(m, "accepted")] == AFFORDABLE, by_member
        assert by_member[(m, "insufficient-points")] == ATTEMPTS - AFFORDABLE, by_member
    state = _state(local_platform, drawing_id, members)

    # From the close on: every purchase refused, nothing changed.
    fake_clock.now = close
    after = _rush(local_platform.url, drawing_id, members, tokens, lambda: _tick(fake_clock, step))
    assert fake_clock.now > close
    assert Counter(answer for _, answer in after) == {"sales-closed": MEMBERS}
    assert _state(local_platform, drawing_id, members) == state

    _assert_invariants(local_platform, drawing_id, members)


def _sales_close(local: LocalPlatform, drawing_id: uuid.UUID) -> datetime:
    with local.platform.db.unit_of_work(readonly=True) as uow:
        found = drawings.get(uow, drawing_id)
    assert found is not None and found.status == "open"
    return found.sales_close_time


def _tick(clock: FakeClock, step: timedelta) -> None:
    with _CLOCK_LOCK:
        clock.advance(step)


def _rush(
    base: str,
    drawing_id: uuid.UUID,
    jobs: list[uuid.UUID],
    tokens: dict[uuid.UUID, str],
    answered: Callable[[], None],
) -> list[tuple[uuid.UUID, str]]:
    """Send one purchase per job from CLIENTS threads; (member, outcome) for each."""
    pending = list(reversed(jobs))  # popped from the end: a member's attempts go out together
    lock = threading.Lock()
    outcomes: list[tuple[uuid.UUID, str]] = []
    failures: list[BaseException] = []  # a client's failed assertion, for the test's own
    url = urlsplit(base)

    def client() -> None:
        connection = http.client.HTTPConnection(url.hostname or "", url.port, timeout=30)
        while True:
            with lock:
                if not pending or failures:
                    break
                member_id = pending.pop()
            try:
                outcome = _buy(connection, drawing_id, tokens[member_id])
            except (AssertionError, OSError, ValueError) as failure:
                with lock:
                    failures.append(failure)
                break
            answered()
            with lock:
                outcomes.append((member_id, outcome))
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    assert len(outcomes) == len(jobs)
    return outcomes


def _buy(connection: http.client.HTTPConnection, drawing_id: uuid.UUID, token: str) -> str:
    connection.request(
        "POST",
        f"/api/v1/drawings/{drawing_id}/tickets",
        body=json.dumps({"quantity": 1}),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    response = connection.getresponse()
    body = json.loads(response.read())
    if response.status == 201:
        assert body["ticketsPurchased"] == 1 and body["newPointBalance"] >= 0
        return "accepted"
    problem = str(body.get("type", "")).rsplit("/", 1)[-1]
    expected = {400: "insufficient-points", 403: "sales-closed"}
    assert expected.get(response.status) == problem, (response.status, body)
    assert response.headers["Content-Type"].startswith("application/problem+json")
    return problem


def _state(
    local: LocalPlatform, drawing_id: uuid.UUID, members: list[uuid.UUID]
) -> tuple[object, ...]:
    """What a refused purchase must not change: balances, blocks, the ticket counter."""
    with local.platform.db.unit_of_work(readonly=True) as uow:
        balances = tuple(ledger.balances(uow, m) for m in members)
        held = tuple(tickets.ticket_counts(uow, [drawing_id], m)[drawing_id] for m in members)
        found = drawings.get(uow, drawing_id)
    assert found is not None
    return balances, held, found.total_tickets, found.next_ticket_number


def _assert_invariants(
    local: LocalPlatform, drawing_id: uuid.UUID, members: list[uuid.UUID]
) -> None:
    sold = MEMBERS * AFFORDABLE
    with local.platform.db.unit_of_work(readonly=True) as uow:
        for m in members:
            balance = ledger.balances(uow, m)
            assert balance is not None and balance[0] >= 0
            assert balance[0] == ledger.ledger_sum(uow, m) == COST // 2
        rows = uow.query(
            "SELECT user_id, first_ticket_number, last_ticket_number, quantity, points_spent"
            " FROM ticket_blocks WHERE drawing_id = :id ORDER BY first_ticket_number",
            {"id": ids.to_db(drawing_id)},
        )
        found = drawings.get(uow, drawing_id)
    assert found is not None
    assert len(rows) == sold and sum(r["quantity"] for r in rows) == sold
    assert [r["first_ticket_number"] for r in rows] == list(range(1, sold + 1))
    assert all(r["last_ticket_number"] == r["first_ticket_number"] for r in rows)
    assert all(r["points_spent"] == COST for r in rows)
    assert Counter(ids.from_db(r["user_id"]) for r in rows) == dict.fromkeys(members, AFFORDABLE)
    assert found.total_tickets == sold and found.next_ticket_number == sold + 1
