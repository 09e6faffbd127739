"""Attachment rules: which thing a figure describes (subject) and what about it (property).

No parser: rules over the sentence, the gazetteer and the property lexicon, in the order news writes specs.
Subject, first rule that fires (``Subject.rule`` names it):
1. noun-entity: a named thing in the counted noun or right after the figure ("nine Iskander-M ballistic
   missiles"); ticker: a name before "up/down/+" in market reports ("Tesco, down 2.5 p");
2. modified-noun: the noun the figure modifies ("a $164bn loan", "a 1,500-kilometre-range cruise missile"),
   through suspended hyphens too ("two-, three- and four-bedroom homes");
3. noun: for counts, the counted noun ("62 attack drones");
4. spec patterns: a duration that dates ("Two years later") has none; for-duration: "a shutdown for three
   months"; the thing or name a parenthesis hangs on ("the ERAM (about 285 miles, or 460 km)", "Jan Novak (11
   goals)"); worth: "a state grant worth up to $8 million"; a fronted "With a range of ..., the Oreshnik";
   the sentence's subject for a participle right before the figure ("Denmark has supported Ukraine ...,
   providing 67.6 billion Danish crowns"), or the noun phrase an extent participle follows ("claims,
   ranging from $200 to $4 million");
5. held-in: the place an existential sentence puts a sum ("there were about $288bn of assets in Russia");
   with: what the figure comes with ("the Nova Pro with 3,500 mAh", "customers with more than $1m");
6. partitive ("unarmed suspects —at least 64 of whom"); of-after: what the figure is "of" ("5 percent of
   their GDPs", "5,000 lbs of drugs");
7. weapon-before: the nearest weapon named earlier in the clause ("The Tomahawk, with a range of about 995
   miles", "The Kalibr is thought to have a range of ..."); verb-subject: a name right before the verb that
   governs the figure ("Potanina was awarded just £30.9million"), with relative clauses ("Vladimir Potanin,
   who is said to be worth ..."; "which saw exports fall to $3bn": the relative clause's own subject), across
   an apposition ("while Globex, the largest chipmaker, slipped 2%"), past an object a participle follows
   ("Ortega finished the season averaging 88 mph"), and pronouns ("she actually received around £63m": the
   article's last name; "they": the nearest plural thing);
8. in-after: money "in"/"of" what ("$3.2bn in interest"); of-before: "the driving range by about 35 miles";
9. the doer before the verb, changed: what rose or fell by the figure ("average rents rose by about 4%"),
   the nearest named thing earlier in the clause, the sentence's subject, and last a bare property word ("a
   speed of 90 miles per hour").
For counts, ``figures.link`` also records an ``owner`` (NewsQuant's concept): what a multiple multiplies,
the name before a parenthesis, what the things are "of", the place an existential sentence puts them, the
doer, and the name a one-clause sentence opens with ("Globex on Monday announced plans to cut 600 jobs").
``figures.link.link`` then carries subjects across figures of one statement (dual units, a change and the
level it reached, a series "from X in 2013 to Y in 2019"), across an article's repeated events, and from the
article's named owner of a property to figures that name only the property ("his £15billion fortune").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from figures.calendar import MONTH_NAMES, WEEKDAYS
from figures.link.claimant import PRONOUNS, attributions
from figures.link.lexicon import Mention, function_word_set, function_words, gazetteer, properties

WORD = re.compile(r"[A-Za-z0-9][\w’'&./-]*")
_CLAUSE_BREAK = re.compile(r"[;:!?]|\s[–—]\s|\.\s")
_HYPHEN_RANGE = re.compile(r"^[-‐ ]?range\b", re.IGNORECASE)
_PARTICIPLE = re.compile(r",\s+(?:[a-z]+ly\s+)?([a-z]+ing)\s+(?![A-Z])[^,]*$")
_REPORTING_PARTICIPLES = frozenset(
    [
        "claiming",
        "saying",
        "adding",
        "insisting",
        "noting",
        "warning",
        "arguing",
        "declaring",
        "citing",
        "according",
        "including",
        "excluding",
        "bringing",
        "leaving",
    ]
)
# participles that give the extent of the noun phrase they follow, not an act of the sentence's subject
_EXTENT_PARTICIPLES = frozenset(["ranging", "totalling", "totaling", "amounting", "averaging", "measuring"])
_TIME_POINT_AFTER = re.compile(r"\s*(?:later|ago|earlier|hence)\b", re.IGNORECASE)
_WHERE_AFTER = re.compile(
    r"\s+(?:(?:north|south|east|west)(?:-?(?:east|west))?|northeast|northwest|southeast|southwest|away|from|"
    r"outside|off|inland|offshore)\b",
    re.IGNORECASE,
)
_COMMA_BEFORE = re.compile(r",\s*(?:(?:about|around|some|roughly|nearly|almost|just|only|over|under)\s+)?$")
_PARTITIVE = re.compile(r"^\s*of\s+(?:whom|which|them|those|these)\b", re.IGNORECASE)
# "there were about $288bn of assets in Russia": an existential sentence sums up what a place holds
_THERE_BE = re.compile(
    r"\bthere\s+(?:is|are|was|were|(?:has|have|had)\s+been|will\s+be|would\s+be)\s+"
    r"(?:(?:about|around|some|roughly|nearly|almost|approximately|over|more than|less than|up to|at least|"
    r"just|only|an estimated)\s+)*$",
    re.IGNORECASE,
)
_HELD_IN = re.compile(r"\s*(?:worth\s+)?(?:of|in)\s+[^;:!?()]{1,60}?\s(?:in|inside|within)\s+(?:the\s+)?")
_WORTH_BEFORE = re.compile(
    r"\s+worth\s+(?:(?:about|around|some|roughly|nearly|almost|approximately|over|more than|less than|up to|"
    r"at least|just|only|an estimated)\s+)*$",
    re.IGNORECASE,
)
_THE_NOUN = re.compile(r"\bthe\s+(?P<noun>[a-z][a-z-]+)\b")
_HELD_BY = re.compile(
    r"\s*(?:[–—]\s[^–—]{1,60}\s[–—]|\([^()]{1,60}\))?\s*,?\s*(?:which\s+|that\s+)?"
    r"(?:is|are|was|were|has been|have been|had been)\s+(?:still\s+)?"
    r"(?:held|owned|kept|managed|controlled)\s+by\s+(?:the\s+)?(?P<name>(?:[A-Z][\w’'.&-]*\s+){0,3}[A-Z][\w’'.&-]*)"
)
# "in the event of": phrases of circumstance, not what a sum is in
_IDIOM_AFTER = re.compile(
    r"\s*in\s+(?:the\s+)?(?:event|case|face|wake|light|lieu|view|spite|terms|return|exchange|total|all|"
    r"order|addition|response|line|place|time|advance|effect|theory|practice|part|full)\b",
    re.IGNORECASE,
)
# "a grounding for more than three months": the thing a duration is of, after a determiner
_FOR_DURATION = re.compile(
    r"\b(?:a|an|the|its|his|her|their|this|that)\s+(?P<np>[\w’'-]+(?:\s+[\w’'-]+){0,2})\s+for\s+"
    r"(?:(?:about|around|some|roughly|nearly|almost|approximately|over|more than|less than|up to|at least|"
    r"just|only|another|a further)\s+)*$",
    re.IGNORECASE,
)
# verbs' forms that are nouns after "of" or a determiner ("$12m of claims", "the reports")
_VERBS_AS_NOUNS = frozenset(["claims", "claim", "reports", "report", "estimates", "estimate"])
_NOUN_SLOT = re.compile(r"\b(?:of|the|a|an|its|their|his|her|our|these|those)\s+$", re.IGNORECASE)
_SUSPENDED_HYPHEN = re.compile(r"-\s*(?:,\s*[\w.]+-\s*)*,?\s+(?:and|or|to)\s+[\w.]+-")
_RELATIVE_BEFORE = re.compile(r"\b(?:which|that|who)\s+$", re.I)
_WITH_BEFORE = re.compile(
    r"\s+with\s+(?:(?:about|around|some|roughly|nearly|almost|approximately|over|more than|less than|up to|"
    r"at least|just|only)\s+)*$",
    re.IGNORECASE,
)
_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|can|may|might|must|should|to|did|does|do)\s+$", re.I)
_WITH_FRONT = re.compile(r"^\s*(?:With|At|Boasting|Having)\b")
_OF_BEFORE = re.compile(
    r"(?P<np>(?:[\w’'-]+\s+){0,4}?[\w’'-]+)\s+(?:of|by)\s+(?:(?:about|around|some|roughly|nearly|"
    r"almost|approximately|over|more than|less than|up to|at least|just|only|between|from)\s+)*$",
    re.IGNORECASE,
)
# what _OF_BEFORE must end with: a cheap test first, as _OF_BEFORE tries a noun phrase at every position
_OF_BEFORE_TAIL = re.compile(
    r"\s(?:of|by)\s+(?:(?:about|around|some|roughly|nearly|almost|approximately|over|more than|less than|"
    r"up to|at least|just|only|between|from)\s+)*$",
    re.IGNORECASE,
)


def _of_before(text: str, end: int) -> re.Match[str] | None:
    """``_OF_BEFORE`` in ``text[:end]``."""
    if not _OF_BEFORE_TAIL.search(text, 0, end):
        return None
    return _OF_BEFORE.search(text, 0, end)


_OF_AFTER = re.compile(r"^\s*(?:worth\s+of|of|in|for)\s+(?P<np>(?:[\w’'-]+\s*){1,6})", re.IGNORECASE)
_LEVEL_BEFORE = re.compile(
    r"\b(?:from|to|at)\s+(?:(?:about|around|some|roughly|nearly|almost|just)\s+)?$", re.IGNORECASE
)
_HEDGES = re.compile(
    r"\b(?:at least|more than|less than|up to|about|around|some|roughly|nearly|almost|"
    r"approximately|over|just|only|another|a further|an estimated)\b",
    re.IGNORECASE,
)
_PARENS_OPEN = re.compile(r"\(\s*(?:[^()]*)$")
_MONTHS = frozenset(names[0] for names in MONTH_NAMES) | frozenset(WEEKDAYS)
_RELATIVE = re.compile(r"^\s*(?:(?:on|for|in|at|of|from)\s+)?(?:who|which|whom)\b")
_QUALIFIERS = (
    # (no alternative may match what another does: "[a-z]+ly" covers "only", "nearly", ...; an ambiguous
    # alternation here backtracks exponentially on a long run of such words)
    r"(?:just|about|around|some|almost|over|under|more than|"
    r"less than|up to|at least|an estimated|a total of|another|a further|record|a|an|the|to|by|"
    r"at|of|on|from|for|back at|back to|between|somewhere|[a-z]+ly|"
    r"(?:since|in|on|during)\s+[A-Z]?[a-z]+\s+from)"
)
_NP_STOP = (
    r"(?!(?:and|or|that|which|who|it|he|she|they|but|is|was|are|were|has|have|had|with|the|a|an|to|as|at|by|"
    r"from|into|than|if|when|while|will|would|could|can|his|her|their|its|said|says|told|claimed|added)\b)"
)
_NP = (
    rf"(?P<np>[A-Z][\w.&-]*[’']s\s+(?:{_NP_STOP}[\w’'-]+\s+){{0,4}}{_NP_STOP}[\w’'-]+|"
    r"(?:[A-Z][\w’'.&-]*\s+){0,3}[A-Z][\w’'.&-]*"
    r"(?:\s+(?!(?:was|were|is|are|has|have|had|will|would|could|can|may|might|must|also|and|or|to|in|on|of|"
    r"at|by|for|from|with|the|a|an|who|which|that|said|says|he|she|it|they|we|you|i|argue|argues|claim|"
    r"claims|say|insist|insists|told|tell|tells|added|adds)\b)[“\"]?[a-z0-9]+[”\"]?){0,2}|"
    r"\b(?:he|she|they|it)|"
    r"\b(?i:the|a|an|its|his|her|their|this|our|my|your|these|those|this years?|last years?)\s+"
    rf"(?:{_NP_STOP}[\w’'-]+\s+){{0,7}}?"
    r"[\w’'-]+|"
    r"^(?![a-z]+ing\b)[a-z][\w’'-]+)\s+"
    r"(?:(?:\([^()]*\)\s+)?(?:which|that|who)\s+)?"
    r"(?:[‘“\"]?(?:has|have|had|was|were|is|are|will|would|could|can|may|might|must|also|already|"
    r"just|been|now|still|be|being|[a-z]+ly)[’”\"]?\s+){0,3}"  # (scare quotes: "‘only’ gave her")
)
_NOT_VERB = (
    r"(?!(?:as|this|its|his|us|less|thus|perhaps|always|plus|across|unless|whereas|towards|besides|news|"
    r"sometimes|the|and|or|of|in|on|at|to|for|with|by|from|than|that|which|who|whose|where|when|while|"
    r"per|into|about|around|over|under|after|before|some|many|more|most|all|both|each|every|nearly|almost|"
    r"roughly|just|only|approximately|between)\b)"
)
_VERB = (
    r"(?:(?:is\s+|was\s+|are\s+|were\s+)?(?:set|expected|forecast|projected|likely|due|poised|going|"
    r"predicted|tipped)\s+to\s+[a-z]+|"
    r"(?:is\s+|was\s+|are\s+|were\s+)?(?:said|thought|believed|reported|estimated|expected)\s+to\s+"
    r"(?:be|have)(?:\s+worth|\s+[a-z]+ing)?|(?:is|was|are|were)\s+worth|"
    rf"{_NOT_VERB}[a-z]{{2,}}ing|{_NOT_VERB}[a-z]{{2,}}(?:ed|s)|"
    r"spend|pay|receive|get|give|lose|own|hold|earn|raise|make|take|seek|see|need|want|"
    r"got|gave|lost|paid|made|took|won|sold|sent|spent|held|earned|sought|rose|fell|grew|hit|stood|drew|"
    r"came|went|ran|set|put|saw|broke|brought|bought|became|kept|left|met|reached|"
    r"is|was|are|were|has|have|had|up|down|cost|employs|laid off|lay off)"
)
_TAIL = (
    r"(?:\s+(?:it|them|him|her|us|you|buyers|customers|taxpayers))?\s+"
    rf"(?:{_QUALIFIERS}\s+)*$"
)
_LOCAL_SUBJECT = re.compile(_NP + _VERB + _TAIL)
# a second, looser pass for base-form verbs after a short noun phrase ("rivals typically charge ...")
_LOCAL_SUBJECT_LOOSE = re.compile(_NP + rf"{_NOT_VERB}[a-z]{{3,}}" + _TAIL)
_NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "dozen",
        "dozens",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "billions",
        "half",
        "third",
        "quarter",
        "many",
        "few",
        "several",
    ]
)
_TIME_WORDS = frozenset(
    [
        "decade",
        "decades",
        "century",
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "today",
        "yesterday",
        "quarter",
        "season",
        "time",
        "times",
        "hour",
        "hours",
        "period",
        "next",
        "last",
        "overnight",
        "tonight",
        "weekend",
    ]
)
_TIME_OR_MONTH = _TIME_WORDS | _MONTHS
TIME_OR_MONTH = _TIME_OR_MONTH
_NOT_NOUNS = frozenset(
    [
        "wide",
        "long",
        "deep",
        "tall",
        "high",
        "old",
        "away",
        "thick",
        "across",
        "worth",
        "more",
        "less",
        "higher",
        "lower",
        "ago",
        "later",
        "earlier",
        "apart",
        "each",
        "apiece",
        "overall",
        "north",
        "south",
        "east",
        "west",
        "inside",
        "outside",
        "overnight",
        "ahead",
        "behind",
        "alone",
    ]
)
WEAPON_KINDS_EXCLUDED = frozenset({"country", "organisation", "company"})
PEOPLE = frozenset(
    [
        "people",
        "person",
        "persons",
        "civilians",
        "civilian",
        "soldiers",
        "soldier",
        "servicemen",
        "serviceman",
        "troops",
        "troop",
        "children",
        "child",
        "men",
        "man",
        "women",
        "woman",
        "victims",
        "victim",
        "rescuer",
        "rescuers",
        "workers",
        "worker",
        "residents",
        "resident",
        "others",
        "fighters",
        "personnel",
        "staff",
        "officers",
        "officer",
        "passengers",
        "adults",
        "kids",
        "students",
        "prisoners",
        "pows",
        "sailors",
        "pilots",
        "crew",
        "members",
        "citizens",
        "militants",
        "terrorists",
        "suspects",
    ]
)
# "rose by 5%", "was set to rise by 10.1 percent": a verb before "by", not a noun
_CHANGE_VERBS = frozenset(
    [
        "rise",
        "rises",
        "rose",
        "risen",
        "fall",
        "falls",
        "fell",
        "fallen",
        "grow",
        "grows",
        "grew",
        "grown",
        "increase",
        "increases",
        "increased",
        "decrease",
        "decreases",
        "decreased",
        "drop",
        "drops",
        "dropped",
        "jump",
        "jumps",
        "jumped",
        "climb",
        "climbs",
        "climbed",
        "decline",
        "declines",
        "declined",
        "gain",
        "gains",
        "gained",
        "cut",
        "cuts",
        "slip",
        "slips",
        "slipped",
        "slide",
        "slides",
        "slid",
        "surge",
        "surges",
        "surged",
        "soar",
        "soars",
        "soared",
        "plunge",
        "plunges",
        "plunged",
        "tumble",
        "tumbles",
        "tumbled",
        "boost",
        "boosts",
        "boosted",
        "raise",
        "raises",
        "raised",
        "lower",
        "lowers",
        "lowered",
        "reduce",
        "reduces",
        "reduced",
        "extend",
        "extends",
        "extended",
        "shrink",
        "shrinks",
        "shrank",
        "expand",
        "expands",
        "expanded",
        "beat",
        "beats",
        "outnumber",
        "outnumbered",
        "exceed",
        "exceeds",
        "exceeded",
        "trail",
        "trails",
        "trailed",
        "lead",
        "leads",
        "led",
    ]
)
_TRIM_AT = frozenset(["on", "in", "at", "for", "with", "from", "during", "since", "between", "over", "under"])
_NO_SUBJECT_HEADS = frozenset(["total", "sum", "amount", "number", "level", "maximum", "minimum", "value"])
BARE_HEADS = frozenset(
    [
        "range",
        "total",
        "sum",
        "speed",
        "price",
        "value",
        "figure",
        "maximum",
        "minimum",
        "number",
        "amount",
        "cost",
        "level",
        "rate",
        "distance",
        "weight",
        "payload",
        "share",
    ]
)
CASUALTY_PROPERTIES = frozenset({"killed", "wounded", "missing"})
CHANGE_PROPERTIES = frozenset({"growth", "decline"})
DEFAULT_PROPERTY = {
    "length": "distance",
    "area": "area",
    "money": "value",
    "percent": "share",
    "speed": "speed",
    "mass": "weight",
    "duration": "duration",
    "age": "age",
    "rate": "rate",
    "count": "count",
    "volume": "volume",
    "temperature": "temperature",
    "energy": "energy",
    "power": "power",
}


@dataclass(frozen=True, slots=True)
class Subject:
    canonical: str
    text: str
    rule: str  # which rule fired (for the evaluation report)


def _clean_np(words: list[str]) -> list[str]:
    if len(words) == 1 and words[0].lower() in _VERBS_AS_NOUNS:
        return words  # a noun phrase of one such word was read as a noun where it stood ("of claims")
    while words and words[0].lower() in function_word_set("determiners", "boundary"):
        words = words[1:]
    while words and words[-1].lower() in function_word_set("boundary", "determiners"):
        words = words[:-1]
    return words


def _canonical_np(text: str) -> str:
    """The noun phrase without determiners and without trailing prepositional phrases other than "of"
    ("the Russian sanctioned assets on its balance sheet" -> "Russian sanctioned assets"); the words as
    written stay in ``subject_text``."""
    words = _clean_np(text.split())
    for i, word in enumerate(words[1:], 1):
        if word.lower() in _TRIM_AT:
            words = _clean_np(words[:i])
            break
    return " ".join(w.rstrip(",.;:") for w in words)


def _is_np_word(word: str) -> bool:
    fw = function_words()
    low = word.lower()
    return not (
        low in fw["boundary"]
        or low in fw["pronouns"]
        or low in fw["determiners"]
        or (low.endswith("ly") and len(low) > 4)
        or low.isdigit()
    )


is_np_word = _is_np_word


def np_after(text: str, start: int, max_words: int = 4, allow_verbs: bool = False) -> tuple[int, int] | None:
    """The span of the noun phrase beginning at ``start`` (after spaces), or None."""
    words: list[re.Match[str]] = []
    pos = start
    lead = re.match(
        r"\s*(?:(?:all|both|each|most|many|some|much)\s+(?:of\s+)?)?"
        r"(?:(?:the|a|an|its|his|her|their|our|this|these|those)\s+)?"
        r"(?:[\d.,]+\s*%?\s+)?",  # "50mL of 30% fuming sulfuric acid"
        text[pos:],
        re.IGNORECASE,
    )
    pos += lead.end() if lead else 0
    while len(words) < max_words:
        m = WORD.match(text, pos + (len(text[pos:]) - len(text[pos:].lstrip())))
        if not m:
            break
        if not _is_np_word(m.group(0)) and not (
            not words and m.group(0).lower() in _VERBS_AS_NOUNS and _NOUN_SLOT.search(text, 0, m.start())
        ):
            break  # ("of claims", "the reports": a verb's form after "of" or a determiner is a noun)
        word = m.group(0).rstrip(".,")
        if words and word.lower() in _TIME_OR_MONTH:
            break  # "the bloc's total imports last year"
        if not allow_verbs and re.search(r"(?:ed|ing)$", word) and word[:1].islower():
            following = WORD.match(text, m.end() + 1) if text[m.end() : m.end() + 1] == " " else None
            compound = (
                following is not None
                and _is_np_word(following.group(0))
                and not re.search(r"(?:ed|ing|ly)$", following.group(0))
            )
            if not compound:  # "a 40 C boiling point" is a noun; "... rose" is not
                if not words:
                    return None
                break
        words.append(m)
        pos = m.end()
        if text[pos : pos + 1] in ",;:()[]" or text[pos : pos + 2] == ". ":
            break
    if not words:
        return None
    return words[0].start(), words[-1].start() + len(words[-1].group(0).rstrip(".,"))


def np_before(text: str, end: int, max_words: int = 5) -> tuple[int, int] | None:
    """The span of the noun phrase ending at ``end`` (before spaces), or None."""
    tokens = list(WORD.finditer(text[:end]))
    picked: list[re.Match[str]] = []
    for m in reversed(tokens):
        if picked and text[m.end() : picked[0].start()].strip(" ’'"):
            break  # punctuation between words ends the phrase
        if not picked and text[m.end() : end].strip():
            break
        noun_verb = (
            not picked and m.group(0).lower() in _VERBS_AS_NOUNS and _NOUN_SLOT.search(text, 0, m.start())
        )
        if (not _is_np_word(m.group(0)) and not noun_verb) or len(picked) >= max_words:
            break
        picked.insert(0, m)
    if not picked:
        return None
    return picked[0].start(), picked[-1].end()


def first_subject(sentence: str, mentions: list[Mention]) -> Subject | None:
    """The sentence's grammatical subject, approximated: a named thing or capitalised name near the start."""
    head = _CLAUSE_BREAK.split(sentence, maxsplit=1)[0]
    opening = re.match(r"\W*(?:The|A|An|This|These|Those|Its|His|Her|Their|Our)\s+(?=[a-z])", head)
    if opening:  # "The alloy, which is mostly titanium, withstood 900 megapascals"
        span = _np_without_verb(head, np_after(head, opening.end(), max_words=4))
        if span:
            text = head[span[0] : span[1]]
            found = _usable(Subject(_canonical_np(text), text, "sentence-subject"))
            if found:
                return found
    name = _first_name(head)
    for mention in mentions:
        if mention.start < min(len(head), 60) and (name is None or mention.start <= name[0]):
            found = _mention_subject(mention, "sentence-subject", sentence)
            if not mention.demonym or found.canonical != mention.entity.canonical:
                return found
        break
    if name:
        return name[1]
    lead = 0
    for m in WORD.finditer(head):  # "However the punitive measures ...": past the opening connectives
        if m.group(0).lower() not in function_word_set("connectives", "boundary"):
            break
        lead = m.end()
    if lead:
        return None  # a sentence that opens with a connective or preposition: its subject is not in reach
    span = _np_without_verb(head, np_after(head, 0, max_words=4))
    if span:
        text = head[span[0] : span[1]]
        return Subject(_canonical_np(text), text, "sentence-subject") if _canonical_np(text) else None
    return None


