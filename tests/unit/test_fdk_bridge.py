"""What the bridge changes in fdk's request path."""

from __future__ import annotations

import io

from fdk import constants, context

import fittrack.http.fdk_bridge  # noqa: F401 - importing it applies the memo


def _tracing_attrs() -> object:
    headers = {
        constants.FN_HTTP_METHOD: "GET",
        constants.FN_HTTP_REQUEST_URL: "/",
        constants.FN_CALL_ID: "01",
        constants.CONTENT_TYPE: "application/json",
    }
    ctx, _ = context.context_from_format(
        constants.HTTPSTREAM, headers=headers, data=io.BytesIO(b"")
    )
    return ctx.TracingContext().zipkin_attrs()


def test_invocations_share_one_zipkin_attrs_class() -> None:
    first, second = _tracing_attrs(), _tracing_attrs()
    assert type(first) is type(second)
    assert type(first)._fields == ("trace_id", "span_id", "parent_span_id", "is_sampled", "flags")
