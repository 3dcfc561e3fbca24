"""The draw on a real SQLite file: determinism, idempotency, crashes between any two
steps, redraws from the ordered alternates, held and banned winners."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from fittrack.db import ids
from fittrack.domain import selection
from fittrack.domain.errors import Conflict
from fittrack.platform import Platform
from fittrack.repositories import drawings, review_flags, snapshots, users, winners
from fittrack.services import commitments, draws, lifecycle, verification
from fittrack.services import tickets as buying
from tests.fixtures.drawings import admin, drawing, fresh_platform, member
from tests.unit.test_drawing_selection import VERIFIER


@pytest.fixture
def platform(fittrack_home: Path) -> Iterator[Platform]:
    yield from fresh_platform()


def closed_drawing(
    platform: Platform, prizes: tuple[int, ...] = (1, 2), buyers: int = 6
) -> tuple[uuid.UUID, list[uuid.UUID]]:
    boss = admin(platform)
    drawing_id = drawing(platform, boss, prizes_=prizes, cost=10)
    people = [member(platform, balance=1_000) for _ in range(buyers)]
    for n, person in enumerate(people):
        buying.buy(platform, person, drawing_id, n + 1)
        buying.buy(platform, person, drawing_id, 2)
    lifecycle.close_drawing(platform, drawing_id, boss)
    return drawing_id, people


def expected_picks(platform: Platform, drawing_id: uuid.UUID, count: int) -> list[int]:
    """The winning tickets, computed from the beacon round fixed at opening before
    anything is drawn."""
    with platform.db.unit_of_work(readonly=True) as uow:
        found = drawings.get(uow, drawing_id)
        snapshot = snapshots.get(uow, drawing_id)
    assert found is not None and snapshot is not None and found.beacon_round is not None
    assert found.algorithm == selection.V2
    published = platform.beacon.round(found.beacon_round)
    assert published is not None
    picks = selection.select(
        published.randomness,
        bytes.fromhex(snapshot.merkle_root),
        drawing_id=drawing_id,
        blocks=commitments.snapshot_blocks(snapshot),
        count=count,
        algorithm=selection.V2,
    )
    return [p.ticket_number for p in picks]


def counts(platform: Platform, drawing_id: uuid.UUID) -> tuple[int, int]:
    """(fulfillments, prize_won notifications) of the drawing's winners."""
    with platform.db.unit_of_work(readonly=True) as uow:
        fulfillments = uow.scalar(
            "SELECT COUNT(*) FROM fulfillments f JOIN drawing_winners w"
            " ON w.winner_id = f.winner_id WHERE w.drawing_id = :d",
            {"d": ids.to_db(drawing_id)},
        )
        won = uow.scalar(
            "SELECT COUNT(*) FROM notifications n JOIN drawing_winners w ON w.user_id = n.user_id"
            " WHERE n.kind = 'prize_won' AND w.drawing_id = :d",
            {"d": ids.to_db(drawing_id)},
        )
    return int(fulfillments), int(won)


def verify(platform: Platform, drawing_id: uuid.UUID) -> int:
    doc = verification.verification(platform, drawing_id, None)
    status, lines = VERIFIER.verify(doc.model_dump(mode="json", by_alias=True))
    assert status == 0, "\n".join(lines)
    return status


def test_execution_is_deterministic_idempotent_and_verifiable(platform: Platform) -> None:
    drawing_id, _ = closed_drawing(platform, prizes=(1, 2))
    expected = expected_picks(platform, drawing_id, 3)
    first = draws.execute(platform, drawing_id)
    assert [w.ticket_number for w in first] == expected
    assert [w.draw_index for w in first] == [0, 1, 2]
    assert len({w.user_id for w in first}) == 3
    again = draws.execute(platform, drawing_id)
    assert again == first
    assert counts(platform, drawing_id) == (3, 3)
    verify(platform, drawing_id)


STEPS = ["selected", "committed", "awarding:0", "awarded:0", "awarding:1", "awarded:2"]


