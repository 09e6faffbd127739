"""Linking: subject, property, claimant and time scope for each figure.

``link(figures, document)`` fills ``subject``/``subject_text`` (canonical "Tomahawk" beside "The Tomahawk"),
``property``/``property_text``, ``claimant`` and ``time_scope`` from the figure's sentence, the gazetteer and
the property lexicon (``figures/data``); ``extra["subject_rule"]`` says which rule chose the subject.

Per sentence, ``rules`` (subject, property), ``claimant`` and ``timescope`` do the work. Across the figures of
one article, ``link`` then carries what one figure knows to the next where news leaves it implicit:
- one statement in two units (a shared ``group``, "995 miles (1,600 kilometers)", or a bare sum restated in a
  currency: "a net worth of 1.356 billion ($1.762bn)") shares subject and property;
- a change and the level it reached ("rose 3% to EUR 180"), a series ("from 10.5 per cent in 2013 to 16.7
  per cent in 2019", a bare number too: "1.4 degrees in 2018 and 2.1 last year"), an elided noun ("two people
  were killed and nine wounded") share the subject, unless a gapped clause names its own ("wheat rose 5% and
  corn 3%"); both ends
  of "from 12 tanks to 60 motorcycles" share the property;
- an article's repeated events ("recaptured some 60 square miles" ... "165 square kilometres were
  liberated") keep one subject where a later mention has none;
- speakers carry into quotations that go on in later sentences, and pronouns ("he said") resolve to the last
  named speaker; a claimant is named in full where the article gives the full name once.
"""

from __future__ import annotations

import dataclasses
import datetime
import re

from figures.calendar import MONTH_NAMES, WEEKDAYS
from figures.link import claimant as claimants
from figures.link import rules, timescope
from figures.link.lexicon import Mention, gazetteer, properties
from figures.model import Document, Figure

__all__ = ["SentenceCache", "SentenceFacts", "concept", "link", "link_one", "sentence_span"]


def concept(figure: Figure) -> str | None:
    """The subject in the convention of benchmarks that read a counted noun as the unit (NewsQuant): for a
    figure whose subject is its own counted noun ("62 attack drones"), whoever has or does the things
    ("the clinic has performed more than 900 surgeries" -> "clinic"), else None; None for a bare fraction
    of a whole ("a third of the population", whose unit NewsQuant writes "% population")."""
    if figure.extra.get("subject_rule") in {"noun", "ellipsis"} and figure.dimension in {"count", "number"}:
        owner = figure.extra.get("owner")
        return owner if isinstance(owner, str) else None
    if _fraction_of(figure):
        return None  # "a third of the population": the whole is the fraction's unit ("% population")
    return figure.subject


_OF_NEXT = re.compile(r"\s+of\b")


def _fraction_of(figure: Figure) -> bool:
    """A bare fraction of a whole: "two-thirds of the sales", "1/16 of a pint"."""
    if (
        figure.dimension != "number"
        or figure.value is None
        or not 0 < figure.value < 1
        or not figure.sentence
    ):
        return False
    return bool(_OF_NEXT.match(figure.sentence, figure.end - figure.sentence_start))


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n+")


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the sentence around ``text[start:end]`` (a plain splitter, for figures without one)."""
    begin = 0
    for m in _SENTENCE_END.finditer(text, 0, min(len(text), start + 1)):  # the lookahead sees the figure
        if m.end() <= start:
            begin = m.end()
    end_match = _SENTENCE_END.search(text, end)
    return begin, end_match.start() if end_match else len(text)


def _sentence_of(figure: Figure, text: str) -> tuple[str, int]:
    """The figure's sentence and its offset: as extraction gave it, else cut from the document text."""
    if (
        figure.sentence
        and text[figure.sentence_start : figure.sentence_start + len(figure.sentence)] == figure.sentence
    ):
        return figure.sentence, figure.sentence_start
    if figure.sentence and not text:
        return figure.sentence, figure.sentence_start
    start, end = sentence_span(text, figure.start, figure.end)
    return text[start:end], start


