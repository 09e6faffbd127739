"""Currencies as news writes them (issue 8, "Currency").

Where the cases come from: the patterns issue 8 names (local currency names, locale prefixes, the dollar
of the outlet, a currency carried within a sentence, scale-word typos), each with sentences invented here;
none is copied from a benchmark.
"""

from __future__ import annotations

import pytest

from figures.extract import extract
from figures.extract.currency_table import TABLE_PATH, build_rows, render
from figures.extract.lexicon import lexicon


def test_currency_table_is_current() -> None:
    """figures/data/currencies.csv is what `python -m figures.extract.currency_table` writes today."""
    assert TABLE_PATH.read_text(encoding="utf-8") == render(build_rows())


def test_every_current_iso_currency_is_in_the_table_and_the_unit_registry() -> None:
    from figures.extract.currency_table import _current_codes
    from figures.normalise.canonical import conversion

    codes = {code for code, _, _ in build_rows()}
    missing = sorted(_current_codes() - codes)
    assert not missing
    for code in sorted(c for c in codes if len(c) == 3 and c.isupper()):
        assert conversion(code).currency is not None  # GBX is pence: its currency is GBP


def money(text: str) -> list[tuple[str, float | None, str]]:
    return [(f.text, f.value, f.unit) for f in extract(text) if f.dimension == "money"]


@pytest.mark.parametrize(
    ("text", "surface", "value", "code"),
    [
        # local names, singular, plural and local spellings
        ("The fine was 40,000 Danish kroner.", "40,000 Danish kroner", 40_000, "DKK"),
        ("Tickets cost 350 kroner each.", "350 kroner", 350, "DKK"),
        ("She paid 2,500 kronor in fees.", "2,500 kronor", 2_500, "SEK"),
        ("The bill came to 900 Norwegian krone.", "900 Norwegian krone", 900, "NOK"),
        ("Wages rose to 7,000 zlotys before tax.", "7,000 zlotys", 7_000, "PLN"),
        ("a loan of 12 billion hryvnia", "12 billion hryvnia", 12e9, "UAH"),
        ("a bonus of 5 million roubles", "5 million roubles", 5e6, "RUB"),
        ("a bonus of 5 million rubles", "5 million rubles", 5e6, "RUB"),
        ("exports worth 80 billion yuan", "80 billion yuan", 80e9, "CNY"),
        ("a deal worth 3 billion renminbi", "3 billion renminbi", 3e9, "CNY"),
        ("a fare of 300 rupees", "300 rupees", 300, "INR"),
        ("a grant of 40 million rand", "40 million rand", 40e6, "ZAR"),
        ("a budget of 5 trillion won", "5 trillion won", 5e12, "KRW"),
        ("prices of 1,200 lira", "1,200 lira", 1_200, "TRY"),
        ("damages of 2 million shekels", "2 million shekels", 2e6, "ILS"),
        ("a salary of 600 cedis", "600 cedis", 600, "GHS"),
        ("a contract for 90 million Hungarian forints", "90 million Hungarian forints", 90e6, "HUF"),
        ("a fee of 500 Kč", "500 Kč", 500, "CZK"),
        ("a tax of 100 zł", "100 zł", 100, "PLN"),
        # symbols and codes from CLDR
        ("a fund of ₴200m", "₴200m", 200e6, "UAH"),
        ("a ₦500 million project", "₦500 million", 500e6, "NGN"),
        ("worth ₪3bn", "₪3bn", 3e9, "ILS"),
        ("a bill of COP 500,000", "COP 500,000", 500_000, "COP"),
        # locale prefixes
        ("US$7 a share", "US$7", 7, "USD"),
        ("$US5 billion in debt", "$US5 billion", 5e9, "USD"),
        ("A$5bn for schools", "A$5bn", 5e9, "AUD"),
        ("C$9 million", "C$9 million", 9e6, "CAD"),
        ("HK$ 3 bn of bonds", "HK$ 3 bn", 3e9, "HKD"),
        ("S$20 a night", "S$20", 20, "SGD"),
        ("NZ$4m for roads", "NZ$4m", 4e6, "NZD"),
        ("R$ 40 million in fines", "R$ 40 million", 40e6, "BRL"),
        # scale-word typos
        ("a $3 billlion deal", "$3 billlion", 3e9, "USD"),
        ("a £2 milion fine", "£2 milion", 2e6, "GBP"),
        ("$2 trillon of debt", "$2 trillon", 2e12, "USD"),
        ("€4 bilion of aid", "€4 bilion", 4e9, "EUR"),
    ],
)
def test_currency_surfaces(text: str, surface: str, value: float, code: str) -> None:
    assert (surface, pytest.approx(value), code) in money(text)


