"""Account rules: password policy, eligibility (age, state, consent), lockout. No I/O."""

from __future__ import annotations

import math
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from fittrack.domain.constants import (
    ELIGIBLE_STATES,
    EXCLUDED_STATES,
    LOCKOUT_BASE,
    LOCKOUT_MAX,
    LOCKOUT_THRESHOLD,
    MINIMUM_AGE_YEARS,
    PASSWORD_MIN_LENGTH,
)
from fittrack.domain.errors import FieldError

EMAIL_MAX_LENGTH = 320
# Pragmatic address check: one @, no spaces, a dotted domain of letters, digits and hyphens.
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@"
    r"(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# What the contract says of a date of birth: an ISO date from 1900 (later checks refuse
# the future and the under-age, which depend on today).
BIRTH_DATE_PATTERN = r"^(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}$"


# ---- password policy --------------------------------------------------------------


# What a password needs besides its length, each as a pattern it must contain. ASCII
# classes, as the web app checks them; whitespace is not a symbol. The contract states
# the same rule (PASSWORD_PATTERN), so what it accepts the server accepts.
_PASSWORD_NEEDS = (
    ("an upper-case letter", "[A-Z]"),
    ("a lower-case letter", "[a-z]"),
    ("a digit", "[0-9]"),
    ("a symbol", r"[^A-Za-z0-9\s]"),
)
# Any character a person types: no NUL or other control characters (every text field
# refuses those; tab and line breaks excepted).
_TYPED = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_PASSWORD_CHECKS = tuple((need, re.compile(pattern)) for need, pattern in _PASSWORD_NEEDS)
PASSWORD_PATTERN = (
    "^"
    + "".join(rf"(?=[\s\S]*{pattern})" for _, pattern in _PASSWORD_NEEDS)
    + rf"{_TYPED}{{{PASSWORD_MIN_LENGTH},}}$"
)


def password_problems(password: str) -> list[str]:
    """What a password lacks under the policy; empty when it is acceptable."""
    missing: list[str] = []
    if len(password) < PASSWORD_MIN_LENGTH:
        missing.append(f"at least {PASSWORD_MIN_LENGTH} characters")
    missing += [need for need, check in _PASSWORD_CHECKS if not check.search(password)]
    return missing


def is_strong_password(password: str) -> bool:
    return not password_problems(password)


def password_error(field: str, password: str) -> FieldError | None:
    missing = password_problems(password)
    if not missing:
        return None
    return FieldError(field, "The password needs " + ", ".join(missing) + ".", "weak_password")


# ---- eligibility ------------------------------------------------------------------


def is_valid_email(email: str) -> bool:
    return len(email) <= EMAIL_MAX_LENGTH and _EMAIL.fullmatch(email) is not None


EARLIEST_DATE_OF_BIRTH = date(1900, 1, 1)


def parse_date_of_birth(text: str) -> date | None:
    """An ISO date on or after 1900-01-01, or None (a later check refuses the future)."""
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        found = date.fromisoformat(text)
    except ValueError:
        return None
    return found if found >= EARLIEST_DATE_OF_BIRTH else None


def age_on(date_of_birth: date, day: date) -> int:
    """Completed years on `day` (a 29 February birthday comes on 1 March in other years)."""
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - (1 if before_birthday else 0)


def is_old_enough(date_of_birth: date, day: date) -> bool:
    return age_on(date_of_birth, day) >= MINIMUM_AGE_YEARS


def normalize_state(state: str) -> str:
    return state.strip().upper()


def state_error(state: str) -> str | None:
    code = normalize_state(state)
    if code in EXCLUDED_STATES:
        return f"Residents of {code} cannot take part in FitTrack sweepstakes."
    if code not in ELIGIBLE_STATES:
        return "Use the two-letter code of a US state or DC."
    return None


@dataclass(frozen=True)
class Registration:
    email: str
    password: str
    date_of_birth: date
    state_of_residence: str


@dataclass(frozen=True)
class RegistrationDetails:
    date_of_birth: date
    state_of_residence: str