_GENERIC_SIDE = re.compile(
    r"(?i)(?:his|her|their|its|our)\s+(?:troops|forces|army|armed forces|military|men|soldiers|units|"
    r"fighters|government|side)"
)
_RESTATE = re.compile(
    r"\s*(?:\(|,\s*or\s+|or\s+|/\s*)(?:(?:approximately|about|around|roughly|some|nearly|"
    r"almost|over|or|c\.|ca\.)\s+)?$",
    re.IGNORECASE,
)


def _restates(previous: Figure, figure: Figure, text: str) -> bool:
    """Whether ``figure`` restates ``previous`` in another unit: "995 miles (1,600 kilometers)"."""
    if figure.group is not None and figure.group == previous.group:
        return True
    if not text or previous.end > figure.start or figure.start - previous.end > 20:
        return False
    gap = text[previous.end : figure.start]
    # "a net worth of 1.356 billion ($1.762bn)": a bare sum restated in a currency in a parenthesis
    same_kind = previous.dimension == figure.dimension or (
        previous.dimension == "number" and figure.dimension == "money" and "(" in gap
    )
    return same_kind and bool(_RESTATE.fullmatch(gap))


_CONTINUES = re.compile(
    r"\s*(?:higher|lower|up|down)?\s*(?:,\s*(?:up|down)\s+|(?:to|at|to close at|to end at|to finish at)\s+)"
    r"(?:(?:about|around|some|roughly|nearly|almost|just|over|under)\s+)?(?:[A-Z]{0,3}[$€£¥=]+\s*)?$",
    re.IGNORECASE,
)


def _continues(previous: Figure, figure: Figure, text: str) -> bool:
    """Whether ``figure`` is the level a change (``previous``) reached: "rose 8.15% to 3.65"."""
    if not text or previous.end > figure.start or figure.start - previous.end > 25:
        return False
    return previous.extra.get("subject_rule") in {
        "verb-subject",
        "pronoun",
        "named-before",
        "ticker",
        "relative",
        "of-after",
        "in-after",
    } and bool(_CONTINUES.fullmatch(text[previous.end : figure.start]))


_WEAK_RULES = frozenset({"sentence-subject", "named-before", None})
# properties of events an article reports again and again (areas won or lost, losses)
EVENT_PROPERTIES = frozenset(
    [
        "area liberated",
        "area cleared",
        "area captured",
        "area abandoned",
        "killed",
        "wounded",
        "missing",
        "losses",
        "shot down",
        "fired",
        "destroyed",
    ]
)
_SERIES_GAP = re.compile(r"[^;:.!?]{0,80}?\b(?:to|and|or|then|versus|vs)\b[^;:.!?]{0,40}")


_GAPPED = re.compile(
    r"(?:,|\band\b|\bor\b|\bwhile\b|\bwhereas\b)\s+(?P<np>(?:(?!\b(?:and|or|while|whereas)\b)[^,;])+?)\s*$"
)


def _gapped(gap: str) -> str | None:
    """The noun phrase a gapped clause of a series puts before its figure ("..., and fats and oils 7%"):
    1-3 plain words after the last conjunction, no times ("in 2019 and 7% in 2020" has none)."""
    found = _GAPPED.search(gap)
    if not found:
        return None
    words = found.group("np").split()
    if not 1 <= len(words) <= 3 or not all(rules.is_np_word(w) for w in words):
        return None
    if any(w.lower() in rules.TIME_OR_MONTH or w[:1].isdigit() for w in words):
        return None
    return " ".join(words)


_SPAN_GAP = re.compile(r"\s*(?:to|and)\s+(?:(?:almost|nearly|about|around|some|over|under|just)\s+)?")
_SPAN_OPEN = re.compile(r"\b(?:from|between)\s+(?:(?:almost|nearly|about|around|some|over|under|just)\s+)?$")


def _same_sentence(a: Figure, b: Figure) -> bool:
    return bool(a.sentence) and a.sentence_start == b.sentence_start and a.sentence == b.sentence


def _no_real_subject(figure: Figure) -> bool:
    """No subject, or only a lone capitalised word that opened the sentence ("“Control has been restored")."""
    if figure.subject is None:
        return True
    return (
        figure.extra.get("subject_rule") == "sentence-subject"
        and " " not in figure.subject
        and figure.subject not in gazetteer().by_canonical
    )


