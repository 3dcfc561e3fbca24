"""The function registry: every function is declared once, next to its code.

A function's name is "<module>.<operation>"; <module> is the file under
`functions/` that defines it, so one container imports only its own module.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal
from urllib.parse import unquote

from pydantic import BaseModel

from fittrack.http.oci_limits import check_function_resources

API_PREFIX = "/api/v1"
ROOT_PREFIXES = ("/.well-known/", "/_dev/")
AUTH_LEVELS = ("public", "optional", "member", "admin", "system")
Auth = Literal["public", "optional", "member", "admin", "system"]
# What a route does with the refresh cookie (fittrack.http.refresh_cookie).
RefreshCookie = Literal["issue", "rotate", "clear"]

_NAME = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
_PARAM = re.compile(r"\{([A-Za-z][A-Za-z0-9]*)\}")


def is_id_param(name: str) -> bool:
    """Ids are UUIDs (SPEC 10); a route names them `<thing>Id`."""
    return name.endswith("Id")


@dataclass(frozen=True)
class Routes:
    """A module's route prefix, declared once: `ROUTES.get("/{id}")` is the route
    ("GET", prefix + "/{id}") for `function(http=...)`."""

    prefix: str

    def _route(self, method: str, path: str) -> tuple[str, str]:
        if path and not path.startswith("/"):
            raise ValueError(f"route {path!r} must start with '/'")
        return method, self.prefix + path

    def get(self, path: str = "") -> tuple[str, str]:
        return self._route("GET", path)

    def post(self, path: str = "") -> tuple[str, str]:
        return self._route("POST", path)

    def put(self, path: str = "") -> tuple[str, str]:
        return self._route("PUT", path)

    def delete(self, path: str = "") -> tuple[str, str]:
        return self._route("DELETE", path)


@dataclass(frozen=True, kw_only=True)
class FunctionSpec:
    name: str
    handler: Callable[..., Any]
    method: str | None = None
    path: str | None = None
    schedule: str | None = None
    queue: str | None = None
    auth: Auth = "member"
    request: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    response: type[BaseModel] | None = None
    status: int = 200
    memory_mb: int = 256
    timeout_seconds: int = 30
    summary: str = ""
    local_only: bool = False
    rate_limited: bool = True
    ended_session_ok: bool = False  # a genuine token whose session ended may still call
    refresh_cookie: RefreshCookie | None = None
    problems: tuple[int, ...] = ()  # statuses beyond those the declaration implies
    csv: bool = False  # may also answer text/csv (format=csv)
    # RFC 9470 step-up: the caller must have proved an OTP recently (fittrack.http.step_up).
    step_up: bool = False
    tags: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_http(self) -> bool:
        return self.method is not None

    @property
    def module(self) -> str:
        return self.name.split(".", 1)[0]

    @property
    def full_path(self) -> str | None:
        """The public path: API functions live under /api/v1; local-only and
        well-known ones (/_dev/..., /.well-known/...) at the root as written."""
        if self.path is None:
            return None
        at_root = self.local_only or self.path.startswith(ROOT_PREFIXES)
        return self.path if at_root else API_PREFIX + self.path

    @property
    def path_params(self) -> list[str]:
        return _PARAM.findall(self.path or "")

    @property
    def id_params(self) -> list[str]:
        """The path parameters that are ids (named `...Id`): UUIDs, parsed at the edge."""
        return [name for name in self.path_params if is_id_param(name)]

    def match(self, path: str) -> dict[str, str] | None:
        """Path parameters when `path` (full, no query) fits this route, else None."""
        if self.full_path is None:
            return None
        return match_path(self.full_path, path)


def match_path(template: str, path: str) -> dict[str, str] | None:
    """Segment-wise match of a route template ("/tiers/{tierCode}") against a path."""
    wanted = template_segments(template)
    given = path.strip("/").split("/")
    if len(wanted) != len(given):
        return None
    params: dict[str, str] = {}
    for (literal, param), actual in zip(wanted, given, strict=True):
        if param is not None and actual:
            params[param] = unquote(actual)
        elif literal != actual:
            return None
    return params


@lru_cache(maxsize=1024)
def template_segments(template: str) -> tuple[tuple[str, str | None], ...]:
    """Each segment of a template as (text, parameter name or None), parsed once."""
    segments = []
    for segment in template.strip("/").split("/"):
        name = _PARAM.fullmatch(segment)
        segments.append((segment, name.group(1) if name else None))
    return tuple(segments)


_REGISTRY: dict[str, FunctionSpec] = {}
HTTP_DEFAULTS = (128, 10)  # (memory MB, timeout s): a request answers fast
JOB_DEFAULTS = (256, 300)  # scheduled and queue functions work through batches


def function(
    name: str,
    *,
    http: tuple[str, str] | None = None,
    schedule: str | None = None,
    queue: str | None = None,
    auth: Auth = "member",
    request: type[BaseModel] | None = None,
    query: type[BaseModel] | None = None,
    response: type[BaseModel] | None = None,
    status: int = 200,
    memory: int | None = None,
    timeout: int | None = None,
    summary: str = "",
    local_only: bool = False,
    rate_limited: bool = True,
    ended_session_ok: bool = False,
    refresh_cookie: RefreshCookie | None = None,
    problems: tuple[int, ...] = (),
    step_up: bool = False,
    csv: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare a function: exactly one trigger (HTTP route, schedule or queue).

    Memory (MB) and timeout (s) default by trigger (HTTP_DEFAULTS, JOB_DEFAULTS);
    a declaration states them only where it needs more.
    """
    if not _NAME.match(name):
        raise ValueError(f"function name {name!r} must look like 'module.operation'")
    if sum(x is not None for x in (http, schedule, queue)) != 1:
        raise ValueError(f"function {name} needs exactly one of http, schedule, queue")
    if auth not in AUTH_LEVELS:
        raise ValueError(f"function {name}: unknown auth level {auth!r}")
    if step_up and not (http and auth == "admin"):
        raise ValueError(f"function {name}: step_up is for admin HTTP routes")

    defaults = HTTP_DEFAULTS if http else JOB_DEFAULTS
    check_function_resources(name, memory or defaults[0], timeout or defaults[1])

    def register(handler: Callable[..., Any]) -> Callable[..., Any]:
        method, path = (http[0].upper(), http[1]) if http else (None, None)
        spec = FunctionSpec(
            name=name,
            handler=handler,
            method=method,
            path=path,
            schedule=schedule,
            queue=queue,
            auth=auth if http else "system",
            request=request,
            query=query,
            response=response,
            status=status,
            memory_mb=memory or defaults[0],
            timeout_seconds=timeout or defaults[1],
            summary=summary or (handler.__doc__ or "").strip().split("\n")[0],
            local_only=local_only,
            rate_limited=rate_limited and not local_only,
            ended_session_ok=ended_session_ok,
            refresh_cookie=refresh_cookie,
            problems=problems,
            csv=csv,
            step_up=step_up,
        )
        existing = _REGISTRY.get(name)
        # Re-importing the same module re-registers the same handler; anything else clashes.
        if existing is not None and _origin(existing.handler) != _origin(handler):
            raise ValueError(f"function {name} is declared twice")
        _REGISTRY[name] = spec
        return handler

    return register


