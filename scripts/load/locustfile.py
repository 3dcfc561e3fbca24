"""The load mixes: demo members using the app and an admin working the console.

Run by scripts/load/run.py, which starts the platform and writes the accounts
file this reads ($LOAD_ACCOUNTS: the demo members' and admin's sign-ins, and
the ids of an open and a completed drawing). Every user signs in when it starts,
then repeats its tasks with a think time between them, as a person would.

Bounded three ways: users and run time on locust's command line, and requests by
$LOAD_MAX_REQUESTS (the run stops once that many have been sent).
"""

from __future__ import annotations

import itertools
import json
import os
import uuid
from typing import Any

import gevent
from locust import between, events, tag, task
from locust.contrib.fasthttp import FastHttpUser
from locust.env import Environment

API = "/api/v1"
# Answers that are the right answer to a member who cannot buy (no points, not eligible).
PURCHASE_REFUSALS = {400: "insufficient-points", 403: "not-eligible"}


def _accounts() -> dict[str, Any]:
    with open(os.environ["LOAD_ACCOUNTS"], encoding="utf-8") as handle:
        return dict(json.load(handle))


ACCOUNTS = _accounts()
_member_emails = itertools.cycle(ACCOUNTS["members"])


class RequestBound:
    """Stops the run once `limit` requests have been sent (no bound when 0)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.sent = 0
        self.environment: Environment | None = None

    def count(self, **_kwargs: Any) -> None:
        self.sent += 1
        if self.sent == self.limit and self.environment is not None:
            gevent.spawn(self.environment.runner.quit)  # type: ignore[union-attr]


_bound = RequestBound(int(os.environ.get("LOAD_MAX_REQUESTS") or 0))
events.request.add_listener(_bound.count)


@events.init.add_listener
def _remember_environment(environment: Environment, **_kwargs: Any) -> None:
    _bound.environment = environment


class SignedIn(FastHttpUser):
    abstract = True
    email = ""
    password = ""

    def on_start(self) -> None:
        self.headers: dict[str, str] = {}  # until signed in: the reads count as 401 failures
        self.sign_in()

    def sign_in(self) -> None:
        body = {"email": self.email, "password": self.password, "deviceId": uuid.uuid4().hex}
        with self.client.post(
            f"{API}/auth/login", json=body, name="POST /auth/login", catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"sign-in answered {response.status_code}")
                return
            self.headers = {"Authorization": f"Bearer {response.json()['accessToken']}"}

    def read(self, path: str, name: str | None = None) -> None:
        self.client.get(API + path, headers=self.headers, name=name or f"GET {path}")


class Member(SignedIn):
    """Dashboard, activity and points, leaderboard, drawings, tickets, results, notifications."""

    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.email = next(_member_emails)
        self.password = ACCOUNTS["memberPassword"]
        self.can_buy = True
        super().on_start()

    @tag("sign-in")
    @task(1)
    def sign_in_again(self) -> None:
        self.sign_in()

    @tag("dashboard")
    @task(4)
    def dashboard(self) -> None:
        self.read("/users/me")
        self.read("/points/balance")
        self.read("/points/daily")
        self.read("/points/streak")
        self.read("/drawings?status=open&limit=100", "GET /drawings?status=open")

    @tag("activity")
    @task(2)
    def activity_and_points(self) -> None:
        self.read("/activities?limit=20", "GET /activities")
        self.read("/activities/summary")
        self.read("/points/transactions?limit=20", "GET /points/transactions")

    @tag("leaderboard")
    @task(3)
    def leaderboard(self) -> None:
        self.read("/leaderboards/weekly?page=1&limit=20", "GET /leaderboards/{period}")
        self.read("/leaderboards/weekly/me", "GET /leaderboards/{period}/me")

    @tag("drawings")
    @task(2)
    def drawing(self) -> None:
        self.read("/drawings", "GET /drawings")
        self.read(f"/drawings/{ACCOUNTS['openDrawing']}", "GET /drawings/{drawingId}")

    @tag("tickets")
    @task(1)
    def buy_ticket(self) -> None:
        if not self.can_buy:
            return
        path = f"{API}/drawings/{ACCOUNTS['openDrawing']}/tickets"
        with self.client.post(
            path,
            json={"quantity": 1},
            headers=self.headers,
            name="POST /drawings/{drawingId}/tickets",
            catch_response=True,
        ) as response:
            if response.status_code in PURCHASE_REFUSALS:
                refusal = PURCHASE_REFUSALS[response.status_code]
                if refusal not in str(response.json().get("type", "")):
                    response.failure(f"unexpected refusal {response.text[:200]}")
                    return
                self.can_buy = False  # a member told so stops trying, as the app does
                response.success()
            elif response.status_code != 201:
                response.failure(f"purchase answered {response.status_code}")

    @tag("results")
    @task(1)
    def results(self) -> None:
        self.read(
            f"/drawings/{ACCOUNTS['completedDrawing']}/results", "GET /drawings/{drawingId}/results"
        )

    @tag("notifications")
    @task(2)
    def notifications(self) -> None:
        self.read("/notifications/unread-count")
        self.read("/notifications?limit=20", "GET /notifications")


class Admin(SignedIn):
    """Members search, analytics overview, review queue and audit, at a console's pace."""

    fixed_count = int(os.environ.get("LOAD_ADMINS", "1"))
    wait_time = between(2, 5)

    def on_start(self) -> None:
        self.email = ACCOUNTS["adminEmail"]
        self.password = ACCOUNTS["adminPassword"]
        super().on_start()

    @tag("admin")
    @task(3)
    def members_search(self) -> None:
        self.read("/admin/users?displayName=an&limit=20", "GET /admin/users?displayName")

    @tag("admin")
    @task(2)
    def analytics(self) -> None:
        self.read("/admin/analytics/overview")

    @tag("admin")
    @task(2)
    def review_queue(self) -> None:
        self.read("/admin/review-queue?status=open", "GET /admin/review-queue")

    @tag("admin")
    @task(1)
    def audit(self) -> None:
        self.read("/admin/audit?limit=50", "GET /admin/audit")
