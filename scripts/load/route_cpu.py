"""Server CPU milliseconds per request, one route at a time.

For each route of the mixes: a few warm-up calls, then `REQUESTS` calls from two
client threads with nothing else sent, and the server's CPU time (its process
and any it started, from /proc through psutil) before and after, divided by the
calls. The client is http.client, so the clients' own work does not blur the
server's; the scheduler and queue worker threads inside the server are idle
but for their polls, which this counts too (small against these figures).
"""

from __future__ import annotations

import http.client
import itertools
import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from platform_under_test import API, Server, sign_in

REQUESTS = 200
SIGN_INS = 20  # each costs an Argon2 verification: fewer are enough
WARM_UP = 5
THREADS = 2


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    path: str
    admin: bool = False
    calls: int = REQUESTS
    body: Callable[[], dict[str, Any]] | None = None
    expect: int = 200


def routes(accounts: dict[str, Any]) -> list[Route]:
    open_id, done_id = accounts["openDrawing"], accounts["completedDrawing"]
    emails = itertools.cycle(accounts["members"])
    password = accounts["memberPassword"]

    def login() -> dict[str, Any]:
        return {"email": next(emails), "password": password, "deviceId": uuid.uuid4().hex}

    member = [
        Route("POST /auth/login", "POST", "/auth/login", calls=SIGN_INS, body=login),
        Route("GET /users/me", "GET", "/users/me"),
        Route("GET /points/balance", "GET", "/points/balance"),
        Route("GET /points/daily", "GET", "/points/daily"),
        Route("GET /points/streak", "GET", "/points/streak"),
        Route("GET /points/transactions", "GET", "/points/transactions?limit=20"),
        Route("GET /activities", "GET", "/activities?limit=20"),
        Route("GET /activities/summary", "GET", "/activities/summary"),
        Route("GET /leaderboards/{period}", "GET", "/leaderboards/weekly?page=1&limit=20"),
        Route("GET /leaderboards/{period}/me", "GET", "/leaderboards/weekly/me"),
        Route("GET /drawings?status=open", "GET", "/drawings?status=open&limit=100"),
        Route("GET /drawings", "GET", "/drawings"),
        Route("GET /drawings/{drawingId}", "GET", f"/drawings/{open_id}"),
        Route(
            "POST /drawings/{drawingId}/tickets",
            "POST",
            f"/drawings/{open_id}/tickets",
            body=lambda: {"quantity": 1},
            expect=201,
        ),
        Route("GET /drawings/{drawingId}/results", "GET", f"/drawings/{done_id}/results"),
        Route("GET /notifications/unread-count", "GET", "/notifications/unread-count"),
        Route("GET /notifications", "GET", "/notifications?limit=20"),
    ]
    admin = [
        Route("GET /admin/users?displayName", "GET", "/admin/users?displayName=an&limit=20"),
        Route("GET /admin/analytics/overview", "GET", "/admin/analytics/overview"),
        Route("GET /admin/review-queue", "GET", "/admin/review-queue?status=open"),
        Route("GET /admin/audit", "GET", "/admin/audit?limit=50"),
    ]
    return member + [Route(r.name, r.method, r.path, admin=True) for r in admin]


def measure(server: Server, accounts: dict[str, Any]) -> dict[str, float]:
    """CPU ms per request by route name."""
    buyers = _buyers(server.base, accounts)
    admin = sign_in(server.base, accounts["adminEmail"], accounts["adminPassword"])
    figures: dict[str, float] = {}
    for route in routes(accounts):
        tokens = [admin] if route.admin else buyers
        _calls(server.base, route, tokens, WARM_UP)
        before = server.cpu_seconds
        _calls(server.base, route, tokens, route.calls)
        figures[route.name] = (server.cpu_seconds - before) * 1000 / route.calls
    return figures


def _buyers(base: str, accounts: dict[str, Any], wanted: int = 20) -> list[str]:
    """Members who can buy (eligible, points for several times their share of the calls),
    so that none runs out of points while the purchase route is measured."""
    needed = 3 * (REQUESTS + WARM_UP) // wanted * 100  # a demo ticket costs 100
    found: list[str] = []
    for email in accounts["members"]:
        token = sign_in(base, email, accounts["memberPassword"])
        headers = {"Authorization": f"Bearer {token}"}
        balance = requests.get(f"{base}{API}/points/balance", headers=headers, timeout=30)
        if balance.json()["balance"] < needed:
            continue
        response = requests.post(
            f"{base}{API}/drawings/{accounts['openDrawing']}/tickets",
            json={"quantity": 1},
            headers=headers,
            timeout=30,
        )
        if response.status_code == 201:
            found.append(token)
        if len(found) == wanted:
            return found
    raise SystemExit(f"fewer than {wanted} demo members can buy {needed // 100} tickets")


def _calls(base: str, route: Route, tokens: list[str], count: int) -> None:
    token_cycle = itertools.cycle(tokens)
    lock = threading.Lock()
    left = [count]
    failures: list[str] = []

    def client() -> None:
        url = urlsplit(base)
        connection = http.client.HTTPConnection(url.hostname or "", url.port, timeout=30)
        while True:
            with lock:
                if left[0] == 0:
                    break
                left[0] -= 1
                token = next(token_cycle)
            headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
            body = json.dumps(route.body()).encode() if route.body else None
            connection.request(route.method, API + route.path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            if response.status != route.expect:
                failures.append(f"{route.name}: {response.status} {data[:200]!r}")
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit(f"{len(failures)} failed while measuring CPU, first: {failures[0]}")
    time.sleep(0.2)  # let the server's last answer finish before its CPU is read
