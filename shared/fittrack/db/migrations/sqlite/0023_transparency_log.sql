-- The public transparency log of drawing events (docs/drawings.md). SQLite mirror of
-- oracle/0023_transparency_log.sql. Entry n stores the canonical JSON it hashes and
-- entry_hash = H(prev_hash || body); appends lock the 'transparency' row of
-- audit_chain_head, so the chain never forks. Rows are never updated or deleted.
CREATE TABLE transparency_log (
    seq        INTEGER NOT NULL CONSTRAINT pk_transparency_log PRIMARY KEY
        CONSTRAINT ck_transparency_log_seq CHECK (seq >= 1),
    event      TEXT NOT NULL,
    drawing_id BLOB,
    body       TEXT NOT NULL,
    prev_hash  TEXT NOT NULL CONSTRAINT ck_transparency_log_prev CHECK (LENGTH(prev_hash) = 64),
    entry_hash TEXT NOT NULL CONSTRAINT ck_transparency_log_hash CHECK (LENGTH(entry_hash) = 64),
    created_at TIMESTAMP NOT NULL
);

CREATE INDEX ix_transparency_log_drawing ON transparency_log (drawing_id, seq);

CREATE TRIGGER trg_transparency_log_no_update BEFORE UPDATE ON transparency_log
BEGIN
    SELECT RAISE(ABORT, 'the transparency log is append-only');
END;
/

CREATE TRIGGER trg_transparency_log_no_delete BEFORE DELETE ON transparency_log
BEGIN
    SELECT RAISE(ABORT, 'the transparency log is append-only');
END;
/
