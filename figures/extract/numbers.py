"""Numbers as news writes them: digits, scale words, spelled numbers, fractions, vague magnitudes.

Pure functions over strings; the patterns are compiled once here. ``parse_*`` return the value and the
rounding step the writer used (10 for "60", 0.1 for "164.0", 1e8 for "15.7bn").
"""

from __future__ import annotations

import math
import re

# "3,400", "164.0", "1500", ".5" ; a thousands group must be exactly three digits
# "3,400", "164.0", "1500", ".5"; Indian grouping "12,34,567.89"; "10 1/2" and "1/4" as fractions
VULGAR_FRACTIONS = {"½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅛": 1 / 8, "⅕": 1 / 5}
DIGITS = (
    r"(?:\d*[½⅓⅔¼¾⅛⅕]|\d+\s+\d[/⁄](?:2|3|4|8|16)\b(?![/⁄])|(?<![\d/⁄])[1-9][/⁄](?:2|3|4|5|8|10|16|32|64|128)\b(?![/⁄\d])"
    r"|\d+(?:\.\d+)?(?:[eE][+-]?\d+|\s?[x×]\s?10\^[+−-]?\d+|\s?×\s?10[−-]\d+)(?![\w^])"  # "1.3e6", "1.3x10^6"
    r"|(?<![\d,.])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.])"  # "40 000", "1 414 021 100"
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?<![A-Za-z])\.\d+)"
)

UNIT_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALE_WORDS = {
    "hundred": 100.0,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
# abbreviations after digits: "$164bn", "£30.9million", "1.6 million"; single letters only after money
SCALE_ABBREVIATIONS = {
    "bn": 1e9,
    "bln": 1e9,
    "b": 1e9,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "k": 1e3,
    "tn": 1e12,
    "trn": 1e12,
    "tr": 1e12,
    "t": 1e12,
    "thou": 1e3,
    "lakh": 1e5,
    "crore": 1e7,
}
SINGLE_LETTER_SCALES = frozenset({"b", "m", "k", "t"})  # only after money ("$5m", "$2.174T"): m is metres
FRACTION_WORDS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
# "hundreds of", "tens of thousands of": vague magnitudes, valued at their lower bound
VAGUE_WORDS = {
    "tens": 10.0,
    "dozens": 12.0,
    "scores": 20.0,
    "hundreds": 100.0,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
    "trillions": 1e12,
}

_NUMBER_WORD = "|".join(sorted([*UNIT_WORDS, *TENS_WORDS, *SCALE_WORDS], key=len, reverse=True))
_FIRST_NUMBER_WORD = "|".join(sorted([*UNIT_WORDS, *TENS_WORDS], key=len, reverse=True))
# a spelled number starts with a unit or tens word ("million" alone is not a number); "and" only after a scale
_WORD_NUMBER = (
    rf"(?:{_FIRST_NUMBER_WORD})"
    rf"(?:(?:(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+|[\s-]+)(?:{_NUMBER_WORD})\b){{0,12}}"
    r"(?:\s+dozens?\b)?"
)
SPELLED = (
    r"(?:\b(?:half\s+a\s+dozen|(?:an?|another)\s+(?:dozen|hundred|thousand|million|billion)"
    rf"(?:\s+(?:thousand|million|billion))?(?:\s+and\s+{_WORD_NUMBER})?|{_WORD_NUMBER})\b)"
)
FRACTION = (
    rf"(?:\b(?:(?:one|two|three|four|five|six|seven|eight|nine|a)[\s-](?:{'|'.join(FRACTION_WORDS)})"
    r"|half(?!\s+a\s+dozen)|quarter(?=\s+(?:million|billion|trillion)\b))\b"
    r"(?:\s+(?:a\s+)?(?:million|billion|trillion)\b)?)"
)
VAGUE = (
    r"(?:\b(?:(?:tens|dozens|scores|hundreds|thousands|millions|billions|trillions)"
    r"(?:\s+of\s+(?:thousands|millions|billions))?"
    r"|(?:several|a\s+few|a\s+couple\s+of|some)\s+(?:hundred|thousand|million|billion)s?)\b)"
)
# "more than a year", "nearly a decade", "a couple (of) months", "a pair of satellites": one or two of a unit
# (a bare "a year" counts only after a qualifier: the scanner checks)
_A_UNIT = (
    r"(?:week|year|decade|month|day|hour|century|minute|fortnight"
    r"|tonne|ton|mile|kilometre|kilometer|metre|meter)"
)
ARTICLE = rf"(?:\b(?:an?(?=\s+{_A_UNIT}\b)|a\s+(?:couple|pair)(?:\s+of)?(?=\s)))"
# "milion", "billlion", "trillon": a scale word with one l too few or too many, or no i, is still a scale
_SCALE_WORD = r"(?:(?:m|b|tr)il{1,3}i?on)"
SCALE_AFTER = (
    rf"(?:(?:\s*-\s*|\s*)(?P<scale>(?:hundred|thousand)(?:\s+(?:thousand|{_SCALE_WORD}))?|{_SCALE_WORD})s?\b"
    r"|\s*(?P<scale_indian>lakh|crore)s?\b"
    # "$3bn", and "$3 bn" (two or more letters after a space; "3 m" is metres)
    r"|(?:\s(?=(?:bn|bln|mn|mln|trn)(?![A-Za-z])))?(?P<scale_abbr>bn|bln|mn|mln|tn|trn|thou|[bmkt])(?![A-Za-z]))"
)
_SCALE_TYPO_RE = re.compile(r"(m|b|tr)il{1,3}i?on", re.IGNORECASE)


def scale_word(word: str) -> str:
    """The scale word as spelled right: "billlion" -> "billion", "milion" -> "million"; others as given."""
    typo = _SCALE_TYPO_RE.fullmatch(word)
    return f"{typo.group(1).lower()}illion" if typo else word

# "one in three Germans", "1 out of 4 adults": a ratio, valued as the fraction
_SMALL = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3}(?:,\d{3})*)"
# "60 in 3.2 seconds" is no ratio of 60 in 3: the second number ends where its digits end
RATIO = rf"(?:\b{_SMALL}\s+(?:out\s+of|in)\s+(?:every\s+)?{_SMALL}\b(?![.,]\d))"
RATIO_PARTS_RE = re.compile(rf"({_SMALL})\s+(?:out\s+of|in)\s+(?:every\s+)?({_SMALL})", re.IGNORECASE)
SCALE_AFTER_RE = re.compile(SCALE_AFTER, re.IGNORECASE)
_SCIENCE_RE = re.compile(r"(\d+(?:\.\d+)?)\s?[x×]\s?10\^?([+−-]?\d+)")
SPELLED_TOKEN_RE = re.compile(r"[a-z]+", re.IGNORECASE)
_WHITESPACE_RE = re.compile(r"\s+")


