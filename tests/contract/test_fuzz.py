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
from schemathesis.specs.openapi.checks import positive_data_acceptance

from fittrack.http.contract import REFUSALS_KEY
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


def _declared_refusals(case: schemathesis.Case) -> set[tuple[str, str]]:
    refused = case.operation.definition.raw.get("responses", {}).get("400", {})
    return {(r["field"], r["code"]) for r in refused.get(REFUSALS_KEY, [])}


def _refused_as_declared(case: schemathesis.Case, response: Any) -> bool:
    """A 400 whose every field error is a rule the contract declares it cannot state
    in JSON Schema (x-fittrack-refusals): schema-valid data may meet those."""
    if response.status_code != 400:
        return False
    errors = response.json().get("errors") or []
    declared = _declared_refusals(case)
    return bool(errors) and all((e.get("field"), e.get("code")) in declared for e in errors)


def _locked_as_declared(case: schemathesis.Case, response: Any) -> bool:
    """A lockout (423) is about earlier attempts, not this request's data; the routes
    that lock say so in the contract."""
    declared = case.operation.definition.raw.get("responses", {})
    return response.status_code == 423 and "423" in declared


def accepts_valid_data_unless_refused_as_declared(
    ctx: Any, response: Any, case: schemathesis.Case
) -> bool | None:
    if _refused_as_declared(case, response) or _locked_as_declared(case, response):
        return None
    return positive_data_acceptance(ctx, response, case)


def _call(case: schemathesis.Case, platform: LocalPlatform, caller: Caller) -> None:
    case.call_and_validate(
        base_url=platform.url,
        headers=caller.headers,
        timeout=10,
        excluded_checks=[positive_data_acceptance],
        additional_checks=[accepts_valid_data_unless_refused_as_declared],
    )


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
