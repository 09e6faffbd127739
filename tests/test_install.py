"""The README's first command on a fresh machine, as a user runs it (issue 9).

A copy of the project in a new folder; the command read from the README (the same reading .ci/run does)
and run by bash as written: `python3 -m venv` makes a venv with the pip the interpreter bundles, which
the command upgrades before `pip install .` gets figures and its dependencies from the package index.
Then the database `figures extract seeds/` wrote must hold the seed corpus and its figures, and an HTML
page must load too (the pip of a new venv used to leave out lxml's HTML cleaner, and HTML input died).

It takes minutes (a whole install), so it is one test, marked `install`: CI runs it with the rest;
`python -m pytest -m "not install"` leaves it out of a quick local run. The interpreter is the machine's
own python3 (the one this venv was made from), found on a PATH without this venv, as a user's shell has.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / ".ci"))
from readme_commands import commands  # noqa: E402  (.ci/ is no package: the same reader .ci/run uses)

INSTALL_TIMEOUT = 1800  # seconds: spaCy, its model, pandas and duckdb from the index on a slow day
# what the copy leaves out: version control, environments, caches and databases of this checkout
SKIPPED = (".git", ".venv", "venv", ".ci", "__pycache__", "*.duckdb", "*.duckdb.wal", "*.egg-info", "build",
           "dist", ".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis", "out")  # fmt: skip
PAGE = """<!doctype html><html><head><title>Tomahawks for Ukraine</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Tomahawks for Ukraine</h1>
<p>The Tomahawk, with a range of about 995 miles (1,600 kilometers), would let Ukraine strike deep into
Russia. Washington has not said how many missiles it could send, and officials in Kyiv have asked for
dozens of them over the past year, according to three people familiar with the talks.</p>
<p>Each missile costs about $2m, and the United States has built more than 9,000 of them since the
1980s, the Pentagon says.</p></article>
<footer>Copyright 2025</footer></body></html>
"""


def _user_environment() -> dict[str, str]:
    """This process's environment less the venv the tests run in: `python3` is the machine's."""
    environment = {
        key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "PYTHONPATH")
    }
    venv_bin = str(Path(sys.prefix) / "bin")
    base_bin = str(Path(sys.base_prefix) / "bin")
    path = [entry for entry in environment.get("PATH", "").split(os.pathsep) if entry and entry != venv_bin]
    environment["PATH"] = os.pathsep.join([base_bin, *path])  # the interpreter this venv was made from
    return environment


@pytest.mark.install
def test_the_readme_first_command_installs_figures_and_loads_the_seeds(tmp_path: Path) -> None:
    first = commands((ROOT / "README.md").read_text(encoding="utf-8"))[0]
    assert "pip install --upgrade pip" in first and "pip install ." in first  # the set-up the issue asks
    project = tmp_path / "figures"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(*SKIPPED))
    environment = _user_environment()
    bundled = subprocess.run(
        ["python3", "-c", "import ensurepip; print(ensurepip.version())"],
        env=environment, capture_output=True, text=True, check=True,
    )  # fmt: skip

    done = subprocess.run(
        ["bash", "-c", first], cwd=project, env=environment, capture_output=True, text=True,
        timeout=INSTALL_TIMEOUT,
    )  # fmt: skip
    assert done.returncode == 0, f"{first}\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    assert "Loaded 20 articles" in done.stdout
    assert "does not provide the extra" not in done.stderr  # pip resolved every dependency it was asked
    with duckdb.connect(str(project / "figures.duckdb"), read_only=True) as database:
        (articles,) = database.execute("SELECT count(*) FROM documents").fetchone() or (0,)
        by_dimension = dict(
            database.execute("SELECT dimension, count(*) FROM figures GROUP BY ALL").fetchall()
        )
    assert articles == 20
    assert {"length", "money", "count", "percent"} <= set(by_dimension) and sum(by_dimension.values()) > 150

    # an HTML page through the installed command: main text only, its figures found
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    html = subprocess.run(
        [str(project / ".venv" / "bin" / "figures"), "extract", str(tmp_path / "page.html"),
         "--db", str(tmp_path / "page.duckdb"), "--quiet"],
        cwd=project, env=environment, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert html.returncode == 0, html.stderr[-4000:]
    with duckdb.connect(str(tmp_path / "page.duckdb"), read_only=True) as database:
        found = {text for (text,) in database.execute("SELECT text FROM figures").fetchall()}
        (title,) = database.execute("SELECT title FROM documents").fetchone() or ("",)
    assert {"1,600 kilometers", "$2m"} <= found and "Tomahawks" in title
    assert bundled.stdout.strip()  # the pip a new venv starts from, named in a failure's output above
