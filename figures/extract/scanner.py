"""The scanner: numbers in context -> mentions -> ranges and dual-unit groups -> figures.

One pass finds every number-like candidate; each is judged in its context (exclusions), given its scale,
currency or unit (lexicon), its qualifier and, for counts, its noun. A second pass over neighbouring
mentions joins ranges ("between 930 and 1,550 miles") and marks dual-unit statements
("995 miles (1,600 kilometers)") with a shared group id.
"""

from __future__ import annotations

import math
import re

from figures.extract import exclusions as ex
from figures.extract.joins import (
    join_compounds,
    join_ranges,
    mark_groups,
    share_dimension_units,
    share_list_units,
)
from figures.extract.lexicon import Lexicon, UnitEntry, lexicon, trie_alternation
from figures.extract.mention import Mention, clean
from figures.extract.nouns import is_plural, is_proper_name, noun_after, plural_noun_follows
from figures.extract.numbers import (
    ARTICLE,
    DIGITS,
    FRACTION,
    FRACTION_WORDS,
    RATIO,
    SCALE_ABBREVIATIONS,
    SCALE_AFTER_RE,
    SCALE_WORDS,
    SINGLE_LETTER_SCALES,
    SPELLED,
    TENS_WORDS,
    UNIT_WORDS,
    VAGUE,
    parse_article,
    parse_digits,
    parse_fraction,
    parse_ratio,
    parse_spelled,
    parse_vague,
    scale_word,
    spelled_number_end,
)
from figures.extract.qualifiers import (
    DISPUTE_BEFORE_RE,
    LOWER_BOUNDS,
    QUALIFIER_RE,
    QUALIFIERS,
    SUFFIX_QUALIFIER_RE,
    SUFFIX_QUALIFIERS,
    UPPER_BOUNDS,
    interval,
)
from figures.extract.sentences import SentenceIndex
from figures.model import Figure

_PLAIN_CANDIDATE_RE = re.compile(
    rf"(?P<spelled>{SPELLED})|(?P<digits>{DIGITS})",
    re.IGNORECASE,
)
# Candidates are found in two passes because one big alternation tried at every character is the slowest
# part of extraction: numbers in digits behind a one-character lookahead (which lets the regex engine skip
# ahead), and numbers in words only where a word that can start one stands ("nine", "a", "hundreds").
DIGIT_CANDIDATE_RE = re.compile(
    rf"(?=[\d.½⅓⅔¼¾⅛⅕])(?:(?P<ratio>{RATIO})|(?P<digits>{DIGITS}))",
    re.IGNORECASE,
)
WORD_CANDIDATE_RE = re.compile(
    rf"(?P<ratio>{RATIO})|(?P<vague>{VAGUE})|(?P<fraction>{FRACTION})|(?P<spelled>{SPELLED})"
    rf"|(?P<article>{ARTICLE})",
    re.IGNORECASE,
)
FIRST_WORDS = frozenset(
    [*UNIT_WORDS, *TENS_WORDS, "a", "an", "another", "half", "quarter", "several", "some"]
    + ["tens", "dozens", "scores", "hundreds", "thousands", "millions", "billions", "trillions"]
)


# a whole word (a run of ASCII letters) that may start a number in words
_FIRST_WORD_RE = re.compile(
    rf"(?<![A-Za-z]){trie_alternation(FIRST_WORDS)}(?![A-Za-z])", re.IGNORECASE | re.ASCII
)


def candidates(text: str) -> list[re.Match[str]]:
    """Every number-like candidate in ``text``, in order of position."""
    found = list(DIGIT_CANDIDATE_RE.finditer(text))
    words = []
    covered = 0  # a word inside the last word candidate starts none of its own ("nine nine nine ...")
    for token in _FIRST_WORD_RE.finditer(text):
        start = token.start()
        if start < covered or (start and (text[start - 1].isalnum() or text[start - 1] == "_")):
            continue
        match = WORD_CANDIDATE_RE.match(text, start)
        if match and match.lastgroup == "spelled":
            end = start + spelled_number_end(match.group())
            if end < match.end():  # "one hundred and two hundred": two numbers, the first ends here
                match = WORD_CANDIDATE_RE.match(text, start, end)
        if match:
            words.append(match)
            covered = match.end()
    if not words:
        return found
    return sorted(found + words, key=lambda m: m.start())


# "two and a half years", "3 and a quarter miles", "one and three quarters hours": a whole number and a
# fraction of one (not "two, and a third of the seats")
_AND_A_FRACTION_RE = re.compile(
    r"[\s-]+and[\s-]+(?P<fraction>(?:a|one|two|three|four|five|six|seven|eight|nine)[\s-]+"
    rf"(?:{'|'.join(sorted(FRACTION_WORDS, key=len, reverse=True))}))\b(?!\s+of\b)",
    re.IGNORECASE,
)
_OF_RE = re.compile(r"\s+of\s+", re.IGNORECASE)
# "600,000 barrels a day", "$58.24 per barrel", "$80/sq m", "52,000 barrel-a-day": a unit per another unit
_PER_RE = re.compile(r"\s*(?:-\s*an?\s*-|\s(?:a|an|per|every)(?=\s)|/)", re.IGNORECASE)
_AGED_RE = re.compile(
    r"(?:\b(?:aged|age|ages)\s+(?:\d+\s*(?:and|or|to|-)\s*)?|\bas\s+(?:young|old)\s+as\s+"
    r"|\b(?:man|woman|boy|girl|pensioner|grandmother|grandfather|mother|father|son|daughter|wife|husband)"
    r"\s+of\s+)$",
    re.IGNORECASE,
)
_APPOSITION_RE = re.compile(r"\b[A-Z][\w’'-]+(?:,| \()\s*(?:then\s+|now\s+|both\s+)?$")
_NUMBER_BEFORE_TILDE_RE = re.compile(r"\d[ \t]?$")
# a fraction of a unit: "half [a] mile", "a quarter [of a] percentage point", "three-quarters [of an] hour",
# "a half-mile"
_FRACTION_OF_UNIT_RE = re.compile(r"(?:\s+of)?(?:\s+(?:a|an|one))?(?=\s*%|\s|-[a-z])", re.IGNORECASE)
_PARTITIVE_RE = re.compile(r"\s+of\s+(?:the|these|those|its|their|his|her|our|them)\s", re.IGNORECASE)
YEAR_MULTIPLES = {"decade": 10.0, "century": 100.0}  # Pint's "decade" is logarithmic
_YEAR_PREPOSITION_RE = re.compile(r"\b(?:since|in|by|until|from|before|after)\s+$", re.IGNORECASE)
_ARTICLE_QUALIFIER_RE = re.compile(
    r"\b(?:than|over|nearly|almost|about|around|under|least|up to)\s+$", re.IGNORECASE
)
# a capitalised word (not first in its sentence, not a month) right before the number
_CAPITALISED_BEFORE_NUMBER_RE = re.compile(
    r"(?<=[a-z0-9,;)’'] )(?!(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b)[A-Z][a-z]+[ ]$"
)
_LONG_WORD_RE = re.compile(r"\b[A-Za-z][a-z]{3,}\b")
_LAST_WORD_RE = re.compile(r"[A-Za-z]+$")
_DOZEN_AFTER_RE = re.compile(r"\s*-?\s*dozens?\b", re.IGNORECASE)
_AND_A_HALF_AFTER_SCALE_RE = re.compile(r"\s+and\s+a\s+(half|quarter)\b", re.IGNORECASE)
_LATE_SCALE_RE = re.compile(r"\s+(million|billion|trillion|thousand)\b", re.IGNORECASE)
_MILLIONS_OF_CODE_RE = re.compile(r"\s?([MmKk])([A-Z]{3}|[a-z]{3})\b")
_SPELLED_MINUS_RE = re.compile(r"\b(?:minus|negative)\s+$", re.IGNORECASE)
_BRACKETED_UNIT_RE = re.compile(r"\s?[(\[{<]\s*([^\s)\]}>]{1,12})\s*[)\]}>]")
_INCH_MARK_RE = re.compile(
    r"\s?\"(?=\s+(?:long|wide|tall|thick|high|deep|across|diagonal|screen|display|monitor|laptop|tablet|wheels?)\b)"
)
_ORDINAL_WORD_AFTER_RE = re.compile(
    r"[\s-]+(?:first|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\w+teenth|\w+ieth"
    r"|hundredth|thousandth|millionth|billionth|trillionth)\b",
    re.IGNORECASE,
)
# the foot mark (an apostrophe or a prime glued to the number) where a height or length is meant: before the
# inches ("6'2\"", "5′ 11″"), a dimension word ("40' long") or a times sign ("12' x 10'"), or after one
_FOOT_MARK_RE = re.compile(
    r"['′](?=\s?\d{1,2}(?:\.\d+)?\s?[\"″]|\s+(?:long|wide|tall|thick|high|deep|across)\b|\s?[x×]\s?\d)"
)
_FOOT_MARK_AFTER_TIMES_RE = re.compile(r"['′](?![\w'’])")
_TIMES_BEFORE_RE = re.compile(r"\d['′]?\s?[x×]\s?$")


