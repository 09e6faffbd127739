"""Surface lexicons read from ``figures/data``: units, currencies, designation words.

Read once per process (``lexicon()``); each table becomes one compiled alternation, longest surface first,
so that "square kilometres" wins over "kilometres" and "Danish crowns" over a bare number.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class UnitEntry:
    unit: str  # Pint expression
    dimension: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    units: dict[str, UnitEntry]  # surface (lower-cased unless case-sensitive) -> entry
    case_sensitive_units: frozenset[str]
    unit_re: Alternation  # anchored at the character after a number
    fallback_units: dict[str, UnitEntry]  # quantulum3's lexicon, generated into unit_fallback.csv
    fallback_re: Alternation
    currency_names: dict[str, str]  # lower-cased name -> ISO code
    currency_name_re: Alternation
    currency_symbols: dict[str, str]  # symbol -> ISO code
    currency_symbol_re: Alternation  # matches a symbol that ends right before a number
    designations: frozenset[str]
    scaled_only_names: frozenset[str]  # lower-cased names that count only after a scale ("5 billion won")
    scaled_only_symbols: frozenset[str]  # letter symbols that count only before a sum ("PS2.7m", "P5bn")

    def unit_for(self, surface: str) -> UnitEntry | None:
        if surface in self.case_sensitive_units:
            return self.units.get(surface)
        return self.units.get(surface.lower())

    def fallback_unit_for(self, surface: str) -> UnitEntry | None:
        return self.fallback_units.get("=" + surface) or self.fallback_units.get(surface.lower())

    def currency_for_name(self, surface: str) -> str | None:
        return self.currency_names.get(surface) or self.currency_names.get(surface.lower())


_SKIPPED_BEFORE_UNIT = 4  # spaces looked past to find the first letter of a unit ("5  km")


class Alternation:
    """A big alternation of surfaces, compiled as one pattern per first character of the surfaces.

    ``match`` and ``search`` behave as one compiled ``template`` with every surface in it would, but each
    call tries only the surfaces that can start where the text is: a few dozen instead of hundreds.
    ``template`` has one ``{alt}`` slot; ``skip`` says the template lets spaces and a hyphen come first.
    """

    def __init__(self, template: str, alternatives: list[tuple[str, str]], skip: bool) -> None:
        """``alternatives``: (surface, its regex), longest surfaces first."""
        groups: dict[str, list[str]] = {}
        for surface, regex in alternatives:
            groups.setdefault(surface[0].lower(), []).append(regex)
        self._patterns = {
            first: re.compile(template.format(alt="|".join(group))) for first, group in groups.items()
        }
        self._skip = skip

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """The surface at ``pos`` (after spaces or a hyphen when the template allows them)."""
        i = pos
        if self._skip:
            i = self._past_spaces(text, i)
            if i < len(text) and text[i] == "-":
                i = self._past_spaces(text, i + 1)
        pattern = self._patterns.get(text[i].lower()) if i < len(text) else None
        return pattern.match(text, pos) if pattern is not None else None

    def search(self, text: str, pos: int, endpos: int) -> re.Match[str] | None:
        """The leftmost surface in ``text[pos:endpos]`` that the template accepts."""
        for i in range(pos, endpos):
            pattern = self._patterns.get(text[i].lower())
            if pattern is not None:
                found = pattern.match(text, i, endpos)
                if found:
                    return found
        return None

    @staticmethod
    def _past_spaces(text: str, i: int) -> int:
        stop = min(len(text), i + _SKIPPED_BEFORE_UNIT)
        while i < stop and text[i].isspace():
            i += 1
        return i


Trie = dict[str, "Trie"]


def trie_alternation(words: frozenset[str] | set[str]) -> str:
    """An alternation of ``words`` as a trie ("a(?:n(?:other)?)?|..."): the regex engine then tries one
    branch per first letter at each place, instead of every word."""
    trie: Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: Trie) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


def _data_text(name: str) -> str:
    return resources.files("figures").joinpath("data", name).read_text(encoding="utf-8")


def _csv_rows(name: str) -> list[dict[str, str]]:
    lines = [line for line in _data_text(name).splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def _alternation(surfaces: list[tuple[str, bool]]) -> list[tuple[str, str]]:
    """One regex alternative per surface, longest first; case-insensitive unless marked sensitive."""
    parts = []
    for surface, sensitive in sorted(surfaces, key=lambda s: len(s[0]), reverse=True):
        escaped = re.escape(surface).replace(r"\ ", r"\s+")
        parts.append((surface, escaped if sensitive else f"(?i:{escaped})"))
    return parts


def _split(surfaces: str) -> list[tuple[str, bool]]:
    out = []
    for raw in surfaces.split("|"):
        raw = raw.strip().lstrip("^")
        if raw:
            out.append((raw[1:], True) if raw.startswith("=") else (raw, False))
    return out


@cache
def lexicon() -> Lexicon:
    units: dict[str, UnitEntry] = {}
    sensitive: set[str] = set()
    unit_surfaces: list[tuple[str, bool]] = []
    for row in _csv_rows("unit_surfaces.csv"):
        entry = UnitEntry(row["unit"], row["dimension"])
        for surface, is_sensitive in _split(row["surfaces"]):
            key = surface if is_sensitive else surface.lower()
            if is_sensitive:
                sensitive.add(surface)
            units.setdefault(key, entry)
            unit_surfaces.append((surface, is_sensitive))
    # a length written out takes "square" or "cubic" before it: "12 cubic inches", "5 square kilometres"
    # (the table lists the short forms, "sq ft", "m³"; every spelled-out length gets both here, matched by
    # one alternative per word so that the unit pattern stays small)
    lengths: set[str] = set()
    for row in _csv_rows("unit_surfaces.csv"):
        if row["dimension"] != "length":
            continue
        for surface, is_sensitive in _split(row["surfaces"]):
            if is_sensitive or len(surface) < 4 or not surface.isalpha():
                continue
            lengths.add(surface.lower())
            for power, name, dimension in (("2", "square", "area"), ("3", "cubic", "volume")):
                entry = UnitEntry(f"{row['unit']} ** {power}", dimension)
                units.setdefault(f"{name} {surface.lower()}", entry)
    powers_of_lengths = [
        (name, rf"(?i:{name}\s+{trie_alternation(lengths)})") for name in ("square", "cubic")
    ]

    names: dict[str, str] = {}
    symbols: dict[str, str] = {}
    name_surfaces: list[tuple[str, bool]] = []
    symbol_surfaces: list[tuple[str, bool]] = []
    sensitive_symbols: set[str] = set()
    scaled_only: set[str] = set()
    scaled_only_symbols: set[str] = set()
    for row in _csv_rows("currencies.csv"):
        code = row["code"]
        scaled_only.update(n[1:].lower() for n in map(str.strip, row["names"].split("|")) if n[:1] == "^")
        scaled_only_symbols.update(s[1:] for s in map(str.strip, row["symbols"].split("|")) if s[:1] == "^")
        for surface, is_sensitive in _split(row["names"]):
            names.setdefault(surface if is_sensitive else surface.lower(), code)
            name_surfaces.append((surface, is_sensitive))
        for surface, is_sensitive in _split(row["symbols"]):
            symbols.setdefault(surface, code)
            symbol_surfaces.append((surface, True))
            if is_sensitive:
                sensitive_symbols.add(surface)

    fallback: dict[str, UnitEntry] = {}
    fallback_surfaces: list[tuple[str, bool]] = []
    for row in _csv_rows("unit_fallback.csv"):
        fallback[row["surface"]] = UnitEntry(row["unit"], row["dimension"])
        fallback_surfaces.extend(_split(row["surface"]))
    designations = frozenset(
        line.strip()
        for line in _data_text("designations.txt").splitlines()
        if line.strip() and not line.startswith("#")
    )
    # after the number: an optional space or hyphen, the unit, then no letter or digit
    after = r"(?:\s?-\s?|\s*)(?P<unit>{alt})(?![A-Za-z0-9²³])"
    unit_re = Alternation(after, powers_of_lengths + _alternation(unit_surfaces), skip=True)
    fallback_re = Alternation(after, _alternation(fallback_surfaces), skip=True)
    currency_name_re = Alternation(
        r"(?:\s?-\s?|\s*)(?P<unit>{alt})(?![A-Za-z0-9])", _alternation(name_surfaces), skip=True
    )
    # before the number: the symbol, then optional space; searched on a short window ending at the number
    # codes and dollar variants match in any case ("usd 20", "c $ 16.4 million"); short letter symbols
    # ("Rs", "RM", "PS") and the codes and symbols taken from CLDR (marked =) only as written
    symbol_alternation = [
        (
            s,
            f"(?i:{escaped})"
            if (sum(c.isalpha() for c in s) >= 2 or s.startswith("C"))
            and s.isascii()
            and s not in ("Rs", "RM", "Rp", "DM")
            and s not in scaled_only_symbols
            and s not in sensitive_symbols
            # a CLDR code only with a space before the number: "COP 500" is pesos, "COP26" a conference
            else escaped + r"(?=\s)"
            if s in sensitive_symbols and s.isalpha() and s.isupper()
            else escaped,
        )
        for s, _ in sorted(symbol_surfaces, key=lambda s: -len(s[0]))
        for escaped in [re.escape(s).replace(r"\ ", r"\s?")]
    ]
    for symbol, code in list(symbols.items()):
        if symbol not in sensitive_symbols:
            symbols.setdefault(symbol.upper().replace(" ", ""), code)
    currency_symbol_re = Alternation(r"(?<![A-Za-z])(?P<symbol>{alt})\s?$", symbol_alternation, skip=False)
    return Lexicon(
        units=units,
        case_sensitive_units=frozenset(sensitive),
        unit_re=unit_re,
        fallback_units=fallback,
        fallback_re=fallback_re,
        currency_names=names,
        currency_name_re=currency_name_re,
        currency_symbols=symbols,
        currency_symbol_re=currency_symbol_re,
        designations=designations,
        scaled_only_names=frozenset(scaled_only),
        scaled_only_symbols=frozenset(scaled_only_symbols),
    )
