"""Migration 0024: a drawing's entrants are its owner salts. Salts that only a
fittrack-draw-v1 close drew (kept in drawing_entrants) move to drawing_owner_salts,
the salts drawn at entry stay as they were, and drawing_entrants is gone."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from fittrack.db import ids, migrate
from fittrack.db.migrations import load_migrations
from fittrack.platform import Platform
from fittrack.repositories import snapshots
from fittrack.services import lifecycle
from fittrack.services import tickets as buying
from tests.fixtures.drawings import admin, drawing, fresh_platform, member


@pytest.fixture
def platform() -> Iterator[Platform]:
    yield from fresh_platform()


def _entrants_table_sql() -> str:
    (created,) = (
        statement
        for m in load_migrations("sqlite")
        if m.version == "0006"
        for statement in m.statements
        if "CREATE TABLE drawing_entrants" in statement
    )
    return created


def _salts(platform: Platform, drawing_id: uuid.UUID) -> set[tuple[bytes, str, str]]:
    with platform.db.unit_of_work(readonly=True) as uow:
        return {
            (bytes(user), salt, owner)
            for user, salt, owner in uow.query_tuples(
                "SELECT user_id, owner_salt, owner_hash FROM drawing_owner_salts"
                " WHERE drawing_id = :d",
                {"d": ids.to_db(drawing_id)},
            )
        }


def test_salts_drawn_at_a_v1_close_move_over_and_the_table_goes(platform: Platform) -> None:
    boss = admin(platform)
    chained, older = member(platform, 1_000), member(platform, 1_000)
    drawing_id = drawing(platform, boss)
    buying.buy(platform, chained, drawing_id, 2)
    buying.buy(platform, older, drawing_id, 3)
    lifecycle.close_drawing(platform, drawing_id, None)
    before = _salts(platform, drawing_id)
    assert len(before) == 2
    # The schema as it stood before 0024, with `older` salted only at the close.
    with platform.db.unit_of_work() as uow:
        uow.execute(_entrants_table_sql())
        uow.execute(
            "INSERT INTO drawing_entrants (drawing_id, user_id, owner_salt, owner_hash, tickets)"
            " SELECT drawing_id, user_id, owner_salt, owner_hash, 1 FROM drawing_owner_salts"
            " WHERE drawing_id = :d",
            {"d": ids.to_db(drawing_id)},
        )
        uow.execute("DELETE FROM drawing_owner_salts WHERE user_id = :u", {"u": ids.to_db(older)})
        uow.execute("DELETE FROM schema_migrations WHERE version = '0024'")
    assert len(_salts(platform, drawing_id)) == 1

    assert migrate(platform.db) == ["0024"]

    assert _salts(platform, drawing_id) == before
    with platform.db.unit_of_work(readonly=True) as uow:
        entrant = snapshots.entrant(uow, drawing_id, older)
        tables = {r["name"] for r in uow.query("SELECT name FROM sqlite_master")}
    assert entrant is not None and entrant.user_id == older
    assert "drawing_entrants" not in tables
