"""The held-out passages (tests/data/passages.jsonl), their labelled conflicts and the development passages
(tests/data/passages_dev.jsonl) are well formed.

These check the data files only. How well figures links on them is measured by
``python -m benchmarks.passages``; there are no accuracy floors here (read tests/data/README.md).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data"
KINDS = {
    "person",
    "weapon",
    "ship",
    "aircraft",
    "country",
    "organisation",
    "company",
    "place",
    "programme",
    "other",
}
FIELDS = {"text", "start", "end", "subject", "subject_aliases", "entity_kind", "property", "property_aliases"}


def _passages(name: str = "passages.jsonl") -> list[dict[str, Any]]:
    with (DATA / name).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


PASSAGES = _passages()
DEV_PASSAGES = _passages("passages_dev.jsonl")
CONFLICTS = json.loads((DATA / "passages_conflicts.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("passages", "at_least"), [(PASSAGES, 30), (DEV_PASSAGES, 15)], ids=["held-out", "dev"]
)
def test_passage_ids_are_unique_and_fields_present(passages: list[dict[str, Any]], at_least: int) -> None:
    ids = [passage["id"] for passage in passages]
    assert len(ids) == len(set(ids))
    assert len(passages) >= at_least
    assert not set(ids) & {passage["id"] for passage in PASSAGES if passages is DEV_PASSAGES}
    for passage in passages:
        assert {"id", "title", "source", "date", "text", "figures"} <= set(passage), passage["id"]
        dt.date.fromisoformat(passage["date"])
        assert passage["source"] and passage["title"], passage["id"]
        assert passage["figures"], passage["id"]


@pytest.mark.parametrize(
    "passage", PASSAGES + DEV_PASSAGES, ids=[passage["id"] for passage in PASSAGES + DEV_PASSAGES]
)
def test_figures_keep_their_offsets_and_labels(passage: dict[str, Any]) -> None:
    text = passage["text"]
    spans = []
    for figure in passage["figures"]:
        assert set(figure) == FIELDS, figure
        assert text[figure["start"] : figure["end"]] == figure["text"], figure
        assert figure["property"], figure
        assert all(alias for alias in figure["property_aliases"]), figure
        if figure["subject"] is None:
            assert figure["entity_kind"] is None and not figure["subject_aliases"], figure
        else:
            assert figure["entity_kind"] in KINDS, figure
        spans.append((figure["start"], figure["end"]))
    spans.sort()
    for (_, end), (next_start, _) in zip(spans, spans[1:], strict=False):
        assert end <= next_start, f"overlapping figures in {passage['id']}"


def _surfaces() -> dict[str, set[str]]:
    return {passage["id"]: {figure["text"] for figure in passage["figures"]} for passage in PASSAGES}


def test_disagreements_refer_to_labelled_figures_of_one_entity() -> None:
    surfaces = _surfaces()
    subjects = {
        (passage["id"], figure["text"]): figure["subject"]
        for passage in PASSAGES
        for figure in passage["figures"]
    }
    assert len(CONFLICTS["disagreements"]) >= 5
    for disagreement in CONFLICTS["disagreements"]:
        assert len(disagreement["values"]) >= 2, disagreement
        for side in disagreement["values"]:
            assert side, disagreement
            for passage_id, surface in side:
                assert surface in surfaces[passage_id], (passage_id, surface)
                assert subjects[(passage_id, surface)] == disagreement["entity"], (passage_id, surface)


@pytest.mark.parametrize("section", ["agreements", "traps"])
def test_groups_that_must_not_be_flagged_refer_to_labelled_figures(section: str) -> None:
    surfaces = _surfaces()
    assert CONFLICTS[section]
    for group in CONFLICTS[section]:
        assert len(group["values"]) >= 2, group
        for passage_id, surface in group["values"]:
            assert surface in surfaces[passage_id], (passage_id, surface)
