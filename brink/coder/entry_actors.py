"""The actor each dictionary entry stands for: a country form, a person on the article's date, the
holder of an office title, an organisation, an armed group, a generic agent of a country. Built once and
shared (each mention of "Iran" is one ActorVal), the date-dependent ones cached per date."""

from __future__ import annotations

from datetime import date
from typing import Final

from brink.coder.actor_values import ActorVal, Mention
from brink.coder.dictionary_schema import (
    AgentEntry,
    ArmedGroupEntry,
    OrganisationEntry,
    PersonEntry,
    Position,
)
from brink.coder.key_forms import AGENT, C_DEMONYM_PLURAL, C_METONYM, CountryInfo
from brink.coder.lexicon import Lexicon
from brink.coder.tenure import active_position
from brink.coder.text import key_for

# resolve_title's mark for a title not looked up yet (a looked-up title without holder is None)
_NOT_RESOLVED: Final = ActorVal("", None, None, "", "")


class _DayCache:
    """What EntryActors resolved for one date: person actors by id of the person entry, and title
    holders by title phrase, then country (None: no holder)."""

    __slots__ = ("people", "titles")

    def __init__(self) -> None:
        self.people: dict[int, ActorVal] = {}
        self.titles: dict[str, dict[str, ActorVal | None]] = {}


class EntryActors:
    """Actors for dictionary entries, with their caches (one per process, shared by every article)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.countries = lexicon.countries
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

    def group_title(self, phrase: str, group_id: str, on: date) -> ActorVal:
        """A title held in an armed group ("the Houthi leader"): its holder on ``on``, else the group."""
        holder = self.resolve_title(phrase, group_id, on)
        return holder if holder is not None else self.group_actor(self.lexicon.groups_by_id[group_id])

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
