-- The close reads every member's owner salt in a drawing (docs/drawings.md, "Numbers").
-- SQLite mirror of oracle/0027_owner_salts_covering.sql. Through the primary key each
-- of 100,000 rows cost an index probe and a table lookup (0.26-0.30 s); this index
-- holds what the close reads, so it reads the index alone (0.085 s). One more index
-- entry per member's first entry into a drawing, not per purchase.
CREATE INDEX ix_drawing_owner_salts_salt ON drawing_owner_salts (drawing_id, user_id, owner_salt);
