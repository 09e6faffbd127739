"""One walk through the stages: extract -> normalise -> parse the figure sentences -> link.

``analyse_batch`` parses the figure-bearing sentences of a whole batch of documents in one batched spaCy
call (the parse is the costly stage); ``analyse`` is the same for one document.
"""

from __future__ import annotations

from collections.abc import Sequence

from figures.extract import extract
from figures.link import figure_sentences, link
from figures.model import Document, Figure
from figures.normalise import normalise
from figures.normalise.outlet import mark_outlet_dollars


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
    return [link(figures, document, parsed) for document, figures in zip(documents, found, strict=True)]


def analyse(document: Document) -> list[Figure]:
    """Every figure of one document, normalised and linked."""
    return analyse_batch([document])[0]
