"""Regression guard on the hand-checked seed golden file (tests/golden/seeds.jsonl).

Issue 4's targets for the seed corpus are recall >= 98% of the golden figures with the right value and unit
and false positives <= 2% of outputs; the floors below are those targets or, where we are past them, the
figure measured at the last refresh minus a small margin (``python -m benchmarks.accuracy`` prints them).
Extraction is deterministic, so a drop here is a real regression, not noise.
"""

from __future__ import annotations

import pytest

from benchmarks import peers, seeds


@pytest.fixture(scope="module")
def result() -> seeds.SeedResult:
    return seeds.score(peers.ours)


def test_every_golden_row_is_placed(result: seeds.SeedResult) -> None:
    assert result.unplaced == []
    assert result.golden > 200


def test_recall_of_golden_figures(result: seeds.SeedResult) -> None:
    assert result.recall >= 98.0, [(s.row["line"], s.row["text"]) for s in result.misses]


def test_false_positive_rate(result: seeds.SeedResult) -> None:
    assert result.fp_rate <= 2.0, [f.text for _, f in result.false_positives]


def test_never_figures_stay_out(result: seeds.SeedResult) -> None:
    assert len(result.not_figure_hits) <= 4, [(s.row["text"], f.text) for s, f in result.not_figure_hits]


def test_qualifiers_and_nouns(result: seeds.SeedResult) -> None:
    assert result.qualifier_right / result.found >= 0.97
    assert result.noun_head_right / result.nouns >= 0.85
