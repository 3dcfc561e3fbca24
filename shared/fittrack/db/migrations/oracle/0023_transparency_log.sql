-- The public transparency log of drawing events (docs/drawings.md). Entry n stores
-- the canonical JSON it hashes and entry_hash = H(prev_hash || body); appends lock the
-- 'transparency' row of audit_chain_head, so the chain never forks. Rows are never
-- updated or deleted.
CREATE TABLE IF NOT EXISTS transparency_log (
    seq        NUMBER(19) NOT NULL CONSTRAINT pk_transparency_log PRIMARY KEY
        CONSTRAINT ck_transparency_log_seq CHECK (seq >= 1),
    event      VARCHAR2(64) NOT NULL,
    drawing_id RAW(16),
    body       CLOB NOT NULL,
    prev_hash  VARCHAR2(64) NOT NULL
        CONSTRAINT ck_transparency_log_prev CHECK (LENGTH(prev_hash) = 64),
    entry_hash VARCHAR2(64) NOT NULL
        CONSTRAINT ck_transparency_log_hash CHECK (LENGTH(entry_hash) = 64),
    created_at TIMESTAMP NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_transparency_log_drawing ON transparency_log (drawing_id, seq);

CREATE OR REPLACE TRIGGER trg_transparency_log_no_update
BEFORE UPDATE ON transparency_log
BEGIN
    RAISE_APPLICATION_ERROR(-20001, 'the transparency log is append-only');
END;
/

CREATE OR REPLACE TRIGGER trg_transparency_log_no_delete
BEFORE DELETE ON transparency_log
BEGIN
    RAISE_APPLICATION_ERROR(-20001, 'the transparency log is append-only');
END;
/
