"""The link stage: subject, property, claimant and time scope, on hand-made figures.

Case tables come from the sentences quoted in issue 3 ("Knowing the subjects") and the seed corpus
(seeds/000_ef0aaf124261c612.txt); the accuracy guard reads tests/data/link_gold.jsonl, a hand-checked set of
seed figures. Figures are built by hand here as extraction would give them (span, unit, noun, dimension).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from figures.errors import InputError
from figures.ingest import read_paths
from figures.link import concept, link, sentence_span
from figures.link.evaluate import seed_report
from figures.link.lexicon import Gazetteer, gazetteer, properties
from figures.model import Document, Figure
from figures.pipeline import analyse

DATE = dt.date(2025, 10, 1)


def linked(
    sentence: str,
    text: str,
    dimension: str,
    noun: str | None = None,
    occurrence: int = 0,
    date: dt.date | None = DATE,
    unit: str = "",
) -> Figure:
    """Link the ``occurrence``-th ``text`` of a one-sentence document."""
    start = -1
    for _ in range(occurrence + 1):
        start = sentence.index(text, start + 1)
    figure = Figure(
        doc_id="t",
        start=start,
        end=start + len(text),
        text=text,
        value=None,
        unit=unit,
        noun=noun,
        dimension=dimension,
        sentence=sentence,
        sentence_start=0,
    )
    (out,) = link([figure], Document(doc_id="t", text=sentence, date=date))
    assert sentence[out.start : out.end] == out.text  # provenance is kept
    return out


def _article(text: str, items: list[tuple[str, str]], one_sentence: bool = False) -> list[Figure]:
    """Link hand-made figures (surface, dimension) of a document; ``one_sentence``: the whole text is
    the figures' sentence, as extraction gives it for a one-sentence document."""
    figures = []
    for figure_text, dimension in items:
        start = text.index(figure_text)
        figures.append(
            Figure(
                doc_id="t",
                start=start,
                end=start + len(figure_text),
                text=figure_text,
                value=None,
                dimension=dimension,
                sentence=text if one_sentence else "",
            )
        )
    return link(figures, Document(doc_id="t", text=text))


TOMAHAWK = (
    "The Tomahawk, with a range of about 995 miles (1,600 kilometers), would allow Ukraine to strike far "
    "deeper in Russian territory than either the ERAM (about 285 miles, or 460 km) or ATACMS (about 186 "
    "miles, or 300 kilometers)."
)
ORESHNIK = (
    "With a reported maximum range of about 3,400 miles and a minimum effective range of about 400 miles, "
    "the Oreshnik could theoretically threaten much of the continental United States."
)
ISKANDER = (
    "The Ukrainian Air Force said Russia fired nine Iskander-M ballistic missiles and 62 attack drones."
)
DENMARK = (
    "Denmark has supported Ukraine significantly since Russia’s military invasion in 2022, providing 67.6 "
    "billion Danish crowns (approximately $10.6 billion) in military aid, according to its foreign ministry."
)

