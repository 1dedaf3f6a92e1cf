"""Verb and noun classes (``data/verb_classes.yaml``): the words a pattern means by ``@attack``.

A pattern names a class, not a single verb, so synonyms and phrasal variants share one entry
("cut ties", "sever relations", "break off relations" are ``@sever`` + ``@relations``). The file is built
from WordNet by ``make verb-classes`` (``brink/coder/build/verb_classes.py``) and reviewed; this module
only reads and validates it, so the coder needs no WordNet at run time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

DEFAULT_PATH = Path(__file__).with_name("data") / "verb_classes.yaml"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_WORD = re.compile(r"^[a-z][a-z'-]*[a-z]$|^[a-z]$")


class VerbClassError(ValueError):
    """The class file is malformed, or a pattern names a class that does not exist."""


class VerbClass(BaseModel):
    """One class: its members (spaCy lemma forms), multi-word variants and where they came from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pos: Literal["verb", "noun"]
    lemmas: tuple[str, ...] = Field(min_length=1, description="Single-word lemmas, as spaCy lemmatises them.")
    phrases: tuple[str, ...] = Field(
        default=(), description="Multi-word variants: verb lemma + particle/object."
    )
    lexnames: tuple[str, ...] = Field(default=(), description="WordNet lexicographer files drawn from.")
    synsets: tuple[str, ...] = Field(
        default=(), description="The WordNet synsets the members were drawn from."
    )
    additions: dict[str, str] = Field(
        default_factory=dict,
        description="Members that are not WordNet entries for this part of speech, with why.",
    )
    excluded: dict[str, str] = Field(
        default_factory=dict, description="WordNet suggestions reviewed out of the class, with why."
    )

    @field_validator("lemmas")
    @classmethod
    def _single_words(cls, lemmas: tuple[str, ...]) -> tuple[str, ...]:
        bad = [lemma for lemma in lemmas if not _WORD.match(lemma)]
        if bad:
            raise ValueError(
                f"lemmas must be single lower-case words (put multi-word forms in phrases): {bad}"
            )
        return lemmas

    @field_validator("phrases")
    @classmethod
    def _multi_words(cls, phrases: tuple[str, ...]) -> tuple[str, ...]:
        bad = [p for p in phrases if len(p.split()) < 2 or not all(_WORD.match(w) for w in p.split())]
        if bad:
            raise ValueError(f"phrases must be two or more lower-case words: {bad}")
        return phrases

    @model_validator(mode="after")
    def _consistent(self) -> VerbClass:
        members = set(self.lemmas) | set(self.phrases)
        both = sorted(members & set(self.excluded))
        if both:
            raise ValueError(f"{both} are both members and excluded")
        stray = sorted(set(self.additions) - members)
        if stray:
            raise ValueError(f"additions {stray} are not members")
        blank = sorted(k for k, why in {**self.additions, **self.excluded}.items() if not why.strip())
        if blank:
            raise ValueError(f"{blank}: every addition and exclusion says why")
        return self


class VerbClassFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    classes: dict[str, VerbClass] = Field(min_length=1)

    @field_validator("classes")
    @classmethod
    def _names(cls, classes: dict[str, VerbClass]) -> dict[str, VerbClass]:
        bad = [name for name in classes if not _NAME.match(name)]
        if bad:
            raise ValueError(f"class names must be lower-case identifiers (used as @name in patterns): {bad}")
        return classes


class VerbClasses:
    """Lookup over the class file: members of a class, classes of a lemma."""

    def __init__(self, data: VerbClassFile) -> None:
        self._classes = data.classes
        self._members = {name: frozenset(c.lemmas) for name, c in data.classes.items()}
        self._phrases = {name: tuple(c.phrases) for name, c in data.classes.items()}
        index: dict[tuple[str, str], set[str]] = {}
        for name, c in data.classes.items():
            for word in (*c.lemmas, *c.phrases):
                index.setdefault((word, c.pos), set()).add(name)
        self._index = {key: frozenset(names) for key, names in index.items()}

    @classmethod
    def load(cls, path: Path | None = None) -> VerbClasses:
        """Read and validate the class file (the packaged one when ``path`` is None; that one is cached)."""
        if path is None:
            return _default()
        return cls(parse(path))

    def names(self) -> tuple[str, ...]:
        return tuple(sorted(self._classes))

    def get(self, name: str) -> VerbClass:
        try:
            return self._classes[name.removeprefix("@")]
        except KeyError:
            raise VerbClassError(
                f"no class {name!r} in verb_classes.yaml (known: {', '.join(self.names())})"
            ) from None

    def members(self, name: str) -> frozenset[str]:
        """The single-word lemmas of class ``name`` (``"attack"`` or ``"@attack"``)."""
        self.get(name)
        return self._members[name.removeprefix("@")]

    def phrases(self, name: str) -> tuple[str, ...]:
        """The multi-word variants of class ``name`` ("open fire", "break off")."""
        self.get(name)
        return self._phrases[name.removeprefix("@")]

    def pos(self, name: str) -> Literal["verb", "noun"]:
        return self.get(name).pos

    def classes_of(self, lemma: str, pos: Literal["verb", "noun"] | None = None) -> frozenset[str]:
        """The classes a lemma or phrase belongs to (of one part of speech, or of both)."""
        word = lemma.lower()
        if pos is not None:
            return self._index.get((word, pos), frozenset())
        return self._index.get((word, "verb"), frozenset()) | self._index.get((word, "noun"), frozenset())


def resolver(classes: VerbClasses | None = None) -> Callable[[str], frozenset[str] | None]:
    """What the pattern loader resolves ``@name`` with: the class's lemmas and phrases ("kick out": the
    loader makes its first word the trigger and the matcher asks for the rest), or None for no such class."""
    table = classes if classes is not None else VerbClasses.load()

    def resolve(name: str) -> frozenset[str] | None:
        try:
            return table.members(name) | frozenset(table.phrases(name))
        except VerbClassError:
            return None

    return resolve


def parse(path: Path) -> VerbClassFile:
    """The validated file; a clear error naming the file when it is malformed."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return VerbClassFile.model_validate(raw)
    except (yaml.YAMLError, ValidationError) as exc:
        raise VerbClassError(f"{path}: {exc}") from exc


@cache
def _default() -> VerbClasses:
    return VerbClasses(parse(DEFAULT_PATH))
