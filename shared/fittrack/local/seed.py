"""The demo data `make dev` loads: idempotent, safe to run on every start."""

from __future__ import annotations

import secrets
import uuid
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pyotp

from fittrack import log
from fittrack.clock import program_day
from fittrack.db import ids
from fittrack.domain import tiers
from fittrack.repositories import users
from fittrack.services.admins import create_admin
from fittrack.services.mfa import enrol_known_secret

if TYPE_CHECKING:
    from fittrack.db import UnitOfWork
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.seed")
DEMO_ADMIN_EMAIL = "admin@fittrack.local"


def seed_demo(platform: Platform) -> None:
    _seed_admin(platform)
    from fittrack.local.seed_members import seed_members  # members, activity, boards

    seed_members(platform)
    _seed_sweepstakes(platform)


def _seed_sweepstakes(platform: Platform) -> None:
    from fittrack.local.seed_sweepstakes import append_winner_credentials, seed_sweepstakes

    with platform.db.unit_of_work(readonly=True) as uow:
        admin = users.find_by_email(uow, DEMO_ADMIN_EMAIL)
    if admin is None:
        return  # the admin existed under another address: nothing to run the drawings as
    summary = seed_sweepstakes(platform, admin.user_id)
    if summary["demoWinner"]:
        append_winner_credentials(
            platform.settings.home / "demo-credentials.txt", summary["demoWinner"]
        )


def _seed_admin(platform: Platform) -> None:
    credentials = platform.settings.home / "demo-credentials.txt"
    with platform.db.unit_of_work(readonly=True) as uow:
        if users.find_by_email(uow, DEMO_ADMIN_EMAIL) is not None:
            return
    password = "Demo-" + secrets.token_urlsafe(12) + "1!"
    dob = date(1988, 4, 2)
    admin = create_admin(
        platform, DEMO_ADMIN_EMAIL, password=password, date_of_birth=dob, state_of_residence="CA"
    )
    with platform.db.unit_of_work() as uow:
        _insert_profile(uow, platform, admin.user_id, dob)
    # Drawing execution and other sensitive admin actions need a TOTP step-up (docs/auth.md).
    totp_secret = pyotp.random_base32()
    enrol_known_secret(platform, admin.user_id, totp_secret)
    _write_credentials(credentials, DEMO_ADMIN_EMAIL, password, totp_secret)
    logger.info(
        "demo admin created", extra={"email": DEMO_ADMIN_EMAIL, "credentials": str(credentials)}
    )


def _insert_profile(uow: UnitOfWork, platform: Platform, user_id: uuid.UUID, dob: date) -> None:
    now = platform.clock()
    bracket = tiers.age_bracket(dob, program_day(now))
    uow.execute(
        "INSERT INTO user_profiles (user_id, display_name, biological_sex, fitness_level, goals,"
        " timezone, age_bracket, tier_code, open_leaderboard, completed_at, created_at,"
        " updated_at) VALUES (:id, 'Demo Admin', 'female', 'intermediate', :goals,"
        " 'America/New_York', :bracket, :tier, :open, :now, :now, :now)",
        {
            "id": ids.to_db(user_id),
            "goals": uow.dialect.json(["general_health"]),
            "bracket": bracket,
            "tier": tiers.tier_code("female", bracket, "intermediate"),
            "open": False,
            "now": now,
        },
    )


def _write_credentials(path: Path, email: str, password: str, totp_secret: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"demo admin\n  email:    {email}\n  password: {password}\n"
        f"  totp:     {totp_secret}  (base32 TOTP secret: add it to an authenticator app)\n"
    )
    path.chmod(0o600)


def demo_credentials(home: Path) -> str | None:
    path = home / "demo-credentials.txt"
    return path.read_text() if path.exists() else None
