"""Entities across articles: the store's merge (figures/store/merges/entities.sql) and the linker's names.

Every case here is invented for these tests (people, companies and weapons named as news names them);
nothing is copied from a benchmark or the held-out passages.

The store's half needs no parse: each article's linker output is stood for by the Entity it names (the
id the linker makes from one article alone), loaded in separate batches, files and store openings as
separate runs and processes would load them. The linker's half parses short invented sentences.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from figures.model import Document, Entity, Figure
from figures.store import Store, open_store

MakeFigure = Callable[..., Figure]


def person(name: str) -> Entity:
    return Entity(name.lower().replace(" ", "-").replace(".", ""), name, "person")


def named(name: str, kind: str = "other") -> Entity:
    return Entity(name.lower().replace(" ", "-"), name, kind)


def canonical(store: Store) -> dict[str, str]:
    """name_id -> the canonical entity it is merged into."""
    return dict(store.fetch("SELECT name_id, entity_id FROM entity_names").rows)


def entity_rows(store: Store) -> dict[str, tuple[str, str, list[str]]]:
    rows = store.fetch("SELECT entity_id, name, kind, aliases FROM entities").rows
    return {entity_id: (name, kind, list(aliases)) for entity_id, name, kind, aliases in rows}


def load_in_batches(store: Store, batches: Sequence[Sequence[Entity]]) -> None:
    for batch in batches:
        store.load([], [], entities=list(batch))


# (what the articles name, batch by batch; name_id -> the canonical entity it must get)
MERGES = {
    "a bare surname joins the one person named in full": (
        [[person("Keir Starmer")], [person("Starmer")]],
        {"starmer": "keir-starmer", "keir-starmer": "keir-starmer"},
    ),
    "the surname may come first": (
        [[person("Starmer")], [person("Keir Starmer")]],
        {"starmer": "keir-starmer"},
    ),
    "a surname of no known kind joins too": (
        [[person("Rachel Reeves")], [named("Reeves")]],
        {"reeves": "rachel-reeves"},
    ),
    "two people with one surname: the bare surname stays apart": (
        [[person("John Smith")], [person("Adam Smith")], [person("Smith")]],
        {"smith": "smith", "john-smith": "john-smith", "adam-smith": "adam-smith"},
    ),
    "a middle initial joins the two-word name": (
        [[person("Donald Trump")], [person("Donald J. Trump")], [person("Trump")]],
        {"donald-j-trump": "donald-trump", "trump": "donald-trump"},
    ),
    "a company's short name joins its name with a suffix": (
        [[named("Acme Corp", "company")], [named("Acme")]],
        {"acme": "acme-corp"},
    ),
    "two companies could own the short name: it stays apart": (
        [
            [named("Globex Group", "company")],
            [named("Globex Holdings", "company")],
            [named("Globex", "company")],
        ],
        {"globex": "globex"},
    ),
    "a country is no surname": (
        [[person("Michael Jordan")], [named("Jordan", "country")]],
        {"jordan": "jordan"},
    ),
    "a description local to an article never merges": (
        [[person("Keir Starmer")], [Entity("doc-9/starmer", "Starmer", "person")]],
        {"doc-9/starmer": "doc-9/starmer"},
    ),
}


@pytest.mark.parametrize("case", list(MERGES), ids=list(MERGES))
def test_names_merge_onto_canonical_entities_across_batches(store: Store, case: str) -> None:
    batches, expected = MERGES[case]
    load_in_batches(store, batches)
    found = canonical(store)
    assert {name_id: found[name_id] for name_id in expected} == expected
    rows = entity_rows(store)
    assert set(rows) == set(found.values())  # one row per canonical entity, none for a merged name


def test_the_canonical_entity_keeps_every_name_as_an_alias(store: Store) -> None:
    load_in_batches(
        store,
        [[person("Keir Starmer")], [dataclasses.replace(person("Starmer"), aliases=("Mr Starmer",))]],
    )
    assert entity_rows(store) == {"keir-starmer": ("Keir Starmer", "person", ["Mr Starmer", "Starmer"])}


def test_a_second_person_with_the_surname_splits_it_off_again(store: Store) -> None:
    load_in_batches(store, [[person("John Smith")], [person("Smith")]])
    assert canonical(store)["smith"] == "john-smith"
    store.load([], [], entities=[person("Adam Smith")])
    assert canonical(store)["smith"] == "smith"
    rows = entity_rows(store)
    assert rows["john-smith"] == ("John Smith", "person", [])  # "Smith" is no longer his
    assert rows["smith"] == ("Smith", "person", [])


def test_the_merge_is_the_same_in_any_order_and_idempotent(tmp_path: Path) -> None:
    names = [person("Keir Starmer"), person("Starmer"), person("John Smith"), person("Adam Smith"),
             person("Smith"), named("Acme Corp", "company"), named("Acme")]  # fmt: skip
    results = []
    for order in (names, names[::-1], names[1::2] + names[::2]):
        with open_store(tmp_path / f"{len(results)}.duckdb", read_only=False) as store:
            load_in_batches(store, [[one] for one in order])
            load_in_batches(store, [order])  # everything again, in one batch: nothing changes
            results.append((canonical(store), entity_rows(store)))
    assert results[0] == results[1] == results[2]


def test_names_upgraded_from_schema_3_merge_on_the_next_load(store: Store) -> None:
    """upgrades/4.sql copies schema 3's entities into entity_names unmerged, with no merge word: the next
    load, whatever it names, merges them all."""
    store.execute(
        "INSERT INTO entity_names VALUES "
        "('keir-starmer', 'Keir Starmer', 'person', [], 'keir-starmer', NULL), "
        "('starmer', 'Starmer', 'person', [], 'starmer', NULL)",
        write=True,
    )
    store.load([], [], entities=[named("Kestrel Group", "company")])
    assert canonical(store) == {
        "keir-starmer": "keir-starmer",
        "starmer": "keir-starmer",
        "kestrel-group": "kestrel-group",
    }
    assert set(entity_rows(store)) == {"keir-starmer", "kestrel-group"}


def test_a_load_reads_again_only_the_names_sharing_a_word_with_its_own(store: Store) -> None:
    load_in_batches(store, [[person("Keir Starmer")], [person("Starmer")], [named("Acme Corp", "company")]])
    words = dict(store.fetch("SELECT name_id, merge_word FROM entity_names").rows)
    assert words == {"keir-starmer": "starmer", "starmer": "starmer", "acme-corp": "acme"}
    store.load([], [], entities=[named("Acme")])
    assert canonical(store) == {"keir-starmer": "keir-starmer", "starmer": "keir-starmer",
                                "acme-corp": "acme-corp", "acme": "acme-corp"}  # fmt: skip


ARTICLE_ONE = Document("one", "Keir Starmer earns £150,000 a year.", date=dt.date(2025, 1, 6))
ARTICLE_TWO = Document("two", "Mr Starmer earns £160,000 a year.", date=dt.date(2025, 1, 7))


def test_figures_loaded_before_follow_their_name_to_the_full_name(
    tmp_path: Path, make_figure: MakeFigure
) -> None:
    """The surname's article comes first, in one run; the full name in a later run (another opening of
    the file, as another process would): the first article's figure moves to the full name."""
    path = tmp_path / "runs.duckdb"
    surname, full = person("Starmer"), person("Keir Starmer")
    first = make_figure(ARTICLE_TWO, "£160,000", 160000.0, subject="Starmer", entity_id=surname.entity_id)
    second = make_figure(ARTICLE_ONE, "£150,000", 150000.0, subject="Keir Starmer", entity_id=full.entity_id)
    with open_store(path, read_only=False) as store:
        store.load([ARTICLE_TWO], [first], entities=[surname])
        assert store.fetch("SELECT entity_id FROM figures").rows == [("starmer",)]
    with open_store(path, read_only=False) as store:
        store.load([ARTICLE_ONE], [second], entities=[full])
        rows = store.fetch("SELECT doc_id, name_id, entity_id FROM figures ORDER BY doc_id").rows
        assert rows == [("one", "keir-starmer", "keir-starmer"), ("two", "starmer", "keir-starmer")]
        joined = store.fetch("SELECT DISTINCT e.name FROM figures JOIN entities AS e USING (entity_id)").rows
        assert joined == [("Keir Starmer",)]


