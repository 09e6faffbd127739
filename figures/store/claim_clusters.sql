-- Claim clusters: inside each group of claims (claims.sql), the values that agree.
--
--   statements  one row per statement of one article (the halves of a dual-unit statement are one claim;
--               their interval is the hull of the halves').
--   said        copies collapsed: the same statement at the same place of the same sentence under several
--               doc ids (a wire story, a re-run feed) is said once; `copies` counts its articles, `doc_id`
--               is its first copy.
--   swept       the sweep: a group's bounded claims sorted by interval; a claim that starts past the
--               furthest end of every claim before it opens a new cluster. One sort and two running
--               windows: no pairs.
--   attached    a claim open at one end ("at least 30", "up to 3,350") agrees with every value past its
--               bound, so it would chain every cluster it reaches into one. It bridges nothing: it joins
--               the first cluster it agrees with (an ASOF join, a sorted merge), or, agreeing with none,
--               the open claims left over cluster among themselves.
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
-- the unit a group is shown in, so that its clusters read side by side: USD when it is compared in USD,
-- a temperature in its canonical unit, else the unit most of its figures are written in (the first
-- written on a tie)
-- each view below reads its source once (a CTE referenced twice is computed once: AS MATERIALIZED)
claims_once AS MATERIALIZED (SELECT * FROM claims),
unit_counts AS (
    SELECT
        group_id, unit, any_value(factor) AS factor, count(*) AS figures,
        min(doc_id || ':' || lpad(CAST(start AS VARCHAR), 12, '0')) AS first_written
    FROM claims_once
    GROUP BY group_id, unit
),
group_units AS (
    SELECT
        group_id,
        arg_min(unit, (-figures, first_written)) AS unit,
        arg_min(factor, (-figures, first_written)) AS factor
    FROM unit_counts
    GROUP BY group_id
),
shown AS MATERIALIZED (
    SELECT
        c.*,
        CASE WHEN c.scale = 'USD' THEN 'USD'
             WHEN c.dimension = 'temperature' THEN c.canonical_unit
             ELSE gu.unit END AS shown_unit,
        c.c_low * c.scale_rate / (CASE WHEN c.scale = 'USD' OR c.dimension = 'temperature' THEN 1.0
                                       ELSE gu.factor END) AS shown_low,
        c.c_high * c.scale_rate / (CASE WHEN c.scale = 'USD' OR c.dimension = 'temperature' THEN 1.0
                                        ELSE gu.factor END) AS shown_high
    FROM claims_once AS c
    JOIN group_units AS gu USING (group_id)
),
statements AS (
    SELECT
        group_id, doc_id, statement,
        coalesce(min(lo), '-inf'::DOUBLE) AS lo,
        coalesce(max(hi), 'inf'::DOUBLE) AS hi,
        any_value(sentence) AS sentence,
        min(start) - min(sentence_start) AS sentence_offset,
        string_agg(text, ' | ' ORDER BY start, ordinal) AS texts
    FROM shown
    GROUP BY group_id, doc_id, statement
),
said AS MATERIALIZED (
    SELECT
        group_id, sentence, sentence_offset, texts,
        min(lo) AS lo,  -- copies of other dates may price money at other rates: their hull
        max(hi) AS hi,
        count(DISTINCT doc_id) AS copies,
        min(doc_id) AS doc_id,
        arg_min(statement, doc_id) AS statement,
        row_number() OVER (PARTITION BY group_id ORDER BY min(lo), max(hi), min(doc_id), sentence_offset) AS said_order
    FROM statements
    GROUP BY group_id, sentence, sentence_offset, texts
),
bounded AS (
    SELECT * FROM said WHERE isfinite(lo) AND isfinite(hi)
),
swept AS (
    SELECT
        b.*,
        max(b.hi) OVER (PARTITION BY b.group_id ORDER BY b.said_order
                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
    FROM bounded AS b
),
opened AS MATERIALIZED (
    SELECT
        s.*,
        CAST(sum(CASE WHEN s.reach IS NULL
                        OR s.lo > s.reach + t.epsilon * greatest(abs(s.lo), abs(s.reach)) THEN 1 ELSE 0 END)
             OVER (PARTITION BY s.group_id ORDER BY s.said_order ROWS UNBOUNDED PRECEDING) AS BIGINT)
            AS cluster
    FROM swept AS s, tolerance AS t
),
bounded_ranges AS (
    SELECT group_id, cluster, min(lo) AS lo, max(hi) AS hi
    FROM opened
    GROUP BY group_id, cluster
),
open_claims AS (
    SELECT * FROM said WHERE NOT (isfinite(lo) AND isfinite(hi)) AND (isfinite(lo) OR isfinite(hi))
),
-- "at least v" joins the cluster with the lowest end at or past v, "up to v" the one with the highest
-- start at or below v. Clusters are disjoint and numbered in order, so that is the least cluster number
-- at or after v in the order of the clusters' ends (a running min from the top), or the greatest at or
-- before v in the order of their starts (a running max from the bottom): one sort each, no join.
at_least AS (
    SELECT * EXCLUDE (is_cluster, key)
    FROM (
        SELECT
            m.*,
            min(m.cluster) OVER (PARTITION BY m.group_id ORDER BY m.key DESC, m.is_cluster DESC
                                 ROWS UNBOUNDED PRECEDING) AS next_cluster
        FROM (
            SELECT o.*, o.lo AS key, FALSE AS is_cluster,
                   CAST(NULL AS BIGINT) AS cluster
            FROM open_claims AS o WHERE isfinite(o.lo)
            UNION ALL BY NAME
            SELECT r.group_id, r.hi AS key, TRUE AS is_cluster, r.cluster FROM bounded_ranges AS r
        ) AS m
    ) AS swept_at_least
    WHERE NOT is_cluster
),
up_to AS (
    SELECT * EXCLUDE (is_cluster, key)
    FROM (
        SELECT
            m.*,
            max(m.cluster) OVER (PARTITION BY m.group_id ORDER BY m.key, m.is_cluster DESC
                                 ROWS UNBOUNDED PRECEDING) AS next_cluster
        FROM (
            SELECT o.*, o.hi AS key, FALSE AS is_cluster, CAST(NULL AS BIGINT) AS cluster
            FROM open_claims AS o WHERE NOT isfinite(o.lo)
            UNION ALL BY NAME
            SELECT r.group_id, r.lo AS key, TRUE AS is_cluster, r.cluster FROM bounded_ranges AS r
        ) AS m
    ) AS swept_up_to
    WHERE NOT is_cluster
),
attached AS (
    SELECT * EXCLUDE (cluster, next_cluster), next_cluster AS cluster FROM at_least
    UNION ALL BY NAME
    SELECT * EXCLUDE (cluster, next_cluster), next_cluster AS cluster FROM up_to
),
-- open claims that agree with no bounded cluster: chained among themselves, numbered after the others
leftover AS (
    SELECT
        a.* EXCLUDE (cluster),
        max(a.hi) OVER (PARTITION BY a.group_id ORDER BY a.lo, a.hi, a.said_order
                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
    FROM attached AS a
    WHERE a.cluster IS NULL
),
leftover_clusters AS (
    SELECT
        l.* EXCLUDE (reach),
        CAST(coalesce(n.clusters, 0)
             + sum(CASE WHEN l.reach IS NULL OR l.lo > l.reach THEN 1 ELSE 0 END)
               OVER (PARTITION BY l.group_id ORDER BY l.lo, l.hi, l.said_order ROWS UNBOUNDED PRECEDING)
             AS BIGINT) AS cluster
    FROM leftover AS l
    LEFT JOIN (SELECT group_id, max(cluster) AS clusters FROM bounded_ranges GROUP BY group_id) AS n
      USING (group_id)
),
clustered AS (
    SELECT * EXCLUDE (reach) FROM opened
    UNION ALL BY NAME SELECT * FROM attached WHERE cluster IS NOT NULL
    UNION ALL BY NAME SELECT * FROM leftover_clusters
),
-- every figure of every copy, with its statement's cluster
placed AS (
    SELECT sh.*, cl.cluster, cl.copies AS said_copies, cl.doc_id AS first_copy,
           cl.doc_id = sh.doc_id AND cl.statement = sh.statement AS shown_once
    FROM shown AS sh
    JOIN statements AS st USING (group_id, doc_id, statement)
    JOIN clustered AS cl
      ON cl.group_id = st.group_id AND cl.sentence = st.sentence AND cl.sentence_offset = st.sentence_offset
     AND cl.texts = st.texts
)
SELECT
    pl.*,
    max(pl.cluster) OVER (PARTITION BY pl.group_id) AS clusters  -- numbered 1..k
FROM placed AS pl;

CREATE OR REPLACE VIEW claim_clusters AS
WITH
members AS MATERIALIZED (SELECT * FROM clustered_claims),
per_group AS (
    SELECT
        group_id,
        -- an article that says two clusters disagrees with itself
        bool_or(doc_clusters > 1) AS within_article,
        count(DISTINCT first_copy) AS group_articles,
        count(*) AS group_copies
    FROM (
        SELECT group_id, doc_id, min(first_copy) AS first_copy, max(cluster) AS cluster,
               count(DISTINCT cluster) AS doc_clusters
        FROM members
        GROUP BY group_id, doc_id
    ) AS d
    GROUP BY group_id
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
    any_value(g.within_article) AS within_article,
    any_value(g.group_articles) AS group_articles,
    any_value(g.group_copies) AS group_copies,
    any_value(p.shown_unit) AS unit,
    -- the cluster's values: the hull of what its bounded claims assert, else of its open ones
    coalesce(min(p.shown_low) FILTER (WHERE p.shown_low IS NOT NULL AND p.shown_high IS NOT NULL),
             min(p.shown_low)) AS low,
    coalesce(max(p.shown_high) FILTER (WHERE p.shown_low IS NOT NULL AND p.shown_high IS NOT NULL),
             max(p.shown_high)) AS high,
    min(p.lo) AS compared_low,
    max(p.hi) AS compared_high,
    any_value(p.scale) AS scale,
    count(DISTINCT (p.first_copy, p.statement)) AS statements,
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
JOIN per_group AS g USING (group_id)
GROUP BY p.group_id, p.cluster;
