-- Schema 2 to 3: documents.text_hash, so that a re-run skips the articles it finds unchanged (older
-- rows get it when they are loaded again). Idempotent, so a cut-off upgrade can run again; IF EXISTS so
-- that a file without the table reaches the column check, which names what differs.
ALTER TABLE IF EXISTS documents ADD COLUMN IF NOT EXISTS text_hash VARCHAR;
