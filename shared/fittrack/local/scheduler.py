"""The local scheduler: runs scheduled functions on their cron, in America/New_York."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from fittrack import log
from fittrack.clock import PROGRAM_TZ, Clock, utc_now
from fittrack.http.registry import FunctionSpec
from fittrack.local import invoke

logger = log.get_logger("fittrack.scheduler")


def due(specs: list[FunctionSpec], moment: datetime) -> list[FunctionSpec]:
    """The scheduled functions whose cron matches this minute (ET)."""
    from croniter import croniter

    local = moment.astimezone(PROGRAM_TZ).replace(second=0, microsecond=0)
    return [spec for spec in specs if spec.schedule and croniter.match(spec.schedule, local)]


def run_once(spec: FunctionSpec) -> bool:
    result = invoke.invoke(spec.name, invoke.invoke_headers(spec.timeout_seconds), b"{}")
    if result.status != 200:
        logger.error(
            "scheduled function failed", extra={"function": spec.name, "status": result.status}
        )
    return result.status == 200


class Scheduler(threading.Thread):
    """Fires each minute of the platform's clock once (a clock that jumps or stands
    still, as in tests, never runs a minute twice)."""

    def __init__(
        self,
        specs: list[FunctionSpec],
        stop: threading.Event,
        runner: Callable[[FunctionSpec], bool] = run_once,
        clock: Clock = utc_now,
    ) -> None:
        super().__init__(name="fittrack-scheduler", daemon=True)
        self.specs = [spec for spec in specs if spec.schedule]
        self.stop = stop
        self.runner = runner
        self.clock = clock
        self._last_fired: datetime | None = None

    def run(self) -> None:
        while not self.stop.is_set():
            now = self.clock()
            next_minute = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
            wait = (next_minute - now).total_seconds()
            if self.stop.wait(min(max(wait, 0.05), 60.0)):
                return
            if self._last_fired is not None and next_minute <= self._last_fired:
                continue
            self._last_fired = next_minute
            for spec in due(self.specs, next_minute):
                try:
                    self.runner(spec)
                except Exception:
                    logger.exception("scheduled function crashed", extra={"function": spec.name})
