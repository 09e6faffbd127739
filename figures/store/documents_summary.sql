-- One row per article: where it came from and how many figures of which dimensions it holds.
CREATE OR REPLACE VIEW documents_summary AS
WITH per_document AS (
    SELECT
        doc_id,
        count(*)                                    AS figures,
        count(subject)                              AS with_subject,
        string_agg(DISTINCT dimension, ', ' ORDER BY dimension) AS dimensions
    FROM figures
    GROUP BY doc_id
)
SELECT
    d.doc_id,
    d.title,
    d.source,
    d.date,
    d.path,
    d.line,
    length(d.text)                 AS characters,
    coalesce(p.figures, 0)         AS figures,
    coalesce(p.with_subject, 0)    AS with_subject,
    p.dimensions,
    d.run_id
FROM documents AS d
LEFT JOIN per_document AS p USING (doc_id)
ORDER BY d.path, d.line, d.doc_id;
