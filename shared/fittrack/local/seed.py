"""The demo data `make dev` loads: idempotent, safe to run on every start."""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from fittrack import log
from fittrack.clock import program_day
from fittrack.db import ids
from fittrack.domain import tiers
from fittrack.services.passwords import hash_password

if TYPE_CHECKING:
    from fittrack.db import UnitOfWork
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.seed")
DEMO_ADMIN_EMAIL = "admin@fittrack.local"
TERMS_VERSION = "2026-11"
RULES_VERSION = "2026-11"


def seed_demo(platform: Platform) -> None:
    credentials = platform.settings.home / "demo-credentials.txt"
    with platform.db.unit_of_work() as uow:
        if _user_exists(uow, DEMO_ADMIN_EMAIL):
            return
        password = "Demo-" + secrets.token_urlsafe(12) + "1!"
        _insert_admin(uow, platform, password)
    _write_credentials(credentials, DEMO_ADMIN_EMAIL, password)
    logger.info("demo admin created", extra={"email": DEMO_ADMIN_EMAIL,
                                             "credentials": str(credentials)})


def _user_exists(uow: UnitOfWork, email: str) -> bool:
    row = uow.query_one("SELECT user_id FROM users WHERE email_normalized = :email",
                        {"email": email.lower()})
    return row is not None


def _insert_admin(uow: UnitOfWork, platform: Platform, password: str) -> None:
    now = platform.clock()
    user_id = ids.new_id()
    dob = date(1988, 4, 2)
    uow.execute(
        "INSERT INTO users (user_id, email, email_normalized, password_hash, role, status,"
        " date_of_birth, state_of_residence, terms_version, terms_accepted_at,"
        " sweepstakes_rules_version, sweepstakes_rules_accepted_at, email_verified_at,"
        " created_at, updated_at)"
        " VALUES (:id, :email, :email, :hash, 'admin', 'active', :dob, 'CA', :terms, :now,"
        " :rules, :now, :now, :now, :now)",
        {"id": ids.to_db(user_id), "email": DEMO_ADMIN_EMAIL, "hash": hash_password(password),
         "dob": dob, "terms": TERMS_VERSION, "rules": RULES_VERSION, "now": now},
    )
    bracket = tiers.age_bracket(dob, program_day(now))
    uow.execute(
        "INSERT INTO user_profiles (user_id, display_name, biological_sex, fitness_level, goals,"
        " timezone, age_bracket, tier_code, open_leaderboard, completed_at, created_at,"
        " updated_at) VALUES (:id, 'Demo Admin', 'female', 'intermediate', :goals,"
        " 'America/New_York', :bracket, :tier, :open, :now, :now, :now)",
        {"id": ids.to_db(user_id), "goals": uow.dialect.json(["general_health"]),
         "bracket": bracket, "tier": tiers.tier_code("female", bracket, "intermediate"),
         "open": False, "now": now},
    )


def _write_credentials(path: Path, email: str, password: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"demo admin\n  email:    {email}\n  password: {password}\n")
    path.chmod(0o600)


def demo_credentials(home: Path) -> str | None:
    path = home / "demo-credentials.txt"
    return path.read_text() if path.exists() else None
