-- Claim clusters: inside each group of claims (claims.sql), the values that agree.
--
--   stated      each claim with its statement's interval: the halves of a dual-unit statement are one
--               claim, the hull of the halves' intervals.
--   said        copies: the same statement at the same place of the same sentence under several doc ids (a
--               wire story, a re-run feed) is said once; `said_copies` counts its articles, `first_copy` is
--               the first, and only that copy stands for it in claim_clusters.figures.
--   swept       the sweep: a group's claims sorted by interval; a bounded claim that starts past the
--               furthest end of every bounded claim before it opens a new cluster (a running max and a
--               running sum: no pairs).
--   numbered    a claim open at one end ("at least 30", "up to 3,350") agrees with every value past its
--               bound, so it would chain every cluster it reaches into one. It bridges nothing: "at least
--               v" joins the cluster it stands in or the next, "up to v" the last that starts at or below
--               v; open claims past every cluster make one of their own.
--
-- Every step is a layer of windows over the one before and reads it once, so the plan stays small in
-- every DuckDB (one that inlines a CTE at each reference plans a CTE read twice twice over).
--
-- Chaining. A cluster is a chain of overlapping intervals, so two claims in one cluster can disagree
-- when a third bridges them ("1,000 km", "about 1,050 km" = 945-1,155, "1,150 km"). We keep the chain:
-- it is linear and a bridging claim is itself evidence that the two ends are one reading within the
-- writers' precision; splitting the chain would report the bridge as agreeing with both sides, or
-- with neither, arbitrarily. Open intervals would chain almost everything, so they never bridge (above).
CREATE OR REPLACE VIEW clustered_claims AS
WITH
tolerance AS (
    SELECT 1e-9 AS epsilon  -- float noise of unit conversions
),
-- Every step below is one layer of windows over the one before, and each reads it once: DuckDB inlines
-- a CTE at each reference, so a CTE read twice (and the chain under it) is planned twice.
-- the unit a group is shown in, so that its clusters read side by side: USD when it is compared in USD,
-- a temperature in its canonical unit, else the unit most of its figures are written in (the first
-- written on a tie)
unit_counted AS (
    SELECT
        c.*,
        count(*) OVER (PARTITION BY c.group_id, c.unit) AS unit_figures,
        min(c.doc_id || ':' || lpad(CAST(c.start AS VARCHAR), 12, '0'))
            OVER (PARTITION BY c.group_id, c.unit) AS unit_first_written
    FROM claims AS c
),
shown AS (
    SELECT
        u.* EXCLUDE (unit_figures, unit_first_written, group_unit, group_factor),
        CASE WHEN u.scale = 'USD' THEN 'USD'
             WHEN u.dimension = 'temperature' THEN u.canonical_unit
             ELSE u.group_unit END AS shown_unit,
        u.c_low * u.scale_rate / (CASE WHEN u.scale = 'USD' OR u.dimension = 'temperature' THEN 1.0
                                       ELSE u.group_factor END) AS shown_low,
        u.c_high * u.scale_rate / (CASE WHEN u.scale = 'USD' OR u.dimension = 'temperature' THEN 1.0
                                        ELSE u.group_factor END) AS shown_high
    FROM (
        SELECT
            uc.*,
            first_value(uc.unit) OVER unit_order AS group_unit,
            first_value(uc.factor) OVER unit_order AS group_factor
        FROM unit_counted AS uc
        WINDOW unit_order AS (
            PARTITION BY uc.group_id ORDER BY uc.unit_figures DESC, uc.unit_first_written, uc.unit
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        )
    ) AS u
),
-- one statement of one article (the halves of a dual-unit statement are one claim, the hull of their
-- intervals), and where it stands in its sentence: the same statement in the same sentence under
-- several doc ids is said once (copies of a story)
stated AS (
    SELECT
        sh.*,
        coalesce(min(sh.lo) OVER statement_figures, '-inf'::DOUBLE) AS stmt_lo,
        coalesce(max(sh.hi) OVER statement_figures, 'inf'::DOUBLE) AS stmt_hi,
        min(sh.start - sh.sentence_start) OVER statement_figures AS stmt_offset,
        max(sh."end") OVER statement_figures - min(sh.start) OVER statement_figures AS stmt_length
    FROM shown AS sh
    WINDOW statement_figures AS (PARTITION BY sh.group_id, sh.doc_id, sh.statement)
),
said AS (
    SELECT
        st.*,
        min(st.doc_id) OVER copies AS first_copy,
        dense_rank() OVER (PARTITION BY st.group_id, st.sentence, st.stmt_offset, st.stmt_length
                           ORDER BY st.doc_id) AS copy_number
    FROM stated AS st
    WINDOW copies AS (PARTITION BY st.group_id, st.sentence, st.stmt_offset, st.stmt_length)
),
-- the sweep: claims sorted by interval; a bounded claim past the furthest end of every bounded claim
-- before it opens a cluster. A claim open at one end ("at least 30", "up to 3,350") reaches no further
-- than its bound, so it never bridges two clusters.
swept AS (
    SELECT
        sa.*,
        max(sa.copy_number) OVER (PARTITION BY sa.group_id, sa.sentence, sa.stmt_offset, sa.stmt_length)
            AS said_copies,
        isfinite(sa.stmt_lo) AND isfinite(sa.stmt_hi) AS bounded,
        max(CASE WHEN isfinite(sa.stmt_lo) AND isfinite(sa.stmt_hi) THEN sa.stmt_hi END) OVER sweep_before
            AS reach
    FROM said AS sa
    WINDOW sweep_before AS (
        PARTITION BY sa.group_id ORDER BY sa.stmt_lo, sa.stmt_hi, sa.doc_id, sa.statement, sa.start, sa.ordinal
        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
    )
),
opened AS (
    SELECT
        w.*,
        sum(CASE WHEN w.bounded AND (w.reach IS NULL
                      OR w.stmt_lo > w.reach + t.epsilon * greatest(abs(w.stmt_lo), abs(w.reach)))
                 THEN 1 ELSE 0 END) OVER sweep_to_here AS cluster_before,
        max(w.reach) OVER sweep_to_here AS reach_here
    FROM swept AS w, tolerance AS t
    WINDOW sweep_to_here AS (
        PARTITION BY w.group_id ORDER BY w.stmt_lo, w.stmt_hi, w.doc_id, w.statement, w.start, w.ordinal
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    )
),
-- "at least v" joins the bounded cluster it stands in (v within its reach), else the next one; "up to
-- v" the last bounded cluster that starts at or below v (a running max in the order of starts, where
-- its key is v). An open claim that agrees with no bounded cluster joins the open claims beside it:
-- those below every cluster as one, those above as another.
placed_open AS (
    SELECT
        o.*,
        max(CASE WHEN o.bounded THEN o.cluster_before END) OVER (PARTITION BY o.group_id) AS bounded_clusters,
        max(CASE WHEN o.bounded THEN o.cluster_before END) OVER (
            PARTITION BY o.group_id
            ORDER BY CASE WHEN o.bounded THEN o.stmt_lo ELSE o.stmt_hi END, o.bounded DESC
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        ) AS started_at_or_below
    FROM opened AS o
),
numbered AS (
    SELECT
        p.*,
        CASE
            WHEN p.bounded THEN p.cluster_before
            WHEN p.bounded_clusters IS NULL THEN 1  -- open claims alone: one cluster
            WHEN isfinite(p.stmt_lo) THEN  -- at least
                CASE WHEN p.cluster_before > 0 AND p.stmt_lo <= p.reach_here THEN p.cluster_before
                     ELSE p.cluster_before + 1 END  -- the next cluster, or past the last one
            ELSE coalesce(p.started_at_or_below, 0)  -- up to: 0 below every cluster
        END AS raw_cluster
    FROM placed_open AS p
)
SELECT
    n.* EXCLUDE (stmt_lo, stmt_hi, stmt_offset, stmt_length, copy_number, bounded, reach, cluster_before,
                 reach_here, bounded_clusters, started_at_or_below, raw_cluster),
    dense_rank() OVER (PARTITION BY n.group_id ORDER BY n.raw_cluster) AS cluster,
    n.doc_id = n.first_copy AS shown_once,
    -- numbered 1..k: the group's count of clusters
    dense_rank() OVER (PARTITION BY n.group_id ORDER BY n.raw_cluster DESC)
        + dense_rank() OVER (PARTITION BY n.group_id ORDER BY n.raw_cluster) - 1 AS clusters
