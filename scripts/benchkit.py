"""What every bench script shares: recording a figure for the one report.

`record()` appends one figure as a JSON line to $FITTRACK_BENCH_OUT (`make bench` points it at
.bench/run.jsonl); scripts/bench_report.py turns a run's lines into .bench/latest.json and
the table. Run on its own, a script still prints its own lines and records nothing.
"""

from __future__ import annotations

import json
import os
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
