"""Readers for article records: JSON Lines, JSON and CSV with fields ``id, title, text, date, source, url``.

``text`` is required; the rest are optional. ``doc_id`` is accepted for ``id`` (the name our own exports
use). Field names are matched without regard to case or surrounding spaces; other fields are ignored.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TextIO

from figures.ingest.dates import DateError, parse_date
from figures.ingest.lines import MAX_ARTICLE_CHARS, Line, numbered_lines, split_lines
from figures.model import Document, Problem, text_id

_ALIASES = {"doc_id": "id"}
# Delimiters tried in turn on a CSV header: the first that yields a ``text`` column wins, so that
# semicolon- or tab-separated exports from spreadsheets read too.
_CSV_DELIMITERS = (",", ";", "\t", "|")
_JSON_PIECE = 1 << 20  # characters of a .json file read at a time


def read_jsonl(path: str, lines: str | Iterable[Line | Problem]) -> Iterator[Document | Problem]:
    """One JSON object per line; blank lines are allowed, a bad line is a Problem and the rest still read.

    ``lines`` is the file's text, or its numbered lines as ``numbered_lines`` reads them (one at a time,
    in bounded memory).
    """
    for item in split_lines(lines) if isinstance(lines, str) else lines:
        if isinstance(item, Problem):
            yield item
            continue
        number, raw = item
        if not raw.strip():
            continue
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as error:
            yield Problem(path, number, f"not valid JSON ({error.msg} at column {error.colno})")
            continue
        except RecursionError:
            yield Problem(path, number, "not valid JSON (nested too deeply)")
            continue
        yield from _from_value(path, number, value)


def read_json(
    path: str, source: str | TextIO, limit: int = MAX_ARTICLE_CHARS
) -> Iterator[Document | Problem]:
    """A list of article objects, or one object. Each article's line is where its object starts.

    The file is read a piece at a time, one article held at once (an article over ``limit`` characters is
    a Problem and ends the file: there is no telling where the next one starts). Objects one after another
    instead of a list are read as JSON Lines.
    """
    buffer = _JsonBuffer(io.StringIO(source) if isinstance(source, str) else source, limit)
    buffer.skip_space()
    if buffer.peek() != "[":
        yield from _json_objects(path, buffer)
        return
    buffer.advance(1)
    buffer.skip_space()
    if buffer.peek() == "]":
        yield Problem(path, buffer.line(), "the list holds no articles")
        return
    while buffer.peek():
        line = buffer.line()
        value = buffer.value()
        if isinstance(value, _Refused):
            yield Problem(path, value.line, value.message)
            if not value.skipped:
                return
        else:
            yield from _from_value(path, line, value.value)
        buffer.skip_space()
        following = buffer.peek()
        if following == ",":
            buffer.advance(1)
            buffer.skip_space()
        elif following == "]":
            buffer.advance(1)
            buffer.skip_space()
            if buffer.peek():
                yield Problem(path, buffer.line(), "not valid JSON (extra data after the list)")
            return
        elif following:
            yield Problem(path, buffer.line(), "not valid JSON (expected ',' or ']' after an article)")
            return
    yield Problem(path, buffer.line(back=1), "not valid JSON (the list is not closed with ']')")


def _json_objects(path: str, buffer: _JsonBuffer) -> Iterator[Document | Problem]:
    """One object, or several one after another (JSON Lines named .json): a bad one skips to the next line."""
    while buffer.peek():
        line = buffer.line()
        value = buffer.value()
        if isinstance(value, _Refused):
            yield Problem(path, value.line, value.message)
            if value.too_long or (not value.skipped and not buffer.skip_line()):
                return
        else:
            yield from _from_value(path, line, value.value)
        buffer.skip_space()


@dataclass(frozen=True, slots=True)
class _Value:
    value: object


@dataclass(frozen=True, slots=True)
class _Refused:
    line: int
    message: str
    too_long: bool = False  # cut off by the limit: where the next value starts is unknown
    skipped: bool = False  # whole but over the limit: reading goes on after it


class _JsonBuffer:
    """A window on a JSON text stream: values decoded one at a time, the text before them let go.

    Line numbers are counted as the window moves, so finding a value's line never rescans the file.
    """

    def __init__(self, stream: TextIO, limit: int) -> None:
        self.stream, self.limit = stream, limit
        self.text, self.pos, self.eof = "", 0, False
        self.counted_to, self.lines = 0, 1  # ``lines`` is the line number at ``text[counted_to]``
        self.decoder = json.JSONDecoder()

    def fill(self, wanted: int = _JSON_PIECE) -> bool:
        """Read at least ``wanted`` more characters (fewer at the end); False at the end of the stream."""
        if self.eof:
            return False
        self._count(self.pos)
        self.text, self.counted_to = self.text[self.pos :], self.counted_to - self.pos
        self.pos = 0
        piece = self.stream.read(max(wanted, _JSON_PIECE))
        if not piece:
            self.eof = True
            return False
        self.text += piece
        return True

    def _count(self, at: int) -> None:
        if at > self.counted_to:
            self.lines += self.text.count("\n", self.counted_to, at)
            self.counted_to = at

    def line(self, back: int = 0) -> int:
        """The line of the current position (or of ``back`` characters before it, within the window)."""
        at = max(self.pos - back, 0)
        if at < self.counted_to:
            return self.lines - self.text.count("\n", at, self.counted_to)
        self._count(at)
        return self.lines

    def peek(self) -> str:
        if self.pos >= len(self.text) and not self.fill():
            return ""
        return self.text[self.pos]

    def advance(self, count: int) -> None:
        self.pos += count

    def skip_space(self) -> None:
        while True:
            self.pos = _skip_space(self.text, self.pos)
            if self.pos < len(self.text) or not self.fill():
                return

    def skip_line(self) -> bool:
        """Past the next newline; False at the end of the stream."""
        while (newline := self.text.find("\n", self.pos)) < 0:
            self.pos = len(self.text)
            if not self.fill():
                return False
        self.pos = newline + 1
        return True

    def value(self) -> _Value | _Refused:
        """The JSON value at the current position, reading on while it is cut off by the window's end."""
        while True:
            try:
                value, end = self.decoder.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as error:
                cut_off = error.pos >= len(self.text) - 1 or error.msg.startswith("Unterminated string")
                if cut_off and self._more():
                    continue
                if cut_off and not self.eof:
                    return self._too_long()
                column = error.pos - self.text.rfind("\n", 0, error.pos)
                line = self.line() + self.text.count("\n", self.pos, error.pos)
                known_column = column if "\n" in self.text[: error.pos] else None
                return _Refused(line, f"not valid JSON ({error.msg}{_at(known_column)})")
            except RecursionError:
                return _Refused(self.line(), "not valid JSON (nested too deeply)")
            if end >= len(self.text) and self._more():  # a number may go on past the window
                continue
            start, self.pos = self.pos, end
            if end - start > self.limit:
                size = end - start
                message = f"an article of {size:,} characters, over the limit of {self.limit:,}; skipped"
                return _Refused(self.line(back=size), message, skipped=True)
            return _Value(value)

    def _more(self) -> bool:
        """Read on for a value cut off by the window's end, unless it is already over the limit."""
        if len(self.text) - self.pos > self.limit:
            return False
        return self.fill(len(self.text) - self.pos)  # doubles the window: linear time overall

    def _too_long(self) -> _Refused:
        message = f"an article of more than {self.limit:,} characters; the rest of the file is skipped"
        return _Refused(self.line(), message, too_long=True)


