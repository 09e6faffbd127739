"""Throughput and peak memory: our extractor against quantulum3, same process, same run, same texts.

    python -m benchmarks.speed              # seed corpus and NewsQuant dev; REPORT.md's speed section
    python -m benchmarks.speed --loops 5    # median of 5 timed loops (default 3)

For each corpus: ``figures.pipeline.analyse`` (extract, normalise, link), ``figures.extract.extract`` alone,
and quantulum3's ``parser.parse`` (warmed up first: its first call loads its classifier and takes seconds;
that load is not counted). Throughput is KB of text (UTF-8) per second of the median loop on one core;
peak memory is what tracemalloc sees during one extra loop. Issue 2 asks for at least 20x quantulum3's
throughput; this prints the ratio and never fails on it: speed goals live here, not in timed tests.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from benchmarks import newsquant, report, seeds

TARGET_RATIO = 20.0


Runner = Callable[[str, str], list[Any]]


@dataclass
class Measure:
    corpus: str
    system: str
    kb: float
    seconds: float
    peak_mb: float
    outputs: int

    @property
    def kb_per_s(self) -> float:
        return self.kb / self.seconds if self.seconds else float("inf")


def corpora() -> dict[str, list[tuple[str, str]]]:
    """(doc_id, text) pairs per corpus; NewsQuant only when the shared folder is there."""
    out = {"seed corpus": [(d.doc_id, d.text) for d in seeds.articles()]}
    try:
        out["NewsQuant dev"] = [(sid, s["text"]) for sid, s in newsquant.gold()]
    except newsquant.Unavailable as why:
        print(f"note: {why}", file=sys.stderr)
    return out


def systems() -> dict[str, Runner]:
    from quantulum3 import parser

    from figures.extract import extract
    from figures.model import Document
    from figures.pipeline import analyse

    parser.parse("warm up: the classifier loads on the first call, 3 km and $5bn")
    return {
        "figures analyse": lambda doc_id, text: analyse(Document(doc_id, text)),
        "figures extract": lambda doc_id, text: extract(text, doc_id),
        "quantulum3": lambda _doc_id, text: parser.parse(text),
    }


def _timed(run: Runner, texts: list[tuple[str, str]]) -> float:
    gc.collect()
    start = time.perf_counter()
    for doc_id, text in texts:
        run(doc_id, text)
    return time.perf_counter() - start


def _peak_mb(run: Runner, texts: list[tuple[str, str]]) -> float:
    gc.collect()
    tracemalloc.start()
    for doc_id, text in texts:
        run(doc_id, text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def measure(corpus: str, texts: list[tuple[str, str]], runners: dict[str, Runner],
            loops: int) -> list[Measure]:
    """Each system on one corpus. Loops alternate between the systems, so that a machine busy with something
    else slows them alike and the ratios hold; each system's median loop is reported."""
    kb = sum(len(t.encode("utf-8")) for _, t in texts) / 1024
    outputs = {name: sum(len(run(i, t)) for i, t in texts) for name, run in runners.items()}  # untimed pass
    times: dict[str, list[float]] = {name: [] for name in runners}
    for _ in range(loops):
        for name, run in runners.items():
            times[name].append(_timed(run, texts))
    return [Measure(corpus, name, kb, statistics.median(times[name]), _peak_mb(run, texts), outputs[name])
            for name, run in runners.items()]


def table(measures: list[Measure]) -> list[list[str]]:
    rows = []
    for m in measures:
        q3 = next(x for x in measures if x.corpus == m.corpus and x.system == "quantulum3")
        ratio = m.kb_per_s / q3.kb_per_s
        mem = m.peak_mb / q3.peak_mb if q3.peak_mb else float("nan")
        rows.append([m.corpus, m.system, f"{m.kb:.1f}", f"{m.seconds:.3f}", f"{m.kb_per_s:.1f}",
                     f"{ratio:.1f}x", f"{m.peak_mb:.2f}", f"{mem:.3f}x", str(m.outputs)])
    return rows


HEADER = ["corpus", "system", "KB", "s (median)", "KB/s", "speed vs quantulum3", "peak MB",
          "memory vs quantulum3", "figures"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--loops", type=int, default=3, help="timed loops per system and corpus (median)")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite REPORT.md's speed section")
    args = parser.parse_args(argv)
    if os.environ.get("PYTHONHASHSEED") != "0":  # quantulum3's output (and so its work) depends on it
        env = dict(os.environ, PYTHONHASHSEED="0")
        command = [sys.executable, "-m", "benchmarks.speed", *(argv or sys.argv[1:])]
        return subprocess.call(command, env=env)
    texts = corpora()
    runners = systems()
    measures = [m for corpus, pairs in texts.items() for m in measure(corpus, pairs, runners, args.loops)]
    rows = table(measures)
    widths = [max(len(x) for x in col) for col in zip(HEADER, *rows, strict=True)]
    print("  ".join(h.ljust(w) for h, w in zip(HEADER, widths, strict=True)))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    extract_ratios = [r[5] for r in rows if r[1] == "figures extract"]
    print(f"target: extraction at least {TARGET_RATIO:.0f}x quantulum3's throughput; measured "
          + ", ".join(f"{c}: {x}" for c, x in zip(texts, extract_ratios, strict=True)))
    if not args.no_write:
        import platform

        md = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
        md += ["| " + " | ".join(r) + " |" for r in rows]
        machine = f"{platform.machine()} ({os.cpu_count()} cores, one used)"
        stamp = (f"Measured {time.strftime('%Y-%m-%d')} on {machine}, "
                 f"Python {platform.python_version()}, median of {args.loops} loops after one untimed pass; "
                 f"quantulum3 warmed up first. Target: extraction >= {TARGET_RATIO:.0f}x quantulum3.")
        report.write_section("speed", stamp + "\n\n" + "\n".join(md))
    return 0


if __name__ == "__main__":
    sys.exit(main())
