"""What is never a figure: dates, times, URLs and handles, scraping debris, designations, ordinals, years.

``masked_spans`` finds whole regions to skip (one pass of compiled patterns over the text); the predicates
judge one number in its context.
"""

from __future__ import annotations

import re
from bisect import bisect_right

MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
)
_DAY_RANGE_GAP = r"(?:[-–]|to|and|or|through|thru|until|till)"
_NOT_A_QUANTITY_AFTER = r"(?![.,]?\d|\s*(?:%|percent|per\s+cent|points?)\b)"  # "May 2 to 3 percent"
# Each mask pattern with a cheap test that must pass before the pattern runs at all: most texts have no
# links, captions or galleries, and a regex scan of the whole text per pattern is the costly part. A pattern
# whose branches all start with a word boundary starts with a one-character lookahead of what may follow it
# (a digit, a month's capital): the regex engine then skips to those characters instead of trying the whole
# alternation at every position (about three times faster on a long article).
_MASKS: list[tuple[re.Pattern[str] | None, re.Pattern[str]]] = [
    (
        None,
        re.compile(
            "(?=[0-9JFMASOND])(?:"
            + "|".join(
                [
                    # dates: "22 September 2025", "Oct. 26", "November 1, 2025", "2025-10-26", and day
                    # ranges: "3-4 March", "12 to 14 May", "May 12-13", "March 3 and 5"
                    rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s*{_DAY_RANGE_GAP}\s*\d{{1,2}}(?:st|nd|rd|th)?)?"
                    rf"\s+(?:of\s+)?{MONTH}\b\.?(?:,?\s+\d{{4}}\b)?",
                    rf"\b{MONTH}\b\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
                    rf"(?:\s*{_DAY_RANGE_GAP}\s*\d{{1,2}}(?:st|nd|rd|th)?\b{_NOT_A_QUANTITY_AFTER})?"
                    r"(?:,?\s+\d{4}\b)?",
                    rf"\b{MONTH}\b\.?,?\s+\d{{4}}\b",
                    r"\b\d{4}-\d{1,2}-\d{1,2}\b",
                    r"\b\d{1,2}/\d{1,2}/\d{2,4}\b",
                    # times: "12pm", "10.30am", "9 a.m.", "14:00", "1.56pm"
                    r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.m\.|[ap]m\b)",
                    r"\b\d{1,2}:\d{2}(?::\d{2})?\b",
                    # idioms with a number inside: "open 24/7", "365 days a year" (always)
                    r"\b(?:24/7|9/11|365 days a year)\b",
                ]
            )
            + ")"
        ),
    ),
    # phone and card numbers: "+44 20 7946 0958", "0800 123 4567", "(212) 555-0199", "4111 1111 1111 1111"
    (
        # the test starts with a digit, + or ( in every branch, so the regex engine can skip ahead
        re.compile(r"(?=[\d+(])(?:0\d{2,4}[ -]\d|\d{3}-\d{3}-\d{4}|\d{4}[ -]\d{4}[ -]\d{4}|\+\d|\(\d{3}\))"),
        re.compile(
            r"(?=[\d+(])(?:\+\d{1,3}(?:[ .-]?\(?\d{1,5}\)?){2,5}(?!\d)"
            r"|\b0\d{2,4}[ -]\d{3,4}[ -]?\d{3,4}\b"
            r"|\(\d{3}\)\s?\d{3}[ -]\d{4}\b|\b\d{3}-\d{3}-\d{4}\b"
            r"|\b\d{4}(?:[ -]\d{4}){3}\b)"
        ),
    ),
    # links, handles, e-mail addresses, hashtags
    (re.compile(r"https?://|www\.|pic\.twitter"), re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+")),
    # (an e-mail address is found from its "@" and run back to its start by ``_email_spans``: a pattern that
    # starts with the address's first character is tried at every letter of the text)
    (re.compile(r"[@#]"), re.compile(r"(?=[@#])(?<![\w])[@#]\w+")),
    # scraping debris: lines that are only a gallery counter ("8", "3 / 12", "4 of 20"), and the gallery's
    # alt-text: the line right before a blank line and a counter line
    (
        re.compile(r"^[ \t]*\d{1,3}[ \t]*$", re.MULTILINE),
        re.compile(
            r"^[ \t]*\d{1,3}(?:[ \t]*(?:/|of)[ \t]*\d{1,3})?[ \t]*$"
            r"|^[^\n]+$(?=\n[ \t]*\n[ \t]*\d{1,3}[ \t]*$)",
            re.MULTILINE,
        ),
    ),
    # photo captions: the whole line that carries a "Credit:" tag or a "(Photo: ...)"
    (
        re.compile(r"Credit:|\((?:Photo|Image|Picture)"),
        re.compile(r"^[^\n]*Credit:[^\n]*$|^[^\n]*\((?:Photo|Image|Picture)s?(?: by)?:[^\n]*$", re.MULTILINE),
    ),
    # screen-reader debris ("list of 3 itemsend of list"), footnote markers ("[2]"), copyright notes
    (
        re.compile(r"list of|\[|©"),
        re.compile(r"(?=[l\[©])(?:\blist of \d+ items\s*(?:end of list)?|\[\d{1,3}\]|©\s*\d{4})"),
    ),
]

