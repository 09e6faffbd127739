"""What every table, view and column means: ``schema.md``, read for the COMMENT ON statements.

``schema.md`` is the README's schema section word for word (a test checks it), so the text a user
reads in the README and the one ``duckdb_columns()`` shows are one text. Its shape, per relation::

    #### `name` (table)        -- or (view)

    What one row is; any paragraphs.

    | column | meaning |
    | --- | --- |
    | `column` | what it holds |
    | `a_*` | a pattern (fnmatch) for the columns an exact line does not name |

Run ``python -m figures.store.docs README.md`` to copy schema.md into the README after an edit.
"""

from __future__ import annotations

import fnmatch
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

DOCS_FILE = "schema.md"
# the README holds schema.md between these two lines
README_START = (
    "<!-- schema: copied from figures/store/schema.md by `python -m figures.store.docs README.md` -->"
)
README_END = "<!-- end of schema -->"
_HEADING = re.compile(r"^#### `(?P<name>[A-Za-z_][A-Za-z0-9_]*)` \((?P<kind>table|view)\)$")
_ROW = re.compile(r"^\|\s*(?P<columns>`[^|]*`)\s*\|\s*(?P<meaning>.*?)\s*\|$")
_COLUMN = re.compile(r"`([^`]+)`")


@dataclass(frozen=True, slots=True)
class Relation:
    """One documented table or view: what a row is, and (pattern, meaning) for its columns."""

    name: str
    kind: str  # 'table' or 'view'
    text: str
    columns: tuple[tuple[str, str], ...]

    def meaning(self, column: str) -> str | None:
        """The column's text: its own line, else the first pattern that matches it."""
        for pattern, meaning in self.columns:
            if pattern == column:
                return meaning
        for pattern, meaning in self.columns:
            if fnmatch.fnmatchcase(column, pattern):
                return meaning
        return None


def docs_text() -> str:
    return resources.files("figures.store").joinpath(DOCS_FILE).read_text(encoding="utf-8")


def parse(text: str) -> dict[str, Relation]:
    relations: dict[str, Relation] = {}
    current: tuple[str, str] | None = None
    prose: list[str] = []
    columns: list[tuple[str, str]] = []

    def close() -> None:
        if current is not None:
            paragraph = " ".join(line.strip() for line in prose if line.strip())
            relations[current[0]] = Relation(current[0], current[1], paragraph, tuple(columns))

    for number, line in enumerate(text.splitlines(), 1):
        heading = _HEADING.match(line)
        if heading:
            close()
            current, prose, columns = (heading["name"], heading["kind"]), [], []
        elif current is None or line.startswith(("| column", "| ---")):
            continue
        elif line.startswith("|"):
            row = _ROW.match(line)
            if row is None:
                raise ValueError(f"{DOCS_FILE}:{number}: not a `| column | meaning |` row: {line!r}")
            meaning = row["meaning"].replace("\\|", "|")
            columns.extend((name, meaning) for name in _COLUMN.findall(row["columns"]))
        elif not columns:
            prose.append(line)
    close()
    return relations


def relations() -> dict[str, Relation]:
    return parse(docs_text())


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def comment_statements(found: Mapping[str, tuple[str, Iterable[str]]]) -> str:
    """COMMENT ON for each relation found (name -> (kind, columns)) and its columns that schema.md names.

    What schema.md leaves out gets no comment here: the test of the schema names it.
    """
    documented = relations()
    statements = []
    for name, (kind, columns) in found.items():
        relation = documented.get(name)
        if relation is None:
            continue
        statements.append(f"COMMENT ON {kind.upper()} {name} IS {_quoted(relation.text)};")
        for column in columns:
            meaning = relation.meaning(column)
            if meaning is not None:
                quoted_column = '"' + column.replace('"', '""') + '"'
                statements.append(f"COMMENT ON COLUMN {name}.{quoted_column} IS {_quoted(meaning)};")
    return "\n".join(statements)


def readme_with_docs(readme: str) -> str:
    """The README with schema.md between its two marker lines."""
    start, end = readme.find(README_START), readme.find(README_END)
    if start < 0 or end < start:
        raise ValueError(f"the README has no lines {README_START!r} ... {README_END!r}")
    return readme[: start + len(README_START)] + "\n\n" + docs_text().strip() + "\n\n" + readme[end:]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m figures.store.docs README.md", file=sys.stderr)
        return 2
    path = Path(argv[0])
    path.write_text(readme_with_docs(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
