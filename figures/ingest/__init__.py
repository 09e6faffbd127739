"""Ingest: files, folders and standard input in, Documents out, with a Problem for every piece of input
that is wrong.

``read_paths`` never raises for bad input: a missing path, an unknown file type named on its own, an
undecodable or empty file, a malformed line, an article too long or a record without text each become a
Problem naming the file and line, and the reading goes on. Folders are read recursively in sorted order
(hidden files and folders skipped), so two runs over the same input give the same documents in the same
order. In a folder, only regular files of a known type are read: others are skipped and counted, not
opened (a FIFO would hang the run). ``-`` is standard input: JSON Lines if its first line is an article
object, else plain text. One reader per format:

- ``.txt``: plain text, one article per file or several split by separator lines (``plain``)
- ``.jsonl`` / ``.ndjson``, ``.json``, ``.csv``: records ``id, title, text, date, source, url`` (``records``)
- ``.html`` / ``.htm``: the main text of a saved page (``html``)

Any of these may be gzip-compressed (``articles.jsonl.gz``). Files are streamed: line by line, one article
held at a time, never the whole file, so memory stays flat whatever the input's size; an article (or a line)
over ``limit`` characters is refused with a Problem naming its line and size. Text that is not UTF-8 is
decoded in the encoding its byte-order mark names, or that charset-normalizer finds (``decode``); the
``Reading`` that ``read_paths`` returns says which files were decoded from what, and which were skipped.

Every document's ``doc_id`` is unique within one call. A later document with an id already seen and
different text is a Problem and is dropped, so the first one read wins; the same id with the same text
(the same article in two files) is read once and counted as a repeat.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import stat
import sys
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO, cast

from figures.errors import FiguresError, InputError
from figures.ingest.decode import Encoding, OpenBinary, choose_encoding, open_text
from figures.ingest.html import read_html
from figures.ingest.lines import MAX_ARTICLE_CHARS, numbered_lines
from figures.ingest.plain import SOURCE_LINK, read_text
from figures.ingest.records import read_csv, read_json, read_jsonl
from figures.model import Document, Problem, text_id

STDIN = "-"
STDIN_NAME = "<stdin>"
_TEXT_SUFFIXES = (".txt",)
_LINE_SUFFIXES = (".jsonl", ".ndjson")
_HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = tuple(sorted((*_TEXT_SUFFIXES, *_LINE_SUFFIXES, ".json", ".csv", *_HTML_SUFFIXES)))
_GZIP_SUFFIX = ".gz"
_MAX_PAGE_BYTES = 64 * 2**20  # a saved page is read whole (the HTML parser needs it so): at most this
_NOTES_LISTED = 10  # files named in one summary note; the rest are counted
_LONGEST_PATH = 4096  # PATH_MAX: a longer argument to `parse` is text, not a file name
_SNIFF_FIELDS = frozenset({"text"})


class Reading(Iterator[Document | Problem]):
    """The documents and Problems of a read, in order, and what the summary should say about it.

    Filled as the reading goes: ``decoded`` lists (path, encoding) for each file that was not UTF-8,
    ``skipped`` lists (path, reason) for each file passed over in a folder, and ``repeats`` counts articles
    read again with the same id and text. ``notes()`` puts these in a few lines for people.
    """

    def __init__(self) -> None:
        self.decoded: list[tuple[str, str]] = []
        self.skipped: list[tuple[str, str]] = []
        self.repeats = 0
        self._items: Iterator[Document | Problem] = iter(())

    def __next__(self) -> Document | Problem:
        return next(self._items)

    def notes(self) -> list[str]:
        """One line per encoding, per kind of file skipped, and for repeats: what a summary prints."""
        lines = []
        by_encoding: dict[str, list[str]] = {}
        for path, encoding in self.decoded:
            by_encoding.setdefault(encoding, []).append(path)
        for encoding, paths in by_encoding.items():
            lines.append(f"decoded from {encoding}: {_listed(paths)}")
        by_reason: dict[str, list[str]] = {}
        for path, reason in self.skipped:
            by_reason.setdefault(reason, []).append(path)
        for reason, paths in by_reason.items():
            lines.append(f"skipped {_count(len(paths), 'file')} ({reason}): {_listed(paths)}")
        if self.repeats:
            lines.append(
                f"read {_count(self.repeats, 'article')} again with the same id and text; loaded once"
            )
        return lines


def read_paths(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    separator: str | None = None,
    limit: int = MAX_ARTICLE_CHARS,
) -> Reading:
    """Every article under ``paths`` as a Document, and a Problem for each thing that could not be read.

    ``separator`` is a regular expression matching a whole line that separates articles in ``.txt``
    files; without it, lines reading ``Source link`` separate them. A separator that is not a valid
    regular expression raises FiguresError at once, before anything is read. ``limit`` is the most
    characters one article (or one line of a file) may have. ``-`` reads standard input.
    """
    pattern = _compile_separator(separator)
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    reading = Reading()
    reading._items = _unique(_read_all(list(paths), pattern, limit, reading), reading)
    return reading


def check_paths(paths: Iterable[str | os.PathLike[str]]) -> None:
    """Raise InputError naming every path that does not exist (``-``, standard input, at most once).

    For the command line, before it creates or opens anything: a typo is a usage error, not an empty run.
    """
    missing = [str(path) for path in paths if str(path) != STDIN and not os.path.lexists(path)]
    if missing:
        raise InputError(", ".join(missing), "no such file or folder")
    if sum(str(path) == STDIN for path in paths) > 1:
        raise InputError(STDIN, "standard input can be read only once")


def read_file(
    path: str,
    separator: re.Pattern[str] | None = None,
    limit: int = MAX_ARTICLE_CHARS,
    reading: Reading | None = None,
) -> Iterator[Document | Problem]:
    """The articles of one file, by its extension; ``name.jsonl.gz`` and the like are decompressed first."""
    name = Path(path)
    compressed = name.suffix.lower() == _GZIP_SUFFIX
    suffix = (name.with_suffix("") if compressed else name).suffix.lower()
    if suffix not in SUFFIXES:
        kind = f"'{suffix}'" if suffix else "(no extension)"
        expected = ", ".join(SUFFIXES)
        yield Problem(path, None, f"unknown file type {kind}; expected one of {expected} (or those with .gz)")
        return

    def open_binary() -> BinaryIO:
        if compressed:
            return cast(BinaryIO, gzip.open(name, "rb"))  # the caller closes it
        return open(name, "rb")  # noqa: SIM115 - the caller closes it

    yield from _guarded(path, compressed, _read_opened(path, suffix, open_binary, separator, limit, reading))


def read_stdin(
    separator: str | re.Pattern[str] | None = None,
    limit: int = MAX_ARTICLE_CHARS,
    stream: BinaryIO | None = None,
    reading: Reading | None = None,
) -> Iterator[Document | Problem]:
    """Articles from standard input (or ``stream``): JSON Lines if its first line is an article object
    (``{"text": ...}``), else plain text split like a ``.txt`` file.

    The input is copied to a temporary file first, so that its encoding can be checked before it is read
    and memory stays flat however much is piped in.
    """
    pattern = _compile_separator(separator) if isinstance(separator, str) or separator is None else separator
    source = stream if stream is not None else _stdin_bytes()
    with tempfile.TemporaryDirectory(prefix="figures-stdin-") as folder:
        copy = Path(folder) / "stdin"
        with open(copy, "wb") as out:
            shutil.copyfileobj(source, out)

        def open_binary() -> BinaryIO:
            return open(copy, "rb")  # noqa: SIM115 - the caller closes

        yield from _guarded(
            STDIN_NAME, False, _read_sniffed(STDIN_NAME, open_binary, pattern, limit, reading)
        )


def read_parse_input(argument: str, separator: str | None = None, limit: int = MAX_ARTICLE_CHARS) -> Reading:
    """What `figures parse ARGUMENT` reads: a file or folder if ARGUMENT names one, standard input for
    ``-``, else ARGUMENT itself as the text of one document.

    A file of a known type is read as `extract` reads it; any other file is JSON Lines of ``{id, text}``
    if its first line is such an object, else plain text. An argument that looks like a file name (one
    word ending in a known extension) but names nothing raises InputError: a typo must not be parsed as
    text.
    """
    pattern = _compile_separator(separator)
    reading = Reading()
    path = _existing(argument)
    if argument == STDIN:
        items: Iterator[Document | Problem] = read_stdin(pattern, limit, reading=reading)
    elif path is None:
        if _looks_like_file_name(argument):
            raise InputError(argument, "no such file or folder")
        items = iter([Document(text_id(argument), argument)])
    elif path.is_file() and _suffix(path) not in SUFFIXES:

        def open_binary() -> BinaryIO:
            return open(path, "rb")  # noqa: SIM115 - the caller closes

        items = _guarded(argument, False, _read_sniffed(argument, open_binary, pattern, limit, reading))
    else:
        return read_paths([argument], separator, limit)
    reading._items = _unique(items, reading)
    return reading


# -- reading one source --------------------------------------------------------------------------------
def _read_opened(
    path: str,
    suffix: str,
    open_binary: OpenBinary,
    separator: re.Pattern[str] | None,
    limit: int,
    reading: Reading | None,
) -> Iterator[Document | Problem]:
    if suffix in _HTML_SUFFIXES:
        with open_binary() as stream:
            data = stream.read(_MAX_PAGE_BYTES + 1)
        if len(data) > _MAX_PAGE_BYTES:
            yield Problem(path, None, f"a page of more than {_MAX_PAGE_BYTES:,} bytes; skipped")
            return
        if not data.strip():
            yield Problem(path, None, "empty file")
            return
        yield from read_html(path, data, lambda encoding: _note(reading, path, encoding))
        return
    encoding = choose_encoding(path, open_binary)
    if isinstance(encoding, Problem):
        yield encoding
        return
    with open_text(open_binary, encoding) as text:
        if _blank(text):
            yield Problem(path, None, "empty file")
            return
        text.seek(0)
        _note(reading, path, encoding)
        yield from _read_text_stream(path, suffix, text, separator, limit)


def _read_text_stream(
    path: str, suffix: str, text: TextIO, separator: re.Pattern[str] | None, limit: int
) -> Iterator[Document | Problem]:
    if suffix in _TEXT_SUFFIXES:
        yield from read_text(path, numbered_lines(path, text, limit), separator, limit)
    elif suffix in _LINE_SUFFIXES:
        yield from read_jsonl(path, numbered_lines(path, text, limit))
    elif suffix == ".json":
        yield from read_json(path, text, limit)
    else:
        yield from read_csv(path, text, limit)


def _read_sniffed(
    path: str, open_binary: OpenBinary, separator: re.Pattern[str] | None, limit: int, reading: Reading | None
) -> Iterator[Document | Problem]:
    """JSON Lines if the first non-blank line is an object with a ``text`` field, else plain text."""
    encoding = choose_encoding(path, open_binary)
    if isinstance(encoding, Problem):
        yield encoding
        return
    with open_text(open_binary, encoding) as text:
        first = next((item for item in numbered_lines(path, text, limit) if not _blank_line(item)), None)
        if first is None:
            yield Problem(path, None, "empty input")
            return
        text.seek(0)
        _note(reading, path, encoding)
        suffix = ".jsonl" if not isinstance(first, Problem) and _is_article_object(first[1]) else ".txt"
        yield from _read_text_stream(path, suffix, text, separator, limit)


def _guarded(
    path: str, compressed: bool, items: Iterator[Document | Problem]
) -> Iterator[Document | Problem]:
    """The items of one file; a read that fails part-way ends that file with a Problem, never the run."""
    try:
        yield from items
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        if not compressed:
            raise
        yield Problem(path, None, f"not a valid gzip file ({error}); the rest of the file is skipped")
    except OSError as error:
        yield Problem(path, None, f"cannot read the file ({error.strerror or error})")


def _note(reading: Reading | None, path: str, encoding: Encoding | str | None) -> None:
    label = encoding.label if isinstance(encoding, Encoding) else encoding
    if reading is not None and label:
        reading.decoded.append((path, label))


def _blank(text: TextIO) -> bool:
    """Whether the text holds only white space (read in pieces: a huge file is not read whole)."""
    while piece := text.read(1 << 16):
        if piece.strip():
            return False
    return True


def _blank_line(item: tuple[int, str] | Problem) -> bool:
    return not isinstance(item, Problem) and not item[1].strip()


def _is_article_object(line: str) -> bool:
    try:
        value = json.loads(line)
    except (ValueError, RecursionError):
        return False
    return isinstance(value, dict) and any(str(key).strip().lower() in _SNIFF_FIELDS for key in value)


def _stdin_bytes() -> BinaryIO:
    """Standard input as bytes (its text stream encoded back when it has no byte buffer, as in tests)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer  # type: ignore[no-any-return]
    import io

    return io.BytesIO(sys.stdin.read().encode("utf-8") if sys.stdin is not None else b"")