def test_a_figure_of_a_name_already_merged_gets_the_canonical_entity(
    store: Store, make_figure: MakeFigure
) -> None:
    load_in_batches(store, [[person("Keir Starmer")], [person("Starmer")]])
    figure = make_figure(ARTICLE_TWO, "£160,000", 160000.0, subject="Starmer", entity_id="starmer")
    store.load([ARTICLE_TWO], [figure])  # the name is stored already: no entity given with it
    assert store.fetch("SELECT name_id, entity_id FROM figures").rows == [("starmer", "keir-starmer")]


# -- the linker's names -------------------------------------------------------------------------------
# (sentence, the figure's surface, the entity id the linker gives it, its subject)
NAMES = [
    ("Patriot batteries have a range of 160 km.", "160 km", "patriot", "Patriot"),
    ("Patriot systems have a range of 150 km.", "150 km", "patriot", "Patriot"),
    ("The Patriot has a range of 100 km.", "100 km", "patriot", "Patriot"),
    ("Tomahawk cruise missiles have a range of 1,600 km.", "1,600 km", "tomahawk", "Tomahawk"),
    ("Zircon missiles have a range of 1,000 km.", "1,000 km", "zircon", "Zircon"),
    ("The Zircon missile has a range of 900 km.", "900 km", "zircon", "Zircon"),
    ("Prime Minister Keir Starmer earns £150,000 a year.", "£150,000 a year", "keir-starmer", "Keir Starmer"),
    ("Sir Keir Starmer earns £150,000 a year.", "£150,000 a year", "keir-starmer", "Keir Starmer"),
    ("Foreign Secretary David Lammy earns £120,000 a year.", "£120,000 a year", "david-lammy", "David Lammy"),
    ("Mr Starmer earns £150,000 a year.", "£150,000 a year", "starmer", "Starmer"),
    ("VW sold 9 million cars last year.", "9 million cars", "volkswagen", "Volkswagen"),
    ("The US spent $800 billion on defence.", "$800 billion", "united-states", "United States"),
    ("America spent $810 billion on defence.", "$810 billion", "united-states", "United States"),
]


