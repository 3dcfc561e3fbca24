"""Who may enter a drawing (SPEC.md sections 1, 4 and 6); pure rules, no I/O.

A drawing's own rules (JSON): `user_type` all | premium and
`min_account_age_days` (default 7). `premium` limits only entering with points: the
free entry stays open to every eligible member, since a sweepstakes may not require
payment to enter (docs/decisions.md). Every entrant must also be an active,
email-verified member with a complete profile, resident in an eligible state,
not waiting for a review, and not staff (admins run the drawings).
The first rule that fails is reported, with a code naming it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fittrack.domain.accounts import UserStatus
from fittrack.domain.constants import ELIGIBLE_STATES

USER_TYPES = ("all", "premium")
DEFAULT_MIN_ACCOUNT_AGE_DAYS = 7
MAX_MIN_ACCOUNT_AGE_DAYS = 3650


@dataclass(frozen=True)
class Rules:
    user_type: str = "all"
    min_account_age_days: int = DEFAULT_MIN_ACCOUNT_AGE_DAYS

    @classmethod
    def from_json(cls, doc: dict[str, Any] | None) -> Rules:
        doc = doc or {}
        user_type = str(doc.get("user_type", "all"))
        age = int(doc.get("min_account_age_days", DEFAULT_MIN_ACCOUNT_AGE_DAYS))
        if user_type not in USER_TYPES or not 0 <= age <= MAX_MIN_ACCOUNT_AGE_DAYS:
            raise ValueError(f"invalid eligibility rules {doc!r}")
        return cls(user_type, age)

    def to_json(self) -> dict[str, Any]:
        return {"user_type": self.user_type, "min_account_age_days": self.min_account_age_days}

    def describe(self) -> list[str]:
        lines = [f"All members whose account is at least {self.min_account_age_days} days old."]
        if self.user_type == "premium":
            lines.append(
                "Entering with points is for premium members; the free entry is open to"
                " every eligible member, premium or not."
            )
        return [
            *lines,
            "Active accounts with a verified email address and a complete profile.",
            "Adults (18+) resident in the United States outside "
            "New York, Florida and Rhode Island.",
            "Members waiting for an account review cannot enter until it is cleared.",
            "FitTrack staff (admin accounts) cannot enter.",
        ]


@dataclass(frozen=True, kw_only=True)
class Member:
    """The facts about a member the rules look at."""

    role: str
    status: str
    deleted: bool
    email_verified: bool
    profile_complete: bool
    state: str | None
    created_at: datetime
    premium_expires_at: datetime | None
    flagged: bool

    def is_premium(self, now: datetime) -> bool:
        return self.role == "premium" and (
            self.premium_expires_at is None or self.premium_expires_at > now
        )


@dataclass(frozen=True)
class Refusal:
    rule: str
    message: str


def check(
    member: Member, rules: Rules, now: datetime, *, with_points: bool = True
) -> Refusal | None:
    """None when the member may enter (with points, or by the free entry); else the
    first rule that fails."""
    if member.deleted or member.status != UserStatus.ACTIVE:
        return Refusal("account_not_active", "Only active accounts can enter drawings.")
    if member.role == "admin":
        return Refusal("staff", "Admin accounts cannot enter drawings.")
    if not member.email_verified:
        return Refusal("email_not_verified", "Verify your email address to enter drawings.")
    if not member.profile_complete:
        return Refusal("profile_incomplete", "Complete your profile to enter drawings.")
    if member.state not in ELIGIBLE_STATES:
        return Refusal(
            "state_not_eligible", "Residents of your state are not eligible for FitTrack drawings."
        )
    if member.flagged:
        return Refusal(
            "flagged_for_review",
            "Your account is under review; you can enter again once it is cleared.",
        )
    if rules.user_type == "premium" and with_points and not member.is_premium(now):
        return Refusal(
            "premium_only",
            "Entering this drawing with points is for premium members only; the free entry"
            " is open to you.",
        )
    if member.created_at > now - timedelta(days=rules.min_account_age_days):
        return Refusal(
            "min_account_age",
            f"Your account must be at least {rules.min_account_age_days} days old "
            "to enter this drawing.",
        )
    return None
