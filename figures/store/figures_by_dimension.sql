-- How many figures of each dimension, in how many articles, and how many have a subject.
CREATE OR REPLACE VIEW figures_by_dimension AS
WITH counted AS (
    SELECT
        dimension,
        count(*)                                 AS figures,
        count(DISTINCT doc_id)                   AS documents,
        count(subject)                           AS with_subject,
        count(DISTINCT unit)                     AS units,
        count(*) FILTER (WHERE vague)            AS vague,
        count(range_low)                         AS ranges
    FROM figures
    GROUP BY dimension
)
SELECT *
FROM counted
ORDER BY figures DESC, dimension;
