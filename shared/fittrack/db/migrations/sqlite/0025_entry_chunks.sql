-- The snapshot's Merkle tree kept up at each entry (docs/drawings.md). SQLite mirror of
-- oracle/0025_entry_chunks.sql. Each entry appends its leaf to the drawing's frontier
-- (the subtree roots of the chunk being filled, about one hash an entry), and the entry
-- that completes a chunk of 1,024 stores the chunk's root beside the chain's head at that
-- point, so the close hashes the tree over the chunk roots instead of every node.
-- Drawings entered before this keep entry_count NULL and their close builds the whole tree.
ALTER TABLE drawings ADD COLUMN entry_count INTEGER
    CONSTRAINT ck_drawings_entry_count CHECK (entry_count IS NULL OR entry_count >= 0);

ALTER TABLE drawings ADD COLUMN entries_frontier TEXT
    CONSTRAINT ck_drawings_entries_frontier CHECK (
        entries_frontier IS NULL OR LENGTH(entries_frontier) <= 640
    );

CREATE TABLE drawing_entry_chunks (
    drawing_id  BLOB NOT NULL
        CONSTRAINT fk_drawing_entry_chunks_drawing REFERENCES drawings (drawing_id),
    chunk_index INTEGER NOT NULL CONSTRAINT ck_drawing_entry_chunks_index CHECK (chunk_index >= 0),
    merkle_root TEXT NOT NULL CONSTRAINT ck_drawing_entry_chunks_root CHECK (LENGTH(merkle_root) = 64),
    chain_head  TEXT NOT NULL CONSTRAINT ck_drawing_entry_chunks_head CHECK (LENGTH(chain_head) = 64),
    created_at  TIMESTAMP NOT NULL,
    CONSTRAINT pk_drawing_entry_chunks PRIMARY KEY (drawing_id, chunk_index)
);