def linked(text: str, doc_id: str = "doc") -> list[Figure]:
    from figures.pipeline import analyse

    return analyse(Document(doc_id, text, date=dt.date(2025, 1, 6)))


@pytest.mark.parametrize(("sentence", "surface", "entity_id", "subject"), NAMES, ids=[n[0] for n in NAMES])
def test_the_linker_names_one_entity_whatever_the_heads_titles_and_aliases(
    sentence: str, surface: str, entity_id: str, subject: str
) -> None:
    (figure,) = [f for f in linked(sentence) if f.text == surface]
    assert (figure.entity_id, figure.subject) == (entity_id, subject)


POSSESSIVES = [
    # (sentence, surface, entity id, property)
    ("India's steel output rose to 140 million tonnes.", "140 million tonnes", "india", "steel output"),
    ("Acme's order book grew to $4 billion.", "$4 billion", "acme", "order book"),
]


@pytest.mark.parametrize(
    ("sentence", "surface", "entity_id", "prop"), POSSESSIVES, ids=[p[0] for p in POSSESSIVES]
)
def test_a_possessive_names_the_owner_and_the_owned_words_the_property(
    sentence: str, surface: str, entity_id: str, prop: str
) -> None:
    (figure,) = [f for f in linked(sentence) if f.text == surface]
    assert (figure.entity_id, figure.property) == (entity_id, prop)


def test_a_person_the_parser_names_is_no_possessor_of_a_spokesman() -> None:
    """ "Starmer's spokesman" is a person of his own: the possessive is not resolved to Starmer."""
    figures = linked("Starmer's spokesman earns £90,000 a year.")
    assert all(f.entity_id != "starmer" for f in figures)


def test_articles_in_separate_loads_share_the_full_name(store: Store) -> None:
    first = Document("first", "Keir Starmer earns £150,000 a year.", date=dt.date(2025, 1, 6))
    second = Document("second", "Mr Starmer earns £160,000 a year.", date=dt.date(2025, 1, 7))
    third = Document("third", "John Smith earns £40,000 a year.", date=dt.date(2025, 1, 8))
    fourth = Document("fourth", "Adam Smith earns £50,000 a year.", date=dt.date(2025, 1, 8))
    fifth = Document("fifth", "Mr Smith earns £60,000 a year.", date=dt.date(2025, 1, 9))
    for document in (second, first, third, fourth, fifth):
        store.load([document], linked(document.text, document.doc_id))
    rows = dict(store.fetch("SELECT doc_id, entity_id FROM figures").rows)
    assert rows == {
        "first": "keir-starmer",
        "second": "keir-starmer",
        "third": "john-smith",
        "fourth": "adam-smith",
        "fifth": "smith",
    }


