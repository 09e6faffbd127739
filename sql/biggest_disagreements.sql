-- The biggest disagreements first: every pair of the `conflicts` view, by how many times larger one
-- figure is than the other, with both figures in one unit and the articles they come from.
SELECT
    subject,
    property,
    kind,
    round(ratio, 2)                                                AS times_larger,
    gap,
    unit,
    a_text,
    a_shown_low,
    a_shown_high,
    coalesce(a_claimant, '')                                       AS a_claimant,
    a_title,
    b_text,
    b_shown_low,
    b_shown_high,
    coalesce(b_claimant, '')                                       AS b_claimant,
    b_title
FROM conflicts
ORDER BY ratio DESC NULLS LAST, gap DESC;