# (sentence, figure text, occurrence, dimension, noun, subject, subject_text, property)
CASES = [
    # issue 3: "The Tomahawk, with a range of about 995 miles"
    (TOMAHAWK, "995 miles", 0, "length", None, "Tomahawk", "Tomahawk", "range"),
    # issue 3: "the ERAM (about 285 miles, or 460 km)"
    (TOMAHAWK, "285 miles", 0, "length", None, "ERAM", "ERAM", None),
    (TOMAHAWK, "300 kilometers", 0, "length", None, "ATACMS", "ATACMS", None),
    # issue 3: "With a reported maximum range of about 3,400 miles ..., the Oreshnik"
    (ORESHNIK, "3,400 miles", 0, "length", None, "Oreshnik", "Oreshnik", "range"),
    (ORESHNIK, "400 miles", 1, "length", None, "Oreshnik", "Oreshnik", "minimum range"),
    # issue 3: "a 1,500-kilometre-range cruise missile"
    (
        "Russia tested a 1,500-kilometre-range cruise missile.",
        "1,500-kilometre",
        0,
        "length",
        None,
        "cruise missile",
        "cruise missile",
        "range",
    ),
    # issue 3: "Russia fired nine Iskander-M ballistic missiles and 62 attack drones"
    (ISKANDER, "nine", 0, "count", "Iskander-M ballistic missiles", "Iskander-M", "Iskander-M", "fired"),
    (ISKANDER, "62", 0, "count", "attack drones", "attack drones", "attack drones", "fired"),
    # issue 3: "Denmark ... providing 67.6 billion Danish crowns (approximately $10.6 billion) in military
    # aid"
    (DENMARK, "67.6 billion Danish crowns", 0, "money", None, "Denmark", "Denmark", "aid"),
    # aliases resolve to the canonical name: "Tomahawk Land Attack cruise missiles (TLAMs)"
    (
        "The TLAM has a range of about 1,000 miles.",
        "1,000 miles",
        0,
        "length",
        None,
        "Tomahawk",
        "TLAM",
        "range",
    ),
    (
        "The Storm Shadow, known in France as SCALP, reaches about 250 km.",
        "250 km",
        0,
        "length",
        None,
        "Storm Shadow",
        "SCALP",
        "range",
    ),
    # issue 2: "Oreshnik, loan, Ukrainian drones"; seed: "a $164bn loan"
    (
        "It would provide Ukraine with a $164bn loan to help fund its reconstruction.",
        "$164bn",
        0,
        "money",
        None,
        "loan",
        "loan",
        "loan",
    ),
    (
        "Russia’s Ministry of Defence said its air defences had shot down 121 Ukrainian drones over Russia.",
        "121",
        0,
        "count",
        "Ukrainian drones",
        "Ukrainian drones",
        "Ukrainian drones",
        "shot down",
    ),
    # the fallback rules: "the driving range by about 35 miles" (NewsQuant's style, written anew)
    (
        "The update will boost the driving range by about 35 miles.",
        "35 miles",
        0,
        "length",
        None,
        "driving range",
        "driving range",
        None,
    ),
    # seed: a participle hangs on the sentence's subject; a pronoun on the article's last name is tested below
    (
        "Potanina was awarded just £30.9million in the Russian courts.",
        "£30.9million",
        0,
        "money",
        None,
        "Potanina",
        "Potanina",
        "settlement",
    ),
    # seed: percentages of a whole
    (
        "NATO members pledged to raise defence spending to 5 percent of their GDPs by 2035.",
        "5 percent",
        0,
        "percent",
        None,
        "GDPs",
        "GDPs",
        "share",
    ),
    # seed: areas and losses
    (
        "A total of 164.0 km² have been liberated and another 180.3 km² cleared.",
        "164.0 km²",
        0,
        "area",
        None,
        None,
        None,
        "area liberated",
    ),
    (
        "A total of 164.0 km² have been liberated and another 180.3 km² cleared.",
        "180.3 km²",
        0,
        "area",
        None,
        None,
        None,
        "area cleared",
    ),
    (
        "He boasted Russian forces had paid a horrifying price — 1,500 killed.",
        "1,500",
        0,
        "count",
        None,
        "Russian forces",
        "Russian forces",
        "killed",
    ),
    # seed: a partitive takes the noun it is part of, and the trigger that follows it
    (
        "The enemy have lost 65 servicemen, 43 of them killed in action.",
        "43",
        0,
        "number",
        None,
        "servicemen",
        "servicemen",
        "killed",
    ),
    (
        "Killings of unarmed suspects —at least 64 of whom have died in 15 boat sinkings— sparked calls.",
        "64",
        0,
        "number",
        None,
        "unarmed suspects",
        "unarmed suspects",
        "killed",
    ),
    # seed: "N killed, M wounded": the participle after a number is its own
    (
        "Russian forces had paid a horrifying price — 1,500 killed, another thousand wounded.",
        "another thousand",
        0,
        "number",
        None,
        "Russian forces",
        "Russian forces",
        "wounded",
    ),
    # seed: "FIGURE of NOUN" names what the figure measures
    (
        "The US military seizes over 5,000 lbs of drugs.",
        "5,000 lbs",
        0,
        "mass",
        None,
        "drugs",
        "drugs",
        "weight",
    ),
    (
        "Energy exports made up around 40 per cent of the Kremlin’s budget.",
        "40 per cent",
        0,
        "percent",
        None,
        "Kremlin’s budget",
        "Kremlin’s budget",
        "share",
    ),
    # rule cases written anew for patterns general news shares with the seed corpus
    # a relative clause hangs on its antecedent (seed: "Vladimir Potanin, who is said to be worth around ...")
    (
        "She sued Vladimir Potanin, who is said to be worth around £15.7billion.",
        "£15.7billion",
        0,
        "money",
        None,
        "Vladimir Potanin",
        "Vladimir Potanin",
        "fortune",
    ),
    (
        "A Moscow mansion known as The Autumn House, on which the couple splashed out around £111million.",
        "£111million",
        0,
        "money",
        None,
        "Autumn House",
        "The Autumn House",
        "cost",
    ),
    # market reports: a name before "down"
    (
        "The biggest fallers were Tesco, down 2.5 p at 310 p.",
        "2.5 p",
        0,
        "money",
        None,
        "Tesco",
        "Tesco",
        None,
    ),
    # a clause after "where" has its own subject
    (
        "It was a good year for Bayer, where the drug’s sales jumped 40 per cent.",
        "40 per cent",
        0,
        "percent",
        None,
        "drug’s sales",
        "the drug’s sales",
        None,
    ),
    # a sentence that opens with a determiner phrase has it as subject
    (
        "The alloy, which is mostly titanium, withstood 900 megapascals in the test.",
        "900 megapascals",
        0,
        "other",
        None,
        "alloy",
        "alloy",
        None,
    ),
    # a bare property word is the last resort
    (
        "He said the train ran at a speed of 90 miles per hour.",
        "90 miles per hour",
        0,
        "speed",
        None,
        "speed",
        "speed",
        "speed",
    ),
    # "his troops" are the side named before them (seed: "Kyiv’s top general ... said his troops had ...")
    (
        "Kyiv’s top general said his troops had recaptured some 60 square miles.",
        "60 square miles",
        0,
        "area",
        None,
        "Ukraine",
        "his troops",
        "area liberated",
    ),
    # seed: a distance in apposition places the name before it
    (
        "They lived in a palatial home in Nemchinovo, 17 miles west of Moscow, with their children.",
        "17 miles",
        0,
        "length",
        None,
        "Nemchinovo",
        "Nemchinovo",
        "distance",
    ),
    # an opening connective is no subject: the verb's subject is
    (
        "However the punitive measures failed as the gap grew by $43.6 billion.",
        "$43.6 billion",
        0,
        "money",
        None,
        "gap",
        "the gap",
        None,
    ),
    # a change and the level it reached share a subject (markets news)
    (
        "Siemens rose 3%, Airbus fell under 2%, and Bayer gained 1%.",
        "2%",
        0,
        "percent",
        None,
        "Airbus",
        "Airbus",
        None,
    ),
    # held-in, invented after the seed's "there were about $288bn of assets in Russia" and "there were
    # $289bn in “derivative and other foreign investments” in Russia": an existential sentence sums up what a
    # place holds, so both sums are the place's
    (
        "Officials estimated there were some €40bn of private assets in Hungary that could be frozen.",
        "€40bn",
        0,
        "money",
        None,
        "Hungary",
        "Hungary",
        "assets",
    ),
    (
        "Central bank data show there were $3bn in “strategic reserves” in Norway at the end of June.",
        "$3bn",
        0,
        "money",
        None,
        "Norway",
        "Norway",
        None,
    ),
    (
        "There are about 2,000 square miles of farmland in Japan.",
        "2,000 square miles",
        0,
        "area",
        None,
        "Japan",
        "Japan",
        None,
    ),
    # a country right after a sum only marks its currency ("$75 U.S."), invented after market reports
    (
        "Brent crude rose to $75 U.S. per barrel on Monday.",
        "$75",
        0,
        "money",
        None,
        "Brent crude",
        "Brent crude",
        None,
    ),
    (
        "The silver contract gained $1.20 US.",
        "$1.20",
        0,
        "money",
        None,
        "silver contract",
        "The silver contract",
        None,
    ),
    # no place after "in": what the sum is of
    ("There were $5bn of assets, Germany said.", "$5bn", 0, "money", None, "assets", "assets", "assets"),
]


