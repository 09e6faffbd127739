"""Sentence boundaries: enough for provenance and for linking within a sentence.

A sentence ends at a line break or at . ! ? followed by space and an upper-case letter, a digit or a quote,
unless the full stop ends a known abbreviation ("U.S.", "Oct.", "Mr.").
Text with no boundary for a long way (a table of numbers, prose without full stops) is cut into pieces of
at most ``MAX_SENTENCE`` characters at a space, so that the sentence each figure carries stays bounded and
the cost of a document stays linear in its length.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_BOUNDARY_RE = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9£$€])|\n+")
_ABBREVIATION_RE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Rep|Sen|Gov|St|Mt|Jr|Sr|No|Nos|Vol|Fig|vs|etc|approx|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Corp|Ltd|Co|U\.S|U\.K|U\.N|E\.U|a\.m|p\.m|e\.g|i\.e)"
    r"|\b[A-Z])\.$"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY_RE.finditer(text):
        if "\n" not in match.group() and _ABBREVIATION_RE.search(
            text, max(0, match.start() - 6), match.start()
        ):
            continue
        _append(spans, text, start, match.start())
        start = match.end()
    _append(spans, text, start, len(text))
    return spans


MAX_SENTENCE = 1000


def _append(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while end - start > MAX_SENTENCE:  # cut at the last space of the window, or hard at its end
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        _append_one(spans, text, start, cut)
        start = cut
    _append_one(spans, text, start, end)


def _append_one(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


class SentenceIndex:
    """Which sentence holds a given offset."""

    def __init__(self, text: str) -> None:
        self.spans = sentence_spans(text)
        self._starts = [s for s, _ in self.spans]

    def around(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return (0, 0)
        return self.spans[i]
