-- Schema 4 to 5: disagreements stored at write time. `disagreements` was the last view of the conflicts
-- chain; it is now a table (stored/disagreements.sql builds it from the view live_disagreements when
-- the views are made, which an upgrade does), so `figures conflicts` reads rows instead of planning the
-- chain. Each load notes here what it touched; stored/refresh.sql brings those disagreements up to date.
-- Store._ensure_schema drops the old view before the table is made (DuckDB cannot drop "a view if it is
-- one" in SQL). Idempotent, so a cut-off upgrade can run again.
CREATE TABLE IF NOT EXISTS disagreements_pending (
    entity      VARCHAR,
    sentence    VARCHAR,
    everything  BOOLEAN NOT NULL DEFAULT false
);
