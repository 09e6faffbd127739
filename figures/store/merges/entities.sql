-- The corpus-level entity merge: each name an article gives an entity (entity_names, one row per
-- name_id the linker made from one article alone) is mapped onto one canonical entity for the whole
-- store, and the `entities` table holds one row per canonical entity with every name seen for it.
--
-- Store.load runs this in each load's transaction, after upserting the batch's names into entity_names
-- and before inserting the batch's figures; `figures load` runs it after a Dask run's Parquet. It is
-- idempotent (the mapping is recomputed from entity_names alone, so running it twice changes nothing)
-- and order-free (articles loaded in any batches, runs or processes reach the same mapping; a name
-- merged while it was unambiguous is split off again when a second candidate arrives).
-- Inputs, made by the caller: _entity_loaded(name_id), the names of this load; _company_suffixes(word).
--
-- The rules, each only when exactly one canonical entity qualifies (two people surnamed Smith: a bare
-- "Smith" stays its own entity):
--   full name   a person named in three words or more ("Donald J. Trump") -> the one two-word person with
--               the same first and last word ("Donald Trump")
--   surname     a one-word person, or a one-word name of no known kind ("Starmer") -> the one person of
--               the corpus named in full with that last word ("Keir Starmer")
--   company     a one-word name of a company, organisation or no known kind ("Acme") -> the one company
--               whose name is that word and a company suffix ("Acme Corp")
-- A name with a "/" in its id is a description local to one article ("doc-7/the-package"): never merged.
--
-- Every rule compares names that share one word, entity_names.merge_word: a person's or any name's last
-- word, a company name's word before its suffix ("acme" of "Acme Corp"). So only the names that share a
-- merge_word with this load's names are read again, and a load costs what its names touch, not the
-- whole store.

-- names stored without a merge word: this load's new or changed ones, or a file upgraded from schema 3
CREATE OR REPLACE TEMP TABLE _entity_fresh AS SELECT name_id FROM entity_names WHERE merge_word IS NULL;

UPDATE entity_names SET merge_word = CASE
        WHEN contains(entity_names.name_id, '/') OR len(w.words) = 0 THEN ''
        WHEN len(w.words) >= 2 AND w.words[-1] IN (SELECT word FROM _company_suffixes)
             AND entity_names.kind IN ('company', 'organisation', 'other')
            THEN array_to_string(w.words[1:-2], ' ')
        ELSE w.words[-1]
    END
FROM (
    SELECT name_id, [rtrim(word, '.,') FOR word IN string_split(lower(trim(name)), ' ') IF word <> ''] AS words
    FROM entity_names WHERE merge_word IS NULL
) AS w
WHERE entity_names.name_id = w.name_id;

-- the names that share a merge word with this load's names: the only ones whose entity can change
CREATE OR REPLACE TEMP TABLE _entity_candidates AS
SELECT n.name_id, n.kind, n.merge_word,
       [rtrim(word, '.,') FOR word IN string_split(lower(trim(n.name)), ' ') IF word <> ''] AS words
FROM entity_names AS n
WHERE n.merge_word IN (
    SELECT t.merge_word FROM entity_names AS t
    WHERE t.merge_word <> ''
      AND t.name_id IN (SELECT name_id FROM _entity_loaded UNION ALL SELECT name_id FROM _entity_fresh)
);

