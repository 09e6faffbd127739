"""The property and claimant of a figure, read off the tree: one case table per pattern of English.

Every sentence here was invented for these tables (none is copied from a benchmark, the seed corpus or the
held-out passages); each row states the pattern its table is about in another form.
"""

from __future__ import annotations

import pytest

from figures.model import Document, Figure
from figures.pipeline import analyse


def _one(text: str, surface: str) -> Figure:
    found = [f for f in analyse(Document("d", text)) if f.text == surface]
    assert found, f"{surface!r} not extracted from {text!r}"
    return found[0]


# a verb's words beyond the verb: a particle or the adverb that completes it, a preposition with its object,
# the preposition alone after an adverb of direction, a verb's prepositional phrase
PHRASE_CASES = [
    ("Air defences shot down 14 drones overnight.", "14 drones", "shot down"),
    ("The carmaker laid off 900 workers in March.", "900 workers", "job cuts"),
    ("Rebel fighters clawed back 40 square miles last week.", "40 square miles", "area liberated"),
    ("Government troops won back 120 square kilometres.", "120 square kilometres", "area liberated"),
    ("The plant sits 40 km north of the capital.", "40 km", "distance"),
    ("The village lies 12 miles east of Leeds, near the coast.", "12 miles", "distance"),
    ("Eight armoured vehicles were blown to pieces.", "Eight armoured vehicles", "destroyed"),
    ("The airliner flies at 11,000 metres.", "11,000 metres", "altitude"),
    ("The operator now has 6,000 satellites in orbit.", "6,000 satellites", "deployed"),
    ("The navy keeps 40 frigates in service.", "40 frigates", "deployed"),
]


@pytest.mark.parametrize(("sentence", "surface", "prop"), PHRASE_CASES)
def test_a_phrase_names_the_property(sentence: str, surface: str, prop: str) -> None:
    assert _one(sentence, surface).property == prop
