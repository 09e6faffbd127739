"""Numbered lines of a text stream in bounded memory: a line longer than the limit is skipped, not held.

``io.TextIOWrapper`` iteration reads a line whole, however long: a 50 MB file on one line is 50 MB (and
more, as a str) before anyone can refuse it. Here a line is read at most ``limit`` characters at a time,
and a longer one is read on to its end in small pieces and dropped, with a Problem naming its line and
size.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from figures.model import Problem

MAX_ARTICLE_CHARS = 16 * 2**20  # characters in one article, or one line holding one: 16 Mi (an article
# is rarely past 100 K; a whole novel is about 3 M). Anything longer is refused, so memory stays bounded.
_SKIP_PIECE = 1 << 20  # characters read at a time while passing over a line that is too long

Line = tuple[int, str]  # (1-based line number, the line without its "\n")


def numbered_lines(path: str, stream: TextIO, limit: int = MAX_ARTICLE_CHARS) -> Iterator[Line | Problem]:
    """Every line of ``stream`` with its number, and a Problem for each line over ``limit`` characters.

    A decoding error part-way (a file that changed since its encoding was checked) ends the file with a
    Problem at the line reached.
    """
    number = 0
    try:
        while line := stream.readline(limit + 1):
            number += 1
            if line.endswith("\n"):
                yield number, line[:-1]
            elif len(line) <= limit:  # the last line, with no newline after it
                yield number, line
            else:
                size = len(line)
                del line
                while piece := stream.readline(_SKIP_PIECE):
                    size += len(piece)
                    if piece.endswith("\n"):
                        size -= 1
                        break
                yield Problem(path, number, too_long(size, limit))
    except UnicodeDecodeError as error:
        yield Problem(
            path, number + 1, f"cannot be decoded as {error.encoding} ({error.reason}); rest skipped"
        )


def too_long(size: int, limit: int) -> str:
    return f"{size:,} characters on one line, over the limit of {limit:,} for one article; skipped"


def split_lines(text: str) -> Iterator[Line]:
    """The lines of text already in memory, numbered the same way."""
    yield from enumerate(text.split("\n"), start=1)