CREATE OR REPLACE TEMP TABLE _entity_merge AS
WITH names AS (SELECT * FROM _entity_candidates),
people AS (
    SELECT name_id, words[1] AS first, merge_word AS last, len(words) AS size
    FROM names
    WHERE kind = 'person' AND len(words) >= 2
),
two_word_people AS (
    SELECT first, last, any_value(name_id) AS entity_id
    FROM people WHERE size = 2
    GROUP BY first, last
    HAVING count(DISTINCT name_id) = 1
),
people_canonical AS (
    SELECT p.name_id, p.last, coalesce(t.entity_id, p.name_id) AS entity_id
    FROM people AS p
    LEFT JOIN two_word_people AS t ON p.size > 2 AND t.first = p.first AND t.last = p.last
),
surnames AS (
    SELECT last, any_value(entity_id) AS entity_id
    FROM people_canonical
    GROUP BY last
    HAVING count(DISTINCT entity_id) = 1
),
company_stems AS (
    -- names whose merge word is not their last word: a company's name before its suffix
    SELECT merge_word AS stem, any_value(name_id) AS entity_id
    FROM names
    WHERE len(words) >= 2 AND merge_word <> words[-1]
    GROUP BY merge_word
    HAVING count(DISTINCT name_id) = 1
),
one_word AS (
    SELECT n.name_id, s.entity_id
    FROM names AS n JOIN surnames AS s ON n.merge_word = s.last
    WHERE len(n.words) = 1 AND n.kind IN ('person', 'other')
    UNION
    SELECT n.name_id, c.entity_id
    FROM names AS n JOIN company_stems AS c ON n.merge_word = c.stem
    WHERE len(n.words) = 1 AND n.kind IN ('company', 'organisation', 'other')
),
one_word_canonical AS (
    SELECT name_id, any_value(entity_id) AS entity_id
    FROM one_word
    GROUP BY name_id
    HAVING count(DISTINCT entity_id) = 1
)
SELECT n.name_id, coalesce(w.entity_id, p.entity_id, n.name_id) AS entity_id
FROM names AS n
LEFT JOIN one_word_canonical AS w USING (name_id)
LEFT JOIN people_canonical AS p USING (name_id);

-- the names whose canonical entity changed (a new one is stored with its own id until this runs; a
-- name that shares no word with this load's names keeps its entity)
CREATE OR REPLACE TEMP TABLE _entity_changed AS
SELECT m.name_id, m.entity_id, n.entity_id AS was
FROM _entity_merge AS m JOIN entity_names AS n USING (name_id)
WHERE n.entity_id IS DISTINCT FROM m.entity_id;

UPDATE entity_names SET entity_id = c.entity_id
FROM _entity_changed AS c WHERE entity_names.name_id = c.name_id;

-- figures loaded before keep up: only those whose name changed entity are touched
UPDATE figures SET entity_id = c.entity_id
FROM _entity_changed AS c WHERE figures.name_id = c.name_id;

-- the canonical rows to write again: those of this load's names, and those a changed name left or joined
CREATE OR REPLACE TEMP TABLE _entity_touched AS
SELECT entity_id FROM _entity_changed
UNION SELECT was FROM _entity_changed WHERE was IS NOT NULL
UNION SELECT n.entity_id FROM entity_names AS n JOIN _entity_loaded AS l USING (name_id);

-- one row per canonical entity: the canonical name's own row gives name and kind (a kind the linker
-- could not tell, "other", takes a kind one of its names has; min() so that any load order gives the
-- same row), aliases are every other name and alias
INSERT INTO entities BY NAME
SELECT entity_id, name, kind, [alias FOR alias IN aliases IF alias <> name] AS aliases
FROM (
    SELECT
        n.entity_id,
        coalesce(any_value(n.name) FILTER (WHERE n.name_id = n.entity_id), min(n.name)) AS name,
        coalesce(
            any_value(n.kind) FILTER (WHERE n.name_id = n.entity_id AND n.kind <> 'other'),
            min(n.kind) FILTER (WHERE n.kind <> 'other'),
            'other'
        ) AS kind,
        list_sort(list_distinct(flatten(list(list_append(n.aliases, n.name))))) AS aliases
    FROM entity_names AS n
    WHERE n.entity_id IN (SELECT entity_id FROM _entity_touched)
    GROUP BY n.entity_id
)
ON CONFLICT (entity_id) DO UPDATE SET name = excluded.name, kind = excluded.kind, aliases = excluded.aliases;

-- a canonical entity that no name maps onto any more (merged into another) goes
DELETE FROM entities
WHERE entity_id IN (SELECT entity_id FROM _entity_touched)
  AND entity_id NOT IN (SELECT entity_id FROM entity_names);
