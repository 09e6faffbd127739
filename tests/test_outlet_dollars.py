"""The dollar of the outlet (issue 8): a bare "$" in an Australian, Canadian or New Zealand article.

Where the cases come from: the pattern issue 8 states ("$US5 billion ($7.7 billion)" in an outlet outside
the US), in sentences and outlets invented here.
"""

from __future__ import annotations

import pytest

from figures.extract import extract
from figures.model import Document
from figures.normalise.outlet import mark_outlet_dollars, outlet_dollar
from figures.pipeline import analyse


@pytest.mark.parametrize(
    ("url", "source", "dollar"),
    [
        ("https://www.example.com.au/business/story", None, "AUD"),
        ("https://news.example.ca/a/1", None, "CAD"),
        ("example.co.nz/money", None, "NZD"),
        (None, "The Globe and Mail", "CAD"),
        (None, "sydney morning herald", "AUD"),
        ("https://www.afr.com/markets", None, "AUD"),
        ("https://www.example.com/us-news", None, None),
        (None, "Example Gazette", None),
        (None, None, None),
    ],
)
def test_the_outlet_is_known_by_its_host_or_name(
    url: str | None, source: str | None, dollar: str | None
) -> None:
    assert outlet_dollar(Document("d", "", url=url, source=source)) == dollar


def _marked(text: str, url: str) -> list[tuple[str, str, bool, bool]]:
    document = Document("d", text, url=url)
    return [
        (f.text, f.unit, bool(f.extra.get("currency_ambiguous")), f.group is not None)
        for f in mark_outlet_dollars(extract(text, "d"), document)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The mine cost $US5 billion ($7.7 billion) to build.",
            [("$US5 billion", "USD", False, True), ("$7.7 billion", "AUD", False, True)],
        ),
        (
            "Exports reached US$2bn (about $3.1bn) last year.",
            [("US$2bn", "USD", False, True), ("$3.1bn", "AUD", False, True)],
        ),
        ("The council set aside $40 million for roads.", [("$40 million", "AUD", True, False)]),
        ("Rent rose to 600 dollars a week.", [("600 dollars a week", "AUD / week", True, False)]),
        ("It owes 3 million US dollars.", [("3 million US dollars", "USD", False, False)]),
        (
            "The fund holds A$3bn and US$1bn.",
            [("A$3bn", "AUD", False, False), ("US$1bn", "USD", False, False)],
        ),
    ],
)
def test_bare_dollars_in_an_australian_outlet(text: str, expected: list[tuple[str, str, bool, bool]]) -> None:
    assert _marked(text, "https://www.example.com.au/story") == expected


def test_a_bare_dollar_is_ambiguous_with_both_readings() -> None:
    (figure,) = mark_outlet_dollars(
        extract("Ottawa pledged $2bn.", "d"), Document("d", "Ottawa pledged $2bn.", source="CBC News")
    )
    assert figure.unit == "CAD"
    assert figure.extra["currency_ambiguous"] is True
    assert figure.extra["currency_alternatives"] == ["CAD", "USD"]


def test_a_us_outlet_keeps_its_dollars() -> None:
    text = "The mine cost $US5 billion ($7.7 billion) and $40 million more."
    document = Document("d", text, url="https://www.example.com/story")
    assert [f.unit for f in mark_outlet_dollars(extract(text, "d"), document)] == ["USD", "USD", "USD"]


def test_the_pipeline_normalises_the_outlets_dollar() -> None:
    text = "The council set aside $40 million for roads."
    (figure,) = [
        f for f in analyse(Document("d", text, url="https://example.com.au/x")) if f.dimension == "money"
    ]
    assert figure.unit == "AUD"
    assert figure.canonical_unit == "AUD"
    assert figure.extra["currency_ambiguous"] is True