FROM numbered AS n;

CREATE OR REPLACE VIEW claim_clusters AS
WITH
members AS (
    SELECT
        m.*,
        -- an article that says two clusters disagrees with itself
        min(m.cluster) OVER (PARTITION BY m.group_id, m.doc_id)
            <> max(m.cluster) OVER (PARTITION BY m.group_id, m.doc_id) AS doc_splits,
        dense_rank() OVER (PARTITION BY m.group_id ORDER BY m.first_copy) AS article_number,
        dense_rank() OVER (PARTITION BY m.group_id ORDER BY m.doc_id) AS copy_number
    FROM clustered_claims AS m
)
SELECT
    p.group_id,
    any_value(p.entity) AS entity,
    mode(p.subject) AS subject,
    any_value(p.property) AS property,
    any_value(p.dimension) AS dimension,
    any_value(p.role) AS role,
    any_value(p.scope) AS scope,
    mode(p.time_scope) AS time_scope,
    p.cluster,
    any_value(p.clusters) AS clusters,
    bool_or(bool_or(p.doc_splits)) OVER (PARTITION BY p.group_id) AS within_article,
    max(max(p.article_number)) OVER (PARTITION BY p.group_id) AS group_articles,
    max(max(p.copy_number)) OVER (PARTITION BY p.group_id) AS group_copies,
    any_value(p.shown_unit) AS unit,
    -- the cluster's values: the hull of what its bounded claims assert, else of its open ones
    coalesce(min(p.shown_low) FILTER (WHERE p.shown_low IS NOT NULL AND p.shown_high IS NOT NULL),
             min(p.shown_low)) AS low,
    coalesce(max(p.shown_high) FILTER (WHERE p.shown_low IS NOT NULL AND p.shown_high IS NOT NULL),
             max(p.shown_high)) AS high,
    min(p.lo) AS compared_low,
    max(p.hi) AS compared_high,
    any_value(p.scale) AS scale,
    count(DISTINCT (p.first_copy, p.statement)) FILTER (WHERE p.shown_once) AS statements,
    count(DISTINCT p.first_copy) AS articles,
    count(DISTINCT p.doc_id) AS copies,
    coalesce(list(DISTINCT p.source ORDER BY p.source) FILTER (WHERE p.source IS NOT NULL), [])
        AS sources,
    coalesce(list(DISTINCT p.claimant ORDER BY p.claimant) FILTER (WHERE p.claimant IS NOT NULL), [])
        AS claimants,
    list({
        'figure_id': p.figure_id, 'doc_id': p.doc_id, 'text': p.text, 'start': p.start, 'end': p."end",
        'value': p.value, 'unit': p.unit, 'qualifier': p.qualifier, 'low': p.low, 'high': p.high,
        'shown_low': p.shown_low, 'shown_high': p.shown_high, 'sentence': p.sentence,
        'title': p.title, 'source': p.source, 'date': p.date, 'claimant': p.claimant,
        'time_scope': p.time_scope, 'usd_rate': CASE WHEN p.scale = 'USD' THEN p.usd_rate END,
        'rate_source': CASE WHEN p.scale = 'USD' THEN p.rate_source END, 'copies': p.said_copies
    } ORDER BY p.lo, p.hi, p.doc_id, p.start) FILTER (WHERE p.shown_once) AS figures
FROM members AS p
GROUP BY p.group_id, p.cluster;
