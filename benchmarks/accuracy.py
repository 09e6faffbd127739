"""Every accuracy benchmark in one run, one table (ours beside CQE and quantulum3), and REPORT.md.

    python -m benchmarks.accuracy                 # the table, and REPORT.md rewritten
    python -m benchmarks.accuracy --no-peers      # ours only (quantulum3 is not run live)
    python -m benchmarks.accuracy --floors        # the measured figures as the guards' constants

Peers: CQE's and quantulum3's NewsQuant columns come from their predictions in ../shared/baselines (CQE is
not installed here); quantulum3's other columns are measured live in this run (PYTHONHASHSEED=0, because
its output depends on the hash seed). NewsQuant is read from ../shared only; without it, it is skipped
and the report says so. Its regression guard lives here (NEWSQUANT_FLOORS): a run below a floor says so
and exits with status 1. The peer suites' guards are in tests/test_peer_suites.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
from dataclasses import dataclass

from benchmarks import REPO, newsquant, peers, report, seeds

MARGIN = 2.0  # points a guarded figure may fall below the recorded one (only rounding noise is expected)
# measured with the extractor as of the last refresh (python -m benchmarks.accuracy --floors); None = not yet
NEWSQUANT_FLOORS: dict[str, float | None] = {
    "value": 93.6,
    "value+unit": 88.9,
    "value+unit_strict": 87.2,
    "value+concept_partial": 82.2,
}
TARGETS = {  # issue 4
    ("NewsQuant dev", "value F1"): 95, ("NewsQuant dev", "value+unit F1"): 92,
    ("NewsQuant dev", "strict F1"): 90, ("NewsQuant dev", "value+concept partial F1"): 82,
    ("Recognizers currency", "found %"): 95, ("Recognizers dimension", "found %"): 95,
    ("Recognizers number", "found %"): 90, ("Recognizers range", "found %"): 90,
    ("Recognizers percent", "found %"): 90, ("quantulum3 cases", "found %"): 95,
    ("Seed corpus", "recall %"): 98, ("Seed corpus", "false positives % of outputs"): -2,  # at most 2
}
NQ_METRICS = {"value": "value F1", "value+unit": "value+unit F1", "value+unit_strict": "strict F1",
              "value+concept_partial": "value+concept partial F1"}


@dataclass
class Row:
    benchmark: str
    metric: str
    ours: float | None
    cqe: float | None = None
    quantulum3: float | None = None
    detail: str = ""

    @property
    def target(self) -> str:
        goal = TARGETS.get((self.benchmark, self.metric))
        if goal is None:
            return ""
        return f"<= {-goal}" if goal < 0 else f">= {goal}"

    @property
    def met(self) -> str:
        goal = TARGETS.get((self.benchmark, self.metric))
        if goal is None or self.ours is None:
            return ""
        ok = self.ours <= -goal if goal < 0 else self.ours >= goal
        return "yes" if ok else "no"


def _fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:.1f}"


def newsquant_rows(with_peers: bool, notes: list[str]) -> list[Row]:
    name = f"NewsQuant {newsquant.gold_name()}"
    try:
        # the peers' baselines cover the dev half only
        results, adapted = newsquant.run(with_peers and newsquant.gold_name() == "dev")
    except newsquant.Unavailable as why:
        notes.append(str(why))
        return [Row(name, "skipped", None, detail=str(why))]
    ours = results["ours"]
    assert ours is not None
    rows = []
    for key, label in NQ_METRICS.items():
        peer = {name: (r["metrics"][key]["F1"] if r else None) for name, r in results.items()}
        m = ours["metrics"][key]
        rows.append(Row(name, label, m["F1"], peer.get("CQE"), peer.get("quantulum3"),
                        f"P {m['P']} R {m['R']}"))
    set_aside = newsquant.adapted_gold()[1]
    for key in ("value", "value+unit"):
        peer = {name: (r["metrics"][key]["F1"] if r else None) for name, r in adapted.items()}
        m = adapted["ours"]["metrics"][key] if adapted["ours"] else {}
        rows.append(Row(name, f"{NQ_METRICS[key]}, adapted", m.get("F1"), peer.get("CQE"),
                        peer.get("quantulum3"), f"P {m.get('P')} R {m.get('R')}; {set_aside} gold "
                        "\"one of the ...\" quantities set aside (not figures by design), for every system"))
    unmatched = {name: float(r["pred"] - r["metrics"]["value"]["tp"]) if r else None
                 for name, r in results.items()}
    rows.append(Row(name, "outputs matching no gold value", unmatched["ours"],
                    unmatched.get("CQE"), unmatched.get("quantulum3"), "false positives by the value metric"))
    outputs = {name: float(r["pred"]) if r else None for name, r in results.items()}
    rows.append(Row(name, f"figures output (gold {ours['gold']})", outputs["ours"],
                    outputs.get("CQE"), outputs.get("quantulum3")))
    notes.append("NewsQuant recall by gold unit category (value / value+unit), ours: " + "; ".join(
        f"{cat} ({v['gold']}): {v['value_R']} / {v['value+unit_R']}"
        for cat, v in ours.get("recall_by_gold_category", {}).items()))
    return rows


def suite_rows(ours: peers.System, q3: peers.System | None) -> list[Row]:
    rows = []
    for kind in peers.RECOGNIZERS_SUITES:
        cases = peers.load_recognizers(kind)
        name = f"Recognizers {kind}"
        if kind == "ordinal":
            mine = peers.score_ordinals(cases, ours)
            theirs = peers.score_ordinals(cases, q3) if q3 else None
            rows.append(Row(name, "not reported as a figure %", mine.pass_rate, None,
                            theirs.pass_rate if theirs else None,
                            f"{mine.not_reported}/{mine.ordinals} ordinals (not figures, by design)"))
            continue
        result = peers.score(cases, ours)
        theirs_r = peers.score(cases, q3) if q3 else None
        not_supported = sum(1 for c in cases if "python" in (c.not_supported or "").lower())
        rows.append(Row(name, "found %", result.pass_rate, None, theirs_r.pass_rate if theirs_r else None,
                        f"{result.found}/{result.expected} expected; {len(cases)} cases, "
                        f"{not_supported} marked NotSupported for Python (counted)"))
    cases = peers.load_quantulum3()
    result = peers.score(cases, ours)
    theirs_q = peers.score(cases, q3) if q3 else None
    rows.append(Row("quantulum3 cases", "found %", result.pass_rate, None,
                    theirs_q.pass_rate if theirs_q else None,
                    f"{result.found}/{result.expected} expected quantities; "
                    f"{result.excluded} excluded by design (years, numbers inside names)"))
    rows.append(Row("quantulum3 cases", "sentences fully right %", result.sentence_rate, None,
                    theirs_q.sentence_rate if theirs_q else None,
                    f"{result.sentences_passed}/{result.sentences} sentences"))
    return rows


def seed_rows(ours: peers.System, q3: peers.System | None, notes: list[str]) -> list[Row]:
    docs = seeds.articles()
    mine = seeds.score(ours, docs)
    theirs = seeds.score(q3, docs) if q3 else None
    if mine.unplaced:
        notes.append(f"Seed golden: {len(mine.unplaced)} rows could not be placed in their article "
                     "(line/text mismatch); they are left out")
    return [
        Row("Seed corpus", "value F1", mine.f1(value_only=True), None,
            theirs.f1(value_only=True) if theirs else None, f"{mine.found_value} of {mine.golden} golden, "
            f"{mine.outputs} outputs"),
        Row("Seed corpus", "value+unit F1", mine.f1(), None, theirs.f1() if theirs else None,
            f"{mine.found} of {mine.golden} golden, {mine.outputs} outputs"),
        Row("Seed corpus", "recall %", mine.recall, None, theirs.recall if theirs else None,
            f"{mine.found}/{mine.golden} golden figures with the right value and unit"),
        Row("Seed corpus", "false positives % of outputs", mine.fp_rate, None,
            theirs.fp_rate if theirs else None,
            f"{len(mine.false_positives)}/{mine.outputs} outputs overlap no golden figure; "
            f"{len(mine.wrong)} more overlap one but state another value or unit"),
        Row("Seed corpus", "qualifier right %", 100.0 * mine.qualifier_right / max(mine.found, 1), None, None,
            f"{mine.qualifier_right}/{mine.found} found golden figures (synonyms mapped as the golden README "
            "says; quantulum3 keeps no qualifiers)"),
        Row("Seed corpus", "counted noun right %", 100.0 * mine.noun_right / max(mine.nouns, 1), None, None,
            f"{mine.noun_right}/{mine.nouns} found golden counts have the golden noun as written; "
            f"{mine.noun_head_right} its last word"),
        Row("Seed corpus", "never-figures reported", float(len(mine.not_figure_hits)), None,
            float(len(theirs.not_figure_hits)) if theirs else None,
            f"of {mine.not_figures} spans in seeds_not_figures.jsonl"),
    ]


def run(with_peers: bool = True) -> tuple[list[Row], list[str]]:
    notes: list[str] = []
    q3 = peers.quantulum3_system() if with_peers else None
    rows = newsquant_rows(with_peers, notes)
    rows += suite_rows(peers.ours, q3)
    rows += seed_rows(peers.ours, q3, notes)
    return rows, notes


def guard(rows: list[Row]) -> list[str]:
    """NewsQuant's regression guard: each F1 at least its recorded floor minus MARGIN."""
    failures = []
    for key, label in NQ_METRICS.items():
        floor = NEWSQUANT_FLOORS.get(key)
        row = next((r for r in rows if r.benchmark == "NewsQuant dev" and r.metric == label), None)
        if floor is not None and row is not None and row.ours is not None and row.ours < floor - MARGIN:
            failures.append(f"NewsQuant {label} {row.ours:.1f} fell below its floor {floor:.1f} - {MARGIN}")
    return failures


