"""What members and the public read about drawings: views, results, rules, recent winners."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from fittrack.clock import PROGRAM_TZ
from fittrack.db import UnitOfWork
from fittrack.domain import drawings as rules
from fittrack.domain.drawings import DrawingStatus
from fittrack.domain.eligibility import Rules
from fittrack.domain.errors import NotFound
from fittrack.domain.winners import WinnerStatus
from fittrack.repositories import drawings, prizes, snapshots, sponsors, tickets, winners
from fittrack.schemas.drawings import (
    DrawingResults,
    DrawingView,
    EligibilityView,
    OddsView,
    Participation,
    PrizeView,
    RecentWinners,
    RecentWinnerView,
    ResultWinner,
    SponsorView,
)

FORMER_MEMBER = "Former member"


def public_drawing(uow: UnitOfWork, drawing_id: uuid.UUID) -> drawings.Drawing:
    """A drawing members may see (not a draft), or a 404 problem."""
    found = drawings.get(uow, drawing_id)
    if found is None or found.status not in rules.PUBLIC:
        raise NotFound("There is no drawing with this id.")
    return found


def eligibility_view(doc: dict) -> EligibilityView:
    parsed = Rules.from_json(doc)
    return EligibilityView(
        user_type=parsed.user_type,  # type: ignore[arg-type]
        min_account_age_days=parsed.min_account_age_days,
    )


def prize_views(uow: UnitOfWork, drawing: uuid.UUID) -> list[PrizeView]:
    found = prizes.list_for_drawing(uow, drawing)
    cache: dict[uuid.UUID, SponsorView | None] = {}
    for prize in found:
        if prize.sponsor_id is not None and prize.sponsor_id not in cache:
            sponsor = sponsors.get(uow, prize.sponsor_id)
            cache[prize.sponsor_id] = (
                SponsorView(
                    sponsor_id=sponsor.sponsor_id,
                    name=sponsor.name,
                    website_url=sponsor.website_url,
                    logo_url=sponsor.logo_url,
                )
                if sponsor
                else None
            )
    return [
        PrizeView(
            prize_id=p.prize_id,
            rank=p.rank,
            name=p.name,
            description=p.description,
            value_usd=p.value_usd,
            quantity=p.quantity,
            fulfillment_type=p.fulfillment_type,
            image_url=p.image_url,
            sponsor=cache.get(p.sponsor_id) if p.sponsor_id else None,
        )
        for p in found
    ]


def odds_statement(total: int) -> str:
    if total == 0:
        return (
            "No entries yet. Every ticket, bought or free, has the same chance; the odds "
            "depend on the number of eligible entries received."
        )
    return (
        f"Each ticket currently has a 1 in {total:,} chance at the top prize; the odds "
        "depend on the number of eligible entries received."
    )


def odds(total: int, mine: int | None) -> OddsView:
    chance = (mine / total) if mine is not None and total else None
    return OddsView(
        total_tickets=total, my_tickets=mine, my_chance=chance, statement=odds_statement(total)
    )


def view(
    uow: UnitOfWork, d: drawings.Drawing, user_id: uuid.UUID | None, mine: int | None = None
) -> DrawingView:
    if user_id is not None and mine is None:
        mine = tickets.ticket_counts(uow, [d.drawing_id], user_id)[d.drawing_id]
    return DrawingView(
        drawing_id=d.drawing_id,
        type=d.drawing_type,  # type: ignore[arg-type]
        name=d.name,
        description=d.description,
        status=d.status,
        ticket_cost_points=d.ticket_cost_points,
        opens_at=d.opens_at,
        sales_close_time=d.sales_close_time,
        drawing_time=d.drawing_time,
        eligibility=eligibility_view(d.eligibility),
        prizes=prize_views(uow, d.drawing_id),
        total_tickets=d.total_tickets,
        my_tickets=mine,
        odds=odds(d.total_tickets, mine),
        seed_commitment=d.seed_commitment,
        snapshot_root=d.snapshot_root,
        seed=d.seed if d.status == DrawingStatus.COMPLETED else None,
        executed_at=d.executed_at,
        cancelled_at=d.cancelled_at,
    )


def views(
    uow: UnitOfWork, found: Sequence[drawings.Drawing], user_id: uuid.UUID | None
) -> list[DrawingView]:
    counts = (
        tickets.ticket_counts(uow, [d.drawing_id for d in found], user_id)
        if user_id is not None
        else {}
    )
    return [view(uow, d, user_id, counts.get(d.drawing_id)) for d in found]


def results(uow: UnitOfWork, d: drawings.Drawing, user_id: uuid.UUID | None) -> DrawingResults:
    rows = winners.list_for_drawing(uow, d.drawing_id)
    by_prize = {p.prize_id: p for p in prizes.list_for_drawing(uow, d.drawing_id)}
    names = winners.display_names(uow, [w.user_id for w in rows])
    snapshot = snapshots.get(uow, d.drawing_id)
    held = {w.user_id: _tickets_held(uow, d.drawing_id, w.user_id) for w in rows}
    participation = None
    if user_id is not None:
        mine = tickets.ticket_counts(uow, [d.drawing_id], user_id)[d.drawing_id]
        won = next(
            (w for w in rows if w.user_id == user_id and w.status != WinnerStatus.FORFEITED), None
        )
        participation = Participation(
            tickets=mine,
            won=won is not None,
            prize_name=by_prize[won.prize_id].name if won and won.prize_id in by_prize else None,
        )
    return DrawingResults(
        drawing_id=d.drawing_id,
        name=d.name,
        status=d.status,
        drawn=d.status == DrawingStatus.COMPLETED,
        drawing_time=d.drawing_time,
        executed_at=d.executed_at,
        total_entries=d.total_tickets,
        total_entrants=(
            snapshot.entrant_count if snapshot else len(tickets.entrant_ids(uow, d.drawing_id))
        ),
        winners=[
            ResultWinner(
                draw_index=w.draw_index,
                rank=by_prize[w.prize_id].rank,
                prize_id=w.prize_id,
                prize_name=by_prize[w.prize_id].name,
                display_name=names.get(w.user_id) or FORMER_MEMBER,
                tickets_held=held[w.user_id],
                winning_number=w.ticket_number,
                status=WinnerStatus(w.status),
            )
            for w in rows
            if w.prize_id in by_prize
        ],
        my_participation=participation,
        verification_url=f"/api/v1/drawings/{d.drawing_id}/verification",
    )


def _tickets_held(uow: UnitOfWork, drawing: uuid.UUID, user_id: uuid.UUID) -> int:
    return tickets.ticket_counts(uow, [drawing], user_id)[drawing]


def recent_winners(uow: UnitOfWork, limit: int) -> RecentWinners:
    return RecentWinners(
        winners=[
            RecentWinnerView(
                display_name=r.display_name or FORMER_MEMBER,
                prize_name=r.prize_name,
                prize_value_usd=r.prize_value_usd,
                drawing_id=r.winner.drawing_id,
                drawing_name=r.drawing_name,
                drawing_type=r.drawing_type,
                ticket_number=r.winner.ticket_number,
                won_at=r.winner.selected_at,
            )
            for r in winners.recent(uow, limit)
        ]
    )


def et(moment: datetime | None) -> str:
    if moment is None:
        return "when it is scheduled"
    local = moment.astimezone(PROGRAM_TZ)
    return local.strftime("%A, %B %-d, %Y at %-I:%M %p ET")


def total_value(found: Sequence[PrizeView]) -> Decimal:
    return sum((p.value_usd * p.quantity for p in found), Decimal("0.00"))