def _at(column: int | None) -> str:
    return f" at column {column}" if column is not None else ""


def read_csv(path: str, source: str | TextIO, limit: int = MAX_ARTICLE_CHARS) -> Iterator[Document | Problem]:
    """A header row naming the fields, then one article per row; quoted fields may span lines.

    Rows are read one at a time; a field over ``limit`` characters is a Problem.
    """
    # The csv module's cap is for the whole process: only ever raised, to the largest article allowed;
    # a field over this read's own ``limit`` is refused below.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_ARTICLE_CHARS, limit))
    lines = split_lines(source) if isinstance(source, str) else numbered_lines(path, source, limit)
    too_long: list[Problem] = []  # lines refused while the csv module reads: reported after its row
    feed = _csv_feed(lines, too_long)
    before_header: list[str] = []
    header_line = ""
    for raw in feed:
        before_header.append(raw)
        if raw.strip():
            header_line = raw
            break
    delimiter = next(
        (d for d in _CSV_DELIMITERS if "text" in _field_names(next(csv.reader([header_line], delimiter=d)))),
        ",",
    )
    reader = csv.reader(itertools.chain(before_header, feed), delimiter=delimiter, strict=True)
    try:
        header = next((row for row in reader if any(cell.strip() for cell in row)), None)
    except csv.Error as error:
        yield Problem(path, reader.line_num, f"not valid CSV ({error})")
        return
    yield from too_long
    too_long.clear()
    if header is None:
        yield Problem(path, None, "empty file")
        return
    names = _field_names(header)
    if "text" not in names:
        columns = ", ".join(name for name in header if name.strip()) or "none"
        yield Problem(path, reader.line_num, f"no 'text' column (the header has: {columns})")
        return
    previous_end = reader.line_num
    found = False
    while True:
        start = previous_end + 1
        try:
            row = next(reader, None)
        except csv.Error as error:
            yield Problem(path, start, f"not valid CSV ({error}); the rest of the file is skipped")
            return
        yield from too_long
        too_long.clear()
        if row is None:
            if not found:
                yield Problem(path, None, "no articles after the header row")
            return
        previous_end = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        found = True
        if len(row) > len(names):
            yield Problem(path, start, f"{len(row)} fields but the header names {len(names)}; row skipped")
            continue
        if (size := max(len(cell) for cell in row)) > limit:
            yield Problem(
                path, start, f"a field of {size:,} characters, over the limit of {limit:,}; row skipped"
            )
            continue
        # A short row leaves its last fields empty, as spreadsheets write them.
        yield from _from_record(path, start, dict(zip(names, row, strict=False)))


