"""The property and claimant of a figure, read off the tree: one case table per pattern of English.

Every sentence here was invented for these tables (none is copied from a benchmark, the seed corpus or the
held-out passages); each row states the pattern its table is about in another form.
"""

from __future__ import annotations

import pytest

from figures.link import Quotations
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


# a count with no property word is a plain count, and what it counts stays apart in extra["counted"]; a
# count a verb reaches through a preposition counts places, means or victims, not the things the verb acts on
COUNT_CASES = [
    ("The festival drew visitors from 45 countries.", "45 countries", "count", "country"),
    ("Relief flights were sent to 14 airports.", "14 airports", "count", "airport"),
    ("The ferry sank after it was struck by 3 waves.", "3 waves", "count", "wave"),
    ("Nine ships were hit during 12 raids.", "12 raids", "count", "raid"),
    ("The town was attacked with 50 drones.", "50 drones", "fired", "drone"),
    ("The army destroyed 14 bridges.", "14 bridges", "destroyed", "bridge"),
]


@pytest.mark.parametrize(("sentence", "surface", "prop", "counted"), COUNT_CASES)
def test_a_count_is_of_its_things(sentence: str, surface: str, prop: str, counted: str) -> None:
    figure = _one(sentence, surface)
    assert (figure.property, figure.extra.get("counted")) == (prop, counted)


# a member of a set named before it has the set's property: after a verb of inclusion, its subject's; after
# "including", that of the phrase it hangs from
MEMBER_CASES = [
    ("The flood killed 40 people, including 12 children.", "12 children", "killed"),
    ("The storm injured 30 hikers, including 4 guides.", "4 guides", "wounded"),
    ("The downed aircraft included 3 helicopters.", "3 helicopters", "shot down"),
    ("The wrecked kit included four artillery guns.", "four artillery guns", "destroyed"),
    ("The destroyed vehicles ranged from 12 tanks to 60 trucks.", "60 trucks", "destroyed"),
    ("The delivered aircraft comprised 8 jets and 3 tankers.", "8 jets", "delivered"),
]


@pytest.mark.parametrize(("sentence", "surface", "prop"), MEMBER_CASES)
def test_a_member_takes_the_property_of_its_set(sentence: str, surface: str, prop: str) -> None:
    assert _one(sentence, surface).property == prop


# what a sum is, named in an "in"/"of" phrase after it (on the sum, its other-currency twin, or its verb)
MONEY_CASES = [
    ("Japan has provided $4 billion in humanitarian aid.", "$4 billion", "aid"),
    ("The fund earned $120 million in interest last year.", "$120 million", "interest"),
    ("Regulators froze about $9bn of assets held by the bank.", "$9bn", "assets"),
    ("The charity raised 50 million euros (about $54 million) in donations.", "$54 million", "aid"),
    ("The council approved $3m in loans to farmers.", "$3m", "loan"),
]


@pytest.mark.parametrize(("sentence", "surface", "prop"), MONEY_CASES)
def test_a_sum_is_what_the_phrase_after_it_names(sentence: str, surface: str, prop: str) -> None:
    assert _one(sentence, surface).property == prop


# a participle on the figure itself names it before the verb of a clause it is conjoined to; a figure under
# an adverb or adjective has its clause's verb
CLAUSE_CASES = [
    ("By noon 20 hectares had burned and another 35 hectares cleared.", "35 hectares", "area cleared"),
    ("Police said 300 were arrested and another 40 injured.", "40", "wounded"),
    ("The column advanced almost ten miles overnight.", "ten miles", "distance"),
    ("Most of it – $80bn – is held in Switzerland.", "$80bn", "assets"),
]


@pytest.mark.parametrize(("sentence", "surface", "prop"), CLAUSE_CASES)
def test_the_nearest_word_of_the_clause_names_it(sentence: str, surface: str, prop: str) -> None:
    assert _one(sentence, surface).property == prop


