"""Subject choice, pattern by pattern: which participant of the sentence (or which entity of the article) a
figure is about, and when it is about no entity at all.

Every sentence and name here was invented for these tables (none is copied from a benchmark, the seed corpus
or the held-out passages); each row is one instance of the pattern of English or of news its table states.
"""

from __future__ import annotations

import datetime as dt

import pytest

from figures.link import concept
from figures.model import Document, Figure
from figures.pipeline import analyse

DATE = dt.date(2025, 9, 24)


def _one(text: str, surface: str) -> Figure:
    found = [f for f in analyse(Document("d", text, date=DATE)) if f.text == surface]
    assert found, f"{surface!r} not extracted from {text!r}"
    return found[0]


# A reported clause has its own subject: the one who reports it is the claimant, never the subject.
# (sentence, figure, claimant)
REPORTED_CASES = [
    ("Governor Ana Ruiz said three people were injured in the blast.", "three people", "Ana Ruiz"),
    ("Mayor Tomas Berg claimed 2,000 homes were flooded overnight.", "2,000 homes", "Tomas Berg"),
    ("Coach Lena Holt said 14 players were fit for the final.", "14 players", "Lena Holt"),
]


@pytest.mark.parametrize(("sentence", "surface", "claimant"), REPORTED_CASES)
def test_the_reporter_is_not_the_subject_of_a_reported_clause(
    sentence: str, surface: str, claimant: str
) -> None:
    figure = _one(sentence, surface)
    assert figure.subject is None
    assert figure.claimant and figure.claimant.endswith(claimant)  # with or without a title

# A phrase that names no entity ("cargo", "a backlog", "revenue") says what the figure is about, but the rules
# read on to a participant that is named: the one who carries, has or ships it.
# (sentence, figure, subject, what the figure is about as written)
READ_ON_CASES = [
    ("The Kestrel can carry 40 tonnes of cargo.", "40 tonnes", "Kestrel", "cargo"),
    ("Halvard Shipping has a backlog of 30 tankers.", "30 tankers", "Halvard Shipping", "backlog"),
    ("Tarn Mining shipped 2,000 tonnes of copper.", "2,000 tonnes", "Tarn Mining", "copper"),
]


@pytest.mark.parametrize(("sentence", "surface", "subject", "about"), READ_ON_CASES)
def test_the_rules_read_on_past_a_phrase_that_names_no_entity(
    sentence: str, surface: str, subject: str, about: str
) -> None:
    figure = _one(sentence, surface)
    assert figure.subject == subject
    assert figure.extra["about"] == about


# The noun a figure modifies is what it measures, named or not: no other participant is read instead.
# (sentence, figure, what the figure is about)
MODIFIED_CASES = [
    ("Norway is building a 65,000-tonne carrier.", "65,000-tonne", "carrier"),
    ("Polaris Rail ordered a 400-metre train.", "400-metre", "train"),
    ("Denmark approved a 12-mile tunnel.", "12-mile", "tunnel"),
]


@pytest.mark.parametrize(("sentence", "surface", "about"), MODIFIED_CASES)
def test_a_modified_noun_keeps_its_figure(sentence: str, surface: str, about: str) -> None:
    figure = _one(sentence, surface)
    assert figure.subject is None
    assert figure.extra["about"] == about
    assert concept(figure) == about


# A definite description refers back to an entity the article named: one of its kind ("the warship" after
# "the newest destroyer, HMS Tarn,"), one of the word's other senses ("the carrier" is also an airline), or,
# for a singular description, the most salient name the article never gave a kind.
# (article, figure, subject)
DESCRIPTION_CASES = [
    (
        "The navy's newest destroyer, HMS Tarn, sailed on Monday. The warship displaces 7,000 tonnes.",
        "7,000 tonnes",
        "HMS Tarn",
    ),
    (
        "Skyline Airways cut its fares on Monday. The carrier expects 2 million passengers this year.",
        "2 million passengers",
        "Skyline Airways",
    ),
    (
        "Borealis Timber opened a sawmill near the coast on Friday. The company employs 800 people.",
        "800 people",
        "Borealis Timber",
    ),
]


@pytest.mark.parametrize(("text", "surface", "subject"), DESCRIPTION_CASES)
def test_a_definite_description_refers_back(text: str, surface: str, subject: str) -> None:
    assert _one(text, surface).subject == subject


