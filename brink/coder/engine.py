"""The coder's analysis: one dictionary pass over the article (its key table), then cheap clause
heuristics on the sentences that contain an action pattern.

Who did what to whom comes from the sentence's structure, not the nearest names: the source is the
subject (the nearest actor before the verb that is not inside a prepositional phrase or a relative
clause; the "by" agent of a passive; the possessor of a nominal event; the subject of the light verb
that governs it), the target the first actor after the verb or the nominal's preposition.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Final

from mypy_extensions import i64

from brink.coder.actors import PRONOUN, ActorResolver, ActorVal, Mention, NameGuesser, prev_word
from brink.coder.cameo import CameoCodes
from brink.coder.dates import DATE_WORDS, find_dates
from brink.coder.lexicon import (
    AGENT,
    C_DEMONYM,
    CASE_TITLE,
    CASE_UPPER,
    COUNTRY,
    GROUP,
    KEY_CHARS_MASK,
    KEY_LENGTH_MASK,
    KEY_LENGTH_SHIFT,
    KEY_PREFIX_MASK,
    VB,
    VBD,
    VBG,
    VBN,
    VBZ,
    Form,
    GroupRules,
    Lexicon,
    Pattern,
    Place,
    TriggerForms,
    recoded,
)
from brink.coder.mentions import insert_by_start, most_counted
from brink.coder.text import (
    CLOSING_QUOTES,
    NEGATED_CONTRACTION_STEMS,
    OPENING_QUOTES,
    QUOTE_CHARS,
    Tokens,
    normalise,
    split_sentences,
)

# Code refinements when one action is the complement of another ("threatened to attack").
_SEMI_CHARS: Final = frozenset(";:")
_CLAUSE_STOP_CHARS: Final = frozenset(';:"\u201c\u201d')
_QUOTE_MARKS: Final = frozenset('"\u201c\u201d')
_COMMA_CHARS: Final = frozenset(",;:")
_GOVERNOR_ROOTS_TAKING_FUTURE: Final = {3, 13}
_NOMINAL_TARGET_PREPS: Final = frozenset(
    {"on", "against", "at", "targeting", "toward", "towards", "into", "upon", "with"}
)
_LOCATIVE: Final = frozenset(
    {
        "in",
        "at",
        "near",
        "inside",
        "outside",
        "around",
        "during",
        "within",
        "throughout",
        "amid",
        "across",
        "over",
        "since",
        "until",
        "from",
    }
)
_TARGET_BLOCKING_PREPS: Final = frozenset(
    {
        "in",
        "at",
        "near",
        "inside",
        "outside",
        "around",
        "during",
        "within",
        "throughout",
        "amid",
        "since",
        "until",
        "after",
        "before",
        "like",
        "than",
    }
)
_VIOLENT_FAMILIES: Final = ({18, 19, 20}, {14}, {17})
_GRIEVANCE_ROOTS: Final = frozenset(
    {13, 18, 19, 20}
)  # hostile acts whose "for" phrase names what they answer
# Adjectives between a preposition and the actor-like word it governs ("in the same Afghan province")
_NP_ADJECTIVES: Final = frozenset(
    {"same", "northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
     "southeastern", "southwestern", "neighbouring", "neighboring", "nearby", "restive", "troubled",
     "disputed", "occupied", "breakaway", "remote", "rural", "entire", "whole"}
)  # fmt: skip
# Roots whose untargeted events take the country where they happen as target ("imposed a curfew in
# Amman", "shelled villages in Idlib"); of those, the roots where that may be the source's own country
# (domestic coercion and assault).
_LOCATION_TARGET_ROOTS: Final = frozenset({"09", "17", "18", "19", "20"})
_DOMESTIC_ROOTS: Final = frozenset({"09", "17", "18"})
_SINCE: Final = frozenset({"since"})  # before a date: an ongoing period (_date_and_place)


@dataclass(slots=True, init=False)
class Quote:
    start: int
    end: int
    speaker: ActorVal | None = None
    speaker_text: str = ""

    # init=False and this explicit __init__: compiled (mypyc), construction is native and ~5x faster
    # than the generated one; keep it in step with the fields (tests/unit/test_coder_native.py checks)
    def __init__(
        self,
        start: int,
        end: int,
        speaker: ActorVal | None = None,
        speaker_text: str = "",
    ) -> None:
        self.start = start
        self.end = end
        self.speaker = speaker
        self.speaker_text = speaker_text


@dataclass(slots=True, init=False)
class Trigger:
    ti: int
    tj: int  # anchor token range [ti, tj)
    end: int  # end token (exclusive) including tails
    gap: tuple[int, int] | None  # the object slots span: from the anchor's end to the last tail's start
    pattern: Pattern
    tag: int
    spec: int

    # init=False and this explicit __init__: compiled (mypyc), construction is native and ~5x faster
    # than the generated one; keep it in step with the fields (tests/unit/test_coder_native.py checks)
    def __init__(
        self,
        ti: int,
        tj: int,
        end: int,
        gap: tuple[int, int] | None,
        pattern: Pattern,
        tag: int,
        spec: int,
    ) -> None:
        self.ti = ti
        self.tj = tj
        self.end = end
        self.gap = gap
        self.pattern = pattern
        self.tag = tag
        self.spec = spec


@dataclass(slots=True, init=False)
class Draft:
    sentence: int
    sent_span: tuple[int, int]
    code: str
    pattern: Pattern
    source: ActorVal
    source_span: tuple[int, int]
    target: ActorVal | None
    target_span: tuple[int, int] | None
    trigger_span: tuple[int, int]
    negated: bool = False
    conditional: bool = False
    hypothetical: bool = False
    future: bool = False
    event_date: date | None = None
    location: Place | None = None
    location_name: str = ""
    speaker: ActorVal | None = None
    speaker_text: str = ""
    quote: str | None = None
    confidence: float = 0.5
    source_how: str = "subject"
    clause: tuple[int, int] = (0, 0)  # character span of the trigger's clause (threat cues)
    silent: bool = (
        False  # a nominal reference kept for resolution ("in response to the attacks"), not emitted
    )

    # init=False and this explicit __init__: compiled (mypyc), construction is native and ~5x faster
    # than the generated one; keep it in step with the fields (tests/unit/test_coder_native.py checks)
    def __init__(
        self,
        sentence: int,
        sent_span: tuple[int, int],
        code: str,
        pattern: Pattern,
        source: ActorVal,
        source_span: tuple[int, int],
        target: ActorVal | None,
        target_span: tuple[int, int] | None,
        trigger_span: tuple[int, int],
        negated: bool = False,
        conditional: bool = False,
        hypothetical: bool = False,
        future: bool = False,
        event_date: date | None = None,
        location: Place | None = None,
        location_name: str = "",
        speaker: ActorVal | None = None,
        speaker_text: str = "",
        quote: str | None = None,
        confidence: float = 0.5,
        source_how: str = "subject",
        clause: tuple[int, int] = (0, 0),
        silent: bool = False,
    ) -> None:
        self.sentence = sentence
        self.sent_span = sent_span
        self.code = code
        self.pattern = pattern
        self.source = source
        self.source_span = source_span
        self.target = target
        self.target_span = target_span
        self.trigger_span = trigger_span
        self.negated = negated
        self.conditional = conditional
        self.hypothetical = hypothetical
        self.future = future
        self.event_date = event_date
        self.location = location
        self.location_name = location_name
        self.speaker = speaker
        self.speaker_text = speaker_text
        self.quote = quote
        self.confidence = confidence
        self.source_how = source_how
        self.clause = clause
        self.silent = silent

    def copy(self) -> Draft:
        """``dataclasses.replace(self)`` without its interpreted per-field loop (compiled, one native
        construction); callers then set the fields that differ."""
        return Draft(
            self.sentence,
            self.sent_span,
            self.code,
            self.pattern,
            self.source,
            self.source_span,
            self.target,
            self.target_span,
            self.trigger_span,
            self.negated,
            self.conditional,
            self.hypothetical,
            self.future,
            self.event_date,
            self.location,
            self.location_name,
            self.speaker,
            self.speaker_text,
            self.quote,
            self.confidence,
            self.source_how,
            self.clause,
            self.silent,
        )


@dataclass(slots=True)
class ArticleState:
    text: str
    norm: str
    published: date
    sentences: list[tuple[int, int]]
    mentions: list[list[Mention]]
    all_mentions: list[Mention]
    mention_starts: list[int]
    quotes: list[Quote]
    involved: set[str]
    dominant_country: str | None
    dominant_location: Place | None
    opposed: list[tuple[int, int, str]] = field(default_factory=list)  # "anti-Israeli": (start, end, ISO3)
    drafts: list[Draft] = field(default_factory=list)
    references: list[Draft] = field(default_factory=list)  # nominal references, not emitted
    words: dict[int, list[str]] = field(default_factory=dict)  # sentence index -> its Tokens' words (tone)
    oldest_current: date = date.min  # events dated before it are history, not news (historical_days)


class Engine:
    def __init__(self, lexicon: Lexicon, cameo: CameoCodes) -> None:
        self.lex = lexicon
        self.cameo = cameo
        self.actors = ActorResolver(lexicon)
        g = lexicon.grammar
        self.g = g
        self.determiners = frozenset(g.determiners)
        self.prepositions = frozenset(g.prepositions)
        self.of_heads = frozenset(g.of_heads)
        self.subordinators = frozenset(g.subordinators)
        self.relatives = frozenset(g.relative_pronouns)
        self.aux = frozenset(g.auxiliaries) | {"t", "not", "n"}
        self.be = frozenset(g.be_forms)
        self.reporting = lexicon.reporting_forms
        self.light = lexicon.light_verb_forms
        self.negators = frozenset(w for w in g.negators if " " not in w)
        self.negator_phrases = tuple(w.split() for w in g.negators if " " in w)
        self.neg_exceptions = tuple(tuple(w.split()) for w in g.negation_exceptions)
        self.denials = frozenset(w for w in g.denials if " " not in w)
        self.denial_phrases = tuple(tuple(w.split()) for w in g.denials if " " in w)
        self.denial_pairs = frozenset(tuple(w.split()[:2]) for w in g.denials if len(w.split()) == 2)
        self.denial_pair_firsts = frozenset(p[0] for p in self.denial_pairs)  # no pair tuple for other words
        self.conditionals = frozenset(w for w in g.conditionals if " " not in w)
        self.conditional_phrases = tuple(tuple(w.split()) for w in g.conditionals if " " in w)
        self.hypo = frozenset(w for w in g.hypotheticals if " " not in w)
        self.hypo_phrases = tuple(tuple(w.split()) for w in g.hypotheticals if " " in w)
        self.future_words = frozenset(w for w in g.futures if " " not in w and not w.startswith("'"))
        self.future_phrases = tuple(tuple(w.replace("'", " ").split()) for w in g.futures if " " in w)
        self.figurative = frozenset(g.figurative_complements)
        self.pron = g.pronouns
        self.person_pronouns = frozenset(g.pronouns.person)
        self.group_pronouns = frozenset(g.pronouns.group)
        self.we_pronouns = frozenset(g.pronouns.speaker_country)
        self.i_pronouns = frozenset(g.pronouns.speaker)
        self.group_nouns = frozenset(tuple(p.split()[1:]) for p in g.pronouns.group_nouns)
        self.state_nouns = frozenset(tuple(p.split()[1:]) for p in g.pronouns.state_nouns)
        self.np_slot_breakers = (self.prepositions | self.subordinators) - {"of", "and", "or"}
        self.pair_nouns = frozenset(tuple(p.split()) for p in g.pronouns.pair_nouns)
        # second words of the pair nouns: a "the" not followed by one needs no tuples built (exact when
        # every pair noun has two words or more)
        self.pair_noun_seconds = frozenset(p[1] for p in self.pair_nouns if len(p) > 1)
        self.pair_nouns_all_long = all(len(p) > 1 for p in self.pair_nouns)
        self.pair_government_heads = frozenset(g.pronouns.pair_government_heads)
        # "the" + one word is all the pronoun rule looks at: the one-word nouns, as strings
        self.group_noun_words = frozenset(t[0] for t in self.group_nouns if len(t) == 1)
        self.state_noun_words = frozenset(t[0] for t in self.state_nouns if len(t) == 1)
        self.historical_markers = tuple(tuple(w.split()) for w in g.historical_markers)
        self.historical_first = frozenset(m[0] for m in self.historical_markers)
        self.conditional_first = frozenset(m[0] for m in self.conditional_phrases)
        self.future_first = frozenset(m[0] for m in self.future_phrases)
        self.historical = timedelta(days=g.historical_days)
        # multi-word markers by their first word: a sentence is scanned once, phrases compared only where
        # their first word stands
        self.historical_by_first = _by_first_word(self.historical_markers)
        self.conditional_by_first = _by_first_word(self.conditional_phrases)
        self.future_by_first = _by_first_word(self.future_phrases)
        self.event_references = frozenset(g.event_references)
        self.contraction_neg = NEGATED_CONTRACTION_STEMS
        cue_words: list[tuple[int, frozenset[str]]] = [
            (_CUE_NEG, self.negators | {"t", "no"}),
            (_CUE_DENIAL, self.denials | self.denial_pair_firsts),
            (_CUE_COND_WORD, self.conditionals),
            (_CUE_COND_PHRASE, self.conditional_first),
            (_CUE_HYPO, self.hypo),
            (_CUE_FUTURE_WORD, self.future_words),
            (_CUE_FUTURE_PHRASE, self.future_first),
            (_CUE_LL_WON, frozenset({"ll", "won"})),
            (_CUE_WOULD, frozenset({"would"})),
        ]
        # the words _sentence looks for in its one pass over a sentence (cue words, reporting verbs, date
        # words, first words of the historical markers) -> their _CUE_ and _W_ bits
        cue_words.append((_W_REPORTING, self.reporting))
        cue_words.append((_W_DATE, DATE_WORDS))
        cue_words.append((_W_HISTORICAL, self.historical_first))
        self.word_flags: dict[str, int] = {}
        for bit, cue_set in cue_words:
            for w in cue_set:
                self.word_flags[w] = self.word_flags.get(w, 0) | bit
        self.flagged_words = frozenset(self.word_flags)
        # one-word historical markers ("historically"); the second words of the multi-word phrases: a
        # phrase's first word followed by none of these starts no phrase
        for m in self.historical_markers:
            if len(m) == 1:
                self.word_flags[m[0]] |= _W_HISTORICAL_WORD
        self.phrase_seconds = frozenset(
            ph[1]
            for ph in self.conditional_phrases + self.future_phrases + self.historical_markers
            if len(ph) > 1
        )
        self._country_places: dict[str, Place] = {}  # ISO3 -> the country as a place (_country_place)
        self._recoded_patterns: dict[tuple[int, str], tuple[Pattern, Pattern]] = {}  # _recoded
        # first words of the two-word light verbs ("carried out"): only those need the pair built
        self.light_firsts = frozenset(f.split()[0] for f in self.light if " " in f)
        # (idem for the two-word references to an act: "missile tests")
        self.event_reference_firsts = frozenset(f.split()[0] for f in g.event_references if " " in f)
        self.names = NameGuesser(
            lexicon.names,
            self.determiners
            | self.prepositions
            | self.subordinators
            | self.aux
            | _CLAUSE_OPENERS
            | _ADVERBIAL_OPENERS
            | {"and", "but", "or", "so", "as", "following", "despite", "according", "after", "before"},
            frozenset(g.of_heads),
        )

    # ================================================================== article
    def analyse(self, text: str, published: date) -> ArticleState:
        norm = normalise(text)
        sentences = split_sentences(text)
        starts = [s for s, _ in sentences]
        sentence_ends = [e for _, e in sentences]
        ns = len(sentences)
        actor_hits: list[list[tuple[int, int, tuple[Form, ...]]]] = [[] for _ in range(ns)]
        trigger_hits: list[list[tuple[int, int, TriggerForms]]] = [[] for _ in range(ns)]
        place_hits: list[list[tuple[int, int, tuple[Form, ...]]]] = [[] for _ in range(ns)]
        # Dictionary keys found in the text, as an Aho-Corasick automaton would report them: by end, the
        # longest first among those of one end. A key's words are those of the normalised text split at
        # every space (an extra space is an empty word): each word is looked up as the last word of a
        # key (KeyTable), then longer keys read back from there.
        keys = self.lex.keys
        root = keys.root
        k = -1  # the sentence of the last hit: hits come by end, so it moves forward, rarely back
        latest_k = -1  # the sentence whose actor matches were added last, and their latest start
        latest_start = -1
        trigger_end = -1  # the end of the last trigger hit: longer keys of that end go before it
        trigger_at = 0  # where that end's trigger hits begin in their sentence's list
        n_norm: i64 = len(norm)
        last_ws: i64 = 0  # the word read before: its norm offset, code and whether that code is exact
        last_code: i64 = 0
        last_exact = False
        s = e = -1  # a key's text offsets (set where a word is found)
        i: i64 = 1
        while i < n_norm:
            char: i64 = ord(norm[i])
            if char == 32:
                i += 1
                continue
            ws = i  # a word (norm ends with a space): its code as it is read (key_word_code)
            code: i64 = 0
            chars_or: i64 = 0  # above 255: a character beyond latin-1
            while char != 32:
                code = ((code & KEY_PREFIX_MASK) << 8) | char
                chars_or |= char
                i += 1
                char = ord(norm[i])
            wlen = i - ws
            code |= (wlen & KEY_LENGTH_MASK) << KEY_LENGTH_SHIFT
            exact = wlen <= 7 and chars_or < 256
            node = keys.find(root, code, exact, norm, ws, i)
            if node is not None:
                # text offsets (norm's less one) of the key's first character and after its last
                s = int(ws) - 1
                e = int(i) - 1
            while node is not None:  # this word's key, then longer ones (reported longest first: triggers)
                if node.is_key:
                    while k + 1 < ns and starts[k + 1] <= s:
                        k += 1
                    while k >= 0 and starts[k] > s:
                        k -= 1
                    if k >= 0 and e <= sentence_ends[k]:
                        actor_forms = node.actor_forms
                        if actor_forms:
                            if k == latest_k and s > latest_start:
                                actor_hits[k].append((s, e, actor_forms))  # most: after the others
                                latest_start = s
                            else:
                                insert_by_start(actor_hits[k], s, e, actor_forms)
                                latest_k = k
                                latest_start = actor_hits[k][-1][0]
                        trigger_forms = node.triggers
                        if trigger_forms is not None:
                            sentence_triggers = trigger_hits[k]
                            if e == trigger_end:  # a longer key than the last trigger: before it
                                sentence_triggers.insert(trigger_at, (s, e, trigger_forms))
                            else:
                                trigger_end = e
                                trigger_at = len(sentence_triggers)
                                sentence_triggers.append((s, e, trigger_forms))
                        place_forms = node.place_forms
                        if place_forms:
                            f = place_forms[0]
                            if (f.case == CASE_TITLE and text[s].isupper()) or (
                                f.case == CASE_UPPER and text[s:e].isupper()
                            ):
                                insert_by_start(place_hits[k], s, e, place_forms)
                if not node.has_before or s < 1:  # s + 1 == 1: the text's first word
                    break
                # the word before the key: norm[ps:pe], empty after two spaces
                pe: i64 = s
                before_char = ord(norm[pe - 1])
                if pe == ws - 1 and before_char != 32:  # the word read before this one
                    ps = last_ws
                    before_code = last_code
                    before_exact = last_exact
                else:  # its code read backwards
                    ps = pe
                    before_code = 0
                    chars_or = 0
                    while before_char != 32:  # norm[0] is a space
                        shift = (pe - ps) * 8
                        if shift < KEY_LENGTH_SHIFT:  # the last seven characters, as read forwards
                            before_code |= (before_char & (KEY_CHARS_MASK >> shift)) << shift
                        chars_or |= before_char
                        ps -= 1
                        before_char = ord(norm[ps - 1])
                    before_code |= ((pe - ps) & KEY_LENGTH_MASK) << KEY_LENGTH_SHIFT
                    before_exact = pe - ps <= 7 and chars_or < 256
                node = keys.find(node, before_code, before_exact, norm, ps, pe)
                s = int(ps) - 1
            last_ws = ws
            last_code = code
            last_exact = exact

        for k in range(ns):
            if len(place_hits[k]) > 1:  # "New York" is not "York": keep the longest of overlapping names
                kept: list[tuple[int, int, tuple[Form, ...]]] = []
                for h in place_hits[k]:  # by start, the longest first (insert_by_start)
                    if not kept or h[0] >= kept[-1][1]:
                        kept.append(h)
                place_hits[k] = kept
        self.actors.opposed = []
        mentions: list[list[Mention]] = []
        for k in range(ns):
            hits = actor_hits[k]
            if not hits:
                mentions.append([])
                continue
            place_starts = {h[0] for h in place_hits[k]} if place_hits[k] else None
            mentions.append(self.actors.mentions(text, norm, hits, published, place_starts))
        opposed = self.actors.opposed
        all_mentions = [m for ms in mentions for m in ms]
        for k in range(ns):  # "Tehran rejected ...": a capital used as the government is not a place
            if place_hits[k] and mentions[k]:
                actor_starts = {m.start for m in mentions[k] if m.cat == COUNTRY}
                place_hits[k] = [h for h in place_hits[k] if h[0] not in actor_starts]
        # Article context: which countries are involved, where it happens.
        counts: dict[str, int] = {}
        for m in all_mentions:
            c = m.actor.country
            if c:
                counts[c] = counts.get(c, 0) + 1
        loc_counts: dict[str, int] = {}
        first_place: dict[str, Place] = {}
        for hits in place_hits:
            for _, _, forms in hits:
                place = forms[0].ref[0]
                if place.country:
                    loc_counts[place.country] = loc_counts.get(place.country, 0) + 1
                    first_place.setdefault(place.country, place)
        involved = set(counts) | set(loc_counts)
        dominant_country = most_counted(counts)
        dominant_loc_country = most_counted(loc_counts)
        state = ArticleState(
            text=text,
            norm=norm,
            published=published,
            sentences=sentences,
            mentions=mentions,
            all_mentions=all_mentions,
            mention_starts=[m.start for m in all_mentions],
            quotes=[],
            involved=involved,
            dominant_country=dominant_country,
            dominant_location=first_place.get(dominant_loc_country or ""),
            opposed=opposed,
            oldest_current=published - self.historical,
        )
        # Generic agents ("protesters") take the nearest place named in their sentence ("in Cairo" before
        # a dateline), else the article's location, else its most named country.
        fallback = dominant_loc_country or dominant_country
        not_locative = 1 << 40  # added to the distance of a place not after a locative preposition
        for k in range(ns):
            ms = mentions[k]
            has_generic = False
            for m in ms:
                if m.actor.generic:
                    has_generic = True
                    break
            if not has_generic:
                continue
            # places: position, country, after a locative preposition (parallel lists, no tuple each)
            place_pos: list[int] = []
            place_country: list[str] = []
            place_locative: list[bool] = []
            for ps, _pe, forms in place_hits[k]:
                c = self._pick_place(forms[0].ref, involved).country
                if c:
                    place_pos.append(ps)
                    place_country.append(c)
                    place_locative.append(prev_word(norm, ps) in _LOCATIVE_PREPS)
            for m in ms:
                if m.cat == COUNTRY and m.actor.country and prev_word(norm, m.start) in _LOCATIVE_PREPS:
                    place_pos.append(m.start)
                    place_country.append(m.actor.country)
                    place_locative.append(True)
            for idx in range(len(ms)):
                m = ms[idx]
                if not m.actor.generic:
                    continue
                # the first place after a locative preposition, the nearest, else the nearest of all
                best: str | None = None
                best_rank = 0
                for q in range(len(place_pos)):
                    rank = abs(place_pos[q] - m.start) + (0 if place_locative[q] else not_locative)
                    if best is None or rank < best_rank:
                        best, best_rank = place_country[q], rank
                country = best or fallback
                if country:
                    ms[idx] = m.with_actor(self.actors.with_country(m, country, published))
        state.all_mentions = [m for ms in mentions for m in ms]
        state.quotes = self._quotes(state)
        for k in range(ns):
            if trigger_hits[k]:
                self._sentence(state, k, trigger_hits[k], place_hits[k])
        return state

    # ================================================================== quotes
    def _quotes(self, st: ArticleState) -> list[Quote]:
        text = st.text
        out: list[Quote] = []
        n = len(text)
        # every quote mark of the article (one scan per mark), then paragraph by paragraph: paragraphs
        # without a mark cost nothing
        marks: list[int] = []
        for ch in _QUOTE_CHAR_LIST:
            i = text.find(ch)
            while i >= 0:
                marks.append(i)
                i = text.find(ch, i + 1)
        marks.sort()
        nm = len(marks)
        at = 0
        while at < nm:
            pos = text.rfind("\n", 0, marks[at]) + 1  # the paragraph of the next mark
            pe = text.find("\n", marks[at])
            if pe < 0:
                pe = n
            open_at: int | None = None
            while at < nm and marks[at] < pe:
                i = marks[at]
                at += 1
                ch = text[i]
                if ch in OPENING_QUOTES:
                    if open_at is None:
                        open_at = i
                elif ch in CLOSING_QUOTES:
                    out.append(Quote(open_at + 1 if open_at is not None else pos, i))
                    open_at = None
                elif open_at is not None:
                    out.append(Quote(open_at + 1, i))
                    open_at = None
                else:
                    before = text[i - 1] if i > pos else " "
                    after = text[i + 1] if i + 1 < pe else " "
                    if before not in " (\u00a0" and after in " ,.;:!?)":
                        out.append(Quote(pos, i))
                    else:
                        open_at = i
            if open_at is not None and pe - open_at > 20:
                out.append(Quote(open_at + 1, pe))
        quotes = [q for q in out if text.count(" ", q.start, q.end) >= 3]
        for q in quotes:
            self._attribute(st, q)
        return quotes

    def _attribute(self, st: ArticleState, q: Quote) -> None:
        """Find who said a quote: '", X said' / '", said X' / 'X said: "' / 'saying "'."""
        text, norm = st.text, st.norm
        after_end = min(len(text), q.end + 80)
        stop = text.find("\n", q.end, after_end)
        if stop >= 0:
            after_end = stop
        words = norm[q.end + 1 : after_end + 1].split()[:8]
        for wi, w in enumerate(words):
            if w in self.reporting:
                verb_at = norm.find(" " + w + " ", q.end) - 1
                m = self._mention_between(st, q.end, verb_at + 1)
                if m is None:
                    m = self._mention_between(st, verb_at + 1, verb_at + 40)
                if m is not None:
                    q.speaker, q.speaker_text = m.actor, text[m.start : m.end]
                    return
                prev = words[wi - 1] if wi > 0 else ""
                if prev in self.person_pronouns:
                    p = self._last_person_before(st, q.start)
                    if p is not None:
                        q.speaker, q.speaker_text = p.actor, prev
                return
        begin = max(0, q.start - 120)
        line = text.rfind("\n", begin, q.start)
        if line >= 0:
            begin = line + 1
        before = norm[begin + 1 : q.start + 1].split()
        reported = False  # a reporting verb among the last four words
        for w in before[-4:]:
            if w in self.reporting:
                reported = True
                break
        if reported:
            m = self._mention_between(st, begin, q.start, last=False)
            if m is not None:
                q.speaker, q.speaker_text = m.actor, text[m.start : m.end]

    def _mention_between(self, st: ArticleState, a: int, b: int, last: bool = False) -> Mention | None:
        lo = bisect_right(st.mention_starts, a - 1)
        hi = bisect_right(st.mention_starts, b)
        found = [m for m in st.all_mentions[lo:hi] if m.end <= b + 1]
        if not found:
            return None
        return found[-1] if last else found[0]

    def _last_person_before(self, st: ArticleState, pos: int) -> Mention | None:
        i = bisect_right(st.mention_starts, pos) - 1
        while i >= 0:
            m = st.all_mentions[i]
            if m.actor.kind == "person" and m.end <= pos:
                return m
            i -= 1
        return None

    def _last_before(
        self,
        st: ArticleState,
        pos: int,
        kinds: tuple[str, ...],
        exclude: str | None = None,
        named: bool = False,
    ) -> Mention | None:
        i = bisect_right(st.mention_starts, pos) - 1
        while i >= 0:
            m = st.all_mentions[i]
            a = m.actor
            if (
                m.end <= pos
                and a.kind in kinds
                and (exclude is None or a.country != exclude)
                and (not named or (not a.generic and a.ref and a.kind == "armed_group" and m.cat == GROUP))
            ):
                return m
            i -= 1
        return None

    def _last_country_before(self, st: ArticleState, pos: int) -> Mention | None:
        i = bisect_right(st.mention_starts, pos) - 1
        while i >= 0:
            m = st.all_mentions[i]
            if m.cat == COUNTRY and m.end <= pos and m.actor.role is None:
                return m
            i -= 1
        return None

    def _pick_place(self, places: tuple[Place, ...], involved: set[str]) -> Place:
        for p in places:
            if p.country in involved:
                return p
        return places[0]

    def _possessed_agents(self, st: ArticleState, mentions: list[Mention], words: list[str]) -> None:
        """'Turkey says its warplanes ...': a generic agent owned through "its"/"their" belongs to the
        state or group named before it in the sentence, not to the country of the place."""
        last: Mention | None = None
        for idx, m in enumerate(mentions):
            owner = last.actor.country if last is not None else None
            if (
                m.cat == AGENT
                and not m.has_country
                and m.ti > 0
                and words[m.ti - 1] in ("its", "their")
                and owner
                and owner != m.actor.country
            ):
                mentions[idx] = m.with_actor(self.actors.with_country(m, owner, st.published))
            a = m.actor
            if a.guessed and a.country is None and m.ti > 1 and words[m.ti - 1] == "s" and idx > 0:
                # "the country's outlawed Islamic Renaissance Party", "Putin's spokesman Ivan Petrov":
                # a name owned by a country, a person or a state named just before belongs to it
                owner_m = mentions[idx - 1]
                country = owner_m.actor.country
                if country and words[owner_m.tj] == "s" and m.ti - owner_m.tj <= 3:
                    role = a.role or ""
                    mentions[idx] = m.with_actor(replace(a, code=country + role, country=country))
            if m.cat != PRONOUN and m.actor.country and m.actor.kind != "person":
                last = m

    def _name_countries(
        self, st: ArticleState, mentions: list[Mention], place_hits: list[tuple[int, int, tuple[Form, ...]]]
    ) -> None:
        """A guessed state body ("the Interior Ministry", "the Supreme Court") belongs to the country where
        the sentence or the article takes place (the nearest place named, else the article's main place);
        not to a country merely named, which is as often the body's target. Other guessed names (people,
        companies, NGOs) keep no country."""
        for idx, m in enumerate(mentions):
            a = m.actor
            if not a.guessed or a.country is not None or a.kind != "state" or not a.role:
                continue
            country = None
            best = 10**9
            for ps, _pe, forms in place_hits:
                c = self._pick_place(forms[0].ref, st.involved).country
                if c and abs(ps - m.start) < best:
                    country, best = c, abs(ps - m.start)
            if country is None and st.dominant_location is not None:
                country = st.dominant_location.country
            if country:
                mentions[idx] = m.with_actor(replace(a, code=country + a.role, country=country))

    # ------------------------------------------------------------------ pronouns and "the group"
    def _pronouns(self, st: ArticleState, sent: Sent, mentions: list[Mention]) -> list[Mention]:
        toks = sent.toks
        out: list[Mention] = []
        n = toks.n
        words = toks.words
        # the mentions before this pass (tokens inside one are not pronouns): ``mentions`` itself until a
        # pair noun replaces some of them
        spans = mentions
        for i in toks.marked:  # the tokens that are pronoun words (Tokens found them), in token order
            if _covers(spans, i):
                continue
            w = words[i]
            # the branch the word takes, "the" (the most common) first
            if w == "the":
                kind = _PRONOUN_THE
            elif w in ("he", "she", "him"):
                kind = _PRONOUN_PERSON
            elif w in ("it", "its"):
                kind = _PRONOUN_IT
            elif w == "both":
                kind = _PRONOUN_BOTH
            else:
                kind = _PRONOUN_OTHER
            start, end = toks.starts[i], toks.ends[i]
            if kind == _PRONOUN_PERSON:
                p = self._last_person_before(st, start)
                if p is not None:
                    out.append(Mention(start, end, p.actor, PRONOUN, ti=i, tj=i + 1, phrase=w))
            elif (
                (kind == _PRONOUN_IT and (i + 1 >= n or words[i + 1] not in _IT_NOT_ACTOR))
                or w in self.group_pronouns
                or w in self.we_pronouns
                or w in self.i_pronouns
            ):
                out.append(
                    Mention(
                        start, end, ActorVal("", None, None, w, "group"), PRONOUN, ti=i, tj=i + 1, phrase=w
                    )
                )
            elif (
                kind >= _PRONOUN_THE  # "the", "both"
                and (not self.pair_nouns_all_long or (i + 1 < n and words[i + 1] in self.pair_noun_seconds))
                and (tuple(words[i : i + 2]) in self.pair_nouns or tuple(words[i : i + 3]) in self.pair_nouns)
            ):
                # "the two governments", "both sides": resolved per action to the last two countries named
                L = 2 if tuple(words[i : i + 2]) in self.pair_nouns else 3
                if spans is mentions:
                    spans = list(mentions)
                mentions[:] = [m for m in mentions if not (i <= m.ti < i + L)]  # not "governments" alone
                out.append(
                    Mention(
                        start,
                        toks.ends[i + L - 1],
                        ActorVal("", None, None, words[i + L - 1], "group"),
                        PRONOUN,
                        ti=i,
                        tj=i + L,
                        phrase=_PAIR,
                    )
                )
            elif kind == _PRONOUN_THE and i + 1 < n and not _covers(spans, i + 1):
                noun = words[i + 1]
                if noun in self.state_noun_words:  # "the government": the last country named
                    c = self._last_country_before(st, start)
                    if c is not None:
                        phrase = "the " + noun
                        out.append(
                            Mention(start, toks.ends[i + 1], c.actor, PRONOUN, ti=i, tj=i + 2, phrase=phrase)
                        )
                elif noun in self.group_noun_words:  # "the group": the last armed group named
                    g = self._last_before(st, start, ("armed_group",), named=True)
                    if g is not None:
                        phrase = "the " + noun
                        out.append(
                            Mention(start, toks.ends[i + 1], g.actor, PRONOUN, ti=i, tj=i + 2, phrase=phrase)
                        )
        # "the militia" matched as a generic agent: prefer the last named armed group
        for idx, m in enumerate(mentions):
            if (
                m.cat == AGENT
                and m.actor.kind == "armed_group"
                and m.ti > 0
                and words[m.ti - 1] == "the"
                and m.actor.sponsor is None
                and not m.has_country
            ):
                g = self._last_before(st, m.start, ("armed_group",), named=True)
                if g is not None:
                    regrouped = m.with_actor(g.actor)
                    regrouped.cat = GROUP
                    mentions[idx] = regrouped
        return out

    # ================================================================== sentence
    def _sentence(
        self,
        st: ArticleState,
        k: int,
        trigger_hits: list[tuple[int, int, TriggerForms]],
        place_hits: list[tuple[int, int, tuple[Form, ...]]],
    ) -> None:
        s0, s1 = st.sentences[k]
        toks = Tokens(st.text, st.norm, s0, s1, _PRONOUN_WORDS, _PRONOUN_LONGEST)  # marked: for _pronouns
        st.words[k] = toks.words
        if not toks.n:
            return
        sent = Sent(self, st, k, toks, place_hits)
        triggers = self._triggers(sent, trigger_hits)
        if not triggers:
            return
        sent.set_triggers(triggers)
        words = toks.words
        n = toks.n
        # One pass over the words, one dictionary probe each: the clause cues (``Sent.cues``), the reporting
        # verbs (``Sent.reporting_at``, read by the clause rules at every step of their scans), whether
        # the sentence can hold a date, where historical markers stand. A multi-word cue counts only where
        # its whole phrase stands: the modality rules then scan for phrases only in sentences that have one.
        word_flags = self.word_flags
        flagged = self.flagged_words
        cues = 0
        reports = [False] * n
        first_report = n  # the reporting verbs stand in [first_report, last_report]
        last_report = -1
        date_lo = -1  # the date words and four-digit numbers stand in [date_lo, date_hi]
        date_hi = -1
        hist_markers: list[int] | None = None
        phrase_seconds = self.phrase_seconds
        i = -1
        for w in words:
            i += 1
            if len(w) == 4 and w.isdigit():  # a year
                if date_lo < 0:
                    date_lo = i
                date_hi = i
            if w not in flagged:
                continue  # most words (a set probe is cheaper than a dictionary lookup)
            bits = word_flags[w]
            cues |= bits & _CUE_WORD_BITS
            if bits & _W_REPORTING and sent.reporting_at(i):
                reports[i] = True
                if first_report == n:
                    first_report = i
                last_report = i
            if bits & _W_DATE:
                if date_lo < 0:
                    date_lo = i
                date_hi = i
            if bits & _PHRASE_FIRST_BITS and (
                bits & _W_HISTORICAL_WORD or (i + 1 < n and words[i + 1] in phrase_seconds)
            ):
                if bits & _CUE_COND_PHRASE and _phrase_here(words, i, n, self.conditional_by_first[w]):
                    cues |= _CUE_COND_PHRASE
                if bits & _CUE_FUTURE_PHRASE and _phrase_here(words, i, n, self.future_by_first[w]):
                    cues |= _CUE_FUTURE_PHRASE
                if bits & _W_HISTORICAL and _phrase_here(words, i, n, self.historical_by_first[w]):
                    if hist_markers is None:
                        hist_markers = []
                    hist_markers.append(i)
        sent.cues = cues
        sent.reports = reports
        sent.floors = None
        text = st.text
        # ends with "?" before closing quotes and brackets (no copy of the sentence)
        j = s1 - 1
        while j >= s0:
            ch = ord(text[j])  # a space, one of "') or a closing quote
            if not (ch == 32 or ch == 34 or ch == 39 or ch == 0x201D or ch == 0x2019 or ch == 41):
                break
            j -= 1
        question = j >= s0 and ord(text[j]) == 63
        # dates are looked for when the sentence's first action is coded (many sentences have none)
        dates: list[tuple[int, date, bool]] | None = None
        sent.quote = self._quote_for(st, s0, s1)
        self._reported_speech(sent, first_report, last_report + 1)
        # the speaker is known from here on: subject floors (which depend on it) can be kept
        sent.floors = [-1] * toks.n
        sentence_drafts: list[Draft] = []
        for idx, trig in enumerate(triggers):
            if idx in sent.consumed:
                continue
            draft = self._code_trigger(sent, idx)
            if draft is None:
                continue
            sent.done[idx] = draft
            draft.hypothetical = draft.hypothetical or question
            if dates is None:
                dates = find_dates(words, st.published, date_lo, date_hi + 1) if date_lo >= 0 else []
            self._date_and_place(st, sent, draft, dates, place_hits, trig)
            if draft.event_date is not None and draft.event_date < st.oldest_current:
                continue
            if hist_markers and not draft.future:
                historical = False
                for m in hist_markers:
                    if self._same_clause(sent, m, trig):
                        historical = True
                        break
                if historical:
                    continue
            if draft.silent:
                st.references.append(draft)  # kept for "the strikes ..." and "vowed revenge"
                continue
            sentence_drafts.append(draft)
            if sent.extra:
                sentence_drafts.extend(sent.extra)
                sent.extra = []
        any_conditional = False
        for d in sentence_drafts:
            if d.conditional:
                any_conditional = True
                break
        if any_conditional:
            # "... would face a strong response if the two nations conduct drills": the condition of another
            # action is part of that (conditional) action, not an event of its own
            in_condition = [
                d.conditional and self._in_protasis(sent, toks.index_at_or_after(d.trigger_span[0]))
                for d in sentence_drafts
            ]
            if not all(in_condition):
                sentence_drafts = [d for d, c in zip(sentence_drafts, in_condition, strict=True) if not c]
        if len(sentence_drafts) == 1:
            st.drafts.append(sentence_drafts[0])  # nothing to deduplicate
            return
        seen: set[tuple[str, str, str]] = set()
        for d in sentence_drafts:
            key = (d.code, d.source.code, d.target.code if d.target else "")
            if key in seen:
                continue
            seen.add(key)
            st.drafts.append(d)

    # ------------------------------------------------------------------ triggers
    def _triggers(self, sent: Sent, hits: list[tuple[int, int, TriggerForms]]) -> list[Trigger]:
        toks = sent.toks
        words = toks.words
        n = toks.n
        punct = sent.punct
        text = sent.st.text
        next_stop = sent.next_stop
        determiners = self.determiners
        prepositions = self.prepositions
        mention_at = sent.mention_at
        cands: list[Trigger] = []
        tok_starts, tok_ends = toks.starts, toks.ends
        word_set = sent.word_set
        # module constants as locals: compiled, each use of a module global is a dictionary lookup
        gap_breakers = _GAP_BREAKERS
        future_cues = _FUTURE_CUES
        tj_last = toks.index_containing(hits[0][1] - 1) if hits else 0  # the walks below start here
        for start, end, trigger_forms in hits:
            # the first token ending at or after ``end`` (``toks.index_containing(end - 1)``) and the first
            # starting at or after ``start`` (``toks.index_at_or_after``), walked from the last hit's: hits
            # come by end, a few tokens apart
            while tj_last < n and tok_ends[tj_last] < end:
                tj_last += 1
            while tj_last > 0 and tok_ends[tj_last - 1] >= end:
                tj_last -= 1
            ti = tj_last
            while ti < n and tok_starts[ti] < start:
                ti += 1
            while ti > 0 and tok_starts[ti - 1] >= start:
                ti -= 1
            if ti >= n or tok_starts[ti] != start or tj_last >= n or tok_ends[tj_last] != end:
                continue  # not on word boundaries of this sentence's tokens
            if start > 0:
                before_char = ord(text[start - 1])
                if before_char == 45 or before_char == 0x2010 or before_char == 0x2011:
                    continue  # "Iran-backed", "U.S.-led" (a hyphen before): part of a compound modifier
            tj = tj_last + 1
            inside = mention_at.get(ti)
            if inside is not None and inside.ti <= ti and tj <= inside.tj:
                continue  # "forces" inside "coalition forces"
            prev = words[ti - 1] if ti > 0 else ""
            prev_is_det = prev in determiners and not (
                prev in _ADVERBIAL_DETERMINERS and ti > 1 and words[ti - 2] in _MODAL_WORDS
            )  # "must first disarm", "will further tighten": an adverb after a modal, not a determiner
            for f in trigger_forms.live(word_set):
                pat: Pattern = f.ref
                tag = f.sub
                kind = pat.kind
                if kind == "verb":
                    if prev_is_det:
                        continue  # "the attack", "a seized tanker": a noun or an adjective
                    if tag in (VB, VBZ):
                        if prev in prepositions and prev != "to":
                            continue  # "under pressure"
                        if (
                            tj == ti + 1
                            and ti > 0
                            and (ti - 1) in mention_at
                            and tj < n
                            and words[tj] in _NOMINAL_NEXT
                        ):
                            continue  # "U.S. strikes on ...": nominal
                        if prev == "s" and ti > 1 and punct[ti - 2] in _APOSTROPHES:
                            continue  # "Iran's attacks" (possessive)
                        before = mention_at.get(ti - 1) if ti > 0 else None
                        if before is not None and before.cat == COUNTRY and before.sub == C_DEMONYM:
                            continue  # "Iranian calls for ...": an adjective before a noun
                elif kind == "noun" and prev in _NOT_BEFORE_NOUN:
                    continue
                end_tok = tj
                gap: tuple[int, int] | None = None
                tails = pat.tail_alts
                if tails:
                    ok = True
                    first_seg = True
                    heads = pat.tail_heads
                    for si in range(len(tails)):
                        seg = tails[si]
                        found = -1
                        firsts = seg[0]
                        head = heads[si] if si < len(heads) else ""  # the only first word, if one
                        # one C-level test rules most patterns out; ``live`` already checked the first
                        # segment's first word
                        if first_seg or (head in word_set if head else not word_set.isdisjoint(firsts)):
                            # the first position in the slot window where the tail segment starts
                            last = end_tok + _GAP_NP
                            stop = next_stop[end_tok] if end_tok < n else n
                            if stop < last:
                                last = stop
                            if n - 1 < last:
                                last = n - 1
                            seg_len = len(seg)
                            single = len(head) > 0  # (a native bool test per position)
                            for p in range(end_tok, last + 1):
                                if (words[p] == head) if single else (words[p] in firsts):
                                    matched = True
                                    for q in range(1, seg_len):
                                        if not (p + q < n and words[p + q] in seg[q]):
                                            matched = False
                                            break
                                    if matched:
                                        found = p
                                        break
                        first_seg = False
                        if found < 0:
                            ok = False
                            break
                        for q in range(end_tok, found):
                            if words[q] in gap_breakers:
                                ok = False  # "expects Qatar will use ... to": the slot holds a clause
                                break
                        if not ok:
                            break
                        if found - end_tok > _GAP and (
                            not self.np_slot_breakers.isdisjoint(words[end_tok:found])
                            or any((sent.pkind[q] & _SEGMENT) for q in range(end_tok, found))
                        ):
                            # past nine words the slot must be one noun phrase: no punctuation, no clause
                            # or prepositional phrase ("sent 100 armoured vehicles and a team of troops to")
                            ok = False
                            break
                        gap = (gap[0] if gap is not None else end_tok, found)
                        end_tok = found + len(seg)
                    if not ok:
                        continue
                if (
                    ti > 0
                    and prev in pat.not_before_last
                    and any(self._ends_with(words, ti, nb) for nb in pat.not_before)
                ):
                    continue
                probe = end_tok if tails else tj
                if (
                    probe < n
                    and words[probe] in pat.not_after_first
                    and _not_after(words, probe, n, pat.not_after_map[words[probe]])
                ):
                    continue
                if pat.only_future:
                    cue = False
                    for q in range(max(0, ti - 4), ti):
                        if words[q] in future_cues:
                            cue = True
                            break
                    if not cue:
                        continue
                cands.append(Trigger(ti, tj, end_tok, gap, pat, tag, pat.specificity))
        if len(cands) < 2:
            return cands  # nothing to choose between
        order = _trigger_order(cands)
        if len(order) <= _INSERTION_SORT_MAX:
            return _choose_few(order)
        # A candidate clashes with a chosen (more specific) one when their anchors overlap, when it starts
        # inside the chosen one's phrase, or when the chosen one starts inside its phrase. Occupancy arrays
        # keep this linear in the sentence length (a 1 MB article of one repeated word stays fast).
        anchor_cov = [False] * (n + 1)
        phrase_cov = [False] * (n + 1)
        starts = [False] * (n + 1)
        # chosen anchors never share a first token (``starts``): indexed by it, they come out in order
        chosen_at: list[Trigger | None] = [None] * (n + 1)
        for c in order:
            cti = c.ti
            if phrase_cov[cti]:
                continue
            clash = False
            for t in range(cti, c.tj):
                if anchor_cov[t]:
                    clash = True
                    break
            if clash:
                continue
            for t in range(cti, c.end):
                if starts[t]:
                    clash = True
                    break
            if clash:
                continue
            chosen_at[cti] = c
            for t in range(cti, c.tj):
                anchor_cov[t] = True
            for t in range(cti, c.end):
                phrase_cov[t] = True
            starts[cti] = True
        chosen: list[Trigger] = []
        for slot in chosen_at:
            if slot is not None:
                chosen.append(slot)
        return chosen

    @staticmethod
    def _ends_with(words: list[str], i: int, seq: tuple[str, ...]) -> bool:
        """``tuple(words[i - len(seq) : i]) == seq`` without the slice and the tuple."""
        L = len(seq)
        if i < L:
            return False
        lo = i - L
        return all(words[lo + q] == seq[q] for q in range(L))

    @staticmethod
    def _same_clause(sent: Sent, i: int, trig: Trigger) -> bool:
        """Does the date (or historical marker) at token ``i`` belong to the action ``trig``? A date
        before the action belongs to it unless a subordinating conjunction stands between ("In 2015,
        gunmen killed");
        a date after it does not when another action or a clause opener (other than "that") comes first:
        "strengthened its forces after Russia seized Crimea in 2014", "deported a man who first
        travelled there 20 years ago"."""
        words = sent.words
        # (plain loops: no slice of the words)
        if i >= trig.end:
            for j in range(trig.end, i):
                w = words[j]
                if w in _DATE_SEPARATORS and w != "that":
                    return False
            # another finite action between (a bare "massacre" after a noun is more likely a noun)
            for t in sent.triggers:
                if trig.end <= t.ti < i and t.pattern.kind != "noun" and t.tag != VB:
                    return False
            return True
        # before the action only a subordinating conjunction separates ("one on December 27 that killed")
        for j in range(i + 1, trig.ti):  # noqa: SIM110
            if words[j] in _SUBORDINATING:
                return False
        return True

    # ------------------------------------------------------------------ speech
    def _quote_for(self, st: ArticleState, s0: int, s1: int) -> Quote | None:
        for q in st.quotes:
            if q.start < s1 and s0 < q.end:
                return q
        return None

    def _reported_speech(self, sent: Sent, reports_from: int, reports_to: int) -> None:
        """Who speaks in this sentence, and which tokens are the reported content. The reporting verbs
        (``sent.reports``) stand in [reports_from, reports_to)."""
        words = sent.words
        n = sent.n
        st = sent.st
        q = sent.quote
        if q is not None and q.speaker is not None:
            sent.speaker, sent.speaker_text = q.speaker, q.speaker_text
            sent.speech = (sent.toks.index_at_or_after(q.start), sent.toks.index_containing(q.end))
            return
        anchors = sent.trigger_tokens
        if "according" in sent.word_set:
            for i, w in enumerate(words):
                if w == "according" and i + 1 < n and words[i + 1] == "to":
                    m = sent.mention_starting_in(i + 2, i + 6)
                    if m is not None:
                        sent.speaker, sent.speaker_text = m.actor, st.text[m.start : m.end]
                        sent.speech = (m.tj, n) if i < 2 else (0, i)
                        return
        reports = sent.reports
        for i in range(reports_from, reports_to):
            if not reports[i] or i in anchors:
                continue
            # "..., X said" at the end: X between the last comma and the verb
            commas = [j for j in range(max(0, i - 9), i) if (sent.pkind[j] & _P_COMMA1)]
            if commas:
                comma = commas[-1]
                m = sent.mention_starting_in(comma + 1, i)
                if m is not None and m.tj <= i:
                    sent.speaker, sent.speaker_text = self._speaker_actor(sent, m), st.text[m.start : m.end]
                    sent.speech = (0, comma + 1)
                    return
                m = sent.mention_starting_in(i + 1, i + 3)
                if m is not None and (
                    m.tj >= n - 1
                    or any((sent.pkind[j] & _P_COMMA1) for j in range(m.tj - 1, min(n, m.tj + 1)))
                ):
                    sent.speaker, sent.speaker_text = self._speaker_actor(sent, m), st.text[m.start : m.end]
                    sent.speech = (0, comma + 1)
                    return
            subj, actor, _how = self._subject(sent, i)
            if subj is not None or actor is not None:
                who = actor if actor is not None else self._speaker_actor(sent, subj)  # type: ignore[arg-type]
                if who is None:
                    continue
                sent.speaker = who
                sent.speaker_text = st.text[subj.start : subj.end] if subj is not None else ""
                sent.speech = (i + 1, n)
                return

    def _speaker_actor(self, sent: Sent, m: Mention) -> ActorVal | None:
        return self._resolve(sent, m) if m.cat == PRONOUN else m.actor

    # ------------------------------------------------------------------ subjects and objects
    def _eligible(self, sent: Sent, m: Mention, v: int = -1) -> bool:
        """Can this mention be a subject? Not inside a prepositional phrase, not a possessor."""
        words = sent.words
        i = m.ti - 1
        while i >= 0 and (words[i] in ("the", "a", "an") or words[i] in _NP_ADJECTIVES):
            i -= 1  # "in the same Afghan province", "across the restive northern border"
        if i >= 0 and sent.seg_start[i] == sent.seg_start[m.ti]:
            w = words[i]
            if w == "of":
                head = words[i - 1] if i > 0 else ""
                if head not in self.of_heads:
                    return False
            elif w in self.prepositions and not (
                # "after Iran conducted ...": a conjunction, when the verb follows the mention
                w in _CONJUNCTION_PREPS and v >= 0 and all(x in self.aux for x in words[m.tj : v])
            ):
                return False
        if m.tj + 1 < sent.n and words[m.tj] == "s" and sent.punct[m.tj - 1] in ("'", "\u2019"):
            return False  # possessor of something else: "Iran's nuclear programme"
        # not the modifier of a nominal event: "U.S. strikes"
        return not (m.tj < sent.n and sent.noun_trigger_at(m.tj))

    def _denied(self, sent: Sent, v: int, scope: int) -> bool:
        """Is the action at ``v`` inside what someone denies ("denied being behind the attacks",
        "ruled out any links ... to an attack that targeted ...")? Not across ", and X ..."."""
        words = sent.words
        lo = sent.speech[0] if sent.speaker is not None and sent.speech[0] <= v < sent.speech[1] else 0
        lo = max(lo, v - _WINDOW)
        for j in range(v - 1, lo - 1, -1):
            w = words[j]
            if j < scope and w in ("and", "but") and (j == scope - 1 or (j + 1) in sent.mention_at):
                return False  # "denied it and vowed revenge", "X denied it, and Y attacked": a new clause
            if w in self.denials:
                return True
            if j + 1 < v and w in self.denial_pair_firsts and (w, words[j + 1]) in self.denial_pairs:
                return True
        return False

    def _possessor(self, sent: Sent, m: Mention) -> bool:
        """'Iran's foreign ministry said': the possessor speaks for the unnamed head noun."""
        words = sent.words
        if not (m.tj + 1 < sent.n and words[m.tj] == "s" and sent.punct[m.tj - 1] in _APOSTROPHES):
            return False
        i = m.ti - 1
        while i >= 0 and words[i] in ("the", "a", "an"):
            i -= 1
        return not (i >= 0 and sent.seg_start[i] == sent.seg_start[m.ti] and words[i] in self.prepositions)

    def _in_segment_floor(self, sent: Sent, v: int) -> int:
        floors = sent.floors
        if floors is not None and floors[v] >= 0:
            return floors[v]
        seg = sent.seg_start[v]
        lo = max(seg, v - _WINDOW)
        if sent.speaker is not None and sent.speech[0] <= v < sent.speech[1]:
            lo = max(lo, sent.speech[0])
        words = sent.words
        reports = sent.reports
        floor = lo
        for j in range(v - 1, lo - 1, -1):
            if words[j] in _CLAUSE_OPENERS or (j + 1 < v and reports[j]):
                floor = j + 1
                break
        if floors is not None:
            floors[v] = floor
        return floor

    def _subject(
        self, sent: Sent, v: int, idx: int | None = None
    ) -> tuple[Mention | None, ActorVal | None, str]:
        """Subject of the predicate at token ``v``: (mention, actor-if-no-mention, how)."""
        words = sent.words
        if words[v].endswith("ing") and v > 0:
            b = v - 1
            if b >= 1 and words[b] in ("and", "or") and words[b - 1].endswith("ing"):
                b -= 2
            if b >= 0 and words[b] in self.prepositions and words[b] != "by":
                return None, None, ""  # "used for planning and executing attacks": no overt subject
        j = v - 1
        while j >= 0 and words[j] in self.aux:
            j -= 1
        # coordinated predicate: "has denied ... and vowed revenge" shares the subject
        if j > 0 and words[j] in ("and", "or", "but"):
            for p in range(sent.trigger_index_before(j), -1, -1):
                t = sent.triggers[p]
                if j - t.ti > _WINDOW:
                    break
                if t.ti >= j or t.pattern.kind == "noun":
                    continue
                # "China promised ..., and both sides agreed not to require or pressure": a new clause with
                # its own subject stands between; its verb (no action) is what "or pressure" joins
                for clause_subj in reversed(sent.mentions_in(t.end, j)):
                    after_subj = clause_subj.tj
                    if (
                        clause_subj.ti > 0
                        and words[clause_subj.ti - 1] in ("and", "but")
                        and after_subj < j
                        and words[after_subj] not in self.prepositions
                        and words[after_subj] not in self.determiners
                        and after_subj not in sent.mention_at
                        and self._eligible(sent, clause_subj)
                    ):
                        return self._first_conjunct(sent, clause_subj), None, "subject"
                d = sent.done.get(p)
                if d is not None:
                    return self._draft_source_mention(d), None, "coordination"
                m, a, _how = self._subject(sent, t.ti, p)
                return m, a, "coordination"
            for r in range(j - 1, max(-1, j - _WINDOW), -1):
                if sent.reports[r]:
                    m, a, _how = self._subject(sent, r)
                    return m, a, "coordination"
        # relative clause: "the group which attacked", "attacks ..., including one ... that killed"
        if j >= 0 and words[j] in ("that", "which", "who"):
            r = j
            m = sent.mention_by_end.get(r - 1)
            if m is not None:
                if m.ti > 1 and words[m.ti - 1] in _LOCATIVE:
                    # "the Taliban rulers in Afghanistan, who ...": the antecedent is before the place
                    head = sent.mention_by_end.get(m.ti - 2) or sent.mention_by_end.get(m.ti - 3)
                    if head is not None:
                        return head, None, "subject"
                return m, None, "subject"
            including = "one" in words[max(0, r - 8) : r]
            for p in range(sent.trigger_index_before(r), -1, -1):
                t = sent.triggers[p]
                if r - t.ti > _WINDOW:
                    break
                if (
                    t.pattern.kind == "noun"
                    and t.end <= r
                    and (r - t.end <= 6 or including)
                    and p in sent.done
                ):
                    return self._draft_source_mention(sent.done[p]), None, "event-coreference"
            if words[r] != "that":
                return None, None, ""
        floor = self._in_segment_floor(sent, v)
        possessor: Mention | None = None
        for j in range(v - 1, floor - 1, -1):
            m = sent.mention_by_end.get(j)
            if m is not None and m.ti >= floor:
                if self._eligible(sent, m, v):
                    return self._first_conjunct(sent, m), None, "subject"
                if possessor is None and self._possessor(sent, m):
                    possessor = m
        if possessor is not None:
            return possessor, None, "possessor"
        seg = sent.seg_start[v]
        if floor > seg:
            return None, None, ""
        cur = seg
        while cur > 0:
            prev = sent.seg_start[cur - 1]
            kind = self._segment_kind(sent, prev)
            if kind == "main":
                for m in sent.mentions:
                    if prev <= m.ti < cur and self._eligible(sent, m):
                        return self._first_conjunct(sent, m), None, "subject"
            cur = prev
        return None, None, ""

    @staticmethod
    def _draft_source_mention(d: Draft) -> Mention:
        """A coded action's source as a mention (its span, or an empty one at the trigger)."""
        return Mention(d.source_span[0], d.source_span[1], d.source, -1)

    def _segment_kind(self, sent: Sent, start: int) -> str:
        w = sent.words[start]
        if w in self.relatives and w != "that":
            return "relative"
        if (
            w in self.prepositions
            or w in _ADVERBIAL_OPENERS
            or (w in self.subordinators and w not in ("and", "but"))
        ):
            return "adverbial"
        if w.endswith("ing") and start > 0:
            return "participle"
        if start > 0 and sent.quote_boundary(start - 1):
            return "quote"
        return "main"

    def _first_conjunct(self, sent: Sent, m: Mention) -> Mention:
        """'Iran and their proxy forces' -> Iran."""
        words = sent.words
        cur = m
        while True:
            i = cur.ti - 1
            while i > 0 and words[i] in ("the", "their", "its", "his", "her", "a", "an"):
                i -= 1
            if i < 1 or words[i] not in ("and", "or", "&"):
                return cur
            prev = sent.mention_by_end.get(i - 1)
            if prev is None:
                return cur
            cur = prev

    def _conjuncts_after(self, sent: Sent, m: Mention) -> list[Mention]:
        out = [m]
        cur = m
        words = sent.words
        while len(out) < 3:
            j = cur.tj
            if j < sent.n and words[j] in ("and", "or", "&"):
                nxt = sent.mention_starting_in(j + 1, j + 2)
                if nxt is None and j + 2 < sent.n and words[j + 1] in ("the", "a", "an", "its", "their"):
                    nxt = sent.mention_starting_in(j + 2, j + 3)
                if nxt is not None and nxt is not cur:
                    out.append(nxt)
                    cur = nxt
                    continue
            break
        return out

    def _clause_end(self, sent: Sent, after: int, me: Trigger) -> int:
        words = sent.words
        n = sent.n
        pkind = sent.pkind
        reports = sent.reports
        if after > 0 and (pkind[after - 1] & _P_CLAUSE_STOP):
            return after  # '... any attack," Zarif said': the clause ended with the quote
        verb_starts = sent.verb_starts
        for j in range(after, min(n, after + _WINDOW)):
            w = words[j]
            if j > after and (w in _CLAUSE_OPENERS or w in ("but", "after", "before", "as") or reports[j]):
                return j
            if w == "to" and j + 1 < n and (j + 1) not in sent.mention_at:
                return j  # infinitive: "take decisive action to defend ..."
            if w == "and" or w == "but":
                for q in range(j + 1, j + 9):
                    if q in verb_starts:
                        return j  # "... and guards inside the compound fired": a new clause
            kind = pkind[j]
            if kind & _P_CLAUSE_STOP:
                return j + 1
            if (
                (kind & _P_COMMA1)
                and j + 1 < n
                and (words[j + 1] in self.subordinators or reports[j + 1] or words[j + 1].endswith("ing"))
            ):
                return j + 1
            if j > after and j in verb_starts and j != me.ti:
                return j
        return min(n, after + _WINDOW)

    def _target(self, sent: Sent, lo: int, hi: int, source: Mention | None) -> Mention | None:
        words = sent.words
        blocked_end = -1
        for m in sent.mentions_in(lo, min(hi, lo + 13)):
            if source is not None and m.ti == source.ti:
                continue
            i = m.ti - 1
            while i >= lo and words[i] in ("the", "a", "an", "its", "their", "his", "her", "all", "any"):
                i -= 1
            if i >= lo and words[i] in _TARGET_BLOCKING_PREPS:
                blocked_end = m.tj
                continue
            if i >= lo and words[i] in ("and", "or") and i == blocked_end:
                blocked_end = m.tj  # "in Iraq and Syria"
                continue
            if m.tj < sent.n and sent.noun_trigger_at(m.tj):
                continue  # "discussed U.S. defensive strikes": modifier of another event
            return m
        return None

    def _by_agent(self, sent: Sent, lo: int, hi: int) -> Mention | None:
        words = sent.words
        for j in range(lo, min(hi, sent.n)):
            if words[j] == "by":
                return sent.mention_starting_in(j + 1, j + 3)
            if sent.pkind[j] & _P_SEMI:
                return None
        return None

    def _resolve(self, sent: Sent, m: Mention) -> ActorVal | None:
        """Actor of a mention; pronouns resolved ('we' = the speaker's country, 'they' = last actor)."""
        if m.cat != PRONOUN or m.actor.code:
            return m.actor
        w = m.phrase
        speaker = sent.speaker
        if w in self.i_pronouns:
            return speaker
        if w in self.we_pronouns:
            if speaker is None or not speaker.country:
                return None
            c = speaker.country
            info = self.lex.countries.get(c)
            return ActorVal(c + "GOV", c, "GOV", info.name if info else c, "state", speaker.authority, ref=c)
        if w in ("it", "they", "he", "she") and m.ti > 0 and sent.reports[m.ti - 1]:
            # "Iran threatened ..., saying it would strike": the one who says it
            subj, actor, _how = self._subject(sent, m.ti - 1)
            if subj is not None and subj.cat != PRONOUN:
                return subj.actor
            if actor is not None:
                return actor
        if w in ("it", "its"):
            # "it said", "it will": the last state, organisation or group named before
            for other in reversed(sent.mentions):
                if other.tj <= m.ti and other.cat != PRONOUN and other.actor.kind != "person":
                    return other.actor
            prior = self._last_before(sent.st, m.start, ("state", "armed_group", "igo"))
            if prior is not None and m.start - prior.end < 400:
                return prior.actor
            return None
        if w in self.group_pronouns:
            exclude = speaker.country if speaker is not None else None
            # inside the sentence: "Iran and their proxy forces" -> Iran
            for other in sent.mentions:
                if (
                    other.tj <= m.ti
                    and other.cat != PRONOUN
                    and other.actor.kind in ("state", "armed_group", "group")
                ) and other.actor.country != exclude:
                    cand = other
                    break
            else:
                cand = None
            if cand is not None and m.ti - cand.tj <= 4:
                return cand.actor
            for d in reversed(sent.st.drafts + list(sent.done.values())):
                a = d.source
                if a.kind in ("state", "armed_group", "group") and a.country != exclude:
                    return a
            prior = self._last_before(sent.st, m.start, ("state", "armed_group", "group"), exclude=exclude)
            return prior.actor if prior is not None else None
        return None

    # ------------------------------------------------------------------ one action
    def _code_trigger(self, sent: Sent, idx: int) -> Draft | None:
        st = sent.st
        trig = sent.triggers[idx]
        pat = trig.pattern
        rules: GroupRules = pat.rules
        words = sent.words
        n = sent.n
        text = st.text
        v = trig.ti
        in_speech = sent.speaker is not None and sent.speech[0] <= v < sent.speech[1]
        spk = sent.speaker if in_speech else None
        future_marker = False
        hypo_marker = False
        refuse_marker = False
        consider_marker = False
        silent = False
        co_sources: list[Mention] = []
        participle = self._participle(sent, idx)
        if participle == _MODIFIER:
            return None  # "the militia, backed by Iran, fired ...", "a tanker seized last week by Iran"
        # ---- an action in the infinitive: "threatened to attack", "urged X to negotiate", "plans to strike"
        governed = self._governor(sent, idx)
        if governed is not None:
            j, t = governed
            root_g = int(t.pattern.code[:2])
            d = sent.done.get(j)
            refined = None
            if root_g in _GOVERNOR_ROOTS_TAKING_FUTURE:
                fut = rules.future
                if fut and int(fut[:2]) == root_g and len(fut) >= len(t.pattern.code):
                    refined = fut
            else:
                # "demanded that Russia withdraw" -> 1056, "urged Iran to release" -> 0253
                refined = _COMPLEMENT_CODES.get((t.pattern.code[:2], pat.code[:3]))
                if refined is not None and len(refined) < len(t.pattern.code):
                    refined = None
            if refined is not None:
                t.pattern = self._recoded(t.pattern, refined)
                if d is not None:
                    d.code = refined
            if d is not None and d.target is None and pat.kind != "noun":
                # "threatened to hit China with tariffs": the complement's object is the threat's target
                limit = self._clause_end(sent, trig.end, trig)
                obj = self._target(sent, trig.end, limit, None)
                if obj is not None:
                    other = self._resolve(sent, obj)
                    if other is not None and other.code != d.source.code:
                        d.target, d.target_span = other, (obj.start, obj.end)
                if d.target is None and d.code[:2] == "13":
                    condition_m = self._condition_subject(sent, trig, d.source)
                    other = self._resolve(sent, condition_m) if condition_m is not None else None
                    if condition_m is not None and other is not None:
                        d.target, d.target_span = other, (condition_m.start, condition_m.end)
            return None  # the complement is part of the governing action
        if trig.tag == VBG and v > 0 and words[v - 1] in _CONSIDER_WORDS:
            consider_marker = True  # "is considering sending aid": weighing an option (CAMEO 014)
        if v > 0 and words[v - 1] == "to" and pat.kind != "noun":
            before = words[max(0, v - 4) : v - 1]
            if any(w in _COMMIT_WORDS for w in before):
                future_marker = True  # "vowed to retaliate": a pledge (CAMEO 03 / 13)
            elif any(w in _DECIDED_WORDS for w in before):
                pass  # "decided to expel": an announced decision is the action itself
            elif any(w in _REFUSE_WORDS for w in before):
                refuse_marker = True
            elif any(w in _INTENT_WORDS or w in _ATTEMPT_WORDS for w in before):
                hypo_marker = True  # "plans to strike", "tried to enter": not (yet) carried out
            else:
                return None  # "an obligation to protect", "in order to deter": not an action that happened
        # ---- "threatens to derail the deal": figurative
        if (
            pat.code.startswith("13")
            and trig.end + 1 < n
            and words[trig.end] == "to"
            and words[trig.end + 1] in self.figurative
        ):
            return None

        passive = False
        if pat.kind == "verb" and trig.tag in (VBN, VBD):
            j = v - 1
            while j >= 0 and words[j] in self.aux and words[j] not in self.be:
                j -= 1
            if (
                j >= 0
                and words[j] in self.be
                and j not in sent.mention_at  # "fighting IS, condemned": Islamic State, not "is"
                and all(not (sent.pkind[q] & _P_COMMA) for q in range(j, v))
            ):
                passive = True
                if (
                    pat.tails == ()
                    and words[trig.tj - 1] in _ADJECTIVAL_PREPS
                    and not self._by_agent(sent, trig.end, trig.end + 8)
                ):
                    passive = False  # "is committed to", "are opposed to": a state of the subject
            elif (trig.tj < n and words[trig.tj] == "by" and v > 0 and (v - 1) in sent.mention_at) or (
                participle == _PASSIVE
            ):
                passive = (
                    True  # reduced relative: "locations targeted by U.S. forces", "a tanker seized by Iran"
                )

        source_m: Mention | None = None
        target_m: Mention | None = None
        answered: ActorVal | None = None  # the culprit of the grievance a retaliation answers
        source: ActorVal | None = None
        how = "subject"
        # "Qatar must mediate", the envoy said: the speaker demands (must) or urges (should) the action
        obligation = (
            self._obligation(sent, v) if spk is not None and pat.kind == "verb" and not passive else None
        )
        if pat.kind == "modal" or obligation is not None:
            # Obligation or threat a speaker states about the subject: "Iran must cease its attacks"
            if spk is None:
                return None
            subj, _actor, _ = self._subject(sent, v if obligation is None else obligation[1])
            source, how = spk, "speaker"
            if subj is not None:
                target_m = subj
            elif trig.gap is not None:
                target_m = sent.mention_starting_in(trig.gap[0], trig.gap[1])
        elif pat.kind == "verb":
            if passive:
                by = self._by_agent(sent, trig.end, trig.end + 8)
                subj, _subj_actor, _ = self._subject(sent, v)
                target_m = subj
                if by is not None:
                    source_m, how = by, "by-agent"
                elif spk is not None and int(pat.code[:2]) in (10, 11, 12, 13):
                    source, how = spk, "speaker"
                elif pat.code[:2] in ("16", "17"):
                    # "was detained in Russia", "were expelled from North Korea": that country's authorities
                    expel = pat.code[:3] in ("174", "166", "161")
                    where = self._clause_country(
                        sent, trig.end, self._clause_end(sent, trig.end, trig), expel
                    )
                    if where is None:
                        return None
                    info = self.lex.countries.get(where)
                    source = ActorVal(
                        where + "GOV", where, "GOV", info.name if info else where, "state", ref=where
                    )
                    how = "location"
                else:
                    return None
            else:
                guilty = trig.tag == VBG and v > 2 and words[v - 1] == "of" and words[v - 2] == "guilty"
                # "the army was guilty of violating the ceasefire": the subject of "was guilty" did it
                source_m, source, how = self._subject(sent, v - 2 if guilty else v, idx)
                if (
                    source_m is not None
                    and how == "subject"
                    and source_m.cat != PRONOUN
                    and source_m.tj < n
                    and words[source_m.tj] in ("and", "or", "&")  # (else no conjuncts: no lists built)
                ):
                    co_sources = self._conjuncts_after(sent, source_m)[1:]
                if source_m is None and source is None:
                    source = self._nominal_subject(sent, idx)
                    if source is None:
                        return None
                    how = "event-coreference"
                if trig.gap is not None:
                    target_m = self._slot_target(sent, trig.gap, source_m)
                if (
                    target_m is None
                    and pat.code == "016"
                    and trig.end < n
                    and words[trig.end] in ("by", "from", "of")
                ):
                    # "rejected allegations by Russia's FSB": the accuser is the target of the denial
                    target_m = sent.mention_starting_in(trig.end + 1, min(n, trig.end + 3))
                if target_m is None and not pat.code.startswith("01"):
                    start = trig.end
                    if pat.object_in_phrase:
                        # "fired tear gas at protesters", "carried out airstrikes on Iraq"
                        start = -1
                        for j in range(trig.end, min(n, trig.end + 3)):
                            if (
                                words[j] == "to"
                                and j + 1 < n
                                and (j + 1) not in sent.mention_at
                                and words[j + 1] not in ("the", "a", "an")
                            ):
                                break  # infinitive: "take decisive action to defend ..."
                            if words[j] in _OBJECT_PREPS or (
                                words[j] == "of" and j > 0 and words[j - 1] in self.of_heads
                            ):
                                start = j + 1  # "killed dozens of people": whom the quantity counts
                                break
                            if sent.pkind[j] & _P_COMMA:
                                break
                    grievance = self._grievance(sent, trig)
                    if grievance >= 0:
                        # "retaliated for the U.S. killing of Soleimani": the "for" phrase is the reason;
                        # the one retaliated against is whoever did that, not its victim
                        target_m, answered, _how = self._nominal_source(sent, grievance, spk)
                    elif start >= 0:
                        limit = self._clause_end(sent, start, trig)
                        target_m = self._target(sent, start, limit, source_m)
        else:  # nominal event
            pair = self._between(sent, trig)
            if pair is not None:
                # "clashes between protesters and security forces": each side acts on the other
                source_m = pair[0]
                co_sources = [pair[1]]
                how = "between"
                silent = self._nominal_is_reference(sent, trig)
            else:
                source_m, source, how = self._nominal_source(sent, idx, spk)
                if source_m is None and source is None:
                    return None
                target_m = self._nominal_target(sent, trig)
                silent = self._nominal_is_reference(sent, trig) or (
                    how != "light-verb"
                    and target_m is None
                    # "the Houthis are continuing their attacks on shipping": a light verb asserts it
                    and not (
                        how == "possessor"
                        and source_m is not None
                        and self._light_verb_before(sent, source_m.ti)
                    )
                )

        if source is None and source_m is not None and source_m.cat == PRONOUN and source_m.phrase == _PAIR:
            # "the two governments agreed": the last two countries named, each acting on the other
            parties = self._pair_countries(sent, source_m)
            if parties is None:
                return None
            source = parties[0]
            co_sources = [
                Mention(source_m.start, source_m.end, parties[1], COUNTRY, ti=source_m.ti, tj=source_m.tj)
            ]
        if source is None and source_m is not None:
            source = self._resolve(sent, source_m)
        if source is None:
            return None
        # "Bangladesh says it will not accept ...": the actor's words are the antecedent's, when it is named
        # earlier in the sentence, not the pronoun's
        words_m = source_m
        if source_m is not None and source_m.cat == PRONOUN:
            words_m = self._antecedent(sent, source_m, source) or source_m
        if in_speech and target_m is not None and target_m.ti >= sent.speech[1]:
            # "Iran will not attack first, Zarif said": an action inside reported speech acts on no one
            # named outside it (the speaker is not its target)
            target_m = None
        target: ActorVal | None = answered
        if target_m is not None:
            target = self._resolve(sent, target_m)
            if target is None:
                target_m = None
        # ---- code: roles, future, defaults
        code = pat.code
        role = source.role or ("STATE" if source.kind == "state" else None)
        modal_at = v
        if obligation is not None:
            root_o, modal_at = (
                obligation  # modality is read before the modal: "should" is no hypothetical here
            )
            code = _COMPLEMENT_CODES.get((root_o, pat.code[:3])) or root_o + "0"
        elif rules.only_roles is not None and role not in rules.only_roles:
            return None
        elif role and role in rules.by_role:
            code = rules.by_role[role]
        if rules.context_code is not None and any(w in sent.word_set for w in rules.context_words):
            code = rules.context_code
        floor = self._in_segment_floor(sent, modal_at)
        neg, cond, hypo, future = self._modality(sent, modal_at, floor, trig)
        if not hypo and self._scheduled(sent, v, trig):
            hypo = True
        if (
            obligation is None
            and spk is None
            and pat.kind == "verb"
            and self._obligation(sent, v) is not None
        ):
            hypo = True  # "Qatar must mediate": an obligation nobody is reported to state is not an event
        future = future or future_marker
        hypo = hypo or hypo_marker
        if rules.only_future and not future:
            return None
        if consider_marker:
            code, future, hypo = "014", False, False
        if (
            neg
            and v > 0
            and (
                words[v - 1] == "cannot" or (v > 1 and words[v - 2] == "can" and words[v - 1] in ("not", "t"))
            )
        ):
            refuse_marker = True  # "it cannot accept more refugees": a refusal, like "will not accept"
        refusal: str | None = None
        if (neg and future) or refuse_marker:
            refusal = _REFUSALS.get(code[:4]) or _REFUSALS.get(code[:3]) or _REFUSALS.get(code[:2])
        if refusal is not None:
            # "will not lift the embargo", "refused to withdraw": a refusal (CAMEO 12), not a negated action
            code, neg, future, hypo = refusal, False, False, False
        elif (
            neg
            and future
            and code[:2] in _RESTRAINT_ROOTS
            and pat.kind != "modal"
            and obligation is None
            and self._negated_here(words, max(floor, v - 4), v)
        ):
            # "will not attack", "pledged never to strike", "won't send troops": a pledge of restraint, which
            # CAMEO codes as an intent to de-escalate (0356), asserted now; not a negated threat (138)
            code, neg, future = _RESTRAINT_CODE, False, False
        elif future and pat.kind != "modal" and obligation is None:
            root = int(code[:2])
            if future_marker or (root in (10, 11, 12, 13, 18, 19, 20) and not hypo_marker):
                # a pledge, or a hostile announcement ("will retaliate", "will hold X responsible")
                if rules.future:
                    code = rules.future
            elif root in (6, 8) and not hypo and rules.future:
                # "said it will release the hostages", "would allow access": an announced concession, aid or
                # cooperation is the intent to carry it out (CAMEO 03), asserted now
                code = rules.future
            else:
                hypo = True  # "will hold talks", "will expel": announced, not yet done
        if (
            rules.joint is not None
            and not future
            and (
                co_sources
                or (
                    target_m is not None
                    and target_m.ti > 0
                    and words[target_m.ti - 1] in ("with", "alongside")
                )
            )
        ):
            code = rules.joint  # "India held exercises with Japan": together, not against each other
        if target is None and rules.default_target:
            agent = self.lex.agents_by_id.get(rules.default_target)
            if agent is not None:
                ctry = self._context_country(st, sent.k)
                target = self.actors.agent_actor(agent, agent.phrases[0], ctry, None)
        if target is None and code[:2] == "14" and not co_sources:
            target = self._protest_target(sent, source)
        if target is None and rules.implicit_target == "attacker":
            target = self._last_attacker(st, source)
        if target is None and code[:2] == "11" and not co_sources and self._refers_to_an_act(sent, trig):
            target = self._latest_hostile_author(sent, trig, source)
        if target is None and code[:2] == "13" and not self._complement_follows(sent, trig):
            # (a complement names its own object first: "threatened to shell X if ..." is aimed at X)
            target_m = self._condition_subject(sent, trig, source)
            target = self._resolve(sent, target_m) if target_m is not None else None
            if target is None:
                target_m = None
        if target is None and rules.untargeted and not future:
            code = rules.untargeted  # "fired a ballistic missile" with no target: a show of force
        if target is not None and target.code == source.code and target.name == source.name:
            target, target_m = None, None
        if (
            target is not None
            and target.kind == "state"
            and target.role is None
            and target.country == source.country
        ):
            target, target_m = None, None  # "the U.S. ... U.S.": the same country named twice
        if (
            target is not None
            and target.country is not None
            and target.country == source.country
            and target.role == source.role
            and target.role in (None, "GOV")
            and source.kind != "person"
            and target.kind != "person"
        ):
            target, target_m = None, None  # "Iran ... the Iranian government": not an interaction
        if rules.needs_target and target is None and obligation is None:
            return None
        # ---- spans and speech
        t_start = sent.toks.starts[trig.ti]
        t_end = sent.toks.ends[max(trig.ti, min(trig.end, n) - 1)]
        s0, s1 = st.sentences[sent.k]
        quote = sent.quote
        quote_text = None
        if quote is not None and quote.start < t_end and t_start < quote.end:
            qa, qb = max(quote.start, s0), min(quote.end, s1)
            quote_text = text[qa:qb].strip(" \"'\u201c\u201d")
        confidence = 0.45 + _HOW_CONFIDENCE.get(how, 0.1)
        if target is not None:
            confidence += 0.15 if target_m is not None else 0.05
        if trig.spec >= 2:
            confidence += 0.05
        if source.guessed:
            confidence -= 0.2  # an actor read from an unknown name: who it is stays a guess
        if target is not None and target.guessed:
            confidence -= 0.1
        clause_from = source_m.start if source_m is not None and s0 <= source_m.start < t_start else t_start
        draft = Draft(
            sentence=sent.k,
            sent_span=(s0, s1),
            code=code,
            pattern=pat,
            source=source,
            source_span=(words_m.start, words_m.end) if words_m is not None else (t_start, t_start),
            target=target,
            target_span=(target_m.start, target_m.end) if target_m is not None else None,
            trigger_span=(t_start, t_end),
            negated=neg,
            conditional=cond,
            hypothetical=hypo,
            future=future,
            speaker=spk,
            speaker_text=sent.speaker_text if spk is not None else "",
            quote=quote_text,
            confidence=min(0.95, confidence),
            source_how=how,
            clause=(clause_from, s1),
            silent=silent,
        )
        if target is None and co_sources and pat.kind != "modal":
            partner = self._resolve(sent, co_sources[0])
            if partner is not None and partner.code != source.code:
                # "A and B clashed", "A and B held talks": each acts on the other
                draft.target, draft.target_span = partner, (co_sources[0].start, co_sources[0].end)
                mirror = draft.copy()
                mirror.source = partner
                mirror.source_span = (co_sources[0].start, co_sources[0].end)
                mirror.target = source
                mirror.target_span = draft.source_span if source_m is not None else None
                sent.extra.append(mirror)
                co_sources = []
        for extra_src in co_sources:
            other = self._resolve(sent, extra_src)
            if (
                other is not None
                and other.code != source.code
                and (target is None or other.code != target.code)
            ):
                also = draft.copy()
                also.source = other
                also.source_span = (extra_src.start, extra_src.end)
                sent.extra.append(also)
        if target is not None and (code in _RECIPROCAL or code[:3] in _RECIPROCAL):
            # "A held talks with B", "A signed an agreement with B": B took part as much as A
            mirror = draft.copy()
            mirror.code = _RECIPROCAL.get(code, _RECIPROCAL.get(code[:3], code))
            mirror.source = target
            mirror.source_span = draft.target_span or draft.trigger_span
            mirror.target = source
            mirror.target_span = draft.source_span if source_m is not None else None
            sent.extra.append(mirror)
        if (
            target_m is not None
            and pat.kind != "modal"
            and target_m.tj < n
            and words[target_m.tj] in ("and", "or", "&")  # (else no conjuncts: no lists built)
        ):
            for extra in self._conjuncts_after(sent, target_m)[1:]:
                other = self._resolve(sent, extra)
                if other is not None and other.code not in (source.code, target.code if target else ""):
                    also = draft.copy()
                    also.target = other
                    also.target_span = (extra.start, extra.end)
                    sent.extra.append(also)
        return draft

    def _recoded(self, p: Pattern, code: str) -> Pattern:
        """``recoded(p, code)``, made once per pattern and code (a frozen dataclass: its construction is
        interpreted even when compiled). Keyed by the pattern's id: the entry holds the pattern, which
        therefore stays alive and keeps its id."""
        key = (id(p), code)
        entry = self._recoded_patterns.get(key)
        if entry is None:
            entry = self._recoded_patterns[key] = (p, recoded(p, code))
        return entry[1]

    @staticmethod
    def _grievance(sent: Sent, trig: Trigger) -> int:
        """Index of the nominal event in a "for" phrase right after a hostile action ("retaliated for the
        killing of ...", "vowed revenge for the strikes"), or -1."""
        words = sent.words
        e = trig.end
        if e >= sent.n or words[e] != "for" or int(trig.pattern.code[:2]) not in _GRIEVANCE_ROOTS:
            return -1
        for j, t in enumerate(sent.triggers):
            if t.pattern.kind == "noun" and e < t.ti <= e + 4:
                return j
        return -1

    @staticmethod
    def _slot_target(sent: Sent, gap: tuple[int, int], source_m: Mention | None) -> Mention | None:
        """The first actor in the object slots that is not the source's own country named as a state
        ("Trump withdrew the U.S. from the Iran deal": Iran, not the U.S.)."""
        own = source_m.actor.country if source_m is not None else None
        for m in sent.mentions_in(gap[0], gap[1]):
            a = m.actor
            if own is None or not (a.kind == "state" and a.role is None and a.country == own):
                return m
        return None

    def _scheduled(self, sent: Sent, v: int, trig: Trigger) -> bool:
        """An action in a present-tense "before"/"until" clause is scheduled, not done: "a day before the
        intelligence chief begins a visit to Washington", "until Iran stops its attacks"."""
        if "before" not in sent.word_set and "until" not in sent.word_set:
            return False
        words = sent.words
        present = trig.pattern.kind != "noun" and trig.tag in (VB, VBZ)
        for j in range(v - 1, max(-1, v - 16), -1):
            w = words[j]
            if w in ("before", "until"):
                return present
            if w in _CLAUSE_OPENERS or sent.reports[j] or sent.trigger_at(j):
                return False
            if not present and w in self.light and w.endswith("s") and w not in self.be and w != "has":
                present = True  # the light verb of a nominal: "begins a visit"
        return False

    def _obligation(self, sent: Sent, v: int) -> tuple[str, int] | None:
        """("10", i) when the verb at ``v`` is governed by "must" at token i ("must first disarm"), ("02", i)
        for "should"; adverbs and "also" may stand between."""
        if "must" not in sent.word_set and "should" not in sent.word_set:
            return None
        words = sent.words
        j = v - 1
        while j >= 0 and v - j <= 3:
            w = words[j]
            if w == "must":
                return "10", j
            if w == "should":
                return "02", j
            if not (w in _OBLIGATION_ADVERBS or (w.endswith("ly") and w not in self.aux)):
                return None
            j -= 1
        return None

    @staticmethod
    def _antecedent(sent: Sent, pronoun: Mention, actor: ActorVal) -> Mention | None:
        """The last mention before ``pronoun`` in its sentence that names ``actor``."""
        for m in reversed(sent.mentions):
            if m.tj > pronoun.ti or m.cat == PRONOUN:
                continue
            a = m.actor
            if a is actor or (a.code == actor.code and a.name == actor.name):
                return m
        return None

    def _clause_country(self, sent: Sent, lo: int, hi: int, include_from: bool = False) -> str | None:
        """The country named after 'in'/'inside' (or 'from', for expulsions) between tokens lo and hi."""
        words = sent.words
        preps = ("in", "inside", "from") if include_from else ("in", "inside")
        for m in sent.mentions:
            if lo <= m.ti < hi and m.cat == COUNTRY and m.ti > 0 and words[m.ti - 1] in preps:
                return m.actor.country
        return None

    def _governor(self, sent: Sent, idx: int) -> tuple[int, Trigger] | None:
        """The action whose complement this one is: "threatened to attack", "urged X to negotiate",
        "demanded that Moscow withdraw its troops"."""
        trig = sent.triggers[idx]
        v = trig.ti
        words = sent.words
        if trig.pattern.kind == "noun" or v == 0:
            return None
        if words[v - 1] == "to":
            for j in range(idx - 1, -1, -1):
                t = sent.triggers[j]
                if v - t.ti > _WINDOW:
                    break
                if t.end <= v and v - t.end <= 8:
                    return j, t
            return None
        if words[v - 1] in ("of", "for") or (
            v > 1 and words[v - 2] in ("of", "for") and words[v - 1] in _ARTICLES
        ):
            # "accused the army of killing civilians", "blamed Iran for the attack": what is alleged
            for j in range(idx - 1, -1, -1):
                t = sent.triggers[j]
                if v - t.ti > _WINDOW:
                    break
                if t.end <= v and v - t.end <= 8 and t.pattern.code[:2] in ("01", "10", "11", "12", "09"):
                    return j, t
        # "that"-clause of an appeal, demand or threat: "demanded that Moscow withdraw"
        for j in range(idx - 1, -1, -1):
            t = sent.triggers[j]
            if v - t.ti > _WINDOW:
                break
            # ("that" first: cheaper than the code's root, which is tested on fewer triggers)
            if t.end > v or v - t.end > 8 or t.end >= sent.n or words[t.end] != "that":
                continue
            if t.pattern.code[:2] in ("02", "10", "13") and not any(
                sent.reports[q] or words[q] in _CLAUSE_OPENERS for q in range(t.end + 1, v)
            ):
                return j, t
        return None

    def _nominal_subject(self, sent: Sent, idx: int) -> ActorVal | None:
        """'The strikes targeted ...': the subject is an earlier event; use its source."""
        v = sent.triggers[idx].ti
        root = int(sent.triggers[idx].pattern.code[:2])
        for p in range(idx - 1, -1, -1):
            t = sent.triggers[p]
            if v - t.end > 8:
                break
            if t.pattern.kind != "noun":
                continue
            sent.consumed.add(p)
            if p in sent.done:
                return sent.done[p].source
            head = sent.words[t.tj - 1].rstrip("s")
            family = next((f for f in _VIOLENT_FAMILIES if root in f), {root})
            fallback: ActorVal | None = None
            for d in self._known_events(sent.st):
                if d.negated:
                    continue
                if head and head in d.pattern.phrase:
                    return d.source
                if fallback is None and int(d.code[:2]) in family:
                    fallback = d.source
            return fallback
        return None

    def _nominal_source(
        self, sent: Sent, idx: int, spk: ActorVal | None
    ) -> tuple[Mention | None, ActorVal | None, str]:
        trig = sent.triggers[idx]
        words = sent.words
        punct = sent.punct
        ti = trig.ti
        # 1. possessor / modifier right before the noun: "Kataib Hezbollah attacks", "Iran's threats"
        j = ti - 1
        skipped = 0
        while j >= 0 and skipped <= 2:
            m = sent.mention_by_end.get(j)
            if m is not None:
                if m.ti > 1 and words[m.ti - 1] == "of" and words[m.ti - 2] not in self.of_heads:
                    break
                return m, None, "possessor"
            w = words[j]
            if w in ("their", "its", "his", "her", "our"):
                pm = sent.mention_starting_in(j, j + 1)
                if pm is not None:
                    return pm, None, "possessor"
                break
            if w == "s" and j > 0 and punct[j - 1] in ("'", "\u2019"):
                j -= 1
                continue
            if (
                w in self.determiners
                or w in self.prepositions
                or w in self.subordinators
                or w in self.be
                or w in self.aux
                or (sent.pkind[j] & _P_COMMA)
                or sent.trigger_at(j)
            ):
                break
            skipped += 1
            j -= 1
        # 2. "by" agent after the noun: "an attack on the embassy, by Iran-backed militia"
        by = self._by_agent(sent, trig.end, trig.end + 9)
        if by is not None:
            return by, None, "by-agent"
        # 3. light verb governing the noun: "Iran is orchestrating an attack", "carried out strikes"
        j = ti - 1
        hops = 0
        while j >= 0 and hops < 4:
            cand = words[j]
            at = -1  # where the light verb governing the noun starts
            if cand in self.light:
                at = j
            elif j > 0 and words[j - 1] in self.light_firsts and f"{words[j - 1]} {cand}" in self.light:
                at = j - 1
            if at >= 0:
                if words[at].endswith("ing"):
                    b = at - 1
                    if b >= 1 and words[b] in ("and", "or") and words[b - 1].endswith("ing"):
                        b -= 2
                    if b >= 0 and words[b] in self.prepositions:
                        break  # "used for planning and executing attacks": no overt subject
                m, a, _how = self._subject(sent, at)
                if m is not None or a is not None:
                    return m, a, "light-verb"
                if spk is not None:
                    return None, spk, "speaker"
                break
            if cand == "behind" and j > 0 and (words[j - 1] in self.be or words[j - 1] == "being"):
                m, a, _how = self._subject(sent, j - 1)
                if m is not None or a is not None:
                    return m, a, "light-verb"
            if (
                cand == "for"
                and j > 1
                and words[j - 1] == "responsible"
                and (words[j - 2] in self.be or words[j - 2] == "being")
            ):
                # "the LRA are responsible for mass killings": the subject carried them out
                m, a, _how = self._subject(sent, j - 2)
                if m is not None or a is not None:
                    return m, a, "light-verb"
            if (sent.pkind[j] & _P_COMMA) or sent.mention_at.get(j) is not None:
                break
            if not (cand in self.determiners or cand in self.aux or hops < 2):
                break
            hops += 1
            j -= 1
        return None, None, ""

    def _protest_target(self, sent: Sent, source: ActorVal) -> ActorVal | None:
        """Whom a protest is against when no target is named: "anti-Israeli protest" -> Israel; else the
        protesters' own government (domestic dissent)."""
        s0, s1 = sent.st.sentences[sent.k]
        for start, _end, iso3 in sent.st.opposed:
            if s0 <= start < s1:
                info = self.lex.countries.get(iso3)
                return ActorVal(iso3, iso3, None, info.name if info else iso3, "state", ref=iso3)
        c = source.country
        if c and source.role not in ("GOV", "MIL", "COP", None):
            info = self.lex.countries.get(c)
            return ActorVal(c + "GOV", c, "GOV", info.name if info else c, "state", ref=c)
        return None

    def _between(self, sent: Sent, trig: Trigger) -> tuple[Mention, Mention] | None:
        words = sent.words
        at = trig.tj if words[trig.tj - 1] != "between" else trig.tj - 1
        if at < sent.n and words[at] == "between":
            first = sent.mention_starting_in(at + 1, at + 3)
            if first is not None:
                both = self._conjuncts_after(sent, first)
                if len(both) >= 2:
                    return both[0], both[1]
        return None

    def _nominal_is_reference(self, sent: Sent, trig: Trigger) -> bool:
        """A noun phrase inside a prepositional phrase ("in response to repeated Kataib Hezbollah attacks",
        "hours after a mob attack") refers to an event; only clauses assert one."""
        words = sent.words
        j = trig.ti - 1
        hops = 0
        while j >= 0 and hops < 6:
            w = words[j]
            if (
                w in self.prepositions
                and w != "by"
                and not (w == "for" and j > 0 and words[j - 1] == "responsible")
            ):
                return True
            m = sent.mention_by_end.get(j)
            if m is not None:
                j = m.ti - 1
                hops += 1
                continue
            if (
                w in self.light
                or w in self.subordinators
                or w in self.be
                or w in self.aux
                or sent.trigger_at(j)
            ):
                return False
            if sent.pkind[j] & _P_COMMA:
                return False
            hops += 1
            j -= 1
        return False

    def _nominal_target(self, sent: Sent, trig: Trigger) -> Mention | None:
        """'attacks on X': X when X is an actor, else no one: the search stays inside that noun phrase."""
        words = sent.words
        anchor_last = words[trig.tj - 1]
        start = trig.end
        n = sent.n
        if anchor_last in _NOMINAL_TARGET_PREPS:
            return self._target(sent, start, self._np_end(sent, start, min(n, start + 6)), None)
        if anchor_last in ("of", "between", "to", "into"):
            return self._target(sent, start, min(n, start + 6), None)  # "deployment of troops to Liberia"
        for j in range(start, min(n, start + 3)):
            if words[j] in _NOMINAL_TARGET_PREPS:
                return self._target(sent, j + 1, self._np_end(sent, j + 1, min(n, j + 7)), None)
            if sent.pkind[j] & _P_COMMA:
                break
        return None

    def _participle(self, sent: Sent, idx: int) -> int:
        """Is the verb a past participle modifying a noun phrase ("the militia, backed by Iran, fired",
        "a tanker seized last week by Iran", "soldiers deployed to the border arrested ...") rather than
        a predicate? Then it is no action of its own (``_MODIFIER``), unless the sentence has no other
        action and the participle has its "by" agent: a passive then (``_PASSIVE``, "a tanker seized last
        week by Iran."). ``_NOT_PARTICIPLE`` otherwise."""
        result = self._participle_modifier(sent, idx)
        if result == _PASSIVE and not self._by_agent(
            sent, sent.triggers[idx].end, sent.triggers[idx].end + 8
        ):
            return _NOT_PARTICIPLE
        return result

    def _participle_modifier(self, sent: Sent, idx: int) -> int:
        trig = sent.triggers[idx]
        v = trig.ti
        words = sent.words
        n = sent.n
        if trig.pattern.kind != "verb" or trig.tag not in (VBN, VBD) or v == 0:
            return _NOT_PARTICIPLE
        prev = words[v - 1]
        if prev in self.aux or prev in self.be or prev in self.relatives or prev in _PARTICIPLE_NOT_AFTER:
            return _NOT_PARTICIPLE
        if v + 1 < n and words[v + 1] == "to":
            return _NOT_PARTICIPLE  # "agreed to open", "threatened to shell", "gave to Armenia": a predicate
        # what follows: a "by" agent, a preposition, a time word or the end of the phrase; a direct object
        # ("Iran seized a tanker") makes it a finite verb
        after = trig.tj  # right after the verb phrase's anchor ("called off a strike", "killed in * attack")
        if after < n and not (sent.pkind[after - 1] & _SEGMENT):
            nxt = words[after]
            if not (nxt in self.prepositions or nxt in _PARTICIPLE_NEXT):
                return _NOT_PARTICIPLE
        # the participle phrase: up to punctuation, a clause opener, the next verb, a form of "be" or a
        # reporting verb
        phrase_end = after
        while (
            phrase_end < n
            and phrase_end - after < 8
            and not (sent.pkind[phrase_end - 1] & _SEGMENT)
            and words[phrase_end] not in _CLAUSE_OPENERS
            and words[phrase_end] != "to"
            and not (
                phrase_end >= trig.end
                and (
                    phrase_end in sent.verb_starts
                    or words[phrase_end] in self.be
                    or words[phrase_end] in self.aux
                    or sent.reports[phrase_end]
                )
            )
        ):
            phrase_end += 1
        by_agent = "by" in words[after:phrase_end]
        seg = sent.seg_start[v]
        if seg == v or (
            v - seg <= 4
            and all(w in ("and", "or") or w.endswith("ed") or w.endswith("ly") for w in words[seg:v])
        ):
            # appositive: "X, backed by Iran, ...", "Hezbollah, armed and funded by Iran, said"
            if seg == 0 or not (sent.pkind[seg - 1] & _P_COMMA1):
                return _NOT_PARTICIPLE
            if phrase_end >= n or not (sent.pkind[phrase_end - 1] & _P_COMMA1):
                return _NOT_PARTICIPLE  # "..., seized by Iran." ends the sentence: a predicate of its own
            if not any(
                q in sent.verb_starts or words[q] in self.be or words[q] in self.aux or sent.reports[q]
                for q in range(phrase_end, min(n, phrase_end + 2))
            ):
                return _NOT_PARTICIPLE  # "the president, Manuel Merino, resigned on Sunday, ..."
            head = seg - 1
        else:
            # reduced relative right after its noun: "a tanker seized ...", "soldiers deployed ..."
            if prev in self.determiners or prev in self.prepositions or prev in self.subordinators:
                return _NOT_PARTICIPLE
            if prev in ("and", "or", "but") or (sent.pkind[v - 1] & _SEGMENT):
                return _NOT_PARTICIPLE
            head = v - 1
            named = sent.mention_at.get(head)
            if named is not None and named.cat != AGENT:
                return _NOT_PARTICIPLE  # "Russia vetoed on Friday ...": a named actor is the verb's subject
            if phrase_end < n and (words[phrase_end] in self.be or words[phrase_end] in self.aux):
                return _MODIFIER  # "U.S. forces killed in the attack were honoured": the noun's predicate
            if not by_agent:
                # without a "by" agent only when a later predicate shares the noun as its subject:
                # "soldiers deployed to the border arrested three men"
                later = None
                for t in sent.triggers[bisect_left(sent.trigger_tis, phrase_end) :]:
                    if t.ti - phrase_end > 2:
                        break  # only a verb right after the phrase can be its noun's predicate
                    if t.pattern.kind != "noun":
                        later = t
                        break
                if (
                    later is None
                    or later.ti - phrase_end > 2
                    or later.tag != VBD
                    or words[later.ti - 1] in ("to", "and", "or")
                ):
                    return _NOT_PARTICIPLE
                between = words[after : later.ti]
                if any(w in ("and", "or", "but") or w in self.subordinators for w in between):
                    return _NOT_PARTICIPLE
                if sent.mentions_in(after, later.ti) or any(
                    (sent.pkind[q] & _SEGMENT) for q in range(phrase_end - 1, later.ti - 1)
                ):
                    return _NOT_PARTICIPLE
        if head in sent.mention_at or words[head] not in self.determiners:
            # another action or a reporting verb in the sentence is the main one; else, with its "by" agent,
            # a passive
            other = any(
                j != idx and sent.triggers[j].pattern.kind != "noun" for j in self._nearby_triggers(sent, v)
            ) or any(sent.reports[i] for i in range(max(0, v - _WINDOW), min(n, v + _WINDOW)))
            return _MODIFIER if other else (_PASSIVE if by_agent else _NOT_PARTICIPLE)
        return _NOT_PARTICIPLE

    @staticmethod
    def _nearby_triggers(sent: Sent, v: int) -> range:
        """Indices of the triggers starting within the clause-search window around token ``v`` (a bound
        that keeps pathological sentences linear)."""
        tis = sent.trigger_tis
        return range(bisect_left(tis, v - _WINDOW), bisect_left(tis, v + _WINDOW))

    def _in_protasis(self, sent: Sent, v: int) -> bool:
        """Is token ``v`` inside an "if"/"unless" clause (back to the punctuation or clause opener)?"""
        words = sent.words
        for j in range(v - 1, max(-1, v - _WINDOW), -1):
            w = words[j]
            if w in _PROTASIS_OPENERS:
                return True
            if w in _CLAUSE_OPENERS or sent.reports[j] or (sent.pkind[j] & _SEGMENT):
                return False
        return False

    def _negated_here(self, words: list[str], lo: int, v: int) -> bool:
        """Is the verb at ``v`` itself negated: a negator in [lo, v) with only auxiliaries, "to" and
        adverbs after it ("will not attack", "pledged never to strike", "won't ever send")? Not "will
        not tolerate attacks": there the negator belongs to another verb."""
        for j in range(v - 1, lo - 1, -1):
            w = words[j]
            if w in _NEGATORS_NEAR:
                return True
            if not (w in self.aux or w == "to" or w in _RESTRAINT_ADVERBS or w.endswith("ly")):
                return False
        return False

    def _pair_countries(self, sent: Sent, m: Mention) -> tuple[ActorVal, ActorVal] | None:
        """'The two governments', 'both sides': the last two countries named before ``m`` (in this
        sentence or the few before it), in the order they were named; governments when the head says so."""
        st = sent.st
        found: list[Mention] = []
        i = bisect_right(st.mention_starts, m.start) - 1
        while i >= 0 and len(found) < 2:
            other = st.all_mentions[i]
            i -= 1
            if m.start - other.end > _PAIR_LOOKBACK:
                break
            c = other.actor.country
            if (
                other.end <= m.start
                and c
                and other.cat != PRONOUN
                and all(c != f.actor.country for f in found)
            ):
                found.append(other)
        if len(found) < 2:
            return None
        role = "GOV" if sent.words[m.tj - 1] in self.pair_government_heads else None
        actors: list[ActorVal] = []
        for f in reversed(found):
            c = f.actor.country or ""
            info = self.lex.countries.get(c)
            actors.append(ActorVal(c + (role or ""), c, role, info.name if info else c, "state", ref=c))
        return actors[0], actors[1]

    def _light_verb_before(self, sent: Sent, ti: int) -> bool:
        """Does a light verb govern the noun phrase starting at ``ti`` (its possessor: "are continuing
        their attacks", "carried out Iran's strikes")? Only a determiner or an adverb may stand between;
        "the Taliban-claimed bombing" is a compound, not a claim."""
        words = sent.words
        j = ti - 1
        hops = 0
        while j >= 0 and hops < 3:
            w = words[j]
            if w in self.light or (
                j > 0 and words[j - 1] in self.light_firsts and f"{words[j - 1]} {w}" in self.light
            ):
                return j == 0 or "-" not in sent.punct[j - 1]
            if (
                (sent.pkind[j] & _P_COMMA)
                or (w in self.prepositions and j not in sent.mention_at)
                or sent.trigger_at(j)
            ):
                return False
            hops += 1
            j -= 1
        return False

    def _np_end(self, sent: Sent, lo: int, hi: int) -> int:
        """End (exclusive) of the noun phrase starting at token ``lo``, at most ``hi``: it stops at a
        punctuation break, a preposition other than "of" (a locative one after the place it names, which
        ``_target`` skips), a clause opener, a verb or a reporting verb ("attacks on commercial shipping,
        Britain said": the phrase is "commercial shipping")."""
        words = sent.words
        mention_at = sent.mention_at
        for k in range(lo, hi):
            if k > lo and k not in mention_at:
                w = words[k]
                if w in _TARGET_BLOCKING_PREPS:
                    # "shipping near Yemen": the place ends the phrase (``_target`` skips it)
                    place = sent.mention_starting_in(k + 1, min(hi, k + 4))
                    return place.tj if place is not None else k
                if (
                    (w in self.prepositions and w != "of")
                    or w in _CLAUSE_OPENERS
                    or k in sent.verb_starts
                    or sent.reports[k]
                ):
                    return k
            if (sent.pkind[k] & _SEGMENT) and not (k + 1 < hi and words[k + 1] == "including"):
                return k + 1
        return hi

    # ------------------------------------------------------------------ modality
    def _modality(self, sent: Sent, v: int, floor: int, trig: Trigger) -> tuple[bool, bool, bool, bool]:
        words = sent.words
        # coordination starts a fresh scope: "has denied ... and vowed revenge"
        scope = floor
        for j in range(v - 1, floor - 1, -1):
            if words[j] in ("and", "but") and all(w in self.aux for w in words[j + 1 : v]):
                scope = j + 1
                break
        # (each scan below is skipped when the sentence has none of the words it looks for: ``cues``)
        cues = sent.cues
        neg = False
        if cues & _CUE_NEG:
            pre = words[scope:v]
            for j, w in enumerate(pre):
                if w in self.negators or (w == "t" and j > 0 and pre[j - 1] in self.contraction_neg):
                    pair = tuple(pre[j : j + 2])
                    if any(exc[:2] == pair for exc in self.neg_exceptions if len(exc) >= 2):
                        continue
                    neg = True
                elif w == "no" and j + 1 < len(pre) and pre[j + 1] == "longer":
                    neg = True
        if (cues & _CUE_DENIAL) and not trig.pattern.code.startswith("016") and self._denied(sent, v, scope):
            neg = True
        seg = sent.seg_start[v]
        cached = sent.cond_cache.get(seg)
        if cached is None:
            cached = False
            if (cues & _CUE_COND_PHRASE) and not self._cond_phrase_possible(sent.word_set):
                # the cue is a common first word ("in", "as"): without all the words of some conditional
                # phrase, no segment of the sentence needs the phrase scan
                cues &= ~_CUE_COND_PHRASE
                sent.cues = cues
            if cues & (_CUE_COND_WORD | _CUE_COND_PHRASE):
                seg_end = seg
                while seg_end < sent.n and sent.seg_start[seg_end] == seg:
                    seg_end += 1
                # a one-word conditional in the segment, else a conditional phrase
                if cues & _CUE_COND_WORD:
                    cached = _any_in(words, seg, seg_end, self.conditionals)
                if not cached and (cues & _CUE_COND_PHRASE):
                    cached = _phrase_at(words, seg, seg_end, self.conditional_by_first) >= 0
            sent.cond_cache[seg] = cached
        cond = cached
        if not cond and seg > 0 and (cues & _CUE_COND_WORD) and words[0] in self.conditionals:
            cond = True  # "If Iran attacks, we will respond": the consequence clause
        hypo = bool(cues & _CUE_HYPO) and _any_in(words, scope, v, self.hypo)
        lo4 = max(scope, v - 4)
        # a future phrase inside the window and the verb ("going to" + "attack")
        future = bool(cues & _CUE_FUTURE_WORD) and _any_in(words, lo4, v, self.future_words)
        if not future and (cues & _CUE_FUTURE_PHRASE):
            future = _phrase_at(words, lo4, v + 1, self.future_by_first) >= 0
        if cues & _CUE_LL_WON:
            for j in range(lo4, v):
                w = words[j]
                if w == "ll" or (w == "won" and words[j + 1] == "t"):
                    # "we'll strike", "Israel won't strike", "won't tolerate" (won't = will not)
                    future = True
                    break
        if not future and floor < scope == v and (cues & _CUE_FUTURE_WORD):
            # "Trump will hold talks with Xi and meet other leaders": a bare conjoined verb shares the tense
            future = any(w in self.future_words for w in words[max(floor, scope - 12) : scope - 1])
        if (cues & _CUE_WOULD) and "would" in words[lo4:v]:
            if any(sent.reports[j] for j in range(max(0, v - 8), v)):
                hypo = False  # "said it would retaliate": reported intent
                future = True
            elif not cond:
                hypo = True
        return neg, cond, hypo, future

    def _cond_phrase_possible(self, word_set: set[str]) -> bool:
        """Are all the words of one conditional phrase among the sentence's words?"""
        for ph in self.conditional_phrases:
            for w in ph:
                if w not in word_set:
                    break
            else:
                return True
        return False

    # ------------------------------------------------------------------ dates and places
    def _date_and_place(
        self,
        st: ArticleState,
        sent: Sent,
        d: Draft,
        dates: list[tuple[int, date, bool]],
        place_hits: list[tuple[int, int, tuple[Form, ...]]],
        trig: Trigger,
    ) -> None:
        v = trig.ti
        best: date | None = None
        best_dist = 10**6
        if len(dates) > 8:  # a pathological sentence: only the dates near the action
            pos = [x[0] for x in dates] if sent.date_pos is None else sent.date_pos
            sent.date_pos = pos
            dates = dates[bisect_left(pos, v - _WINDOW) : bisect_left(pos, v + _WINDOW)]
        words = sent.words
        for i, dt, _explicit in dates:
            dist = (i - v) if i >= v else (v - i) + 2
            if _any_in(words, max(0, i - 3), i, _SINCE):
                continue  # "has given $141 million since 2011": an ongoing period, not a past date
            if dist < best_dist and self._same_clause(sent, i, trig):
                best, best_dist = dt, dist
        d.event_date = best or st.published
        toks = sent.toks
        chosen: Place | None = None
        chosen_span: tuple[int, int] | None = None  # where the sentence names the chosen place
        chosen_dist = 10**6
        if len(place_hits) > 8:
            lo_c = toks.starts[max(0, v - _WINDOW)]
            hi_c = toks.ends[min(sent.n - 1, v + _WINDOW)]
            ppos = [h[0] for h in place_hits] if sent.place_pos is None else sent.place_pos
            sent.place_pos = ppos
            place_hits = place_hits[bisect_left(ppos, lo_c) : bisect_right(ppos, hi_c)]
        for s, _e, forms in place_hits:
            ti = toks.index_at_or_after(s)
            m = sent.mention_at.get(ti)
            if m is not None and m.cat == COUNTRY and m.start == s:
                continue  # "Tehran" used as the government, not a place
            dist = (ti - v) if ti >= v else (v - ti) + 1
            if dist < chosen_dist:
                chosen = self._pick_place(forms[0].ref, st.involved)
                chosen_span = (s, _e)
                chosen_dist = dist
        for m in sent.mentions_in(v - _WINDOW, v + _WINDOW):
            if (
                m.cat == COUNTRY
                and m.ti > 0
                and sent.words[m.ti - 1] in ("in", "inside", "across")
                and m.actor.country
            ):
                dist = (m.ti - v) if m.ti >= v else (v - m.ti) + 1
                if dist < chosen_dist:
                    chosen = self._country_place(m.actor.country)
                    chosen_span = (m.start, m.end)
                    chosen_dist = dist
        if chosen is None and st.dominant_location is not None:
            loc = st.dominant_location
            if loc.country in (d.source.country, d.target.country if d.target else None):
                chosen = loc
        d.location = chosen
        # visits, force postures, coercion and violence without a target: the country (or countries)
        # where it happened, named by the place's words when the sentence names it
        root = d.code[:2]
        if (
            d.target is None
            and (root in _LOCATION_TARGET_ROOTS or d.code == "042")
            and chosen is not None
            and chosen.country
        ):
            countries: list[str] = []
            spans: dict[str, tuple[int, int]] = {}
            for m in sent.mentions_in(v - _WINDOW, v + _WINDOW):
                if (
                    m.cat == COUNTRY
                    and m.ti > 0
                    and sent.words[m.ti - 1] in ("in", "inside", "across", "and", "to")
                ):
                    c = m.actor.country
                    if (
                        c
                        and c not in countries
                        and (c != d.source.country or root in _DOMESTIC_ROOTS)
                        and sent.seg_start[m.ti] == sent.seg_start[v]
                    ):
                        countries.append(c)
                        spans[c] = (m.start, m.end)
            if not countries and (chosen.country != d.source.country or root in _DOMESTIC_ROOTS):
                countries = [chosen.country]
                if chosen_span is not None:
                    spans[chosen.country] = chosen_span
            for i, c in enumerate(countries[:3]):
                info = self.lex.countries.get(c)
                actor = ActorVal(c, c, None, info.name if info else c, "state", ref=c)
                if i == 0:
                    d.target, d.target_span = actor, spans.get(c)
                    d.confidence = max(0.3, d.confidence - 0.1)
                else:
                    also = d.copy()
                    also.target = actor
                    also.target_span = spans.get(c)
                    sent.extra.append(also)

    def _country_place(self, iso3: str) -> Place:
        """A country named as the place of an action, as a Place (made once per country: a frozen
        dataclass, whose construction is interpreted even when compiled)."""
        place = self._country_places.get(iso3)
        if place is None:
            info = self.lex.countries.get(iso3)
            place = Place(info.name if info else iso3, iso3, None, None, 0)
            self._country_places[iso3] = place
        return place

    @staticmethod
    def _known_events(st: ArticleState) -> list[Draft]:
        """Every action met so far, coded or only referred to, latest first."""
        both = st.drafts + st.references
        both.sort(key=lambda d: d.trigger_span[0], reverse=True)
        return both

    def _context_country(self, st: ArticleState, k: int) -> str | None:
        loc = st.dominant_location
        return loc.country if loc is not None and loc.country else st.dominant_country

    def _refers_to_an_act(self, sent: Sent, trig: Trigger) -> bool:
        """Is the object of this action a reference to an earlier act: "condemned the launch", "denounced
        Tuesday's missile tests", "criticised these attacks"?"""
        words = sent.words
        n = sent.n
        for k in range(trig.end, min(n, trig.end + 4)):
            if k in sent.mention_at:
                return False  # an actor is named: the ordinary target rules apply
            w = words[k]
            if w in self.event_references or (
                k + 1 < n
                and w in self.event_reference_firsts
                and f"{w} {words[k + 1]}" in self.event_references
            ):
                return True
            if sent.pkind[k] & _P_COMMA:
                return False
        return False

    def _latest_hostile_author(self, sent: Sent, trig: Trigger, critic: ActorVal) -> ActorVal | None:
        """The author of the latest hostile act (roots 15-20) before ``trig``, this sentence included,
        other than the critic itself."""
        here = [d for d in sent.done.values() if d.trigger_span[1] <= sent.toks.starts[trig.ti]]
        here.sort(key=lambda d: d.trigger_span[0], reverse=True)
        for d in here + self._known_events(sent.st):
            if d.negated or d.hypothetical or int(d.code[:2]) < 15 or int(d.code[:2]) == 16:
                continue
            author = d.source
            if author.code != critic.code and (author.country is None or author.country != critic.country):
                return author
            return None  # the latest act is the critic's own side: nothing to attribute
        return None

    @staticmethod
    def _complement_follows(sent: Sent, trig: Trigger) -> bool:
        """ "threatened to shell ...": an action in the infinitive right after this one."""
        e = trig.end
        return e + 1 < sent.n and sent.words[e] == "to" and sent.trigger_at(e + 1)

    @staticmethod
    def _condition_subject(sent: Sent, trig: Trigger, source: ActorVal) -> Mention | None:
        """Whom a threat is aimed at when it names nobody: the subject of its condition ("will take stronger
        measures if Washington and Seoul continue their drills")."""
        words = sent.words
        for k in range(trig.end, min(sent.n, trig.end + _WINDOW)):
            if sent.pkind[k] & _P_SEMI:
                return None
            if words[k] in ("if", "unless"):
                m = sent.mention_starting_in(k + 1, k + 3)
                if m is None or m.cat == PRONOUN or m.actor.country == source.country:
                    return None
                return m
        return None

    def _last_attacker(self, st: ArticleState, victim: ActorVal) -> ActorVal | None:
        for d in self._known_events(st):
            if d.target is not None and d.code[:2] in ("18", "19", "20") and not d.negated:
                t = d.target
                if t.code == victim.code or (victim.ref and t.ref == victim.ref):
                    return d.source
        return None


_CLAUSE_OPENERS: Final = frozenset(
    {
        "that",
        "which",
        "who",
        "whom",
        "if",
        "unless",
        "because",
        "whether",
        "while",
        "whereas",
        "although",
        "though",
        "when",
        "where",
    }
)
_ADVERBIAL_OPENERS: Final = frozenset(
    {
        "however",
        "meanwhile",
        "earlier",
        "later",
        "separately",
        "also",
        "instead",
        "moreover",
        "furthermore",
        "additionally",
        "still",
        "yesterday",
        "today",
        "then",
        "now",
        "hours",
        "days",
        "weeks",
        "minutes",
        "shortly",
        "soon",
        "last",
        "on",
        "in",
        "at",
    }
)
_INTENT_WORDS: Final = frozenset(
    {
        "eager",
        "keen",
        "plans",
        "plan",
        "planned",
        "planning",
        "intends",
        "intend",
        "intended",
        "vows",
        "vowed",
        "vow",
        "pledged",
        "pledges",
        "promised",
        "promises",
        "threatened",
        "threatens",
        "threaten",
        "decided",
        "decides",
        "agreed",
        "agrees",
        "ready",
        "prepared",
        "preparing",
        "set",
        "poised",
        "about",
        "going",
        "wants",
        "want",
        "wanted",
        "seeks",
        "sought",
        "aims",
        "aimed",
        "expected",
        "likely",
        "vowing",
        "pledging",
        "promising",
        "determined",
    }
)
_OBJECT_PREPS: Final = frozenset(
    {"at", "on", "upon", "against", "toward", "towards", "into", "to", "with", "targeting", "from", "over"}
)
_FUTURE_CUES: Final = frozenset(
    {
        "will",
        "ll",
        "would",
        "shall",
        "going",
        "not",
        "never",
        "vowed",
        "vows",
        "pledged",
        "promised",
        "warned",
        "threatened",
        "ready",
        "prepared",
        "to",
    }
)
# (governor root, complement code) -> the governor's finer code
_YIELDS: Final = (("081", 1), ("082", 2), ("084", 3), ("085", 4), ("086", 5), ("087", 6))
_COMPLEMENT_CODES: Final = {
    **{("02", c): f"025{i}" for c, i in _YIELDS},
    **{("10", c): f"105{i}" for c, i in _YIELDS},
    **{("12", c): f"124{i}" for c, i in _YIELDS},
    ("02", "040"): "026", ("02", "046"): "026", ("10", "040"): "106", ("10", "046"): "106",
    ("12", "040"): "125", ("12", "046"): "125", ("02", "045"): "028", ("10", "045"): "108",
    ("02", "083"): "024", ("10", "083"): "104", ("12", "083"): "123",
}  # fmt: skip
# a hostile military action pledged not to happen ("will not attack") -> express intent to de-escalate
# military engagement (CAMEO 0356: "offer or pledge to decrease military activities"); the negator must
# stand right before the action (a denial "denied it would attack" stays a negated threat)
_RESTRAINT_ROOTS: Final = frozenset({"15", "18", "19", "20"})
_RESTRAINT_CODE: Final = "0356"
_NEGATORS_NEAR: Final = frozenset({"not", "never", "t", "cannot"})
_PROTASIS_OPENERS: Final = frozenset({"if", "unless"})
_RESTRAINT_ADVERBS: Final = frozenset({"again", "ever", "first", "yet"})
# a refused cooperative action -> the CAMEO 12 code
_REFUSALS: Final = {
    "081": "1241", "082": "1242", "083": "123", "0831": "1231", "084": "1243", "085": "1244", "086": "1245",
    "087": "1246",
    "08": "124", "04": "125", "03": "120", "05": "120", "06": "121", "07": "122", "02": "120",
}  # fmt: skip
_CONSIDER_WORDS: Final = frozenset({"considering", "consider", "considers", "considered", "mulling",
                                    "weighing", "contemplating", "discussing", "debating", "studying",
                                    "exploring"})  # fmt: skip
_REFUSE_WORDS: Final = frozenset(
    {"refuse", "refuses", "refused", "refusing", "declined", "declines", "decline"}
)
_COMMIT_WORDS: Final = frozenset(
    {
        "willing",
        "ready",
        "prepared",
        "vow",
        "vows",
        "vowed",
        "vowing",
        "pledge",
        "pledges",
        "pledged",
        "pledging",
        "promise",
        "promises",
        "promised",
        "promising",
        "threaten",
        "threatens",
        "threatened",
        "threatening",
        "agree",
        "agrees",
        "agreed",
        "offer",
        "offers",
        "offered",
        "swore",
        "swear",
        "swears",
    }
)
_DATE_SEPARATORS: Final = frozenset({"who", "whom", "which", "that", "when", "where", "after", "since",
                                     "following", "before", "until", "while", "because",
                                     "whose"})  # fmt: skip
_ADVERBIAL_DETERMINERS: Final = frozenset({"first", "further", "last"})
_MODAL_WORDS: Final = frozenset({"must", "will", "would", "should", "shall", "can", "could", "may", "might"})
_SUBORDINATING: Final = frozenset({"after", "since", "following", "before", "until", "while", "because"})
_OBLIGATION_ADVERBS: Final = frozenset({"first", "now", "also", "still", "immediately", "urgently", "quickly",
                                        "fully", "swiftly", "instead", "therefore", "then",
                                        "finally"})  # fmt: skip
_DECIDED_WORDS: Final = frozenset({"decided", "decides", "decide", "moved", "moves", "voted", "votes"})
_ATTEMPT_WORDS: Final = frozenset(
    {"tried", "attempted", "trying", "attempting", "tries", "attempts", "sought"}
)


# What the text between two tokens holds, as bits (Sent.pkind): the clause rules test these instead of
# testing character sets against the text (a method call each, compiled)
_SEGMENT: Final = 1  # _SEGMENT_PUNCT: ends a segment (comma, colon, dash, bracket, quote)
_STOP: Final = 2  # _STOP_PUNCT: stops an object slot
_P_COMMA: Final = 4  # _COMMA_CHARS: , ; :
_P_CLAUSE_STOP: Final = 8  # _CLAUSE_STOP_CHARS
_P_SEMI: Final = 16  # _SEMI_CHARS: ; :
_P_QUOTE: Final = 32  # _QUOTE_MARKS
_P_COMMA1: Final = 64  # a comma
_PUNCT_KINDS: Final[dict[str, int]] = {}  # short punctuation runs (", ", ": \"") -> their bits


def _punct_kind(p: str) -> int:
    """The bits above for the text between two tokens. Memoised for short runs: one dictionary probe
    instead of a set test per rule."""
    kind = _PUNCT_KINDS.get(p)
    if kind is None:
        kind = 0
        if not _SEGMENT_PUNCT.isdisjoint(p):
            kind |= _SEGMENT
        if not _STOP_PUNCT.isdisjoint(p):
            kind |= _STOP
        if not _COMMA_CHARS.isdisjoint(p):
            kind |= _P_COMMA
        if not _CLAUSE_STOP_CHARS.isdisjoint(p):
            kind |= _P_CLAUSE_STOP
        if not _SEMI_CHARS.isdisjoint(p):
            kind |= _P_SEMI
        if not _QUOTE_MARKS.isdisjoint(p):
            kind |= _P_QUOTE
        if "," in p:
            kind |= _P_COMMA1
        if len(p) <= 4:  # the few short runs that occur; long ones are rare and not kept
            _PUNCT_KINDS[p] = kind
    return kind


def _covers(mentions: list[Mention], t: int) -> bool:
    """Is token ``t`` inside one of the mentions? (A sentence has a handful: a scan, no flag list.)"""
    for m in mentions:  # noqa: SIM110
        if m.ti <= t < m.tj:
            return True
    return False


def _merged_by_token(mentions: list[Mention], later: list[Mention]) -> list[Mention]:
    """``mentions + later`` sorted by token (stable; ``later`` is in token order): a merge when
    ``mentions`` is in order too (usual), else the sort."""
    n = len(mentions)
    for i in range(1, n):
        if mentions[i].ti < mentions[i - 1].ti:
            mentions.extend(later)
            return _sort_by_token(mentions)
    out: list[Mention] = []
    j = 0
    n_later = len(later)
    for m in mentions:
        while j < n_later and later[j].ti < m.ti:
            out.append(later[j])
            j += 1
        out.append(m)
    while j < n_later:
        out.append(later[j])
        j += 1
    return out


def _sort_by_token(mentions: list[Mention]) -> list[Mention]:
    """``mentions.sort(key=lambda m: m.ti)`` (stable, in place; the list is returned) without a key call
    per mention: usually the list is in order already, else packed ints are sorted."""
    n = len(mentions)
    in_order = True
    for i in range(1, n):
        if mentions[i].ti < mentions[i - 1].ti:
            in_order = False
            break
    if in_order:
        return mentions
    packed: list[int] = []
    for i in range(n):
        ti = mentions[i].ti
        if not (0 <= ti < (1 << 30) and n < (1 << 24)):
            mentions.sort(key=lambda m: m.ti)
            return mentions
        packed.append((ti << 24) | i)
    packed.sort()
    ordered = [mentions[p & 0xFFFFFF] for p in packed]
    mentions[:] = ordered
    return mentions


def bisect_left(values: list[int], x: int) -> int:
    """``bisect.bisect_left`` for a sorted list of ints, compiled: a native loop where the stdlib's is a
    generic call through a module global, with its arguments boxed and parsed (Sent.mentions_in)."""
    lo: i64 = 0
    hi: i64 = len(values)
    while lo < hi:
        mid = (lo + hi) >> 1
        if values[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def bisect_right(values: list[int], x: int) -> int:
    """``bisect.bisect_right`` for a sorted list of ints, compiled (see bisect_left)."""
    lo: i64 = 0
    hi: i64 = len(values)
    while lo < hi:
        mid = (lo + hi) >> 1
        if x < values[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases grouped by their first word, in their order."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for ph in phrases:
        grouped.setdefault(ph[0], []).append(ph)
    return {w: tuple(group) for w, group in grouped.items()}


def _phrase_at(words: list[str], lo: int, hi: int, by_first: dict[str, tuple[tuple[str, ...], ...]]) -> int:
    """The first token index in ``words[lo:hi]`` where one of the phrases (by first word) starts and ends
    inside that range; -1 if none. Plain loops: no slices or tuples per token."""
    for i in range(lo, hi):
        group = by_first.get(words[i])
        if group is None:
            continue
        for ph in group:
            if i + len(ph) <= hi and _rest_matches(words, i, ph):
                return i
    return -1


def _phrase_here(words: list[str], i: int, n: int, group: tuple[tuple[str, ...], ...]) -> bool:
    """Does one of the phrases (all starting with ``words[i]``) stand at ``i``, ending by ``n``?"""
    return any(i + len(ph) <= n and _rest_matches(words, i, ph) for ph in group)


def _any_in(words: list[str], lo: int, hi: int, vocabulary: frozenset[str]) -> bool:
    """One of ``words[lo:hi]`` is in ``vocabulary`` (a plain loop: no slice)."""
    for i in range(lo, hi):  # noqa: SIM110
        if words[i] in vocabulary:
            return True
    return False


def _rest_matches(words: list[str], i: int, ph: tuple[str, ...]) -> bool:
    """``words[i + 1 : i + len(ph)]`` equals ``ph[1:]`` (the caller checked the first word and that the
    phrase fits), compared word by word: no slice, no tuple."""
    for q in range(1, len(ph)):  # noqa: SIM110
        if words[i + q] != ph[q]:
            return False
    return True


# Which clause cues a sentence has at all (``Sent.cues``, from its distinct words): the modality rules
# skip their scans when the sentence has none of the words they look for.
_CUE_NEG: Final = 1  # a negator, or "t" ("won't") or "no" ("no longer")
_CUE_DENIAL: Final = 2  # a denial word, or the first word of a two-word denial
_CUE_COND_WORD: Final = 4  # a one-word conditional
_CUE_COND_PHRASE: Final = 8  # the first word of a conditional phrase
_CUE_HYPO: Final = 16  # a hypothetical marker
_CUE_FUTURE_WORD: Final = 32  # a one-word future marker
_CUE_FUTURE_PHRASE: Final = 64  # the first word of a future phrase
_CUE_LL_WON: Final = 128  # "ll" ("we'll"), "won" ("won't")
_CUE_WOULD: Final = 256  # "would"
_INSERTION_SORT_MAX: Final = 16  # _trigger_order: more candidates take a packed-key sort
# the cues a word sets by itself (the phrase cues count where their whole phrase stands)
_CUE_WORD_BITS: Final = (
    _CUE_NEG | _CUE_DENIAL | _CUE_COND_WORD | _CUE_HYPO | _CUE_FUTURE_WORD | _CUE_LL_WON | _CUE_WOULD
)
# Engine.word_flags bits besides the cues
_W_REPORTING: Final = 512  # a reporting verb form
_W_DATE: Final = 1024  # a month, weekday or relative day name
_W_HISTORICAL: Final = 2048  # the first word of a historical marker ("years ago")
_W_HISTORICAL_WORD: Final = 4096  # a one-word historical marker ("historically")
_PHRASE_FIRST_BITS: Final = _CUE_COND_PHRASE | _CUE_FUTURE_PHRASE | _W_HISTORICAL | _W_HISTORICAL_WORD


def _not_after(words: list[str], probe: int, n: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Does one of the not-after phrases (all starting with ``words[probe]``) follow at ``probe``, within
    the four words there (``tuple(words[probe : probe + 4])[: len(p)] == p``, with no tuples)?"""
    for ph in phrases:
        L = len(ph)
        if L <= 4 and probe + L <= n and _rest_matches(words, probe, ph):
            return True
    return False


def _choose_few(order: list[Trigger]) -> list[Trigger]:
    """Engine._triggers' choice for a handful of candidates (by precedence), compared with the chosen
    ones pairwise instead of through occupancy arrays: the same clashes, the chosen in token order."""
    chosen: list[Trigger] = []
    for c in order:
        cti = c.ti
        clash = False
        for d in chosen:
            if (
                d.ti <= cti < d.end  # starts inside the chosen one's phrase
                or (cti < d.tj and d.ti < c.tj)  # anchors overlap
                or cti <= d.ti < c.end  # the chosen one starts inside its phrase
            ):
                clash = True
                break
        if clash:
            continue
        # chosen anchors never share a first token: keep them sorted by it
        j = len(chosen)
        chosen.append(c)
        while j > 0 and chosen[j - 1].ti > cti:
            chosen[j] = chosen[j - 1]
            j -= 1
        chosen[j] = c
    return chosen


def _precedence(c: Trigger) -> int:
    """The candidate's sort key for _trigger_order (lower first): the pattern's precomputed part
    (``Pattern.order_key``) with the object slot's width; -1 when out of the packed ranges."""
    base = c.pattern.order_key
    gap = c.gap
    if gap is None:
        return base
    width = gap[1] - gap[0]
    if base < 0 or not 0 <= width < 4096:
        return -1
    return base + width * 16


def _trigger_order(cands: list[Trigger]) -> list[Trigger]:
    """Candidates by precedence: longest, most specific phrase first; verbs before nouns; a shorter object
    slot first; then finer codes; ties in their original order. A sentence's handful of candidates takes
    an insertion sort on precomputed keys (stable: a candidate goes after those with the same key)."""
    if len(cands) > _INSERTION_SORT_MAX:
        return _trigger_order_packed(cands)
    order: list[Trigger] = []
    for c in cands:
        key = _precedence(c)
        if key < 0:
            return _trigger_order_packed(cands)
        order.append(c)
        j = len(order) - 1
        while j > 0 and _precedence(order[j - 1]) > key:
            order[j] = order[j - 1]
            j -= 1
        order[j] = c
    return order


def _trigger_order_packed(cands: list[Trigger]) -> list[Trigger]:
    """_trigger_order for many candidates. Sorting plain ints (each candidate's ``_precedence`` with its
    index in the low bits) avoids a key function call and a tuple per candidate; out-of-range values
    (never seen) take the equivalent tuple sort."""
    packed: list[int] = []
    for i, c in enumerate(cands):
        key = _precedence(c)
        if key < 0 or i >= 1 << 24:
            return sorted(
                cands,
                key=lambda c: (
                    -c.spec,
                    c.pattern.kind == "noun",
                    (c.gap[1] - c.gap[0]) if c.gap else 0,
                    -len(c.pattern.code),
                ),
            )
        packed.append((key << 24) | i)
    packed.sort()
    return [cands[p & 0xFFFFFF] for p in packed]


class Sent:
    """One sentence under analysis: tokens, punctuation, mentions, segments, triggers, speech."""

    __slots__ = (
        "cond_cache",
        "consumed",
        "cues",
        "date_pos",
        "done",
        "extra",
        "floors",
        "k",
        "mention_at",
        "mention_by_end",
        "mentions",
        "n",
        "next_stop",
        "noun_starts",
        "pkind",
        "place_pos",
        "punct",
        "quote",
        "reporting",
        "reports",
        "seg_start",
        "speaker",
        "speaker_text",
        "speech",
        "st",
        "toks",
        "trigger_tis",
        "trigger_tokens",
        "triggers",
        "verb_starts",
        "word_set",
        "words",
    )  # fmt: skip

    triggers: list[Trigger]
    noun_starts: set[int]
    verb_starts: set[int]
    trigger_tokens: set[int]
    trigger_tis: list[int]
    cond_cache: dict[int, bool]
    cues: int  # the _CUE_ bits of the sentence's words (set with its triggers, by Engine._sentence)
    reports: list[bool]  # reporting_at(i) for each token (idem)
    floors: list[int] | None  # Engine._in_segment_floor by token, -1 if not known yet (once the speaker is)
    done: dict[int, Draft]
    consumed: set[int]
    extra: list[Draft]

    def __init__(
        self,
        engine: Engine,
        st: ArticleState,
        k: int,
        toks: Tokens,
        place_hits: list[tuple[int, int, tuple[Form, ...]]] = [],  # noqa: B006 - never mutated
    ) -> None:
        self.st = st
        self.k = k
        self.toks = toks
        self.reporting = engine.reporting
        self.words = toks.words
        n = toks.n
        self.n = n
        text = st.text
        s1 = st.sentences[k][1]
        ends, starts = toks.ends, toks.starts
        # the text after each token, the segment each token is in, the next stop at or after it. Most gaps
        # are one space: those keep the shared " ", kind 0 and the defaults below; only the tokens
        # Tokens found followed by something else are visited.
        punct = [" "] * n
        pkind = [0] * n
        seg_start = [0] * n
        cur = 0  # the segment being read starts at this token
        next_stop = [n] * (n + 1)
        unfilled = 0  # next_stop is set up to here
        for i in toks.odd_gaps:
            e = ends[i]
            nxt = starts[i + 1] if i + 1 < n else s1
            # the most common gaps ("." ending the sentence, "Iran, Iraq", "U.S. envoy"): shared constants
            # and their kinds, no slice to make, hash, look up and free
            c = ord(text[e]) if nxt > e else 0
            if nxt == e + 1 and c == 46:
                p = "."
                kind = _PERIOD_KIND
            elif nxt == e + 2 and c == 44 and ord(text[e + 1]) == 32:
                p = ", "
                kind = _COMMA_SPACE_KIND
            elif nxt == e + 2 and c == 46 and ord(text[e + 1]) == 32:
                p = ". "
                kind = _PERIOD_SPACE_KIND
            else:
                p = text[e:nxt]
                kind = _punct_kind(p) if p else 0
            punct[i] = p
            if kind:
                pkind[i] = kind
                if kind & _SEGMENT:
                    if cur:  # the first segment's tokens keep the 0 they have
                        for t in range(cur, i + 1):
                            seg_start[t] = cur
                    cur = i + 1
                if kind & _STOP:
                    while unfilled <= i:
                        next_stop[unfilled] = i
                        unfilled += 1
        if cur:
            for t in range(cur, n):
                seg_start[t] = cur
        self.punct = punct
        self.pkind = pkind
        self.seg_start = seg_start
        self.next_stop = next_stop
        # the sentence's distinct words (one C-level construction; positions, where a rule needs them,
        # come from a scan of ``words``)
        self.word_set = set(self.words)
        mentions = list(st.mentions[k])
        # token span of each mention: mentions come in text order, so one forward walk over the tokens
        # (toks.index_at_or_after / index_containing, without a bisection per mention)
        ti = 0
        last_start = -1
        for m in mentions:
            ms, me = m.start, m.end
            if ms < last_start or me <= ms:  # out of order or empty (not seen): bisect
                m.ti = toks.index_at_or_after(ms)
                m.tj = toks.index_containing(me - 1) + 1
                continue
            last_start = ms
            while ti < n and starts[ti] < ms:
                ti += 1
            m.ti = ti
            # tokens before ti - 1 end before ms, so the token containing me - 1 is at ti - 1 or later
            tj = ti - 1 if ti > 0 else 0
            while tj < n and ends[tj] <= me - 1:
                tj += 1
            m.tj = tj + 1
        mentions = engine.names.drop_modifiers(mentions, self.words, self.punct)
        # tokens a guessed name may not use: those of dictionary mentions and places (a flag per token)
        blocked = [False] * n
        for m in mentions:
            for t in range(m.ti, min(m.tj, n)):
                blocked[t] = True
        for ps, pe, _forms in place_hits:
            for t in range(toks.index_at_or_after(ps), min(toks.index_containing(pe - 1) + 1, n)):
                blocked[t] = True
        named = engine.names.mentions(text, self.words, starts, ends, self.punct, blocked, toks.capitalised)
        if named:
            mentions = engine.names.attach(mentions, named, self.words, self.punct)
            engine._name_countries(st, mentions, place_hits)
        pronouns = engine._pronouns(st, self, mentions)
        mentions = _merged_by_token(mentions, pronouns) if pronouns else _sort_by_token(mentions)
        engine._possessed_agents(st, mentions, self.words)
        self.mentions = mentions
        mention_at: dict[int, Mention] = {}
        mention_by_end: dict[int, Mention] = {}
        for m in mentions:
            for t in range(m.ti, m.tj):
                mention_at[t] = m
            mention_by_end[m.tj - 1] = m
        self.mention_at = mention_at
        self.mention_by_end = mention_by_end
        # the trigger fields (triggers, noun_starts, trigger_tokens, trigger_tis, verb_starts) and the
        # coding state (cond_cache, done, consumed, extra) are set by set_triggers: a sentence without an
        # action never needs them
        self.date_pos: list[int] | None = None
        self.place_pos: list[int] | None = None
        self.quote: Quote | None = None
        self.speaker: ActorVal | None = None
        self.speaker_text = ""
        self.speech: tuple[int, int] = (0, 0)

    def set_triggers(self, triggers: list[Trigger]) -> None:
        """The sentence's actions, in token order, and the token indexes the clause rules look up."""
        self.triggers = triggers
        noun_starts: set[int] = set()
        verb_starts: set[int] = set()
        trigger_tokens: set[int] = set()
        trigger_tis: list[int] = []
        for t in triggers:
            if t.pattern.kind == "noun":
                noun_starts.add(t.ti)
            else:
                verb_starts.add(t.ti)
            for i in range(t.ti, t.tj):
                trigger_tokens.add(i)
            trigger_tis.append(t.ti)
        self.noun_starts = noun_starts
        self.verb_starts = verb_starts
        self.trigger_tokens = trigger_tokens
        self.trigger_tis = trigger_tis
        self.cond_cache = {}
        self.done = {}
        self.consumed = set()
        self.extra = []

    def reporting_at(self, i: int) -> bool:
        """A reporting verb ("said", "tweeted"), not a word inside a name ("United States")."""
        return (
            self.words[i] in self.reporting
            and i not in self.mention_at
            and (i == 0 or self.words[i - 1] not in _ARTICLES)
        )

    def _first_mention_at_or_after(self, ti: int) -> int:
        """Index in ``mentions`` (sorted by token) of the first mention starting at token ``ti`` or later."""
        mentions = self.mentions
        lo: i64 = 0
        hi: i64 = len(mentions)
        while lo < hi:
            mid = (lo + hi) >> 1
            if mentions[mid].ti < ti:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def mention_starting_in(self, lo: int, hi: int) -> Mention | None:
        i = self._first_mention_at_or_after(lo)
        if i < len(self.mentions) and self.mentions[i].ti < hi:
            return self.mentions[i]
        return None

    def mentions_in(self, lo: int, hi: int) -> list[Mention]:
        """Mentions starting at tokens lo..hi-1, in order."""
        return self.mentions[self._first_mention_at_or_after(lo) : self._first_mention_at_or_after(hi)]

    def trigger_index_before(self, pos: int) -> int:
        """Index of the last trigger starting before token ``pos`` (-1 if none)."""
        return bisect_left(self.trigger_tis, pos) - 1

    def noun_trigger_at(self, i: int) -> bool:
        return i in self.noun_starts

    def trigger_at(self, i: int) -> bool:
        return i in self.trigger_tokens

    def quote_boundary(self, i: int) -> bool:
        return (self.pkind[i] & _P_QUOTE) != 0


# "it is", "it was": usually expletive or a thing, not an actor
_QUOTE_CHAR_LIST: Final = tuple(sorted(QUOTE_CHARS))  # QUOTE_CHARS, iterated without a set iterator
_PRONOUN_WORDS: Final = frozenset(
    {"he", "she", "him", "it", "its", "they", "them", "their", "we", "us", "our", "i", "me", "my", "the",
     "both"}
)  # fmt: skip
_PRONOUN_LONGEST: Final = max([len(w) for w in _PRONOUN_WORDS])  # longer words skip the set probe
# the branches of _pronouns a word takes
_PRONOUN_PERSON: Final = 1  # he, she, him
_PRONOUN_IT: Final = 2  # it, its
_PRONOUN_OTHER: Final = 3  # the engine's group, speaker and speaker-country pronouns
_PRONOUN_THE: Final = 4  # the
_PRONOUN_BOTH: Final = 5  # both (a pair noun may follow, as after "the")
_PAIR: Final = "<pair>"  # Mention.phrase of "the two governments", "both sides"
# interactions coded in both directions (visit <-> host: "A visited B" is also "B hosted A")
_RECIPROCAL: Final = {
    "040": "040", "041": "041", "044": "044", "046": "046", "057": "057", "061": "061", "062": "062",
    "063": "063", "064": "064", "060": "060", "042": "043", "043": "042", "0871": "0871",
}  # fmt: skip
_LOCATIVE_PREPS: Final = frozenset(
    {"in", "at", "near", "inside", "outside", "across", "throughout", "around"}
)
_CONJUNCTION_PREPS: Final = frozenset(
    {"after", "before", "since", "until", "as", "while", "because", "when", "once"}
)
_IT_NOT_ACTOR: Final = frozenset(
    {"is", "was", "s", "seems", "seemed", "appears", "appeared", "remains", "remained", "be", "been",
     "being", "time", "takes", "took", "became", "becomes", "means", "meant", "matters", "happened"}
)  # fmt: skip
_ADJECTIVAL_PREPS: Final = frozenset({"to", "with", "about", "on", "in", "against"})
_GAP_BREAKERS: Final = frozenset({"will", "would", "can", "could", "must", "should", "shall", "that", "which",
                                  "who", "said", "says", "if", "because", "while", "when"})  # fmt: skip
# what _participle says of a past-tense verb form
_NOT_PARTICIPLE: Final = 0
_MODIFIER: Final = 1
_PASSIVE: Final = 2
# a past participle after one of these is a verb form of its own ("did not attack", "to be seized")
_PARTICIPLE_NOT_AFTER: Final = frozenset(
    {"to", "not", "never", "t", "n", "they", "we", "he", "she", "it", "who"}
)
# words after a past participle that leave it without a direct object ("a tanker seized last week")
_PARTICIPLE_NEXT: Final = frozenset({"last", "earlier", "yesterday", "today", "recently", "previously",
                                     "overnight", "this", "there", "here"})  # fmt: skip
_PAIR_LOOKBACK: Final = 800  # characters: how far back "the two governments" looks for its two countries
_WINDOW: Final = 40  # how far (in words) clause searches look: keeps pathological sentences linear
_ARTICLES: Final = frozenset({"a", "an", "the", "its", "their", "his", "her", "new", "fresh"})
_GAP: Final = 9  # longest object slot ("*") in words that may hold punctuation ("urged Iran, its ally, to")
_GAP_NP: Final = 15  # longest object slot in words when it holds no punctuation (one long noun phrase)
_NOMINAL_NEXT: Final = frozenset({"on", "against", "by", "in"})
_APOSTROPHES: Final = frozenset({"'", "\u2019"})
_NOT_BEFORE_NOUN: Final = frozenset(
    {"to", "will", "would", "can", "could", "should", "must", "may", "might", "did"}
)
# how the source was found -> confidence added to the base (0.1 for the others)
_HOW_CONFIDENCE: Final = {
    "subject": 0.3,
    "by-agent": 0.3,
    "possessor": 0.25,
    "light-verb": 0.2,
    "speaker": 0.25,
    "coordination": 0.2,
}
_STOP_PUNCT: Final = frozenset(';:!?"\u201c\u201d')
_SEGMENT_PUNCT: Final = frozenset(',;:()"\u201c\u201d\u2014\u2013')
# the kinds of the most common gaps, for Sent.__init__ (after the character sets _punct_kind reads)
_PERIOD_KIND: Final = _punct_kind(".")
_COMMA_SPACE_KIND: Final = _punct_kind(", ")
_PERIOD_SPACE_KIND: Final = _punct_kind(". ")
