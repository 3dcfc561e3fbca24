"""Tracker sync rules: schedule, fetch windows, back-off and the arithmetic of normalising.

Pure functions, no I/O. Program days are America/New_York days (`fittrack.clock`);
a provider's daily totals are read for whole program days, so a growing daily
total is always re-read for the whole day and replaces the earlier reading.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from fittrack.domain.calendar import program_day, start_of_day_utc

SYNC_INTERVAL = timedelta(minutes=15)  # a connection is due 15 minutes after its last sync
FORCE_INTERVAL = timedelta(minutes=5)  # a member may force one sync per provider per 5 minutes
FIRST_SYNC_DAYS = 7  # a first sync pulls the last 7 days
OVERLAP = timedelta(hours=2)  # re-read this much before the cursor (late uploads)
REFRESH_MARGIN = timedelta(minutes=10)  # refresh an access token this long before it expires
LEASE_TTL = timedelta(minutes=2)  # one worker per connection; a crashed worker's lease lapses
WEBHOOK_DEBOUNCE = timedelta(minutes=1)  # at most one webhook-triggered sync per minute
MAX_ATTEMPTS = 5  # consecutive failed attempts before a sync message is dead-lettered
BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_CAP = timedelta(hours=6)
# A connection whose API keeps giving an answer that may mean "shut down" (a
# SERVICE_DISABLED 403, a bare 404) with no successful sync for this long is retired.
RETIRE_AFTER = timedelta(days=3)


def silent_too_long(last_success: datetime | None, linked_at: datetime, now: datetime) -> bool:
    """No successful sync (or, never synced, no link) for RETIRE_AFTER."""
    return now - (last_success or linked_at) >= RETIRE_AFTER


INTENSITIES = ("light", "moderate", "vigorous")


def day_start(day: date) -> datetime:
    """Midnight (America/New_York) that starts a program day, as a UTC moment."""
    return start_of_day_utc(day)


def day_of(moment: datetime) -> date:
    return program_day(moment)


def day_end(day: date) -> datetime:
    """Midnight that ends a program day (23, 24 or 25 hours after its start)."""
    return start_of_day_utc(day + timedelta(days=1))


@dataclass(frozen=True, slots=True)
class Window:
    """What to fetch: every program day from `first_day` to the day of `until`."""

    first_day: date
    until: datetime

    @property
    def start(self) -> datetime:
        return day_start(self.first_day)

    @property
    def days(self) -> list[date]:
        last = day_of(self.until)
        count = (last - self.first_day).days + 1
        return [self.first_day + timedelta(days=n) for n in range(max(count, 0))]


def fetch_window(cursor: datetime | None, now: datetime) -> Window:
    """From the start of the day holding (cursor - overlap); a first sync reads 7 days."""
    if cursor is None:
        return Window(day_of(now) - timedelta(days=FIRST_SYNC_DAYS - 1), now)
    since = min(cursor, now) - OVERLAP
    return Window(day_of(since), now)


def backoff_delay(attempt: int, jitter: float) -> timedelta:
    """Exponential back-off with jitter for the `attempt`-th consecutive failure (1-based).

    The delay doubles from BACKOFF_BASE up to BACKOFF_CAP; `jitter` in [0, 1) picks a
    point in its upper half, so retries of many connections spread out."""
    attempt = max(1, attempt)
    full = min(BACKOFF_CAP, BACKOFF_BASE * (2 ** min(attempt - 1, 30)))
    return full / 2 + (full / 2) * min(max(jitter, 0.0), 1.0)


def retry_delay(attempt: int, jitter: float, retry_after: float | None) -> timedelta:
    """A provider's Retry-After wins (never less); otherwise the exponential back-off."""
    if retry_after is not None and retry_after > 0:
        return min(BACKOFF_CAP, timedelta(seconds=retry_after))
    return backoff_delay(attempt, jitter)


def needs_refresh(expires_at: datetime | None, now: datetime) -> bool:
    """Refresh well before expiry; a token without an expiry is refreshed only on a 401."""
    return expires_at is not None and expires_at - now <= REFRESH_MARGIN


# ---- normalisation arithmetic ------------------------------------------------------------


def sum_by_day(values: Iterable[tuple[date, int]]) -> dict[date, int]:
    """Totals per day of (day, value) pairs: any split of a day into buckets adds up the same."""
    totals: dict[date, int] = {}
    for day, value in values:
        totals[day] = totals.get(day, 0) + int(value)
    return totals


def split_heart_points(
    active_minutes: int, heart_points: float, heart_minutes: int
) -> dict[str, int]:
    """Google Fit minutes by intensity from a day's totals.

    Move minutes count any activity; heart minutes are the moderate-or-harder ones,
    earning 1 heart point per moderate and 2 per vigorous minute. So vigorous =
    points - heart minutes (within 0..heart minutes), moderate = the rest of the
    heart minutes, light = move minutes that earned no points."""
    heart = max(0, int(heart_minutes))
    vigorous = min(heart, max(0, round(heart_points) - heart))
    moderate = heart - vigorous
    light = max(0, int(active_minutes) - heart)
    return {"light": light, "moderate": moderate, "vigorous": vigorous}


def zone_intensity(seconds_by_zone: Mapping[str, float]) -> str | None:
    """A workout's intensity: the zone it spent most time in (peak counts as vigorous)."""
    merged = {
        "light": seconds_by_zone.get("light", 0.0),
        "moderate": seconds_by_zone.get("moderate", 0.0),
        "vigorous": seconds_by_zone.get("vigorous", 0.0) + seconds_by_zone.get("peak", 0.0),
    }
    best = max(INTENSITIES, key=lambda name: (merged[name], INTENSITIES.index(name)))
    return best if merged[best] > 0 else None


def heart_rate_intensity(average_bpm: float | None) -> str | None:
    """Fallback when a workout has no zone times: a coarse reading of its average heart rate."""
    if not average_bpm:
        return None
    if average_bpm >= 145:
        return "vigorous"
    return "moderate" if average_bpm >= 115 else "light"


def parse_duration_seconds(text: str | None) -> float | None:
    """A google-duration such as "1800s" or "1800.5s" in seconds (None when absent)."""
    if not text or not text.endswith("s"):
        return None
    try:
        return float(text[:-1])
    except ValueError:
        return None


def parse_rfc3339(text: str) -> datetime:
    """An RFC 3339 timestamp ("2026-11-10T13:05:00.123456789Z") as an aware datetime;
    digits beyond microseconds are dropped. ValueError when it is not one."""
    head, dot, tail = text.partition(".")
    if dot:
        digits = len(tail) - len(tail.lstrip("0123456789"))
        text = f"{head}.{tail[: min(digits, 6)]}{tail[digits:]}"
    moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"timestamp without a UTC offset: {text!r}")
    return moment


class SyncRunStatus(StrEnum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


@dataclass(frozen=True, kw_only=True)
class SyncRun:
    sync_run_id: uuid.UUID
    connection_id: uuid.UUID
    user_id: uuid.UUID
    trigger_type: str
    status: str
    window_start: datetime | None
    window_end: datetime | None
    started_at: datetime
    finished_at: datetime | None
    activities_fetched: int = 0
    activities_stored: int = 0
    points_awarded: int = 0
    error_message: str | None = None
