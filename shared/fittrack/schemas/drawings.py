"""Drawings on the wire: listings, purchases, my tickets, results, rules, verification."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import Field

from fittrack.domain.drawings import DrawingStatus
from fittrack.domain.winners import WinnerStatus
from fittrack.schemas.base import MAX_PAGE, ApiModel, Pagination
from fittrack.schemas.values import JsonInt

DrawingType = Literal["daily", "weekly", "monthly", "annual"]
PublicStatus = Literal["scheduled", "open", "closed", "completed", "cancelled"]
Algorithm = Literal["fittrack-draw-v1", "fittrack-draw-v2"]
MAX_QUANTITY = 1_000_000_000


class EligibilityView(ApiModel):
    user_type: Literal["all", "premium"] = "all"
    min_account_age_days: JsonInt = Field(default=7, ge=0, le=3650)


class SponsorView(ApiModel):
    sponsor_id: uuid.UUID
    name: str
    website_url: str | None = None
    logo_url: str | None = None


class PrizeView(ApiModel):
    prize_id: uuid.UUID
    rank: int
    name: str
    description: str | None = None
    value_usd: Decimal
    quantity: int
    fulfillment_type: str
    image_url: str | None = None
    sponsor: SponsorView | None = None


class OddsView(ApiModel):
    total_tickets: int
    my_tickets: int | None = None
    my_chance: float | None = None  # share of all tickets: the chance at the top prize now
    statement: str


class DrawingView(ApiModel):
    drawing_id: uuid.UUID
    type: DrawingType
    name: str
    description: str | None = None
    status: str
    ticket_cost_points: int
    opens_at: datetime | None = None
    sales_close_time: datetime
    drawing_time: datetime
    eligibility: EligibilityView
    prizes: list[PrizeView]
    total_tickets: int
    my_tickets: int | None = None
    odds: OddsView
    seed_commitment: str | None = None
    snapshot_root: str | None = None
    seed: str | None = None  # revealed once drawn
    executed_at: datetime | None = None
    cancelled_at: datetime | None = None


class DrawingsQuery(ApiModel):
    status: PublicStatus | None = None
    drawing_type: DrawingType | None = Field(None, alias="type")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    limit: int = Field(20, ge=1, le=100)


class DrawingList(ApiModel):
    drawings: list[DrawingView]
    pagination: Pagination


class BuyTickets(ApiModel):
    quantity: JsonInt = Field(ge=1, le=MAX_QUANTITY)


class EntryReceipt(ApiModel):
    """Proof that an entry went into the drawing as it was: keep it. Its leaf must be in
    the snapshot frozen at close, and the purchase chain recomputed from the snapshot
    must pass through chainHead (docs/drawings.md)."""

    first_ticket_number: int
    last_ticket_number: int
    owner_hash: str = Field(description="SHA-256(owner salt || member id bytes), hex.")
    leaf: str = Field(description="H(0x00 || u64 first || u64 last || owner hash), hex.")
    previous_head: str | None = Field(
        description="The purchase chain's head before this entry, hex (null: not chained)."
    )
    chain_head: str | None = Field(
        description="H(0x02 || previous head || leaf), hex (null: not chained)."
    )


class TicketPurchase(ApiModel):
    drawing_id: uuid.UUID
    tickets_purchased: int
    points_spent: int
    new_point_balance: int
    total_user_tickets: int
    transaction_id: uuid.UUID
    first_ticket_number: int
    last_ticket_number: int
    receipt: EntryReceipt


class FreeEntryView(ApiModel):
    drawing_id: uuid.UUID
    free_entry_id: uuid.UUID
    ticket_number: int
    total_user_tickets: int
    receipt: EntryReceipt


class TicketBlockView(ApiModel):
    block_id: uuid.UUID
    first_ticket_number: int
    last_ticket_number: int
    quantity: int
    points_spent: int
    entry_method: Literal["purchase", "free"]
    purchased_at: datetime
    refunded_at: datetime | None = None


class MyTickets(ApiModel):
    drawing_id: uuid.UUID
    status: str
    total_tickets: int
    points_spent: int
    drawing_total_tickets: int
    my_chance: float | None = None
    blocks: list[TicketBlockView]


class PageQuery(ApiModel):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    limit: int = Field(20, ge=1, le=100)


class MyEntry(ApiModel):
    drawing_id: uuid.UUID
    name: str
    type: DrawingType
    status: str
    drawing_time: datetime
    tickets: int
    points_spent: int
    blocks: int
    last_entry_at: datetime


class MyEntries(ApiModel):
    entries: list[MyEntry]
    pagination: Pagination


class ResultWinner(ApiModel):
    draw_index: int
    rank: int
    prize_id: uuid.UUID
    prize_name: str
    display_name: str
    tickets_held: int
    winning_number: int
    status: WinnerStatus


class Participation(ApiModel):
    tickets: int
    won: bool
    prize_name: str | None = None


class DrawingResults(ApiModel):
    drawing_id: uuid.UUID
    name: str
    status: DrawingStatus
    drawn: bool
    drawing_time: datetime
    executed_at: datetime | None = None
    total_entries: int
    total_entrants: int
    winners: list[ResultWinner]
    my_participation: Participation | None = None
    verification_url: str


class RecentWinnersQuery(ApiModel):
    limit: int = Field(20, ge=1, le=100)


class RecentWinnerView(ApiModel):
    display_name: str
    prize_name: str
    prize_value_usd: Decimal
    drawing_id: uuid.UUID
    drawing_name: str
    drawing_type: str
    ticket_number: int
    won_at: datetime


class RecentWinners(ApiModel):
    winners: list[RecentWinnerView]


class RulesSection(ApiModel):
    title: str
    body: str


class DrawingRules(ApiModel):
    drawing_id: uuid.UUID
    name: str
    status: DrawingStatus
    sponsors: list[SponsorView]
    prizes: list[PrizeView]
    total_prize_value_usd: Decimal
    opens_at: datetime | None = None
    sales_close_time: datetime
    drawing_time: datetime
    eligibility: list[str]
    odds_statement: str
    sections: list[RulesSection]


class ProofStepView(ApiModel):
    side: Literal["left", "right"]
    hash: str


class BlockProof(ApiModel):
    first_ticket_number: int
    last_ticket_number: int
    leaf_index: int
    proof: list[ProofStepView]
    chain_head: str | None = Field(
        default=None, description="The purchase chain's head after this entry (its receipt)."
    )


class MyProof(ApiModel):
    owner_salt: str
    owner_hash: str
    blocks: list[BlockProof]


Block = tuple[int, int, str]
BLOCK_DESCRIPTION = "[firstTicketNumber, lastTicketNumber, ownerHash (64 hex digits)]"


class BlockPagesView(ApiModel):
    """Where a big snapshot's blocks are: too many to answer in one function response."""

    page_size: int = Field(description="Blocks per page (the last page may hold fewer).")
    page_count: int
    url: str = Field(
        description="The pages' address, relative to the API's origin, as an RFC 6570 template:"
        " replace {page} with 1..pageCount."
    )