def _foot_mark(text: str, start: int, pos: int) -> int | None:
    """The end of a foot mark right after a number that ends at ``pos``, or None."""
    mark = _FOOT_MARK_RE.match(text, pos)
    if mark is None and _TIMES_BEFORE_RE.search(text, max(0, start - 8), start):
        mark = _FOOT_MARK_AFTER_TIMES_RE.match(text, pos)
    return mark.end() if mark else None


# "2 1/2 in thick": "in" is inches only before a dimension word
_INCH_WORD_RE = re.compile(r"\s?in\.?(?=\s+(?:thick|long|wide|tall|high|deep|across|in\s+diameter)\b)")
_NOT_A_RATE_RE = re.compile(
    r"\s+(?:earlier|ago|before|later|after|previously|prior|back|on)\b", re.IGNORECASE
)
_ONE_NOT_A_FIGURE_BEFORE_RE = re.compile(
    r"\b(?:no|the|this|that|which|every|each|any|any\s+given|only|last|next|another|such)\s+$", re.IGNORECASE
)
_CAPITALISED_WORD_BEFORE_RE = re.compile(r"(?<![.!?:\"“]\s)\b[A-Z][a-z]+\s+$")


def scan(text: str, doc_id: str = "") -> list[Figure]:
    lex = lexicon()
    mask = ex.Mask(text)
    mentions: list[Mention] = []
    last_excluded_end = -10
    consumed = 0  # candidates inside a figure already found ("billion" in "140-billion-euro") are part of it
    for match in candidates(text):
        start, end = match.span()
        if start < consumed or mask.covers(start):
            continue
        kind = match.lastgroup
        mention = _mention(text, match, kind, lex, consumed)
        if mention is None and kind == "ratio":
            # "scored 2 in 10 minutes" is no ratio: its numbers are read one by one
            for part in _PLAIN_CANDIDATE_RE.finditer(text, start, end):
                if part.start() < consumed:
                    continue
                piece = _mention(text, part, part.lastgroup, lex, consumed)
                if piece is not None:
                    mentions.append(piece)
                    consumed = piece.end
            continue
        if mention is None:
            last_excluded_end = end
            continue
        # "2014-15", "2025-10-26": a number glued by a hyphen to an excluded one goes with it
        if kind == "digits" and start - 1 == last_excluded_end and text[start - 1] in "-–/":
            last_excluded_end = end
            continue
        mentions.append(mention)
        consumed = mention.end
    mentions = [m for m in mentions if math.isfinite(m.value * m.scale)]  # "1e3080" overflows: no figure
    mentions = join_compounds(text, mentions)
    share_list_units(text, mentions)
    share_dimension_units(text, mentions)
    mentions = join_ranges(text, mentions)
    mark_groups(text, mentions, doc_id)
    sentences = SentenceIndex(text)
    _carry_currency(text, mentions, sentences)
    _carry_unit(text, mentions, sentences)
    _carry_noun(text, mentions, sentences)
    figures = [_figure(text, m, doc_id, sentences) for m in mentions]
    return [f for f in figures if _finite(f)]


# words that set a second sum against or inside the first: "including 12 billion", "up from 3.5 billion"
_CARRIES_CURRENCY_RE = re.compile(
    r"\b(?:including|of\s+which|plus|another|an\s+additional|a\s+further|up\s+from|down\s+from|compared\s+"
    r"(?:with|to)|against|versus|vs\.?|than|while|whereas|and)\s+(?:(?:about|around|nearly|almost|some|roughly|"
    r"over|more\s+than|less\s+than|just|only)\s+)?$",
    re.IGNORECASE,
)


def _carry_currency(text: str, mentions: list[Mention], sentences: SentenceIndex) -> None:
    """A sentence that names its currency once carries it: in "$40bn over ten years, including 12 billion
    for roads", the bare scaled number is dollars too. Only a number with a scale word and nothing after it
    (no unit, no counted noun) takes the currency of the last sum before it in the same sentence."""
    currency: str | None = None
    sentence = (-1, -1)
    for mention in mentions:
        around = sentences.around(mention.start)
        if around != sentence:
            currency, sentence = None, around
        if mention.dimension == "money" and mention.unit not in ("cent", "GBX", "sen"):
            currency = mention.unit.split()[0] if mention.unit.isalpha() else None
        elif (
            currency
            and not mention.unit
            and mention.has_scale
            and not mention.spelled
            and _CARRIES_CURRENCY_RE.search(text, max(0, mention.start - 24), mention.start)
        ):
            mention.unit, mention.dimension = currency, "money"


_FROM_BEFORE_RE = re.compile(r"\bfrom\s+(?:about\s+|around\s+|roughly\s+)?$", re.IGNORECASE)
_TO_BEFORE_RE = re.compile(r"\bto\s+(?:about\s+|around\s+|roughly\s+)?$", re.IGNORECASE)
_BY_BEFORE_RE = re.compile(r"\bby\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+)?$", re.IGNORECASE)
_COMPARED_BEFORE_RE = re.compile(
    r"\b(?:versus|vs\.?|compared\s+(?:with|to)|against|(?:up\s+|down\s+)?from)\s+(?:about\s+|around\s+)?$",
    re.IGNORECASE,
)
_FROM_GAP_RE = re.compile(r"\s*,?\s+(?:up\s+|down\s+)?from\s+(?:about\s+|around\s+)?", re.IGNORECASE)
_PART_OF_RE = re.compile(r"\s+of\s+(?:the|its|their|his|her|our|a|an)\s+", re.IGNORECASE)


