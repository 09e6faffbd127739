"""The seed corpus against its hand-checked golden file: recall, false positives, never-figures hit.

``tests/golden/seeds.jsonl`` holds every figure of the 20 seed articles: ``article`` (0-based, the k-th
article as ``figures.ingest.read_paths`` reads the seed file), ``line`` (1-based line of the seed file),
``col`` (0-based column on that line), ``text`` (the span), ``value`` or ``range``, ``unit`` (our Pint
convention), ``noun``, ``qualifier``, ``vague``. ``tests/golden/seeds_not_figures.jsonl`` lists spans that
must never be figures (years, dates, model designations, gallery counters, ordinals, "one of the").

- recall: golden figures that an output overlapping the golden span states (value, and unit via Pint);
- false positive: an output that overlaps no golden figure (so it reports something that is not a figure);
- wrong: an output that overlaps a golden figure but states another value or unit;
- never-figures hit: an output overlapping a span of the not-figures file.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import GOLDEN, SEEDS
from benchmarks.units import BARE, Alternative, Expected, Found, match, matched_pairs, matches, value_matches

System = Callable[[str], list[Found]]


@dataclass(frozen=True)
class Span:
    """A golden row placed in its article's text."""

    article: int
    start: int
    end: int
    row: dict[str, Any]


