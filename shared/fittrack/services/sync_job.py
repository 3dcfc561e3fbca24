"""One sync attempt for one connection: lease, fetch, normalise, ingest, record.

1. In a short transaction: skip when the connection is gone, already synced after the
   message was queued, or backing off; else take its lease (conditional UPDATE).
2. Outside any transaction: a fresh access token (refreshed well before expiry, in
   its own locked transaction), then the provider's data for every program day since
   the cursor minus a small overlap (a first sync reads 7 days). Each request takes a
   token from the member's provider quota (Redis token bucket).
3. In one transaction: ingest (store, de-duplicate, pay exactly once), advance the
   cursor, schedule the next sync, release the lease, log the run.

Failures: 429 (or our quota) waits for Retry-After; 5xx, timeouts and unexpected
answers back off exponentially with jitter and are retried (locally by a delayed
message, everywhere by the next tick after the back-off); after MAX_ATTEMPTS in a
row the message is dead-lettered. A 401 that survives a refresh, or invalid_grant,
marks the connection `error` and tells the member to reconnect; a provider that is
gone marks it `retired` and tells them to link Fitbit: a 410, a provider the operator
retired (FITTRACK_RETIRED_PROVIDERS), or an answer a shut-down API may give
(ProviderMaybeGone) still coming when the connection has had no successful sync for
RETIRE_AFTER. Stored activities always stay.
"""

from __future__ import annotations

import contextlib
import math
import random
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from fittrack import log
from fittrack.adapters import providers as registry
from fittrack.adapters.providers import quota
from fittrack.adapters.providers.base import (
    AccessTokenRefused,
    GrantRevoked,
    ProviderError,
    ProviderGone,
    ProviderMaybeGone,
    RateLimited,
    TrackerProvider,
    Transient,
)
from fittrack.db import ids
from fittrack.domain import activities as rules
from fittrack.domain.activities import Activity
from fittrack.domain.connections import ConnectionStatus
from fittrack.domain.errors import NotFound
from fittrack.domain.sync import (
    BACKOFF_CAP,
    LEASE_TTL,
    MAX_ATTEMPTS,
    SYNC_INTERVAL,
    Window,
    fetch_window,
    parse_rfc3339,
    retry_delay,
    silent_too_long,
)
from fittrack.repositories import connections, sync_runs
from fittrack.services import ingest, tracker_tokens
from fittrack.services.sync_queue import enqueue

if TYPE_CHECKING:
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.sync")


@dataclass(frozen=True, kw_only=True)
class Job:
    connection_id: uuid.UUID
    user_id: uuid.UUID
    provider: str
    trigger: str
    queued_at: datetime | None


@dataclass(frozen=True)
class Outcome:
    kind: str  # synced | skipped | locked | deferred | inactive | retrying | dead | error | retired
    points: int = 0
    stored: int = 0


def parse(body: Any) -> Job | None:
    if not isinstance(body, dict):
        return None
    try:
        queued = body.get("queuedAt")
        trigger = str(body.get("trigger"))
        if trigger not in ("scheduled", "forced", "initial", "webhook"):
            trigger = "scheduled"
        return Job(
            connection_id=uuid.UUID(str(body["connectionId"])),
            user_id=uuid.UUID(str(body["userId"])),
            provider=str(body.get("provider") or ""),
            trigger=trigger,
            queued_at=parse_rfc3339(queued) if isinstance(queued, str) else None,
        )
    except (KeyError, ValueError):
        return None


