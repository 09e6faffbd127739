"""Regression guards on the peers' own test suites, and the benchmark adapters they run through.

The suites are MIT licensed and copied in tests/peers/ (see tests/peers/SOURCE.md): Microsoft
Recognizers-Text's English specs and quantulum3's quantities.json. Each suite's pass rate may not fall below
the figure the extractor reached at the last refresh (MEASURED) minus MARGIN points. The runs are
deterministic, so the margin only absorbs a deliberate trade-off, not noise. To refresh after an
improvement: `python -m benchmarks.accuracy --floors` prints MEASURED as it stands; paste it here.
NewsQuant has no license and stays out of the tests: its guard runs in `python -m benchmarks.accuracy`.
"""

from __future__ import annotations

import json

import pytest

from benchmarks import PEERS, peers
from benchmarks.units import Alternative, Expected, Found, matches

MARGIN = 2.0
MEASURED = {  # pass rates in percent, python -m benchmarks.accuracy --floors
    "currency": 95.8,
    "dimension": 87.9,
    "age": 94.4,
    "temperature": 90.6,
    "number": 48.6,
    "range": 86.6,
    "percent": 73.3,
    "ordinal": 95.7,  # ordinals that no figure overlaps
    "quantulum3": 82.7,
}


@pytest.mark.parametrize("kind", [k for k in peers.RECOGNIZERS_SUITES if k != "ordinal"])
def test_recognizers_suite_holds_its_floor(kind: str) -> None:
    result = peers.score(peers.load_recognizers(kind), peers.ours)
    assert result.pass_rate >= MEASURED[kind] - MARGIN, [
        (case.text, expected.text) for case, expected in result.misses]


def test_ordinals_stay_unreported() -> None:
    result = peers.score_ordinals(peers.load_recognizers("ordinal"), peers.ours)
    assert result.pass_rate >= MEASURED["ordinal"] - MARGIN, [
        (case.text, found.text) for case, _, found in result.reported]


def test_quantulum3_cases_hold_their_floor() -> None:
    result = peers.score(peers.load_quantulum3(), peers.ours)
    assert result.pass_rate >= MEASURED["quantulum3"] - MARGIN, [
        (case.text, expected.text) for case, expected in result.misses]


# --- the adapters themselves ------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", list(peers.RECOGNIZERS_SUITES))
def test_every_recognizers_result_is_read(kind: str) -> None:
    """Every expected result with a value becomes an Expected (a unit without a mapping would raise)."""
    with open(PEERS / "recognizers" / peers.RECOGNIZERS_SUITES[kind], encoding="utf-8-sig") as f:
        spec = json.load(f)
    cases = peers.load_recognizers(kind)
    read = sum(len(c.expected) for c in cases)
    valued = sum(1 for item in spec for r in item.get("Results") or []
                 if (r.get("Resolution") or {}).get("value") not in (None, "null")
                 and (kind != "ordinal" or r.get("TypeName") == "ordinal"))
    assert len(cases) == len(spec)
    assert read == valued


def test_quantulum3_cases_are_all_read() -> None:
    with open(PEERS / "quantulum3" / "quantities.json", encoding="utf-8") as f:
        data = json.load(f)
    cases = peers.load_quantulum3()
    assert sum(len(c.expected) + len(c.excluded) for c in cases) == sum(len(item["res"]) for item in data)
    assert {reason for c in cases for _, reason in c.excluded} >= {"year", "name (Voyager 2)"}


def _found(value: float | None = None, unit: str = "", **kw: object) -> Found:
    return Found(0, 1, "x", value, unit=unit, **kw)  # type: ignore[arg-type]


MATCH_CASES = [
    # (expected, found, matches?) -- built by hand from the suites' conventions (benchmarks/peers.py)
    (Expected(1.6, (Alternative("kilometer"),)), _found(1600, "meter"), True),
    (Expected(1.6, (Alternative("kilometer"),)), _found(1.6, "mile"), False),
    (Expected(75e6, peers.RECOGNIZERS_UNITS["Dollar"]), _found(75e6, "CAD"), True),  # a bare "$"
    (Expected(75e6, peers.RECOGNIZERS_UNITS["Euro"]), _found(75e6, "USD"), False),
    (Expected(50, peers.RECOGNIZERS_UNITS["Cent"]), _found(0.5, "USD"), True),
    (Expected(12, peers.QUANTULUM3_UNITS["dozen"]), _found(12, "count"), False),  # "a dozen" is 12 x 1
    (Expected(1, peers.QUANTULUM3_UNITS["dozen"]), _found(12, "count"), True),
    (Expected(5, peers.BARE), _found(5, ""), True),
    (Expected(5, peers.BARE), _found(5, "percent"), False),
    (Expected(20, peers.RECOGNIZERS_UNITS["C"]), _found(68, "degree_Fahrenheit"), True),
    (Expected((20.0, 30.0), ()), _found(None, range=(20.0, 30.0)), True),
    (Expected((20.0, 30.0), ()), _found(25.0), False),
    (Expected((30.0, None), ()), _found(30.0, qualifier="more than", low=30.0), True),
    (Expected((30.0, None), ()), _found(30.0, low=30.0, high=30.0), False),  # a plain 30 is no bound
    (Expected((None, 700.0), ()), _found(700.0, qualifier="up to", high=700.0), True),
    (Expected((20.0, 20.0), ()), _found(20.0), True),  # "[20,20]" is the number itself
    (Expected(10, (Alternative("year"),)), _found(1, "decade"), True),  # the project's spelling rewrite
    (Expected(2, (Alternative("FIM"),)), _found(2, "FIM"), True),  # a currency only the suite knows
    # the seed golden file's conventions (tests/golden/README.md): vague lower ends, rounded fractions
    (Expected(100, (Alternative("mile"),), vague=True), _found(None, "mile", range=(100.0, 1000.0)), True),
    (Expected(100, (Alternative("mile"),)), _found(None, "mile", range=(100.0, 1000.0)), False),
    (Expected(0.3333, peers.BARE, tolerance=5e-5), _found(1 / 3), True),
    (Expected(0.3333, peers.BARE), _found(1 / 3), False),
]


@pytest.mark.parametrize(("expected", "found", "ok"), MATCH_CASES)
def test_matching_rules(expected: Expected, found: Found, ok: bool) -> None:
    assert matches(expected, found) is ok