# A plural description is a set of things, not one name the article gave: no subject.
PLURAL_DESCRIPTION_CASES = [
    ("Reporters visited Kestrel Point on Monday. The damaged vehicles weighed 40 tonnes.", "40 tonnes"),
    ("Inspectors toured Halden Yard on Friday. The new cranes cost $12m.", "$12m"),
    ("Farmers met at Lake Orm on Sunday. The flooded fields covered 300 hectares.", "300 hectares"),
]


@pytest.mark.parametrize(("text", "surface"), PLURAL_DESCRIPTION_CASES)
def test_a_plural_description_is_no_name(text: str, surface: str) -> None:
    assert _one(text, surface).subject is None


# A name whose last word is the noun of a kind is of that kind, whatever the parse guessed, so that a later
# description of that kind finds it. (article, figure, subject)
NAME_KIND_CASES = [
    ("The new Ostrova Arena will seat 62,000 fans. The stadium cost €1.4bn.", "€1.4bn", "Ostrova Arena"),
    ("Work began on the Kestrel Line on Monday. The railway will cost £9bn.", "£9bn", "Kestrel Line"),
    ("Crews inspected the Vardo Bridge on Friday. The bridge cost $600m.", "$600m", "Vardo Bridge"),
]


@pytest.mark.parametrize(("text", "surface", "subject"), NAME_KIND_CASES)
def test_a_names_last_word_gives_its_kind(text: str, surface: str, subject: str) -> None:
    assert _one(text, surface).subject == subject


# A property noun that is its clause's subject and that nothing in the sentence owns ("Revenue rose 7%") is
# the article's topic's: its most salient entity that is not a person. (article, figure, subject)
TOPIC_CASES = [
    ("Northwind Airlines cut fares on Monday. Revenue rose 7% in the quarter.", "7%", "Northwind Airlines"),
    ("Harrow Motors opened a plant in Spain. Sales fell 3% last year.", "3%", "Harrow Motors"),
    ("Tarn Mining reported its results on Friday. Profit climbed 12% to $80m.", "$80m", "Tarn Mining"),
    # a capital that only opens a sentence ("Revenue") is no name that could be the topic
    ("Tarnwell Foods reported its results. Revenue rose 7%. Profit fell 2%.", "2%", "Tarnwell Foods"),
]


@pytest.mark.parametrize(("text", "surface", "subject"), TOPIC_CASES)
def test_an_unowned_property_is_the_topics(text: str, surface: str, subject: str) -> None:
    figure = _one(text, surface)
    assert figure.subject == subject
    assert figure.extra["subject_rule"] == "topic"


# ... but not when the sentence says whose it is, nor when a demonstrative points back at the noun itself.
NOT_TOPIC_CASES = [
    ("Ostland froze the accounts on Monday. These assets fell to $2bn.", "$2bn"),
    ("Harrow Motors opened a plant in Spain. The price of steel rose 4%.", "4%"),
    ("Tarn Mining reported its results on Friday. That profit was $80m.", "$80m"),
]


@pytest.mark.parametrize(("text", "surface"), NOT_TOPIC_CASES)
def test_an_owned_or_pointed_property_is_not_the_topics(text: str, surface: str) -> None:
    assert _one(text, surface).extra.get("subject_rule") != "topic"


# A number that goes on a name is part of it ("Falcon 7"), and a known name that opens a longer one is its
# maker or owner, not the thing ("Airbus A350"). (sentence, figure, subject)
MODEL_NAME_CASES = [
    ("The Falcon 7 business jet can fly 7,400 km.", "7,400 km", "Falcon 7"),
    ("The Vireo 220 drone weighs 14 kg.", "14 kg", "Vireo 220"),
    ("The Airbus A350 has a range of 15,000 km.", "15,000 km", "Airbus A350"),
]


@pytest.mark.parametrize(("sentence", "surface", "subject"), MODEL_NAME_CASES)
def test_model_names_keep_their_numbers_and_makers(sentence: str, surface: str, subject: str) -> None:
    assert _one(sentence, surface).subject == subject


