"""Admin MFA: enrol a TOTP authenticator (RFC 6238) and step up (RFC 9470).

pyotp computes the codes. The secret is sealed at rest with the token cipher
(`adapters.crypto`), bound to its admin so a blob copied to another row does not
decrypt. A code is accepted once: the newest time step spent is stored and only a
later one is accepted (a conditional UPDATE, so two requests with one code cannot
both win). Every attempt counts against a per-admin limit (MAX_FAILED_CODES a
So six digits cannot be guessed, wrong codes count and lock exactly like failed
sign-ins (`accounts.after_failure`: the 5th wrong code refuses further codes for 15
minutes, doubling each time) and a locked admin gets 429 with Retry-After. The
counters live in the cache; when it is down, codes are refused (503) rather than
left unlimited.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import pyotp

from fittrack import log
from fittrack.adapters.cache import CacheUnavailable
from fittrack.adapters.crypto import DecryptionError, TokenCipher, cipher_from_secrets
from fittrack.domain import accounts
from fittrack.domain import mfa as rules
from fittrack.domain.errors import (
    Conflict,
    FieldConflict,
    FieldError,
    Forbidden,
    ServiceUnavailable,
    TooManyRequests,
    ValidationFailed,
)
from fittrack.domain.identity import Caller
from fittrack.repositories import mfa as authenticators
from fittrack.repositories import users
from fittrack.services.failure_counters import counters_from_json, counters_to_json
from fittrack.services.tokens import IssuedToken

if TYPE_CHECKING:
    from fittrack.db import UnitOfWork
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.mfa")
MIN_SECRET_BYTES = 16  # RFC 4226 section 4: at least 128 bits
FAILURES_TTL_SECONDS = 7 * 24 * 3600  # outlives the longest lockout reachable in a day


class AlreadyEnrolled(Conflict):
    code = "mfa-already-enrolled"
    title = "An authenticator is already enrolled"


class NotEnrolled(Conflict):
    code = "mfa-not-enrolled"
    title = "No authenticator is enrolled"


@dataclass(frozen=True)
class Enrolment:
    secret: str
    otpauth_uri: str


@dataclass(frozen=True)
class StepUp:
    token: IssuedToken
    auth_time: datetime
    amr: tuple[str, ...]


def enroll(platform: Platform, caller: Caller) -> Enrolment:
    """A new secret for the admin, pending until a code from it is confirmed."""
    secret = pyotp.random_base32()
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        current = authenticators.find(uow, caller.user_id, lock=True)
        if current is not None and current.is_active:
            raise AlreadyEnrolled("This account already has an active authenticator.")
        user = users.get(uow, caller.user_id)
        email = user.email if user is not None else str(caller.user_id)
        authenticators.replace(uow, caller.user_id, _seal(platform, caller.user_id, secret), now)
    logger.info("mfa enrolment started", extra={"userId": str(caller.user_id)})
    return Enrolment(
        secret, _totp(secret).provisioning_uri(name=email, issuer_name=rules.TOTP_ISSUER)
    )


def confirm(platform: Platform, caller: Caller, code: str) -> datetime:
    """Activate the pending authenticator with a code from it; when it was confirmed."""
    now = platform.clock()
    _refuse_while_locked(platform, caller.user_id, now)
    with platform.db.unit_of_work() as uow:
        current = authenticators.find(uow, caller.user_id, lock=True)
        if current is None:
            raise NotEnrolled("Start with POST /auth/mfa/enroll.")
        if current.is_active:
            raise AlreadyEnrolled("This authenticator is already confirmed.")
        accepted = _spend(uow, platform, current, code, now)
    _settle(platform, caller.user_id, accepted, now)
    logger.info("mfa enrolment confirmed", extra={"userId": str(caller.user_id)})
    return now


def verify(platform: Platform, caller: Caller, code: str) -> StepUp:
    """Step up: a new access token for the same session whose `amr` includes "otp"."""
    now = platform.clock()
    _refuse_while_locked(platform, caller.user_id, now)
    with platform.db.unit_of_work() as uow:
        current = authenticators.find(uow, caller.user_id, lock=True)
        if current is None or not current.is_active:
            raise NotEnrolled("Enrol and confirm an authenticator first.")
        accepted = _spend(uow, platform, current, code, now)
    _settle(platform, caller.user_id, accepted, now)
    amr = tuple(sorted({*caller.amr, rules.OTP_AMR}))
    issued = platform.tokens.issue_access(
        caller.user_id, caller.role, caller.status, caller.session_id, amr=amr, auth_time=now
    )
    logger.info("mfa step-up", extra={"userId": str(caller.user_id)})
    return StepUp(issued, now, amr)


def enrol_known_secret(platform: Platform, user_id: uuid.UUID, secret: str) -> None:
    """Local use and tests (`fittrack create-admin --totp-secret`): an active
    authenticator with a secret the caller chose. Refused on Oracle (production)."""
    normalized = normalize_secret(secret)
    with platform.db.unit_of_work() as uow:
        if uow.dialect.name == "oracle":
            raise Forbidden("A chosen TOTP secret is for local use only, never on Oracle.")
        authenticators.replace(
            uow, user_id, _seal(platform, user_id, normalized), platform.clock(), confirmed=True
        )


def normalize_secret(secret: str) -> str:
    """An RFC 4648 base32 secret of at least 128 bits, upper case, without padding."""
    cleaned = secret.strip().replace(" ", "").upper().rstrip("=")
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) < MIN_SECRET_BYTES:
        raise ValidationFailed(
            [FieldError("totpSecret", "Give a base32 secret of at least 128 bits.", "invalid")]
        )
    return cleaned


def _spend(
    uow: UnitOfWork,
    platform: Platform,
    current: authenticators.Authenticator,
    code: str,
    now: datetime,
) -> bool:
    """Whether the code is right for a time step not used before (then it is spent)."""
    step = _matching_step(_unseal(platform, current), code, now)
    return step is not None and authenticators.use_step(uow, current.user_id, step, now)


def _matching_step(secret: str, code: str, now: datetime) -> int | None:
    totp = _totp(secret)
    current = totp.timecode(now)
    for step in range(current - rules.TOTP_DRIFT_STEPS, current + rules.TOTP_DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def _failures_key(user_id: uuid.UUID) -> str:
    return f"mfa-failures:{user_id}"


def _load_failures(platform: Platform, user_id: uuid.UUID) -> accounts.LoginCounters:
    try:
        return counters_from_json(platform.cache.get_json(_failures_key(user_id)))
    except CacheUnavailable:
        raise ServiceUnavailable("Codes cannot be checked right now; try again shortly.") from None


def _locked(counters: accounts.LoginCounters, now: datetime) -> TooManyRequests | None:
    remaining = accounts.lock_remaining(counters.locked_until, now)
    if remaining is None:
        return None
    return TooManyRequests(
        accounts.retry_after_seconds(remaining), "Too many wrong codes; wait before trying again."
    )


def _refuse_while_locked(platform: Platform, user_id: uuid.UUID, now: datetime) -> None:
    locked = _locked(_load_failures(platform, user_id), now)
    if locked is not None:
        raise locked


def _settle(platform: Platform, user_id: uuid.UUID, accepted: bool, now: datetime) -> None:
    """Reset the wrong-code count after a good code; count a wrong or replayed one."""
    if accepted:
        with contextlib.suppress(CacheUnavailable):
            platform.cache.delete(_failures_key(user_id))
        return
    counters = accounts.after_failure(_load_failures(platform, user_id), now)
    with contextlib.suppress(CacheUnavailable):
        platform.cache.set_json(
            _failures_key(user_id), counters_to_json(counters), ttl_seconds=FAILURES_TTL_SECONDS
        )
    locked = _locked(counters, now)
    if locked is not None:
        raise locked
    # A replayed code is refused exactly like a wrong one: it proves nothing now.
    raise FieldConflict(
        [FieldError("code", "The code is wrong or was already used.", "invalid_code")]
    )


def _totp(secret: str) -> pyotp.TOTP:
    return pyotp.TOTP(secret, digits=rules.TOTP_DIGITS, interval=rules.TOTP_PERIOD_SECONDS)


def _bound(user_id: uuid.UUID) -> bytes:
    return b"mfa:totp:" + user_id.bytes


def _cipher(platform: Platform) -> TokenCipher:
    return cipher_from_secrets(platform.secrets)


def _seal(platform: Platform, user_id: uuid.UUID, secret: str) -> bytes:
    return _cipher(platform).encrypt(secret, _bound(user_id))


def _unseal(platform: Platform, current: authenticators.Authenticator) -> str:
    try:
        return _cipher(platform).decrypt(current.secret_enc, _bound(current.user_id))
    except DecryptionError:
        logger.error("mfa secret cannot be decrypted", extra={"userId": str(current.user_id)})
        raise NotEnrolled("The authenticator cannot be read; enrol again.") from None
