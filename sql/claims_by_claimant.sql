-- Who says what: the figures each claimant is quoted for ("Syrskyi claimed", "the ministry said"),
-- with subject, property and value, so that a fact-checker compares claims rather than bare numbers.
SELECT
    f.claimant,
    count(*) OVER (PARTITION BY f.claimant)     AS claims,
    f.subject,
    f.property,
    f.text,
    f.dimension,
    f.time_scope,
    d.title
FROM figures AS f
JOIN documents AS d USING (doc_id)
WHERE f.claimant IS NOT NULL
ORDER BY claims DESC, f.claimant, f.subject NULLS LAST, f.start;
