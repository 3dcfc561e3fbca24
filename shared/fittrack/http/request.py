"""The request a handler sees, and the response it may return for full control."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fittrack.domain.errors import NotFound
from fittrack.domain.identity import Caller
from fittrack.http import json_body

if TYPE_CHECKING:
    from fittrack.http.registry import FunctionSpec
    from fittrack.platform import Platform


@dataclass(kw_only=True)
class Request:
    method: str
    path: str
    path_params: dict[str, str]
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    correlation_id: str
    function: FunctionSpec
    platform: Platform
    caller: Caller | None = None
    client_ip: str | None = None
    ids: dict[str, uuid.UUID] = field(default_factory=dict)  # the `...Id` path parameters

    def id(self, name: str) -> uuid.UUID:
        """A path id, already parsed (a malformed one never reaches the handler)."""
        return self.ids[name]

    def query_value(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[0] if values else default

    def header(self, name: str, default: str | None = None) -> str | None:
        return self.headers.get(name.lower(), default)

    def json(self) -> Any:
        """The body's JSON (None when empty); too big, too deep or malformed is a problem."""
        return json_body.parse(self.body)

    @property
    def user(self) -> Caller:
        """The authenticated caller (handlers behind auth='member' or 'admin')."""
        if self.caller is None:
            raise RuntimeError("handler reached without an authenticated caller")
        return self.caller


@dataclass
class Response:
    """Returned by a handler that needs a status or headers of its own."""

    body: Any = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"


def parse_ids(spec: FunctionSpec, params: dict[str, str]) -> dict[str, uuid.UUID]:
    """The route's id parameters as UUIDs; one that is not a UUID names nothing (404)."""
    found: dict[str, uuid.UUID] = {}
    for name in spec.id_params:
        try:
            found[name] = uuid.UUID(params[name])
        except ValueError:
            thing = name[: -len("Id")]
            raise NotFound(f"There is no {_words(thing)} with this id.") from None
    return found


def _words(camel: str) -> str:
    return "".join(f" {c.lower()}" if c.isupper() else c for c in camel).strip()
