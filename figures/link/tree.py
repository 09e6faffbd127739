"""Subject, property and claimant of a figure, read off the dependency tree of its sentence.

The question each rule asks is "which token does this figure hang from?", never "which words are near it?".
From the figure's root token the walk climbs through prepositions and conjunctions to its *governor*: the
noun it modifies or complements ("a range of 1,600 km" -> range), or the verb it is an argument of ("fired
nine missiles" -> fired). From the governor, the subject rules below are tried in order; the first that
finds a phrase standing for an entity wins, and its name is kept in ``extra["subject_rule"]``. A phrase that
stands for none (a generic noun, a description the article never resolved: "40 tonnes of cargo") is kept as
what the figure is about (``extra["about"]``, for concepts) and the rules read on for a named participant
("the Kestrel can carry 40 tonnes of cargo"); only the noun a figure modifies ends the search either way. A
reported clause keeps its own subject: the reporter is the claimant, not the subject.

The rules, as dependency patterns (``^dep`` = up from a token attached by dep, ``>dep`` = down to a child):

    name-in-noun      a name inside the counted noun itself          nine [Iskander-M] ballistic missiles
    of-share          ^anchor >prep[of] >pobj, then its owner         60% of [its] revenue
    possessor         governor >poss                                  the [drone]'s reach of 300 km
    of-owner          governor >prep[of] >pobj                        the cost of the [programme] is $2bn
    in-owner          governor >prep[in] >pobj                        shares in [Acme] rose 9%
    named-compound    governor >compound (a name)                     the [Tomahawk] range of 1,600 km
    name-before       a name right before the figure, hanging from it  Acme rose 2%, [Borealis] by 3%
                      or its verb, no argument of its own               [DAX] +0.3%
    modified-noun     figure ^nummod|amod|compound governor           a 65,000-tonne [carrier]
    apposition        governor ^appos head                            the [Bulava], a 9,000-km missile
    with-owner        governor ^pobj ^prep[with] head                 a [missile] with a range of 300 km
    relative          verb >nsubj[which|that|who] , verb ^relcl head  [Norway], which pledged $2bn
    participle        verb ^acl head                                  [drones] carrying 50 kg of explosive
    verb-subject      verb >nsubj|nsubjpass (climbing xcomp, conj)    [Russia] fired 62 drones
                      ... and from "compared with"                    [Acme] made $2bn, compared with $1bn
    agent             verb >agent >pobj                               $2bn was approved by [parliament]
    in-place          verb >prep[in] >pobj (a named place), a common  temperatures reached 46C in [Seville]
                      noun the verb's subject

Properties come from the words on the path (the governor, the verb, a property noun that is the verb's
subject) looked up in the property lexicon (``figures/data/properties.csv``): "reach", "travel", "an
operational radius" all give range. Claimants come from a reporting verb that governs the figure's clause
("the ministry said"), "according to X", or a speaker of a quotation.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from figures.link.entities import EntityNamer, Named, not_subjects
from figures.link.lexicon import claim_verbs, membership_words, properties

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NOUNS = frozenset({"NOUN", "PROPN", "PRON"})
_TIME_ENTITIES = frozenset({"DATE", "TIME"})
PLACE_ENTITIES = frozenset({"GPE", "LOC"})
# how a noun the figure counts or modifies hangs from the verb that says what happened to it
_ARGUMENT_DEPS = frozenset({"dobj", "attr", "nsubj", "nsubjpass", "pobj", "conj", "appos", "npadvmod"})
# dimensions whose figure "of" a noun measures that noun ("5,000 lbs of cocaine"), unlike a share or count
MEASURE_OF = frozenset({"mass", "volume", "length", "area", "energy", "power", "rate", "money"})
VERBS = frozenset({"VERB", "AUX"})
# adverbs that complete a verb as a particle would when the parser attaches them as advmod ("clawed back")
_PARTICLE_ADVERBS = frozenset({"back", "down", "off", "out", "up", "away", "over"})
MODIFIER_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "advmod"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
RELATIVE_WORDS = frozenset({"which", "that", "who", "whom", "whose"})
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
# what a property noun is "of" or "in" is its owner: "the cost of the bridge", "shares in Acme", "inflation in
# Spain"
OWNER_PREPOSITIONS = frozenset({"of", "in"})
# dimensions whose property, when no word names it, is the dimension itself ("a 65,000-tonne carrier")
DIMENSION_PROPERTIES = {
    "mass": "weight",
    "length": "length",
    "area": "area",
    "speed": "speed",
    "power": "power",
    "energy": "energy",
    "volume": "volume",
    "age": "age",
    "temperature": "temperature",
    "percent": "share",
    "money": "value",
    "duration": "duration",
    "rate": "rate",
}


@dataclass(frozen=True, slots=True)
class TreeLink:
    """What the tree says about one figure."""

    subject: Named | None
    rule: str | None
    property: str | None
    property_text: str | None
    property_rule: str | None
    claimant: Named | None
    claimant_text: str | None
    owner_text: str | None  # the subject phrase as written, even where it names no entity (for concepts)
    property_noun: bool = False  # the property words are a noun phrase ("the driving range"), not a verb
    counted: str | None = None  # the lemma of a count's noun ("drone" for "62 drones")
    holder: str | None = None  # who has or does the things a count names ("Cayman Airways")


def figure_span(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens of a figure at sentence-local character offsets."""
    return doc.char_span(start, end, alignment_mode="expand")


