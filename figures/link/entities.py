"""Entities: what a subject names, within an article and across articles.

- ``EntityNamer`` turns a noun phrase of the parse into an entity: the gazetteer's canonical name and id where
  the phrase holds a known name; a proper name (its generic head dropped: "Patriot batteries" -> Patriot);
  else a definite description ("the warship") that ``Salience`` resolves to the article's last named entity
  of a compatible kind.
- ``Salience`` is a small within-article resolver for pronouns and definite descriptions: recency, with
  subjects of earlier figures preferred. No offline coreference model is available here, so this is a
  tested heuristic, not a learnt resolver; it only ever picks an entity the article named before.
- A person named in full ("Keir Starmer") stands for the bare surname later in the article ("Starmer").
- A generic noun with no entity behind it ("countries", "people", "Other") is no subject: ``None``.
- Entity ids are stable across articles and processes: ``<kind>:<slug>`` of the canonical name, so that the
  same name in two articles is one entity without a corpus-wide pass. A description the article never
  resolves gets an id local to its article (``<doc_id>/<slug>``): "the package" of one article is never
  "the package" of another.
"""

from __future__ import annotations

import bisect
import csv
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from figures.link.lexicon import DATA, gazetteer, properties
from figures.model import Entity

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

PERSON = "person"
_ORGANISATION_KINDS = frozenset({"company", "organisation"})
SALIENCE_HALF_LIFE = 400  # characters: a mention's weight halves every ~2-3 sentences
ASIDE_WEIGHT = 0.5  # a mention in a line that is no sentence: a caption, another story's headline
OPENER_WEIGHT = 2.0  # a mention opening a sentence is usually its subject: what the sentence is about
SALIENCE_WINDOW = 200  # mentions looked back at when resolving one pronoun or description
_JOINERS = frozenset({"-", "–", "/", "."})
_TIME_ENTITIES = frozenset({"DATE", "TIME"})
# last words of company names ("Globex Corp", "Douglas Aerospace"): data, read once
COMPANY_SUFFIXES = frozenset(
    line.strip()
    for line in (DATA / "company_words.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
# capitalised words that open sentences or name times, not things
_NOT_NAMES = frozenset(
    [
        # prepositions and conjunctions that open sentences and are not among spaCy's stop words
        "despite",
        "amid",
        "amidst",
        "whilst",
        "following",
        "including",
        "according",
        "given",
        "unlike",
        "regardless",
        "notwithstanding",
        "instead",
        "a",
        "after",
        "all",
        "an",
        "and",
        "april",
        "are",
        "as",
        "at",
        "august",
        "before",
        "but",
        "by",
        "can",
        "could",
        "december",
        "did",
        "do",
        "does",
        "dr",
        "february",
        "for",
        "friday",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "here",
        "his",
        "how",
        "however",
        "i",
        "if",
        "in",
        "is",
        "it",
        "its",
        "january",
        "july",
        "june",
        "many",
        "march",
        "may",
        "meanwhile",
        "might",
        "minister",
        "monday",
        "more",
        "most",
        "mr",
        "mrs",
        "ms",
        "must",
        "no",
        "not",
        "november",
        "now",
        "october",
        "on",
        "our",
        "president",
        "prime",
        "saturday",
        "september",
        "she",
        "should",
        "so",
        "some",
        "sunday",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "thursday",
        "tuesday",
        "was",
        "we",
        "wednesday",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "why",
        "will",
        "with",
        "would",
        "yes",
        "you",
        "your",
        "yours",
    ]
)
_LINE = re.compile(r"[^\n]*\S[^\n]*")
_SENTENCE_END = re.compile(r"[.!?:;][\"”’')\]]*\s*$")
_LOWER_WORD = re.compile(r"(?<![\w.])[a-z][a-z’'-]+")
_NAME_RUN = re.compile(r"\b[A-Z][\w.]*(?:[- /][A-Z0-9][\w.]*)*")
NAME_DEPS = frozenset({"compound", "amod", "nmod", "flat", "nummod", "npadvmod", "poss", "case"})
_SLUG = re.compile(r"[^a-z0-9]+")
_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sir",
        "lord",
        "lady",
        "dame",
        "gen",
        "general",
        "lt",
        "col",
        "colonel",
        "maj",
        "major",
        "capt",
        "admiral",
        "adm",
        "president",
        "minister",
        "chancellor",
        "secretary",
        "sen",
        "senator",
        "rep",
        "gov",
        "governor",
        "mayor",
        "judge",
        "justice",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "chief",
        "ceo",
    ]
)


# words of a role written before a person's name ("Prime Minister Keir Starmer", "Foreign Secretary
# David Lammy"): dropped from the front of the name only, since some are names elsewhere
_LEADING_ROLE_WORDS = frozenset(
    [
        "prime",
        "deputy",
        "vice",
        "acting",
        "former",
        "foreign",
        "home",
        "defence",
        "defense",
        "finance",
        "health",
        "interior",
        "economy",
        "trade",
        "premier",
        "chairman",
        "chairwoman",
        "leader",
        "spokesman",
        "spokeswoman",
        "envoy",
        "ambassador",
    ]
)
# the kinds of things a possessor can own without the owned noun being a thing of its own: "India's steel
# output" is India's (a figure about India), "Starmer's spokesman" or "Russia's navy" is an entity itself
# (a noun of no kind in entity_kinds.csv counts as owned)
_OWNED_KINDS = frozenset({None, "programme", "event"})


