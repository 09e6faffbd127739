"""The counted noun of a count, read from the sentence's parse (the pipeline parses figure sentences once).

The scanner finds a count's noun in the words right after the number (``nouns.noun_after``); the parse
knows more where those words mislead:
- the noun a number modifies past words the window stops at: "1,200 mostly elderly residents";
- a partitive: the noun after "of" is what is counted ("five of the ships", "thousands of COVID-19 tests",
  "dozens of Kia and Hyundai vehicles"), not the first word after "of";
- a measure or container noun with what it holds: "65 snaps of man coverage", "12 bottles of wine",
  "40 rounds of talks" (an "of" phrase without an article belongs to the noun; "30 employees of the firm"
  names who has them, and stays out);
- nouns coordinated under one number: "300 doctors and nurses", "250 passengers and crew" (the number
  counts both; a second noun with its own number, article or possessive, "40 soldiers and their
  families", "150 soldiers and 30 civilians", is a phrase of its own).

``counted_noun`` reads one figure's span in a parsed sentence; it returns None where the parse says no more
than the scanner could, and never for a number that counts no noun ("at 2,483,805", "a 9-iron").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_NOUNS = frozenset({"NOUN", "PROPN"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# number words the tagger reads as nouns: "thousands of", "dozens of", "a hundred"
_NUMBER_NOUNS = frozenset({"ten", "dozen", "score", "hundred", "thousand", "million", "billion", "trillion"})
# nouns a number measures rather than counts: the scanner gives these their units, or they are times
_NOT_COUNTED = frozenset(
    {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "time", "percent"}
    | {"per", "cent", "percentage", "%", "o'clock", "am", "pm"}
)
# the words of a noun phrase between a number and its noun: "1,200 [mostly elderly] residents"
_MODIFIERS = frozenset({"amod", "compound", "nmod", "advmod", "nummod", "quantmod", "punct", "hyph", "poss"})
_NO_ARTICLE_BEFORE = frozenset({"det", "poss", "predet", "nummod"})
_COORDINATORS = frozenset({"and", "or", "&"})
# words that count a noun as a number would (the parser reads some as adjectives): "and several oligarchs"
_QUANTIFIERS = frozenset(
    {"several", "many", "few", "some", "numerous", "various", "other", "more", "most", "all", "both", "no"}
    | {"dozens", "hundreds", "thousands", "millions", "countless", "multiple"}
)


@dataclass(frozen=True, slots=True)
class CountedNoun:
    """The noun phrase a count counts, as written, its head as written and the head's lemma."""

    text: str
    head: str
    lemma: str
    partitive: bool = False  # counted after "of": "thousands of COVID-19 tests"


def _is_number(token: Token) -> bool:
    return token.like_num or token.pos_ == "NUM" or token.lemma_.lower() in _NUMBER_NOUNS


def _countable(token: Token, value: float | None) -> bool:
    """A noun a number can count: a plural, or a singular after "one" ("one solution")."""
    if token.pos_ not in _NOUNS or token.lemma_.lower() in _NOT_COUNTED or _is_number(token):
        return False
    return token.tag_ in _PLURAL_TAGS or value == 1


def _of_object(token: Token) -> Token | None:
    """The object of the "of" right after a token: "thousands [of] tests", "snaps [of] man coverage"."""
    for prep in token.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == token.i + 1:
            return next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ in _NOUNS), None)
    return None


def _coordinated(head: Token) -> Token | None:
    """A noun joined to ``head`` by "and"/"or" that the same number counts: it has no number, article or
    possessive of its own ("300 doctors and nurses", "12 men and women", "250 passengers and crew")."""
    for conj in head.rights:
        if conj.dep_ != "conj" or conj.pos_ not in _NOUNS or _is_number(conj):
            continue
        joiner = [t for t in conj.doc[head.i + 1 : conj.i] if not t.is_punct]
        if not joiner or joiner[0].lower_ not in _COORDINATORS or conj.lemma_.lower() in _NOT_COUNTED:
            continue
        own = conj.doc[joiner[0].i + 1 : conj.i]  # "and [newly hired] nurses"
        if all(
            t.dep_ in _MODIFIERS - _NO_ARTICLE_BEFORE and t.lower_ not in _QUANTIFIERS and conj in t.ancestors
            for t in own
        ):
            return conj
        return None
    return None


def _counted(doc: Doc, first: int, head: Token, partitive: bool = False) -> CountedNoun:
    """The words from token ``first`` to ``head``, with an article-less "of" phrase after the head, or a
    noun coordinated with it."""
    last = head.i
    held = _of_object(head)
    if held is not None and not any(c.dep_ in _NO_ARTICLE_BEFORE for c in held.lefts):
        last = held.i  # "pieces of equipment", "snaps of man coverage"
    elif (also := _coordinated(head)) is not None:
        last = also.i  # "300 doctors and nurses"
    return CountedNoun(doc[first : last + 1].text, head.lower_, head.lemma_.lower(), partitive)