# a figure's own unit words name what it is where its dimension has no property of its own; a verb's
# adverb names a change ("was up 3%")
UNIT_AND_ADVERB_CASES = [
    ("The refinery processes 600,000 barrels a day.", "600,000 barrels a day", "output"),
    ("The pipeline carries 80,000 barrels per day.", "80,000 barrels per day", "output"),
    ("The index was up about 19 per cent for the year.", "19 per cent", "growth"),
    ("Its shares were up 3% on Friday.", "3%", "growth"),
]


@pytest.mark.parametrize(("sentence", "surface", "prop"), UNIT_AND_ADVERB_CASES)
def test_unit_words_and_adverbs(sentence: str, surface: str, prop: str) -> None:
    assert _one(sentence, surface).property == prop


# property lexicon rows (figures/data/properties.csv): price per unit of goods, losses, moves of a price or
# index, a stake, a ship's draught, a bridge's span, height, people displaced, disaster damage, a tariff,
# what a reservoir holds and a mine produces
LEXICON_CASES = [
    ("Petrol averaged $1.90 per gallon last month.", "$1.90 per gallon", "price"),
    ("Gold traded at $2,300 an ounce.", "$2,300 an ounce", "price"),
    ("The bank reported a net loss of $340m.", "$340m", "losses"),
    ("Shares in the miner plunged 14% on Monday.", "14%", "decline"),
    ("The index closed 2.1% lower.", "2.1%", "decline"),
    ("The investor bought a 12% stake in the airline.", "12%", "share"),
    ("The frigate has a draught of 7 metres.", "7 metres", "depth"),
    ("The new bridge spans 1.2 km.", "1.2 km", "length"),
    ("The tower rises 330 metres above the city.", "330 metres", "height"),
    ("The floods displaced 9,000 families.", "9,000 families", "evacuated"),
    ("The hurricane caused $12bn in damage.", "$12bn", "damage"),
    ("The country imposed a 25% tariff on steel.", "25%", "rate"),
    ("The reservoir holds 2 billion cubic metres of water.", "2 billion cubic metres", "capacity"),
    ("The mine produced 80,000 tonnes of copper.", "80,000 tonnes", "produced"),
]


@pytest.mark.parametrize(("sentence", "surface", "prop"), LEXICON_CASES)
def test_lexicon_rows(sentence: str, surface: str, prop: str) -> None:
    assert _one(sentence, surface).property == prop


# who says so: a reporting verb as written ("posited", "boasted"), one whose subject it shares with the verb
# it is coordinated with or a participle of, "it added" for the body that reported last; a verb coordinated
# with a reporting verb is another act, not a report
CLAIMANT_CASES = [
    ("The agency posited that 300 homes were lost.", "300 homes", "agency"),
    ("The coach boasted that the club sold 9,000 tickets.", "9,000 tickets", "coach"),
    ("The minister toured the base and revealed that the army had 40 tanks.", "40 tanks", "minister"),
    ("“It is ours,” the general declared, claiming 120 villages were freed.", "120 villages", "general"),
    ("The coastguard said its crews rescued 12 sailors. Three boats were seized, it added.", "Three boats",
     "coastguard"),
    ("Rebels found a gap in the line and advanced eight miles.", "eight miles", None),
]


@pytest.mark.parametrize(("text", "surface", "claimant"), CLAIMANT_CASES)
def test_the_claimant_from_the_reporting_verb(text: str, surface: str, claimant: str | None) -> None:
    assert _one(text, surface).claimant == claimant


# the speaker of a quotation: one running over paragraphs (each opens with “, only the last closes), the
# paragraph's earlier quotation, "the ministry said", a date before the name; never across a paragraph
# break
QUOTATION_CASES = [
    ("Captain Reyes said: “It was fierce.\n\n“We rescued 40 people at dawn.”", "40", "Captain Reyes"),
    ("“We did it,” Mayor Chen wrote on Monday. “The city planted 9,000 trees.”", "9,000", "Mayor Chen"),
    ("“Nine drones were shot down,” the ministry said.", "Nine", "ministry"),
    ("On Monday General Ortiz said: “We hold 40 km of the coast.”", "40", "General Ortiz"),
    ("“We have 40 shelters.”\n\nMayor Diaz said the rain had stopped.", "40", None),
]