# -- company names that open with a given name ------------------------------------------------------------
# (text, the figure's surface, the entity id, its kind): a given name opening a name is weak evidence of a
# person; a company word closing it ("Aerospace", "Capital") or the parser's ORG label says company
COMPANIES_WITH_GIVEN_NAMES = [
    ("Douglas Aerospace reported revenue of $4.2 billion.", "$4.2 billion", "douglas-aerospace", "company"),
    ("Victoria Capital manages $30 billion of assets.", "$30 billion", "victoria-capital", "company"),
    ("Harper Logistics employs 8,000 people.", "8,000 people", "harper-logistics", "company"),
    ("Lewis Brothers sold 12,000 vans last year.", "12,000 vans", "lewis-brothers", "company"),
    # people stay people
    ("Maria Lindqvist earns £90,000 a year.", "£90,000 a year", "maria-lindqvist", "person"),
    ("Douglas Hartley paid $2m for the house.", "$2m", "douglas-hartley", "person"),
    # the parser labels this one ORG: a given name and no company cue keep a person
    ("Keir Starmer earns £150,000 a year.", "£150,000 a year", "keir-starmer", "person"),
]


@pytest.mark.parametrize(
    ("text", "surface", "entity_id", "kind"),
    COMPANIES_WITH_GIVEN_NAMES,
    ids=[c[0] for c in COMPANIES_WITH_GIVEN_NAMES],
)
def test_a_company_named_after_a_person_is_a_company(
    text: str, surface: str, entity_id: str, kind: str
) -> None:
    (figure,) = [f for f in linked(text) if f.text == surface]
    assert (figure.entity_id, figure.extra.get("entity_kind")) == (entity_id, kind)


# (text, surface, subject): "the company" / "the firm" finds a company whose name opens with a given name
COMPANY_DESCRIPTIONS = [
    (
        "Douglas Aerospace makes jets. The company will hire 900 engineers.",
        "900 engineers",
        "Douglas Aerospace",
    ),
    ("Megan Foods opened a bakery in York. The firm expects sales of $800m.", "$800m", "Megan Foods"),
    ("Victoria Capital was founded in 1990. The company manages $12bn.", "$12bn", "Victoria Capital"),
]


@pytest.mark.parametrize(
    ("text", "surface", "subject"), COMPANY_DESCRIPTIONS, ids=[c[0] for c in COMPANY_DESCRIPTIONS]
)
def test_the_company_stands_for_a_company_named_after_a_person(text: str, surface: str, subject: str) -> None:
    (figure,) = [f for f in linked(text) if f.text == surface]
    assert figure.subject == subject


def test_a_surname_never_joins_a_company_named_after_a_person(store: Store) -> None:
    """The parser labels "Morgan Stanfield" an organisation: a later "Mr Stanfield" is someone else."""
    first = Document("first", "Shares of Morgan Stanfield rose 3% on Monday.", date=dt.date(2025, 1, 6))
    second = Document("second", "Mr Stanfield earns £60,000 a year.", date=dt.date(2025, 1, 7))
    for document in (first, second):
        store.load([document], linked(document.text, document.doc_id))
    kinds = dict(store.fetch("SELECT name, kind FROM entities").rows)
    assert kinds.get("Morgan Stanfield") == "company"
    rows = dict(store.fetch("SELECT doc_id, entity_id FROM figures").rows)
    assert rows["first"] != rows["second"]


# (text, surface, subject): a name opening with a given name is a company when the article uses it as one:
# its shares, or "the bank" / "the company" standing for it; every figure of the article then says company
COMPANY_USES = [
    ("Shares of Morgan Stanfield rose 3% on Monday.", "3%", "Morgan Stanfield"),
    ("Harlan Whitby shares fell 4% after the results.", "4%", "Harlan Whitby"),
    (
        "Morgan Stanfield opened 40 branches last year. The bank now employs 6,000 people.",
        "6,000 people",
        "Morgan Stanfield",
    ),
]