def parse_digits(surface: str) -> tuple[float, float]:
    """'3,400' -> (3400, 100); '164.0' -> (164.0, 0.1); '60' -> (60, 10); '10 1/2' -> (10.5, 0.5)."""
    if surface[-1] in VULGAR_FRACTIONS:  # "½", "2½"
        return float(surface[:-1] or 0) + VULGAR_FRACTIONS[surface[-1]], VULGAR_FRACTIONS[surface[-1]]
    if "/" in surface or "⁄" in surface:
        # "10 1/2", "1\u00a02/3": any space between the whole part and the fraction
        parts = _WHITESPACE_RE.split(surface.replace("⁄", "/"))
        whole, fraction = (parts[0], parts[-1]) if len(parts) > 1 else ("", parts[0])
        numerator, denominator = fraction.split("/")
        return float(whole or 0) + int(numerator) / int(denominator), 1 / int(denominator)
    science = _SCIENCE_RE.fullmatch(surface)
    if science:  # "1.3x10^6" -> 1.3e6
        exponent = int(science.group(2).replace("−", "-"))
        # through float() so that "1x10^400" overflows to inf (dropped by the scanner) instead of raising
        return float(f"{science.group(1)}e{exponent}"), float(f"1e{exponent}")
    if "e" in surface or "E" in surface:
        value = float(surface)
        return value, abs(value) or 1.0
    plain = re.sub(r"[,\s\u00a0\u202f]", "", surface)
    value = float(plain)
    if "." in plain:
        decimals = len(plain) - plain.index(".") - 1
        return value, 10.0**-decimals
    digits = plain.lstrip("0") or "0"
    trailing = len(digits) - len(digits.rstrip("0")) if digits != "0" else 0
    return value, 10.0 ** min(trailing, max(len(digits) - 1, 0))


