"""Start-up time of the `figures` commands against the duckdb command-line tool, measured in one run.

    python -m benchmarks.startup              # median of 7 runs of each command
    python -m benchmarks.startup --runs 15

Each command runs as a new process, as a user runs it (``python -m figures ...`` from this checkout, so it
measures the code here, not an installed copy). Bytecode is cached as an installed figures has it (pip
compiles it at install): the processes write and read it under a scratch PYTHONPYCACHEPREFIX, even where
PYTHONDONTWRITEBYTECODE is set, and the untimed first run of each command fills it; otherwise every run
would compile figures' sources again (about 0.1 s), which no installed copy does.

Issue 9's goal is under 0.3 s for `--help`, `query`, `export` and `conflicts`, and the yardstick is
`duckdb -c "select 1"`: the duckdb CLI from the package index (``pip install duckdb-cli``), found on PATH,
beside this interpreter, or named by $DUCKDB_CLI. This prints wall and CPU times and the ratios and never
fails on them: speed goals live here, not in timed tests.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL = 0.3  # seconds, issue 9


def duckdb_cli() -> str | None:
    """The duckdb CLI: $DUCKDB_CLI, then the one beside this interpreter, then PATH."""
    given = os.environ.get("DUCKDB_CLI")
    if given:
        return given
    beside = Path(sys.executable).with_name("duckdb")
    if beside.is_file():
        return str(beside)
    return shutil.which("duckdb")


def seconds(command: list[str], runs: int, environment: dict[str, str]) -> tuple[float, float] | str:
    """The median wall time and CPU time (user + system) of ``runs`` runs, after one untimed run that warms
    the file and bytecode caches. CPU time is the steadier figure on a machine that other jobs share.

    A command that fails gives its error's first line instead.
    """
    first = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=environment)
    if first.returncode != 0:
        return (first.stderr.strip().splitlines() or [f"exit status {first.returncode}"])[0][:100]
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=True, env=environment)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def seed_database(folder: Path) -> Path:
    """The seed corpus loaded by `figures extract`, so that query, export and conflicts read real rows."""
    db = folder / "seeds.duckdb"
    command = [sys.executable, "-m", "figures", "extract", "seeds", "--db", str(db), "--quiet"]
    subprocess.run(command, cwd=ROOT, capture_output=True, check=True)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each command (median)")
    args = parser.parse_args()

    figures = [sys.executable, "-m", "figures"]
    with tempfile.TemporaryDirectory() as folder:
        db = str(seed_database(Path(folder)))
        environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        environment["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "bytecode")
        commands: list[tuple[str, list[str], bool]] = [
            ("python -c pass (the interpreter alone)", [sys.executable, "-c", "pass"], False),
            ("import click (what --help needs)", [sys.executable, "-c", "import click"], False),
            ("import click, duckdb, tabulate",
             [sys.executable, "-c", "import click, duckdb, tabulate"], False),
            ("import click, _duckdb, tabulate (what query loads)",
             [sys.executable, "-c", "import click, _duckdb, tabulate"], False),
            ("figures --help", [*figures, "--help"], True),
            ('figures query "select 1"', [*figures, "query", "select 1", "--db", db], True),
            ("figures query (50 rows of figure_sources)",
             [*figures, "query", "select * from figure_sources", "--db", db], False),
            ("figures tables", [*figures, "tables", "--db", db], False),
            ("figures export --table runs", [*figures, "export", "--table", "runs", "--db", db], True),
            ("figures export --format parquet -o FILE",
             [*figures, "export", "--format", "parquet", "-o", str(Path(folder) / "f.parquet"), "--db", db],
             False),
            ("figures conflicts", [*figures, "conflicts", "--db", db], True),
            ('figures parse "3,400 miles"', [*figures, "parse", "3,400 miles"], False),
        ]  # fmt: skip
        cli = duckdb_cli()
        if cli is not None:
            commands.append(('duckdb -c "select 1"', [cli, "-c", "select 1"], False))
            commands.append(('duckdb FILE -c "select 1"', [cli, db, "-c", "select 1"], False))
        load_before = os.getloadavg()[0]
        measured = [
            (name, seconds(command, args.runs, environment), goal) for name, command, goal in commands
        ]
        load_after = os.getloadavg()[0]

    yardstick = None
    for name, taken, _ in measured:
        if name == 'duckdb -c "select 1"' and isinstance(taken, tuple):
            yardstick = taken[0]
    print(
        f"Start-up, median of {args.runs} runs, one process per run ({sys.executable}); load average "
        f"{load_before:.1f} before, {load_after:.1f} after (under 1 on an idle machine):\n"
    )
    print(f"| {'command':<50} | {'seconds':>7} | {'CPU s':>6} | {'x duckdb CLI':>12} | goal {GOAL} s |")
    print(f"|{'-' * 52}|{'-' * 8}:|{'-' * 7}:|{'-' * 13}:|{'-' * 13}|")
    failures = []
    for name, taken, goal in measured:
        if isinstance(taken, str):
            failures.append(f"{name}: {taken}")
            print(f"| {name:<50} | {'failed':>7} | {'-':>6} | {'-':>12} | {'':<11} |")
            continue
        wall, cpu = taken
        ratio = f"{wall / yardstick:.2f}" if yardstick else "-"
        verdict = ("met" if wall < GOAL else "MISSED") if goal else ""
        print(f"| {name:<50} | {wall:>7.3f} | {cpu:>6.3f} | {ratio:>12} | {verdict:<11} |")
    for failure in failures:
        print(f"\nFailed: {failure}")
    if yardstick is None:
        print("\nNo duckdb CLI found: `pip install duckdb-cli` (or set DUCKDB_CLI) to compare with it.")


if __name__ == "__main__":
    main()
