"""The counted noun after a number ("62 attack drones" -> "attack drones"), without a part-of-speech
tagger: a short run of words that stops at function words, verbs and the first plural."""

from __future__ import annotations

import re
from importlib import resources

from figures.extract.numbers import SCALE_WORDS

# a word, or an abbreviation written with dots ("3 U.S. soldiers", "200 U.N. peacekeepers", "2 U.S.-made")
_WORD_RE = re.compile(r"\s+((?:[A-Z]\.){2,}(?:-[A-Za-z0-9]+)*|[A-Za-z][A-Za-z0-9'’]*(?:-[A-Za-z0-9]+)*)")

_MODEL_NUMBER_RE = re.compile(r"\s+(\d{2,4}(?=\s+[A-Z]))")


def _word_list(name: str) -> frozenset[str]:
    text = resources.files("figures").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


# words that end a counted noun phrase (function words, common verbs, adverbs): a data file users extend
_STOP_WORDS = _word_list("noun_stop_words.txt")

_VERB_ENDINGS = ("ed", "ing", "ly")

_IRREGULAR_PLURALS = frozenset(
    {"men", "women", "children", "people", "police", "personnel", "feet", "teeth", "mice", "geese", "cattle"}
    | {"staff", "crew", "aircraft", "sheep", "fish"}
)

NUMBER_NOUN_MAX_WORDS = 4


def is_proper_name(noun: str) -> bool:
    """Every word capitalised, the last not a plural ("Wilbraham Road" yes, "Ukrainian soldiers" no)."""
    words = noun.split()
    if not all(w[:1].isupper() for w in words):
        return False
    last = words[-1]
    if len(words) == 1 and last.isupper() and len(last) >= 2:
        return False  # "0.5 WAR", "300 PS", "5 MW": an acronym after a number names what it counts
    return not (last.endswith("s") and last[:-1].isalpha() and not last.isupper())


def is_plural(word: str) -> bool:
    """A plural by its ending. Words in -ss ("glass") and -us are singular: "-ous" adjectives ("10 previous
    attempts", "5 serious injuries") and nouns such as "virus", "bonus", "census" or the name "Airbus"."""
    low = word.lower()
    return (low.endswith("s") and not low.endswith(("ss", "us"))) or low in _IRREGULAR_PLURALS


def plural_noun_follows(text: str, cursor: int) -> bool:
    """Whether the next word after ``cursor`` is a lowercase plural noun, one a word before it may modify:
    "12 gas stations", "200 arms dealers", "6 economics professors", "4 Mercedes vans" (a plural noun is
    not followed by a verb in -s, so a second plural in a row is the phrase going on)."""
    match = _WORD_RE.match(text, cursor)
    if match is None:
        return False
    word = match.group(1)
    return (
        word.islower()
        and is_plural(word)
        and word not in _STOP_WORDS
        and word not in SCALE_WORDS
        and not word.endswith(_VERB_ENDINGS)
    )


# "digital and physical sales": one or two more words ending in a plural, after "and"/"or"
_COORDINATED_RE = re.compile(r"\s+(?:and|or|&)\s+(?:[a-z][a-z-]*\s+)?([a-z][a-z-]*s)\b")


def noun_after(text: str, pos: int, singular_verb: bool = False) -> tuple[str, int] | None:
    """The counted noun right after a number: "62 attack drones" -> ("attack drones", end).

    ``singular_verb``: the phrase is the subject of a verb in -s, as after a ratio ("one in four children
    lives"), so a plural ends the noun even before another word in -s."""
    words: list[tuple[str, int]] = []
    cursor = pos
    while len(words) < NUMBER_NOUN_MAX_WORDS:
        match = _WORD_RE.match(text, cursor)
        if not match and words:  # a model number inside the phrase: "two new 737 Max jets"
            match = _MODEL_NUMBER_RE.match(text, cursor)
        if not match:
            break
        word = match.group(1)
        low = word.lower()
        if low in _STOP_WORDS or low in SCALE_WORDS or (low.endswith("ly") and len(low) > 4):
            break
        words.append((word, match.end()))
        cursor = match.end()
        # a noun phrase rarely runs on past a plural noun or a possessive
        if low.endswith(("’", "'")):
            break
        if is_plural(word) and (singular_verb or not plural_noun_follows(text, cursor)):
            break
    # adjectives coordinated before one plural noun: "4.3M digital and physical sales"
    if words and len(words) < NUMBER_NOUN_MAX_WORDS and not is_plural(words[-1][0]):
        coordinated = _COORDINATED_RE.match(text, cursor)
        if coordinated and coordinated.group(1).lower() not in _STOP_WORDS:
            words.append((coordinated.group(1), coordinated.end()))
    # a trailing verb form ("1,500 killed", "62 drones launched") is not part of the noun
    while words and words[-1][0].lower().endswith(_VERB_ENDINGS) and not words[-1][0][0].isupper():
        words.pop()
    if not words:
        return None
    start_of_noun = _WORD_RE.match(text, pos)
    assert start_of_noun is not None
    return text[start_of_noun.start(1) : words[-1][1]], words[-1][1]
