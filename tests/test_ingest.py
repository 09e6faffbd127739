"""Ingest: every input format of issue 2 "Input", and every kind of bad input, as case tables.

Fixtures are written into ``tmp_path`` by each test; the seed corpus is read from ``seeds/``.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import sys
import threading
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from figures.errors import FiguresError
from figures.ingest import MAX_ARTICLE_CHARS, check_paths, read_parse_input, read_paths, records
from figures.ingest.dates import DateError, parse_date
from figures.ingest.plain import read_text
from figures.ingest.records import read_json, read_jsonl
from figures.model import Document, Problem, text_id

T = TypeVar("T")
SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "000_ef0aaf124261c612.txt"


def _read(
    paths: list[Path] | list[str], separator: str | None = None
) -> tuple[list[Document], list[Problem]]:
    items = list(read_paths(paths, separator))
    documents = [item for item in items if isinstance(item, Document)]
    problems = [item for item in items if isinstance(item, Problem)]
    assert len(documents) + len(problems) == len(items)
    return documents, problems


def _write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_bytes(content.encode("utf-8"))


# --- the seed corpus -------------------------------------------------------------------------------------


def test_seed_corpus_gives_twenty_articles_with_their_titles() -> None:
    """Issue 2: 20 articles, each ending with `Source link`; the title is the first non-empty line after
    the previous `Source link`. The first article has no `Source link` above it: its first line is the
    section label "Moscow" and the headline follows (hand-checked)."""
    lines = SEEDS.read_text(encoding="utf-8").split("\n")
    separators = [number for number, line in enumerate(lines) if line.strip() == "Source link"]
    expected_titles = [
        "Moscow Just Gave Venezuela Air Defenses, Not Ruling Out Strike Missiles: Russian Official"
    ]
    expected_lines = [1]
    for index in separators[:-1]:
        following = next(n for n in range(index + 1, len(lines)) if lines[n].strip())
        expected_titles.append(lines[following].strip())
        expected_lines.append(following + 1)

    documents, problems = _read([SEEDS.parent])

    assert problems == []
    assert len(documents) == 20
    assert [document.title for document in documents] == expected_titles
    assert [document.line for document in documents] == expected_lines
    assert documents[0].text.startswith("Moscow\n\nMoscow Just Gave Venezuela")


def test_seed_articles_are_the_file_text_verbatim() -> None:
    """Offsets refer to Document.text: each article is a verbatim slice of the file, starting at its
    ``line``, without the separator line; ids are the text's hash and are all different."""
    content = SEEDS.read_text(encoding="utf-8")
    lines = content.split("\n")
    documents, _ = _read([SEEDS])
    for document in documents:
        assert document.line is not None
        start = len("\n".join(lines[: document.line - 1])) + (1 if document.line > 1 else 0)
        assert content[start : start + len(document.text)] == document.text
        assert "\nSource link" not in document.text
        assert document.text == document.text.strip()
        assert document.doc_id == text_id(document.text)
        assert document.path == str(SEEDS)
        assert (document.date, document.source, document.url) == (None, None, None)
    assert len({document.doc_id for document in documents}) == 20


# --- plain text --------------------------------------------------------------------------------------------

TEXT_CASES = [
    # (id, file content, separator, [(title, line, text)])
    (
        "one article per file",
        "Headline here\n\nBody text with 3,400 miles.\n",
        None,
        [("Headline here", 1, "Headline here\n\nBody text with 3,400 miles.")],
    ),
    (
        "Source link ends each article",
        "\nFirst headline\n\nFirst body.\n\nSource link\n\nSecond headline\n\nSecond body.\n\nSource link\n",
        None,
        [
            ("First headline", 2, "First headline\n\nFirst body."),
            ("Second headline", 8, "Second headline\n\nSecond body."),
        ],
    ),
    (
        "text after the last Source link is an article too",
        "A\n\nBody a.\nSource link\nB\n\nBody b.",
        None,
        [("A", 1, "A\n\nBody a."), ("B", 5, "B\n\nBody b.")],
    ),
    (
        "Source link in any case, with spaces around",
        "A\nbody a.\n  source Link \nB\nbody b.\n",
        None,
        [("A", 1, "A\nbody a."), ("B", 4, "B\nbody b.")],
    ),
    (
        "Source link inside a sentence does not split",
        "A\nSee the Source link below.\n",
        None,
        [("A", 1, "A\nSee the Source link below.")],
    ),
    (
        "a given separator regex replaces Source link",
        "=== 1 ===\nA\nbody a.\n=== 2 ===\nSecond headline of the day\nSource link\n",
        r"=== \d+ ===",
        [
            ("A", 2, "A\nbody a."),
            ("Second headline of the day", 5, "Second headline of the day\nSource link"),
        ],
    ),
    (
        "section label above a headline (seed article 1)",
        "Moscow\n\nMoscow Just Gave Venezuela Air Defenses\n\nA high-ranking Russian lawmaker claims.\n",
        None,
        [
            (
                "Moscow Just Gave Venezuela Air Defenses",
                1,
                "Moscow\n\nMoscow Just Gave Venezuela Air Defenses\n\n"
                "A high-ranking Russian lawmaker claims.",
            )
        ],
    ),
    (
        "a short headline above a paragraph is the title",
        "Putin sacks general\n\nVLADIMIR Putin has fired his top general.\n",
        None,
        [("Putin sacks general", 1, "Putin sacks general\n\nVLADIMIR Putin has fired his top general.")],
    ),
    (
        "a short line above a byline is the title",
        "Oil war\n\nBy Jane Doe\n\nBody.\n",
        None,
        [("Oil war", 1, "Oil war\n\nBy Jane Doe\n\nBody.")],
    ),
    (
        "a first line too long for a headline gives no title",
        "word " * 80 + "end.\n",
        None,
        [(None, 1, "word " * 80 + "end.")],
    ),
    (
        "Windows line endings read as newlines",
        "A\r\n\r\nBody.\r\nSource link\r\nB\r\nBody b.\r\n",
        None,
        [("A", 1, "A\n\nBody."), ("B", 5, "B\nBody b.")],
    ),
    (
        "a byte-order mark is not part of the text",
        "\ufeffA\nBody.\n",
        None,
        [("A", 1, "A\nBody.")],
    ),
]


