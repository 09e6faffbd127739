-- What the conflicts chain reads when a writer finds the disagreements of some keys again (refresh.sql):
-- in the in-memory catalog _figures_conflicts, `figures` and `documents` stand for the store's own
-- (__store__, the file's catalog, filled in by Store._attach_chain) cut to what the keys need, and the
-- chain's view files (figure_sources.sql, claims.sql, claim_clusters.sql, disagreements.sql) then run on
-- them as they are.
--
-- The figures of a key's entity (its entity_id or its subject), and the dual-unit halves of the
-- articles in _conflict_docs: every rule of the chain compares the figures of one entity (its windows
-- are partitioned by the entity or the group), and reads an article's other figures only for the
-- article's own exchange rate (claims.sql article_rates: the money halves of its dual-unit statements)
-- and for bad conversions (the halves of one statement, keyed by sentence). A rule that reads other
-- figures of an article must widen this; tests/test_store_disagreements.py compares the stored rows with
-- the view's. So a bucket holds its entities' figures, not every figure of their articles: with copies
-- of one story, every article names every entity.
CREATE OR REPLACE TEMP TABLE _conflict_docs (doc_id VARCHAR);
CREATE OR REPLACE TEMP TABLE _conflict_keys (entity VARCHAR, sentence VARCHAR);

CREATE OR REPLACE VIEW _figures_conflicts.main.figures AS
SELECT f.*
FROM __store__.main.figures AS f
WHERE f.entity_id IN (SELECT entity FROM temp.main._conflict_keys WHERE entity IS NOT NULL)
   OR f.subject IN (SELECT entity FROM temp.main._conflict_keys WHERE entity IS NOT NULL)
   OR (f."group" IS NOT NULL AND f.doc_id IN (SELECT doc_id FROM temp.main._conflict_docs));

CREATE OR REPLACE VIEW _figures_conflicts.main.documents AS
SELECT d.*
FROM __store__.main.documents AS d
WHERE d.doc_id IN (SELECT doc_id FROM temp.main._conflict_docs);
