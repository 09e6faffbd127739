"""One walk through the stages for one document: extract -> normalise -> link."""

from __future__ import annotations

from figures.extract import extract
from figures.link import link
from figures.model import Document, Figure
from figures.normalise import normalise
from figures.normalise.outlet import mark_outlet_dollars


def analyse(document: Document) -> list[Figure]:
    """Every figure of one document, normalised and linked."""
    found = mark_outlet_dollars(extract(document.text, doc_id=document.doc_id), document)  # "$" of .au, .ca
    normalised = [normalise(figure, document.date) for figure in found]
    return link(normalised, document)