def _csv_feed(lines: Iterable[Line | Problem], too_long: list[Problem]) -> Iterator[str]:
    """Lines for the csv module, newline included; a line too long becomes an empty one, kept aside."""
    for item in lines:
        if isinstance(item, Problem):
            too_long.append(item)
            yield "\n"
        else:
            yield item[1] + "\n"


def _from_value(path: str, line: int, value: object) -> Iterator[Document | Problem]:
    if not isinstance(value, dict):
        yield Problem(path, line, f"expected a JSON object for an article, found {_json_kind(value)}")
        return
    yield from _from_record(path, line, {_field_name(key): item for key, item in value.items()})


def _from_record(path: str, line: int, record: Mapping[str, object]) -> Iterator[Document | Problem]:
    """One Document from one record, with a Problem beside it for a date that cannot be read."""
    text = record.get("text")
    if text is None:
        yield Problem(path, line, "no 'text' field; article skipped")
        return
    if not isinstance(text, str):
        yield Problem(path, line, f"'text' is {_json_kind(text)}, not a string; article skipped")
        return
    if not text.strip():
        yield Problem(path, line, "empty text; article skipped")
        return
    fields: dict[str, str | None] = {}
    for name in ("id", "title", "date", "source", "url"):
        value = record.get(name)
        if value is None or (isinstance(value, (str, int, float)) and not isinstance(value, bool)):
            cleaned = str(value).strip() if value is not None else ""
            fields[name] = cleaned or None
        else:
            yield Problem(path, line, f"'{name}' is {_json_kind(value)}; ignored")
            fields[name] = None
    date = None
    if fields["date"] is not None:
        try:
            date = parse_date(fields["date"])
        except DateError as error:
            yield Problem(path, line, f"{error}; the article is kept without a date")
    yield Document(
        doc_id=fields["id"] or text_id(text),
        text=text,
        title=fields["title"],
        source=fields["source"],
        date=date,
        url=fields["url"],
        path=path,
        line=line,
    )


def _field_names(header: list[str]) -> list[str]:
    return [_field_name(name) for name in header]


def _field_name(name: str) -> str:
    cleaned = name.strip().lower()
    return _ALIASES.get(cleaned, cleaned)


def _json_kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    kinds = {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number"}
    return "null" if value is None else kinds.get(type(value), type(value).__name__)


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\n\r":
        position += 1
    return position
