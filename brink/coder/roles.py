"""Roles: source, target, recipient and speaker of a matched event, read from the parse and resolved
to the actor mentions of the dictionary pass by character offsets.

A slot (see brink/coder/patterns/README.md) names tokens; a token stands for the mention that covers it,
else the mention nearest to it inside its own phrase (its subtree without clauses, conjuncts or
prepositional phrases other than "of"). Personal pronouns are resolved to the last fitting mention
before them; "we"/"I" in reported speech are the speaker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from spacy.tokens import Token

from brink.coder import tree
from brink.coder.actors import Mention
from brink.coder.match import Match

REPORTING: Final = frozenset(
    {"say", "tell", "add", "state", "announce", "claim", "insist", "declare", "note", "stress", "write",
     "tweet", "report", "confirm", "explain", "argue", "assert", "allege", "believe", "think", "post"}
)  # fmt: skip
# (an apposition stays: "Hideo Tarumi, Japan's ambassador")
_PHRASE_CUT: Final = frozenset({"conj", "cc", "relcl", "acl", "advcl", "punct", "ccomp", "xcomp"})
# "the border with Ukraine", "locations in Iraq": the place an action is aimed at stands for its target
_IN_PHRASE: Final = frozenset({"of", "with", "between", "along", "in"})
_PERSON_PRONOUNS: Final = frozenset({"he", "she", "him", "her"})
_GROUP_PRONOUNS: Final = frozenset({"they", "them", "it"})
_GROUP_NOUNS: Final = frozenset({"group", "militia", "movement", "organisation", "organization", "faction"})
_SELF_PRONOUNS: Final = frozenset({"we", "i", "us", "me"})


@dataclass(slots=True)
class Resolved:
    mention: Mention
    token: Token
    how: str  # "parse" | "pronoun" | "speaker"


class SentenceActors:
    """The mentions of one sentence (article offsets), and those before it for pronouns."""

    def __init__(self, offset: int, mentions: list[Mention], earlier: list[Mention]) -> None:
        self.offset = offset
        self.mentions = mentions
        self.earlier = earlier  # the article's mentions before this sentence, in order

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
        s, e = self._span(tok)
        for m in self.mentions:
            if m.start < e and s < m.end:
                return Resolved(m, tok, "parse")
        ps, pe = self._phrase(tok)
        inside = [m for m in self.mentions if ps <= m.start and m.end <= pe]
        if inside:
            return Resolved(min(inside, key=lambda m: abs(m.start - s)), tok, "parse")
        if tok.lemma_.lower() in _GROUP_NOUNS and any(c.lower_ == "the" for c in tok.children):
            # "the group", "the militia": the armed group named last
            for m in reversed(self.earlier + [m for m in self.mentions if m.end <= s]):
                if m.actor.kind == "armed_group":
                    return Resolved(m, tok, "pronoun")
            return None
        if tok.pos_ != "PRON":
            return None
        word = tok.lower_
        if word in _SELF_PRONOUNS:
            return Resolved(speaker.mention, tok, "speaker") if speaker is not None else None
        before = [m for m in self.mentions if m.end <= s]
        pool = self.earlier + before
        for m in reversed(pool):
            kind = m.actor.kind
            if (word in _PERSON_PRONOUNS and kind == "person") or (
                word in _GROUP_PRONOUNS and kind != "person"
            ):
                return Resolved(m, tok, "pronoun")
        return None

    def slot(self, match: Match, slot: str, speaker: Resolved | None) -> list[Resolved]:
        out: list[Resolved] = []
        for tok in slot_tokens(match, slot):
            for r in self._each(tok, speaker):
                if all(x.mention is not r.mention for x in out):
                    out.append(r)
        return out

    def _each(self, tok: Token, speaker: Resolved | None) -> list[Resolved]:
        """The actor(s) a token stands for: "Indian and Chinese troops" are two."""
        modifiers = [
            x
            for c in tok.children
            if c.dep_ in ("amod", "compound") and c.conjuncts
            for x in (c, *c.conjuncts)
        ]
        if modifiers:
            found = [r for r in (self._covering(x) for x in modifiers) if r is not None]
            if len(found) > 1:
                return found
        r = self.of_token(tok, speaker)
        return [r] if r is not None else []

    def _covering(self, tok: Token) -> Resolved | None:
        s, e = self._span(tok)
        for m in self.mentions:
            if m.start < e and s < m.end:
                return Resolved(m, tok, "parse")
        return None

    def speaker(self, trigger: Token) -> Resolved | None:
        """The subject of the verb of saying that reports ``trigger``'s clause ("..., Trump said")."""
        tok = trigger
        while tok.dep_ != "ROOT" and tok.head is not tok:
            if tok.dep_ in ("ccomp", "parataxis") and tok.head.lemma_.lower() in REPORTING:
                for subj in tree.subjects(tok.head):
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


def slot_tokens(match: Match, slot: str) -> list[Token]:
    """The tokens ``slot`` names for the match's trigger (a complement's own slots: see ``Roles``)."""
    return _own_slot(match.trigger, slot)


def _own_slot(t: Token, slot: str) -> list[Token]:
    found = _slot_of(t, slot)
    # a noun event carried by a verb ("gave Tehran an ultimatum", "launched strikes on Iran"): the verb's
    # dependents are the event's too
    carried = t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("dobj", "nsubjpass")
    if not found and carried and slot not in ("subject", "object", "possessor"):
        found = _slot_of(t.head, slot)
    return found


def _slot_of(t: Token, slot: str) -> list[Token]:
    if slot == "subject":
        return tree.subjects(t)
    if slot == "object":
        return tree.objects(t)
    if slot == "dative":
        return tree.datives(t)
    if slot.startswith("prep:"):
        return tree.prep_objects(t, slot[5:])
    if slot in ("clause_subject", "clause_object"):
        out: list[Token] = []
        for c in tree.clauses(t):
            own = tree.children(c, tree.SUBJECT_DEPS) if slot == "clause_subject" else tree.objects(c)
            out.extend(tree.with_conjuncts(own))
        return out
    if slot == "possessor":  # "Israel's offer", "the US plan", "the American proposal"
        heads = [t, *tree.objects(t)] if t.pos_ not in ("NOUN", "PROPN") else [t]
        return [c for h in heads for c in h.children if c.dep_ in ("poss", "compound", "amod")]
    return []