def _lookup(words: str, dimension: str) -> str | None:
    trigger = properties().for_dimension(words, dimension)
    return trigger.property if trigger else None


def _phrases(token: Token) -> list[str]:
    """The words a token may name a property by, longest first: with its compound or adjective ("driving
    range", "net worth"), its particle or the adverb that completes it ("shot down", "clawed back"), a
    modal of ability ("can travel"), a preposition it governs with its object ("blown to pieces", "west
    of"), the word and its lemma, and last a verb's prepositional phrase, adverb or complement ("in orbit",
    "was up", "remain missing")."""
    candidates: list[str] = []
    lemma = token.lemma_.lower()
    compounds = [c for c in token.lefts if c.dep_ in {"compound", "amod"}]
    for first in range(len(compounds)):  # longest first: "minimum effective range", "effective range"
        candidates.append(" ".join([*(c.lower_ for c in compounds[first:]), token.lower_]))
    particles = [
        c for c in token.rights
        if c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == token.i + 1 and c.lower_ in _PARTICLE_ADVERBS)
    ]
    if particles:
        candidates.append(f"{token.lower_} {particles[0].lower_}")
        candidates.append(f"{lemma} {particles[0].lower_}")
    # a modal of ability makes a motion a capability: "can travel 300 km" is a range, not a distance
    modals = [c.lower_ for c in token.lefts if c.dep_ == "aux" and c.lower_ in {"can", "could"}]
    if modals:
        candidates.append(f"can {lemma}")
    preps = [c for c in token.rights if c.dep_ in {"prep", "dative", "agent"}]
    for prep in preps:
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is not None:
            tail = f"{prep.lower_} {obj.lower_}"
            candidates += [f"{token.lower_} {tail}", f"{lemma} {tail}"]
        candidates.append(f"{token.lower_} {prep.lower_}")
    candidates += [token.lower_, lemma]
    if token.pos_ in VERBS:  # "has 6,000 satellites in orbit", "was up 19 per cent"
        candidates += [
            f"{prep.lower_} {obj.lower_}" for prep in preps for obj in prep.children if obj.dep_ == "pobj"
        ]
        candidates += [c.lower_ for c in token.children if c.dep_ == "advmod" and c.pos_ == "ADV"]
        # the state a copula or "leave" puts its subject or object in: "remain missing", "left homeless"
        candidates += [c.lower_ for c in token.children if c.dep_ in {"acomp", "oprd"}]
    return candidates


def property_of(token: Token, dimension: str) -> tuple[str, str] | None:
    """The canonical property a token names for a figure of ``dimension``, and the words (``_phrases``)."""
    for words in _phrases(token):
        found = _lookup(words, dimension)
        if found:
            return found, words
    return None


def _named_by_unit(surface: str, dimension: str) -> tuple[str, str] | None:
    """The property a figure's own words name ("per gallon" of "$2.11 per gallon"), for the dimensions that
    have no property of their own to fall back on."""
    for m in properties().matcher.finditer(surface):
        trigger = properties().for_dimension(m.group(1), dimension)
        if trigger:
            return trigger.property, m.group(1).lower()
    return None


