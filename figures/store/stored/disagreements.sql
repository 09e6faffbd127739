-- The stored disagreements: the rows of the view live_disagreements (the conflicts chain, claims.sql ->
-- claim_clusters.sql -> disagreements.sql), written when figures are loaded, so that `figures conflicts`
-- and conflict_pairs read rows instead of planning the chain (0.2-0.3 s at any size). The view decides
-- what a disagreement is; this table only keeps its rows.
--
-- Made whole whenever the views are made: a new file, an upgraded one, or a figures whose view files
-- differ (the rules may have changed, so every stored row may be stale). Between, each load notes what
-- it touched (touched.sql, merged.sql) and refresh.sql finds those disagreements again.
CREATE OR REPLACE TABLE disagreements AS SELECT * FROM live_disagreements;
