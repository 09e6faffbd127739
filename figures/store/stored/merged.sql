-- The entities the entity merge (merges/entities.sql) moved names between, noted in
-- disagreements_pending: figures of articles this load does not touch changed entity, so both the
-- entity they left and the one they joined have their groups found again. Input: _entity_changed
-- (name_id, entity_id, was), made by the merge of this load.
INSERT INTO disagreements_pending (entity)
SELECT entity_id FROM _entity_changed
UNION
SELECT was FROM _entity_changed WHERE was IS NOT NULL;
