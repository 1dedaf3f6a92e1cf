"""Actor mentions: dictionary matches turned into resolved actors (country modifiers merged in,
titles resolved to office holders on the article's date, generic agents given a country)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import Final

from lemminflect import getAllLemmas

from brink.coder.dictionary_schema import (
    AgentEntry,
    ArmedGroupEntry,
    NameRules,
    OrganisationEntry,
    PersonEntry,
    Position,
)
from brink.coder.lexicon import (
    AGENT,
    C_DEMONYM,
    C_DEMONYM_PLURAL,
    C_METONYM,
    C_NAME,
    CASE_TITLE,
    CASE_UPPER,
    COUNTRY,
    GROUP,
    ORG,
    PERSON,
    CountryInfo,
    Form,
    Lexicon,
    active_position,
)
from brink.coder.text import key_for

PRONOUN: Final = 9
NAMED: Final = 10  # a name no dictionary knows, read from its words (NameGuesser)
# Generic heads that end a name the dictionaries do not know ("the Palestinian Fatah faction").
_HEAD_NOUNS: Final = frozenset(
    {"faction", "party", "movement", "group", "chairman", "leader", "chief", "head", "official", "officials",
     "front", "council", "committee", "brigade", "brigades", "union", "alliance", "organization",
     "organisation", "agency"}
)  # fmt: skip  # mention category for pronouns and "the group" resolved at analysis time
# Modifier words that are also verbs: between two generic agents they are the verb of a clause.
_PARTICIPLES: Final = frozenset({"detained", "jailed", "exiled", "elected", "appointed", "armed", "allied"})
_FORM_PRIORITY: Final = {PERSON: 0, GROUP: 1, ORG: 2, COUNTRY: 3, AGENT: 4}
# between an office title and its state: the capitalised portfolio ("Minister for Foreign Affairs of")
_PORTFOLIO_OF: Final = re.compile(r" for (?:[A-Z][\w'-]*,? (?:(?:and|&) )?){1,5}of (?:the )?")
_HEAD_INITIALS: Final = frozenset(ord(w[0]) for w in _HEAD_NOUNS)  # code points: a word's first letter
_NO_PLACES: Final[set[int]] = set()  # never mutated
_HIT_START: Final = itemgetter(0)
_HIT_END: Final = itemgetter(1)


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


# resolve_title's mark for a title not looked up yet (a looked-up title without holder is None)
_NOT_RESOLVED: Final = ActorVal("", None, None, "", "")

# Words between a locative preposition and its place ("in northern Syria", "in downtown Kabul", "in
# neighbouring Lebanon"): the place is still where the preposition points, not an actor.
_DIRECTIONS: Final = frozenset(
    {"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
     "northeastern",
     "northwestern", "southeastern", "southwestern", "northeast", "northwest", "southeast", "southwest",
     "downtown", "suburban", "rural", "coastal", "neighbouring", "neighboring", "nearby"}
)  # fmt: skip


def _upper_initial(ch: str) -> bool:
    """``ch.isupper()`` for one character, ASCII answered without a method call (hot when compiled)."""
    code = ord(ch)
    if code < 128:
        return 65 <= code <= 90
    return ch.isupper()


def _all_caps(text: str, start: int, end: int) -> bool:
    """``text[start:end].isupper()``, ASCII answered without a slice or a method call (hot when compiled)."""
    cased = False
    for q in range(start, end):
        code = ord(text[q])
        if code >= 128:
            return text[start:end].isupper()
        if 97 <= code <= 122:
            return False
        if 65 <= code <= 90:
            cased = True
    return cased


def _letters_only(words: list[str], i: int, j: int) -> bool:
    """Every character of ``words[i:j]`` a letter or "&" (ASCII answered without a method call)."""
    for q in range(i, j):
        for c in words[q]:
            code = ord(c)
            if code < 128:
                if not (97 <= code <= 122 or 65 <= code <= 90 or code == 38):
                    return False
            elif not c.isalpha():
                return False
    return True


def _space_at(s: str, i: int) -> bool:
    """``s[i].isspace()``, ASCII answered from the code point (no one-character string, no method call)."""
    code = ord(s[i])
    if code < 128:
        return code == 32 or 9 <= code <= 13 or 28 <= code <= 31
    return s[i].isspace()


def prev_word(norm: str, start: int) -> str:
    """The word before text offset ``start`` (in the normalised text), skipping "northern", "eastern" ...
    so that "in northern Syria" reads as "in Syria"."""
    # The last word of the 40-character window, found from its end without splitting the window
    lo = max(0, start - 40)
    j = min(start + 1, len(norm))
    while j > lo and _space_at(norm, j - 1):
        j -= 1
    if j <= lo:
        return ""
    i = j - 1
    while i > lo and not _space_at(norm, i - 1):
        i -= 1
    word = norm[i:j]
    if word in _DIRECTIONS:
        return _prev_word_past_directions(norm, start)
    return word


def _prev_word_past_directions(norm: str, start: int) -> str:
    chunk = norm[max(0, start - 40) : start + 1].split()
    while len(chunk) > 1 and chunk[-1] in _DIRECTIONS:
        chunk.pop()
    return chunk[-1] if chunk else ""


def _has_break(raw: str) -> bool:
    """Does the text between two mentions break their link (a comma, a bracket, a quotation mark)?
    Substring tests: C-level scans, no set or one-character strings built."""
    return (
        "," in raw or ";" in raw or ":" in raw or "(" in raw or ")" in raw or '"' in raw
        or "\u201c" in raw or "\u201d" in raw
    )  # fmt: skip


def _upper_at(text: str, i: int) -> bool:
    """``text[i].isupper()``, ASCII answered from the code point (no one-character string)."""
    code = ord(text[i])
    if code < 128:
        return 65 <= code <= 90
    return text[i].isupper()


def _distance_from_office(person: PersonEntry, on: date) -> int:
    """Days between ``on`` and the nearest of the person's tenures (0 when none is dated)."""
    best: int | None = None
    for pos in person.positions:
        if pos.end is not None and pos.end <= on:
            days = (on - pos.end).days
        elif pos.start is not None and pos.start > on:
            days = (pos.start - on).days
        else:
            continue
        best = days if best is None else min(best, days)
    return 0 if best is None else best


