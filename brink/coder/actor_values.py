"""The values the coder's stages pass on: a resolved actor (``ActorVal``) and a mention of one in a
sentence (``Mention``, with its character and token span and the kind of dictionary entry it came from)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

PRONOUN: Final = 9  # mention category for pronouns and "the group" resolved at analysis time
NAMED: Final = 10  # a name no dictionary knows, read from its words (NameGuesser)

# Where a generic agent's country came from (Mention.country_from; mentions.py decides, lent.py re-checks
# on the parse): its own words or an antecedent, or a place or country it was only near
OWN_COUNTRY: Final = 0  # the dictionary entry's own ("Iraqi forces"), or no country at all
FROM_ANTECEDENT: Final = 1  # "the country's army", "the ministry" after a named one, "its warplanes"
FROM_CONJUNCT: Final = 2  # "the Syrian government and the opposition"
FROM_OWN_PLACE: Final = 3  # "rebels in eastern Ukraine", "the Paris-based group": a place said of it
FROM_SPOT: Final = 4  # a place after a locative preposition elsewhere in its sentence
FROM_NEAREST: Final = 5  # the nearest place or country of its sentence, not after a locative preposition
FROM_ARTICLE: Final = 6  # the article's most named country or place, or its dateline


@dataclass(slots=True, unsafe_hash=True, init=False)
class ActorVal:
    """A resolved actor. Immutable by convention (not ``frozen``, a leftover of the mypyc build, ADR 0009):
    never assign to one, ``dataclasses.replace`` copies it."""

    code: str
    country: str | None
    role: str | None
    name: str
    kind: str  # state | person | armed_group | igo | group
    authority: str | None = None
    sponsor: str | None = None
    ref: str | None = None
    generic: bool = False  # generic agent whose country came (or will come) from context
    title: bool = False  # an office title without a name ("the president")
    guessed: bool = False  # built from the words of a name no dictionary knows

    # init=False and this explicit __init__: written for the mypyc build (removed, ADR 0009); keep it in
    # step with the fields
    def __init__(
        self,
        code: str,
        country: str | None,
        role: str | None,
        name: str,
        kind: str,
        authority: str | None = None,
        sponsor: str | None = None,
        ref: str | None = None,
        generic: bool = False,
        title: bool = False,
        guessed: bool = False,
    ) -> None:
        self.code = code
        self.country = country
        self.role = role
        self.name = name
        self.kind = kind
        self.authority = authority
        self.sponsor = sponsor
        self.ref = ref
        self.generic = generic
        self.title = title
        self.guessed = guessed

    # Copies with one or two fields changed, spelled out: ``dataclasses.replace`` is interpreted Python,
    # ~25k instructions a call, as much as resolving a sentence's mentions.
    def _but(
        self, code: str, role: str | None, name: str, authority: str | None, sponsor: str | None
    ) -> ActorVal:
        return ActorVal(
            code, self.country, role, name, self.kind, authority, sponsor, self.ref, self.generic, self.title,
            self.guessed,
        )  # fmt: skip

    def with_sponsor(self, sponsor: str | None) -> ActorVal:
        return self._but(self.code, self.role, self.name, self.authority, sponsor)

    def with_role(self, role: str | None) -> ActorVal:
        return self._but(self.code, role, self.name, self.authority, self.sponsor)

    def with_code(self, code: str) -> ActorVal:
        return self._but(code, self.role, self.name, self.authority, self.sponsor)

    def with_office(self, name: str, authority: str | None) -> ActorVal:
        """'the United Nations' + 'Secretary-General': the body's actor named for the office."""
        return self._but(self.code, self.role, name, authority, self.sponsor)


@dataclass(slots=True, init=False)
class Mention:
    start: int
    end: int
    actor: ActorVal
    cat: int
    sub: int = 0
    phrase: str = ""  # matched dictionary phrase (agents/titles)
    has_country: bool = False
    sponsor_of_next: bool = False
    ti: int = -1
    tj: int = -1
    country_from: int = OWN_COUNTRY  # a generic agent's: where its country came from (FROM_*)
    country_at: int = -1  # FROM_OWN_PLACE, FROM_SPOT, FROM_NEAREST: the start of that place or country

    # init=False and this explicit __init__: written for the mypyc build (removed, ADR 0009); keep it in
    # step with the fields
    def __init__(
        self,
        start: int,
        end: int,
        actor: ActorVal,
        cat: int,
        sub: int = 0,
        phrase: str = "",
        has_country: bool = False,
        sponsor_of_next: bool = False,
        ti: int = -1,
        tj: int = -1,
        country_from: int = OWN_COUNTRY,
        country_at: int = -1,
    ) -> None:
        self.start = start
        self.end = end
        self.actor = actor
        self.cat = cat
        self.sub = sub
        self.phrase = phrase
        self.has_country = has_country
        self.sponsor_of_next = sponsor_of_next
        self.ti = ti
        self.tj = tj
        self.country_from = country_from
        self.country_at = country_at

    def spanning(self, start: int, end: int, ti: int, tj: int) -> Mention:
        """``dataclasses.replace(self, start=..., end=..., ti=..., tj=...)``, compiled (hot path)."""
        return Mention(
            start,
            end,
            self.actor,
            self.cat,
            self.sub,
            self.phrase,
            self.has_country,
            self.sponsor_of_next,
            ti,
            tj,
            self.country_from,
            self.country_at,
        )

    def with_actor(self, actor: ActorVal) -> Mention:
        """``dataclasses.replace(self, actor=actor)`` without its interpreted per-field loop (hot path)."""
        return self.with_lent_country(actor, self.country_from, self.country_at)

    def with_lent_country(self, actor: ActorVal, country_from: int, country_at: int = -1) -> Mention:
        """``with_actor`` for a generic agent given a country, saying where it came from (FROM_*)."""
        return Mention(
            self.start,
            self.end,
            actor,
            self.cat,
            self.sub,
            self.phrase,
            self.has_country,
            self.sponsor_of_next,
            self.ti,
            self.tj,
            country_from,
            country_at,
        )
