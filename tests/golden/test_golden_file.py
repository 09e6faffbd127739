"""The golden files for the seed corpus are well formed, and the checker that says so catches bad rows.

Cases come from issue 2 ("Extraction", "Never figures", "Dual-unit mentions") and issue 3 ("Done means"):
the figures those issues quote from the seed corpus must be in the golden file with the value and unit
the issues give, and the spans they call never-figures must not be.
"""

from __future__ import annotations

from typing import Any

import pytest
from check_golden import article_of_line, check, check_figure, seed_lines, unit_parser

LINES = seed_lines()
OWNER = article_of_line(LINES)
ERRORS, FIGURES, NOT_FIGURES = check()


def test_golden_files_have_no_problems() -> None:
    assert ERRORS == []


def test_every_article_is_covered() -> None:
    """Twenty articles; each either has figures or is the one figure-free essay (article 8)."""
    assert max(OWNER) + 1 == 20
    assert {row["article"] for row in FIGURES} == set(range(20)) - {8}


# (text as in the seed file, value, unit, noun): quoted by issues 2 and 3
CASES = [
    ("$164bn", 164e9, "USD", None),
    ("140-billion-euro", 140e9, "EUR", None),
    ("$164.4bn", 164.4e9, "USD", None),
    ("$41billion", 41e9, "USD", None),
    ("£15BILLION", 15e9, "GBP", None),
    ("£30.9million", 30.9e6, "GBP", None),
    ("£63m", 63e6, "GBP", None),
    ("$100bn", 100e9, "USD", None),
    ("67.6 billion Danish crowns", 67.6e9, "DKK", None),
    ("164.0 km²", 164.0, "kilometer ** 2", None),
    ("165 square kilometres", 165, "kilometer ** 2", None),
    ("60 square miles", 60, "mile ** 2", None),
    ("1.6 million", 1.6e6, "count", "Ukrainian children"),
    ("995 miles", 995, "mile", None),
    ("1,600 kilometers", 1600, "kilometer", None),
    ("3,400 miles", 3400, "mile", None),
    ("600,000 barrels a day", 600000, "oil_barrel / day", None),
    ("62", 62, "count", "attack drones"),
    ("nine", 9, "count", "Iskander-M ballistic missiles"),
    ("seven", 7, "count", "settlements"),
    ("72-year-old", 72, "year", None),
    ("1,500", 1500, "", None),
    ("1500", 1500, "", None),
]


@pytest.mark.parametrize(("text", "value", "unit", "noun"), CASES)
def test_issue_figures_are_golden(text: str, value: float, unit: str, noun: str | None) -> None:
    rows = [row for row in FIGURES if row["text"] == text]
    assert rows, f"{text!r} missing from the golden file"
    assert any(
        row["value"] == pytest.approx(value) and row["unit"] == unit and row["noun"] == noun for row in rows
    ), rows


# (text, value or None, range or None) where a range or a vague magnitude is the point
SHAPES = [
    ("between 930 and 1,550 miles", None, [930, 1550]),
    ("between 200 m and 2.5 km", None, [200, 2500]),
    ("hundreds of miles", 100, None),
    ("tens of thousands", 10000, None),
]


@pytest.mark.parametrize(("text", "value", "span"), SHAPES)
def test_ranges_and_vague_magnitudes(text: str, value: float | None, span: list[float] | None) -> None:
    rows = [row for row in FIGURES if row["text"] == text]
    assert rows, f"{text!r} missing from the golden file"
    for row in rows:
        assert row["value"] == value and row["range"] == span
        assert row["vague"] is (value is not None)


def test_dual_unit_statements_share_a_group() -> None:
    """'995 miles (1,600 kilometers)', '285 miles, or 460 km', '140-billion-euro ($164.4bn)'."""
    pairs = [("995 miles", "1,600 kilometers"), ("285 miles", "460 km"), ("140-billion-euro", "$164.4bn")]
    by_text = {row["text"]: row for row in FIGURES if "group" in row}
    for first, second in pairs:
        assert by_text[first]["group"] == by_text[second]["group"]
        assert by_text[first]["article"] == by_text[second]["article"]


# spans issue 2 calls never-figures, as they occur in the seed file
NEVER = ["Su-30MK2", "S-300VM", "Il-76", "F-16", "MQ-9", "CVN 78", "Kosmos-2558", "Shahed-136", "Oct. 26",
         "22 September 2025", "12pm", "19th package", "44th largest", "by 2035"]


@pytest.mark.parametrize("text", NEVER)
def test_never_figures_are_listed_and_not_golden(text: str) -> None:
    assert any(text in row["text"] for row in NOT_FIGURES), f"{text!r} not in the not-figures file"
    for row in FIGURES:
        line = LINES[row["line"] - 1]
        where = line.find(text)
        while where >= 0:
            assert not (where <= row["col"] < where + len(text)), (text, row)
            where = line.find(text, where + 1)


def _row(**changes: Any) -> dict[str, Any]:
    """A well-formed figure row (line 127: 'nine Iskander-M ballistic missiles'), then the changes."""
    row: dict[str, Any] = {"article": 1, "line": 127, "text": "nine", "qualifier": None, "value": 9.0,
                           "range": None, "unit": "count", "noun": "Iskander-M ballistic missiles",
                           "vague": False, "col": LINES[126].index("nine")}
    row.update(changes)
    return row


# a bad row and a word the checker's complaint must contain
BAD_ROWS = [
    (_row(col=0), "is not at col"),
    (_row(text="ten"), "is not at col"),
    (_row(article=2), "is in article 1"),
    (_row(range=[1, 2]), "exactly one of value and range"),
    (_row(value=None, range=[5, 1]), "is not [low, high]"),
    (_row(noun=None), "goes with a noun"),
    (_row(unit="furlongs of doom"), "does not parse"),
    (_row(qualifier="maybe"), "qualifier"),
    (_row(vague="no"), "vague"),
    (_row(extra=1), "keys"),
    (_row(line=1223, col=0, text="8", article=14), "debris"),
    (_row(line=39, text="400 miles", col=LINES[38].index("3,400") + 2, unit="mile", noun=None, article=0),
     "inside a word or number"),
    (_row(text="nin"), "inside a word or number"),
]


@pytest.mark.parametrize(("row", "complaint"), BAD_ROWS)
def test_checker_rejects_bad_rows(row: dict[str, Any], complaint: str) -> None:
    assert check_figure("case", _row(), LINES, OWNER, unit_parser()) == []
    errors = check_figure("case", row, LINES, OWNER, unit_parser())
    assert any(complaint in error for error in errors), errors
