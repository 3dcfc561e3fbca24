"""Ids in paths are parsed once, at the edge: every route with a `...Id` parameter
answers a malformed one with a 404 problem (after authentication), before any handler
or service sees it. Generated from the registry, so a new route is covered."""

from __future__ import annotations

import re

import pytest

from fittrack.http.registry import FunctionSpec, is_id_param, production_functions
from tests.api.conftest import Client
from tests.fixtures.members import MemberFactory

ID_ROUTES = sorted(
    (s for s in production_functions() if s.full_path and any(map(is_id_param, s.path_params))),
    key=lambda s: s.name,
)


def _malformed(spec: FunctionSpec) -> str:
    assert spec.full_path
    return re.sub(
        r"\{(\w+)\}",
        lambda m: "not-a-uuid" if is_id_param(m.group(1)) else "fitbit",
        spec.full_path,
    )


def test_the_contract_declares_every_id_a_uuid() -> None:
    import yaml

    from tests.api.conftest import ROOT

    spec = yaml.safe_load((ROOT / "api-spec" / "openapi.yaml").read_text())
    seen = 0
    for path, operations in spec["paths"].items():
        for operation in operations.values():
            for param in operation.get("parameters", []):
                if param["in"] == "path" and param["name"].endswith("Id"):
                    assert param["schema"] == {"type": "string", "format": "uuid"}, path
                    seen += 1
    assert seen >= len(ID_ROUTES) > 20


@pytest.mark.parametrize("spec", ID_ROUTES, ids=lambda s: s.name)
def test_a_malformed_id_is_a_404_problem(
    api: Client, member_factory: MemberFactory, spec: FunctionSpec
) -> None:
    headers = {}
    if spec.auth in ("member", "admin", "optional"):
        caller = member_factory(role="admin" if spec.auth == "admin" else "user")
        headers = caller.headers
    answer = api.request(spec.method or "GET", _malformed(spec), headers=headers, json={})
    assert answer.status_code == 404, (spec.name, answer.text)
    assert answer.headers["Content-Type"].startswith("application/problem+json")
    problem = answer.json()
    assert problem["type"].endswith("/not-found") and "with this id" in problem["detail"]


@pytest.mark.parametrize(
    "spec", [s for s in ID_ROUTES if s.auth in ("member", "admin")][:5], ids=lambda s: s.name
)
def test_anonymous_callers_learn_nothing_from_a_malformed_id(
    api: Client, spec: FunctionSpec
) -> None:
    answer = api.request(spec.method or "GET", _malformed(spec), json={})
    assert answer.status_code == 401, (spec.name, answer.text)