def _outspanned(hits: list[tuple[int, int, tuple[Form, ...]]], q: int) -> bool:
    """Does a longer match start inside match ``q`` and end after it? "the U.S. Agency for International
    Development": the agency, not "the U.S." (``hits`` by start, the longest first)."""
    start, end, _ = hits[q]
    for r in range(q + 1, len(hits)):
        s, e, _ = hits[r]
        if s >= end:
            return False
        if s > start and e > end and e - s > end - start:
            return True
    return False


def _word_char(text: str, i: int) -> bool:
    """``text[i].isalnum() or text[i] in "-'’"``, ASCII answered from the code point."""
    code = ord(text[i])
    if code < 128:
        return 48 <= code <= 57 or 65 <= code <= 90 or 97 <= code <= 122 or code == 45 or code == 39
    return text[i].isalnum() or code == 0x2019


def _starts_at(mentions: list[Mention], q: int, pos: int) -> bool:
    """Does one of ``mentions[q:]`` (in text order) start at ``pos``?"""
    n = len(mentions)
    while q < n and mentions[q].start < pos:
        q += 1
    return q < n and mentions[q].start == pos


def _by_start_longest_first(hits: list[tuple[int, int, tuple[Form, ...]]]) -> bool:
    """Are ``hits`` ordered by start, the longest (latest end) first among those of one start?"""
    prev_start = -1
    prev_end = 0
    for start, end, _forms in hits:
        if start < prev_start or (start == prev_start and end >= prev_end):
            return False
        prev_start, prev_end = start, end
    return True


class _DayCache:
    """What ActorResolver resolved for one date: person actors by id of the person entry, and title
    holders by title phrase, then country (None: no holder)."""

    __slots__ = ("people", "titles")

    def __init__(self) -> None:
        self.people: dict[int, ActorVal] = {}
        self.titles: dict[str, dict[str, ActorVal | None]] = {}


