"""One walk through the stages for one document: extract -> normalise -> link."""

from __future__ import annotations

from figures.extract import extract
from figures.link import link
from figures.model import Document, Figure
from figures.normalise import normalise


def analyse(document: Document) -> list[Figure]:
    """Every figure of one document, normalised and linked."""
    found = extract(document.text, doc_id=document.doc_id)
    normalised = [normalise(figure, document.date) for figure in found]
    return link(normalised, document)
