-- Sponsors, drawings and their templates, prizes, tickets, winners, fulfillment.
-- SQLite mirror of oracle/0004_sweepstakes.sql (which also creates the
-- drawing_prizes_dv duality view; SQLite has no equivalent).

CREATE TABLE sponsors (
    sponsor_id    BLOB NOT NULL CONSTRAINT pk_sponsors PRIMARY KEY,
    name          TEXT NOT NULL,
    contact_name  TEXT,
    contact_email TEXT,
    contact_phone TEXT,
    website_url   TEXT,
    logo_url      TEXT,
    status        TEXT DEFAULT 'active' NOT NULL
        CONSTRAINT ck_sponsors_status CHECK (status IN ('active', 'inactive')),
    created_at    TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    updated_at    TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL
);

CREATE INDEX ix_sponsors_status ON sponsors (status, name);

-- What recurring drawings are made from; prizes holds the prize definitions
-- copied into each new drawing.
CREATE TABLE drawing_templates (
    template_id        BLOB NOT NULL CONSTRAINT pk_drawing_templates PRIMARY KEY,
    name               TEXT NOT NULL,
    drawing_type       TEXT NOT NULL
        CONSTRAINT ck_drawing_templates_drawing_type
        CHECK (drawing_type IN ('daily', 'weekly', 'monthly', 'annual')),
    description        TEXT,
    ticket_cost_points INTEGER NOT NULL
        CONSTRAINT ck_drawing_templates_cost CHECK (ticket_cost_points > 0),
    eligibility        JSON TEXT NOT NULL
        CONSTRAINT ck_drawing_templates_eligibility_json CHECK (json_valid(eligibility)),
    prizes             JSON TEXT NOT NULL
        CONSTRAINT ck_drawing_templates_prizes_json CHECK (json_valid(prizes)),
    is_active          BOOLEAN DEFAULT TRUE NOT NULL,
    created_by         BLOB
        CONSTRAINT fk_drawing_templates_created_by REFERENCES users (user_id) ON DELETE SET NULL,
    created_at         TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    updated_at         TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL
);

CREATE INDEX ix_drawing_templates_active ON drawing_templates (is_active, drawing_type);

-- seed_commitment is the SHA-256 (hex) of the secret seed, published at opening;
-- seed is revealed at draw time. Tickets are numbered 1..total_tickets and
-- next_ticket_number is always total_tickets + 1. A drawing made from a template
-- carries the period it was made for, once: UNIQUE (template_id, period_key).
CREATE TABLE drawings (
    drawing_id         BLOB NOT NULL CONSTRAINT pk_drawings PRIMARY KEY,
    drawing_type       TEXT NOT NULL
        CONSTRAINT ck_drawings_drawing_type
        CHECK (drawing_type IN ('daily', 'weekly', 'monthly', 'annual')),
    status             TEXT DEFAULT 'draft' NOT NULL
        CONSTRAINT ck_drawings_status
        CHECK (status IN ('draft', 'scheduled', 'open', 'closed', 'completed', 'cancelled')),
    name               TEXT NOT NULL,
    description        TEXT,
    ticket_cost_points INTEGER NOT NULL
        CONSTRAINT ck_drawings_cost CHECK (ticket_cost_points > 0),
    opens_at           TIMESTAMP,
    sales_close_time   TIMESTAMP NOT NULL,
    drawing_time       TIMESTAMP NOT NULL,
    eligibility        JSON TEXT NOT NULL
        CONSTRAINT ck_drawings_eligibility_json CHECK (json_valid(eligibility)),
    seed_commitment    TEXT
        CONSTRAINT ck_drawings_seed_commitment CHECK (LENGTH(seed_commitment) = 64),
    seed               TEXT,
    snapshot_root      TEXT,
    snapshot_taken_at  TIMESTAMP,
    total_tickets      INTEGER DEFAULT 0 NOT NULL,
    next_ticket_number INTEGER DEFAULT 1 NOT NULL,
    algorithm          TEXT,
    executed_at        TIMESTAMP,
    cancelled_at       TIMESTAMP,
    cancel_reason      TEXT,
    template_id        BLOB
        CONSTRAINT fk_drawings_template REFERENCES drawing_templates (template_id),
    period_key         TEXT,
    created_by         BLOB
        CONSTRAINT fk_drawings_created_by REFERENCES users (user_id) ON DELETE SET NULL,
    created_at         TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    updated_at         TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    CONSTRAINT uq_drawings_template_period UNIQUE (template_id, period_key),
    CONSTRAINT ck_drawings_times CHECK (sales_close_time <= drawing_time),
    CONSTRAINT ck_drawings_tickets
        CHECK (total_tickets >= 0 AND next_ticket_number = total_tickets + 1),
    CONSTRAINT ck_drawings_seed CHECK (seed IS NULL OR seed_commitment IS NOT NULL),
    CONSTRAINT ck_drawings_template_period CHECK (
        (template_id IS NULL AND period_key IS NULL)
        OR (template_id IS NOT NULL AND period_key IS NOT NULL))
);

