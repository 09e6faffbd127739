"""Passes over neighbouring mentions: compounds ("5 ft 2 in"), ranges ("between 930 and 1,550 miles",
"more than 10 but fewer than 20") and dual-unit statements ("995 miles (1,600 kilometers)")."""

from __future__ import annotations

import re

from figures.errors import FiguresError
from figures.extract.mention import Mention, clean
from figures.extract.qualifiers import LOWER_BOUNDS, UPPER_BOUNDS

_INCH_AFTER_RE = re.compile(r"\s?in\b\.?")
_HEIGHT_INCHES_RE = re.compile(r"-?(\d{1,2}(?:\.\d+)?)(?:\s?[\"″])?(?![\d.])")
_GLUED_INCHES_RE = re.compile(r"\s+(\d{1,2}(?:\.\d+)?)(?:in|ins|\")(?![A-Za-z])")

_BOUNDS_GAP_RE = re.compile(r"\s*(?:,\s*)?(?:and|but|yet)?\s*(?:,\s*)?", re.IGNORECASE)

_COMPOUND_GAP_RE = re.compile(r"\s+(?:and\s+)?")

_BETWEEN_RE = re.compile(r"(?:\b(?:between|from)\s+)$", re.IGNORECASE)

# "8- to 16-meter", "10~20" (a tilde between two numbers is a range in East Asian typography), "5 thru 9",
# "between minus 5 and plus 5" (the upper end's sign written out)
_RANGE_GAP_RE = re.compile(
    r"^-?\s*(?:-|–|—|~|〜|to|and|through|thru|or)(?:\s+(?:plus|positive)|\s*\+)?\s*$", re.IGNORECASE
)
_UPPER_SIGN_RE = re.compile(r"(?:\s+(?:plus|positive)|\s*\+)$", re.IGNORECASE)

_BY_RE = re.compile(r"\bby\s+$", re.IGNORECASE)

_DUAL_GAP_RE = re.compile(
    r"^\s*(?:\(|\[|,?\s*or\b|/|,\s*or\s+about|\s*=)\s*(?:about|approximately|approx\.?|roughly|around|some|nearly|"
    r"almost|~|c\.|about\s+)?\s*$",
    re.IGNORECASE,
)


def join_compounds(text: str, mentions: list[Mention]) -> list[Mention]:
    """One measure in two units: "5 ft 2 in", "5 feet 2 inches", "3 dollars 50 cents", "15 dollars and 15"."""
    out: list[Mention] = []
    for mention in mentions:
        if out and mention.start < out[-1].end:
            continue  # taken in by the figure before it
        if out:
            a = out[-1]
            gap = text[a.end : mention.start]
            joined = _COMPOUND_GAP_RE.fullmatch(gap) is not None
            feet = a.unit == "foot" and a.range is None
            # "5-foot-11 guard", "6'2\"": a height's inches glued to its feet by a hyphen or nothing at all
            height = _HEIGHT_INCHES_RE.match(text, a.end) if feet and gap in ("", "-") else None
            if height and height.start(1) == mention.start and float(height.group(1)) < 12:
                a.value = a.value * a.scale + float(height.group(1)) / 12
                a.step, a.scale, a.end = 1 / 12, 1.0, height.end()
                continue
            if joined and feet and mention.unit in ("inch", ""):
                a.value, a.step, a.end = (
                    a.value * a.scale + mention.value / 12,
                    mention.step / 12,
                    mention.end,
                )
                a.scale = 1.0
                inches = _INCH_AFTER_RE.match(text, a.end) if mention.unit == "" else None
                a.end = inches.end() if inches else a.end  # "5 ft 2 in": "in" counts here
                continue
            if (
                joined
                and a.dimension == "money"
                and a.unit not in ("JPY", "KRW")
                and not a.currency_prefix
                and mention.unit in ("cent", "")
                and mention.value < 100
                and not a.has_scale
            ):
                a.value, a.step, a.end = a.value + mention.value / 100, 0.01, mention.end
                continue
        feet = mention.unit == "foot" and not mention.range
        glued = _GLUED_INCHES_RE.match(text, mention.end) if feet else None
        if glued:  # "6ft 2in": the inches, glued to their mark, are no figure of their own
            mention.value = mention.value * mention.scale + float(glued.group(1)) / 12
            mention.step, mention.scale, mention.end = 1 / 12, 1.0, glued.end()
        out.append(mention)
    return out


