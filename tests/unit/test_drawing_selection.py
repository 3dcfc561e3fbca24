"""Winner selection: deterministic, unbiased, one pick per member, and the independent
verifier (scripts/verify_drawing.py) agrees with the executor on every input."""

from __future__ import annotations

import hashlib
import importlib.util
import uuid
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fittrack.domain import selection
from fittrack.domain.selection import Block

ROOT = Path(__file__).resolve().parents[2]
DRAWING = uuid.UUID("01a213f9-7648-7fe1-9038-432b3ab89824")


def load_verifier() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "verify_drawing", ROOT / "scripts" / "verify_drawing.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


VERIFIER = load_verifier()


def owner(n: int) -> bytes:
    return hashlib.sha256(f"owner-{n}".encode()).digest()


def make_blocks(spec: list[tuple[int, int]]) -> list[Block]:
    """(size, owner number) pairs -> contiguous blocks from ticket 1."""
    blocks, first = [], 1
    for size, who in spec:
        blocks.append(Block(first=first, last=first + size - 1, owner=owner(who)))
        first += size
    return blocks


snapshots = st.lists(st.tuples(st.integers(1, 6), st.integers(0, 7)), min_size=1, max_size=25)
seeds = st.binary(min_size=32, max_size=32)


@settings(max_examples=150, deadline=None)
@given(snapshots, seeds, seeds)
def test_selection_is_deterministic_and_picks_each_member_once(
    spec: list[tuple[int, int]], seed: bytes, root: bytes
) -> None:
    blocks = make_blocks(spec)
    first = list(selection.picks(seed, root, DRAWING, blocks))
    again = list(selection.picks(seed, root, DRAWING, blocks))
    assert first == again
    owners = [p.owner for p in first]
    assert len(owners) == len(set(owners)) == len({b.owner for b in blocks})
    assert [p.index for p in first] == list(range(len(first)))
    for pick in first:
        block = blocks[pick.block_index]
        assert block.owner == pick.owner and block.first <= pick.ticket_number <= block.last


@settings(max_examples=150, deadline=None)
@given(snapshots, seeds, seeds)
def test_the_independent_verifier_agrees_with_the_executor(
    spec: list[tuple[int, int]], seed: bytes, root: bytes
) -> None:
    blocks = make_blocks(spec)
    ours = [(p.ticket_number, p.owner.hex()) for p in selection.picks(seed, root, DRAWING, blocks)]
    plain = [[b.first, b.last, b.owner.hex()] for b in blocks]
    theirs = VERIFIER.picks(seed, root, DRAWING.bytes, plain, len(ours) + 3)
    assert theirs == ours


def test_a_different_seed_root_or_drawing_changes_the_result() -> None:
    blocks = make_blocks([(50, n) for n in range(40)])
    seed, root = bytes(32), bytes(range(32))
    base = selection.select(seed, root, drawing_id=DRAWING, blocks=blocks, count=5)
    assert (
        selection.select(b"\x01" + seed[1:], root, drawing_id=DRAWING, blocks=blocks, count=5)
        != base
    )
    assert (
        selection.select(seed, b"\x01" + root[1:], drawing_id=DRAWING, blocks=blocks, count=5)
        != base
    )
    assert selection.select(seed, root, drawing_id=uuid.uuid4(), blocks=blocks, count=5) != base


def _chi_square(observed: Counter[int], expected: dict[int, float]) -> float:
    return sum((observed[k] - e) ** 2 / e for k, e in expected.items())


def test_every_ticket_is_equally_likely_to_win() -> None:
    """Chi-square over 6,000 seeds on a small snapshot: the first pick is uniform over the
    6 tickets (df = 5; 20.52 is the 0.1% critical value)."""
    blocks = make_blocks([(1, 0), (2, 1), (3, 2)])
    root = bytes(32)
    draws = 6_000
    seen = Counter(
        selection.select(
            hashlib.sha256(f"seed-{n}".encode()).digest(),
            root,
            drawing_id=DRAWING,
            blocks=blocks,
            count=1,
        )[0].ticket_number
        for n in range(draws)
    )
    assert _chi_square(seen, {t: draws / 6 for t in range(1, 7)}) < 20.52


def test_later_picks_are_uniform_over_the_remaining_members_tickets() -> None:
    """Given who was picked first, the second pick is uniform over everyone else's tickets."""
    blocks = make_blocks([(1, 0), (2, 1), (3, 2)])
    root = bytes(range(32))
    second: Counter[int] = Counter()
    for n in range(9_000):
        first, nxt = selection.select(
            hashlib.sha256(f"s{n}".encode()).digest(),
            root,
            drawing_id=DRAWING,
            blocks=blocks,
            count=2,
        )
        if first.owner == owner(2):  # tickets 4-6 are out: 1, 2, 3 remain
            second[nxt.ticket_number] += 1
    total = sum(second.values())
    assert total > 3_000
    assert _chi_square(second, {t: total / 3 for t in (1, 2, 3)}) < 13.82  # df = 2


class _Scripted(selection.Stream):
    def __init__(self, values: list[int]) -> None:
        super().__init__(bytes(32), bytes(32), DRAWING)
        self.values = values

    def next_u64(self) -> int:
        return self.values.pop(0)


def test_uniform_rejects_values_that_would_bias_the_modulo() -> None:
    limit = (2**64 // 3) * 3
    stream = _Scripted([limit, 2**64 - 1, limit - 1])
    assert stream.uniform(3) == (limit - 1) % 3
    assert stream.values == []
    with pytest.raises(ValueError):
        _Scripted([]).uniform(0)


def test_the_stream_is_sha256_of_the_documented_message() -> None:
    seed, root = bytes(range(32)), bytes(range(32, 64))
    stream = selection.Stream(seed, root, DRAWING)
    message = b"fittrack-draw-v1" + seed + root + DRAWING.bytes + (0).to_bytes(8, "big")
    assert stream.next_u64() == int.from_bytes(hashlib.sha256(message).digest()[:8], "big")


def test_blocks_must_number_tickets_without_gaps() -> None:
    with pytest.raises(ValueError):
        selection.check_blocks(
            [
                Block(first=1, last=2, owner=owner(0)),
                Block(first=4, last=4, owner=owner(1)),
            ]
        )
    assert selection.check_blocks([]) == 0
    assert selection.select(bytes(32), bytes(32), drawing_id=DRAWING, blocks=[], count=3) == []
