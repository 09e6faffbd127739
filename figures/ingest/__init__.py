"""Ingest: files and folders in, Documents out, with a Problem for every piece of input that is wrong.

``read_paths`` never raises for bad input: a missing path, an unknown file type, an undecodable or empty
file, a malformed line or a record without text each become a Problem naming the file and line, and the
reading goes on. Folders are read recursively in sorted order (hidden files and folders skipped), so two
runs over the same input give the same documents in the same order. One reader per format:

- ``.txt``: plain text, one article per file or several split by separator lines (``plain``)
- ``.jsonl`` / ``.ndjson``, ``.json``, ``.csv``: records ``id, title, text, date, source, url`` (``records``)
- ``.html`` / ``.htm``: the main text of a saved page (``html``)

Any of these may be gzip-compressed (``articles.jsonl.gz``).

Every document's ``doc_id`` is unique within one call: a later document with an id already seen is a
Problem and is dropped, so the first one read wins.
"""

from __future__ import annotations

import gzip
import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from figures.errors import FiguresError
from figures.ingest.decode import decode
from figures.ingest.html import read_html
from figures.ingest.plain import SOURCE_LINK, read_text
from figures.ingest.records import read_csv, read_json, read_jsonl
from figures.model import Document, Problem

_TextReader = Callable[[str, str], Iterator[Document | Problem]]

_RECORD_READERS: dict[str, _TextReader] = {
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".csv": read_csv,
}
_TEXT_SUFFIXES = (".txt",)
_HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = tuple(sorted((*_TEXT_SUFFIXES, *_RECORD_READERS, *_HTML_SUFFIXES)))
_GZIP_SUFFIX = ".gz"


def read_paths(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], separator: str | None = None
) -> Iterator[Document | Problem]:
    """Every article under ``paths`` as a Document, and a Problem for each thing that could not be read.

    ``separator`` is a regular expression matching a whole line that separates articles in ``.txt``
    files; without it, lines reading ``Source link`` separate them. A separator that is not a valid
    regular expression raises FiguresError at once, before anything is read.
    """
    pattern = _compile_separator(separator)
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return _unique(_read_all(paths, pattern))


def read_file(path: str, separator: re.Pattern[str] | None = None) -> Iterator[Document | Problem]:
    """The articles of one file, by its extension; ``name.jsonl.gz`` and the like are decompressed first."""
    name = Path(path)
    compressed = name.suffix.lower() == _GZIP_SUFFIX
    suffix = (name.with_suffix("") if compressed else name).suffix.lower()
    if suffix not in SUFFIXES:
        kind = f"'{suffix}'" if suffix else "(no extension)"
        expected = ", ".join(SUFFIXES)
        yield Problem(path, None, f"unknown file type {kind}; expected one of {expected} (or those with .gz)")
        return
    try:
        data = name.read_bytes()
    except OSError as error:
        yield Problem(path, None, f"cannot read the file ({error.strerror or error})")
        return
    if compressed:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as error:
            yield Problem(path, None, f"not a valid gzip file ({error})")
            return
    if suffix in _HTML_SUFFIXES:
        if not data.strip():
            yield Problem(path, None, "empty file")
            return
        yield from read_html(path, data)
        return
    text = decode(path, data)
    if isinstance(text, Problem):
        yield text
        return
    if not text.strip():
        yield Problem(path, None, "empty file")
        return
    if suffix in _TEXT_SUFFIXES:
        yield from read_text(path, text, separator)
    else:
        yield from _RECORD_READERS[suffix](path, text)


def _compile_separator(separator: str | None) -> re.Pattern[str] | None:
    if separator is None:
        return None
    try:
        return re.compile(separator)
    except re.error as error:
        message = f"the separator {separator!r} is not a valid regular expression ({error})"
        raise FiguresError(message) from None


def _read_all(
    paths: Iterable[str | os.PathLike[str]], separator: re.Pattern[str] | None
) -> Iterator[Document | Problem]:
    done: set[Path] = set()  # a file named twice (directly and inside a folder) is read once
    for given in paths:
        for item in _files(Path(given)):
            if isinstance(item, Problem):
                yield item
                continue
            resolved = item.resolve()
            if resolved in done:
                continue
            done.add(resolved)
            yield from read_file(str(item), separator)


def _files(path: Path) -> Iterator[Path | Problem]:
    """The file itself, or every file in the folder and its subfolders, sorted by name."""
    if path.is_dir():
        yield from _walk(path, set())
    elif path.exists():
        yield path
    else:
        yield Problem(str(path), None, "no such file or folder")


def _walk(folder: Path, seen: set[Path]) -> Iterator[Path | Problem]:
    resolved = folder.resolve()
    if resolved in seen:  # a symbolic link back up the tree
        return
    seen.add(resolved)
    try:
        entries = sorted(folder.iterdir(), key=lambda entry: entry.name)
    except OSError as error:
        yield Problem(str(folder), None, f"cannot list the folder ({error.strerror or error})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry, seen)
        else:
            yield entry


def _unique(items: Iterator[Document | Problem]) -> Iterator[Document | Problem]:
    first_seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, Document):
            where = f"{item.path}:{item.line}" if item.line is not None else str(item.path)
            if item.doc_id in first_seen:
                yield Problem(
                    item.path or "",
                    item.line,
                    f"duplicate doc_id {item.doc_id!r} (first read at {first_seen[item.doc_id]}); skipped",
                )
                continue
            first_seen[item.doc_id] = where
        yield item


__all__ = ["SOURCE_LINK", "SUFFIXES", "read_file", "read_paths"]
