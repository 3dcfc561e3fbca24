"""Admin MFA rules: TOTP (RFC 6238) and step-up authentication (RFC 9470)."""

from __future__ import annotations

from datetime import datetime, timedelta

from fittrack.domain.identity import Caller

TOTP_DIGITS = 6
TOTP_PERIOD_SECONDS = 30
TOTP_ISSUER = "FitTrack"
# Codes of the step before and after the current one are accepted too: phone clocks drift.
TOTP_DRIFT_STEPS = 1
CODE_PATTERN = r"^[0-9]{6}$"

OTP_AMR = "otp"  # RFC 8176 authentication method reference for a one-time password
STEP_UP_MAX_AGE = timedelta(minutes=15)


def stepped_up(caller: Caller, now: datetime, max_age: timedelta = STEP_UP_MAX_AGE) -> bool:
    """Did the caller prove an OTP recently enough? (`auth_time` no older than max_age.)"""
    if OTP_AMR not in caller.amr or caller.auth_time is None:
        return False
    return caller.auth_time <= now + timedelta(seconds=30) and now - caller.auth_time <= max_age