def _carry_unit(text: str, mentions: list[Mention], sentences: SentenceIndex) -> None:
    """A unit the writer leaves out because the sentence already gave it:

    - the end of a change takes its start's unit: "from 21 mpg to 23", "from 5 km to about 8";
    - a second change "by" takes the first's: "rose by 2 percent while the other fell by 1";
    - what a figure is set against takes its unit: "5.2 percent, up from 4.9", "12% versus 9";
    - a part takes its whole's: "raised 280 million of the 1.5 billion shekels";
    - the level a change reached takes the unit of where it started: "rose to 4.9 from 4.2 percent".
    Only a bare number (no unit, no counted noun, not vague) takes a unit, within one sentence."""
    for a, b in zip(mentions, mentions[1:], strict=False):
        if sentences.around(a.start) != sentences.around(b.start) or b.start - a.end > 80:
            continue
        a_from = a.qualifier_start if a.qualifier_start is not None else a.start
        b_from = b.qualifier_start if b.qualifier_start is not None else b.start
        if _carries(a) and _bare(b):
            change = _FROM_BEFORE_RE.search(text, max(0, a_from - 12), a_from) and _TO_BEFORE_RE.search(
                text, max(0, b_from - 12), b_from
            )
            parallel = _BY_BEFORE_RE.search(text, max(0, a_from - 12), a_from) and _BY_BEFORE_RE.search(
                text, max(0, b_from - 12), b_from
            )
            compared = _COMPARED_BEFORE_RE.search(text, max(0, b_from - 16), b_from)
            if change or parallel or compared:
                b.unit, b.dimension = a.unit, a.dimension
        elif (
            _bare(a)
            and _carries(b)
            and a.has_scale == b.has_scale
            and _PART_OF_RE.fullmatch(text, a.end, b_from)
            and a.value * a.scale <= b.value * b.scale
        ):
            a.unit, a.dimension = b.unit, b.dimension
        elif (
            _bare(a)
            and _carries(b)
            and a.has_scale == b.has_scale
            and _TO_BEFORE_RE.search(text, max(0, a_from - 12), a_from)
            and _FROM_GAP_RE.fullmatch(text, a.end, b_from)
        ):
            a.unit, a.dimension = b.unit, b.dimension  # "rose to 4.9 from 4.2 percent": the level reached


# a count's noun left out after a second number: "218 votes to 212", "306 votes to Trump's 232",
# "600 homes destroyed and 1,400 damaged",
# "three people were killed and 12 injured", "closed 40 stores and will shut 25 more"
_TALLY_GAP_RE = re.compile(r"\s+to\s+(?:(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?(?:’s|'s|’|')\s+)?")
_CLAUSE_GAP_RE = re.compile(r"(?:\s+[a-z]+){0,3}(?:,\s*|\s+)(?:and|while|but|with)(?:\s+[a-z]+){0,2}\s+")
_ELIDED_NOUN_AFTER_RE = re.compile(
    r"\s+(?:more|others?|fewer|less|each|apiece|[a-z]+ed|hurt|injured|wounded|missing|dead|killed|alive)\b"
    r"|\s*(?:[.;]|,\s)|\s*$",
    re.IGNORECASE,
)


_PART_OF_COUNT_RE = re.compile(
    r"\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+|our\s+)?", re.IGNORECASE
)


def _carry_noun(text: str, mentions: list[Mention], sentences: SentenceIndex) -> None:
    """A count's noun the writer gives once for two numbers: the second number, bare, counts the same
    things when it is set against the first ("rose from 30 cases to 45", "250 staff, up from 200"), ends a
    tally ("won 218 votes to 212") or stands in a parallel clause with nothing after it but a participle or
    "more" ("three people were killed and 12 injured", "shut 40 stores and will close 25 more")."""
    for a, b in zip(mentions, mentions[1:], strict=False):
        if (
            a.unit != "count"
            or not a.noun
            or not _bare(b)
            or b.value != int(b.value)
            or b.has_scale != a.has_scale
            or sentences.around(a.start) != sentences.around(b.start)
            or b.start - a.end > 60
        ):
            continue
        a_from = a.qualifier_start if a.qualifier_start is not None else a.start
        b_from = b.qualifier_start if b.qualifier_start is not None else b.start
        change = _FROM_BEFORE_RE.search(text, max(0, a_from - 12), a_from) and _TO_BEFORE_RE.search(
            text, max(0, b_from - 12), b_from
        )
        compared = _COMPARED_BEFORE_RE.search(text, max(0, b_from - 16), b_from)
        tally = _TALLY_GAP_RE.fullmatch(text, a.end, b_from)
        parallel = _CLAUSE_GAP_RE.fullmatch(text, a.end, b_from) and _ELIDED_NOUN_AFTER_RE.match(text, b.end)
        if change or compared or tally or parallel:
            b.unit, b.dimension, b.noun = "count", "count", a.noun
    # "completed 22 of 30 passes", "won 8 of their 10 games": a part of a counted whole counts the same
    for a, b in zip(mentions, mentions[1:], strict=False):
        b_from = b.start if b.qualifier_start is None else b.qualifier_start
        if (
            _bare(a)
            and b.unit == "count"
            and b.noun
            and a.value == int(a.value)
            and a.value * a.scale <= b.value * b.scale
            and _PART_OF_COUNT_RE.fullmatch(text, a.end, b_from)
        ):
            a.unit, a.dimension, a.noun = "count", "count", b.noun


def _bare(mention: Mention) -> bool:
    return not mention.unit and not mention.noun and not mention.vague


def _carries(mention: Mention) -> bool:
    """A figure whose unit a bare number nearby may share: a measure, a sum or a percentage."""
    return bool(mention.unit) and mention.unit != "count" and mention.dimension not in ("age", "number")


def _finite(figure: Figure) -> bool:
    """Every number of the figure is finite (a range or scale can overflow where its parts did not)."""
    numbers = [figure.value, figure.low, figure.high, figure.step, *(figure.range or ())]
    return all(x is None or math.isfinite(x) for x in numbers)


