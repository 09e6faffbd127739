-- Figures per article: how many figures each article holds, of which dimensions, how many are linked
-- to a subject, and how many of its figures are in a conflict.
WITH in_conflict AS (
    SELECT figure_id FROM clustered_claims WHERE clusters > 1
    UNION
    SELECT c.figures[1].figure_id FROM disagreements AS d, unnest(d.clusters) AS u(c)
    WHERE d.kind = 'bad_conversion'
)
SELECT
    d.title,
    d.source,
    d.date,
    count(f.figure_id)                                         AS figures,
    count(f.subject)                                           AS with_subject,
    count(DISTINCT c.figure_id)                                AS in_conflicts,
    string_agg(DISTINCT f.dimension, ', ' ORDER BY f.dimension) AS dimensions,
    d.doc_id
FROM documents AS d
LEFT JOIN figures AS f USING (doc_id)
LEFT JOIN in_conflict AS c ON c.figure_id = f.figure_id
GROUP BY d.doc_id, d.title, d.source, d.date
ORDER BY figures DESC, d.title;
