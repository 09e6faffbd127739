"""Start-up time of the `figures` commands against the duckdb command-line tool, measured in one run.

    python -m benchmarks.startup              # median of 7 runs of each command
    python -m benchmarks.startup --runs 15
    python -m benchmarks.startup --before /path/to/older/checkout   # both, side by side, in one run

Each command runs as a new process, as a user runs it (``python -m figures ...`` from this checkout, so it
measures the code here, not an installed copy). Bytecode is cached as an installed figures has it (pip
compiles it at install): the processes write and read it under a scratch PYTHONPYCACHEPREFIX, even where
PYTHONDONTWRITEBYTECODE is set, and the untimed first run of each command fills it; otherwise every run
would compile figures' sources again (about 0.1 s), which no installed copy does.

``--before DIR`` times the same commands in another checkout (an older commit: ``git worktree add --detach
DIR COMMIT``) in the same run, each with a database its own `figures extract` wrote; the runs of every
command, here and there, take turns, so both see the same load on a shared machine.

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


def warm(command: list[str], where: Path, environment: dict[str, str]) -> str | None:
    """One untimed run, which warms the file and bytecode caches; a failure's first line, else None."""
    first = subprocess.run(command, cwd=where, capture_output=True, text=True, env=environment)
    if first.returncode != 0:
        return (first.stderr.strip().splitlines() or [f"exit status {first.returncode}"])[0][:100]
    return None


def timed(command: list[str], where: Path, environment: dict[str, str]) -> tuple[float, float]:
    """The wall time and CPU time (user + system) of one run. CPU time is the steadier figure on a
    machine that other jobs share."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=where, capture_output=True, check=True, env=environment)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def seed_database(folder: Path, checkout: Path = ROOT) -> Path:
    """The seed corpus loaded by the checkout's `figures extract`, so that query, export and conflicts read
    real rows in the schema that checkout writes."""
    db = folder / "seeds.duckdb"
    folder.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "figures", "extract", str(ROOT / "seeds"), "--db", str(db), "--quiet"]
    subprocess.run(command, cwd=checkout, capture_output=True, check=True)
    return db


def figures_commands(db: str, folder: Path) -> list[tuple[str, list[str], bool]]:
    """(name, command, has issue 9's goal) of each figures command timed, reading ``db``."""
    figures = [sys.executable, "-m", "figures"]
    return [
        ("figures --help", [*figures, "--help"], True),
        ('figures query "select 1"', [*figures, "query", "select 1", "--db", db], True),
        ("figures query (50 rows of figure_sources)",
         [*figures, "query", "select * from figure_sources", "--db", db], False),
        ("figures tables", [*figures, "tables", "--db", db], False),
        ("figures export --table runs", [*figures, "export", "--table", "runs", "--db", db], True),
        ("figures export --format parquet -o FILE",
         [*figures, "export", "--format", "parquet", "-o", str(folder / "f.parquet"), "--db", db], False),
        ("figures conflicts", [*figures, "conflicts", "--db", db], True),
        ('figures parse "3,400 miles"', [*figures, "parse", "3,400 miles"], False),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each command (median)")
    parser.add_argument(
        "--before", type=Path, metavar="DIR", help="an older checkout to time beside this one in the same run"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        environment["PYTHONPYCACHEPREFIX"] = str(folder / "bytecode")
        # (name, checkout, command, goal): "now" is this checkout, "before" the --before one
        plain: list[tuple[str, list[str]]] = [
            ("python -c pass (the interpreter alone)", [sys.executable, "-c", "pass"]),
            ("import click (what --help needs)", [sys.executable, "-c", "import click"]),
            ("import click, duckdb, tabulate", [sys.executable, "-c", "import click, duckdb, tabulate"]),
            ("import click, _duckdb, tabulate (what query loads)",
             [sys.executable, "-c", "import click, _duckdb, tabulate"]),
        ]  # fmt: skip
        jobs: list[tuple[str, str, Path, list[str], bool]] = [
            (name, "now", ROOT, command, False) for name, command in plain
        ]
        checkouts = [("now", ROOT)] + ([("before", args.before.resolve())] if args.before else [])
        for label, checkout in checkouts:
            db = str(seed_database(folder / label, checkout))
            jobs += [
                (name, label, checkout, command, goal)
                for name, command, goal in figures_commands(db, folder / label)
            ]
        cli = duckdb_cli()
        if cli is not None:
            db = str(folder / "now" / "seeds.duckdb")
            jobs.append(('duckdb -c "select 1"', "now", ROOT, [cli, "-c", "select 1"], False))
            jobs.append(('duckdb FILE -c "select 1"', "now", ROOT, [cli, db, "-c", "select 1"], False))
        load_before = os.getloadavg()[0]
        failed = {(name, label): warm(command, where, environment) for name, label, where, command, _ in jobs}
        samples: dict[tuple[str, str], list[tuple[float, float]]] = {key: [] for key in failed}
        for _ in range(args.runs):  # round after round, so that every command sees the same load
            for name, label, where, command, _ in jobs:
                if failed[(name, label)] is None:
                    samples[(name, label)].append(timed(command, where, environment))
        load_after = os.getloadavg()[0]

    def median(key: tuple[str, str]) -> tuple[float, float] | None:
        taken = samples.get(key)
        if not taken:
            return None
        return statistics.median(w for w, _ in taken), statistics.median(c for _, c in taken)

    yardstick = median(('duckdb -c "select 1"', "now"))
    print(
        f"Start-up, median of {args.runs} runs, one process per run ({sys.executable}); load average "
        f"{load_before:.1f} before, {load_after:.1f} after (under 1 on an idle machine)"
        + (f"; before: {args.before}" if args.before else "")
        + ":\n"
    )
    columns = ["command", "seconds", "CPU s"]
    if args.before:
        columns += ["before s", "before CPU s"]
    columns += ["x duckdb CLI", f"goal {GOAL} s"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "|".join(["---"] + ["---:"] * (len(columns) - 2) + ["---"]) + "|")
    names = list(dict.fromkeys(name for name, *_ in jobs))
    goals = {name: goal for name, _, _, _, goal in jobs}
    for name in names:
        now, before = median((name, "now")), median((name, "before"))
        cells = [name]
        cells += [f"{now[0]:.3f}", f"{now[1]:.3f}"] if now else [failed.get((name, "now")) or "-", "-"]
        if args.before:
            if before:
                cells += [f"{before[0]:.3f}", f"{before[1]:.3f}"]
            else:
                cells += [failed.get((name, "before")) or "-", "-"]
        cells.append(f"{now[0] / yardstick[0]:.2f}" if now and yardstick else "-")
        cells.append(("met" if now[0] < GOAL else "MISSED") if goals[name] and now else "")
        print("| " + " | ".join(cells) + " |")
    if cli is None:
        print("\nNo duckdb CLI found: `pip install duckdb-cli` (or set DUCKDB_CLI) to compare with it.")


if __name__ == "__main__":
    main()
