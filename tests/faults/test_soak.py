"""Drill: a 20-second soak of the mixed member load (scripts/soak.py, `make soak` runs the
10-minute one). The server's open file descriptors stay within a small band; RSS and
threads are printed at the start and the end."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.faults.processes import ROOT

pytestmark = pytest.mark.slow
SECONDS = 20
FD_BAND = 8  # a few keep-alive connections or pooled database handles may come and go


def test_a_short_soak_keeps_descriptors_flat() -> None:
    run = subprocess.run(
        [sys.executable, "scripts/soak.py", "--seconds", str(SECONDS), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=SECONDS + 120,
    )
    print(run.stdout)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["failed"] == 0, result["answers"]
    assert result["requests"] > 20 * SECONDS, result  # the load really ran
    start, end = result["start"], result["end"]
    assert end["fds"] - start["fds"] <= FD_BAND, (start, end)
    assert end["threads"] - start["threads"] <= FD_BAND, (start, end)
