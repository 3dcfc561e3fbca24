"""Linking a retired provider (issue 15 item 4): the operator's FITTRACK_RETIRED_PROVIDERS
or the legacy Google Fit without credentials; Fitbit stays the default."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from fittrack.config import TrackerProvider
from fittrack.domain.errors import DomainError
from fittrack.local.server import LocalPlatform
from fittrack.services import connections as linking
from tests.fixtures.trackers import new_member, quiet_platform


@pytest.fixture
def local(fittrack_home: object) -> Iterator[LocalPlatform]:
    platform = quiet_platform()
    yield platform
    platform.shutdown()


def test_a_retired_provider_is_not_offered_and_cannot_be_linked(local: LocalPlatform) -> None:
    platform = local.platform
    assert [
        p.provider for p in linking.list_connections(platform, new_member(platform)).available
    ] == [
        "fitbit",
        "google_fit",
    ]
    platform.settings = dataclasses.replace(
        platform.settings, retired_providers=frozenset({"google_fit"})
    )
    member = new_member(platform)
    assert [p.provider for p in linking.list_connections(platform, member).available] == ["fitbit"]
    with pytest.raises(DomainError) as refused:
        linking.initiate(platform, member, "google_fit")
    assert refused.value.code == "provider-retired" and "Fitbit" in str(refused.value)


def test_google_fit_without_credentials_is_not_offered(local: LocalPlatform) -> None:
    platform = local.platform
    providers = dict(platform.settings.tracker_providers)
    providers["google_fit"] = TrackerProvider(api_url=providers["google_fit"].api_url)
    platform.settings = dataclasses.replace(platform.settings, tracker_providers=providers)
    member = new_member(platform)
    assert [p.provider for p in linking.list_connections(platform, member).available] == ["fitbit"]
    with pytest.raises(DomainError):
        linking.initiate(platform, member, "google_fit")
