"""Local developer views."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic.alias_generators import to_camel

if TYPE_CHECKING:
    from fittrack.db import Database


def outbox(db: Database, limit: int, to_address: str | None) -> dict[str, Any]:
    """The local mailbox, camelCase like every other answer."""
    from fittrack.adapters.mail import list_outbox

    emails = [
        {to_camel(key): value for key, value in row.items()}
        for row in list_outbox(db, limit=limit, to_address=to_address)
    ]
    return {"emails": emails, "count": len(emails)}
