"""NewsQuant dev half, scored with its own scorer (read from the shared folder, never copied here).

NewsQuant states no license, so neither its sentences nor its scorer enter the project: both are read from
``../shared/benchmarks/newsquant`` when it is there, and the benchmark says plainly that it is skipped when
it is not.

Folds: the dev half (even ids) is split by sentence id into ``tune`` (id % 4 == 0), the sentences one may
look at and develop against, and ``check`` (id % 4 == 2), the honest estimate that nobody looks into. Every
score is reported on both and on all of dev; ``benchmarks.misses`` shows tune sentences only.

The held-out (odd) half is not distributed; whoever has it scores it separately with
``python -m benchmarks.accuracy --newsquant FILE --subset odd`` (the peers' baselines cover dev only).

Our predictions go through ``figures.pipeline.analyse`` (one Document per sentence, doc_id = the sentence
id) and ``Figure.contract()`` into a temporary JSONL file that the scorer loads, as it loads the peers'
baselines (``../shared/baselines``), so that all three columns are scored the same way.

Convention differences are handled here, never in the extractor:
- NewsQuant treats the counted noun as the unit ("62 attack drones" -> unit "drone"); we write unit "count"
  with ``noun``. The scorer already accepts that (a count or bare number for a noun unit; the strict
  variant checks ``noun``), so nothing is rewritten for it.
- NewsQuant annotates the "one" of "one of the best speakers" as a quantity; by design that is never a
  figure for us. The official rows keep those gold quantities; ``adapted_gold`` sets them aside for the
  extra "adapted" rows, where every system (ours and the peers) is scored on the same reduced gold.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from benchmarks import shared_dir

METRICS = ("value", "value+unit", "value+unit_strict", "value+concept_partial")
PEER_FILES = {"CQE": "cqe_newsquant.jsonl", "quantulum3": "quantulum3_newsquant.jsonl"}


class Unavailable(Exception):
    """The shared NewsQuant folder is not beside the project."""


@dataclass(frozen=True)
class Paths:
    gold: Path
    scorer: Path
    baselines: Path


def paths() -> Paths:
    shared = shared_dir()
    if shared is None:
        raise Unavailable("NewsQuant skipped: the shared folder (../shared/benchmarks/newsquant) is not "
                          "here; NewsQuant has no license, so it is never copied into the project")
    root = shared / "benchmarks" / "newsquant"
    found = Paths(root / "dev.json", root / "score.py", shared / "baselines")
    if not (found.gold.exists() and found.scorer.exists()):
        raise Unavailable(f"NewsQuant skipped: {root} lacks dev.json or score.py")
    return found


@cache
def scorer() -> ModuleType:
    """The shared score.py, imported as a module."""
    spec = importlib.util.spec_from_file_location("newsquant_score", paths().scorer)
    if spec is None or spec.loader is None:
        raise Unavailable(f"NewsQuant skipped: cannot import {paths().scorer}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FOLDS = ("tune", "check")


def fold_of(sentence_id: str) -> str | None:
    """The fold of a dev sentence: "tune" (id % 4 == 0), "check" (id % 4 == 2), None for any other id."""
    if not sentence_id.isdigit():
        return None
    return {0: "tune", 2: "check"}.get(int(sentence_id) % 4)


def in_fold(sentences: Iterable[tuple[str, dict[str, Any]]], fold: str) -> list[tuple[str, dict[str, Any]]]:
    """The sentences of one fold ("tune" or "check"), in order."""
    if fold not in FOLDS:
        raise ValueError(f"unknown fold {fold!r}; choose from {', '.join(FOLDS)}")
    return [(i, s) for i, s in sentences if fold_of(i) == fold]


GOLD_ENV = "FIGURES_NEWSQUANT_GOLD"  # another NewsQuant-format file, e.g. the held-out half when one has it
SUBSET_ENV = "FIGURES_NEWSQUANT_SUBSET"  # even / odd: keep only those sentence ids (dev / held-out)


def gold_name() -> str:
    """What is being scored, for the report: "dev" or the file and subset asked for."""
    path, subset = os.environ.get(GOLD_ENV), os.environ.get(SUBSET_ENV)
    if not path:
        return "dev" if subset in (None, "", "even") else f"dev, {subset} ids"
    return f"{Path(path).name}, {subset} ids" if subset else Path(path).name


@cache
def gold() -> list[tuple[str, dict[str, Any]]]:
    """(sentence id, sentence) pairs: the dev half, or the file and subset the environment names."""
    path = os.environ.get(GOLD_ENV) or str(paths().gold)
    sentences = list(scorer().load_gold(path))
    subset = os.environ.get(SUBSET_ENV)
    if subset in ("even", "odd"):
        sentences = [(i, s) for i, s in sentences if i.isdigit() and (int(i) % 2 == 0) == (subset == "even")]
    if not sentences:
        raise Unavailable(f"NewsQuant skipped: no sentences in {gold_name()} (the held-out half is not "
                          "distributed here)")
    return sentences


ONE_OF = re.compile(r"\bone of (the|his|her|its|their|our|my|your|these|those)\b", re.I)


def by_design(sentence: dict[str, Any], quantity: dict[str, Any]) -> bool:
    """A gold quantity we do not report by design: the "one" of "one of the ..."."""
    return str(quantity.get("value")).strip() in ("1", "1.0") and bool(ONE_OF.search(sentence["text"]))


def adapted_gold() -> tuple[list[tuple[str, dict[str, Any]]], int]:
    """The dev half without the gold quantities we leave out by design, and how many were set aside."""
    out, dropped = [], 0
    for sentence_id, sentence in gold():
        kept = [q for q in sentence.get("quantities") or [] if not by_design(sentence, q)]
        dropped += len(sentence.get("quantities") or []) - len(kept)
        out.append((sentence_id, dict(sentence, quantities=kept)))
    return out, dropped


def our_predictions(sentences: Iterable[tuple[str, dict[str, Any]]] | None = None) -> list[dict[str, Any]]:
    """Our figures for every dev sentence, through the whole pipeline (extract, normalise, link).

    Adapter, not extractor: NewsQuant reads a counted noun as the unit, so the concept it wants for a count
    ("the clinic has performed 900 surgeries") is whoever has or does the things, not the things; the
    contract's ``subject`` is given as ``figures.link.concept(figure)``, which is that for counts and the
    subject otherwise.
    """
    from figures.link import concept
    from figures.model import Document
    from figures.pipeline import analyse

    rows = []
    for sentence_id, sentence in sentences if sentences is not None else gold():
        rows += [
            dict(figure.contract(), subject=concept(figure))
            for figure in analyse(Document(sentence_id, sentence["text"]))
        ]
    return rows


def peer_predictions(name: str) -> dict[str, list[dict[str, Any]]] | None:
    """A peer's baseline predictions by sentence id, or None if its file is missing."""
    path = paths().baselines / PEER_FILES[name]
    if not path.exists():
        return None
    by_doc, _bad = scorer().load_preds(str(path))
    return dict(by_doc)


