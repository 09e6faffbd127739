-- Each figure beside the article it comes from: what was said, where, by whom, when.
CREATE OR REPLACE VIEW figure_sources AS
WITH sourced AS (
    SELECT
        f.*,
        d.title,
        d.source,
        d.date,
        d.url,
        d.path,
        d.line
    FROM figures AS f
    JOIN documents AS d USING (doc_id)
)
SELECT *
FROM sourced;