@pytest.mark.parametrize(
    ("content", "separator", "expected"),
    [case[1:] for case in TEXT_CASES],
    ids=[case[0] for case in TEXT_CASES],
)
def test_text_articles(
    tmp_path: Path, content: str, separator: str | None, expected: list[tuple[str | None, int, str]]
) -> None:
    """Issue 2 "Input": `.txt`, one article per file or several separated by `Source link` or a given regex;
    cases made up to cover each rule of figures/ingest/plain.py."""
    _write(tmp_path, {"a.txt": content})
    documents, problems = _read([tmp_path / "a.txt"], separator)
    assert problems == []
    assert [(d.title, d.line, d.text) for d in documents] == expected
    assert all(d.doc_id == text_id(d.text) and d.path == str(tmp_path / "a.txt") for d in documents)


# --- records: JSON Lines, JSON, CSV -------------------------------------------------------------------------

FULL = {
    "id": "a1",
    "title": "T",
    "text": "Body 1.",
    "date": "2025-10-01",
    "source": "Reuters",
    "url": "https://x/1",
}
FULL_DOCUMENT = ("a1", "T", "Body 1.", dt.date(2025, 10, 1), "Reuters", "https://x/1")

RECORD_CASES = [
    # (id, file name, content, [(doc_id, title, text, date, source, url, line)])
    ("jsonl, every field", "a.jsonl", json.dumps(FULL) + "\n", [(*FULL_DOCUMENT, 1)]),
    (
        "jsonl, only text, blank lines between",
        "a.jsonl",
        '\n{"text": "Body 1."}\n\n{"text": "Body 2."}\n',
        [
            (text_id("Body 1."), None, "Body 1.", None, None, None, 2),
            (text_id("Body 2."), None, "Body 2.", None, None, None, 4),
        ],
    ),
    (
        "ndjson, numeric id and doc_id alias",
        "a.ndjson",
        '{"id": 7, "text": "x"}\n{"doc_id": "d2", "text": "y"}\n',
        [("7", None, "x", None, None, None, 1), ("d2", None, "y", None, None, None, 2)],
    ),
    ("json, one object", "a.json", json.dumps(FULL, indent=1), [(*FULL_DOCUMENT, 1)]),
    (
        "json, a list: each article's line is where its object starts",
        "a.json",
        '[\n  {"text": "one"},\n\n  {"id": "b",\n   "text": "two"}\n]\n',
        [(text_id("one"), None, "one", None, None, None, 2), ("b", None, "two", None, None, None, 4)],
    ),
    (
        "json holding JSON Lines",
        "a.json",
        '{"text": "one"}\n{"text": "two"}\n',
        [
            (text_id("one"), None, "one", None, None, None, 1),
            (text_id("two"), None, "two", None, None, None, 2),
        ],
    ),
    (
        "json, upper-case field names and extra fields",
        "a.json",
        '[{"ID": "u", "Text": "t", "Title": "Head", "lang": "en"}]',
        [("u", "Head", "t", None, None, None, 1)],
    ),
    (
        "csv, every field",
        "a.csv",
        "id,title,text,date,source,url\na1,T,Body 1.,2025-10-01,Reuters,https://x/1\n",
        [(*FULL_DOCUMENT, 2)],
    ),
    (
        "csv, columns in another order, some missing, a quoted text over several lines",
        "a.csv",
        'text,id\n"Line one,\nline two",q1\nsecond,q2\n',
        [
            ("q1", None, "Line one,\nline two", None, None, None, 2),
            ("q2", None, "second", None, None, None, 4),
        ],
    ),
    (
        "csv separated by semicolons, blank line skipped, short row",
        "a.csv",
        "id;text;title\nx;Body;Head\n\ny;Body y\n",
        [("x", "Head", "Body", None, None, None, 2), ("y", None, "Body y", None, None, None, 4)],
    ),
    (
        "csv with a byte-order mark and Windows line endings",
        "a.csv",
        "\ufeffid,text\r\nw,Body\r\n",
        [("w", None, "Body", None, None, None, 2)],
    ),
    (
        "csv with blank lines before the header",
        "a.csv",
        "\n\nid,text\nv,Body\n",
        [("v", None, "Body", None, None, None, 4)],
    ),
    (
        "dates in other common formats",
        "a.jsonl",
        "\n".join(
            json.dumps({"text": f"t{i}", "date": date})
            for i, date in enumerate(["1 October 2025", "Oct. 1, 2025", "2025-10-01T23:59:00Z"])
        ),
        [(text_id(f"t{i}"), None, f"t{i}", dt.date(2025, 10, 1), None, None, i + 1) for i in range(3)],
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [case[1:] for case in RECORD_CASES],
    ids=[case[0] for case in RECORD_CASES],
)
def test_record_articles(tmp_path: Path, name: str, content: str, expected: list[tuple[object, ...]]) -> None:
    """Issue 2 "Input": `.jsonl` / `.json` / `.csv` with columns `id, title, text, date, source, url`
    (`text` required, the rest optional); cases made up for each shape those files come in."""
    _write(tmp_path, {name: content})
    documents, problems = _read([tmp_path / name])
    assert problems == []
    assert [(d.doc_id, d.title, d.text, d.date, d.source, d.url, d.line) for d in documents] == expected
    assert all(d.path == str(tmp_path / name) for d in documents)


# --- dates ------------------------------------------------------------------------------------------------

DATE_CASES = [
    ("2025-10-01", dt.date(2025, 10, 1)),
    ("2025-10-01T12:00:00+02:00", dt.date(2025, 10, 1)),
    ("2025-10-01 12:00", dt.date(2025, 10, 1)),
    ("20251001", dt.date(2025, 10, 1)),
    ("2025/10/01", dt.date(2025, 10, 1)),
    ("1 October 2025", dt.date(2025, 10, 1)),
    ("01-Oct-2025", dt.date(2025, 10, 1)),
    ("October 1, 2025", dt.date(2025, 10, 1)),
    ("Oct. 1, 2025", dt.date(2025, 10, 1)),
    ("Sept 22, 2025", dt.date(2025, 9, 22)),
    ("22nd September 2025", dt.date(2025, 9, 22)),
    ("Wednesday, October 1, 2025", dt.date(2025, 10, 1)),
    ("October 1, 2025, 10:30 AM", dt.date(2025, 10, 1)),
    ("Wed, 01 Oct 2025 10:00:00 +0000", dt.date(2025, 10, 1)),
    ("25/10/2025", dt.date(2025, 10, 25)),
    ("10/25/2025", dt.date(2025, 10, 25)),
    ("25.10.2025", dt.date(2025, 10, 25)),
    ("03/03/2025", dt.date(2025, 3, 3)),
]
DATE_ERRORS = [
    ("01/10/2025", "ambiguous"),
    ("yesterday", "unreadable"),
    ("31 February 2025", "impossible"),
    ("2025-13-01", "impossible"),
    ("1 Brumaire 2025", "no month"),
    ("", "empty"),
]


@pytest.mark.parametrize(("written", "expected"), DATE_CASES)
def test_dates(written: str, expected: dt.date) -> None:
    """Issue 2: dates parsed to datetime.date (ISO and common formats); the forms are those of news feeds,
    RSS (RFC 2822) and spreadsheet exports."""
    assert parse_date(written) == expected


@pytest.mark.parametrize(("written", "reason"), DATE_ERRORS)
def test_dates_that_are_refused(written: str, reason: str) -> None:
    """A date that names no day, or two possible days, is refused with the reason, never guessed."""
    with pytest.raises(DateError, match=reason):
        parse_date(written)


# --- html -------------------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>Tomahawk range | The Outlet</title>
<meta property="og:title" content="Tomahawk range">
<meta property="og:site_name" content="The Outlet">
<meta property="article:published_time" content="2025-10-16T08:00:00Z">
<link rel="canonical" href="https://example.com/tomahawk"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Tomahawk range</h1>
<p>The Tomahawk, with a range of about 995 miles (1,600 kilometers), could reach Moscow from Ukraine,
officials said.</p>
<p>The Oreshnik has a reported maximum range of about 3,400 miles, according to the {word} ministry.</p>
</article><footer>Copyright 2025 The Outlet. All rights reserved.</footer></body></html>
"""


@pytest.mark.parametrize(
    ("charset", "word"),
    [("utf-8", "défense"), ("iso-8859-1", "défense")],
    ids=["utf-8 page", "latin-1 page that says so"],
)
def test_html_article(tmp_path: Path, charset: str, word: str) -> None:
    """Issue 2: `.html`, the article's main text (trafilatura), title and date from the page's metadata;
    the page is made up in the shape of a news site's article page."""
    _write(tmp_path, {"page.html": PAGE.format(charset=charset, word=word).encode(charset)})
    documents, problems = _read([tmp_path / "page.html"])
    assert problems == []
    [document] = documents
    assert document.title == "Tomahawk range"
    assert document.source == "The Outlet"
    assert document.date == dt.date(2025, 10, 16)
    assert document.url == "https://example.com/tomahawk"
    assert "about 995 miles (1,600 kilometers)" in document.text
    assert f"the {word} ministry" in document.text
    assert "Home" not in document.text and "All rights reserved" not in document.text
    assert (document.doc_id, document.line) == (text_id(document.text), 1)


# --- bad input ----------------------------------------------------------------------------------------------

GOOD = json.dumps({"id": "good", "text": "A good article."})

BAD_INPUT_CASES = [
    # (id, files, paths to read (None: the folder), [(path, line, words in the message)], good doc_ids)
    (
        "undecodable file (binary, no text encoding fits): the line of the first bad byte",
        {"a.txt": b"Title\nBody.\nCaf\xe9 " + bytes(range(16)) + b"\x81\x8d\x8f\x90\x9d", "b.jsonl": GOOD},
        None,
        [("a.txt", 3, "not valid UTF-8 (byte 0xe9 at column 4), and no other text encoding reads it")],
        ["good"],
    ),
    (
        "malformed JSONL line: the other lines still read",
        {"a.jsonl": '{"id": "x", "text": "one"}\n{"id": "y" "text": "two"}\n{"id": "z", "text": "three"}\n'},
        None,
        [("a.jsonl", 2, "not valid JSON (Expecting ',' delimiter at column 12)")],
        ["x", "z"],
    ),
    (
        "JSONL line that is not an object",
        {"a.jsonl": '["text", "x"]\n' + GOOD},
        None,
        [("a.jsonl", 1, "expected a JSON object for an article, found a list")],
        ["good"],
    ),
    ("empty file", {"a.txt": "", "b.jsonl": GOOD}, None, [("a.txt", None, "empty file")], ["good"]),
    (
        "file of blank lines",
        {"a.csv": "\n  \n", "b.jsonl": GOOD},
        None,
        [("a.csv", None, "empty file")],
        ["good"],
    ),
    ("empty HTML file", {"a.html": "", "b.jsonl": GOOD}, None, [("a.html", None, "empty file")], ["good"]),
    (
        "missing text column",
        {"a.csv": "id,title,body\n1,T,Body\n", "b.jsonl": GOOD},
        None,
        [("a.csv", 1, "no 'text' column (the header has: id, title, body)")],
        ["good"],
    ),
    (
        "missing and empty text fields",
        {"a.jsonl": '{"id": "n"}\n{"id": "e", "text": "  "}\n{"id": "i", "text": 5}\n' + GOOD},
        None,
        [
            ("a.jsonl", 1, "no 'text' field"),
            ("a.jsonl", 2, "empty text"),
            ("a.jsonl", 3, "'text' is a number, not a string"),
        ],
        ["good"],
    ),
    (
        "empty text in a CSV row",
        {"a.csv": "id,text\nx,\ny,Body y\n"},
        None,
        [("a.csv", 2, "empty text")],
        ["y"],
    ),
    (
        "CSV row with more fields than the header",
        {"a.csv": "id,text\nx,Body,extra\ny,Body y\n"},
        None,
        [("a.csv", 2, "3 fields but the header names 2")],
        ["y"],
    ),
    (
        "CSV with an unclosed quote",
        {"a.csv": 'id,text\ny,Body y\nx,"Body\n'},
        None,
        [("a.csv", 3, "not valid CSV")],
        ["y"],
    ),
    (
        "CSV with a header and no rows",
        {"a.csv": "id,text\n\n", "b.jsonl": GOOD},
        None,
        [("a.csv", None, "no articles after the header row")],
        ["good"],
    ),
    (
        "a file named .gz that is not gzip",
        {"a.jsonl.gz": GOOD, "b.jsonl": GOOD.replace("good", "b")},
        None,
        [("a.jsonl.gz", None, "not a valid gzip file")],
        ["b"],
    ),
    (
        "unparseable date: the article is kept without a date",
        {"a.jsonl": '{"id": "d", "text": "Body", "date": "next Tuesday"}\n'},
        None,
        [("a.jsonl", 1, "unreadable date 'next Tuesday'; write it as YYYY-MM-DD; the article is kept")],
        ["d"],
    ),
    (
        "unknown extension of a file named on its own (in a folder it is skipped, not a problem)",
        {"a.pdf": b"%PDF-1.4", "b.jsonl": GOOD},
        ["a.pdf", "b.jsonl"],
        [("a.pdf", None, "unknown file type '.pdf'")],
        ["good"],
    ),
    (
        "a path that does not exist",
        {"b.jsonl": GOOD},
        ["missing.txt", "b.jsonl"],
        [("missing.txt", None, "no such file or folder")],
        ["good"],
    ),
    (
        "duplicate doc_id with different text: the first is kept",
        {
            "a.jsonl": GOOD + "\n" + json.dumps({"id": "good", "text": "Another."}),
            "b.csv": "id,text\ngood,Third\n",
        },
        None,
        [
            ("a.jsonl", 2, "duplicate doc_id 'good' with different text (first read at a.jsonl:1); skipped"),
            ("b.csv", 2, "duplicate doc_id 'good' with different text (first read at a.jsonl:1); skipped"),
        ],
        ["good"],
    ),
    (
        "a JSON list broken in the middle: the articles before it are kept",
        {"a.json": '[{"id": "p", "text": "one"},\n {"id": "q" "text": "two"}]'},
        None,
        [("a.json", 2, "not valid JSON (Expecting ',' delimiter")],
        ["p"],
    ),
    (
        "a JSON list of no articles",
        {"a.json": "[]", "b.jsonl": GOOD},
        None,
        [("a.json", 1, "the list holds no articles")],
        ["good"],
    ),
    (
        "a text file of separators only",
        {"a.txt": "Source link\n\nSource link\n", "b.jsonl": GOOD},
        None,
        [("a.txt", None, "no article text")],
        ["good"],
    ),
    (
        "an HTML page with no article in it",
        {"a.html": "<html><body><script>var x = 1;</script></body></html>", "b.jsonl": GOOD},
        None,
        [("a.html", None, "no article text found in the page")],
        ["good"],
    ),
]


@pytest.mark.parametrize(
    ("files", "paths", "expected_problems", "expected_ids"),
    [c[1:] for c in BAD_INPUT_CASES],
    ids=[c[0] for c in BAD_INPUT_CASES],
)
def test_bad_input(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    files: dict[str, str | bytes],
    paths: list[str] | None,
    expected_problems: list[tuple[str, int | None, str]],
    expected_ids: list[str],
) -> None:
    """Issue 2 "Bad input": each case gives a Problem naming the file and line, and the good articles
    still come through. Cases from the issue's list (undecodable, malformed JSONL line, empty file,
    missing text column) and from the brief for this stage (unknown extension, missing path, duplicates,
    unreadable date), plus the other ways those files break."""
    _write(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    documents, problems = _read(paths if paths is not None else ["."])
    found = [(Path(p.path).name if paths is None else p.path, p.line) for p in problems]
    assert found == [(path, line) for path, line, _ in expected_problems]
    for problem, (_, _, words) in zip(problems, expected_problems, strict=True):
        assert words in problem.message
    assert [d.doc_id for d in documents] == expected_ids


def test_problem_reads_as_file_line_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The brief's own example of a clear message."""
    _write(tmp_path, {"seeds/x.jsonl": GOOD + "\n\n" + '{"id": "a", "text": "b" "c"}\n'})
    monkeypatch.chdir(tmp_path)
    _, problems = _read(["seeds/x.jsonl"])
    assert [str(problem) for problem in problems] == [
        "seeds/x.jsonl:3: not valid JSON (Expecting ',' delimiter at column 25)"
    ]


# --- folders, order, separators -------------------------------------------------------------------------


def test_folders_are_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    """Issue 2: paths are files or folders (recursive); sorted so that runs are deterministic; hidden
    files are skipped; a file named twice is read once."""
    _write(
        tmp_path,
        {
            "b.jsonl": json.dumps({"id": "b", "text": "B"}),
            "a/z.jsonl": json.dumps({"id": "a/z", "text": "AZ"}),
            "a/b/c.jsonl": json.dumps({"id": "a/b/c", "text": "ABC"}),
            "a/.hidden.jsonl": json.dumps({"id": "hidden", "text": "H"}),
            ".git/x.jsonl": json.dumps({"id": "git", "text": "G"}),
            "c.jsonl": json.dumps({"id": "c", "text": "C"}),
        },
    )
    documents, problems = _read([tmp_path, tmp_path / "b.jsonl"])
    assert problems == []
    assert [d.doc_id for d in documents] == ["a/b/c", "a/z", "b", "c"]
    assert documents[0].path == str(tmp_path / "a" / "b" / "c.jsonl")


@pytest.mark.parametrize(
    ("name", "content", "doc_id"),
    [
        ("a.jsonl.gz", GOOD, "good"),
        ("a.TXT.gz", "Title\n\nA good article.\n", text_id("Title\n\nA good article.")),
        ("A.CSV", "id,text\ngood,Body\n", "good"),
    ],
)
def test_compressed_and_upper_case_names(tmp_path: Path, name: str, content: str, doc_id: str) -> None:
    """Exports often come gzipped (articles.jsonl.gz) or with upper-case extensions from Windows tools."""
    data = gzip.compress(content.encode("utf-8")) if name.endswith(".gz") else content.encode("utf-8")
    _write(tmp_path, {name: data})
    documents, problems = _read([tmp_path])
    assert problems == []
    [document] = documents
    assert document.path == str(tmp_path / name)
    assert document.doc_id == doc_id


def test_a_single_path_string_is_one_path(tmp_path: Path) -> None:
    """read_paths("folder") means the folder, not its name's letters."""
    _write(tmp_path, {"a.jsonl": GOOD})
    documents, problems = _read(str(tmp_path))  # type: ignore[arg-type]
    assert ([d.doc_id for d in documents], problems) == (["good"], [])


def test_an_invalid_separator_is_a_library_error() -> None:
    """A bad --separator is the user's option, not the input: it raises FiguresError before reading."""
    with pytest.raises(FiguresError, match="not a valid regular expression"):
        read_paths(["nowhere"], separator="(unclosed")


# --- properties --------------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", " ", "\n", "Source link", ".", "é", "\t"]), max_size=60).map("".join)
)
def test_plain_text_articles_are_verbatim_slices(text: str) -> None:
    """Whatever the text, each article is the file's text from its ``line`` on, verbatim, and never holds
    a separator line."""
    lines = text.split("\n")
    for item in read_text("p.txt", text):
        if isinstance(item, Problem):
            assert item.message == "no article text (only separator lines)"
            continue
        assert item.line is not None and item.text.strip()
        start = sum(len(line) + 1 for line in lines[: item.line - 1])
        assert text[start : start + len(item.text)] == item.text
        assert not any(line.strip().lower() == "source link" for line in item.text.split("\n"))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["{", "}", '"', '"text"', ":", ",", "\n", "1", "[", "]", "x"]), max_size=40).map(
        "".join
    )
)
def test_jsonl_never_raises(text: str) -> None:
    """Any JSONL content gives Documents and Problems, never an exception, and each Problem has a line."""
    for item in read_jsonl("p.jsonl", text):
        assert isinstance(item, Document) or item.line is not None