def run(platform: Platform, job: Job) -> Outcome:
    now, owner = platform.clock(), uuid.uuid4().hex
    with platform.db.unit_of_work() as uow:
        conn = connections.get(uow, job.connection_id)
        if conn is None or conn.status != ConnectionStatus.ACTIVE or conn.user_id != job.user_id:
            return Outcome("inactive")
        if conn.last_sync_at and job.queued_at and conn.last_sync_at >= job.queued_at:
            return Outcome("skipped")  # a sync that started after this message already ran
        if conn.backoff_until and conn.backoff_until > now and job.trigger != "initial":
            return Outcome("dead" if conn.failure_count >= MAX_ATTEMPTS else "deferred")
        if conn.sync_cursor is None and conn.last_sync_at is None:
            connections.ensure_state(uow, conn.connection_id, now)
        if not sync_runs.acquire_lease(
            uow, conn.connection_id, owner=owner, now=now, expires_at=now + LEASE_TTL
        ):
            return Outcome("locked")
    window = fetch_window(conn.sync_cursor, now)
    try:
        if registry.is_retired(conn.provider, platform.settings):
            raise ProviderGone(f"{conn.provider} is retired by this deployment")
        provider = registry.get_provider(conn.provider, platform.settings, platform.secrets)
        found = _fetch(platform, provider, conn=conn, window=window, now=now)
        return _store(platform, job, conn=conn, owner=owner, window=window, found=found, now=now)
    except (AccessTokenRefused, GrantRevoked) as refused:
        return _deactivate(
            platform,
            job,
            conn=conn,
            owner=owner,
            window=window,
            now=now,
            status="error",
            reason=str(refused),
        )
    except (ProviderGone, ProviderMaybeGone) as gone:
        if isinstance(gone, ProviderMaybeGone) and not silent_too_long(
            conn.last_sync_at, conn.linked_at, now
        ):
            return _retry(
                platform, job, conn=conn, owner=owner, window=window, now=now, failed=gone
            )
        return _deactivate(
            platform,
            job,
            conn=conn,
            owner=owner,
            window=window,
            now=now,
            status="retired",
            reason=str(gone),
        )
    except tracker_tokens.ConnectionInactive:
        _release(platform, conn, owner, "idle")
        return Outcome("inactive")
    except NotFound:  # the member is gone
        _release(platform, conn, owner, "idle")
        return Outcome("inactive")
    except ProviderError as failed:
        return _retry(platform, job, conn=conn, owner=owner, window=window, now=now, failed=failed)
    except BaseException:
        _release(platform, conn, owner, "failed")
        raise


def _budget(platform: Platform, provider: TrackerProvider, user_id: uuid.UUID) -> Any:
    bucket = quota.bucket_for(platform.settings.redis_url)

    def take() -> None:
        wait = bucket.take(f"{provider.name}:{user_id}", provider.requests_per_minute)
        if wait > 0:
            raise RateLimited(f"{provider.display_name} quota for this member is spent", wait)

    return take


def _fetch(
    platform: Platform,
    provider: TrackerProvider,
    *,
    conn: connections.Connection,
    window: Window,
    now: datetime,
) -> list[Activity]:
    budget = _budget(platform, provider, conn.user_id)
    token = tracker_tokens.access_token(platform, provider, connection=conn, now=now)
    try:
        return list(provider.fetch_since(token, window, budget))
    except AccessTokenRefused:
        fresh = tracker_tokens.access_token(
            platform, provider, connection=conn, now=now, force_refresh=True
        )
        return list(provider.fetch_since(fresh, window, budget))  # a second 401 propagates


def _usable(found: list[Activity], now: datetime) -> list[Activity]:
    """Drop records the rules refuse (logged) rather than the whole batch."""
    usable = [a for i, a in enumerate(found) if not rules.problems_of(a, i, now)]
    if len(usable) != len(found):
        logger.warning("provider records dropped", extra={"dropped": len(found) - len(usable)})
    return ingest.validated(usable, now)


def _run(
    job: Job,
    conn: connections.Connection,
    *,
    window: Window,
    now: datetime,
    status: str,
    **extra: Any,
) -> sync_runs.SyncRun:
    return sync_runs.SyncRun(
        sync_run_id=ids.new_id(),
        connection_id=conn.connection_id,
        user_id=conn.user_id,
        trigger_type=job.trigger,
        status=status,
        window_start=window.start,
        window_end=window.until,
        started_at=now,
        finished_at=now,
        **extra,
    )