# A figure modifies its noun through its own determiner ("a million dollar X") or through an adjective that
# describes the noun ("a 5-metre-long X"): the noun is what it measures. (sentence, figure, about)
MODIFIER_PATH_CASES = [
    ("Officials unveiled a million dollar statue.", "a million dollar", "statue"),
    ("She sold a thousand dollar watch.", "a thousand dollar", "watch"),
    ("Crews found a 5-metre-long crack.", "5-metre", "long crack"),
    ("The lab keeps 70% pure ethanol.", "70%", "pure ethanol"),
]


@pytest.mark.parametrize(("sentence", "surface", "about"), MODIFIER_PATH_CASES)
def test_a_figure_modifies_its_noun_through_determiner_or_adjective(
    sentence: str, surface: str, about: str
) -> None:
    figure = _one(sentence, surface)
    assert figure.extra.get("about") == about
    assert figure.extra.get("subject_rule") == "modified-noun"


# A name inside a phrase ("The Corvid drone") takes the kind of the phrase's head noun and, as the phrase is
# the sentence's subject, weighs as what the sentence is about: a later "it" is that thing, not a name
# mentioned on the way. (article, figure, subject)
PHRASE_SUBJECT_CASES = [
    (
        "The Corvid drone, made by Halden Aero, has a wingspan of 12 metres. It can stay aloft for 30 hours.",
        "30 hours",
        "Corvid",
    ),
    (
        "The Brisk scooter, sold by Ventra Mobility, costs €900. It has a range of 60 km.",
        "60 km",
        "Brisk",
    ),
    (
        "The Osprey 4 glider, built by Marten Works, weighs 300 kg. It has a wingspan of 18 metres.",
        "18 metres",
        "Osprey 4",
    ),
]


@pytest.mark.parametrize(("text", "surface", "subject"), PHRASE_SUBJECT_CASES)
def test_a_named_phrase_subject_is_what_it_refers_to(text: str, surface: str, subject: str) -> None:
    assert _one(text, surface).subject == subject


# News calls a ship "she"; a woman named in the article is still "she" when she is the salient one.
# (article, figure, subject)
SHE_CASES = [
    ("HMS Corran is a new frigate. She has a top speed of 28 knots.", "28 knots", "HMS Corran"),
    ("The tanker Aster Blue left port. She carries 80,000 tonnes of crude.", "80,000 tonnes", "Aster Blue"),
    ("Maria Lind bought the ferry Gull on Monday. She paid €2m for it.", "€2m", "Maria Lind"),
]


@pytest.mark.parametrize(("text", "surface", "subject"), SHE_CASES)
def test_she_may_be_a_ship(text: str, surface: str, subject: str) -> None:
    assert _one(text, surface).subject == subject


# A name is never a property noun, even when its last word is one ("Fund", "Budget Office"): the figure is
# about the named thing. (sentence, figure, subject)
NAME_NOT_PROPERTY_CASES = [
    ("The Halvard Fund manages about $90bn in assets.", "$90bn", "Halvard Fund"),
    ("The Orrin Fund holds $12bn in bonds.", "$12bn", "Orrin Fund"),
    ("The Tarn Fund returned $3bn to investors.", "$3bn", "Tarn Fund"),
]


@pytest.mark.parametrize(("sentence", "surface", "subject"), NAME_NOT_PROPERTY_CASES)
def test_a_name_is_no_property_noun(sentence: str, surface: str, subject: str) -> None:
    assert _one(sentence, surface).subject == subject


# "each X" refers back like "the X", and the noun that introduced a name is its narrower kind ("two Sea Dart
# missiles ... each missile", "the frigate Kestrel ... the frigate"). (article, figure, subject)
EACH_CASES = [
    ("The navy fired two Sea Dart missiles. Each missile costs about £1m.", "£1m", "Sea Dart"),
    ("The army bought six Wren drones. Each drone cost $40,000.", "$40,000", "Wren"),
    ("The army tested four Vantor rockets. Each rocket weighs 90 kg.", "90 kg", "Vantor"),
]


@pytest.mark.parametrize(("text", "surface", "subject"), EACH_CASES)
def test_each_refers_back_to_the_named_things(text: str, surface: str, subject: str) -> None:
    assert _one(text, surface).subject == subject


