-- Claims: the figures that can be compared, each with the interval it asserts, and the group of claims
-- it belongs to. The first link of the conflicts chain (claims -> claim_clusters -> disagreements ->
-- conflict_pairs); figures.compare and `figures conflicts` read the chain, they do not recompute it.
--
-- Every step is one pass over the figures (a filter, a window over one sentence or one group, or a
-- join within one statement): nothing here compares figures in pairs, so the cost grows with the
-- corpus. The chain reads only `figure_sources`; over a Parquet dataset, `figures`/`documents` are views
-- over read_parquet and the same files run unchanged (figures.compare.parquet).
--
-- claim_figures, step by step:
--   usable      figures with a unit and a canonical value (else their own unit), not vague ("hundreds of
--               miles"); a bare number only when whole and the sentence names its property ("1,500
--               killed"), never "half" or an unexplained "64", and then a count like "1,500 soldiers";
--               never money whose currency the extractor marked ambiguous (extra.currency_ambiguous:
--               "$" alone may be another dollar). `counted` is what a count counts (extra.counted).
--   roled       each figure's role in its sentence: 'from' for the earlier value of a change
--               ("down from 40%", "grew from 10.5 per cent ... to 16.7 per cent"), 'by' for the size
--               of a change ("rose by 5%"), 'range end' for a range the extractor split ("between
--               200 m and 2.5 km"), NULL for a level.
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
--               writer may have used another day's rate; money with neither rate is compared in its
--               own currency only.
--
-- claims, step by step:
--   candidates  figures with a subject and a property the sentence names (not one defaulted from the
--               dimension: "two countries" is no claim about any one quantity), not durations ("for
--               four years": counted up to the article's day, about an event rarely named), not
--               counts of what happened without a time scope ("nine were wounded", "seven wounded": two
--               attacks), while counts of what a thing has (crew, seats, staff, inhabitants) need none;
--               a change ('from', 'by') only with a time scope.
--   keyed       the group a claim belongs to: (entity, property, dimension, role, time scope). The
--               entity is the linker's entity_id, else the subject as written. The time scope is the
--               dates (time_start/time_end) where the linker gave them, else the words; an age also
--               takes the article's date ("72-year-old" then "73-year-old" agree), an undated count of
--               staff or inhabitants the article's year.
--   counting    a count's property names what it counts ("fired (drone)"); a count that names nothing
--               ("the toll rose to 73") takes the one thing the rest of its group counts, if one.
--   listed      figures listed side by side in one sentence about one group ("two women aged 40 and
--               79", "200 m to 2.5 km") are several things, not claims about one quantity: left out.
--   scaled      the scale a group is compared in: its canonical unit when all its claims share one;
--               across currencies, USD for money priced in USD, its own currency for money not.
--               `lo`/`hi` are the widened interval in that scale (infinite where unbounded).
CREATE OR REPLACE VIEW claim_figures AS
WITH
tolerance AS (
    SELECT
        0.5  AS steps_rounded,    -- a writer who rounds is at most half a step off either way...
        1.0  AS steps_truncated,  -- ...one who truncates a scaled figure ("£15bn" for £15.7bn) a whole step
        0.1  AS max_step_share,   -- a round number is at least two significant figures precise
        0.03 AS fx_slack          -- a market rate of another day than the article's
),
-- the property link gives a figure whose sentence names none (figures/link DEFAULT_PROPERTY):
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
            -- a bare whole number the sentence says what of ("the toll rose to 73") is a count like "52
            -- people": one dimension and one scale, so that the two compare
            CASE WHEN s.dimension = 'number' AND s.unit = '' THEN 'count' ELSE s.dimension END AS dimension,
            -- a figure normalise could not read still compares with others in its own unit
            CASE WHEN s.dimension = 'number' AND s.unit = '' THEN 'count'
                 ELSE coalesce(s.canonical_unit, s.unit) END AS canonical_unit,
            CASE WHEN s.canonical_unit IS NULL THEN s.value ELSE s.canonical_value END AS canonical_value,
            CASE WHEN s.canonical_unit IS NULL THEN coalesce(s.low, s.range_low, s.value)
                 ELSE s.canonical_low END AS canonical_low,
            CASE WHEN s.canonical_unit IS NULL THEN coalesce(s.high, s.range_high, s.value)
                 ELSE s.canonical_high END AS canonical_high
        ),
        -- what a count counts ("attack drones" -> drone): counts of different things never compare
        CASE WHEN s.dimension IN ('count', 'number') THEN json_extract_string(s.extra, '$.counted') END AS counted,
        -- the sentence before the figure: where "down from", "rose by" would stand
        right(substr(s.sentence, 1, greatest(s.start - s.sentence_start, 0)), 60) AS lead_in,
        -- canonical units per unit as written (for the step and for showing values in another unit)
        CASE WHEN s.canonical_unit IS NULL THEN 1.0 ELSE coalesce(
            s.canonical_value / nullif(s.value, 0),
            s.canonical_low / nullif(s.low, 0),
            s.canonical_high / nullif(s.high, 0),
            1.0
        ) END AS factor,
        (s.property_text IS NULL AND dp.property IS NOT NULL)
            -- the linker marks a property it took from the dimension alone ("a 65,000-tonne carrier")
            OR coalesce(json_extract_string(s.extra, '$.property_rule') = 'dimension', FALSE) AS defaulted
    FROM figure_sources AS s
    LEFT JOIN default_properties AS dp ON dp.dimension = s.dimension AND dp.property = s.property
    WHERE NOT s.vague
      AND (
          (s.unit <> '' AND s.dimension <> 'number')
          -- a bare whole number the sentence says what of: "1,500 killed", "fired 40"
          OR (s.unit = '' AND s.property_text IS NOT NULL AND s.value >= 1 AND s.value = round(s.value))
      )
      AND (s.canonical_unit IS NULL OR s.canonical_low IS NOT NULL OR s.canonical_high IS NOT NULL)
      AND NOT (s.dimension = 'money' AND coalesce(
          TRY_CAST(json_extract_string(s.extra, '$.currency_ambiguous') AS BOOLEAN), FALSE
      ))
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
stepped AS (
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
),
widened AS (
    SELECT
        r.*,
        CASE WHEN r.low IS NULL THEN '-inf'::DOUBLE
             ELSE r.canonical_low - t.steps_rounded * r.step_used * abs(r.factor) END AS w_low,
        CASE WHEN r.high IS NULL THEN 'inf'::DOUBLE
             ELSE r.canonical_high + r.steps_above * r.step_used * abs(r.factor) END AS w_high,
        CASE WHEN r.low IS NULL THEN NULL ELSE r.canonical_low END AS c_low,
        CASE WHEN r.high IS NULL THEN NULL ELSE r.canonical_high END AS c_high,
        coalesce(r.canonical_value, (r.canonical_low + r.canonical_high) / 2) AS c_central
    FROM stepped AS r, tolerance AS t
),
-- the halves of one statement in one article: a join within (doc_id, group), two or three figures each
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
)
SELECT
    w.figure_id, w.doc_id, w.ordinal, w.start, w."end", w.text, w.value, w.unit, w.qualifier,
    w.low, w.high, w."group", w.dimension, w.sentence, w.sentence_start,
    w.title, w.source, w.date,
    w.entity_id, w.subject, w.property, w.counted, w.defaulted, w.claimant,
    w.time_scope, w.time_start, w.time_end, w.role,
    w.canonical_unit, w.factor, w.c_low, w.c_high, w.c_central, w.w_low, w.w_high,
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
         THEN t.fx_slack ELSE 0.0 END AS fx_slack,
    -- the market rate alone, to check a dual-unit statement's own conversion against
    CASE WHEN w.dimension <> 'money' THEN NULL
         WHEN w.canonical_unit = 'USD' THEN 1.0
         ELSE w.fx_rate END AS market_rate,
    CASE WHEN w.dimension = 'money' AND w.canonical_unit <> 'USD' THEN t.fx_slack ELSE 0.0 END
        AS market_slack,
    w.fx_date
FROM widened AS w
CROSS JOIN tolerance AS t
LEFT JOIN article_rates AS ar ON ar.doc_id = w.doc_id AND ar.currency = w.canonical_unit;

CREATE OR REPLACE VIEW claims AS
WITH
-- counts of what a thing has, not of what happened: a ship's crew, an airliner's seats, a company's
-- staff, a town's people. A design's hold for as long as the thing does, so a date is no part of them;
-- those that grow and shrink (`changes`: staff, people) hold, undated, for the article's year.
standing_counts (property, changes) AS (
    VALUES ('crew', FALSE), ('capacity', FALSE), ('employees', TRUE), ('population', TRUE)
),
candidates AS (
    SELECT * FROM claim_figures
    WHERE subject IS NOT NULL AND property IS NOT NULL
      AND NOT defaulted
      -- "for four years", "over a year": how long something has lasted, counted up to the article's
      -- day and about an event the sentence rarely names; the nearest name is no subject for it
      AND property <> 'duration'
      -- a count says how many in one event or period: "nine were wounded" in Kyiv and "seven wounded"
      -- in Dnipro, both linked to Ukraine, are two attacks. Undated, two counts are two events.
      AND NOT (dimension = 'count' AND time_scope IS NULL AND time_start IS NULL AND time_end IS NULL
               AND property NOT IN (SELECT property FROM standing_counts))
      -- an earlier value or a change, undated: no level
      AND (role IS NULL OR time_scope IS NOT NULL OR time_start IS NOT NULL OR time_end IS NOT NULL)
),
keyed AS (
    SELECT
        c.*,
        coalesce(c.entity_id, c.subject) AS entity,
        concat_ws(' ',
            CASE WHEN c.time_start IS NOT NULL OR c.time_end IS NOT NULL
                 THEN coalesce(CAST(c.time_start AS VARCHAR), '..') || '/'
                      || coalesce(CAST(c.time_end AS VARCHAR), '..')
                 ELSE c.time_scope END,
            CASE WHEN c.dimension = 'age' THEN 'as of ' || coalesce(CAST(c.date AS VARCHAR), 'undated') END,
            CASE WHEN c.dimension = 'count' AND c.time_scope IS NULL AND c.time_start IS NULL
                      AND c.time_end IS NULL
                      AND c.property IN (SELECT property FROM standing_counts WHERE changes)
                 THEN 'as of ' || coalesce(CAST(year(c.date) AS VARCHAR), 'undated') END
        ) AS scope
    FROM candidates AS c
),
-- counts of different things are different quantities: "fired (drone)", "fired (missile)". A count that
-- does not say what it counts ("the death toll rose to 73") counts what the other counts of its group
-- count, when they all count one thing ("52 people"); beside two things it stays apart from both.
counting AS (
    SELECT
        k.* REPLACE (
            CASE WHEN k.counted IS NOT NULL THEN k.property || ' (' || k.counted || ')'
                 WHEN k.dimension = 'count' AND min(k.counted) OVER plain_group = max(k.counted) OVER plain_group
                     THEN k.property || ' (' || min(k.counted) OVER plain_group || ')'
                 ELSE k.property END AS property
        )
    FROM keyed AS k
    WINDOW plain_group AS (PARTITION BY k.entity, k.property, k.dimension, k.role, k.scope)
),
-- neighbours in one sentence within one group, in reading order
neighbours AS (
    SELECT
        k.*,
        lag(k."end") OVER sentence_order AS previous_end,
        lead(k.start) OVER sentence_order AS next_start
    FROM counting AS k
    WINDOW sentence_order AS (
        PARTITION BY k.entity, k.property, k.dimension, k.role, k.scope, k.doc_id, k.sentence_start
        ORDER BY k.start, k."end", k.ordinal
    )
),
unlisted AS (
    SELECT n.* EXCLUDE (previous_end, next_start)
    FROM neighbours AS n
    -- only a list's words between two figures: "40 and 79", "200 m to 2.5 km", "10, 20 or 30"
    WHERE NOT coalesce(n.previous_end <= n.start AND regexp_matches(
              substr(n.sentence, n.previous_end - n.sentence_start + 1, n.start - n.previous_end),
              '^\s*(,|;|and|or|&|to|-|–|—)?\s*(and|or)?\s*$'), FALSE)
      AND NOT coalesce(n.next_start >= n."end" AND regexp_matches(
              substr(n.sentence, n."end" - n.sentence_start + 1, n.next_start - n."end"),
              '^\s*(,|;|and|or|&|to|-|–|—)?\s*(and|or)?\s*$'), FALSE)
),
scaled AS (
    SELECT
        u.*,
        CASE WHEN min(u.canonical_unit) OVER claim_group = max(u.canonical_unit) OVER claim_group
                  OR u.usd_rate IS NULL
             THEN u.canonical_unit ELSE 'USD' END AS scale
    FROM unlisted AS u
    WINDOW claim_group AS (PARTITION BY u.entity, u.property, u.dimension, u.role, u.scope)
),
measured AS (
    SELECT
        s.*,
        CASE WHEN s.scale = 'USD' AND s.canonical_unit <> 'USD' THEN s.usd_rate ELSE 1.0 END AS rate,
        CASE WHEN s.scale = 'USD' AND s.canonical_unit <> 'USD' THEN s.fx_slack ELSE 0.0 END AS slack
    FROM scaled AS s
)
SELECT
    md5(to_json([m.entity, m.property, m.dimension, m.role, m.scope, m.scale])::VARCHAR) AS group_id,
    m.entity, m.scope, m.scale,
    -- a negative end moves the other way: the slack always widens
    m.w_low * m.rate * (1 - sign(m.w_low) * m.slack) AS lo,
    m.w_high * m.rate * (1 + sign(m.w_high) * m.slack) AS hi,
    m.rate AS scale_rate,
    -- one statement of one article: the halves of a dual-unit statement ("995 miles (1,600
    -- kilometers)"), or the figures read on one span, are one claim
    coalesce(m."group", CAST(m.start AS VARCHAR) || ':' || CAST(m."end" AS VARCHAR)) AS statement,
    m.* EXCLUDE (entity, scope, scale, rate, slack)
FROM measured AS m;
