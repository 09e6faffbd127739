-- Schema 3 to 4: entities merged across articles. figures.name_id keeps the entity as the article alone
-- names it (the entity_id of schema 3), entity_names keeps every such name and the canonical entity it
-- is merged into; the next load runs merges/entities.sql over all of them. Idempotent, so a cut-off
-- upgrade can run again.
ALTER TABLE figures ADD COLUMN IF NOT EXISTS name_id VARCHAR;
UPDATE figures SET name_id = entity_id WHERE name_id IS NULL AND entity_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS entity_names (
    name_id    VARCHAR PRIMARY KEY,
    name       VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,
    aliases    VARCHAR[] NOT NULL,
    entity_id  VARCHAR NOT NULL,
    merge_word VARCHAR
);
-- merge_word stays NULL: the next load computes it and merges every such name
INSERT INTO entity_names BY NAME
SELECT entity_id AS name_id, name, kind, aliases, entity_id FROM entities
ON CONFLICT (name_id) DO NOTHING;
