"""The generated contract: api-spec/openapi.yaml and api-spec/functions.json.

Terraform, the local gateway, the frontend and the tests read these files, so
a route is declared in exactly one place: its @function decorator.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from fittrack import __version__
from fittrack.domain import mfa
from fittrack.http import refresh_cookie, step_up
from fittrack.http.registry import FunctionSpec, is_id_param, production_functions

SCHEDULE_TIME_ZONE = "America/New_York"
PROBLEM_REF = "#/components/schemas/Problem"


def functions_manifest(specs: list[FunctionSpec]) -> dict[str, Any]:
    return {"functions": [_manifest_entry(spec) for spec in specs]}


def _manifest_entry(spec: FunctionSpec) -> dict[str, Any]:
    trigger: dict[str, Any]
    if spec.is_http:
        trigger = {"type": "http", "method": spec.method, "path": spec.full_path, "auth": spec.auth}
    elif spec.schedule:
        trigger = {"type": "schedule", "cron": spec.schedule, "timeZone": SCHEDULE_TIME_ZONE}
    else:
        trigger = {"type": "queue", "queue": spec.queue}
    return {
        "name": spec.name,
        "trigger": trigger,
        "memoryMb": spec.memory_mb,
        "timeoutSeconds": spec.timeout_seconds,
    }


def openapi_document(specs: list[FunctionSpec]) -> dict[str, Any]:
    schemas: dict[str, Any] = {"Problem": _problem_schema()}
    paths: dict[str, dict[str, Any]] = {}
    for spec in specs:
        if spec.is_http and spec.full_path and spec.method:
            paths.setdefault(spec.full_path, {})[spec.method.lower()] = _operation(spec, schemas)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "FitTrack API",
            "version": __version__,
            "description": "Generated from the @function registry; do not edit.",
        },
        "servers": [{"url": "/"}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": dict(sorted(schemas.items())),
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
            },
        },
    }


def _operation(spec: FunctionSpec, schemas: dict[str, Any]) -> dict[str, Any]:
    op: dict[str, Any] = {
        "operationId": spec.name,
        "summary": spec.summary,
        "tags": [spec.module],
        "x-fittrack-function": spec.name,
        "x-fittrack-auth": spec.auth,
    }
    params = [
        {"name": name, "in": "path", "required": True, "schema": _path_schema(name, spec.module)}
        for name in spec.path_params
    ]
    if spec.query is not None:
        params += _query_parameters(spec.query)
    params += refresh_cookie_parameters(spec)
    if params:
        op["parameters"] = params
    if spec.auth in ("member", "admin"):
        op["security"] = [{"bearerAuth": []}]
    elif spec.auth == "optional":
        op["security"] = [{}, {"bearerAuth": []}]
    else:
        op["security"] = []
    if spec.step_up:
        op[STEP_UP_KEY] = {"amr": mfa.OTP_AMR, "maxAgeSeconds": step_up.MAX_AGE_SECONDS}
    if spec.request is not None:
        op["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _ref(spec.request, schemas)}},
        }
    op["responses"] = _responses(spec, schemas)
    return op


def _path_enums(module: str) -> dict[str, list[str]]:
    """Path parameters whose values are a fixed list: the contract names them. A
    `provider` is a social sign-in provider on the social routes, a tracker elsewhere."""
    from fittrack.adapters import providers
    from fittrack.config import OIDC_DEFAULT_ISSUERS
    from fittrack.domain import leaderboard

    named = list(OIDC_DEFAULT_ISSUERS) if module == "social" else list(providers.names())
    return {"period": list(leaderboard.PERIODS), "provider": named}


def _path_schema(name: str, module: str) -> dict[str, Any]:
    if is_id_param(name):
        return {"type": "string", "format": "uuid"}
    enum = _path_enums(module).get(name)
    return {"type": "string", "enum": enum} if enum else {"type": "string"}


def _responses(spec: FunctionSpec, schemas: dict[str, Any]) -> dict[str, Any]:
    success: dict[str, Any] = {"description": "Success"}
    if spec.response is not None:
        success["content"] = {"application/json": {"schema": _ref(spec.response, schemas)}}
        if spec.csv:
            success["content"]["text/csv"] = {"schema": {"type": "string"}}
    if spec.refresh_cookie is not None:
        success["headers"] = {"Set-Cookie": _set_cookie_header(spec)}
    responses: dict[str, Any] = {str(spec.status): success}
    for status in problem_statuses(spec):
        responses[str(status)] = {
            "description": _problem_description(spec, status),
            "content": {"application/problem+json": {"schema": {"$ref": PROBLEM_REF}}},
        }
    refusals = contract_refusals(spec)
    if refusals:
        responses["400"][REFUSALS_KEY] = refusals
    return responses


REFUSALS_KEY = "x-fittrack-refusals"
STEP_UP_KEY = "x-fittrack-step-up"
STEP_UP_401 = (
    "; or the token lacks a recent step-up (RFC 9470): no `otp` in `amr`, or `auth_time` "
    f"older than {step_up.MAX_AGE_SECONDS} s. Then WWW-Authenticate is `{step_up.CHALLENGE}`; "
    "step up with POST /auth/mfa/verify"
)


def _problem_description(spec: FunctionSpec, status: int) -> str:
    described = PROBLEM_DESCRIPTIONS[status]
    return described + STEP_UP_401 if status == 401 and spec.step_up else described


def contract_refusals(spec: FunctionSpec) -> list[dict[str, str]]:
    """The request's and query's rules JSON Schema cannot state, as the field errors
    that refuse them."""
    rules = {
        **(getattr(spec.request, "contract_refusals", {}) if spec.request else {}),
        **(getattr(spec.query, "contract_refusals", {}) if spec.query else {}),
    }
    return [
        {"field": field, "code": code, "rule": rule}
        for (field, code), rule in sorted(rules.items())
    ]


PROBLEM_DESCRIPTIONS = {
    400: "Invalid request (a problem naming the fields)",
    401: "Not signed in, or the token is not valid",
    403: "Not allowed",
    404: "No such resource",
    409: "Conflicts with the current state",
    413: "Request body too large",
    423: "Locked for a while",
    429: "Too many requests (Retry-After says when to try again)",
    503: "A dependency is unavailable",
}


def problem_statuses(spec: FunctionSpec) -> list[int]:
    """The problems a route can answer, from what it declares: what it reads (400), who
    may call it (401, 403; a body may carry credentials, tokens or secrets: 401), whether
    a member changes state (409), its path (404), its body (413), its rate limit (429),
    whether it writes (503 while the database is busy or read-only) and what else it names
    (a lockout's 423)."""
    statuses = set(spec.problems)
    if spec.request is not None or spec.query is not None or spec.path_params:
        statuses.add(400)
    if spec.auth != "public" or spec.request is not None:
        statuses.add(401)
    if spec.auth in ("member", "admin"):
        statuses.add(403)
        if spec.method != "GET":
            statuses.add(409)
    if spec.method != "GET":
        statuses.add(503)  # a write while the database is busy or read-only (docs/RUNBOOK.md)
    if spec.path_params:
        statuses.add(404)
    if spec.request is not None:
        statuses.add(413)
    if spec.rate_limited:
        statuses.add(429)
    if spec.refresh_cookie is not None:
        statuses.update((400, 403))  # an unknown transport; the cookie without its CSRF header
    return sorted(statuses)


def refresh_cookie_parameters(spec: FunctionSpec) -> list[dict[str, Any]]:
    """The opt-in header, and where a route reads the cookie, the cookie and its CSRF header."""
    if spec.refresh_cookie is None:
        return []
    params = [
        {
            "name": refresh_cookie.TRANSPORT_HEADER,
            "in": "header",
            "required": False,
            "description": "`cookie`: the refresh token travels in the httpOnly "
            f"{refresh_cookie.COOKIE_NAME} cookie and is left out of the JSON body.",
            "schema": {"type": "string", "enum": [refresh_cookie.TRANSPORT_COOKIE]},
        }
    ]
    if spec.refresh_cookie in ("rotate", "clear"):
        params += [
            {
                "name": refresh_cookie.COOKIE_NAME,
                "in": "cookie",
                "required": False,
                "description": "The refresh token, set by login, refresh or social sign-in.",
                "schema": {"type": "string"},
            },
            {
                "name": refresh_cookie.CSRF_HEADER,
                "in": "header",
                "required": False,
                "description": f"Required (value {refresh_cookie.CSRF_VALUE}) when the "
                f"{refresh_cookie.COOKIE_NAME} cookie is sent; without it the answer is 403.",
                "schema": {"type": "string", "enum": [refresh_cookie.CSRF_VALUE]},
            },
        ]
    return params


def _set_cookie_header(spec: FunctionSpec) -> dict[str, Any]:
    what = "clears the cookie (Max-Age=0)" if spec.refresh_cookie == "clear" else "sets it"
    return {
        "description": f"Only with {refresh_cookie.TRANSPORT_HEADER}: cookie; {what}: "
        f"{refresh_cookie.COOKIE_NAME}=<token>; Max-Age={refresh_cookie.MAX_AGE_SECONDS}; "
        f"Path={refresh_cookie.COOKIE_PATH}; HttpOnly; Secure; SameSite=Strict",
        "required": False,
        "schema": {"type": "string"},
    }


# Every string of every model refuses control characters (schemas/base.py, ApiModel);
# a string with no pattern, format or fixed values says so in the contract.
NO_CONTROL_CHARACTERS = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$"


def _declare_no_control_characters(schema: dict[str, Any]) -> None:
    for prop in (schema.get("properties") or {}).values():
        for branch in [prop, *prop.get("anyOf", []), prop.get("items") or {}]:
            free = not any(key in branch for key in ("pattern", "format", "enum", "const"))
            if branch.get("type") == "string" and free:
                branch["pattern"] = NO_CONTROL_CHARACTERS


def _ref(model: type[BaseModel], schemas: dict[str, Any]) -> dict[str, str]:
    schema = model.model_json_schema(by_alias=True, ref_template="#/components/schemas/{model}")
    for name, definition in schema.pop("$defs", {}).items():
        _declare_no_control_characters(definition)
        schemas[name] = definition
    _declare_no_control_characters(schema)
    schemas[model.__name__] = schema
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _query_parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    schema = model.model_json_schema(by_alias=True)
    _declare_no_control_characters(schema)  # every model refuses them, queries too
    required = set(schema.get("required", []))
    return [
        {"name": name, "in": "query", "required": name in required, "schema": prop}
        for name, prop in schema.get("properties", {}).items()
    ]


def _problem_schema() -> dict[str, Any]:
    string = {"type": "string"}
    return {
        "type": "object",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": string,
            "title": string,
            "status": {"type": "integer"},
            "detail": string,
            "instance": string,
            "correlationId": string,
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"field": string, "message": string, "code": string},
                },
            },
        },
    }


