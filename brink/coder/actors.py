"""Actor mentions: dictionary matches turned into resolved actors (country modifiers merged in,
titles resolved to office holders on the article's date, generic agents given a country)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from brink.coder.dictionary_schema import (
    AgentEntry,
    ArmedGroupEntry,
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

PRONOUN = 9
_BREAK_CHARS = frozenset(',;:()"\u201c\u201d')
# Generic heads that end a name the dictionaries do not know ("the Palestinian Fatah faction").
_HEAD_NOUNS = frozenset(
    {"faction", "party", "movement", "group", "chairman", "leader", "chief", "head", "official", "officials",
     "front", "council", "committee", "brigade", "brigades", "union", "alliance", "organization",
     "organisation", "agency"}
)  # fmt: skip  # mention category for pronouns and "the group" resolved at analysis time
_FORM_PRIORITY = {PERSON: 0, GROUP: 1, ORG: 2, COUNTRY: 3, AGENT: 4}


@dataclass(frozen=True, slots=True)
class ActorVal:
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


@dataclass(slots=True)
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


_DIRECTIONS = frozenset(
    {"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
     "northeastern",
     "northwestern", "southeastern", "southwestern", "northeast", "northwest", "southeast", "southwest"}
)  # fmt: skip


def prev_word(norm: str, start: int) -> str:
    """The word before text offset ``start`` (in the normalised text), skipping "northern", "eastern" ...
    so that "in northern Syria" reads as "in Syria"."""
    chunk = norm[max(0, start - 40) : start + 1].split()
    while len(chunk) > 1 and chunk[-1] in _DIRECTIONS:
        chunk.pop()
    return chunk[-1] if chunk else ""


class ActorResolver:
    def __init__(self, lexicon: Lexicon) -> None:
        g = lexicon.grammar
        self.lexicon = lexicon
        self.countries = lexicon.countries
        self.modifier_words = frozenset(g.modifier_words)
        self.sponsor_words = frozenset(g.sponsor_words)
        self._cache: dict[tuple[int, date], ActorVal] = {}
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

    def org_actor(self, org: OrganisationEntry) -> ActorVal:
        return ActorVal(org.code, org.country, org.role, org.name, org.kind, org.authority, ref=org.id)

    def group_actor(self, grp: ArmedGroupEntry) -> ActorVal:
        return ActorVal(
            grp.code, grp.country, grp.role, grp.name, "armed_group", sponsor=grp.sponsor, ref=grp.id
        )

    def agent_actor(
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
        place_starts: frozenset[int] = frozenset(),
    ) -> list[Mention]:
        if not hits:
            return []
        hits = sorted(hits, key=lambda h: (h[0], h[0] - h[1]))
        chosen: list[Mention] = []
        last_end = -1
        for start, end, forms in hits:
            if start < last_end:
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
        starts = {x.start for x in merged}
        return [self._extend(text, m, starts) for m in merged]

    def _extend(self, text: str, m: Mention, starts: set[int]) -> Mention:
        """'the Palestinian Fatah faction', 'Pakistan Tehreek-e-Insaf chairman': a country followed by
        names the dictionaries do not know stays that country's actor, covering the whole name."""
        names_ok = m.cat == COUNTRY and m.sub in (C_NAME, C_DEMONYM)
        pos = m.end
        end = m.end
        taken = 0
        n = len(text)
        while taken < 4:
            if pos < n and text[pos] == "-":
                break
            ws = pos
            while ws < n and text[ws] == " ":
                ws += 1
            if ws == pos or ws >= n or ws in starts:
                break
            we = ws
            while we < n and (text[we].isalnum() or text[we] in "-'’"):
                we += 1
            word = text[ws:we]
            if not word:
                break
            if (names_ok and word[0].isupper() and not word.isupper()) or word.lower() in _HEAD_NOUNS:
                end = we
                taken += 1
                pos = we
                if word.lower() in _HEAD_NOUNS:
                    break
                continue
            break
        if end == m.end:
            return m
        return replace(m, end=end)

    def _pick(self, text: str, start: int, end: int, forms: tuple[Form, ...], on: date) -> Form | None:
        """The form a match stands for. A surface shared by two entries of one kind ("Aoun", "Congolese")
        is resolved by who held office on the article's date, else left uncoded."""
        passing: list[Form] = []
        for f in forms:
            if f.case == CASE_TITLE:
                if not text[start].isupper():
                    continue
            elif f.case == CASE_UPPER and not text[start:end].isupper():
                continue
            passing.append(f)
        if not passing:
            return None
        best_cat = min(_FORM_PRIORITY[f.cat] for f in passing)
        same = [f for f in passing if _FORM_PRIORITY[f.cat] == best_cat]
        refs = {id(f.ref) for f in same}
        if len(refs) == 1:
            return same[0]
        if same[0].cat == PERSON:
            active = [f for f in same if active_position(f.ref, on) is not None]
            if len({id(f.ref) for f in active}) == 1:
                return active[0]
            return None
        if same[0].cat == COUNTRY and len({f.ref.iso3 for f in same}) == 1:
            return same[0]
        others = [f for f in passing if _FORM_PRIORITY[f.cat] > best_cat]
        return min(others, key=lambda f: _FORM_PRIORITY[f.cat]) if others else None

    def _mention(
        self, text: str, norm: str, start: int, end: int, form: Form, on: date, place_starts: frozenset[int]
    ) -> Mention | None:
        cat = form.cat
        prefix = text[max(0, start - 5) : start].lower()
        if prefix.endswith(("anti-", "anti ", "non-")):
            if cat == COUNTRY and prefix.endswith("anti-"):
                self.opposed.append((start, end, form.ref.iso3))  # "anti-Israeli protest": the target
            return None
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
            actor = self.country_actor(form.ref, form.sub)
            m = Mention(start, end, actor, cat, form.sub, form.surface, has_country=True)
            if prefix.endswith("pro-"):
                m.sponsor_of_next = True
            nxt = text[end : end + 1]
            if nxt in ("-", "\u2010", "\u2011"):
                word = norm[end + 2 : end + 16].split()[:1]
                if word and word[0] in self.sponsor_words:
                    m.sponsor_of_next = True
            return m
        if cat == PERSON:
            key = (id(form.ref), on)
            cached = self._cache.get(key)
            if cached is None:
                if len(self._cache) > 50_000:
                    self._cache.clear()
                cached = self._cache[key] = self.person_actor(form.ref, on)
            return Mention(start, end, cached, cat, 0, form.surface, has_country=True)
        if cat == ORG:
            return Mention(start, end, self.org_actor(form.ref), cat, 0, form.surface, has_country=True)
        if cat == GROUP:
            return Mention(start, end, self.group_actor(form.ref), cat, 0, form.surface, has_country=True)
        agent: AgentEntry = form.ref
        actor = self.agent_actor(agent, form.surface, None, None)
        return Mention(start, end, actor, cat, 0, form.surface)

    def _gap(self, text: str, norm: str, a: Mention, b: Mention) -> str | None:
        """How two neighbouring mentions connect: 'adj', 'poss', 'of', 'and', or None."""
        if b.start - a.end > 40:
            return None
        raw = text[a.end : b.start]
        if raw == " ":
            return "adj"
        words = norm[a.end + 1 : b.start + 1].split()
        stripped = raw.replace(" ", "").replace(".", "")
        if not words:
            if stripped in ("", "'", "\u2019", "-"):
                return "adj"
            if stripped in ("&",):
                return "and"
            return None
        if not _BREAK_CHARS.isdisjoint(raw):
            return None
        if a.sponsor_of_next and words[0] in self.sponsor_words:
            rest = words[1:]
            if len(rest) <= 2 and all(w in self.modifier_words or w == "the" for w in rest):
                return "adj"
            return None
        if words in (["of"], ["of", "the"]):
            return "of"
        if words in (["and"], ["&"]) or (not words and "&" in raw):
            return "and"
        if words[0] == "s" and stripped[:2] in ("'s", "\u2019s"):
            rest = words[1:]
            if all(w in self.modifier_words for w in rest) and len(rest) <= 2:
                return "poss"
            return None
        if len(words) <= 2 and all(w in self.modifier_words for w in words):
            return "adj"
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
                out[k] = replace(
                    a, actor=self.with_country(b, a.actor.country or "", on), cat=AGENT, phrase=b.phrase
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
                out[k - 1] = replace(a, actor=self.with_country(a, b.actor.country, on), has_country=True)
        return out

    def _combine(self, a: Mention, b: Mention, link: str | None, on: date) -> Mention | None:
        ca, cb = a.cat, b.cat
        if link == "of":
            # "Prime Minister of Iraq", "Secretary-General of the United Nations"
            if ca == AGENT and not a.has_country and cb in (COUNTRY, ORG):
                if cb == ORG and b.actor.kind == "igo":
                    actor = replace(b.actor, name=b.actor.name + " " + a.phrase, authority=a.actor.authority)
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
                    actor = replace(b.actor, sponsor=sponsor)
                    return Mention(a.start, b.end, actor, AGENT, 0, b.phrase, False)
                return Mention(a.start, b.end, self.with_country(b, country, on), AGENT, 0, b.phrase, True)
            if cb in (PERSON, GROUP, ORG):
                actor = b.actor
                if sponsor and cb == GROUP and actor.sponsor is None:
                    actor = replace(actor, sponsor=sponsor)
                return Mention(a.start, b.end, actor, cb, 0, b.phrase, True)
            return None
        if ca == ORG and cb in (AGENT, PERSON):
            if cb == PERSON:
                person_ref = b.actor
                if person_ref.role == "IGO" and a.actor.kind == "igo":
                    return Mention(
                        a.start, b.end, replace(person_ref, code=a.actor.code), PERSON, 0, b.phrase, True
                    )
                return Mention(a.start, b.end, person_ref, PERSON, 0, b.phrase, True)
            if a.actor.kind == "igo":
                actor = replace(a.actor, name=a.actor.name + " " + b.phrase, authority=b.actor.authority)
                return Mention(a.start, b.end, actor, ORG, 0, b.phrase, True)
            if a.actor.country:
                actor = self.with_country(b, a.actor.country, on)
                if actor.kind != "person":
                    actor = replace(actor, role=b.actor.role or a.actor.role)
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
