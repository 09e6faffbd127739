-- The biggest disagreements first: each group of claims whose values fall apart, by how many times
-- larger its highest cluster is than its lowest, with each cluster's values (in one unit), how many
-- articles say it (copies of one story once) and who says so.
SELECT
    d.subject,
    d.property,
    d.time_scope,
    d.kind,
    round(d.spread, 2)                                        AS times_larger,
    c.unit,
    c.low,
    c.high,
    c.articles,
    c.copies,
    [f.text FOR f IN c.figures]                               AS figures,
    c.claimants,
    c.sources
FROM disagreements AS d, unnest(d.clusters) AS u(c)
ORDER BY d.spread DESC NULLS LAST, d.disagreement_id, c.low;