@pytest.mark.parametrize(
    "text",
    [
        "Brazil 3 won the cup.",  # "won" is a verb after a small number
        "ALL 5 games were sold out.",  # currency codes that are English words
        "TOP 10 songs of the year",
        "Delegates at COP26 agreed.",  # a code glued to a number names an event
        "the 10 KM race",  # two capitals are kilometres here, not Bosnian marks
        "A $5bn deal was signed.",  # a sentence's first "A" is no Australian dollar
    ],
)
def test_words_that_look_like_currencies_are_not(text: str) -> None:
    codes = {unit for _, _, unit in money(text)}
    assert codes <= {"USD"}


@pytest.mark.parametrize(
    ("text", "carried"),
    [
        ("The plan costs $40bn over ten years, including 12 billion for roads.", ("12 billion", "USD")),
        ("Revenue was €4bn, up from 3.5 billion a year before.", ("3.5 billion", "EUR")),
        ("It owes £30m to banks and another 12 million to suppliers.", ("12 million", "GBP")),
        ("Profit hit ¥800bn, compared with 650 billion in 2023.", ("650 billion", "JPY")),
    ],
)
def test_a_sentence_carries_its_currency_to_a_bare_scaled_number(text: str, carried: tuple[str, str]) -> None:
    assert carried in [(surface, code) for surface, _, code in money(text)]


@pytest.mark.parametrize(
    "text",
    [
        "It raised $3m. Users grew to 2 million.",  # another sentence
        "A $5bn deal for 1.4 billion consumers",  # a counted noun
        "The $2bn fund hit 3 million downloads in 2 billion seconds",
    ],
)
def test_no_currency_is_carried_to_counts_or_into_another_sentence(text: str) -> None:
    assert all(surface.startswith(("$", "A $")) for surface, _, _ in money(text))


def test_scaled_only_names_are_marked_in_the_table() -> None:
    assert "won" in lexicon().scaled_only_names


@pytest.mark.parametrize(
    ("sentence", "surface", "code"),
    [
        # a local paper's letter symbol before a sum written as one (separators, cents or a scale word)
        ("Manila approved a P5.2-trillion budget.", "P5.2-trillion", "PHP"),
        ("Lagos state plans to spend N1.2 trillion.", "N1.2 trillion", "NGN"),
        ("Developers sold Dh10 billion of villas.", "Dh10 billion", "AED"),
        ("Dhaka set aside Tk 50,000 crore for roads.", "Tk 50,000 crore", "BDT"),
        ("The stadium upgrade cost R2.3 billion.", "R2.3 billion", "ZAR"),
        ("A dinner for two costs R480.50 there.", "R480.50", "ZAR"),
        ("The fraud cost the bank PS2.7m.", "PS2.7m", "GBP"),
    ],
)
def test_local_letter_symbols_before_sums(sentence: str, surface: str, code: str) -> None:
    assert (surface, code) in [(f.text, f.unit) for f in extract(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Nurses still need N95 masks.",  # a mask
        "Experts put the R0.9 estimate in doubt.",  # a reproduction number
        "The P5 nations met in New York.",  # a group
        "Sony sold more PS5 consoles.",  # a console
    ],
)
def test_letter_symbols_before_other_numbers_are_no_money(sentence: str) -> None:
    assert all(f.dimension != "money" for f in extract(sentence))


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        # the dot of an abbreviated currency glued to the number is the abbreviation's, not a decimal point
        ("He paid Rs.200 for a ticket.", "Rs.200", 200, "INR"),
        ("The dealer charged Rs.1,450 per gram.", "Rs.1,450 per gram", 1450, "INR / gram"),
        ("A plate of rice costs Rs.60 now.", "Rs.60", 60, "INR"),
        # a decimal point after a symbol or a space is one
        ("Candy sold for $.99 a bag.", "$.99", 0.99, "USD"),
        # cents of a named currency
        ("The Australian dollar bought 68.4 US cents.", "68.4 US cents", 68.4, "cent"),
        ("The kiwi slipped to 59.1 U.S. cents overnight.", "59.1 U.S. cents", 59.1, "cent"),
        ("Bus fares rise by 20 euro cents in May.", "20 euro cents", 20, "eurocent"),
    ],
)
def test_abbreviations_and_cents(text: str, surface: str, value: float, unit: str) -> None:
    assert (surface, pytest.approx(value), unit) in [(f.text, f.value, f.unit) for f in extract(text)]
