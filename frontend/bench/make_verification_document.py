"""Writes a real verification document for a drawing of 100,000 blocks to the path given.

The drawing is built, closed and drawn by the project's own services with the bulk
helpers of scripts/bench_drawings.py (20,000 members x 5 blocks x 10 tickets, 10
prizes), then serialised exactly as GET /api/v1/drawings/{id}/verification answers,
with the first member's inclusion proofs (`myEntries`). Its snapshot is past one page
of blocks, so the document points to its pages, which go to OUT-pages.json (a list of
GET /api/v1/drawings/{id}/snapshot/blocks?page=N answers, N = 1...), and the
platform's transparency log, which a v2 drawing is checked against, to OUT-log.json
({key, checkpoint, entries}). Prints that member's id.

    .venv/bin/python frontend/bench/make_verification_document.py OUT.json
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from pydantic import BaseModel

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import bench_drawings as bench  # noqa: E402 (scripts/ is not a package)

from fittrack.schemas.transparency import TransparencyQuery  # noqa: E402
from fittrack.services import (  # noqa: E402
    draws,
    lifecycle,
    snapshot_pages,
    transparency,
    verification,
)

MEMBERS, BLOCKS_EACH, PRIZES = 20_000, 5, 10


def main(out: str) -> None:
    with bench._beacon(), tempfile.TemporaryDirectory(prefix="fittrack-bench-verify-") as folder:
        platform = bench._platform(folder)
        members = bench._members(platform, MEMBERS, 0)
        drawing_id = bench._drawing(platform, PRIZES)
        bench._fill(platform, drawing_id, members, BLOCKS_EACH)
        lifecycle.close_drawing(platform, drawing_id, None)
        draws.execute(platform, drawing_id)
        document = verification.verification(platform, drawing_id, members[0])
        pointed = document.snapshot.block_pages if document.snapshot else None
        count = pointed.page_count if pointed else 0
        pages = [snapshot_pages.page(platform, drawing_id, n) for n in range(1, count + 1)]
        log = {
            "key": _wire(transparency.public_key(platform)),
            "checkpoint": _wire(transparency.checkpoint(platform)),
            "entries": _wire(transparency.entries(platform, TransparencyQuery.model_validate({})))[
                "entries"
            ],
        }
        platform.close()
    Path(out).write_text(_json(document))
    _beside(out, "pages").write_text(f"[{','.join(_json(p) for p in pages)}]")
    _beside(out, "log").write_text(json.dumps(log))
    print(members[0])


def _beside(out: str, what: str) -> Path:
    return Path(out).with_name(f"{Path(out).stem}-{what}.json")


def _wire(model: BaseModel) -> Any:
    return model.model_dump(mode="json", by_alias=True)


def _json(model: BaseModel) -> str:
    return json.dumps(_wire(model))


if __name__ == "__main__":
    main(sys.argv[1])