# -- paths ---------------------------------------------------------------------------------------------
def _compile_separator(separator: str | None) -> re.Pattern[str] | None:
    if separator is None:
        return None
    try:
        return re.compile(separator)
    except re.error as error:
        message = f"the separator {separator!r} is not a valid regular expression ({error})"
        raise FiguresError(message) from None


def _read_all(
    paths: list[str | os.PathLike[str]], separator: re.Pattern[str] | None, limit: int, reading: Reading
) -> Iterator[Document | Problem]:
    done: set[Path] = set()  # a file named twice (directly and inside a folder) is read once
    for given in paths:
        if str(given) == STDIN:
            yield from read_stdin(separator, limit, reading=reading)
            continue
        for item in _files(Path(given), reading):
            if isinstance(item, Problem):
                yield item
                continue
            resolved = item.resolve()
            if resolved in done:
                continue
            done.add(resolved)
            yield from read_file(str(item), separator, limit, reading)


def _files(path: Path, reading: Reading) -> Iterator[Path | Problem]:
    """The file itself, or every readable file in the folder and its subfolders, sorted by name."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        missing = not path.exists()
        yield Problem(
            str(path), None, "no such file or folder" if missing else f"cannot read ({error.strerror})"
        )
        return
    if stat.S_ISDIR(mode):
        yield from _walk(path, set(), reading)
    elif stat.S_ISREG(mode):
        yield path
    else:
        message = f"not a regular file ({_kind(mode)}); only files and folders are read (pipe it to `-`)"
        yield Problem(str(path), None, message)


def _walk(folder: Path, seen: set[Path], reading: Reading) -> Iterator[Path | Problem]:
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
        try:
            mode = entry.stat().st_mode  # follows symbolic links; lstat would skip linked files
        except OSError as error:
            reading.skipped.append((str(entry), f"cannot be read: {error.strerror or error}"))
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(entry, seen, reading)
        elif not stat.S_ISREG(mode):
            reading.skipped.append((str(entry), f"not a regular file: {_kind(mode)}, never opened"))
        elif _suffix(entry) not in SUFFIXES:
            reading.skipped.append((str(entry), "unknown file type"))
        else:
            yield entry


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    )
    return next((name for test, name in kinds if test(mode)), "not a file")


def _suffix(path: Path) -> str:
    """The extension that decides the reader: ``.jsonl`` for ``a.jsonl.gz``."""
    if path.suffix.lower() == _GZIP_SUFFIX:
        path = path.with_suffix("")
    return path.suffix.lower()


def _existing(argument: str) -> Path | None:
    if not argument or "\n" in argument or len(argument) > _LONGEST_PATH or argument == STDIN:
        return None
    path = Path(argument)
    try:
        return path if path.exists() else None
    except (OSError, ValueError):  # a name too long for the system, a NUL byte
        return None


def _looks_like_file_name(argument: str) -> bool:
    words = argument.split()
    return len(words) == 1 and _suffix(Path(words[0])) in SUFFIXES


# -- one id, one text ----------------------------------------------------------------------------------
def _unique(items: Iterator[Document | Problem], reading: Reading) -> Iterator[Document | Problem]:
    # Per id: a hash of the text and where it was first read, not the text: memory grows by ~200 bytes an
    # article, whatever the articles' length. Python's own str hash (64-bit SipHash, keyed afresh in each
    # process) is enough to tell a re-read from a different text under one id, and costs no copy.
    first_seen: dict[str, tuple[int, str | None, int | None]] = {}
    for item in items:
        if isinstance(item, Document):
            digest = hash(item.text)
            earlier = first_seen.get(item.doc_id)
            if earlier is not None:
                if earlier[0] == digest:
                    reading.repeats += 1
                    continue
                where = f"{earlier[1]}:{earlier[2]}" if earlier[2] is not None else str(earlier[1])
                yield Problem(
                    item.path or "",
                    item.line,
                    f"duplicate doc_id {item.doc_id!r} with different text (first read at {where}); skipped",
                )
                continue
            first_seen[item.doc_id] = (digest, item.path, item.line)
        yield item


def _listed(paths: list[str]) -> str:
    shown = ", ".join(paths[:_NOTES_LISTED])
    return shown + (f" and {len(paths) - _NOTES_LISTED:,} more" if len(paths) > _NOTES_LISTED else "")


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


__all__ = [
    "MAX_ARTICLE_CHARS",
    "SOURCE_LINK",
    "STDIN",
    "SUFFIXES",
    "Reading",
    "check_paths",
    "read_file",
    "read_parse_input",
    "read_paths",
    "read_stdin",
]