def _mention(
    text: str, match: re.Match[str], kind: str | None, lex: Lexicon, consumed: int = 0
) -> Mention | None:
    start, end = match.span()
    surface = match.group()
    if kind == "digits":
        mention = _digits_mention(text, start, end, surface, lex, consumed)
        if mention is not None and surface.isdigit() and not mention.unit:
            _add_a_fraction(text, mention)  # "2 and a half years"
    elif kind == "spelled":
        value = parse_spelled(surface)
        if value is None:
            return None
        mention = Mention(start, end, value, 1.0, spelled=True)
        sign = _SPELLED_MINUS_RE.search(text, max(0, start - 9), start)
        if sign:  # "minus five percent", "negative ten"
            mention.value, mention.start = -value, sign.start()
        _add_a_fraction(text, mention)
        _add_spoken_decimals(text, mention)
        if surface.lower() in ("one", "a dozen") and _one_is_not_a_figure(text, start, end):
            return None
        if _ORDINAL_WORD_AFTER_RE.match(text, end):
            return None  # "one hundred twenty fifth", "two hundredth": an ordinal, not a figure
        if surface[:1].isupper() and _CAPITALISED_WORD_BEFORE_RE.search(text, max(0, start - 20), start):
            return None  # "World War Three", "Formula One", "Air Force One": part of a name
    elif kind == "ratio":
        parts = parse_ratio(surface)
        if parts is None or not 0 < parts[0] < parts[1] or lex.unit_re.match(text, end):
            return None  # "5 in 10 minutes" is no ratio
        mention = Mention(start, end, clean(parts[0] / parts[1]), 0.01, spelled=True)
        noun = noun_after(text, end, singular_verb=True)  # "one in four children lives"
        if noun:
            mention.noun, mention.end = noun[0], noun[1]
        return mention
    elif kind == "article":
        paired = "pair" in surface or "couple" in surface
        if not paired and not _ARTICLE_QUALIFIER_RE.search(text, max(0, start - 12), start):
            return None  # "a year ago" is no figure; "more than a year" is
        mention = Mention(start, end, parse_article(surface), 1.0, spelled=True)
        result = _finish(text, mention, lex, allow_noun="pair" in surface or "couple" in surface)
        return result if result is not None and result.unit else None
    elif kind == "fraction":
        if re.search(r"\b(?:first|second|latter|former|other)\s+$", text[max(0, start - 8) : start], re.I):
            return None  # "the first half of 2025" is a period of time

        of_unit = _FRACTION_OF_UNIT_RE.match(text, end)
        unit = lex.unit_re.match(text, of_unit.end()) if of_unit else None
        entry = lex.unit_for(re.sub(r"\s+", " ", unit.group("unit"))) if unit else None
        if of_unit and text.startswith("-", of_unit.end()) and entry and entry.dimension == "duration":
            entry = None  # "half-year results", "a half-time lead" name a period; "a half-mile walk" a length
        if unit and entry and entry.unit != "count":
            # "half a mile", "a quarter percentage point", "three-quarters of an hour", "a half-mile walk"
            mention = Mention(start, unit.end(), parse_fraction(surface), 0.01, spelled=True)
            mention.unit, mention.dimension = entry.unit, entry.dimension
            mention.unit_text = unit.group("unit")
            return _finish(text, mention, lex, allow_noun=False, skip_unit=True)
        after = text[end : end + 5].lower()
        words = surface.lower().split()
        plural = len(words) >= 2 and words[0] != "a"  # "two thirds", "one sixth" (not "a fifth term")
        scaled = words[-1] in SCALE_WORDS
        # "over half", "less than a third"
        bounded = _ARTICLE_QUALIFIER_RE.search(text, max(0, start - 12), start)
        if not (after.startswith((" of ", " the ", " a")) or "-" in surface or plural or scaled or bounded):
            return None
        mention = Mention(start, end, parse_fraction(surface), 0.01, spelled=True, has_scale=scaled)
        return _finish(text, mention, lex, allow_noun=False)
    else:  # vague: "hundreds of miles"
        value = parse_vague(surface)
        mention = Mention(start, end, value, value, vague=True, spelled=True)
        of = _OF_RE.match(text, end)
        if of and of.end() < len(text) and (text[of.end()].isdigit() or text[of.end()] in "$€£"):
            return None  # "scores of 7, 8 and 9": the numbers that follow are the figures
        if not of and surface.lower() in ("scores", "tens", "dozens"):
            return None  # "he scores between ten and fifteen": a verb, or a word that needs its "of"
        if of:
            name = lex.currency_name_re.match(text, of.end() - 1)
            code = lex.currency_for_name(re.sub(r"\s+", " ", name.group("unit"))) if name else None
            if name and code:
                mention.unit, mention.dimension, mention.unit_text = code, "money", name.group("unit")
                mention.end = name.end()
                return _finish(text, mention, lex, allow_noun=False, skip_unit=True)
            unit = lex.unit_re.match(text, of.end() - 1)
            if unit and unit.group("unit").strip():
                entry = lex.unit_for(unit.group("unit"))
                if entry:
                    mention.unit, mention.dimension = entry.unit, entry.dimension
                    mention.unit_text = unit.group("unit")
                    mention.end = unit.end()
                    return _finish(text, mention, lex, allow_noun=False, skip_unit=True)
            noun = noun_after(text, of.end() - 1)
            if noun:
                mention.noun, mention.unit, mention.dimension = noun[0], "count", "count"
                mention.end = noun[1]
        else:  # "several hundred kilometers", "millions in aid"
            unit = lex.unit_re.match(text, end)
            entry = lex.unit_for(re.sub(r"\s+", " ", unit.group("unit"))) if unit else None
            if unit and entry:
                mention.unit, mention.dimension, mention.unit_text = (
                    entry.unit,
                    entry.dimension,
                    unit.group("unit"),
                )
                mention.end = unit.end()
        return _finish(text, mention, lex, allow_noun=False, skip_unit=True)
    if mention is None:
        return None
    return _finish(text, mention, lex, allow_noun=True)


def _add_a_fraction(text: str, mention: Mention) -> None:
    """A whole number followed by "and a half", "and a quarter", "and three quarters": one figure. After a
    scale word the fraction is of that scale ("five billion and three quarters" is 5.75 billion), or of
    the scale word after it ("one billion and a half million" is 1,000.5 million)."""
    tail = _AND_A_FRACTION_RE.match(text, mention.end)
    if tail is None or mention.value != int(mention.value):
        return
    fraction = parse_fraction(tail.group("fraction"))
    if not 0 < fraction < 1:
        return  # "two and four thirds" is no mixed number
    end = tail.end()
    last_word = text[mention.start : mention.end].split()[-1].lower()
    if last_word in SCALE_WORDS:
        scale_after = _SCALE_WORD_AFTER_RE.match(text, end)
        if scale_after:
            fraction *= SCALE_WORDS[scale_after.group(1).lower()]
            end = scale_after.end()
        else:
            fraction *= SCALE_WORDS[last_word]
    mention.value += -fraction if mention.value < 0 else fraction
    mention.step = min(mention.step, fraction)
    mention.end = end


_SCALE_WORD_AFTER_RE = re.compile(r"\s+(hundred|thousand|million|billion|trillion)\b", re.IGNORECASE)


# "two point five per cent", "nine point nought four": the decimals of a number in words, a digit word each
# (or a number below a hundred: "point seventy-one")
_ZERO_WORDS = {"nought": "0", "naught": "0", "oh": "0"}
_DIGIT_WORDS = {w: str(v) for w, v in UNIT_WORDS.items() if v < 10} | _ZERO_WORDS
_DECIMAL_WORD = "|".join(sorted([*_DIGIT_WORDS, *UNIT_WORDS, *TENS_WORDS], key=len, reverse=True))
_POINT_DECIMALS_RE = re.compile(
    rf"\s+point\s+(?P<decimals>(?:{_DECIMAL_WORD})(?:[\s-]+(?:{_DECIMAL_WORD}))*)\b", re.IGNORECASE
)