def table(rows: list[Row]) -> str:
    header = ["benchmark", "metric", "ours", "CQE", "quantulum3", "target", "met"]
    body = [[r.benchmark, r.metric, _fmt(r.ours), _fmt(r.cqe), _fmt(r.quantulum3), r.target, r.met]
            for r in rows]
    widths = [max(len(x) for x in col) for col in zip(header, *body, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
    out = [line, "-" * len(line)]
    out += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in body]
    return "\n".join(out)


def markdown(rows: list[Row], notes: list[str]) -> str:
    out = ["| benchmark | metric | ours | CQE | quantulum3 | target | met | detail |",
           "|---|---|---:|---:|---:|---|---|---|"]
    out += [f"| {r.benchmark} | {r.metric} | {_fmt(r.ours)} | {_fmt(r.cqe)} | {_fmt(r.quantulum3)} | "
            f"{r.target} | {r.met} | {r.detail} |" for r in rows]
    if notes:
        out += ["", *[f"- {n}" for n in notes]]
    return "\n".join(out)


def _commit() -> str:
    try:
        def git(*args: str) -> str:
            return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True,
                                  check=True).stdout.strip()

        head, dirty = git("rev-parse", "--short", "HEAD"), git("status", "--porcelain", "--", "figures")
        return f"{head} (with uncommitted changes in figures/)" if dirty else head
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def floors(rows: list[Row]) -> str:
    """The measured figures, as the constants the guards hold (paste into the test / this module)."""
    suites = {r.benchmark.removeprefix("Recognizers ").replace("quantulum3 cases", "quantulum3"): r.ours
              for r in rows if r.metric in ("found %", "not reported as a figure %") and r.ours is not None}
    nq = {key: r.ours for key, label in NQ_METRICS.items() for r in rows
          if r.benchmark == "NewsQuant dev" and r.metric == label}
    lines = ["# tests/test_peer_suites.py", "MEASURED = {"]
    lines += [f'    "{k}": {v:.1f},' for k, v in suites.items()]
    lines += ["}", "", "# benchmarks/accuracy.py", "NEWSQUANT_FLOORS: dict[str, float | None] = {"]
    lines += [f'    "{k}": {v:.1f},' for k, v in nq.items() if v is not None]
    lines += ["}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.accuracy",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-peers", action="store_true", help="ours only: do not run quantulum3 live")
    parser.add_argument("--floors", action="store_true", help="print the measured figures as guard constants")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite benchmarks/REPORT.md")
    parser.add_argument("--speed", action="store_true", help="then run benchmarks.speed too")
    parser.add_argument("--newsquant", metavar="FILE", help="another NewsQuant-format gold file")
    parser.add_argument("--subset", choices=["even", "odd"], help="only the even (dev) or odd (held-out) ids")
    args = parser.parse_args(argv)
    if args.newsquant or args.subset:  # read by benchmarks.newsquant.gold()
        os.environ[newsquant.GOLD_ENV] = str(args.newsquant or "")
        os.environ[newsquant.SUBSET_ENV] = args.subset or ""
    if os.environ.get("PYTHONHASHSEED") != "0":  # quantulum3's output depends on the hash seed
        env = dict(os.environ, PYTHONHASHSEED="0")
        command = [sys.executable, "-m", "benchmarks.accuracy", *(argv or sys.argv[1:])]
        return subprocess.call(command, env=env)
    rows, notes = run(with_peers=not args.no_peers)
    print(table(rows))
    for note in notes:
        print(f"note: {note}")
    failures = guard(rows)
    for failure in failures:
        print(f"GUARD: {failure}")
    if args.floors:
        print()
        print(floors(rows))
    if newsquant.gold_name() != "dev":
        print("note: REPORT.md is left as it is: it holds the dev half")
    elif not args.no_write:
        stamp = f"Measured {dt.date.today().isoformat()} at commit {_commit()}."
        report.write_section("accuracy", f"{stamp}\n\n{markdown(rows, notes)}")
        print(f"wrote {report.REPORT.relative_to(REPO)}")
    if args.speed:
        from benchmarks import speed

        print()
        speed.main(["--no-write"] if args.no_write else [])
    return 1 if failures else 0

if __name__ == "__main__":
    sys.exit(main())
