"""Issue 10: the peak memory of `figures extract` at 1x, 50x and 1 GB, side by side, with the ratio to 1x.

    python -m benchmarks.extract_memory                                  # seeds/ and the seed corpus x50
    python -m benchmarks.extract_memory --file /work/big/seeds_x8400.jsonl --lines 29000   # and a slice
    python -m benchmarks.extract_memory --file /work/big/seeds_x8400.jsonl                 # and all of it
    python -m benchmarks.extract_memory --before /path/to/older/checkout # the same runs there too

Each corpus is run as a new process, `python -m figures extract CORPUS --db NEW.duckdb -q` (default
``--workers``), into a new database in a temporary folder (``--tmp``), then again over the same database
(``--rerun``: every article unchanged, skipped by its content hash). It prints the wall and CPU time, the
peak resident memory (RSS) of the largest process of the run (its own rusage, ``os.wait4``: the extract
process, or a worker process if it is larger), its ratio to the 1x run's, and the extract process's RSS
over the run: the largest sampled in each tenth of its wall time (``/proc/PID/status`` every 0.2 s), which
shows where memory grows (reading and loading, then the end-of-run refresh of the stored disagreements
and the summary). Memory that stays flat has the same peak at every size.

The 1x corpus is ``seeds/`` (20 articles); 50x is the seed corpus repeated 50 times under new ids (as
``benchmarks.speed`` writes it), so 980 articles are copies of text analysed earlier in the run; ``--file``
is any JSONL corpus (the 1 GB one is the seed corpus x8,400), ``--lines N`` its first N lines. Runs with
copies measure reading, hashing, copying and loading, not spaCy's analysis.
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SAMPLE_EVERY = 0.2  # seconds between two reads of the extract process's RSS
TENTHS = 10


@dataclass(frozen=True, slots=True)
class Measured:
    """One `figures extract` process: its time, its peak RSS, and its RSS over the run."""

    seconds: float
    cpu_seconds: float
    peak_mb: float  # the largest process of the run (os.wait4: the process or a child it waited for)
    timeline_mb: list[float] = field(default_factory=list)  # largest sampled RSS in each tenth of the run
    output: str = ""


def _rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def run(command: list[str], cwd: Path) -> Measured:
    """Run ``command`` in ``cwd``, sampling its RSS; fails if it exits with an error."""
    samples: list[tuple[float, float]] = []
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    done = threading.Event()

    def sample() -> None:
        while not done.wait(SAMPLE_EVERY):
            rss = _rss_mb(child.pid)
            if rss is not None:
                samples.append((time.perf_counter() - started, rss))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert child.stdout is not None
    output = child.stdout.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    code = os.waitstatus_to_exitcode(status)
    if code:
        raise SystemExit(f"{' '.join(command)} exited with {code}:\n{output[-2000:]}")
    timeline = [0.0] * TENTHS
    for at, rss in samples:
        tenth = min(int(at / seconds * TENTHS), TENTHS - 1)
        timeline[tenth] = max(timeline[tenth], rss)
    cpu = usage.ru_utime + usage.ru_stime
    return Measured(seconds, cpu, usage.ru_maxrss / 1024, timeline, output)


def seed_copies(folder: Path, copies: int) -> Path:
    """The seed corpus ``copies`` times over as one JSONL file with distinct ids."""
    from benchmarks.speed import _corpus_file

    path, _ = _corpus_file(str(folder), copies)
    return Path(path)


def first_lines(source: Path, lines: int, folder: Path) -> Path:
    """The first ``lines`` lines of ``source``, as a file of its own."""
    target = folder / f"{source.stem}_{lines}.jsonl"
    with source.open("rb") as read, target.open("wb") as write:
        write.writelines(itertools.islice(read, lines))
    return target


def _size_mb(path: Path) -> float:
    if path.is_dir():
        return sum(item.stat().st_size for item in path.rglob("*") if item.is_file()) / 2**20
    return path.stat().st_size / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.extract_memory",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--copies", type=int, nargs="*", default=[50],
                        help="seed corpus copies (x1 is seeds/)")
    parser.add_argument("--file", type=Path, help="a JSONL corpus to run too (the 1 GB one)")
    parser.add_argument("--lines", type=int, nargs="*", default=[], help="with --file: run its first N lines "
                        "instead of the whole file (several: each)")
    parser.add_argument("--workers", type=int, help="give --workers N to extract (default: extract's own)")
    parser.add_argument("--no-rerun", action="store_true", help="skip the second run over the same database")
    parser.add_argument("--before", type=Path, metavar="DIR", help="an older checkout to run beside this one")
    parser.add_argument("--tmp", type=Path, help="where the corpora and databases go (default: the system's)")
    parser.add_argument("--show-output", action="store_true", help="print each run's own output")
    args = parser.parse_args(argv)

    checkouts = [("now", ROOT)] + ([("before", args.before.resolve())] if args.before else [])
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(dir=args.tmp) as scratch:
        folder = Path(scratch)
        corpora: list[tuple[str, Path]] = [("x1 (seeds/)", SEEDS)]
        corpora += [(f"x{copies}", seed_copies(folder, copies)) for copies in args.copies]
        if args.file is not None:
            if args.lines:
                corpora += [(f"{args.file.name} [:{n:,}]", first_lines(args.file, n, folder))
                            for n in args.lines]
            else:
                corpora.append((args.file.name, args.file))
        rows: list[tuple[str, str, str, Measured, float]] = []
        for (label, corpus), (name, checkout) in itertools.product(corpora, checkouts):
            database = folder / f"{name}.duckdb"
            command = [sys.executable, "-m", "figures", "extract", str(corpus), "--db", str(database), "-q"]
            if args.workers is not None:
                command += ["--workers", str(args.workers)]
            passes = ("first", "re-run") if not args.no_rerun else ("first",)
            for which in passes:
                measured = run(command, checkout)
                rows.append((label, name, which, measured, _size_mb(corpus)))
                print(f"{label} {name} {which}: {measured.seconds:.1f} s, peak {measured.peak_mb:,.0f} MB",
                      file=sys.stderr, flush=True)
                if args.show_output:
                    print(measured.output, file=sys.stderr)
            for leftover in folder.glob(f"{name}.duckdb*"):
                leftover.unlink() if leftover.is_file() else None
    load_after = os.getloadavg()

    ones = {(name, which): m.peak_mb for label, name, which, m, _ in rows if label.startswith("x1 ")}
    print("| corpus | MB | checkout | run | wall s | CPU s | peak RSS MB | vs x1 "
          "| RSS MB by tenth of the run |")
    print("|---|---:|---|---|---:|---:|---:|---:|---|")
    for label, name, which, m, size in rows:
        ratio = m.peak_mb / ones[(name, which)] if (name, which) in ones else float("nan")
        timeline = " ".join(f"{mb:.0f}" for mb in m.timeline_mb)
        print(f"| {label} | {size:,.1f} | {name} | {which} | {m.seconds:,.1f} | {m.cpu_seconds:,.1f} | "
              f"{m.peak_mb:,.0f} | {ratio:.2f}x | {timeline} |")
    print(f"\nload average (1, 5, 15 min) {' '.join(f'{x:.2f}' for x in load_before)} before, "
          f"{' '.join(f'{x:.2f}' for x in load_after)} after; {os.cpu_count()} cores"
          + (f"; before: {args.before}" if args.before else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