# --- issue 9 "Input": encodings, unknown files, standard input ------------------------------------------

LATIN_ARTICLE = "Café prices\n\nThe café in Zürich sold 3,400 croissants; naïve façade, déjà vu.\n"


@pytest.mark.parametrize(
    ("encoding", "content", "label"),
    [
        ("latin-1", LATIN_ARTICLE, "cp1252"),  # Windows-1252 reads every printable Latin-1 byte the same
        ("cp1252", "“Range” – £1.3m…\n\nThe Tomahawk’s range is 1,600 km, he said.\n", "cp1252"),
        ("utf-16", LATIN_ARTICLE, "UTF-16 (byte-order mark)"),  # Python writes the mark, little-endian
        ("utf-16-be", "\ufeff" + LATIN_ARTICLE, "UTF-16 (byte-order mark)"),
        ("utf-8-sig", LATIN_ARTICLE, None),  # UTF-8 all the same: nothing to say
        (
            "cp1251",
            "Ракеты\n\nРоссия выпустила девять баллистических ракет Искандер-М, сообщило министерство.\n",
            "cp1251",
        ),
    ],
    ids=["latin-1", "cp1252", "utf-16-le-bom", "utf-16-be-bom", "utf-8-bom", "cp1251"],
)
def test_files_not_in_utf8_are_decoded_and_said_so(
    tmp_path: Path, encoding: str, content: str, label: str | None
) -> None:
    """Issue 9 "Input": decode with charset-normalizer when a file is not UTF-8, a byte-order mark decides
    outright, and the run says which files were decoded from what."""
    _write(tmp_path, {"a.txt": content.encode(encoding), "b.jsonl": GOOD})
    reading = read_paths([tmp_path])
    items = list(reading)
    assert [item for item in items if isinstance(item, Problem)] == []
    article = next(item for item in items if isinstance(item, Document) and item.path.endswith("a.txt"))
    assert article.text == content.lstrip("\ufeff").strip("\n")
    assert reading.decoded == ([(str(tmp_path / "a.txt"), label)] if label else [])
    if label:
        assert reading.notes() == [f"decoded from {label}: {tmp_path / 'a.txt'}"]


