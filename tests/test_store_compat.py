"""The file figures writes opens in the oldest DuckDB the README promises and in the duckdb command line.

Each test installs a pinned duckdb (the Python package, or the `duckdb-cli` command-line tool) with
`pip install --target` into pytest's cache, once per machine, and opens a file figures wrote in a
subprocess. The installs come from the package registry, which CI has; set FIGURES_OFFLINE=1 to skip
them on a machine without one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from figures.model import Document, Entity, Figure
from figures.store import database, open_store

OLDEST_READER = database.OLDEST_READER  # the README promises this one and every later version
NEWEST_CLI = "1.5.6"  # the newest duckdb-cli on the package index when this was written
MakeFigure = Callable[..., Figure]
V1_SCHEMA = Path(__file__).parent / "data" / "schema_v1.sql"

needs_registry = pytest.mark.skipif(
    os.environ.get("FIGURES_OFFLINE") == "1", reason="FIGURES_OFFLINE=1: no package registry to install from"
)

READ_EVERYTHING = """
import json, sys
import duckdb
with duckdb.connect(sys.argv[1], read_only=True) as db:
    names = [name for (name,) in db.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1").fetchall()]
    counts = {name: db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}
    comments = db.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE NOT internal AND comment IS NOT NULL").fetchone()[0]
    dates = db.execute("SELECT CAST(date AS VARCHAR) FROM documents ORDER BY doc_id").fetchall()
    aliases = db.execute("SELECT aliases FROM entities").fetchall()
print(json.dumps({"version": duckdb.__version__, "counts": counts, "comments": comments,
                  "dates": [d for (d,) in dates], "aliases": [a for (a,) in aliases]}))
"""


def _installed(cache: pytest.Cache, requirement: str) -> Path:
    """A folder holding ``requirement`` (pip's --target), installed once and kept in pytest's cache."""
    target = cache.mkdir(f"pip-{requirement.replace('==', '-')}")
    done = target / ".installed"
    if not done.exists():
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--upgrade", "--target",
             str(target), requirement],
            check=True,
            timeout=300,
        )  # fmt: skip
        done.write_text(requirement, encoding="utf-8")
    return target


@pytest.fixture(params=["new", "upgraded"])
def written(request: pytest.FixtureRequest, tmp_path: Path, make_figure: MakeFigure) -> Path:
    """A file as `figures extract` leaves it: tables, views, comments, an article with figures, an entity.

    "upgraded": first made by the figures before schema versions, in duckdb's default storage.
    """
    article = Document("tomahawk", "The Tomahawk has a range of about 995 miles.", date=None)
    dated = Document("dated", "It costs $2m.", source="The War Zone", date=dt.date(2025, 10, 14))
    entity = Entity("weapon:tomahawk", "Tomahawk", "weapon", ("BGM-109",))
    found = [
        make_figure(article, "about 995 miles", 995.0, unit="mile", low=945.25, high=1044.75,
                    dimension="length", subject="Tomahawk", property="range", entity_id=entity.entity_id),
        make_figure(dated, "$2m", 2e6, unit="USD", dimension="money"),
    ]  # fmt: skip
    path = tmp_path / "written.duckdb"
    if request.param == "upgraded":
        with duckdb.connect(str(path)) as old:
            old.execute(V1_SCHEMA.read_text(encoding="utf-8"))
    with open_store(path, read_only=False) as store:
        store.load([article, dated], found, entities=[entity])
    return path


def _expected(path: Path) -> dict[str, object]:
    with open_store(path) as store:
        counts = {name: len(store.query(f'SELECT * FROM "{name}"')) for name in sorted(store.relations())}
        comments = store.fetch(
            "SELECT count(*) FROM duckdb_columns() WHERE NOT internal AND comment IS NOT NULL"
        )
    return {"counts": counts, "comments": comments.rows[0][0]}


@needs_registry
def test_the_oldest_duckdb_the_readme_promises_reads_every_table_and_view(
    written: Path, pytestconfig: pytest.Config
) -> None:
    assert pytestconfig.cache is not None
    old = _installed(pytestconfig.cache, f"duckdb=={OLDEST_READER}")
    result = subprocess.run(
        [sys.executable, "-c", READ_EVERYTHING, str(written)],
        env={**os.environ, "PYTHONPATH": str(old)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    expected = _expected(written)
    assert seen["version"] == OLDEST_READER
    assert (seen["counts"], seen["comments"]) == (expected["counts"], expected["comments"])
    assert seen["counts"]["figures"] == 2 and seen["comments"] > 100
    assert seen["dates"] == ["2025-10-14", None] and seen["aliases"] == [["BGM-109"]]


def _binary(folder: Path) -> Path:
    """The duckdb executable a duckdb-cli wheel ships (its place differs between releases)."""
    for candidate in (folder / "duckdb_cli" / "duckdb", folder / "bin" / "duckdb"):
        if candidate.is_file() and candidate.read_bytes()[:4] == b"\x7fELF":
            candidate.chmod(0o755)
            return candidate
    raise AssertionError(f"no duckdb executable in {folder}")


@needs_registry
@pytest.mark.skipif(sys.platform != "linux", reason="the test finds the Linux executable in the wheel")
def test_the_duckdb_command_line_tool_reads_the_file(written: Path, pytestconfig: pytest.Config) -> None:
    assert pytestconfig.cache is not None
    cli = _binary(_installed(pytestconfig.cache, f"duckdb-cli=={NEWEST_CLI}"))
    sql = (
        "SELECT version() AS version, (SELECT count(*) FROM figures) AS figures, "
        "(SELECT count(*) FROM figure_sources) AS sourced, "
        "(SELECT max(version) FROM schema_version) AS schema, "
        "(SELECT comment FROM duckdb_columns() "
        "WHERE table_name = 'figures' AND column_name = 'entity_id') AS c"
    )
    result = subprocess.run(
        [str(cli), "-readonly", "-json", str(written), "-c", sql], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    (row,) = json.loads(result.stdout)
    assert row == {
        "version": f"v{NEWEST_CLI}",
        "figures": 2,
        "sourced": 2,
        "schema": database.SCHEMA_VERSION,
        "c": "the entity the subject names, merged across articles (entities.entity_id)",
    }
