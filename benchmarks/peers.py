"""Adapters for the peers' own test suites: Microsoft Recognizers-Text (English) and quantulum3's cases.

Each suite becomes a list of ``Case``s: a sentence and the quantities it must yield, as ``Expected`` values
with their units mapped to Pint strings of the benchmark registry (``RECOGNIZERS_UNITS``,
``QUANTULUM3_UNITS``). A case's expected quantity passes when some figure a system found in the sentence
states it (value, and unit where the suite gives one), one figure per expected quantity.

Conventions that differ from ours are handled here, never in the extractor, and listed in the report:
- Recognizers ranges are intervals such as "[20,30)" or "(30,)": open/closed ends are not compared, an
  empty end is an open bound ("more than 30", "up to 700").
- Recognizers' dimension and currency models know no unit per another unit but speeds: they annotate
  "500,000 barrels a day" as "500,000 barrels" and "$85 a barrel" as "$85"; a figure stating that value in
  that unit per another (oil_barrel / day) is counted as found (``RECOGNIZERS_RATIO_NUMERATORS``).
- Recognizers ordinals ("11th", "twentieth") are not figures by design: that suite is measured as "not
  reported as a quantity" (no figure overlaps the ordinal).
- quantulum3's ranges are a midpoint plus an uncertainty: they become the interval they describe.
- quantulum3 expects bare years and numbers inside names ("Voyager 2", "English 101") as quantities; we do
  not report those by design, so they are listed as excluded (``QUANTULUM3_EXCLUDED``), with a count.
- Counted things ("a dozen eggs", "a gross") are counts: quantulum3's "dozen" is 12, "gross" 144.
- Recognizers' percent spec reads "per cent of 210" and "percents of twenty" as 210% and 20%: a rule of
  theirs (NumberWithPrefixPercentage) that carries over the Chinese word order (百分之二百一十). In English
  "per cent of N" is a share of N ("40 per cent of 210 staff"), never N per cent, so we do not report it
  and those results are listed as excluded (``RECOGNIZERS_EXCLUDED``), with a count.

Halves: each suite is split by case index (per spec file for Recognizers) into a ``tune`` half (even
indices), the cases one may look at, and a ``check`` half (odd indices), scored but not looked into
(``half``). NewsQuant's folds (id % 4) are finer because its dev ids are all even already.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import PEERS
from benchmarks.units import DOLLARS, Alternative, Expected, Found, Interval, match

System = Callable[[str], list[Found]]


def _alts(*units: str | tuple[str, float]) -> tuple[Alternative, ...]:
    return tuple(Alternative(u) if isinstance(u, str) else Alternative(*u) for u in units)


ANY_DOLLAR = _alts(*DOLLARS)
BARE = _alts("", "count")

# Recognizers-Text Resolution.unit -> the units a figure may state it in
RECOGNIZERS_UNITS: dict[str, tuple[Alternative, ...]] = {
    # currency: "Dollar" is a bare "$", not tied to a country
    "Dollar": ANY_DOLLAR, "United States dollar": _alts("USD"), "Euro": _alts("EUR"),
    "Chinese yuan": _alts("CNY"), "Pound": _alts("GBP"), "British pound": _alts("GBP"),
    "Cent": _alts("cent", "eurocent"), "Pence": _alts("GBX"), "Penny": _alts("GBX", "cent"),
    "Canadian dollar": _alts("CAD"), "Japanese yen": _alts("JPY"), "Australian dollar": _alts("AUD"),
    "Hong Kong dollar": _alts("HKD"), "New Zealand dollar": _alts("NZD"), "Mexican peso": _alts("MXN"),
    "Franc": _alts("CHF", "FRF", "BEF", "XOF", "XAF"), "Swiss franc": _alts("CHF"),
    "Bitcoin": _alts("BTC"), "Satoshi": _alts("satoshi"), "Turkish lira": _alts("TRY"),
    "Rupee": _alts("INR", "PKR", "LKR", "NPR"), "Sri Lankan rupee": _alts("LKR"),
    "Finnish markka": _alts("FIM"), "Peseta": _alts("ESP"), "Netherlands guilder": _alts("NLG"),
    "Costa Rican colón": _alts("CRC"), "Georgian lari": _alts("GEL"), "Lao kip": _alts("LAK"),
    "Sen": _alts("sen"),
    # dimension
    "Foot": _alts("foot"), "Meter": _alts("meter"), "Mile": _alts("mile"), "Inch": _alts("inch"),
    "Kilometer": _alts("kilometer"), "Millimeter": _alts("millimeter"), "Decimeter": _alts("decimeter"),
    "Picometer": _alts("picometer"), "Square meter": _alts("meter ** 2"),
    "Square kilometer": _alts("kilometer ** 2"), "Acre": _alts("acre"), "Pound (mass)": _alts("pound"),
    "Kilogram": _alts("kilogram"), "Microgram": _alts("microgram"), "Gram": _alts("gram"),
    "Ton": _alts("ton", "metric_ton", "long_ton"), "Metric ton": _alts("metric_ton"),
    "Ounce": _alts("ounce", "fluid_ounce", "troy_ounce"), "Dram": _alts("dram", "fluid_dram"),
    "Gallon": _alts("gallon", "imperial_gallon"), "Milliliter": _alts("milliliter"),
    "Barrel": _alts("oil_barrel", "barrel"), "Cubic foot": _alts("foot ** 3"), "Cup": _alts("cup"),
    "Tablespoon": _alts("tablespoon"), "Teaspoon": _alts("teaspoon"),
    "Kilometer per hour": _alts("kilometer / hour"), "Mile per hour": _alts("mile / hour"),
    "Meter per millisecond": _alts("meter / millisecond"),
    "Centimeter per millisecond": _alts("centimeter / millisecond"),
    "Kilometer per millisecond": _alts("kilometer / millisecond"),
    "Bit": _alts("bit"), "Megabit": _alts("megabit"), "Megabyte": _alts("megabyte"),
    "Degree": _alts("degree"), "Radian": _alts("radian"), "Turn": _alts("turn"),
    # age
    "Year": _alts("year"), "Month": _alts("month"), "Week": _alts("week"), "Day": _alts("day"),
    "Age": _alts("year"),
    # temperature ("Degree" in the temperature spec is a temperature, see _recognizers_units)
    "C": _alts("degree_Celsius"), "F": _alts("degree_Fahrenheit"),
}
RECOGNIZERS_TEMPERATURE_DEGREE = _alts("degree_Celsius", "degree_Fahrenheit", "degree")

# quantulum3 unit names (its own suite's, and what its parser outputs) -> the units a figure may state
QUANTULUM3_UNITS: dict[str, tuple[Alternative, ...]] = {
    "dimensionless": BARE, "dollar": ANY_DOLLAR, "euro": _alts("EUR"), "pound sterling": _alts("GBP"),
    "penny": _alts("GBX", "cent"), "cent": _alts("cent", "eurocent"), "dime": _alts("dime"),
    "degree Celsius": _alts("degree_Celsius"), "degree fahrenheit": _alts("degree_Fahrenheit"),
    "degree Fahrenheit": _alts("degree_Fahrenheit"), "kelvin": _alts("kelvin"),
    "gallon": _alts("gallon", "imperial_gallon"), "tonne": _alts("metric_ton"),
    "ton": _alts("ton", "metric_ton", "long_ton"), "ton per day": _alts("ton / day", "metric_ton / day"),
    "pound-mass": _alts("pound"), "percentage": _alts("percent"),
    "dozen": _alts(("count", 12), ("", 12)), "baker's dozen": _alts(("count", 13), ("", 13)),
    "gross": _alts(("count", 144), ("", 144)), "count per week": _alts("1 / week"),
    "inverse femtobarn": _alts("1 / femtobarn"), "inverse second": _alts("1 / second"),
    "watt hour": _alts("watt * hour"), "megawatt hour": _alts("megawatt * hour"),
    "joule second": _alts("joule * second"), "candela second": _alts("candela * second"),
    "joule per square metre per year": _alts("joule / meter ** 2 / year"),
    "kilometre per square second": _alts("kilometer / second ** 2"),
}
_RESPELL = ((r"metre", "meter"), (r"litre", "liter"), (r"\bpound sterling\b", "GBP"), (r"\bdollar\b", "USD"),
            (r"\beuro\b", "EUR"))


def quantulum3_units(name: str) -> tuple[Alternative, ...]:
    """A quantulum3 unit name as Pint alternatives: the table, else British spellings and 'per' rewritten."""
    if name in QUANTULUM3_UNITS:
        return QUANTULUM3_UNITS[name]
    text = name
    for pattern, replacement in _RESPELL:
        text = re.sub(pattern, replacement, text)
    parts = []
    for part in re.split(r"\s+per\s+", text):
        power = re.match(r"^(square|cubic)\s+(.+)$", part.strip())
        base = re.sub(r"\s+", "_", (power.group(2) if power else part).strip())
        parts.append(f"{base} ** {2 if power.group(1) == 'square' else 3}" if power else base)
    return _alts(" / ".join(parts))


# quantulum3 expects these as quantities; by design we do not report them (years, numbers inside names)
QUANTULUM3_EXCLUDED: dict[tuple[int, str], str] = {
    (3, "2"): "name (Voyager 2)", (4, "101"): "name (English 101)", (47, "32"): "name (South 32 Ltd)",
    (61, "860"): "model designation (Core i7 860)",
}
_YEAR = re.compile(r"^(1[5-9]|20)\d\d$")


@dataclass(frozen=True, slots=True)
class Case:
    """One sentence of a suite and the quantities it must yield."""

    suite: str
    index: int
    text: str
    expected: tuple[Expected, ...]
    excluded: tuple[tuple[Expected, str], ...] = ()  # expected by the suite, not reported by design
    not_supported: str | None = None  # Recognizers: languages whose implementation fails this case


@dataclass
class SuiteResult:
    """A system's score on one suite: expected quantities found, and which were not."""

    suite: str
    expected: int = 0
    found: int = 0
    sentences: int = 0
    sentences_passed: int = 0
    excluded: int = 0
    unmatched_outputs: int = 0
    misses: list[tuple[Case, Expected]] = field(default_factory=list)
    extras: list[tuple[Case, Found]] = field(default_factory=list)

    @property
    def pass_rate(self) -> float:
        return 100.0 * self.found / self.expected if self.expected else 0.0

    @property
    def sentence_rate(self) -> float:
        return 100.0 * self.sentences_passed / self.sentences if self.sentences else 0.0


