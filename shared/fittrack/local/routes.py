"""The local gateway's route table: api-spec/openapi.yaml plus local-only routes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from fittrack.http.contract import route_table
from fittrack.http.registry import load_all, match_path, template_segments


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    function: str
    timeout: int = 30


@dataclass
class Match:
    route: Route | None
    allowed: list[str]


_KEY_AT = 2  # the segment after "api", "v1": the resource ("users", "drawings", "admin")
_ANY = None  # the bucket of routes with a parameter where the key segment is


def _key_position(length: int) -> int:
    return min(_KEY_AT, length - 1)


class RouteTable:
    def __init__(self, routes: list[Route]) -> None:
        self.routes = routes
        # Only templates with as many segments as the path, and the same key segment
        # (or a parameter there), can match it: a request tries a few templates instead
        # of every one of its length.
        self._buckets: dict[tuple[int, str | None], list[tuple[int, Route]]] = {}
        for order, route in enumerate(routes):
            segments = template_segments(route.path)
            literal, param = segments[_key_position(len(segments))]
            key = (len(segments), _ANY if param else literal)
            self._buckets.setdefault(key, []).append((order, route))

    @classmethod
    def from_contract(cls, openapi_path: Path) -> RouteTable:
        """Production routes exactly as the contract has them, plus the /_dev routes."""
        stat = openapi_path.stat()
        document = _contract(str(openapi_path), stat.st_mtime_ns, stat.st_size)
        specs = {spec.name: spec for spec in load_all()}
        routes = [
            Route(method, path, name, specs[name].timeout_seconds if name in specs else 30)
            for method, path, name in route_table(document)
        ]
        routes += [
            Route(spec.method or "GET", spec.full_path or "", spec.name)
            for spec in specs.values()
            if spec.local_only and spec.is_http
        ]
        return cls(routes)

    def resolve(self, method: str, path: str) -> Match:
        given = path.strip("/").split("/")
        length = len(given)
        bucketed = (
            *self._buckets.get((length, given[_key_position(length)]), ()),
            *self._buckets.get((length, _ANY), ()),
        )
        # A literal segment beats a parameter ("/activities/summary" before
        # "/activities/{activityId}"); among equals, the table's order.
        candidates = [
            route
            for _, route in sorted(
                (entry for entry in bucketed if match_path(entry[1].path, path) is not None),
                key=lambda entry: (entry[1].path.count("{"), entry[0]),
            )
        ]
        for route in candidates:
            if route.method == method:
                return Match(route, [])
        return Match(None, sorted({route.method for route in candidates}))


@lru_cache(maxsize=4)
def _contract(path: str, mtime_ns: int, size: int) -> Any:
    """The parsed contract, once per version of the file: parsing it is most of a local
    platform's start (libyaml's loader where installed, ~4x faster than pure Python)."""
    import yaml

    text = Path(path).read_text()
    if getattr(yaml, "__with_libyaml__", False):
        return yaml.load(text, Loader=yaml.CSafeLoader)
    return yaml.safe_load(text)
