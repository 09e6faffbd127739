"""Qualifiers: the words that hedge or bound a figure ("about", "at least", "-plus"), and the interval a
figure asserts once its qualifier is applied."""

from __future__ import annotations

import re

from figures.extract.lexicon import trie_alternation
from figures.extract.mention import Mention, clean
from figures.extract.numbers import TENS_WORDS, UNIT_WORDS

# qualifier written before the figure -> its canonical name
QUALIFIERS = {
    "about": "about",
    "around": "about",
    "roughly": "about",
    "some": "about",
    "approximately": "about",
    "approx.": "about",
    "approx": "about",
    "circa": "about",
    "c.": "about",
    "an estimated": "about",
    "estimated": "about",
    "~": "about",
    "≈": "about",
    "an approximate": "about",
    "close to": "nearly",
    "nearly": "nearly",
    "almost": "nearly",
    "just under": "nearly",
    "just shy of": "nearly",
    "just over": "just over",
    "just above": "just over",
    "at least": "at least",
    "no fewer than": "at least",
    "no less than": "at least",
    "upwards of": "at least",
    "a minimum of": "at least",
    "more than": "more than",
    "over": "more than",
    "above": "more than",
    "in excess of": "more than",
    "greater than": "more than",
    "exceeding": "more than",
    "well over": "more than",
    ">": "more than",
    "up to": "up to",
    "at most": "up to",
    "no more than": "up to",
    "a maximum of": "up to",
    "as many as": "up to",
    "as much as": "up to",
    "not more than": "up to",
    "less than": "less than",
    "under": "less than",
    "fewer than": "less than",
    "below": "less than",
    "<": "less than",
    "bigger than": "more than",
    "larger than": "more than",
    "higher than": "more than",
    "smaller than": "less than",
    "lower than": "less than",
    "greater than or equal to": "at least",
    "bigger or equal than": "at least",
    "more or equal than": "at least",
    "larger or equal than": "at least",
    "less than or equal to": "up to",
    "smaller or equal than": "up to",
    "less or equal than": "up to",
    "a maximum": "up to",
    "maximum of": "up to",
    "minimum of": "at least",
    "exactly": "exactly",
    "precisely": "exactly",
}

QUALIFIERS.update(
    {
        "exceed": "more than", "exceeds": "more than", "exceeded": "more than", "surpass": "more than",
        "surpassed": "more than", "at least or equal to": "at least", ">=": "at least", "≥": "at least",
        "> =": "at least", "<=": "up to", "≤": "up to", "< =": "up to", "equal to": "exactly",
    }
)  # fmt: skip

# a bound that includes its number: "greater than or equal to 30", "smaller or equal to 30", "equal to or
# less than 30", "not less than 30" (each comparative in each order the phrase is written in)
_AT_LEAST_WORDS = ("more", "greater", "larger", "bigger", "higher")
_UP_TO_WORDS = ("less", "fewer", "smaller", "lower")
for _words, _bound in ((_AT_LEAST_WORDS, "at least"), (_UP_TO_WORDS, "up to")):
    for _word in _words:
        for _form in ("{} than or equal to", "{} or equal to", "{} than or equal", "{} or equal than",
                      "equal to or {} than", "equal or {} than"):
            QUALIFIERS.setdefault(_form.format(_word), _bound)
# comparatives of size, age, price, speed and heat bound a measure the same way: "older than 65", "cheaper
# than $10", "longer than 5 km", "colder than -20C"; "no older than 30" is the other, inclusive bound
_MORE_COMPARATIVES = ("older", "taller", "longer", "heavier", "wider", "deeper", "thicker", "faster",
                      "costlier", "dearer", "hotter", "warmer", "stronger", "richer", "bigger", "larger")
_LESS_COMPARATIVES = ("younger", "shorter", "lighter", "narrower", "shallower", "thinner", "slower",
                      "cheaper", "cooler", "colder", "weaker", "poorer", "smaller", "lower")
for _comparatives, _bound, _negated in ((_MORE_COMPARATIVES, "more than", "up to"),
                                        (_LESS_COMPARATIVES, "less than", "at least")):
    for _word in _comparatives:
        QUALIFIERS.setdefault(f"{_word} than", _bound)
        QUALIFIERS.setdefault(f"no {_word} than", _negated)
        QUALIFIERS.setdefault(f"not {_word} than", _negated)
# prepositions bound inclusively with "or equal" or "at or": "above or equal to 40", "equal to or below 2%",
# "at or above 70 mph" (no "than" after a preposition)
for _word, _bound in (("above", "at least"), ("over", "at least"), ("below", "up to"), ("under", "up to")):
    for _form in ("{} or equal to", "equal to or {}", "at or {}"):
        QUALIFIERS.setdefault(_form.format(_word), _bound)
# a negated bound is the other bound: "no greater than 30" is at most 30, "not below 30" at least 30
for _words, _bound in ((_AT_LEAST_WORDS, "up to"), (_UP_TO_WORDS, "at least")):
    for _word in _words:
        for _negation in ("no", "not"):
            QUALIFIERS.setdefault(f"{_negation} {_word} than", _bound)
for _word, _bound in (("above", "up to"), ("over", "up to"), ("below", "at least"), ("under", "at least")):
    QUALIFIERS.setdefault(f"not {_word}", _bound)
