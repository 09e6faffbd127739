"""The dollar of the outlet: in an Australian, Canadian, New Zealand, Singapore or Hong Kong article a bare
"$" may be the local dollar or the US one.

- A bare "$" (or "dollars") in such an article is marked ambiguous: its unit becomes the outlet's dollar,
  the likelier reading, and ``extra["currency_ambiguous"]`` is True with both readings in
  ``extra["currency_alternatives"]`` (the outlet's first). Comparisons leave such figures out of conflicts.
- Right after an explicit foreign dollar, "$US5 billion ($7.7 billion)", the bracketed bare "$" is the
  outlet's dollar, not ambiguous: the two halves are one statement in two currencies (one ``group``).
- Explicit prefixes (US$, $US, A$, C$, NZ$, ...) and named currencies are left as written.

The outlet is known by its url's host (a country domain such as .au, or a listed host) or its source name,
from ``figures/data/dollar_outlets.csv``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from figures.model import Document, Figure

_BARE_DOLLARS = frozenset({"$", "dollars", "dollar", "bucks"})
# "$40m", "-$3bn", "$ 5": a dollar sign with no country before the number
_BARE_SIGN_RE = re.compile(r"^[-−]?\$\s?[-−]?[\d.]")
# "600 dollars", "3 million bucks", not "600 US dollars" or "600 American dollars"
_BARE_WORD_RE = re.compile(r"[\d.]\s*(?:[a-z]+\s+)?(?:dollars?|bucks)\b", re.IGNORECASE)
_BRACKET_GAP_RE = re.compile(
    r"\s*[(\[]\s*(?:about|around|roughly|some|nearly|almost|~|c\.)?\s*$", re.IGNORECASE
)


@cache
def _outlets() -> tuple[tuple[tuple[str, str], ...], dict[str, str]]:
    text = resources.files("figures").joinpath("data", "dollar_outlets.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(
        io.StringIO("\n".join(line for line in text.splitlines() if not line.startswith("#")))
    )
    hosts, sources = [], {}
    for row in rows:
        if row["host"]:
            hosts.append((row["host"].lower(), row["currency"]))
        if row["source"]:
            sources[row["source"].lower()] = row["currency"]
    return tuple(sorted(hosts, key=lambda h: -len(h[0]))), sources


def outlet_dollar(document: Document) -> str | None:
    """The outlet's own dollar (AUD, CAD, NZD, SGD, HKD), or None for a US or unknown outlet."""
    hosts, sources = _outlets()
    if document.url:
        host = (
            urlsplit(document.url if "//" in document.url else "//" + document.url).hostname or ""
        ).lower()
        for suffix, currency in hosts:
            if host == suffix.lstrip(".") or host.endswith(
                suffix if suffix.startswith(".") else "." + suffix
            ):
                return currency
    if document.source:
        return sources.get(document.source.strip().lower())
    return None


def mark_outlet_dollars(figures: list[Figure], document: Document) -> list[Figure]:
    """Bare dollars of an outlet whose dollar is not the US one: ambiguous, or local after "$US5bn (...)"."""
    local = outlet_dollar(document)
    if local is None:
        return figures
    out: list[Figure] = []
    for figure in figures:
        if not _bare_dollar(figure):
            out.append(figure)
            continue
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.dimension == "money"
            and previous.unit_text not in (None, "$")
            and (previous.unit_text or "").strip().lower() not in _BARE_DOLLARS
            and _BRACKET_GAP_RE.fullmatch(document.text[previous.end : figure.start])
        ):  # "$US5 billion ($7.7 billion)": the outlet's dollar, one statement in two currencies
            group = previous.group or f"{figure.doc_id}:{previous.start}"
            out[-1] = replace(previous, group=group)
            out.append(
                replace(figure, unit=local, group=group, extra={**figure.extra, "currency_from": "outlet"})
            )
            continue
        out.append(
            replace(
                figure,
                unit=figure.unit.replace("USD", local, 1),
                extra={**figure.extra, "currency_ambiguous": True, "currency_alternatives": [local, "USD"]},
            )
        )
    return out


def _bare_dollar(figure: Figure) -> bool:
    """A sum in dollars that names no country: "$40m", "600 dollars a week" (a rate too)."""
    if figure.unit.split(" ")[0] != "USD":
        return False
    return bool(_BARE_SIGN_RE.match(figure.text)) or (
        not figure.text.startswith(("US", "U.S", "$US", "USD"))
        and bool(_BARE_WORD_RE.search(figure.text))
        and not re.search(r"\b(?:US|U\.S\.|American)\s+dollars?\b", figure.text, re.IGNORECASE)
    )
