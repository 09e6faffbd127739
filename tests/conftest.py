"""Shared fixtures: a store in a temporary folder, a CLI runner, and figures made by hand."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from figures.model import Document, Figure
from figures.store import Store, open_store

MakeFigure = Callable[..., Figure]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "figures.duckdb", read_only=False) as opened:
        yield opened


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def make_figure() -> MakeFigure:
    """A figure for the span ``span`` of ``document`` (its first occurrence), offsets as extract sets them."""

    def make(document: Document, span: str, value: float | None, **fields: Any) -> Figure:
        start = document.text.index(span)
        sentence_start = document.text.rfind(". ", 0, start) + 2 if ". " in document.text[:start] else 0
        sentence_end = document.text.find(".", start + len(span))
        sentence = document.text[sentence_start : sentence_end + 1 if sentence_end >= 0 else None]
        fields.setdefault("low", value)
        fields.setdefault("high", value)
        return Figure(
            document.doc_id, start, start + len(span), span, value,
            sentence=sentence, sentence_start=sentence_start, **fields,
        )  # fmt: skip

    return make
