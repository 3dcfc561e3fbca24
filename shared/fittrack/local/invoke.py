"""Invoke a function through fdk's own request path, as OCI Functions does.

The local platform hosts every function in one process; each call still goes
through `fdk.runner.handle_request` with the headers API Gateway and the Fn
server send (Fn-Http-Method, Fn-Http-Request-Url, Fn-Http-H-*, Fn-Intent).
"""

from __future__ import annotations

import asyncio
import io
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from fdk import constants, runner
from fdk import headers as fdk_headers


@dataclass
class Container:
    """What fdk calls "customer code": the handler of one function."""

    function_name: str

    def handler(self) -> Any:
        from functions.main import handler_for

        return handler_for(self.function_name)


@dataclass
class FnResult:
    status: int
    headers: dict[str, str]
    body: bytes


def gateway_headers(method: str, url: str, http_headers: dict[str, str], timeout: int) -> dict:
    """The headers API Gateway + the Fn server put on an HTTP-triggered invocation."""
    headers = fdk_headers.encap_headers(http_headers)
    headers.update(
        {
            constants.FN_INTENT: constants.INTENT_HTTP_REQUEST,
            constants.FN_HTTP_METHOD: method,
            constants.FN_HTTP_REQUEST_URL: url,
            constants.FN_CALL_ID: uuid.uuid4().hex.upper(),
            constants.FN_DEADLINE: _deadline(timeout),
            constants.CONTENT_TYPE: http_headers.get("content-type", "application/json"),
        }
    )
    return headers


def invoke_headers(timeout: int) -> dict:
    """A plain (non-HTTP) invocation: schedules and queue deliveries."""
    return {
        constants.FN_HTTP_METHOD: "POST",
        constants.FN_HTTP_REQUEST_URL: "/",
        constants.FN_CALL_ID: uuid.uuid4().hex.upper(),
        constants.FN_DEADLINE: _deadline(timeout),
        constants.CONTENT_TYPE: "application/json",
    }


def _deadline(timeout: int) -> str:
    return (datetime.now(UTC) + timedelta(seconds=timeout)).isoformat()


def invoke(
    function_name: str, headers: dict, body: bytes, loop: asyncio.AbstractEventLoop | None = None
) -> FnResult:
    """Run one invocation through fdk and unwrap the gateway encoding of the answer.

    A caller that invokes many times (a gateway connection) passes its own event
    loop: creating one per call costs more than a warm invocation itself.
    """
    call = runner.handle_request(
        Container(function_name),
        constants.HTTPSTREAM,
        headers=headers,
        data=io.BytesIO(body),
    )
    response = loop.run_until_complete(call) if loop is not None else asyncio.run(call)
    raw = response.context().GetResponseHeaders()
    return FnResult(
        status=int(raw.get(constants.FN_HTTP_STATUS, response.status())),
        headers=_decap(raw),
        body=response.body_bytes(),
    )


def _decap(raw: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in raw.items():
        if key.startswith(constants.FN_HTTP_PREFIX):
            name = key[len(constants.FN_HTTP_PREFIX) :]
            out[name] = ", ".join(value) if isinstance(value, list) else str(value)
        elif key == constants.CONTENT_TYPE:
            out.setdefault(key, str(value))
    return out