def _add_spoken_decimals(text: str, mention: Mention) -> None:
    """A whole number in words then "point" and its decimals in words: one number ("two point five")."""
    idiom = _AT_BEFORE_RE.search(text, max(0, mention.start - 4), mention.start)
    if idiom or mention.value != int(mention.value):
        return  # "at one point three men ...": the idiom
    point = _POINT_DECIMALS_RE.match(text, mention.end)
    if point is None:
        return
    words = re.split(r"[\s-]+", point.group("decimals").lower())
    digits = ""
    i = 0
    while i < len(words):
        word = words[i]
        if word in TENS_WORDS:  # "point seventy-one" is .71, "point twenty" .20
            unit = UNIT_WORDS.get(words[i + 1], 0) if i + 1 < len(words) else 0
            ones = unit if 0 < unit < 10 else 0
            digits += str(TENS_WORDS[word] + ones)
            i += 2 if ones else 1
            continue
        digits += _DIGIT_WORDS.get(word) or str(UNIT_WORDS[word])
        i += 1
    value = float(f"{int(abs(mention.value))}.{digits}")
    mention.value = -value if mention.value < 0 else value
    mention.step = 10.0**-len(digits)
    mention.end = point.end()


def _negative_sign(text: str, start: int) -> int | None:
    """Where the minus sign of a negative number starts: "minus 387", "minus-5", "-1.4", "$-50.8bn"."""
    lead = text[max(0, start - 6) : start].lower()
    if lead.endswith(("minus ", "minus-")):
        return start - 6
    if start >= 1 and text[start - 1] in "-−":
        before = text[start - 2] if start >= 2 else " "
        if before in "$€£":
            return start - 1
        if before in "<>=≤≥":
            return start - 1  # "<-30"
        if before.isspace() or before in "(":
            head = text[max(0, start - 40) : start - 1].rstrip()
            previous = head[-1:]
            if not previous or not (previous.isalnum() or previous in "%$€£"):
                return start - 1
            word = _LAST_WORD_RE.search(head)
            if word and word.group().islower():
                return start - 1  # "ranged from -18 °C", "is -15€": a minus sign after a word
    return None


def _digits_mention(
    text: str, start: int, end: int, surface: str, lex: Lexicon, consumed: int = 0
) -> Mention | None:
    sign = _negative_sign(text, start)
    symbol_end = start
    if sign is not None and text[sign] in "-−" and sign >= 1 and text[sign - 1] in "$€£":
        symbol_end = sign  # "$-50.8bn"
    symbol = lex.currency_symbol_re.search(text, max(0, symbol_end - 6), symbol_end)
    if (
        symbol is not None
        and symbol.group("symbol") in lex.scaled_only_symbols
        and not _reads_as_a_sum(text, surface, end)
    ):
        symbol = None
    after_currency = symbol is not None  # "17 USD 25": the code before is no designation either way
    if symbol is not None and symbol.start() < consumed:
        symbol = None  # "10 rmb 20 usd": "rmb" belongs to the 10 before it
    if symbol is None and sign is None and not after_currency:
        if ex.letter_or_code_before(text, start):
            return None
        if surface.isdigit() and ex.designation_word_before(text, start, lex.designations):
            return None  # "Type 055", "Boeing 747": designations are whole numbers
    if end < len(text) and text[end] == "/" and end + 1 < len(text) and text[end + 1].isdigit():
        return None  # "24/7", a fraction or a date
    if end < len(text) and text[end] == ":" and end + 1 < len(text) and text[end + 1].isdigit():
        return None  # a time or a score
    if ex.ordinal_after(text, end):
        return None
    value, step = parse_digits(surface)
    mention = Mention(start, end, value, step)
    if sign is not None:
        mention.value, mention.start = -value, sign
    if symbol is not None:
        written = symbol.group("symbol")
        code = lex.currency_symbols.get(written) or lex.currency_symbols.get(
            re.sub(r"\s", "", written).upper()
        )
        if code:
            mention.start = symbol.start()
            mention.unit, mention.dimension, mention.unit_text = code, "money", symbol.group("symbol").strip()
            mention.currency_prefix = True
            if sign is None and _minus_before(text, symbol.start()):  # "-$40m", "−£3bn": a loss
                mention.value, mention.start = -value, symbol.start() - 1
    return mention


def _minus_before(text: str, start: int) -> bool:
    """A minus sign right before ``start`` that follows a space, a bracket or the start of the text."""
    return start >= 1 and text[start - 1] in "-−" and (start == 1 or text[start - 2] in " \t\n(")


_TIME_SYMBOL_RE = re.compile(r"(s|sec|min|h|hr)(?![\w/])")
_TIME_SYMBOLS = {"s": "second", "sec": "second", "min": "minute", "h": "hour", "hr": "hour"}


def _per_unit(text: str, mention: Mention, lex: Lexicon) -> None:
    per = _PER_RE.match(text, mention.end)
    if not per:
        return
    denominator = lex.unit_re.match(text, per.end())
    if not denominator and per.group() == "/":
        time_symbol = _TIME_SYMBOL_RE.match(text, per.end())  # "ft/s", "KB/s": a time symbol after a slash
        if time_symbol:
            mention.unit = f"{mention.unit} / {_TIME_SYMBOLS[time_symbol.group(1)]}"
            mention.dimension = "rate"
            mention.unit_text = text[mention.start : time_symbol.end()]
            mention.end = time_symbol.end()
        return
    if not denominator:
        return
    entry = lex.unit_for(re.sub(r"\s+", " ", denominator.group("unit")))
    if entry is None or entry.dimension in ("age", "percent", "temperature"):
        return
    if entry.dimension == "duration" and _NOT_A_RATE_RE.match(text, denominator.end()):
        return  # "$1.17 billion a year earlier" is a level a year ago; "$85 a barrel on Friday" is a price
    unit = entry.unit if " " not in entry.unit else f"({entry.unit})"
    mention.unit = f"{mention.unit} / {unit}"
    mention.dimension = "rate" if entry.dimension == "duration" else "ratio"
    mention.unit_text = text[mention.start : denominator.end()]
    mention.end = denominator.end()


_CENTS_RE = re.compile(r"\.\d\d$")


def _reads_as_a_sum(text: str, surface: str, end: int) -> bool:
    """After a letter symbol that is also a name or a letter ("PS", "P", "N", "R", "Dh"), a number is a sum
    only when it is written as one: with thousands separators, cents or a scale word ("PS2.7m", "P5.2
    trillion", "R12,500", "N9.99"); "PS5", "N95", "R0.9" and "P5" are a console, a mask, a rate, a group."""
    return "," in surface or bool(_CENTS_RE.search(surface)) or bool(SCALE_AFTER_RE.match(text, end))