def _np_without_verb(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """Drop a last word that is a verb: "The law threatens to deal", "the start-up employs around 600"."""
    if span is None:
        return None
    words = list(WORD.finditer(text, span[0], span[1]))
    if len(words) > 1 and re.match(
        r"\s+(?:to|the|a|an|its|their|his|her|this|that|these|those|about|around|some|nearly|almost|over|"
        r"more|up|down|just|only|how|what|why|whether|\d)",
        text[span[1] :],
    ):
        return span[0], words[-2].end()
    return span


def _first_name(head: str) -> tuple[int, Subject] | None:
    """The first capitalised name of a clause that is not a sentence-initial function word."""
    fw = function_words()
    for m in re.finditer(r"(?:[A-Z][\w’'.&-]*)(?:\s+(?:of\s+|for\s+)?[A-Z][\w’'.&-]*)*", head):
        word = m.group(0)
        first = word.split()[0].lower()
        if (
            first in function_word_set("boundary", "determiners", "pronouns", "connectives")
            or first in _MONTHS
        ) or (
            m.start() == len(head) - len(head.lstrip(" “\"‘'"))
            and len(word.split()) == 1
            and re.search(r"(?:ly|ing|ed|al|less|ful)$", first)
        ):
            rest = word.split()[1:]
            if not rest:
                continue
            word = " ".join(rest)
        if word.lower() in fw["pronouns"]:
            continue
        if m.start() > 60:
            return None  # a name far into the clause is no longer its subject
        hit = gazetteer().by_surface.get(word)
        if hit is None and re.search(r"[’']s$", word):
            # "Putin’s invaders had abandoned ...": the possessor's noun phrase, not the possessor
            span = np_after(head, m.end(), max_words=2)
            if span and span[0] - m.end() <= 1:
                text = head[m.start() : span[1]]
                return m.start(), Subject(text, text, "sentence-subject")
        return m.start(), Subject(hit.canonical if hit else word, word, "sentence-subject")
    return None


_TICKER = re.compile(
    r"(?P<name>(?:[A-Z][\w&.’'-]*\s+){0,3}[A-Z0-9][\w&.’'-]*)\s*,?\s*"
    r"(?:(?:was|is|were|are|ended|closed|finished|traded|trading|also\s+)+\s*)?"
    r"(?:up|down|higher|lower|\+|−|-)\s*(?:just\s+|about\s+|nearly\s+|almost\s+)?$"
)


_TICKER_TAIL = re.compile(r"(?:up|down|higher|lower|\+|−|-)\s*(?:just\s+|about\s+|nearly\s+|almost\s+)?$")


def _mention_subject(mention: Mention, rule: str, sentence: str) -> Subject:
    if mention.entity.kind == "country" and not mention.demonym and mention.text.isupper():
        # "The US dollar was mixed", "the UK economy": the abbreviation qualifies a noun
        span = np_after(sentence, mention.end, max_words=2)
        if span and span[0] - mention.end <= 1 and not sentence[mention.end : span[0]].strip():
            text = sentence[mention.start : span[1]]
            return Subject(text, text, rule)
    if mention.demonym:
        # "Ukrainian drones", "Russian forces": the demonym with the noun it qualifies
        span = np_after(sentence, mention.end, max_words=3, allow_verbs=True)
        if span and span[0] - mention.end <= 1 and not sentence[mention.end : span[0]].strip():
            text = sentence[mention.start : span[1]]
            return Subject(text, text, rule)
    return Subject(mention.entity.canonical, mention.text, rule)


def _usable(subject: Subject | None) -> Subject | None:
    """None for a subject that is really a time ("next year") or a bare adjective ("wide")."""
    if subject is None:
        return None
    words = [w.lower().strip("’'") for w in subject.canonical.split()]
    if (
        not words
        or all(w in _TIME_OR_MONTH or w.isdigit() for w in words)
        or (len(words) > 1 and words[-1] in _TIME_WORDS and words[-2] in {"last", "next", "this", "past"})
        or words[-1] in _NOT_NOUNS
        or " ".join(words) in _NO_SUBJECT_HEADS
        or (len(words) == 1 and (len(words[0]) <= 2 or words[0] in _NUMBER_WORDS))
    ):
        return None
    return subject


_NOT_APPOSITION = re.compile(
    r"(?i)^\s*(?:who|which|whom|whose|where|when|while|as|and|but|or|if|after|before|since|because|"
    r"although|though|according|including|[a-z]+ing\b)|"
    r"\b(?:is|was|are|were|has|have|had|will|would|said|says|told|could|can|did|does|do)\b"
)


def local_subject(
    sentence: str, fs: int, last_name: str | None = None, apposed: bool = False
) -> Subject | None:
    """The doer right before the verb that governs the figure: "Potanina was awarded just £30.9million",
    "Airbus rose under 2%", "she actually received around £63m" (a pronoun: the article's last name), also
    across an apposition ("while Globex, the largest chipmaker, slipped 2%"; ``apposed``: it is cut out)."""
    start = max((m.end() for m in re.finditer(r"[,;:–—(]\s", sentence[:fs])), default=0)
    conjunction = re.match(
        r"\s*(?:where|when|while|as|although|though|because|if|but|and|whereas|with)\s+",
        sentence[start:fs],
        re.IGNORECASE,
    )
    if conjunction:  # "..., where the drug's sales jumped 40 per cent", "while copper nearly reached"
        start += conjunction.end()
    if start and _RELATIVE.match(sentence[start:fs]):
        # "Vladimir Potanin, who is said to be worth ...", "The Autumn House, on which the couple spent"; a
        # relative clause with a subject of its own: "data, which saw trade figures fall to $-50bn"
        inner = _changed_thing(sentence, fs)
        if inner and sentence.find(inner.text, start) > start:
            return inner
        span = np_before(sentence, start - 2)
        name = re.search(r"(?:[A-Z][\w’'.&-]*\s+){0,3}[A-Z][\w’'.&-]*$", sentence[: start - 2])
        if name:
            return _usable(Subject(_canonical_np(name.group(0)), name.group(0), "relative"))
        if span:
            text = sentence[span[0] : span[1]]
            return _usable(Subject(_canonical_np(text), text, "relative")) if _canonical_np(text) else None
    window = sentence[start:fs].rstrip("~≈ ") + " "  # "only ~30g"
    local = _LOCAL_SUBJECT.search(window)  # "^" is the clause's start
    if local and re.match(r"\s+[a-z]{2,}ing\b", window[local.end("np") :]):
        # "Hosmer entered the game averaging 15.9 degrees": a participle after a past verb's object
        # modifies the doer of that verb
        doer = _LOCAL_SUBJECT.search(window[: local.start("np")])
        if doer and re.search(r"[a-z]ed\s*$", window[: local.start("np")]) and doer.group("np")[:1].isupper():
            local = doer
    if not local:
        local = _LOCAL_SUBJECT_LOOSE.search(window)
        if local and (
            len(local.group("np").split()) > 3
            or (local.group("np")[:1].islower() and not local.group("np").split()[-1].endswith("s"))
        ):
            local = None  # a base-form verb agrees with a plural ("rivals charge"), not "the home (port)"
    if not local and not apposed and start >= 2 and sentence[start - 2 : start] == ", " and not conjunction:
        aside_start = max((m.end() for m in re.finditer(r"[,;:–—(]\s", sentence[: start - 2])), default=0)
        aside = sentence[aside_start : start - 2]
        if (
            aside_start >= 2
            and sentence[aside_start - 2 : aside_start] == ", "
            and len(aside.split()) <= 6
            and not _NOT_APPOSITION.search(aside)
        ):
            cut = sentence[: aside_start - 2] + " " + sentence[start:fs]
            return local_subject(cut, len(cut), last_name, apposed=True)
    if not local:
        return None
    text = local.group("np")
    words = text.split()
    if text.lower() in {"he", "she", "they", "it"}:
        # "Finnair said it was grounding three jets": the speaker; else the article's last name
        said = [
            a
            for a in attributions(sentence[: start + local.start()])
            if a.claimant.lower() not in PRONOUNS
            and not a.claimant.split()[0].islower()
            and not (a.claimant.split()[0].endswith("s") and text.lower() in {"he", "she"})
        ]
        if said:
            return Subject(said[-1].claimant, text, "pronoun")
        if last_name:
            return Subject(last_name, text, "pronoun")
        if text.lower() == "they":
            # "... sent the shares surging and they were up 5pc": the nearest plural thing
            heads = []
            for m in _THE_NOUN.finditer(sentence, 0, start + local.start()):
                span = np_after(sentence, m.start("noun"), max_words=3)
                if span and span[1] <= start + local.start():
                    words = sentence[span[0] : span[1]].split()
                    while len(words) > 1 and words[-1].lower() in _NOT_NOUNS:
                        words.pop()  # "the bonds higher"
                    heads.append(" ".join(words))
            things = [
                h
                for h in heads
                if h.split()[-1].lower().endswith("s") and h.split()[-1].lower() not in _TIME_OR_MONTH
            ]
            if things:
                found = _usable(Subject(_canonical_np(things[-1]), text, "pronoun"))
                if found:
                    return found
        earlier = _first_name(sentence[: start + local.start()])
        return Subject(earlier[1].canonical, text, "pronoun") if earlier else None
    if words[0].lower() in function_word_set("boundary", "connectives") or words[0].lower() in _MONTHS:
        if len(words) == 1:
            return None
        text = " ".join(words[1:])
    hit = gazetteer().by_surface.get(text)
    return _usable(Subject(hit.canonical if hit else _canonical_np(text), text, "verb-subject"))


_NAME_BEFORE_PARENS = re.compile(r"(?:[A-Z][\w’'.&-]*\s+){0,3}[A-Z][\w’'.&-]*\s*\($")
# what a parenthesis opening with the figure may hold before it: a hedge
_PARENS_LEAD = re.compile(
    r"\(\s*(?:(?:about|around|some|roughly|nearly|almost|approximately|over|c\.|ca\.)\s+)?$"
)


def parenthesis_name(sentence: str, fs: int, others: tuple[tuple[int, int], ...] = ()) -> Subject | None:
    """The name a parenthesis that opens with the figure hangs on: "RHP John Gant (0.5 WAR)", "Acme Corp (up
    4%)" (a name only: after a figure, ``others``, or a common noun the parenthesis restates or explains
    it: "1 to 1.5 degrees Celsius (1.8 to 2.7 Fahrenheit)")."""
    parens = sentence.rfind("(", 0, fs)
    if parens < 0 or not _PARENS_LEAD.match(sentence, parens, fs):
        return None
    name = _NAME_BEFORE_PARENS.search(sentence, max(0, parens - 80), parens + 1)
    if not name or any(s < name.end() and name.start() < e for s, e in others):
        return None
    text = name.group(0).rstrip(" (")
    words = text.split()
    while words and (words[0].lower() in function_word_set("boundary", "determiners", "connectives")):
        words = words[1:]
    if not words or words[0].lower() in _MONTHS:
        return None
    text = " ".join(words)
    hit = gazetteer().by_surface.get(text)
    return _usable(Subject(hit.canonical if hit else text, text, "parenthesis"))


_CHANGE_BEFORE = re.compile(
    r"\b(?P<verb>[a-z]+)\s+(?:in\s+(?:value|price|size|number|volume|worth)\s+)?(?:(?:by|to)\s+)?"
    r"(?:(?:about|around|some|roughly|nearly|almost|approximately|over|"
    r"more than|less than|up to|at least|just|only|another|a further|an estimated)\s+)*$"
)
_AUXILIARY_TAIL = re.compile(
    r"(?:\s+(?:to|will|would|could|can|may|might|must|should|has|have|had|is|are|was|were|be|been|also|"
    r"expected to|set to|likely to|forecast to))+$"
)


def _np_text_before(sentence: str, end: int, max_words: int = 5) -> str:
    """The noun phrase ending at ``end``, without the verb a walk back takes in after a modal, "to" or a
    relative pronoun: "will sign contracts (worth)", "could cause sea levels (to rise)", "which saw
    exports (fall)"."""
    span = np_before(sentence, end, max_words=max_words)
    if not span:
        return ""
    text = sentence[span[0] : span[1]]
    if " " in text and (
        _MODAL_BEFORE.search(sentence, max(0, span[0] - 12), span[0])
        or _RELATIVE_BEFORE.search(sentence, max(0, span[0] - 12), span[0])
    ):
        text = text.split(" ", 1)[1]
    return text


def _changed_thing(sentence: str, fs: int) -> Subject | None:
    """What rose or fell by the figure, a noun phrase right before the change verb: "world temperatures
    dropped by 1 to 1.5 degrees", "could cause sea levels to rise 11 feet" (lower-case phrases too, which the
    doer rule leaves to names)."""
    change = _CHANGE_BEFORE.search(sentence, max(0, fs - 60), fs)  # (hedges are short: a near window)
    if not change or change.group("verb") not in _CHANGE_VERBS:
        return None
    end = change.start("verb")
    aux = _AUXILIARY_TAIL.search(sentence, 0, end - 1) if end else None
    if aux:
        end = aux.start()
    text = _np_text_before(sentence, end, max_words=4)
    if not text:
        return None
    if text.split()[0].lower() in _CHANGE_VERBS or text.split()[-1].lower() in _CHANGE_VERBS:
        return None
    return _usable(Subject(_canonical_np(text), text, "changed")) if _canonical_np(text) else None


def multiple_of(sentence: str, fe: int, noun: str | None) -> Subject | None:
    """What a multiple is a multiple of: "trades at 1.4 times book value" -> "book value"."""
    if (noun or "").strip().lower() not in {"times", "fold"}:
        return None
    span = np_after(sentence, fe, max_words=3)
    if not span or sentence[fe : span[0]].strip():
        return None
    text = sentence[span[0] : span[1]]
    return _usable(Subject(_canonical_np(text), text, "multiple")) if _canonical_np(text) else None


def of_after_owner(sentence: str, fe: int) -> Subject | None:
    """What the things counted are "of", right after them: "one count of wire fraud", "five seasons of the
    show" (not a partitive: "64 of whom")."""
    after = _OF_RIGHT_AFTER.match(sentence, fe)
    if not after or _PARTITIVE.match(sentence[fe:]):
        return None
    span = np_after(sentence, after.end(), max_words=4)
    if not span:
        return None
    text = sentence[span[0] : span[1]]
    return _usable(Subject(_canonical_np(text), text, "of-owner")) if _canonical_np(text) else None


_OF_RIGHT_AFTER = re.compile(r"\s+of\s+")
_PLACE_AFTER = re.compile(
    r"[^;:!?()–—]{0,50}?\b(?:in|at|inside|within)\s+(?:the\s+)?(?P<name>(?:[A-Z][\w’'.&-]*\s+){0,4}[A-Z][\w’'.&-]*)"
)


def existential_place(sentence: str, fs: int, fe: int) -> Subject | None:
    """Where an existential sentence puts the things it counts: "There are 300 students enrolled at Alder
    College" -> "Alder College" (whose students they are)."""
    if not _THERE_BE.search(sentence, 0, fs):
        return None
    place = _PLACE_AFTER.match(sentence, fe)
    if not place or place.group("name").split()[0] in _MONTHS:
        return None
    name = place.group("name")
    if name.endswith(".") and "." not in name[:-1].split()[-1]:
        name = name[:-1]  # the sentence's full stop, not an abbreviation's ("U.S.")
    hit = gazetteer().by_surface.get(name)
    return _usable(Subject(hit.canonical if hit else name, name, "held-in"))


def of_owner(sentence: str, fs: int, fe: int | None = None) -> Subject | None:
    """The noun phrase a count belongs to: "a Gallup poll of nine countries" -> "Gallup poll",
    "three new series of the show" -> "show"."""
    if fe is not None:
        after = re.match(r"\s+of\s+", sentence[fe:])
        if after and not _PARTITIVE.match(sentence[fe:]):
            span = np_after(sentence, fe + after.end(), max_words=4, allow_verbs=True)
            if span:
                text = sentence[span[0] : span[1]]
                found = (
                    _usable(Subject(_canonical_np(text), text, "of-owner")) if _canonical_np(text) else None
                )
                if found:
                    return found
    of_before = _of_before(sentence, fs)
    if not of_before or not re.search(r"\bof\s", sentence[of_before.end("np") : fs]):
        return None
    span = np_before(sentence, of_before.end("np"))
    if not span:
        return None
    text = sentence[span[0] : span[1]]
    return _usable(Subject(_canonical_np(text), text, "of-owner")) if _canonical_np(text) else None


def _currency_country(sentence: str, fs: int, fe: int, mention: Mention) -> bool:
    """Whether a country's name only marks the figure's currency: "US $2.24", "$31.20 US", "$75 U.S. per
    barrel" (a country later in the sentence is not: "$288bn of assets in Russia")."""
    if mention.entity.kind != "country":
        return False
    if mention.end <= fs:
        between = sentence[mention.end : fs]
        return bool(re.fullmatch(r"\s?[$€£¥]?", between)) and sentence[fs : fs + 1] in "$€£¥" + (
            between.strip() or "_"
        )
    return sentence[fs : fs + 1] in "$€£¥_" and (
        mention.start < fe or not sentence[fe : mention.start].strip()
    )


def subject_for(
    sentence: str,
    fs: int,
    fe: int,
    dimension: str,
    noun: str | None,
    mentions: list[Mention],
    last_name: str | None = None,
    others: tuple[tuple[int, int], ...] = (),
) -> Subject | None:
    """The subject of the figure at local offsets ``fs:fe`` of ``sentence`` (``others``: the spans of the
    sentence's other figures, whose words are not names: "US $2.24")."""
    # the figures' own words are no names ("1 to 1.5 degrees Celsius", "PS8.1bn")
    masked = sentence
    for start, end in ((fs, fe), *others):
        masked = masked[:start] + " " * (end - start) + masked[end:]
    mentions = [
        m
        for m in mentions
        if not any(s <= m.start < e for s, e in others) and not _currency_country(sentence, fs, fe, m)
    ]
    noun_span: tuple[int, int] | None = None
    if noun:
        at = sentence.find(noun, fs)
        if at != -1 and at - fe < 40:
            noun_span = (at, at + len(noun))
    own_end = max(fe, noun_span[1] if noun_span else fe)
    outside = [
        m
        for m in mentions
        if m.end <= fs
        or m.start >= own_end
        or (noun_span is not None and noun_span[0] <= m.start < noun_span[1])
    ]
    # "67.6 billion Danish crowns": the unit's own words name nothing; the counted noun's words do
    outside = [
        m
        for m in outside
        if not (fs <= m.start < fe) or (noun_span is not None and noun_span[0] <= m.start < noun_span[1])
    ]

    # 1. a named thing in the counted noun or right after the figure
    for m in outside:
        if noun and noun_span and noun_span[0] <= m.start < noun_span[1]:
            if m.demonym:  # "121 Ukrainian drones": the counted noun as written
                return Subject(noun.strip(), noun.strip(), "noun")
            return _mention_subject(m, "noun-entity", sentence)
        if (
            m.start >= fe
            and not m.demonym
            and re.fullmatch(r"[\s-]*", sentence[own_end : m.start])
            and m.entity.kind not in {"country"}
        ):
            return _mention_subject(m, "noun-entity", sentence)

    # markets: "FTSE 100 +0.4% DAX +0.6%", "Tesco, down 2.5 p"
    ticker = (
        _TICKER.search(sentence, 0, fs)
        if dimension in {"percent", "money", "number"} and _TICKER_TAIL.search(sentence, 0, fs)
        else None
    )
    if ticker:
        name = ticker.group("name")
        if name.split()[0].lower() not in function_word_set("boundary", "connectives"):
            hit = gazetteer().by_surface.get(name)
            return Subject(hit.canonical if hit else name, name, "ticker")

    # 2. the noun the figure modifies: "a $164bn loan", "a 1,500-kilometre-range cruise missile", also
    # through suspended hyphens: "four-, five- and six-cylinder engines" (all three modify "cylinder engines")
    suspended = _SUSPENDED_HYPHEN.match(sentence, fe)
    if suspended:
        span = np_after(sentence, suspended.end(), max_words=4)
        if span and span[0] == suspended.end():
            text = sentence[span[0] : span[1]]
            found = (
                _usable(Subject(_canonical_np(text), text, "modified-noun")) if _canonical_np(text) else None
            )
            if found:
                return found
    after = fe
    tail = sentence[fe:]
    hyphen = _HYPHEN_RANGE.match(tail)
    if hyphen:
        after = fe + hyphen.end()
    elif re.match(r"\s*\(", tail):  # "140-billion-euro ($164.4bn) loan"
        close = sentence.find(")", fe)
        after = close + 1 if close != -1 else fe
    if dimension not in {"count", "number"} and (after == fe or hyphen or sentence[after - 1] == ")"):
        span = np_after(sentence, after, max_words=4)
        if span and span[0] - after <= 1:
            text = sentence[span[0] : span[1]]
            near = [m for m in outside if span[0] <= m.start < span[1] and not m.demonym]
            if near:
                return _mention_subject(near[0], "modified-entity", sentence)
            follows = re.match(
                r"\s+(?:the|a|an|its|their|his|her|our|this|that|these|those)\b", sentence[span[1] :]
            )
            if follows and not (follows.group(0).strip() == "that" and " " in text):
                # "Only 5 percent expect the economy to grow": a verb, not a noun (but "a $9bn hostile
                # takeover that ...": "that" opens a relative clause after a noun phrase of two words)
                span = None
        if span and span[0] - after <= 1:
            text = sentence[span[0] : span[1]]
            period = re.match(r"(?i)(?:annual|yearly|monthly|weekly|daily)\s+(?=\w)", text)
            if period:  # "$100bn-plus annual funding needs"
                text = text[period.end() :]
            if (
                _canonical_np(text)
                and not re.match(r"(?i)(?:a|per|each|every|annual|in|of)\b", text)
                and text.split()[0].lower() not in _NOT_NOUNS
                and not re.fullmatch(r"[A-Z]{1,4}\.?|[A-Z]\.[A-Z.]*", text.split()[0])
                and _usable(Subject(_canonical_np(text), text, ""))
            ):
                return Subject(_canonical_np(text), text, "modified-noun")

    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, fs)), default=0)
    before = [m for m in outside if clause_start <= m.start and m.end <= fs]
    weapons_before = [m for m in before if m.entity.kind not in WEAPON_KINDS_EXCLUDED]

    # 3. counts: the counted noun ("62 attack drones")
    if dimension == "count" and noun:
        return Subject(_canonical_np(noun) or noun, noun, "noun")

    # a time, not an extent: "Two years later, ...", "three weeks ago"
    if dimension == "duration" and _TIME_POINT_AFTER.match(sentence, fe):
        return None

    if dimension == "duration":
        held = _FOR_DURATION.search(sentence, max(0, fs - 80), fs)
        words = held.group("np").split() if held else []
        if held and all(_is_np_word(w) for w in words):
            found = _usable(Subject(_canonical_np(held.group("np")), held.group("np"), "for-duration"))
            if found:
                return found

    # 4. spec patterns
    if dimension == "length" and _WHERE_AFTER.match(sentence[fe:]):
        apposed = _COMMA_BEFORE.search(sentence[:fs])
        if apposed:  # "the family home in Nemchinovo, 17 miles west of Moscow": where the place lies
            name = re.search(r"(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*$", sentence[: apposed.start()])
            span = np_before(sentence, apposed.start())
            text = name.group(0) if name else (sentence[span[0] : span[1]] if span else "")
            found = _usable(Subject(_canonical_np(text), text, "apposition")) if _canonical_np(text) else None
            if found:
                return found
    parens = _PARENS_OPEN.search(sentence[:fs])
    if parens:  # "the ERAM (about 285 miles, or 460 km)"
        hanging = [
            m for m in outside if m.end <= parens.start() and not sentence[m.end : parens.start()].strip()
        ]
        if hanging:
            return _mention_subject(hanging[-1], "parenthesis", sentence)
        by_name = parenthesis_name(sentence, fs, others)
        if by_name:
            return by_name
    held_by = _HELD_BY.match(sentence, fe) if dimension == "money" else None
    if held_by:  # "of which $217.5bn – most of it in cash – is held by Euroclear": the holder
        name = held_by.group("name").rstrip(".")
        hit = gazetteer().by_surface.get(name)
        found = _usable(Subject(hit.canonical if hit else name, name, "held-by"))
        if found:
            return found
    worth = (
        _WORTH_BEFORE.search(sentence, max(0, fs - 60), fs)
        if dimension == "money" and "worth" in sentence[max(0, fs - 60) : fs]
        else None
    )
    if worth:  # "a state grant worth up to $8 million", "contracts worth $2bn" (not "is worth": the doer)
        text = _np_text_before(sentence, worth.start())
        found = _usable(Subject(_canonical_np(text), text, "worth")) if _canonical_np(text) else None
        if found:
            return found
    if _WITH_FRONT.match(sentence) and "," in sentence[fe:]:
        comma = sentence.index(",", fe)
        if "," not in sentence[:fs] or sentence[:fs].rfind(",") < comma:
            following = [m for m in outside if m.start > comma and sentence[comma : m.start].count(",") <= 1]
            if following and following[0].start - comma < 20:
                return _mention_subject(following[0], "fronted-with", sentence)
    participle = _PARTICIPLE.search(sentence[:fs])
    if (
        participle
        and participle.group(1) not in _REPORTING_PARTICIPLES
        and len(WORD.findall(_HEDGES.sub(" ", sentence[participle.end(1) : fs]))) <= 3
    ):
        if participle.group(1) in _EXTENT_PARTICIPLES:
            # "claims, ranging from $200 to $4 million": the extent of the noun phrase before the comma
            span = np_before(sentence, participle.start())
            text = sentence[span[0] : span[1]] if span else ""
            found = _usable(Subject(_canonical_np(text), text, "participle")) if _canonical_np(text) else None
            if found:
                return found
        # "Denmark has supported ..., providing 67.6 billion ..."
        subject = first_subject(masked, [m for m in mentions if m.start < participle.start()])
        if subject:
            return Subject(subject.canonical, subject.text, "participle")

    # 5. where an existential sentence puts what it counts: "there were about $288bn of assets in Russia",
    # "there were $289bn in “foreign investments” in Russia" (the place, so both sums are Russia's)
    if dimension not in {"count", "number"} and _THERE_BE.search(sentence, 0, fs):
        places = [
            m
            for m in outside
            if m.start >= fe
            and m.entity.kind == "country"
            and not m.demonym
            and _HELD_IN.fullmatch(sentence, fe, m.start)
        ]
        if places:
            return Subject(places[0].entity.canonical, places[0].text, "held-in")

    # what the figure comes "with": "than the Nova 5 Pro with 3,500 mAh", "customers with more than $1m in
    # deposits" (not a share of something: "... with 24 per cent of adults saying")
    with_before = (
        _WITH_BEFORE.search(sentence, max(0, fs - 60), fs)
        if dimension not in {"count", "number"} and "with" in sentence[max(0, fs - 60) : fs].lower()
        else None
    )
    if with_before and not _OF_RIGHT_AFTER.match(sentence, fe):
        text = _np_text_before(sentence, with_before.start())
        if text:
            found = _usable(Subject(_canonical_np(text), text, "with"))
            if found:
                return found

    # 6. what the figure is "of": "5 percent of GDP", "5,000 lbs of drugs", "64 of whom"
    after_parens = re.match(r"\s*\([^()]*\)", sentence[fe:])  # "5 miles (8 kilometers) of new track"
    of_from = fe + (after_parens.end() if after_parens else 0)
    of_after = _OF_AFTER.match(sentence[of_from:])
    if _PARTITIVE.match(sentence[fe:]):
        # "unarmed suspects —at least 64 of whom have died", "lost 65 servicemen, 43 of them killed"
        cut = max((m.start() for m in re.finditer(r"[—–,(]", sentence[:fs])), default=-1)
        span = np_before(sentence, cut) if cut > 0 else None
        if span:
            text = sentence[span[0] : span[1]]
            found = _usable(Subject(_canonical_np(text), text, "partitive")) if _canonical_np(text) else None
            if found:
                return found
    if (
        dimension not in {"count", "money"}
        and of_after
        and (of_after.group(0).lstrip().lower().startswith("of"))
    ):
        span = np_after(sentence, of_from + of_after.start("np"), max_words=4, allow_verbs=True)
        np_start = of_from + of_after.start("np")
        whole = [e for s, e in others if np_start <= s <= np_start + 4]
        if span and not (whole and np_after(sentence, whole[0], max_words=2) is None):
            # (not a part of a whole figure: "raised 280 million of the 1.5 billion shekels he needs"; but
            # "50mL of 30% sulfuric acid" is of the acid)
            text = sentence[span[0] : span[1]]
            if _canonical_np(text):
                return Subject(_canonical_np(text), text, "of-after")
    # 7. the nearest weapon named earlier in the clause, else the doer right before the verb: "Potanina was
    # awarded just £30.9million", "she actually received around £63m" (a pronoun: the article's last name)
    if weapons_before:
        return _mention_subject(weapons_before[-1], "weapon-before", sentence)
    local = local_subject(sentence, fs, last_name)
    if local and dimension not in {"count", "number", "percent"} and local.canonical[:1].isupper():
        return local

    # 8. money "in"/"of" what, and what the figure is "by": "the driving range by about 35 miles"
    if (
        dimension == "money"
        and of_after
        and of_after.group(0).lstrip().lower()[:2] in {"in", "of"}
        and not _IDIOM_AFTER.match(sentence, of_from)
    ):
        span = np_after(sentence, of_from + of_after.start("np"), max_words=4, allow_verbs=True)
        named = [m for m in mentions if span and span[0] <= m.start < span[1]]
        if span and not (named and named[0].entity.kind == "country" and not named[0].demonym):
            text = sentence[span[0] : span[1]]
            found = _usable(Subject(_canonical_np(text), text, "in-after"))
            if found:
                return found
    of_before = _of_before(sentence, fs)
    bare: Subject | None = None
    if of_before:
        text = of_before.group("np")
        head = text.split()[-1].lower() if text.split() else ""
        near = [m for m in before if m.end >= of_before.start()]
        if near:
            return _mention_subject(near[-1], "of-before", sentence)
        verb = head in _CHANGE_VERBS or re.search(r"\bto\s+\S+$", text) is not None
        if _is_np_word(head) and not re.search(r"(?:able|ible)$", head) and not verb:
            span = np_before(sentence, of_before.start("np") + len(text))
            if span:
                np_text = sentence[span[0] : span[1]]
                if _canonical_np(np_text) and _canonical_np(np_text).lower() not in BARE_HEADS:
                    return Subject(_canonical_np(np_text), np_text, "of-before")
                if _canonical_np(np_text).lower() not in _NO_SUBJECT_HEADS:
                    bare = Subject(_canonical_np(np_text), np_text, "of-before")

    # 9. the doer before the verb, the nearest named thing earlier in the clause, the sentence's subject,
    # and last a bare property word ("the train ran at a speed of 90 miles per hour")
    if local:
        return local
    changed = _changed_thing(sentence, fs)
    if changed:
        return changed
    if before and (before[-1].demonym or before[-1].entity.kind != "country"):
        return _mention_subject(before[-1], "named-before", sentence)
    first = _usable(first_subject(masked, mentions))
    if first:
        return first
    if bare:
        return bare
    if before:
        return _mention_subject(before[-1], "named-before", sentence)
    return None


