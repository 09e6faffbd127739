-- Disagreements: one row per group of claims whose values fall into two or more clusters
-- (claim_clusters.sql), and one per dual-unit statement whose halves disagree (a bad conversion).
--
--   kind        'within_article' when one article states values of two clusters (with copies: every copy
--               of it does), else 'across_articles'; 'bad_conversion' for the halves of one statement
--               ("995 miles (1,200 kilometers)") that disagree beyond rounding and, for money, beyond
--               the ECB rate of the day and its slack. These need no subject.
--   clusters    the clusters, lowest values first, each {cluster, low, high, unit, figures, statements,
--               articles, copies, sources, claimants}; `figures` holds each statement once (its first
--               copy) with `copies`, the articles that carry the same sentence.
--   articles    articles behind the disagreement, copies of one story counted once; `copies` counts
--               them all. Disagreements are listed largest first: most articles, then widest apart.
--   spread      the highest cluster's central value over the lowest's.
--
-- The view computes them from the figures as they are now; the table `disagreements` keeps its rows,
-- written at load time (stored/disagreements.sql, stored/refresh.sql), and is what readers read.
CREATE OR REPLACE VIEW live_disagreements AS
WITH
tolerance AS (
    SELECT 1e-9 AS epsilon
),
grouped AS (
    SELECT
        group_id AS disagreement_id,
        CASE WHEN any_value(within_article) THEN 'within_article' ELSE 'across_articles' END AS kind,
        any_value(entity) AS entity,
        mode(subject) AS subject,
        any_value(property) AS property,
        any_value(dimension) AS dimension,
        any_value(role) AS role,
        any_value(scope) AS scope,
        mode(time_scope) AS time_scope,
        any_value(unit) AS unit,
        list({
            'cluster': cluster, 'low': low, 'high': high, 'unit': unit, 'figures': figures,
            'statements': statements, 'articles': articles, 'copies': copies, 'sources': sources,
            'claimants': claimants
        } ORDER BY compared_low, compared_high) AS clusters,
        any_value(group_articles) AS articles,
        any_value(group_copies) AS copies,
        max(coalesce((low + high) / 2, low, high)) AS top,
        min(coalesce((low + high) / 2, low, high)) AS bottom
    FROM claim_clusters
    WHERE clusters > 1
    GROUP BY group_id
),
-- the figures that are halves of a statement, read once
statement_halves AS (
    SELECT * FROM claim_figures WHERE "group" IS NOT NULL
),
-- the halves of one statement in one article: a join within (doc_id, group), two or three figures each
halves AS (
    SELECT
        a.doc_id, a."group", a.sentence, a.start - a.sentence_start AS sentence_offset,
        a AS fa, b AS fb,
        a.canonical_unit = b.canonical_unit AS same_unit,
        -- the halves' own implied rate cannot check itself: price both at the market rate
        CASE WHEN a.canonical_unit = b.canonical_unit THEN 1.0 ELSE a.market_rate END AS a_rate,
        CASE WHEN a.canonical_unit = b.canonical_unit THEN 1.0 ELSE b.market_rate END AS b_rate,
        CASE WHEN a.canonical_unit = b.canonical_unit THEN 0.0 ELSE a.market_slack END AS a_slack,
        CASE WHEN a.canonical_unit = b.canonical_unit THEN 0.0 ELSE b.market_slack END AS b_slack
    FROM statement_halves AS a
    JOIN statement_halves AS b
      ON a.doc_id = b.doc_id
     AND a."group" = b."group"
     AND a.dimension = b.dimension
     AND (a.start < b.start OR (a.start = b.start AND a.ordinal < b.ordinal))
    WHERE a.canonical_unit = b.canonical_unit
       OR (a.dimension = 'money' AND a.market_rate IS NOT NULL AND b.market_rate IS NOT NULL)
),
bounded_halves AS (
    SELECT
        h.*,
        h.fa.w_low * h.a_rate * (1 - sign(h.fa.w_low) * h.a_slack) AS a_lo,
        h.fa.w_high * h.a_rate * (1 + sign(h.fa.w_high) * h.a_slack) AS a_hi,
        h.fb.w_low * h.b_rate * (1 - sign(h.fb.w_low) * h.b_slack) AS b_lo,
        h.fb.w_high * h.b_rate * (1 + sign(h.fb.w_high) * h.b_slack) AS b_hi
    FROM halves AS h
),
bad AS (
    SELECT
        h.*,
        -- shown in the first half's unit; across currencies in USD at the market rate
        CASE WHEN h.same_unit THEN h.fa.unit ELSE 'USD' END AS unit,
        CASE WHEN h.same_unit THEN 1.0 / h.fa.factor ELSE h.a_rate END AS a_show,
        CASE WHEN h.same_unit THEN 1.0 / h.fa.factor ELSE h.b_rate END AS b_show
    FROM bounded_halves AS h, tolerance AS t
    WHERE (isfinite(h.a_hi) AND isfinite(h.b_lo)
           AND h.a_hi < h.b_lo - t.epsilon * greatest(abs(h.a_hi), abs(h.b_lo)))
       OR (isfinite(h.b_hi) AND isfinite(h.a_lo)
           AND h.b_hi < h.a_lo - t.epsilon * greatest(abs(h.b_hi), abs(h.a_lo)))
),
-- copies collapsed: one bad conversion per sentence, with the articles that carry it
bad_said AS (
    SELECT
        sentence, sentence_offset, fa.text AS a_text, fb.text AS b_text,
        count(DISTINCT doc_id) AS copies,
        arg_min(b, doc_id) AS first
    FROM bad AS b
    GROUP BY sentence, sentence_offset, fa.text, fb.text
),
bad_sides AS (
    SELECT
        sentence, sentence_offset, a_text, b_text, copies, first,
        CASE WHEN first.a_lo <= first.b_lo THEN 1 ELSE 2 END AS cluster,
        first.fa AS f, first.a_show AS shown_per, first.a_rate AS rate
    FROM bad_said
    UNION ALL
    SELECT
        sentence, sentence_offset, a_text, b_text, copies, first,
        CASE WHEN first.a_lo <= first.b_lo THEN 2 ELSE 1 END AS cluster,
        first.fb AS f, first.b_show AS shown_per, first.b_rate AS rate
    FROM bad_said
),
converted AS (
    SELECT
        'bad_conversion:' || md5(to_json([sentence, CAST(sentence_offset AS VARCHAR), a_text, b_text])::VARCHAR)
            AS disagreement_id,
        'bad_conversion' AS kind,
        any_value(coalesce(first.fa.entity_id, first.fa.subject)) AS entity,
        any_value(first.fa.subject) AS subject,
        any_value(first.fa.property) AS property,
        any_value(first.fa.dimension) AS dimension,
        CAST(NULL AS VARCHAR) AS role,
        any_value(first.fa.time_scope) AS scope,
        any_value(first.fa.time_scope) AS time_scope,
        any_value(first.unit) AS unit,
        list({
            'cluster': CAST(cluster AS BIGINT),
            'low': f.c_low * shown_per, 'high': f.c_high * shown_per, 'unit': first.unit,
            'figures': [{
                'figure_id': f.figure_id, 'doc_id': f.doc_id, 'text': f.text, 'start': f.start,
                'end': f."end", 'value': f.value, 'unit': f.unit, 'qualifier': f.qualifier,
                'low': f.low, 'high': f.high, 'shown_low': f.c_low * shown_per, 'shown_high': f.c_high * shown_per,
                'sentence': f.sentence, 'title': f.title, 'source': f.source, 'date': f.date,
                'claimant': f.claimant, 'time_scope': f.time_scope,
                'usd_rate': CASE WHEN first.unit = 'USD' THEN rate END,
                'rate_source': CASE WHEN first.unit <> 'USD' THEN NULL
                                    WHEN f.canonical_unit = 'USD' THEN 'USD'
                                    ELSE 'ECB ' || coalesce(CAST(f.fx_date AS VARCHAR), '') END,
                'copies': copies
            }],
            'statements': CAST(1 AS BIGINT), 'articles': CAST(1 AS BIGINT), 'copies': copies,
            'sources': CASE WHEN f.source IS NULL THEN [] ELSE [f.source] END,
            'claimants': CASE WHEN f.claimant IS NULL THEN [] ELSE [f.claimant] END
        } ORDER BY cluster) AS clusters,
        CAST(1 AS BIGINT) AS articles,
        CAST(any_value(copies) AS BIGINT) AS copies,
        max(coalesce((f.c_low + f.c_high) / 2, f.c_low, f.c_high) * shown_per) AS top,
        min(coalesce((f.c_low + f.c_high) / 2, f.c_low, f.c_high) * shown_per) AS bottom
    FROM bad_sides
    GROUP BY sentence, sentence_offset, a_text, b_text
),
every AS (
    SELECT * FROM grouped
    UNION ALL BY NAME
    SELECT * FROM converted
)
SELECT
    disagreement_id, kind, entity, subject, property, dimension, role, scope, time_scope, unit,
    len(clusters) AS cluster_count,
    articles, copies,
    CASE WHEN bottom > 0 THEN top / bottom END AS spread,
    clusters
FROM every
ORDER BY articles DESC, spread DESC NULLS LAST, copies DESC, entity NULLS LAST, property, disagreement_id;
