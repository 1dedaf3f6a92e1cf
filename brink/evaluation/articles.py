"""Article-level gold: real news excerpts labelled with the escalation level they report and their
threat rhetoric, and the scores of a coder on them (``tests/gold/{dev,blind}/articles.jsonl``).

A coder's article level is derived from its events (:func:`article_level`): the highest level of
any event asserted as fact (not negated, conditional or hypothetical) and not kept out of
escalation by its frame. Whether a control article moves a dyad's escalation index is decided by
the real alert engine (:mod:`brink.alerting`), fed the article's events exactly as the alert
worker feeds it (``counts`` then ``apply_event`` on the dyad's state), not by a rule of our own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from brink.alerting import AlertConfig, AlertEngine
from brink.alerting.dyad import feeds_escalation
from brink.evaluation.gold import GoldSource
from brink.evaluation.jsonl import load_records
from brink.evaluation.metrics import PRF, ratio
from schemas.event import ESCALATION_FRAMES, Casualty, EscalationEvent, Frame

FRAMES: tuple[str, ...] = Frame.__args__  # type: ignore[attr-defined]
# The frames whose events feed escalation; events the coder puts in any other frame do not.

Control = Literal[
    "sport",  # "demolished", "thrashed", "attack" in football or cricket
    "markets",  # "shares plunged", "bond rout", "oil prices hit"
    "trade",  # "trade war", a trade deal
    "culture",  # films, festivals, religious ceremonies, exhibitions
    "disaster",  # an earthquake "struck", floods, storms
    "retrospective",  # anniversaries, "50 years ago", the Cuban missile crisis recalled
    "denial",  # an actor denies an act, with no accusation reported as fact
    "routine_diplomacy",  # visits, talks, agreements, congratulations
]
CONTROLS: tuple[str, ...] = Control.__args__  # type: ignore[attr-defined]

LEVELS: tuple[int, ...] = (0, 1, 2, 3, 4)
LEVEL_NAMES: dict[int, str] = {
    0: "none",
    1: "verbal conflict",
    2: "threats, sanctions, reduced relations",
    3: "coercion, force short of violence",
    4: "armed violence",
}
# CAMEO root -> escalation level (docs/QUALITY.md): 01-09 cooperation, statements and
# investigations report no conflict; 10-12 demand, disapprove, reject are verbal conflict; 13
# threaten and 16 reduce relations (sanctions) are level 2; 14 protest, 15 force posture, 17 coerce
# are force short of violence; 18-20 assault, fight, mass violence are armed violence.
ROOT_LEVEL: dict[int, int] = {
    **dict.fromkeys(range(1, 10), 0),
    **dict.fromkeys((10, 11, 12), 1),
    **dict.fromkeys((13, 16), 2),
    **dict.fromkeys((14, 15, 17), 3),
    **dict.fromkeys((18, 19, 20), 4),
}
THREAT_ROOT = 13

_COUNTRY = r"^[A-Z]{3}$"


class ThreatPair(BaseModel):
    """Threat rhetoric stated as fact: who threatens whom (ISO alpha-3, null for IGOs / stateless groups)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    speaker_country: str | None = Field(pattern=_COUNTRY)
    target_country: str | None = Field(pattern=_COUNTRY)

    @property
    def key(self) -> tuple[str | None, str | None]:
        return (self.speaker_country, self.target_country)


class GoldArticle(GoldSource):
    id: str = Field(pattern=r"^(da|ba)[0-9]{3}$", description="da: dev, ba: blind.")
    section: str | None = Field(default=None, description="The outlet's section, when the page gives it.")
    title: str = Field(default="", description="The page's headline; empty when the stored copy lacks it.")
    text: str = Field(min_length=80, description="A verbatim excerpt of 3-6 sentences, or the whole article.")
    frame: Frame
    control: Control | None = None
    level: int = Field(ge=0, le=4)
    threats: list[ThreatPair] = Field(default_factory=list)
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> GoldArticle:
        if self.threats and self.level < 2:
            raise ValueError(f"{self.id}: threats are listed but level {self.level} < 2")
        if self.control is not None and (self.level != 0 or self.threats):
            raise ValueError(f"{self.id}: a control article reports no escalation (level 0, no threats)")
        if len({t.key for t in self.threats}) != len(self.threats):
            raise ValueError(f"{self.id}: a threat pair is listed twice")
        return self


