"""Writes a real verification document for a drawing of 100,000 blocks to the path given.

The drawing is built, closed and drawn by the project's own services with the bulk
helpers of scripts/bench_drawings.py (20,000 members x 5 blocks x 10 tickets, 10
prizes), then serialised exactly as GET /api/v1/drawings/{id}/verification answers,
with the first member's inclusion proofs (`myEntries`). Prints that member's id.

    .venv/bin/python frontend/bench/make_verification_document.py OUT.json
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import bench_drawings as bench  # noqa: E402 (scripts/ is not a package)

from fittrack.services import draws, lifecycle, verification  # noqa: E402


def main(out: str) -> None:
    with tempfile.TemporaryDirectory(prefix="fittrack-bench-verify-") as folder:
        platform = bench._platform(folder)
        members = bench._members(platform, bench.MEMBERS, 0)
        drawing_id = bench._drawing(platform, bench.PRIZES)
        bench._fill(platform, drawing_id, members)
        lifecycle.close_drawing(platform, drawing_id, None)
        draws.execute(platform, drawing_id)
        document = verification.verification(platform, drawing_id, members[0])
        platform.close()
    Path(out).write_text(json.dumps(document.model_dump(mode="json", by_alias=True)))
    print(members[0])


if __name__ == "__main__":
    main(sys.argv[1])