def check_details(
    date_of_birth: str, state: str, *, accepted_terms: bool, accepted_rules: bool, today: date
) -> tuple[RegistrationDetails | None, list[FieldError]]:
    """Date of birth, residence and consents: what every account needs before it is active."""
    errors: list[FieldError] = []
    dob = parse_date_of_birth(date_of_birth.strip())
    if dob is None:
        errors.append(FieldError("dateOfBirth", "Use a date like 1990-04-30.", "invalid_date"))
    elif dob > today:
        errors.append(FieldError("dateOfBirth", "The date of birth is in the future.", "in_future"))
    elif not is_old_enough(dob, today):
        errors.append(
            FieldError(
                "dateOfBirth", f"You must be at least {MINIMUM_AGE_YEARS} to register.", "under_age"
            )
        )
    bad_state = state_error(state)
    if bad_state:
        code = "excluded_state" if normalize_state(state) in EXCLUDED_STATES else "invalid_state"
        errors.append(FieldError("stateOfResidence", bad_state, code))
    if not accepted_terms:
        errors.append(
            FieldError("acceptedTerms", "Accept the Terms of Service.", "consent_required")
        )
    if not accepted_rules:
        errors.append(
            FieldError(
                "acceptedSweepstakesRules", "Accept the Sweepstakes Rules.", "consent_required"
            )
        )
    if errors or dob is None:
        return None, errors
    return RegistrationDetails(dob, normalize_state(state)), []


def check_registration(
    email: str,
    password: str,
    *,
    date_of_birth: str,
    state: str,
    accepted_terms: bool,
    accepted_rules: bool,
    today: date,
) -> tuple[Registration | None, list[FieldError]]:
    """The registration when every rule holds, else one field error per failing field."""
    errors: list[FieldError] = []
    email = email.strip()
    if not is_valid_email(email):
        errors.append(FieldError("email", "Enter a valid email address.", "invalid_email"))
    weak = password_error("password", password)
    if weak:
        errors.append(weak)
    details, detail_errors = check_details(
        date_of_birth,
        state,
        accepted_terms=accepted_terms,
        accepted_rules=accepted_rules,
        today=today,
    )
    errors += detail_errors
    if errors or details is None:
        return None, errors
    return Registration(email, password, details.date_of_birth, details.state_of_residence), []


# ---- lockout ----------------------------------------------------------------------


@dataclass(frozen=True)
class LoginCounters:
    failed_count: int
    lockout_count: int
    locked_until: datetime | None


def lock_remaining(locked_until: datetime | None, now: datetime) -> timedelta | None:
    """How long a lock still holds, or None when the account is not locked."""
    if locked_until is None or locked_until <= now:
        return None
    return locked_until - now


def retry_after_seconds(remaining: timedelta) -> int:
    return max(1, math.ceil(remaining.total_seconds()))


def lockout_duration(previous_lockouts: int) -> timedelta:
    """15 minutes for the first lockout, doubling for each further one (capped)."""
    if previous_lockouts >= 16:
        return LOCKOUT_MAX
    return min(LOCKOUT_BASE * (2**previous_lockouts), LOCKOUT_MAX)


def after_failure(counters: LoginCounters, now: datetime) -> LoginCounters:
    """The counters after one more failed sign-in; the threshold-th failure locks."""
    failed = counters.failed_count + 1
    if failed < LOCKOUT_THRESHOLD:
        return LoginCounters(failed, counters.lockout_count, counters.locked_until)
    until = now + lockout_duration(counters.lockout_count)
    return LoginCounters(0, counters.lockout_count + 1, until)


def effective_role(role: str, premium_expires_at: datetime | None, now: datetime) -> str:
    """Premium ends at its expiry; the role reverts to user without a write."""
    if role == "premium" and premium_expires_at is not None and premium_expires_at <= now:
        return "user"
    return role


class UserStatus(StrEnum):
    PENDING = "pending"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    BANNED = "banned"


@dataclass(frozen=True, kw_only=True)
class User:
    user_id: uuid.UUID
    email: str
    role: str
    status: str
    password_hash: str | None
    premium_expires_at: datetime | None
    date_of_birth: date | None
    state_of_residence: str | None
    email_verified_at: datetime | None
    failed_login_count: int
    locked_until: datetime | None
    lockout_count: int
    last_login_at: datetime | None
    point_balance: int
    lifetime_points: int
    deleted_at: datetime | None
    created_at: datetime

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None
