-- One bucket of a refresh's keys (keys.sql), by a hash of each entity and sentence: a refresh of many
-- figures (a first load of a large corpus, a table made whole) runs refresh.sql once per bucket, so the
-- chain holds one bucket's articles at a time and its memory is bounded whatever the corpus. An entity
-- or a sentence is in exactly one bucket. Parameters: $buckets, $bucket (0 .. $buckets - 1).
CREATE OR REPLACE TEMP TABLE _conflict_keys AS
SELECT entity, CAST(NULL AS VARCHAR) AS sentence
FROM _conflict_entities
WHERE hash(entity) % CAST($buckets AS UBIGINT) = CAST($bucket AS UBIGINT)
UNION ALL
SELECT CAST(NULL AS VARCHAR) AS entity, sentence
FROM _conflict_sentences
WHERE hash(sentence) % CAST($buckets AS UBIGINT) = CAST($bucket AS UBIGINT);
