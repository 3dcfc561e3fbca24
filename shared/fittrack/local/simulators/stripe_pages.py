"""The Stripe simulator's hosted pages: Checkout (pay with a test card, or fail) and
the Customer Portal (cancel at period end, renew again, switch plan).

Plain HTML forms posting to themselves, styled by one stylesheet file: no script and
no inline style, so the pages pass the web app's Content-Security-Policy when served
from its origin. Test cards as Stripe documents them (docs.stripe.com/testing):
4242 4242 4242 4242 succeeds; 4000 0000 0000 0002 and 4000 0000 0000 0341 are
declined.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import Any

SUCCEEDS = "4242424242424242"
DECLINED = frozenset({"4000000000000002", "4000000000000341", "4000000000009995"})

STYLESHEET = b"""
body { font-family: system-ui, sans-serif; background: #f6f9fc; color: #1a1f36; margin: 0; }
main { max-width: 28rem; margin: 3rem auto; background: #fff; padding: 2rem;
       border-radius: 8px; box-shadow: 0 2px 8px rgba(0, 0, 0, .08); }
h1 { font-size: 1.25rem; margin-top: 0; }
label { display: block; margin: 1rem 0 .25rem; font-weight: 600; }
input { width: 100%; box-sizing: border-box; padding: .6rem; font-size: 1rem;
        border: 1px solid #8792a2; border-radius: 4px; }
button { margin-top: 1.25rem; width: 100%; padding: .75rem; font-size: 1rem;
         border: 0; border-radius: 4px; background: #4a3fd1; color: #fff; cursor: pointer; }
button.secondary { background: #e3e8ee; color: #1a1f36; }
.error { color: #a51c30; font-weight: 600; }
.note { color: #4f566b; font-size: .875rem; }
a { color: #4a3fd1; }
"""


def _page(title: str, body: str) -> bytes:
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(title)}</title>"
        "<link rel='stylesheet' href='/_sim/stripe/static/pages.css'></head>"
        f"<body><main>{body}</main></body></html>"
    ).encode()


def _money(cents: int) -> str:
    return f"${cents / 100:,.2f}"


def _day(epoch: int) -> str:
    moment = datetime.fromtimestamp(epoch, UTC)
    return f"{moment:%B} {moment.day}, {moment.year}"


def checkout(session: dict[str, Any], price: dict[str, Any], error: str | None = None) -> bytes:
    action = html.escape(f"/_sim/stripe/checkout/{session['id']}")
    every = price["recurring"]["interval"]
    if session["status"] != "open":
        return _page(
            "Checkout",
            "<h1>This checkout is closed</h1>"
            f"<p><a href='{html.escape(session['success_url'])}'>Back to FitTrack</a></p>",
        )
    alert = f"<p class='error' role='alert'>{html.escape(error)}</p>" if error else ""
    return _page(
        "Pay FitTrack Premium",
        f"<h1>FitTrack Premium</h1><p>{_money(price['unit_amount'])} per {every}</p>{alert}"
        f"<form method='post' action='{action}'>"
        "<label for='card'>Card number</label>"
        "<input id='card' name='card' inputmode='numeric' autocomplete='cc-number' required>"
        "<label for='expiry'>Expiry (MM / YY)</label>"
        "<input id='expiry' name='expiry' autocomplete='cc-exp' value='12 / 34'>"
        "<label for='cvc'>CVC</label>"
        "<input id='cvc' name='cvc' inputmode='numeric' autocomplete='cc-csc' value='123'>"
        "<button type='submit' name='action' value='pay'>Subscribe</button></form>"
        f"<form method='post' action='{action}'>"
        "<button type='submit' class='secondary' name='action' value='fail'>"
        "Simulate a declined card</button></form>"
        "<p class='note'>Test mode: pay with 4242 4242 4242 4242; 4000 0000 0000 0341"
        " is declined.</p>"
        f"<p><a href='{html.escape(session['cancel_url'])}'>Cancel and go back</a></p>",
    )


def portal(
    portal_session: dict[str, Any], sub: dict[str, Any] | None, other_plan: str | None
) -> bytes:
    action = html.escape(f"/_sim/stripe/portal/{portal_session['id']}")
    back = f"<p><a href='{html.escape(portal_session['return_url'])}'>Return to FitTrack</a></p>"
    if sub is None or sub["status"] in ("canceled", "incomplete_expired"):
        return _page("Billing", f"<h1>Billing</h1><p>No current subscription.</p>{back}")
    item = sub["items"]["data"][0]
    price = item["price"]
    end = _day(item["current_period_end"])
    if sub["cancel_at_period_end"]:
        state = f"<p>Your plan ends on {end}.</p>"
        button = "<button type='submit' name='action' value='renew'>Renew plan</button>"
    else:
        state = f"<p>Renews on {end}.</p>"
        button = "<button type='submit' name='action' value='cancel'>Cancel plan</button>"
    switch = (
        f"<button type='submit' class='secondary' name='action' value='switch'>"
        f"Switch to {html.escape(other_plan)}</button>"
        if other_plan
        else ""
    )
    status = html.escape(sub["status"].replace("_", " "))
    return _page(
        "Billing",
        f"<h1>Billing</h1><p>FitTrack Premium, {_money(price['unit_amount'])} per "
        f"{price['recurring']['interval']} ({status})</p>{state}"
        f"<form method='post' action='{action}'>{button}{switch}</form>{back}",
    )
