"""How often the linker is right: subject/property accuracy on the hand-checked seed set, and NewsQuant
value+concept.

- ``seed_report()``: ``tests/data/link_gold.jsonl`` holds figures of the seed corpus, each located by a
  ``context`` (an exact passage of the corpus) and its ``text``, with the right subject (a name, a list of
  acceptable names, or null), property, claimant and time scope, written by reading the articles. The figures
  are built by hand (as extraction would give them) and linked article by article.
- ``newsquant_report()``: NewsQuant's dev half is NOT part of this project (no license); it is read from
  ``../shared/benchmarks/newsquant`` when present. Our linker runs on the CQE baseline's figure spans (so the
  score measures linking alone, not extraction), and the benchmark's own scorer gives value+concept_partial.

Run ``python -m figures.link.evaluate`` for both reports.
"""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from figures.errors import InputError
from figures.link import concept, link, sentence_span
from figures.model import Document, Figure

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "link_gold.jsonl"
SEEDS = ROOT / "seeds" / "000_ef0aaf124261c612.txt"
SHARED = ROOT.parent / "shared"
_SEPARATOR = re.compile(r"^\s*Source link\s*$", re.MULTILINE)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def _articles(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each article of a ``Source link``-separated corpus."""
    out, start = [], 0
    for m in _SEPARATOR.finditer(text):
        out.append((start, text[start : m.end()]))
        start = m.end()
    if text[start:].strip():
        out.append((start, text[start:]))
    return out


@dataclasses.dataclass(frozen=True)
class GoldCase:
    figure: Figure
    document: Document
    gold: dict[str, Any]
    line: int


def load_gold(gold_path: Path = GOLD, corpus_path: Path = SEEDS) -> list[GoldCase]:
    """The gold figures as hand-made ``Figure`` objects inside their articles."""
    corpus = corpus_path.read_text(encoding="utf-8")
    articles = _articles(corpus)
    cases = []
    for line, raw in enumerate(gold_path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            gold = json.loads(raw)
        except json.JSONDecodeError as err:
            raise InputError(str(gold_path), f"bad JSON: {err}", line=line) from err
        at = corpus.find(gold["context"])
        inner = gold["context"].find(gold["text"])
        if at == -1 or inner == -1:
            raise InputError(
                str(gold_path), f"context or text not in the corpus: {gold['text']!r}", line=line
            )
        start = at + inner
        offset, article = next((o, a) for o, a in articles if o <= start < o + len(a))
        doc = Document(doc_id=f"seed-{offset}", text=article)
        local = start - offset
        s_start, s_end = sentence_span(article, local, local + len(gold["text"]))
        figure = Figure(
            doc_id=doc.doc_id,
            start=local,
            end=local + len(gold["text"]),
            text=gold["text"],
            value=None,
            unit=gold.get("unit") or "",
            noun=gold.get("noun"),
            dimension=gold["dimension"],
            group=gold.get("group"),
            sentence=article[s_start:s_end],
            sentence_start=s_start,
        )
        cases.append(GoldCase(figure, doc, gold, line))
    return cases


def _norm(value: str | None) -> str | None:
    if value is None:
        return None
    words = value.translate(_QUOTES).lower().split()
    while words and words[0] in {
        "the",
        "a",
        "an",
        "its",
        "his",
        "her",
        "their",
        "gen",
        "general",
        "mr",
        "dr",
    }:
        words = words[1:]
    return " ".join(words) or None


def subject_ok(predicted: str | None, gold: Any) -> bool:
    """Exact (after determiners), or the same person named in full: "Vladimir Putin" for "Putin"."""
    options = gold if isinstance(gold, list) else [gold]
    p = _norm(predicted)
    for option in options:
        o = _norm(option)
        if p == o or (p and o and option and option[:1].isupper() and " " not in o and p.endswith(" " + o)):
            return True
    return False


def property_ok(predicted: str | None, gold: str | None) -> bool:
    """The same canonical property; a share is a share whatever its whole ("share of budget" is a "share":
    the linker names the whole so that shares of different wholes never compare)."""
    if predicted and predicted.startswith("share of "):
        predicted = "share"
    return predicted == gold


def claimant_ok(predicted: str | None, gold: Any) -> bool:
    if isinstance(gold, list):
        return any(claimant_ok(predicted, option) for option in gold)
    p, g = _norm(predicted), _norm(gold)
    if p is None or g is None:
        return p == g
    return p == g or p.endswith(g) or g.endswith(p)


@dataclasses.dataclass
class SeedReport:
    n: int
    subject: float
    property: float
    claimant: float
    time_scope: float
    misses: list[str]

    def __str__(self) -> str:
        head = (
            f"seed gold ({self.n} figures): subject {self.subject:.1%}  property {self.property:.1%}  "
            f"claimant {self.claimant:.1%}  time scope {self.time_scope:.1%}"
        )
        return "\n".join([head, *self.misses])


def _extracted_match(case: GoldCase, extracted: list[Figure]) -> Figure | None:
    """The extracted figure that covers the gold figure's number (spans overlap, same start or nested)."""
    f = case.figure
    overlapping = [x for x in extracted if x.start < f.end and f.start < x.end]
    overlapping.sort(key=lambda x: (abs(x.start - f.start), abs(x.end - f.end)))
    return overlapping[0] if overlapping else None


def seed_report(gold_path: Path = GOLD, corpus_path: Path = SEEDS, extracted: bool = False) -> SeedReport:
    """Accuracy on the gold set; ``extracted=True`` links what ``figures.extract`` finds in each whole article
    (end to end) instead of the hand-made figures, and counts a gold figure it does not find as wrong."""
    cases = load_gold(gold_path, corpus_path)
    by_doc: dict[str, list[GoldCase]] = {}
    for case in cases:
        by_doc.setdefault(case.document.doc_id, []).append(case)
    hits: Counter[str] = Counter()
    misses = []
    for doc_cases in by_doc.values():
        document = doc_cases[0].document
        if extracted:
            from figures.extract import extract

            linked = link(extract(document.text, doc_id=document.doc_id), document)
        else:
            linked = link([c.figure for c in doc_cases], document)
        by_span = {(f.start, f.end): f for f in linked}
        for case in doc_cases:
            gold = case.gold
            found = (
                _extracted_match(case, linked) if extracted else by_span[(case.figure.start, case.figure.end)]
            )
            if found is None:
                misses.append(f"  line {case.line}: {gold['text']!r} not extracted")
                continue
            got = found
            checks = {
                "subject": subject_ok(got.subject, gold["subject"]),
                "property": property_ok(got.property, gold["property"]),
                "claimant": claimant_ok(got.claimant, gold.get("claimant")),
                "time_scope": _norm(got.time_scope) == _norm(gold.get("time_scope")),
            }
            hits.update(k for k, ok in checks.items() if ok)
            for key, ok in checks.items():
                if not ok:
                    misses.append(
                        f"  line {case.line} {key}: {gold['text']!r} got {getattr(got, key)!r} "
                        f"want {gold[key]!r}"
                    )
    n = len(cases)
    return SeedReport(
        n, hits["subject"] / n, hits["property"] / n, hits["claimant"] / n, hits["time_scope"] / n, misses
    )


def newsquant_predictions(shared: Path = SHARED) -> list[dict[str, Any]]:
    """CQE's figure spans on NewsQuant dev with OUR subject (read from ``shared``; nothing is copied)."""
    dev = json.loads((shared / "benchmarks/newsquant/dev.json").read_text(encoding="utf-8"))
    texts = {str(s["id"]): s["text"] for s in dev}
    spans = [
        json.loads(x)
        for x in (shared / "baselines/cqe_newsquant.jsonl").read_text().splitlines()
        if x.strip()
    ]
    unit_dimension = {"count": "count", "": "number", "percent": "percent"}
    lengths = ("mile", "meter", "kilometer", "foot", "yard", "inch", "centimeter")
    out = []
    by_doc: dict[str, list[tuple[dict[str, Any], Figure]]] = {}
    for row in spans:
        text = texts.get(row["doc_id"])
        if text is None or row.get("start") is None:
            continue
        unit = row.get("unit") or ""
        if unit in unit_dimension:
            dimension = unit_dimension[unit]
        elif re.match(r"[A-Z]{3}\b", unit):
            dimension = "rate" if "/" in unit else "money"
        elif "/ hour" in unit:
            dimension = "speed"
        elif unit in lengths:
            dimension = "length"
        elif unit.endswith("** 2"):
            dimension = "area"
        else:
            dimension = "other"
        figure = Figure(
            doc_id=row["doc_id"],
            start=row["start"],
            end=row["end"],
            text=text[row["start"] : row["end"]],
            value=row.get("value"),
            unit=unit,
            noun=row.get("noun"),
            dimension=dimension,
            sentence=text,
            sentence_start=0,
        )
        by_doc.setdefault(row["doc_id"], []).append((row, figure))
    for doc_id, pairs in by_doc.items():
        linked = link([f for _, f in pairs], Document(doc_id=doc_id, text=texts[doc_id]))
        by_span = {(f.start, f.end): f for f in linked}
        for row, figure in pairs:
            got = by_span[(figure.start, figure.end)]
            # NewsQuant reads the counted noun as the unit: its concept is whoever has the things
            out.append({**{k: v for k, v in row.items() if not k.startswith("x_")}, "subject": concept(got)})
    return out


def newsquant_pipeline_predictions(shared: Path = SHARED) -> list[dict[str, Any]]:
    """Our whole pipeline (extract, normalise, link) on NewsQuant dev, subjects as ``concept`` gives them."""
    from figures.pipeline import analyse

    dev = json.loads((shared / "benchmarks/newsquant/dev.json").read_text(encoding="utf-8"))
    rows = []
    for sentence in dev:
        for figure in analyse(Document(doc_id=str(sentence["id"]), text=sentence["text"])):
            rows.append(dict(figure.contract(), subject=concept(figure)))
    return rows


def newsquant_report(shared: Path = SHARED, pipeline: bool = False) -> dict[str, float] | None:
    """value+concept_partial (and value F1) of our subjects on CQE's spans (``pipeline``: on our own
    extraction); None when shared/ is absent."""
    bench = shared / "benchmarks" / "newsquant"
    if not (bench / "dev.json").exists():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        pred_path = Path(tmp) / "pred.jsonl"
        rows = newsquant_pipeline_predictions(shared) if pipeline else newsquant_predictions(shared)
        pred_path.write_text("".join(json.dumps(row, default=str) + "\n" for row in rows))
        run = subprocess.run(
            [
                sys.executable,
                str(bench / "score.py"),
                "--gold",
                str(bench / "dev.json"),
                "--pred",
                str(pred_path),
                "--json",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    metrics = json.loads(run.stdout)["metrics"]
    return {metric: metrics[metric]["F1"] for metric in ("value", "value+concept_partial")}


def main() -> None:
    print(seed_report())
    print(
        "end to end (figures.extract on the whole articles):", str(seed_report(extracted=True)).split("\n")[0]
    )
    report = newsquant_report()
    if report is None:
        print("NewsQuant: ../shared/benchmarks/newsquant not found; skipped")
    else:
        print(
            "NewsQuant dev, our subjects on CQE's spans: "
            + "  ".join(f"{k} F1 {v:.1f}" for k, v in report.items())
            + "  (CQE's own subjects: 71.0)"
        )
        try:
            whole = newsquant_report(pipeline=True) or {}
        except Exception as err:  # the extractor is another stage; say so and go on
            print(f"NewsQuant dev, our whole pipeline: not measured ({type(err).__name__}: {err})")
        else:
            print(
                "NewsQuant dev, our whole pipeline: " + "  ".join(f"{k} F1 {v:.1f}" for k, v in whole.items())
            )


if __name__ == "__main__":
    main()
