"""Schema and loader of the dependency patterns: one YAML file per CAMEO root family under
``brink/coder/patterns/`` (``13_threaten.yaml`` ...). The syntax is documented in
``brink/coder/patterns/README.md``; every pattern carries example sentences that are tests
(tests/unit/test_coder_pattern_examples.py).

A pattern names the lemma of its trigger word (a verb, or a noun event with a light verb or a possessor)
as a verb class (``@attack``, resolved through ``brink/coder/data/verb_classes.yaml``) or as plain lemmas,
and optional constraints on the trigger's dependents (particle, object, governed clause); it says where in
the parse the source, target and recipient are found (slots) and which CAMEO code it gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from spacy.strings import StringStore

PATTERNS_DIR: Final = Path(__file__).parent / "patterns"

# Where a role is found, relative to the trigger (see README.md beside the pattern files):
#   subject          nsubj (inherited through xcomp/conj chains: "continued to send" -> the subject of
#                    "continued"), or the "by" agent of a passive ("was attacked by US forces")
#   object           dobj, or the subject of a passive ("Hezbollah was attacked")
#   dative           the indirect object ("gave Iraq aid")
#   prep:WORD        the object of the preposition WORD on the trigger or on its object ("cut ties with
#                    Congo", "sent arms to Pakistan", "launched strikes against Iran")
#   clause_subject   the subject of the clause the trigger governs ("warned that Iran would pay")
#   clause_object    the object of that clause ("urged Iraq to protect the embassy" has Iraq as object)
#   possessor        a noun trigger's possessor or compound modifier ("Iran's threats", "US strikes")
#   party            a name before the object ("the Iran nuclear deal", "Russia's grain deal"), not an
#                    adjective or a pronoun ("all military agreements", "its deal")
#   owner            the state a vessel (the object, or a noun trigger) flies the flag of or is owned by
#                    ("seized two tankers flying the flags of Panama and Tanzania", "a Panama-flagged ship")
#   answered         the doer of the act the trigger answers ("suspended the treaty in response to Russia's
#                    pullout": Russia)
Slot = str
_SLOT_NAMES: Final = frozenset(
    {
        "subject",
        "object",
        "dative",
        "clause_subject",
        "clause_object",
        "possessor",
        "party",
        "speaker",
        "answered",
        "owner",
    }
)

Role = str  # an actor role (GOV, MIL, CVL, REB ...) or STATE for a country named as itself


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def check_code(code: str) -> str:
    if not (2 <= len(code) <= 4 and code.isdigit() and 1 <= int(code[:2]) <= 20):
        raise ValueError(f"{code!r} is not a CAMEO event code (2-4 digits, root 01-20)")
    return code


def _check_word(word: str) -> str:
    body = word[1:] if word.startswith("@") else word
    if not body or body != body.lower() or " " in body:
        raise ValueError(f"{word!r}: a lemma or @class is one lower-case word")
    return word


def _check_slot(slot: str) -> str:
    if slot in _SLOT_NAMES:
        return slot
    if slot.startswith("prep:") and slot[5:].isalpha() and slot[5:] == slot[5:].lower():
        return slot
    raise ValueError(f"{slot!r} is not a slot: one of {sorted(_SLOT_NAMES)} or prep:WORD")


class Example(_Data):
    """A sentence the pattern must code (``code`` given) or must not (``code: null``)."""

    text: str = Field(min_length=3)
    code: str | None = Field(
        description="The code the sentence must yield; null: it must not yield the pattern's code (a trap)."
    )
    source: str | None = Field(default=None, description="Source country (ISO 3166-1 alpha-3) or actor code.")
    target: str | None = Field(default=None, description="Target country or actor code; '-' for none.")
    negated: bool | None = None
    conditional: bool | None = None
    hypothetical: bool | None = None

    @field_validator("code")
    @classmethod
    def _valid_code(cls, value: str | None) -> str | None:
        return None if value is None else check_code(value)


class DepPattern(_Data):
    """One way a CAMEO action shows in a dependency parse."""

    id: str = Field(pattern=r"^[a-z0-9_.-]+$", description="Unique over all files, e.g. threaten.force.")
    code: str
    trigger: list[str] = Field(min_length=1, description="Lemmas or @verb-classes of the trigger word.")
    pos: Literal["verb", "noun"] = "verb"
    particle: list[str] = Field(default_factory=list, description="A prt child required ('break off').")
    object: list[str] = Field(
        default_factory=list, description="The direct object (passive: subject) must be one of these."
    )
    not_object: list[str] = Field(
        default_factory=list, description="No event when the object is one of these."
    )
    subject: list[str] = Field(
        default_factory=list,
        description="The subject must be one of these ('the troops withdrew from': an intransitive action "
        "whose doer's kind decides it).",
    )
    not_subject: list[str] = Field(
        default_factory=list,
        description="No event when the subject is one of these ('the war threatens to spread' is no "
        "actor's threat).",
    )
    clause: list[str] = Field(
        default_factory=list,
        description="The trigger must govern an xcomp/ccomp with one of these verbs ('warned ... pay').",
    )
    clause_infinitive: bool = Field(
        default=False,
        description="The trigger must govern a to-infinitive clause ('expect Iraq to protect'), not only a "
        "finite one ('expects Qatar will accept': a forecast).",
    )
    complement: dict[str, str] = Field(
        default_factory=dict,
        description="The trigger governs an xcomp/ccomp that another pattern codes: the complement's code "
        "(longest matching prefix) maps to this code ('threatened to attack' 19 -> 138). The complement's "
        "own event is replaced; its target becomes this event's target.",
    )
    preposition: list[str] = Field(
        default_factory=list,
        description="A preposition the trigger must govern ('called on', 'spoke with'); a two-word one "
        "counts by its first word ('pulled out of', 'walked away from': out, away). Its object is read like "
        "a direct object: by `object`, and for the partner (prep:WORD) and party slots.",
    )
    carried: bool = Field(
        default=False,
        description="A noun trigger: an event only when a verb carries it ('launched a crackdown', "
        "'announced the expulsion of'); a noun named inside another report ('condemned Japan's detention "
        "of', 'an inquiry into Syria's crackdown', 'a demand for the withdrawal') is background.",
    )
    modal: list[str] = Field(
        default_factory=list, description="An auxiliary the trigger must have ('must cease', 'should stop')."
    )
    implicit_target: Literal["attacker", "offender"] | None = Field(
        default=None,
        description="attacker: with no target found, the source of the article's latest attack (roots 18-20) "
        "on the source ('vowed revenge' is against whoever attacked them); offender: of its latest "
        "hostile act (roots 16-20: 'will not leave the sanctions unanswered').",
    )
    scene_target: bool = Field(
        default=False,
        description="With no actor target found, the state where the act the target slot names happened: "
        "the country of the nearest named place in its phrase or clauses ('claimed responsibility for the "
        "attack that killed 30 people in Lahore': Pakistan; see brink/coder/scene.py).",
    )
    place_target: bool = Field(
        default=False,
        description="With no actor target found, the country of a named place the target slots name, not "
        "the source's own ('resume flights to Damascus': Syria; a link's destination stands for its state).",
    )
    many: bool = Field(
        default=False,
        description="A killing verb: an event only when its victims are many, a dozen or more or an "
        "uncounted plural ('killed dozens of villagers', not 'killed a woman' nor 'killed two people'; "
        "brink/coder/toll.py).",
    )
    judged: bool = Field(
        default=False,
        description="true: an event only when the trigger delivers a condemning judgement in other words "
        "('described the move as illegal', 'said the actions are unacceptable'; brink/coder/judgements.py).",
    )
    default_target: str | None = Field(
        default=None,
        description="Agent id (agents.yaml) used as target when none is found, of the source's country "
        "(tear gas is fired at protesters).",
    )
    source: list[Slot] = Field(default_factory=lambda: ["subject"])
    target: list[Slot] = Field(default_factory=lambda: ["object"])
    recipient: list[Slot] = Field(default_factory=list)
    needs_target: bool = False
    needs_condition: bool = Field(
        default=False,
        description="true: an event only when a condition is stated (if/unless, 'any', 'or face'): "
        "'will respond to any provocation' threatens, 'will respond to the proposal' does not.",
    )
    own_word: bool = Field(
        default=False,
        description="true: an event only when the doer's side says it of itself (own_word.py: 'said it would "
        "retaliate'; not 'analysts said Iran would').",
    )
    only_negated: bool = Field(
        default=False,
        description="true: an event only when the trigger itself is negated ('will not accept the proposal', "
        "'cannot support such an action'), and then asserted, not negated: the refusal is the event.",
    )
    mutual: bool = Field(
        default=False,
        description="'A and B renewed talks': with two or more subjects and no target, each acts "
        "on each other.",
    )
    symmetric: bool = Field(
        default=False,
        description="The action holds both ways: 'A held talks with B' also codes B->A (meetings, talks, "
        "agreements, joint exercises).",
    )
    converse: str | None = Field(
        default=None,
        description="With symmetric: the code of the reversed pair when the action seen from the other side "
        "is another one ('A visited B' 042: B hosted A, 043).",
    )
    by_role: dict[Role, str] = Field(default_factory=dict, description="Code when the source has this role.")
    source_roles: list[Role] = Field(
        default_factory=list,
        description="An event only for a source of one of these roles (STATE: a country named as itself): "
        "'launched strikes' with no target is military action by a state or its forces, not by workers.",
    )
    untargeted: str | None = Field(default=None, description="Code when no target is found.")
    examples: list[Example] = Field(min_length=1)

    @field_validator("code", "untargeted", "converse")
    @classmethod
    def _valid_code(cls, value: str | None) -> str | None:
        return None if value is None else check_code(value)

    @field_validator("by_role", "complement")
    @classmethod
    def _valid_codes(cls, value: dict[str, str]) -> dict[str, str]:
        for code in value.values():
            check_code(code)
        return value

    @field_validator(
        "trigger", "particle", "object", "not_object", "not_subject", "clause", "preposition", "modal"
    )
    @classmethod
    def _valid_words(cls, value: list[str]) -> list[str]:
        for word in value:
            _check_word(word)
        return value

    @field_validator("source", "target", "recipient")
    @classmethod
    def _valid_slots(cls, value: list[str]) -> list[str]:
        for slot in value:
            _check_slot(slot)
        return value

    @model_validator(mode="after")
    def _not_both(self) -> DepPattern:
        if self.clause and self.complement:
            raise ValueError(f"{self.id}: give either clause or complement, not both")
        if self.converse is not None and not self.symmetric:
            raise ValueError(f"{self.id}: converse needs symmetric (it is the reversed pair's code)")
        return self


class PatternFile(_Data):
    """One CAMEO root family: ``NN_name.yaml``."""

    root: int = Field(ge=1, le=20)
    name: str
    patterns: list[DepPattern]

    @model_validator(mode="after")
    def _codes_in_root(self) -> PatternFile:
        for p in self.patterns:
            # by_role may cross roots (an attack by civilians is a riot, 145): only the pattern's own codes
            codes = [p.code] + [c for c in (p.untargeted, p.converse) if c]
            for code in codes:
                if int(code[:2]) != self.root:
                    raise ValueError(f"{p.id}: code {code} is not of root {self.root:02d}")
        return self


class PatternError(ValueError):
    """A pattern file that does not load: the message names the file and the entry."""


# Resolves "@class" to its lemmas (brink/coder/verb_classes.py); None for an unknown class.
ClassResolver = Callable[[str], "frozenset[str] | None"]


@dataclass(frozen=True, slots=True)
class Compiled:
    """A pattern with its word lists resolved to lemma sets (what the matcher reads)."""

    spec: DepPattern
    file: str
    trigger: frozenset[str]
    particle: frozenset[str]
    object: frozenset[str]
    not_object: frozenset[str]
    clause: frozenset[str]
    preposition: frozenset[str] = frozenset()
    modal: frozenset[str] = frozenset()
    not_subject: frozenset[str] = frozenset()
    subject: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()  # multi-word forms of the trigger classes ("open fire")


@dataclass(slots=True)
class PatternSet:
    patterns: list[Compiled]
    by_trigger: dict[str, list[Compiled]] = field(default_factory=dict)
    _hashes: frozenset[int] | None = None

    def __post_init__(self) -> None:
        for c in self.patterns:
            for lemma in c.trigger:
                self.by_trigger.setdefault(lemma, []).append(c)

    def trigger_hashes(self, strings: StringStore) -> frozenset[int]:
        """The trigger lemmas as hashes of spaCy's string store, lower and title case, made once."""
        if self._hashes is None:
            self._hashes = frozenset(
                strings.add(w) for lemma in self.by_trigger for w in (lemma, lemma.title())
            )
        return self._hashes

    def trigger_lemmas(self) -> frozenset[str]:
        return frozenset(self.by_trigger)

    def key_lemmas(self) -> frozenset[str]:
        """For each pattern, the words it cannot match without, the smallest of its sets: object ("cut ties":
        tie, relation ...), governed clause ("warned ... pay"), modal ("must cease") or trigger.
        A sentence with none of these words matches no pattern (the candidate stage's action words).
        Complement patterns add none: they only take over an event another pattern finds."""
        out: set[str] = set()
        for c in self.patterns:
            if c.spec.complement:
                continue
            # of the words the pattern cannot match without, the smallest set (the rarer, most often)
            options = [words for words in (c.object, c.clause, c.modal, c.subject, c.trigger) if words]
            out |= min(options, key=len)
        return frozenset(out)