def _store(
    platform: Platform,
    job: Job,
    *,
    conn: connections.Connection,
    owner: str,
    window: Window,
    found: list[Activity],
    now: datetime,
) -> Outcome:
    batch = _usable(found, now)
    with platform.db.unit_of_work() as uow:
        result = ingest.ingest_in(uow, conn.user_id, batch, now)
        kept = sync_runs.succeed(
            uow,
            conn.connection_id,
            owner=owner,
            cursor=window.until,
            now=now,
            next_at=now + SYNC_INTERVAL,
        )
        sync_runs.insert(
            uow,
            _run(
                job,
                conn,
                window=window,
                now=now,
                status="succeeded",
                activities_fetched=len(found),
                activities_stored=result.stored + result.replaced,
                points_awarded=result.points_awarded,
            ),
        )
    if not kept:
        logger.warning("sync lease lapsed; data stored", extra={"provider": conn.provider})
    if result.paid_days:
        try:
            from fittrack.services.leaderboard_boards import apply_ingest

            apply_ingest(platform, result.user_id, result)
        except Exception:  # noqa: BLE001 - the refresh job repairs the boards
            logger.warning("leaderboard update after sync failed")
    return Outcome("synced", result.points_awarded, result.stored + result.replaced)


def _retry(
    platform: Platform,
    job: Job,
    *,
    conn: connections.Connection,
    owner: str,
    window: Window,
    now: datetime,
    failed: ProviderError,
) -> Outcome:
    limited = isinstance(failed, RateLimited)
    failures = conn.failure_count if limited else conn.failure_count + 1
    give_up = failures >= MAX_ATTEMPTS and not limited
    retry_after = failed.retry_after if isinstance(failed, Transient) else None
    delay = BACKOFF_CAP if give_up else retry_delay(failures, random.random(), retry_after)  # noqa: S311
    with platform.db.unit_of_work() as uow:
        sync_runs.fail(
            uow,
            conn.connection_id,
            owner,
            now,
            status="failed" if give_up else "retrying",
            failures=failures,
            backoff_until=now + delay,
            error=str(failed),
        )
        sync_runs.insert(
            uow, _run(job, conn, window=window, now=now, status="failed", error_message=str(failed))
        )
    logger.warning(
        "sync attempt failed",
        extra={
            "provider": conn.provider,
            "reason": str(failed),
            "failures": failures,
            "giveUp": give_up,
        },
    )
    if give_up:
        return Outcome("dead")
    # The local queue delays; OCI Queue cannot (ValueError), and the next tick retries.
    with contextlib.suppress(ValueError):
        enqueue(
            platform,
            conn.connection_id,
            user_id=conn.user_id,
            provider=conn.provider,
            trigger=job.trigger,
            now=now,
            delay_seconds=math.ceil(delay.total_seconds()) + 1,
        )
    return Outcome("retrying")


NOTICES = {
    "error": (
        "tracker_error",
        "Reconnect {name}",
        "{name} stopped accepting FitTrack's access, so your activity is not syncing. "
        "Reconnect it in Settings > Trackers to keep earning points.",
    ),
    "retired": (
        "tracker_retired",
        "{name} has shut down",
        "{name} no longer shares activity with apps like FitTrack. Everything already "
        "synced is kept. Link Fitbit (Google Health) to keep earning points.",
    ),
}


def _deactivate(
    platform: Platform,
    job: Job,
    *,
    conn: connections.Connection,
    owner: str,
    window: Window,
    now: datetime,
    status: str,
    reason: str,
) -> Outcome:
    from fittrack.services.notifications import notify

    kind, title, body = NOTICES[status]
    name = registry.display_name(conn.provider)
    with platform.db.unit_of_work() as uow:
        changed = sync_runs.deactivate(
            uow, conn.connection_id, owner, now, status=status, error=body.format(name=name)
        )
        sync_runs.insert(
            uow, _run(job, conn, window=window, now=now, status="failed", error_message=reason)
        )
        if changed:
            notify(
                uow,
                user_id=conn.user_id,
                kind=kind,
                title=title.format(name=name),
                body=body.format(name=name),
                data={"provider": conn.provider, "status": status},
                email=True,
                now=now,
                dedupe_key=f"{kind}:{conn.connection_id}:{conn.linked_at.isoformat()}",
            )
    logger.warning(
        "tracker connection deactivated", extra={"provider": conn.provider, "status": status}
    )
    return Outcome(status)


def _release(platform: Platform, conn: connections.Connection, owner: str, status: str) -> None:
    try:
        with platform.db.unit_of_work() as uow:
            sync_runs.release_lease(
                uow, conn.connection_id, owner=owner, status=status, now=platform.clock()
            )
    except Exception:  # noqa: BLE001 - the lease lapses by itself
        logger.warning("could not release a sync lease")
