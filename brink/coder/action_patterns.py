"""Action phrases of ``verbs.yaml`` compiled into ``Pattern``s: each inflected anchor (a dictionary key)
with its tail segments, exclusions and candidate order; ``GroupRules``, a verb group's coding rules as a
native object."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial
from typing import Final

from brink.coder.inflection import MOD, noun_forms, verb_forms
from brink.coder.pattern_schema import VerbGroup
from brink.coder.text import key_for

PARTICLES: Final = frozenset(
    {
        "on", "upon", "to", "at", "against", "with", "for", "into", "from", "of", "off", "out", "up", "down",
        "in", "over", "by", "about", "toward", "towards", "back", "between", "among", "onto", "through",
        "across", "behind", "near",
    }
)  # fmt: skip
MODALS: Final = frozenset({"must", "should", "will", "would", "has", "have", "need", "needs", "ought"})


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
