"""Linking: subject, entity, property, claimant and time scope for each figure, read off the parse.

``link(figures, document, parsed)`` fills ``subject`` (canonical, "Tomahawk") beside ``subject_text`` (as
written), ``entity_id``, ``property``/``property_text``, ``claimant``, ``time_scope`` with ``time_start`` /
``time_end``, and says in ``extra["subject_rule"]`` which dependency rule chose the subject
(``figures.link.tree`` lists them). ``parsed`` maps each figure sentence to its spaCy Doc; without it the
sentences are parsed here (``figures.pipeline.analyse_batch`` parses a whole batch at once instead).

Within an article: pronouns and definite descriptions resolve to its named entities
(``figures.link.entities``), and one statement in two units ("995 miles (1,600 kilometers)", a shared
``group``) is one claim with one subject and property.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from figures.link import timescope
from figures.link.entities import EntityNamer, pronoun_kinds
from figures.link.tree import TreeLinker
from figures.model import Document, Entity, Figure

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["concept", "entities_of", "figure_sentences", "link", "sentence_span"]


def concept(figure: Figure) -> str | None:
    """The concept a figure refers to, in the convention of benchmarks that want the words of what it is about
    (NewsQuant's referred concepts): the subject as written and the property words, for a count the one
    who has or does the things."""
    about = figure.extra.get("holder") or figure.extra.get("about")
    about = about if isinstance(about, str) else figure.subject_text
    words = [about] if about else []
    if figure.extra.get("property_noun") and figure.property_text:
        words.append(figure.property_text)  # "the driving range": the property noun is part of the concept
    if figure.noun and about and about.lower() in figure.noun.lower():
        return None  # a count's own noun is its unit, not its concept
    return " ".join(words) or None


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
    if figure.sentence and (
        not text
        or text[figure.sentence_start : figure.sentence_start + len(figure.sentence)] == figure.sentence
    ):
        return figure.sentence, figure.sentence_start
    start, end = sentence_span(text, figure.start, figure.end)
    return text[start:end], start


def figure_sentences(figures: list[Figure], text: str) -> list[str]:
    """The distinct sentences that hold the figures, in order: what the parser must see."""
    return list(dict.fromkeys(_sentence_of(f, text)[0] for f in figures))


def link(figures: list[Figure], document: Document, parsed: Mapping[str, Doc] | None = None) -> list[Figure]:
    """Every figure of one document linked, in text order."""
    if not figures:
        return []
    ordered = sorted(figures, key=lambda f: (f.start, f.end))
    by_sentence: dict[tuple[int, str], list[Figure]] = {}
    for figure in ordered:
        sentence, offset = _sentence_of(figure, document.text)
        by_sentence.setdefault((offset, sentence), []).append(figure)
    if parsed is None:
        from figures.nlp import parse

        texts = [sentence for _, sentence in by_sentence]
        parsed = dict(zip(texts, parse(texts), strict=True))
    namer = EntityNamer(document.doc_id, document.text)
    if document.title:
        namer.register_title(document.title)
    quotes = Quotations(document.text)
    linker = TreeLinker(namer)
    linked: list[Figure] = []
    read_up_to = 0
    for (offset, sentence), group in by_sentence.items():
        if document.text and offset > read_up_to:
            namer.register_text(document.text[read_up_to:offset], read_up_to)
        namer.register_text(sentence, offset)  # the kinds the sentence gives its names
        read_up_to = max(read_up_to, offset + len(sentence))
        doc = parsed[sentence]
        local = [(f.start - offset, f.end - offset, f.dimension, f.noun) for f in group]
        times = timescope.find(sentence, document.date)
        for figure, found in zip(group, linker.link(doc, local, offset), strict=True):
            scope, scope_text = timescope.scope_for(
                sentence, figure.start - offset, figure.end - offset, document.date, times
            )
            start, end = timescope.dates_for(scope, document.date)
            extra = dict(figure.extra)
            if found.rule:
                extra["subject_rule"] = found.rule
            if found.property_rule:
                extra["property_rule"] = found.property_rule
            if found.property_noun:
                extra["property_noun"] = True
            if found.holder:
                extra["holder"] = found.holder
            if found.counted:
                extra["counted"] = found.counted  # what a count counts: counts of other things never compare
            if scope_text:
                extra["time_text"] = scope_text
            # a generic noun ("people") or a description the article never resolved ("the package") says
            # what the figure is about (``about``), but names no entity: no subject
            subject = found.subject if found.subject and linker.stands_for_entity(found.subject) else None
            entity = subject.entity if subject else None
            if found.owner_text is not None:
                extra["about"] = found.owner_text  # the phrase the figure is about, entity or not
            if entity is not None:
                extra["entity_kind"] = entity.kind
                extra["entity_name"] = entity.name
            linked.append(
                dataclasses.replace(
                    figure,
                    subject=subject.canonical if subject else None,
                    subject_text=subject.text if subject else None,
                    entity_id=entity.entity_id if entity else None,
                    property=found.property,
                    property_text=found.property_text,
                    claimant=found.claimant_text
                    or _quote_speaker(quotes, namer, figure.start)
                    or _attribution(sentence),
                    time_scope=scope,
                    time_start=start,
                    time_end=end,
                    extra=extra,
                )
            )
    return _one_claim_per_statement(_sentence_properties(_final_kinds(linked, namer)))


def _final_kinds(figures: list[Figure], namer: EntityNamer) -> list[Figure]:
    """Each figure's entity with the kind the whole article settles on: "Morgan Stanfield" read as a person
    until "the bank" stands for it is a company in its earlier figures too."""
    out = []
    for figure in figures:
        known = namer.salience.entities.get(figure.entity_id or "")
        if known is not None and figure.extra.get("entity_kind") not in {None, known.kind}:
            figure = dataclasses.replace(figure, extra={**figure.extra, "entity_kind": known.kind})
        out.append(figure)
    return out


def _sentence_properties(figures: list[Figure]) -> list[Figure]:
    """A figure whose sentence names no property for it takes the one named for an earlier figure of the same
    sentence and dimension: "a range of 995 miles ... farther than the ERAM (285 miles)"."""
    named: dict[tuple[int, str], Figure] = {}
    out = []
    for figure in figures:
        key = (figure.sentence_start, figure.dimension)
        rule = figure.extra.get("property_rule")
        if rule in {"path", "subject-noun", "verb"} and figure.dimension not in {"count", "number"}:
            named[key] = figure
        elif rule == "dimension" and key in named:
            earlier = named[key]
            figure = dataclasses.replace(
                figure,
                property=earlier.property,
                property_text=earlier.property_text,
                extra={**figure.extra, "property_rule": "sentence"},
            )
        out.append(figure)
    return out


_SPEAKER_AFTER = re.compile(
    r"[ \t,.;:!?]*(?:(?P<name>(?:[A-Z][\w’'.-]*\s){0,3}[A-Z][\w’'.-]*|he|she|they"
    r"|the(?:\s+[a-z][\w’'-]*){1,3})\s+"
    r"(?:said|says|added|adds|told|tells|claimed|claims|insisted|insists|wrote|writes|posted|posits|posited|"
    r"declared|declares|announced|announces|stated|states|warned|warns|explained|explains|noted|notes)"
    r"|(?:said|says|added|adds|claimed|insisted|wrote)\s+(?P<name2>(?:[A-Z][\w’'.-]*\s?){1,4}))"
)
_SPEAKER_BEFORE = re.compile(
    r"(?P<name>(?:[A-Z][\w’'.-]*\s){0,3}[A-Z][\w’'.-]*)\s+"
    r"(?:said|says|added|told \w+|claimed|insisted|insisting|saying|wrote|posted)(?: that)?[,:]?\s*$"
)


# news typography for who says so when the parse does not show it: "..., Tymur Tkachenko, head of the city's
# military administration, said on Saturday." / "... have killed four people, local officials say, as ..."
_ATTRIBUTION = re.compile(
    r",\s+(?P<who>(?:the\s+)?[A-Za-z][\w’'.-]*(?:\s+[\w’'.-]+){0,5}?)(?:,\s+[^,]{2,80},)?\s+"
    r"(?:said|says|say|added|adds|told\s+\w+|claimed|claims|reported|reports|confirmed|confirms|insisted|"
    r"insists|estimated|estimates)(?=(?:\s+(?:on|in|at|last|this)\s+\w+)?\s*[,.!?”\"]|\s*$)"
)
_NOT_SPEAKERS = frozenset({"he", "she", "they", "it", "we", "i", "you", "which", "who", "that"})


def _attribution(sentence: str) -> str | None:
    found = None
    for found in _ATTRIBUTION.finditer(sentence):  # noqa: B007 - the last attribution of the sentence
        continue
    if found is None or found.group("who").lower() in _NOT_SPEAKERS:
        return None
    return found.group("who").removeprefix("the ").removeprefix("The ")


_PRONOUN_GENDERS = {"he": "male", "she": "female"}


def _quote_speaker(quotes: Quotations, namer: EntityNamer, offset: int) -> str | None:
    """Who speaks the quotation around ``offset``: a name as written, or the person or body a pronoun
    ("She said: “...”") stands for among the article's entities named before it."""
    found = quotes.speaker_at(offset)
    if found is None:
        return None
    words, at = found
    if words.lower() not in _PRONOUN_SPEAKERS:
        return words
    resolved = namer.salience.latest(at, pronoun_kinds(words.lower()), _PRONOUN_GENDERS.get(words.lower()))
    return resolved.name if resolved is not None else None


class Quotations:
    """Who speaks a quotation that a figure stands in: news quotes go on across sentences ("“We lost 65
    men. 43 were killed,” Syrskyi said."), so the speaker is named before the quotation opens or after it
    closes, not in the figure's own sentence. Two news conventions widen that: a quotation running over
    several paragraphs opens each of them with “ and closes only at its end, and a quotation with no
    speaker of its own that follows another in the same paragraph is the same speaker's ("“More
    winning,” Trump posted. “The military seized 5,000 lbs.”")."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[tuple[int, int]] = []
        opened: int | None = None
        for i, char in enumerate(text):
            if char == "“" and opened is None:
                opened = i
            elif char == "”" and opened is not None:
                self.spans.append((opened, i))
                opened = None
            elif (
                char == "\n" and opened is not None and text[i + 1 : i + 2] == "\n"
                and not _QUOTE_GOES_ON.match(text, i)
            ):
                opened = None  # a paragraph ends an unclosed quotation unless the next one goes on

    def speaker(self, offset: int) -> str | None:
        """The name of who speaks the quotation around ``offset`` (None for a pronoun or no speaker)."""
        found = self.speaker_at(offset)
        if found is None or found[0].lower() in _PRONOUN_SPEAKERS:
            return None
        return found[0]

    def speaker_at(self, offset: int) -> tuple[str, int] | None:
        """Who speaks the quotation around ``offset`` as written (a name or a pronoun), and where."""
        for index, (start, end) in enumerate(self.spans):
            if start < offset < end:
                return self._adjacent(index)
        return None

    def _adjacent(self, index: int) -> tuple[str, int] | None:
        start, end = self.spans[index]
        after = _SPEAKER_AFTER.match(self.text, end + 1, min(len(self.text), end + 80))
        if after:
            group = "name" if after.group("name") else "name2"
            return _without_time_words(after.group(group).strip(), after.start(group))
        before = _SPEAKER_BEFORE.search(self.text, max(0, start - 80), start)
        if before:
            return _without_time_words(before.group("name").strip(), before.start("name"))
        if index > 0 and "\n\n" not in self.text[self.spans[index - 1][1] : start]:
            return self._adjacent(index - 1)  # the paragraph's earlier quotation names its speaker
        return None


_QUOTE_GOES_ON = re.compile(r"\s*“")
_ARTICLE = re.compile(r"^[Tt]he\s+")
_PRONOUN_SPEAKERS = frozenset({"he", "she", "they", "it", "we", "i"})
_TIME_WORDS = re.compile(
    r"^(?:(?:[Oo]n|[Ll]ast|[Tt]his)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|"
    r"February|March|April|May|June|July|August|September|October|November|December|Yesterday|Today)\s+"
)


def _without_time_words(name: str, at: int) -> tuple[str, int]:
    """A speaker's name without a date the capitalised-words pattern took with it ("Monday Gen Syrskyi") or
    an article ("the ministry")."""
    cut = _TIME_WORDS.match(name) or _ARTICLE.match(name)
    return (name[cut.end() :], at + cut.end()) if cut and cut.end() < len(name) else (name, at)


def _one_claim_per_statement(figures: list[Figure]) -> list[Figure]:
    """The halves of one statement in two units ("995 miles (1,600 km)") share the first half's links."""
    heads: dict[str, Figure] = {}
    out = []
    for figure in figures:
        if figure.group:
            head = heads.setdefault(figure.group, figure)
            if head is not figure and (head.subject or head.extra.get("about")):
                figure = dataclasses.replace(
                    figure,
                    subject=head.subject,
                    subject_text=head.subject_text,
                    entity_id=head.entity_id,
                    property=head.property,
                    property_text=head.property_text,
                    claimant=figure.claimant or head.claimant,
                    extra={
                        **figure.extra,
                        "subject_rule": "same-statement",
                        "about": head.extra.get("about"),
                    },
                )
        out.append(figure)
    return out


def entities_of(figures: list[Figure]) -> list[Entity]:
    """The entities the figures refer to, one per id, with the names seen for each as aliases (only
    capitalised ones: "the warship" an article resolved to HMS Glasgow is no name of HMS Glasgow)."""
    found: dict[str, Entity] = {}
    for figure in figures:
        if not figure.entity_id or not figure.extra.get("entity_name"):
            continue  # only entities the linker named (it leaves their name and kind in extra)
        name = str(figure.extra["entity_name"])
        kind = str(figure.extra.get("entity_kind") or "other")
        known = found.get(figure.entity_id)
        aliases = set(known.aliases) if known else set()
        if figure.subject_text and figure.subject_text != name and figure.subject_text[:1].isupper():
            aliases.add(figure.subject_text)  # a name as written, not a description ("the company")
        found[figure.entity_id] = Entity(figure.entity_id, name, kind, tuple(sorted(aliases)))
    return list(found.values())
