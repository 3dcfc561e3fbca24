"""A Stripe stand-in for the local platform, served by the gateway under /_sim/stripe/.

It speaks the part of Stripe's API the `stripe` library calls for us (form-encoded
requests, `Authorization: Bearer sk_...`, `Idempotency-Key` replays, Stripe's error
bodies): customers, Checkout Sessions in subscription mode, Customer Portal
sessions, subscriptions, invoices and events. Its hosted pages stand in for Stripe
Checkout and the Portal (stripe_pages.py); every change is delivered as a signed
event to our webhook (stripe_webhooks.py). Test controls, JSON over POST:

- `/_sim/stripe/control/renew {"subscription", "outcome": "paid"|"failed"}`: the
  period ends and renews (or, cancelled at period end, the subscription ends);
- `/_sim/stripe/control/retry {"subscription", "outcome": "paid"|"failed"}`: the
  past-due invoice is retried; a failure ends the subscription;
- `/_sim/stripe/control/webhooks {"hold": bool, "apiFaults": n}`: keep events back,
  or answer the next n API calls with a 500;
- `/_sim/stripe/control/release {"order": "sent"|"reverse"}`: deliver held events;
- `/_sim/stripe/control/resend {"event"}`: deliver an event again (same id);
- `GET /_sim/stripe/control/deliveries`: every delivery attempt and its answer.

Times follow the platform's clock, so a test can move a subscription's periods with
it; signatures carry the wall clock, as the receiver checks them against its own.
"""

from __future__ import annotations

import dataclasses
import json
import os
import secrets
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from fittrack.clock import Clock, utc_now
from fittrack.config import Settings
from fittrack.http.headers import SITE_HEADERS
from fittrack.http.registry import API_PREFIX
from fittrack.http.runtime import HttpResult
from fittrack.local.simulators import stripe_pages as pages
from fittrack.local.simulators.stripe_forms import decode
from fittrack.local.simulators.stripe_objects import Price, State, new_id
from fittrack.local.simulators.stripe_webhooks import Deliverer

PREFIX = "/_sim/stripe"


class StripeError(Exception):
    def __init__(self, status: int, message: str, kind: str = "invalid_request_error") -> None:
        super().__init__(message)
        self.status, self.kind = status, kind


def _json(status: int, body: Any) -> HttpResult:
    return HttpResult(
        status,
        {
            "Content-Type": "application/json",
            "Cache-Control": "no-store",
            "Request-Id": new_id("req"),
        },
        json.dumps(body).encode(),
    )


def _html(status: int, body: bytes) -> HttpResult:
    return HttpResult(
        status,
        {**SITE_HEADERS, "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"},
        body,
    )


def _redirect(location: str) -> HttpResult:
    return HttpResult(303, {**SITE_HEADERS, "Location": location, "Cache-Control": "no-store"})


