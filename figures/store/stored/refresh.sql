-- Bring the stored disagreements of the keys in _conflict_keys (entity, sentence: bucket.sql) up to date,
-- in the caller's transaction (Store.refresh_disagreements, once per bucket of what loads noted in
-- disagreements_pending).
--
-- _conflict_docs: the articles that hold a figure of a key's entity (as its entity_id or its subject: a
-- superset of the claims with that entity) or a key's sentence with a dual-unit statement. The chain
-- then runs in the in-memory catalog _figures_conflicts on the keys' figures and those articles'
-- dual-unit halves (chain.sql): every figure of each key's groups, of each key sentence's copies, and
-- what an article's own exchange rate is read from. So the disagreements it finds for the keys are the
-- ones the whole store gives; the rest of what it finds (groups of other entities whose figures are not
-- all there) is left alone.
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