QUALIFIERS.update(
    {
        "not less than": "at least", "not fewer than": "at least", "minimum": "at least",
        "upward of": "at least", "at a minimum": "at least", "surpassing": "more than",
        "not exceeding": "up to", "not to exceed": "up to", "maximum": "up to",
        "up to and including": "up to",
        "surpasses": "more than",  # as "surpassed" ("topped" is not: "the song topped 12 charts")
    }
)  # fmt: skip

# the words as a trie: this is searched before every figure, and one branch per first letter is much faster
# than a few hundred alternatives tried in turn at each place
QUALIFIER_RE = re.compile(
    r"(?:(?<![\w])(?P<q>"
    + trie_alternation({q.lower() for q in QUALIFIERS if q[0].isalpha()})
    + r")|(?P<symbol>"  # symbols need no word boundary: "x>10"
    + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True) if not q[0].isalpha())
    + r"))\s*$",
    re.IGNORECASE,
)

# "30 or more", "40 and below"; not "1000 and below 1500" or "one quarter and below three quarters", where
# the word bounds the next number ("or more than 40"); "45 or more than that", "5000 or more than." bound
# their own
_NUMBER_WORD_AHEAD = (
    "|".join(sorted([*UNIT_WORDS, *TENS_WORDS, "half"], key=len, reverse=True))
    # "a third", "a hundred", not "or more a day"
    + r"|an?\s+(?:half|third|quarter|fifth|tenth|dozen|hundred|thousand|million|billion)"
)
_NOT_BEFORE_A_NUMBER = (
    r"(?!\s+(?:than\b(?!\s*(?:$|[.,;:!?)\]])|\s+(?:that|this|it|those|these)\b)|or\s+equal|[-−$€£¥]?\d"
    rf"|(?:{_NUMBER_WORD_AHEAD})\b(?!-)))"
)
SUFFIX_QUALIFIER_RE = re.compile(
    rf"(?:\s*-\s*plus\b|\+(?![\d])|\s+(?:or|and)\s+(?:more|above|over|higher|greater|bigger|larger|beyond)\b"
    # "ages 12 and up", "£5 and upwards" (not "2 and up to 5", "3 and up 4%", "10 and up-and-coming"; a bare
    # "upward(s)" is as often a direction: "revised 2 percent upward")
    rf"{_NOT_BEFORE_A_NUMBER}|\s+and\s+up(?:wards?)?\b(?!-|\s+(?:to|from|by|in|on|at|of)\b|\s*[-−$€£¥]?\d)"
    rf"{_NOT_BEFORE_A_NUMBER}|\s+or\s+so\b|\s+at\s+(?:the\s+)?(?:most|least)\b(?!\s+(?:one|some|part|partly|\d))"
    rf"|\s+(?:or|and)\s+(?:less|fewer|below|under|lower|smaller)\b{_NOT_BEFORE_A_NUMBER}|\s+plus\b(?!\s+\d))",
    re.IGNORECASE,
)

SUFFIX_QUALIFIERS = {
    "plus": "-plus",
    "+": "-plus",
    "or so": "about",
    "and up": "or more",
    "and upward": "or more",
    "and upwards": "or more",
    "and beyond": "or more",
    "or beyond": "or more",
    "or more": "or more",
    "and more": "or more",
    "or above": "or more",
    "and above": "or more",
    "or over": "or more",
    "and over": "or more",
    "or higher": "or more",
    "and higher": "or more",
    "or greater": "or more",
    "and greater": "or more",
    "or less": "up to",
    "or fewer": "up to",
    "or below": "up to",
    "and below": "up to",
    "or under": "up to",
    "and under": "up to",
    "or lower": "up to",
    "and less": "up to",
    "and fewer": "up to",
    "and lower": "up to",
    "or bigger": "or more",
    "or larger": "or more",
    "or smaller": "up to",
    "and bigger": "or more",
    "and larger": "or more",
    "and smaller": "up to",
    "at most": "up to",
    "at the most": "up to",
    "at least": "at least",
    "at the least": "at least",
}

DISPUTE_BEFORE_RE = re.compile(
    r"\b(?:fight|fights|fighting|fought|row|rows|dispute|disputes|battle|battles|feud|clash|clashes|war|lawsuit|"
    r"case|concerns?|worries|worry|fears?|talks|deal|standoff|spat|tussle|wrangle|sue[sd]?|suing|split|divorce|"
    r"argue[sd]?|arguing|rift|tensions?|questions?|probe|investigation|sanctions?|charged|accused)"
    r"\s+(?:[\w’'-]+\s+)?$",  # "fight ex-wife over £15BILLION"
    re.IGNORECASE,
)

LOWER_BOUNDS = frozenset({"more than", "at least", "just over", "or more", "-plus"})

UPPER_BOUNDS = frozenset({"less than", "up to", "nearly"})


def interval(m: Mention) -> tuple[float | None, float | None]:
    """The interval a figure asserts, always ordered: "about -20" is [-22, -18], not [-18, -22]."""
    low, high = _interval(m)
    if low is not None and high is not None and low > high:
        return high, low
    return low, high


def _interval(m: Mention) -> tuple[float | None, float | None]:
    if m.range is not None:
        low, high = m.range
    else:
        low = high = clean(m.value * m.scale)
    if m.vague:
        return low, low * 10
    q = m.qualifier
    if q == "about":
        return low * 0.9, high * 1.1
    if q == "nearly":
        return low * 0.9, high
    if q == "just over":
        return low, high * 1.1
    if q in ("at least", "more than", "-plus", "or more"):
        return low, None
    if q in ("up to", "less than"):
        return None, high
    return low, high
