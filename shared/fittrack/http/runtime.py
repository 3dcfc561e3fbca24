"""One invocation of a function: parse, authorize, call, answer.

Every error a caller can see is mapped here, in one place, to an RFC 7807
problem; anything unexpected is logged with the correlation id and answered
as a generic 500 that reveals nothing.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

from pydantic import BaseModel, ValidationError

from fittrack import log
from fittrack.domain.errors import DomainError, FieldError, ValidationFailed
from fittrack.http import throttle
from fittrack.http.auth import authorize
from fittrack.http.headers import SECURITY_HEADERS, cors_headers
from fittrack.http.problems import (
    PROBLEM_CONTENT_TYPE,
    Problem,
    internal_problem,
    problem_from_error,
)
from fittrack.http.registry import FunctionSpec
from fittrack.http.request import Request, Response, parse_ids
from fittrack.platform import Platform

logger = log.get_logger("fittrack.http")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


@dataclass(kw_only=True)
class HttpCall:
    """An HTTP request as it reaches a function (already routed)."""

    method: str
    url: str
    headers: dict[str, str]
    body: bytes = b""
    call_id: str | None = None


@dataclass
class HttpResult:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


def correlation_id_for(headers: dict[str, str], call_id: str | None) -> str:
    candidate = headers.get("x-request-id")
    if candidate and _SAFE_ID.match(candidate):
        return candidate
    return call_id or uuid.uuid4().hex


def invoke_http(spec: FunctionSpec, call: HttpCall, platform: Platform) -> HttpResult:
    headers = {k.lower(): v for k, v in call.headers.items()}
    cid = correlation_id_for(headers, call.call_id)
    token_cid = log.correlation_id.set(cid)
    token_fn = log.function_name.set(spec.name)
    started = time.perf_counter()
    parts = urlsplit(call.url)
    try:
        status, extra_headers, body, content_type = _run(
            spec, call, headers=headers, parts=parts, cid=cid, platform=platform
        )
    except DomainError as error:
        status, extra_headers, body, content_type = _problem(problem_from_error(error, parts.path))
    except Exception:
        logger.exception("unhandled error in function")
        status, extra_headers, body, content_type = _problem(internal_problem(parts.path, cid))
    finally:
        log.correlation_id.reset(token_cid)
        log.function_name.reset(token_fn)
    response_headers = {
        **SECURITY_HEADERS,
        **cors_headers(headers.get("origin"), platform.settings.cors_origins),
        **extra_headers,
        "X-Request-Id": cid,
    }
    if body:
        response_headers["Content-Type"] = content_type
    elapsed_ms = (time.perf_counter() - started) * 1000
    logger.info(
        "request served",
        extra={
            "method": call.method,
            "path": parts.path,
            "status": status,
            "durationMs": round(elapsed_ms, 3),
            "correlationId": cid,
            "function": spec.name,
        },
    )
    return HttpResult(status=status, headers=response_headers, body=body)


def _run(
    spec: FunctionSpec,
    call: HttpCall,
    *,
    headers: dict[str, str],
    parts: Any,
    cid: str,
    platform: Platform,
) -> tuple[int, dict[str, str], bytes, str]:
    params = spec.match(parts.path)
    if params is None:
        raise RuntimeError(f"{parts.path} was routed to {spec.name}, which does not serve it")
    req = Request(
        method=call.method.upper(),
        path=parts.path,
        path_params=params,
        query=parse_qs(parts.query, keep_blank_values=True),
        headers=headers,
        body=call.body,
        correlation_id=cid,
        function=spec,
        platform=platform,
        client_ip=client_ip(headers),
    )
    req.caller = authorize(req)
    throttle.enforce(req)
    req.ids = parse_ids(spec, params)
    args: list[Any] = [req]
    if spec.query is not None:
        args.append(parse_query(spec.query, req.query))
    if spec.request is not None:
        args.append(parse_model(spec.request, _required_body(req), "body"))
    result = spec.handler(*args)
    return _render(result, spec.status)


def client_ip(headers: dict[str, str]) -> str | None:
    """The address our gateway saw: the last X-Forwarded-For hop, which the gateway appends.

    Earlier entries come from the client and could be forged to dodge per-IP limits.
    """
    hops = [hop.strip() for hop in (headers.get("x-forwarded-for") or "").split(",")]
    return next((hop for hop in reversed(hops) if hop), None)


def _required_body(req: Request) -> Any:
    """The contract marks every declared request body required: a missing one is a 400,
    even when each of its fields has a default ({} says "use the defaults")."""
    if not req.body.strip():
        raise ValidationFailed([FieldError("body", "A JSON body is required.", "missing")])
    return req.json()


def parse_query(model: type[BaseModel], query: dict[str, list[str]]) -> BaseModel:
    """The query as `model` reads it; a parameter the contract does not name is refused
    (the contract lists every parameter, so a misspelt filter is not silently ignored)."""
    known = {name for name, f in model.model_fields.items()} | {
        f.alias for f in model.model_fields.values() if f.alias
    }
    unknown = sorted(name for name in query if name not in known)
    if unknown:
        raise ValidationFailed(
            [
                FieldError(name, "Not a parameter of this route.", "unknown_parameter")
                for name in unknown
            ]
        )
    return parse_model(model, {k: v[-1] for k, v in query.items()}, "query")


def parse_model(model: type[BaseModel], data: Any, where: str) -> BaseModel:
    if data is None:
        data = {}
    try:
        return model.model_validate(data)
    except ValidationError as invalid:
        raise ValidationFailed([_field_error(e, where) for e in invalid.errors()]) from None


def _field_error(error: Any, where: str) -> FieldError:
    location = ".".join(str(part) for part in error.get("loc", ())) or where
    return FieldError(location, error.get("msg", "invalid value"), error.get("type", "invalid"))


def _render(result: Any, default_status: int) -> tuple[int, dict[str, str], bytes, str]:
    if isinstance(result, Response):
        body = result.body
        status, headers, content_type = result.status, dict(result.headers), result.content_type
    else:
        body, status, headers, content_type = result, default_status, {}, "application/json"
    if body is None:
        return (204 if status == 200 else status), headers, b"", content_type
    if isinstance(body, bytes):
        return status, headers, body, content_type
    return status, headers, _encode(body), content_type


def _encode(body: Any) -> bytes:
    return json.dumps(_plain(body), separators=(",", ":"), default=_json_default).encode()


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _problem(problem: Problem) -> tuple[int, dict[str, str], bytes, str]:
    return problem.status, dict(problem.headers), _encode(problem.body()), PROBLEM_CONTENT_TYPE


def problem_result(problem: Problem, cid: str | None = None) -> HttpResult:
    """A problem answered outside any function (the gateway's own 404/405)."""
    status, headers, body, content_type = _problem(problem)
    headers = {**SECURITY_HEADERS, **headers, "Content-Type": content_type}
    if cid:
        headers["X-Request-Id"] = cid
    return HttpResult(status=status, headers=headers, body=body)
