"""Drawings: the lifecycle state machine and the recurring schedule (SPEC.md section 6).

All times are decided in America/New_York and stored as UTC. Recurring drawings:

| type    | drawing time (ET)              | ticket cost |
| daily   | every day 21:00                | 100         |
| weekly  | Sunday 21:00                   | 500         |
| monthly | last day of the month 21:00    | 2,000       |
| annual  | December 31 21:00              | 10,000      |

Ticket sales close 5 minutes before the drawing time. A recurring drawing opens
at the previous occurrence's drawing time (right after the previous draw).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from fittrack.domain.calendar import PROGRAM_TZ


class DrawingStatus(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


TYPES = ("daily", "weekly", "monthly", "annual")
STATUSES = tuple(DrawingStatus)
TICKET_COSTS = {"daily": 100, "weekly": 500, "monthly": 2_000, "annual": 10_000}
DRAW_TIME_ET = time(21, 0)
SALES_CLOSE_BEFORE = timedelta(minutes=5)
# The lifecycle job creates a recurring drawing once it opens within this window.
CREATE_AHEAD = timedelta(days=1)
# An admin schedules a drawing at most this far ahead (a year 9999 is a typo).
MAX_SCHEDULE_AHEAD = timedelta(days=5 * 366)

# Which status each action moves a drawing from, and to.
_S = DrawingStatus
TRANSITIONS: dict[str, tuple[frozenset[DrawingStatus], DrawingStatus]] = {
    "schedule": (frozenset({_S.DRAFT}), _S.SCHEDULED),
    "open": (frozenset({_S.SCHEDULED}), _S.OPEN),
    "close": (frozenset({_S.OPEN}), _S.CLOSED),
    "execute": (frozenset({_S.CLOSED}), _S.COMPLETED),
    "cancel": (frozenset({_S.DRAFT, _S.SCHEDULED, _S.OPEN, _S.CLOSED}), _S.CANCELLED),
}
EDITABLE = frozenset({_S.DRAFT, _S.SCHEDULED})
PUBLIC = frozenset(set(DrawingStatus) - {_S.DRAFT})


class IllegalDrawingTransition(ValueError):
    def __init__(self, action: str, status: str) -> None:
        allowed = ", ".join(sorted(TRANSITIONS[action][0]))
        super().__init__(
            f"The drawing is {status} and cannot be {_PAST[action]} (only from: {allowed})."
        )
        self.action = action
        self.status = status


_PAST = {
    "schedule": "scheduled",
    "open": "opened",
    "close": "closed",
    "execute": "drawn",
    "cancel": "cancelled",
}


def transition(action: str, status: str) -> str:
    """The status after `action`, or IllegalDrawingTransition."""
    sources, target = TRANSITIONS[action]
    if status not in sources:
        raise IllegalDrawingTransition(action, status)
    return target


def sales_close_time(drawing_time: datetime) -> datetime:
    return drawing_time - SALES_CLOSE_BEFORE


def _at_draw_time(day: date) -> datetime:
    return datetime.combine(day, DRAW_TIME_ET, PROGRAM_TZ).astimezone(UTC)


def _last_day_of_month(day: date) -> date:
    following = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    return following - timedelta(days=1)


def occurrence_on_or_after(drawing_type: str, day: date) -> date:
    """The first program day >= `day` on which a drawing of this type takes place."""
    if drawing_type == "daily":
        return day
    if drawing_type == "weekly":
        return day + timedelta(days=(6 - day.weekday()) % 7)  # Sunday is weekday 6
    if drawing_type == "monthly":
        return _last_day_of_month(day)
    if drawing_type == "annual":
        return date(day.year, 12, 31)
    raise ValueError(f"unknown drawing type {drawing_type!r}")


def previous_occurrence(drawing_type: str, day: date) -> date:
    """The occurrence before the one on `day` (which must be an occurrence)."""
    if drawing_type == "daily":
        return day - timedelta(days=1)
    if drawing_type == "weekly":
        return day - timedelta(days=7)
    if drawing_type == "monthly":
        return day.replace(day=1) - timedelta(days=1)
    if drawing_type == "annual":
        return date(day.year - 1, 12, 31)
    raise ValueError(f"unknown drawing type {drawing_type!r}")


def next_drawing_time(drawing_type: str, after: datetime) -> datetime:
    """The first scheduled drawing time of this type whose sales are still open after `after`."""
    day = after.astimezone(PROGRAM_TZ).date()
    while True:
        day = occurrence_on_or_after(drawing_type, day)
        moment = _at_draw_time(day)
        if sales_close_time(moment) > after:
            return moment
        day += timedelta(days=1)


@dataclass(frozen=True, kw_only=True)
class Occurrence:
    drawing_type: str
    day: date  # the program day of the drawing
    opens_at: datetime
    sales_close_time: datetime
    drawing_time: datetime

    @property
    def period_key(self) -> str:
        return self.day.isoformat()


def occurrence(drawing_type: str, day: date) -> Occurrence:
    moment = _at_draw_time(day)
    return Occurrence(
        drawing_type=drawing_type,
        day=day,
        opens_at=_at_draw_time(previous_occurrence(drawing_type, day)),
        sales_close_time=sales_close_time(moment),
        drawing_time=moment,
    )


def upcoming(drawing_type: str, now: datetime) -> list[Occurrence]:
    """The occurrences the lifecycle job should have created by `now`: the current one
    (sales still open) and any next one opening within CREATE_AHEAD."""
    found: list[Occurrence] = []
    current = occurrence(
        drawing_type, next_drawing_time(drawing_type, now).astimezone(PROGRAM_TZ).date()
    )
    found.append(current)
    following = occurrence(
        drawing_type, occurrence_on_or_after(drawing_type, current.day + timedelta(days=1))
    )
    if following.opens_at <= now + CREATE_AHEAD:
        found.append(following)
    return found


def drawing_name(base: str, drawing_type: str, day: date) -> str:
    label = {
        "daily": day.strftime("%b %-d, %Y"),
        "weekly": f"week ending {day:%b %-d, %Y}",
        "monthly": day.strftime("%B %Y"),
        "annual": str(day.year),
    }[drawing_type]
    return f"{base} — {label}"


@dataclass(frozen=True, kw_only=True)
class Drawing:
    drawing_id: uuid.UUID
    drawing_type: str
    status: DrawingStatus
    name: str
    description: str | None
    ticket_cost_points: int
    opens_at: datetime | None
    sales_close_time: datetime
    drawing_time: datetime
    eligibility: dict[str, Any]
    seed_commitment: str | None = None
    seed: str | None = None
    snapshot_root: str | None = None
    snapshot_taken_at: datetime | None = None
    total_tickets: int = 0
    next_ticket_number: int = 1
    algorithm: str | None = None
    executed_at: datetime | None = None
    cancelled_at: datetime | None = None
    cancel_reason: str | None = None
    template_id: uuid.UUID | None = None
    period_key: str | None = None
    created_by: uuid.UUID | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    sealed_seed: bytes | None = None
    beacon_chain_hash: str | None = None  # fittrack-draw-v2: fixed at opening
    beacon_round: int | None = None
    beacon_signature: str | None = None  # hex, once the round is verified
    beacon_previous_signature: str | None = None
    terms: str | None = None  # canonical JSON of the terms committed to at opening
    entries_head: str | None = None  # the purchase chain's head after the last entry
    entry_count: int | None = None  # entries in the Merkle frontier (None: never kept)


@dataclass(frozen=True, kw_only=True)
class Template:
    template_id: uuid.UUID
    name: str
    drawing_type: str
    description: str | None
    ticket_cost_points: int
    eligibility: dict[str, Any]
    prizes: list[dict[str, Any]]  # prize definitions (snake_case keys) copied into drawings
    is_active: bool = True
    created_by: uuid.UUID | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