HALVES = ("tune", "check")


def half(cases: Iterable[Case], which: str) -> list[Case]:
    """The tune half (even case index) or the check half (odd case index) of a suite."""
    if which not in HALVES:
        raise ValueError(f"unknown half {which!r}; choose from {', '.join(HALVES)}")
    return [case for case in cases if case.index % 2 == HALVES.index(which)]


def score(cases: Iterable[Case], system: System, suite: str = "") -> SuiteResult:
    """Run ``system`` on each case and match its figures to the expected quantities, one to one."""
    result = SuiteResult(suite)
    for case in cases:
        result.suite = result.suite or case.suite
        result.excluded += len(case.excluded)
        if not case.expected:
            continue
        found = system(case.text)
        hit, used = match(case.expected, found)
        result.expected += len(hit)
        result.found += sum(hit)
        result.sentences += 1
        result.sentences_passed += all(hit)
        result.misses += [(case, e) for e, ok in zip(case.expected, hit, strict=True) if not ok]
        result.extras += [(case, f) for f, ok in zip(found, used, strict=True) if not ok]
    result.unmatched_outputs = len(result.extras)
    return result


# ---------------------------------------------------------------------------------------------------------
# Recognizers-Text
# ---------------------------------------------------------------------------------------------------------
RECOGNIZERS_SUITES = {  # suite name -> spec file under tests/peers/recognizers
    "currency": "NumberWithUnit/CurrencyModel.json", "dimension": "NumberWithUnit/DimensionModel.json",
    "age": "NumberWithUnit/AgeModel.json", "temperature": "NumberWithUnit/TemperatureModel.json",
    "number": "Number/NumberModel.json", "range": "Number/NumberRangeModel.json",
    "percent": "Number/PercentModel.json", "ordinal": "Number/OrdinalModel.json",
}
# specs whose models have no unit per another unit but speeds: "500,000 barrels a day" is annotated as
# "500,000 barrels", "$85 a barrel" as "$85"; a figure of that value in that unit per another states it
RECOGNIZERS_RATIO_NUMERATORS = frozenset({"dimension", "currency"})
# Recognizers results we do not report by design: (suite, a pattern of the result's text) -> why
RECOGNIZERS_EXCLUDED: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    "percent": ((re.compile(r"^\s*per\s*cents?\s+of\b", re.IGNORECASE),
                 "'per cent of N' (a share of N in English, not N per cent)"),),
}
_BRACKET = re.compile(r"^\s*[\[(]\s*([^,]*?)\s*,\s*([^,]*?)\s*[\])]\s*$")


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def recognizers_value(kind: str, resolution: dict[str, str]) -> float | Interval | None:
    raw = resolution.get("value")
    if raw is None:
        return None
    if kind == "range":
        bracket = _BRACKET.match(raw)
        if not bracket:
            return None
        low, high = (_number(x) if x else None for x in bracket.groups())
        return (low, high) if low is not None or high is not None else None
    if kind == "percent":
        return _number(raw.rstrip("%"))
    return _number(raw)


