-- Schema 1 (the tables of figures before versioning) to 2: a figure's time scope as dates and its
-- entity; the entities table; schema_version. Idempotent, so a cut-off upgrade can run again.
ALTER TABLE figures ADD COLUMN IF NOT EXISTS time_start DATE;
ALTER TABLE figures ADD COLUMN IF NOT EXISTS time_end DATE;
ALTER TABLE figures ADD COLUMN IF NOT EXISTS entity_id VARCHAR;

CREATE TABLE IF NOT EXISTS entities (
    entity_id  VARCHAR PRIMARY KEY,
    name       VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,
    aliases    VARCHAR[] NOT NULL
);

CREATE TABLE IF NOT EXISTS schema_version (
    version         INTEGER NOT NULL,
    applied         TIMESTAMP NOT NULL,
    figures_version VARCHAR NOT NULL,
    views           VARCHAR NOT NULL
);
