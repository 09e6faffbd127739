"""Extraction on bad and adversarial input: it never raises, never hangs, and what it returns is sound.

Where the cases come from: issue 10 ("One bad document loses the batch", "Bad values", "Linear time",
"Property-based tests"); the texts are invented here. Cost is asserted as work done (Python-level calls
counted by a profiler hook, which do not depend on the machine's load), never as wall time; hypothesis'
own deadline (10 s a case, for a loaded machine) is only a generous guard against a hang.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from figures.extract import extract
from figures.extract.sentences import MAX_SENTENCE
from figures.model import Figure


def assert_sound(text: str, figures: list[Figure]) -> None:
    """What every figure must satisfy, whatever the input."""
    for figure in figures:
        assert 0 <= figure.start < figure.end <= len(text)
        assert text[figure.start : figure.end] == figure.text
        assert text[figure.sentence_start : figure.sentence_start + len(figure.sentence)] == figure.sentence
        for number in (figure.value, figure.low, figure.high, figure.step, *(figure.range or ())):
            assert number is None or math.isfinite(number), figure
        if figure.low is not None and figure.high is not None:
            assert figure.low <= figure.high, figure
        if figure.range is not None:
            assert figure.range[0] <= figure.range[1], figure


# ---------------------------------------------------------------------------------------------------------
# a fraction after any space (issue 10: "It was 1\u00a02/3 km long." raised ValueError)
# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("It was 1\u00a02/3 km long.", "1\u00a02/3 km", 1 + 2 / 3),
        ("a board 2\u202f1/2 in thick", "2\u202f1/2 in", 2.5),
        ("a pipe 3 3/4 inches wide", "3 3/4 inches", 3.75),
        ("a run of 10\t1/2 miles", "10\t1/2 miles", 10.5),
    ],
)
def test_a_fraction_after_any_space_is_part_of_the_number(text: str, surface: str, value: float) -> None:
    (figure,) = extract(text)
    assert (figure.text, figure.value) == (surface, pytest.approx(value))


# ---------------------------------------------------------------------------------------------------------
# values are finite: an overflowing number is no figure (issue 10: "1e3080" became infinite)
# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["a reading of 1e3080 km", "about 1x10^400 metres", "a debt of $1e308 trillion", "5E999 tonnes of it"],
)
def test_an_overflowing_number_is_no_figure(text: str) -> None:
    found = extract(text)
    assert_sound(text, found)
    assert found == []


def test_large_but_finite_numbers_stay() -> None:
    (figure,) = extract("a count of 1e300 grains")
    assert figure.value == 1e300


# ---------------------------------------------------------------------------------------------------------
# intervals are ordered, negatives included (issue 10: "about -20C" gave low -18, high -22)
# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Nights fell to about -20C in the valley.", -22, -18),
        ("The index was nearly -20% on the year.", -20, -18),
        ("Losses of roughly -$40m were booked.", -44e6, -36e6),
        ("a reading of around minus five degrees", -5.5, -4.5),
        ("just over -10C at dawn", -11, -10),
    ],
)
def test_hedged_negatives_give_an_ordered_interval(text: str, low: float, high: float) -> None:
    (figure,) = extract(text)
    assert (figure.low, figure.high) == (pytest.approx(low), pytest.approx(high))


# ---------------------------------------------------------------------------------------------------------
# linear cost: work done grows in step with the text (issue 10: 8 KB of "1," took 68 s)
# ---------------------------------------------------------------------------------------------------------
@contextmanager
def counted_calls() -> Iterator[list[int]]:
    """Count Python and C function calls made inside the block (a measure of work, not of time)."""
    count = [0]

    def hook(_frame: object, event: str, _arg: object) -> None:
        if event in ("call", "c_call"):
            count[0] += 1

    sys.setprofile(hook)
    try:
        yield count
    finally:
        sys.setprofile(None)


ADVERSARIAL_RUNS = {
    "digits and commas": "1,",
    "digits and full stops": "1.",
    "digits and no-break spaces": "1\u00a0",
    "digits and hyphens": "1-",
    "digits and spaces": "1 ",
    "ranges with to": "1 to ",
    "spelled numbers with and": "one and ",
    "a spelled number repeated": "nine ",
    "money": "$1 ",
    "capitalised word and number": "Foo 1 ",
    "prose without full stops": "the army said some 40 missiles hit the town and ",
    "a table row": "| 12.5 | 3,400 km | 7% ",
}


@pytest.mark.parametrize("unit", ADVERSARIAL_RUNS.values(), ids=ADVERSARIAL_RUNS.keys())
def test_work_grows_linearly_with_length(unit: str) -> None:
    def work(length: int) -> int:
        text = unit * (length // len(unit))
        with counted_calls() as count:
            figures = extract(text)
        assert_sound(text, figures)
        return count[0]

    small, large = work(2_000), work(8_000)
    assert large <= 5 * max(small, 1), f"4x the text cost {large / max(small, 1):.1f}x the work"


def test_sentences_stay_bounded_in_text_without_full_stops() -> None:
    text = "the army said some 40 missiles hit the town and " * 400
    figures = extract(text)
    assert len(figures) == 400
    assert max(len(f.sentence) for f in figures) <= MAX_SENTENCE
    assert_sound(text, figures)


@settings(max_examples=60, deadline=10_000, suppress_health_check=[HealthCheck.too_slow])
@given(
    unit=st.sampled_from(list(ADVERSARIAL_RUNS.values()) + ["1", ",", ".", "\u00a0", "-", " to ", " and "]),
    other=st.sampled_from(["1", "2/3", "km", "$", "%", " ", "\u00a0", "-", ",", "nine", "hundred", "e5"]),
    repeats=st.integers(min_value=1, max_value=600),
)
def test_adversarial_runs_finish_and_stay_sound(unit: str, other: str, repeats: int) -> None:
    text = (unit + other) * repeats
    assert_sound(text, extract(text))


# ---------------------------------------------------------------------------------------------------------
# property tests over random text mixing numbers, number words, units, currency signs and punctuation
# ---------------------------------------------------------------------------------------------------------
TOKENS = [
    *"0123456789",
    "1,000", "3.5", ".5", "1e9", "2/3", "½", "1\u00a02/3", "10^6", "x10^", "-", "−", "–", "—", "+", "~",
    "one", "nine", "twelve", "forty", "hundred", "thousand", "million", "billion", "bn", "m", "k", "dozen",
    "half", "a", "an", "and", "to", "or", "of", "between", "about", "more than", "up to", "minus", "some",
    "km", "miles", "kg", "tonnes", "per", "a day", "%", "percent", "°C", "C", "F", "ft", "in", "sq", "²",
    "$", "£", "€", "¥", "₹", "US$", "A$", "$US", "USD", "euros", "kroner", "yen", "rupees",
    ",", ".", ";", ":", "(", ")", "[", "]", "'", "’", "“", "”", "/", "|", "…", "\u00a0", "\u202f", "\n", "\t",
    "The", "Russia", "said", "people", "missiles", "years", "old", "aged", "March", "2024", "at", "over",
]  # fmt: skip


@settings(max_examples=400, deadline=10_000)
@given(st.lists(st.tuples(st.sampled_from(TOKENS), st.sampled_from(["", " ", " ", "-"])), max_size=60))
def test_random_news_like_text_never_raises_and_every_figure_is_sound(parts: list[tuple[str, str]]) -> None:
    text = "".join(token + gap for token, gap in parts)
    assert_sound(text, extract(text))


@settings(max_examples=300, deadline=10_000)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200))
def test_any_unicode_text_gives_sound_figures(text: str) -> None:
    assert_sound(text, extract(text))
