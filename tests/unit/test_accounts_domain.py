"""Account rules: password policy, the 18th birthday, states, lockout (hypothesis)."""

from __future__ import annotations

import re
import string
from datetime import UTC, date, datetime, timedelta

from hypothesis import assume, given
from hypothesis import strategies as st

from fittrack.clock import program_day
from fittrack.domain import accounts
from fittrack.domain.constants import (
    ELIGIBLE_STATES,
    EXCLUDED_STATES,
    LOCKOUT_BASE,
    LOCKOUT_MAX,
    LOCKOUT_THRESHOLD,
    US_STATES,
)
from fittrack.schemas.base import CONTROL_CHARACTERS

UPPER, LOWER, DIGITS, SYMBOLS = (
    string.ascii_uppercase,
    string.ascii_lowercase,
    string.digits,
    "!@#$%^&*()-_=+[]{};:,.<>/?~",
)
CLASSES = {"upper": UPPER, "lower": LOWER, "digit": DIGITS, "symbol": SYMBOLS}
ANY = UPPER + LOWER + DIGITS + SYMBOLS


@st.composite
def strong_passwords(draw: st.DrawFn) -> str:
    required = [draw(st.sampled_from(chars)) for chars in CLASSES.values()]
    rest = draw(st.text(alphabet=ANY, min_size=8, max_size=60))
    return "".join(draw(st.permutations(required + list(rest))))


@given(strong_passwords())
def test_every_password_with_all_four_classes_and_12_chars_is_accepted(password: str) -> None:
    assert accounts.is_strong_password(password)
    assert accounts.password_error("password", password) is None


@given(st.sampled_from(sorted(CLASSES)), st.data())
def test_a_password_missing_one_class_is_refused(missing: str, data: st.DataObject) -> None:
    alphabet = "".join(chars for name, chars in CLASSES.items() if name != missing)
    password = data.draw(st.text(alphabet=alphabet, min_size=12, max_size=60))
    error = accounts.password_error("password", password)
    assert error is not None and error.field == "password" and error.code == "weak_password"
    assert not accounts.is_strong_password(password)


@given(
    st.one_of(st.text(max_size=40), strong_passwords(), st.from_regex(accounts.PASSWORD_PATTERN))
)
def test_the_contract_pattern_and_the_policy_agree(password: str) -> None:
    """What the contract's pattern accepts the server accepts, and nothing else."""

    matches = re.search(accounts.PASSWORD_PATTERN, password) is not None
    typed = (
        CONTROL_CHARACTERS.search(password) is None
    )  # control characters: refused by every model
    assert matches == (accounts.is_strong_password(password) and typed)


def test_whitespace_is_not_a_symbol_and_any_other_non_alphanumeric_is() -> None:
    assert not accounts.is_strong_password("Abcdefghij1 ")
    assert accounts.is_strong_password("Abcdefghij1\u20ac")  # euro sign


@given(strong_passwords().map(lambda p: p[:11]))
def test_a_password_shorter_than_12_is_refused(password: str) -> None:
    assert not accounts.is_strong_password(password)
    assert "at least 12 characters" in accounts.password_problems(password)


def eighteenth_birthday(dob: date) -> date:
    try:
        return dob.replace(year=dob.year + 18)
    except ValueError:  # 29 February: the birthday comes on 1 March
        return date(dob.year + 18, 3, 1)


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=-800, max_value=800),
)
def test_old_enough_exactly_from_the_18th_birthday(dob: date, offset: int) -> None:
    birthday = eighteenth_birthday(dob)
    day = birthday + timedelta(days=offset)
    assert accounts.is_old_enough(dob, day) == (day >= birthday)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2008, 12, 31)))
def test_the_day_before_the_18th_birthday_is_too_young(dob: date) -> None:
    birthday = eighteenth_birthday(dob)
    assert not accounts.is_old_enough(dob, birthday - timedelta(days=1))
    assert accounts.is_old_enough(dob, birthday)
    assert accounts.age_on(dob, birthday) == 18


