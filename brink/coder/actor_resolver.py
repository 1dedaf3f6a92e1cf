"""The actor mentions of one sentence from its dictionary matches: the form each match stands for
(chosen by case and by who held office on the date), "anti-"/"pro-" prefixes, datelines and places left
out, and neighbouring mentions merged ("Iraqi forces", "Prime Minister of Iraq", "Iran's navy")."""

from __future__ import annotations

import re
from datetime import date
from operator import itemgetter
from typing import Final

from brink.coder.actor_values import ActorVal, Mention
from brink.coder.compass_case import lower_direction_fits
from brink.coder.dictionary_schema import AgentEntry
from brink.coder.entry_actors import EntryActors
from brink.coder.key_forms import (
    AGENT,
    C_DEMONYM,
    C_METONYM,
    C_NAME,
    CASE_TITLE,
    CASE_UPPER,
    COUNTRY,
    GROUP,
    ORG,
    PERSON,
    Form,
)
from brink.coder.lexicon import Lexicon
from brink.coder.name_links import joined_by_a_name
from brink.coder.scan import all_caps, has_break, prev_word, space_at, upper_at, word_char
from brink.coder.tenure import active_position, distance_from_office

# Generic heads that end a name the dictionaries do not know ("the Palestinian Fatah faction").
_HEAD_NOUNS: Final = frozenset(
    {"faction", "party", "movement", "group", "chairman", "leader", "chief", "head", "official", "officials",
     "front", "council", "committee", "brigade", "brigades", "union", "alliance", "organization",
     "organisation", "agency"}
)  # fmt: skip
# Modifier words that are also verbs: between two generic agents they are the verb of a clause.
_PARTICIPLES: Final = frozenset({"detained", "jailed", "exiled", "elected", "appointed", "armed", "allied"})
_FORM_PRIORITY: Final = {PERSON: 0, GROUP: 1, ORG: 2, COUNTRY: 3, AGENT: 4}
# between an office title and its state: the capitalised portfolio ("Minister for Foreign Affairs of")
_PORTFOLIO_OF: Final = re.compile(r" for (?:[A-Z][\w'-]*,? (?:(?:and|&) )?){1,5}of (?:the )?")
_HEAD_INITIALS: Final = frozenset(ord(w[0]) for w in _HEAD_NOUNS)  # code points: a word's first letter
_NO_PLACES: Final[set[int]] = set()  # never mutated
# "pro-Syrian government forces": forces for the country's own government (or regime) are that country's
_OWN_SIDE: Final = frozenset({"government", "regime"})
_HYPHENS: Final = frozenset({"-", "\u2010", "\u2011"})
_HIT_START: Final = itemgetter(0)
_HIT_END: Final = itemgetter(1)


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


def _stateless_body(m: Mention) -> bool:
    """Is ``m`` an armed group, or a body of no state that is no IGO (an NGO, a movement)?"""
    return m.cat == GROUP or (m.cat == ORG and m.actor.kind != "igo" and not m.actor.country)


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


