"""Sync rules (windows, back-off, refresh margin), answer classification, the registry
and the in-memory quota bucket."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from fittrack import config
from fittrack.adapters import providers as registry
from fittrack.adapters.providers.base import (
    AccessTokenRefused,
    ProviderError,
    ProviderGone,
    ProviderMaybeGone,
    ProviderUnavailable,
    RateLimited,
    Transient,
    check,
    retry_after_seconds,
)
from fittrack.adapters.providers.quota import TokenBucket
from fittrack.adapters.secrets import open_secrets
from fittrack.domain.sync import (
    BACKOFF_CAP,
    backoff_delay,
    fetch_window,
    needs_refresh,
    retry_delay,
    zone_intensity,
)

NOW = datetime(2026, 11, 12, 15, 0, tzinfo=UTC)  # 10:00 in New York


def test_first_sync_reads_seven_program_days() -> None:
    window = fetch_window(None, NOW)
    assert window.days == [date(2026, 11, d) for d in range(6, 13)]
    assert window.start == datetime(2026, 11, 6, 5, tzinfo=UTC) and window.until == NOW


def test_later_syncs_reread_from_the_day_of_cursor_minus_overlap() -> None:
    assert fetch_window(NOW - timedelta(minutes=15), NOW).days == [date(2026, 11, 12)]
    just_after_midnight = datetime(2026, 11, 12, 5, 30, tzinfo=UTC)  # 00:30 in New York
    cursor = just_after_midnight - timedelta(minutes=15)
    assert fetch_window(cursor, just_after_midnight).first_day == date(2026, 11, 11)


@given(st.integers(1, 40), st.floats(0, 1, exclude_max=True))
def test_backoff_doubles_with_jitter_up_to_the_cap(attempt: int, jitter: float) -> None:
    full = min(BACKOFF_CAP, timedelta(minutes=1) * 2 ** (attempt - 1))
    assert full / 2 <= backoff_delay(attempt, jitter) <= full


def test_retry_after_wins_over_backoff() -> None:
    assert retry_delay(1, 0.5, 42) == timedelta(seconds=42)
    assert retry_delay(3, 0.0, None) == timedelta(minutes=2)


def test_tokens_refresh_well_before_expiry() -> None:
    assert needs_refresh(NOW + timedelta(minutes=5), NOW)
    assert not needs_refresh(NOW + timedelta(minutes=50), NOW)
    assert not needs_refresh(None, NOW)


def test_zone_intensity_prefers_the_longest_zone() -> None:
    assert zone_intensity({"light": 60, "moderate": 600, "peak": 700}) == "vigorous"
    assert zone_intensity({"light": 900, "moderate": 10}) == "light"
    assert zone_intensity({}) is None


def _answer(status: int, body: object = None, **headers: str) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = json.dumps(body).encode() if body is not None else b""
    response.headers.update(headers)
    return response


DISABLED = {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "SERVICE_DISABLED"}


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (429, {"error": {"status": "RESOURCE_EXHAUSTED"}}, RateLimited),
        (500, None, Transient),
        (503, None, Transient),
        (401, {"error": {"status": "UNAUTHENTICATED"}}, AccessTokenRefused),
        (410, None, ProviderGone),
        # The structured error decides, never the wording (issue 15 item 5):
        (403, {"error": {"status": "PERMISSION_DENIED", "details": [DISABLED]}}, ProviderMaybeGone),
        (404, {"error": {"code": 404, "status": "NOT_FOUND"}}, ProviderMaybeGone),
        (404, None, ProviderMaybeGone),
        (403, {"error": {"message": "The API has been deprecated and shut down."}}, ProviderError),
        (
            404,
            {"error": {"status": "NOT_FOUND", "details": [{"reason": "NOT_FOUND"}]}},
            ProviderError,
        ),
        (403, {"error": {"message": "Insufficient permission"}}, ProviderError),
        (400, {"error": {"message": "bad filter"}}, ProviderError),
    ],
)
def test_answers_are_classified(status: int, body: object, error: type) -> None:
    with pytest.raises(error) as raised:
        check(_answer(status, body, **({"Retry-After": "17"} if status == 429 else {})), "api")
    if status in (403, 404) and error is ProviderError:
        assert not isinstance(raised.value, ProviderGone | ProviderMaybeGone)
    if status == 429:
        assert raised.value.retry_after == 17


def test_retry_after_as_http_date() -> None:
    assert retry_after_seconds("Thu, 12 Nov 2026 15:00:30 GMT", now=NOW.timestamp()) == 30
    assert retry_after_seconds("soon") is None


def test_registry_knows_each_provider_once() -> None:
    assert registry.names() == ("fitbit", "google_fit")
    with pytest.raises(KeyError):
        registry.get_provider("garmin", config.Settings(), open_secrets(config.Settings()))


def test_an_unconfigured_provider_is_unavailable(fittrack_home: object) -> None:
    settings = config.from_environment()
    with pytest.raises(ProviderUnavailable):  # no client id outside the local platform
        registry.get_provider("fitbit", settings, open_secrets(settings))


def test_memory_bucket_refills_continuously() -> None:
    clock = [1000.0]
    bucket = TokenBucket(None, clock=lambda: clock[0])
    assert [bucket.take("fitbit:u1", per_minute=3) for _ in range(3)] == [0.0, 0.0, 0.0]
    assert bucket.take("fitbit:u1", per_minute=3) == pytest.approx(20.0)
    assert bucket.take("fitbit:u2", per_minute=3) == 0.0  # per member
    clock[0] += 20
    assert bucket.take("fitbit:u1", per_minute=3) == 0.0
