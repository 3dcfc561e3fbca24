"""The one benchmark report: `make bench` and `make bench-compare`.

  bench_report.py start                  forget the current run's figures
  bench_report.py run [--cwd D] -- CMD   run one bench script; add its CPU and wall time
  bench_report.py finish                 write .bench/latest.json, add it to the history,
                                         print every figure beside the previous run's
  bench_report.py compare                exit 1 when a figure of the latest run regressed
                                         beyond its noise band

Each figure is {name, value, unit, target, met, better}. The noise band of a figure is
measured over the earlier runs in .bench/history.jsonl: three relative standard deviations
of its values, never under MIN_BAND; with fewer than MIN_RUNS earlier runs it is
DEFAULT_BAND (timings on a shared machine easily move by a quarter).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from benchkit import record

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(os.environ.get("FITTRACK_BENCH_DIR", ROOT / ".bench"))
RUN = BENCH / "run.jsonl"
LATEST = BENCH / "latest.json"
HISTORY = BENCH / "history.jsonl"

MIN_BAND = 0.10
DEFAULT_BAND = 0.30
MIN_RUNS = 3
HISTORY_WINDOW = 10
RUN_CPU = "CPU time (all processes)"
# A script's CPU time is compared once it is long enough to mean something: under a
# second it is mostly interpreter start-up, which moves by a third on a busy machine.
MIN_RUN_CPU_SECONDS = 1.0


# ---- one run ---------------------------------------------------------------------


def start() -> None:
    BENCH.mkdir(exist_ok=True)
    RUN.write_text("", encoding="utf-8")


def run(command: list[str], cwd: str | None) -> int:
    os.environ["FITTRACK_BENCH_OUT"] = str(RUN)
    scripts = [part for part in command if part.endswith((".py", ".mjs"))]
    label = Path(scripts[0]).stem if scripts else Path(command[0]).name
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    code = subprocess.call(command, cwd=cwd)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    record(f"{label}: {RUN_CPU}", cpu, "s")
    record(f"{label}: wall time", wall, "s")
    return code


def _read_run() -> list[dict]:
    if not RUN.exists():
        return []
    lines = RUN.read_text(encoding="utf-8").splitlines()
    return [_with_met(json.loads(line)) for line in lines if line.strip()]


def _with_met(figure: dict) -> dict:
    target = figure.get("target")
    if target is None:
        figure["met"] = None
    elif figure.get("better") == "higher":
        figure["met"] = figure["value"] >= target
    else:
        figure["met"] = figure["value"] <= target
    return figure


def finish() -> None:
    figures = _read_run()
    history = _history()
    report = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "system": platform.platform(),
        },
        "figures": figures,
    }
    LATEST.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    with HISTORY.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(report) + "\n")
    previous = _values_by_name(history[-1:])
    print(_table(figures, {name: values[-1] for name, values in previous.items()}))
    print(f"\n{len(figures)} figures in {LATEST}; `make bench-compare` checks them.")


# ---- history and comparison ------------------------------------------------------------


def _history() -> list[dict]:
    if not HISTORY.exists():
        return []
    return [json.loads(line) for line in HISTORY.read_text(encoding="utf-8").splitlines() if line]


def _values_by_name(reports: list[dict]) -> dict[str, list[float]]:
    values: dict[str, list[float]] = {}
    for report in reports:
        for figure in report["figures"]:
            values.setdefault(figure["name"], []).append(figure["value"])
    return values


def noise_band(earlier: list[float]) -> float:
    if len(earlier) < MIN_RUNS:
        return DEFAULT_BAND
    mean = statistics.fmean(earlier)
    if mean == 0:
        return MIN_BAND
    return max(MIN_BAND, 3 * statistics.stdev(earlier) / abs(mean))


def regression(figure: dict, earlier: list[float]) -> str | None:
    """Why the figure regressed against the earlier runs' median, or None."""
    if not earlier:
        return None
    reference = statistics.median(earlier)
    if figure["name"].endswith(RUN_CPU) and reference < MIN_RUN_CPU_SECONDS:
        return None  # start-up and the kernel's 10 ms accounting tick, not the bench
    band = noise_band(earlier)
    if figure.get("better") == "higher":
        worse, limit = figure["value"] < reference * (1 - band), reference * (1 - band)
    else:
        worse, limit = figure["value"] > reference * (1 + band), reference * (1 + band)
    if not worse:
        return None
    return (
        f"{figure['name']}: {figure['value']:g} {figure['unit']} against a median of "
        f"{reference:g} over {len(earlier)} runs (noise band {band:.0%}, limit {limit:g})"
    )


def compare() -> int:
    history = _history()
    if len(history) < 2:
        print("bench-compare: fewer than two runs in .bench/history.jsonl; run `make bench` again.")
        return 0
    latest, earlier = history[-1], _values_by_name(history[-1 - HISTORY_WINDOW : -1])
    found = [
        reason
        for figure in latest["figures"]
        if not figure["name"].endswith("wall time")
        if (reason := regression(figure, earlier.get(figure["name"], []))) is not None
    ]
    unmet = [f["name"] for f in latest["figures"] if f.get("met") is False]
    for reason in found:
        print(f"REGRESSED  {reason}")
    for name in unmet:
        print(f"TARGET NOT MET  {name}")
    checked = len(latest["figures"])
    print(f"bench-compare: {checked} figures, {len(found)} regressed, {len(unmet)} below target")
    return 1 if found else 0


# ---- printing ------------------------------------------------------------------------


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.3f}".rstrip("0").rstrip(".") if abs(value) < 1000 else f"{value:,.0f}"


def _table(figures: list[dict], previous: dict[str, float]) -> str:
    rows = [("figure", "value", "previous", "change", "target", "met")]
    for figure in figures:
        before = previous.get(figure["name"])
        change = "-"
        if before:
            change = f"{(figure['value'] - before) / before:+.0%}"
        target = figure.get("target")
        sign = ">=" if figure.get("better") == "higher" else "<="
        rows.append(
            (
                figure["name"],
                f"{_number(figure['value'])} {figure['unit']}",
                f"{_number(before)}" if before is not None else "-",
                change,
                f"{sign} {_number(target)}" if target is not None else "-",
                {True: "yes", False: "NO", None: ""}[figure.get("met")],
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("start")
    runner = sub.add_parser("run")
    runner.add_argument("--cwd")
    runner.add_argument("cmd", nargs=argparse.REMAINDER)
    sub.add_parser("finish")
    sub.add_parser("compare")
    args = parser.parse_args(argv)
    if args.command == "start":
        start()
        return 0
    if args.command == "run":
        command = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
        return run(command, args.cwd)
    if args.command == "finish":
        finish()
        return 0
    return compare()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
