"""Drawings for members and the public: list, one drawing, results, official rules, winners.

Members never see drafts. Without a token the views leave out "my tickets";
results, rules and recent winners are public.
"""

from __future__ import annotations

import math
import uuid
from typing import TYPE_CHECKING

from fittrack.domain import selection
from fittrack.domain.drawings import DrawingStatus
from fittrack.domain.eligibility import Rules
from fittrack.repositories import drawings
from fittrack.schemas.base import Pagination
from fittrack.schemas.drawings import (
    DrawingList,
    DrawingResults,
    DrawingRules,
    DrawingsQuery,
    DrawingView,
    RecentWinners,
    RulesSection,
)
from fittrack.services import drawing_views as views

if TYPE_CHECKING:
    from fittrack.platform import Platform

DEFAULT_STATUSES = (DrawingStatus.SCHEDULED, DrawingStatus.OPEN, DrawingStatus.CLOSED)


def list_drawings(
    platform: Platform, user_id: uuid.UUID | None, query: DrawingsQuery
) -> DrawingList:
    """Upcoming and running drawings by default (soonest first); any public status on request."""
    statuses = [query.status] if query.status else list(DEFAULT_STATUSES)
    newest_first = query.status in (DrawingStatus.COMPLETED, DrawingStatus.CANCELLED)
    with platform.db.unit_of_work(readonly=True) as uow:
        total = drawings.count(uow, statuses, query.drawing_type)
        found = drawings.list_page(
            uow,
            statuses,
            drawing_type=query.drawing_type,
            offset=(query.page - 1) * query.limit,
            limit=query.limit,
            newest_first=newest_first,
        )
        items = views.views(uow, found, user_id)
    return DrawingList(
        drawings=items,
        pagination=Pagination(
            page=query.page,
            limit=query.limit,
            total_items=total,
            total_pages=math.ceil(total / query.limit) if total else 0,
        ),
    )


def get_drawing(
    platform: Platform, user_id: uuid.UUID | None, drawing_id: uuid.UUID
) -> DrawingView:
    with platform.db.unit_of_work(readonly=True) as uow:
        return views.view(uow, views.public_drawing(uow, drawing_id), user_id)


def results(platform: Platform, user_id: uuid.UUID | None, drawing_id: uuid.UUID) -> DrawingResults:
    with platform.db.unit_of_work(readonly=True) as uow:
        return views.results(uow, views.public_drawing(uow, drawing_id), user_id)


def recent_winners(platform: Platform, limit: int) -> RecentWinners:
    with platform.db.unit_of_work(readonly=True) as uow:
        return views.recent_winners(uow, limit)


def _selection_rule(d: drawings.Drawing) -> tuple[str, str]:
    if d.beacon_round is None and d.seed_commitment is not None:  # v1, opened before v2
        return (
            "How winners are selected",
            "When entries opened, FitTrack committed to a secret random "
            "seed by publishing its SHA-256 hash. When entries close, the list of ticket blocks "
            "is frozen (owners shown only as salted hashes) and its Merkle root is published. At "
            "the drawing time the seed is revealed and winners are derived deterministically "
            f"from the seed, the root and the drawing id ({selection.V1}, unbiased "
            "rejection sampling over a SHA-256 stream). A member wins at most one prize per "
            "drawing; prizes are awarded in rank order; further picks are ordered alternates.",
        )
    return (
        "How winners are selected",
        "When entries open, FitTrack publishes the SHA-256 hash of these terms, which name "
        "the public drand randomness beacon (League of Entropy"
        + (f", chain {d.beacon_chain_hash}" if d.beacon_chain_hash else "")
        + ") and the round that will decide the draw"
        + (f": round {d.beacon_round}" if d.beacon_round else "")
        + ", the first published at least 60 seconds after entries close, so "
        "nobody, FitTrack included, can know it while entries are accepted. When entries "
        "close, the list of ticket blocks is frozen (owners shown only as salted hashes) and "
        "its Merkle root is published. The round's signature is verified before use and its "
        "randomness, with the root and the drawing id, derives the winners deterministically "
        f"({selection.V2}, unbiased rejection sampling over a SHA-256 stream). If that round "
        "is late, the draw waits for it and takes place as soon as it is published; no other "
        "randomness is ever used. If the beacon stops before publishing it, the drawing is "
        "cancelled and every ticket refunded. A member wins at most one prize per drawing; "
        "prizes are awarded in rank order; further picks are ordered alternates.",
    )


def official_rules(platform: Platform, drawing_id: uuid.UUID) -> DrawingRules:
    """The drawing's official rules: sponsor, prizes, dates, eligibility, odds, how winners
    are picked and published, and how to enter free."""
    with platform.db.unit_of_work(readonly=True) as uow:
        d = views.public_drawing(uow, drawing_id)
        prizes = views.prize_views(uow, d.drawing_id)
    sponsors = list({p.sponsor.sponsor_id: p.sponsor for p in prizes if p.sponsor}.values())
    sponsor_names = ", ".join(s.name for s in sponsors) or "FitTrack"
    total = views.total_value(prizes)
    eligibility = Rules.from_json(d.eligibility).describe()
    prize_lines = (
        "; ".join(f"rank {p.rank}: {p.name} ({p.quantity} x ${p.value_usd:,.2f})" for p in prizes)
        or "Prizes will be announced before sales open."
    )
    sections = [
        (
            "No purchase necessary",
            "No purchase or payment of any kind is necessary to enter or "
            "win, and buying tickets does not improve the odds of a free entry. Each member may "
            f'enter once for free: POST /api/v1/drawings/{d.drawing_id}/free-entry (the "Enter '
            'free" button) gives a one-ticket entry with exactly the same chance as a bought '
            "ticket. Void where prohibited.",
        ),
        ("Sponsor", f"{d.name} is sponsored by {sponsor_names} and run by FitTrack."),
        ("Who may enter", " ".join(eligibility)),
        (
            "Entry period",
            f"Entries open {views.et(d.opens_at)} and close "
            f"{views.et(d.sales_close_time)}. The drawing takes place {views.et(d.drawing_time)}.",
        ),
        (
            "Prizes",
            f"{prize_lines}. Total approximate retail value: ${total:,.2f}. Prizes "
            "worth $600 or more require the winner's tax details before delivery.",
        ),
        ("Odds", views.odds_statement(d.total_tickets)),
        _selection_rule(d),
        (
            "Winners",
            "Winners are notified in the app and by email within minutes of the draw "
            "and have 14 days to confirm a US shipping address (or an email for digital prizes); "
            "an unclaimed prize is forfeited and goes to the next alternate. Results (winners' "
            "display names, tickets held, winning numbers and total entries) are published at "
            f"/api/v1/drawings/{d.drawing_id}/results.",
        ),
        (
            "Verification",
            "Anyone can recompute the result from the public proof at "
            f"/api/v1/drawings/{d.drawing_id}/verification with scripts/verify_drawing.py.",
        ),
        (
            "Cancellation",
            "If the drawing is cancelled before it is drawn, every ticket's points are refunded.",
        ),
    ]
    return DrawingRules(
        drawing_id=d.drawing_id,
        name=d.name,
        status=d.status,
        sponsors=sponsors,
        prizes=prizes,
        total_prize_value_usd=total,
        opens_at=d.opens_at,
        sales_close_time=d.sales_close_time,
        drawing_time=d.drawing_time,
        eligibility=eligibility,
        odds_statement=views.odds_statement(d.total_tickets),
        sections=[RulesSection(title=t, body=b) for t, b in sections],
    )