def _finish(
    text: str, mention: Mention, lex: Lexicon, allow_noun: bool, skip_unit: bool = False
) -> Mention | None:
    """Scale, currency or unit after the number, rates, suffix qualifiers, the qualifier before, the noun."""
    pos = mention.end
    if not skip_unit and not mention.vague:
        scale = SCALE_AFTER_RE.match(text, pos)
        if scale:
            word = (
                scale.group("scale") or scale.group("scale_indian") or scale.group("scale_abbr") or ""
            ).lower()
            factor: float | None = 1.0
            for part in word.split():  # "hundred million": the scales multiply
                part_factor = SCALE_WORDS.get(scale_word(part)) or SCALE_ABBREVIATIONS.get(part)
                factor = factor * part_factor if factor is not None and part_factor else None
            single = word in SINGLE_LETTER_SCALES
            # "10k", "4.3M sales": glued, a k or a capital M/B is a scale even without money (m is metres)
            glued_k = scale.start() == pos and (word == "k" or scale.group().strip() in ("M", "B"))
            ok = factor is not None and (
                not single
                or glued_k
                or mention.currency_prefix
                or _money_follows(text, scale, lex)
                or _millions_of_things(text, scale, lex)
            )
            if ok and factor is not None and not (word == "hundred" and mention.spelled):
                mention.scale, mention.has_scale = factor, True
                pos = scale.end()
                half = _AND_A_HALF_AFTER_SCALE_RE.match(text, pos)
                if half:  # "3 million and a half"
                    mention.value += 0.5 if half.group(1).lower() == "half" else 0.25
                    pos = half.end()
        dozen = None if mention.has_scale or mention.spelled else _DOZEN_AFTER_RE.match(text, pos)
        if dozen:  # "3 dozen eggs" is 36 eggs, as "three dozen eggs" is
            mention.scale *= 12
            pos = dozen.end()
        if not mention.currency_prefix:
            name = lex.currency_name_re.match(text, pos)
            longer_unit = lex.unit_re.match(text, pos) if name else None
            if name and longer_unit and longer_unit.end() > name.end():
                name = None  # the longer reading wins: "5.4 p.c." is per cent, not pence
            if name:
                written = re.sub(r"\s+", " ", name.group("unit"))
                code = lex.currency_for_name(written)
                if code and written.lower() in lex.scaled_only_names and not (
                    mention.has_scale or mention.value >= 1000
                ):
                    code = None  # "5 billion won" is money; "they 3 won" is a verb
                if code:
                    mention.unit, mention.dimension, mention.unit_text = code, "money", name.group("unit")
                    pos = name.end()
                    late_scale = None if mention.has_scale else _LATE_SCALE_RE.match(text, pos)
                    if late_scale:  # "75 USD million"
                        mention.scale, mention.has_scale = SCALE_WORDS[late_scale.group(1).lower()], True
                        pos = late_scale.end()
            millions = None if mention.unit else _MILLIONS_OF_CODE_RE.match(text, pos)
            if millions and millions.group(2).upper() in lex.currency_symbols:
                # "30 MUSD", "48.5 MGBP": M before an ISO code is millions (k thousands)
                mention.scale = mention.scale * (1e6 if millions.group(1) in "Mm" else 1e3)
                mention.has_scale = True
                mention.unit, mention.dimension = lex.currency_symbols[millions.group(2).upper()], "money"
                mention.unit_text = millions.group().strip()
                pos = millions.end()
            if not mention.unit:
                unit = lex.unit_re.match(text, pos)
                if unit:
                    entry = lex.unit_for(re.sub(r"\s+", " ", unit.group("unit")))
                    if entry and entry.unit == "pound" and mention.has_scale and mention.scale >= 1e6:
                        entry = UnitEntry("GBP", "money")  # "361 million pounds" is money, not weight
                    if entry and entry.unit in YEAR_MULTIPLES:
                        mention.scale *= YEAR_MULTIPLES[entry.unit]  # "a decade" is 10 years
                        entry = UnitEntry("year", "duration")
                    trap = _unit_is_word_trap(text, unit, mention) or _names_a_brand(text, unit, lex)
                    if entry and not trap:
                        mention.unit, mention.dimension, mention.unit_text = (
                            entry.unit,
                            entry.dimension,
                            unit.group("unit"),
                        )
                        pos = unit.end()
            if not mention.unit:  # a unit in brackets after the number: "20 (kg)", "5 [m]"
                bracket = _BRACKETED_UNIT_RE.match(text, pos)
                entry = lex.unit_for(bracket.group(1)) if bracket else None
                if bracket and entry:
                    mention.unit, mention.dimension, mention.unit_text = (
                        entry.unit,
                        entry.dimension,
                        bracket.group(1),
                    )
                    pos = bracket.end()
            mark = (
                None if mention.unit else (_INCH_MARK_RE.match(text, pos) or _INCH_WORD_RE.match(text, pos))
            )
            if mark:  # 'a pen that is 10 " long', 'a 13" screen': the inch mark
                mention.unit, mention.dimension, mention.unit_text = "inch", "length", '"'
                pos = mark.end()
            foot = None if mention.unit or pos != mention.end else _foot_mark(text, mention.start, pos)
            if foot is not None:  # "6'2\"", "a 40' yacht is 40' long", "a 12' x 10' room": the foot mark
                mention.unit, mention.dimension, mention.unit_text = "foot", "length", text[pos:foot]
                pos = foot
            if not mention.unit:  # the long tail: quantulum3's lexicon ("1.7 eV", "14 mGy", "4,500 tpd")
                unit = lex.fallback_re.match(text, pos)
                entry = lex.fallback_unit_for(re.sub(r"\s+", " ", unit.group("unit"))) if unit else None
                if unit and entry and not _names_a_brand(text, unit, lex):
                    mention.unit, mention.dimension, mention.unit_text = (
                        entry.unit,
                        entry.dimension,
                        unit.group("unit"),
                    )
                    pos = unit.end()
        mention.end = pos
        if (
            mention.dimension == "duration"
            and "-" in text[mention.start : pos]
            and _RELATIVE_TIME_AFTER_RE.match(text, pos)
        ):
            return None  # "a six-week high": when a level was last seen, not a figure
        glued = pos < len(text) and text[pos].isalpha() and not mention.spelled and not mention.unit
        if glued and not mention.has_scale:
            return None  # "30MK2", "1990s": a designation or a decade, not a figure
        if not mention.unit and not mention.has_scale and _is_year(text, mention):
            return None
    elif skip_unit:
        pos = mention.end
    if mention.unit and mention.dimension not in ("speed", "age", "percent", "temperature", "level"):
        _per_unit(text, mention, lex)
    suffix = SUFFIX_QUALIFIER_RE.match(text, mention.end)
    if suffix:
        word = re.sub(r"\s+", " ", suffix.group().strip().lstrip("-").strip().lower())
        mention.qualifier = SUFFIX_QUALIFIERS.get(word)
        if (word == "plus" and suffix.group().strip().startswith("-")) or word == "+":
            mention.end = suffix.end()
    if (
        not mention.unit
        and 0 < mention.value < 130
        and mention.value == int(mention.value)
        and _is_age(text, mention)
    ):
        mention.unit, mention.dimension = "year", "age"  # "aged 40", "Lapin, 61,", "as young as eight"
    before = QUALIFIER_RE.search(text, max(0, mention.start - QUALIFIER_WINDOW), mention.start)
    if (
        before
        and (before.group("q") or "").lower() == "over"
        and DISPUTE_BEFORE_RE.search(text, max(0, before.start() - 32), before.start())
    ):
        before = None  # "fight ex-wife over £15BILLION fortune": over is a preposition here
    if before and before.group("symbol") == "~" and _NUMBER_BEFORE_TILDE_RE.search(text, 0, before.start()):
        before = None  # "10~20", "10 ~ 20": a tilde between two numbers joins a range, it hedges neither
    if before and mention.qualifier is None:
        word = (before.group("q") or before.group("symbol")).lower()
        # "some" and "over" only qualify digits or spelled numbers directly before them
        mention.qualifier = QUALIFIERS[word]
        mention.qualifier_start = before.start()
    if (
        not mention.unit
        and not mention.has_scale
        and not mention.spelled
        and mention.qualifier is None
        and _named_by_capitalised_word(text, mention)
    ):
        return None  # "Nord Stream 2", "Ai 92", "Galaxy Note 20": a number that is part of a name
    if (
        not mention.unit
        and not mention.has_scale
        and mention.end + 1 < len(text)
        and text[mention.end] == "-"
        and text[mention.end + 1].isalpha()
    ):
        return None  # "three-way hug", "one-off", "5-star": a compound adjective, not a figure
    if allow_noun and not mention.unit:
        partitive = _PARTITIVE_RE.match(text, mention.end)
        noun = noun_after(text, partitive.end() - 1 if partitive else mention.end)
        if partitive and noun:  # "around 40 of the sites": counts sites, the span stays on the number
            mention.noun, mention.unit, mention.dimension = noun[0], "count", "count"
            return mention
        if noun and not mention.spelled and is_proper_name(noun[0]) and mention.qualifier is None:
            return None  # "575 Wilbraham Road", "787 Dreamliner", "11 Pro Max": an address or a product
        head = noun[0].split()[-1] if noun else ""
        # only lower-case phrases: "eight straight World Cups" counts tournaments, not cups
        plain = noun is not None and len(noun[0].split()) > 1 and len(head) > 3 and noun[0].islower()
        entry = lex.unit_for(head) if plain else None
        if noun and entry and entry.dimension not in ("age", "percent"):
            # "517 rushing yards", "40 nautical miles": a measure with a modifier, not a count of things
            mention.unit, mention.dimension, mention.unit_text = entry.unit, entry.dimension, head
            mention.end = noun[1]
        elif noun:
            mention.noun, mention.unit, mention.dimension = noun[0], "count", "count"
            mention.end = noun[1]
            _per_unit(text, mention, lex)  # "four times per week", "200 flights a day"
    lone_one = mention.spelled and not mention.unit and not mention.vague and mention.value == 1
    bounded = mention.qualifier in LOWER_BOUNDS | UPPER_BOUNDS  # "at least one", "more than one"
    if lone_one and not bounded and not _starts_a_range(text, mention.start, mention.end):
        return None  # a lone "one" is a pronoun, not a figure ("one to two years" is a range)
    return mention