def _recognizers_units(kind: str, resolution: dict[str, str]) -> tuple[Alternative, ...] | None:
    if kind in ("number", "range"):
        return ()  # value-only specs: any unit will do
    if kind == "percent":
        return _alts("percent")
    unit = resolution.get("unit", "")
    if kind == "temperature" and unit == "Degree":
        return RECOGNIZERS_TEMPERATURE_DEGREE
    if kind == "dimension" and unit == "Pound":
        unit = "Pound (mass)"
    return RECOGNIZERS_UNITS.get(unit)


def load_recognizers(kind: str, root: Path = PEERS / "recognizers") -> list[Case]:
    """One Recognizers-Text English spec as cases. Results without a value (a unit alone) are left out;
    results we do not report by design (``RECOGNIZERS_EXCLUDED``) are the case's ``excluded``."""
    with open(root / RECOGNIZERS_SUITES[kind], encoding="utf-8-sig") as f:
        spec = json.load(f)
    cases = []
    for index, item in enumerate(spec):
        expected, excluded = [], []
        for result in item.get("Results") or []:
            resolution = result.get("Resolution") or {}
            if kind == "ordinal":
                if result.get("TypeName") != "ordinal":
                    continue  # "last", "next one": relative ordinals are not numbers
                value: float | Interval | None = _number(resolution.get("value", ""))
                units: tuple[Alternative, ...] | None = ()
            else:
                value = recognizers_value(kind, resolution)
                units = _recognizers_units(kind, resolution)
            if value is None:
                continue
            if units is None:
                raise KeyError(f"{RECOGNIZERS_SUITES[kind]} case {index}: no mapping for unit "
                               f"{resolution.get('unit')!r}; add it to RECOGNIZERS_UNITS")
            start = result.get("Start")
            end = result.get("End")
            wanted = Expected(value, units, result.get("Text", ""), start,
                              end + 1 if end is not None else None,  # their End is inclusive
                              resolution.get("unit") or result.get("TypeName", ""),
                              numerator_of_ratio=kind in RECOGNIZERS_RATIO_NUMERATORS)
            reason = next((why for pattern, why in RECOGNIZERS_EXCLUDED.get(kind, ())
                           if pattern.search(wanted.text)), None)
            if reason:
                excluded.append((wanted, reason))
            else:
                expected.append(wanted)
        cases.append(Case(kind, index, item["Input"], tuple(expected), tuple(excluded),
                          item.get("NotSupported")))
    return cases


