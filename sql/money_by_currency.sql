-- Money by currency, in USD: how many sums each currency has, their total and largest in the
-- currency as written and in US dollars at each article's date (ECB rates), and how many have no
-- USD value (a missing or stale rate: see fx_note).
SELECT
    canonical_unit                                           AS currency,
    count(*)                                                 AS figures,
    count(DISTINCT doc_id)                                   AS articles,
    -- each sum as written (the middle of a range), then at the rate of its article's date
    sum(coalesce(value, (range_low + range_high) / 2))            AS total_as_written,
    max(coalesce(value, range_high))                              AS largest_as_written,
    round(sum(coalesce(canonical_value, (canonical_low + canonical_high) / 2) * fx_rate) / 1e9, 3)
                                                                  AS total_usd_bn,
    round(max(coalesce(canonical_value, canonical_high) * fx_rate) / 1e9, 3) AS largest_usd_bn,
    round(avg(fx_rate), 4)                                        AS usd_per_unit,
    count(*) FILTER (WHERE fx_rate IS NULL)                       AS without_usd,
    any_value(fx_note)                                       AS a_note
FROM figures
WHERE dimension = 'money'
GROUP BY canonical_unit
ORDER BY total_usd_bn DESC NULLS LAST, figures DESC;
