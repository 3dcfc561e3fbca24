-- A frozen snapshot's blocks packed in one BLOB (docs/drawings.md, "Stored snapshot").
-- SQLite mirror of oracle/0026_packed_snapshots.sql. A 1,000,000-block snapshot as JSON
-- lists is some 22 MB of text to encode, write and parse again at every read; packed it
-- is 11 MB of fixed-width numbers. Snapshots frozen before this keep block_data NULL and
-- their blocks in the JSON document.
ALTER TABLE drawing_snapshots ADD COLUMN block_data BLOB;
