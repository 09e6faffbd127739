"""A unit or counted noun the writer gives once for two parallel numbers, read from the sentence's parse.

English leaves out what a second, parallel clause would repeat (ellipsis): "sales rose 6 percent in Europe
and 9 in Asia", "the company has 4,000 stores in China and 2,500 in India", "the bridge is 410 metres
long, while the old one was 350"; and, less often, says it only in the second clause: "Germany had 1,200
while France reported 900 new infections". The bare number there is in the unit, or counts the noun, of
the number it parallels. The parse shows the parallel where word windows cannot:

- the bare number is joined by "and"/"or" to the other figure's word or clause (the parser reads the
  gapped "and 9 in Asia" as a conjunct of "rose" or of "stores");
- or it holds the same place in a clause linked to the other's (a conjunct, an adverbial or a complement
  clause): both the object or complement of their verbs, or both after the same preposition
  ("rose by 3 per cent; imports shrank by 2").

``carriers`` only proposes; a number that parallels figures of two different units takes neither.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from figures.model import Figure

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# a token that heads a clause of its own: a verb, or what the parser attaches as a clause
_CLAUSE_DEPS = frozenset({"ROOT", "advcl", "ccomp", "xcomp", "relcl", "parataxis"})
_VERBS = frozenset({"VERB", "AUX"})
# the places of a verb's object or complement, one place for all ("grew 8 percent" is npadvmod,
# "was 350" attr, "had 1,200" dobj, "is 410 metres long" acomp)
_OBJECT_DEPS = frozenset({"dobj", "attr", "npadvmod", "oprd", "acomp", "advmod"})
_LINKS = frozenset({"conj", "advcl", "ccomp", "parataxis"})


@dataclass(frozen=True, slots=True)
class Place:
    """Where a figure stands in its sentence: its clause's head, and its place under that head."""

    anchor: Token  # the figure's head word: "percent" of "8 percent", "1,200" of a bare number
    clause: Token
    role: str  # "object", "prep:<word>", or the dependency label


def _is_clause(token: Token) -> bool:
    return token.pos_ in _VERBS or token.dep_ in _CLAUSE_DEPS


def place(doc: Doc, start: int, end: int) -> Place | None:
    """The place of the figure at ``doc.text[start:end]``, or None where the text is not one span."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    anchor = span.root
    child, token = anchor, anchor
    while not _is_clause(token) and token.head.i != token.i:
        child, token = token, token.head
    if child.i == token.i:  # the figure's own word heads a clause ("9" read as a conjunct of "rose")
        return Place(anchor, token, token.dep_)
    if child.dep_ == "prep" and span.start <= child.i:
        role = "object"  # the figure's own word: "scores [between 50 and 70]"
    elif child.dep_ == "prep" or (child.dep_ == "conj" and child.pos_ == "ADP"):
        role = f"prep:{child.lower_}"  # "rose to 6 metres ..., and [to] 7": a conjunct preposition too
    elif child.dep_ in _OBJECT_DEPS:
        role = "object"
    else:
        role = child.dep_
    return Place(anchor, token, role)


def _between(token: Token, top: Token) -> list[Token]:
    """``token`` and its heads up to and including ``top``."""
    out = [token]
    while token.i != top.i and token.head.i != token.i:
        token = token.head
        out.append(token)
    return out


def _linked(a: Token, b: Token) -> bool:
    """Two different clauses of one chain of conjunct, adverbial or complement clauses: one under the other
    or both under a third ("Apple fell 2.3%, Microsoft lost 1.1 and Google shed 0.4"), two links at most."""
    return a.i != b.i and bool({t.i for t in _clause_chain(a)} & {t.i for t in _clause_chain(b)})


def _clause_chain(clause: Token) -> list[Token]:
    chain = [clause]
    while len(chain) < 3 and chain[-1].dep_ in _LINKS:
        chain.append(chain[-1].head)
    return chain


# words a number hangs from that a parallel repeats: "up 0.5% and the Nasdaq up 0.8", "on 44 per cent, the
# Greens on 26"
_GOVERNORS = frozenset({"ADP", "ADV", "PART"})


def parallel(carrier: Place, bare: Place) -> bool:
    """Whether the bare number stands where the carrier stands, in a clause or conjunct of its own."""
    number = bare.anchor
    if number.dep_ == "conj" and number.head in _between(carrier.anchor, carrier.clause):
        # "rose 6 percent in Europe and 9 in Asia", "4,000 stores in China and 2,500 in India": a gapped
        # conjunct (the bare number comes after the carrier: "6 and 9 percent" is a list, the scanner's)
        return True
    if (
        number.dep_ == "nummod"
        and number.head.pos_ == "PROPN"
        and number.head.i < number.i
        and carrier.role == "object"
        and (carrier.clause.i == bare.clause.i or _linked(carrier.clause, bare.clause))
    ):
        return True  # "gained 1.2%, the Dow 0.9": a number after a name is no count of it, but gapped
    if carrier.clause.i == bare.clause.i and _same_governor(carrier, bare):
        return True
    if carrier.role != bare.role or carrier.role not in {"object"} and not carrier.role.startswith("prep:"):
        return False
    if carrier.clause.i == bare.clause.i:
        # one verb, the same preposition twice, set apart: "rose to 12 million tonnes, and barley output to
        # 8 million", "will fall to 19 per cent, then to 17"; or its object twice: "gained 1.4%, the Cac 0.7"
        if not carrier.role.startswith("prep:"):
            return carrier.anchor.i < number.i and _set_apart(carrier.anchor, number)
        return _set_apart(_prep_of(carrier), _prep_of(bare))
    return _linked(carrier.clause, bare.clause)


def _same_governor(carrier: Place, bare: Place) -> bool:
    """The two numbers hang from two tokens of one word, a preposition or particle, set apart: "was up 0.5%
    and the Nasdaq up 0.8", "is on 44 per cent, the Conservatives on 26"."""
    one, two = carrier.anchor.head, bare.anchor.head
    return (
        one.pos_ in _GOVERNORS
        and two.pos_ in _GOVERNORS
        and one.lower_ == two.lower_
        and _set_apart(one, two)
    )


