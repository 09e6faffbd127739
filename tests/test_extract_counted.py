"""Counted nouns from the parse (figures.extract.counted, applied by figures.pipeline).

Every sentence here is invented for the pattern it shows; none is copied from a benchmark.
"""

from __future__ import annotations

import pytest

from figures.model import Document, Figure
from figures.pipeline import analyse, found_figures

# (sentence, the figure's text, the counted noun the whole pipeline gives)
PAST_THE_WORD_WINDOW = [
    # the noun a number modifies, past an adverb the scanner's window stops at
    ("The storm left 1,200 mostly elderly residents without power.", "1,200", "mostly elderly residents"),
    ("Rescuers pulled 14 badly injured miners from the shaft.", "14", "badly injured miners"),
    ("The council approved 300 newly built council homes last week.", "300", "newly built council homes"),
]
PARTITIVE = [
    # the object of a partitive "of", where the scanner took only the first word after "of"
    ("Dozens of small family farms have closed since spring.", "Dozens of small", "small family farms"),
    ("Millions of low-income US households face higher bills.", "Millions of low-income",
     "low-income US households"),
    ("Hundreds of Boeing and Airbus jets sit idle.", "Hundreds of Boeing", "Boeing and Airbus jets"),
    ("Thousands of Syrian and Afghan refugees crossed the border.", "Thousands of Syrian",
     "Syrian and Afghan refugees"),
]
WHAT_IS_HELD = [
    # a measure or container noun with the "of" phrase (no article) that says what it holds
    ("The lab ran 40 rounds of tests on the samples.", "40 rounds", "rounds of tests"),
    ("Police seized 12 bottles of vodka at the border.", "12 bottles", "bottles of vodka"),
    ("Negotiators held 9 rounds of talks in Geneva.", "9 rounds", "rounds of talks"),
    ("The convoy carried 300 packets of cigarettes.", "300 packets", "packets of cigarettes"),
]
COORDINATED = [
    # one number counting nouns joined by "and"/"or": the noun is the whole coordination
    ("The clinic hired 300 doctors and nurses last year.", "300 doctors", "doctors and nurses"),
    ("The ferry carried 250 passengers and crew.", "250 passengers", "passengers and crew"),
    ("Police detained 12 men and women after the march.", "12 men", "men and women"),
    ("The shop stocks 4,000 books and newly printed maps.", "4,000 books", "books and newly printed maps"),
]
NAMED_IN_THE_CLAUSE = [
    # a number that heads no noun phrase counts what its clause names: "the number of Xs", or a whole
    # fronted with "of"
    ("The number of deaths rose to 86.", "86", "deaths"),
    ("The total number of confirmed cases now stands at 1,204.", "1,204", "confirmed cases"),
    ("The number of homeless people in the city is 4,500.", "4,500", "homeless people"),
    ("Of the 120 passengers, 80 were Americans.", "80", "passengers"),
]
UNCHANGED = [
    # an "of" phrase with an article names who has the things, not what they are
    ("The firm fired 30 employees of the Dublin office.", "30 employees", "employees"),
    ("Five of the ships were damaged.", "Five", "ships"),
    ("The union counted 45 members of the old board.", "45 members", "members"),
    # a second noun with its own number, article or possessive is a phrase of its own
    ("The army flew 40 soldiers and their families home.", "40 soldiers", "soldiers"),
    ("Some 150 soldiers and 30 civilians died.", "150 soldiers", "soldiers"),
    ("They hired 25 engineers and the lawyers stayed.", "25 engineers", "engineers"),
    ("Dozens of local officials and several bankers were charged.", "Dozens of local officials",
     "local officials"),
]
NOT_COUNTS = [
    # a clause that names no countable things
    ("The number rose to 86.", "86"),
    ("Of the money, 80 went to charity.", "80"),
    # a number that counts no noun stays a bare number
    ("Only 2 of them survived.", "2"),
    ("Turnout reached 64 in the end, officials said.", "64"),
    ("Prices rose 3 in real terms last year.", "3"),
    # a fraction is a share of a whole, not a count
    ("Two-thirds of voters backed the plan.", "Two-thirds"),
    ("Three-quarters of nurses work nights.", "Three-quarters"),
]


def _figure(sentence: str, text: str | None) -> Figure:
    figures = analyse(Document("invented", sentence))
    if text is None:
        assert len(figures) == 1, figures
        return figures[0]
    matching = [f for f in figures if f.text == text]
    assert matching, [(f.text, f.noun) for f in figures]
    return matching[0]


@pytest.mark.parametrize(
    ("sentence", "text", "noun"),
    PAST_THE_WORD_WINDOW + PARTITIVE + WHAT_IS_HELD + COORDINATED + NAMED_IN_THE_CLAUSE + UNCHANGED,
)
def test_counted_noun_from_the_parse(sentence: str, text: str | None, noun: str) -> None:
    figure = _figure(sentence, text)
    assert figure.noun == noun
    assert figure.unit == "count" and figure.dimension == "count"
    assert figure.canonical_unit == "count"


@pytest.mark.parametrize(("sentence", "text"), NOT_COUNTS)
def test_no_counted_noun_where_the_number_counts_nothing(sentence: str, text: str) -> None:
    figure = _figure(sentence, text)
    assert figure.noun is None
    assert figure.unit == ""


def test_a_bare_number_that_the_parse_shows_counting_becomes_a_count() -> None:
    sentence = "The storm left 1,200 mostly elderly residents without power."
    (scanned,) = found_figures(Document("invented", sentence))
    assert (scanned.unit, scanned.noun) == ("", None)  # the scanner's window stops at "mostly"
    linked = _figure(sentence, "1,200")
    assert (linked.unit, linked.dimension, linked.canonical_value) == ("count", "count", 1200)
    assert linked.extra.get("counted") == "resident"  # the linker's counted lemma follows the noun


VERB_AFTER = [
    # the word window took the verb a count is the subject of for its noun: the parse says it is a verb
    ("Some 15 remain in hospital.", "15", None),
    ("About 40 left the town before dawn.", "40", None),
    ("Nearly 90 attend the class each week.", "90", None),
    ("One proposal asks the board to act.", "One proposal", "proposal"),
]


@pytest.mark.parametrize(("sentence", "text", "noun"), VERB_AFTER)
def test_a_verb_is_no_counted_noun(sentence: str, text: str, noun: str | None) -> None:
    figure = _figure(sentence, text)
    assert figure.noun == noun
    assert figure.unit == ("count" if noun else "")
    assert figure.text == sentence[figure.start : figure.end]