def _resolve(words: Iterable[str], resolve: ClassResolver | None, where: str) -> frozenset[str]:
    out: set[str] = set()
    for w in words:
        if not w.startswith("@"):
            out.add(w)
            continue
        members = resolve(w[1:]) if resolve is not None else None
        if members is None:
            raise PatternError(f"{where}: unknown verb class {w!r} (brink/coder/data/verb_classes.yaml)")
        out |= members
    return frozenset(out)


def load_file(path: Path, resolve: ClassResolver | None = None) -> list[Compiled]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        data = PatternFile.model_validate(raw)
    except (yaml.YAMLError, ValidationError) as exc:
        raise PatternError(f"{path.name}: {exc}") from exc
    stem_root = path.name.split("_", 1)[0]
    if not stem_root.isdigit() or int(stem_root) != data.root:
        raise PatternError(f"{path.name}: file name must start with its root {data.root:02d}_")
    out: list[Compiled] = []
    for p in data.patterns:
        where = f"{path.name}: {p.id}"
        words = _resolve(p.trigger, resolve, where)
        single = {w for w in words if " " not in w}
        # a class's multi-word member ("kick out", "call off"): its first word triggers, the rest must be
        # its particle or object (match.py); a head that is itself a member needs nothing more
        phrases = tuple(sorted(tuple(w.split()) for w in words if " " in w and w.split()[0] not in single))
        out.append(
            Compiled(
                spec=p,
                file=path.name,
                trigger=frozenset(single | {ph[0] for ph in phrases}),
                phrases=phrases,
                particle=frozenset(p.particle),
                object=_resolve(p.object, resolve, where),
                not_object=_resolve(p.not_object, resolve, where),
                clause=_resolve(p.clause, resolve, where),
                preposition=frozenset(p.preposition),
                modal=frozenset(p.modal),
                not_subject=_resolve(p.not_subject, resolve, where),
                subject=_resolve(p.subject, resolve, where),
            )
        )
    return out


def load_patterns(directory: Path | None = None, resolve: ClassResolver | None = None) -> PatternSet:
    """Every ``NN_*.yaml`` file of ``directory`` (default: brink/coder/patterns/), validated; pattern ids
    must be unique over all files. ``@class`` words resolve through ``resolve`` (default: the packaged
    verb classes)."""
    directory = directory or PATTERNS_DIR
    if resolve is None:  # the packaged verb classes (brink/coder/data/verb_classes.yaml)
        from brink.coder.verb_classes import resolver

        resolve = resolver()
    compiled: list[Compiled] = []
    seen: dict[str, str] = {}
    for path in sorted(directory.glob("[0-9][0-9]_*.yaml")):
        for c in load_file(path, resolve):
            if c.spec.id in seen:
                raise PatternError(f"{path.name}: pattern id {c.spec.id!r} also in {seen[c.spec.id]}")
            seen[c.spec.id] = path.name
            compiled.append(c)
    return PatternSet(compiled)
