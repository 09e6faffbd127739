"""Who says so: the party a sentence attributes its figures to.

Covers how news attributes: "the ministry said", "Syrskyi claimed", "said Okafor", "according to its foreign
ministry", "Lawyers for Potanin argue", "Tymur Tkachenko, head of the city's military administration, said".
Pronouns ("He said") resolve to the last named claimant of the same article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from figures.link.lexicon import claim_verb_matcher, claim_verbs, function_word_set, function_words

TOKEN = re.compile(r"[\w’'&/-]+(?:\.[\w’'&/-]+)*|[^\w\s]")  # "U.S" inside, no sentence-final "."
_ACCORDING = re.compile(
    r"\baccording to\s+(?P<np>[^,;:.()“”\"]+?)(?=\s*(?:[,;:.()“”\"]|$|\s+(?:on|in|at|which|who|that)\b))",
    re.IGNORECASE,
)
_COORDINATED = re.compile(r"(?:\band|\bbut|[–—])\s+(?:(?:also|then|later|has|had|have)\s+)?$")
_OPENING_NAME = re.compile(r"\W*(?P<name>(?:[A-Z][\w’'-]+\s+){0,3}[A-Z][\w’'-]+)\s+[a-z]")
# "Tymur Tkachenko, head of the city's military administration, said"
_APPOSITIVE = re.compile(r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}),\s+[a-z][^,;“”\"]{2,80},\s*$")
# lower-case words that may open a name ("top general Oleksandr Syrskyi" -> "Oleksandr Syrskyi")
TITLES = frozenset(
    [
        "general",
        "gen",
        "president",
        "minister",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "governor",
        "mayor",
        "chief",
        "secretary",
        "envoy",
        "commander",
        "chairman",
        "leader",
        "lawmaker",
        "official",
        "officer",
        "adviser",
        "advisor",
        "ambassador",
        "deputy",
        "director",
        "head",
        "analyst",
        "expert",
        "author",
        "chancellor",
        "king",
        "queen",
        "prince",
        "senator",
        "representative",
        "prosecutor",
        "judge",
    ]
)
_SKIP_BEFORE_VERB = frozenset(
    [
        "has",
        "meanwhile",
        "however",
        "now",
        "still",
        "too",
        "have",
        "had",
        "also",
        "previously",
        "reportedly",
        "later",
        "then",
        "once",
        "further",
        "had",
        "been",
        "is",
        "was",
    ]
)
_LEADING_JUNK = frozenset(
    [
        "and",
        "but",
        "so",
        "as",
        "while",
        "when",
        "that",
        "because",
        "then",
        "however",
        "meanwhile",
        "today",
        "yesterday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "earlier",
        "later",
        "now",
        "also",
        "still",
        "overall",
    ]
)


@dataclass(frozen=True, slots=True)
class Attribution:
    start: int  # local offset of the reporting verb (or of "according to")
    claimant: str


def _is_name(token: str) -> bool:
    return token[:1].isupper() and any(c.isalpha() for c in token)


def _trim_name(words: list[str]) -> list[str]:
    """Keep the trailing capitalised name when a lower-case title stands before it."""
    for i in range(len(words) - 1, 0, -1):
        if (
            not _is_name(words[i - 1])
            and words[i - 1].lower() in TITLES
            and all(_is_name(w) for w in words[i:])
        ):
            return words[i:]
    return words


def _np_before(tokens: list[tuple[int, str]], index: int) -> str | None:
    """The claimant noun phrase ending just before token ``index`` (the reporting verb)."""
    fw = function_words()
    boundary = function_word_set("boundary", "pronouns")
    i = index - 1
    while (
        i >= 0
        and tokens[i][1].lower() in _SKIP_BEFORE_VERB | {"not"}
        or (i >= 0 and tokens[i][1].lower().endswith("ly") and tokens[i][1].islower())
    ):
        i -= 1
    words: list[str] = []
    while i >= 0 and len(words) < 8:
        word = tokens[i][1]
        low = word.lower()
        if not re.match(r"[\w’']", word):
            break
        if low in {"of", "for"} and words and _is_name(words[0]):
            words.insert(0, word)
            i -= 1
            continue
        if low in fw["determiners"]:
            words.insert(0, word)
            break
        if low in fw["pronouns"] and not words:
            return None if low in {"who", "which", "what", "one"} else word
        if low in {"from", "in", "of"} and len(words) == 1 and re.fullmatch(r"(?:19|20)\d\d", words[0]):
            words.insert(0, word)  # "Russian Central Bank records from 2022 show"
            i -= 1
            continue
        if low in boundary:
            break
        words.insert(0, word)
        i -= 1
    while words and (words[0].lower() in {"of", "for"} | _LEADING_JUNK):
        words.pop(0)
    if not words:
        return None
    # "Tymur Tkachenko, head of the city's military administration, said": the name before the appositive
    if not _is_name(words[0]):
        j = i
        if j >= 0 and tokens[j][1] == "," and words[0].lower() not in fw["determiners"]:
            name: list[str] = []
            k = j - 1
            while k >= 0 and _is_name(tokens[k][1]) and len(name) < 4:
                name.insert(0, tokens[k][1])
                k -= 1
            if name:
                return " ".join(name)
    words = _trim_name(words)
    if len(words) == 1 and words[0].lower() in fw["determiners"]:
        return None
    return " ".join(words)


def _np_after(tokens: list[tuple[int, str]], index: int) -> str | None:
    """The claimant after an inverted reporting verb: '..., said Okafor' / '" said the ministry'."""
    fw = function_words()
    words: list[str] = []
    i = index + 1
    while i < len(tokens) and len(words) < 6:
        word = tokens[i][1]
        low = word.lower()
        if not re.match(r"[\w’']", word) or (low in fw["boundary"] and low not in {"of", "for"}):
            break
        if (
            words
            and not _is_name(word)
            and low not in {"of", "for"}
            and words[0].lower() not in fw["determiners"]
        ):
            break
        words.append(word)
        i += 1
    if words:
        words[-1] = words[-1].rstrip(".")
    while words and words[-1].lower() in {"of", "for"}:
        words.pop()
    if not words or (len(words) == 1 and words[0].lower() in fw["determiners"]):
        return None
    if not any(_is_name(w) for w in words) and words[0].lower() not in fw["determiners"]:
        return None
    return " ".join(_trim_name(words))


def _comma_before(text: str, offset: int) -> bool:
    """Whether ``text[:offset]`` ends with a comma and spaces (what ``_APPOSITIVE`` ends with: tested first,
    as that search reads the whole text before the verb)."""
    i = offset
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i > 0 and text[i - 1] == ","


def attributions(sentence: str) -> list[Attribution]:
    """Every attribution in a sentence, in order."""
    verbs = claim_verbs()
    found: list[Attribution] = []
    for m in _ACCORDING.finditer(sentence):
        np = m.group("np").strip()
        if np:
            found.append(Attribution(m.start(), np))
    if not claim_verb_matcher().search(sentence):
        return found  # no reporting verb: only "according to" attributes
    tokens = [(m.start(), m.group(0)) for m in TOKEN.finditer(sentence)]
    for index, (offset, word) in enumerate(tokens):
        if word not in verbs:  # lower-case only: "the United States" is no attribution
            continue
        if re.match(r"\s+to\s", sentence[offset + len(word) :]):
            continue  # "estimated to import": no one is quoted
        before = tokens[index - 1][1] if index else ""
        claimant = None
        appositive = _APPOSITIVE.search(sentence, 0, offset) if _comma_before(sentence, offset) else None
        if appositive:
            claimant = appositive.group("name")
        # '..., said the ministry' (never "told X": that X is the listener)
        if (
            claimant is None
            and (before in {",", "”", '"', "’"} or index == 0)
            and word not in {"told", "tells"}
        ):
            claimant = _np_after(tokens, index)
        if claimant is None and index:
            claimant = _np_before(tokens, index)
        if claimant is None and index and _COORDINATED.search(sentence[:offset]):
            # "Pistorius called for talks ... – and revealed that ...": the sentence's first name
            opening = _OPENING_NAME.match(sentence)
            claimant = opening.group("name") if opening else None
        if claimant:
            found.append(Attribution(offset, claimant))
    return sorted(found, key=lambda a: a.start)


PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i"])


def claimant_for(
    sentence: str, start: int, last_named: str | None, found: list[Attribution] | None = None
) -> str | None:
    """The claimant of the figure at ``start``: the attribution before it, else the one after it
    (``found``: ``attributions(sentence)``, where the caller has them already)."""
    if found is None:
        found = attributions(sentence)
    if not found:
        # a quotation that goes on from an earlier sentence: "“As of 12pm on 22 September 2025, ..."
        return last_named if sentence.lstrip()[:1] in {"“", '"'} else None
    before = [a for a in found if a.start <= start]
    chosen = before[-1] if before else found[0]
    if chosen.claimant.lower() in PRONOUNS:
        return last_named
    return chosen.claimant