# the other end of a range after a number: "one to two years", "one or two people", "between one and ten"
# (not "one to one")
_NUMBER_AHEAD = "|".join(sorted([w for w in [*UNIT_WORDS, *TENS_WORDS] if w != "one"], key=len, reverse=True))
_RANGE_NEXT_END_RE = re.compile(
    rf"\s*(?P<join>to|or|and|-|–)\s*(?:[-−]?\d|(?:{_NUMBER_AHEAD})\b)", re.IGNORECASE
)


def _starts_a_range(text: str, start: int, end: int) -> bool:
    """The number at ``text[start:end]`` is the low end of a range: another number follows after "to", "or",
    a dash, or "and" when "between" comes before ("between one and ten"; "one and two" are two numbers)."""
    other = _RANGE_NEXT_END_RE.match(text, end)
    if other is None:
        return False
    return other.group("join").lower() != "and" or bool(
        _BETWEEN_BEFORE_RE.search(text, max(0, start - 10), start)
    )


LINE_WINDOW = 400
QUALIFIER_WINDOW = 32  # the longest qualifier, "greater than or equal to", and its spaces


def _named_by_capitalised_word(text: str, mention: Mention) -> bool:
    """A whole number right after a capitalised word inside a sentence of ordinary case is part of a name.

    In prose a count follows a verb, a preposition or a determiner; "Stream 2", "Note 20", "Ai 92" follow a
    name. Title-case headlines ("Russia Fires 12 Missiles") are left alone.
    """
    surface = text[mention.start : mention.end]
    if not surface.isdigit() or mention.value >= 1000:
        return False
    word = _CAPITALISED_BEFORE_NUMBER_RE.search(text, max(0, mention.start - 30), mention.start)
    if not word:
        return False
    # the line around the number, at most LINE_WINDOW characters each side (a line may be a whole document)
    line_start = text.rfind("\n", max(0, mention.start - LINE_WINDOW), mention.start) + 1
    line_start = max(line_start, mention.start - LINE_WINDOW)
    line_end = text.find("\n", mention.end, mention.end + LINE_WINDOW)
    words = _LONG_WORD_RE.findall(text, line_start, line_end if line_end != -1 else mention.end + LINE_WINDOW)
    capitalised = sum(w[0].isupper() for w in words)
    return not words or capitalised / len(words) < 0.6


# "she turns 40 on Friday", "who turned 65 last month": the number a person or a firm turns is an age
_TURNS_BEFORE_RE = re.compile(r"\bturn(?:s|ed|ing)\s+$", re.IGNORECASE)
_AGE_ENDS_AFTER_RE = re.compile(
    r"\s*(?:[,.;:!?)]|$)|\s+(?:on|in|at|last|this|next|today|tomorrow|yesterday|when|and|before|after|during|"
    r"earlier|later)\b",
    re.IGNORECASE,
)


def _is_age(text: str, mention: Mention) -> bool:
    window = text[max(0, mention.start - 30) : mention.start]
    if _AGED_RE.search(window):
        return True
    if _TURNS_BEFORE_RE.search(window) and _AGE_ENDS_AFTER_RE.match(text, mention.end):
        return True
    after = text[mention.end : mention.end + 1]
    # an apposition after a name: "General Alexander Lapin, 61, was", "Nastya, then 15, was"
    return after in (",", ")") and bool(_APPOSITION_RE.search(window))


def _millions_of_things(text: str, scale: re.Match[str], lex: Lexicon) -> bool:
    """ "3.5m people", "20m users", "10m barrels": a glued m before a plural noun or unit counts millions;
    before a singular or an adjective it stays metres ("a 3.5m boat", "5m deep", "2m tall")."""
    if scale.group() != "m" or scale.start() == 0 or not text[scale.start() - 1].isdigit():
        return False
    noun = noun_after(text, scale.end())
    if noun is None or not noun[0].islower():
        return False
    head = noun[0].split()[-1]
    return is_plural(head) and lex.currency_for_name(head) is None


