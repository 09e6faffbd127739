-- Bring the stored disagreements of the keys in _conflict_keys (entity, sentence: bucket.sql) up to date,
-- in the caller's transaction (Store.refresh_disagreements, once per bucket of what loads noted in
-- disagreements_pending).
--
-- The chain runs on the articles that hold a figure of a key's entity (as its entity_id or its subject:
-- a superset of the claims with that entity) or a key's sentence with a dual-unit statement. Those
-- articles hold every figure of each key's groups and of each key sentence's copies, and the chain
-- reads whole articles (an article's own exchange rate), so the disagreements it finds for the keys
-- are the ones the whole store gives; the rest of what it finds is left alone. It runs in the
-- in-memory catalog _figures_conflicts, where `figures` and `documents` are the store's rows of the
-- articles in _conflict_docs and the chain's view files are run as they are (Store._attach_chain).
DELETE FROM _conflict_docs;

INSERT INTO _conflict_docs
SELECT DISTINCT f.doc_id
FROM figures AS f
WHERE f.entity_id IN (SELECT entity FROM _conflict_keys WHERE entity IS NOT NULL)
   OR f.subject IN (SELECT entity FROM _conflict_keys WHERE entity IS NOT NULL)
   OR (f."group" IS NOT NULL AND f.sentence IN (SELECT sentence FROM _conflict_keys WHERE sentence IS NOT NULL));

-- a group's disagreement is the entity's; a bad conversion is its sentence's
DELETE FROM disagreements
WHERE CASE WHEN kind = 'bad_conversion'
           THEN clusters[1].figures[1].sentence IN (SELECT sentence FROM _conflict_keys WHERE sentence IS NOT NULL)
           ELSE entity IN (SELECT entity FROM _conflict_keys WHERE entity IS NOT NULL) END;

INSERT INTO disagreements BY NAME
SELECT found.*
FROM _figures_conflicts.main.live_disagreements AS found
WHERE CASE WHEN found.kind = 'bad_conversion'
           THEN found.clusters[1].figures[1].sentence IN (SELECT sentence FROM _conflict_keys WHERE sentence IS NOT NULL)
           ELSE found.entity IN (SELECT entity FROM _conflict_keys WHERE entity IS NOT NULL) END;

DELETE FROM _conflict_docs;
