"""The public transparency log on a real SQLite file: every drawing event is chained in
the transaction that makes it, checkpoints are signed Ed25519 notes, and a rewritten
entry or a forked history is caught by anyone who kept a checkpoint."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fittrack.domain import transparency as log
from fittrack.platform import Platform
from fittrack.repositories import transparency as repo
from fittrack.schemas.transparency import TransparencyQuery
from fittrack.services import draws, lifecycle, transparency
from fittrack.services import tickets as buying
from tests.fixtures.drawings import admin, drawing, fresh_platform, member


@pytest.fixture
def platform(fittrack_home: Path) -> Iterator[Platform]:
    yield from fresh_platform()


def run_a_drawing(platform: Platform) -> None:
    boss = admin(platform)
    drawing_id = drawing(platform, boss, prizes_=(1,), cost=10)
    for n in range(3):
        buying.buy(platform, member(platform, balance=500), drawing_id, n + 1)
    lifecycle.close_drawing(platform, drawing_id, boss)
    draws.execute(platform, drawing_id, boss)


def all_entries(platform: Platform) -> list[log.Entry]:
    with platform.db.unit_of_work(readonly=True) as uow:
        return repo.entries(uow, 1, 10_000)


def test_every_event_is_chained_and_public(platform: Platform) -> None:
    run_a_drawing(platform)
    entries = all_entries(platform)
    bodies = [json.loads(e.body) for e in entries]
    assert [b["event"] for b in bodies] == ["drawing.opened", "drawing.closed", "drawing.executed"]
    assert bodies[0]["seedCommitment"] and bodies[0]["beaconRound"] > 0
    assert bodies[1]["entriesHead"] and bodies[1]["merkleRoot"]
    assert bodies[2]["seed"] and bodies[2]["picks"][0]["drawIndex"] == 0
    assert log.chain_breaks(entries) is None
    page = transparency.entries(platform, TransparencyQuery.model_validate({"from": 2, "to": 3}))
    assert [e.seq for e in page.entries] == [2, 3] and page.size == 3


def test_the_checkpoint_is_a_signed_note_the_published_key_verifies(platform: Platform) -> None:
    run_a_drawing(platform)
    point = transparency.checkpoint(platform)
    key = transparency.public_key(platform)
    checkpoint, name, key_id, signature = log.parse_note(point.note)
    assert (checkpoint.size, checkpoint.head, name) == (
        3,
        all_entries(platform)[-1].entry_hash,
        key.key_name,
    )
    raw = bytes.fromhex(key.public_key)
    assert key_id == log.key_id(name, raw)
    Ed25519PublicKey.from_public_bytes(raw).verify(signature, log.note_text(checkpoint).encode())
    forged = replace(checkpoint, size=2)
    with pytest.raises(InvalidSignature):
        Ed25519PublicKey.from_public_bytes(raw).verify(signature, log.note_text(forged).encode())


def test_a_rewritten_entry_and_a_forked_history_are_caught(platform: Platform) -> None:
    run_a_drawing(platform)
    kept, _, _, _ = log.parse_note(transparency.checkpoint(platform).note)
    run_a_drawing(platform)  # the log grows
    later = all_entries(platform)
    assert log.extends(kept, later)
    body = json.loads(later[1].body)
    body["merkleRoot"] = "00" * 32
    rewritten = [*later[:1], replace(later[1], body=json.dumps(body)), *later[2:]]
    assert log.chain_breaks(rewritten) == 2
    # A fork re-chains everything after the change: it hashes fine on its own, but not
    # through the head a keeper saw.
    forked, prev = [], log.GENESIS
    for e in rewritten:
        forked.append(
            log.Entry(
                seq=e.seq, body=e.body, prev_hash=prev, entry_hash=log.entry_hash(prev, e.body)
            )
        )
        prev = forked[-1].entry_hash
    assert log.chain_breaks(forked) is None
    assert not log.extends(kept, forked)


def test_the_log_refuses_updates_and_deletes(platform: Platform) -> None:
    run_a_drawing(platform)
    for sql in ("UPDATE transparency_log SET body = '{}'", "DELETE FROM transparency_log"):
        with pytest.raises(Exception, match="append-only"), platform.db.unit_of_work() as uow:
            uow.execute(sql)
    assert len(all_entries(platform)) == 3


def test_the_verifier_checks_the_drawing_against_the_log(platform: Platform) -> None:
    from fittrack.services import verification
    from tests.unit.test_drawing_selection import VERIFIER

    run_a_drawing(platform)
    with platform.db.unit_of_work(readonly=True) as uow:
        drawing_id = uuid.UUID(json.loads(repo.entries(uow, 1, 1)[0].body)["drawingId"])
    doc = verification.verification(platform, drawing_id, None).model_dump(
        mode="json", by_alias=True
    )
    page = transparency.entries(platform, TransparencyQuery.model_validate({"from": 1}))
    entries = page.model_dump(mode="json", by_alias=True)["entries"]
    status, lines = VERIFIER.verify(doc, entries)
    assert status == 0, "\n".join(lines)
    assert sum("the log" in line for line in lines) == 5
    hidden = json.loads(json.dumps(doc))
    hidden["winners"][0]["status"] = "forfeited"  # a forfeit the log never saw
    assert VERIFIER.verify(hidden, entries)[0] == 1
    rewritten = json.loads(json.dumps(entries))
    rewritten[0]["body"] = rewritten[0]["body"].replace('"drawing.opened"', '"drawing.x"')
    assert VERIFIER.verify(doc, rewritten)[0] == 1
