"""One walk through the stages: extract -> normalise -> parse the figure sentences -> link.

``analyse_batch`` parses the figure-bearing sentences of a whole batch of documents in one batched spaCy
call (the parse is the costly stage); ``analyse`` is the same for one document.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from figures.extract import extract
from figures.extract.counted import better_noun, counted_noun
from figures.link import figure_sentences, link
from figures.model import Document, Figure
from figures.normalise import normalise
from figures.normalise.outlet import mark_outlet_dollars

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