# heads that stand for any entity of their kind, whatever its narrower kind ("the warship", "the company")
_GENERIC_HEADS = frozenset(
    [
        "ship",
        "warship",
        "vessel",
        "boat",
        "craft",
        "aircraft",
        "plane",
        "jet",
        "weapon",
        "system",
        "company",
        "firm",
        "group",
        "country",
        "nation",
        "organisation",
        "organization",
        "government",
        "ministry",
    ]
)


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _SLUG.sub("-", plain).strip("-")


@dataclass(frozen=True, slots=True)
class KindRow:
    kind: str
    gazetteer_kinds: tuple[str, ...]
    nouns: frozenset[str]
    ner: frozenset[str]
    pronouns: frozenset[str]


@functools.cache
def kind_rows() -> tuple[KindRow, ...]:
    rows = []
    with (DATA / "entity_kinds.csv").open(encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines):

            def split(name: str, row: dict[str, str] = row) -> tuple[str, ...]:
                return tuple(p.strip() for p in (row.get(name) or "").split("|") if p.strip())

            rows.append(
                KindRow(
                    row["kind"],
                    split("gazetteer_kinds"),
                    frozenset(split("nouns")),
                    frozenset(split("ner")),
                    frozenset(split("pronouns")),
                )
            )
    return tuple(rows)


_NAME = r"(?:[A-Z][\w.'’-]*)(?: (?:of |de |von )?[A-Z0-9][\w.'’-]*)*"
_POSSESSED = re.compile(rf"(?P<owner>{_NAME})['’]s (?P<owned>(?:[a-z][a-z-]* ?){{1,3}})")


@functools.cache
def _introduced() -> re.Pattern[str]:
    """A name beside the noun of its kind: "the frigate HMS Glasgow", "the newest frigate, HMS Glasgow,",
    "HMS Glasgow, a Type 26 frigate",
    "The Valkyrie is a new frigate" (nouns from entity_kinds.csv, people's roles left out: "President
    Smith" is a title, handled by the person rules)."""
    nouns = sorted({n for row in kind_rows() if row.kind != PERSON for n in row.nouns}, key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in nouns)
    return re.compile(
        rf"\b(?P<noun>{alternation})s?,? (?P<name>{_NAME})"
        rf"|(?P<name2>{_NAME}), (?:a|an|the) (?:[\w’'-]+ ){{0,3}}?(?P<noun2>{alternation})\b"
        rf"|(?P<name3>{_NAME}) (?:is|was) (?:a|an|the) (?:[\w’'-]+ ){{0,3}}?(?P<noun3>{alternation})\b"
    )