@pytest.mark.parametrize(
    ("sentence", "text", "occurrence", "dimension", "noun", "subject", "subject_text", "prop"), CASES
)
def test_subject_and_property(
    sentence: str,
    text: str,
    occurrence: int,
    dimension: str,
    noun: str | None,
    subject: str | None,
    subject_text: str | None,
    prop: str | None,
) -> None:
    out = linked(sentence, text, dimension, noun, occurrence)
    assert (out.subject, out.subject_text) == (subject, subject_text)
    if prop is not None:
        assert out.property == prop


# Known misses, kept so a fix shows (strict xfail). From the seed corpus.
CASES_XFAIL = [
    # an em-dash aside hides the verb's subject ("this" refers to the frozen assets)
    ("Most of this – $246.9bn – is held in Europe.", "$246.9bn", "money", None, "property", "assets"),
]


@pytest.mark.parametrize(("sentence", "text", "dimension", "noun", "field", "want"), CASES_XFAIL)
@pytest.mark.xfail(strict=True, reason="known linking gap")
def test_known_gaps(
    sentence: str, text: str, dimension: str, noun: str | None, field: str, want: str
) -> None:
    assert getattr(linked(sentence, text, dimension, noun), field) == want


def test_dual_unit_halves_share_the_subject() -> None:
    """issue 3: "the ERAM (about 285 miles, or 460 km)" and the Denmark crowns/dollars pair."""
    out = _article(DENMARK, [("67.6 billion Danish crowns", "money"), ("$10.6 billion", "money")], True)
    assert [(f.subject, f.property) for f in out] == [("Denmark", "aid"), ("Denmark", "aid")]
    lengths = [("995 miles", "length"), ("285 miles", "length"), ("460 km", "length")]
    out = _article(TOMAHAWK, lengths, one_sentence=True)
    assert [(f.subject, f.property) for f in out] == [
        ("Tomahawk", "range"),
        ("ERAM", "range"),
        ("ERAM", "range"),
    ]


def test_pronoun_subject_takes_the_articles_last_name() -> None:
    """seed: "Potanina was awarded just £30.9million ... Lawyers for Potanin argue she actually received
    around
    £63m" -- both are Potanina's, so the two can be compared."""
    text = (
        "Potanina was awarded just £30.9million in the Russian courts. "
        "Lawyers for Potanin argue she actually received around £63m."
    )
    out = _article(text, [("£30.9million", "money"), ("£63m", "money")])
    assert [(f.subject, f.property, f.claimant) for f in out] == [
        ("Potanina", "settlement", None),
        ("Potanina", "settlement", "Lawyers for Potanin"),
    ]