_LIST_GAP_RE = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+", re.IGNORECASE)


def share_list_units(text: str, mentions: list[Mention]) -> None:
    """A list of numbers with one unit at its end: "2, 3 and 4 percent", "5, 10 or 15 km" (each number
    before the unit, back over commas and and/or, is in that unit). Sums and ages are left alone: "$5, 6
    and 7" keeps its sign on the first, and "ages 5, 6 and 7" are ages already."""
    for i in range(len(mentions) - 1, 0, -1):
        last = mentions[i]
        if not last.unit or last.unit == "count" or last.dimension in ("money", "age") or last.range:
            continue
        j = i
        while j > 0:
            before = mentions[j - 1]
            if before.unit or before.noun or before.vague or before.range or before.spelled != last.spelled:
                break
            if not _LIST_GAP_RE.fullmatch(text, before.end, mentions[j].start):
                break
            j -= 1
        if any("," in text[mentions[k].end : mentions[k + 1].start] for k in range(j, i)):
            for before in mentions[j:i]:
                before.unit, before.dimension, before.unit_text = last.unit, last.dimension, last.unit_text


_TIMES_GAP_RE = re.compile(r"\s*[x×]\s*|\s+by\s+", re.IGNORECASE)


def share_dimension_units(text: str, mentions: list[Mention]) -> None:
    """Sides of a size with one unit at the end: "20 x 30 cm", "a plot 40 by 60 yards", "2 x 3 x 4 m" (each
    bare number before the unit, back over "x", "×" or "by", is in that unit)."""
    for i in range(len(mentions) - 1, 0, -1):
        last = mentions[i]
        if last.dimension not in ("length", "area") or last.range:
            continue
        j = i
        while j > 0:
            before = mentions[j - 1]
            if before.unit or before.noun or before.vague or before.range or before.spelled:
                break
            if not _TIMES_GAP_RE.fullmatch(text, before.end, mentions[j].start):
                break
            if before.value < 10 and mentions[j].value >= 20 * before.value:
                break  # "the 4 x 100m relay": legs of a race, not the side of a size
            before.unit, before.dimension, before.unit_text = last.unit, last.dimension, last.unit_text
            j -= 1


