"""Retirement from what Google really answers (issue 15): a 410 at once; a 403 with
ErrorInfo SERVICE_DISABLED or a bare 404 only when it keeps coming with no successful
sync for RETIRE_AFTER; a provider the operator retires, or the legacy Google Fit without
credentials, at the next sync and for new links. Stored activities always stay."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator

import pytest

from fittrack.adapters import providers as registry
from fittrack.adapters.providers.base import ProviderError, ProviderMaybeGone
from fittrack.config import TrackerProvider
from fittrack.domain.sync import RETIRE_AFTER, fetch_window
from fittrack.local.server import LocalPlatform
from fittrack.repositories import connections
from fittrack.services import sync
from tests.fixtures.trackers import activity_count, control, drain, link, new_member, quiet_platform


@pytest.fixture
def local(fittrack_home: object) -> Iterator[LocalPlatform]:
    platform = quiet_platform()
    yield platform
    platform.shutdown()


def _linked(local: LocalPlatform, provider: str = "google_fit") -> tuple[uuid.UUID, int]:
    member = new_member(local.platform)
    link(local.platform, member, provider)
    assert drain(local.platform) == {"synced": 1}
    return member, activity_count(local.platform, member, provider)


def _conn(local: LocalPlatform, member: uuid.UUID, provider: str) -> connections.Connection:
    with local.platform.db.unit_of_work(readonly=True) as uow:
        found = connections.find(uow, member, provider)
    assert found is not None
    return found


def _sync_now(local: LocalPlatform, member: uuid.UUID, provider: str) -> dict[str, int]:
    conn = _conn(local, member, provider)
    with local.platform.db.unit_of_work() as uow:
        uow.execute(
            "UPDATE tracker_sync_state SET backoff_until = NULL WHERE connection_id = :c",
            {"c": conn.connection_id.bytes},
        )
    sync.enqueue(
        local.platform,
        conn.connection_id,
        user_id=member,
        provider=provider,
        trigger="scheduled",
        now=local.platform.clock(),
    )
    return dict(drain(local.platform))


def _silent_since_retire_after(local: LocalPlatform, member: uuid.UUID) -> None:
    long_ago = local.platform.clock() - RETIRE_AFTER
    with local.platform.db.unit_of_work() as uow:
        uow.execute(
            "UPDATE tracker_connections SET last_sync_at = :t, linked_at = :t WHERE user_id = :u",
            {"t": long_ago, "u": member.bytes},
        )


@pytest.mark.parametrize("status", [403, 404])
def test_an_answer_that_may_mean_shutdown_retires_only_when_it_persists(
    local: LocalPlatform, status: int
) -> None:
    member, stored = _linked(local)
    control(local, "google_fit", "gone", status=status)
    assert _sync_now(local, member, "google_fit") == {"retrying": 1}
    assert _conn(local, member, "google_fit").status == "active"
    _silent_since_retire_after(local, member)
    assert _sync_now(local, member, "google_fit") == {"retired": 1}
    conn = _conn(local, member, "google_fit")
    assert conn.status == "retired" and conn.retired_at is not None
    assert activity_count(local.platform, member, "google_fit") == stored > 0


def test_the_structured_error_decides_not_its_wording(local: LocalPlatform) -> None:
    platform = local.platform
    member, _ = _linked(local)
    conn = _conn(local, member, "google_fit")
    from fittrack.services import tracker_tokens

    provider = registry.get_provider("google_fit", platform.settings, platform.secrets)
    token = tracker_tokens.access_token(platform, provider, connection=conn, now=platform.clock())

    def fetch() -> object:
        return provider.fetch_since(token, fetch_window(None, platform.clock()), lambda: None)

    for status in (403, 404):
        control(local, "google_fit", "gone", status=status)
        with pytest.raises(ProviderMaybeGone):
            fetch()
    control(local, "google_fit", "none")
    simulator = local.trackers["google_fit"]  # type: ignore[index]
    simulator.gone_message = "whatever it says"
    control(local, "google_fit", "gone", status=410)
    with pytest.raises(ProviderError, match="gone"):
        fetch()


def test_the_operator_retires_a_provider_by_configuration(local: LocalPlatform) -> None:
    member, stored = _linked(local)
    platform = local.platform
    platform.settings = dataclasses.replace(
        platform.settings, retired_providers=frozenset({"google_fit"})
    )
    assert _sync_now(local, member, "google_fit") == {"retired": 1}
    assert activity_count(platform, member, "google_fit") == stored


def test_google_fit_without_credentials_is_off_and_fitbit_is_the_default(
    local: LocalPlatform,
) -> None:
    member, _ = _linked(local)
    platform = local.platform
    providers = dict(platform.settings.tracker_providers)
    providers["google_fit"] = TrackerProvider(api_url=providers["google_fit"].api_url)
    platform.settings = dataclasses.replace(platform.settings, tracker_providers=providers)
    assert registry.linkable(platform.settings) == ("fitbit",)
    assert _sync_now(local, member, "google_fit") == {"retired": 1}  # kept, retired gracefully