def test_a_jsonl_file_in_latin1_keeps_its_line_numbers(tmp_path: Path) -> None:
    lines = ['{"id": "a", "text": "Caf\u00e9 one"}', "not json", '{"id": "b", "text": "na\u00efve two"}']
    _write(tmp_path, {"a.jsonl": "\n".join(lines).encode("latin-1")})
    documents, problems = _read([tmp_path / "a.jsonl"])
    assert [(d.doc_id, d.text, d.line) for d in documents] == [("a", "Café one", 1), ("b", "naïve two", 3)]
    assert [(p.line, p.message.split(" (")[0]) for p in problems] == [(2, "not valid JSON")]


def test_html_without_a_declared_charset_is_detected(tmp_path: Path) -> None:
    page = PAGE.replace('<meta charset="{charset}">', "").format(charset="", word="Zürich café")
    _write(tmp_path, {"page.html": page.encode("cp1252")})
    reading = read_paths([tmp_path / "page.html"])
    [document] = list(reading)
    assert isinstance(document, Document) and "the Zürich café ministry" in document.text
    assert reading.decoded == [(str(tmp_path / "page.html"), "cp1252")]


def test_files_of_unknown_type_in_a_folder_are_skipped_and_counted(tmp_path: Path) -> None:
    """Issue 9: a .md file in a folder is skipped and counted, not an input problem."""
    _write(
        tmp_path,
        {"notes.md": "# Notes\n", "sub/scan.pdf": b"%PDF-1.4", "sub/LICENSE": "MIT", "b.jsonl": GOOD},
    )
    reading = read_paths([tmp_path])
    documents, problems = _split(list(reading))
    assert [d.doc_id for d in documents] == ["good"] and problems == []
    assert sorted(Path(path).name for path, _ in reading.skipped) == ["LICENSE", "notes.md", "scan.pdf"]
    assert reading.notes() == [
        f"skipped 3 files (unknown file type): {tmp_path / 'notes.md'}, {tmp_path / 'sub/LICENSE'}, "
        f"{tmp_path / 'sub/scan.pdf'}"
    ]


