"""The values the coder's stages pass on: a resolved actor (``ActorVal``) and a mention of one in a
sentence (``Mention``, with its character and token span and the kind of dictionary entry it came from)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

PRONOUN: Final = 9  # mention category for pronouns and "the group" resolved at analysis time
NAMED: Final = 10  # a name no dictionary knows, read from its words (NameGuesser)


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
        )

    def with_actor(self, actor: ActorVal) -> Mention:
        """``dataclasses.replace(self, actor=actor)`` without its interpreted per-field loop (hot path)."""
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
        )
