"""Extraction: text -> figures (spans with value, unit as written, qualifier, range, noun, sentence)."""

from __future__ import annotations

from figures.extract.scanner import scan
from figures.model import Figure


def extract(text: str, doc_id: str = "") -> list[Figure]:
    """Every figure in ``text``, in order of position; ``text[f.start:f.end] == f.text`` for each."""
    return scan(text, doc_id)
