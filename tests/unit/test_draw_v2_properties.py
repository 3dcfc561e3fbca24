"""fittrack-draw-v2's winners are a pure function of the committed terms, the entries and
the beacon round (docs/drawings.md, "The draw, step by step"), computed here from the pure
domain functions the executor uses and checked against the reference verifier.

Only what the algorithm leaves free may vary without changing the result: the order in
which prizes are handed to the terms (they are committed by rank) and the order in which
entries arrive (the snapshot is in ticket order). A snapshot in any other order is refused.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fittrack.domain import beacon, draw_terms, entries, merkle, selection
from fittrack.domain.selection import Block
from tests.unit.test_drawing_selection import VERIFIER

FIXTURES = json.loads((Path(__file__).parents[1] / "fixtures" / "drand_rounds.json").read_text())
QUICKNET_INFO = FIXTURES["chains"]["mainnet-quicknet"]["info"]
QUICKNET = beacon.parse_info(QUICKNET_INFO, QUICKNET_INFO["hash"])
DRAWING = uuid.UUID("01a213f9-7648-7fe1-9038-432b3ab89824")
CLOSE = datetime(2026, 6, 14, 0, 55, tzinfo=UTC)
ROUND = beacon.draw_round(QUICKNET, CLOSE)
# A bound, not a hope: the first pick is uniform over N >= 2 tickets, so 64 independent
# beacon values all give the same first pick with probability N * N**-64 <= 2**-63.
BEACON_VALUES = 64

Winners = list[tuple[str, int, bytes]]  # (prize id hex, winning ticket, owner hash) per slot


def member(n: int) -> uuid.UUID:
    return uuid.UUID(int=0x0190_0000_0000_7000_8000_0000_0000_0000 + n)


def snapshot(sizes: Sequence[tuple[int, int]], salts: Sequence[bytes]) -> list[Block]:
    """(size, member) purchases in ticket order -> the frozen blocks, one salt per member."""
    blocks, first = [], 1
    for size, who in sizes:
        owner = selection.owner_hash(salts[who % len(salts)], member(who % len(salts)))
        blocks.append(Block(first, first + size - 1, owner))
        first += size
    return blocks


def terms_document(prizes: Sequence[draw_terms.PrizeTerm]) -> tuple[str, dict[str, Any]]:
    """The canonical terms as published, and the document a verifier parses from them."""
    text = draw_terms.canonical(
        draw_terms.terms(
            algorithm=selection.V2,
            drawing_id=DRAWING,
            ticket_cost_points=100,
            sales_close_time=CLOSE,
            drawing_time=CLOSE + timedelta(minutes=5),
            eligibility={"userType": "all", "minAccountAgeDays": 7},
            prizes=prizes,
            info=QUICKNET,
            round_number=ROUND,
        )
    )
    return text, json.loads(text)


def draw(document: dict[str, Any], blocks: Sequence[Block], found: beacon.Round) -> Winners:
    """The winners from public data alone: slots by rank, picks from the round's randomness."""
    drawing_id = uuid.UUID(document["drawingId"])
    root = merkle.root(merkle.leaf_hashes(blocks))
    slots = [p["prizeId"] for p in document["prizes"] for _ in range(p["quantity"])]
    chosen = selection.select(
        found.randomness,
        root,
        drawing_id=drawing_id,
        blocks=blocks,
        count=len(slots),
        algorithm=document["algorithm"],
    )
    return [(slot, p.ticket_number, p.owner) for slot, p in zip(slots, chosen, strict=False)]


def verifier_draw(
    document: dict[str, Any], blocks: Sequence[Block], found: beacon.Round
) -> Winners:
    plain = [[b.first, b.last, b.owner.hex()] for b in blocks]
    root = bytes.fromhex(VERIFIER.merkle_root(plain))
    slots = [
        p["prizeId"]
        for p in sorted(document["prizes"], key=lambda p: p["rank"])
        for _ in range(p["quantity"])
    ]
    drawing_id = uuid.UUID(document["drawingId"]).bytes
    chosen = VERIFIER.picks(found.randomness, root, drawing_id, plain, len(slots), selection.V2)
    return [(s, t, bytes.fromhex(o)) for s, (t, o) in zip(slots, chosen, strict=False)]


