-- Entries fixed at purchase (docs/drawings.md). SQLite mirror of
-- oracle/0022_entry_receipts.sql. A member's owner salt is drawn at their first entry
-- in a drawing and never changes; every entry extends the drawing's purchase chain,
-- whose head after each entry is the member's receipt.
CREATE TABLE drawing_owner_salts (
    drawing_id BLOB NOT NULL
        CONSTRAINT fk_drawing_owner_salts_drawing REFERENCES drawings (drawing_id),
    user_id    BLOB NOT NULL CONSTRAINT fk_drawing_owner_salts_user REFERENCES users (user_id),
    owner_salt TEXT NOT NULL CONSTRAINT ck_drawing_owner_salts_salt CHECK (LENGTH(owner_salt) = 32),
    owner_hash TEXT NOT NULL CONSTRAINT ck_drawing_owner_salts_hash CHECK (LENGTH(owner_hash) = 64),
    created_at TIMESTAMP NOT NULL,
    CONSTRAINT pk_drawing_owner_salts PRIMARY KEY (drawing_id, user_id),
    CONSTRAINT uq_drawing_owner_salts_hash UNIQUE (drawing_id, owner_hash)
);

ALTER TABLE drawings ADD COLUMN entries_head TEXT
    CONSTRAINT ck_drawings_entries_head CHECK (entries_head IS NULL OR LENGTH(entries_head) = 64);
