"""The dictionary pass: actor mentions and named places of each sentence, with character spans.

Every dictionary key (brink/coder/key_table.py's KeyTable: countries, people, organisations, armed groups,
generic agents, places) found in the article's normalised text, sentence by sentence; the actor matches are
resolved to Mentions (ActorVal with dates and roles) by ActorResolver. A generic agent ("protesters",
"security forces") takes the country of the nearest place named in its sentence, else the article's most
named country. No parse is needed: this pass also tells the candidate stage which sentences name actors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from brink.coder.acronyms import with_bracketed_acronyms
from brink.coder.actor_resolver import ActorResolver
from brink.coder.actor_values import (
    FROM_ANTECEDENT,
    FROM_ARTICLE,
    FROM_CONJUNCT,
    FROM_NEAREST,
    FROM_OWN_PLACE,
    FROM_SPOT,
    Mention,
)
from brink.coder.anaphora import KINGDOMS
from brink.coder.appositions import with_apposed_people
from brink.coder.definite_agents import definite_antecedent
from brink.coder.inner_names import InnerNames
from brink.coder.introduced_names import IntroducedNames
from brink.coder.key_forms import C_METONYM, CASE_TITLE, CASE_UPPER, COUNTRY, PERSON, Form, Place
from brink.coder.key_table import KEY_CHARS_MASK, KEY_LENGTH_MASK, KEY_LENGTH_SHIFT, KEY_PREFIX_MASK, KeyNode
from brink.coder.lexicon import Lexicon
from brink.coder.locative_spots import is_locative
from brink.coder.scan import prev_word

Hit = tuple[int, int, tuple[Form, ...]]
# "the country's army", "the kingdom's police" (normalised text, up to the agent's first letter)
_ANAPHOR: Final = re.compile(r".*\bthe (country|nation|kingdom) s $")
# "foreign journalists", "foreign nationals": a generic agent said to be from elsewhere has no country here
_ELSEWHERE: Final = frozenset({"foreign", "overseas", "expatriate"})
# "the Syrian government and the opposition", "rebels and Malian troops": the raw text between two
# coordinated noun phrases (a comma list is not read: "Iran, Russia and rebels" names no owner)
_BASED: Final = re.compile(r"[-\u2010\u2011](?:based|headquartered)\b")
_OWN_PLACE_GAP: Final = 24  # " in northern " and the like: a place this close after an agent is its own
_CONJUNCT_GAP: Final = re.compile(r"\s+(?:and|or)\s+(?:the\s+)?", re.IGNORECASE)


@dataclass(slots=True)
class ArticleMentions:
    """Per sentence (parallel to the sentence spans): actor mentions and places (start, end, Place)."""

    mentions: list[list[Mention]]
    places: list[list[tuple[int, int, Place]]]
    dominant_country: str | None
    dominant_place: Place | None
    # per sentence: the spans of its dateline ("KYIV, Ukraine (Reuters)"), where no actor is read
    datelines: list[tuple[int, int]] | None = None
    # the country of the place the story was filed from, and the starts of the places that say only that
    # or where the next actor is based ("Paris-based"): not where the story happens (lent_countries.py)
    filed: str | None = None
    unplaced: frozenset[int] = frozenset()


def insert_by_start(hits: list[Hit], start: int, end: int, forms: tuple[Form, ...]) -> None:
    """Adds the match ``(start, end, forms)`` to ``hits`` kept by start, the longest first: the key table
    reports matches by end (none ends before the last), so a new one goes last unless it starts earlier."""
    q = len(hits)
    if q == 0 or hits[q - 1][0] < start:
        hits.append((start, end, forms))
        return
    while q > 0:
        prev = hits[q - 1]
        if prev[0] < start or (prev[0] == start and prev[1] >= end):
            break
        q -= 1
    hits.insert(q, (start, end, forms))


def is_dateline(text: str, sentence_start: int, start: int, end: int) -> bool:
    """Is the place at ``start:end`` a dateline ("BEIRUT -- ...", "NEW DELHI: ...", "SANAA, Feb. 16 (Xinhua)
    -- ...")? An upper-case name opening its sentence says where the story was filed, not where its
    actors are from."""
    before = text[sentence_start:start].strip()  # ("NEW YORK": the key may be "YORK")
    return (not before or before.isupper()) and end - start > 2 and text[start:end].isupper()


# "TEHRAN, Oct. 2 (Xinhua) -- ...", "KYIV (Reuters) - ...": the news agency credited in a dateline
_CREDIT: Final = re.compile(r"\s*([^()\n]{0,40})\(([^()\n]{1,30})\)\s*(?:--|-|–|—|:)\s")


def credit_span(text: str, sentence_start: int, sentence_end: int) -> tuple[int, int] | None:
    """The span of the sentence's dateline up to the agency it credits (inside its parentheses), if any:
    the outlet that filed the story is not an actor of it, nor is the country of its place ("SIMFEROPOL,
    Ukraine (AFP) - Russian forces ...": Ukraine only says where the story was filed)."""
    m = _CREDIT.match(text, sentence_start, sentence_end)
    if m is None:
        return None
    place = m.group(1)
    words = place.replace(",", " ").replace(".", " ").split()
    if not words or not words[0][:1].isupper() or any(w.isalpha() and w.islower() for w in words):
        return None
    # a dateline opens with an upper-case place ("KYIV"), or a place and a date ("Moscow, August 29")
    if (
        not (len(words[0]) > 1 and words[0].isupper())
        and "," not in place
        and not any(c.isdigit() for c in place)
    ):
        return None
    return m.start(1), m.end(2)


def most_counted(counts: dict[str, int]) -> str | None:
    """``max(counts, key=counts.get)`` (the first of the most counted) without a key function."""
    best: str | None = None
    best_count = 0
    for key, count in counts.items():
        if count > best_count:
            best, best_count = key, count
    return best


_WORD: Final = re.compile(r"[^ ]+")
_MAX_CACHED_WORDS: Final = 100_000  # key_hits' latin-1 word codes (~20 MB at most)


def word_code(word: str, backwards: bool = False) -> tuple[int, bool, bool]:
    """A word's code in KeyTable (key_table.key_word_code: its last seven characters, eight bits each, and its
    length), whether that code is the word's own (key_table.exact_code), and whether the word is latin-1.
    A latin-1 word's code is its last seven bytes as one number. Another word's is computed character by
    character as key_hits always did: forwards for a key's last word, ``backwards`` for the words before it
    (which can differ from forwards outside latin-1; kept so that no match changes)."""
    try:
        raw = word.encode("latin-1")
    except UnicodeEncodeError:
        code = 0
        if backwards:
            for n, ch in enumerate(reversed(word)):
                if n * 8 < KEY_LENGTH_SHIFT:
                    code |= (ord(ch) & (KEY_CHARS_MASK >> (n * 8))) << (n * 8)
        else:
            for ch in word:
                code = ((code & KEY_PREFIX_MASK) << 8) | ord(ch)
        return code | ((len(word) & KEY_LENGTH_MASK) << KEY_LENGTH_SHIFT), False, False
    code = int.from_bytes(raw[-7:], "big")
    return code | ((len(word) & KEY_LENGTH_MASK) << KEY_LENGTH_SHIFT), len(word) <= 7, True


class MentionFinder:
    """Finds actor mentions and places in an article's sentences. Build once per process."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.inner_names = InnerNames(lexicon)  # "Jebel Moon" is not Moon Jae-in
        # "Kenyan Interior Minister Fred Matiangi ... Matiangi said": the surname is the minister
        self.introduced = IntroducedNames(
            frozenset(lexicon.names.not_names), frozenset(w for w in lexicon.names.honorifics if len(w) > 3)
        )
        self.actors = ActorResolver(lexicon)
        self.kingdoms = KINGDOMS
        self._codes: dict[str, tuple[int, bool, bool]] = {}  # key_hits: latin-1 word -> word_code(word)
        # key_hits: word -> its node as a key's last word (None: no key ends with it). Most of a text's
        # words end no key, and the lookup of each, repeated for every article, was a fifth of the pass.
        self._last_words: dict[str, KeyNode | None] = {}

    def key_hits(
        self, text: str, norm: str, sentences: list[tuple[int, int]]
    ) -> tuple[list[list[Hit]], list[list[Hit]]]:
        """Actor and place dictionary matches per sentence. ``norm`` is ``text.normalise(text)``: offsets
        one more than the text's. Keys are read word by word from their last word (KeyTable); a word's
        code comes from ``word_code`` (cached per word: news text repeats its words)."""
        ns = len(sentences)
        actor_hits: list[list[Hit]] = [[] for _ in range(ns)]
        place_hits: list[list[Hit]] = [[] for _ in range(ns)]
        keys = self.lex.keys
        root = keys.root
        codes = self._codes
        if len(codes) > _MAX_CACHED_WORDS:
            codes.clear()
        last_words = self._last_words
        if len(last_words) > _MAX_CACHED_WORDS:
            last_words.clear()
        k = -1
        for word_match in _WORD.finditer(norm):
            ws, i = word_match.span()
            word = word_match.group()
            if word in last_words:
                node = last_words[word]
            else:
                got = codes.get(word)
                if got is None:
                    got = word_code(word)
                    if got[2]:  # (latin-1 only: another word's code depends on the direction it is read in)
                        codes[word] = got
                node = last_words[word] = keys.find(root, got[0], got[1], norm, ws, i)
            s, e = ws - 1, i - 1
            while node is not None:
                if node.is_key:
                    while k + 1 < ns and sentences[k + 1][0] <= s:
                        k += 1
                    while k >= 0 and sentences[k][0] > s:
                        k -= 1
                    if k >= 0 and e <= sentences[k][1]:
                        if node.actor_forms:
                            insert_by_start(actor_hits[k], s, e, node.actor_forms)
                        if node.place_forms:
                            f = node.place_forms[0]
                            if (f.case == CASE_TITLE and text[s].isupper()) or (
                                f.case == CASE_UPPER and text[s:e].isupper()
                            ):
                                insert_by_start(place_hits[k], s, e, node.place_forms)
                if not node.has_before or s < 1:
                    break
                pe = s  # the word before the key: norm[ps:pe] (empty between two spaces)
                ps = norm.rfind(" ", 0, pe) + 1
                before = norm[ps:pe]
                got = codes.get(before)
                if got is None:
                    got = word_code(before, backwards=True)
                    if got[2]:
                        codes[before] = got
                node = keys.find(node, got[0], got[1], norm, ps, pe)
                s = ps - 1
        return actor_hits, place_hits

    def find(
        self, text: str, norm: str, sentences: list[tuple[int, int]], published: date
    ) -> ArticleMentions:
        actor_hits, place_hits = self.key_hits(text, norm, sentences)
        mentions: list[list[Mention]] = []
        places: list[list[tuple[int, int, Place]]] = []
        counts: dict[str, int] = {}
        place_counts: dict[str, int] = {}
        first_place: dict[str, Place] = {}
        datelines: set[int] = set()  # the starts of places that only say where the story was filed
        dateline_spans: list[tuple[int, int]] = []
        based: set[int] = set()  # the starts of places that say where the next actor is based ("Paris-based")
        capitals: list[set[int]] = []  # per sentence: country mentions that are places too ("Tehran")
        filed: str | None = None  # the country of the place the story was filed from ("KABUL — Police ...")
        for k in range(len(sentences)):
            kept: list[Hit] = []
            for h in place_hits[k]:  # "New York" is not "York": the longest of overlapping names
                if not kept or h[0] >= kept[-1][1]:
                    kept.append(h)
            place_starts = {h[0] for h in kept}
            ms = (
                self.actors.mentions(text, norm, actor_hits[k], published, place_starts)
                if actor_hits[k]
                else []
            )
            ms = with_bracketed_acronyms(
                text, self.inner_names.without_inner_names(text, sentences[k][0], ms)
            )
            ms = with_apposed_people(text, ms, sentences[k][1])
            credit = credit_span(text, *sentences[k])
            credited: str | None = None
            dateline_spans.append(credit or (0, 0))
            if credit is not None:
                credited = _filed_in_country([m for m in ms if credit[0] <= m.start and m.end <= credit[1]])
                ms = [m for m in ms if not (credit[0] <= m.start and m.end <= credit[1])]
            # "deployed to the South China Sea", "the Persian Gulf": a name inside a place of no country
            # (a sea, a strait) names that place, not an actor
            seas = [(s, e) for s, e, forms in kept if forms[0].ref[0].country is None]
            ms = [
                m
                for m in ms
                if not any(s <= m.start and m.end <= e and e - s > m.end - m.start for s, e in seas)
            ]
            # "Tehran rejected ...": a capital used as the government is not a place
            actor_starts = {m.start for m in ms if m.cat == COUNTRY}
            capitals.append({h[0] for h in kept if h[0] in actor_starts})
            # "Sheik Hassan Nasrallah": a city in a person's name (Hassan, India) is no place
            actor_starts.update(s for s, _, _ in kept for m in ms if m.cat == PERSON and m.start <= s < m.end)
            # "Vice Minister Chang Ho-jin": a place joined to a lower-case half after a name is a given name
            actor_starts.update(
                s for s, e, _ in kept if self.inner_names.name_part(text, sentences[k][0], s, e)
            )
            sentence_places = [(s, e, forms[0].ref[0]) for s, e, forms in kept if s not in actor_starts]
            mentions.append(ms)
            places.append(sentence_places)
            datelines.update(s for s, e, _ in sentence_places if is_dateline(text, sentences[k][0], s, e))
            based.update(s for s, e, _ in sentence_places if _BASED.match(text, e))
            if filed is None:
                filed = _filed_from(sentence_places, datelines, credit) or credited
            for m in ms:
                if m.actor.country:
                    counts[m.actor.country] = counts.get(m.actor.country, 0) + 1
            for s, _, place in sentence_places:
                if place.country and s not in datelines and s not in based:
                    place_counts[place.country] = place_counts.get(place.country, 0) + 1
                    first_place.setdefault(place.country, place)
        dominant = most_counted(counts)
        dominant_place_country = most_counted(place_counts)
        # a generic agent that neither a place of the text nor a named country locates is of the place the
        # story was filed from ("KABUL — Police arrested ...": Afghan police; the gold README codes actors
        # named only through a dateline with its country). Last: a dateline is often a neighbour's capital
        # ("BEIRUT —" for Syria), so a country the article names wins over it
        fallback = dominant_place_country or dominant or filed
        for k, ms in enumerate(mentions):
            spots = [p for p in places[k] if p[0] not in datelines]
            self._place_generic_agents(
                text, norm, ms, spots, fallback, published, mentions[:k], based, capitals[k]
            )
        self.introduced.link(text, mentions, sentences)
        dominant_place = first_place.get(dominant_place_country or "")
        return ArticleMentions(
            mentions, places, dominant, dominant_place, dateline_spans, filed, frozenset(datelines | based)
        )

    def _place_generic_agents(
        self,
        text: str,
        norm: str,
        ms: list[Mention],
        places: list[tuple[int, int, Place]],
        fallback: str | None,
        on: date,
        earlier: Sequence[Sequence[Mention]] = (),
        based: set[int] | None = None,
        capitals: set[int] | None = None,
    ) -> None:
        """A generic agent takes the country of a state actor it is coordinated with ("the Syrian
        government and the opposition": one country's two sides) unless a place right after it says where
        it is ("rebels in eastern Ukraine"); else that of the place after a locative preposition in its
        sentence, else the nearest place or country named as a place, else ``fallback``. Never its
        sponsor's ("U.S.-backed rebels" are not American): then it has none. "The ministry" said after a named
        one is that one's (definite_agents; ``earlier``: the article's sentences before this one). A place
        in ``based`` ("the Paris-based press freedom group") places only the agent right after it.
        ``capitals``: the starts of the sentence's country mentions that the gazetteer also knows as places
        ("Tehran")."""
        if not any(m.actor.generic for m in ms):
            return
        based_ends = {s: e for s, e, _ in places if based and s in based}
        covers = [(m.start, m.end) for m in ms]
        spots: list[tuple[int, str, bool]] = [
            (s, p.country, is_locative(norm, s, e, covers))
            for s, e, p in places
            if p.country and s not in based_ends
        ]
        spots += [
            (m.start, m.actor.country, True)
            for m in ms
            if m.cat == COUNTRY
            and m.actor.country
            and is_locative(norm, m.start, m.end, covers, place=capitals is not None and m.start in capitals)
        ]
        for idx, m in enumerate(ms):
            if not m.actor.generic or prev_word(norm, m.start) in _ELSEWHERE:
                continue
            group = self.lex.title_groups.get(m.actor.ref or "")
            if group is not None:  # "the Houthi leader": the group's holder of the title, not a local
                ms[idx] = m.with_actor(self.actors.group_title(m.phrase, group, on))
                continue
            antecedent = self._country_anaphor(norm, ms, idx) or definite_antecedent(norm, earlier, ms, idx)
            if antecedent is not None:
                ms[idx] = m.with_lent_country(self.actors.with_country(m, antecedent, on), FROM_ANTECEDENT)
                continue
            sponsor = m.actor.sponsor
            own = [x for x in spots if x[1] != sponsor] if sponsor else spots
            own = own + [
                (s, p.country, True)
                for s, e, p in places
                if s in based_ends and p.country and 0 < m.start - e <= _OWN_PLACE_GAP
            ]
            best = min(own, key=lambda x: abs(x[0] - m.start) + (0 if x[2] else 1 << 40), default=None)
            # "rebels in eastern Ukraine": a place said of the agent itself outweighs its conjunct
            own_place = best is not None and best[2] and 0 < best[0] - m.end <= _OWN_PLACE_GAP
            conjunct = None if own_place else _conjunct_country(text, ms, idx)
            country = conjunct or (best[1] if best is not None else fallback)
            if country and country != sponsor:
                how, at = (
                    (FROM_CONJUNCT, -1)
                    if conjunct
                    else (FROM_ARTICLE, -1)
                    if best is None
                    else (_lent_by_place(best, own_place or best[0] in based_ends), best[0])
                )
                ms[idx] = m.with_lent_country(self.actors.with_country(m, country, on), how, at)

    def _country_anaphor(self, norm: str, ms: list[Mention], idx: int) -> str | None:
        """ "Jordan's government said the country's security forces ...": a generic agent owned by "the
        country's" / "the nation's" / "the kingdom's" belongs to the last state named before it in the
        sentence (for "the kingdom", the last kingdom), not to a place named near it."""
        start = ms[idx].start
        noun = _ANAPHOR.match(norm[max(0, start - 18) : start + 1])
        if noun is None:
            return None
        kingdom = noun.group(1) == "kingdom"
        for m in reversed(ms[:idx]):
            country = m.actor.country
            if m.actor.generic or not country or m.end > start:
                continue
            if kingdom and country not in self.kingdoms:
                return None
            return country
        return None


def _lent_by_place(best: tuple[int, str, bool], said_of_it: bool) -> int:
    """Where a generic agent's country came from when a place gave it: one said of the agent itself ("rebels
    in eastern Ukraine", "the Paris-based group"), one after a locative preposition, or merely the nearest."""
    return FROM_OWN_PLACE if said_of_it else FROM_SPOT if best[2] else FROM_NEAREST


def _filed_from(
    places: list[tuple[int, int, Place]], datelines: set[int], credit: tuple[int, int] | None
) -> str | None:
    """The country of the sentence's dateline place ("BEIRUT —", "Moscow, August 29 (QNA) –"), if any."""
    for s, e, place in places:
        if place.country and (s in datelines or (credit is not None and credit[0] <= s and e <= credit[1])):
            return place.country
    return None


def _filed_in_country(credited: list[Mention]) -> str | None:
    """The country a dateline names after its place ("EL-GENEINA, Sudan (Reuters) -"): where the story was
    filed from when the gazetteer does not know the place itself."""
    for m in credited:
        if m.cat == COUNTRY and m.sub != C_METONYM and m.actor.country:
            return m.actor.country
    return None


def _conjunct_country(text: str, ms: list[Mention], idx: int) -> str | None:
    """The country of the non-generic state actor (a country, its government, army ...) that the generic
    agent ``ms[idx]`` is coordinated with, the one just before it or else just after it ("the Syrian
    government and the opposition", "rebels and Malian troops"): one country's two sides. An armed group
    or a person is not read: "Hamas and the protesters" says nothing of where the protesters are."""
    m = ms[idx]
    for k, lo, hi in ((idx - 1, -1, m.start), (idx + 1, m.end, -1)):
        if not 0 <= k < len(ms):
            continue
        other = ms[k]
        gap = text[other.end : hi] if lo < 0 else text[lo : other.start]
        if other.actor.generic or other.actor.kind != "state" or not other.actor.country:
            continue
        if _CONJUNCT_GAP.fullmatch(gap):
            return other.actor.country
    return None
