-- Conflict pairs, for SQL users who want two figures side by side: for each disagreement
-- (disagreements.sql), one row per two neighbouring clusters (lowest values first), each shown by its
-- first figure (its first copy). A disagreement of k clusters gives k - 1 rows, so copies of a story
-- and agreeing figures never multiply the rows.
--
-- Each side (a_*, b_*) carries its provenance (doc_id, text, start, "end", sentence), the value and unit
-- as written, the asserted interval in its own unit (low/high, NULL = unbounded), its article (title,
-- source, date), claimant and time scope, and shown_low/shown_high: the asserted interval in the pair's
-- `unit`. `gap` is how far apart the two clusters are in that unit; `ratio` is the larger figure's
-- central value over the smaller's.
-- the pairs view was once `conflicts`: a file that has it loses it when its views are made again
DROP VIEW IF EXISTS conflicts;

CREATE OR REPLACE VIEW conflict_pairs AS
WITH
-- each cluster beside the next one: a window, not a join (the disagreements are read once)
listed AS (
    SELECT d.* EXCLUDE (clusters), unnest(d.clusters) AS ca, generate_subscripts(d.clusters, 1) AS position
    FROM disagreements AS d
),
neighbours AS (
    SELECT * FROM (
        SELECT l.*, lead(l.ca) OVER (PARTITION BY l.disagreement_id ORDER BY l.position) AS cb
        FROM listed AS l
    ) AS n
    WHERE n.cb IS NOT NULL
),
sides AS (
    SELECT n.*, n.ca.figures[1] AS fa, n.cb.figures[1] AS fb
    FROM neighbours AS n
),
centred AS (
    SELECT
        s.*,
        coalesce((s.fa.shown_low + s.fa.shown_high) / 2, s.fa.shown_low, s.fa.shown_high) AS a_central,
        coalesce((s.fb.shown_low + s.fb.shown_high) / 2, s.fb.shown_low, s.fb.shown_high) AS b_central
    FROM sides AS s
)
SELECT
    disagreement_id,
    subject,
    property,
    kind,
    dimension,
    unit,
    greatest(cb.low - ca.high, ca.low - cb.high, 0) AS gap,
    CASE WHEN least(a_central, b_central) > 0
         THEN greatest(a_central, b_central) / least(a_central, b_central) END AS ratio,
    fa.figure_id AS a_figure_id,
    fa.doc_id AS a_doc_id,
    fa.text AS a_text,
    fa.start AS a_start,
    fa."end" AS a_end,
    fa.value AS a_value,
    fa.unit AS a_unit,
    fa.low AS a_low,
    fa.high AS a_high,
    fa.sentence AS a_sentence,
    fa.qualifier AS a_qualifier,
    fa.shown_low AS a_shown_low,
    fa.shown_high AS a_shown_high,
    fa.usd_rate AS a_usd_rate,
    fa.rate_source AS a_rate_source,
    fa.title AS a_title,
    fa.source AS a_source,
    fa.date AS a_date,
    fa.claimant AS a_claimant,
    fa.time_scope AS a_time_scope,
    fa.copies AS a_copies,
    ca.articles AS a_articles,
    fb.figure_id AS b_figure_id,
    fb.doc_id AS b_doc_id,
    fb.text AS b_text,
    fb.start AS b_start,
    fb."end" AS b_end,
    fb.value AS b_value,
    fb.unit AS b_unit,
    fb.low AS b_low,
    fb.high AS b_high,
    fb.sentence AS b_sentence,
    fb.qualifier AS b_qualifier,
    fb.shown_low AS b_shown_low,
    fb.shown_high AS b_shown_high,
    fb.usd_rate AS b_usd_rate,
    fb.rate_source AS b_rate_source,
    fb.title AS b_title,
    fb.source AS b_source,
    fb.date AS b_date,
    fb.claimant AS b_claimant,
    fb.time_scope AS b_time_scope,
    fb.copies AS b_copies,
    cb.articles AS b_articles
FROM centred
ORDER BY subject NULLS LAST, property, kind, a_doc_id, a_start, b_doc_id, b_start;