def test_leap_day_birthdays_come_on_the_first_of_march() -> None:
    dob = date(2004, 2, 29)
    assert not accounts.is_old_enough(dob, date(2022, 2, 28))
    assert accounts.is_old_enough(dob, date(2022, 3, 1))


def register_on(dob: date, moment: datetime) -> list[str]:
    _, errors = accounts.check_registration(
        "someone@example.com",
        "Str0ng-Password!",
        date_of_birth=dob.isoformat(),
        state="CA",
        accepted_terms=True,
        accepted_rules=True,
        today=program_day(moment),
    )
    return [e.code for e in errors]


def test_the_registration_day_is_the_new_york_day() -> None:
    dob = date(2008, 6, 2)
    # 02:00 UTC on 2 June is still 1 June in New York: one day short of 18.
    assert register_on(dob, datetime(2026, 6, 2, 2, 0, tzinfo=UTC)) == ["under_age"]
    assert register_on(dob, datetime(2026, 6, 2, 4, 0, tzinfo=UTC)) == []


def test_eligible_states_are_the_50_states_and_dc_minus_the_excluded() -> None:
    assert len(US_STATES) == 51 and "DC" in US_STATES
    assert sorted(EXCLUDED_STATES) == ["FL", "NY", "RI"]
    assert ELIGIBLE_STATES == US_STATES - EXCLUDED_STATES and len(ELIGIBLE_STATES) == 48


@given(st.text(alphabet=string.ascii_letters, min_size=0, max_size=3))
def test_state_check(state: str) -> None:
    eligible = state.upper() in ELIGIBLE_STATES
    assert (accounts.state_error(state) is None) == eligible


def test_registration_reports_every_bad_field_at_once() -> None:
    registration, errors = accounts.check_registration(
        "nope",
        "weak",
        date_of_birth="31/12/1990",
        state="NY",
        accepted_terms=False,
        accepted_rules=False,
        today=date(2026, 1, 1),
    )
    assert registration is None
    assert [e.field for e in errors] == [
        "email",
        "password",
        "dateOfBirth",
        "stateOfResidence",
        "acceptedTerms",
        "acceptedSweepstakesRules",
    ]


@given(st.emails())
def test_generated_addresses_with_dotted_domains_are_valid(email: str) -> None:
    assume("." in email.rpartition("@")[2] and len(email) <= 254)
    assume(email.rpartition("@")[2].rsplit(".", 1)[1].isalpha())
    assume(len(email.partition("@")[0]) <= 64)
    assert accounts.is_valid_email(email)


def test_lockout_after_five_failures_then_doubling() -> None:
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    counters = accounts.LoginCounters(0, 0, None)
    for _ in range(LOCKOUT_THRESHOLD - 1):
        counters = accounts.after_failure(counters, now)
        assert counters.locked_until is None
    counters = accounts.after_failure(counters, now)
    assert counters.locked_until == now + timedelta(minutes=15)
    assert (counters.failed_count, counters.lockout_count) == (0, 1)
    for _ in range(LOCKOUT_THRESHOLD):
        counters = accounts.after_failure(counters, now)
    assert counters.locked_until == now + timedelta(minutes=30)


@given(st.integers(min_value=0, max_value=10_000))
def test_lockout_durations_double_up_to_the_cap(n: int) -> None:
    duration = accounts.lockout_duration(n)
    assert duration == min(LOCKOUT_BASE * 2 ** min(n, 20), LOCKOUT_MAX)
    assert accounts.lockout_duration(n + 1) >= duration


def test_retry_after_rounds_up() -> None:
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    remaining = accounts.lock_remaining(now + timedelta(seconds=90.2), now)
    assert remaining is not None and accounts.retry_after_seconds(remaining) == 91
    assert accounts.lock_remaining(now, now) is None


def test_premium_ends_at_its_expiry() -> None:
    now = datetime(2026, 3, 1, tzinfo=UTC)
    assert accounts.effective_role("premium", now + timedelta(days=1), now) == "premium"
    assert accounts.effective_role("premium", now, now) == "user"
    assert accounts.effective_role("admin", None, now) == "admin"