def _set_apart(one: Token, two: Token) -> bool:
    first, second = sorted((one, two), key=lambda t: t.i)
    return first.i != second.i and any(_sets_apart(t) for t in first.doc[first.i + 1 : second.i])


def _prep_of(where: Place) -> Token:
    return next(t for t in _between(where.anchor, where.clause) if t.head.i == where.clause.i)


def _sets_apart(token: Token) -> bool:
    return token.dep_ == "cc" or token.lower_ in {",", ";", "then"}


def carriers(doc: Doc, figures: Sequence[Figure], offset: int = 0) -> dict[int, int]:
    """For each bare number among ``figures`` (one sentence's; ``doc`` is that sentence, starting at
    ``offset`` in the figures' text), the index of the figure whose unit or counted noun it shares, where
    exactly one unit is paralleled."""
    places = [place(doc, f.start - offset, f.end - offset) for f in figures]
    out: dict[int, int] = {}
    for i, (figure, where) in enumerate(zip(figures, places, strict=True)):
        if where is None or not _bare(figure):
            continue
        found = [
            j
            for j, (other, there) in enumerate(zip(figures, places, strict=True))
            if there is not None and other.end <= figure.start and _carries(other) and parallel(there, where)
        ]
        if found and len({(figures[j].unit, figures[j].noun) for j in found}) == 1:
            out[i] = min(found, key=lambda j: abs(figures[j].start - figure.start))
    return out


def _bare(figure: Figure) -> bool:
    return not figure.unit and not figure.noun and not figure.vague and figure.dimension == "number"


def _carries(figure: Figure) -> bool:
    """A figure whose unit a parallel bare number may share: a measure, a sum, a percentage, a count with
    its noun (an age is a person's, never shared)."""
    if figure.unit == "count":
        return bool(figure.noun)
    return bool(figure.unit) and figure.dimension not in ("age", "number")


_POINTS = frozenset({"point", "points", "pts", "pt"})
_LEVEL_PREPOSITIONS = frozenset({"prep:to", "prep:from", "prep:at"})


def percentage_points(doc: Doc, figures: Sequence[Figure], offset: int = 0) -> list[int]:
    """The counts of "points" that are percentage points: the move of a percentage whose level the same verb
    gives ("slipped three points to 47 per cent", "narrowed by 2 points from 12%"). Points scored, or points
    beside a percentage in another place ("30 points on 50% shooting"), stay counts."""
    places = [place(doc, f.start - offset, f.end - offset) for f in figures]
    levels = [
        there
        for figure, there in zip(figures, places, strict=True)
        if there is not None and figure.unit == "percent" and there.role in _LEVEL_PREPOSITIONS
    ]
    out = []
    for i, (figure, where) in enumerate(zip(figures, places, strict=True)):
        if where is None or figure.unit != "count" or (figure.noun or "").lower() not in _POINTS:
            continue
        if where.role in ("object", "prep:by") and any(level.clause.i == where.clause.i for level in levels):
            out.append(i)
    return out