def a_round(signature: bytes) -> beacon.Round:
    return beacon.Round(number=ROUND, signature=signature)


purchases = st.lists(st.tuples(st.integers(1, 6), st.integers(0, 7)), min_size=1, max_size=20)
salt_lists = st.lists(st.binary(min_size=16, max_size=16), min_size=1, max_size=8, unique=True)
signatures = st.binary(min_size=48, max_size=48)  # quicknet signs on G1: 48 bytes
prize_lists = st.lists(
    st.tuples(
        st.uuids(),
        st.text(min_size=1, max_size=12),
        st.integers(0, 1_000_000),
        st.integers(1, 3),
    ),
    min_size=1,
    max_size=4,
    unique_by=lambda p: p[0],
).map(
    lambda rows: [
        draw_terms.PrizeTerm(
            prize_id=prize_id,
            rank=rank,
            name=name,
            value_usd=Decimal(cents) / 100,
            quantity=quantity,
        )
        for rank, (prize_id, name, cents, quantity) in enumerate(rows, start=1)
    ]
)


@settings(max_examples=120, deadline=None)
@given(prize_lists, purchases, salt_lists, signatures, st.randoms(use_true_random=False))
def test_the_same_terms_entries_and_round_give_the_same_winners(
    prizes: list[draw_terms.PrizeTerm],
    sizes: list[tuple[int, int]],
    salts: list[bytes],
    signature: bytes,
    rng: Any,
) -> None:
    text, document = terms_document(prizes)
    blocks = snapshot(sizes, salts)
    found = a_round(signature)
    winners = draw(document, blocks, found)
    assert winners == draw(document, blocks, found)
    assert winners == verifier_draw(document, blocks, found)
    slots = sum(p.quantity for p in prizes)
    assert len(winners) == min(slots, len({b.owner for b in blocks}))
    assert len({owner for _, _, owner in winners}) == len(winners)

    shuffled_prizes = rng.sample(prizes, len(prizes))
    again_text, again = terms_document(shuffled_prizes)
    assert again_text == text
    assert draw_terms.commitment(again_text) == draw_terms.commitment(text)
    arrived = rng.sample(blocks, len(blocks))  # rows in any order, frozen in ticket order
    assert draw(again, sorted(arrived, key=lambda b: b.first), found) == winners


@settings(max_examples=80, deadline=None)
@given(
    purchases.filter(lambda sizes: len(sizes) >= 2),
    salt_lists,
    signatures,
    st.randoms(use_true_random=False),
)
def test_a_snapshot_in_another_order_than_the_tickets_is_refused(
    sizes: list[tuple[int, int]], salts: list[bytes], signature: bytes, rng: Any
) -> None:
    blocks = snapshot(sizes, salts)
    reordered = rng.sample(blocks, len(blocks))
    if reordered == blocks:
        reordered = blocks[1:] + blocks[:1]
    _, document = terms_document(
        [
            draw_terms.PrizeTerm(
                prize_id=uuid.UUID(int=1), rank=1, name="Grand", value_usd=Decimal(50), quantity=1
            )
        ]
    )
    with pytest.raises(ValueError, match="contiguous"):
        draw(document, reordered, a_round(signature))


@settings(max_examples=60, deadline=None)
@given(
    prize_lists,
    purchases,
    salt_lists.filter(lambda salts: len(salts) >= 2),
    st.lists(signatures, min_size=BEACON_VALUES, max_size=BEACON_VALUES, unique=True),
)
def test_another_beacon_value_changes_the_winners(
    prizes: list[draw_terms.PrizeTerm],
    sizes: list[tuple[int, int]],
    salts: list[bytes],
    values: list[bytes],
) -> None:
    blocks = snapshot([*sizes, (1, 0), (1, 1)], salts)  # at least two members: not trivial
    _, document = terms_document(prizes)
    seen = {tuple(draw(document, blocks, a_round(value))) for value in values}
    assert len(seen) > 1


