"""Scheduled and queue-triggered functions: a payload in, a summary out."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from typing import Any

from fittrack import log
from fittrack.http.registry import FunctionSpec
from fittrack.http.schedule_window import in_declared_hour
from fittrack.platform import Platform

logger = log.get_logger("fittrack.jobs")


@dataclass
class Job:
    """What a job handler receives: the platform and the trigger's payload."""

    function: FunctionSpec
    platform: Platform
    payload: Any
    correlation_id: str

    @property
    def messages(self) -> list[Any]:
        """Queue batches arrive as a JSON array of messages (a single message otherwise)."""
        if self.payload is None:
            return []
        return self.payload if isinstance(self.payload, list) else [self.payload]


def invoke_job(spec: FunctionSpec, body: bytes, platform: Platform, call_id: str | None) -> dict:
    cid = call_id or uuid.uuid4().hex
    token_cid = log.correlation_id.set(cid)
    token_fn = log.function_name.set(spec.name)
    started = time.perf_counter()
    try:
        payload = json.loads(body) if body and body.strip() else None
        if _off_hour_candidate(spec, payload, platform):
            logger.info("scheduled run outside its America/New_York hour skipped")
            return {"ok": True, "function": spec.name, "result": {"skipped": "off-hour"}}
        result = spec.handler(Job(spec, platform, payload, cid)) or {}
        logger.info(
            "job finished",
            extra={
                "durationMs": round((time.perf_counter() - started) * 1000, 3),
                "result": result,
            },
        )
        return {"ok": True, "function": spec.name, "result": result}
    except Exception:
        # The platform retries failed deliveries; the log keeps the details.
        logger.exception("job failed")
        raise
    finally:
        log.correlation_id.reset(token_cid)
        log.function_name.reset(token_fn)


def _off_hour_candidate(spec: FunctionSpec, payload: Any, platform: Platform) -> bool:
    """In production an ET cron fires at both of its candidate UTC hours; the run whose
    New York hour the cron does not name is skipped. A run with a payload (an operator's)
    always acts, and so does everything locally, where the scheduler keeps ET itself."""
    if not spec.schedule or payload or not platform.settings.is_production:
        return False
    return not in_declared_hour(spec.schedule, platform.clock())
