-- The tables of figures before schema versioning (schema version 1, commit a23b6cf): a file made by
-- that figures, for the upgrade tests.
-- The tables figures loads into. Views live in the other *.sql files of this folder.
-- Names follow the Python types (figures.model) so that a column means what the field means;
-- "end" and "group" are SQL keywords: quote them in queries (f."end", f."group").

CREATE TABLE IF NOT EXISTS documents (
    doc_id  VARCHAR PRIMARY KEY,     -- the given id, else the first 16 hex digits of the text's SHA-256
    title   VARCHAR,
    source  VARCHAR,
    date    DATE,
    url     VARCHAR,
    path    VARCHAR,                 -- the file it was read from
    line    INTEGER,                 -- 1-based line of that file where the article starts
    text    VARCHAR NOT NULL,        -- every figure's offsets refer to this text
    run_id  VARCHAR                  -- the run that loaded it last
);

CREATE TABLE IF NOT EXISTS figures (
    -- doc_id:start:end:ordinal; ordinal tells apart figures that share a span, so that loading the
    -- same document again gives the same ids (and replaces, never duplicates)
    figure_id        VARCHAR PRIMARY KEY,
    doc_id           VARCHAR NOT NULL,
    ordinal          INTEGER NOT NULL,
    start            INTEGER NOT NULL,   -- documents.text[start:end] = text (Python offsets)
    "end"            INTEGER NOT NULL,
    text             VARCHAR NOT NULL,
    value            DOUBLE,             -- NULL for an explicit range
    range_low        DOUBLE,             -- Figure.range, for "between 930 and 1,550 miles"
    range_high       DOUBLE,
    unit             VARCHAR NOT NULL,   -- Pint-parsable; 'count' for counts of things, '' for a bare number
    unit_text        VARCHAR,
    noun             VARCHAR,
    qualifier        VARCHAR,
    low              DOUBLE,             -- the interval the figure asserts, in unit
    high             DOUBLE,
    vague            BOOLEAN NOT NULL,
    step             DOUBLE,             -- the rounding step the writer used
    "group"          VARCHAR,            -- shared by the halves of one statement
    dimension        VARCHAR NOT NULL,
    sentence         VARCHAR NOT NULL,
    sentence_start   INTEGER NOT NULL,
    canonical_unit   VARCHAR,
    canonical_value  DOUBLE,
    canonical_low    DOUBLE,
    canonical_high   DOUBLE,
    usd_low          DOUBLE,
    usd_high         DOUBLE,
    fx_rate          DOUBLE,             -- USD per unit of the figure's currency
    fx_date          DATE,
    fx_note          VARCHAR,
    subject          VARCHAR,
    subject_text     VARCHAR,
    property         VARCHAR,
    property_text    VARCHAR,
    claimant         VARCHAR,
    time_scope       VARCHAR,
    extra            JSON
);

CREATE TABLE IF NOT EXISTS runs (
    run_id     VARCHAR PRIMARY KEY,
    started    TIMESTAMP NOT NULL,
    finished   TIMESTAMP,                -- NULL while loading, or if the run was cut off
    version    VARCHAR NOT NULL,         -- figures.__version__
    paths      VARCHAR[] NOT NULL,
    documents  INTEGER NOT NULL,         -- articles loaded so far
    figures    INTEGER NOT NULL,
    problems   INTEGER NOT NULL,         -- inputs skipped
    messages   VARCHAR[] NOT NULL        -- what was skipped: "file:line: message"
);