def _series(previous: Figure, figure: Figure, text: str) -> bool:
    """Whether ``figure`` goes on a series that ``previous`` (with a subject of its own) began."""
    if not text or previous.end > figure.start:
        return False
    # (a bare number goes on a series whose unit it leaves out: "1.4 degrees in 2018 and 2.1")
    if previous.dimension != figure.dimension and figure.dimension != "number":
        return False
    if (
        previous.extra.get("subject_rule") in _WEAK_RULES | {"series"}
        and previous.extra.get("subject_rule") != "series"
    ):
        return False
    if figure.extra.get("subject_rule") not in _WEAK_RULES:
        return False
    return bool(_SERIES_GAP.fullmatch(text[previous.end : figure.start]))


_TITLE = re.compile(
    r"^(?:(?:Gen|General|Lt|Maj|Major|Col|Colonel|Adm|Admiral|Mr|Mrs|Ms|Dr|Prof|Sir|Lord|Lady|Dame|President|"
    r"Prime Minister|Minister|Chancellor|Secretary|Sen|Senator|Rep|Gov|Governor|Mayor|Judge|Justice|King|"
    r"Queen|Prince|Pope|Patriarch)\.?\s+)+"
)
_NAME_WORD = r"[A-Z][a-zà-ÿ’'-]+"


class _FullNames:
    """One name per claimant within an article: "Gen Syrskyi" and "Syrskyi" are "Oleksandr Syrskyi" where the
    article gives the full name (names only; the gazetteer's names stay). Subjects keep the name as the
    sentence gives it ("Potanina"), which is what conflicts group on."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cache: dict[str, str | None] = {}

    def _given_and_surname(self, surname: str) -> str | None:
        """The first "Given Surname" of the article that is not a sentence's opening words ("Will Europe")."""
        for found in re.finditer(rf"\b((?:{_NAME_WORD}\s+){{1,2}}){re.escape(surname)}\b", self.text):
            words = [w for w in found.group(0).split() if not _TITLE.fullmatch(w + " ")]
            # the words before the surname must be given names, not "The", "Despite" or "Monday"
            skipped = 0
            while words[:-1] and (words[0].lower() in _NOT_GIVEN_NAMES or gazetteer().find(words[0])):
                words = words[1:]
                skipped += 1
            if len(words) < 2 or (skipped == 0 and _opens_sentence(self.text, found.start())):
                continue
            return " ".join(words)
        return None

    def full(self, name: str | None, subject: bool = False) -> str | None:
        if not name or not self.text or (subject and name in gazetteer().by_canonical):
            return name
        bare = _TITLE.sub("", re.sub(r"^(?:[a-z]+\s+)+(?=[A-Z])", "", name))  # "acting Governor X"
        if not re.fullmatch(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}", bare):
            return name  # "the ministry", "Lawyers for Potanin", "Russian forces": not a person's name
        if gazetteer().find(bare):
            return name  # a country, organisation or weapon
        surname = bare.split()[-1]
        if surname not in self.cache:
            self.cache[surname] = self._given_and_surname(surname)
        fuller = self.cache[surname]
        if fuller and len(fuller) > len(bare) and fuller.endswith(bare):
            return fuller
        return bare if bare != name and len(bare.split()) > 1 else name


def _opens_sentence(text: str, at: int) -> bool:
    before = text[:at].rstrip(" \t“\"‘'(")
    return not before or before[-1] in ".!?\n:"


_NOT_GIVEN_NAMES = frozenset(
    [
        *WEEKDAYS,
        *(names[0] for names in MONTH_NAMES),
        *["will", "would", "could", "should", "can", "might", "must", "did"],
        *["does", "do", "was", "is", "are", "were", "has", "have", "had"],
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "of",
        "for",
        "and",
        "but",
        "as",
        "by",
        "with",
        "from",
        "despite",
        "after",
        "before",
        "when",
        "while",
        "if",
        "so",
        "however",
        "meanwhile",
        "then",
        "now",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "gen",
        "general",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "lord",
        "lady",
        "president",
        "minister",
        "kremlin",
        "kyiv",
        "moscow",
    ]
)