@functools.cache
def name_words() -> dict[tuple[str, str], str]:
    """(word, "first" | "last") -> the kind a name with that word there has (figures/data/name_words.csv)."""
    with (DATA / "name_words.csv").open(encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        return {(row["word"], row["position"]): row["kind"] for row in csv.DictReader(lines)}


@functools.cache
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words (imported when linking, where spaCy is loaded anyway, never by the
    store)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@functools.cache
def _detector() -> object:
    import gender_guesser.detector as gender_guesser

    return gender_guesser.Detector(case_sensitive=False)


def given_name_gender(word: str) -> str | None:
    """ "female" or "male" for a known given name ("Natalia", "Keir"), else None (gender-guesser's offline
    name lists: a person named in full tells which of "he" and "she" may stand for them)."""
    found = _detector().get_gender(word)  # type: ignore[attr-defined]
    if found in {"female", "mostly_female"}:
        return "female"
    if found in {"male", "mostly_male"}:
        return "male"
    return None


_PRONOUN_GENDER = {
    "he": "male",
    "him": "male",
    "his": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
}


@functools.cache
def not_subjects() -> frozenset[str]:
    words = set()
    for raw in (DATA / "not_subjects.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip().lower()
        if line and not line.startswith(("#", "[")):
            words.add(line)
    return frozenset(words)


def _common_word(word: str) -> bool:
    """A word the project's own tables know as a common noun: a property trigger ("revenue"), the noun of
    a kind ("company") or a generic noun ("people"), singular or plural."""
    lower = word.lower()
    forms = {lower, lower.removesuffix("s"), lower.removesuffix("es")}
    return any(
        form in properties().triggers or kind_of_noun(form) is not None or form in not_subjects()
        for form in forms
    )


@functools.cache
def _gazetteer_kind_words() -> frozenset[str]:
    """Words that name a narrower kind in the gazetteer ("drone", "missile", "frigate")."""
    return frozenset(word for entity in gazetteer().by_canonical.values() for word in entity.kind.split())


def kind_of_gazetteer(kind: str) -> str:
    """The coarse kind of a gazetteer kind: "aircraft carrier" -> ship, "cruise missile" -> weapon."""
    for row in kind_rows():
        if any(word in kind for word in row.gazetteer_kinds):
            return row.kind
    return "other"


def kind_of_noun(lemma: str) -> str | None:
    for row in kind_rows():
        if lemma in row.nouns:
            return row.kind
    return None


def kinds_of_noun(lemma: str) -> frozenset[str]:
    """Every kind a noun may describe: "the carrier" is a warship or an airline."""
    return frozenset(row.kind for row in kind_rows() if lemma in row.nouns)


def kind_of_ner(label: str) -> str | None:
    for row in kind_rows():
        if label in row.ner:
            return row.kind
    return None


def pronoun_kinds(word: str) -> frozenset[str]:
    return frozenset(row.kind for row in kind_rows() if word in row.pronouns)


def entity_id(kind: str, name: str) -> str:
    """The same name is one entity whatever kind a sentence suggests ("the Meridian", "the Meridian
    missile"): the id is the name's slug; the kind is an attribute."""
    del kind
    return slug(name)


@dataclass(frozen=True, slots=True)
class Named:
    """What a subject phrase stands for: the entity (None for a generic noun such as "countries", which says
    what a figure is about but names no entity), the words as written, and whether it came from a name
    (rather than a pronoun or description). "India's steel output" stands for India, owning "steel
    output"."""

    text: str
    canonical: str
    kind: str
    entity: Entity | None
    named: bool
    owned: str | None = None  # a possessive resolved to its owner: the owned words ("steel output")


@dataclass
class Salience:
    """The article's entities so far, most recent last: what "it", "she" or "the warship" can stand for."""

    doc_id: str
    seen: list[tuple[int, Entity]] = field(default_factory=list)  # (document offset, entity)
    surnames: dict[str, Entity] = field(default_factory=dict)  # "starmer" -> Keir Starmer
    entities: dict[str, Entity] = field(default_factory=dict)
    fine_kinds: dict[str, str] = field(default_factory=dict)  # entity id -> the gazetteer's kind words
    genders: dict[str, str] = field(default_factory=dict)  # person entity id -> female / male
    openers: set[int] = field(default_factory=set)  # offsets of mentions that open a sentence
    owned: dict[str, tuple[int, Entity]] = field(default_factory=dict)  # "fund" -> Norway ("Norway's fund")
    by_name: dict[str, Entity] = field(default_factory=dict)  # name or alias as written -> entity
    # people typed so from a given name alone ("Morgan ..."), and those of them the parser labels ORG:
    # a person unless the article treats the name as a company ("shares of", "the bank")
    guessed_people: set[str] = field(default_factory=set)
    org_labelled: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)  # typed person by the parser or a title
    # the lines of the article with no sentence-final punctuation: headlines of other stories, captions,
    # credits; (start, end) in order
    asides: list[tuple[int, int]] = field(default_factory=list)

    def aside(self, offset: int) -> bool:
        at = bisect.bisect_right(self.asides, (offset, float("inf"))) - 1
        return at >= 0 and self.asides[at][0] <= offset < self.asides[at][1]

    def retype(self, entity: Entity, kind: str) -> Entity:
        """``entity`` as a ``kind`` from now on, in every mention: a guessed person found to be a company
        forgets its surname and gender."""
        retyped = Entity(entity.entity_id, entity.name, kind, entity.aliases)
        self.guessed_people.discard(entity.entity_id)
        self.org_labelled.discard(entity.entity_id)
        if entity.kind == PERSON and kind != PERSON:
            self.genders.pop(entity.entity_id, None)
            self.surnames = {w: e for w, e in self.surnames.items() if e.entity_id != entity.entity_id}
        self.entities[entity.entity_id] = retyped
        self.seen = [(o, retyped if e.entity_id == entity.entity_id else e) for o, e in self.seen]
        self.by_name.update({n: retyped for n, e in self.by_name.items() if e.entity_id == entity.entity_id})
        return retyped

    def add(self, offset: int, entity: Entity, fine_kind: str = "") -> Entity:
        if fine_kind:
            self.fine_kinds.setdefault(entity.entity_id, fine_kind)
        known = self.entities.get(entity.entity_id)
        if (
            known is not None
            and known.entity_id in self.guessed_people
            and entity.kind in _ORGANISATION_KINDS
        ):
            known = self.retype(known, entity.kind)  # a guessed person the sentence calls a company
        if known is not None and known.kind == "other" and entity.kind not in {"other", "generic"}:
            # a name first seen bare, then introduced ("the frigate HMS Glasgow"): it takes the kind
            known = self.retype(known, entity.kind)
        if known is not None:
            entity = known
        else:
            self.entities[entity.entity_id] = entity
        self.seen.append((offset, entity))
        for name in (entity.name, *entity.aliases):
            self.by_name.setdefault(name, entity)
        if entity.kind == PERSON and " " in entity.name:
            self.surnames.setdefault(entity.name.split()[-1].lower(), entity)
            gender = given_name_gender(entity.name.split()[0])
            if gender:
                self.genders.setdefault(entity.entity_id, gender)
        return entity

    def person(self, name: str) -> Entity:
        """A person by the name as written: a bare surname the article gave in full is that person. Titles
        ("Mr", "Sir") and a role before the name ("Prime Minister") are not part of the name."""
        words = [w for w in name.split() if w.lower().rstrip(".") not in _TITLES]
        while len(words) > 1 and words[0].lower() in _LEADING_ROLE_WORDS:
            words = words[1:]
        name = " ".join(words) or name
        if len(words) == 1 and words[0].lower() in self.surnames:
            return self.surnames[words[0].lower()]
        if len(words) > 1 and words[-1].lower() in self.surnames:
            known = self.surnames[words[-1].lower()]
            if known.name.endswith(name) or name.endswith(known.name):
                return known if len(known.name) >= len(name) else Entity(known.entity_id, name, PERSON)
        return Entity(entity_id(PERSON, name), name, PERSON)

    def latest(
        self,
        before: int,
        kinds: Iterable[str],
        gender: str | None = None,
        subjects_only: bool = False,
        names_only: bool = False,
    ) -> Entity | None:
        """The most salient compatible entity before ``before``: each earlier mention counts, the nearer the
        more (news keeps its topic: "Potanin ... Putin's invasion ... his fortune" is Potanin's), and a
        mention that opens a sentence counts double (it is usually the sentence's subject); with
        ``subjects_only``, only such mentions count; with ``names_only``, no unresolved description."""
        wanted = frozenset(kinds)
        scores: dict[str, float] = {}
        chosen: dict[str, Entity] = {}
        # the last mentions only: one far back weighs nothing (and a long article stays linear)
        for offset, entity in reversed(self.seen[-SALIENCE_WINDOW:]):
            if offset >= before or entity.kind not in wanted:
                continue
            if subjects_only and offset not in self.openers:
                continue
            if names_only and entity.entity_id.startswith(f"{self.doc_id}/"):
                continue  # a description the article never resolved is no name
            if gender and self.genders.get(entity.entity_id, gender) != gender:
                continue  # "she" is not the man named last
            weight = OPENER_WEIGHT if offset in self.openers else 1.0
            if self.aside(offset):
                weight *= ASIDE_WEIGHT
            scores[entity.entity_id] = scores.get(entity.entity_id, 0.0) + weight * 0.5 ** (
                (before - offset) / SALIENCE_HALF_LIFE
            )
            chosen.setdefault(entity.entity_id, entity)
        if not scores:
            return None
        return chosen[max(scores, key=lambda key: scores[key])]

    def head_match(self, before: int, lemma: str) -> Entity | None:
        """The latest name before ``before`` whose last word is ``lemma`` ("St Aldric Hospital" for "the
        hospital", "Vardo Bridge" for "the bridge"): a definite description repeats its antecedent's head
        noun, whether or not the noun names a kind entity_kinds.csv knows. Names only, never an unresolved
        description of the article."""
        forms = {lemma, f"{lemma}s", f"{lemma}es"}
        for offset, entity in reversed(self.seen[-SALIENCE_WINDOW:]):
            if offset >= before or entity.entity_id.startswith(f"{self.doc_id}/"):
                continue
            words = entity.name.lower().split()
            if len(words) > 1 and words[-1] in forms:
                return entity
        return None

    def described(
        self, before: int, lemma: str, kinds: frozenset[str], singular: bool = True
    ) -> Entity | None:
        """The entity "the <lemma>" stands for: the latest whose own kind names that word ("the missile" ->
        a cruise missile, "the drone" -> not a missile), else, for a word that names no narrower kind than
        the coarse one ("the warship", "the company"), the latest of that kind; failing that, the most
        salient name the article never gave a kind ("Meridian Steel ... The company"; a singular description
        only: "the destroyed weapons" are a set, not one name): a definite description in news refers back
        to something the article named."""
        narrower = lemma in _gazetteer_kind_words() and lemma not in _GENERIC_HEADS
        if narrower:
            # the word's other senses stay open: "the carrier" is an aircraft carrier or an airline
            kinds = kinds - {kind_of_gazetteer(lemma)}
        for offset, entity in reversed(self.seen[-SALIENCE_WINDOW:]):
            if offset >= before:
                continue
            fine = self.fine_kinds.get(entity.entity_id, "")
            if narrower and (lemma in fine.split() or entity.name.lower().endswith(f" {lemma}")):
                return entity  # "the drone" is a drone the article named, never a missile; "Vardo Bridge"
            if entity.kind in kinds:
                return entity  # "the planemaker", "the warship": any entity of the kind
            if entity.entity_id in self.org_labelled and kinds & _ORGANISATION_KINDS:
                # "Morgan Stanfield ... the bank": the parser's ORG label was right
                return self.retype(entity, next(iter(sorted(kinds & _ORGANISATION_KINDS))))
        if (narrower and not kinds) or not singular:
            return None
        return self.latest(before, {"other"})


def phrase_tokens(head: Token, skip: frozenset[int]) -> list[Token]:
    """The words of the noun phrase ``head`` heads: its left modifiers (no determiner, no figure) and a
    proper name's "of" tail ("HMS Prince of Wales")."""
    left: list[Token] = []
    for child in head.lefts:
        if _glued_joiner(child):
            left.append(child)  # "Coca-Cola", "Rolls-Royce": a hyphen written without spaces joins one name
        if child.dep_ in NAME_DEPS and child.dep_ not in {"poss", "case"} and child.i not in skip:
            left.extend(
                t
                for t in child.subtree
                if t.i not in skip
                and t.dep_ not in {"det", "case"}
                and (t.dep_ != "punct" or t.text in _JOINERS)
            )
    tokens = sorted({t.i: t for t in [*left, head]}.values(), key=lambda t: t.i)
    if head.pos_ == "PROPN":
        for child in head.rights:
            if child.dep_ in {"compound", "flat"} and child.i not in skip:
                tokens.append(child)
            if child.lower_ == "of" and child.dep_ == "prep":
                tail = [t for t in child.subtree if t.i not in skip]
                if tail and all(t.pos_ in {"PROPN", "ADP", "DET"} for t in tail):
                    tokens.extend(tail)
    tokens.sort(key=lambda t: t.i)
    # a contiguous run ending at (or starting from) the head
    run: list[Token] = []
    for t in tokens:
        if run and t.i != run[-1].i + 1:
            run = [] if t.i <= head.i else run
            if t.i > head.i and run:
                break
        run.append(t)
    while len(run) > 1 and run[0].is_punct:
        run = run[1:]  # "5-metre-long crack" without its figure is "long crack", not "-long crack"
    return run or [head]


def _glued_joiner(token: Token) -> bool:
    """A hyphen or slash written between two words without spaces ("Coca-Cola", "Anheuser-Busch")."""
    return (
        token.dep_ == "punct"
        and token.text in _JOINERS
        and not token.whitespace_
        and token.i > 0
        and not token.nbor(-1).whitespace_
    )


def _person_tail(tokens: list[Token]) -> list[Token]:
    """A person's name without the role written before it: the run's last words the parser labels PERSON
    ("Keir Starmer" of "Prime Minister Keir Starmer", "Starmer" of "Mr Starmer"); the run itself when its
    last word is no person's."""
    if not tokens or tokens[-1].ent_type_ != "PERSON":
        return tokens
    tail = list(tokens)
    while len(tail) > 1 and tail[0].ent_type_ != "PERSON":
        tail = tail[1:]
    return tail


# what only a company has: "shares of X", "X shares", "X's shareholders", "a stake in X"
_COMPANY_HOLDINGS = frozenset({"share", "stock", "shareholder", "dividend", "subsidiary"})


def _company_context(token: Token) -> bool:
    """The name ending at ``token`` is used as a company's: its shares, stock, shareholders, or a stake in
    it ("shares of Morgan Stanfield", "Morgan Stanfield shares", "a stake in Harlan Reed")."""
    head = token.head
    if token.dep_ in {"poss", "compound"}:
        return head.lemma_.lower() in _COMPANY_HOLDINGS
    if token.dep_ == "pobj" and head.lower_ in {"of", "in"}:
        owner = head.head.lemma_.lower()
        return owner in _COMPANY_HOLDINGS or (head.lower_ == "in" and owner == "stake")
    return False


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text


def _propn_run(tokens: list[Token]) -> list[Token]:
    """The proper-name words of a phrase ("Patriot" of "Patriot batteries", "Keir Starmer"), with a number
    that goes on a name ("Falcon 7", "Boeing 737 Max")."""
    run: list[Token] = []
    for t in tokens:
        if t.ent_type_ in {"DATE", "TIME"}:  # "Tuesday", "March"
            continue
        if (
            t.pos_ == "PROPN"
            or (t.text[:1].isupper() and t.pos_ in {"NOUN", "X"} and t.i > 0)  # not "Lawyers ..." opening
            or (t.text[:1].isupper() and t.pos_ == "ADJ" and t.ent_type_ != "NORP" and t.i > 0)
            or (t.pos_ == "NUM" and run and run[-1].i == t.i - 1)
        ):
            run.append(t)
    if not run:
        return []
    # keep the last contiguous run ("Ben-Moshe": a hyphen between two names joins them, and so does "of" in
    # "Ministry of Defence", "Bank of England")
    out = [run[-1]]
    for t in reversed(run[:-1]):
        gap = out[0].i - t.i
        between = t.doc[t.i + 1] if gap == 2 else None
        if (
            gap == 1
            or (between is not None and between.text in _JOINERS and not between.whitespace_)
            or (between is not None and between.lower_ in {"of", "de", "for"} and t.pos_ == "PROPN")
        ):
            out = [*t.doc[t.i : out[0].i], *out]
        else:
            break
    return out


class EntityNamer:
    """Noun phrases of one article's parse -> entities, with the article's salience for pronouns."""

    def __init__(self, doc_id: str, text: str = "") -> None:
        self.salience = Salience(doc_id)
        self.doc_id = doc_id
        # the article's words written in lower case: "Lawyers" opening a sentence is no name when the
        # article writes "lawyers" too
        self.common = frozenset(_LOWER_WORD.findall(text))
        self.salience.asides = [
            (line.start(), line.end())
            for line in _LINE.finditer(text)
            if not _SENTENCE_END.search(line.group())
        ]

    def register_sentence(self, span: Span, offset: int) -> None:
        """Add the sentence's named entities (named-entity spans and gazetteer names) to the salience list."""
        taken: set[int] = set()
        for mention in gazetteer().find(span.text):
            if mention.demonym:
                continue  # "the Chinese e-commerce giant" is not China
            gazetteer_kind = kind_of_gazetteer(mention.entity.kind)
            canonical = mention.entity.canonical
            self.salience.add(
                offset + mention.start,
                Entity(entity_id(gazetteer_kind, canonical), canonical, gazetteer_kind, (mention.text,)),
                mention.entity.kind,
            )
            taken.update(range(mention.start, mention.end))
        run: list[Token] = []
        for token in [*span, None]:
            if token is not None and token.pos_ == "PROPN" and token.ent_type_ not in _TIME_ENTITIES:
                run.append(token)
                continue
            if run and run[0].idx - span.start_char not in taken:
                run = _person_tail(run)
                name = _text(run).removeprefix("the ").removeprefix("The ")
                kind = kind_of_ner(run[-1].ent_type_) if run[-1].ent_type_ else None
                # the phrase the name stands in: "The Corvid drone" is headed by "drone", which gives a kind
                phrase_head = run[-1]
                if run[-1].dep_ in {"compound", "nmod", "amod"} and run[-1].head.pos_ == "NOUN":
                    phrase_head = run[-1].head
                    kind = kind_of_noun(phrase_head.lemma_.lower()) or kind
                article = run[0].i > 0 and run[0].nbor(-1).lower_ == "the"
                if article and phrase_head is run[-1] and kind in {None, PERSON}:
                    kind = "place"  # "The Autumn House": a person's name takes no article
                if kind != "country" or len(run) > 1:  # NORP/GPE adjectives are handled by the gazetteer
                    at = offset + run[0].idx - span.start_char
                    opens = run[0].i == span.start or (article and run[0].i == span.start + 1)
                    if phrase_head.dep_ in {"nsubj", "nsubjpass"} or opens:
                        self.salience.openers.add(at)
                    self._known(name, kind or "other", at, company=_company_context(run[-1]))
            run = []
        for token in span:
            # "Norway's wealth fund": the thing a name owns, for a later "the fund"
            lemma = token.head.lemma_.lower()
            if token.dep_ == "poss" and token.head.tag_ == "NN" and kind_of_noun(lemma) in _OWNED_KINDS:
                at = offset + token.idx - span.start_char
                named = self.name(token, frozenset(), at)
                if named is not None and named.named and named.entity is not None:
                    self.salience.owned[lemma] = (at, named.entity)

    def _known(
        self, name: str, kind_hint: str | None, offset: int, noun: str = "", company: bool = False
    ) -> Entity:
        """The entity a name stands for; ``noun`` is the noun that introduced it ("the frigate X", "two X
        missiles"), kept as its narrower kind so that "the frigate", "each missile" find it. ``company``:
        the sentence treats the name as a company ("shares of X"), whatever its first word.

        A given name opening a name ("Morgan ...") makes it a person unless something says company: a
        company word closing it ("Douglas Aerospace"), a company context, or, for a name the parser labels
        ORG, the article calling it "the company" later (``Salience.described``). The small parser's ORG
        label alone is no proof: it labels some politicians' full names ORG too."""
        for mention in gazetteer().find(name):
            if mention.start == 0 and mention.end < len(name) and name[mention.end] == " ":
                continue  # a known name that opens a longer one is its maker or owner: "Airbus A350"
            if mention.end - mention.start >= len(name) * 0.4 and not mention.demonym:
                kind = kind_of_gazetteer(mention.entity.kind)
                canonical = mention.entity.canonical
                return self.salience.add(
                    offset, Entity(entity_id(kind, canonical), canonical, kind, (name,)), mention.entity.kind
                )
        words = name.split()
        own_kind = kind_of_noun(words[-1].lower()) if len(words) > 1 else None
        if own_kind is None and len(words) > 1:
            # "Marina Bay", "Lake Orrin", "Operation Tidewater"
            placed = name_words()
            own_kind = placed.get((words[-1].lower(), "last")) or placed.get((words[0].lower(), "first"))
        if company or (len(words) > 1 and words[-1].rstrip(".").lower() in COMPANY_SUFFIXES):
            own_kind = "company"  # "Douglas Aerospace", "Harper Logistics": whatever the first word is
        if own_kind is not None and own_kind != PERSON:
            # a name whose last word is the noun of a kind is of that kind, whatever the parse guessed:
            # "Ostrova Arena", "Kestrel Line", "Royal Navy"
            kind_hint = own_kind
        guessed = (
            kind_hint in {None, "other", "country"}
            and len(words) > 1
            and words[0][:1].isupper()
            and given_name_gender(words[0]) is not None
        )
        if kind_hint == PERSON or name.lower() in self.salience.surnames or guessed:
            entity = self.salience.add(offset, self.salience.person(name))
            if kind_hint == PERSON:  # the parser or a title says person
                self.salience.people.add(entity.entity_id)
                self.salience.guessed_people.discard(entity.entity_id)
                self.salience.org_labelled.discard(entity.entity_id)
            elif guessed and entity.entity_id not in self.salience.people:
                self.salience.guessed_people.add(entity.entity_id)
            return entity
        known = self.salience.by_name.get(name)
        if known is not None:
            if known.entity_id in self.salience.guessed_people and kind_hint in _ORGANISATION_KINDS:
                if own_kind in _ORGANISATION_KINDS:
                    return self.salience.add(offset, Entity(known.entity_id, known.name, own_kind), noun)
                self.salience.org_labelled.add(known.entity_id)  # stays a person until "the company"
            return self.salience.add(offset, known, noun)
        kind = kind_hint or "other"
        return self.salience.add(offset, Entity(entity_id(kind, name), name, kind), noun)

    def register_title(self, title: str) -> None:
        """The headline's names, as if written just before the text: news names the story's subject in its
        headline and often only describes it in the text ("Halden Air orders 40 jets" / "The airline said
        ..."). A headline in title case ("Airline Orders New Jets") has no telling capitals: only its
        gazetteer names count then."""
        words = [w for w in title.split() if w[:1].isalpha()]
        title_case = sum(w[:1].isupper() for w in words) > len(words) / 2
        offset = -len(title) - 1
        for mention in gazetteer().find(title):
            if not mention.demonym:
                self._known(mention.text, None, offset + mention.start)
        if not title_case:
            self.register_text(title, offset)

    def register_text(self, text: str, offset: int) -> None:
        """Names in text that is not parsed (sentences without figures): gazetteer names and capitalised
        runs, so that a later "she" or "the company" can stand for them. A name introduced by the noun of a
        kind takes that kind: "the frigate HMS Glasgow", "carmaker Volkswagen", "Valkyrie, a new frigate",
        "The Valkyrie is a frigate"."""
        for found in _introduced().finditer(text):
            name = found.group("name") or found.group("name2") or found.group("name3")
            noun = found.group("noun") or found.group("noun2") or found.group("noun3")
            kind = kind_of_noun(noun.lower().rstrip("s")) or kind_of_noun(noun.lower())
            words = name.split()
            while words and words[0].lower() in _NOT_NAMES:
                words = words[1:]
            if kind and words and words[0][:1].isupper():
                self._known(" ".join(words), kind, offset + found.start(), noun.lower().rstrip("s"))
        for mention in gazetteer().find(text):
            if not mention.demonym:
                self._known(mention.text, None, offset + mention.start)
        for found in _NAME_RUN.finditer(text):
            written = found.group(0).rstrip(".")
            words = written.split()
            while words and (
                words[0].lower() in _NOT_NAMES
                or (words[0].lower() in _stop_words() and not words[0].isupper())  # "US" is a name
            ):
                words = words[1:]  # "Despite", "Meanwhile": function words open sentences, not names
            name = " ".join(words)
            if len(name) < 3 or not name[:1].isupper():
                continue  # "At 118.5p": what is left after the opening word must still be a name
            kind = "company" if words[-1].rstrip(".").lower() in COMPANY_SUFFIXES else None
            at = offset + found.start() + len(written) - len(name)  # "Spain." is at "S", not at "p"
            before = text[: at - offset].rstrip(" “\"‘'")
            if not before or before[-1] in ".!?\n":
                if len(words) == 1 and (_common_word(name) or name.lower() in self.common):
                    continue  # "Revenue rose 7%.", "Lawyers said": a capital that only opens a sentence
                self.salience.openers.add(at)
            self._known(name, kind, at)
        for found in _POSSESSED.finditer(text):
            # "Spain's rescue plan": the things a name owns, for a later "the plan"
            owner = self.salience.by_name.get(found.group("owner"))
            for word in found.group("owned").split():
                if owner is not None and kind_of_noun(word) in _OWNED_KINDS:
                    self.salience.owned[word] = (offset + found.start(), owner)

    def topic(self, offset: int) -> Named | None:
        """The thing the article is about so far: its most salient entity that is not a person (news names a
        property with no owner when the owner is the story's topic: "Acme ... Revenue rose 7%")."""
        kinds = {row.kind for row in kind_rows() if row.kind != PERSON} | {"other"}
        # what sentences are about, not where things happen ("Acme opened a plant in Spain. Sales fell 3%")
        found = self.salience.latest(offset, kinds, subjects_only=True, names_only=True)
        found = found or self.salience.latest(offset, kinds, names_only=True)
        if found is None:
            return None
        return Named(found.name, found.name, found.kind, found, False)

    def known_in(self, words: str, offset: int) -> Named | None:
        """The name inside a counted noun as written ("nine Iskander-M ballistic missiles" -> Iskander-M)."""
        gaz = [m for m in gazetteer().find(words) if not m.demonym]
        if gaz:
            entity = self._known(gaz[-1].text, None, offset)
            return Named(gaz[-1].text, entity.name, entity.kind, entity, True)
        runs = _NAME_RUN.findall(words)
        if not runs:
            return None
        last = words.split()[-1].lower()
        kind = kind_of_noun(last.rstrip("s")) or kind_of_noun(last)
        entity = self._known(runs[-1], kind, offset, last.rstrip("s") if kind else "")
        return Named(runs[-1], entity.name, entity.kind, entity, True)

    def name(self, head: Token, skip: frozenset[int], offset: int) -> Named | None:
        """The entity the noun phrase headed by ``head`` stands for, or None when it stands for none.

        ``offset`` is the head's offset in the document (for recency); ``skip`` are the figures' tokens."""
        if head.pos_ == "PRON" or head.tag_ in {"PRP", "PRP$", "WP", "WDT"}:
            return self.pronoun(head, offset)
        if head.pos_ == "NOUN":
            # "the new carrier HMS Prince of Wales": the name after a description is the thing
            named = [c for c in head.rights if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i not in skip]
            if named:
                return self.name(named[0], skip, offset)
        tokens = phrase_tokens(head, skip)
        text = _text(tokens)
        if not text:
            return None
        gaz = [m for m in gazetteer().find(text) if not m.demonym]
        names = _propn_run(tokens)
        run_end = names[-1].idx + len(names[-1]) - tokens[0].idx if names else 0
        if gaz and run_end > gaz[-1].end and names[0].idx - tokens[0].idx <= gaz[-1].start:
            gaz = []  # a known name that opens a longer one is its maker or owner: "Airbus A350", "US Navy"
        if gaz:
            entity = self._known(gaz[-1].text, None, offset)
            return Named(text, entity.name, entity.kind, entity, True)
        if not names and head.text[:1].isupper() and head.lower_ in self.salience.surnames:
            names = [head]  # "Starmer said ...": a surname the article gave in full, opening a sentence
        lemma = head.lemma_.lower()
        if names:
            names = _person_tail(names)
            name = _text(names)
            if name.lower() in not_subjects():
                return Named(text, "", "generic", None, False)
            hint = kind_of_ner(head.ent_type_) if head.ent_type_ else None
            if hint is None and names[-1].i != head.i:
                hint = kind_of_noun(lemma)  # "Patriot batteries": the head says what kind of thing
            if hint is None and head.pos_ == "PROPN" and head.ent_type_ == "":
                hint = "other"
            entity = self._known(name, hint, offset, company=_company_context(names[-1]))
            return Named(text, entity.name, entity.kind, entity, True)
        kind = kind_of_noun(lemma)
        owner = next((c for c in head.lefts if c.dep_ == "poss" and c.i not in skip), None)
        if owner is not None and head.tag_ == "NN" and kind in _OWNED_KINDS:
            # "India's steel output", "its order book": the figure is about the owner; the owned words
            # say which of its quantities (the caller's property when no lexicon word names one). A
            # plural is a group of things of the owner's ("his troops", "Russia's air defences"), no
            # quantity of it: it stays what it was.
            found = self.name(owner, skip, offset - (head.idx - owner.idx))
            if found is not None and found.entity is not None:
                return Named(found.text, found.canonical, found.kind, found.entity, found.named, owned=text)
        determiners = [c for c in head.lefts if c.dep_ in {"det", "poss"}]
        definite = any(d.lower_ in {"the", "this", "that", "these", "those", "each"} for d in determiners)
        if definite:
            # "the hospital" after "St Aldric Hospital"; "the country", "the company": a definite description
            # resolves before it counts as generic
            resolved = self.salience.head_match(offset, lemma)
            owned = self.salience.owned.get(lemma)
            if resolved is None and owned is not None and owned[0] < offset and head.tag_ == "NN":
                # "Norway's wealth fund ... The fund returned 8%": the thing a name owned is still the name's
                return Named(owned[1].name, owned[1].name, owned[1].kind, owned[1], False)
            if resolved is None and kind is not None:
                resolved = self.salience.described(offset, lemma, kinds_of_noun(lemma), head.tag_ == "NN")
            if resolved is not None:
                return Named(text, resolved.name, resolved.kind, resolved, False)
        if lemma in not_subjects() or head.lower_ in not_subjects():
            return Named(text, "", "generic", None, False)  # what it is about, but no entity
        if (
            not determiners
            and head.tag_ in {"NNS", "NNPS"}
            and not any(t.dep_ in {"compound", "amod"} for t in tokens if t.i != head.i)
        ):
            return Named(text, "", "generic", None, False)  # a bare plural: "countries", "missiles"
        local = self.salience.add(offset, Entity(f"{self.doc_id}/{slug(text)}", text, kind or "other"))
        return Named(text, text, local.kind, local, False)

    def pronoun(self, token: Token, offset: int) -> Named | None:
        word = token.lower_
        if word in {"which", "that", "who", "whom", "whose"}:
            return None  # a relative pronoun: its antecedent is found from the tree
        kinds = pronoun_kinds(word)
        if not kinds:
            return None
        if word in {"it", "its"}:
            kinds = (kinds - {PERSON}) | {"other"}  # a name the article never typed ("the Valkyrie")
        if token.dep_ in {"nsubj", "nsubjpass"} and token.head.dep_ in {"ccomp", "conj"}:
            # "The company said it has 1,000 customers": the subject of a reported clause is, unless
            # the article says otherwise, the one who reports it
            reporter = [c for c in token.head.head.children if c.dep_ == "nsubj" and c.i < token.i]
            if reporter and reporter[0].pos_ != "PRON":
                bound = self.name(reporter[0], frozenset(), offset - (token.idx - reporter[0].idx))
                if bound is not None and bound.entity is not None and bound.kind in kinds | {"other"}:
                    return bound
        if token.dep_ == "poss":
            # "the giant generates 60% of its revenue": a possessive binds to its clause's subject
            clause = token.head
            while clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
                clause = clause.head
            subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < token.i]
            if subjects and subjects[0].pos_ != "PRON":
                bound = self.name(subjects[0], frozenset(), offset - (token.idx - subjects[0].idx))
                if bound is not None and (bound.kind in kinds or bound.kind in {"other", "generic"}):
                    return bound
        gender = _PRONOUN_GENDER.get(word)
        resolved = None
        if gender and PERSON in kinds:
            # "she" is a woman the article named before it is a ship (news calls ships "she" too)
            resolved = self.salience.latest(offset, {PERSON}, gender)
            kinds = kinds - {PERSON}
        resolved = resolved or self.salience.latest(offset, kinds, gender)
        if resolved is None:
            return None
        self.salience.add(offset, resolved)  # "he" keeps its person salient
        return Named(resolved.name, resolved.name, resolved.kind, resolved, False)
