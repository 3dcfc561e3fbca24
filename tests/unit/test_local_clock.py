"""The clock a local platform can start at a chosen instant, and the scheduler on it."""

from __future__ import annotations

import dataclasses
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest

from fittrack import config
from fittrack.clock import running_from
from fittrack.http.registry import FunctionSpec
from fittrack.local.scheduler import Scheduler
from fittrack.platform import Platform

START = datetime(2027, 3, 14, 6, 59, 59, tzinfo=UTC)  # 01:59:59 EST, before the missing hour


def test_a_running_clock_starts_where_asked_and_moves_with_real_time() -> None:
    clock = running_from(START)
    first = clock()
    time.sleep(0.05)
    second = clock()
    assert START <= first < START + timedelta(seconds=1)
    assert timedelta(seconds=0.04) <= second - first < timedelta(seconds=1)


def test_the_platform_runs_on_the_configured_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FITTRACK_CLOCK_START", "2027-03-14T01:59:59-05:00")
    config.reset()
    now = Platform(config.settings()).clock()
    assert START <= now < START + timedelta(seconds=5)


def test_an_instant_without_an_offset_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FITTRACK_CLOCK_START", "2027-03-14T01:59:59")
    config.reset()
    with pytest.raises(ValueError, match="offset"):
        config.settings()


def test_production_refuses_a_chosen_clock() -> None:
    settings = dataclasses.replace(
        config.Settings(), environment=config.PRODUCTION, clock_start=START
    )
    with pytest.raises(RuntimeError, match="FITTRACK_CLOCK_START"):
        Platform(settings)


def _every_minute() -> FunctionSpec:
    return FunctionSpec(name="test.tick", handler=lambda job: None, schedule="* * * * *")


@pytest.mark.parametrize("moving", [True, False])
def test_the_scheduler_fires_each_minute_of_its_clock_once(moving: bool) -> None:
    """On a clock a second before a minute, the scheduler fires that minute at once;
    on a clock that stands still it never fires the same minute again."""
    fired: list[datetime] = []
    stop = threading.Event()
    clock = running_from(START) if moving else (lambda: START)
    scheduler = Scheduler(
        [_every_minute()], stop, runner=lambda spec: fired.append(clock()) or True, clock=clock
    )
    scheduler.start()
    time.sleep(2.5)
    stop.set()
    scheduler.join(timeout=5)
    assert len(fired) == 1
