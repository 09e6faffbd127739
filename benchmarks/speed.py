"""Throughput and peak memory: our extractor against quantulum3, same process, same run, same texts.

    python -m benchmarks.speed              # seed corpus and NewsQuant dev; REPORT.md's speed section
    python -m benchmarks.speed --loops 5    # median of 5 timed loops (default 3)
    python -m benchmarks.speed --job        # the whole `figures extract` job by stage (issue 10), below

``--job`` times the whole job and its parts in one process, on genuinely new text: the seed corpus (20
distinct articles) as one JSONL file, ``--loops`` times after one untimed pass, stages alternating with the
whole job and with quantulum3 so that a busy machine slows them alike. It prints KB/s of article text and KB
per CPU second for ingest, extract, normalise, parse (spaCy, the figure sentences of each batch of articles,
as the job parses them), link (the parse's counted nouns included) and load (DuckDB), the whole job
(``figures.engine.extract`` into a database opened beforehand, reuse off), a run of an empty file,
quantulum3 on the same texts, the pipeline's cost beyond the parse as a ratio of the parse's own, and the
whole job against quantulum3; given ``--cqe-python`` (the Python of a virtualenv with CQE, see
``benchmarks/cqe_runner.py``), CQE on the same articles in each loop too. Then: the job on the seed corpus
repeated ``--copies`` times under new ids (reuse on: copies of a text are not analysed again), bulk-load
rows a minute, the whole job with 1 and 2
worker processes (``--worker-copies``, reuse off, wall and CPU time), the peak memory (RSS) of `figures
extract` at 1x and ``--big`` copies, and the load average. Issue 10's targets: overhead beyond the parse
<= 0.5x, the whole job >= 3x quantulum3 and >= 20x CQE, 2 workers >= 1.7x one. CQE runs in a process
of its own (its pins clash with ours); its model load is not timed, as quantulum3's is not.

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from benchmarks import SEEDS, newsquant, report, seeds

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


def _corpus_file(folder: str, copies: int) -> tuple[str, list[Any]]:
    """The seed articles ``copies`` times over as one JSONL file with distinct ids, and the seed articles."""
    import json

    from figures.ingest import read_paths
    from figures.model import Document

    seeds_read = [d for d in read_paths(str(SEEDS)) if isinstance(d, Document)]
    path = os.path.join(folder, f"seeds_x{copies}.jsonl")
    with open(path, "w", encoding="utf-8") as out:
        for copy in range(copies):
            for d in seeds_read:
                date = d.date.isoformat() if d.date else None
                out.write(json.dumps({"id": f"{d.doc_id}-{copy}", "title": d.title, "text": d.text,
                                      "date": date, "source": d.source, "url": d.url}) + "\n")
    return path, seeds_read


def _peak_rss_mb(command: list[str]) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of a command run as a child process: that child's own rusage
    (``os.wait4``), not RUSAGE_CHILDREN, whose peak is the largest of every child this process ever had
    (CQE's process, for one)."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, command)
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (worker processes)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@dataclass
class Timing:
    wall: list[float]
    cpu: list[float]

    @property
    def seconds(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_seconds(self) -> float:
        return statistics.median(self.cpu)


def _cqe_env(folder: str) -> dict[str, str]:
    """The environment CQE's process needs: CQE sets the en_US.UTF-8 locale at import, so where the machine
    has none, one is compiled with ``localedef`` into ``folder`` and named by LOCPATH."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # CQE's Python imports its own packages, not this project's
    have = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
    if "en_us.utf8" not in have.replace("-", ""):
        target = os.path.join(folder, "locales")
        os.makedirs(target, exist_ok=True)
        subprocess.run(["localedef", "-i", "en_US", "-f", "UTF-8", os.path.join(target, "en_US.UTF-8")],
                       check=True, capture_output=True)
        env["LOCPATH"] = target
    return env