class ArticleGoldError(ValueError):
    """An article gold file is missing or a line does not validate (message names the line)."""


def load_articles(path: Path) -> list[GoldArticle]:
    if not path.is_file():
        raise ArticleGoldError(f"article gold not found at {path}")
    return load_records(path, GoldArticle, ArticleGoldError, "article")


# --- from the coder's events to article-level answers -------------------------------------------


# Statements, appeals, intents, demands, criticism, rejections and threats are speech acts: a
# conditional one ("will retaliate if ...") was still made; its condition bears on what it
# threatens or promises (tests/gold/README.md, modality flags). A conditional action is not a fact.
VERBAL_ROOTS: frozenset[int] = frozenset(range(1, 14))


def asserted(event: EscalationEvent) -> bool:
    """Stated as fact: not negated, not hypothetical, and not conditional unless it is a speech act
    (:data:`VERBAL_ROOTS`), whose condition qualifies its content, not whether it was said."""
    if event.negated or event.hypothetical:
        return False
    return not event.conditional or event.cameo_root in VERBAL_ROOTS


def counted(event: EscalationEvent) -> bool:
    return asserted(event) and feeds_escalation(event)


# The level of armed violence the coder reports with no perpetrator to code (``CodedArticle.casualties``).
CASUALTY_LEVEL = 4


def article_level(events: Iterable[EscalationEvent], casualties: Iterable[Casualty] = ()) -> int:
    """The escalation level an article reports, from the coder's events: the highest
    :data:`ROOT_LEVEL` of the events asserted as fact and not excluded by frame; 0 if none. Armed
    violence reported with no perpetrator (``casualties``: no event, by the gold rules, but "violence
    reported without a named perpetrator still counts for the level") is level 4 where its frame
    feeds escalation."""
    level = max((ROOT_LEVEL[e.cameo_root] for e in events if counted(e)), default=0)
    if any(c.frame is None or c.frame in ESCALATION_FRAMES for c in casualties):
        return max(level, CASUALTY_LEVEL)
    return level


def threat_pairs(events: Iterable[EscalationEvent]) -> set[tuple[str | None, str | None]]:
    """(threatener's country, target's country) of every threat (root 13) asserted as fact and
    not excluded by frame; pairs with no country on either side are left out."""
    pairs = set()
    for event in events:
        if event.cameo_root != THREAT_ROOT or not counted(event):
            continue
        pair = (event.source.country, event.target.country if event.target is not None else None)
        if pair != (None, None):
            pairs.add(pair)
    return pairs


@dataclass(frozen=True)
class IndexEffect:
    """What an article's events do to the alert engine started empty."""

    dyads: tuple[str, ...]  # dyads whose index the events raised above zero
    transitions: int  # alert transitions they caused (firing ones)


def index_effect(events: Sequence[EscalationEvent], config: AlertConfig) -> IndexEffect:
    """Feed ``events`` to a fresh alert engine, as the alert worker would, and report which dyads'
    escalation index they move. The engine decides what counts (dyad, frame, negation, weights)."""
    engine = AlertEngine(config)
    transitions = 0
    for event in events:
        transitions += len(engine.process(event))
    moved = tuple(dyad for dyad, state in sorted(engine.states.items()) if state.index > 0)
    return IndexEffect(moved, transitions)


# --- scores --------------------------------------------------------------------------------------


@dataclass
class ArticleOutcome:
    id: str
    control: str | None
    gold_level: int
    level: int
    missed_threats: list[tuple[str | None, str | None]]
    spurious_threats: list[tuple[str | None, str | None]]
    moved: tuple[str, ...]
    transitions: int