@dataclass(frozen=True, slots=True)
class PropertyHit:
    property: str
    text: str


def property_for(
    sentence: str,
    fs: int,
    fe: int,
    dimension: str,
    noun: str | None,
    triggers: list[re.Match[str]] | None = None,
) -> PropertyHit | None:
    """The property of the figure at ``fs:fe``: the nearest fitting trigger in its clause, else a default
    (``triggers``: the property lexicon's matches in ``sentence``, where the caller has them already)."""
    tail = sentence[fe:]
    if dimension == "length" and _HYPHEN_RANGE.match(tail):
        return PropertyHit("range", tail[: _HYPHEN_RANGE.match(tail).end()].strip("-‐ "))  # type: ignore[union-attr]
    if dimension == "length":
        span = np_after(sentence, fe, max_words=2)
        if span and span[0] - fe <= 1 and sentence[span[0] : span[1]].split()[0].lower() not in _NOT_NOUNS:
            return PropertyHit("length", "")  # "the 12 mile road": a length used as an adjective
    lexicon = properties()
    people = noun is None or any(w.lower() in PEOPLE for w in re.findall(r"[\w’'-]+", noun))
    level = bool(_LEVEL_BEFORE.search(sentence[:fs]))
    noun_end = fe
    if noun:
        at = sentence.find(noun, fs)
        if at != -1 and at - fe < 40:
            noun_end = at + len(noun)
    best: tuple[float, int, PropertyHit] | None = None
    if triggers is None:
        triggers = list(lexicon.matcher.finditer(sentence))
    for m in triggers:
        if fs <= m.start() < fe:
            continue
        trigger = lexicon.for_dimension(m.group(1), dimension)
        if trigger is None:
            continue
        if trigger.property in CASUALTY_PROPERTIES and not people:
            continue
        if trigger.property in CHANGE_PROPERTIES and (level or re.match(r"\s+of\s", sentence[fe:])):
            continue
        if m.end() <= fs:
            between = sentence[m.end() : fs]
            after = False
        else:
            between = sentence[noun_end : m.start()] if m.start() >= noun_end else ""
            after = True
        if _CLAUSE_BREAK.search(between) or between.count(",") > 1:
            continue
        words = len(WORD.findall(_HEDGES.sub(" ", between)))
        if words > 8:
            continue
        # "1,500 killed, another thousand wounded": a trigger behind a comma binds less than one that follows
        score = words + (0.5 if after else 0.0) + (1.0 if not after and "," in between else 0.0)
        if best is None or (score, trigger.rank) < (best[0], best[1]):
            best = (score, trigger.rank, PropertyHit(trigger.property, m.group(0)))
    if best is not None:
        return best[2]
    default = DEFAULT_PROPERTY.get(dimension)
    return PropertyHit(default, "") if default else None
