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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from figures.ingest.lines import MAX_ARTICLE_CHARS, Line, split_lines
from figures.model import Document, Problem, text_id

SOURCE_LINK = re.compile(r"\s*source link\s*", re.IGNORECASE)

_MAX_TITLE = 300  # characters; a longer first line is body text, not a headline
_MAX_LABEL_WORDS = 3
_MAX_HEADLINE_WORDS = 30
_TRAILING_PUNCTUATION = re.compile(r"[.!?:;,…]\s*$")
# A paragraph ends with a full stop, possibly inside closing quotes or brackets; a headline does not.
_ENDS_LIKE_SENTENCE = re.compile(r"\.[\"'”’)\]]*\s*$")
_BYLINE = re.compile(r"by\s", re.IGNORECASE)


def read_text(
    path: str,
    lines: str | Iterable[Line | Problem],
    separator: re.Pattern[str] | None = None,
    limit: int = MAX_ARTICLE_CHARS,
) -> Iterator[Document | Problem]:
    """Every article in one plain-text file, split on ``separator`` lines (``Source link`` by default).

    ``lines`` is the file's text, or its numbered lines as ``numbered_lines`` reads them: one article at a
    time is held, never the file. An article over ``limit`` characters is a Problem and is skipped.
    """
    pattern = separator or SOURCE_LINK
    found = False
    for item in _articles(path, split_lines(lines) if isinstance(lines, str) else lines, pattern, limit):
        found = True
        if isinstance(item, Problem):
            yield item
            continue
        yield Document(
            doc_id=text_id(item.text), text=item.text, title=_title(item.heads), path=path, line=item.line
        )
    if not found:
        yield Problem(path, None, "no article text (only separator lines)")


@dataclass(frozen=True, slots=True)
class _Article:
    line: int  # where its text starts
    text: str
    heads: list[str]  # its first two non-empty lines, stripped


def _articles(
    path: str, lines: Iterable[Line | Problem], separator: re.Pattern[str], limit: int
) -> Iterator[_Article | Problem]:
    """Each article's text (first to last non-empty line, verbatim) between separator lines, one at a time."""
    kept: list[str] = []  # the article's lines from its first non-empty one
    filled = 0  # how many of ``kept`` reach its last non-empty line
    heads: list[str] = []
    first = 0  # the line number of ``kept[0]``
    size = 0  # characters in ``kept``, newlines included
    skipping = False  # past a line or an article too long: until the next separator

    def article() -> _Article:
        return _Article(first, "\n".join(kept[:filled]), heads)

    for item in lines:
        if isinstance(item, Problem):  # a line too long for any article
            yield item
            kept, filled, heads, size, skipping = [], 0, [], 0, True
            continue
        number, content = item
        if separator.fullmatch(content):
            if filled:
                yield article()
            kept, filled, heads, size, skipping = [], 0, [], 0, False
            continue
        blank = not content.strip()
        if skipping or (blank and not kept):
            continue
        if not kept:
            first = number
        kept.append(content)
        size += len(content) + 1
        if not blank:
            filled = len(kept)
            if len(heads) < 2:
                heads.append(content.strip())
        if size > limit:
            message = f"an article of more than {limit:,} characters; skipped up to the next separator line"
            yield Problem(path, first, message)
            kept, filled, heads, size, skipping = [], 0, [], 0, True
    if filled:
        yield article()


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