# The possessor of a count's own noun is whose the counted things are. (sentence, figure, subject)
COUNT_POSSESSOR_CASES = [
    ("Kestrel Air's 45 planes were grounded on Monday.", "45 planes", "Kestrel Air"),
    ("Norland's 12 submarines are based in the north.", "12 submarines", "Norland"),
    ("Tarn Mining's 3,000 miners went on strike.", "3,000 miners", "Tarn Mining"),
]


@pytest.mark.parametrize(("sentence", "surface", "subject"), COUNT_POSSESSOR_CASES)
def test_the_possessor_of_a_counted_noun(sentence: str, surface: str, subject: str) -> None:
    figure = _one(sentence, surface)
    assert figure.subject == subject
    assert figure.extra["subject_rule"] == "possessor"


# What a property noun is "in" is its owner, as what it is "of": "shares in X", "inflation in X".
# (sentence, figure, subject)
IN_OWNER_CASES = [
    ("Shares in Polder Bank jumped 9% on Monday.", "9%", "Polder Bank"),
    ("Inflation in Estland fell to 3.1% in May.", "3.1%", "Estland"),
    ("Unemployment in Norland rose to 6.4% last year.", "6.4%", "Norland"),
]


@pytest.mark.parametrize(("sentence", "surface", "subject"), IN_OWNER_CASES)
def test_the_owner_of_a_property_in_a_place_or_company(sentence: str, surface: str, subject: str) -> None:
    figure = _one(sentence, surface)
    assert figure.subject == subject
    assert figure.extra["subject_rule"] == "in-owner"


# ... but a time is in nothing's possession: "revenue in the quarter" stays the revenue's.
IN_TIME_CASES = [
    ("Revenue in the quarter rose to $7.4 billion.", "$7.4 billion"),
    ("Sales in the first half fell 3%.", "3%"),
    ("Profit in the year climbed to $90m.", "$90m"),
]


@pytest.mark.parametrize(("sentence", "surface"), IN_TIME_CASES)
def test_a_time_owns_no_property(sentence: str, surface: str) -> None:
    assert _one(sentence, surface).extra.get("subject_rule") != "in-owner"


# What a figure is "compared with" is the same thing's, at another time: it takes its clause's subject.
# (sentence, figure, subject)
COMPARED_CASES = [
    (
        "Orrin Mills sold 40,000 tonnes of paper, compared to 35,000 tonnes in 2023.",
        "35,000 tonnes",
        "Orrin Mills",
    ),
    (
        "Kestrel Air carried 9 million passengers, compared with 8.1 million a year before.",
        "8.1 million",
        "Kestrel Air",
    ),
    ("Harbin Motors made a loss of $20m, compared with a profit of $5m in 2023.", "$5m", "Harbin Motors"),
]


@pytest.mark.parametrize(("sentence", "surface", "subject"), COMPARED_CASES)
def test_a_figure_compared_with_is_the_same_things(sentence: str, surface: str, subject: str) -> None:
    assert _one(sentence, surface).subject == subject


# A clause whose subject is a common noun nobody owns happens "in" a named place: the figure measures the
# place ("temperatures in Seville" written as "temperatures reached 46C in Seville").
# (sentence, figure, subject)
IN_PLACE_CASES = [
    ("Temperatures reached 46.2C in Seville on Monday.", "46.2C", "Seville"),
    ("Inflation rose to 3.1% in Norland in May.", "3.1%", "Norland"),
    ("Unemployment fell to 5% in Estland last year.", "5%", "Estland"),
]


@pytest.mark.parametrize(("sentence", "surface", "subject"), IN_PLACE_CASES)
def test_the_place_a_clause_happens_in(sentence: str, surface: str, subject: str) -> None:
    figure = _one(sentence, surface)
    assert figure.subject == subject
    assert figure.extra["subject_rule"] == "in-place"


# ... but not a time ("in the quarter", "in May"), nor when the subject is owned ("its revenue").
IN_NO_PLACE_CASES = [
    ("Revenue rose 5% in the quarter.", "5%"),
    ("Rainfall reached 300 mm in May.", "300 mm"),
    ("Its exports rose 4% in Norland.", "4%"),
]


@pytest.mark.parametrize(("sentence", "surface"), IN_NO_PLACE_CASES)
def test_a_time_or_an_owned_subject_is_no_place(sentence: str, surface: str) -> None:
    assert _one(sentence, surface).extra.get("subject_rule") != "in-place"