CREATE INDEX ix_drawings_status_time ON drawings (status, drawing_time);

CREATE INDEX ix_drawings_type_time ON drawings (drawing_type, drawing_time);

CREATE INDEX ix_drawings_user_type ON drawings (json_extract(eligibility, '$.user_type'));

CREATE TABLE prizes (
    prize_id         BLOB NOT NULL CONSTRAINT pk_prizes PRIMARY KEY,
    drawing_id       BLOB NOT NULL
        CONSTRAINT fk_prizes_drawing REFERENCES drawings (drawing_id) ON DELETE CASCADE,
    rank             INTEGER NOT NULL CONSTRAINT ck_prizes_rank CHECK (rank >= 1),
    name             TEXT NOT NULL,
    description      TEXT,
    value_usd        DECIMAL(10, 2) NOT NULL CONSTRAINT ck_prizes_value CHECK (value_usd >= 0),
    quantity         INTEGER DEFAULT 1 NOT NULL CONSTRAINT ck_prizes_quantity CHECK (quantity >= 1),
    fulfillment_type TEXT NOT NULL
        CONSTRAINT ck_prizes_fulfillment_type CHECK (fulfillment_type IN ('digital', 'physical')),
    sponsor_id       BLOB CONSTRAINT fk_prizes_sponsor REFERENCES sponsors (sponsor_id),
    image_url        TEXT,
    created_at       TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    updated_at       TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    CONSTRAINT uq_prizes_drawing_rank UNIQUE (drawing_id, rank)
);

CREATE INDEX ix_prizes_sponsor ON prizes (sponsor_id);

-- One row per purchase: a contiguous block of ticket numbers.
CREATE TABLE ticket_blocks (
    block_id            BLOB NOT NULL CONSTRAINT pk_ticket_blocks PRIMARY KEY,
    drawing_id          BLOB NOT NULL
        CONSTRAINT fk_ticket_blocks_drawing REFERENCES drawings (drawing_id),
    user_id             BLOB NOT NULL CONSTRAINT fk_ticket_blocks_user REFERENCES users (user_id),
    first_ticket_number INTEGER NOT NULL
        CONSTRAINT ck_ticket_blocks_first CHECK (first_ticket_number >= 1),
    last_ticket_number  INTEGER NOT NULL,
    quantity            INTEGER NOT NULL CONSTRAINT ck_ticket_blocks_quantity CHECK (quantity >= 1),
    points_spent        INTEGER NOT NULL CONSTRAINT ck_ticket_blocks_points CHECK (points_spent > 0),
    ledger_entry_id     BLOB NOT NULL
        CONSTRAINT fk_ticket_blocks_ledger_entry REFERENCES point_ledger (entry_id),
    purchased_at        TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    refunded_at         TIMESTAMP,
    CONSTRAINT uq_ticket_blocks_first UNIQUE (drawing_id, first_ticket_number),
    CONSTRAINT uq_ticket_blocks_ledger_entry UNIQUE (ledger_entry_id),
    CONSTRAINT ck_ticket_blocks_range
        CHECK (last_ticket_number = first_ticket_number + quantity - 1)
);