@dataclasses.dataclass(frozen=True, slots=True)
class SentenceFacts:
    """What the linker reads off a sentence whichever of its figures it links: read once per sentence."""

    mentions: list[Mention]
    times: list[timescope.TimeMention]
    triggers: list[re.Match[str]]
    attributions: list[claimants.Attribution]


class SentenceCache:
    """Each sentence's facts, read on first use (one per ``link`` call: the article's date is fixed)."""

    def __init__(self, date: datetime.date | None) -> None:
        self.date = date
        self.facts: dict[str, SentenceFacts] = {}

    def get(self, sentence: str) -> SentenceFacts:
        found = self.facts.get(sentence)
        if found is None:
            found = SentenceFacts(
                gazetteer().find(sentence),
                timescope.find(sentence, self.date),
                list(properties().matcher.finditer(sentence)),
                claimants.attributions(sentence),
            )
            self.facts[sentence] = found
        return found


def link_one(
    figure: Figure,
    document: Document,
    last_claimant: str | None = None,
    last_name: str | None = None,
    others: tuple[tuple[int, int], ...] = (),
    cache: SentenceCache | None = None,
) -> Figure:
    """One figure linked (pronouns resolve to ``last_claimant`` / ``last_name``, the article's last named
    claimant and subject; ``cache`` shares what was read off a sentence between its figures)."""
    sentence, offset = _sentence_of(figure, document.text)
    fs, fe = figure.start - offset, figure.end - offset
    if not (0 <= fs <= fe <= len(sentence)):
        return figure
    facts = (cache or SentenceCache(document.date)).get(sentence)
    mentions = facts.mentions
    local_others = tuple(
        (s - offset, e - offset)
        for s, e in others
        if (s, e) != (figure.start, figure.end) and offset <= s <= e <= offset + len(sentence)
    )
    subject = rules.subject_for(
        sentence, fs, fe, figure.dimension, figure.noun, mentions, last_name, local_others
    )
    if subject and _GENERIC_SIDE.fullmatch(subject.text.strip()):
        # "Kyiv's top general Oleksandr Syrskyi said his troops had recaptured ...": Kyiv's troops
        sides = [m for m in mentions if m.entity.kind == "country" and m.start < fs]
        if sides:
            subject = rules.Subject(sides[-1].entity.canonical, subject.text, subject.rule)
    prop = rules.property_for(sentence, fs, fe, figure.dimension, figure.noun, facts.triggers)
    scope, scope_text = timescope.scope_for(sentence, fs, fe, document.date, facts.times)
    who = claimants.claimant_for(sentence, fs, last_claimant, facts.attributions)
    extra = dict(figure.extra)
    if subject:
        extra["subject_rule"] = subject.rule
    if figure.dimension in {"count", "number"}:
        # who has, scored or lost the things counted ("the clinic has performed more than 900 surgeries"):
        # benchmarks that read the counted noun as the unit want this as the subject
        owner = (
            rules.multiple_of(sentence, fe, figure.noun)
            or rules.parenthesis_name(sentence, fs, local_others)
            or rules.of_after_owner(sentence, fe)
            or rules.existential_place(sentence, fs, fe)
            or rules.local_subject(sentence, fs, last_name)
            or rules.of_owner(sentence, fs, fe)
            or _object_of_named_subject(sentence, fs, mentions, local_others)
        )
        if owner:
            extra["owner"] = owner.canonical
    if scope_text:
        extra["time_text"] = scope_text
    return dataclasses.replace(
        figure,
        subject=subject.canonical if subject else None,
        subject_text=subject.text if subject else None,
        property=prop.property if prop else None,
        property_text=(prop.text or None) if prop else None,
        claimant=who,
        time_scope=scope,
        extra=extra,
    )


_NEW_CLAUSE = re.compile(r"[,;:–—(]|\b(?:and|but|or|while|whereas|as|that|which|who|when|because|if)\b")