# News names the story's subject in its headline and may only describe it in the text: the headline's names
# are read as if written before the text. (headline, text, figure, subject)
HEADLINE_CASES = [
    ("Halden Air orders 40 new jets", "The airline said the deal was worth $4bn.", "$4bn", "Halden Air"),
    ("Tarnwell Foods to shut bakery", "The company will cut 300 jobs in May.", "300 jobs", "Tarnwell Foods"),
    ("Orrin Bridge opens to traffic", "The bridge cost $600m to build.", "$600m", "Orrin Bridge"),
]


@pytest.mark.parametrize(("title", "text", "surface", "subject"), HEADLINE_CASES)
def test_the_headline_names_what_the_text_describes(
    title: str, text: str, surface: str, subject: str
) -> None:
    found = [f for f in analyse(Document("d", text, title=title, date=DATE)) if f.text == surface]
    assert found and found[0].subject == subject


# "The government" of an article about a country is that country's. (article, figure, subject)
GOVERNMENT_CASES = [
    (
        "Norway raised its defence spending. The government will spend 90 billion crowns on the navy.",
        "90 billion crowns",
        "Norway",
    ),
    ("Spain was hit by floods in May. The government pledged €40m in relief.", "€40m", "Spain"),
    ("Japan approved a new budget. The government will borrow ¥30 trillion.", "¥30 trillion", "Japan"),
]


@pytest.mark.parametrize(("text", "surface", "subject"), GOVERNMENT_CASES)
def test_the_government_is_the_countrys(text: str, surface: str, subject: str) -> None:
    assert _one(text, surface).subject == subject


# A thing a name owned ("Norway's wealth fund") is still the name's when the article refers back to it ("the
# fund"). (article, figure, subject)
OWNED_DESCRIPTION_CASES = [
    ("Norway's wealth fund is worth $1.8 trillion. The fund owns 1.5% of all shares.", "1.5%", "Norway"),
    ("Spain's rescue plan was approved on Monday. The plan will cost €12bn.", "€12bn", "Spain"),
    ("Italy's bridge project was revived in May. The project will cost €13.5bn.", "€13.5bn", "Italy"),
]


@pytest.mark.parametrize(("text", "surface", "subject"), OWNED_DESCRIPTION_CASES)
def test_a_description_of_an_owned_thing_is_the_owners(text: str, surface: str, subject: str) -> None:
    assert _one(text, surface).subject == subject


# A hyphen written without spaces joins the words of one name ("Rolls-Royce"): the name is the whole, not its
# last part. (sentence, figure, subject)
HYPHENATED_NAME_CASES = [
    ("Varga-Holm posted a profit of £1.2bn.", "£1.2bn", "Varga-Holm"),
    ("Shares of Kessler-Bright rose 3%.", "3%", "Kessler-Bright"),
    ("Orvik-Lund delivered 500,000 cars last year.", "500,000 cars", "Orvik-Lund"),
]


@pytest.mark.parametrize(("sentence", "surface", "subject"), HYPHENATED_NAME_CASES)
def test_a_hyphenated_name_is_one_name(sentence: str, surface: str, subject: str) -> None:
    assert _one(sentence, surface).subject == subject


# Market reports list names with their figures and leave the verb out after the first ("Acme rose 2%,
# Borealis by 3%") or write no verb at all ("DAX +0.3%"): the name written right before the figure is its
# subject.
# (sentence, figure, subject)
NAME_BEFORE_CASES = [
    ("Shares of Acme rose 2%, Borealis by 3% and Kova Mining by 1.5%.", "1.5%", "Kova Mining"),
    ("Shares of Acme were down 2%, Borealis by 3% and Kova was down 1%.", "3%", "Borealis"),
    ("At noon: FTSE 100 -0.5% DAX +0.3% CAC 40 +0.1%.", "0.3%", "DAX"),
    # a name that is an argument of its own verb is not read as a gapped clause's
    ("Vela Bank paid Oskar Lind $3m.", "$3m", "Vela Bank"),
]


@pytest.mark.parametrize(("sentence", "surface", "subject"), NAME_BEFORE_CASES)
def test_a_name_right_before_its_figure_in_a_list(sentence: str, surface: str, subject: str) -> None:
    figure = _one(sentence, surface)
    assert figure.subject == subject
