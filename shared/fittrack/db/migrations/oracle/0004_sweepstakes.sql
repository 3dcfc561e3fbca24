-- Sponsors, drawings and their templates, prizes, tickets, winners, fulfillment,
-- plus the drawing_prizes_dv duality view.

CREATE TABLE IF NOT EXISTS sponsors (
    sponsor_id    RAW(16) NOT NULL CONSTRAINT pk_sponsors PRIMARY KEY,
    name          VARCHAR2(200 CHAR) NOT NULL,
    contact_name  VARCHAR2(200 CHAR),
    contact_email VARCHAR2(320 CHAR),
    contact_phone VARCHAR2(32),
    website_url   VARCHAR2(1000),
    logo_url      VARCHAR2(1000),
    status        VARCHAR2(16) DEFAULT 'active' NOT NULL
        CONSTRAINT ck_sponsors_status CHECK (status IN ('active', 'inactive')),
    created_at    TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    updated_at    TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_sponsors_status ON sponsors (status, name);

-- What recurring drawings are made from; prizes holds the prize definitions
-- copied into each new drawing.
CREATE TABLE IF NOT EXISTS drawing_templates (
    template_id        RAW(16) NOT NULL CONSTRAINT pk_drawing_templates PRIMARY KEY,
    name               VARCHAR2(200 CHAR) NOT NULL,
    drawing_type       VARCHAR2(8) NOT NULL
        CONSTRAINT ck_drawing_templates_drawing_type
        CHECK (drawing_type IN ('daily', 'weekly', 'monthly', 'annual')),
    description        VARCHAR2(4000 CHAR),
    ticket_cost_points INTEGER NOT NULL
        CONSTRAINT ck_drawing_templates_cost CHECK (ticket_cost_points > 0),
    eligibility        JSON NOT NULL,
    prizes             JSON NOT NULL,
    is_active          BOOLEAN DEFAULT TRUE NOT NULL,
    created_by         RAW(16)
        CONSTRAINT fk_drawing_templates_created_by REFERENCES users (user_id) ON DELETE SET NULL,
    created_at         TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    updated_at         TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_drawing_templates_active ON drawing_templates (is_active, drawing_type);

-- seed_commitment is the SHA-256 (hex) of the secret seed, published at opening;
-- seed is revealed at draw time. Tickets are numbered 1..total_tickets and
-- next_ticket_number is always total_tickets + 1. A drawing made from a template
-- carries the period it was made for, once: UNIQUE (template_id, period_key).
CREATE TABLE IF NOT EXISTS drawings (
    drawing_id         RAW(16) NOT NULL CONSTRAINT pk_drawings PRIMARY KEY,
    drawing_type       VARCHAR2(8) NOT NULL
        CONSTRAINT ck_drawings_drawing_type
        CHECK (drawing_type IN ('daily', 'weekly', 'monthly', 'annual')),
    status             VARCHAR2(16) DEFAULT 'draft' NOT NULL
        CONSTRAINT ck_drawings_status
        CHECK (status IN ('draft', 'scheduled', 'open', 'closed', 'completed', 'cancelled')),
    name               VARCHAR2(200 CHAR) NOT NULL,
    description        VARCHAR2(4000 CHAR),
    ticket_cost_points INTEGER NOT NULL
        CONSTRAINT ck_drawings_cost CHECK (ticket_cost_points > 0),
    opens_at           TIMESTAMP,
    sales_close_time   TIMESTAMP NOT NULL,
    drawing_time       TIMESTAMP NOT NULL,
    eligibility        JSON NOT NULL,
    seed_commitment    VARCHAR2(64)
        CONSTRAINT ck_drawings_seed_commitment CHECK (LENGTH(seed_commitment) = 64),
    seed               VARCHAR2(128),
    snapshot_root      VARCHAR2(64),
    snapshot_taken_at  TIMESTAMP,
    total_tickets      INTEGER DEFAULT 0 NOT NULL,
    next_ticket_number INTEGER DEFAULT 1 NOT NULL,
    algorithm          VARCHAR2(64),
    executed_at        TIMESTAMP,
    cancelled_at       TIMESTAMP,
    cancel_reason      VARCHAR2(500 CHAR),
    template_id        RAW(16)
        CONSTRAINT fk_drawings_template REFERENCES drawing_templates (template_id),
    period_key         VARCHAR2(10),
    created_by         RAW(16)
        CONSTRAINT fk_drawings_created_by REFERENCES users (user_id) ON DELETE SET NULL,
    created_at         TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    updated_at         TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    CONSTRAINT uq_drawings_template_period UNIQUE (template_id, period_key),
    CONSTRAINT ck_drawings_times CHECK (sales_close_time <= drawing_time),
    CONSTRAINT ck_drawings_tickets
        CHECK (total_tickets >= 0 AND next_ticket_number = total_tickets + 1),
    CONSTRAINT ck_drawings_seed CHECK (seed IS NULL OR seed_commitment IS NOT NULL),
    CONSTRAINT ck_drawings_template_period CHECK (
        (template_id IS NULL AND period_key IS NULL)
        OR (template_id IS NOT NULL AND period_key IS NOT NULL))
);

CREATE INDEX IF NOT EXISTS ix_drawings_status_time ON drawings (status, drawing_time);

CREATE INDEX IF NOT EXISTS ix_drawings_type_time ON drawings (drawing_type, drawing_time);

-- Same expression as dialect.json_value('eligibility', '$.user_type').
CREATE INDEX IF NOT EXISTS ix_drawings_user_type
    ON drawings (JSON_VALUE(eligibility, '$.user_type'));

CREATE TABLE IF NOT EXISTS prizes (
    prize_id         RAW(16) NOT NULL CONSTRAINT pk_prizes PRIMARY KEY,
    drawing_id       RAW(16) NOT NULL
        CONSTRAINT fk_prizes_drawing REFERENCES drawings (drawing_id) ON DELETE CASCADE,
    rank             INTEGER NOT NULL CONSTRAINT ck_prizes_rank CHECK (rank >= 1),
    name             VARCHAR2(200 CHAR) NOT NULL,
    description      VARCHAR2(4000 CHAR),
    value_usd        NUMBER(10, 2) NOT NULL CONSTRAINT ck_prizes_value CHECK (value_usd >= 0),
    quantity         INTEGER DEFAULT 1 NOT NULL CONSTRAINT ck_prizes_quantity CHECK (quantity >= 1),
    fulfillment_type VARCHAR2(8) NOT NULL
        CONSTRAINT ck_prizes_fulfillment_type CHECK (fulfillment_type IN ('digital', 'physical')),
    sponsor_id       RAW(16) CONSTRAINT fk_prizes_sponsor REFERENCES sponsors (sponsor_id),
    image_url        VARCHAR2(1000),
    created_at       TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    updated_at       TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    CONSTRAINT uq_prizes_drawing_rank UNIQUE (drawing_id, rank)
);

CREATE INDEX IF NOT EXISTS ix_prizes_sponsor ON prizes (sponsor_id);

-- One row per purchase: a contiguous block of ticket numbers.
CREATE TABLE IF NOT EXISTS ticket_blocks (
    block_id            RAW(16) NOT NULL CONSTRAINT pk_ticket_blocks PRIMARY KEY,
    drawing_id          RAW(16) NOT NULL
        CONSTRAINT fk_ticket_blocks_drawing REFERENCES drawings (drawing_id),
    user_id             RAW(16) NOT NULL
        CONSTRAINT fk_ticket_blocks_user REFERENCES users (user_id),
    first_ticket_number INTEGER NOT NULL
        CONSTRAINT ck_ticket_blocks_first CHECK (first_ticket_number >= 1),
    last_ticket_number  INTEGER NOT NULL,
    quantity            INTEGER NOT NULL CONSTRAINT ck_ticket_blocks_quantity CHECK (quantity >= 1),
    points_spent        INTEGER NOT NULL CONSTRAINT ck_ticket_blocks_points CHECK (points_spent > 0),
    ledger_entry_id     RAW(16) NOT NULL
        CONSTRAINT fk_ticket_blocks_ledger_entry REFERENCES point_ledger (entry_id),
    purchased_at        TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    refunded_at         TIMESTAMP,
    CONSTRAINT uq_ticket_blocks_first UNIQUE (drawing_id, first_ticket_number),
    CONSTRAINT uq_ticket_blocks_ledger_entry UNIQUE (ledger_entry_id),
    CONSTRAINT ck_ticket_blocks_range
        CHECK (last_ticket_number = first_ticket_number + quantity - 1)
);

CREATE INDEX IF NOT EXISTS ix_ticket_blocks_drawing_user ON ticket_blocks (drawing_id, user_id);

CREATE INDEX IF NOT EXISTS ix_ticket_blocks_user ON ticket_blocks (user_id, purchased_at);

-- A member wins at most one prize per drawing, forfeited or not: a redraw skips
-- everyone already listed for the drawing. draw_index is the winner's position
-- in the deterministic selection, so re-running a draw cannot add rows.
CREATE TABLE IF NOT EXISTS drawing_winners (
    winner_id          RAW(16) NOT NULL CONSTRAINT pk_drawing_winners PRIMARY KEY,
    drawing_id         RAW(16) NOT NULL
        CONSTRAINT fk_drawing_winners_drawing REFERENCES drawings (drawing_id),
    prize_id           RAW(16) NOT NULL
        CONSTRAINT fk_drawing_winners_prize REFERENCES prizes (prize_id),
    user_id            RAW(16) NOT NULL
        CONSTRAINT fk_drawing_winners_user REFERENCES users (user_id),
    ticket_number      INTEGER NOT NULL
        CONSTRAINT ck_drawing_winners_ticket CHECK (ticket_number >= 1),
    draw_index         INTEGER NOT NULL CONSTRAINT ck_drawing_winners_index CHECK (draw_index >= 0),
    status             VARCHAR2(16) DEFAULT 'awarded' NOT NULL
        CONSTRAINT ck_drawing_winners_status CHECK (status IN ('awarded', 'held', 'forfeited')),
    selected_at        TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    notified_at        TIMESTAMP,
    forfeited_at       TIMESTAMP,
    forfeit_reason     VARCHAR2(500 CHAR),
    replaces_winner_id RAW(16)
        CONSTRAINT fk_drawing_winners_replaces REFERENCES drawing_winners (winner_id),
    CONSTRAINT uq_drawing_winners_user UNIQUE (drawing_id, user_id),
    CONSTRAINT uq_drawing_winners_index UNIQUE (drawing_id, draw_index)
);

CREATE INDEX IF NOT EXISTS ix_drawing_winners_user ON drawing_winners (user_id, selected_at);

CREATE INDEX IF NOT EXISTS ix_drawing_winners_prize ON drawing_winners (prize_id);

CREATE TABLE IF NOT EXISTS fulfillments (
    fulfillment_id       RAW(16) NOT NULL CONSTRAINT pk_fulfillments PRIMARY KEY,
    winner_id            RAW(16) NOT NULL
        CONSTRAINT fk_fulfillments_winner REFERENCES drawing_winners (winner_id),
    user_id              RAW(16) NOT NULL
        CONSTRAINT fk_fulfillments_user REFERENCES users (user_id),
    prize_id             RAW(16) NOT NULL
        CONSTRAINT fk_fulfillments_prize REFERENCES prizes (prize_id),
    status               VARCHAR2(20) DEFAULT 'pending' NOT NULL
        CONSTRAINT ck_fulfillments_status CHECK (status IN ('pending', 'winner_notified',
            'address_confirmed', 'address_invalid', 'shipped', 'delivered', 'forfeited')),
    shipping_address     JSON,
    delivery_email       VARCHAR2(320 CHAR),
    address_confirmed_at TIMESTAMP,
    carrier              VARCHAR2(64),
    tracking_number      VARCHAR2(128),
    shipped_at           TIMESTAMP,
    delivered_at         TIMESTAMP,
    tax_info_required    BOOLEAN DEFAULT FALSE NOT NULL,
    tax_info_received_at TIMESTAMP,
    notified_at          TIMESTAMP,
    warning_due_at       TIMESTAMP,
    warning_sent_at      TIMESTAMP,
    forfeit_due_at       TIMESTAMP,
    forfeited_at         TIMESTAMP,
    notes                VARCHAR2(4000 CHAR),
    created_at           TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    updated_at           TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    CONSTRAINT uq_fulfillments_winner UNIQUE (winner_id)
);

CREATE INDEX IF NOT EXISTS ix_fulfillments_status ON fulfillments (status, updated_at);

CREATE INDEX IF NOT EXISTS ix_fulfillments_deadlines ON fulfillments (status, forfeit_due_at);

CREATE INDEX IF NOT EXISTS ix_fulfillments_user ON fulfillments (user_id);

-- The public drawing document: the drawing with its prizes and their sponsors
-- (read-only). The secret seed is left out until it is revealed elsewhere.
CREATE OR REPLACE JSON RELATIONAL DUALITY VIEW drawing_prizes_dv AS
SELECT JSON {
    '_id'              : d.drawing_id,
    'name'             : d.name,
    'drawingType'      : d.drawing_type,
    'status'           : d.status,
    'description'      : d.description,
    'ticketCostPoints' : d.ticket_cost_points,
    'opensAt'          : d.opens_at,
    'salesCloseTime'   : d.sales_close_time,
    'drawingTime'      : d.drawing_time,
    'eligibility'      : d.eligibility,
    'totalTickets'     : d.total_tickets,
    'seedCommitment'   : d.seed_commitment,
    'snapshotRoot'     : d.snapshot_root,
    'prizes'           : [
        SELECT JSON {
            'prizeId'         : p.prize_id,
            'rank'            : p.rank,
            'name'            : p.name,
            'description'     : p.description,
            'valueUsd'        : p.value_usd,
            'quantity'        : p.quantity,
            'fulfillmentType' : p.fulfillment_type,
            'imageUrl'        : p.image_url,
            'sponsor'         : (
                SELECT JSON {
                    'sponsorId'  : s.sponsor_id,
                    'name'       : s.name,
                    'logoUrl'    : s.logo_url,
                    'websiteUrl' : s.website_url
                }
                FROM sponsors s
                WHERE s.sponsor_id = p.sponsor_id
            )
        }
        FROM prizes p
        WHERE p.drawing_id = d.drawing_id
    ]
}
FROM drawings d;
