"""Failure counters kept in the cache (`accounts.LoginCounters` as JSON): unknown
emails' sign-in failures and admins' wrong MFA codes lock by the same rules."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fittrack.domain import accounts


def counters_from_json(doc: Any) -> accounts.LoginCounters:
    if not isinstance(doc, dict):
        return accounts.LoginCounters(0, 0, None)
    until = doc.get("lockedUntil")
    return accounts.LoginCounters(
        int(doc.get("failed", 0)),
        int(doc.get("lockouts", 0)),
        datetime.fromisoformat(until) if isinstance(until, str) else None,
    )


def counters_to_json(counters: accounts.LoginCounters) -> dict[str, Any]:
    until = counters.locked_until
    return {
        "failed": counters.failed_count,
        "lockouts": counters.lockout_count,
        "lockedUntil": until.isoformat() if until else None,
    }