@pytest.mark.parametrize(("text", "surface", "subject"), COMPANY_USES, ids=[c[0] for c in COMPANY_USES])
def test_a_name_used_as_a_company_is_a_company(text: str, surface: str, subject: str) -> None:
    figures = linked(text)
    (figure,) = [f for f in figures if f.text == surface]
    assert figure.subject == subject
    assert {f.extra.get("entity_kind") for f in figures if f.subject == subject} == {"company"}


# -- disagreements name their entity by its canonical name ----------------------------------------------
# (articles, how `figures conflicts` names the group, what --entity may say for it): the articles disagree
# about one entity; most of them name it by a short name, the store's entity by its full one
DISPLAY_CASES = [
    (
        [
            "Mr Starmer was paid a salary of £190,000 in 2024.",
            "Starmer was paid a salary of £195,000 in 2024.",
            "Keir Starmer was paid a salary of £150,000 in 2024.",
        ],
        "Keir Starmer",
        ["keir starmer", "Starmer", "Mr Starmer"],
    ),
    (
        [
            "Acme said its revenue was $5.3bn in 2024.",
            "Acme's revenue reached $5.2bn in 2024.",
            "Acme Corp reported revenue of $4.1bn in 2024.",
        ],
        "Acme Corp",
        ["acme corp", "ACME"],
    ),
    (
        [
            "Trump was paid a salary of $500,000 in 2019.",
            "Donald J. Trump was paid a salary of $400,000 in 2019.",
            "Donald Trump was paid a salary of $400,000 in 2019.",
        ],
        "Donald Trump",
        ["donald trump", "Trump", "Donald J. Trump"],
    ),
]


@pytest.mark.parametrize(("texts", "name", "asked"), DISPLAY_CASES, ids=[c[1] for c in DISPLAY_CASES])
def test_a_disagreement_is_named_by_its_entity(
    tmp_path: Path, texts: list[str], name: str, asked: list[str]
) -> None:
    from click.testing import CliRunner

    from figures import compare
    from figures.cli import main

    db = tmp_path / "news.duckdb"
    with open_store(db, read_only=False) as store:
        for number, text in enumerate(texts):
            document = Document(f"a{number}", text, date=dt.date(2025, 3, 1 + number))
            store.load([document], linked(text, document.doc_id))
        (found,) = compare.find_disagreements(store)
        assert found.entity_name == name
        assert found.as_json()["entity_name"] == name
        for words in asked:
            assert [d.disagreement_id for d in compare.find_disagreements(store, entity=words)] == [
                found.disagreement_id
            ]
    result = CliRunner().invoke(main, ["conflicts", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"{name} · " in result.output


# (text, surface, entity id, kind): a word that places a name in a kind from its first or last position
# ("Operation Tidewater", "Marina Bay", "Lake Orrin") gives it that kind, even after a given name
NAME_WORD_KINDS = [
    ("Marina Bay drew 9 million visitors in 2024.", "9 million visitors", "marina-bay", "place"),
    ("Victoria Harbour handled 14 million tonnes.", "14 million tonnes", "victoria-harbour", "place"),
    ("Lake Orrin covers 120 square kilometres.", "120 square kilometres", "lake-orrin", "place"),
    ("The navy said Operation Tidewater cost $40m.", "$40m", "operation-tidewater", "programme"),
    ("Project Halcyon will cost £2bn.", "£2bn", "project-halcyon", "programme"),
    # a ship's prefix: "the warship" then finds it by its kind
    ("The navy commissioned HMS Tarrant. The warship displaces 7,000 tonnes.", "7,000 tonnes", "hms-tarrant",
     "ship"),
    ("MV Gannet Star carries 1,800 containers.", "1,800 containers", "mv-gannet-star", "ship"),
    ("USS Harlow Ridge displaces 9,600 tonnes.", "9,600 tonnes", "uss-harlow-ridge", "ship"),
    # a person stays a person
    ("Marina Kovac earns £70,000 a year.", "£70,000 a year", "marina-kovac", "person"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "surface", "entity_id", "kind"), NAME_WORD_KINDS, ids=[c[0] for c in NAME_WORD_KINDS]
)
def test_a_word_of_a_kind_opening_or_closing_a_name_gives_its_kind(
    text: str, surface: str, entity_id: str, kind: str
) -> None:
    (figure,) = [f for f in linked(text) if f.text == surface]
    assert (figure.entity_id, figure.extra.get("entity_kind")) == (entity_id, kind)