# (sentence, figure text, claimant)
CASES_CLAIMANT = [
    # issue 3: "Syrskyi claimed"
    ("Gen Syrskyi claimed Russian forces had suffered 1500 killed in action.", "1500", "Gen Syrskyi"),
    # issue 3: "the ministry said"
    (
        "“One rescuer was killed and another wounded,” the ministry said on social media.",
        "One",
        "the ministry",
    ),
    # issue 3: "according to its foreign ministry"
    (DENMARK, "$10.6 billion", "its foreign ministry"),
    # issue 3: "Lawyers for Potanin argue"
    ("Lawyers for Potanin argue she actually received around £63m.", "£63m", "Lawyers for Potanin"),
    # seed: a name before an appositive
    (
        "Nine were wounded, Tymur Tkachenko, head of the city’s military administration, said on Saturday.",
        "Nine",
        "Tymur Tkachenko",
    ),
    # seed: a title before the name
    (
        "Kyiv’s top general Oleksandr Syrskyi said his troops had recaptured some 60 square miles.",
        "60 square miles",
        "Oleksandr Syrskyi",
    ),
    # seed: a coordinated verb shares the sentence's subject; a participle attributes too
    (
        "Pistorius called for talks – and revealed that Germany will spend $41billion by 2030.",
        "$41billion",
        "Pistorius",
    ),
    (
        "Ukraine has regrouped, Syrskyi insisting: “the enemy have lost 65 servicemen.”",
        "65 servicemen",
        "Syrskyi",
    ),
    # seed: a sentence-final reporting verb after a no-break space
    (
        "All six satellites are equipped with counter-jamming technology, Tedman\u00a0confirmed.",
        "six",
        "Tedman",
    ),
    # seed: a quotation going on from an earlier sentence keeps its speaker
    # (tested in test_quotation_continues_the_speaker)
    # an inverted attribution
    ("The plan costs $5bn, said the ministry.", "$5bn", "the ministry"),
    # no attribution; "States" is no reporting verb
    (
        "The Oreshnik could threaten much of the continental United States from 3,400 miles.",
        "3,400 miles",
        None,
    ),
]


@pytest.mark.parametrize(("sentence", "text", "claimant"), CASES_CLAIMANT)
def test_claimant(sentence: str, text: str, claimant: str | None) -> None:
    assert linked(sentence, text, "number").claimant == claimant


# (sentence, figure text, article date, time scope)
CASES_TIME = [
    # issue 3: "as of 12pm on 22 September 2025"
    (
        "As of 12pm on 22 September 2025, a total of 164.0 km² have been liberated.",
        "164.0 km²",
        DATE,
        "as of 2025-09-22",
    ),
    # issue 3: "since August" against the article's date
    (
        "His troops had clawed back around 60 square miles since August.",
        "60 square miles",
        DATE,
        "since 2025-08",
    ),
    (
        "His troops had clawed back around 60 square miles since August.",
        "60 square miles",
        dt.date(2025, 3, 1),
        "since 2024-08",
    ),
    (
        "His troops had clawed back around 60 square miles since August.",
        "60 square miles",
        None,
        "since August",
    ),
    # issue 3: "in the first half of 2025"
    ("The assets generated $3.2bn in interest during the first half of 2025.", "$3.2bn", DATE, "2025-H1"),
    # issue 3: "by 2035"
    (
        "Members pledged to increase their defence spending to 5 percent of their GDPs by 2035.",
        "5 percent",
        DATE,
        "by 2035",
    ),
    # issue 3: "last year" resolved against the article date; kept as written without one
    (
        "Russian LNG accounted for roughly 16 percent of the bloc’s total imports last year.",
        "16 percent",
        DATE,
        "2024",
    ),
    (
        "Russian LNG accounted for roughly 16 percent of the bloc’s total imports last year.",
        "16 percent",
        None,
        "last year",
    ),
    # seed: "since <event> in YEAR" starts a period; "records from 2022" is a point in time
    (
        "Denmark has supported Ukraine since Russia’s military invasion in 2022, providing $10.6 billion.",
        "$10.6 billion",
        DATE,
        "since 2022",
    ),
    ("Central Bank records from 2022 show there were $289bn in Russia.", "$289bn", DATE, "2022"),
    # seed: each figure of a series takes its own year
    (
        "China’s share grew from 10.5 per cent in 2013 to 16.7 per cent in 2019.",
        "16.7 per cent",
        DATE,
        "2019",
    ),
    (
        "China’s share grew from 10.5 per cent in 2013 to 16.7 per cent in 2019.",
        "10.5 per cent",
        DATE,
        "2013",
    ),
    # a rate's period
    ("Ukraine has knocked out over 600,000 barrels a day.", "600,000", DATE, "per day"),
    ("There was no date here for 17 miles.", "17 miles", DATE, None),
]


@pytest.mark.parametrize(("sentence", "text", "date", "scope"), CASES_TIME)
def test_time_scope(sentence: str, text: str, date: dt.date | None, scope: str | None) -> None:
    assert linked(sentence, text, "number", date=date).time_scope == scope


def test_gazetteer_size_and_aliases() -> None:
    """issue 3: several hundred entries, Russian, Ukrainian, Western, Chinese and Iranian, with aliases."""
    gaz = gazetteer()
    weapons = {
        e.canonical for e in gaz.by_canonical.values() if e.kind not in {"country", "organisation", "company"}
    }
    assert len(weapons) >= 300
    origins = {e.origin for e in gaz.by_canonical.values()}
    assert {"Russia", "Ukraine", "United States", "China", "Iran"} <= origins
    names = {
        m.text: m.entity.canonical
        for m in gaz.find(
            "Shahed-136 drones, Antey-2500 batteries, SCALP missiles, Kalibrs, Buk-M2E and Su-30MK2 jets"
        )
    }
    assert names == {
        "Shahed-136": "Geran-2",
        "Antey-2500": "S-300VM",
        "SCALP": "Storm Shadow",
        "Kalibrs": "Kalibr",
        "Buk-M2E": "Buk-M2E",
        "Su-30MK2": "Su-30MK2",
    }


