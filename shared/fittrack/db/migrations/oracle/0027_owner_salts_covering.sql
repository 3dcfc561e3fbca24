-- The close reads every member's owner salt in a drawing (docs/drawings.md, "Numbers").
-- Through the primary key each row is an index probe and a table access by rowid; this
-- index holds what the close reads, so the read is an index range scan alone. One more
-- index entry per member's first entry into a drawing, not per purchase.
CREATE INDEX IF NOT EXISTS ix_drawing_owner_salts_salt
    ON drawing_owner_salts (drawing_id, user_id, owner_salt);