def _split(items: list[Document | Problem]) -> tuple[list[Document], list[Problem]]:
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Problem)]


def _within(seconds: float, work: Callable[[], T]) -> T:
    """``work()``'s result, or a failure if it has not returned after ``seconds`` (it would hang forever)."""
    done: list[T] = []
    worker = threading.Thread(target=lambda: done.append(work()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert done, f"still running after {seconds} s: it hangs"
    return done[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_in_a_folder_is_skipped_never_opened(tmp_path: Path) -> None:
    """Issue 10 "Hangs": a FIFO named *.txt in a folder hung `extract` forever; only regular files are
    read."""
    _write(tmp_path, {"b.jsonl": GOOD})
    os.mkfifo(tmp_path / "a.txt")
    reading = read_paths([tmp_path])
    documents, problems = _split(_within(10, lambda: list(reading)))
    assert [d.doc_id for d in documents] == ["good"] and problems == []
    assert reading.skipped == [(str(tmp_path / "a.txt"), "not a regular file: a FIFO, never opened")]
    # Named on its own it is a problem (the user asked for it), still without opening it.
    documents, problems = _split(_within(10, lambda: list(read_paths([tmp_path / "a.txt"]))))
    assert documents == [] and [p.message.split(";")[0] for p in problems] == ["not a regular file (a FIFO)"]


def test_a_device_named_on_its_own_is_a_problem() -> None:
    documents, problems = _split(_within(10, lambda: list(read_paths(["/dev/zero"]))))
    assert documents == [] and "not a regular file (a character device)" in problems[0].message


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (
            '{"id": "x", "text": "Caf\u00e9 one."}\n\n{"id": "y", "text": "Two."}\n',
            [("x", "Café one.", 1), ("y", "Two.", 3)],
        ),
        (
            "Headline\n\nA body of text with 3 numbers.\n",
            [(text_id("Headline\n\nA body of text with 3 numbers."), None, 1)],
        ),
        ("[1, 2]\nnot an article\n", [(text_id("[1, 2]\nnot an article"), None, 1)]),  # JSON, but no article
    ],
    ids=["jsonl", "text", "a JSON line that is no article object"],
)
def test_standard_input_is_jsonl_or_text(given: str, expected: list[tuple[str, str | None, int]]) -> None:
    """Issue 9: `extract -` reads JSON Lines or text from standard input (sniffed from the first line)."""
    reading = read_paths(["-"])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(given.encode("utf-8"))))
        documents, problems = _split(list(reading))
    assert problems == []
    assert [(d.doc_id, d.path, d.line) for d in documents] == [
        (i, "<stdin>", line) for i, _, line in expected
    ]
    for document, (_, text, _) in zip(documents, expected, strict=True):
        assert text is None or document.text == text