def _cqe_run(python: str, path: str, env: dict[str, str]) -> tuple[float, float, int]:
    """CQE's wall and CPU seconds on the articles of ``path`` (model load excluded) and its quantities."""
    import json

    runner = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cqe_runner.py")
    done = subprocess.run([python, runner, path], capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(f"CQE failed ({python}): {done.stderr.strip().splitlines()[-1:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return float(result["wall"]), float(result["cpu"]), int(result["quantities"])


def _stage_runs(path: str, loops: int, cqe_python: str | None = None
                ) -> tuple[dict[str, Timing], int, float, int]:
    """Each stage of the job on genuinely new text (every article distinct), ``loops`` times, alternating
    with the whole job and quantulum3 so that a machine busy with other work slows them alike. The parse
    is done as the job does it: one spaCy call per batch of ``TASK_SIZE`` articles, on the figure
    sentences of the batch. Returns the timings, the articles, their KB and the figures found."""
    import tempfile

    from quantulum3 import parser as q3

    from figures import engine, ingest
    from figures.engine.local import TASK_SIZE
    from figures.extract import extract
    from figures.link import figure_sentences, link
    from figures.model import Document
    from figures.nlp import forget, parse
    from figures.normalise import normalise
    from figures.normalise.outlet import mark_outlet_dollars
    from figures.pipeline import read_with_parse
    from figures.store import Run, open_store

    timings: dict[str, Timing] = {}

    def timed(stage: str, work: Callable[[], Any]) -> Any:
        forget()  # new text: no parse kept from an earlier loop
        gc.collect()
        started, cpu = time.perf_counter(), _cpu()
        result = work()
        timing = timings.setdefault(stage, Timing([], []))
        timing.wall.append(time.perf_counter() - started)
        timing.cpu.append(_cpu() - cpu)
        return result

    def parsed_by_batch(documents: list[Any], normalised: list[Any]) -> dict[str, Any]:
        parsed: dict[str, Any] = {}
        for first in range(0, len(documents), TASK_SIZE):
            batch = slice(first, first + TASK_SIZE)
            pairs = zip(documents[batch], normalised[batch], strict=True)
            sentences = list(dict.fromkeys(s for d, n in pairs for s in figure_sentences(n, d.text)))
            parsed.update(zip(sentences, parse(sentences), strict=True))
        return parsed

    def one_pass(folder: str, loop: int) -> tuple[list[Any], int]:
        documents = timed("ingest", lambda: [d for d in ingest.read_paths(path) if isinstance(d, Document)])
        found = timed("extract", lambda: [extract(d.text, doc_id=d.doc_id) for d in documents])
        normalised = timed("normalise", lambda: [
            [normalise(f, d.date) for f in mark_outlet_dollars(figures_found, d)]
            for d, figures_found in zip(documents, found, strict=True)])  # fmt: skip
        parsed = timed("parse", lambda: parsed_by_batch(documents, normalised))
        linked = timed("link", lambda: [link(read_with_parse(n, d, parsed), d, parsed)
                                        for d, n in zip(documents, normalised, strict=True)])  # fmt: skip
        figures_all = [f for figures_found in linked for f in figures_found]
        with open_store(os.path.join(folder, f"load{loop}.duckdb"), read_only=False) as store:
            timed("load", lambda: store.load(documents, figures_all, Run.begin([path], "benchmark")))
        with open_store(os.path.join(folder, f"job{loop}.duckdb"), read_only=False) as store:
            timed("whole job", lambda: engine.extract(store, [path], workers=1, reuse=False))
        # what a run costs whatever its input (the database opened already, as for the whole job)
        with open_store(os.path.join(folder, f"empty{loop}.duckdb"), read_only=False) as store:
            timed("run set-up", lambda: engine.extract(store, [empty], workers=1))
        timed("quantulum3", lambda: [q3.parse(d.text) for d in documents])
        if cqe_python and loop >= 0:
            wall, cpu, _found = _cqe_run(cqe_python, path, cqe_env)
            timing = timings.setdefault("CQE", Timing([], []))
            timing.wall.append(wall)
            timing.cpu.append(cpu)
        return documents, len(figures_all)

    empty = os.path.join(os.path.dirname(path), "empty.jsonl")
    open(empty, "w").close()
    cqe_env = _cqe_env(os.path.dirname(path)) if cqe_python else {}
    parse(["Warm up: the model loads on the first call, 3 km."])
    q3.parse("warm up: the classifier loads on the first call, 3 km and $5bn")
    with tempfile.TemporaryDirectory() as folder:
        one_pass(folder, -1)  # untimed: each stage's tables, registries and lexicons load on first use
        timings.clear()
        for loop in range(loops):
            documents, rows = one_pass(folder, loop)
    kb = sum(len(d.text.encode("utf-8")) for d in documents) / 1024
    return timings, len(documents), kb, rows


def _workers(path: str, counts: Sequence[int], rounds: int) -> dict[int, Timing]:
    """The whole job (reuse off: every article analysed) with 1 and 2 worker processes, alternating."""
    import tempfile

    from figures import engine
    from figures.nlp import KEEP_ENV, forget
    from figures.store import open_store

    os.environ[KEEP_ENV] = "0"  # every article's sentences parsed, as new text's are (workers inherit it)
    out: dict[int, Timing] = {count: Timing([], []) for count in counts}
    with tempfile.TemporaryDirectory() as folder:
        for round_ in range(rounds):
            for count in counts:
                with open_store(os.path.join(folder, f"w{count}-{round_}.duckdb"), read_only=False) as store:
                    forget()  # one worker runs in this process: no parse kept from the last round
                    gc.collect()
                    started, cpu = time.perf_counter(), _cpu()
                    engine.extract(store, [path], workers=count, reuse=False, in_process_below=1)
                    out[count].wall.append(time.perf_counter() - started)
                    out[count].cpu.append(_cpu() - cpu)
    return out


def job(copies: int, big: int, loops: int, worker_copies: int, rounds: int,
        cqe_python: str | None = None) -> int:
    """The whole job by stage, in one process: see the module's docstring."""
    import tempfile

    from figures import engine
    from figures.nlp import forget
    from figures.store import open_store

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder:
        if copies < 0:  # --workers-only
            _workers_report(folder, worker_copies, rounds)
            print(f"load average (1, 5, 15 min) {' '.join(f'{x:.2f}' for x in load_before)} before, "
                  f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} after; {os.cpu_count()} cores")
            return 0
        path, _ = _corpus_file(folder, 1)
        timings, articles, kb, rows = _stage_runs(path, loops, cqe_python)
        stages = ("ingest", "extract", "normalise", "parse", "link", "load")
        print(f"New text: the seed corpus ({articles} distinct articles, {kb:,.0f} KB, {rows:,} figures), "
              f"median of {loops} loops; wall time and CPU time of this process")
        print(f"{'stage':<12} {'s':>8} {'KB/s':>10} {'CPU s':>8} {'KB/CPU s':>10}")
        for stage in (*stages, "whole job", "run set-up", "quantulum3", *(["CQE"] if cqe_python else [])):
            t = timings[stage]
            print(f"{stage:<12} {t.seconds:>8.2f} {kb / t.seconds:>10,.1f} {t.cpu_seconds:>8.2f} "
                  f"{kb / t.cpu_seconds:>10,.1f}")
        for clock, pick in (("wall", lambda t: t.seconds), ("CPU", lambda t: t.cpu_seconds)):
            parse_s = pick(timings["parse"])
            beyond = sum(pick(timings[s]) for s in stages if s != "parse") / parse_s
            whole_beyond = (pick(timings["whole job"]) - parse_s) / parse_s
            per_text = (pick(timings["whole job"]) - pick(timings["run set-up"]) - parse_s) / parse_s
            vs_q3 = pick(timings["quantulum3"]) / pick(timings["whole job"])
            print(f"{clock} time: the pipeline beyond the parse {beyond:.2f}x the parse (stages summed), "
                  f"the whole job less the parse {whole_beyond:.2f}x, less the run set-up too "
                  f"{per_text:.2f}x (target <= 0.5x); whole job vs quantulum3 {vs_q3:.2f}x (target >= 3x)")
            if cqe_python:
                vs_cqe = pick(timings["CQE"]) / pick(timings["whole job"])
                print(f"{clock} time: whole job vs CQE {vs_cqe:.2f}x (target >= 20x)")
        if not cqe_python:
            print("CQE not run: give --cqe-python, the Python of a virtualenv with CQE "
                  "(benchmarks/cqe_runner.py)")
        print(f"load stage: {rows / timings['load'].seconds * 60:,.0f} figure rows a minute (one store.load)")

        # identical text under new ids: the job with reuse (the default) on the corpus repeated
        copies_path, _ = _corpus_file(folder, copies)
        copies_kb = os.path.getsize(copies_path) / 1024
        with open_store(os.path.join(folder, "copies.duckdb"), read_only=False) as store:
            forget()
            started, cpu = time.perf_counter(), _cpu()
            outcome = engine.extract(store, [copies_path], workers=1)
            took, cpu_took = time.perf_counter() - started, _cpu() - cpu
        print(f"the seed corpus x{copies} ({copies_kb:,.0f} KB of JSONL), reuse on: {took:.1f} s "
              f"({copies_kb / took:,.0f} KB/s, {cpu_took:.1f} CPU s); {outcome.reused:,} of "
              f"{outcome.run.documents:,} articles were copies of text analysed earlier in the run")

        # bulk: the seed figures 400 times over under other ids, in one store.load (Arrow into DuckDB)
        _bulk(folder, path)

        # worker processes: the analysis of new text (reuse off) with 1 and 2 workers
        if worker_copies:
            _workers_report(folder, worker_copies, rounds)

        for times in (1, big):
            corpus, _ = _corpus_file(folder, times)
            took, peak = _peak_rss_mb([sys.executable, "-m", "figures", "extract", corpus, "--db",
                                       os.path.join(folder, f"mem{times}.duckdb"), "--workers", "1", "-q"])
            size = os.path.getsize(corpus) / 2**20
            print(f"figures extract --workers 1 on x{times} ({size:.1f} MB, reuse on): {took:.1f} s, "
                  f"peak RSS {peak:,.0f} MB")
    load_after = os.getloadavg()
    print(f"load average (1, 5, 15 min) {' '.join(f'{x:.2f}' for x in load_before)} before, "
          f"{' '.join(f'{x:.2f}' for x in load_after)} after; {os.cpu_count()} cores")
    return 0


def _workers_report(folder: str, worker_copies: int, rounds: int) -> None:
    workers_path, _ = _corpus_file(folder, worker_copies)
    size = os.path.getsize(workers_path) / 2**20
    by_count = _workers(workers_path, (1, 2), rounds)
    one, two = by_count[1], by_count[2]
    print(f"workers on the seed corpus x{worker_copies} ({size:.1f} MB, reuse off, no parse kept, {rounds} "
          f"rounds alternating, medians): 1 worker {one.seconds:.1f} s ({one.cpu_seconds:.1f} CPU s), "
          f"2 workers {two.seconds:.1f} s ({two.cpu_seconds:.1f} CPU s, parent and workers)")
    print(f"  speed-up 2 vs 1 workers: {one.seconds / two.seconds:.2f}x wall (target >= 1.7x); "
          f"CPU the two workers' run needs: {two.cpu_seconds / one.cpu_seconds:.2f}x one's, so on "
          f"two free cores it would take about {two.cpu_seconds / 2:.1f} s: "
          f"{one.cpu_seconds / (two.cpu_seconds / 2):.2f}x")


def _bulk(folder: str, path: str) -> None:
    from dataclasses import replace as renamed

    from figures import ingest
    from figures.pipeline import analyse_batch
    from figures.store import open_store

    documents = [d for d in ingest.read_paths(path) if not hasattr(d, "message")]
    linked = analyse_batch(documents)
    copies_in = [
        (renamed(d, doc_id=f"{d.doc_id}~{n}"), [renamed(f, doc_id=f"{d.doc_id}~{n}") for f in fs])
        for n in range(400)
        for d, fs in zip(documents, linked, strict=True)
    ]
    bulk_documents = [d for d, _ in copies_in]
    bulk_figures = [f for _, fs in copies_in for f in fs]
    with open_store(os.path.join(folder, "bulk.duckdb"), read_only=False) as store:
        gc.collect()
        started = time.perf_counter()
        store.load(bulk_documents, bulk_figures)
        took = time.perf_counter() - started
    print(f"bulk load: {len(bulk_figures) / took * 60:,.0f} figure rows a minute "
          f"({len(bulk_figures):,} rows, {len(bulk_documents):,} articles, one store.load; target 1M)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--loops", type=int, default=3, help="timed loops per system and corpus (median)")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite REPORT.md's speed section")
    parser.add_argument("--job", action="store_true", help="the whole extract job by stage (issue 10)")
    parser.add_argument("--copies", type=int, default=50, help="with --job: copies for the reuse run")
    parser.add_argument("--big", type=int, default=50, help="with --job: copies for the peak-memory run")
    parser.add_argument("--worker-copies", type=int, default=5,
                        help="with --job: copies for the 1 vs 2 workers run (0: skip it)")
    parser.add_argument("--rounds", type=int, default=2, help="with --job: rounds of the workers run")
    parser.add_argument("--workers-only", action="store_true", help="with --job: only the workers run")
    parser.add_argument("--cqe-python", help="with --job: the Python of a virtualenv with CQE, timed on the "
                        "same articles in each loop (see benchmarks/cqe_runner.py)")
    args = parser.parse_args(argv)
    if os.environ.get("PYTHONHASHSEED") != "0":  # quantulum3's output (and so its work) depends on it
        env = dict(os.environ, PYTHONHASHSEED="0")
        command = [sys.executable, "-m", "benchmarks.speed", *(argv or sys.argv[1:])]
        return subprocess.call(command, env=env)
    if args.job:
        copies = -1 if args.workers_only else args.copies
        return job(copies, args.big, args.loops, args.worker_copies, args.rounds, args.cqe_python)
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
