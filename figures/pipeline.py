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
from figures.extract.counted import better_noun, counted_noun
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
        link(with_parsed_nouns(figures, document, parsed), document, parsed)
        for document, figures in zip(documents, found, strict=True)
    ]


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
        noun = counted_noun(doc, figure.start - offset, figure.end - offset, figure.value)
        if noun is None or (figure.noun and not better_noun(noun, figure.noun)):
            out.append(figure)
        elif figure.unit == "count":
            out.append(replace(figure, noun=noun.text))
        else:
            counted = replace(figure, noun=noun.text, unit="count", dimension="count")
            out.append(normalise(counted, document.date))
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
