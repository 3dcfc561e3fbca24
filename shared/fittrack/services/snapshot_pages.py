"""A frozen snapshot's blocks in pages (GET /drawings/{id}/snapshot/blocks).

An OCI Functions response holds at most 6 MB, and a block is ~85 bytes of JSON, so
the proof document carries a snapshot's blocks inline only up to one page of them;
a bigger snapshot's document says where its pages are instead (docs/drawings.md,
"Blocks in pages").
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from fittrack.domain.errors import FieldError, NotFound, ValidationFailed
from fittrack.repositories import snapshots
from fittrack.schemas.drawings import Block, BlockPagesView, SnapshotBlockPage
from fittrack.services.drawing_views import public_drawing

if TYPE_CHECKING:
    from fittrack.db import UnitOfWork
    from fittrack.domain.tickets import Snapshot
    from fittrack.platform import Platform

# 10,000 blocks are ~0.85 MB of JSON: well inside the 6 MB response with room for the
# rest of a document. Tests lower it to page small drawings.
BLOCK_PAGE_SIZE = 10_000
# A frozen snapshot never changes and a verifier asks for its pages one after another,
# so the last one read stays in this process: reading and parsing a million blocks'
# lists costs ~0.2 s, the page itself ~0.02 s.
_last_read: Snapshot | None = None


def page_count(snapshot: Snapshot) -> int:
    return max(1, -(-snapshot.block_count // BLOCK_PAGE_SIZE))


def inline_blocks(snapshot: Snapshot) -> list[Block] | None:
    """Every block when they fit in one page; None when the document points to pages."""
    if snapshot.block_count > BLOCK_PAGE_SIZE:
        return None
    return blocks_between(snapshot, 0, snapshot.block_count)


def block_pages(snapshot: Snapshot) -> BlockPagesView | None:
    """Where the blocks are when the document does not carry them."""
    if snapshot.block_count <= BLOCK_PAGE_SIZE:
        return None
    return BlockPagesView(
        page_size=BLOCK_PAGE_SIZE,
        page_count=page_count(snapshot),
        url=f"/api/v1/drawings/{snapshot.drawing_id}/snapshot/blocks?page={{page}}",
    )


def blocks_between(snapshot: Snapshot, start: int, stop: int) -> list[Block]:
    """Blocks start..stop-1 in the public form, read from the compact lists (a page of
    a million-block snapshot builds 10,000 tuples, not a million)."""
    lasts, owners = snapshot.lasts, snapshot.owners
    first = lasts[start - 1] + 1 if start else 1
    out: list[Block] = []
    for last, owner in zip(lasts[start:stop], snapshot.owner_index[start:stop], strict=True):
        out.append((first, last, owners[owner]))
        first = last + 1
    return out


def page(platform: Platform, drawing_id: uuid.UUID, number: int) -> SnapshotBlockPage:
    """Page `number` (1-based) of the drawing's frozen blocks: 404 before the snapshot,
    a 400 naming `page` past the last one."""
    with platform.db.unit_of_work(readonly=True) as uow:
        drawing = public_drawing(uow, drawing_id)
        snapshot = _frozen(uow, drawing.drawing_id)
    if snapshot is None:
        raise NotFound("This drawing has no snapshot yet: its blocks are frozen at close.")
    count = page_count(snapshot)
    if number > count:
        raise ValidationFailed(
            [FieldError("page", f"The snapshot has {count} page(s).", "beyond_last_page")]
        )
    start = (number - 1) * BLOCK_PAGE_SIZE
    return SnapshotBlockPage(
        drawing_id=snapshot.drawing_id,
        page=number,
        page_size=BLOCK_PAGE_SIZE,
        page_count=count,
        block_count=snapshot.block_count,
        merkle_root=snapshot.merkle_root,
        blocks=blocks_between(snapshot, start, min(start + BLOCK_PAGE_SIZE, snapshot.block_count)),
    )


def _frozen(uow: UnitOfWork, drawing_id: uuid.UUID) -> Snapshot | None:
    global _last_read
    kept = _last_read
    if kept is not None and kept.drawing_id == drawing_id:
        return kept
    _last_read = snapshots.get(uow, drawing_id)
    return _last_read