def requirements_txt(pyproject: Path) -> str:
    """The runtime dependencies of pyproject.toml, for the fn image build."""
    import tomllib

    deps = tomllib.loads(pyproject.read_text())["project"]["dependencies"]
    header = "# Generated from pyproject.toml by `fittrack spec`; do not edit.\n"
    return header + "".join(f"{dep}\n" for dep in sorted(deps, key=str.lower))


def render(root: Path) -> dict[Path, str]:
    """Every generated file and its content."""
    import yaml

    specs = production_functions()
    return {
        root / "api-spec" / "openapi.yaml": yaml.safe_dump(
            openapi_document(specs), sort_keys=False, allow_unicode=True, width=100
        ),
        root / "api-spec" / "functions.json": json.dumps(functions_manifest(specs), indent=2)
        + "\n",
        root / "requirements.txt": requirements_txt(root / "pyproject.toml"),
    }


def write(root: Path) -> list[Path]:
    changed = []
    for path, content in render(root).items():
        if not path.exists() or path.read_text() != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content)
            changed.append(path)
    return changed


def stale(root: Path) -> list[Path]:
    return [
        path
        for path, content in render(root).items()
        if not path.exists() or path.read_text() != content
    ]


def route_table(openapi: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(METHOD, full path, function name) for every operation of an OpenAPI document."""
    base = openapi.get("servers", [{"url": "/"}])[0]["url"].rstrip("/")
    return [
        (method.upper(), base + path, op["x-fittrack-function"])
        for path, ops in openapi.get("paths", {}).items()
        for method, op in ops.items()
        if re.fullmatch(r"[a-z]+", method)
    ]
