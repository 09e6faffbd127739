"""Page furniture in scraped news text: reading times, "N hours ago", image counters, caption credits, CSS
sizes, share bars, bylines and navigation. Their numbers are never figures.

The patterns are data (``figures/data/furniture.txt``): whole-line patterns, matched only against lines of
at most ``MAX_LINE`` characters, and inline patterns matched anywhere. ``furniture_spans`` gives the spans
to leave out, and ``Furniture(text).covers(offset)`` asks about one number; the extractor masks them, so
the stored text and every figure's offsets stay as they were.
HTML pages lose most furniture earlier, in trafilatura (``figures/ingest/html.py``); this catches text
that arrives already scraped.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

MAX_LINE = 200


@cache
def _patterns() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """(whole-line pattern, inline pattern) from the data file, each one compiled alternation."""
    text = resources.files("figures").joinpath("data", "furniture.txt").read_text(encoding="utf-8")
    lines: list[str] = []
    inline: list[str] = []
    for number, raw in enumerate(text.splitlines(), 1):
        raw = raw.strip()
        if not raw or raw.startswith("#"):
            continue
        kind, _, pattern = raw.partition(": ")
        if kind not in ("line", "inline") or not pattern:
            raise ValueError(f"furniture.txt:{number}: expected 'line: REGEX' or 'inline: REGEX'")
        re.compile(pattern)  # a bad pattern names its line
        (lines if kind == "line" else inline).append(f"(?:{pattern})")
    line_re = (
        re.compile(rf"^[ \t]*(?:{'|'.join(lines)})[ \t]*$", re.IGNORECASE | re.MULTILINE) if lines else None
    )
    inline_re = re.compile("|".join(inline), re.IGNORECASE) if inline else None
    return line_re, inline_re


_LINE_RE = re.compile(r"[^\n]+")
# a word or sign near the number in every inline pattern of furniture.txt: plain substring tests (fast, in
# C) tell whether any number of a text needs the inline patterns at all; keep in step with the data file
_INLINE_HINTS = ("ago", "read", "image", "photo", "picture", "slide", "width", "height", "size", "px", "rem")
_INLINE_SIGNS = ("vh", "vw", "pt", "em", "|", "•", "·", "×", "=")
# words and signs of which every whole-line pattern of furniture.txt has one; keep in step with the file
_LINE_HINTS = (
    "ago", " of ", "/", "photo", "image", "picture", "illustration", "video", "getty", "reuters", "afp",
    "share", "comment", "like", "view", "repl", "tweet", "reaction", "email", "facebook", "linkedin",
    "whatsapp", "print", "save", "by ", "page", "next", "prev", "first", "last", "«", "»", "‹", "›", "…",
    "top", "content", "more", "related", "credit",
)  # fmt: skip
_SHORT_LINE = 12  # "3 of 7", "12 3 4": short lines are always tried


def _may_be_furniture(line: str) -> bool:
    lower = line.lower()
    return len(line.strip()) <= _SHORT_LINE or any(hint in lower for hint in _LINE_HINTS)


INLINE_REACH = 24  # an inline pattern reaches at most this far on either side of a number in it


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of page furniture in ``text``, in order; they may overlap."""
    line_re, inline_re = _patterns()
    spans: list[tuple[int, int]] = []
    if line_re is not None:
        for line in _LINE_RE.finditer(text):
            if line.end() - line.start() <= MAX_LINE:
                match = line_re.match(text, line.start(), line.end())
                if match:
                    spans.append(match.span())
    if inline_re is not None:
        spans += [m.span() for m in inline_re.finditer(text)]
    return sorted(spans)


class Furniture:
    """Whether an offset of a text lies in page furniture, judged only where asked (the extractor asks at
    each number it finds), so a text costs in proportion to its numbers, not to its length."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: dict[int, bool] = {}  # line start -> the whole line is furniture
        lower = text.lower()  # most texts have no inline furniture: then no number needs the inline patterns
        self._inline = any(hint in lower for hint in _INLINE_HINTS) or any(s in lower for s in _INLINE_SIGNS)

    def covers(self, offset: int) -> bool:
        line_re, inline_re = _patterns()
        text = self._text
        if not text[offset : offset + 1].isdigit():
            return False  # furniture numbers are written in digits ("4 min read", "3 of 7")
        start = text.rfind("\n", max(0, offset - MAX_LINE - 1), offset) + 1
        if line_re is not None and (start > 0 or offset <= MAX_LINE):
            if start not in self._lines:
                end = text.find("\n", offset, start + MAX_LINE + 1)
                end = len(text) if end == -1 and len(text) - start <= MAX_LINE else end
                self._lines[start] = (
                    end != -1 and _may_be_furniture(text[start:end]) and bool(line_re.match(text, start, end))
                )
            if self._lines[start]:
                return True
        if inline_re is None or not self._inline:
            return False
        window_start, window_end = max(0, offset - INLINE_REACH), min(len(text), offset + INLINE_REACH)
        return any(m.start() <= offset < m.end() for m in inline_re.finditer(text, window_start, window_end))
