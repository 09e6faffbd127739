"""Check the hand-checked golden files for the seed corpus and print their totals.

    python tests/golden/check_golden.py        # exit status 1 if any row is malformed

Checks every row of ``seeds.jsonl`` (figures) and ``seeds_not_figures.jsonl`` (spans that are not
figures) against ``seeds/000_ef0aaf124261c612.txt``: the keys and their types, that ``text`` sits on
``line`` at ``col``, that ``article`` is the article holding that line, that value/range/unit/noun/vague
agree with one another (README.md, "Conventions"), that every unit parses in figures' Pint registry
(Pint's defaults plus ``figures/units.txt``), and that no figure sits on scraping debris.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SEED = ROOT / "seeds" / "000_ef0aaf124261c612.txt"
FIGURES = HERE / "seeds.jsonl"
NOT_FIGURES = HERE / "seeds_not_figures.jsonl"
UNITS = ROOT / "figures" / "units.txt"

QUALIFIERS = frozenset({
    "about", "around", "roughly", "some", "approximately", "nearly", "almost", "at least", "more than",
    "over", "up to", "less than", "under", "-plus", "within", "as young as",
})
FIGURE_KEYS = {"article", "line", "text", "qualifier", "value", "range", "unit", "noun", "vague", "col"}
FIGURE_OPTIONAL = {"note", "group"}
NOT_FIGURE_KEYS = {"article", "line", "text", "why", "col"}

SEPARATOR = re.compile(r"^\s*Source link\s*$")
GALLERY_COUNTER = re.compile(r"^\s*\d+\s*$")
CREDIT_CAPTION = re.compile(r"Credit: ?\S[^.!?]*$")


def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


def article_of_line(lines: list[str]) -> list[int]:
    """For each 0-based line index, the 0-based article it belongs to (the separator line ends it)."""
    owner, article = [], 0
    for line in lines:
        owner.append(article)
        if SEPARATOR.match(line):
            article += 1
    return owner


def unit_parser() -> Any:
    """A callable that parses a unit string in figures' registry, or None when Pint is missing."""
    try:
        import pint
    except ImportError:
        return None
    registry: Any = pint.UnitRegistry()
    registry.load_definitions(str(UNITS))
    return registry.parse_units


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _read(path: Path, errors: list[str]) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as error:
            errors.append(f"{path.name}:{number}: not JSON: {error}")
            continue
        if not isinstance(row, dict):
            errors.append(f"{path.name}:{number}: not a JSON object")
            continue
        rows.append((number, row))
    return rows


Row = dict[str, Any]


def _check_span(where: str, row: Row, lines: list[str], owner: list[int], errors: list[str]) -> bool:
    """Line, article, text and col; False when the span itself is unusable."""
    line, text, col = row.get("line"), row.get("text"), row.get("col")
    if not isinstance(line, int) or not 1 <= line <= len(lines):
        errors.append(f"{where}: line {line!r} is not a line of the seed file")
        return False
    if not isinstance(text, str) or not text.strip():
        errors.append(f"{where}: text must be a non-empty string")
        return False
    source = lines[line - 1]
    if not isinstance(col, int) or source[col : col + len(text)] != text:
        errors.append(f"{where}: {text!r} is not at col {col!r} of line {line}: {source[:90]!r}")
        return False
    if row.get("article") != owner[line - 1]:
        errors.append(f"{where}: line {line} is in article {owner[line - 1]}, not {row.get('article')!r}")
    return True


