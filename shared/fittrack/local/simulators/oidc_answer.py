"""The OIDC simulator's answer to /authorize: there is no login page, only where the
browser goes next, as a redirect or (Apple's form_post) a page that POSTs it there."""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit


@dataclass(frozen=True)
class Answer:
    """A redirect with a query, or (form_post) a page that POSTs the fields to the
    redirect URI."""

    target: str
    fields: dict[str, str | None]
    form_post: bool = False

    def location(self) -> str:
        return _with_query(self.target, **self.fields)

    def page(self) -> str:
        inputs = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
            for k, v in self.fields.items()
            if v is not None
        )
        return (
            '<!doctype html><html><body onload="document.forms[0].submit()">'
            f'<form method="post" action="{html.escape(self.target)}">{inputs}</form>'
            "</body></html>"
        )


def _with_query(url: str, **params: str | None) -> str:
    extra = urlencode({k: v for k, v in params.items() if v is not None})
    return url + ("&" if urlsplit(url).query else "?") + extra
