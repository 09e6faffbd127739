"""Extraction: text -> figures (spans with value, unit as written, qualifier, range, noun, sentence)."""

from __future__ import annotations

from figures.model import Figure


def extract(text: str, doc_id: str = "") -> list[Figure]:
    """Every figure in ``text``, in order of position. PLACEHOLDER until the extractor lands."""
    return []
