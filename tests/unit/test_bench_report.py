"""scripts/bench_report.py: one report per `make bench`, and bench-compare's verdict."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "scripts" / "bench_report.py"


def report(bench_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FITTRACK_BENCH_DIR": str(bench_dir), "PYTHONPATH": str(ROOT / "scripts")}
    env.pop("FITTRACK_BENCH_OUT", None)
    return subprocess.run(
        [sys.executable, str(REPORT), *args], env=env, capture_output=True, text=True, check=False
    )


def bench_run(
    bench_dir: Path, latency: float, throughput: float
) -> subprocess.CompletedProcess[str]:
    """One `make bench`: a script records two figures through benchkit, then the report."""
    assert report(bench_dir, "start").returncode == 0
    script = (
        "from benchkit import record\n"
        f"record('read p95', {latency}, 'ms', target=50)\n"
        f"record('purchases', {throughput}, '/s', target=100, better='higher')\n"
    )
    ran = report(bench_dir, "run", "--", sys.executable, "-c", script)
    assert ran.returncode == 0, ran.stderr
    return report(bench_dir, "finish")


@pytest.fixture
def bench_dir(tmp_path: Path) -> Path:
    return tmp_path / ".bench"


def test_a_run_writes_every_figure_with_its_target_and_the_previous_value(bench_dir: Path) -> None:
    bench_run(bench_dir, 40.0, 120.0)
    second = bench_run(bench_dir, 60.0, 90.0)
    latest = json.loads((bench_dir / "latest.json").read_text())
    figures = {f["name"]: f for f in latest["figures"]}
    assert figures["read p95"] == {
        "name": "read p95",
        "value": 60.0,
        "unit": "ms",
        "target": 50,
        "better": "lower",
        "met": False,
    }
    assert figures["purchases"]["met"] is False
    assert {"python: CPU time (all processes)", "python: wall time"} <= figures.keys()
    row = next(line for line in second.stdout.splitlines() if line.startswith("read p95"))
    assert row.split()[2:7] == ["60", "ms", "40", "+50%", "<="]
    assert len((bench_dir / "history.jsonl").read_text().splitlines()) == 2


def test_compare_fails_only_beyond_the_measured_noise_band(bench_dir: Path) -> None:
    for latency in (40.0, 41.0, 39.0, 40.5):
        bench_run(bench_dir, latency, 120.0)
    assert report(bench_dir, "compare").returncode == 0  # within 10 % of the median

    bench_run(bench_dir, 48.0, 120.0)  # +20 %, beyond the band of runs that agree closely
    verdict = report(bench_dir, "compare")
    assert verdict.returncode == 1
    assert "REGRESSED  read p95: 48 ms" in verdict.stdout


def test_a_drop_in_a_higher_is_better_figure_is_a_regression(bench_dir: Path) -> None:
    for throughput in (120.0, 118.0, 121.0):
        bench_run(bench_dir, 40.0, throughput)
    bench_run(bench_dir, 40.0, 80.0)
    verdict = report(bench_dir, "compare")
    assert verdict.returncode == 1 and "REGRESSED  purchases: 80 /s" in verdict.stdout


def test_noisy_figures_get_a_wider_band(bench_dir: Path) -> None:
    for latency in (30.0, 50.0, 40.0, 60.0, 20.0):
        bench_run(bench_dir, latency, 120.0)
    bench_run(bench_dir, 55.0, 120.0)  # +38 % on the median, inside three sigma of these runs
    assert report(bench_dir, "compare").returncode == 0


def test_a_script_cpu_time_under_a_second_is_not_compared(bench_dir: Path) -> None:
    for _ in range(4):
        bench_run(bench_dir, 40.0, 120.0)
    history = bench_dir / "history.jsonl"
    runs = [json.loads(line) for line in history.read_text().splitlines()]
    # The last run's start-up took three times as long (a busy machine) ...
    for figure in runs[-1]["figures"]:
        if figure["name"].endswith("CPU time (all processes)"):
            assert figure["value"] < 1.0
            figure["value"] *= 3
    history.write_text("".join(json.dumps(run) + "\n" for run in runs))
    # ... which is not a regression of the bench, while a figure of its own still is.
    assert report(bench_dir, "compare").returncode == 0
    bench_run(bench_dir, 60.0, 120.0)
    assert "REGRESSED  read p95: 60 ms" in report(bench_dir, "compare").stdout
