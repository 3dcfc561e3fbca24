"""The packed form of a frozen snapshot's blocks (repositories/packed_blocks.py)."""

from __future__ import annotations

import hashlib

import pytest

from fittrack.repositories import packed_blocks

OWNERS = [hashlib.sha256(bytes([n])).hexdigest() for n in range(3)]


def test_a_snapshot_unpacks_to_what_was_packed() -> None:
    lasts, owner_index = [3, 5, 6, 9, 20], [0, 1, 0, 2, 1]
    data = packed_blocks.pack(OWNERS, lasts, owner_index, total_tickets=20)
    assert len(data) == 3 * 32 + 5 * (4 + 4)
    assert data[:32] == bytes.fromhex(OWNERS[0])
    assert data[96:100] == (3).to_bytes(4, "little")  # the first block's last ticket
    assert data[-4:] == (1).to_bytes(4, "little")  # the last block's owner
    assert packed_blocks.unpack(data, 3, 5, 20) == (OWNERS, lasts, owner_index)


def test_ticket_numbers_past_32_bits_take_8_bytes() -> None:
    big = [1 << 32, (1 << 40) + 7]
    data = packed_blocks.pack(OWNERS[:1], big, [0, 0], total_tickets=big[-1])
    assert len(data) == 32 + 2 * (8 + 4)
    assert packed_blocks.unpack(data, 1, 2, big[-1]) == (OWNERS[:1], big, [0, 0])
    with pytest.raises(OverflowError):
        packed_blocks.pack(OWNERS[:1], big, [0, 0], total_tickets=(1 << 32) - 1)


def test_an_empty_snapshot_packs_to_nothing() -> None:
    assert packed_blocks.pack([], [], [], total_tickets=0) == b""
    assert packed_blocks.unpack(b"", 0, 0, 0) == ([], [], [])


def test_bytes_that_do_not_fit_the_counts_are_refused() -> None:
    data = packed_blocks.pack(OWNERS, [2, 4], [0, 2], total_tickets=4)
    for wrong in (data[:-1], data + b"\x00", data[:-8]):
        with pytest.raises(ValueError, match="packed blocks hold"):
            packed_blocks.unpack(wrong, 3, 2, 4)
    with pytest.raises(ValueError, match="packed blocks hold"):
        packed_blocks.unpack(data, 3, 3, 4)


def test_blocks_without_an_owner_each_are_refused() -> None:
    with pytest.raises(ValueError, match="every block"):
        packed_blocks.pack(OWNERS, [2, 4], [0], total_tickets=4)
