"""Issue 10: the memory of the disagreements at the end of `figures extract`, before and now, over copies
of the seed corpus.

    python -m benchmarks.summary_memory                   # 50, 500 and 2,000 copies
    python -m benchmarks.summary_memory --copies 8400     # the 1 GB run's 1.8M figures

Before the store kept them, `extract` ended by reading every disagreement from the view chain (the chain
over every figure, every row made a Disagreement) and printed ten: 2.48 GB at 1.8M figures. Now each
load notes what it touched, the run's end finds those disagreements again into the `disagreements`
table (in buckets of about ``database.REFRESH_FIGURES`` figures), and the summary reads a count and ten
rows. Each step runs in a process of its own, which reports its peak RSS (VmHWM) and its time:

- ``open``: open the store for reading and nothing else (the floor: Python, DuckDB, figures);
- ``summary before``: every row of the view ``live_disagreements`` as Disagreements, what `extract` did;
- ``refresh``: the table filled from nothing, every article's disagreements found, what the end of a run
  that loaded the whole corpus does;
- ``summary now``: the count and the first ten rows of the table, what `extract` prints now;
- ``conflicts, all rows``: every row of the table as Disagreements (`figures conflicts` without --limit).

The copies are the seed corpus analysed once, loaded, and copied row by row under new doc ids (wire copy:
every copy names every entity, the worst case for a refresh that reads what a load touched).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
STEPS = ("open", "summary before", "refresh", "summary now", "conflicts, all rows")


def build(path: Path, copies: int) -> int:
    """A store of ``copies`` copies of the seed corpus, its disagreements all waiting for a refresh;
    returns its figures."""
    from benchmarks.conflicts import _analysed, copy_rows
    from figures.store import open_store

    analysed = _analysed()
    with open_store(path, read_only=False) as store:
        store.load([document for document, _ in analysed], [f for _, found in analysed for f in found])
        copy_rows(store.connection, copies)
        # rows written by hand: every disagreement is to be found again
        store.execute("INSERT INTO disagreements_pending (everything) VALUES (true)", write=True)
        (figures,) = store.fetch("SELECT count(*) FROM figures").rows[0]
    return int(figures)


def step(name: str, path: Path) -> dict[str, float]:
    """Run one step on the store at ``path``: its rows, seconds and this process's peak MB."""
    from figures import compare
    from figures.store import open_store

    started = time.perf_counter()
    rows = shown = 0
    if name == "refresh":
        with open_store(path, read_only=False) as store:
            started = time.perf_counter()
            store.refresh_disagreements()
            rows = store.fetch("SELECT count(*) FROM disagreements").rows[0][0]
    else:
        with open_store(path) as store:
            if name == "summary before":
                assert not store.disagreements_current  # so find_disagreements reads the live view
                found = compare.find_disagreements(store)
                rows, shown = len(found), len(found[:10])
            elif name == "summary now":
                rows = compare.count_disagreements(store)
                shown = len(compare.find_disagreements(store, limit=10))
            elif name == "conflicts, all rows":
                rows = shown = len(compare.find_disagreements(store))
    seconds = time.perf_counter() - started
    return {"rows": rows, "shown": shown, "seconds": seconds, "peak_mb": peak_mb()}


def peak_mb() -> float:
    """This process's peak resident memory: VmHWM, which starts again at exec (ru_maxrss keeps the peak
    of the process that started it, here the parent that analysed the seed with spaCy)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(name: str, path: Path) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.summary_memory", "--step", name, str(path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(output.splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--copies", type=int, nargs="*", default=[50, 500, 2000])
    parser.add_argument("--step", nargs=2, metavar=("NAME", "DB"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.step:
        name, db = options.step
        print(json.dumps(step(name, Path(db))))
        return

    from figures.store import database

    load_before = os.getloadavg()[0]
    buckets = f"{database.REFRESH_FIGURES:,}"
    print(f"Peak RSS of each step in a process of its own; refresh buckets of {buckets} figures.\n")
    print("| corpus | figures | step | rows | seconds | peak MB |")
    print("|---|---:|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for copies in options.copies:
            path = Path(folder) / f"seed{copies}.duckdb"
            figures = build(path, copies)
            for name in STEPS:
                result = _child(name, path)
                print(
                    f"| seed x{copies:,} | {figures:,} | {name} | {int(result['rows']):,} | "
                    f"{result['seconds']:.1f} | {result['peak_mb']:,.0f} |",
                    flush=True,
                )
            path.unlink()
    print(f"\nload average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after ({os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
