-- The keys of a refresh (refresh.sql), read once from disagreements_pending: the entities whose groups
-- and the sentences whose bad conversions are found again. The last statement counts the figures they
-- touch, so that Store.refresh_disagreements can split a large refresh into buckets (bucket.sql).
CREATE OR REPLACE TEMP TABLE _conflict_entities AS
SELECT DISTINCT entity FROM disagreements_pending WHERE entity IS NOT NULL;

CREATE OR REPLACE TEMP TABLE _conflict_sentences AS
SELECT DISTINCT sentence FROM disagreements_pending WHERE sentence IS NOT NULL;

SELECT count(*)
FROM figures AS f
WHERE f.entity_id IN (SELECT entity FROM _conflict_entities)
   OR f.subject IN (SELECT entity FROM _conflict_entities)
   OR (f."group" IS NOT NULL AND f.sentence IN (SELECT sentence FROM _conflict_sentences));