def test_properties_cover_the_issue_list() -> None:
    names = properties().names
    assert {
        "range",
        "minimum range",
        "speed",
        "weight",
        "payload",
        "warhead",
        "cost",
        "price",
        "fired",
        "shot down",
        "destroyed",
        "delivered",
        "area liberated",
        "area captured",
        "killed",
        "wounded",
        "loan",
        "aid",
        "assets",
        "budget",
        "fortune",
        "interest",
        "revenue",
        "share",
        "population",
        "distance",
    } <= names


def test_bad_gazetteer_row_names_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "gazetteer.csv"
    bad.write_text(
        "# comment\ncanonical,aliases,kind,origin,demonyms\nTomahawk,TLAM,cruise missile,US,\n"
        ",nothing,missile,US,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        Gazetteer(bad)
    assert err.value.line == 4 and str(bad) in str(err.value)


def test_seed_gold_accuracy_guard() -> None:
    """Regression guard on the hand-checked seed set (tests/data/link_gold.jsonl), hand-made figures: measured
    at subject 96.8%, property 94.6%, claimant 98.9%, time scope 100% (93 figures); a small margin below.
    (A person named in full counts for the surname the gold gives: "Vladimir Putin" for "Putin".)"""
    report = seed_report()
    assert report.n >= 90
    assert report.subject >= 0.94
    assert report.property >= 0.92
    assert report.claimant >= 0.96
    assert report.time_scope >= 0.97


def test_quotation_continues_the_speaker() -> None:
    """seed: 'Gen Syrskyi said: “Control has been restored in seven settlements ...' then a new paragraph
    '“As of 12pm on 22 September 2025, a total of 164.0 km² have been liberated ...'."""
    text = (
        "In a statement on Monday Gen Syrskyi said: “Control has been restored in seven settlements.\n\n"
        "“As of 12pm on 22 September 2025, a total of 164.0 km² have been liberated.”"
    )
    out = _article(text, [("seven settlements", "count"), ("164.0 km²", "area")])
    assert [f.claimant for f in out] == ["Gen Syrskyi", "Gen Syrskyi"]


def test_series_and_repeated_events_keep_their_subject() -> None:
    """seed: "China’s share in Russian foreign trade grew from 10.5 per cent in 2013 to 16.7 per cent in
    2019";
    "his troops had clawed back around 60 square miles ... claiming nearly 165 square kilometres were
    liberated"."""
    text = (
        "China’s share in Russian foreign trade grew from 10.5 per cent in 2013 to 16.7 per cent in 2019. "
        "Kyiv’s top general said his troops had clawed back around 60 square miles since August. "
        "“Control has been restored,” he declared, claiming nearly 165 square kilometres were liberated."
    )
    out = _article(
        text,
        list(
            (
                ("10.5 per cent", "percent"),
                ("16.7 per cent", "percent"),
                ("60 square miles", "area"),
                ("165 square kilometres", "area"),
            )
        ),
    )
    assert [(f.subject, f.property) for f in out] == [
        ("China’s share", "share"),
        ("China’s share", "share"),
        ("Ukraine", "area liberated"),
        ("Ukraine", "area liberated"),
    ]


def test_concept_reads_the_counted_noun_as_the_unit() -> None:
    """NewsQuant's convention (its scorer reads "62 attack drones" as value 62, unit "attack drones"): the
    concept of a count is who has or does the things, not the things."""
    sentence = "The clinic has performed more than 900 surgeries since it opened."
    out = linked(sentence, "900 surgeries", "count", noun="surgeries")
    assert (out.subject, concept(out)) == ("surgeries", "clinic")
    bare = linked(
        "There are four different bosses to battle.",
        "four different bosses",
        "count",
        noun="different bosses",
    )
    assert (bare.subject, concept(bare)) == ("different bosses", None)


def test_speaker_of_a_sentence_without_figures_carries_into_the_quotation() -> None:
    """seed: '“MORE WINNING,” Trump posted on Truth Social Monday. “U.S. military ... seizes over 5,000 lbs of
    drugs ...”' -- the figure is Trump's, though his name is in the sentence before."""
    text = (
        "“MORE WINNING,” Trump posted on Truth Social Monday. "
        "“U.S. military captures another drug speedboat and seizes over 5,000 lbs of drugs.”"
    )
    start = text.index("5,000 lbs")
    figure = Figure(doc_id="t", start=start, end=start + 9, text="5,000 lbs", value=None, dimension="mass")
    (out,) = link([figure], Document(doc_id="t", text=text))
    assert out.claimant == "Trump"


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Z", "S")), max_size=200),
    st.lists(st.tuples(st.integers(0, 200), st.integers(0, 20)), max_size=4),
    st.sampled_from(["count", "number", "money", "length", "area", "percent", "duration", "other"]),
)
def test_link_never_raises_and_keeps_provenance(
    text: str, spans: list[tuple[int, int]], dimension: str
) -> None:
    """Any text, any spans: link returns one figure per input, offsets and text untouched."""
    figures = []
    for start, length in spans:
        start = min(start, len(text))
        end = min(len(text), start + length)
        figures.append(
            Figure(
                doc_id="h",
                start=start,
                end=end,
                text=text[start:end],
                value=None,
                dimension=dimension,
                noun=text[start:end] or None,
            )
        )
    out = link(figures, Document(doc_id="h", text=text, date=DATE))
    assert len(out) == len(figures)
    assert sorted((f.start, f.end, f.text) for f in out) == sorted((f.start, f.end, f.text) for f in figures)
    for figure in out:
        assert text[figure.start : figure.end] == figure.text