@pytest.mark.parametrize(("text", "number", "speaker"), QUOTATION_CASES)
def test_the_speaker_of_a_quotation(text: str, number: str, speaker: str | None) -> None:
    assert Quotations(text).speaker(text.index(number)) == speaker


def test_a_pronoun_speaker_is_the_person_named_before() -> None:
    text = "Dr Maria Lopez runs the clinic. She said: “We treated 300 patients last week.”"
    assert _one(text, "300 patients").claimant == "Maria Lopez"


# a percentage no word names is a share, a sum a value, a time span a duration, a rate a rate (their
# dimension's own property, as a length is a length), marked as defaulted so that the conflicts views take
# it for no claim; a figure's unit words that name another property win over the default (UNIT_AND_ADVERB)
DIMENSION_DEFAULT_CASES = [
    ("About 70% voted against the plan.", "70%", "share"),
    ("The proposal won 58% in the referendum.", "58%", "share"),
    ("Only 12% had insurance.", "12%", "share"),
    ("The $2bn deal was signed on Friday.", "$2bn", "value"),
    ("Officials confirmed the $40m figure.", "$40m", "value"),
    ("The club agreed a £60m transfer for the striker.", "£60m", "value"),
    ("The repairs will take about six weeks.", "six weeks", "duration"),
    ("The strike entered its 12th day after 11 days of talks.", "11 days", "duration"),
    ("Work on the tunnel ended after 14 years.", "14 years", "duration"),
    ("The pump moves 400 litres a minute.", "400 litres a minute", "rate"),
    ("The river flows at 3,000 cubic metres per second.", "3,000 cubic metres per second", "rate"),
    ("Rain fell at 40 mm an hour.", "40 mm an hour", "rate"),
]


@pytest.mark.parametrize(("sentence", "surface", "prop"), DIMENSION_DEFAULT_CASES)
def test_an_unnamed_share_or_sum_has_its_dimensions_property(sentence: str, surface: str, prop: str) -> None:
    figure = _one(sentence, surface)
    assert (figure.property, figure.extra.get("property_rule")) == (prop, "dimension")


# things that are themselves a property word name the count's property when nothing else does
COUNTED_PROPERTY_CASES = [
    ("The arena has 18,000 seats.", "18,000 seats", "capacity"),
    ("The blast caused 12 deaths.", "12 deaths", "killed"),
    ("The firm has 4,500 employees.", "4,500 employees", "employees"),
    ("Officials reported 40 casualties.", "40 casualties", "wounded"),
]


@pytest.mark.parametrize(("sentence", "surface", "prop"), COUNTED_PROPERTY_CASES)
def test_things_that_name_a_property(sentence: str, surface: str, prop: str) -> None:
    figure = _one(sentence, surface)
    assert figure.property == prop
    assert figure.extra["counted"]


# the state a copula or "leave" puts its subject or object in names the property ("remain missing", "left
# homeless"); lexicon rows for buying and endurance
COMPLEMENT_CASES = [
    ("At least 30 people remain missing after the landslide.", "30 people", "missing"),
    ("Four climbers are still missing.", "Four climbers", "missing"),
    ("The quake left 3,000 people homeless.", "3,000 people", "evacuated"),
    ("The navy will buy 12 submarines.", "12 submarines", "ordered"),
    ("The drone has an endurance of 30 hours.", "30 hours", "duration"),
]


@pytest.mark.parametrize(("sentence", "surface", "prop"), COMPLEMENT_CASES)
def test_a_complement_names_the_property(sentence: str, surface: str, prop: str) -> None:
    assert _one(sentence, surface).property == prop
