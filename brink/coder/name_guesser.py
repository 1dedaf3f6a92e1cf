"""Actors for capitalised names the dictionaries do not know (``NameGuesser``), read from their words
with the rules of ``names.yaml``, and joined to the dictionary mentions they touch."""

from __future__ import annotations

from typing import Final

from lemminflect import getAllLemmas

from brink.coder.actor_values import NAMED, ActorVal, Mention
from brink.coder.dictionary_schema import NameRules
from brink.coder.key_forms import AGENT, COUNTRY, ORG, PERSON
from brink.coder.scan import all_caps, letters_only, upper_initial

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
                if upper_initial(text[starts[j]]):  # (a flag list would cost more than these few tests)
                    j += 1
                    continue
                k = j  # lower-case connectors inside a name: "Office of the", "al-", "bin"
                while k < n and k - j < 2 and words[k] in connectors and punct[k] in (" ", "-"):
                    k += 1
                if (
                    k > j
                    and k < n
                    and upper_initial(text[starts[k]])
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
        return i == 1 and all_caps(text, starts[0], ends[0])  # "BEIRUT Tens of thousands ..."

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
        if j - i == 1 and not all_caps(text, starts[i], ends[i]) and self._pos(words[i]):
            return None  # one ordinary English word: "Musicians", "Kingdom", "Region's"
        if words[j - 1] in self.thing_words:
            return None
        if (
            j - i == 1
            and j < len(words)
            and punct[j - 1] == " "
            and not upper_initial(text[starts[j]])
            and not blocked[j]
            and self._pos(words[j])
            and self._pos(words[j]) <= _NOMINAL
            and words[j] not in self.function_words
            and words[i].endswith(_ADJECTIVE_ENDINGS)
        ):
            return None  # "the Tibetan spiritual leader", "the Balkan republic": an adjective
        if not letters_only(words, i, j):
            return None  # "COVID-19", "G20": numbers are not names here
        if j < len(words) and words[j][:1].isdigit():
            return None  # "Jan. 5", "Resolution 2254": a date or a reference
        b = i - 1
        while b >= 0 and words[b] in ("the", "a", "an"):
            b -= 1
        if b >= 0 and words[b] in self.place_preps:
            return None  # "in Vail", "to the Lower East Side": places
        if j < len(words) and punct[j - 1] == "-" and not upper_initial(text[starts[j]]):
            return None  # "US-led", "Moscow-based": a modifier
        if (
            j < len(words)
            and punct[j - 1] == " "
            and not blocked[j]
            and not upper_initial(text[starts[j]])
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
            and all_caps(text, starts[j], ends[j])
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
