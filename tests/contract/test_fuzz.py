"""Contract fuzzing: schemathesis over the whole api-spec/openapi.yaml against a real
local platform, as anonymous, a member and an admin, with every check on.

It fails on any 5xx, any answer the contract does not describe (status, content type,
schema), any error that is not application/problem+json, and any schema-violating
request the server accepts. Generation is derandomized with a fixed seed and a bounded
example count, so a run is repeatable and takes a few minutes.

Operations that end the caller's session or delete things (DELETE routes, account
deletion, logout, logout-all) run last, each example with its own throwaway member.
"""

from __future__ import annotations

from typing import Any

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck
from schemathesis.config import SchemathesisConfig

from fittrack.local.server import LocalPlatform
from tests.contract.conftest import ANONYMOUS, SPEC, Caller, new_member

MAX_EXAMPLES = 8
SEED = 20260610

CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": SEED,
        "generation": {
            "mode": "all",  # positive and negative data
            "max-examples": MAX_EXAMPLES,
            "deterministic": True,
            "database": "none",
        },
        # Each operation is fuzzed on its own; a stateful run would chain destructive calls.
        "phases": {"stateful": {"enabled": False}},
        "checks": {"enabled": True},
    }
)

schema = schemathesis.openapi.from_path(SPEC, config=CONFIG)


def _destructive(ctx: Any) -> bool:
    operation = ctx.operation
    if operation.method.upper() == "DELETE":
        return True
    return operation.path in ("/api/v1/auth/logout", "/api/v1/auth/logout-all")


lasting = schema.exclude(_destructive)
destructive = schema.include(_destructive)

SETTINGS = hypothesis.settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=MAX_EXAMPLES,
    # The platform is module-scoped; the function-scoped fixtures pytest adds
    # (FITTRACK_HOME per test) do not reach it.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def member(contract_platform: LocalPlatform) -> Caller:
    return new_member(contract_platform.platform)


@pytest.fixture(scope="module")
def admin(contract_platform: LocalPlatform) -> Caller:
    return new_member(contract_platform.platform, role="admin")


def _call(case: schemathesis.Case, platform: LocalPlatform, caller: Caller) -> None:
    case.call_and_validate(base_url=platform.url, headers=caller.headers, timeout=10)


@lasting.parametrize()
@SETTINGS
def test_anonymous(case: schemathesis.Case, contract_platform: LocalPlatform) -> None:
    _call(case, contract_platform, ANONYMOUS)


@lasting.parametrize()
@SETTINGS
def test_member(case: schemathesis.Case, contract_platform: LocalPlatform, member: Caller) -> None:
    _call(case, contract_platform, member)


@lasting.parametrize()
@SETTINGS
def test_admin(case: schemathesis.Case, contract_platform: LocalPlatform, admin: Caller) -> None:
    _call(case, contract_platform, admin)


# ---- last: operations that end the caller's session or delete, each with a throwaway caller


@destructive.parametrize()
@SETTINGS
def test_destructive_anonymous(case: schemathesis.Case, contract_platform: LocalPlatform) -> None:
    _call(case, contract_platform, ANONYMOUS)


@destructive.parametrize()
@SETTINGS
def test_destructive_member(case: schemathesis.Case, contract_platform: LocalPlatform) -> None:
    _call(case, contract_platform, new_member(contract_platform.platform))


@destructive.parametrize()
@SETTINGS
def test_destructive_admin(case: schemathesis.Case, contract_platform: LocalPlatform) -> None:
    _call(case, contract_platform, new_member(contract_platform.platform, role="admin"))