@dataclass
class SeedResult:
    golden: int = 0
    found: int = 0  # value and unit
    found_value: int = 0  # value alone
    outputs: int = 0
    false_positives: list[tuple[int, Found]] = field(default_factory=list)
    wrong: list[tuple[int, Found]] = field(default_factory=list)
    misses: list[Span] = field(default_factory=list)
    not_figures: int = 0
    not_figure_hits: list[tuple[Span, Found]] = field(default_factory=list)
    unplaced: list[dict[str, Any]] = field(default_factory=list)  # golden rows whose text was not found
    # of the golden figures found: the qualifier (synonyms mapped) and the counted noun as the golden has them
    qualifier_right: int = 0
    nouns: int = 0  # found golden counts with a noun
    noun_right: int = 0  # our noun is the golden noun (case and spacing aside)
    noun_head_right: int = 0  # our noun ends in the golden noun's last word
    wrong_details: list[tuple[Span, Found, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return 100.0 * self.found / self.golden if self.golden else 0.0

    def f1(self, value_only: bool = False) -> float:
        """F1 of outputs against golden figures, one to one (precision over all outputs)."""
        tp = self.found_value if value_only else self.found
        p = tp / self.outputs if self.outputs else 0.0
        r = tp / self.golden if self.golden else 0.0
        return 200.0 * p * r / (p + r) if p + r else 0.0

    @property
    def fp_rate(self) -> float:
        return 100.0 * len(self.false_positives) / self.outputs if self.outputs else 0.0


def articles(path: Path = SEEDS) -> list[Any]:
    """The seed articles, in order, as read_paths reads them."""
    from figures.ingest import read_paths
    from figures.model import Document

    return [d for d in read_paths([str(path)]) if isinstance(d, Document)]


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _boundary(text: str, start: int, end: int) -> bool:
    """The span is not part of a longer number or word ("400" inside "3,400" is not)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or (before in ",." and start > 1 and text[start - 2].isdigit())) and not (
        after.isalnum() and text[end - 1].isalnum())


def place(rows: Sequence[dict[str, Any]], docs: Sequence[Any], path: Path = SEEDS
          ) -> tuple[list[Span], list[dict[str, Any]]]:
    """Golden rows as spans in their article's text, by file line and column; rows that cannot be placed.

    Articles are verbatim runs of file lines starting at ``Document.line``. The column is a hint: of the
    occurrences of the text on that line that stand as whole tokens, the one nearest to it that no other
    row took is used (so "400 miles" after "3,400 miles" on the same line finds its own place)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    spans, unplaced, taken = [], [], set()
    for row in rows:
        k, surface, number = row["article"], row["text"], row["line"]
        doc = docs[k] if k < len(docs) else None
        if doc is None or not doc.line or not doc.line <= number <= len(lines):
            unplaced.append(row)
            continue
        at = sum(len(line) + 1 for line in lines[doc.line - 1:number - 1])
        line = lines[number - 1]
        if doc.text[at:at + len(line)] != line:
            unplaced.append(row)
            continue
        starts = [at + i for i in range(len(line)) if line.startswith(surface, i)]
        starts = [i for i in starts if (k, i) not in taken and _boundary(doc.text, i, i + len(surface))] or [
            i for i in starts if (k, i) not in taken]
        if not starts:
            unplaced.append(row)
            continue
        start = min(starts, key=lambda i: abs(i - at - row.get("col", 0)))
        taken.add((k, start))
        spans.append(Span(k, start, start + len(surface), row))
    return spans, unplaced


def expected(span: Span) -> Expected:
    """A golden row as an Expected. Its conventions: a vague magnitude's value is its lower end; a value
    rounded for the file ("a third" 0.3333) is met within half its last digit."""
    row = span.row
    value = tuple(row["range"]) if row.get("range") else row["value"]
    unit = row.get("unit") or ""
    units = tuple(Alternative(u) for u in BARE) if unit in BARE else (Alternative(unit),)
    decimals = len(repr(float(row["value"])).split(".")[1]) if row.get("value") is not None else 0
    tolerance = 0.5 * 10.0 ** -decimals if decimals >= 3 else 0.0
    return Expected(value, units, row["text"], span.start, span.end, unit or "bare", tolerance,
                    bool(row.get("vague")))


# the golden file keeps qualifiers as written; its README maps these synonyms before comparing
QUALIFIER_SYNONYMS = {"around": "about", "roughly": "about", "some": "about", "approximately": "about",
                      "over": "more than", "almost": "nearly", "plus": "-plus"}


def same_qualifier(golden: str | None, ours: str | None) -> bool:
    def canonical(q: str | None) -> str:
        q = (q or "").strip().lower()
        return QUALIFIER_SYNONYMS.get(q, q)

    return canonical(golden) == canonical(ours)


def _words(text: str | None) -> list[str]:
    return [w.strip("\"“”‘’'") for w in (text or "").lower().split()]


def _overlaps(found: Found, span: Span | Expected) -> bool:
    if span.start is None or span.end is None:
        return False
    return found.start < span.end and found.end > span.start


def score(system: System, docs: Sequence[Any] | None = None) -> SeedResult:
    """Run ``system`` on each seed article and compare with the golden file."""
    docs = list(docs) if docs is not None else articles()
    golden, unplaced = place(_read_jsonl(GOLDEN / "seeds.jsonl"), docs)
    never, _ = place(_read_jsonl(GOLDEN / "seeds_not_figures.jsonl"), docs)
    result = SeedResult(unplaced=unplaced)
    # every article up to the last one the golden file covers (it may still be growing)
    last = max([s.article for s in golden] + [r["article"] for r in unplaced], default=-1)
    covered = range(min(last + 1, len(docs)))
    for k in covered:
        found = system(docs[k].text)
        gold = [s for s in golden if s.article == k]
        wanted = [expected(s) for s in gold]
        pairs = matched_pairs(wanted, found, lambda e, f: matches(e, f) and _overlaps(f, e))
        hit, used = [False] * len(gold), [False] * len(found)
        for i, j in pairs:
            hit[i] = used[j] = True
            row, ours = gold[i].row, found[j]
            if same_qualifier(row.get("qualifier"), ours.qualifier):
                result.qualifier_right += 1
            else:
                result.wrong_details.append((gold[i], ours, f"qualifier {row.get('qualifier')!r}"))
            if row.get("noun"):
                result.nouns += 1
                golden_noun, our_noun = _words(row["noun"]), _words(ours.noun)
                result.noun_right += golden_noun == our_noun
                head = golden_noun[-1].rstrip("s")
                result.noun_head_right += bool(our_noun) and our_noun[-1].rstrip("s") == head
                if golden_noun != our_noun:
                    result.wrong_details.append((gold[i], ours, f"noun {row['noun']!r}"))
        result.golden += len(gold)
        result.found += sum(hit)
        by_value, _ = match(wanted, found, lambda e, f: value_matches(e, f) and _overlaps(f, e))
        result.found_value += sum(by_value)
        result.outputs += len(found)
        result.misses += [s for s, ok in zip(gold, hit, strict=True) if not ok]
        for f, ok in zip(found, used, strict=True):
            if ok:
                continue
            if any(_overlaps(f, s) for s in gold):
                result.wrong.append((k, f))
            else:
                result.false_positives.append((k, f))
        for s in (s for s in never if s.article == k):
            result.not_figures += 1
            hits = [f for f in found if _overlaps(f, s)]
            if hits:
                result.not_figure_hits.append((s, hits[0]))
    return result


def not_figure_reasons(result: SeedResult) -> Counter[str]:
    return Counter(s.row.get("why", "?") for s, _ in result.not_figure_hits)