def load_rows(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Predictions by sentence id, as the scorer reads them from a JSONL file (written to a temp file)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "figures_newsquant.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        by_doc, bad = scorer().load_preds(str(path))
    if bad:
        raise ValueError(f"{bad} prediction rows the scorer could not read")
    return dict(by_doc)


def evaluate(predictions: dict[str, list[dict[str, Any]]],
             sentences: list[tuple[str, dict[str, Any]]] | None = None) -> dict[str, Any]:
    """The scorer's result dict: metrics {name: {P, R, F1, tp}}, recall by gold unit category, counts.

    Only the predictions for ``sentences`` are passed on, so that a fold is scored on its own sentences."""
    scope = gold() if sentences is None else sentences
    ids = {sentence_id for sentence_id, _ in scope}
    mine = {sentence_id: rows for sentence_id, rows in predictions.items() if sentence_id in ids}
    result: dict[str, Any] = scorer().evaluate(scope, mine, breakdown=True)
    return result


Results = dict[str, dict[str, Any] | None]  # system ("ours", "CQE", "quantulum3") -> the scorer's result


def scopes(sentences: list[tuple[str, dict[str, Any]]]) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """What each score covers: "all" of the gold scored and, when that is the dev half, its two folds."""
    out = {"all": sentences}
    if gold_name() == "dev":
        out.update({fold: in_fold(sentences, fold) for fold in FOLDS})
    return out


def run(with_peers: bool = True) -> tuple[dict[str, Results], dict[str, Results]]:
    """Ours and each peer scored the same way, per scope ("all", "tune", "check"):
    ``{scope: {"ours": result, "CQE": result, "quantulum3": result}}``, on the gold as it is and on
    ``adapted_gold`` (the gold quantities we leave out by design set aside)."""
    predictions: dict[str, dict[str, list[dict[str, Any]]] | None] = {"ours": load_rows(our_predictions())}
    for name in PEER_FILES if with_peers else ():
        predictions[name] = peer_predictions(name)

    def score_each(sentences: list[tuple[str, dict[str, Any]]]) -> dict[str, Results]:
        return {scope: {name: evaluate(p, part) if p is not None else None for name, p in predictions.items()}
                for scope, part in scopes(sentences).items()}

    return score_each(gold()), score_each(adapted_gold()[0])


@dataclass(frozen=True)
class SentenceMatch:
    """One sentence scored for the failure analysis: the golds and predictions no value+unit match took."""

    sentence_id: str
    text: str
    missed: list[dict[str, Any]]  # gold quantities
    spurious: list[dict[str, Any]]  # predictions
    categories: list[str]  # the scorer's gold category of each missed gold


def sentence_matches(predictions: dict[str, list[dict[str, Any]]], metric: str = "value+unit",
                     sentences: list[tuple[str, dict[str, Any]]] | None = None) -> list[SentenceMatch]:
    """Per sentence (of ``sentences``, else the tune fold), what the one-to-one ``metric`` matching left
    unmatched on each side. The check fold is for scores only: its sentences are not looked into."""
    from benchmarks.units import max_matching

    score = scorer()
    tests = {
        "value": lambda g, p: score.values_match(g["v"], p["v"]),
        "value+unit": lambda g, p: score.unit_value_match(g, p, strict=False),
        "value+unit_strict": lambda g, p: score.unit_value_match(g, p, strict=True),
    }
    test = tests[metric]
    out = []
    for sentence_id, sentence in sentences if sentences is not None else in_fold(gold(), "tune"):
        golds = score.prepare_gold(sentence.get("quantities") or [])
        preds = [score.prepare_pred(p) for p in predictions.get(sentence_id, [])]
        owner = max_matching(len(golds), len(preds), lambda i, j: test(golds[i], preds[j]))  # noqa: B023
        taken = {i for i in owner if i >= 0}
        missed = [i for i in range(len(golds)) if i not in taken]
        out.append(SentenceMatch(sentence_id, sentence["text"], [golds[i]["raw"] for i in missed],
                                 [preds[j]["raw"] for j, i in enumerate(owner) if i < 0],
                                 [golds[i]["cat"] for i in missed]))
    return out
