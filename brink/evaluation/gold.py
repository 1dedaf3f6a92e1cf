"""The gold sentences: real news sentences with hand-coded CAMEO events (``tests/gold/{dev,blind}/``).

One JSON object per line; see ``tests/gold/README.md`` for how sentences were found and coded, and
:mod:`brink.evaluation.splits` for the dev and blind splits.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from brink.evaluation.cameo import ROOT_NAMES, ROOTS
from brink.evaluation.jsonl import load_records

REPO_ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = REPO_ROOT / "tests" / "gold"
# The first 328 sentences: dev, the data the old coder was tuned on.
DEFAULT_GOLD_PATH = GOLD_DIR / "dev" / "sentences.jsonl"

TrapKind = Literal[
    "figurative",  # violent or conflictual words used figuratively: "trade war", "the team attacked"
    "historical",  # a past event mentioned as background: "since the 2003 invasion"
    "question",  # the action is asked about, not reported
    "denial",  # an actor denies doing something; the denied act is not an event that happened
    "negation",  # the action is reported as not having happened / not going to happen
    "conditional",  # the action depends on an unmet condition ("if", "unless")
    "hypothetical",  # speculation, possibility, fear, plan not yet carried out
    "quote",  # violent or hostile words inside a quotation; only the speech act is an event
]
TRAP_KINDS: tuple[str, ...] = TrapKind.__args__  # type: ignore[attr-defined]

_COUNTRY = r"^[A-Z]{3}$"


class GoldEvent(BaseModel):
    """One hand-coded event. Countries are ISO 3166-1 alpha-3, null for IGOs / no target."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source_country: str | None = Field(pattern=_COUNTRY)
    target_country: str | None = Field(pattern=_COUNTRY)
    source_code: str | None = Field(default=None, description="CAMEO actor code, e.g. USAGOV.")
    target_code: str | None = None
    root: int = Field(ge=1, le=20)
    cameo: str | None = Field(default=None, pattern=r"^[0-2][0-9]{1,3}$", description="Full code, e.g. 138.")
    negated: bool = False
    conditional: bool = False
    hypothetical: bool = False

    @model_validator(mode="after")
    def _cameo_within_root(self) -> GoldEvent:
        if self.cameo is not None and int(self.cameo[:2]) != self.root:
            raise ValueError(f"cameo {self.cameo} is not under root {self.root:02d}")
        return self

    @property
    def key(self) -> tuple[int, str | None, str | None]:
        return (self.root, self.source_country, self.target_country)


class GoldSource(BaseModel):
    """Where a gold record (sentence or article) was published: the page, the outlet, the date."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str = Field(pattern=r"^https?://\S+$")
    outlet: str = Field(min_length=1)
    date: dt.date = Field(description="Publication date, as best known.")


class GoldSentence(GoldSource):
    id: str = Field(pattern=r"^[gdb][0-9]{4}$", description="g/d: dev, b: blind.")
    sentence: str = Field(min_length=10)
    events: list[GoldEvent]
    trap: TrapKind | None = None
    note: str | None = Field(default=None, description="Why it was coded this way, when not obvious.")

    @model_validator(mode="after")
    def _one_event_per_key(self) -> GoldSentence:
        keys = Counter(event.key for event in self.events)
        repeated = [key for key, n in keys.items() if n > 1]
        if repeated:
            raise ValueError(f"events repeat (root, source, target) {repeated}: code each once")
        if "\n" in self.sentence:
            raise ValueError("a gold sentence is one line of text")
        return self


class GoldSetError(ValueError):
    """The gold file is missing or a line does not validate (message names the line)."""


def load_gold(path: Path = DEFAULT_GOLD_PATH) -> list[GoldSentence]:
    if not path.is_file():
        raise GoldSetError(f"gold set not found at {path}; pass --gold-dir DIR or restore tests/gold/")
    return load_records(path, GoldSentence, GoldSetError, "gold")


def describe(sentences: list[GoldSentence]) -> str:
    """Counts for the README: sentences and events per root, traps per kind, modality flags."""
    per_root = roots_covered(sentences)
    events: Counter[int] = Counter(event.root for s in sentences for event in s.events)
    traps: Counter[str] = Counter(s.trap for s in sentences if s.trap)
    flags = Counter(
        name
        for s in sentences
        for e in s.events
        for name in ("negated", "conditional", "hypothetical")
        if getattr(e, name)
    )
    lines = [
        f"{len(sentences)} sentences, {sum(events.values())} events, "
        f"{sum(1 for s in sentences if not s.events)} with no event, "
        f"{len({s.url for s in sentences})} articles from {len({s.outlet for s in sentences})} outlets",
        "",
        "| root | sentences | events |",
        "|---|---|---|",
        *(f"| {root:02d} {ROOT_NAMES[root]} | {per_root[root]} | {events.get(root, 0)} |" for root in ROOTS),
        "",
        "| trap | sentences |",
        "|---|---|",
        *(f"| {kind} | {traps.get(kind, 0)} |" for kind in TRAP_KINDS),
        "",
        "modality flags on gold events: "
        + ", ".join(f"{k} {flags.get(k, 0)}" for k in ("negated", "conditional", "hypothetical")),
    ]
    return "\n".join(lines)


def roots_covered(sentences: list[GoldSentence]) -> Counter[int]:
    """How many sentences carry at least one gold event of each root."""
    counts: Counter[int] = Counter()
    for sentence in sentences:
        counts.update({event.root for event in sentence.events})
    return Counter({root: counts.get(root, 0) for root in ROOTS})
