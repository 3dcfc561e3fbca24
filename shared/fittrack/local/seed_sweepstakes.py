"""Demo sweepstakes for `make dev`: sponsors, recurring templates and drawings in every
state, all moved through the real services (create, schedule, open, buy, close, draw,
cancel), so the drawing pages, the verifier and My prizes have something to show.

- sponsors (logos are https placeholders: nothing is served for them locally);
- templates: daily, weekly and monthly, with prizes; their current drawings are created
  by the lifecycle service (scheduled) and today's daily one is opened with demo members'
  tickets (the dev scheduler opens the others when their time comes);
- a one-off drawing opening in a few days (scheduled);
- a completed drawing, drawn two days ago, whose verification document verifies, with a
  physical prize won by a demo member who has not confirmed an address yet;
- a cancelled drawing whose tickets were refunded.

Idempotent: each piece is looked up by name first; a second run creates nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fittrack import log
from fittrack.clock import program_day
from fittrack.db import ids
from fittrack.domain.errors import DomainError
from fittrack.domain.identity import Caller
from fittrack.local.seed_activity import plan
from fittrack.repositories import users, winners
from fittrack.schemas.drawing_admin import DrawingCreate, TemplateIn, TemplatePrize
from fittrack.schemas.drawings import EligibilityView
from fittrack.schemas.prizes import PrizeIn
from fittrack.schemas.sponsors import SponsorIn
from fittrack.services import admin_drawings, drawing_templates, lifecycle, prizes, sponsors
from fittrack.services import tickets as ticket_service

if TYPE_CHECKING:
    from fittrack.db import UnitOfWork
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.seed")

SPONSORS = (
    ("Peak Outfitters", "https://peak-outfitters.example.com"),
    ("Harbor Hydration", "https://harbor-hydration.example.com"),
    ("Northstar Audio", "https://northstar-audio.example.com"),
)
COMPLETED = "FitTrack Launch Giveaway"
CANCELLED = "Spring Gear Drop"
UPCOMING = "Community Kickoff"
BUYERS = 40  # demo members who buy tickets in each drawing with sales


def seed_sweepstakes(platform: Platform, admin_id: uuid.UUID) -> dict[str, Any]:
    """Create what is missing; a summary of what exists."""
    admin = Caller(user_id=admin_id, role="admin")
    sponsor_ids = _sponsors(platform, admin)
    _templates(platform, admin_id, sponsor_ids)
    lifecycle.create_recurring(platform)
    _open_todays_daily(platform)
    _upcoming(platform, admin, sponsor_ids)
    winner = _completed(platform, admin, sponsor_ids)
    _cancelled(platform, admin, sponsor_ids)
    summary = {"sponsors": len(sponsor_ids), "demoWinner": winner}
    logger.info("demo sweepstakes ready", extra=summary)
    return summary


# ---- lookups ----------------------------------------------------------------------------


def _ids(uow: UnitOfWork, sql: str, binds: dict[str, Any]) -> list[uuid.UUID]:
    return [ids.from_db(r["id"]) for r in uow.query(sql, binds)]


def _sponsor_id(platform: Platform, name: str) -> uuid.UUID | None:
    with platform.db.unit_of_work(readonly=True) as uow:
        found = _ids(
            uow, "SELECT sponsor_id AS id FROM sponsors WHERE name = :name", {"name": name}
        )
    return found[0] if found else None


def _drawing_id(platform: Platform, name: str) -> uuid.UUID | None:
    with platform.db.unit_of_work(readonly=True) as uow:
        found = _ids(
            uow, "SELECT drawing_id AS id FROM drawings WHERE name = :name", {"name": name}
        )
    return found[0] if found else None


def _buyers(platform: Platform) -> list[uuid.UUID]:
    """The first demo members (the one named in the credentials file first)."""
    members = plan(program_day(platform.clock()))[:BUYERS]
    with platform.db.unit_of_work(readonly=True) as uow:
        found = [users.find_by_email(uow, m.email) for m in members]
    return [u.user_id for u in found if u is not None]


@contextmanager
def _clock_at(platform: Platform, moment: datetime) -> Iterator[None]:
    """Run the services as if it were `moment` (a drawing that happened in the past)."""
    real = platform.clock
    platform.clock = lambda: moment
    try:
        yield
    finally:
        platform.clock = real


# ---- sponsors and templates -------------------------------------------------------------


def _sponsors(platform: Platform, admin: Caller) -> list[uuid.UUID]:
    found: list[uuid.UUID] = []
    for name, website in SPONSORS:
        sponsor_id = _sponsor_id(platform, name)
        if sponsor_id is None:
            slug = website.removeprefix("https://").split(".")[0]
            created = sponsors.create_sponsor(
                platform,
                admin,
                SponsorIn(
                    name=name,
                    contact_name="Partnerships",
                    contact_email=f"partners@{slug}.example.com",
                    website_url=website,
                    logo_url=f"{website}/logo.svg",
                ),
            )
            sponsor_id = created.sponsor_id
        found.append(sponsor_id)
    return found


def _prize(
    rank: int, name: str, *, value: str, kind: str, sponsor: uuid.UUID, quantity: int = 1
) -> dict[str, Any]:
    return {
        "rank": rank,
        "name": name,
        "value_usd": Decimal(value),
        "fulfillment_type": kind,
        "sponsor_id": sponsor,
        "quantity": quantity,
    }


def _template_specs(s: list[uuid.UUID]) -> list[tuple[str, str, list[dict[str, Any]]]]:
    return [
        (
            "Daily Step Sweep",
            "daily",
            [_prize(1, "$25 gift card", value="25.00", kind="digital", sponsor=s[1], quantity=2)],
        ),
        (
            "Weekly Stride",
            "weekly",
            [
                _prize(1, "Wireless earbuds", value="129.00", kind="physical", sponsor=s[2]),
                _prize(2, "$50 gift card", value="50.00", kind="digital", sponsor=s[0], quantity=3),
            ],
        ),
        (
            "Monthly Summit",
            "monthly",
            [
                _prize(1, "Smartwatch", value="649.00", kind="physical", sponsor=s[2]),
                _prize(2, "Trail running shoes", value="140.00", kind="physical", sponsor=s[0]),
                _prize(
                    3,
                    "Insulated bottle set",
                    value="45.00",
                    kind="physical",
                    sponsor=s[1],
                    quantity=5,
                ),
            ],
        ),
    ]


def _templates(platform: Platform, admin_id: uuid.UUID, sponsor_ids: list[uuid.UUID]) -> None:
    existing = {t.name for t in drawing_templates.list_templates(platform).templates}
    for name, kind, prize_specs in _template_specs(sponsor_ids):
        if name in existing:
            continue
        drawing_templates.create(
            platform,
            admin_id,
            TemplateIn.model_validate(
                {
                    "name": name,
                    "type": kind,
                    "description": f"The {kind} FitTrack drawing: spend points on tickets.",
                    "prizes": [TemplatePrize.model_validate(p) for p in prize_specs],
                }
            ),
        )


# ---- drawings ---------------------------------------------------------------------------


def _open_todays_daily(platform: Platform) -> None:
    """Open today's daily drawing (made from the template) and sell demo members tickets."""
    with platform.db.unit_of_work(readonly=True) as uow:
        daily = _ids(
            uow,
            "SELECT drawing_id AS id FROM drawings WHERE drawing_type = 'daily'"
            " AND template_id IS NOT NULL AND status = 'scheduled' AND opens_at <= :now"
            " AND sales_close_time > :now",
            {"now": platform.clock()},
        )
    for drawing_id in daily:
        lifecycle.open_drawing(platform, drawing_id, None)
        _sell(platform, drawing_id, per_member=(1, 2, 3))