def check_figure(where: str, row: Row, lines: list[str], owner: list[int], parse: Any) -> list[str]:
    errors: list[str] = []
    keys = set(row)
    if not keys >= FIGURE_KEYS or not keys <= FIGURE_KEYS | FIGURE_OPTIONAL:
        want = f"{sorted(FIGURE_KEYS)} (+ {sorted(FIGURE_OPTIONAL)})"
        errors.append(f"{where}: keys {sorted(keys)}; want {want}")
        return errors
    if not _check_span(where, row, lines, owner, errors):
        return errors
    source, col, end = lines[row["line"] - 1], row["col"], row["col"] + len(row["text"])
    inside_number = re.search(r"\d[,.]$", source[:col]) is not None
    if source[col - 1 : col].isalnum() or inside_number or source[end : end + 1].isalnum():
        errors.append(f"{where}: {row['text']!r} at col {col} starts or ends inside a word or number")
    if GALLERY_COUNTER.match(source) or CREDIT_CAPTION.search(source):
        errors.append(f"{where}: line {row['line']} is debris (gallery counter or 'Credit:' caption)")
    value, span, unit, noun = row["value"], row["range"], row["unit"], row["noun"]
    if (value is None) == (span is None):
        errors.append(f"{where}: exactly one of value and range must be set")
    if value is not None and not _is_number(value):
        errors.append(f"{where}: value {value!r} is not a number")
    if span is not None and not (
        isinstance(span, list) and len(span) == 2 and all(map(_is_number, span)) and span[0] <= span[1]
    ):
        errors.append(f"{where}: range {span!r} is not [low, high]")
    if row["qualifier"] is not None and row["qualifier"] not in QUALIFIERS:
        errors.append(f"{where}: qualifier {row['qualifier']!r} not in {sorted(QUALIFIERS)}")
    qualifier = row["qualifier"]
    if qualifier is not None and qualifier != "-plus" and qualifier in row["text"].lower():
        errors.append(f"{where}: text {row['text']!r} should not include the qualifier word")
    if not isinstance(row["vague"], bool):
        errors.append(f"{where}: vague must be true or false")
    elif row["vague"] and value is None:
        errors.append(f"{where}: a vague figure carries its lower bound in value")
    if not isinstance(unit, str):
        errors.append(f"{where}: unit must be a string")
    elif unit and parse is not None:
        try:
            parse(unit)
        except Exception as error:  # Pint raises several kinds; any of them means the unit is bad
            errors.append(f"{where}: unit {unit!r} does not parse in figures' registry: {error}")
    if noun is not None and (not isinstance(noun, str) or not noun.strip()):
        errors.append(f"{where}: noun must be null or a non-empty string")
    if (unit == "count") != (noun is not None):
        errors.append(f"{where}: unit 'count' goes with a noun and a noun with 'count' ({unit!r}, {noun!r})")
    if "note" in row and not (isinstance(row["note"], str) and row["note"].strip()):
        errors.append(f"{where}: note must be a non-empty string")
    if "group" in row and not isinstance(row["group"], int):
        errors.append(f"{where}: group must be an integer")
    return errors


def check_not_figure(where: str, row: Row, lines: list[str], owner: list[int]) -> list[str]:
    errors: list[str] = []
    if set(row) != NOT_FIGURE_KEYS:
        errors.append(f"{where}: keys {sorted(row)}; want {sorted(NOT_FIGURE_KEYS)}")
        return errors
    _check_span(where, row, lines, owner, errors)
    if not isinstance(row["why"], str) or not row["why"].strip():
        errors.append(f"{where}: why must be a non-empty string")
    return errors


def check() -> tuple[list[str], list[dict[str, Any]], list[dict[str, Any]]]:
    """Every problem found, the figure rows and the not-figure rows."""
    lines = seed_lines()
    owner = article_of_line(lines)
    parse = unit_parser()
    errors: list[str] = []
    figures = _read(FIGURES, errors)
    not_figures = _read(NOT_FIGURES, errors)
    for number, row in figures:
        errors += check_figure(f"{FIGURES.name}:{number}", row, lines, owner, parse)
    for number, row in not_figures:
        errors += check_not_figure(f"{NOT_FIGURES.name}:{number}", row, lines, owner)
    spans = Counter((row.get("line"), row.get("col")) for _, row in figures)
    errors += [f"{FIGURES.name}: two figures at line {ln}, col {c}" for (ln, c), n in spans.items() if n > 1]
    groups = Counter((row.get("article"), row["group"]) for _, row in figures if "group" in row)
    errors += [f"{FIGURES.name}: group {group} of article {article} has one member" for (article, group), n in
               groups.items() if n < 2]
    return errors, [row for _, row in figures], [row for _, row in not_figures]


def main() -> int:
    errors, figures, not_figures = check()
    for error in errors:
        print(error, file=sys.stderr)
    articles = max(article_of_line(seed_lines())) + 1
    per_article = Counter(row.get("article") for row in figures)
    per_unit = Counter(row.get("unit") for row in figures)
    print(f"{len(figures)} figures, {len(not_figures)} not-figures, {len(errors)} problems")
    print("figures per article: " + ", ".join(f"{k}:{per_article.get(k, 0)}" for k in range(articles)))
    print("figures per unit:    " + ", ".join(f"{u or '(bare)'}:{n}" for u, n in per_unit.most_common()))
    print(f"vague: {sum(bool(row.get('vague')) for row in figures)}, ranges: "
          f"{sum(row.get('range') is not None for row in figures)}, with qualifier: "
          f"{sum(row.get('qualifier') is not None for row in figures)}, in dual-unit groups: "
          f"{sum('group' in row for row in figures)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
