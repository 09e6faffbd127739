-- Figures that disagree: one row per pair of figures whose asserted intervals do not overlap.
--
-- This view is the one implementation of figures' conflict semantics; figures.compare and
-- `figures conflicts` read it, they do not recompute it. Step by step:
--
--   usable      figures with a unit and a canonical value (else their own unit), not vague ("hundreds of
--               miles"); a bare number only when whole and the sentence names its property ("1,500
--               killed"), never "half" or an unexplained "64".
--   roled       each figure's role in its sentence: 'from' for the earlier value of a change
--               ("down from 40%", "grew from 10.5 per cent ... to 16.7 per cent"), 'by' for the size
--               of a change ("rose by 5%"), 'range end' for a range the extractor split ("between
--               200 m and 2.5 km"), NULL for a level. Only levels, or figures with a time scope, are
--               compared, and only with figures of the same role.
--   widened     the interval the figure asserts (qualifiers are already in low/high: about = ±10%,
--               nearly = [0.9v, v], at least = [v, ∞), up to = (-∞, v]; a NULL end is unbounded), in
--               the canonical unit, widened by the precision the writer used (Figure.step, at most a
--               tenth of the value): half a step either way for rounding ("164.0 km²" is
--               163.95-164.05 km², "1,500 killed" 1,450-1,550), a whole step up for a scaled figure,
--               which news truncates ("£15bn" for £15.7bn: 14.5-16bn).
--   article_rates  USD per unit of a currency as the article itself states it: the two halves of a
--               dual-unit money statement ("140-billion-euro ($164.4bn)", one `group`).
--   priced      the interval in USD too: at the article's own rate where it states one, else at the
--               ECB rate of the article's date (normalise's fx_rate), widened by a small slack since a
--               writer may have used another day's rate.
--   candidates  figures with a subject and a property the sentence names (not one defaulted from the
--               dimension: "two countries" is no claim about any one quantity), not durations ("for
--               four years": counted up to the article's day, about an event rarely named), not
--               counts without a time scope ("nine were wounded", "seven wounded": two attacks);
--               ages only between articles of one date; never two figures listed side by side in one
--               sentence ("two women aged 40 and 79").
--   pairs       two figures about the same (subject, property, dimension), in the same role, with the
--               same time scope (figures about different periods are not one quantity), comparable in
--               one unit (the same canonical unit, or both priced in USD), not halves of one statement,
--               whose widened intervals do not overlap. kind: 'across_articles' or 'within_article'.
--   conversions the halves of one dual-unit statement ("995 miles (1,600 kilometers)") that disagree
--               beyond rounding (and, for money, beyond the ECB rate and its slack): kind
--               'bad_conversion', a writer's bad conversion; these need no subject.
--
-- Each side (a_*, b_*) carries its provenance (doc_id, text, start, "end", sentence), the value and
-- unit as written, the asserted interval in its own unit (low/high, NULL = unbounded), its article
-- (title, source, date), claimant and time scope, and shown_low/shown_high: the asserted interval in
-- the pair's `unit`, so that the two figures read side by side. `gap` is how far apart the asserted
-- intervals are in that unit; `ratio` is the larger central value over the smaller.
CREATE OR REPLACE VIEW conflicts AS
WITH
tolerance AS (
    SELECT
        0.5  AS steps_rounded,    -- a writer who rounds is at most half a step off either way...
        1.0  AS steps_truncated,  -- ...one who truncates a scaled figure ("£15bn" for £15.7bn) a whole step
        0.1  AS max_step_share,   -- a round number is at least two significant figures precise
        0.03 AS fx_slack,         -- a market rate of another day than the article's
        1e-9 AS epsilon           -- float noise of unit conversions
),
-- the property link gives a figure whose sentence names none (figures/link/rules.py DEFAULT_PROPERTY):
-- such a property only restates the dimension
default_properties (dimension, property) AS (
    VALUES ('length', 'distance'), ('area', 'area'), ('money', 'value'), ('percent', 'share'),
           ('speed', 'speed'), ('mass', 'weight'), ('duration', 'duration'), ('age', 'age'),
           ('rate', 'rate'), ('count', 'count'), ('volume', 'volume'), ('temperature', 'temperature'),
           ('energy', 'energy'), ('power', 'power')
),
usable AS (
    SELECT
        s.* REPLACE (
            -- a figure normalise could not read still compares with others in its own unit
            coalesce(s.canonical_unit, s.unit) AS canonical_unit,
            CASE WHEN s.canonical_unit IS NULL THEN s.value ELSE s.canonical_value END AS canonical_value,
            CASE WHEN s.canonical_unit IS NULL THEN coalesce(s.low, s.range_low, s.value)
                 ELSE s.canonical_low END AS canonical_low,
            CASE WHEN s.canonical_unit IS NULL THEN coalesce(s.high, s.range_high, s.value)
                 ELSE s.canonical_high END AS canonical_high
        ),
        -- the sentence before the figure: where "down from", "rose by" would stand
        right(substr(s.sentence, 1, greatest(s.start - s.sentence_start, 0)), 60) AS lead_in,
        -- canonical units per unit as written (for the step and for showing values in another unit)
        CASE WHEN s.canonical_unit IS NULL THEN 1.0 ELSE coalesce(
            s.canonical_value / nullif(s.value, 0),
            s.canonical_low / nullif(s.low, 0),
            s.canonical_high / nullif(s.high, 0),
            1.0
        ) END AS factor,
        s.property_text IS NULL AND EXISTS (
            SELECT 1 FROM default_properties AS dp
            WHERE dp.dimension = s.dimension AND dp.property = s.property
        ) AS defaulted
    FROM figure_sources AS s
    WHERE NOT s.vague
      AND (
          (s.unit <> '' AND s.dimension <> 'number')
          -- a bare whole number the sentence says what of: "1,500 killed", "fired 40"
          OR (s.unit = '' AND s.property_text IS NOT NULL AND s.value >= 1 AND s.value = round(s.value))
      )
      AND (s.canonical_unit IS NULL OR s.canonical_low IS NOT NULL OR s.canonical_high IS NOT NULL)
),
roled AS (
    SELECT
        u.*,
        CASE
            WHEN u.range_low IS NOT NULL THEN NULL  -- "from 10 to 20 billion" is one range
            -- an end of a range the extractor split: "between 200 m and 2.5 km"
            WHEN regexp_matches(u.lead_in, '(?i)\bbetween\s+$|\bbetween\s+[^,;.]{1,30}\s+and\s+$')
                THEN 'range end'
            WHEN regexp_matches(
                u.lead_in,
                '(?i)(\bfrom|\bcompared (with|to)|\bversus|\bvs\.?)\s+((about|around|roughly|some|approximately|nearly|almost|just|over|under|only|an?|the|more than|less than|at least)\s+)*$'
            ) THEN 'from'
            WHEN regexp_matches(
                u.lead_in,
                '(?i)\b(rise|rises|rose|risen|rising|fall|falls|fell|fallen|falling|grow|grows|grew|grown|growing|increase[sd]?|increasing|decrease[sd]?|decreasing|drop|drops|dropped|jump|jumped|climb|climbed|decline[sd]?|cut|raised|reduced|up|down|higher|lower)\s+by\s+((about|around|roughly|some|approximately|nearly|almost|just|over|under|only|an?|the|more than|less than|at least)\s+)*$'
            ) THEN 'by'
        END AS role
    FROM usable AS u
),
widened AS (
    SELECT
        r.*,
        CASE WHEN r.low IS NULL THEN '-inf'::DOUBLE
             ELSE r.canonical_low - t.steps_rounded * r.step_used * abs(r.factor) END AS w_low,
        CASE WHEN r.high IS NULL THEN 'inf'::DOUBLE
             ELSE r.canonical_high + r.steps_above * r.step_used * abs(r.factor) END AS w_high,
        -- the asserted interval in canonical units, NULL where unbounded
        CASE WHEN r.low IS NULL THEN NULL ELSE r.canonical_low END AS c_low,
        CASE WHEN r.high IS NULL THEN NULL ELSE r.canonical_high END AS c_high,
        coalesce(r.canonical_value, (r.canonical_low + r.canonical_high) / 2) AS c_central
    FROM (
        SELECT
            q.*,
            -- "1,000 km" is read as 950-1,050 km, not 500-1,500: the step is at most a tenth of the value
            least(
                coalesce(q.step, 0),
                t.max_step_share * abs(coalesce(q.value, q.range_low, q.low, q.high, 0))
            ) AS step_used,
            -- news truncates scaled figures ("£15.7bn" as "£15bn"), and rounds the rest
            CASE WHEN regexp_matches(q.text, '(?i)\d\s*-?(bn|billion|mn|million|tn|trillion|thousand)\b')
                   OR (q.dimension = 'money' AND regexp_matches(q.text, '(?i)\d\s*(m|k)\b'))
                 THEN t.steps_truncated ELSE t.steps_rounded END AS steps_above
        FROM roled AS q, tolerance AS t
    ) AS r, tolerance AS t
),
article_rates AS (
    SELECT
        x.doc_id,
        x.canonical_unit AS currency,
        avg(usd.canonical_value / x.canonical_value) AS rate
    FROM widened AS x
    JOIN widened AS usd
      ON usd.doc_id = x.doc_id AND usd."group" = x."group" AND usd.figure_id <> x.figure_id
    WHERE x.dimension = 'money' AND usd.dimension = 'money'
      AND usd.canonical_unit = 'USD' AND x.canonical_unit <> 'USD'
      AND x.canonical_value > 0 AND usd.canonical_value > 0
    GROUP BY x.doc_id, x.canonical_unit
),
priced AS (
    SELECT
        w.*,
        CASE WHEN w.dimension <> 'money' THEN NULL
             WHEN w.canonical_unit = 'USD' THEN 1.0
             ELSE coalesce(ar.rate, w.fx_rate) END AS usd_rate,
        CASE WHEN w.dimension <> 'money' THEN NULL
             WHEN w.canonical_unit = 'USD' THEN 'USD'
             WHEN ar.rate IS NOT NULL THEN 'article'
             WHEN w.fx_rate IS NOT NULL THEN 'ECB ' || coalesce(CAST(w.fx_date AS VARCHAR), '')
        END AS rate_source,
        -- the slack applies to a market rate only: an article's own rate is what the writer used
        CASE WHEN w.dimension = 'money' AND w.canonical_unit <> 'USD' AND ar.rate IS NULL
             THEN t.fx_slack ELSE 0.0 END AS slack,
        -- the market rate alone, to check a dual-unit statement's own conversion against
        CASE WHEN w.dimension <> 'money' THEN NULL
             WHEN w.canonical_unit = 'USD' THEN 1.0
             ELSE w.fx_rate END AS market_rate,
        CASE WHEN w.dimension = 'money' AND w.canonical_unit <> 'USD' THEN t.fx_slack ELSE 0.0 END
            AS market_slack
    FROM widened AS w
    CROSS JOIN tolerance AS t
    LEFT JOIN article_rates AS ar ON ar.doc_id = w.doc_id AND ar.currency = w.canonical_unit
),
candidates AS (
    SELECT * FROM priced
    WHERE subject IS NOT NULL AND property IS NOT NULL
      AND NOT defaulted
      -- "for four years", "over a year": how long something has lasted, counted up to the article's
      -- day and about an event the sentence rarely names; the nearest name is no subject for it
      AND property <> 'duration'
      -- a count says how many in one event or period: "nine were wounded" in Kyiv and "seven wounded"
      -- in Dnipro, both linked to Ukraine, are two attacks. Undated, two counts are two events.
      AND NOT (dimension IN ('count', 'number') AND time_scope IS NULL)
      AND (role IS NULL OR time_scope IS NOT NULL)  -- an earlier value or a change, undated: no level
),
pairs AS (
    SELECT
        a.subject,
        a.property,
        CASE WHEN a.doc_id = b.doc_id THEN 'within_article' ELSE 'across_articles' END AS kind,
        a.dimension,
        a.canonical_unit = b.canonical_unit AS same_unit,
        a.usd_rate AS a_rate,
        a.slack AS a_slack,
        b.usd_rate AS b_rate,
        b.slack AS b_slack,
        a AS fa,
        b AS fb
    FROM candidates AS a
    JOIN candidates AS b
      ON a.subject = b.subject
     AND a.property = b.property
     AND a.dimension = b.dimension
     AND (a.doc_id < b.doc_id OR (a.doc_id = b.doc_id AND (a.start < b.start
          OR (a.start = b.start AND a.ordinal < b.ordinal))))
     AND a.time_scope IS NOT DISTINCT FROM b.time_scope
     AND a.role IS NOT DISTINCT FROM b.role
     AND (a."group" IS NULL OR b."group" IS NULL OR a."group" <> b."group")
     AND NOT (a.doc_id = b.doc_id AND a.start = b.start AND a."end" = b."end")
     -- a list or a split range in one sentence: "two women aged 40 and 79", "200 m to 2.5 km"
     AND NOT (a.doc_id = b.doc_id AND a.sentence_start = b.sentence_start AND b.start >= a."end"
              AND regexp_matches(substr(a.sentence, a."end" - a.sentence_start + 1, b.start - a."end"),
                                 '^\s*(,|;|and|or|&|to|-|–|—)?\s*(and|or)?\s*$'))
     -- an age grows with the article's date: "72-year-old" then "73-year-old" agree
     AND (a.dimension <> 'age' OR a.date IS NOT DISTINCT FROM b.date)
    WHERE a.canonical_unit = b.canonical_unit
       OR (a.dimension = 'money' AND a.usd_rate IS NOT NULL AND b.usd_rate IS NOT NULL)
),
conversions AS (
    SELECT
        a.subject,
        a.property,
        'bad_conversion' AS kind,
        a.dimension,
        a.canonical_unit = b.canonical_unit AS same_unit,
        -- the halves' own implied rate cannot check itself: price both at the market rate
        a.market_rate AS a_rate,
        a.market_slack AS a_slack,
        b.market_rate AS b_rate,
        b.market_slack AS b_slack,
        a AS fa,
        b AS fb
    FROM priced AS a
    JOIN priced AS b
      ON a.doc_id = b.doc_id
     AND a."group" = b."group"
     AND a.dimension = b.dimension
     AND (a.start < b.start OR (a.start = b.start AND a.ordinal < b.ordinal))
    WHERE a.canonical_unit = b.canonical_unit
       OR (a.dimension = 'money' AND a.market_rate IS NOT NULL AND b.market_rate IS NOT NULL)
),
-- the unit a (subject, property) is shown in, so that all its pairs read side by side: the unit most of
-- its figures are written in (the first written on a tie); USD when its sums are in several currencies
unit_counts AS (
    SELECT
        subject, property, dimension, unit, canonical_unit,
        any_value(factor) AS factor,
        count(*) AS figures,
        min(doc_id || ':' || lpad(CAST(start AS VARCHAR), 12, '0')) AS first_written
    FROM candidates
    GROUP BY subject, property, dimension, unit, canonical_unit
),
group_units AS (
    SELECT
        ranked.subject, ranked.property, ranked.dimension, ranked.unit, ranked.factor,
        currencies.canonical_units
    FROM (
        SELECT *, row_number() OVER (
            PARTITION BY subject, property, dimension ORDER BY figures DESC, first_written
        ) AS rank
        FROM unit_counts
    ) AS ranked
    JOIN (
        SELECT subject, property, dimension, count(DISTINCT canonical_unit) AS canonical_units
        FROM unit_counts
        GROUP BY subject, property, dimension
    ) AS currencies USING (subject, property, dimension)
    WHERE ranked.rank = 1
),
compared AS (
    SELECT
        c.* EXCLUDE (a_rate, b_rate),
        -- the scale both figures are compared in: canonical units, or USD across currencies
        CASE WHEN c.same_unit THEN 1.0 ELSE c.a_rate END AS a_rate,
        CASE WHEN c.same_unit THEN 1.0 ELSE c.b_rate END AS b_rate,
        CASE WHEN c.same_unit THEN 0.0 ELSE c.a_slack END AS a_fx_slack,
        CASE WHEN c.same_unit THEN 0.0 ELSE c.b_slack END AS b_fx_slack,
        -- how the pair is shown: in its group's unit (a dual-unit statement: in its first half's unit),
        -- in USD across currencies
        CASE
            WHEN c.kind = 'bad_conversion' THEN NOT c.same_unit
            ELSE c.dimension = 'money' AND (NOT c.same_unit OR gu.canonical_units > 1)
                 AND c.fa.usd_rate IS NOT NULL AND c.fb.usd_rate IS NOT NULL
        END AS in_usd,
        gu.unit AS group_unit,
        gu.factor AS group_factor
    FROM (SELECT * FROM pairs UNION ALL SELECT * FROM conversions) AS c
    LEFT JOIN group_units AS gu
      ON c.kind <> 'bad_conversion'
     AND gu.subject = c.subject AND gu.property = c.property AND gu.dimension = c.dimension
),
bounded AS (
    SELECT
        c.*,
        -- a negative end moves the other way: the slack always widens
        c.fa.w_low * c.a_rate * (1 - sign(c.fa.w_low) * c.a_fx_slack) AS a_lo,
        c.fa.w_high * c.a_rate * (1 + sign(c.fa.w_high) * c.a_fx_slack) AS a_hi,
        c.fb.w_low * c.b_rate * (1 - sign(c.fb.w_low) * c.b_fx_slack) AS b_lo,
        c.fb.w_high * c.b_rate * (1 + sign(c.fb.w_high) * c.b_fx_slack) AS b_hi
    FROM compared AS c
),
disagreeing AS (
    SELECT c.*
    FROM bounded AS c, tolerance AS t
    WHERE (isfinite(c.a_hi) AND isfinite(c.b_lo)
           AND c.a_hi < c.b_lo - t.epsilon * greatest(abs(c.a_hi), abs(c.b_lo)))
       OR (isfinite(c.b_hi) AND isfinite(c.a_lo)
           AND c.b_hi < c.a_lo - t.epsilon * greatest(abs(c.b_hi), abs(c.a_lo)))
),
shown AS (
    SELECT
        d.*,
        d.fa.c_low * d.a_show / d.shown_per AS a_shown_low,
        d.fa.c_high * d.a_show / d.shown_per AS a_shown_high,
        d.fb.c_low * d.b_show / d.shown_per AS b_shown_low,
        d.fb.c_high * d.b_show / d.shown_per AS b_shown_high,
        d.fa.c_central * d.a_rate AS a_central,
        d.fb.c_central * d.b_rate AS b_central
    FROM (
        SELECT
            e.*,
            -- canonical (or USD) units per unit shown
            CASE WHEN e.in_usd OR e.dimension = 'temperature' THEN 1.0
                 WHEN e.group_unit IS NOT NULL THEN e.group_factor
                 ELSE e.fa.factor END AS shown_per,
            CASE WHEN e.in_usd THEN 'USD'
                 WHEN e.dimension = 'temperature' THEN e.fa.canonical_unit
                 WHEN e.group_unit IS NOT NULL THEN e.group_unit
                 ELSE e.fa.unit END AS shown_unit,
            -- USD per canonical unit of each side, when shown in USD: the rate it was compared at
            -- (a dual-unit statement: the market's), else the side's own (article or ECB)
            CASE WHEN NOT e.in_usd THEN 1.0 WHEN e.kind = 'bad_conversion' THEN e.a_rate
                 ELSE e.fa.usd_rate END AS a_show,
            CASE WHEN NOT e.in_usd THEN 1.0 WHEN e.kind = 'bad_conversion' THEN e.b_rate
                 ELSE e.fb.usd_rate END AS b_show
        FROM disagreeing AS e
    ) AS d
)
SELECT
    subject,
    property,
    kind,
    dimension,
    shown_unit AS unit,
    greatest(b_shown_low - a_shown_high, a_shown_low - b_shown_high, 0) AS gap,
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
    a_shown_low,
    a_shown_high,
    CASE WHEN in_usd THEN a_show END AS a_usd_rate,
    CASE WHEN NOT in_usd THEN NULL WHEN kind = 'bad_conversion' AND fa.canonical_unit <> 'USD'
         THEN 'ECB ' || coalesce(CAST(fa.fx_date AS VARCHAR), '') ELSE fa.rate_source END AS a_rate_source,
    fa.title AS a_title,
    fa.source AS a_source,
    fa.date AS a_date,
    fa.claimant AS a_claimant,
    fa.time_scope AS a_time_scope,
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
    b_shown_low,
    b_shown_high,
    CASE WHEN in_usd THEN b_show END AS b_usd_rate,
    CASE WHEN NOT in_usd THEN NULL WHEN kind = 'bad_conversion' AND fb.canonical_unit <> 'USD'
         THEN 'ECB ' || coalesce(CAST(fb.fx_date AS VARCHAR), '') ELSE fb.rate_source END AS b_rate_source,
    fb.title AS b_title,
    fb.source AS b_source,
    fb.date AS b_date,
    fb.claimant AS b_claimant,
    fb.time_scope AS b_time_scope
FROM shown
ORDER BY subject NULLS LAST, property, kind, a_doc_id, a_start, b_doc_id, b_start;
