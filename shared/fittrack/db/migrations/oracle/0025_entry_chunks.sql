-- The snapshot's Merkle tree kept up at each entry (docs/drawings.md). Each entry
-- appends its leaf to the drawing's frontier (the subtree roots of the chunk being
-- filled, about one hash an entry), and the entry that completes a chunk of 1,024 stores
-- the chunk's root beside the chain's head at that point, so the close hashes the tree
-- over the chunk roots instead of every node. Drawings entered before this keep
-- entry_count NULL and their close builds the whole tree.
ALTER TABLE drawings ADD (
    entry_count NUMBER(10)
        CONSTRAINT ck_drawings_entry_count CHECK (entry_count IS NULL OR entry_count >= 0)
);

ALTER TABLE drawings ADD (
    entries_frontier VARCHAR2(640)
        CONSTRAINT ck_drawings_entries_frontier CHECK (
            entries_frontier IS NULL OR LENGTH(entries_frontier) <= 640
        )
);

CREATE TABLE IF NOT EXISTS drawing_entry_chunks (
    drawing_id  RAW(16) NOT NULL
        CONSTRAINT fk_drawing_entry_chunks_drawing REFERENCES drawings (drawing_id),
    chunk_index NUMBER(10) NOT NULL CONSTRAINT ck_drawing_entry_chunks_index CHECK (chunk_index >= 0),
    merkle_root VARCHAR2(64) NOT NULL
        CONSTRAINT ck_drawing_entry_chunks_root CHECK (LENGTH(merkle_root) = 64),
    chain_head  VARCHAR2(64) NOT NULL
        CONSTRAINT ck_drawing_entry_chunks_head CHECK (LENGTH(chain_head) = 64),
    created_at  TIMESTAMP NOT NULL,
    CONSTRAINT pk_drawing_entry_chunks PRIMARY KEY (drawing_id, chunk_index)
);
