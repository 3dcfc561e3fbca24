"""`fittrack create-admin` (and `--totp-secret`) and the dev seed's demo admin (real SQLite)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import jwt
import pyotp
import pytest

from fittrack import config
from fittrack.cli import main
from fittrack.db import migrate
from fittrack.domain.identity import Caller
from fittrack.local.seed import DEMO_ADMIN_EMAIL, seed_demo
from fittrack.platform import Platform, set_platform
from fittrack.repositories import users
from fittrack.schemas.auth import RegisterRequest
from fittrack.services import accounts, mfa, sign_in

PASSWORD = "Admin-Passw0rd-123!"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # 160 bits


@pytest.fixture
def platform(fittrack_home: Path) -> Iterator[Platform]:
    """A platform of our own: the command installs (and closes) another one."""
    platform = Platform(config.settings())
    migrate(platform.db)
    yield platform
    platform.close()
    set_platform(None)


def account(platform: Platform, email: str) -> users.User:
    with platform.db.unit_of_work(readonly=True) as uow:
        user = users.find_by_email(uow, email)
    assert user is not None
    return user


def test_create_admin_creates_an_active_verified_admin_once(
    platform: Platform, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["create-admin", "--email", "Boss@Example.com", "--password", PASSWORD]) == 0
    assert "admin created: Boss@Example.com" in capsys.readouterr().out
    assert main(["create-admin", "--email", "boss@example.com", "--password", PASSWORD]) == 0
    assert "existing account is an admin" in capsys.readouterr().out
    admin = account(platform, "boss@example.com")
    assert (admin.role, admin.status, admin.is_verified) == ("admin", "active", True)
    tokens = sign_in.login(
        platform, "boss@example.com", password=PASSWORD, device_id=None, user_agent=None, ip=None
    )
    assert tokens.user.role == "admin"
    assert PASSWORD not in capsys.readouterr().out


def test_create_admin_promotes_an_existing_member(platform: Platform) -> None:
    accounts.register(
        platform,
        RegisterRequest(
            email="member@example.com",
            password="Member-Passw0rd!",
            date_of_birth="1990-01-01",
            state_of_residence="TX",
            accepted_terms=True,
            accepted_sweepstakes_rules=True,
        ),
    )
    assert main(["create-admin", "--email", "MEMBER@example.com", "--password", PASSWORD]) == 0
    promoted = account(platform, "member@example.com")
    assert (promoted.role, promoted.status) == ("admin", "active")
    # The member's own password still works; the one given on the command line does not.
    sign_in.login(
        platform,
        "member@example.com",
        password="Member-Passw0rd!",
        device_id=None,
        user_agent=None,
        ip=None,
    )
    with platform.db.unit_of_work(readonly=True) as uow:
        count = uow.scalar("SELECT COUNT(*) FROM users")
    assert count == 1


def test_create_admin_refuses_a_weak_password(
    platform: Platform, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["create-admin", "--email", "boss@example.com", "--password", "weak"]) == 2
    assert "password:" in capsys.readouterr().err
    with platform.db.unit_of_work(readonly=True) as uow:
        assert users.find_by_email(uow, "boss@example.com") is None


def test_the_dev_seed_creates_a_demo_admin_who_can_sign_in(platform: Platform) -> None:
    seed_demo(platform)
    seed_demo(platform)  # idempotent
    credentials = (platform.settings.home / "demo-credentials.txt").read_text()
    found = re.search(r"password: (\S+)", credentials)
    assert found and DEMO_ADMIN_EMAIL in credentials
    tokens = sign_in.login(
        platform,
        DEMO_ADMIN_EMAIL,
        password=found.group(1),
        device_id=None,
        user_agent=None,
        ip=None,
    )
    assert (tokens.user.role, tokens.user.status) == ("admin", "active")
    with platform.db.unit_of_work(readonly=True) as uow:
        tier = uow.scalar("SELECT tier_code FROM user_profiles")
    assert tier and tier.startswith("F-")


def _admin(platform: Platform, email: str) -> Caller:
    with platform.db.unit_of_work(readonly=True) as uow:
        user = users.find_by_email(uow, email)
    assert user is not None
    return Caller(user_id=user.user_id, role=user.role, session_id=uuid.uuid4())


def _steps_up(platform: Platform, email: str, secret: str) -> None:
    done = mfa.verify(platform, _admin(platform, email), pyotp.TOTP(secret).at(platform.clock()))
    claims = jwt.decode(done.token.token, options={"verify_signature": False})
    assert "otp" in claims["amr"]


def test_create_admin_enrols_the_given_totp_secret(
    platform: Platform, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["create-admin", "--email", "boss@example.com", "--password", PASSWORD]
    assert main([*args, "--totp-secret", SECRET.lower()]) == 0
    out = capsys.readouterr().out
    assert "TOTP authenticator enrolled" in out and SECRET not in out
    _steps_up(platform, "boss@example.com", SECRET)


def test_create_admin_refuses_a_short_or_malformed_secret(
    platform: Platform, capsys: pytest.CaptureFixture[str]
) -> None:
    for bad in ("JBSWY3DPEHPK3PXP", "not base32!", "18"):  # 80 bits; not base32
        args = ["create-admin", "--email", "boss@example.com", "--password", PASSWORD]
        assert main([*args, "--totp-secret", bad]) == 2
        assert "totpSecret:" in capsys.readouterr().err
    with platform.db.unit_of_work(readonly=True) as uow:
        assert users.find_by_email(uow, "boss@example.com") is None


def test_the_demo_credentials_give_the_demo_admin_s_totp_secret(platform: Platform) -> None:
    seed_demo(platform)
    credentials = (platform.settings.home / "demo-credentials.txt").read_text()
    found = re.search(r"totp:\s+([A-Z2-7]+)", credentials)
    assert found, credentials
    _steps_up(platform, DEMO_ADMIN_EMAIL, found.group(1))