@dataclass
class OrdinalResult:
    """Ordinals are not figures: how many expected ordinals no figure overlaps."""

    ordinals: int = 0
    not_reported: int = 0
    reported: list[tuple[Case, Expected, Found]] = field(default_factory=list)

    @property
    def pass_rate(self) -> float:
        return 100.0 * self.not_reported / self.ordinals if self.ordinals else 0.0


def score_ordinals(cases: Iterable[Case], system: System) -> OrdinalResult:
    result = OrdinalResult()
    for case in cases:
        if not case.expected:
            continue
        found = system(case.text)
        for ordinal in case.expected:
            result.ordinals += 1
            start = ordinal.start if ordinal.start is not None else 0
            end = ordinal.end if ordinal.end is not None else len(case.text)
            overlapping = [f for f in found if f.start < end and f.end > start]
            if overlapping:
                result.reported.append((case, ordinal, overlapping[0]))
            else:
                result.not_reported += 1
    return result


# ---------------------------------------------------------------------------------------------------------
# quantulum3's cases
# ---------------------------------------------------------------------------------------------------------
def load_quantulum3(path: Path = PEERS / "quantulum3" / "quantities.json") -> list[Case]:
    """quantulum3's quantities.json as cases; years and numbers inside names are set aside as excluded."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    cases = []
    for index, item in enumerate(data):
        text = item["req"]
        expected, excluded = [], []
        for res in item["res"]:
            value = float(res["value"])
            uncertainty = res.get("uncertainty")
            surface = str(res.get("surface", ""))
            start = text.find(surface) if surface else -1
            wanted = Expected((value - uncertainty, value + uncertainty) if uncertainty else value,
                              quantulum3_units(res["unit"]), surface, start if start >= 0 else None,
                              start + len(surface) if start >= 0 else None, res["unit"])
            reason = QUANTULUM3_EXCLUDED.get((index, surface))
            if reason is None and res["unit"] == "dimensionless" and _YEAR.match(surface):
                reason = "year"
            if reason:
                excluded.append((wanted, reason))
            else:
                expected.append(wanted)
        cases.append(Case("quantulum3", index, text, tuple(expected), tuple(excluded)))
    return cases


# ---------------------------------------------------------------------------------------------------------
# Systems: ours and quantulum3, each as text -> [Found]
# ---------------------------------------------------------------------------------------------------------
def ours(text: str) -> list[Found]:
    """Our extractor (figures.extract.extract: value and unit are extraction's job)."""
    from figures.extract import extract

    return [Found.from_figure(figure) for figure in extract(text, doc_id="bench")]


def quantulum3_system() -> System:
    """quantulum3's parser as a system (imported on demand: it is slow to load and needs its classifier)."""
    from quantulum3 import parser

    def run(text: str) -> list[Found]:
        found = []
        for quantity in parser.parse(text):
            alt = quantulum3_units(quantity.unit.name)[0]
            value = float(quantity.value) * alt.factor
            uncertainty = getattr(quantity, "uncertainty", None)
            span = getattr(quantity, "span", None) or (0, 0)
            spread = uncertainty * alt.factor if uncertainty else None
            interval = (value - spread, value + spread) if spread else None
            found.append(Found(span[0], span[1], getattr(quantity, "surface", ""),
                               None if interval else value, interval, unit=alt.unit))
        return found

    return run