def _origin(handler: Callable[..., Any]) -> tuple[str, str]:
    return handler.__module__, handler.__qualname__


def load_function(name: str) -> FunctionSpec:
    """Import only the module that declares `name` and return its spec."""
    if name in _REGISTRY:
        return _REGISTRY[name]
    module = name.split(".", 1)[0]
    if not re.match(r"^[a-z][a-z0-9_]*$", module):
        raise LookupError(f"no function named {name!r}")
    try:
        importlib.import_module(f"functions.{module}")
    except ModuleNotFoundError as missing:
        raise LookupError(f"no function named {name!r}") from missing
    if name not in _REGISTRY:
        raise LookupError(f"no function named {name!r}")
    return _REGISTRY[name]


def function_modules() -> list[str]:
    """Every module of the `functions` package but the fdk entry point."""
    import functions

    found = pkgutil.iter_modules(functions.__path__)
    return sorted(m.name for m in found if m.name != "main" and not m.name.startswith("_"))


def load_all() -> list[FunctionSpec]:
    """Import every function module (spec generation, local platform, tests)."""
    ours = set(function_modules())
    for module in sorted(ours):
        importlib.import_module(f"functions.{module}")
    return sorted((s for s in _REGISTRY.values() if s.module in ours), key=lambda s: s.name)


def production_functions() -> list[FunctionSpec]:
    return [spec for spec in load_all() if not spec.local_only]
