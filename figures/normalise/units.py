"""The one Pint registry of the process, extended by ``figures/units.txt``, and unit-string parsing.

The registry is built lazily on first use (Pint's start-up costs about 0.1 s and the definitions file
more), once per process, behind a lock so that threads racing to the first call share one registry.
Parsed unit strings are memoised: Pint's parser is far slower than the arithmetic that follows.
"""

from __future__ import annotations

import importlib.resources
import re
import threading
from collections.abc import Callable
from functools import lru_cache

import pint

from figures.errors import UnitError

DEFINITIONS_PACKAGE = "figures"
DEFINITIONS_FILE = "units.txt"

# "#~ <as written> -> <Pint expression>": a news spelling figures rewrites before Pint parses (see units.txt)
_SPELLING_LINE = re.compile(r"^#~\s+(?P<written>.+?)\s+->\s+(?P<pint>.+?)\s*$")
# grammar, not lexicon: "square kilometres" / "sq. km" -> "kilometres ** 2", "cubic metres" -> "metres ** 3"
_SQUARE = re.compile(r"(?<![\w.])(?:square|sq\.?)\s+([^\W\d]\w*)")
_CUBIC = re.compile(r"(?<![\w.])(?:cubic|cu\.?)\s+([^\W\d]\w*)")
_PER = re.compile(r"(?<![\w.])per(?!\w)")


class _Holder:
    """Module-level holder: the registry once built, and how many times units.txt was loaded (tests)."""

    lock = threading.Lock()
    registry: pint.UnitRegistry | None = None
    definition_loads = 0
    spellings: tuple[tuple[str, str], ...] = ()


def definitions_text() -> str:
    """The text of ``figures/units.txt``, read as a package resource (works from a wheel or a zip)."""
    return importlib.resources.files(DEFINITIONS_PACKAGE).joinpath(DEFINITIONS_FILE).read_text("utf-8")


def read_spellings(text: str) -> tuple[tuple[str, str], ...]:
    """The ``#~ written -> pint`` lines of a definitions text, as (written, pint) pairs."""
    pairs = []
    for line in text.splitlines():
        found = _SPELLING_LINE.match(line)
        if found:
            pairs.append((found["written"], found["pint"]))
    return tuple(pairs)


def spelling_rewriter(spellings: tuple[tuple[str, str], ...]) -> Callable[[str], str]:
    """A Pint preprocessor that turns news spellings into Pint expressions.

    Whole words only, longest spelling first, so "percentage points" is not read as "percentage" + "points";
    then the generic square/cubic/per grammar.
    """
    table = dict(spellings)
    if table:
        alternatives = "|".join(re.escape(written) for written in sorted(table, key=len, reverse=True))
        phrase = re.compile(rf"(?<![\w.])(?:{alternatives})(?!\w)")
    else:
        phrase = None

    def rewrite(text: str) -> str:
        if phrase is not None:
            text = phrase.sub(lambda found: f" {table[found.group(0)]} ", text)
        text = _SQUARE.sub(r"\1 ** 2", text)
        text = _CUBIC.sub(r"\1 ** 3", text)
        return _PER.sub("/", text)

    return rewrite


def _build() -> pint.UnitRegistry:
    text = definitions_text()
    # "raise": an addition that redefines a Pint name is a mistake in units.txt, not a silent override
    built: pint.UnitRegistry = pint.UnitRegistry(on_redefinition="raise")
    built.load_definitions(text.splitlines())
    _Holder.definition_loads += 1
    _Holder.spellings = read_spellings(text)
    built.preprocessors.append(spelling_rewriter(_Holder.spellings))
    return built


def registry() -> pint.UnitRegistry:
    """The process's Pint registry: Pint's defaults plus ``figures/units.txt`` (currencies, news units)."""
    built = _Holder.registry
    if built is None:
        with _Holder.lock:
            built = _Holder.registry
            if built is None:
                built = _Holder.registry = _build()
    return built


def definition_loads() -> int:
    """How many times this process has loaded ``units.txt`` (1 once the registry exists)."""
    return _Holder.definition_loads


@lru_cache(maxsize=4096)
def parse_unit(unit: str) -> pint.Unit:
    """The Pint unit a unit string names ("" is dimensionless); ``UnitError`` if the registry can't read it.

    Memoised: the same few dozen unit strings come back for every figure.
    """
    ureg = registry()
    try:
        parsed = ureg.parse_units(unit.strip()) if unit.strip() else ureg.dimensionless
    except Exception as error:
        # Pint reports unknown names as UndefinedUnitError, but junk such as "km ** x" or "mile +" as
        # TypeError, AssertionError and others from its expression parser: any of them means "not a unit"
        raise UnitError(unit, f"not a unit in figures' registry ({type(error).__name__}: {error})") from None
    if not isinstance(parsed, pint.Unit):
        raise UnitError(unit, "a quantity, not a unit")
    return parsed