# a word that, right before a number, makes it part of a name: "Type 055", "S&P 500"
_WORD_BEFORE_RE = re.compile(r"([A-Za-z&][\w&.]*)\s+$")
_ACRONYM_BEFORE_RE = re.compile(r"(?<![\w$£€¥])([A-Z][A-Z0-9]+)[ \t]$")
# words that headlines set in capitals before a number: "AT LEAST 30 people", "OVER 500"
_CAPITALISED_WORDS = frozenset(
    [
        "AT",
        "LEAST",
        "OVER",
        "UNDER",
        "ONLY",
        "JUST",
        "SOME",
        "ABOUT",
        "AROUND",
        "NEARLY",
        "ALMOST",
        "MORE",
        "THAN",
        "LESS",
        "UP",
        "TO",
        "KILL",
        "KILLS",
        "KILLED",
        "AND",
        "OR",
        "THE",
        "OF",
        "IN",
        "ON",
        "BY",
        "FOR",
        "WITH",
        "FROM",
        "AS",
        "IS",
        "ARE",
        "WAS",
        "WERE",
        "HAS",
        "HAVE",
        "HAD",
    ]
)
_ORDINAL_AFTER_RE = re.compile(r"(?:st|nd|rd|th)(?![A-Za-z])", re.IGNORECASE)
_YEAR_BEFORE_RE = re.compile(
    r"(?:\b(?:in|by|since|from|until|till|to|of|during|before|after|through|between|and|or|early|late|"
    r"mid|around|circa|summer|spring|autumn|fall|winter|year|fiscal|FY|season|the|for|at|on|"
    r"beginning|end|start|back|election|budget|census|vintage|class|model)"
    r"|[-–(,'’])\s*$",
    re.IGNORECASE,
)


# a lower-case word of three or more letters (not "covid", "top") and a hyphen: "sub-", "now-", "mid-"
_PLAIN_WORD_HYPHEN_RE = re.compile(r"(?<![A-Za-z])(?!covid|top-)[a-z]{3,}[-–]$")
_SCALED_NUMBER_BEFORE_RE = re.compile(r"\d(?:k|K|m|M|bn|b|B|tn|mn)$")
_EMAIL_AFTER_AT_RE = re.compile(r"@[\w-]+\.[\w.]+")
_EMAIL_BEFORE_AT_RE = re.compile(r"[\w.+-]+$")
EMAIL_NAME_REACH = 64  # an address's name part is read back at most this far from its "@"


def _email_spans(text: str) -> list[tuple[int, int]]:
    """E-mail addresses ("press@example.org"), found at their "@" and read back to their first character."""
    spans = []
    at = text.find("@")
    while at != -1:
        domain = _EMAIL_AFTER_AT_RE.match(text, at)
        name = _EMAIL_BEFORE_AT_RE.search(text, max(0, at - EMAIL_NAME_REACH), at) if domain else None
        if domain and name:
            spans.append((name.start(), domain.end()))
        at = text.find("@", at + 1)
    return spans


class Mask:
    """The regions of a text that never yield figures."""

    def __init__(self, text: str) -> None:
        from figures.ingest.furniture import Furniture  # page furniture: "4 min read", "3 of 7"

        self._furniture = Furniture(text)
        spans = [
            (m.start(), m.end())
            for test, pattern in _MASKS
            if test is None or test.search(text)
            for m in pattern.finditer(text)
        ]
        if "@" in text:
            spans += _email_spans(text)
        spans.sort()
        merged: list[list[int]] = []
        for start, end in spans:  # patterns overlap (a date inside a caption): keep the union
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def covers(self, offset: int) -> bool:
        i = bisect_right(self._starts, offset) - 1
        return (i >= 0 and offset < self._ends[i]) or self._furniture.covers(offset)


def letter_or_code_before(text: str, start: int) -> bool:
    """A letter glued to the number, or letters and a hyphen: "G7", "Su-30", "Il-76", "COVID-19"."""
    if start == 0:
        return False
    before = text[start - 1]
    if before.isalpha():
        return True
    if before in "-–" and _SCALED_NUMBER_BEFORE_RE.search(text, max(0, start - 8), start - 1):
        return False  # "5k-20k", "3bn-5bn": the upper end of a range
    if before in "-–/" and start >= 2:
        if before != "/" and _PLAIN_WORD_HYPHEN_RE.search(text, max(0, start - 12), start):
            return False  # "sub-7 nanometer", "now-18 month-old": an English word, not a model name
        return text[start - 2].isalpha() or text[start - 2] == "/"
    return before == "#"


def designation_word_before(text: str, start: int, designations: frozenset[str]) -> bool:
    """ "Type 055", "Boeing 747", "CVN 78": a name-forming word or an acronym right before the number."""
    window = text[max(0, start - 24) : start]
    match = _WORD_BEFORE_RE.search(window)
    if match and (match.group(1) in designations or match.group(1).capitalize() in designations):
        return True
    acronym = _ACRONYM_BEFORE_RE.search(window)
    return acronym is not None and acronym.group(1) not in _CAPITALISED_WORDS


def ordinal_after(text: str, end: int) -> bool:
    return bool(_ORDINAL_AFTER_RE.match(text, end))


def year_context(text: str, start: int) -> bool:
    """Words before a bare four-digit number that make it a year: "in 2022", "by 2035", "2014-15"."""
    return bool(_YEAR_BEFORE_RE.search(text[max(0, start - 16) : start])) or start == 0