def test_elided_nouns_and_spans_share_their_neighbours() -> None:
    """seed: "Two people were killed ..., and nine were wounded" (nine people); "The destroyed Russian weapons
    ranged from 12 main battle tanks to almost 60 motorcycles" (both ends destroyed)."""
    text = (
        "Two people were killed in a missile attack, and nine were wounded. "
        "The destroyed Russian weapons ranged from 12 main battle tanks to almost 60 motorcycles."
    )
    spans = [
        ("Two people", "people"),
        ("nine", None),
        ("12 main battle tanks", "main battle tanks"),
        ("60 motorcycles", "motorcycles"),
    ]
    figures = []
    for figure_text, noun in spans:
        start = text.index(figure_text)
        s_start, s_end = sentence_span(text, start, start + len(figure_text))
        figures.append(
            Figure(
                doc_id="t",
                start=start,
                end=start + len(figure_text),
                text=figure_text,
                value=None,
                noun=noun,
                dimension="count" if noun else "number",
                sentence=text[s_start:s_end],
                sentence_start=s_start,
            )
        )
    out = link(figures, Document(doc_id="t", text=text))
    assert [(f.subject, f.property) for f in out] == [
        ("people", "killed"),
        ("people", "wounded"),
        ("main battle tanks", "destroyed"),
        ("motorcycles", "destroyed"),
    ]


def test_one_name_per_person_within_an_article() -> None:
    """seed: "Kyiv’s top general Oleksandr Syrskyi said ..." then "Gen Syrskyi claimed ..." -- one claimant;
    a sentence's opening words are no given name ("Will Europe use ..." is no person called Europe)."""
    text = (
        "Will Europe use the assets? Kyiv’s top general Oleksandr Syrskyi said his troops had recaptured "
        "some 60 square miles. Gen Syrskyi claimed Russian forces had suffered 1500 killed in action."
    )
    out = _article(text, list((("60 square miles", "area"), ("1500", "number"))))
    assert [f.claimant for f in out] == ["Oleksandr Syrskyi", "Oleksandr Syrskyi"]
    lone = "Will Europe use the assets? Europe is left with $100bn-plus annual funding needs."
    start = lone.index("$100bn-plus")
    (money,) = link(
        [Figure(doc_id="t", start=start, end=start + 11, text="$100bn-plus", value=None, dimension="money")],
        Document(doc_id="t", text=lone),
    )
    assert money.subject == "funding needs"


def test_a_bare_property_belongs_to_the_articles_one_named_owner() -> None:
    """Invented after the seed's Potanin article: "fight ex-wife over £15BILLION fortune" (title), "Vladimir
    Potanin, who is said to be worth around £15.7billion", "Despite his £15billion fortune": one person's
    fortune, so the three can be compared; with two named owners in the article a bare fortune stays bare."""
    text = (
        "Shipping heir to fight former partner over $2BILLION fortune in London\n\n"
        "Lena Marsh won the right to sue her former partner Tomas Ekdahl, who is said to be worth around "
        "$2.3billion.\n\n"
        "Despite his $2billion fortune, Marsh was awarded just $4million by a Swedish court."
    )
    items = [("$2BILLION", "money"), ("$2.3billion", "money"), ("$2billion", "money"), ("$4million", "money")]
    out = _article(text, items)
    assert [(f.subject, f.property) for f in out] == [
        ("Tomas Ekdahl", "fortune"),
        ("Tomas Ekdahl", "fortune"),
        ("Tomas Ekdahl", "fortune"),
        ("Marsh", "settlement"),
    ]
    text = (
        "Two heirs to fight over $2BILLION fortune\n\n"
        "Tomas Ekdahl, who is said to be worth around $2.3billion, and Lena Marsh, who is said to be worth "
        "about $900million, met in court."
    )
    out = _article(text, [("$2BILLION", "money"), ("$2.3billion", "money"), ("$900million", "money")])
    assert [(f.subject, f.property) for f in out] == [
        ("fortune", "fortune"),
        ("Tomas Ekdahl", "fortune"),
        ("Lena Marsh", "fortune"),
    ]


# issue 3 "Done means": figures of the seed corpus that agree, each group one (subject, property), so that
# `figures conflicts` compares them (and finds no disagreement) rather than never meeting them
SEED_GROUPS = {
    name: tuple(texts)
    for name, texts in json.loads(
        (Path(__file__).parent / "golden" / "agreeing_groups.json").read_text(encoding="utf-8")
    )["groups"].items()
}


@pytest.fixture(scope="module")
def seed_figures() -> list[Figure]:
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    return [f for d in read_paths([str(seeds)]) if isinstance(d, Document) for f in analyse(d)]


@pytest.mark.parametrize("name", sorted(SEED_GROUPS))
def test_seed_figures_that_agree_share_subject_and_property(seed_figures: list[Figure], name: str) -> None:
    texts = SEED_GROUPS[name]
    found = [f for f in seed_figures if f.text in texts]
    assert {f.text for f in found} == set(texts)
    groups = {(f.subject, f.property) for f in found}
    assert len(groups) == 1, [(f.text, f.subject, f.property) for f in found]