def parse_spelled(surface: str) -> float | None:
    """'nine' -> 9; 'one hundred and fifty' -> 150; 'a dozen' -> 12; 'two million' -> 2e6; else None."""
    words = [w.lower() for w in SPELLED_TOKEN_RE.findall(surface)]
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if word in ("a", "an", "another"):
            current = current or 1.0  # "a dozen" is 12; "half a dozen" stays half
            continue
        if word == "and":
            continue
        if word == "half":
            current = 0.5
            continue
        if word in ("dozen", "dozens"):
            current = (current or 1.0) * 12
            seen = True
        elif word in UNIT_WORDS:
            current += UNIT_WORDS[word]
            seen = True
        elif word in TENS_WORDS:
            current += TENS_WORDS[word]
            seen = True
        elif word in SCALE_WORDS:
            scale = SCALE_WORDS[word]
            if not seen and current == 0:
                current = 1.0
            if scale == 100:
                current *= scale
            else:
                total += current * scale
                current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def spelled_number_end(surface: str) -> int:
    """Where the number in words that ``surface`` starts with ends: its whole length, unless a scale word
    comes that one number cannot hold. Within a number the scales above a hundred fall ("two million three
    thousand") and each group below a thousand has one "hundred", so "between one hundred and two hundred"
    or "one million or two million" are two numbers, the first ending after its scale word."""
    hundred_in_group, last_big, after_scale = False, math.inf, len(surface)
    for token in SPELLED_TOKEN_RE.finditer(surface):
        scale = SCALE_WORDS.get(token.group().lower())
        if scale is None:
            continue
        if scale == 100:
            if hundred_in_group:
                return after_scale
            hundred_in_group = True
        else:
            if scale >= last_big:
                return after_scale
            last_big, hundred_in_group = scale, False
        after_scale = token.end()
    return len(surface)


def parse_fraction(surface: str) -> float:
    """'half' -> 0.5; 'two-thirds' -> 0.667; 'a quarter' -> 0.25; 'three quarters' -> 0.75."""
    words = [w.lower() for w in SPELLED_TOKEN_RE.findall(surface) if w.lower() != "a" or w is not surface]
    scale = 1.0
    if words[-1] in SCALE_WORDS:  # "half a million", "a quarter million"
        scale = SCALE_WORDS[words[-1]]
        words = [w for w in words[:-1] if w != "a" or words.index(w) == 0]
    if len(words) == 1:
        return scale / FRACTION_WORDS[words[0]]
    numerator = 1 if words[0] == "a" else UNIT_WORDS[words[0]]
    return scale * numerator / FRACTION_WORDS[words[1]]


def parse_vague(surface: str) -> float:
    """'hundreds' -> 100; 'tens of thousands' -> 10,000; 'several hundred' -> 200 (lower bounds)."""
    words = [w.lower() for w in SPELLED_TOKEN_RE.findall(surface) if w.lower() not in ("of", "a")]
    value = 1.0
    for word in words:
        if word in ("several", "few", "couple", "some"):
            value *= 2
        else:
            value *= VAGUE_WORDS.get(word) or SCALE_WORDS[word.rstrip("s")]
    return value


def parse_ratio(surface: str) -> tuple[float, float] | None:
    """'one in three' -> (1, 3); '1 out of 4' -> (1, 4)."""
    parts = RATIO_PARTS_RE.fullmatch(surface)
    if not parts:
        return None
    numbers = []
    for part in parts.groups():
        number = parse_spelled(part) if part[0].isalpha() else float(part.replace(",", ""))
        if number is None:
            return None
        numbers.append(number)
    return numbers[0], numbers[1]


def parse_article(surface: str) -> float:
    """'a' / 'an' -> 1; 'a couple of' / 'a pair of' -> 2."""
    return 2.0 if ("couple" in surface or "pair" in surface) else 1.0