def test_check_paths_names_every_missing_path(tmp_path: Path) -> None:
    _write(tmp_path, {"b.jsonl": GOOD})
    check_paths([tmp_path / "b.jsonl", tmp_path, "-"])
    with pytest.raises(FiguresError, match="no-such.txt, other: no such file or folder"):
        check_paths([tmp_path / "b.jsonl", "no-such.txt", "other"])
    with pytest.raises(FiguresError, match="standard input can be read only once"):
        check_paths(["-", "-"])


@pytest.mark.parametrize(
    ("argument", "files", "expected"),
    [
        ("The Tomahawk has a range of 1,600 km.", {}, [(None, "The Tomahawk has a range of 1,600 km.")]),
        ("x.txt", {"x.txt": "Title\n\nBody with 3 figures.\n"}, [(None, "Title\n\nBody with 3 figures.")]),
        ("s.jsonl", {"s.jsonl": GOOD + "\n"}, [("good", "A good article.")]),
        ("sentences", {"sentences": GOOD + "\n"}, [("good", "A good article.")]),  # no extension: sniffed
        ("notes.log", {"notes.log": "Body with 3 figures.\n"}, [(None, "Body with 3 figures.")]),
        ("folder", {"folder/a.jsonl": GOOD}, [("good", "A good article.")]),
    ],
    ids=["text", "txt file", "jsonl file", "file without extension", "file of unknown type", "folder"],
)
def test_parse_input_is_a_file_when_one_is_named(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argument: str,
    files: dict[str, str],
    expected: list[tuple[str | None, str]],
) -> None:
    """Issue 9: `figures parse seeds/x.txt` parsed the file name as text."""
    _write(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    documents, problems = _split(list(read_parse_input(argument)))
    assert problems == []
    assert [(d.doc_id, d.text) for d in documents] == [(i or text_id(t), t) for i, t in expected]


def test_parse_input_refuses_a_missing_file_name() -> None:
    with pytest.raises(FiguresError, match="missing.jsonl: no such file or folder"):
        read_parse_input("missing.jsonl")


# --- issue 10: long lines, big files, duplicates --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected_ids", "expected_problems"),
    [
        (
            "a.jsonl",
            GOOD
            + "\n"
            + json.dumps({"id": "long", "text": "x" * 500})
            + "\n"
            + GOOD.replace("good", "after"),
            ["good", "after"],
            [
                (
                    2,
                    "526 characters on one line, over the limit of 100 for one article; skipped",
                )
            ],
        ),
        (
            "a.txt",
            "One\n\nShort.\nSource link\nTwo\n" + "y" * 500 + "\nmore\nSource link\nThree\n\nShort.\n",
            [text_id("One\n\nShort."), text_id("Three\n\nShort.")],
            [(6, "500 characters on one line, over the limit of 100 for one article")],  # and "more" with it
        ),
        (
            "b.txt",
            "One\n\nShort.\nSource link\nTwo\n" + "z\n" * 60 + "Source link\nThree\n\nShort.\n",
            [text_id("One\n\nShort."), text_id("Three\n\nShort.")],
            [(5, "an article of more than 100 characters; skipped up to the next separator line")],
        ),
        (
            "a.csv",
            "id,text\ngood,A good article.\nlong," + "w" * 500 + "\nafter,After.\n",
            ["good", "after"],
            [(3, "505 characters on one line, over the limit of 100 for one article")],
        ),
        (
            "a.json",
            json.dumps(
                [{"id": "good", "text": "A good article."}, {"id": "long", "text": "v" * 500}, {"text": "A."}]
            ),
            ["good", text_id("A.")],
            [(1, "an article of 526 characters, over the limit of 100; skipped")],
        ),
    ],
    ids=["jsonl line", "txt line", "txt article", "csv line", "json article"],
)
def test_a_line_or_article_over_the_limit_is_refused_with_its_size(
    tmp_path: Path, name: str, content: str, expected_ids: list[str], expected_problems: list[tuple[int, str]]
) -> None:
    """Issue 10: "a very long line is read in bounded memory, or refused with a message naming its size"."""
    _write(tmp_path, {name: content})
    documents, problems = _split(list(read_paths([tmp_path / name], limit=100)))
    assert [d.doc_id for d in documents] == expected_ids
    assert [p.line for p in problems] == [line for line, _ in expected_problems]
    for problem, (_, message) in zip(problems, expected_problems, strict=True):
        assert problem.message.startswith(message)


