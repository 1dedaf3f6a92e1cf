"""The words and the order of the "is this a threat made" checks, read once from
brink/coder/data/threat_made.yaml (its header says where they come from)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

import yaml

_DATA: Final = Path(__file__).parent / "data" / "threat_made.yaml"


@dataclass(frozen=True)
class ThreatWords:
    match_checks: tuple[str, ...]  # checks of a whole match, in the order they are asked
    pair_checks: tuple[str, ...]  # checks of one (threatener, target) pair
    warning_verbs: frozenset[str]  # lemmas: "warn", "caution"
    relative_pronouns: frozenset[str]  # "that", "which", "who"
    reply_verbs: frozenset[str]  # lemmas: "respond", "react", "give" (a response)
    asking_nouns: frozenset[str]  # what is asked and may be answered: "request", "question", "offer"


@cache
def threat_words() -> ThreatWords:
    raw = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    return ThreatWords(
        match_checks=tuple(raw["match"]),
        pair_checks=tuple(raw["pair"]),
        warning_verbs=frozenset(raw["warning_verbs"]),
        relative_pronouns=frozenset(raw["relative_pronouns"]),
        reply_verbs=frozenset(raw["reply_verbs"]),
        asking_nouns=frozenset(raw["asking_nouns"]),
    )
