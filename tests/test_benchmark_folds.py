"""The fold split that keeps the benchmarks honest: NewsQuant dev by sentence id (tune id % 4 == 0, check
id % 4 == 2), the peer suites by case index (tune even, check odd), and misses shown for tune only.

NewsQuant itself has no license and stays out of the tests: the split is checked on made-up ids.
"""

from __future__ import annotations

import re

import pytest

from benchmarks import misses, newsquant, peers


@pytest.mark.parametrize(("sentence_id", "fold"), [
    ("0", "tune"), ("4", "tune"), ("588", "tune"),
    ("2", "check"), ("6", "check"), ("590", "check"),
    ("1", None), ("3", None), ("7", None),  # the held-out half: in neither fold
    ("s12", None), ("", None),
])
def test_fold_of_a_sentence_id(sentence_id: str, fold: str | None) -> None:
    assert newsquant.fold_of(sentence_id) == fold


def test_folds_are_disjoint_and_cover_the_even_ids() -> None:
    sentences = [(str(i), {"text": f"sentence {i}", "quantities": []}) for i in range(0, 40)]
    tune = newsquant.in_fold(sentences, "tune")
    check = newsquant.in_fold(sentences, "check")
    assert [i for i, _ in tune] == [str(i) for i in range(0, 40, 4)]
    assert [i for i, _ in check] == [str(i) for i in range(2, 40, 4)]
    assert {i for i, _ in tune} | {i for i, _ in check} == {str(i) for i in range(0, 40, 2)}


def test_an_unknown_fold_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown fold"):
        newsquant.in_fold([], "dev")


def test_misses_show_the_tune_half_only(capsys: pytest.CaptureFixture[str]) -> None:
    cases = peers.load_quantulum3()
    misses.suite_report("quantulum3 cases", cases, examples=10_000)
    printed = capsys.readouterr().out
    shown = {int(n) for n in re.findall(r"^\s+\[(\d+)\]", printed, re.M)}
    assert "tune half" in printed
    assert shown, "the tune half has misses to show"
    assert all(n % 2 == 0 for n in shown), sorted(n for n in shown if n % 2)


def test_misses_offer_no_check_fold() -> None:
    with pytest.raises(SystemExit):
        misses.main(["newsquant", "--fold", "check"])
