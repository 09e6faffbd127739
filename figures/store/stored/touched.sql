-- What a load touches, noted in disagreements_pending in the load's transaction: run before the load
-- replaces its articles' figures and again after, so the groups its figures left and the ones they
-- joined are both found again (refresh.sql). Input: _conflict_loaded(doc_id), the load's articles.
--
-- A group of claims is about one entity (claims.sql: entity_id, else the subject as written), so an
-- entity names every group a figure is in; a bad conversion is about one sentence that holds a dual-unit
-- statement (figures with a "group"), the same sentence in every copy of the story.
INSERT INTO disagreements_pending (entity, sentence)
SELECT DISTINCT
    coalesce(f.entity_id, f.subject) AS entity,
    CASE WHEN f."group" IS NOT NULL THEN f.sentence END AS sentence
FROM figures AS f
WHERE f.doc_id IN (SELECT doc_id FROM _conflict_loaded)
  AND (f.entity_id IS NOT NULL OR f.subject IS NOT NULL OR f."group" IS NOT NULL);