def _object_of_named_subject(
    sentence: str, fs: int, mentions: list[Mention], others: tuple[tuple[int, int], ...]
) -> rules.Subject | None:
    """For things counted later in the sentence's one clause, the name that clause opens with: "Acme on
    Monday announced plans to cut 600 jobs" -> "Acme" (not another figure: "Dozens of people ...")."""
    if _NEW_CLAUSE.search(sentence, 0, fs):
        return None
    found = rules.first_subject(sentence, mentions)
    if found is None or not found.canonical[:1].isupper() or found.canonical.lower() in claimants.PRONOUNS:
        return None
    at = sentence.find(found.text)
    if at < 0 or at + len(found.text) >= fs or any(s < at + len(found.text) and at < e for s, e in others):
        return None
    return found


def link(figures: list[Figure], document: Document) -> list[Figure]:
    """Every figure of one document with subject, property, claimant and time scope filled, in text order."""
    linked: list[Figure] = []
    last_claimant: str | None = None
    last_name: str | None = None
    group_heads: dict[str, Figure] = {}
    # a figure with no property word of its own takes the one an earlier figure of the same sentence and
    # dimension named ("a range of about 995 miles ... than either the ERAM (about 285 miles, ...)")
    sentence_props: dict[tuple[int, str], tuple[str, str]] = {}
    spans = tuple((f.start, f.end) for f in figures)
    previous: Figure | None = None
    event_subjects: dict[tuple[str, str], Figure] = {}
    read_up_to = 0  # the text before this offset has been read for speakers
    cache = SentenceCache(document.date)
    for figure in sorted(figures, key=lambda f: (f.start, f.end)):
        sentence_start = (
            figure.sentence_start
            if figure.sentence
            else sentence_span(document.text, figure.start, figure.end)[0]
        )
        if document.text and sentence_start > read_up_to:
            # speakers of the sentences between figures: '“MORE WINNING,” Trump posted on Truth Social.' then
            # a quotation that goes on with a figure in it
            said = [
                a.claimant
                for a in claimants.attributions(document.text[read_up_to:sentence_start])
                if a.claimant.lower() not in claimants.PRONOUNS
            ]
            if said:
                last_claimant = said[-1]
        read_up_to = max(read_up_to, figure.end)
        done = link_one(figure, document, last_claimant, last_name, spans, cache)
        if previous is not None and previous.subject and _continues(previous, done, document.text):
            # "Siemens fell 2.1 percent to EUR 180": the level the change reached has the same subject
            done = dataclasses.replace(
                done,
                subject=previous.subject,
                subject_text=previous.subject_text,
                extra={**done.extra, "subject_rule": "continues", "owner": previous.subject},
            )
        if previous is not None and previous.subject and _restates(previous, done, document.text):
            # "67.6 billion Danish crowns (approximately $10.6 billion)": one statement in two units
            done = dataclasses.replace(
                done,
                subject=previous.subject,
                subject_text=previous.subject_text,
                property=previous.property,
                property_text=previous.property_text,
            )
        if previous is not None and previous.subject and _series(previous, done, document.text):
            # "grew from 10.5 per cent in 2013 to 16.7 per cent in 2019 and 18.3 per cent in 2020"; with a
            # noun phrase of its own the series is gapped: "fruit rose 5% and fats and oils 7%"
            own = _gapped(document.text[previous.end : done.start])
            done = dataclasses.replace(
                done,
                subject=own or previous.subject,
                subject_text=own or previous.subject_text,
                extra={**done.extra, "subject_rule": "gapped" if own else "series"},
            )
        if previous is not None and _same_sentence(previous, done):
            if (
                done.noun is None
                and done.dimension in {"count", "number"}
                and previous.noun
                and (previous.extra.get("subject_rule") in {"noun", "ellipsis"})
            ):
                # "Two people were killed ..., and nine were wounded": nine people
                done = dataclasses.replace(
                    done,
                    subject=previous.subject,
                    subject_text=previous.subject_text,
                    extra={**done.extra, "subject_rule": "ellipsis"},
                )
            if (
                previous.property_text
                and not done.property_text
                and _SPAN_GAP.fullmatch(document.text[previous.end : done.start])
                and _SPAN_OPEN.search(document.text[max(0, previous.start - 30) : previous.start])
            ):
                # "ranged from 12 main battle tanks to almost 60 motorcycles": one predicate for both ends
                done = dataclasses.replace(
                    done, property=previous.property, property_text=previous.property_text
                )
        if done.property in EVENT_PROPERTIES and _no_real_subject(done):
            # "claiming nearly 165 square kilometres were liberated": the article's last subject of the same
            # kind of event ("Syrskyi said his troops had recaptured some 60 square miles")
            earlier = event_subjects.get((done.property, done.dimension))
            if earlier is not None:
                done = dataclasses.replace(
                    done,
                    subject=earlier.subject,
                    subject_text=earlier.subject_text,
                    extra={**done.extra, "subject_rule": "event"},
                )
        if (
            done.property in EVENT_PROPERTIES
            and done.subject
            and (
                done.extra.get("subject_rule") not in _WEAK_RULES or done.subject in gazetteer().by_canonical
            )
        ):
            event_subjects[(done.property, done.dimension)] = done
        previous = done
        if done.claimant and done.claimant.lower() not in claimants.PRONOUNS:
            last_claimant = done.claimant
        if (
            done.subject
            and done.extra.get("subject_rule") in {"sentence-subject", "verb-subject"}
            and done.subject[:1].isupper()
            and done.subject not in gazetteer().by_canonical
        ):
            last_name = done.subject
        key = (done.sentence_start if done.sentence else -1, done.dimension)
        if done.property_text:
            sentence_props[key] = (done.property or "", done.property_text)
        elif key in sentence_props and key[0] >= 0 and done.dimension not in {"count", "number"}:
            # (counts of different things in one sentence are not one spec: "64 of whom died in 15 sinkings")
            prop, text = sentence_props[key]
            done = dataclasses.replace(done, property=prop, property_text=text)
        if done.group:
            head = group_heads.setdefault(done.group, done)
            if head is not done and head.subject:
                done = dataclasses.replace(
                    done,
                    subject=head.subject,
                    subject_text=head.subject_text,
                    property=head.property,
                    property_text=head.property_text,
                )
        linked.append(done)
    linked = _owners_carried(linked)
    names = _FullNames(document.text)
    return [_with_claimant(f, names.full(f.claimant)) for f in linked]


