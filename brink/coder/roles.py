"""Roles: source, target, recipient and speaker of a matched event, read from the parse and resolved
to the actor mentions of the dictionary pass by character offsets.

A slot (see brink/coder/patterns/README.md) names tokens; a token stands for the mention that covers it,
else the mention nearest to it inside its own phrase (its subtree without clauses, conjuncts or
prepositional phrases other than "of"). Personal pronouns are resolved to the last fitting mention
before them; "we"/"I" in reported speech are the speaker.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Final

from spacy.tokens import Token

from brink.coder import tree
from brink.coder.actor_values import FROM_ANTECEDENT, Mention
from brink.coder.anaphora import definite_state
from brink.coder.antecedents import fits, modifier_only
from brink.coder.entry_actors import EntryActors
from brink.coder.guessed_actor import guessed_actor
from brink.coder.halves import half_of
from brink.coder.key_forms import AGENT, COUNTRY, Place
from brink.coder.match import Match
from brink.coder.members import critics_of, group_of, names_both, two_sides
from brink.coder.name_guesser import NameGuesser
from brink.coder.role_tokens import (
    SIDE_DEPS,
    after_such,
    by_phrases,
    has_agent,
    hyphened,
    owned_by_pronoun,
    side_modifiers,
)
from brink.coder.said_pronoun import after_its_words, teller_subjects, urged_subjects
from brink.coder.slots import slot_tokens

REPORTING: Final = frozenset(
    {"say", "tell", "add", "state", "announce", "claim", "insist", "declare", "note", "stress", "write",
     "tweet", "report", "confirm", "explain", "argue", "assert", "allege", "believe", "think", "post"}
)  # fmt: skip
# (an apposition stays: "Hideo Tarumi, Japan's ambassador")
_PHRASE_CUT: Final = frozenset({"conj", "cc", "relcl", "acl", "advcl", "punct", "ccomp", "xcomp"})
# "the border with Ukraine", "locations in Iraq": the place an action is aimed at stands for its target
_IN_PHRASE: Final = frozenset({"of", "with", "between", "along", "in"})
_GROUP_NOUNS: Final = frozenset({"group", "militia", "movement", "organisation", "organization", "faction"})
_POSSESSIVES: Final = frozenset({"its", "their", "his"})
_REASONS: Final = frozenset({"over", "for"})  # "over its attacks", "for its support of"
_PLURAL_PRONOUNS: Final = frozenset({"they", "them"})
_SUBJECT_PERSONS: Final = frozenset({"he", "she"})
_SELF_PRONOUNS: Final = frozenset({"we", "i", "us", "me"})
# "his country", "its territory": the possessor's own state
_HOMELAND: Final = frozenset({"country", "nation", "territory", "soil", "homeland", "kingdom"})
# a noun's complements that name what its act is about: "an end to Russia's war", "an inquiry into Syria's
# crackdown", "the agreement reached between Kyiv and the opposition". Not "against"/"on"/"at": they name
# the victim of a hostile act noun, and "condemned the strikes on Iran" is aimed at the striker
_GOAL_PREPS: Final = frozenset({"to", "into", "between"})
_DEEP: Final = 2  # how many nouns down a target is looked for


@dataclass(slots=True)
class Resolved:
    mention: Mention
    token: Token
    how: str  # "parse" | "pronoun" | "speaker"


class SentenceActors:
    """The mentions of one sentence (article offsets), and those before it for pronouns."""

    def __init__(
        self,
        offset: int,
        mentions: list[Mention],
        earlier: list[Mention],
        names: NameGuesser | None = None,
        places: list[tuple[int, int]] | None = None,
        owners: tuple[EntryActors, date] | None = None,
        located: list[tuple[int, int, Place]] | None = None,
    ) -> None:
        """``names``: reads a subject or object no mention covers as a guessed actor (ADR 0010; None: not);
        ``places``: the sentence's named places (article offsets), which are never guessed actors;
        ``owners``: gives "its warplanes", "his country" the country of the pronoun's actor (None: not);
        ``located``: the named places with their countries, for ``place_target`` (needs ``owners``)."""
        self.owners = owners
        self.offset = offset
        self.mentions = mentions
        self.earlier = earlier  # the article's mentions before this sentence, in order
        self.names = names
        self.places = places or []
        self.located = located or []
        self._guessed: dict[int, Mention | None] = {}  # token index -> its guessed actor (one per token)
        self._role_words: dict[str, str] = names.role_words if names is not None else {}

    def _span(self, tok: Token) -> tuple[int, int]:
        s = self.offset + tok.idx
        return s, s + len(tok.text)

    def _phrase(self, tok: Token) -> tuple[int, int]:
        lo, hi = tok.i, tok.i
        stack = [
            c
            for c in tok.children
            if c.dep_ not in _PHRASE_CUT and not (c.dep_ == "prep" and c.lower_ not in _IN_PHRASE)
        ]
        while stack:
            c = stack.pop()
            lo, hi = min(lo, c.i), max(hi, c.i)
            stack.extend(x for x in c.children if x.dep_ not in ("conj", "cc", "relcl"))
        doc = tok.doc
        return self.offset + doc[lo].idx, self.offset + doc[hi].idx + len(doc[hi].text)

    def of_token(self, tok: Token, speaker: Resolved | None) -> Resolved | None:
        leader = tree.leader(tok)
        if leader is not None:  # "the NATO-led mission in Afghanistan": the leader acts, when it is known
            r = self.of_token(leader, speaker)
            if (
                r is not None
                and not r.mention.actor.guessed
                and (r.mention.actor.country or r.mention.actor.kind == "igo")
            ):
                return Resolved(r.mention, tok, r.how)
        s, e = self._span(tok)
        for m in self.mentions:
            if m.start < e and s < m.end:
                group = group_of(m, tok, self._mention_at)
                return (
                    Resolved(group, tok, "parse")
                    if group
                    else self._owned(Resolved(m, tok, "parse"), speaker)
                )
        critics = critics_of(tok, self._mention_at, self.owners[0], self.offset) if self.owners else None
        if critics is not None:
            return Resolved(critics, tok, "parse")
        if tok.pos_ == "NOUN":  # "the invasion of Ukraine by Russia": an act stands for its doer
            for p in by_phrases(tok):
                for o in p.children:
                    r = self.of_token(o, speaker) if o.dep_ == "pobj" else None
                    if r is not None:
                        return r
        ps, pe = self._phrase(tok)
        inside = [m for m in self.mentions if ps <= m.start and m.end <= pe]
        if inside:
            return Resolved(min(inside, key=lambda m: abs(m.start - s)), tok, "parse")
        if tok.dep_ == "attr" and tok.pos_ in (
            "NOUN",
            "ADJ",
        ):  # "Chile was the first (nation) to ...": its subject
            for subj in tok.head.children:
                if subj.dep_ in tree.SUBJECT_DEPS and subj.i < tok.i:
                    r = self.of_token(subj, speaker)
                    if r is not None:
                        return Resolved(r.mention, tok, r.how)
        if tok.lemma_.lower() in _HOMELAND:
            return self._homeland(tok, speaker)
        if tok.lemma_.lower() in _GROUP_NOUNS and any(c.lower_ == "the" for c in tok.children):
            # "the group", "the militia": the armed group named last
            for m in reversed(self.earlier + [m for m in self.mentions if m.end <= s]):
                if m.actor.kind == "armed_group":
                    return Resolved(m, tok, "pronoun")
            return None
        if self.owners is not None and tok.pos_ == "PROPN":  # "the South": a half of a divided country
            before = self.earlier + [m for m in self.mentions if m.end <= self._span(tok)[0]]
            half = self._state(tok, half_of(tok, before, self.owners[0].lexicon.grammar.pronouns.halves))
            if half is not None:
                return half
        if tok.pos_ in ("NOUN", "PROPN") and self.names is not None:
            if tok.i not in self._guessed:
                self._guessed[tok.i] = self._of_the_country(
                    tok, guessed_actor(tok, self.names, self.offset, self.places)
                )
            guessed = self._guessed[tok.i]
            return Resolved(guessed, tok, "parse") if guessed is not None else None
        if tok.pos_ != "PRON":
            return None
        word = tok.lower_
        if word in _SELF_PRONOUNS:
            return Resolved(speaker.mention, tok, "speaker") if speaker is not None else None
        if word in _SUBJECT_PERSONS and speaker is not None and speaker.token.pos_ == "NOUN":
            # "the court's prosecutor said she had opened an inquiry": the reporting person
            return Resolved(speaker.mention, tok, "speaker")
        before = [m for m in self.mentions if m.end <= s]
        if word in _POSSESSIVES:  # "Russia has continued its bombardment": its clause's subject first
            r = self._blamed(tok, word) or self._clause_subject(tok, word)
            if r is not None:
                return r
            doc = tok.doc
            for m in before:
                t = tree.span_root(doc, m.start - self.offset, m.end - self.offset)
                if t is not None and t.dep_ in ("nsubj", "nsubjpass") and fits(word, m):
                    return Resolved(m, tok, "pronoun")
        # "Tehran warned it would respond": the one who says it; "urged Iraq to stop ... if it fails": Iraq
        for subj in teller_subjects(tok) or urged_subjects(tok):
            r = self._covering(subj) or self._in_phrase(subj)
            if r is not None and fits(word, r.mention):
                return Resolved(r.mention, tok, "pronoun")
        pool = self.earlier + ([] if after_its_words(tok) else before)  # ('"...," it said')
        for m in reversed(pool):
            if fits(word, m) and not modifier_only(m, tok.doc, self.offset, self._role_words):
                return Resolved(m, tok, "pronoun")
        return None

    def _clause_subject(self, pronoun: Token, word: str) -> Resolved | None:
        """The subject of the nearest clause around a possessive pronoun that names a fitting actor ("Turkey
        says its warplanes ...", "Russia has continued its bombardment")."""
        t = pronoun
        while t.head.i != t.i:
            child, t = t, t.head
            if t.pos_ not in ("VERB", "AUX"):
                continue
            for subj in t.children:
                if subj.dep_ in ("nsubj", "nsubjpass") and subj.i != child.i and subj.i < pronoun.i:
                    r = self._covering(subj) or self._in_phrase(subj)
                    if r is not None and fits(word, r.mention):
                        return Resolved(r.mention, pronoun, "pronoun")
        return None

    def _blamed(self, pronoun: Token, word: str) -> Resolved | None:
        """ "cut ties with Israel over its attacks", "praised India for its restraint": a possessive in the
        reason a verb gives stands for the verb's other party (its object or "with"/"against" object), not
        for its subject."""
        reason = pronoun.head.head
        if pronoun.dep_ != "poss" or pronoun.head.dep_ != "pobj" or reason.lower_ not in _REASONS:
            return None
        verb = reason.head
        if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ == "dobj":  # "ties ... over": the verb of "ties"
            verb = verb.head
        if verb.pos_ != "VERB":
            return None
        others = tree.objects(verb) + [
            o for p in ("with", "against") for o in tree.prep_objects(verb, p) if o.i < pronoun.i
        ]
        for o in sorted(others, key=lambda t: t.i):
            r = self._covering(o) or self._in_phrase(o)
            if r is not None and o.i < pronoun.i and fits(word, r.mention):
                return Resolved(r.mention, pronoun, "pronoun")
        return None

    def _in_phrase(self, tok: Token) -> Resolved | None:
        ps, pe = self._phrase(tok)
        s, _ = self._span(tok)
        inside = [m for m in self.mentions if ps <= m.start and m.end <= pe]
        return Resolved(min(inside, key=lambda m: abs(m.start - s)), tok, "parse") if inside else None

    def _owner(self, tok: Token, speaker: Resolved | None) -> str | None:
        """The country of the actor a possessive pronoun on ``tok`` stands for ("its", "their", "his")."""
        for c in tok.children:
            if c.dep_ == "poss" and c.pos_ == "PRON" and c.lower_ not in _SELF_PRONOUNS:
                r = self.of_token(c, speaker)
                return r.mention.actor.country if r is not None else None
        return None

    def _owned(self, r: Resolved, speaker: Resolved | None) -> Resolved:
        """A generic agent owned by a pronoun ("Turkey says its warplanes ...") is of the pronoun's country,
        not of the place its sentence names."""
        m = r.mention
        if self.owners is None or m.cat != AGENT or m.has_country or not owned_by_pronoun(r.token):
            return r
        country = self._owner(r.token, speaker)
        if country is None or country == m.actor.country:
            return r
        resolver, on = self.owners
        return Resolved(
            m.with_lent_country(resolver.with_country(m, country, on), FROM_ANTECEDENT), r.token, r.how
        )

    def _homeland(self, tok: Token, speaker: Resolved | None) -> Resolved | None:
        """ "his country", "its territory": the state of the possessive pronoun's actor."""
        country = self._owner(tok, speaker) if self.owners is not None else None
        if country is None:  # "bombed the country": the state named before it (anaphora.py)
            m = definite_state(tok, self._mention_at)
            return Resolved(m, tok, "pronoun") if m is not None else None
        return self._state(tok, country)

    def _state(self, tok: Token, country: str | None) -> Resolved | None:
        """The state ``country`` as the actor ``tok`` stands for (read like a pronoun: from context)."""
        if country is None or self.owners is None:
            return None
        resolver, _ = self.owners
        info = resolver.lexicon.countries.get(country)
        if info is None:
            return None
        s, e = self._span(tok)
        return Resolved(Mention(s, e, resolver.country_actor(info, 0), COUNTRY), tok, "pronoun")

    def _of_the_country(self, tok: Token, m: Mention | None) -> Mention | None:
        """ "Tajikistan's ministry blamed the country's outlawed Islamic Renaissance Party": a guessed actor
        of no country owned by "the country's" / "the nation's" is of the last state named before it."""
        if m is None or m.actor.country is not None:
            return m
        owners = [c for c in tok.children if c.dep_ == "poss" and c.lemma_.lower() in _HOMELAND]
        if not owners or [d.lower_ for d in owners[0].children if d.dep_ == "det"] != ["the"]:
            return m
        s = self._span(owners[0])[0]
        for x in reversed([x for x in self.mentions if x.end <= s]):
            if x.actor.kind == "state" and x.actor.country and not x.actor.generic:
                a = m.actor
                return m.with_actor(
                    replace(a, country=x.actor.country, code=x.actor.country + (a.role or ""))
                )
        return m

    def slot(
        self,
        match: Match,
        slot: str,
        speaker: Resolved | None,
        deep: bool = False,
        tokens: list[Token] | None = None,
    ) -> list[Resolved]:
        """The actors of ``slot``; ``deep`` (targets): a noun that names no actor in its own phrase stands
        for the actor its goal complement names ("called for an end to Russia's war": Russia).
        ``tokens``: the slot's ``slot_tokens`` when the caller has read them already."""
        out: list[Resolved] = []
        for tok in tokens if tokens is not None else slot_tokens(match, slot):
            found = self._each(tok, speaker)
            if not found and deep:
                r = self._goal(tok, speaker, _DEEP)
                found = [r] if r is not None else []
            for r in found:
                if all(x.mention is not r.mention for x in out):
                    out.append(r)
        return out

    def _each(self, tok: Token, speaker: Resolved | None) -> list[Resolved]:
        """The actor(s) a token stands for: "Indian and Chinese troops" are two; "they" after "India and
        Saudi Arabia" in its sentence too."""
        if tok.lower_ in _PLURAL_PRONOUNS or names_both(tok) or self._shared(tok):
            # "India and Pakistan accused each other": each side's act is aimed at the other(s); the
            # caller drops the pairs of an actor with itself
            both = self._conjoined_before(tok)
            # ("Councillor and Foreign Minister Wang Yi ... both the leaders": two titles of one state's man)
            if len(both) > 1 and not (two_sides(tok) and len({r.mention.actor.country for r in both}) < 2):
                return both
        members = self._members(tok)
        if members:
            return members
        parties = [r for r in (self._covering(x) for x in tree.plural_of_parties(tok)) if r is not None]
        if len(parties) > 1:
            return parties
        modifiers = side_modifiers(tok)
        if not modifiers and tok.dep_ in SIDE_DEPS:  # the slot is the modifier: "Israeli-Palestinian"
            modifiers = hyphened(tok)
        if not modifiers:  # "the heads of Russian and Ukrainian administrations"
            of = [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
            modifiers = [x for o in of if o.dep_ == "pobj" for x in side_modifiers(o)]
        if len(modifiers) > 1:
            found = [r for r in (self._covering(x) for x in modifiers) if r is not None]
            if len(found) > 1:
                return found
        r = self.of_token(tok, speaker)
        return [r] if r is not None else []

    def _goal(self, tok: Token, speaker: Resolved | None, depth: int) -> Resolved | None:
        """The actor a noun's goal complement names: its "to"/"into"/"between" object, also through a
        participle ("the agreement reached between ..."), nearest first, after the participle's "by" doer;
        ``depth`` nouns down."""
        if depth <= 0 or tok.pos_ not in ("NOUN", "PROPN"):
            return None
        # (the small model tags some participles VBD: one with a "by" agent is a participle all the same)
        heads = [tok, *(c for c in tok.children if c.dep_ == "acl" and (c.tag_ == "VBN" or has_agent(c)))]
        # "shot down drones launched at its territory by Russia": the participle's doer owns the thing
        doers = [
            o for h in heads[1:] for a in tree.children(h, ("agent",)) for o in tree.children(a, ("pobj",))
        ]
        objs = doers + sorted(
            (o for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ in _GOAL_PREPS
             for o in tree.children(p, ("pobj",))),
            key=lambda o: o.i,
        )  # fmt: skip
        for o in objs:
            r = self.of_token(o, speaker) if o.pos_ != "PRON" else None
            r = r or self._goal(o, speaker, depth - 1)
            if r is not None:
                return Resolved(r.mention, tok, r.how)
        return None

    def place_target(self, match: Match, slot: str) -> list[Resolved]:
        """The country of a named place a violent act's object names ("pounded the province of Aleppo",
        "an attack on a mosque in Mazar-i-Sharif") or the act happens in ("struck targets in Damascus"):
        the land attacked stands for its state. The source's
        own country stays a target: a state that bombs its own province acts at home."""
        if self.owners is None:
            return []
        resolver, _ = self.owners
        for tok in slot_tokens(match, slot):
            if tok.pos_ not in ("NOUN", "PROPN"):
                continue
            ps, pe = self._phrase(tok)
            s, _ = self._span(tok)
            inside = [(a, b, p) for a, b, p in self.located if ps <= a and b <= pe and p.country]
            if not inside:
                continue
            a, b, place = min(inside, key=lambda x: abs(x[0] - s))
            info = resolver.lexicon.countries.get(place.country or "")
            if info is not None:
                return [Resolved(Mention(a, b, resolver.country_actor(info, 0), COUNTRY), tok, "place")]
        return []

    def _shared(self, tok: Token) -> bool:
        """ "India and China pulled back their troops", "agreed to talks between their ministers": an
        unnamed agent ("troops", no country of its own) owned by the "their" of two conjoined sides is
        each side's, facing the other: it stands for the sides, as "each other" does."""
        if tok.dep_ not in ("dobj", "pobj") or not any(
            c.dep_ == "poss" and c.lower_ == "their" for c in tok.children
        ):
            return False
        m = self._covering(tok)
        return m is not None and m.mention.cat == AGENT and not m.mention.has_country

    def _members(self, tok: Token) -> list[Resolved]:
        """ "Several countries including Chile, Peru and Mexico": a common noun no mention covers stands
        for the actors its "including"/"such as" list names."""
        if tok.pos_ != "NOUN" or self._covering(tok) is not None:
            return []
        listed = [
            o
            for p in tok.children
            if p.dep_ == "prep" and (p.lower_ == "including" or (p.lower_ == "as" and after_such(p)))
            for o in tree.with_conjuncts(tree.children(p, ("pobj",)))
        ]
        found = [r for r in (self._covering(o) for o in listed) if r is not None]
        return [Resolved(r.mention, tok, "parse") for r in found]

    def _conjoined_before(self, pronoun: Token) -> list[Resolved]:
        """The actors of the last conjoined subject before ``pronoun`` in its sentence ("A and B ...")."""
        for t in reversed(pronoun.doc[: pronoun.i]):
            if t.dep_ in ("nsubj", "nsubjpass") and t.conjuncts:
                found = [r for r in (self._covering(x) for x in (t, *t.conjuncts)) if r is not None]
                if len({r.mention.actor.code for r in found}) == len(found):
                    return [Resolved(r.mention, pronoun, "pronoun") for r in found]
                return []
        return []

    def mention_at(self, tok: Token) -> Mention | None:
        """The mention covering ``tok`` (None: none)."""
        return self._mention_at(tok)

    def _mention_at(self, tok: Token) -> Mention | None:
        r = self._covering(tok)
        return r.mention if r is not None else None

    def _covering(self, tok: Token) -> Resolved | None:
        s, e = self._span(tok)
        for m in self.mentions:
            if m.start < e and s < m.end:
                return Resolved(m, tok, "parse")
        return None

    def speaker(self, trigger: Token) -> Resolved | None:
        """The subject of the verb of saying that reports ``trigger``'s clause ("..., Trump said")."""
        tok = trigger
        while tok.dep_ != "ROOT" and tok.head != tok:
            if tok.dep_ in ("ccomp", "parataxis") and tok.head.lemma_.lower() in REPORTING:
                for subj in tree.subjects(tok.head):  # (one subject: a dateline misread as one is not it)
                    r = self.of_token(subj, None)
                    if r is not None:
                        return r
            tok = tok.head
        # '"...," said Trump' hangs off the root as parataxis; '"...", Trump tweeted' often as its ccomp
        for child in trigger.sent.root.children:
            after = child.dep_ == "ccomp" and child.i > trigger.i
            if (after or child.dep_ == "parataxis") and child.lemma_.lower() in REPORTING:
                for subj in tree.subjects(child):
                    r = self.of_token(subj, None)
                    if r is not None:
                        return r
        return None