def _money_follows(text: str, scale: re.Match[str], lex: Lexicon) -> bool:
    return bool(lex.currency_name_re.match(text, scale.end()))


_NEXT_WORD_RE = re.compile(r"\s+([a-z]+)")


def _names_a_brand(text: str, unit: re.Match[str], lex: Lexicon) -> bool:
    """A unit named after a person, capitalised before a plural noun, names a firm or a place: "3,000 Tesla
    vehicles", "2,000 Hertz cars", "400 Newton residents" (a unit written out is lowercase, "50 hertz";
    "5 Kelvin degrees" keeps a unit after it)."""
    surface = unit.group("unit").strip()
    if not (len(surface) > 3 and surface[0].isupper() and surface[1:].islower()):
        return False
    if not plural_noun_follows(text, unit.end()):
        return False
    after = _NEXT_WORD_RE.match(text, unit.end())
    return after is not None and lex.unit_for(after.group(1)) is None


def _unit_is_word_trap(text: str, unit: re.Match[str], mention: Mention) -> bool:
    """Short unit symbols that are also English words or letters: "5 in the", "a m", "2 C-130s"; "stone"
    before a plural is the material ("12 stone steps"; "he weighs 12 stone")."""
    surface = unit.group("unit").strip()
    if surface.lower() == "stone" and plural_noun_follows(text, unit.end()):
        return True
    if surface in ("m", "t", "l", "L", "g", "W", "C", "F", "V", "in.") and unit.group().startswith(" "):
        nxt = text[unit.end() : unit.end() + 3]
        if nxt[:1] == "-" and surface != "in.":
            return True
        # a letter and a dot: an abbreviation ("m.p.h."), or a capital's initial before a name ("2 C. Smith");
        # a lowercase symbol's dot before a space or at the end ends the sentence ("it weighs 170 g.")
        if nxt[:1] == "." and surface != "in.":
            initial = surface.isupper() and nxt[1:2].isspace() and nxt[2:3].isupper()
            return nxt[1:2].isalpha() or initial
    if surface.lower() in ("min", "sec", "second", "hr", "h") and mention.spelled:
        return False
    return bool(surface.lower() in ("ha", "pc", "mi") and text[unit.end() : unit.end() + 1] == "-")


_BETWEEN_BEFORE_RE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
# the other end of a range that starts at a number: "1500 and 2000", "1200-1500", "1200 to 1,500"
_RANGE_OTHER_END_RE = re.compile(
    r"\s*(?:-|–|to|and)\s*(\d{1,3}(?:,?\d{3})*(?:\.\d+)?)(?![\d.,])", re.IGNORECASE
)


def _range_end_is_measured(text: str, start: int, end: int) -> bool:
    """Whether the number at ``text[start:end]`` starts a range up to a higher number with a unit or currency
    after it ("and" joins a range only after "between": "in 2019 and 2020 miles of road" are two years; "in
    2008 to 29 mpg" is a year and a level)."""
    other = _RANGE_OTHER_END_RE.match(text, end)
    if (
        other is None
        or float(other.group(1).replace(",", "")) <= float(text[start:end])
        or other.group().strip().lower().startswith("and")
        and not _BETWEEN_BEFORE_RE.search(text, max(0, start - 10), start)
    ):
        return False
    lex = lexicon()
    unit = lex.unit_re.match(text, other.end())
    if unit and lex.unit_for(re.sub(r"\s+", " ", unit.group("unit"))):
        return True
    name = lex.currency_name_re.match(text, other.end())
    return bool(name and lex.currency_for_name(re.sub(r"\s+", " ", name.group("unit"))))


def _is_year(text: str, mention: Mention) -> bool:
    """A bare four-digit number read as a year: "in 2022", "by 2120", "Keytruda's 2018 sales"."""
    surface = text[mention.start : mention.end]
    if not (len(surface) == 4 and surface.isdigit() and 1000 <= mention.value <= 2200):
        return False
    if _range_end_is_measured(text, mention.start, mention.end):
        return False  # "between 1500 and 2000 dollars", "1200-1500 km": the low end of a measured range
    if ex.year_context(text, mention.start):
        return True
    qualifier = QUALIFIER_RE.search(text, max(0, mention.start - QUALIFIER_WINDOW), mention.start)
    if qualifier:  # "some 2000 troops" is a count; "since at least 2014" a year
        return bool(_YEAR_PREPOSITION_RE.search(text, max(0, qualifier.start() - 8), qualifier.start()))
    return 1900 <= mention.value <= 2035  # recent years are far more common in news than counts that size


_ONE_IDIOM_RE = re.compile(r"\s+(?:stage|point|time|moment|juncture)\b", re.IGNORECASE)
_AT_BEFORE_RE = re.compile(r"\bat\s+$", re.IGNORECASE)
_ONE_DAY_RE = re.compile(
    r"\s+(?:day|morning|afternoon|evening|night|summer|winter)(?:,|\s+(?:he|she|they|we|I|you|it|the|a|in)\b)"
)
# "a six-week high", "its 52-week low", "a two-decade peak": a span that dates a level, not a duration
_RELATIVE_TIME_AFTER_RE = re.compile(r"\s+(?:highs?|lows?|peaks?|troughs?|best|worst)\b", re.IGNORECASE)


def _one_is_not_a_figure(text: str, start: int, end: int) -> bool:
    """ "one of the", "no one", "the one", "one another": "one" as a pronoun or determiner, not a count."""
    after = text[end : end + 9].lower()
    if after.startswith((" of ", " another", " way ")):
        return True
    if _ONE_IDIOM_RE.match(text, end) and _AT_BEFORE_RE.search(text, max(0, start - 4), start):
        return True  # "at one stage", "at one point": a time in a story, not a count
    if _ONE_DAY_RE.match(text, end):
        return True  # "one day he left", "One evening, ...": once, not a duration
    if _starts_a_range(text, start, end):
        return False  # "only one or two people", "the one to three per cent": a range's low end
    return bool(_ONE_NOT_A_FIGURE_BEFORE_RE.search(text, max(0, start - 14), start))


def _figure(text: str, m: Mention, doc_id: str, sentences: SentenceIndex) -> Figure:
    low, high = interval(m)
    s_start, s_end = sentences.around(m.start)
    if m.vague and low is not None and high is not None:
        m.range = (low, high)  # "hundreds of miles" asserts [100, 1000)
    value = None if m.range is not None else clean(m.value * m.scale)
    return Figure(
        doc_id=doc_id,
        start=m.start,
        end=m.end,
        text=text[m.start : m.end],
        value=value,
        range=m.range,
        unit=m.unit,
        unit_text=m.unit_text if m.unit != "count" else None,
        noun=m.noun,
        qualifier=m.qualifier,
        low=low,
        high=high,
        vague=m.vague,
        step=m.step * m.scale if m.range is None else m.step,
        group=m.group,
        dimension=m.dimension if m.unit else "number",
        sentence=text[s_start:s_end],
        sentence_start=s_start,
    )
