"""The files `pip install .` installs: every file the package reads at run time is package data.

An editable install and the tests read the checkout, so a file the package-data globs miss shows only
after a plain `pip install .` (the README's set-up), when a command first reads it. This compares the
checkout's non-Python files under figures/ with the globs of pyproject.toml.
"""

from __future__ import annotations

import sys
from fnmatch import fnmatch
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10 has no tomllib; tomli is the same parser
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "figures"


def package_data_globs() -> list[str]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        config = tomllib.load(f)
    globs: list[str] = config["tool"]["setuptools"]["package-data"]["figures"]
    return globs


def data_files() -> list[str]:
    return sorted(
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc", ".pyi") and "__pycache__" not in path.parts
        and path.name != "py.typed"
    )


def test_the_package_has_data_files_to_check() -> None:
    found = data_files()
    assert "store/schema.sql" in found and any(name.startswith("data/") for name in found)


def test_every_data_file_of_the_package_is_installed() -> None:
    globs = package_data_globs()
    # setuptools matches a glob against the path below the package, with "*" not crossing "/"
    missed = [name for name in data_files()
              if not any(fnmatch(name, glob) and name.count("/") == glob.count("/") for glob in globs)]
    assert missed == [], f"not in [tool.setuptools.package-data] of pyproject.toml: {missed}"
