-- A drawing's entrants are its owner salts (docs/drawings.md). Every member's salt is
-- drawn at their first entry, so the close no longer copies 100,000 salts into drawing_entrants (the largest
-- write of a 1,000,000-block close); the salts a fittrack-draw-v1 close drew for older
-- entries move over, and tickets held are counted from the blocks.
INSERT INTO drawing_owner_salts (drawing_id, user_id, owner_salt, owner_hash, created_at)
SELECT e.drawing_id, e.user_id, e.owner_salt, e.owner_hash, s.taken_at
FROM drawing_entrants e
JOIN drawing_snapshots s ON s.drawing_id = e.drawing_id
WHERE NOT EXISTS (
    SELECT 1 FROM drawing_owner_salts o WHERE o.drawing_id = e.drawing_id AND o.user_id = e.user_id
);

DROP TABLE IF EXISTS drawing_entrants;
