-- Verifiable drawings and a hash-chained audit log. SQLite mirror of
-- oracle/0006_sweepstakes_proofs.sql; the ALTER TABLEs come last there too.

-- The ticket snapshot frozen when sales close: blocks in ticket order as
-- [[first, last, ownerHash], ...] (public), their Merkle root and totals.
CREATE TABLE drawing_snapshots (
    drawing_id    BLOB NOT NULL CONSTRAINT pk_drawing_snapshots PRIMARY KEY
        CONSTRAINT fk_drawing_snapshots_drawing REFERENCES drawings (drawing_id),
    merkle_root   TEXT NOT NULL
        CONSTRAINT ck_drawing_snapshots_root CHECK (LENGTH(merkle_root) = 64),
    total_tickets INTEGER NOT NULL CONSTRAINT ck_drawing_snapshots_total CHECK (total_tickets >= 0),
    block_count   INTEGER NOT NULL CONSTRAINT ck_drawing_snapshots_blocks CHECK (block_count >= 0),
    entrant_count INTEGER NOT NULL
        CONSTRAINT ck_drawing_snapshots_entrants CHECK (entrant_count >= 0),
    blocks        JSON TEXT NOT NULL
        CONSTRAINT ck_drawing_snapshots_blocks_json CHECK (json_valid(blocks)),
    taken_at      TIMESTAMP NOT NULL
);

-- Who stands behind each owner hash of a snapshot (private): ownerHash =
-- SHA-256(salt || user id bytes), one random salt per member and drawing.
CREATE TABLE drawing_entrants (
    drawing_id BLOB NOT NULL
        CONSTRAINT fk_drawing_entrants_drawing REFERENCES drawings (drawing_id),
    user_id    BLOB NOT NULL CONSTRAINT fk_drawing_entrants_user REFERENCES users (user_id),
    owner_salt TEXT NOT NULL CONSTRAINT ck_drawing_entrants_salt CHECK (LENGTH(owner_salt) = 32),
    owner_hash TEXT NOT NULL CONSTRAINT ck_drawing_entrants_hash CHECK (LENGTH(owner_hash) = 64),
    tickets    INTEGER NOT NULL CONSTRAINT ck_drawing_entrants_tickets CHECK (tickets >= 1),
    CONSTRAINT pk_drawing_entrants PRIMARY KEY (drawing_id, user_id),
    CONSTRAINT uq_drawing_entrants_hash UNIQUE (drawing_id, owner_hash)
);

-- Free entries (no purchase necessary): one ticket per member and drawing, numbered
-- from the drawing's same counter as purchased blocks.
CREATE TABLE free_entries (
    free_entry_id BLOB NOT NULL CONSTRAINT pk_free_entries PRIMARY KEY,
    drawing_id    BLOB NOT NULL CONSTRAINT fk_free_entries_drawing REFERENCES drawings (drawing_id),
    user_id       BLOB NOT NULL CONSTRAINT fk_free_entries_user REFERENCES users (user_id),
    ticket_number INTEGER NOT NULL CONSTRAINT ck_free_entries_ticket CHECK (ticket_number >= 1),
    created_at    TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    CONSTRAINT uq_free_entries_user UNIQUE (drawing_id, user_id),
    CONSTRAINT uq_free_entries_ticket UNIQUE (drawing_id, ticket_number)
);

CREATE INDEX ix_free_entries_user ON free_entries (user_id, created_at);

-- The head of the audit hash chain: writers lock this row (Oracle FOR UPDATE;
-- SQLite write transactions are serialised) to append the next entry.
CREATE TABLE audit_chain_head (
    chain_name TEXT NOT NULL CONSTRAINT pk_audit_chain_head PRIMARY KEY,
    last_seq   INTEGER NOT NULL CONSTRAINT ck_audit_chain_head_seq CHECK (last_seq >= 0),
    last_hash  TEXT NOT NULL CONSTRAINT ck_audit_chain_head_hash CHECK (LENGTH(last_hash) = 64),
    updated_at TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL
);

-- The secret seed, encrypted (AES-GCM, bound to the drawing id) until the draw
-- reveals it in drawings.seed.
ALTER TABLE drawings ADD COLUMN sealed_seed BLOB;

ALTER TABLE audit_log ADD COLUMN seq INTEGER;

ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;

ALTER TABLE audit_log ADD COLUMN entry_hash TEXT;

CREATE UNIQUE INDEX ux_audit_log_seq ON audit_log (seq);
