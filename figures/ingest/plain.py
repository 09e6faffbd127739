"""Reader for plain-text articles: one per file, or several split by separator lines.

Scraped news dumps end each article with a line ``Source link`` (the seed corpus does); a file with such a
line is split there without being asked. Another convention is given as a regular expression that matches
a whole separator line. Each article's text is kept exactly as in the file, from its first non-empty line
to its last, without the separator line; its ``line`` is the file line where that text starts.

The title is the first non-empty line, except where that line is a section label (one to three words
with no punctuation at the end, as "Moscow" above the first seed article) followed by a line that reads
as a headline: then the headline is the title. A first line too long for a headline gives no title.
Plain text carries no reliable date or outlet, so those stay unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from figures.model import Document, Problem, text_id

SOURCE_LINK = re.compile(r"\s*source link\s*", re.IGNORECASE)

_MAX_TITLE = 300  # characters; a longer first line is body text, not a headline
_MAX_LABEL_WORDS = 3
_MAX_HEADLINE_WORDS = 30
_TRAILING_PUNCTUATION = re.compile(r"[.!?:;,…]\s*$")
# A paragraph ends with a full stop, possibly inside closing quotes or brackets; a headline does not.
_ENDS_LIKE_SENTENCE = re.compile(r"\.[\"'”’)\]]*\s*$")
_BYLINE = re.compile(r"by\s", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Line:
    number: int  # 1-based
    start: int  # offset of the line in the file's text
    end: int  # offset of its end, before the newline
    content: str


def read_text(path: str, text: str, separator: re.Pattern[str] | None = None) -> Iterator[Document | Problem]:
    """Every article in one plain-text file, split on ``separator`` lines (``Source link`` by default)."""
    pattern = separator or SOURCE_LINK
    found = 0
    for chunk in _chunks(text, pattern):
        body = [line for line in chunk if line.content.strip()]
        if not body:
            continue
        found += 1
        article = text[body[0].start : body[-1].end]
        yield Document(
            doc_id=text_id(article),
            text=article,
            title=_title([line.content.strip() for line in body[:2]]),
            path=path,
            line=body[0].number,
        )
    if not found:
        yield Problem(path, None, "no article text (only separator lines)")


def _chunks(text: str, separator: re.Pattern[str]) -> Iterator[list[_Line]]:
    """The runs of lines between separator lines."""
    chunk: list[_Line] = []
    offset = 0
    for number, content in enumerate(text.split("\n"), start=1):
        line = _Line(number, offset, offset + len(content), content)
        offset = line.end + 1
        if separator.fullmatch(content):
            yield chunk
            chunk = []
        else:
            chunk.append(line)
    yield chunk


def _title(first_lines: list[str]) -> str | None:
    first = first_lines[0]
    if len(first_lines) > 1 and _is_label(first) and _is_headline(first_lines[1]):
        return first_lines[1]
    return first if len(first) <= _MAX_TITLE else None


def _is_label(line: str) -> bool:
    return len(line.split()) <= _MAX_LABEL_WORDS and not _TRAILING_PUNCTUATION.search(line)


def _is_headline(line: str) -> bool:
    return (
        len(line) <= _MAX_TITLE
        and len(line.split()) <= _MAX_HEADLINE_WORDS
        and not _ENDS_LIKE_SENTENCE.search(line)
        and not _BYLINE.match(line)
    )
