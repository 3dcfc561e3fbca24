-- Drawings seeded by the drand beacon (algorithm fittrack-draw-v2, docs/drawings.md).
-- The chain and round are fixed when the drawing opens; the round's signature (hex)
-- is stored once verified, and drawings.seed then holds its randomness,
-- SHA-256(signature).
ALTER TABLE drawings ADD (
    beacon_chain_hash VARCHAR2(64)
        CONSTRAINT ck_drawings_beacon_chain_hash
            CHECK (beacon_chain_hash IS NULL OR LENGTH(beacon_chain_hash) = 64)
);

ALTER TABLE drawings ADD (
    beacon_round NUMBER(19)
        CONSTRAINT ck_drawings_beacon_round CHECK (beacon_round IS NULL OR beacon_round > 0)
);

ALTER TABLE drawings ADD (beacon_signature VARCHAR2(192));

ALTER TABLE drawings ADD (beacon_previous_signature VARCHAR2(192));

-- The official terms committed to at opening, byte for byte as hashed into
-- seed_commitment (canonical JSON), so later edits can never change what was promised.
ALTER TABLE drawings ADD (terms CLOB);