def test_the_published_quicknet_rounds_each_draw_other_winners() -> None:
    """302 tickets, 6 entrants (the audit's drawing), drawn with drand's real rounds."""
    salts = [bytes([n]) * 16 for n in range(6)]
    blocks = snapshot(
        [(size, n % 6) for n, size in enumerate([40, 61, 7, 55, 33, 12, 50, 44])], salts
    )
    assert blocks[-1].last == 302
    _, document = terms_document(
        [
            draw_terms.PrizeTerm(
                prize_id=uuid.UUID(int=rank),
                rank=rank,
                name=f"Prize {rank}",
                value_usd=Decimal(rank * 10),
                quantity=1,
            )
            for rank in (1, 2, 3)
        ]
    )
    rounds = [
        beacon.parse_round(doc, QUICKNET)
        for doc in FIXTURES["chains"]["mainnet-quicknet"]["rounds"]
    ]
    results = [tuple(draw(document, blocks, r)) for r in rounds]
    assert len(set(results)) == len(results)


@st.composite
def tampered(draw_from: st.DrawFn) -> tuple[list[Block], list[Block]]:
    """A snapshot and the same snapshot with one entry re-salted, resized or slipped in."""
    sizes, salts = draw_from(purchases), draw_from(salt_lists)
    blocks = snapshot(sizes, salts)
    i = draw_from(st.integers(0, len(blocks) - 1))
    first, last, owner = blocks[i]
    changed = list(blocks)
    how = draw_from(st.sampled_from(["re-salt", "range", "slip in"]))
    if how == "re-salt":  # the member of block i gets another salt, so all their blocks change
        who = sizes[i][1] % len(salts)
        salt = draw_from(st.binary(min_size=16, max_size=16).filter(lambda s: s != salts[who]))
        changed = snapshot(sizes, [salt if n == who else s for n, s in enumerate(salts)])
    elif how == "range" and i + 1 < len(blocks) and (last > first or blocks[i + 1].size > 1):
        shift = 1 if blocks[i + 1].size > 1 else -1  # keep both blocks nonempty
        nxt = blocks[i + 1]
        changed[i] = Block(first, last + shift, owner)
        changed[i + 1] = Block(nxt.first + shift, nxt.last, nxt.owner)
    else:  # the last block grows, or an entry is added after it
        end = blocks[-1]
        if how == "range":
            changed[-1] = Block(end.first, end.last + 1, end.owner)
        else:
            changed.append(Block(end.last + 1, end.last + 1, owner))
    return blocks, changed


@settings(max_examples=150, deadline=None)
@given(tampered())
def test_changing_any_entry_changes_the_root_and_the_purchase_chain(
    pair: tuple[list[Block], list[Block]],
) -> None:
    blocks, changed = pair
    assert changed != blocks
    published_root = merkle.root(merkle.leaf_hashes(blocks))
    published_head = entries.final_head(DRAWING, merkle.leaf_hashes(blocks))
    plain = [[b.first, b.last, b.owner.hex()] for b in changed]
    assert VERIFIER.merkle_root(plain) != published_root.hex()
    assert VERIFIER.chain_heads(DRAWING.bytes, plain)[-1] != published_head.hex()
    assert merkle.root(merkle.leaf_hashes(changed)) != published_root
    # the root is in every hashed input of the stream: the same round draws from another stream
    seed = bytes(32)
    ours = selection.Stream(seed, published_root, DRAWING, selection.V2).next_u64()
    theirs = selection.Stream(
        seed, merkle.root(merkle.leaf_hashes(changed)), DRAWING, selection.V2
    ).next_u64()
    assert ours != theirs


def _leaves(document: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    if isinstance(document, dict):
        return [leaf for key, value in document.items() for leaf in _leaves(value, (*path, key))]
    if isinstance(document, list):
        return [leaf for i, value in enumerate(document) for leaf in _leaves(value, (*path, i))]
    return [(path, document)]


def _other(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    return f"{value}0"


@settings(max_examples=100, deadline=None)
@given(prize_lists, st.data())
def test_changing_any_term_changes_the_commitment(
    prizes: list[draw_terms.PrizeTerm], data: st.DataObject
) -> None:
    text, document = terms_document(prizes)
    path, value = data.draw(st.sampled_from(_leaves(document)))
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = _other(value)
    assert draw_terms.commitment(draw_terms.canonical(document)) != draw_terms.commitment(text)
