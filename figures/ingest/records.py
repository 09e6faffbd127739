"""Readers for article records: JSON Lines, JSON and CSV with fields ``id, title, text, date, source, url``.

``text`` is required; the rest are optional. ``doc_id`` is accepted for ``id`` (the name our own exports
use). Field names are matched without regard to case or surrounding spaces; other fields are ignored.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping

from figures.ingest.dates import DateError, parse_date
from figures.model import Document, Problem, text_id

_ALIASES = {"doc_id": "id"}
# Delimiters tried in turn on a CSV header: the first that yields a ``text`` column wins, so that
# semicolon- or tab-separated exports from spreadsheets read too.
_CSV_DELIMITERS = (",", ";", "\t", "|")
# Whole articles sit in one CSV field; the csv module's default cap (128 KiB) is too small for long reads.
_CSV_FIELD_LIMIT = 64 * 2**20


def read_jsonl(path: str, text: str) -> Iterator[Document | Problem]:
    """One JSON object per line; blank lines are allowed, a bad line is a Problem and the rest still read."""
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as error:
            yield Problem(path, number, f"not valid JSON ({error.msg} at column {error.colno})")
            continue
        yield from _from_value(path, number, value)


def read_json(path: str, text: str) -> Iterator[Document | Problem]:
    """A list of article objects, or one object. Each article's line is where its object starts."""
    decoder = json.JSONDecoder()
    start = _skip_space(text, 0)
    if start < len(text) and text[start] != "[":
        try:
            value, end = decoder.raw_decode(text, start)
        except json.JSONDecodeError as error:
            yield _json_problem(path, error)
            return
        if _skip_space(text, end) < len(text):
            # Several objects one after another: a JSON Lines file with a .json name.
            yield from read_jsonl(path, text)
            return
        yield from _from_value(path, _line_at(text, start), value)
        return
    # A list: decode element by element so that each article knows the line it starts on.
    position = _skip_space(text, start + 1)
    if position < len(text) and text[position] == "]":
        yield Problem(path, _line_at(text, position), "the list holds no articles")
        return
    while position < len(text):
        try:
            value, end = decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            yield _json_problem(path, error)
            return
        yield from _from_value(path, _line_at(text, position), value)
        position = _skip_space(text, end)
        if position < len(text) and text[position] == ",":
            position = _skip_space(text, position + 1)
        elif position < len(text) and text[position] == "]":
            if (rest := _skip_space(text, position + 1)) < len(text):
                yield Problem(path, _line_at(text, rest), "not valid JSON (extra data after the list)")
            return
        else:
            where = min(position, len(text) - 1)
            message = "not valid JSON (expected ',' or ']' after an article)"
            yield Problem(path, _line_at(text, where), message)
            return
    yield Problem(path, _line_at(text, len(text) - 1), "not valid JSON (the list is not closed with ']')")


def read_csv(path: str, text: str) -> Iterator[Document | Problem]:
    """A header row naming the fields, then one article per row; quoted fields may span lines."""
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    header_line = next((line for line in text.split("\n") if line.strip()), "")
    delimiter = next(
        (d for d in _CSV_DELIMITERS if "text" in _field_names(next(csv.reader([header_line], delimiter=d)))),
        ",",
    )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next((row for row in reader if any(cell.strip() for cell in row)), None)
    except csv.Error as error:
        yield Problem(path, reader.line_num, f"not valid CSV ({error})")
        return
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
        # A short row leaves its last fields empty, as spreadsheets write them.
        yield from _from_record(path, start, dict(zip(names, row, strict=False)))


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


def _json_problem(path: str, error: json.JSONDecodeError) -> Problem:
    return Problem(path, error.lineno, f"not valid JSON ({error.msg} at column {error.colno})")


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\n\r":
        position += 1
    return position


def _line_at(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1
