-- Ranges per weapon across sources: every range (maximum or minimum) stated for a subject, in km,
-- with the article it comes from, who says so, and the sentence. Start here to see how far apart
-- the sources are on one weapon ("Tomahawk", "Oreshnik", "Kalibr", ...).
SELECT
    f.subject,
    f.property,
    f.text,
    f.qualifier,
    -- the interval asserted (qualifiers applied), NULL where unbounded ("at least", "up to")
    CASE WHEN f.low IS NOT NULL THEN round(f.canonical_low / 1000, 1) END   AS low_km,
    CASE WHEN f.high IS NOT NULL THEN round(f.canonical_high / 1000, 1) END AS high_km,
    CASE WHEN f.low IS NULL THEN 'unbounded below'
         WHEN f.high IS NULL THEN 'unbounded above' END    AS open_end,
    f.claimant,
    s.title,
    s.source,
    s.date,
    f.sentence
FROM figures AS f
JOIN documents AS s USING (doc_id)
WHERE f.dimension = 'length'
  AND f.property IN ('range', 'minimum range')
  AND f.subject IS NOT NULL
ORDER BY f.subject, f.property, f.canonical_low, s.date;
