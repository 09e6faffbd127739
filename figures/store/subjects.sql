-- What the articles say about each subject: one row per (subject, property, dimension, canonical unit),
-- with how many figures and articles, and the span of the values they assert in that unit.
CREATE OR REPLACE VIEW subjects AS
WITH linked AS (
    SELECT *
    FROM figure_sources
    WHERE subject IS NOT NULL
),
summarised AS (
    SELECT
        subject,
        property,
        dimension,
        canonical_unit,
        count(*)                                  AS figures,
        count(DISTINCT doc_id)                    AS documents,
        count(DISTINCT source)                    AS sources,
        min(canonical_low)                        AS lowest,
        max(canonical_high)                       AS highest,
        string_agg(DISTINCT text, ' | ' ORDER BY text) AS as_written
    FROM linked
    GROUP BY subject, property, dimension, canonical_unit
)
SELECT *
FROM summarised
ORDER BY documents DESC, figures DESC, subject, property;
