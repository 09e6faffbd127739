"""One walk through the stages: extract -> normalise -> parse the figure sentences -> link.

``analyse_batch`` parses the figure-bearing sentences of a whole batch of documents in one batched spaCy
call (the parse is the costly stage); ``analyse`` is the same for one document.

Two documents with the same ``reuse_key`` (the same text, date and outlet dollar: all the analysis reads
besides the id) get the same figures but for the id: ``rebranded`` turns one's figures into the other's, so
a wire copy or a repeated article need not be analysed again (figures.engine).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from figures.extract import extract
from figures.extract.counted import better_noun, counted_noun, verbs_after
from figures.extract.elided import carriers, percentage_points
from figures.link import figure_sentences, link
from figures.model import Document, Figure, text_hash
from figures.normalise import normalise
from figures.normalise.outlet import mark_outlet_dollars, outlet_dollar

ReuseKey = tuple[str, dt.date | None, str | None]

if TYPE_CHECKING:
    from spacy.tokens import Doc


def found_figures(document: Document) -> list[Figure]:
    """The document's figures, extracted and normalised, not yet linked."""
    found = mark_outlet_dollars(extract(document.text, doc_id=document.doc_id), document)  # "$" of .au, .ca
    return [normalise(figure, document.date) for figure in found]


def analyse_batch(documents: Sequence[Document]) -> list[list[Figure]]:
    """Every figure of each document, normalised and linked; one list per document, in order."""
    from figures.nlp import parse

    found = [found_figures(document) for document in documents]
    sentences = list(
        dict.fromkeys(
            s
            for document, figures in zip(documents, found, strict=True)
            for s in figure_sentences(figures, document.text)
        )
    )
    parsed = dict(zip(sentences, parse(sentences), strict=True))
    return [
        link(read_with_parse(figures, document, parsed), document, parsed)
        for document, figures in zip(documents, found, strict=True)
    ]


def read_with_parse(figures: list[Figure], document: Document, parsed: Mapping[str, Doc]) -> list[Figure]:
    """What the parse adds to the scanner's figures: counted nouns, then units given once for two."""
    return with_elided_units(with_parsed_nouns(figures, document, parsed), document, parsed)


def with_parsed_nouns(figures: list[Figure], document: Document, parsed: Mapping[str, Doc]) -> list[Figure]:
    """Counts with the noun the parse gives where the scanner's word window found none or a lesser one
    ("thousands of COVID-19 tests", not "COVID"; "65 snaps of man coverage"); a bare number that the parse
    shows counting a noun becomes a count."""
    out = []
    for figure in figures:
        doc = parsed.get(figure.sentence)
        if doc is None or figure.unit not in ("", "count") or figure.dimension not in ("number", "count"):
            out.append(figure)
            continue
        offset = figure.sentence_start
        if figure.noun:
            verb_at = verbs_after(doc, figure.start - offset, figure.end - offset)
            if verb_at is not None:
                figure = _without_verb(figure, document, offset + verb_at)
        noun = counted_noun(doc, figure.start - offset, figure.end - offset, figure.value)
        if noun is None or (figure.noun and not better_noun(noun, figure.noun)):
            out.append(figure)
        elif figure.unit == "count":
            out.append(replace(figure, noun=noun.text))
        else:
            counted = replace(figure, noun=noun.text, unit="count", dimension="count")
            out.append(normalise(counted, document.date))
    return out


def _without_verb(figure: Figure, document: Document, end: int) -> Figure:
    """The count ending at ``end``, before the verb its word window took in: the noun loses those words, or
    the count its noun and unit ("15 remain" -> a bare 15)."""
    text = document.text[figure.start : end]
    dropped = document.text[end : figure.end].split()
    words = (figure.noun or "").split()
    kept = len(words) - len(dropped)
    noun = " ".join(words[:kept]) if words[kept:] == dropped else None
    if noun:
        return replace(figure, end=end, text=text, noun=noun)
    bare = replace(figure, end=end, text=text, noun=None, unit="", unit_text=None, dimension="number")
    return normalise(bare, document.date)


def with_elided_units(figures: list[Figure], document: Document, parsed: Mapping[str, Doc]) -> list[Figure]:
    """A bare number takes the unit or counted noun of the figure it parallels, which the writer gave once
    for both ("rose 6 percent in Europe and 9 in Asia"), and points that move a percentage are percentage
    points ("slipped three points to 47 per cent"; figures.extract.elided)."""
    out = list(figures)
    by_sentence: dict[tuple[str, int], list[int]] = {}
    for i, figure in enumerate(figures):
        by_sentence.setdefault((figure.sentence, figure.sentence_start), []).append(i)
    for (sentence, offset), indices in by_sentence.items():
        doc = parsed.get(sentence)
        if doc is None or len(indices) < 2:
            continue
        own = [figures[i] for i in indices]
        for moved in percentage_points(doc, own, offset):
            points = replace(
                own[moved], unit="percent", dimension="percent", noun=None, unit_text=own[moved].noun
            )
            out[indices[moved]] = normalise(points, document.date)
        for bare, carrier in carriers(doc, own, offset).items():
            source = own[carrier]
            shared = replace(
                own[bare], unit=source.unit, unit_text=source.unit_text, dimension=source.dimension,
                noun=source.noun,
            )
            out[indices[bare]] = normalise(shared, document.date)
    return out


def analyse(document: Document) -> list[Figure]:
    """Every figure of one document, normalised and linked."""
    return analyse_batch([document])[0]


def reuse_key(document: Document, digest: str | None = None) -> ReuseKey:
    """What the analysis reads of a document besides its id: the text (by its hash, ``digest`` if known),
    the date (time scopes, exchange rates) and the outlet's dollar (its url or source). A stage that comes
    to read another field of the document must add it here."""
    return digest or text_hash(document.text), document.date, outlet_dollar(document)


def rebranded(found: Sequence[Figure], source_id: str, doc_id: str) -> list[Figure]:
    """The figures of document ``source_id`` as the analysis gives them for a document ``doc_id`` with the
    same ``reuse_key``: the id appears in ``doc_id``, in the ``group`` of a statement in two units
    (``<doc_id>:<start>``) and in the id of an entity local to the article (``<doc_id>/<slug>``; other entity
    ids hold no "/")."""
    if source_id == doc_id:
        return list(found)
    group_prefix, entity_prefix = f"{source_id}:", f"{source_id}/"
    out = []
    for figure in found:
        group, entity = figure.group, figure.entity_id
        if group is not None and group.startswith(group_prefix):
            group = f"{doc_id}:{group[len(group_prefix) :]}"
        if entity is not None and entity.startswith(entity_prefix):
            entity = f"{doc_id}/{entity[len(entity_prefix) :]}"
        out.append(replace(figure, doc_id=doc_id, group=group, entity_id=entity))
    return out