def counted_noun(doc: Doc, start: int, end: int, value: float | None) -> CountedNoun | None:
    """What the count at ``doc.text[start:end]`` counts, by the parse: the noun the number modifies, or the
    noun of a partitive "of". None where the number counts no noun the parse can name."""
    if value is not None and 0 < value < 1:
        return None  # "two-thirds of voters": a share of a whole, not a count
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    if root.pos_ in _NOUNS and not _is_number(root):
        # the span holds its noun ("62 attack drones"): the scanner's noun; add what an "of" phrase holds
        number = next((t for t in span if _is_number(t)), None)
        if number is None or not _countable(root, value):
            return None
        return _counted(doc, number.i + 1, root)
    if not _is_number(root):
        return None
    partitive = _of_object(root)
    if partitive is not None:
        # "five of the ships", "thousands of COVID-19 tests": the object of "of", with its own modifiers
        if not (partitive.tag_ in _PLURAL_TAGS and _countable(partitive, value)):
            return None
        first = min(
            (t.left_edge.i for t in partitive.lefts if t.dep_ not in _NO_ARTICLE_BEFORE and t.i > root.i),
            default=partitive.i,
        )
        return _counted(doc, first, partitive, partitive=True)
    head = root.head
    if root.dep_ not in {"nummod", "quantmod"}:
        return _named_in_the_clause(doc, root, value) if len(span) == 1 else None
    if head.i <= span[-1].i or not _countable(head, value):
        return None
    between = doc[span[-1].i + 1 : head.i]
    if any(t.dep_ not in _MODIFIERS or head not in t.ancestors for t in between):
        return None  # the words in between are not the noun's own modifiers
    return _counted(doc, span[-1].i + 1, head)


# a subject that names what a number in its clause counts: "the number of deaths rose to 86"
_HOW_MANY = frozenset({"number", "total", "count", "tally", "tallies", "totals", "numbers"})


def _named_in_the_clause(doc: Doc, number: Token, value: float | None) -> CountedNoun | None:
    """What a number that heads no noun phrase counts, when its clause names it: the subject "the number of
    deaths" ("the number of deaths rose to 86", "the total number of cases stands at 1,204", "the number of
    homeless people is 4,500"), or a whole fronted with "of" ("Of the 120 passengers, 80 were Americans")."""
    verb = number.head
    if number.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in ("to", "at"):
        verb = verb.head
    elif number.dep_ not in ("attr", "dobj", "nsubj"):
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    for child in verb.children:
        if number.dep_ != "nsubj" and child.dep_ == "nsubj" and child.lemma_.lower() in _HOW_MANY:
            things = _of_object(child)
            if things is not None and things.tag_ in _PLURAL_TAGS and _countable(things, value):
                return _noun_phrase(doc, things)
        if (
            number.dep_ == "nsubj"
            and child.dep_ == "prep"
            and child.lower_ == "of"
            and child.i < number.i
        ):  # "Of the 120 passengers, 80 ...": a part of the whole fronted with "of"
            whole = next((c for c in child.children if c.dep_ == "pobj"), None)
            if whole is not None and whole.tag_ in _PLURAL_TAGS and _countable(whole, value):
                return _noun_phrase(doc, whole, partitive=True)
    return None


def _noun_phrase(doc: Doc, noun: Token, partitive: bool = False) -> CountedNoun:
    """A noun with the modifiers before it, past its article and number: "(the 120) passengers",
    "(the number of) confirmed cases"."""
    first = min(
        (t.left_edge.i for t in noun.lefts if t.dep_ not in _NO_ARTICLE_BEFORE and not _is_number(t)),
        default=noun.i,
    )
    return CountedNoun(doc[first : noun.i + 1].text, noun.lower_, noun.lemma_.lower(), partitive)


def better_noun(parsed: CountedNoun, scanned: str) -> bool:
    """Whether the parse's noun says more than the scanner's: it goes on with what is held ("snaps" ->
    "snaps of man coverage"), or it is a partitive's object where the scanner stopped at the first word after
    "of" ("thousands of COVID" -> "COVID-19 tests", "tens of thousands of angry" -> "angry US militants")."""
    words = scanned.lower().split()
    phrase = parsed.text.lower().split()
    if len(phrase) > len(words) and phrase[: len(words)] == words:
        return True
    return parsed.partitive and parsed.head not in words and parsed.lemma not in words


# a verb the word window took for a noun: "15 remain", "a family of four lives", "one proposal asks"
_FINITE_VERB_TAGS = frozenset({"VBD", "VBP", "VBZ"})


def verbs_after(doc: Doc, start: int, end: int) -> int | None:
    """Where the noun of the count at ``doc.text[start:end]`` really ends, when the parse reads its last
    words as the finite verb the count is the subject of ("15 remain in hospital" -> "15", "one proposal
    asks" -> "one proposal"); None where the noun has no such verb."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 2:
        return None
    last = len(span)
    while last > 1:
        token = span[last - 1]
        subject = any(c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i for c in token.children)
        if not (token.pos_ in ("VERB", "AUX") and token.tag_ in _FINITE_VERB_TAGS and subject):
            break
        last -= 1
    if last == len(span):
        return None
    kept = span[last - 1]
    return kept.idx + len(kept.text)