def linked_all(sentence: str, spans: list[tuple[str, str, str | None]]) -> list[Figure]:
    """Link several figures of a one-sentence document: (text, dimension, noun) each, in order."""
    figures, start = [], 0
    for text, dimension, noun in spans:
        start = sentence.index(text, start)
        figures.append(
            Figure(
                doc_id="t",
                start=start,
                end=start + len(text),
                text=text,
                value=None,
                noun=noun,
                dimension=dimension,
                sentence=sentence,
                sentence_start=0,
            )
        )
        start += len(text)
    return link(figures, Document(doc_id="t", text=sentence, date=DATE))


# NewsQuant's convention, figures.link.concept (a count's concept is who has or does the things). Every
# sentence is invented, each after a pattern of misses in the NewsQuant dev half (never copied from it).
# (sentence, figure text, dimension, noun, concept)
CASES_CONCEPT = [
    # a name with the figure in a parenthesis after it: sports tables, market lists
    (
        "Top scorers so far: Maria Lopez (14 goals), Jan Novak (11 goals).",
        "11 goals",
        "count",
        "goals",
        "Jan Novak",
    ),
    (
        "Acme Corp (4.2%) and Bolt Industries (3.1%) led the gainers.",
        "3.1%",
        "percent",
        None,
        "Bolt Industries",
    ),
    # the doer across an apposition between commas
    (
        "Tech stocks rallied, while Globex, the largest chipmaker in the region, slipped 2% on Friday.",
        "2%",
        "percent",
        None,
        "Globex",
    ),
    # the noun phrase before "worth"
    ("The shipyard will sign contracts worth about $2bn with the navy.", "$2bn", "money", None, "contracts"),
    # "toward" ends the noun a sum modifies
    ("The lab has won a $50000 prize toward its research on corals.", "$50000", "money", None, "prize"),
    # a count: what the things are "of", before the doer
    (
        "The former trader pleaded guilty to two counts of securities fraud on Monday.",
        "two counts",
        "count",
        "counts",
        "securities fraud",
    ),
    # a count in an existential sentence: the place that holds the things
    (
        "There are about 300 students enrolled at Alder College.",
        "300 students",
        "count",
        "students",
        "Alder College",
    ),
    ("There were 40 boats in the harbour.", "40 boats", "count", "boats", None),
    # what a figure comes "with"
    (
        "Its battery outlasts the one in the Nova Pro with 3,500 mAh by a day.",
        "3,500 mAh",
        "energy",
        None,
        "Nova Pro",
    ),
    (
        "The bank will charge customers with more than $1m in deposits a fee.",
        "$1m",
        "money",
        None,
        "customers",
    ),
    # ... but a share "of" something is that something's
    (
        "The poll showed a grim relationship with money with 24 per cent of adults in debt.",
        "24 per cent",
        "percent",
        None,
        "adults",
    ),
    # what rose or fell by the figure: a lower-case noun phrase before the change verb
    ("Since 2010 average rents rose by about 4% a year.", "4%", "percent", None, "average rents"),
    (
        "Warmer winters could cause glacier losses to grow 3% a decade.",
        "3%",
        "percent",
        None,
        "glacier losses",
    ),
    # a participle giving the extent of the noun phrase before its comma
    (
        "The lender said it holds 40 loans, ranging from $2m to $9m, on its books.",
        "from $2m to $9m",
        "money",
        None,
        "loans",
    ),
    # a duration that dates something is no extent of anything
    ("Two years later, the agency approved the site.", "Two years", "duration", None, None),
    # things counted in a one-clause sentence belong to the name it opens with
    ("Globex on Monday announced plans to cut about 600 jobs.", "600 jobs", "count", "jobs", "Globex"),
    # suspended hyphens: each number modifies the noun after the last compound
    ("The estate offers two-, three- and four-bedroom homes.", "two", "number", None, "bedroom homes"),
    # "they" with no speaker and no name before it: the nearest plural thing
    ("The deal sent the bonds higher and they were up 2% by noon.", "2%", "percent", None, "bonds"),
    # "in the event of ..." is a circumstance, not what the sum is in
    ("The franc could fall to $1 in the event of a default.", "$1", "money", None, "franc"),
    # a duration "for" which a thing lasted, after a determiner
    (
        "The plant suffered a shutdown for more than three months.",
        "three months",
        "duration",
        None,
        "shutdown",
    ),
    # "claims" after "of" is a noun, though it is a verb's form too
    ("The fund holds $12m of claims, ranging from $2,000 to $4m.", "$12m", "money", None, "claims"),
    (
        "The fund holds $12m of claims, ranging from $2,000 to $4m.",
        "from $2,000 to $4m",
        "money",
        None,
        "claims",
    ),
    # "the home port" is a compound noun, not a noun and a verb: the count belongs to the sentence's name
    ("Kelby is the home port for about 60 trawlers.", "60 trawlers", "count", "trawlers", "Kelby"),
    # a multiple is of what follows it
    (
        "Shares of Vantor trade at barely 12 times forward earnings.",
        "12 times",
        "count",
        "times",
        "forward earnings",
    ),
    # a participle after a past verb's object modifies the doer
    ("After the break, Ortega finished the season averaging 88 mph.", "88 mph", "speed", None, "Ortega"),
    # a change "in value" (after the seed's "these foreign assets had dropped in value to $215bn")
    (
        "By 2020, these overseas holdings had fallen in value to $90bn.",
        "$90bn",
        "money",
        None,
        "overseas holdings",
    ),
    # an adverb in scare quotes between the doer and the verb (after the seed's "‘only’ gave her £30m")
    ("Critics say the club’s new owner ‘only’ paid £2m for it.", "£2m", "money", None, "club’s new owner"),
    # the holder of a sum, past an aside (after the seed's "$217.5bn – ... – is held by Euroclear")
    (
        "Of that, $40bn – mostly in bonds – is held by Clearstream, a Luxembourg firm.",
        "$40bn",
        "money",
        None,
        "Clearstream",
    ),
    # a relative clause with a subject of its own
    ("The bank cited weak trade data, which saw exports fall to $3bn.", "$3bn", "money", None, "exports"),
    # a noun phrase of two words before "that" is no verb
    ("It became a $9bn hostile takeover that shook the market.", "$9bn", "money", None, "hostile takeover"),
    # contractions written without their apostrophe are pronouns, not names
    ("thats twice as loud as the 120 decibels reached at a concert.", "120 decibels", "level", None, None),
]


