"""The invocation runtime: parsing, errors to problems, headers, correlation ids."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
from pydantic import Field

from fittrack import config
from fittrack.domain.errors import Conflict
from fittrack.http.registry import function, load_function
from fittrack.http.request import Request, Response
from fittrack.http.runtime import HttpCall, invoke_http
from fittrack.platform import Platform
from fittrack.schemas.base import ApiModel


class Widget(ApiModel):
    display_name: str = Field(min_length=3)
    quantity: int = Field(ge=1)


@function(
    "rtunit.create",
    http=("POST", "/rtunit/widgets"),
    auth="public",
    request=Widget,
    response=Widget,
    status=201,
)
def create(req: Request, body: Widget) -> Widget:
    return body


@function("rtunit.boom", http=("GET", "/rtunit/boom"), auth="public")
def boom(req: Request) -> None:
    raise RuntimeError("secret internals: password=hunter2")


@function("rtunit.conflict", http=("GET", "/rtunit/conflict/{name}"), auth="public")
def conflict(req: Request) -> None:
    raise Conflict(f"{req.path_params['name']} already exists")


@function("rtunit.custom", http=("GET", "/rtunit/custom"), auth="public")
def custom(req: Request) -> Response:
    return Response({"q": req.query_value("q")}, status=202, headers={"X-Extra": "1"})


@function("rtunit.member", http=("GET", "/rtunit/mine"), auth="member")
def mine(req: Request) -> dict:
    return {"user": req.user.user_id}


@pytest.fixture
def platform() -> Platform:
    return Platform(config.settings())


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def logs() -> Iterator[Collect]:
    handler = Collect()
    logger = logging.getLogger("fittrack")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(old_level)


def call(
    platform: Platform,
    name: str,
    method: str,
    url: str,
    body: object = None,
    headers: dict[str, str] | None = None,
):
    raw = json.dumps(body).encode() if body is not None else b""
    return invoke_http(
        load_function(name),
        HttpCall(method=method, url=url, headers=headers or {}, body=raw, call_id="CALL1"),
        platform,
    )


def test_body_is_parsed_from_camel_case_and_answered_in_camel_case(platform: Platform) -> None:
    result = call(
        platform,
        "rtunit.create",
        "POST",
        "/api/v1/rtunit/widgets",
        {"displayName": "abc", "quantity": 2},
    )
    assert result.status == 201
    assert result.json() == {"displayName": "abc", "quantity": 2}
    assert result.headers["Content-Type"] == "application/json"


def test_validation_errors_list_each_field(platform: Platform) -> None:
    result = call(
        platform,
        "rtunit.create",
        "POST",
        "/api/v1/rtunit/widgets",
        {"displayName": "a", "quantity": 0},
    )
    assert result.status == 400
    assert result.headers["Content-Type"] == "application/problem+json"
    problem = result.json()
    assert problem["status"] == 400 and problem["type"].endswith("/validation-error")
    assert problem["instance"] == "/api/v1/rtunit/widgets"
    assert {e["field"] for e in problem["errors"]} == {"displayName", "quantity"}


def test_malformed_json_is_a_validation_problem(platform: Platform) -> None:
    spec = load_function("rtunit.create")
    result = invoke_http(
        spec,
        HttpCall(method="POST", url="/api/v1/rtunit/widgets", headers={}, body=b"{nope"),
        platform,
    )
    assert result.status == 400
    assert result.json()["errors"][0]["field"] == "body"


def test_domain_errors_map_to_their_status(platform: Platform) -> None:
    result = call(platform, "rtunit.conflict", "GET", "/api/v1/rtunit/conflict/bob")
    assert result.status == 409
    assert result.json()["detail"] == "bob already exists"


def test_unexpected_errors_are_logged_and_answered_without_internals(
    platform: Platform, logs: Collect
) -> None:
    result = call(
        platform, "rtunit.boom", "GET", "/api/v1/rtunit/boom", headers={"X-Request-Id": "req-42"}
    )
    assert result.status == 500
    assert b"hunter2" not in result.body and b"RuntimeError" not in result.body
    assert result.json()["correlationId"] == "req-42"
    assert result.headers["X-Request-Id"] == "req-42"
    errors = [r for r in logs.records if r.levelno == logging.ERROR]
    assert errors and errors[0].exc_info is not None


def test_correlation_id_falls_back_to_the_fn_call_id(platform: Platform) -> None:
    result = call(
        platform,
        "rtunit.custom",
        "GET",
        "/api/v1/rtunit/custom?q=1",
        headers={"X-Request-Id": "bad id with spaces"},
    )
    assert result.headers["X-Request-Id"] == "CALL1"


def test_handlers_may_set_status_headers_and_read_the_query(platform: Platform) -> None:
    result = call(platform, "rtunit.custom", "GET", "/api/v1/rtunit/custom?q=hello")
    assert result.status == 202 and result.headers["X-Extra"] == "1"
    assert result.json() == {"q": "hello"}


def test_security_headers_and_cors_allow_list(platform: Platform) -> None:
    allowed = call(
        platform,
        "rtunit.custom",
        "GET",
        "/api/v1/rtunit/custom",
        headers={"Origin": "http://localhost:5173"},
    )
    assert allowed.headers["Access-Control-Allow-Origin"] == "http://localhost:5173"
    assert allowed.headers["X-Content-Type-Options"] == "nosniff"
    assert allowed.headers["X-Frame-Options"] == "DENY"
    assert "max-age" in allowed.headers["Strict-Transport-Security"]
    assert "Content-Security-Policy" in allowed.headers
    denied = call(
        platform,
        "rtunit.custom",
        "GET",
        "/api/v1/rtunit/custom",
        headers={"Origin": "https://evil.example"},
    )
    assert "Access-Control-Allow-Origin" not in denied.headers


def test_member_routes_refuse_anonymous_and_malformed_tokens(platform: Platform) -> None:
    anonymous = call(platform, "rtunit.member", "GET", "/api/v1/rtunit/mine")
    assert anonymous.status == 401
    malformed = call(
        platform,
        "rtunit.member",
        "GET",
        "/api/v1/rtunit/mine",
        headers={"Authorization": "Basic abc"},
    )
    assert malformed.status == 401


def test_the_client_address_is_the_hop_the_gateway_appended() -> None:
    from fittrack.http.runtime import client_ip

    assert client_ip({"x-forwarded-for": "6.6.6.6, 203.0.113.9"}) == "203.0.113.9"
    assert client_ip({"x-forwarded-for": "203.0.113.9"}) == "203.0.113.9"
    assert client_ip({}) is None