def test_a_50_mb_single_line_file_is_refused_not_hung(tmp_path: Path) -> None:
    """Issue 10 "Hangs": a 50 MB single-line file ran past 10 minutes and loaded nothing. It is over the
    default limit, so it is refused at once, naming its size; the file after it still reads."""
    size = 50 * 2**20
    (tmp_path / "a.txt").write_bytes(b"1," * (size // 2))
    _write(tmp_path, {"b.jsonl": GOOD})
    documents, problems = _split(_within(60, lambda: list(read_paths([tmp_path]))))
    assert [d.doc_id for d in documents] == ["good"]
    assert [(Path(p.path).name, p.line) for p in problems] == [("a.txt", 1)]
    assert problems[0].message.startswith(
        f"{size:,} characters on one line, over the limit of {MAX_ARTICLE_CHARS:,}"
    )


def test_a_truncated_gzip_keeps_the_articles_before_the_cut(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": f"d{n}", "text": f"Article {n}. " * 50}) + "\n" for n in range(2000))
    whole = gzip.compress(lines.encode("utf-8"))
    _write(tmp_path, {"a.jsonl.gz": whole[: len(whole) // 2], "b.jsonl": GOOD})
    documents, problems = _split(list(read_paths([tmp_path])))
    assert [(Path(p.path).name, p.message.split(" (")[0]) for p in problems] == [
        ("a.jsonl.gz", "not a valid gzip file")
    ]
    ids = [d.doc_id for d in documents]
    assert ids[-1] == "good" and ids[:-1] == [f"d{n}" for n in range(len(ids) - 1)]


@settings(max_examples=100, deadline=None)
@given(
    articles=st.lists(
        st.fixed_dictionaries({"id": st.text(max_size=5), "text": st.text(min_size=1, max_size=40)}),
        max_size=8,
    ),
    indent=st.sampled_from([None, 0, 1, 2]),
    piece=st.integers(min_value=1, max_value=64),
)
def test_a_json_list_read_a_piece_at_a_time_gives_every_article(
    articles: list[dict[str, str]], indent: int | None, piece: int
) -> None:
    """The streaming .json reader, with windows small enough to cut every value, string and escape in two,
    reads what json.loads reads, with each article's line."""
    written = json.dumps(articles, indent=indent)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(records, "_JSON_PIECE", piece)
        items = list(read_json("a.json", io.StringIO(written)))
    expected = [a for a in articles if a["text"].strip()]
    got = [i for i in items if isinstance(i, Document)]
    assert [(d.doc_id, d.text) for d in got] == [
        (a["id"].strip() or text_id(a["text"]), a["text"]) for a in expected
    ]
    if indent is not None and articles:
        starts = [n for n, line in enumerate(written.split("\n"), start=1) if line.strip() == "{"]
        assert [d.line for d in got] == [starts[n] for n, a in enumerate(articles) if a["text"].strip()]


def test_same_id_same_text_is_read_once_and_counted(tmp_path: Path) -> None:
    """Issue 10 "Silent data loss": the same id with different text is a problem (the first is kept, see
    test_bad_input); the same id with the same text (an article in two exports) is read once."""
    article = json.dumps({"id": "a1", "text": "Same text."})
    _write(tmp_path, {"one.jsonl": article + "\n" + GOOD, "two.jsonl": article, "three.txt": "Same\n\nBody."})
    _write(tmp_path, {"four.txt": "Same\n\nBody.\nSource link\nSame\n\nBody.\n"})
    reading = read_paths([tmp_path])
    documents, problems = _split(list(reading))
    assert problems == []
    assert [d.doc_id for d in documents] == [text_id("Same\n\nBody."), "a1", "good"]
    assert reading.repeats == 3
    assert reading.notes() == ["read 3 articles again with the same id and text; loaded once"]


@pytest.mark.parametrize("name", ["a.jsonl", "a.jsonl.gz", "a.json", "a.txt", "a.csv"])
def test_a_file_is_read_in_flat_memory(tmp_path: Path, name: str) -> None:
    """Issue 10 "Memory": the whole input file was read into memory (a 200 MB JSONL file held 1.6 GB).
    Reading a 20 MB file of 5 KB articles now peaks at a few MB, whatever the format: one article and a
    read buffer at a time, never the file."""
    body = "The Tomahawk has a range of 1,600 km, about 995 miles. " * 95
    records = [{"id": f"d{n}", "text": f"{n} {body}"} for n in range(4000)]
    if name.startswith("a.jsonl"):
        content = "".join(json.dumps(record) + "\n" for record in records).encode("utf-8")
    elif name == "a.json":
        content = json.dumps(records, indent=1).encode("utf-8")
    elif name == "a.txt":
        content = "".join(f"{record['text']}\nSource link\n" for record in records).encode("utf-8")
    else:
        rows = "".join(f'{record["id"]},"{record["text"]}"\n' for record in records)
        content = f"id,text\n{rows}".encode()
    size = len(content)
    (tmp_path / name).write_bytes(gzip.compress(content) if name.endswith(".gz") else content)
    tracemalloc.start()
    try:
        read = sum(isinstance(item, Document) for item in read_paths([tmp_path / name]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert read == 4000 and size > 20 * 10**6
    assert peak < 8 * 2**20, f"{peak / 2**20:.1f} MiB to read a {size / 2**20:.0f} MiB file"
