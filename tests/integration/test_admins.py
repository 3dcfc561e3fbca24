"""`fittrack create-admin` and the demo admin of the dev seed (real SQLite under FITTRACK_HOME)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from fittrack import config
from fittrack.cli import main
from fittrack.db import migrate
from fittrack.local.seed import DEMO_ADMIN_EMAIL, seed_demo
from fittrack.platform import Platform, set_platform
from fittrack.repositories import users
from fittrack.schemas.auth import RegisterRequest
from fittrack.services import accounts, sign_in

PASSWORD = "Admin-Passw0rd-123!"


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