class ActorResolver:
    def __init__(self, lexicon: Lexicon) -> None:
        g = lexicon.grammar
        self.lexicon = lexicon
        self.countries = lexicon.countries
        self.modifier_words = frozenset(g.modifier_words)
        self.sponsor_words = frozenset(g.sponsor_words)
        # the words a link between two mentions can begin with (_gap): a gap beginning with another has none
        self.link_first_words = self.modifier_words | self.sponsor_words | {"of", "and", "&", "s"}
        # what depends on the article's date (person actors, title holders), per date (see _day)
        self._days: dict[date, _DayCache] = {}
        self._day_date: date | None = None
        self._today = _DayCache()
        # Actors that depend only on the dictionaries, built once (by the id of the dictionary object,
        # which lives as long as the lexicon): each mention of "Iran" then shares one ActorVal, which
        # also lets the events of one article share their contract Actors (api._actor).
        self._entry_actors: dict[int, ActorVal] = {}  # org, group; agent and country forms: by id
        self._country_actors: dict[int, ActorVal] = {}  # by id(CountryInfo) * 8 + sub
        self._agents: dict[tuple[int, str, str | None, str | None], ActorVal] = {}  # agent_actor's
        self.opposed: list[tuple[int, int, str]] = []  # "anti-X" countries met while resolving mentions
        self.locative = frozenset(
            [
                "in",
                "at",
                "from",
                "near",
                "inside",
                "outside",
                "around",
                "into",
                "to",
                "across",
                "throughout",
                "within",
                "over",
                "toward",
                "towards",
            ]
        )

    # ------------------------------------------------------------------ single forms
    def country_actor(self, info: CountryInfo, sub: int) -> ActorVal:
        key = id(info) * 8 + sub
        actor = self._country_actors.get(key)
        if actor is None:
            actor = self._country_actors[key] = self._new_country_actor(info, sub)
        return actor

    @staticmethod
    def _new_country_actor(info: CountryInfo, sub: int) -> ActorVal:
        if sub == C_DEMONYM_PLURAL:
            return ActorVal(
                info.iso3 + "CVL", info.iso3, "CVL", info.name + " civilians", "group", ref=info.iso3
            )
        if sub == C_METONYM:
            return ActorVal(
                info.iso3 + "GOV", info.iso3, "GOV", info.name, "state", "official", ref=info.iso3
            )
        return ActorVal(info.iso3, info.iso3, None, info.name, "state", ref=info.iso3)

    def person_actor(self, person: PersonEntry, on: date, org: ActorVal | None = None) -> ActorVal:
        pos = active_position(person, on)
        if pos is None:
            # out of office on that date: the person's latest role, without its authority
            last = person.positions[-1]
            return ActorVal(
                person.country + last.role if last.role != "IGO" else person.country,
                person.country,
                last.role if last.role != "IGO" else None,
                person.name,
                "person",
                None,
                ref=person.id,
            )
        return self._position_actor(person, pos, org)

    def _position_actor(self, person: PersonEntry, pos: Position, org: ActorVal | None = None) -> ActorVal:
        if pos.igo:
            return ActorVal(pos.igo, None, "IGO", person.name, "person", pos.authority, ref=person.id)
        if pos.group:
            grp = self.lexicon.groups_by_id.get(pos.group)
            if grp is not None:
                return ActorVal(
                    grp.code,
                    grp.country,
                    grp.role,
                    person.name,
                    "person",
                    pos.authority,
                    sponsor=grp.sponsor,
                    ref=person.id,
                )
        if pos.role == "IGO":
            code = org.code if org is not None and org.kind == "igo" else "IGO"
            return ActorVal(code, None, "IGO", person.name, "person", pos.authority, ref=person.id)
        return ActorVal(
            person.country + pos.role,
            person.country,
            pos.role,
            person.name,
            "person",
            pos.authority,
            ref=person.id,
        )

    def _day(self, on: date) -> _DayCache:
        """The caches for date ``on`` (an article's mentions share its date: one dict lookup per article)."""
        if on != self._day_date:
            day = self._days.get(on)
            if day is None:
                if len(self._days) > 1000:  # bounded: a long replay spans many dates
                    self._days.clear()
                day = self._days[on] = _DayCache()
            self._day_date = on
            self._today = day
        return self._today

    def org_actor(self, org: OrganisationEntry) -> ActorVal:
        actor = self._entry_actors.get(id(org))
        if actor is None:
            actor = self._entry_actors[id(org)] = ActorVal(
                org.code, org.country, org.role, org.name, org.kind, org.authority, ref=org.id
            )
        return actor

    def group_actor(self, grp: ArmedGroupEntry) -> ActorVal:
        actor = self._entry_actors.get(id(grp))
        if actor is None:
            actor = self._entry_actors[id(grp)] = ActorVal(
                grp.code, grp.country, grp.role, grp.name, "armed_group", sponsor=grp.sponsor, ref=grp.id
            )
        return actor

    def agent_actor(
        self, agent: AgentEntry, phrase: str, country: str | None, sponsor: str | None
    ) -> ActorVal:
        """The generic agent ``agent`` as ``phrase`` of ``country``: built once per combination (shared, as
        every ActorVal may be), since an article's "protesters" and "forces" get their country again and
        again."""
        key = (id(agent), phrase, country, sponsor)
        actor = self._agents.get(key)
        if actor is None:
            if len(self._agents) > 50_000:
                self._agents.clear()
            actor = self._agents[key] = self._new_agent_actor(agent, phrase, country, sponsor)
        return actor

    def _new_agent_actor(
        self, agent: AgentEntry, phrase: str, country: str | None, sponsor: str | None
    ) -> ActorVal:
        name_country = self.countries[country].name + " " if country and country in self.countries else ""
        return ActorVal(
            (country or "") + agent.role,
            country,
            agent.role,
            name_country + phrase,
            agent.kind,
            agent.authority,
            sponsor=sponsor,
            ref=agent.id,
            generic=country is None,
            title=agent.authority is not None,
        )

    def resolve_title(self, phrase: str, country: str, on: date) -> ActorVal | None:
        """'the U.S. president' on 2020-01-01 -> Donald Trump."""
        titles = self._day(on).titles
        by_country = titles.get(phrase)
        if by_country is None:
            by_country = titles[phrase] = {}
        holder = by_country.get(country, _NOT_RESOLVED)
        if holder is _NOT_RESOLVED:
            holder = by_country[country] = self._title_holder(phrase, country, on)
        return holder

    def _title_holder(self, phrase: str, country: str, on: date) -> ActorVal | None:
        holders = self.lexicon.positions_by_title.get((key_for(phrase), country))
        if not holders:
            return None
        for person, pos in holders:
            if (pos.start is None or pos.start <= on) and (pos.end is None or on < pos.end):
                return self._position_actor(person, pos)
        return None

    def with_country(self, m: Mention, country: str, on: date, sponsor: str | None = None) -> ActorVal:
        a = m.actor
        if m.cat == AGENT:
            if a.title:
                person = self.resolve_title(m.phrase, country, on)
                if person is not None:
                    return person
            agent = self.lexicon.agents_by_id[a.ref or ""]
            return self.agent_actor(agent, m.phrase, country, sponsor or a.sponsor)
        return a

    # ------------------------------------------------------------------ mentions of one sentence
    def mentions(
        self,
        text: str,
        norm: str,
        hits: list[tuple[int, int, tuple[Form, ...]]],
        on: date,
        place_starts: set[int] | None = None,
    ) -> list[Mention]:
        """The mentions of one sentence from its dictionary matches ``hits`` (text offsets, forms), best
        read by start, the longest first (Engine.analyse collects them so; other orders are sorted)."""
        if not hits:
            return []
        if len(hits) > 1 and not _by_start_longest_first(hits):
            # two stable C-level sorts instead of a key tuple per hit
            hits = sorted(hits, key=_HIT_END, reverse=True)
            hits.sort(key=_HIT_START)
        if place_starts is None:
            place_starts = _NO_PLACES
        chosen: list[Mention] = []
        last_end = -1
        for q, (start, end, forms) in enumerate(hits):
            if start < last_end or _outspanned(hits, q):
                continue
            form = self._pick(text, start, end, forms, on)
            if form is None:
                continue
            m = self._mention(text, norm, start, end, form, on, place_starts)
            if m is None:
                continue
            chosen.append(m)
            last_end = end
        merged = self._merge(text, norm, chosen, on)
        return [self._extend(text, merged, q) for q in range(len(merged))]

    def _extend(self, text: str, merged: list[Mention], q: int) -> Mention:
        """'the Palestinian Fatah faction', 'Pakistan Tehreek-e-Insaf chairman': a country followed by
        names the dictionaries do not know stays that country's actor, covering the whole name (up to the
        next mention: ``merged`` is in text order, ``q`` the one extended)."""
        m = merged[q]
        names_ok = m.cat == COUNTRY and m.sub in (C_NAME, C_DEMONYM)
        pos = m.end
        end = m.end
        taken = 0
        n = len(text)
        while taken < 4:
            if pos < n and ord(text[pos]) == 45:  # "-"
                break
            ws = pos
            while ws < n and ord(text[ws]) == 32:
                ws += 1
            if ws == pos or ws >= n or _starts_at(merged, q + 1, ws):
                break
            first = ord(text[ws])
            if 97 <= first <= 122 and first not in _HEAD_INITIALS:
                break  # neither a name (upper case) nor a head noun: most words after a mention
            we = ws
            while we < n and _word_char(text, we):
                we += 1
            word = text[ws:we]
            if not word:
                break
            head = word.lower() in _HEAD_NOUNS
            # a name: a capital, not all capitals (from the code points: no method calls on ASCII)
            if head or (names_ok and _upper_at(text, ws) and not _all_caps(text, ws, we)):
                end = we
                taken += 1
                pos = we
                if head:
                    break
                continue
            break
        if end == m.end:
            return m
        return m.spanning(m.start, end, m.ti, m.tj)

    def _pick(self, text: str, start: int, end: int, forms: tuple[Form, ...], on: date) -> Form | None:
        """The form a match stands for. A surface shared by two entries of one kind ("Aoun", "Congolese")
        is resolved by who held office on the article's date, else left uncoded."""
        if len(forms) == 1:  # most surfaces: no choice to make
            f = forms[0]
            return f if self._case_fits(text, start, end, f) else None
        passing: list[Form] = []
        for f in forms:
            if self._case_fits(text, start, end, f):
                passing.append(f)
        if not passing:
            return None
        if len(passing) == 1:
            return passing[0]
        best_cat = 99
        for f in passing:
            best_cat = min(best_cat, _FORM_PRIORITY[f.cat])
        same = [f for f in passing if _FORM_PRIORITY[f.cat] == best_cat]
        refs = {id(f.ref) for f in same}
        if len(refs) == 1:
            return same[0]
        if same[0].cat == PERSON:
            active = [f for f in same if active_position(f.ref, on) is not None]
            if len({id(f.ref) for f in active}) == 1:
                return active[0]
            if not active and len({f.ref.country for f in same}) == 1:
                # "Bush" in 1998 or "Clinton" in 2005: none in office, but every bearer is of one
                # country; the most recent to have left office (after the date, the earliest to come)
                return min(same, key=lambda f: _distance_from_office(f.ref, on))
            return None
        if same[0].cat == COUNTRY and len({f.ref.iso3 for f in same}) == 1:
            return same[0]
        # the first form of the best priority below best_cat (``min`` by priority, without a key lambda)
        best: Form | None = None
        best_rank = 99
        for f in passing:
            rank = _FORM_PRIORITY[f.cat]
            if best_cat < rank < best_rank:
                best, best_rank = f, rank
        return best

    @staticmethod
    def _case_fits(text: str, start: int, end: int, f: Form) -> bool:
        if f.case == CASE_TITLE:
            return _upper_at(text, start)
        if f.case == CASE_UPPER:
            surface = text[start:end]
            # "AU" is not "A U.S." (its dotted variant "A.U." matched across a space)
            return surface.isupper() and not (" " in surface and " " not in f.surface)
        return True

    def _mention(
        self, text: str, norm: str, start: int, end: int, form: Form, on: date, place_starts: set[int]
    ) -> Mention | None:
        cat = form.cat
        # The prefixes looked at ("anti-", "anti ", "non-", "pro-") end in "-" or "i ": most mentions
        # have neither before them and skip the slice and lower-casing.
        before = ord(text[start - 1]) if start > 0 else 0
        pro = False
        if before == 45 or (before == 32 and start >= 5 and ord(text[start - 2]) in (105, 73)):  # "-", " i"
            prefix = text[max(0, start - 5) : start].lower()
            if prefix.endswith(("anti-", "anti ", "non-")):
                if cat == COUNTRY and prefix.endswith("anti-"):
                    self.opposed.append((start, end, form.ref.iso3))  # "anti-Israeli protest": the target
                return None
            pro = prefix.endswith("pro-")
        if cat == COUNTRY:
            if form.sub == C_METONYM:
                if prev_word(norm, start) in self.locative:
                    return None  # "in Baghdad": a place, not the government
                after = text[end : end + 3].lstrip()
                if (end - start > 3 and text[start:end].isupper()) or after[:1] in (
                    "-",
                    "\u2014",
                    "\u2013",
                    "(",
                ):
                    return None  # "ISLAMABAD -", "MOSCOW (Reuters) -": a dateline
                if text[end : end + 2] in ("'s", "\u2019s") and (end + 3) in place_starts:
                    return None  # "Baghdad's Green Zone"
            actor = self._entry_actors.get(id(form))  # the form's country actor, by the form's id
            if actor is None:
                actor = self._entry_actors[id(form)] = self.country_actor(form.ref, form.sub)
            m = Mention(start, end, actor, cat, form.sub, form.surface, has_country=True)
            if pro:
                m.sponsor_of_next = True
            # "U.S.-backed": past the abbreviation's dot
            after_end = end + 1 if text[end : end + 1] == "." else end
            if text[after_end : after_end + 1] in ("-", "\u2010", "\u2011"):
                word = norm[after_end + 2 : after_end + 16].split()[:1]
                if word and word[0] in self.sponsor_words:
                    m.sponsor_of_next = True
            return m
        if cat == PERSON:
            people = self._day(on).people
            cached = people.get(id(form.ref))
            if cached is None:
                cached = people[id(form.ref)] = self.person_actor(form.ref, on)
            return Mention(start, end, cached, cat, 0, form.surface, has_country=True)
        if cat == ORG:
            return Mention(start, end, self.org_actor(form.ref), cat, 0, form.surface, has_country=True)
        if cat == GROUP:
            return Mention(start, end, self.group_actor(form.ref), cat, 0, form.surface, has_country=True)
        known = self._entry_actors.get(id(form))
        if known is None:
            agent: AgentEntry = form.ref
            known = self._entry_actors[id(form)] = self.agent_actor(agent, form.surface, None, None)
        return Mention(start, end, known, cat, 0, form.surface)

    def _gap(self, text: str, norm: str, a: Mention, b: Mention) -> str | None:
        """How two neighbouring mentions connect: 'adj', 'poss', 'of', 'and', or None."""
        if b.start - a.end > 40:
            return None
        if b.start - a.end == 1 and ord(text[a.end]) == 32:
            return "adj"  # "Iraqi forces"
        if a.cat == AGENT and a.actor.title and _PORTFOLIO_OF.fullmatch(text, a.end, b.start):
            return "of"  # "Minister for Foreign Affairs and Trade of Hungary"
        # the first word of the gap, without splitting it: most gaps ("said the") begin with no link word
        lo = a.end + 1
        hi = b.start + 1
        while lo < hi and _space_at(norm, lo):
            lo += 1
        if lo < hi:
            first_end = lo + 1
            while first_end < hi and not _space_at(norm, first_end):
                first_end += 1
            if norm[lo:first_end] not in self.link_first_words:
                return None
        words = norm[a.end + 1 : b.start + 1].split()
        n = len(words)
        if n > 3:
            return None  # every link below has three words at most
        raw = text[a.end : b.start]
        if not words:
            stripped = raw.replace(" ", "").replace(".", "")
            if stripped in ("", "'", "\u2019", "-"):
                return "adj"
            if stripped == "&":
                return "and"
            return None
        # (a break character, checked last, also means no link: "Iran, Iraq", "Iraq (the government)")
        first = words[0]
        if a.sponsor_of_next and first in self.sponsor_words:
            rest = words[1:]
            if len(rest) <= 2 and all(w in self.modifier_words or w == "the" for w in rest):
                return None if _has_break(raw) else "adj"
            return None
        if first == "of" and (n == 1 or (n == 2 and words[1] == "the")):
            return None if _has_break(raw) else "of"
        if n == 1 and (first == "and" or first == "&"):
            return None if _has_break(raw) else "and"
        if first == "s" and raw.replace(" ", "").replace(".", "")[:2] in ("'s", "\u2019s"):
            rest = words[1:]
            if all(w in self.modifier_words for w in rest) and len(rest) <= 2:
                return None if _has_break(raw) else "poss"
            return None
        if n <= 2 and all(w in self.modifier_words for w in words):
            if a.cat == AGENT and b.cat == AGENT and not _PARTICIPLES.isdisjoint(words):
                return None  # "Police detained two men": a verb between two actors, not a modifier
            return None if _has_break(raw) else "adj"
        return None

    def _merge(self, text: str, norm: str, ms: list[Mention], on: date) -> list[Mention]:
        out: list[Mention] = []
        i = 0
        n = len(ms)
        while i < n:
            cur = ms[i]
            j = i + 1
            while j < n:
                nxt = ms[j]
                link = self._gap(text, norm, cur, nxt)
                merged = self._combine(cur, nxt, link, on) if link in ("adj", "poss", "of") else None
                if merged is None:
                    break
                cur = merged
                j += 1
            if cur.sponsor_of_next and cur.cat == COUNTRY:
                # "Iran-backed" with no actor after it: a modifier of a non-actor noun, not an actor.
                i = j
                continue
            out.append(cur)
            i = j
        # "U.S. and Iraqi forces": the bare country shares the agent of its conjunct.
        for k in range(len(out) - 1):
            a, b = out[k], out[k + 1]
            if (
                a.cat == COUNTRY
                and a.sub in (0, C_DEMONYM)
                and b.cat == AGENT
                and b.has_country
                and self._gap(text, norm, a, b) == "and"
            ):
                actor = self.with_country(b, a.actor.country or "", on)
                out[k] = Mention(
                    a.start,
                    a.end,
                    actor,
                    AGENT,
                    a.sub,
                    b.phrase,
                    a.has_country,
                    a.sponsor_of_next,
                    a.ti,
                    a.tj,
                )
        # "the President & Prime Minister of Iraq": a title without country takes its conjunct's.
        for k in range(len(out) - 1, 0, -1):
            a, b = out[k - 1], out[k]
            if (
                a.cat == AGENT
                and a.actor.title
                and not a.has_country
                and b.has_country
                and b.actor.country
                and self._gap(text, norm, a, b) == "and"
            ):
                actor = self.with_country(a, b.actor.country, on)
                out[k - 1] = Mention(
                    a.start, a.end, actor, a.cat, a.sub, a.phrase, True, a.sponsor_of_next, a.ti, a.tj
                )
        return out

    def _combine(self, a: Mention, b: Mention, link: str | None, on: date) -> Mention | None:
        ca, cb = a.cat, b.cat
        if link == "of":
            # "Prime Minister of Iraq", "Secretary-General of the United Nations"
            if ca == AGENT and not a.has_country and cb in (COUNTRY, ORG):
                if cb == ORG and b.actor.kind == "igo":
                    actor = b.actor.with_office(b.actor.name + " " + a.phrase, a.actor.authority)
                    return Mention(a.start, b.end, actor, ORG, 0, a.phrase, True)
                country = b.actor.country
                if country:
                    return Mention(
                        a.start, b.end, self.with_country(a, country, on), AGENT, 0, a.phrase, True
                    )
            return None
        if ca == COUNTRY:
            country = a.actor.country or ""
            sponsor = country if a.sponsor_of_next else None
            if cb == AGENT:
                if sponsor:
                    actor = b.actor.with_sponsor(sponsor)
                    return Mention(a.start, b.end, actor, AGENT, 0, b.phrase, False)
                return Mention(a.start, b.end, self.with_country(b, country, on), AGENT, 0, b.phrase, True)
            if (
                cb == ORG
                and b.actor.kind == "state"
                and b.actor.country not in (None, country)
                and not sponsor
            ):
                # "the Pakistan Foreign Office", "the German Foreign Office": the named country's own office
                role = b.actor.role
                actor = a.actor._but(
                    country + (role or ""), role, f"{a.actor.name} {b.phrase}", b.actor.authority, None
                )
                return Mention(a.start, b.end, actor, ORG, 0, b.phrase, True)
            if cb in (PERSON, GROUP, ORG):
                actor = b.actor
                if sponsor and cb == GROUP and actor.sponsor is None:
                    actor = actor.with_sponsor(sponsor)
                return Mention(a.start, b.end, actor, cb, 0, b.phrase, True)
            return None
        if ca == ORG and cb in (AGENT, PERSON):
            if cb == PERSON:
                person_ref = b.actor
                if person_ref.role == "IGO" and a.actor.kind == "igo":
                    return Mention(
                        a.start, b.end, person_ref.with_code(a.actor.code), PERSON, 0, b.phrase, True
                    )
                return Mention(a.start, b.end, person_ref, PERSON, 0, b.phrase, True)
            if a.actor.kind == "igo":
                actor = a.actor.with_office(a.actor.name + " " + b.phrase, b.actor.authority)
                return Mention(a.start, b.end, actor, ORG, 0, b.phrase, True)
            if a.actor.country:
                actor = self.with_country(b, a.actor.country, on)
                if actor.kind != "person":
                    actor = actor.with_role(b.actor.role or a.actor.role)
                return Mention(a.start, b.end, actor, AGENT, 0, b.phrase, True)
            return None
        if ca == AGENT and cb == PERSON:
            return Mention(a.start, b.end, b.actor, PERSON, 0, b.phrase, True)
        if ca == AGENT and cb == AGENT and a.has_country is False:
            return Mention(a.start, b.end, b.actor, AGENT, 0, b.phrase, b.has_country)
        if ca == AGENT and cb == AGENT and a.has_country and b.actor.generic:
            return Mention(
                a.start, b.end, self.with_country(b, a.actor.country or "", on), AGENT, 0, b.phrase, True
            )
        if ca == GROUP and cb == AGENT and link == "adj":
            return Mention(a.start, b.end, a.actor, GROUP, 0, a.phrase, True)
        if ca == PERSON and cb == AGENT and link in ("adj", "poss") and not b.actor.title:
            # "Trump administration", "Netanyahu's government"
            return Mention(
                a.start, b.end, self.with_country(b, a.actor.country or "", on), AGENT, 0, b.phrase, True
            )
        if ca in (GROUP, ORG) and cb == AGENT and link == "poss" and a.actor.country:
            return Mention(a.start, b.end, a.actor, ca, 0, a.phrase, True)
        return None