class StripeSimulator:
    def __init__(self, browser_base: str, api_key: str, clock: Clock = utc_now) -> None:
        self.browser_base = browser_base.rstrip("/")  # where a browser reaches the pages
        self.api_key = api_key
        self.clock = clock
        self.state = State()
        self.webhooks = Deliverer()
        self.api_faults = 0
        self._lock = threading.RLock()
        self._replays: dict[str, HttpResult] = {}
        self._unsent: list[dict[str, Any]] = []  # events of an API call, sent after it

    def now(self) -> int:
        return int(self.clock().timestamp())

    def add_price(self, price_id: str, amount: int, interval: str) -> None:
        self.state.prices[price_id] = Price(price_id, amount, interval)

    # ---- dispatch -------------------------------------------------------------------------

    def handle(
        self, method: str, path: str, query: str, headers: dict[str, str], body: bytes
    ) -> HttpResult:
        route = path[len(PREFIX) :].strip("/")
        if route.startswith("v1/"):
            return self._api(method, route[3:], query, headers, body)
        if route == "static/pages.css":
            return HttpResult(
                200, {**SITE_HEADERS, "Content-Type": "text/css; charset=utf-8"}, pages.STYLESHEET
            )
        kind, _, rest = route.partition("/")
        form = dict(parse_qsl(body.decode("utf-8", "replace"))) if method == "POST" else {}
        try:
            if kind == "checkout":
                return self._checkout_page(method, rest, form)
            if kind == "portal":
                return self._portal_page(method, rest, form)
            if kind == "control":
                return self._control(method, rest, body)
        except StripeError as bad:
            return _json(bad.status, {"error": {"type": bad.kind, "message": str(bad)}})
        return _json(404, {"error": {"type": "invalid_request_error", "message": "Not found"}})

    # ---- the API --------------------------------------------------------------------------

    def _api(
        self, method: str, route: str, query: str, headers: dict[str, str], body: bytes
    ) -> HttpResult:
        scheme, _, key = (headers.get("authorization") or "").partition(" ")
        if scheme.lower() != "bearer" or key != self.api_key:
            return _json(
                401,
                {"error": {"type": "invalid_request_error", "message": "Invalid API Key provided"}},
            )
        with self._lock:
            if self.api_faults > 0:
                self.api_faults -= 1
                return _json(500, {"error": {"type": "api_error", "message": "Simulated outage"}})
            replay_key = headers.get("idempotency-key") if method == "POST" else None
            if replay_key and replay_key in self._replays:
                replayed = self._replays[replay_key]
                return HttpResult(
                    replayed.status,
                    {**replayed.headers, "Idempotent-Replayed": "true"},
                    replayed.body,
                )
            params = decode(body.decode() if method == "POST" else query)
            try:
                answer = _json(200, self._endpoint(method, route.split("/"), params))
            except StripeError as bad:
                answer = _json(bad.status, {"error": {"type": bad.kind, "message": str(bad)}})
            except (KeyError, ValueError, TypeError, IndexError) as bad:
                answer = _json(
                    400,
                    {
                        "error": {
                            "type": "invalid_request_error",
                            "message": f"Invalid request: {bad}",
                        }
                    },
                )
            if replay_key:
                self._replays[replay_key] = answer
            unsent, self._unsent = self._unsent, []
        self._send(unsent)
        return answer

    def _endpoint(self, method: str, parts: list[str], params: dict[str, Any]) -> Any:
        handlers: dict[tuple[str, str], Callable[..., Any]] = {
            ("POST", "customers"): self._create_customer,
            ("GET", "customers/*"): lambda i, p: self._get(self.state.customers, i, "customer"),
            ("POST", "checkout/sessions"): self._create_session,
            ("GET", "checkout/sessions/*"): lambda i, p: self._get(
                self.state.sessions, i, "checkout session"
            ),
            ("POST", "billing_portal/sessions"): self._create_portal,
            ("GET", "subscriptions/*"): lambda i, p: self._get(
                self.state.subscriptions, i, "subscription"
            ),
            ("POST", "subscriptions/*"): self._update_subscription,
            ("GET", "invoices/*"): lambda i, p: self._get(self.state.invoices, i, "invoice"),
            ("GET", "events/*"): lambda i, p: self._get(self.state.events, i, "event"),
            ("GET", "events"): self._list_events,
        }
        resource, ident = "/".join(parts), None
        if (method, resource) not in handlers and len(parts) > 1:
            resource, ident = "/".join([*parts[:-1], "*"]), parts[-1]
        handler = handlers.get((method, resource))
        if handler is None:
            raise StripeError(404, f"Unrecognized request URL ({method}: /v1/{'/'.join(parts)}).")
        return handler(ident, params) if ident is not None else handler(params)

    def _get(self, table: dict[str, dict[str, Any]], ident: str, what: str) -> dict[str, Any]:
        if ident not in table:
            raise StripeError(404, f"No such {what}: '{ident}'")
        return table[ident]

    def _create_customer(self, params: dict[str, Any]) -> dict[str, Any]:
        customer_id = new_id("cus")
        customer = {
            "id": customer_id,
            "object": "customer",
            "email": params.get("email"),
            "metadata": params.get("metadata") or {},
            "created": self.now(),
            "livemode": False,
        }
        self.state.customers[customer_id] = customer
        return customer

    def _create_session(self, params: dict[str, Any]) -> dict[str, Any]:
        if params.get("mode") != "subscription":
            raise StripeError(400, "This simulator makes subscription-mode sessions only.")
        self._get(self.state.customers, params["customer"], "customer")
        items = params["line_items"]
        if len(items) != 1 or items[0]["price"] not in self.state.prices:
            raise StripeError(400, f"No such price: '{items[0].get('price')}'")
        session_id = new_id("cs_test")
        session = {
            "id": session_id,
            "object": "checkout.session",
            "mode": "subscription",
            "status": "open",
            "payment_status": "unpaid",
            "customer": params["customer"],
            "client_reference_id": params.get("client_reference_id"),
            "metadata": params.get("metadata") or {},
            "subscription_data": params.get("subscription_data") or {},
            "line_items": [
                {"price": items[0]["price"], "quantity": int(items[0].get("quantity", 1))}
            ],
            "subscription": None,
            "success_url": params["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id),
            "cancel_url": params["cancel_url"],
            "url": f"{self.browser_base}/checkout/{session_id}",
            "created": self.now(),
            "expires_at": self.now() + 86400,
            "livemode": False,
        }
        self.state.sessions[session_id] = session
        return {k: v for k, v in session.items() if k not in ("line_items", "subscription_data")}

    def _create_portal(self, params: dict[str, Any]) -> dict[str, Any]:
        self._get(self.state.customers, params["customer"], "customer")
        portal_id = new_id("bps")
        portal = {
            "id": portal_id,
            "object": "billing_portal.session",
            "customer": params["customer"],
            "return_url": params.get("return_url"),
            "url": f"{self.browser_base}/portal/{portal_id}",
            "created": self.now(),
            "livemode": False,
        }
        self.state.portals[portal_id] = portal
        return portal

    def _update_subscription(self, ident: str, params: dict[str, Any]) -> dict[str, Any]:
        sub = self._get(self.state.subscriptions, ident, "subscription")
        if "cancel_at_period_end" in params:
            cancel = str(params["cancel_at_period_end"]).lower() == "true"
            self._unsent.extend(self.state.set_cancel_at_period_end(sub, cancel, self.now()))
        return sub

    def _list_events(self, params: dict[str, Any]) -> dict[str, Any]:
        limit = min(int(params.get("limit", 10)), 100)
        found = sorted(self.state.events.values(), key=lambda e: e["created"], reverse=True)
        wanted = params.get("type")
        data = [e for e in found if wanted in (None, e["type"])][:limit]
        return {"object": "list", "data": data, "has_more": False, "url": "/v1/events"}

    # ---- changes and their events ---------------------------------------------------------

    def _change(self, change: Callable[[], list[dict[str, Any]]]) -> list[dict[str, Any]]:
        try:
            with self._lock:
                return change()
        except ValueError as bad:
            raise StripeError(400, str(bad)) from None

    def _send(self, events: list[dict[str, Any]]) -> None:
        """Never under the lock: our webhook reads the subscription back from us."""
        self.webhooks.send(events)

    # ---- hosted pages ---------------------------------------------------------------------

    def _checkout_page(self, method: str, session_id: str, form: dict[str, str]) -> HttpResult:
        with self._lock:
            session = self._get(self.state.sessions, session_id, "checkout session")
            price = self.state.prices[session["line_items"][0]["price"]].as_object()
        if method != "POST" or session["status"] != "open":
            return _html(200, pages.checkout(session, price))
        card = "".join(ch for ch in form.get("card", "") if ch.isdigit())
        if form.get("action") == "fail" or card in pages.DECLINED:
            return _html(402, pages.checkout(session, price, "Your card was declined."))
        if card != pages.SUCCEEDS:
            return _html(
                400, pages.checkout(session, price, "Use the test card 4242 4242 4242 4242.")
            )
        self._send(self._change(lambda: self.state.complete_checkout(session, self.now())))
        return _redirect(session["success_url"])

    def _portal_page(self, method: str, portal_id: str, form: dict[str, str]) -> HttpResult:
        with self._lock:
            portal = self._get(self.state.portals, portal_id, "portal session")
            sub = self._customer_subscription(portal["customer"])
        other = self._other_price(sub) if sub else None
        if method == "POST" and sub is not None:
            action = form.get("action")
            if action in ("cancel", "renew"):
                cancel = action == "cancel"
                self._send(
                    self._change(
                        lambda: self.state.set_cancel_at_period_end(sub, cancel, self.now())
                    )
                )
            elif action == "switch" and other is not None:
                self._send(
                    self._change(lambda: self.state.switch_price(sub, other.price_id, self.now()))
                )
            return _redirect(portal["return_url"])
        return _html(200, pages.portal(portal, sub, other.interval + "ly plan" if other else None))

    def _customer_subscription(self, customer: str) -> dict[str, Any] | None:
        mine = [s for s in self.state.subscriptions.values() if s["customer"] == customer]
        live = [s for s in mine if s["status"] not in ("canceled", "incomplete_expired")]
        return max(live or mine, key=lambda s: s["created"], default=None)

    def _other_price(self, sub: dict[str, Any]) -> Price | None:
        current = sub["items"]["data"][0]["price"]["id"]
        return next((p for p in self.state.prices.values() if p.price_id != current), None)

    # ---- test controls --------------------------------------------------------------------

    def _control(self, method: str, action: str, body: bytes) -> HttpResult:
        if method == "GET" and action == "deliveries":
            return _json(200, {"deliveries": [vars(a) for a in self.webhooks.log]})
        if method != "POST":
            raise StripeError(405, "Controls are POSTed.")
        options = json.loads(body) if body.strip() else {}
        if action in ("renew", "retry"):
            with self._lock:
                sub = self._get(self.state.subscriptions, options["subscription"], "subscription")
            paid = options.get("outcome", "paid") == "paid"
            step = self.state.renew if action == "renew" else self.state.retry
            events = self._change(lambda: step(sub, paid, self.now()))
            self._send(events)
            return _json(200, {"events": [e["id"] for e in events], "subscription": sub})
        if action == "webhooks":
            if "hold" in options:
                self.webhooks.hold = bool(options["hold"])
            self.api_faults = int(options.get("apiFaults", self.api_faults))
            return _json(200, {"hold": self.webhooks.hold, "apiFaults": self.api_faults})
        if action == "release":
            return _json(200, {"delivered": self.webhooks.release(options.get("order", "sent"))})
        if action == "resend":
            with self._lock:
                event = self._get(self.state.events, options["event"], "event")
            self.webhooks.send([event])
            return _json(200, {"event": event["id"]})
        raise StripeError(404, f"No control {action!r}.")


def start_stripe_simulator(
    settings: Settings, port: int, clock: Clock = utc_now
) -> tuple[StripeSimulator | None, Settings]:
    """The simulator, unless Stripe is configured (FITTRACK_STRIPE_API_BASE) or this is
    production: our API key and webhook secret come from the local secret store (made
    on first use, in Stripe's `sk_test_` / `whsec_` forms) and it knows our prices."""
    from fittrack.adapters import stripe_api
    from fittrack.adapters.secrets import open_secrets

    if settings.is_production or os.environ.get("FITTRACK_STRIPE_API_BASE"):
        return None, settings
    store = open_secrets(settings)
    api_key = store.get_or_create(
        stripe_api.SECRET_KEY, lambda: "sk_test_" + secrets.token_urlsafe(24)
    )
    simulator = StripeSimulator(f"http://localhost:{port}{PREFIX}", api_key, clock)
    for plan, price_id in settings.stripe_prices.items():
        interval = "year" if plan == "annual" else "month"
        simulator.add_price(price_id, settings.billing_amounts[plan], interval)
    simulator.webhooks.url = f"http://127.0.0.1:{port}{API_PREFIX}/billing/webhook"
    simulator.webhooks.secret = store.get_or_create(
        stripe_api.WEBHOOK_SECRET, lambda: "whsec_" + secrets.token_urlsafe(24)
    )
    base = f"http://127.0.0.1:{port}{PREFIX}"
    return simulator, dataclasses.replace(settings, stripe_api_base=base)