def _named_after(anchor: Token) -> tuple[str, str] | None:
    """What a sum is, named in an "in"/"of" phrase after it: on the sum itself, on the sum it restates in
    another currency ("67 billion crowns ($10bn) in aid"), or, for "in", on the verb it is the object of."""
    holders: list[tuple[Token, tuple[str, ...]]] = [(anchor, ("in", "of"))]
    if anchor.dep_ == "appos":
        holders.append((anchor.head, ("in", "of")))
    if anchor.dep_ in {"dobj", "nsubjpass"} and anchor.head.pos_ in VERBS:
        holders.append((anchor.head, ("in",)))
    for holder, words in holders:
        for prep in holder.rights:
            if prep.dep_ == "prep" and prep.lower_ in words:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        found = property_of(obj, "money")
                        if found:
                            return found
    return None


def _name_before(span: Span, governor: Token, span_ids: frozenset[int]) -> Token | None:
    """The name written right before a figure (or before its "by"/"at"/"to"), with a number that goes on the
    name ("FTSE 100"), when the parser hangs it from the figure, from the figure's verb or makes the figure
    hang from it: a gapped clause of a list ("Acme rose 2%, Borealis by 3%") or a table-like line ("DAX
    +0.3%"). A name that is an argument of its own (subject, object, "in Germany") is none."""
    doc, at = span.doc, span.start - 1
    if at >= 0 and doc[at].lower_ in {"by", "at", "to"}:
        at -= 1
    if at >= 1 and doc[at].pos_ == "NUM" and doc[at - 1].pos_ == "PROPN":
        at -= 1
    if at < 0:
        return None
    name = doc[at]
    if name.pos_ != "PROPN" or name.ent_type_ in _TIME_ENTITIES or name.i in span_ids:
        return None
    if name.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "dative", "attr", "poss"}:
        return None
    hangs = name.i == governor.i or name.head.i in span_ids or name.head.i == governor.i
    return name if hangs else None


def _governor(anchor: Token, span_ids: frozenset[int]) -> tuple[Token, str, list[Token]]:
    """The token the figure hangs from, how (a dependency label or ``prep:<word>``), and the path to it."""
    token, path = anchor, [anchor]
    preposition = ""
    for _ in range(8):
        head = token.head
        if head.i == token.i:
            return token, "root", path
        if head.i in span_ids:
            token = head
            continue
        if token.dep_ in {"pobj", "pcomp"} and head.pos_ == "ADP" or head.dep_ in {"prep", "agent"}:
            preposition = head.lower_
            path.append(head)
            if head.head.i == head.i:
                return head, "root", path
            token = head
            continue
        if token.dep_ == "conj" and head.pos_ not in VERBS:
            path.append(head)
            token = head
            continue
        if token.pos_ == "ADP" or token.dep_ in {"prep", "agent"}:
            path.append(head)
            return head, f"prep:{preposition or token.lower_}", path
        path.append(head)
        # a figure's own determiner ("a million dollar house") modifies the noun as its number does
        if (token.dep_ in MODIFIER_DEPS or token.dep_ == "det") and head.pos_ in NOUNS:
            return head, "modifies", path
        if token.dep_ in MODIFIER_DEPS and head.dep_ == "amod" and head.head.pos_ in NOUNS:
            # "30% fuming acid", "a 5-metre-long boat": through the adjective to the noun it describes
            path.append(head.head)
            return head.head, "modifies", path
        return head, token.dep_, path
    return token, "far", path