CREATE INDEX ix_ticket_blocks_drawing_user ON ticket_blocks (drawing_id, user_id);

CREATE INDEX ix_ticket_blocks_user ON ticket_blocks (user_id, purchased_at);

-- A member wins at most one prize per drawing, forfeited or not: a redraw skips
-- everyone already listed for the drawing. draw_index is the winner's position
-- in the deterministic selection, so re-running a draw cannot add rows.
CREATE TABLE drawing_winners (
    winner_id          BLOB NOT NULL CONSTRAINT pk_drawing_winners PRIMARY KEY,
    drawing_id         BLOB NOT NULL
        CONSTRAINT fk_drawing_winners_drawing REFERENCES drawings (drawing_id),
    prize_id           BLOB NOT NULL CONSTRAINT fk_drawing_winners_prize REFERENCES prizes (prize_id),
    user_id            BLOB NOT NULL CONSTRAINT fk_drawing_winners_user REFERENCES users (user_id),
    ticket_number      INTEGER NOT NULL
        CONSTRAINT ck_drawing_winners_ticket CHECK (ticket_number >= 1),
    draw_index         INTEGER NOT NULL CONSTRAINT ck_drawing_winners_index CHECK (draw_index >= 0),
    status             TEXT DEFAULT 'awarded' NOT NULL
        CONSTRAINT ck_drawing_winners_status CHECK (status IN ('awarded', 'held', 'forfeited')),
    selected_at        TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    notified_at        TIMESTAMP,
    forfeited_at       TIMESTAMP,
    forfeit_reason     TEXT,
    replaces_winner_id BLOB
        CONSTRAINT fk_drawing_winners_replaces REFERENCES drawing_winners (winner_id),
    CONSTRAINT uq_drawing_winners_user UNIQUE (drawing_id, user_id),
    CONSTRAINT uq_drawing_winners_index UNIQUE (drawing_id, draw_index)
);

CREATE INDEX ix_drawing_winners_user ON drawing_winners (user_id, selected_at);

CREATE INDEX ix_drawing_winners_prize ON drawing_winners (prize_id);

CREATE TABLE fulfillments (
    fulfillment_id       BLOB NOT NULL CONSTRAINT pk_fulfillments PRIMARY KEY,
    winner_id            BLOB NOT NULL
        CONSTRAINT fk_fulfillments_winner REFERENCES drawing_winners (winner_id),
    user_id              BLOB NOT NULL CONSTRAINT fk_fulfillments_user REFERENCES users (user_id),
    prize_id             BLOB NOT NULL CONSTRAINT fk_fulfillments_prize REFERENCES prizes (prize_id),
    status               TEXT DEFAULT 'pending' NOT NULL
        CONSTRAINT ck_fulfillments_status CHECK (status IN ('pending', 'winner_notified',
            'address_confirmed', 'address_invalid', 'shipped', 'delivered', 'forfeited')),
    shipping_address     JSON TEXT
        CONSTRAINT ck_fulfillments_address_json
        CHECK (shipping_address IS NULL OR json_valid(shipping_address)),
    delivery_email       TEXT,
    address_confirmed_at TIMESTAMP,
    carrier              TEXT,
    tracking_number      TEXT,
    shipped_at           TIMESTAMP,
    delivered_at         TIMESTAMP,
    tax_info_required    BOOLEAN DEFAULT FALSE NOT NULL,
    tax_info_received_at TIMESTAMP,
    notified_at          TIMESTAMP,
    warning_due_at       TIMESTAMP,
    warning_sent_at      TIMESTAMP,
    forfeit_due_at       TIMESTAMP,
    forfeited_at         TIMESTAMP,
    notes                TEXT,
    created_at           TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    updated_at           TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    CONSTRAINT uq_fulfillments_winner UNIQUE (winner_id)
);

CREATE INDEX ix_fulfillments_status ON fulfillments (status, updated_at);

CREATE INDEX ix_fulfillments_deadlines ON fulfillments (status, forfeit_due_at);

CREATE INDEX ix_fulfillments_user ON fulfillments (user_id);
