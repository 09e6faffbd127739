"""Our misses and false positives per benchmark, by pattern: so that a rule fixes a pattern, not a sentence.

    python -m benchmarks.misses                      # every benchmark
    python -m benchmarks.misses newsquant seeds      # some: newsquant, recognizers, quantulum3, seeds
    python -m benchmarks.misses recognizers --examples 5

Only what one may tune against is shown: NewsQuant's tune fold (sentence id % 4 == 0) and the tune half
(even case index) of each peer suite. The check fold and halves are scored by ``benchmarks.accuracy`` and
never printed here, on purpose: there is no option to show them. The seed corpus is shown whole.

A miss is an expected quantity no figure of ours stated (value and unit); a false positive is a figure of ours
that matched nothing expected (for the seed corpus: one that overlaps no golden figure). Each is filed under
the first pattern that fits (``miss_pattern`` / ``output_pattern``), largest groups first.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from collections.abc import Iterable

from benchmarks import newsquant, peers, seeds
from benchmarks.units import Expected, Found

NUMBER_WORDS = re.compile(
    r"\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"thousand|million|billion|trillion|dozen|half|halves|quarter|third|thirds|a couple|single|double|"
    r"triple|lakh|crore)\b", re.I)
SCALE = re.compile(r"\d\s*(bn|m|k|mn|million|billion|trillion|thousand|lakh|crore)\b", re.I)
CURRENCY_SIGN = re.compile(r"[$€£¥₹₩₽₪₿₡₾₭]|ரூ|\b(usd|eur|gbp|jpy|cny|rmb|mxn|nzd|cad|aud|hk)\b", re.I)
YEAR = re.compile(r"^(1[5-9]|20)\d\d$")
MONTHS = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$|^\s*"
                    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b", re.I)
ORDINAL = re.compile(r"\d+(st|nd|rd|th)\b|\b(first|second|third|fourth|fifth|[a-z]+th)\b", re.I)


def text_pattern(surface: str) -> str | None:
    """The shape of a written figure, when it has a telling one."""
    s = surface.strip()
    if not s:
        return None
    if YEAR.match(s):
        return "year-like"
    if re.search(r"\d\s*(-|–|to|through|~)\s*\d|\bbetween\b|\bfrom\b.*\bto\b", s, re.I):
        return "range"
    if re.search(r"\d\s*/\s*\d|[½⅓⅔¼¾⅛]", s):
        return "fraction"
    if CURRENCY_SIGN.search(s):
        return "currency symbol or code"
    if not re.search(r"\d", s) and NUMBER_WORDS.search(s):
        return "spelled number"
    if SCALE.search(s):
        return "scale word"
    if re.search(r"%|per ?cent|percent", s, re.I):
        return "percent"
    if re.search(r"\d[a-zA-Zµ°\"']", s):
        return "unit glued to number"
    return None


def miss_pattern(label: str, expected: Expected | None = None, surface: str = "") -> str:
    """``label`` is the benchmark's unit or category; the written shape refines it."""
    if expected is not None and isinstance(expected.value, tuple):
        lo, hi = expected.value
        return f"{label} / {'bound' if lo is None or hi is None else 'range'}"
    shape = text_pattern(surface or (expected.text if expected else ""))
    return f"{label} / {shape}" if shape else label


def output_pattern(found: Found, context: str = "") -> str:
    """What kind of figure we reported where nothing was expected."""
    s = found.text.strip()
    before = context[max(0, found.start - 12):found.start]
    after = context[found.end:found.end + 12]
    bare = found.value is not None and found.unit in ("", "count")
    if YEAR.match(s) or (bare and YEAR.match(f"{found.value:g}")):
        return "year-like"
    if MONTHS.search(before) or MONTHS.search(after):
        return "date-like (month name beside it)"
    if re.search(r"[A-Za-z]-?$", before) or re.match(r"^-?[A-Za-z]", after):
        return "inside a name or designation"
    if ORDINAL.fullmatch(s) or re.match(r"^(st|nd|rd|th)\b", after):
        return "ordinal"
    if re.match(r"^\s*(am|pm|a\.m\.|p\.m\.|:\d\d)", after, re.I):
        return "time of day"
    if found.unit == "count":
        return f"count ({found.noun or 'no noun'})" if not found.noun else "count with noun"
    if found.unit == "":
        shape = text_pattern(s)
        return f"bare number / {shape}" if shape else "bare number"
    return f"unit {found.unit}"


