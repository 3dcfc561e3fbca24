"""Every /admin route answers an anonymous caller 401 and a member 403, before any
handler runs. Generated from the registry, so a new admin route cannot escape."""

from __future__ import annotations

import re

import pytest

from fittrack.http.registry import FunctionSpec, is_id_param, production_functions
from tests.api.conftest import Client
from tests.fixtures.members import MemberFactory

ADMIN_ROUTES = sorted(
    (s for s in production_functions() if s.full_path and s.full_path.startswith("/api/v1/admin")),
    key=lambda s: s.name,
)


def _path(spec: FunctionSpec) -> str:
    assert spec.full_path
    return re.sub(
        r"\{(\w+)\}",
        lambda m: "01234567-89ab-cdef-0123-456789abcdef" if is_id_param(m.group(1)) else "x",
        spec.full_path,
    )


def test_every_admin_route_is_declared_for_admins() -> None:
    assert len(ADMIN_ROUTES) > 30
    assert [s.name for s in ADMIN_ROUTES if s.auth != "admin"] == []


@pytest.mark.parametrize("spec", ADMIN_ROUTES, ids=lambda s: s.name)
def test_anonymous_401_and_member_403(
    api: Client, member_factory: MemberFactory, spec: FunctionSpec
) -> None:
    method, path = spec.method or "GET", _path(spec)
    anonymous = api.request(method, path, json={})
    assert anonymous.status_code == 401, (spec.name, anonymous.text)
    member = member_factory()
    refused = api.request(method, path, json={}, headers=member.headers)
    assert refused.status_code == 403, (spec.name, refused.text)
    assert refused.headers["Content-Type"].startswith("application/problem+json")
