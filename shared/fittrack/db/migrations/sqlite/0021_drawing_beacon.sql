-- Drawings seeded by the drand beacon (algorithm fittrack-draw-v2, docs/drawings.md).
-- SQLite mirror of oracle/0021_drawing_beacon.sql. The chain and round are fixed
-- when the drawing opens; the round's signature (hex) is stored once verified, and
-- drawings.seed then holds its randomness, SHA-256(signature).
ALTER TABLE drawings ADD COLUMN beacon_chain_hash TEXT
    CONSTRAINT ck_drawings_beacon_chain_hash
        CHECK (beacon_chain_hash IS NULL OR LENGTH(beacon_chain_hash) = 64);

ALTER TABLE drawings ADD COLUMN beacon_round INTEGER
    CONSTRAINT ck_drawings_beacon_round CHECK (beacon_round IS NULL OR beacon_round > 0);

ALTER TABLE drawings ADD COLUMN beacon_signature TEXT;

ALTER TABLE drawings ADD COLUMN beacon_previous_signature TEXT;

-- The official terms committed to at opening, byte for byte as hashed into
-- seed_commitment (canonical JSON), so later edits can never change what was promised.
ALTER TABLE drawings ADD COLUMN terms TEXT;