@dataclass
class ArticleScores:
    articles: int = 0
    level_correct: int = 0
    level_within_one: int = 0
    confusion: list[list[int]] = field(default_factory=lambda: [[0] * len(LEVELS) for _ in LEVELS])
    threats: PRF = field(default_factory=PRF)
    controls: Counter[str] = field(default_factory=Counter)
    controls_moving: Counter[str] = field(default_factory=Counter)
    controls_alerting: Counter[str] = field(default_factory=Counter)
    outcomes: list[ArticleOutcome] = field(default_factory=list)

    @property
    def level_accuracy(self) -> float:
        return ratio(self.level_correct, self.articles)

    @property
    def control_total(self) -> int:
        return sum(self.controls.values())

    @property
    def moving_total(self) -> int:
        return sum(self.controls_moving.values())

    def add(
        self,
        gold: GoldArticle,
        events: Sequence[EscalationEvent],
        config: AlertConfig,
        casualties: Sequence[Casualty] = (),
    ) -> None:
        self.articles += 1
        level = article_level(events, casualties)
        self.level_correct += level == gold.level
        self.level_within_one += abs(level - gold.level) <= 1
        self.confusion[gold.level][level] += 1
        gold_pairs = {t.key for t in gold.threats}
        pairs = threat_pairs(events)
        self.threats.tp += len(gold_pairs & pairs)
        self.threats.fp += len(pairs - gold_pairs)
        self.threats.fn += len(gold_pairs - pairs)
        effect = index_effect(events, config) if events else IndexEffect((), 0)
        if gold.control is not None:
            self.controls[gold.control] += 1
            self.controls_moving[gold.control] += bool(effect.dyads)
            self.controls_alerting[gold.control] += bool(effect.transitions)
        if level != gold.level or gold_pairs != pairs or (gold.control is not None and effect.dyads):
            self.outcomes.append(
                ArticleOutcome(
                    id=gold.id,
                    control=gold.control,
                    gold_level=gold.level,
                    level=level,
                    missed_threats=sorted(gold_pairs - pairs, key=str),
                    spurious_threats=sorted(pairs - gold_pairs, key=str),
                    moved=effect.dyads,
                    transitions=effect.transitions,
                )
            )

    def as_dict(self) -> dict[str, object]:
        return {
            "articles": self.articles,
            "level": {
                "accuracy": round(self.level_accuracy, 4),
                "correct": self.level_correct,
                "within_one": self.level_within_one,
                "confusion": {
                    "rows": "gold level 0..4",
                    "columns": "coder level 0..4",
                    "matrix": self.confusion,
                },
            },
            "threats": self.threats.as_dict(),
            "controls": {
                "articles": self.control_total,
                "moving_an_index": self.moving_total,
                "firing_an_alert": sum(self.controls_alerting.values()),
                "per_kind": {
                    kind: {
                        "articles": self.controls[kind],
                        "moving_an_index": self.controls_moving[kind],
                        "firing_an_alert": self.controls_alerting[kind],
                    }
                    for kind in CONTROLS
                    if self.controls[kind]
                },
            },
            "errors": [
                {
                    "id": o.id,
                    "control": o.control,
                    "gold_level": o.gold_level,
                    "level": o.level,
                    "missed_threats": [list(p) for p in o.missed_threats],
                    "spurious_threats": [list(p) for p in o.spurious_threats],
                    "moved_dyads": list(o.moved),
                    "alert_transitions": o.transitions,
                }
                for o in self.outcomes
            ],
        }


def describe_articles(articles: Sequence[GoldArticle]) -> list[str]:
    """Counts for the README: articles per level, frame and control kind."""
    levels = Counter(a.level for a in articles)
    frames: Counter[str] = Counter(a.frame for a in articles)
    controls: Counter[str] = Counter(a.control for a in articles if a.control)
    return [
        f"{len(articles)} articles from {len({a.outlet for a in articles})} outlets, "
        f"{sum(controls.values())} controls, {sum(len(a.threats) for a in articles)} threat pairs",
        "levels: " + ", ".join(f"{lv} {levels.get(lv, 0)}" for lv in LEVELS),
        "frames: " + ", ".join(f"{f} {frames[f]}" for f in FRAMES if frames[f]),
        "controls: " + ", ".join(f"{c} {controls[c]}" for c in CONTROLS if controls[c]),
    ]
