"""One real local platform per contract-fuzzing module, spoken to over real HTTP.

Schemathesis makes one pytest test per operation and runs many examples in each, so
the platform, and the members whose tokens the fuzzer sends, live for the whole
module rather than per test (starting a platform per operation would cost minutes).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest

from fittrack import config
from fittrack.clock import program_day
from fittrack.domain import profiles as rules
from fittrack.local.server import LocalPlatform, start
from fittrack.platform import Platform
from fittrack.repositories import profiles, users
from tests.api.conftest import ROOT
from tests.conftest import TEST_CLOCK_START
from tests.fixtures.members import session_token

SPEC = ROOT / "api-spec" / "openapi.yaml"


@dataclass(frozen=True)
class Caller:
    """Who the fuzzer speaks as: no one, a member or an admin."""

    name: str
    headers: dict[str, str]


ANONYMOUS = Caller("anonymous", {})


@pytest.fixture(scope="module")
def contract_platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalPlatform]:
    home = tmp_path_factory.mktemp("contract-home")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("FITTRACK_HOME", str(home))
        env.delenv("FITTRACK_DATABASE_URL", raising=False)
        env.delenv("FITTRACK_FUNCTION", raising=False)
        env.delenv("REDIS_URL", raising=False)
        env.setenv("FITTRACK_CLOCK_START", TEST_CLOCK_START)
        # The fuzzer sends thousands of requests from one address.
        env.setenv("FITTRACK_RATE_LIMITS", "anonymous=1000000,member=1000000,admin=1000000")
        config.reset()
        local = start(ROOT, "127.0.0.1", port=0, seed=False)
        try:
            yield local
        finally:
            local.shutdown()
            config.reset()


def new_member(platform: Platform, *, role: str = "user") -> Caller:
    """An active, verified member with a complete profile and a real session's token."""
    now = platform.clock()
    tag = uuid.uuid4().hex[:10]
    born = date(1990, 6, 15)
    new = users.NewUser(
        email=f"fuzz-{role}-{tag}@example.com",
        password_hash=None,
        date_of_birth=born,
        state_of_residence="CA",
        terms_version="2026-01",
        rules_version="2026-01",
        role=role,
        status="active",
        email_verified_at=now,
    )
    with platform.db.unit_of_work() as uow:
        user_id = users.insert(uow, new, now)
        standing = rules.standing(born, "female", "intermediate", program_day(now))
        profiles.save(
            uow,
            user_id,
            profiles.Profile(
                display_name=f"Fuzz {tag}",
                biological_sex="female",
                fitness_level="intermediate",
                age_bracket=standing.age_bracket,
                tier_code=standing.tier_code,
                completed_at=now,
            ),
            now,
        )
    token = session_token(platform, user_id, role=role)
    return Caller(role, {"Authorization": f"Bearer {token}"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    from tests.contract.known_defects import reason_for

    for item in items:
        if item.path.parent.name == "contract" and (reason := reason_for(item.name)):
            item.add_marker(pytest.mark.xfail(reason=reason, strict=False))
