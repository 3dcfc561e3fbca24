"""Between fdk's invoke context and the runtime: one function per container."""

from __future__ import annotations

import collections
import io
import json
from functools import lru_cache
from typing import Any

from fdk import context as fdk_context
from fdk import response as fdk_response

from fittrack.http.jobs import invoke_job
from fittrack.http.registry import load_function
from fittrack.http.runtime import HttpCall, invoke_http
from fittrack.platform import get_platform

# fdk builds its ZipkinAttrs namedtuple class anew on every invocation (context.py,
# TracingContext). Making a class per call costs about a fifth of a warm request and
# leaves cyclic garbage behind; the same arguments always give an equivalent class.
fdk_context.namedtuple = lru_cache(maxsize=8)(collections.namedtuple)


def handle(ctx: Any, data: io.BytesIO | None, function_name: str | None) -> fdk_response.Response:
    if not function_name:
        raise RuntimeError("FITTRACK_FUNCTION is not set in the function's configuration")
    spec = load_function(function_name)
    platform = get_platform()
    if spec.local_only and platform.settings.is_production:
        raise RuntimeError(f"{spec.name} is a local-only function")
    body = data.getvalue() if data is not None else b""
    if spec.is_http:
        call = HttpCall(
            method=ctx.Method() or "GET",
            url=ctx.RequestURL() or "/",
            headers={k: _first(v) for k, v in ctx.HTTPHeaders().items()},
            body=body,
            call_id=ctx.CallID(),
        )
        result = invoke_http(spec, call, platform)
        return fdk_response.Response(
            ctx,
            response_data=result.body,
            headers=result.headers,
            status_code=result.status,
        )
    summary = invoke_job(spec, body, platform, ctx.CallID())
    return fdk_response.Response(
        ctx,
        response_data=json.dumps(summary, default=str),
        headers={"Content-Type": "application/json"},
        status_code=200,
    )


def _first(value: Any) -> str:
    """fdk folds repeated headers into lists; requests use the first value."""
    if isinstance(value, list):
        return str(value[0]) if value else ""
    return str(value)
