"""Rows printed the way the command line prints them: table, csv, tsv, json, jsonl or markdown.

Every command that prints rows goes through ``write``, so that NULL, dates, long cells and the row limit
read the same everywhere. Tables and markdown are for people: NULL reads ``NULL``, numbers get thousands
separators, long cells are cut and only the first ``limit`` rows are shown, with a note of how many were
left out. csv, tsv, json and jsonl are for programs: every cell whole, NULL as an empty field or ``null``.
Dates are ISO dates (``2025-10-14``) in every format, timestamps ``2025-10-14 09:30:00``.

Only the standard library and tabulate are imported here: the commands that print rows must start fast.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

FORMATS = ("table", "csv", "tsv", "json", "jsonl", "markdown")
HUMAN_FORMATS = ("table", "markdown")  # the formats that get a default row limit and cut cells
DEFAULT_LIMIT = 50  # rows shown in a table unless --limit says otherwise
CELL_WIDTH = 60  # characters of a cell shown in a table; csv and json keep it whole
NULL = "NULL"
COLUMN_GAP = 2  # spaces between the columns of a plain table
HIDDEN_NAMED = 5  # columns left out of a narrow table that the note names


@dataclass(frozen=True, slots=True)
class Rows:
    """A result to print: column names and the rows, each a sequence of plain Python values.

    ``rows`` may be a lazy iterator (a database cursor read in chunks): ``write`` takes only what it prints
    and counts the rest.
    """

    columns: tuple[str, ...]
    rows: Iterable[Sequence[Any]]


def plain(value: Any) -> Any:
    """A JSON-able value for one cell: dates as ISO strings, NaN as None, numpy scalars as Python ones."""
    if value is None:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    kind = type(value).__name__  # decimal and uuid by name: their modules cost start-up time
    if kind == "Decimal":
        return float(value)
    if kind == "UUID" or isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if hasattr(value, "tolist"):  # numpy scalars and arrays, without importing numpy
        return plain(value.tolist())
    if type(value).__name__ in ("NAType", "NaTType"):  # pandas' missing values, without importing pandas
        return None
    return value


def number(value: float) -> str:
    """Digits a reader can check against the article: 30,900,000 rather than 3.09e+07."""
    if math.isinf(value):
        return str(value)
    if value.is_integer() and abs(value) < 1e18:
        return f"{int(value):,}"
    if abs(value) >= 1e5:
        return f"{value:,.1f}"
    return f"{value:,.6g}"


def cell(value: Any, width: int | None = CELL_WIDTH) -> str:
    """One cell as a person reads it: NULL, grouped digits, a range as low–high, one line, cut short."""
    value = plain(value)
    if value is None:
        return NULL
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return number(value)
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, (int, float)) for v in value):
        return f"{number(float(value[0]))}–{number(float(value[1]))}"  # a range
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    text = " ".join(str(value).split())
    if width is not None and len(text) > width:
        return text[: width - 1] + "…"
    return text


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, (int, float)) or type(value).__name__ == "Decimal"


def _field(value: Any) -> str:
    """A csv/tsv field: whole, NULL as empty, lists and structs as JSON."""
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _split(rows: Iterable[Sequence[Any]], limit: int | None) -> tuple[list[Sequence[Any]], int]:
    """The first ``limit`` rows (all of them for None), and how many more there were."""
    iterator = iter(rows)
    if limit is None:
        return list(iterator), 0
    shown = [row for _, row in zip(range(limit), iterator, strict=False)]
    return shown, sum(1 for _ in iterator)


def _wide(texts: Iterable[str]) -> bool:
    """Whether a text holds a character a terminal shows other than one column wide: East Asian wide or
    full-width (CJK, most emoji), combining, format or control characters. Only such text needs wcwidth's
    widths; every other character is one column, as len() counts it."""
    import unicodedata

    for text in texts:
        if text.isascii():
            continue
        for character in text:
            if not character.isascii() and (
                unicodedata.east_asian_width(character) in ("W", "F")
                or unicodedata.category(character) in ("Mn", "Me", "Cf", "Cc", "Cs")
            ):
                return True
    return False


def _table_printer(wide: bool) -> Any:
    """The tabulate module, with its optional wide-character support (wcwidth) loaded only when ``wide``.

    Importing wcwidth is about a fifth of `figures query`'s start-up, and tabulate imports it as soon as it
    is importable; for text of one-column characters it gives what len() gives. So tabulate is first
    imported as if wcwidth were not installed, and given wcwidth (tabulate.wcwidth, WIDE_CHARS_MODE, what
    its own import sets) when a table holds wide text.
    """
    if "tabulate" not in sys.modules and "wcwidth" not in sys.modules and not wide:
        sys.modules["wcwidth"] = None  # type: ignore[assignment]  # "not installed", for this import only
        try:
            import tabulate
        except ImportError:  # a tabulate that needs wcwidth: import it as it is
            pass
        finally:
            del sys.modules["wcwidth"]
    import tabulate

    if wide and getattr(tabulate, "wcwidth", False) is None:
        import wcwidth

        tabulate.wcwidth = wcwidth  # type: ignore[attr-defined]
        tabulate.WIDE_CHARS_MODE = True
    return tabulate


def _tabulate(columns: Sequence[str], shown: Sequence[Sequence[Any]], markdown: bool) -> str:
    numeric = [
        any(_is_number(row[i]) for row in shown)
        and all(_is_number(row[i]) or row[i] is None for row in shown)
        for i in range(len(columns))
    ]
    cells = [[cell(value) for value in row] for row in shown]
    if markdown:  # a pipe inside a cell would end it
        cells = [[text.replace("|", "\\|") for text in row] for row in cells]
    # a maintained table printer, loaded only for people's formats
    tabulate = _table_printer(_wide([*columns, *(text for row in cells for text in row)])).tabulate
    return tabulate(
        cells,
        headers=list(columns),
        tablefmt="pipe" if markdown else "simple",
        disable_numparse=True,  # the cells are already formatted; keep "NULL" and "1,600" as they are
        colalign=["right" if is_number else "left" for is_number in numeric] if columns else None,
    )


def fitting(columns: Sequence[str], shown: Sequence[Sequence[Any]], width: int) -> int:
    """How many columns, from the left, a table of ``shown`` fits in ``width`` characters (at least one).

    A column is as wide as its name or its widest cut cell, and columns are two spaces apart (tabulate's
    plain table).
    """
    used = -COLUMN_GAP
    for index, name in enumerate(columns):
        used += COLUMN_GAP + max([len(name), *(len(cell(row[index])) for row in shown)])
        if used > width:
            return max(index, 1)
    return len(columns)


def columns_note(hidden: Sequence[str]) -> str:
    names = ", ".join(hidden[:HIDDEN_NAMED]) + (", …" if len(hidden) > HIDDEN_NAMED else "")
    return (
        f"({len(hidden):,} more column{'' if len(hidden) == 1 else 's'} that do not fit: {names}; "
        "select fewer, or --format csv or json for every column)"
    )


def rows_note(more: int) -> str:
    return f"({more:,} more row{'' if more == 1 else 's'}; --limit to see them)"


def write(
    result: Rows, output_format: str, out: TextIO, limit: int | None = None, width: int | None = None
) -> int:
    """Print ``result`` in ``output_format``; return how many rows were left out by ``limit``.

    ``limit`` None means every row. The note about rows left out goes to ``out`` after a table (where a
    person reads it) and nowhere for the other formats (the caller tells stderr; see ``rows_note``).
    ``width`` (a terminal's) makes a plain table leave out the columns on the right that do not fit, and
    say which; markdown and the formats for programs keep every column.
    """
    if output_format not in FORMATS:
        raise ValueError(f"unknown output format {output_format!r}: use one of {', '.join(FORMATS)}")
    columns = result.columns
    if output_format in HUMAN_FORMATS:
        shown, more = _split(result.rows, limit)
        if not shown:
            out.write("(no rows)\n" if columns else "")
            return 0
        kept = len(columns)
        if width is not None and output_format == "table":
            kept = fitting(columns, shown, width)
        markdown = output_format == "markdown"
        out.write(_tabulate(columns[:kept], [row[:kept] for row in shown], markdown) + "\n")
        if kept < len(columns):
            out.write(columns_note(columns[kept:]) + "\n")
        if more:
            out.write(("\n" if output_format == "markdown" else "") + rows_note(more) + "\n")
        return more
    rows, more = _split(result.rows, limit)
    if output_format in ("csv", "tsv"):
        import csv

        writer = csv.writer(out, delimiter="\t" if output_format == "tsv" else ",", lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_field(value) for value in row] for row in rows)
    elif output_format == "jsonl":
        for row in rows:
            out.write(json.dumps(_record(columns, row), ensure_ascii=False) + "\n")
    else:
        out.write(json.dumps([_record(columns, row) for row in rows], ensure_ascii=False, indent=1) + "\n")
    return more


def _record(columns: Sequence[str], row: Sequence[Any]) -> dict[str, Any]:
    return {column: plain(value) for column, value in zip(columns, row, strict=True)}


def chunks(cursor: Any, size: int = 1000) -> Iterator[tuple[Any, ...]]:
    """A DB-API cursor's rows, fetched ``size`` at a time (never the whole result in memory at once)."""
    while batch := cursor.fetchmany(size):
        yield from batch