def _sell(platform: Platform, drawing_id: uuid.UUID, per_member: tuple[int, ...]) -> int:
    sold = 0
    for n, user_id in enumerate(_buyers(platform)):
        try:
            ticket_service.buy(platform, user_id, drawing_id, per_member[n % len(per_member)])
            sold += 1
        except DomainError:  # not eligible (flagged) or not enough points: skip them
            continue
    return sold


def _one_off(
    platform: Platform,
    admin: Caller,
    *,
    name: str,
    drawing_time: datetime,
    prize_specs: list[dict[str, Any]],
    opens_at: datetime | None = None,
) -> uuid.UUID:
    created = admin_drawings.create(
        platform,
        admin.user_id,
        DrawingCreate(
            type="weekly",
            name=name,
            description="A one-off demo drawing.",
            ticket_cost_points=200,
            drawing_time=drawing_time,
            opens_at=opens_at,
            eligibility=EligibilityView(min_account_age_days=7),
        ),
    )
    for spec in prize_specs:
        prizes.add_prize(platform, admin, created.drawing_id, PrizeIn.model_validate(spec))
    admin_drawings.schedule(platform, admin.user_id, created.drawing_id)
    return created.drawing_id


def _upcoming(platform: Platform, admin: Caller, s: list[uuid.UUID]) -> None:
    if _drawing_id(platform, UPCOMING) is not None:
        return
    now = platform.clock()
    _one_off(
        platform,
        admin,
        name=UPCOMING,
        drawing_time=now + timedelta(days=10),
        opens_at=now + timedelta(days=3),
        prize_specs=[
            _prize(1, "Home gym starter kit", value="299.00", kind="physical", sponsor=s[0])
        ],
    )


