"""What every bench script shares: recording a figure for the one report.

`record()` appends one figure as a JSON line to $FITTRACK_BENCH_OUT (`make bench` points it at
.bench/run.jsonl); scripts/bench_report.py turns a run's lines into .bench/latest.json and
the table. Run on its own, a script still prints its own lines and records nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from typing import Literal

Better = Literal["lower", "higher"]


def record(
    name: str,
    value: float,
    unit: str,
    *,
    target: float | None = None,
    better: Better = "lower",
) -> None:
    out = os.environ.get("FITTRACK_BENCH_OUT")
    if not out:
        return
    figure = {"name": name, "value": round(value, 4), "unit": unit, "target": target}
    figure["better"] = better
    with open(out, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(figure) + "\n")


def sha256_pass_seconds(calls: int = 1_000_000) -> float:
    """CPU seconds of `calls` SHA-256 calls on 81-byte inputs (one Merkle leaf each) from
    Python: the unit a draw's close is made of, to compare closes across machines."""
    sha, data = hashlib.sha256, [i.to_bytes(81, "big") for i in range(calls)]
    began = time.process_time()
    for one in data:
        sha(one).digest()
    return time.process_time() - began
