"""The local gateway routes by the contract and answers like the real one."""

from __future__ import annotations

from tests.api.conftest import Client


def test_health(api: Client) -> None:
    response = api.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Request-Id"]


def test_liveness_and_readiness(api: Client) -> None:
    assert api.get("/api/v1/health/live").status_code == 200
    ready = api.get("/api/v1/health/ready")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok", "cache": "ok"}


def test_tiers(api: Client) -> None:
    tiers = api.get("/api/v1/tiers").json()["tiers"]
    assert len(tiers) == 30
    one = api.get("/api/v1/tiers/M-18-29-BEG")
    assert one.status_code == 200 and one.json()["displayName"] == "Men 18-29, Beginner"
    missing = api.get("/api/v1/tiers/Z-99-NOPE")
    assert missing.status_code == 404
    assert missing.headers["Content-Type"] == "application/problem+json"


def test_unknown_route_and_wrong_method_are_problems(api: Client) -> None:
    unknown = api.get("/api/v1/nothing-here")
    assert unknown.status_code == 404 and unknown.json()["status"] == 404
    wrong = api.post("/api/v1/tiers", json={})
    assert wrong.status_code == 405
    assert wrong.headers["Allow"] == "GET"
    assert wrong.json()["type"].endswith("/method-not-allowed")


def test_request_id_is_echoed(api: Client) -> None:
    response = api.get("/api/v1/health", headers={"X-Request-Id": "trace-me-1"})
    assert response.headers["X-Request-Id"] == "trace-me-1"


def test_dev_outbox_lists_emails(api: Client, local_platform) -> None:
    from fittrack.adapters.mail import EmailMessage, enqueue_email

    with local_platform.platform.db.unit_of_work() as uow:
        enqueue_email(uow, EmailMessage(to="ann@example.com", subject="Hello", text="Hi Ann"))
    emails = api.get("/_dev/outbox").json()["emails"]
    assert [(e["toAddress"], e["subject"], e["bodyText"]) for e in emails] == [
        ("ann@example.com", "Hello", "Hi Ann")
    ]
    assert api.get("/_dev/outbox?limit=0").status_code == 400


def test_preflight_for_an_allowed_origin(api: Client) -> None:
    response = api.request(
        "OPTIONS",
        "/api/v1/health",
        headers={"Origin": "http://localhost:5173", "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == "http://localhost:5173"


def test_the_app_is_served_at_the_root(api: Client) -> None:
    response = api.get("/")
    assert response.status_code == 200
    assert "FitTrack" in response.text


def test_a_kept_alive_connection_survives_an_unknown_route_with_a_body(api: Client) -> None:
    assert api.post("/api/v1/nothing-here", json={"some": "body"}).status_code == 404
    assert api.post("/api/v1/tiers", json={"x": 1}).status_code == 405
    # the same session reuses the connection: the next request must parse cleanly
    assert api.get("/api/v1/health").status_code == 200