@pytest.mark.parametrize("step", STEPS)
def test_a_crash_between_any_two_steps_changes_nothing_on_rerun(
    platform: Platform, step: str
) -> None:
    drawing_id, _ = closed_drawing(platform, prizes=(2, 1))
    expected = expected_picks(platform, drawing_id, 3)

    def crash(at: str) -> None:
        if at == step:
            raise RuntimeError(f"killed at {at}")

    with pytest.raises(RuntimeError, match="killed"):
        draws.execute(platform, drawing_id, checkpoint=crash)
    after = draws.execute(platform, drawing_id)
    assert [w.ticket_number for w in after] == expected
    assert draws.execute(platform, drawing_id) == after
    assert counts(platform, drawing_id) == (3, 3)
    assert lifecycle.run(platform)["awarded"] == 0


def test_the_lifecycle_job_finishes_an_interrupted_award(platform: Platform) -> None:
    drawing_id, _ = closed_drawing(platform)

    def crash(at: str) -> None:
        if at == "committed":
            raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        draws.execute(platform, drawing_id, checkpoint=crash)
    assert counts(platform, drawing_id) == (0, 0)
    assert lifecycle.run(platform)["awarded"] == 3
    assert counts(platform, drawing_id) == (3, 3)


def test_redraw_takes_the_next_alternate_once(platform: Platform) -> None:
    drawing_id, _ = closed_drawing(platform, prizes=(1, 1))
    expected = expected_picks(platform, drawing_id, 4)
    first = draws.execute(platform, drawing_id)
    with platform.db.unit_of_work() as uow:
        new = draws.redraw(
            uow,
            drawing_id,
            prize_id=first[0].prize_id,
            forfeited_winner_id=first[0].winner_id,
            now=platform.clock(),
        )
    assert new is not None
    assert (new.draw_index, new.ticket_number, new.prize_id) == (2, expected[2], first[0].prize_id)
    assert new.replaces_winner_id == first[0].winner_id
    with platform.db.unit_of_work() as uow:
        again = draws.redraw(
            uow,
            drawing_id,
            prize_id=first[0].prize_id,
            forfeited_winner_id=first[0].winner_id,
            now=platform.clock(),
        )
        assert again is not None and again.winner_id == new.winner_id
        assert winners.get(uow, first[0].winner_id).status == "forfeited"  # type: ignore[union-attr]
    assert counts(platform, drawing_id) == (3, 3)
    verify(platform, drawing_id)


def test_banned_picks_are_passed_over_and_flagged_ones_held(platform: Platform) -> None:
    drawing_id, people = closed_drawing(platform, prizes=(1, 1), buyers=5)
    expected = expected_picks(platform, drawing_id, 5)
    with platform.db.unit_of_work() as uow:
        by_ticket = {}
        for person in people:
            for block in buying.tickets.for_user(uow, drawing_id, person):
                for n in range(block.first_ticket_number, block.last_ticket_number + 1):
                    by_ticket[n] = person
        banned, flagged = by_ticket[expected[0]], by_ticket[expected[1]]
        user = users.get(uow, banned)
        users.change_status(
            uow, user, to_status="banned", reason="test", changed_by=None, now=platform.clock()
        )  # type: ignore[arg-type]
        review_flags.insert_many(
            uow, [review_flags.NewFlag(flagged, "manual", {})], platform.clock()
        )
    rows = draws.execute(platform, drawing_id)
    assert [(w.draw_index, w.status) for w in rows] == [
        (0, "forfeited"),
        (1, "held"),
        (2, "awarded"),
    ]
    assert rows[2].replaces_winner_id == rows[0].winner_id
    assert rows[2].prize_id == rows[0].prize_id
    assert counts(platform, drawing_id)[0] == 2
    verify(platform, drawing_id)


def test_fewer_entrants_than_prizes_leaves_slots_unfilled(platform: Platform) -> None:
    drawing_id, people = closed_drawing(platform, prizes=(2, 3), buyers=2)
    rows = draws.execute(platform, drawing_id)
    assert sorted(w.user_id for w in rows) == sorted(people)
    with platform.db.unit_of_work() as uow:
        assert (
            draws.redraw(
                uow,
                drawing_id,
                prize_id=rows[0].prize_id,
                forfeited_winner_id=rows[0].winner_id,
                now=platform.clock(),
            )
            is None
        )
    verify(platform, drawing_id)


def test_only_a_closed_drawing_can_be_drawn(platform: Platform) -> None:
    drawing_id = drawing(platform, admin(platform))
    with pytest.raises(Conflict, match="open and cannot be drawn"):
        draws.execute(platform, drawing_id)