def _completed(platform: Platform, admin: Caller, s: list[uuid.UUID]) -> str | None:
    """Drawn two days ago; the email of the demo member who won its physical prize."""
    if _drawing_id(platform, COMPLETED) is not None:
        return None
    started = platform.clock() - timedelta(days=2)
    drawing_time = started + timedelta(hours=2)
    with _clock_at(platform, started):
        drawing_id = _one_off(
            platform,
            admin,
            name=COMPLETED,
            drawing_time=drawing_time,
            prize_specs=[
                _prize(1, "Fitness tracker", value="179.00", kind="physical", sponsor=s[2]),
                _prize(2, "$20 gift card", value="20.00", kind="digital", sponsor=s[1], quantity=3),
            ],
        )
        admin_drawings.open_now(platform, admin.user_id, drawing_id)
        _sell(platform, drawing_id, per_member=(1, 1, 2, 5))
    with _clock_at(platform, drawing_time):
        admin_drawings.close_now(platform, admin.user_id, drawing_id)
        admin_drawings.execute(platform, admin.user_id, drawing_id)
    return _physical_winner_email(platform, drawing_id)


def _physical_winner_email(platform: Platform, drawing_id: uuid.UUID) -> str | None:
    with platform.db.unit_of_work(readonly=True) as uow:
        rank_one = _ids(
            uow,
            "SELECT prize_id AS id FROM prizes WHERE drawing_id = :d AND rank = 1",
            {"d": ids.to_db(drawing_id)},
        )
        for w in winners.list_for_drawing(uow, drawing_id):
            if w.prize_id in rank_one:
                user = users.get(uow, w.user_id)
                return user.email if user else None
    return None


def _cancelled(platform: Platform, admin: Caller, s: list[uuid.UUID]) -> None:
    if _drawing_id(platform, CANCELLED) is not None:
        return
    now = platform.clock()
    drawing_id = _one_off(
        platform,
        admin,
        name=CANCELLED,
        drawing_time=now + timedelta(days=5),
        prize_specs=[_prize(1, "Road bike", value="899.00", kind="physical", sponsor=s[0])],
    )
    admin_drawings.open_now(platform, admin.user_id, drawing_id)
    _sell(platform, drawing_id, per_member=(1, 2))
    admin_drawings.cancel(
        platform, admin.user_id, drawing_id, "The sponsor withdrew the prize (demo)."
    )


def append_winner_credentials(path: Path, email: str) -> None:
    """Name the demo winner beside the admin and the members (same password as members)."""
    with path.open("a") as out:
        out.write(
            f'demo winner (won a prize in "{COMPLETED}"; confirm an address under My prizes)\n'
            f"  email:    {email}\n"
            "  signs in with the demo members' password above\n"
        )
    path.chmod(0o600)