# Roles whose unknown bearers are parts of a state (kind "state") or armed groups; the rest are "group".
_STATE_ROLES: Final = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY"})
_OPENING: Final = frozenset('"(\u201c\u2018:')
_DASHES: Final = frozenset("-\u2013\u2014")
_MAX_NAME_WORDS: Final = 8
_NOMINAL: Final = frozenset({"NOUN", "ADJ"})
_ADJECTIVE_ENDINGS: Final = (
    "an",
    "ese",
    "ish",
    "ic",
    "i",
)  # "Tibetan", "Balkan", "Yemeni": adjectives of place
_ABBREVIATIONS: Final = frozenset(
    {"mr", "mrs", "ms", "dr", "gov", "sen", "rep", "st", "gen", "col", "lt", "maj", "capt", "adm", "sgt",
     "prof", "rev", "jr", "sr", "ft"}
)  # fmt: skip


class NameGuesser:
    """Actors for capitalised names the dictionaries do not know ("the Earth Liberation Front",
    "Gov. Phil Murphy", "Acme Corp."), so that an action whose subject or object is such a name is still
    coded. Rules in ``names.yaml``: the role from the name's head word or title, kind ``person`` for a
    title or a short run of name-like words, no country, ``guessed`` set (the engine lowers confidence).
    A name joined to a dictionary mention is read with it ("Iraqi lawmaker Ahmed Rahim", "Maoist rebels",
    "Sergei Ivanov, Russia's ambassador")."""

    def __init__(self, rules: NameRules, function_words: frozenset[str], not_names: frozenset[str]) -> None:
        self.role_words: dict[str, str] = dict(rules.role_words)
        self.honorifics: dict[str, str | None] = dict(rules.honorifics)
        self.connectors = frozenset(rules.connectors)
        self.not_names = frozenset(rules.not_names) | not_names
        self.thing_words = frozenset(rules.thing_words)
        self.place_preps = frozenset(rules.place_prepositions)
        self.modified_nouns = frozenset(rules.modified_nouns)
        self.function_words = function_words
        self._lemmas: dict[str, frozenset[str]] = {}

    def _pos(self, word: str) -> frozenset[str]:
        """Parts of speech English gives ``word`` (empty for a word it does not know: a name)."""
        known = self._lemmas.get(word)
        if known is None:
            if len(self._lemmas) > 20_000:
                self._lemmas.clear()
            known = self._lemmas[word] = frozenset(getAllLemmas(word))
        return known

    def mentions(
        self,
        text: str,
        words: list[str],
        starts: list[int],
        ends: list[int],
        punct: list[str],
        blocked: list[bool],
        capitalised: list[int],
    ) -> list[Mention]:
        """Mentions for the runs of capitalised words (``capitalised``: their indexes, in order) in one
        sentence that no token flagged in ``blocked`` (dictionary mentions, places) covers."""
        n = len(words)
        n_caps = len(capitalised)
        if not n_caps:
            return []
        if n >= 6 and n_caps * 5 > n * 3:
            return []  # a headline in title case: capitals say nothing
        out: list[Mention] = []
        connectors = self.connectors
        i = 0  # tokens before i are read
        for c in capitalised:  # a name starts at a capitalised token
            if c < i or blocked[c]:
                continue
            i = c
            j = i + 1
            while j < n and j - i < _MAX_NAME_WORDS:
                p = punct[j - 1]
                if not (p == " " or p == "-" or (p in (". ", ".") and self._abbreviation(words[j - 1]))):
                    break
                if blocked[j]:
                    break
                if _upper_initial(text[starts[j]]):  # (a flag list would cost more than these few tests)
                    j += 1
                    continue
                k = j  # lower-case connectors inside a name: "Office of the", "al-", "bin"
                while k < n and k - j < 2 and words[k] in connectors and punct[k] in (" ", "-"):
                    k += 1
                if (
                    k > j
                    and k < n
                    and _upper_initial(text[starts[k]])
                    and not blocked[k]
                    and not (words[k - 1] == "for" and words[k] in self.not_names)
                ):
                    j = k + 1  # not across "for Sunday's attack"
                    continue
                break
            mention = self._mention(text, words, starts, ends, punct, blocked, i, j)
            if mention is not None:
                out.append(mention)
                i = mention.tj
            else:
                i = j
        return out

    @staticmethod
    def _abbreviation(word: str) -> bool:
        return len(word) == 1 or word in _ABBREVIATIONS

    def _opening(self, text: str, starts: list[int], ends: list[int], punct: list[str], i: int) -> bool:
        """Does token ``i`` start a sentence, a quotation or a dateline's text (capitalised anyway)?"""
        if i == 0:
            return True
        p = punct[i - 1]
        if p != " ":  # most gaps: nothing opens there
            q = p.rstrip()
            if q and (q[-1] in _OPENING or (q[-1] in _DASHES and p != q)):
                return True
        return i == 1 and _all_caps(text, starts[0], ends[0])  # "BEIRUT Tens of thousands ..."

    def _mention(
        self,
        text: str,
        words: list[str],
        starts: list[int],
        ends: list[int],
        punct: list[str],
        blocked: list[bool],
        i: int,
        j: int,
    ) -> Mention | None:
        if i > 0:
            p = punct[i - 1]
            if p != " " and (p == "-" or p.rstrip().endswith("(")):
                return None  # "anti-Israeli", "US-led", "(Kurdistan 24)": a modifier or an aside
        if self._opening(text, starts, ends, punct, i) and words[i] in self.function_words:
            i += 1  # "The Red Cross", "After Acme said"
        while i < j and (words[i] in self.not_names or words[i] in self.connectors):
            i += 1  # "Monday the ...", "Shia mosque", "Kurdish Democratic Party" -> "Democratic Party"
        if i >= j or (j - i == 1 and len(words[i]) == 1):
            return None  # nothing left, or a lone initial
        if j - i == 1 and not _all_caps(text, starts[i], ends[i]) and self._pos(words[i]):
            return None  # one ordinary English word: "Musicians", "Kingdom", "Region's"
        if words[j - 1] in self.thing_words:
            return None
        if (
            j - i == 1
            and j < len(words)
            and punct[j - 1] == " "
            and not _upper_initial(text[starts[j]])
            and not blocked[j]
            and self._pos(words[j])
            and self._pos(words[j]) <= _NOMINAL
            and words[j] not in self.function_words
            and words[i].endswith(_ADJECTIVE_ENDINGS)
        ):
            return None  # "the Tibetan spiritual leader", "the Balkan republic": an adjective
        if not _letters_only(words, i, j):
            return None  # "COVID-19", "G20": numbers are not names here
        if j < len(words) and words[j][:1].isdigit():
            return None  # "Jan. 5", "Resolution 2254": a date or a reference
        b = i - 1
        while b >= 0 and words[b] in ("the", "a", "an"):
            b -= 1
        if b >= 0 and words[b] in self.place_preps:
            return None  # "in Vail", "to the Lower East Side": places
        if j < len(words) and punct[j - 1] == "-" and not _upper_initial(text[starts[j]]):
            return None  # "US-led", "Moscow-based": a modifier
        if (
            j < len(words)
            and punct[j - 1] == " "
            and not blocked[j]
            and not _upper_initial(text[starts[j]])
            and words[j] in self.role_words
        ):
            j += 1  # "the LetUsSpeak movement", "the Acme company": the head noun belongs to the name
        actor = self._actor(text[starts[i] : ends[j - 1]], words[i:j])
        if actor is None:
            return None
        end = ends[j - 1]
        if (
            j + 1 < len(words)
            and punct[j - 1].endswith("(")
            and punct[j].startswith(")")
            and not blocked[j]
            and _all_caps(text, starts[j], ends[j])
        ):
            end, j = ends[j] + 1, j + 1  # "(ONLF)" right after the name belongs to it
        return Mention(starts[i], end, actor, NAMED, 0, actor.name, ti=i, tj=j)

    def _actor(self, surface: str, words: list[str]) -> ActorVal | None:
        role: str | None = None
        person = False
        head = words
        for q, w in enumerate(words):
            if q > 0 and w in ("of", "for"):
                head = words[:q]
                break
        if words[0] in self.honorifics:
            if len(words) == 1:
                return None
            role = self.honorifics[words[0]]
            person = True
        else:
            for w in reversed(head):
                found = self.role_words.get(w)
                if found is not None:
                    role = found
                    break
            if role is None:
                person = (
                    not surface.replace(" ", "").isupper()  # "MSF", "FLA": acronyms are organisations
                    and all(w not in self.connectors for w in words)
                    and len(words) <= 4
                )
        name = surface[4:] if surface.startswith("The ") else surface
        if person:
            kind = "person"
        elif role in _STATE_ROLES:
            kind = "state"
        elif role == "REB":
            kind = "armed_group"
        else:
            kind = "group"
        return ActorVal(role or "---", None, role, name, kind, guessed=True)

    def drop_modifiers(self, mentions: list[Mention], words: list[str], punct: list[str]) -> list[Mention]:
        """Generic agents used as adjectives ("military aid", "police station") are not actors."""
        n = len(words)
        nouns = self.modified_nouns
        kept: list[Mention] | None = None  # a copy only once a mention goes (most sentences: none)
        for q in range(len(mentions)):
            m = mentions[q]
            if m.cat == AGENT and m.tj < n and punct[m.tj - 1] == " " and words[m.tj] in nouns:
                if kept is None:
                    kept = mentions[:q]
            elif kept is not None:
                kept.append(m)
        return kept if kept is not None else mentions

    # ------------------------------------------------------------------ names next to known actors
    def attach(
        self, mentions: list[Mention], named: list[Mention], words: list[str], punct: list[str]
    ) -> list[Mention]:
        """Read guessed names with the dictionary mentions they touch:
        - "Iraqi lawmaker Ahmed Rahim", "the South Korean NSC", "the U.S. aircraft carrier Ronald Reagan":
          the known mention covers the name (the name is its holder or its part);
        - "Maoist rebels", "Karnataka Chief Minister": a name without a role word before a generic
          agent is a modifier, the agent keeps its actor; "Acme Corp spokesman": the named body speaks;
        - "Sergei Ivanov, Russia's ambassador," / "the head of Iran's navy, Ali Rahimi,": apposition,
          the name takes the known actor's country and role."""
        out = list(mentions)
        by_end = {m.tj: q for q, m in enumerate(out)}
        by_start = {m.ti: q for q, m in enumerate(out)}
        voices: set[int] = set()  # "Acme Corp spokesman": a named body's voice, which a name may follow
        n_words = len(words)
        for n in named:
            q = by_end.get(n.ti)
            touching = q is not None and out[q].tj == n.ti and punct[n.ti - 1] == " "
            holder = q is not None and (
                out[q].cat in (AGENT, COUNTRY)
                or q in voices
                or (n.actor.kind == "person" and out[q].cat in (ORG, PERSON))  # "UN envoy Jan Kubis"
            )
            if q is not None and touching and holder:
                out[q] = out[q].spanning(out[q].start, n.end, out[q].ti, n.tj)
                by_end[n.tj] = q
                continue
            q = by_start.get(n.tj)
            if q is not None and out[q].ti == n.tj and punct[n.tj - 1] == " " and out[q].cat == AGENT:
                after = out[q]
                if not after.has_country and n.actor.role is not None:
                    out[q] = n.spanning(n.start, after.end, n.ti, after.tj)
                    voices.add(q)
                else:
                    out[q] = after.spanning(n.start, after.end, n.ti, after.tj)
                by_start[n.ti] = q
                continue
            owner = self._noun_phrase_owner(out, by_end, n, words, punct)
            if owner is not None:
                out[owner] = out[owner].spanning(out[owner].start, n.end, out[owner].ti, n.tj)
                by_end[n.tj] = owner
                continue
            other = self._apposition(out, by_end, by_start, n, words, punct, n_words) or self._of_country(
                out, by_start, n, words, n_words
            )
            if other is not None:
                n = n.with_actor(other)
            by_end[n.tj] = by_start[n.ti] = len(out)
            out.append(n)
        out.sort(key=lambda m: m.ti)
        return out

    def _noun_phrase_owner(
        self, out: list[Mention], by_end: dict[int, int], n: Mention, words: list[str], punct: list[str]
    ) -> int | None:
        """'the U.S. aircraft carrier Ronald Reagan': a country, then up to two common nouns or
        adjectives, then the name."""
        for gap in (1, 2):
            q = by_end.get(n.ti - gap)
            if q is None:
                continue
            m = out[q]
            if m.cat != COUNTRY or m.tj != n.ti - gap:
                return None
            for t in range(n.ti - gap, n.ti):
                pos = self._pos(words[t])
                if punct[t] != " " or not pos or not pos <= _NOMINAL or words[t] in self.function_words:
                    return None
            return q if punct[m.tj - 1] == " " else None
        return None

    @staticmethod
    def _of_country(
        out: list[Mention], by_start: dict[int, int], n: Mention, words: list[str], n_words: int
    ) -> ActorVal | None:
        """'the Ministry of Foreign Affairs of Lithuania', 'Supreme Court of Kenya': the state's body."""
        at = n.tj
        if at + 1 >= n_words or words[at] != "of":
            return None
        at += 2 if words[at + 1] == "the" else 1
        q = by_start.get(at)
        country = out[q].actor.country if q is not None else None
        if q is None or out[q].ti != at or out[q].cat != COUNTRY or not country:
            return None
        role = n.actor.role or "GOV"
        kind = "person" if n.actor.kind == "person" else "state"
        return ActorVal(country + role, country, role, n.actor.name, kind, ref=country)

    @staticmethod
    def _apposition(
        out: list[Mention],
        by_end: dict[int, int],
        by_start: dict[int, int],
        n: Mention,
        words: list[str],
        punct: list[str],
        n_words: int,
    ) -> ActorVal | None:
        other: Mention | None = None
        if n.ti > 0 and punct[n.ti - 1].strip() == ",":
            q = by_end.get(n.ti)
            if (
                q is not None
                and out[q].tj == n.ti
                and out[q].cat in (AGENT, PERSON)
                and (n.tj >= n_words or punct[n.tj - 1].strip() == ",")
            ):
                other = out[q]
        if other is None and n.tj < n_words and punct[n.tj - 1].strip() == ",":
            at = n.tj + 1 if words[n.tj] in ("the", "a", "an") else n.tj
            q = by_start.get(at)
            if q is not None and out[q].ti == at:
                m = out[q]
                possessive = m.tj + 1 < n_words and words[m.tj] == "s" and punct[m.tj - 1] in ("'", "\u2019")
                if m.cat in (AGENT, PERSON) or (m.cat == COUNTRY and possessive):
                    other = m
        country = other.actor.country if other is not None else None
        if other is None or not country:
            return None
        a = other.actor
        role = a.role or n.actor.role or "GOV"
        kind = "person" if n.actor.kind == "person" else a.kind
        return ActorVal(country + role, country, role, n.actor.name, kind, a.authority, ref=a.ref)