class SnapshotView(ApiModel):
    taken_at: datetime
    total_tickets: int
    block_count: int
    entrant_count: int
    blocks: list[Block] | None = Field(
        description=f"Every entry in ticket order: {BLOCK_DESCRIPTION}. Null when the"
        " snapshot has more blocks than a page: then blockPages says where they are."
    )
    block_pages: BlockPagesView | None = Field(
        default=None,
        description="Set exactly when blocks is null: fetch every page and concatenate"
        " their blocks in page order.",
    )


class BlockPageQuery(ApiModel):
    page: int = Field(ge=1, le=MAX_PAGE, description="1..pageCount.")

    contract_refusals = {("page", "beyond_last_page"): "At most the snapshot's pageCount."}


class SnapshotBlockPage(ApiModel):
    """One page of a frozen snapshot's blocks (GET /drawings/{id}/snapshot/blocks)."""

    drawing_id: uuid.UUID
    page: int
    page_size: int
    page_count: int
    block_count: int
    merkle_root: str
    blocks: list[Block] = Field(
        description=f"Blocks (page - 1) * pageSize onwards, in ticket order: {BLOCK_DESCRIPTION}."
    )


class VerificationPrize(ApiModel):
    prize_id: uuid.UUID
    rank: int
    name: str
    quantity: int


class VerificationPick(ApiModel):
    draw_index: int
    ticket_number: int
    owner_hash: str
    prize_id: uuid.UUID | None = None
    status: WinnerStatus | None = None
    replaces_draw_index: int | None = None


class TermsEligibility(ApiModel):
    user_type: Literal["all", "premium"]
    min_account_age_days: int


class TermsPrize(ApiModel):
    prize_id: str = Field(description="The prize id, 32 lowercase hex digits.")
    rank: int
    name: str
    value_usd: str = Field(description='Dollars with two decimals, e.g. "50.00".')
    quantity: int


class TermsBeacon(ApiModel):
    chain_hash: str = Field(description="The drand chain hash, hex.")
    scheme: Literal["pedersen-bls-chained", "pedersen-bls-unchained", "bls-unchained-g1-rfc9380"]
    public_key: str = Field(description="The chain's BLS public key, compressed, hex.")
    period: int = Field(description="Seconds between rounds.")
    genesis_time: int = Field(description="Unix time of round 1.")
    genesis_seed: str = Field(description='The chain\'s genesis seed ("groupHash"), hex.')
    beacon_id: str
    round: int = Field(description="The round whose randomness decides the draw.")


class DrawingTerms(ApiModel):
    """What a fittrack-draw-v2 drawing committed to when it opened: seedCommitment is
    SHA-256 of this object as canonical JSON (docs/drawings.md)."""

    algorithm: Literal["fittrack-draw-v2"]
    drawing_id: str = Field(description="The drawing id, 32 lowercase hex digits.")
    ticket_cost_points: int
    sales_close_time: str = Field(description="UTC, with microseconds and a Z.")
    drawing_time: str = Field(description="UTC, with microseconds and a Z.")
    eligibility: TermsEligibility
    prizes: list[TermsPrize]
    beacon: TermsBeacon


class BeaconRoundView(ApiModel):
    round: int
    signature: str = Field(description="The round's BLS signature, compressed, hex.")
    previous_signature: str | None = Field(
        default=None, description="Chained schemes only: the previous round's signature, hex."
    )
    randomness: str = Field(description="SHA-256 of the signature, hex: the draw's seed.")


class Verification(ApiModel):
    drawing_id: uuid.UUID
    name: str
    status: DrawingStatus
    algorithm: Algorithm
    seed_commitment: str | None = None
    terms: DrawingTerms | None = None
    beacon: BeaconRoundView | None = None
    entries_head: str | None = Field(
        default=None, description="The purchase chain's head at close (null: not chained)."
    )
    seed: str | None = None
    merkle_root: str | None = None
    snapshot: SnapshotView | None = None
    prizes: list[VerificationPrize]
    winners: list[VerificationPick]
    alternates: list[VerificationPick]
    my_entries: MyProof | None = None
    how_to_verify: str