def _names_only_the_property(figure: Figure) -> bool:
    """Whether the figure's subject is just its property's word ("fortune" for a fortune) or a phrase ending
    in it ("Russian Central Bank assets"): the thing itself, not whose it is."""
    subject = (figure.subject or "").lower()
    words = {w.lower() for w in (figure.property or "", figure.property_text or "") if w}
    return any(subject == w or subject.endswith(" " + w) for w in words)


def _owners_carried(figures: list[Figure]) -> list[Figure]:
    """A figure that names only its property ("over £15BILLION fortune", "his £15billion fortune") belongs to
    the article's one named owner of that property ("Vladimir Potanin, who is said to be worth around
    £15.7billion"), before or after it; with two owners in the article, it stays as it is."""
    owners: dict[tuple[str, str], set[tuple[str, str | None]]] = {}
    for f in figures:
        if (
            f.property
            and f.subject
            and f.subject[:1].isupper()
            and f.extra.get("subject_rule") not in _WEAK_RULES
            and not _names_only_the_property(f)
        ):
            owners.setdefault((f.property, f.dimension), set()).add((f.subject, f.subject_text))
    if not owners:
        return figures
    out = []
    for f in figures:
        found = owners.get((f.property or "", f.dimension), set())
        if (
            len({subject for subject, _ in found}) == 1
            and f.subject
            and f.subject.lower() in {(f.property or "").lower(), (f.property_text or "").lower()}
        ):
            subject, subject_text = min(found, key=lambda owner: len(owner[1] or ""))
            f = dataclasses.replace(
                f,
                subject=subject,
                subject_text=subject_text,
                extra={**f.extra, "subject_rule": "property-owner"},
            )
        out.append(f)
    return out


def _with_claimant(figure: Figure, claimant: str | None) -> Figure:
    return figure if claimant == figure.claimant else dataclasses.replace(figure, claimant=claimant)
