"""Page furniture in scraped news text: reading times, "N hours ago", image counters, caption credits, CSS
sizes, share bars, bylines and navigation. Their numbers are never figures.

The patterns are data (``figures/data/furniture.txt``): whole-line patterns, matched only against lines of
at most ``MAX_LINE`` characters, and inline patterns matched anywhere. ``furniture_spans`` gives the spans
to leave out; the extractor masks them, so the stored text and every figure's offsets stay as they were.
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
