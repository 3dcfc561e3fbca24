"""The local gateway's route table (fittrack/local/routes.py) resolves exactly as trying
every route of the contract in order would, for every route and near misses."""

from __future__ import annotations

import re
from pathlib import Path

from fittrack.http.registry import match_path
from fittrack.local.routes import Match, Route, RouteTable

ROOT = Path(__file__).resolve().parents[2]
TABLE = RouteTable.from_contract(ROOT / "api-spec" / "openapi.yaml")
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def every_route_tried(method: str, path: str, table: RouteTable = TABLE) -> Match:
    """The reference: every route of the table, most literal first, then table order."""
    fitting = sorted(
        (
            (route.path.count("{"), order, route)
            for order, route in enumerate(table.routes)
            if match_path(route.path, path) is not None
        ),
        key=lambda entry: entry[:2],
    )
    for _, _, route in fitting:
        if route.method == method:
            return Match(route, [])
    return Match(None, sorted({route.method for _, _, route in fitting}))


def _paths() -> set[str]:
    paths = {"/", "/api", "/api/v1", "/api/v1/nope", "/api/v1/users/nope/extra", "/x/y/z"}
    for route in TABLE.routes:
        for value in ("abc", "upcoming", "me", "0b6f4a52-9d1e-4c55-8d7e-6f0a7f3c2b11"):
            filled = re.sub(r"\{[^}]+\}", value, route.path)
            paths |= {filled, filled + "/", filled + "/more", filled.rsplit("/", 1)[0] + "/zz"}
    return paths


def test_the_table_resolves_as_trying_every_route() -> None:
    assert len(TABLE.routes) > 100  # the whole contract, not a stub
    checked = 0
    for path in sorted(_paths()):
        for method in METHODS:
            assert TABLE.resolve(method, path) == every_route_tried(method, path), (method, path)
            checked += 1
    assert checked > 2_000


def test_a_literal_segment_beats_a_parameter() -> None:
    found = TABLE.resolve("GET", "/api/v1/activities/summary")
    assert found.route is not None and found.route.path == "/api/v1/activities/summary"
    by_id = TABLE.resolve("GET", "/api/v1/activities/0b6f4a52-9d1e-4c55-8d7e-6f0a7f3c2b11")
    assert by_id.route is not None and by_id.route.path == "/api/v1/activities/{activityId}"


def test_a_known_path_with_another_method_names_the_allowed_ones() -> None:
    assert TABLE.resolve("PATCH", "/api/v1/users/me") == Match(None, ["DELETE", "GET"])
    assert TABLE.resolve("GET", "/api/v1/nope") == Match(None, [])


def test_a_parameter_where_the_resource_name_goes_still_matches() -> None:
    table = RouteTable(
        [
            Route("GET", "/api/v1/{kind}/items", "any.items"),
            Route("GET", "/api/v1/users/items", "users.items"),
            Route("POST", "/api/v1/{kind}/items", "any.add"),
            Route("GET", "/{page}", "site.page"),
            Route("GET", "/about", "site.about"),
        ]
    )
    for method, path in [
        ("GET", "/api/v1/users/items"),
        ("GET", "/api/v1/drawings/items"),
        ("POST", "/api/v1/users/items"),
        ("DELETE", "/api/v1/drawings/items"),
        ("GET", "/about"),
        ("GET", "/faq"),
    ]:
        assert table.resolve(method, path) == every_route_tried(method, path, table)
    assert table.resolve("GET", "/api/v1/drawings/items").route == table.routes[0]
    assert table.resolve("GET", "/api/v1/users/items").route == table.routes[1]
    assert table.resolve("GET", "/faq").route == table.routes[3]