def _describe(found: Found) -> str:
    value = f"{found.range[0]:g}-{found.range[1]:g}" if found.range else (
        f"{found.value:g}" if found.value is not None else "?")
    return f"{found.text!r} = {value} {found.unit or '(bare)'}" + (f" [{found.noun}]" if found.noun else "")


def _clip(text: str, width: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


Group = dict[str, list[str]]


def _print(title: str, groups: Group, examples: int) -> None:
    total = sum(len(v) for v in groups.values())
    print(f"\n== {title}: {total}")
    for pattern, items in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"  {pattern} ({len(items)})")
        for item in items[:examples]:
            print(f"      {item}")


def newsquant_report(examples: int) -> None:
    try:
        tune = newsquant.in_fold(newsquant.gold(), "tune")
        rows = newsquant.our_predictions(tune)
    except newsquant.Unavailable as why:
        print(f"\n== NewsQuant: {why}")
        return
    predictions = newsquant.load_rows(rows)
    missed: Group = defaultdict(list)
    spurious: Group = defaultdict(list)
    for s in newsquant.sentence_matches(predictions, sentences=tune):
        ours = ", ".join(f"{p['text']!r}={p.get('range') or p.get('value')} {p.get('unit') or '(bare)'}"
                         for p in predictions.get(s.sentence_id, [])) or "nothing"
        for gold, cat in zip(s.missed, s.categories, strict=True):
            label = f"{cat}"
            value = str(gold.get("value", ""))
            shape = "range" if re.search(r"\d\s*-\s*\d", value) else None
            if shape is None:
                digits = value.split(".")[0].lstrip("-")
                written = {digits, f"{int(digits):,}" if digits.isdigit() else digits}
                shape = None if any(w and w in s.text for w in written) else "spelled, scaled or fraction"
            key = f"{label} / {shape}" if shape else label
            missed[key].append(f"[{s.sentence_id}] want {value} {gold.get('normalized_unit')!r} "
                               f"(unit as written {gold.get('unit')!r}); we said {ours} :: {_clip(s.text)}")
        for pred in s.spurious:
            found = Found(pred.get("start") or 0, pred.get("end") or 0, pred.get("text") or "",
                          pred.get("value"), tuple(pred["range"]) if pred.get("range") else None,
                          unit=pred.get("unit") or "", noun=pred.get("noun"))
            spurious[output_pattern(found, s.text)].append(
                f"[{s.sentence_id}] {_describe(found)} :: {_clip(s.text)}")
    _print("NewsQuant dev, tune fold: gold quantities we missed (value+unit), by gold category / shape",
           missed, examples)
    _print("NewsQuant dev, tune fold: our figures that matched no gold (value+unit)", spurious, examples)


def suite_report(name: str, cases: list[peers.Case], examples: int) -> None:
    """A suite's misses and extras on its tune half only."""
    name = f"{name}, tune half"
    result = peers.score(peers.half(cases, "tune"), peers.ours, name)
    missed: Group = defaultdict(list)
    for case, expected in result.misses:
        ours = ", ".join(_describe(f) for f in peers.ours(case.text)) or "nothing"
        value = expected.value
        missed[miss_pattern(expected.label, expected)].append(
            f"[{case.index}] want {expected.text!r} = {value} {expected.label}; we said {ours}"
            f" :: {_clip(case.text)}")
    _print(f"{name}: expected results we missed ({result.found}/{result.expected} found)", missed, examples)
    extras: Group = defaultdict(list)
    for case, found in result.extras:
        extras[output_pattern(found, case.text)].append(
            f"[{case.index}] {_describe(found)} :: {_clip(case.text)}")
    _print(f"{name}: our figures that matched nothing expected (not all wrong: the specs annotate one kind)",
           extras, examples)


