"""The purchase chain's marks (the head after each full run of entries) are the heads
the chain passes through, and a member's head recomputes from the mark before it."""

from __future__ import annotations

import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from fittrack.domain import entries

DRAWING = uuid.UUID("0b5e8c1e-4f7a-4c55-9a53-2f64f0a3c0de")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.binary(min_size=32, max_size=32), min_size=0, max_size=60),
    st.integers(1, 9),
)
def test_marks_are_the_heads_after_each_full_run(leaves: list[bytes], every: int) -> None:
    heads = entries.heads(DRAWING, leaves)
    head, marks = entries.final_head_and_marks(DRAWING, leaves, every)
    assert head == (heads[-1] if heads else entries.start(DRAWING))
    assert head == entries.final_head(DRAWING, leaves)
    assert marks == [heads[k - 1] for k in range(every, len(leaves) + 1, every)]
    for k, expected in enumerate(heads):
        run = k // every
        before = marks[run - 1] if run else entries.start(DRAWING)
        again = entries.heads_after(before, leaves[run * every : k + 1])
        assert again[-1] == expected


def test_marks_need_a_positive_run() -> None:
    try:
        entries.final_head_and_marks(DRAWING, [b"\0" * 32], 0)
    except ValueError:
        return
    raise AssertionError("a run of 0 entries was accepted")
