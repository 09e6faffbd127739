"""Counts as claims (figures/store/claims.sql): what a count counts, bare numbers, and counts of what a thing
has against counts of what happened.

The figures come from the real extractor and normaliser; subject, property, what a count counts
(``extra["counted"]``, the linker's lemma of the counted noun) and the time scope are given by hand, so
these test the views, not the linker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

import pytest

from figures.compare import Disagreement, disagreements_among
from figures.extract import extract
from figures.model import Document, Figure
from figures.normalise import normalise

DATE = dt.date(2026, 1, 16)


@dataclass(frozen=True)
class Said:
    """One article: its text, the figure compared (its text as extracted), and how it is linked."""

    text: str
    figure: str
    property: str
    counted: str | None = None
    time_scope: str | None = "2026-01-15"
    subject: str = "X"
    date: dt.date = DATE


def _disagreements(articles: Sequence[Said]) -> list[Disagreement]:
    documents: list[Document] = []
    found: list[Figure] = []
    for number, said in enumerate(articles):
        document = Document(f"doc{number}", said.text, title=f"Article {number}", date=said.date)
        documents.append(document)
        (figure,) = [f for f in extract(said.text, document.doc_id) if f.text == said.figure]
        extra = dict(figure.extra) | ({"counted": said.counted} if said.counted else {})
        found.append(
            replace(
                normalise(figure, said.date), subject=said.subject, property=said.property,
                property_text=said.property, time_scope=said.time_scope, extra=extra,
            )
        )  # fmt: skip
    return disagreements_among(documents, found)


def _clusters(articles: Sequence[Said]) -> list[list[str]]:
    return sorted(
        sorted(" + ".join(claim.text for claim in cluster.claims) for cluster in d.clusters)
        for d in _disagreements(articles)
    )


def test_a_bare_number_and_a_count_of_people_compare() -> None:
    """A bare number ("the death toll has risen to 73") and a count of people ("52 people were killed")."""
    toll = Said("The death toll has risen to 73.", "73", "killed")
    people = Said("Officials said 52 people were killed.", "52 people", "killed", counted="people")
    assert _clusters([toll, people]) == [["52 people", "73"]]
    same = replace(people, text="Officials said 73 people were killed.", figure="73 people")
    assert _clusters([toll, same]) == []


def test_a_count_that_names_nothing_joins_the_one_thing_its_group_counts() -> None:
    drones = Said("Russia fired 62 drones overnight.", "62 drones", "fired", counted="drone")
    bare = Said("The air force said 90 were launched.", "90", "fired")
    assert _clusters([drones, bare]) == [["62 drones", "90"]]
    # beside drones and missiles, "90" could be either: it is compared with neither
    missiles = Said("Russia fired 5 missiles overnight.", "5 missiles", "fired", counted="missile")
    assert _clusters([drones, missiles, bare]) == []
    # counts of two things never compare
    as_many = replace(missiles, text="Russia fired 62 missiles.", figure="62 missiles")
    assert _clusters([drones, as_many]) == []


@pytest.mark.parametrize(
    ("first", "second", "property"),
    [
        (("The ship has a crew of 40.", "40"), ("Her crew of 45 can stay at sea.", "45"), "crew"),
        (("The jet seats 76 passengers.", "76 passengers"), ("It seats 90 passengers.", "90 passengers"),
         "capacity"),
        (("The firm employs 14,000 people.", "14,000 people"), ("It has 19,000 staff.", "19,000 staff"),
         "employees"),
    ],
    ids=["crew", "seats", "staff"],
)  # fmt: skip
def test_undated_counts_of_what_a_thing_has_compare(
    first: tuple[str, str], second: tuple[str, str], property: str
) -> None:
    articles = [Said(*first, property, time_scope=None), Said(*second, property, time_scope=None)]
    assert _clusters(articles) == [sorted([first[1], second[1]])]


def test_undated_staff_counts_compare_within_the_articles_year() -> None:
    """A design's crew or seats hold for as long as it does; a company's staff grows and shrinks."""
    earlier = Said("The firm employs 14,000 people.", "14,000 people", "employees", time_scope=None)
    later = Said("It has 19,000 staff.", "19,000 staff", "employees", time_scope=None)
    assert _clusters([earlier, later]) == [["14,000 people", "19,000 staff"]]
    assert _clusters([replace(earlier, date=dt.date(2019, 5, 2)), later]) == []
    crew = Said("The ship has a crew of 40.", "40", "crew", time_scope=None, date=dt.date(2019, 5, 2))
    assert _clusters([crew, Said("Her crew of 45 can stay at sea.", "45", "crew", time_scope=None)]) == [
        ["40", "45"]
    ]


def test_undated_counts_of_what_happened_do_not_compare() -> None:
    """The seed: "nine were wounded" in Kyiv and "seven wounded" in Dnipro, two attacks."""
    kyiv = Said("In Kyiv nine were wounded overnight.", "nine", "wounded", time_scope=None)
    dnipro = Said("In Dnipro seven were wounded.", "seven", "wounded", time_scope=None)
    assert _clusters([kyiv, dnipro]) == []
