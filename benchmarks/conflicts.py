"""Time and peak memory of the conflicts step over many copies of the same articles.

    python -m benchmarks.conflicts                    # 50 copies of the seed corpus, 500 of one article
    python -m benchmarks.conflicts --copies 50 500 5000 --article-copies 500 5000

Wire stories are copied: the same sentences under many doc ids. A conflicts step that compares figures
in pairs grows with the square of the copies; one that groups claims grows with the corpus. For each
case this builds a database (the seed corpus analysed once, then copied in SQL under new doc ids) and
runs the conflicts step in a fresh process, so that its peak memory (the process's max RSS, DuckDB's
included) is its own. It prints the disagreements (before: the conflict pairs) the step reads, the
rows of conflict_pairs, the step's seconds and the process's peak MB (the pairs' count included), and
never fails on them: speed goals live here, not in timed tests.

It measures whichever ``figures`` is first on the path, so the commit a session started from can be
measured too: ``PYTHONPATH=/path/to/old/checkout python benchmarks/conflicts.py``.
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
from typing import Any

from figures.model import Document, Figure

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def _analysed() -> list[tuple[Document, list[Figure]]]:
    from figures import pipeline
    from figures.ingest import read_paths

    return [
        (item, list(pipeline.analyse(item)))
        for item in read_paths([str(SEEDS)])
        if isinstance(item, Document)
    ]


def copy_rows(connection: Any, copies: int) -> None:
    """Every document and figure row again ``copies - 1`` times, under doc_id~k (figure ids are
    doc_id:start:end:ordinal, so theirs follow the same way)."""
    connection.execute(
        "INSERT INTO documents SELECT d.* REPLACE (d.doc_id || '~' || k AS doc_id)"
        " FROM documents AS d, range(1, ?) AS r(k)",
        [copies],
    )
    connection.execute(
        """
        INSERT INTO figures
        SELECT f.* REPLACE (
            f.doc_id || '~' || k AS doc_id,
            f.doc_id || '~' || k || substr(f.figure_id, length(f.doc_id) + 1) AS figure_id
        )
        FROM figures AS f, range(1, ?) AS r(k)
        """,
        [copies],
    )


def build(path: Path, copies: int, article: int | None) -> None:
    """A database holding ``copies`` copies of the seed corpus (or of its article number ``article``)."""
    from figures.store import open_store

    analysed = _analysed()
    if article is not None:
        analysed = [analysed[article]]
    try:
        opened = open_store(path, read_only=False)
    except TypeError:  # a figures from before read-only stores (the commit a session started from)
        opened = open_store(path)
    with opened as store:
        store.load([document for document, _ in analysed], [f for _, found in analysed for f in found])
        copy_rows(store.connection, copies)


def measure(path: Path) -> dict[str, float]:
    """Run the conflicts step on the database at ``path``: rows, seconds and this process's peak MB."""
    from figures import compare
    from figures.store import open_store

    with open_store(path) as store:
        started = time.perf_counter()
        if hasattr(compare, "find_disagreements"):
            rows = len(compare.find_disagreements(store))  # what `figures conflicts` and `extract` run
            seconds = time.perf_counter() - started
            pairs = int(store.query("SELECT count(*) AS n FROM conflict_pairs")["n"].iloc[0])
        else:  # before: one row per pair of figures, which `figures conflicts` and `extract` read
            rows = pairs = len(store.query("SELECT * FROM conflicts"))
            seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"rows": rows, "pairs": pairs, "seconds": seconds, "peak_mb": peak_mb}


def _child(path: Path) -> dict[str, float]:
    import figures

    # the child measures the same figures as this process, wherever it was imported from
    where = str(Path(figures.__file__).resolve().parent.parent)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [where, os.environ.get("PYTHONPATH")])))
    output = subprocess.run(
        [sys.executable, __file__, "--measure", str(path)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    result: dict[str, float] = json.loads(output.splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="*", default=[50], help="copies of the seed corpus")
    parser.add_argument("--article-copies", type=int, nargs="*", default=[500], help="copies of one article")
    parser.add_argument("--article", type=int, default=None, help="which article (default: most figures)")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        print(json.dumps(measure(options.measure)))
        return
    article = options.article
    if article is None:
        article = max(enumerate(_analysed()), key=lambda pair: len(pair[1][1]))[0]
    cases = [(f"seed corpus x{n}", n, None) for n in options.copies]
    cases += [(f"article {article} x{n}", n, article) for n in options.article_copies]
    print(f"{'case':<22} {'disagreements':>13} {'pairs':>8} {'seconds':>8} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for name, copies, which in cases:
            path = Path(folder) / f"{name.replace(' ', '_')}.duckdb"
            build(path, copies, which)
            result = _child(path)
            rows = int(result["rows"])
            print(
                f"{name:<22} {rows:>13,} {int(result['pairs']):>8,} {result['seconds']:>8.2f} "
                f"{result['peak_mb']:>8.0f}",
                flush=True,
            )
            path.unlink()


if __name__ == "__main__":
    main()