class ActorResolver(EntryActors):
    """Resolves a sentence's dictionary matches to mentions. Build once per process."""

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__(lexicon)
        g = lexicon.grammar
        self.modifier_words = frozenset(g.modifier_words)
        self.sponsor_words = frozenset(g.sponsor_words)
        self.owner_words = frozenset(g.owner_words)
        self.member_words = frozenset(g.member_words)
        # the words a link between two mentions can begin with (_gap): a gap beginning with another has none
        # "President Dr. Ashraf Ghani", "Army chief Gen. Qamar Bajwa": a title, an honorific, the person
        self.honorifics = frozenset(lexicon.names.honorifics)
        self.not_names = frozenset(lexicon.names.not_names)
        self.link_first_words = (
            self.modifier_words
            | self.sponsor_words
            | self.owner_words
            | self.honorifics
            | {"of", "for", "and", "&", "s"}
        )
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
        merged = self._through_names(text, self._merge(text, norm, chosen, on), place_starts, on)
        return [self._extend(text, merged, q) for q in range(len(merged))]

    def _through_names(self, text: str, ms: list[Mention], place_starts: set[int], on: date) -> list[Mention]:
        """A country's name or adjective, a name no dictionary knows, a generic agent: the agent is of that
        country ("US Wall Street Journal journalist"; name_links.py)."""
        out: list[Mention] = []
        for m in ms:
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.cat == COUNTRY
                and prev.sub in (C_NAME, C_DEMONYM)
                and m.cat == AGENT
                and m.actor.generic
                and joined_by_a_name(text, prev.end, m.start, place_starts, self.not_names)
            ):
                merged = self._combine(prev, m, "adj", on)
                if merged is not None:
                    out[-1] = merged
                    continue
            out.append(m)
        return out

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
            while we < n and word_char(text, we):
                we += 1
            word = text[ws:we]
            if not word:
                break
            head = word.lower() in _HEAD_NOUNS
            # a name: a capital, not all capitals (from the code points: no method calls on ASCII)
            if head or (names_ok and upper_at(text, ws) and not all_caps(text, ws, we)):
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
                return min(same, key=lambda f: distance_from_office(f.ref, on))
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
        if f.case == CASE_TITLE:  # ("south Korean puppet forces": compass_case.py)
            return upper_at(text, start) or lower_direction_fits(text, start, end, f.surface)
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
        while lo < hi and space_at(norm, lo):
            lo += 1
        if lo < hi:
            first_end = lo + 1
            while first_end < hi and not space_at(norm, first_end):
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
                return None if has_break(raw) else "adj"
            return None
        if (
            a.cat == AGENT
            and a.actor.title
            and b.cat == PERSON
            and n <= 2
            and all(w in self.honorifics for w in words)
        ):
            return None if has_break(raw) else "adj"
        if first in self.owner_words and raw.lstrip(".")[:1] in _HYPHENS:
            # "U.S.-led coalition forces", "Hamas-run ministry": the first leads or owns the second
            rest = words[1:]
            if len(rest) <= 2 and all(w in self.modifier_words for w in rest):
                return None if has_break(raw) else "adj"
            return None
        if first == "for" and a.cat == AGENT and a.actor.title and _stateless_body(b):
            # "a spokesman for the Taliban" (not "the envoy for Syria": a state's is said with "of")
            if n == 1 or (n == 2 and words[1] == "the"):
                return None if has_break(raw) else "of"
            return None
        if first == "of" and (n == 1 or (n == 2 and words[1] == "the")):
            return None if has_break(raw) else "of"
        if n == 1 and (first == "and" or first == "&"):
            return None if has_break(raw) else "and"
        if first == "s" and raw.replace(" ", "").replace(".", "")[:2] in ("'s", "\u2019s"):
            rest = words[1:]
            if all(w in self.modifier_words for w in rest) and len(rest) <= 2:
                return None if has_break(raw) else "poss"
            return None
        if n <= 2 and all(w in self.modifier_words for w in words):
            if a.cat == AGENT and b.cat == AGENT and not _PARTICIPLES.isdisjoint(words):
                return None  # "Police detained two men": a verb between two actors, not a modifier
            return None if has_break(raw) else "adj"
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

    def _office_of(self, a: Mention, b: Mention, on: date) -> Mention:
        """'a leader of Hamas', 'the president of the International Red Cross': the title's holder in that
        group or body if the dictionary knows one on the date, else the body itself named for the office."""
        holder = self.resolve_title(a.phrase, b.actor.ref, on) if b.actor.ref else None
        if holder is not None:
            return Mention(a.start, b.end, holder, PERSON, 0, a.phrase, True)
        actor = b.actor.with_office(f"{b.actor.name} {a.phrase}", a.actor.authority)
        return Mention(a.start, b.end, actor, b.cat, 0, a.phrase, True)

    def _members_of(self, a: Mention, b: Mention, actor: ActorVal) -> ActorVal | None:
        """ "Indian Army officials", "police spokesman": those who speak for an institution of a country
        (``a``) are of its role (MIL, COP), not the government's; None when ``b`` is not such a word."""
        role = a.actor.role
        if b.phrase not in self.member_words or not role or not a.actor.country or role == actor.role:
            return None
        return actor._but(a.actor.country + role, role, actor.name, actor.authority, actor.sponsor)

    def _combine(self, a: Mention, b: Mention, link: str | None, on: date) -> Mention | None:
        ca, cb = a.cat, b.cat
        if link == "of":
            if ca == AGENT and a.actor.title and not a.has_country and _stateless_body(b):
                return self._office_of(a, b, on)
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
                if sponsor and b.phrase.split(" ", 1)[0] not in _OWN_SIDE:
                    actor = b.actor.with_sponsor(sponsor)
                    return Mention(a.start, b.end, actor, AGENT, 0, b.phrase, False)
                return Mention(a.start, b.end, self.with_country(b, country, on), AGENT, 0, b.phrase, True)
            if cb == ORG and b.actor.kind == "state" and b.actor.country != country and not sponsor:
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
                    actor = self._members_of(a, b, actor) or actor.with_role(b.actor.role or a.actor.role)
                return Mention(a.start, b.end, actor, AGENT, 0, b.phrase, True)
            if a.actor.kind == "state" and link == "adj":
                # "Foreign Office spokesman": the office's, of no country when the office names none
                return Mention(a.start, b.end, a.actor, ORG, 0, b.phrase, True)
            return None
        if ca == AGENT and cb == PERSON:
            return Mention(a.start, b.end, b.actor, PERSON, 0, b.phrase, True)
        if ca == AGENT and cb == AGENT and a.has_country is False:
            return Mention(a.start, b.end, b.actor, AGENT, 0, b.phrase, b.has_country)
        if ca == AGENT and cb == AGENT and a.has_country and b.actor.generic:
            actor = self.with_country(b, a.actor.country or "", on)
            if actor.kind != "person":
                actor = self._members_of(a, b, actor) or actor
            return Mention(a.start, b.end, actor, AGENT, 0, b.phrase, True)
        if ca == GROUP and cb == AGENT and link == "adj":
            return Mention(a.start, b.end, a.actor, GROUP, 0, a.phrase, True)
        if ca == PERSON and cb == AGENT and link in ("adj", "poss"):
            # "Trump administration", "Netanyahu's government", "Putin spokesman"
            return Mention(
                a.start, b.end, self.with_country(b, a.actor.country or "", on), AGENT, 0, b.phrase, True
            )
        if ca in (GROUP, ORG) and cb == AGENT and link == "poss" and a.actor.country:
            return Mention(a.start, b.end, a.actor, ca, 0, a.phrase, True)
        return None
