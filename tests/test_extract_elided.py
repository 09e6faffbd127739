"""A unit or counted noun given once for two parallel numbers, read from the parse (figures.extract.elided,
applied by figures.pipeline).

Every sentence here is invented for the pattern it shows; none is copied from a benchmark.
"""

from __future__ import annotations

import pytest

from figures.model import Document
from figures.pipeline import analyse


def _found(sentence: str) -> dict[str, tuple[str, str | None]]:
    return {f.text: (f.unit, f.noun) for f in analyse(Document("invented", sentence))}


# (sentence, the bare number's text, the unit it takes, the noun it takes)
GAPPED_CONJUNCT = [
    # "and" + a number + its own words: the parser reads it as a conjunct, the unit is left out
    ("Sales rose 6 percent in Europe and 9 in Asia.", "9", "percent", None),
    ("The chain has 4,000 stores in China and 2,500 in India.", "2,500", "count", "stores"),
    ("The striker scored 30 goals in the league and 12 in the cup.", "12", "count", "goals"),
]
PARALLEL_CLAUSE = [
    # the same place in a clause linked to the figure's: object or complement of its verb
    ("The new bridge is 410 metres long, while the old one was 350.", "350", "meter", None),
    ("Revenue grew 8 percent, while profit rose 11.", "11", "percent", None),
    ("Exports grew by 3 per cent; imports shrank by 2.", "2", "percent", None),
    ("The alloy reached 113 gigapascals, while steel scores between 50 and 70.", "between 50 and 70",
     "gigapascal", None),
]
MARKET_REPORTS = [
    # a list of names each with its number, the unit given with the first only
    ("The Dax gained 1.4%, the Cac 0.7 and the FTSE 0.2.", "0.7", "percent", None),
    ("Shares of Acme fell 3.1%, Globex lost 1.8 and Initech shed 0.6.", "0.6", "percent", None),
    ("The Nikkei was up 0.9% and the Hang Seng up 1.3.", "1.3", "percent", None),
    ("The Greens are on 21 per cent, the Liberals on 17 and the Left on 9.", "17", "percent", None),
    ("Joblessness stood at 6.2 percent in the east and 4.4 in the west.", "4.4", "percent", None),
]
SAME_VERB_AGAIN = [
    # one verb, the same preposition twice, set apart by a comma or "then"
    ("Wheat output rose to 12 million tonnes, and barley output to 8 million.", "8 million", "metric_ton",
     None),
    ("The tax rate will fall to 19 per cent, then to 17.", "17", "percent", None),
    ("The river climbed to 6 metres on Monday, and to 7 by Friday.", "7", "meter", None),
]


@pytest.mark.parametrize(
    ("sentence", "bare", "unit", "noun"), GAPPED_CONJUNCT + PARALLEL_CLAUSE + MARKET_REPORTS + SAME_VERB_AGAIN
)
def test_a_parallel_bare_number_takes_the_unit_given_once(
    sentence: str, bare: str, unit: str, noun: str | None
) -> None:
    assert _found(sentence)[bare] == (unit, noun)


KEEPS_ITS_OWN = [
    # a change and the level it reached: two places of one clause
    ("The index rose 8.15% to 3,650.", "3,650"),
    # a number before the figure: English leaves a unit out in the second of two parallels, not the first
    ("Horsepower climbed from 240 to 270, and mileage rose from 21 mpg to 23.", "from 240 to 270"),
    # a number in another place of a linked clause
    ("The bill passed with 52 percent after 3 recounts were ordered by 4 judges.", "52 percent"),
    # a number after a preposition of its own is no parallel: "at an average of 40"
    ("The truck sold 12,000 units, up 8% on the year, at an average of 40 a day.", "40"),
    # the subject of a clause is no parallel of an object
    ("Revenue grew 8 percent, while 40 left the firm.", "40"),
]


@pytest.mark.parametrize(("sentence", "surface"), KEEPS_ITS_OWN)
def test_no_unit_where_the_number_is_no_parallel(sentence: str, surface: str) -> None:
    found = _found(sentence)
    assert surface in found, found
    if surface == "52 percent":
        assert found == {"52 percent": ("percent", None), "3 recounts": ("count", "recounts"),
                         "4 judges": ("count", "judges")}
    else:
        assert found[surface] == ("", None)


@pytest.mark.parametrize(
    ("sentence", "points", "unit"),
    [
        # points that move a percentage whose level the same verb gives are percentage points
        ("Backing for the mayor slipped three points to 41 per cent.", "three points", "percent"),
        ("The Greens rose 4 points to 19%, a record.", "4 points", "percent"),
        ("The gap narrowed by 2 points from 11%.", "2 points", "percent"),
        # points scored, or an index's points, stay counts
        ("She scored 28 points on 55% shooting.", "28 points", "count"),
        ("The index rose 120 points to 7,300.", "120 points", "count"),
    ],
)
def test_points_that_move_a_percentage(sentence: str, points: str, unit: str) -> None:
    assert _found(sentence)[points][0] == unit