@pytest.mark.parametrize(("sentence", "text", "dimension", "noun", "want"), CASES_CONCEPT)
def test_concept(sentence: str, text: str, dimension: str, noun: str | None, want: str | None) -> None:
    assert concept(linked(sentence, text, dimension, noun)) == want


def test_a_parenthesis_after_a_figure_names_nothing() -> None:
    """A unit word before the parenthesis is the first figure's, not a name: the second figure restates it."""
    sentence = "Winters cooled by 1 to 1.5 degrees Celsius (1.8 to 2.7 Fahrenheit) over the period."
    first, second = linked_all(
        sentence,
        [("1 to 1.5 degrees Celsius", "temperature", None), ("1.8 to 2.7 Fahrenheit", "temperature", None)],
    )
    assert second.subject != "Celsius"
    assert second.subject == first.subject


def test_a_bare_sum_restated_in_a_currency_shares_its_subject() -> None:
    """A sum whose currency the writer left out, restated in dollars in a parenthesis: one statement."""
    sentence = "The index is led by the Mertens family with a net worth of 2.5 billion ($3.1bn) this year."
    first, second = linked_all(sentence, [("2.5 billion", "number", None), ("$3.1bn", "money", None)])
    assert first.subject == "net worth"
    assert (second.subject, second.property) == (first.subject, first.property)


@pytest.mark.parametrize(
    ("sentence", "second", "want"),
    [
        # a gapped series names its own subject
        ("Wheat rose 5% and corn 3% on the day.", "3%", "corn"),
        # a plain series carries the first one's
        ("Exports grew 5% in 2019 and 7% in 2020.", "7%", "Exports"),
    ],
)
def test_series_gapped_or_carried(sentence: str, second: str, want: str) -> None:
    """Invented after market and price reports that list several things changing in one sentence."""
    _, out = linked_all(sentence, [("5%", "percent", None), (second, "percent", None)])
    assert out.subject == want


def test_a_count_opening_the_sentence_owns_nothing_after_it() -> None:
    """The sentence's first words are another figure, not a name that owns the later count."""
    sentence = "Dozens of people were hurt in fires at two warehouses on Friday."
    _, out = linked_all(
        sentence, [("Dozens of people", "count", "people"), ("two warehouses", "count", "warehouses")]
    )
    assert concept(out) is None


@pytest.mark.parametrize(
    ("sentence", "text", "value", "want_none"),
    [
        ("Two-thirds of the votes went to the mayor.", "Two-thirds", 2 / 3, True),
        ("A cup holds 1/16 of a gallon.", "1/16", 1 / 16, True),
        # no "of": a fraction that is a level, whose subject stays
        ("The Zenith index rose 0.5 on Monday.", "0.5", 0.5, False),
    ],
)
def test_concept_of_a_fraction_of_a_whole_is_none(
    sentence: str, text: str, value: float, want_none: bool
) -> None:
    """NewsQuant reads "a third of the population" as the unit "% population", with no concept beside it."""
    start = sentence.index(text)
    figure = Figure(
        doc_id="t",
        start=start,
        end=start + len(text),
        text=text,
        value=value,
        dimension="number",
        sentence=sentence,
        sentence_start=0,
    )
    (out,) = link([figure], Document(doc_id="t", text=sentence, date=DATE))
    assert (concept(out) is None) == want_none
    assert out.subject is not None  # the linker's own subject is kept either way


def test_a_part_of_a_whole_figure_is_the_doers() -> None:
    """ "N of the M ..." where M is a figure closing its noun phrase: N is not "of" M's unit words."""
    sentence = "The town has raised 40 million of the 90 million euros it needs."
    first, _ = linked_all(sentence, [("40 million", "number", None), ("90 million euros", "money", None)])
    assert first.subject == "town"


def test_a_bare_number_goes_on_a_series_with_a_unit() -> None:
    """ "minus-1.4 degree average launch angle in 2018 and 2.1 last year": the bare 2.1 is the same angle."""
    sentence = "The pitcher posted a 3.5 degree average release angle in 2019 and 2.1 last year."
    first, second = linked_all(sentence, [("3.5 degree", "angle", None), ("2.1", "number", None)])
    assert first.subject == "average release angle"
    assert second.subject == first.subject
