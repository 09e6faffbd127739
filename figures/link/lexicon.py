"""The linker's knowledge, read once from data files: the gazetteer, the property lexicon and word lists.

Everything here is data a user can extend (``figures/data/*.csv|txt``); this module only reads it and builds
the matchers (one trie-shaped regex per file, compiled lazily on first use and kept for the process).
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from figures.errors import InputError

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True, slots=True)
class Entity:
    """One gazetteer row: a named thing figures attach to."""

    canonical: str
    kind: str  # cruise missile, air defence, country, organisation, company, ...
    origin: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A gazetteer hit in a sentence: local offsets, the words as written, and what they name."""

    start: int
    end: int
    text: str
    entity: Entity
    demonym: bool = False  # "Ukrainian" rather than "Ukraine"


@dataclass(frozen=True, slots=True)
class Trigger:
    """One property trigger ("maximum range" -> range) and the figure dimensions it may name."""

    words: str
    property: str
    dimensions: frozenset[str]
    rank: int  # row order: earlier rows win ties


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The data rows of a CSV file with ``#`` comment lines, each with its 1-based line number."""
    with path.open(encoding="utf-8", newline="") as handle:
        numbered = [
            (n, line) for n, line in enumerate(handle, 1) if line.strip() and not line.startswith("#")
        ]
    if not numbered:
        raise InputError(str(path), "no header row")
    reader = csv.DictReader(line for _, line in numbered)
    rows = []
    for (n, _), row in zip(numbered[1:], reader, strict=True):
        if None in row or any(v is None for v in row.values()):
            raise InputError(str(path), "wrong number of columns", line=n)
        rows.append((n, row))
    return rows


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _trie(phrases: list[str]) -> str:
    """The phrases as a trie-shaped regex body: ``range|range of|reach`` -> ``r(?:ange(?: of)?|each)``.

    The phrases that fit at one position are all prefixes of one another, so the trie's greedy optional
    tails try them longest first, as a flat longest-first alternation would, while the regex engine reads
    each character once instead of trying hundreds of alternatives at every position."""
    root: dict[str, dict] = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}  # a phrase ends here

    def body(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(char) + body(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        alternation = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{alternation})?"
        return alternation

    return body(root)


def _alternation(phrases: list[str], flags: int = 0) -> re.Pattern[str]:
    """One regex matching any phrase whole-word, longest first; a plural ``s`` or possessive may follow."""
    return re.compile(rf"(?<![\w-])({_trie(sorted(set(phrases)))})(?:['’]s|s)?(?![\w-])", flags)


class Gazetteer:
    """Surface forms -> entities, with one compiled matcher for all of them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.by_surface: dict[str, Entity] = {}
        self.demonyms: dict[str, Entity] = {}
        self.by_canonical: dict[str, Entity] = {}
        for line, row in _rows(path):
            canonical = (row.get("canonical") or "").strip()
            if not canonical:
                raise InputError(str(path), "empty canonical name", line=line)
            entity = Entity(canonical, (row.get("kind") or "").strip(), (row.get("origin") or "").strip())
            self.by_canonical.setdefault(canonical, entity)
            for surface in [canonical, *_split(row.get("aliases") or "")]:
                self.by_surface.setdefault(surface, entity)
            for demonym in _split(row.get("demonyms") or ""):
                self.demonyms.setdefault(demonym, entity)
        self._names = _alternation(list(self.by_surface))
        self._demonyms = _alternation(list(self.demonyms))

    def find(self, text: str) -> list[Mention]:
        """Every name and demonym in ``text``, in order, non-overlapping (names win over demonyms)."""
        found = [
            Mention(m.start(), m.end(), m.group(0), self.by_surface[m.group(1)])
            for m in self._names.finditer(text)
        ]
        taken = [(m.start, m.end) for m in found]
        for m in self._demonyms.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                found.append(Mention(m.start(), m.end(), m.group(0), self.demonyms[m.group(1)], demonym=True))
        return sorted(found, key=lambda m: m.start)


class Properties:
    """The property lexicon: one matcher for every trigger, and which triggers fit which dimension."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.triggers: dict[str, list[Trigger]] = {}
        for rank, (line, row) in enumerate(_rows(path)):
            prop = (row.get("property") or "").strip()
            dims = frozenset(_split(row.get("dimensions") or "*"))
            if not prop:
                raise InputError(str(path), "empty property name", line=line)
            for words in _split(row.get("triggers") or ""):
                key = words.lower()
                self.triggers.setdefault(key, []).append(Trigger(key, prop, dims, rank))
        self.matcher = _alternation(list(self.triggers), re.IGNORECASE)
        self.names = {t.property for ts in self.triggers.values() for t in ts}

    def for_dimension(self, words: str, dimension: str) -> Trigger | None:
        """The first trigger row for ``words`` that may name a figure of ``dimension``."""
        for trigger in self.triggers.get(words.lower(), ()):
            if "*" in trigger.dimensions or dimension in trigger.dimensions:
                return trigger
        return None


def _word_list(path: Path) -> dict[str, frozenset[str]]:
    """A sectioned word list (``[name]`` headers, ``#`` comments); words before any header go to ``""``."""
    sections: dict[str, set[str]] = {"": set()}
    current = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, set())
        else:
            sections[current].add(line.lower())
    return {name: frozenset(words) for name, words in sections.items()}


@functools.cache
def gazetteer() -> Gazetteer:
    return Gazetteer(DATA / "gazetteer.csv")


@functools.cache
def properties() -> Properties:
    return Properties(DATA / "properties.csv")


@functools.cache
def claim_verbs() -> frozenset[str]:
    return _word_list(DATA / "claim_verbs.txt")[""]


@functools.cache
def membership_words() -> frozenset[str]:
    """Verbs and prepositions whose figure is a member of a set named before it (``membership.txt``)."""
    return _word_list(DATA / "membership.txt")[""]