def recognizers_report(examples: int) -> None:
    for kind in peers.RECOGNIZERS_SUITES:
        cases = peers.load_recognizers(kind)
        if kind == "ordinal":
            result = peers.score_ordinals(peers.half(cases, "tune"), peers.ours)
            reported: Group = defaultdict(list)
            for case, ordinal, found in result.reported:
                reported["ordinal reported as a figure"].append(
                    f"[{case.index}] {ordinal.text!r} -> {_describe(found)} :: {_clip(case.text)}")
            _print(f"Recognizers ordinal, tune half ({result.not_reported}/{result.ordinals} not reported)",
                   reported, examples)
            continue
        suite_report(f"Recognizers {kind}", cases, examples)


def quantulum3_report(examples: int) -> None:
    suite_report("quantulum3 cases", peers.load_quantulum3(), examples)


def seeds_report(examples: int) -> None:
    docs = seeds.articles()
    result = seeds.score(peers.ours, docs)
    missed: Group = defaultdict(list)
    for span in result.misses:
        text = docs[span.article].text
        nearby = [f for f in peers.ours(text) if f.start < span.end and f.end > span.start]
        said = ", ".join(_describe(f) for f in nearby) or "nothing there"
        row = span.row
        value = row.get("range") or row.get("value")
        label = row.get("unit") or "bare"
        missed[miss_pattern(label, None, row["text"])].append(
            f"[article {span.article} line {row['line']}] want {row['text']!r} = {value} {label}"
            + (f" [{row['noun']}]" if row.get("noun") else "") + f"; we said {said}")
    _print(f"Seed corpus: golden figures we missed ({result.found}/{result.golden})", missed, examples)
    for title, items in (("false positives (overlap no golden figure)", result.false_positives),
                         ("wrong (overlap a golden figure, other value or unit)", result.wrong)):
        groups: Group = defaultdict(list)
        for k, found in items:
            text = docs[k].text
            line_start = text.rfind("\n", 0, found.start) + 1
            line_end = text.find("\n", found.end)
            line = text[line_start:line_end if line_end > 0 else None]
            groups[output_pattern(found, text)].append(f"[article {k}] {_describe(found)} :: {_clip(line)}")
        _print(f"Seed corpus: {title}", groups, examples)
    details: Group = defaultdict(list)
    for span, found, what in result.wrong_details:
        kind = what.split(" ", 1)[0]
        ours = found.qualifier if kind == "qualifier" else found.noun
        where = f"[article {span.article} line {span.row['line']}]"
        details[f"{kind} differs"].append(f"{where} {span.row['text']!r}: golden {what}, ours {ours!r}")
    _print("Seed corpus: found with the right value and unit, but the qualifier or noun differs", details,
           examples)
    hits: Group = defaultdict(list)
    for span, found in result.not_figure_hits:
        hits[span.row.get("why", "?")].append(
            f"[article {span.article} line {span.row['line']}] {_describe(found)}")
    _print(f"Seed corpus: never-figures we reported (of {result.not_figures})", hits, examples)


REPORTS = {"newsquant": newsquant_report, "recognizers": recognizers_report, "quantulum3": quantulum3_report,
           "seeds": seeds_report}


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.misses", description=__doc__.split("\n\n")[0])
    parser.add_argument("benchmarks", nargs="*", metavar="BENCHMARK",
                        help=f"any of {', '.join(REPORTS)} (default: all)")
    parser.add_argument("--examples", type=int, default=3, help="examples shown per pattern (default 3)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    unknown = [name for name in args.benchmarks if name not in REPORTS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(REPORTS)}")
    for name in args.benchmarks or list(REPORTS):
        REPORTS[name](args.examples)
    return 0

if __name__ == "__main__":
    sys.exit(main())