def join_ranges(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "between 930 and 1,550 miles", "3-4 km", "from 10 to 20 billion", "$3bn-$5bn"."""
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        a = mentions[i]
        b = mentions[i + 1] if i + 1 < len(mentions) else None
        if b is not None and a.range is None and not a.vague and not b.vague:
            gap = text[a.end : (b.qualifier_start if b.qualifier_start is not None else b.start)]
            between = _BETWEEN_RE.search(text, max(0, a.start - 10), a.qualifier_start or a.start)
            ok_gap = _RANGE_GAP_RE.match(gap)
            hyphen_only = bool(gap) and not gap.strip(" -–")
            if (
                hyphen_only
                and a.value >= b.value
                and not b.has_scale
                and not a.unit
                and b.unit in ("", "count")
            ):
                i += 2  # "3-2 victory", "89-89": a score, not a range
                continue
            bounds = _two_bounds(text, a, b)
            if bounds is not None:  # "more than 10 but fewer than 20": one range from two bounds
                out.append(bounds)
                i += 2
                continue
            word = _UPPER_SIGN_RE.sub("", gap.strip().lower())
            ok = bool(ok_gap) and _compatible(a, b) and b.qualifier in (None, "about")
            if _from_up_to(text, a, b, gap, between):  # "from 10 up to 50 people"
                ok, word = _compatible(a, b) and a.value < b.value, "to"
            if word == "and" and not between:
                ok = False
            if word in ("to", "or", "through") and a.unit and not b.unit:
                ok = False  # "rose 8.15% to 3.65": a change, not a range
            if word == "or" and not (a.value < b.value and not a.unit):
                ok = False
            if word == "to" and _change_then_level(text, a, b):
                ok = False  # "shares fell 12p to 340p": how far a price moved, then where it ended
            if a.unit and b.unit and _counts_points(a) != _counts_points(b):
                ok = False  # "fell 0.3 percentage points to 4.1%": a change in points, then a level
            if a.unit and _BY_RE.search(text, max(0, a.start - 6), a.qualifier_start or a.start):
                ok = False  # "increased by $43.6 billion to $419.2 billion": a change and a level
            if (
                not ok
                and word in ("and", "or")
                and not a.unit
                and b.unit not in ("", "count")
                and b.dimension not in ("money", "age")
                and not a.spelled
            ):
                a.unit, a.dimension, a.unit_text = b.unit, b.dimension, b.unit_text  # "45 and 50 mg": 45 mg
            if ok:
                out.append(_range_of(text, a, b, between))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


# a verb of change right before a figure: "fell 12p", "rose $2.50", "was up 4%"
_CHANGE_VERB_BEFORE_RE = re.compile(
    r"\b(?:rose|fell|gained|lost|climbed|slipped|dropped|jumped|added|shed|declined|increased|decreased|grew|"
    r"surged|soared|plunged|tumbled|slid|sank|rallied|advanced|eased|dipped|edged\s+(?:up|down|higher|lower)|"
    r"(?:was|were|is|are|closed|ended|finished)\s+(?:up|down))\s+(?:by\s+)?(?:about\s+|nearly\s+|almost\s+)?$",
    re.IGNORECASE,
)


def _change_then_level(text: str, a: Mention, b: Mention) -> bool:
    """After a verb of change, "12p to 340p" with each number in its own unit and the second far above the
    first is the move and the level reached, not a range ("rose 3% to 4%" stays a range)."""
    if not (a.unit and b.unit and a.unit == b.unit):
        return False
    if b.value * b.scale < 3 * a.value * a.scale:
        return False
    start = a.qualifier_start if a.qualifier_start is not None else a.start
    return bool(_CHANGE_VERB_BEFORE_RE.search(text, max(0, start - 24), start))


_POINTS_RE = re.compile(r"\bpoints?\b|\bbps?\b", re.IGNORECASE)


def _counts_points(mention: Mention) -> bool:
    """A change written in percentage or basis points, which a level in percent is not."""
    return mention.unit == "basis_point" or bool(_POINTS_RE.search(mention.unit_text or ""))


_UP_TO_RE = re.compile(r"up\s+to\b", re.IGNORECASE)


def _from_up_to(text: str, a: Mention, b: Mention, gap: str, between: re.Match[str] | None) -> bool:
    """ "from 10 up to 50": a range whose upper end is written as a bound."""
    return (
        between is not None
        and between.group().lower().startswith("from")
        and b.qualifier == "up to"
        and b.qualifier_start is not None
        and not gap.strip()
        and _UP_TO_RE.match(text, b.qualifier_start) is not None
    )


def _two_bounds(text: str, a: Mention, b: Mention) -> Mention | None:
    """A lower and an upper bound joined by "and"/"but"/"yet": the range between them."""
    if a.qualifier_start is None or b.qualifier_start is None or not _compatible(a, b):
        return None
    pair = {a.qualifier, b.qualifier}
    lower, upper = (a, b) if a.qualifier in LOWER_BOUNDS else (b, a)
    if not (lower.qualifier in LOWER_BOUNDS and upper.qualifier in UPPER_BOUNDS and len(pair) == 2):
        return None
    if not _BOUNDS_GAP_RE.fullmatch(text[a.end : b.qualifier_start]):
        return None
    low, high = clean(lower.value * lower.scale), clean(upper.value * upper.scale)
    if low >= high:
        return None
    unit_source = a if a.unit else b
    return Mention(
        start=a.qualifier_start,
        end=b.end,
        value=low,
        step=min(a.step * a.scale, b.step * b.scale),
        unit=unit_source.unit,
        unit_text=unit_source.unit_text,
        dimension=unit_source.dimension if unit_source.unit else "number",
        noun=a.noun or b.noun,
        range=(low, high),
    )


def _compatible(a: Mention, b: Mention) -> bool:
    if a.noun and b.noun and a.noun.lower() != b.noun.lower():
        return False  # "from 12 main battle tanks to almost 60 motorcycles"
    if a.unit and b.unit:
        return a.unit == b.unit or _unit_ratio(b.unit, a.unit) is not None
    if a.unit == "count" or b.unit == "count":
        return not (a.noun and b.noun)
    return True


def _unit_ratio(unit: str, into: str) -> float | None:
    """How many ``into`` one ``unit`` is, for two units of one dimension without offsets (km -> m: 1000)."""
    from figures.normalise.canonical import conversion  # the one Pint registry, loaded only for such ranges

    try:
        source, target = conversion(unit), conversion(into)
    except FiguresError:
        return None
    if source.canonical_unit != target.canonical_unit or source.offset or target.offset or source.currency:
        return None
    return source.factor / target.factor


_SPELLED_SCALES = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9}
# an upper end written as one number word and its scale: "three hundred", "six thousand"
_SPELLED_SCALE_RE = re.compile(
    r"[A-Za-z]+(?:-[A-Za-z]+)?[\s-]+(hundred|thousand|million|billion)\b", re.IGNORECASE
)
_ONE_WORD_RE = re.compile(r"[A-Za-z]+")


def _range_of(text: str, a: Mention, b: Mention, between: re.Match[str] | None) -> Mention:
    # the scale word of the upper end applies to both when the lower end has none: "from 10 to 20 billion"
    inherit = not a.has_scale and b.has_scale and a.value < b.value
    a_scale = b.scale if inherit else a.scale
    # so does a spelled one: "between two and three hundred", "five to six thousand" (a single word below
    # the upper end's leading number takes its scale word)
    spelled_scale = _SPELLED_SCALE_RE.match(text, b.start, b.end) if a.spelled and b.spelled else None
    if spelled_scale and _ONE_WORD_RE.fullmatch(text, a.start, a.end):
        scale = _SPELLED_SCALES[spelled_scale.group(1).lower()]
        if a.value < b.value / scale:
            a_scale = scale
    ratio = _unit_ratio(b.unit, a.unit) if a.unit and b.unit and a.unit != b.unit else 1.0
    low, high = clean(a.value * a_scale), clean(b.value * b.scale * (ratio or 1.0))
    unit = a.unit if a.unit and a.unit != "count" else b.unit
    source = a if a.unit and a.unit != "count" else b
    start = between.start() if between else a.start
    merged = Mention(
        start=start,
        end=b.end,
        value=low,
        step=min(a.step * a_scale, b.step * b.scale),
        scale=1.0,
        unit=unit,
        unit_text=source.unit_text,
        dimension=source.dimension if unit else "number",
        noun=a.noun or b.noun,
        qualifier=a.qualifier if a.qualifier in ("about", "up to", "nearly") else None,
        qualifier_start=a.qualifier_start,
        range=(min(low, high), max(low, high)),
    )
    return merged


def mark_groups(text: str, mentions: list[Mention], doc_id: str) -> None:
    """Two figures of one statement in two units: "995 miles (1,600 kilometers)", "285 miles, or 460 km"."""
    for a, b in zip(mentions, mentions[1:], strict=False):
        if not a.unit or not b.unit or a.unit == b.unit or "count" in (a.unit, b.unit):
            continue
        if a.dimension != b.dimension:
            continue
        gap = text[a.end : (b.qualifier_start if b.qualifier_start is not None else b.start)]
        if _DUAL_GAP_RE.match(gap):
            group = a.group or f"{doc_id}:{a.start}"
            a.group = b.group = group
