-- The tables figures loads into, at the current schema version (database.SCHEMA_VERSION); an older
-- file gets upgrades/N.sql instead, so a column added here goes at the end of its table and into an
-- upgrade too. What each column means is in schema.md (the COMMENTs and the README's schema section).
-- Views live in the other *.sql files of this folder.
-- Names follow the Python types (figures.model) so that a column means what the field means;
-- "end" and "group" are SQL keywords: quote them in queries (f."end", f."group").

CREATE TABLE IF NOT EXISTS schema_version (
    version         INTEGER NOT NULL,
    applied         TIMESTAMP NOT NULL,
    figures_version VARCHAR NOT NULL,
    views           VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    doc_id  VARCHAR PRIMARY KEY,
    title   VARCHAR,
    source  VARCHAR,
    date    DATE,
    url     VARCHAR,
    path    VARCHAR,
    line    INTEGER,
    text    VARCHAR NOT NULL,
    run_id  VARCHAR,
    text_hash VARCHAR
);

CREATE TABLE IF NOT EXISTS figures (
    -- ordinal tells apart figures that share a span, so that loading the same document again gives
    -- the same ids (and replaces, never duplicates)
    figure_id        VARCHAR PRIMARY KEY,
    doc_id           VARCHAR NOT NULL,
    ordinal          INTEGER NOT NULL,
    start            INTEGER NOT NULL,
    "end"            INTEGER NOT NULL,
    text             VARCHAR NOT NULL,
    value            DOUBLE,
    range_low        DOUBLE,
    range_high       DOUBLE,
    unit             VARCHAR NOT NULL,
    unit_text        VARCHAR,
    noun             VARCHAR,
    qualifier        VARCHAR,
    low              DOUBLE,
    high             DOUBLE,
    vague            BOOLEAN NOT NULL,
    step             DOUBLE,
    "group"          VARCHAR,
    dimension        VARCHAR NOT NULL,
    sentence         VARCHAR NOT NULL,
    sentence_start   INTEGER NOT NULL,
    canonical_unit   VARCHAR,
    canonical_value  DOUBLE,
    canonical_low    DOUBLE,
    canonical_high   DOUBLE,
    usd_low          DOUBLE,
    usd_high         DOUBLE,
    fx_rate          DOUBLE,
    fx_date          DATE,
    fx_note          VARCHAR,
    subject          VARCHAR,
    subject_text     VARCHAR,
    property         VARCHAR,
    property_text    VARCHAR,
    claimant         VARCHAR,
    time_scope       VARCHAR,
    extra            JSON,
    -- added by schema version 2 (upgrades/2.sql), hence last; entity_id has no FOREIGN KEY: DuckDB's
    -- keys would forbid the entity upserts, so Store.load checks it instead
    time_start       DATE,
    time_end         DATE,
    entity_id        VARCHAR,
    -- added by schema version 4 (upgrades/4.sql): the entity as the figure's article alone names it;
    -- entity_id is that name merged across the store (merges/entities.sql)
    name_id          VARCHAR
);

CREATE TABLE IF NOT EXISTS entities (
    entity_id  VARCHAR PRIMARY KEY,
    name       VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,
    aliases    VARCHAR[] NOT NULL
);

-- every name_id the linker gave, and the canonical entity (entities.entity_id) it is merged into
CREATE TABLE IF NOT EXISTS entity_names (
    name_id    VARCHAR PRIMARY KEY,
    name       VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,
    aliases    VARCHAR[] NOT NULL,
    entity_id  VARCHAR NOT NULL,
    merge_word VARCHAR
);

CREATE TABLE IF NOT EXISTS runs (
    run_id     VARCHAR PRIMARY KEY,
    started    TIMESTAMP NOT NULL,
    finished   TIMESTAMP,
    version    VARCHAR NOT NULL,
    paths      VARCHAR[] NOT NULL,
    documents  INTEGER NOT NULL,
    figures    INTEGER NOT NULL,
    problems   INTEGER NOT NULL,
    messages   VARCHAR[] NOT NULL
);

-- what loads changed since the stored disagreements were last brought up to date (stored/refresh.sql):
-- an entity whose groups, or a dual-unit statement's sentence whose bad conversions, must be found
-- again; `everything` after a write by hand (figures query --write)
CREATE TABLE IF NOT EXISTS disagreements_pending (
    entity      VARCHAR,
    sentence    VARCHAR,
    everything  BOOLEAN NOT NULL DEFAULT false
);
