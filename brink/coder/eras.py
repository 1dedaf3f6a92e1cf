"""Named wars, crises and eras that date an act by name (``data/eras.yaml``): the year each ended.

Loaded once per process; a key is the name's words in lower case as spaCy tokenises them ("six - day war"),
so a noun phrase's words, determiners left out, look it up directly (brink/coder/history.py).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Final

import yaml
from spacy.tokens import Token

ERAS_FILE: Final = Path(__file__).parent / "data" / "eras.yaml"


class ErasError(ValueError):
    """eras.yaml does not load: the message says which entry is wrong."""


@functools.cache
def eras(path: Path = ERAS_FILE) -> dict[str, int]:
    """The named eras: the name as spaCy tokenises it (lower case, hyphens apart) -> the year it ended."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise ErasError(f"{path.name}: a mapping of era name -> year ended is expected")
    out: dict[str, int] = {}
    for name, year in raw.items():
        if not isinstance(name, str) or name != name.lower() or not isinstance(year, int):
            raise ErasError(f"{path.name}: {name!r}: a lower-case name and a year are expected")
        out[" ".join(name.replace("-", " - ").split())] = year
    return out


def last_words() -> frozenset[str]:
    """The last word of every era's name ("war", "crisis", "era"): a sentence without one names none."""
    return frozenset(name.split()[-1] for name in eras())


def era_end(noun: Token) -> int | None:
    """The year the era a noun phrase names ended ("the Yom Kippur War" -> 1973), or None: the words of
    the phrase up to its head, determiners left out."""
    words = [t.lower_ for t in noun.subtree if t.i <= noun.i and t.dep_ not in ("det", "predet", "poss")]
    return eras().get(" ".join(words))
