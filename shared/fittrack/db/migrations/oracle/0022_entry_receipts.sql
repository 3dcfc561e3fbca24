-- Entries fixed at purchase (docs/drawings.md). A member's owner salt is drawn at
-- their first entry in a drawing and never changes; every entry extends the
-- drawing's purchase chain, whose head after each entry is the member's receipt.
CREATE TABLE IF NOT EXISTS drawing_owner_salts (
    drawing_id RAW(16) NOT NULL
        CONSTRAINT fk_drawing_owner_salts_drawing REFERENCES drawings (drawing_id),
    user_id    RAW(16) NOT NULL CONSTRAINT fk_drawing_owner_salts_user REFERENCES users (user_id),
    owner_salt VARCHAR2(32) NOT NULL
        CONSTRAINT ck_drawing_owner_salts_salt CHECK (LENGTH(owner_salt) = 32),
    owner_hash VARCHAR2(64) NOT NULL
        CONSTRAINT ck_drawing_owner_salts_hash CHECK (LENGTH(owner_hash) = 64),
    created_at TIMESTAMP NOT NULL,
    CONSTRAINT pk_drawing_owner_salts PRIMARY KEY (drawing_id, user_id),
    CONSTRAINT uq_drawing_owner_salts_hash UNIQUE (drawing_id, owner_hash)
);

ALTER TABLE drawings ADD (
    entries_head VARCHAR2(64)
        CONSTRAINT ck_drawings_entries_head CHECK (entries_head IS NULL OR LENGTH(entries_head) = 64)
);
