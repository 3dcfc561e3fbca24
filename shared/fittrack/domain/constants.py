"""Program constants Legal or Product may change: eligibility, consent versions, limits.

Keep every such value here, in one place, so a change is one edit.
"""

from __future__ import annotations

from datetime import timedelta

# The 50 states and the District of Columbia (USPS codes).
US_STATES: frozenset[str] = frozenset(
    {
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "DC",
    }
)
# Sweepstakes law: residents of these states may not take part.
EXCLUDED_STATES: frozenset[str] = frozenset({"NY", "FL", "RI"})
ELIGIBLE_STATES: frozenset[str] = US_STATES - EXCLUDED_STATES

MINIMUM_AGE_YEARS = 18

# The documents a member accepts at registration; bump on every new version (and add
# its text as shared/fittrack/legal/<kind>-<version>.md, served by GET /legal/{kind}).
TERMS_VERSION = "2026-11"
SWEEPSTAKES_RULES_VERSION = "2026-11"
PRIVACY_POLICY_VERSION = "2026-11"  # published, not accepted: registration records none

PASSWORD_MIN_LENGTH = 12

# Sign-in lockout: this many failures in a row lock the account, first for
# LOCKOUT_BASE, then twice as long for every further lockout, never beyond LOCKOUT_MAX.
LOCKOUT_THRESHOLD = 5
LOCKOUT_BASE = timedelta(minutes=15)
LOCKOUT_MAX = timedelta(hours=24)

# Single-use email tokens.
VERIFY_EMAIL_TOKEN_TTL = timedelta(hours=24)
RESET_PASSWORD_TOKEN_TTL = timedelta(hours=1)

# Emails a member cannot switch off: what they must know to claim or keep a prize,
# and changes to their account.
MANDATORY_EMAIL: frozenset[str] = frozenset(
    {"prize_won", "forfeit_warning", "prize_forfeited", "account_status"}
)
