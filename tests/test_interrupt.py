"""`figures extract` cut off half way, by Ctrl-C (SIGINT) and by SIGKILL, then run again; and a second
extract on the same database while one runs.

Each run is a real process on a corpus of short articles. The signal goes after the first progress line
on stderr past the first 32 articles (a line a second here, FIGURES_PROGRESS_EVERY=1: with the default 10 s,
a fast machine could finish the corpus before its first line and the signal would come too late).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from tests.test_engine import write_short_corpus

ARTICLES = 2500  # enough that a run on an idle machine (CI) outlasts its first progress lines by far
ROOT = Path(__file__).resolve().parents[1]


def _sigint_as_a_terminal_gives_it() -> None:
    """In the child before exec: SIGINT at its default, so that Python installs its Ctrl-C handler. A child
    inherits an ignored SIGINT, and Python then leaves it ignored: the suite run as a background job of a
    non-interactive shell (``pytest &``, which starts with SIGINT ignored) saw the run go on to its end
    (exit 0, not 130)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(corpus: Path, db: Path, *options: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "figures", "extract", str(corpus), "--db", str(db), "--batch-size", "50"]
    return subprocess.Popen(
        [*command, *options], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "FIGURES_PROGRESS_EVERY": "1"},
        preexec_fn=_sigint_as_a_terminal_gives_it,
    )  # fmt: skip


def wait_for_progress(process: subprocess.Popen[str]) -> str:
    """The first progress line past the first batches: the run has been loading for a while."""
    assert process.stderr is not None
    for line in process.stderr:
        done = re.match(r"([\d,]+) articles", line)
        if done and 32 <= int(done[1].replace(",", "")) < ARTICLES:
            return line
    raise AssertionError(f"the run ended before any progress (exit {process.wait()})")


def query(db: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def check_consistent(db: Path) -> tuple[int, int]:
    """Documents and figures in the file; every figure has its document; each run's row matches."""
    ((documents, distinct, figures, orphans),) = query(
        db,
        "SELECT (SELECT count(*) FROM documents), (SELECT count(DISTINCT doc_id) FROM documents), "
        "(SELECT count(*) FROM figures), "
        "(SELECT count(*) FROM figures WHERE doc_id NOT IN (SELECT doc_id FROM documents))",
    )
    assert documents == distinct and orphans == 0
    by_run = query(db, "SELECT run_id, count(*) FROM documents GROUP BY run_id")
    runs = dict(query(db, "SELECT run_id, documents FROM runs"))
    assert all(runs[run_id] == count for run_id, count in by_run)
    return int(documents), int(figures)  # type: ignore[call-overload]


def run_again(corpus: Path, db: Path, done_before: int) -> None:
    """The second run only does what is left, and then every article is there exactly once."""
    again = start(corpus, db, "--workers", "1", "-q")
    out, err = again.communicate(timeout=900)
    assert again.returncode == 0, err
    assert f"Loaded {ARTICLES - done_before:,} articles" in out
    assert re.search(rf"; {done_before:,} articles? unchanged since loaded, skipped", out), out
    documents, figures = check_consistent(db)
    assert documents == ARTICLES
    ((loaded_figures,),) = query(db, "SELECT sum(figures) FROM runs")
    assert figures == loaded_figures  # nothing loaded twice, nothing lost


def test_ctrl_c_half_way_then_again(tmp_path: Path) -> None:
    corpus, db = tmp_path / "news.jsonl", tmp_path / "f.duckdb"
    write_short_corpus(corpus, ARTICLES)
    process = start(corpus, db, "--workers", "2")
    wait_for_progress(process)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    last = err.strip().splitlines()[-1]
    summary = r"interrupted: ([\d,]+) documents, ([\d,]+) figures loaded; run (\S+) unfinished"
    said = re.fullmatch(summary, last)
    assert said is not None, err
    assert "Aborted!" not in err and "Traceback" not in err
    loaded, figures, run_id = int(said[1].replace(",", "")), int(said[2].replace(",", "")), said[3]
    assert 0 < loaded < ARTICLES
    assert check_consistent(db) == (loaded, figures)
    assert query(db, "SELECT run_id, finished FROM runs") == [(run_id, None)]
    run_again(corpus, db, loaded)


def test_sigkill_half_way_then_again_and_one_writer_at_a_time(tmp_path: Path) -> None:
    corpus, db = tmp_path / "news.jsonl", tmp_path / "f.duckdb"
    write_short_corpus(corpus, ARTICLES)
    process = start(corpus, db, "--workers", "1")
    wait_for_progress(process)
    began = time.monotonic()
    second = start(corpus, db, "--workers", "1", "-q")  # while the first one writes
    _, err = second.communicate(timeout=120)
    assert second.returncode == 1 and time.monotonic() - began < 60
    assert f"{db} is in use by another process" in err and "Traceback" not in err
    process.kill()
    process.communicate(timeout=60)
    loaded, _ = check_consistent(db)
    assert 0 < loaded < ARTICLES
    assert query(db, "SELECT finished FROM runs") == [(None,)]  # the cut-off run, unfinished
    run_again(corpus, db, loaded)
    assert query(db, "SELECT count(*), count(finished) FROM runs") == [(2, 1)]