class TreeLinker:
    """Subject, property and claimant for the figures of one article, sentence by sentence."""

    def __init__(self, namer: EntityNamer) -> None:
        self.namer = namer
        self._last_speaker: tuple[Named | None, str | None] | None = None  # the article's last reporter

    # -- subjects ---------------------------------------------------------------------------------------
    def stands_for_entity(self, found: Named) -> bool:
        """A name, or a pronoun or description the article resolved; not a generic noun ("people") nor a
        description the article never resolved (its entity is local: ``<doc_id>/...``)."""
        if found.entity is None:
            return False
        return found.named or not found.entity.entity_id.startswith(f"{self.namer.doc_id}/")

    def _entity(self, token: Token | None, skip: frozenset[int], offset: int) -> Named | None:
        if token is None or token.i in skip:
            return None
        return self.namer.name(token, skip, offset + token.idx)

    def _owner(
        self, noun: Token, skip: frozenset[int], offset: int, depth: int = 0
    ) -> tuple[Named | None, str | None]:
        """Whose property noun this is: possessor, "of" phrase, a named compound, or the thing that has it."""
        for child in noun.children:
            if child.dep_ == "poss":
                found = self._entity(child, skip, offset)
                if found:
                    return found, "possessor"
        for child in noun.rights:
            if child.dep_ == "prep" and child.lower_ in OWNER_PREPOSITIONS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.i not in skip:
                        found = self._entity(pobj, skip, offset)
                        if child.lower_ == "in" and found and not self.stands_for_entity(found):
                            continue  # "revenue in the quarter": only a named thing owns what is in it
                        if found:
                            return found, f"{child.lower_}-owner"
        for child in noun.lefts:
            if child.dep_ == "compound" and child.pos_ == "PROPN" and child.i not in skip:
                found = self._entity(child, skip, offset)
                if found:
                    return found, "named-compound"
        if depth > 2:
            return None, None
        head = noun.head
        if noun.dep_ in {"compound", "amod", "nmod"} and head.pos_ in NOUNS:
            return self._entity(head, skip, offset), "modified-noun"
        if noun.dep_ == "appos":
            return self._entity(head, skip, offset), "apposition"
        if noun.dep_ == "pobj" and head.lower_ == "with" and head.head.i != head.i:
            holder = head.head
            if holder.pos_ in NOUNS:
                return self._entity(holder, skip, offset), "with-owner"
            if holder.pos_ in VERBS:
                return self._verb_subject(holder, skip, offset)
        if noun.dep_ in {"dobj", "attr", "oprd"} and head.pos_ in VERBS:
            return self._verb_subject(head, skip, offset)
        return None, None

    def _verb_subject(
        self, verb: Token, skip: frozenset[int], offset: int, depth: int = 0
    ) -> tuple[Named | None, str | None]:
        """The doer of a verb: its subject, the antecedent of a relative pronoun, the noun a participle
        modifies, or the subject of the verb it depends on (xcomp, conj, auxiliary chains)."""
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS and child.i not in skip:
                if child.lower_ in RELATIVE_WORDS and verb.dep_ == "relcl":
                    return self._entity(verb.head, skip, offset), "relative"
                if child.dep_ == "expl":
                    continue
                found = self._entity(child, skip, offset)
                return found, "verb-subject"
        if depth > 3:
            return None, None
        if verb.dep_ == "relcl" and verb.head.pos_ in NOUNS:
            return self._entity(verb.head, skip, offset), "relative"
        if verb.dep_ == "acl" and verb.head.pos_ in NOUNS:
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
                # "Dell announced plans to cut 6,650 jobs": an infinitive after a noun is done by the one
                # who has the plan, the ability or the decision
                noun = verb.head
                if noun.head.pos_ in VERBS and noun.dep_ in {"dobj", "attr", "nsubj", "nsubjpass"}:
                    return self._verb_subject(noun.head, skip, offset, depth + 1)
            return self._entity(verb.head, skip, offset), "participle"
        # a clause that shares its doer with the verb it hangs from: "plans to buy", "fired ... and downed",
        # "..., stripping away"; a reported clause ("X said two people were killed") has its own subject,
        # and its reporter is the claimant, never the subject
        reported = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _claim_lemmas()
        # "posted a profit of €1.2bn, compared with €900m": what a figure is compared with is the same thing's
        compared = verb.dep_ == "prep" and verb.lemma_.lower() == "compare"
        shares_doer = verb.dep_ in {"xcomp", "conj", "advcl", "ccomp"} or compared
        if shares_doer and verb.head.i != verb.i and not reported:
            found, rule = self._verb_subject(verb.head, skip, offset, depth + 1)
            return found, rule
        for child in verb.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return self._entity(pobj, skip, offset), "agent"
        return None, None

    def _place_of_clause(
        self, verb: Token, skip: frozenset[int], offset: int
    ) -> tuple[Named | None, str | None]:
        """The named place a clause happens "in", when its subject is a common noun nobody owns: a measure of
        the place ("Temperatures reached 46C in Seville", "Inflation rose to 3% in Spain")."""
        doer = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if doer is None or doer.pos_ != "NOUN" or any(
            c.dep_ in {"poss", "prep", "compound"} or c.lower_ in DEMONSTRATIVES for c in doer.children
        ):
            return None, None
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.i not in skip and pobj.ent_type_ in PLACE_ENTITIES:
                    found = self._entity(pobj, skip, offset)
                    if found is not None and found.named and self.stands_for_entity(found):
                        return found, "in-place"
        return None, None

    def link(self, doc: Doc, spans: list[tuple[int, int, str, str | None]], offset: int) -> list[TreeLink]:
        """One TreeLink per figure span (sentence-local ``start, end, dimension, noun``) of one parsed
        sentence at document offset ``offset``."""
        self.namer.register_sentence(doc[:], offset)
        figure_spans = [figure_span(doc, s, e) for s, e, _, _ in spans]
        skip = frozenset(t.i for sp in figure_spans if sp is not None for t in sp)
        return [
            self._one(doc, sp, dimension, noun, skip, offset)
            for sp, (_, _, dimension, noun) in zip(figure_spans, spans, strict=True)
        ]

    def _one(
        self, doc: Doc, span: Span | None, dimension: str, noun: str | None, skip: frozenset[int], offset: int
    ) -> TreeLink:
        if span is None:
            return TreeLink(None, None, None, None, None, None, None, None)
        anchor = span.root
        span_ids = frozenset(t.i for t in span)
        governor, relation, path = _governor(anchor, span_ids)
        tokens = list(span)
        if noun and relation == "modifies" and governor.lower_ in noun.lower().split():
            # a count whose span stops at the number ("15" of "15 boat sinkings"): its noun is the figure's
            tokens = [*tokens, *(t for t in governor.subtree if t.i <= governor.i and t.i not in span_ids)]
            span_ids = frozenset(t.i for t in tokens)
            anchor = governor
            governor, relation, path = _governor(anchor, span_ids)
        subject: Named | None = None
        rule: str | None = None
        # phrases a rule found that stand for no entity the article names ("the cargo", "a backlog"): the
        # first is what the figure is about as written; the rules read on for one that names an entity
        weak: list[tuple[Named, str]] = []

        def settle(found: Named | None, why: str | None) -> tuple[Named | None, str | None]:
            if found is None or why is None:
                return None, None
            if self.stands_for_entity(found):
                return found, why
            weak.append((found, why))
            return None, None
        prop: tuple[str, str] | None = None
        prop_rule: str | None = None
        noun_words: str | None = None

        # the counted noun: its name is the subject ("nine Iskander-M ballistic missiles")
        if noun and dimension in {"count", "number"}:
            if any(t.pos_ == "PROPN" and t.ent_type_ not in _TIME_ENTITIES for t in tokens):
                subject = self.namer.known_in(noun, offset + span.start_char)
                rule = "name-in-noun" if subject else None
            noun_words = anchor.lemma_.lower() if anchor.pos_ in NOUNS else noun.lower()
            possessor = next((c for c in anchor.children if c.dep_ == "poss" and c.i not in span_ids), None)
            if subject is None and possessor is not None:
                # "the group's 4,200 employees", "its 45 planes": whose the counted things are
                subject, rule = settle(self._entity(possessor, skip, offset), "possessor")

        if subject is None:
            # "Shares of Acme rose 2%, Borealis by 3%", "DAX +0.3%": a name written right before its figure in
            # a list with no verb of its own (the parser hangs it from the first clause's verb or the figure)
            name_before = _name_before(span, governor, span_ids)
            if name_before is not None:
                subject, rule = settle(self._entity(name_before, skip, offset), "name-before")

        # what a share or count is "of": "60% of its revenue", "a third of the budget"
        of_object = next(
            (
                pobj
                for prep in anchor.rights
                if prep.dep_ == "prep" and prep.lower_ == "of"
                for pobj in prep.children
                if pobj.dep_ == "pobj" and pobj.i not in span_ids
            ),
            None,
        )
        if of_object is not None and dimension in {"percent", "number"}:
            # a share of one whole is not a share of another: "40% of the budget" vs "30% of income"
            whole = property_of(of_object, "money") or property_of(of_object, dimension)
            whole_words = " ".join(
                t.text for t in of_object.subtree if t.dep_ not in {"det", "poss", "case", "relcl", "punct"}
                and t.i <= of_object.i
            )
            prop = f"share of {whole[0] if whole else of_object.lemma_.lower()}", whole_words
            prop_rule = "of-share"
            if subject is None:
                owner, why = self._owner(of_object, skip, offset)
                subject, rule = settle(owner, why and f"of-share/{why}")
        elif of_object is not None and dimension in MEASURE_OF and subject is None:
            # "5,000 lbs of cocaine", "50 mL of acid": a measure "of" a thing measures that thing
            subject, rule = settle(self._entity(of_object, skip, offset), "measure-of")

        if prop is None:
            # "1,500 killed", "another 180 km² cleared": a participle on the figure names it before any verb
            # the figure hangs from ("... have been liberated and another 180 km² cleared")
            for child in anchor.children:
                if child.dep_ in {"acl", "amod", "relcl"} and child.i not in span_ids:
                    found = property_of(child, dimension)
                    if found:
                        prop, prop_rule = found, "path"
                        break
        if prop is None and dimension == "money":
            # "$2bn in military aid", "$288bn of assets", "generated $3bn in interest": news names what a
            # sum is in an "in"/"of" phrase after it (on the sum, its other-currency twin or its verb)
            prop = _named_after(anchor)
            prop_rule = "path" if prop else None
        # the property: the first word on the path from the figure that the lexicon knows
        verb: Token | None = None
        counts = dimension in {"count", "number"}
        # a count a verb reaches through a preposition counts places, means or victims, not the verb's things:
        # "sent to 210 facilities", "died in 15 sinkings", "hit by 12 drones" (only a trigger naming the
        # preposition holds: "attacked with 50 drones")
        through = relation[5:] if counts and relation.startswith("prep:") and relation != "prep:of" else ""
        for token in [*path[1:], governor]:
            if prop is None:
                if through and token.pos_ in VERBS:
                    phrase = f"{token.lower_} {through}"
                    named = _lookup(phrase, dimension)
                    found = (named, phrase) if named else None
                else:
                    found = property_of(token, dimension)
                if found:
                    prop, prop_rule = found, "path"
            if token.pos_ in VERBS:
                verb = token
                break
        if prop is None and counts and through in membership_words() and governor.pos_ in NOUNS:
            # "killed 40 people, including 12 children": a member of a set counted before has its property
            prop = self._set_property(governor, dimension)
            prop_rule = "member" if prop else None
        if prop is None and counts and verb is not None and verb.lemma_.lower() in membership_words():
            # "the wrecked kit included four guns", "the dead numbered 40": the set the verb's subject names
            the_set = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            prop = self._set_property(the_set, dimension) if the_set is not None else None
            prop_rule = "member" if prop else None
        if verb is None and governor.pos_ not in NOUNS:
            # "worth around £15bn", "up 5%": an adjective or adverb's clause is its verb's
            verb = next((a for a in list(governor.ancestors)[:3] if a.pos_ in VERBS), None)
            if prop is None and verb is not None:
                found = property_of(verb, dimension)
                if found:
                    prop, prop_rule = found, "verb"
        if verb is None and governor.pos_ in NOUNS and governor.dep_ in _ARGUMENT_DEPS:
            up = governor.head
            # "nine missiles and 62 drones were fired": a conjunct or apposition shares its first's verb
            while (up.pos_ == "ADP" or up.pos_ in NOUNS) and up.head.i != up.i:
                up = up.head
            if up.pos_ in VERBS:
                verb = up
                if prop is None:
                    found = property_of(up, dimension)
                    if found:
                        prop, prop_rule = found, "verb"
        # a property noun that is the verb's subject: "its range is 300 km", "revenue rose 5%"
        property_noun: Token | None = None
        if verb is not None and relation == "prep:by":
            # "boost the driving range by 35 miles", "cut its costs by 10%": the object changed by the figure
            changed = next((c for c in verb.children if c.dep_ == "dobj" and c.i not in span_ids), None)
            if changed is not None:
                named_prop = property_of(changed, dimension)
                if named_prop:
                    property_noun = changed
                    prop, prop_rule = named_prop, "subject-noun"
                elif subject is None:
                    subject, rule = settle(self._entity(changed, skip, offset), "changed-object")
        if governor.pos_ in NOUNS and governor.i not in span_ids and property_of(governor, dimension):
            property_noun = governor
        if verb is not None and property_noun is None:
            for child in verb.children:
                # a name is no property noun: "The Halvard Fund manages $90bn" is about the fund, not "fund"
                if child.dep_ in {"nsubj", "nsubjpass"} and child.i not in span_ids and child.pos_ != "PROPN":
                    named_prop = property_of(child, dimension)
                    if named_prop is None and dimension == "percent" and prop_rule == "path":
                        # "revenue rose 11%": a change in per cent of a sum or count names it
                        whole = property_of(child, "money") or property_of(child, "count")
                        named_prop = (f"{prop[0]} of {whole[0]}", whole[1]) if whole and prop else None
                        if named_prop is not None:
                            prop = named_prop  # revenue growth is not profit growth
                    if named_prop:
                        property_noun = child
                        # a level reached "from/to" is the subject noun's ("share grew from 10% to 17%")
                        level = relation in {"prep:from", "prep:to", "prep:at"}
                        if prop is None or prop_rule != "path" or level:
                            prop, prop_rule = named_prop, "subject-noun"

        if subject is None and relation == "appos" and governor.pos_ in NOUNS:
            # "the ERAM (about 285 miles, or 460 km)": a figure set beside a name describes it (beside a
            # common noun, "paid a horrifying price – 1,500 killed", it restates the noun: read on)
            beside = self._entity(governor, skip, offset)
            if beside is not None and beside.named:
                subject, rule = beside, "apposition"
        if subject is None and property_noun is not None:
            subject, rule = settle(*self._owner(property_noun, skip, offset))
        if subject is None and relation == "modifies" and governor.pos_ in NOUNS and property_noun is None:
            # the noun a figure modifies is what it measures ("a 65,000-tonne carrier"), named or not: no
            # other participant of the clause is read instead
            subject = self._entity(governor, skip, offset)
            rule = "modified-noun" if subject else None
            if subject is not None and governor.dep_ == "appos":
                better = self._entity(governor.head, skip, offset)
                if better is not None and better.named:
                    subject, rule = better, "apposition"
        if (
            subject is None
            and governor.pos_ in NOUNS
            and relation.startswith("prep")
            and property_noun is None
        ) and governor.lower_ not in not_subjects() and governor.i not in span_ids:
            subject, rule = settle(self._entity(governor, skip, offset), "prep-noun")
        if subject is None and verb is not None:
            subject, rule = settle(*self._verb_subject(verb, skip | span_ids, offset))
        if subject is None and anchor.dep_ == "appos":
            subject, rule = settle(self._entity(anchor.head, skip, offset), "apposition")
        if subject is None and verb is not None:
            subject, rule = self._place_of_clause(verb, skip | span_ids, offset)
        if (
            subject is None
            and property_noun is not None
            and property_noun.dep_ in {"nsubj", "nsubjpass"}
            and not any(
                c.dep_ == "poss"
                or (c.dep_ == "prep" and c.lower_ in OWNER_PREPOSITIONS)
                or c.lower_ in DEMONSTRATIVES
                for c in property_noun.children
            )
        ):
            # "Revenue rose 7%": the subject of its clause, a property nobody owns in the sentence is the
            # article's topic's ("these assets fell to $2bn" refers back to the assets themselves)
            subject, rule = settle(self.namer.topic(offset + property_noun.idx), "topic")
        about = weak[0][0] if weak else subject
        if subject is None and weak:
            subject, rule = weak[0]

        owner_text: str | None = None
        if rule == "name-in-noun" and verb is not None:
            # who has or does the named things ("Cayman Airways grounded two 737 Max jets")
            owner, _ = self._verb_subject(verb, skip | span_ids, offset)
            owner_text = owner.text if owner else None
        if prop is None and dimension not in {"count", "number"}:
            # "$2.11 per gallon", "600,000 barrels a day": a figure's own unit words may name what it is (a
            # name of the dimension itself, "square" of "60 square miles", stays the dimension's default)
            named_by_unit = _named_by_unit(span.text, dimension)
            if named_by_unit and named_by_unit[0] != DIMENSION_PROPERTIES.get(dimension):
                prop, prop_rule = named_by_unit, "unit"
        if prop is None and subject is not None and subject.owned and dimension not in {"count", "number"}:
            # "India's steel output rose to 140m tonnes": no lexicon word, but the owner's noun says which
            # quantity (a bare dimension would group it with India's other tonnages); a count's property is
            # its verb's or its things' (extra.counted)
            prop, prop_rule = (subject.owned.lower(), subject.owned), "possessed-noun"
        if prop is None and dimension in DIMENSION_PROPERTIES:
            prop, prop_rule = (DIMENSION_PROPERTIES[dimension], ""), "dimension"
        prop_name, prop_words = prop if prop else (None, None)
        if noun_words and dimension in {"count", "number"} and prop_name is None and anchor.pos_ in NOUNS:
            # things that are themselves a property word: "60,000 seats", "12 deaths", "230 crew"
            own = property_of(anchor, dimension)
            if own is not None:
                (prop_name, prop_words), prop_rule = own, "counted"
        if noun_words and dimension in {"count", "number"} and prop_name is None:
            # a count with no property word is a plain count of its things ("13,000 workers"); what is counted
            # stays in ``counted``, so that counts of different things never compare
            prop_name, prop_words, prop_rule = "count", noun, "counted"
        claimant, claimant_text = self._claimant(doc, anchor, verb, skip | span_ids, offset)
        return TreeLink(
            subject if subject else None,
            rule if subject else None,
            prop_name,
            prop_words or None,
            prop_rule,
            claimant,
            claimant_text,
            about.text if about else None,
            prop_rule in {"of-share", "subject-noun"}
            or (property_noun is not None and prop_rule == "path"),
            noun_words,
            owner_text,
        )

    def _set_property(self, whole: Token, dimension: str) -> tuple[str, str] | None:
        """The property of a set the figure is a member of: what the set's noun names ("the dead"), or a
        participle on it ("the destroyed weapons", "the wrecked kit"), or else what its own path names
        ("killed 40 people")."""
        found = property_of(whole, dimension)
        if found:
            return found
        for child in whole.children:
            participle = child.tag_ in {"VBN", "VBD"} or child.lower_.endswith("ed")
            if child.dep_ in {"amod", "acl"} and participle:
                found = property_of(child, dimension)
                if found:
                    return found
        governor, _, path = _governor(whole, frozenset({whole.i}))
        for token in [*path[1:], governor]:
            found = property_of(token, dimension)
            if found or token.pos_ in VERBS:
                return found
        return None

    # -- claimants --------------------------------------------------------------------------------------
    def _claimant(
        self, doc: Doc, anchor: Token, verb: Token | None, skip: frozenset[int], offset: int
    ) -> tuple[Named | None, str | None]:
        """Who says so: the subject of a reporting verb that governs the figure's clause, or "according to
        X". Never the figure's own noun phrase, never a relative pronoun."""
        own = frozenset(t.i for t in anchor.subtree)
        below = anchor
        for token in anchor.ancestors:
            reporting = token.lemma_.lower() in _claim_lemmas() or token.lower_ in _claim_lemmas()
            # a verb coordinated with a reporting verb is another act, not a report ("found weak points and
            # advanced six miles")
            coordinated, below = below.dep_ == "conj", token
            if token.pos_ in VERBS and reporting and token is not verb and not coordinated:
                speaker = _reporter(token, own | skip)
                if speaker is not None:
                    if speaker.lower_ in {"it", "they"} and self._last_speaker is not None:
                        # "..., it added": a thing or body reporting again is the one that reported last
                        return self._last_speaker
                    found = self._speaker(speaker, skip, offset)
                    if found[1] is not None and speaker.pos_ != "PRON":
                        self._last_speaker = found
                    return found
        for token in doc:
            if token.lower_ == "according":
                for to in token.children:
                    for pobj in to.children:
                        if pobj.dep_ == "pobj" and pobj.i not in skip:
                            return self._speaker(pobj, skip, offset)
        return None, None

    def _speaker(self, token: Token, skip: frozenset[int], offset: int) -> tuple[Named | None, str | None]:
        named = self.namer.name(token, skip, offset + token.idx)
        if named is None:
            return None, None
        if named.entity is None:
            # "Lawyers for Potanin": a generic speaker is described in full
            words = [
                t for t in token.subtree if t.dep_ not in {"punct", "relcl", "appos"} and t.i not in skip
            ]
            return None, " ".join(t.text for t in words) or None
        if not named.named:
            # "his spokesman", "the ministry": the description as written, its owner resolved
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            resolved = self.namer.name(owner, skip, offset + owner.idx) if owner is not None else None
            if owner is not None and resolved is not None and resolved.entity is not None:
                head_words = " ".join(t.text for t in token.subtree if t.i > owner.i and t.dep_ != "punct")
                return named, f"{resolved.canonical}'s {head_words}".strip()
        return named, named.canonical if named.named else named.text


def _reporter(verb: Token, skip: frozenset[int]) -> Token | None:
    """The subject of a reporting verb; a verb without one shares that of the verb it is coordinated with or
    a participle of ("Pistorius called for talks and revealed that ...", "..., Syrskyi declared, claiming
    ...")."""
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and child.i not in skip:
                return None if child.lower_ in RELATIVE_WORDS else child
        shares_subject = verb.dep_ in {"conj", "advcl", "xcomp"} and verb.head.i != verb.i
        if not shares_subject or verb.head.pos_ not in VERBS:
            return None
        verb = verb.head
    return None


@functools.cache
def _claim_lemmas() -> frozenset[str]:
    """The reporting verbs as lemmas (the lexicon lists forms as written; the tree gives lemmas)."""
    return frozenset({*claim_verbs(), "say", "tell", "claim", "report", "estimate", "announce", "state"})
