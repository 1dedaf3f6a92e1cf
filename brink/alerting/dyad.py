"""The per-dyad state machine: index, baseline, threat sub-index, levels and alert lifecycle.

Everything here is a pure function of (state, event or time, config). Time is event time: the
``published_at`` of the events, clamped so a dyad's clock never goes back. The same inputs
always give the same transitions, which is what makes replays and restarts reproducible.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from datetime import datetime, timedelta

from brink.alerting.config import LEVELS, AlertConfig
from brink.alerting.scoring import contribution, decay
from brink.alerting.state import DyadState, EvidenceItem, OpenAlert, seconds_between
from brink.alerting.summary import actor_name, summarise
from schemas.alert import LEVEL_ORDER, Alert, AlertLevel, AlertType
from schemas.alert import Evidence as EvidenceRecord
from schemas.event import EscalationEvent

LN2 = math.log(2.0)
# Threat sub-index: the strongest recent threats, each counting half as much as the one before.
THREAT_RANK_WEIGHTS = (1.0, 0.5, 0.25)
EVIDENCE_THREATS = 2  # the strongest threats are always part of the evidence
_NEGLIGIBLE = 1e-3
STRONG_THREAT = 5.0  # threat strength (0..10) that is news on its own while an alert is open
NEWS_FACTOR = 1.25  # how much stronger than the evidence already sent new evidence must be


def alert_id_for(dyad: str, event_id: str) -> str:
    """Deterministic from the dyad and the event that opened the alert: a replay reproduces it."""
    digest = hashlib.sha256(f"{dyad}\n{event_id}".encode()).hexdigest()
    return f"alr_{digest[:24]}"


def _ewma_of_decaying(value: float, rate: float, mu: float, seconds: float) -> float:
    """mu * integral_0^t e^(-mu (t-s)) * value * e^(-rate s) ds: what a decaying signal adds to an EWMA."""
    if abs(mu - rate) < 1e-15 * max(mu, rate):
        return value * mu * seconds * math.exp(-mu * seconds)
    return value * mu * (math.exp(-rate * seconds) - math.exp(-mu * seconds)) / (mu - rate)


def spread(state: DyadState) -> float:
    return math.sqrt(max(state.baseline_sq - state.baseline * state.baseline, 0.0))


def volatility(state: DyadState, config: AlertConfig) -> float:
    """>= 1: how much a dyad's normal swings scale up the surges it takes to reach each level."""
    return max(1.0, config.baseline_spread_factor * spread(state) / config.watch_threshold)


def thresholds(state: DyadState, config: AlertConfig) -> dict[AlertLevel, float]:
    """Index value that reaches each level: baseline + surge x volatility.

    A z-like rule with an absolute floor: WATCH needs the index to stand both ALERT_WATCH_THRESHOLD
    points and ALERT_BASELINE_SPREAD_FACTOR spreads above the baseline; the higher levels scale
    the same way. A brand-new or quiet dyad (spread ~0) fires on the floor alone.
    """
    base = max(state.baseline, 0.0)
    scale = volatility(state, config)
    return {level: base + config.surge(level) * scale for level in LEVELS}


def threat_index(state: DyadState, at: datetime, config: AlertConfig) -> float:
    strengths = sorted(
        (
            item.threat * decay(seconds_between(item.at, at), config.half_life_seconds)
            for item in state.threats
        ),
        reverse=True,
    )
    return sum(w * s for w, s in zip(THREAT_RANK_WEIGHTS, strengths, strict=False))


def advance(state: DyadState, to: datetime, config: AlertConfig) -> None:
    """Move the dyad's clock forward to ``to``: decay the index, integrate the baseline exactly."""
    if state.clock is None:
        state.clock = to
        return
    seconds = seconds_between(state.clock, to)
    if seconds <= 0:
        return
    rate = LN2 / config.half_life_seconds
    mu = LN2 / config.baseline_half_life_seconds
    start = state.index
    keep = math.exp(-mu * seconds)
    state.baseline = state.baseline * keep + _ewma_of_decaying(start, rate, mu, seconds)
    state.baseline_sq = state.baseline_sq * keep + _ewma_of_decaying(start * start, 2 * rate, mu, seconds)
    factor = decay(seconds, config.half_life_seconds)
    state.index = start * factor
    state.directed = {k: v * factor for k, v in state.directed.items() if v * factor >= _NEGLIGIBLE}
    alert = state.alert
    if alert is not None and alert.below_since is None:
        line = config.resolve_ratio * thresholds(state, config)[alert.level]
        if start >= line > state.index and line > 0:
            # The decaying index crossed the resolve line between the two clocks: exactly when.
            crossed = config.half_life_seconds * math.log2(start / line)
            alert.below_since = state.clock + timedelta(seconds=crossed)
    state.clock = to


def _rank(
    items: Iterable[EvidenceItem], at: datetime, config: AlertConfig, threat: bool
) -> list[EvidenceItem]:
    def key(item: EvidenceItem) -> tuple[float, str]:
        value = item.threat if threat else item.weight
        return (value * decay(seconds_between(item.at, at), config.half_life_seconds), item.evidence.event_id)

    return sorted(items, key=key, reverse=True)


def select_evidence(state: DyadState, at: datetime, config: AlertConfig) -> list[EvidenceItem]:
    """The strongest threats first, then the events that add most to the index now."""
    chosen: dict[str, EvidenceItem] = {}
    for item in _rank(state.threats, at, config, threat=True)[:EVIDENCE_THREATS]:
        chosen[item.evidence.event_id] = item
    for item in _rank(state.evidence, at, config, threat=False):
        if len(chosen) >= config.evidence_size:
            break
        chosen.setdefault(item.evidence.event_id, item)
    return list(chosen.values())[: config.evidence_size]


def _evidence_item(event: EscalationEvent, at: datetime, weight: float, threat: float) -> EvidenceItem:
    speaker = event.speaker
    return EvidenceItem(
        evidence=EvidenceRecord(
            event_id=event.event_id,
            article_id=event.article_id,
            url=event.url,
            sentence=event.sentence,
            quote=event.quote,
            speaker=speaker,
            cameo=event.cameo,
            goldstein=event.goldstein,
            threat_score=event.threat_score,
        ),
        at=at,
        weight=weight,
        threat=threat,
        source=actor_name(speaker or event.source),
        target=actor_name(event.target) if event.target is not None else None,
        plover_type=event.plover_type,
        conditional=event.conditional,
        hypothetical=event.hypothetical,
    )


def _directed_key(event: EscalationEvent) -> str | None:
    source = event.source.country
    target = event.target.country if event.target is not None else None
    if source and target and source != target:
        return f"{source}>{target}"
    return None


def apply_event(state: DyadState, event: EscalationEvent, config: AlertConfig) -> list[Alert]:
    """Count one event into its dyad's state (in place); return the alert transitions it causes."""
    if event.dyad != state.dyad:
        raise ValueError(f"event {event.event_id} is for dyad {event.dyad!r}, not {state.dyad!r}")
    if event.event_id in state.seen:
        return []  # a duplicate changes nothing
    at = event.published_at if state.clock is None else max(event.published_at, state.clock)
    advance(state, at, config)
    state.seen.append(event.event_id)
    if len(state.seen) > config.seen_events_per_dyad:
        del state.seen[: len(state.seen) - config.seen_events_per_dyad]
    state.events += 1
    effect = contribution(event, config)
    if effect.weight != 0:
        # Cooperation releases pressure but cannot bank credit against later hostility: floor at 0.
        state.index = max(0.0, state.index + effect.weight)
        key = _directed_key(event)
        if key is not None:
            state.directed[key] = max(0.0, state.directed.get(key, 0.0) + effect.weight)
            if state.directed[key] < _NEGLIGIBLE:
                del state.directed[key]
    if effect.weight > 0:
        item = _evidence_item(event, at, effect.weight, effect.threat)
        state.evidence = _rank([*state.evidence, item], at, config, threat=False)[: 3 * config.evidence_size]
        if effect.threat > 0:
            keep = max(config.evidence_size, len(THREAT_RANK_WEIGHTS))
            state.threats = _rank([*state.threats, item], at, config, threat=True)[:keep]
        alert = state.alert
        if alert is not None and _is_strong_news(alert, effect.weight, effect.threat, config):
            alert.evidence_pending = True
    return _evaluate(state, at, config, opener=event.event_id, ingested_at=event.ingested_at)


def _is_strong_news(alert: OpenAlert, weight: float, threat: float, config: AlertConfig) -> bool:
    """Clearly stronger (x1.25) than any evidence this alert has sent so far, and weighty on its
    own: half a WATCH surge of index points, or a threat of strength >= 5 (of 10). The same
    accusation repeated every hour is not news; a heavier strike or a head of state's threat is.
    """
    heavier = weight >= config.watch_threshold / 2 and weight > NEWS_FACTOR * alert.shown_weight
    fiercer = threat >= STRONG_THREAT and threat > NEWS_FACTOR * alert.shown_threat
    return heavier or fiercer


def tick(state: DyadState, now: datetime, config: AlertConfig) -> list[Alert]:
    """Let event time pass with no new event: the index decays, alerts may ease or resolve."""
    if state.clock is None or now <= state.clock:
        return []
    advance(state, now, config)
    return _evaluate(state, now, config, opener=None)


def current_index(state: DyadState, at: datetime, config: AlertConfig) -> float:
    """The index as it stands at ``at`` (without changing the state)."""
    if state.clock is None:
        return 0.0
    return state.index * decay(seconds_between(state.clock, at), config.half_life_seconds)


def _highest_reached(index: float, levels: dict[AlertLevel, float]) -> AlertLevel | None:
    reached = [level for level in LEVELS if index >= levels[level]]
    return reached[-1] if reached else None


def _evaluate(
    state: DyadState,
    at: datetime,
    config: AlertConfig,
    opener: str | None,
    ingested_at: datetime | None = None,
) -> list[Alert]:
    """Decide the transition (if any) at ``at``. ``opener`` is the event being counted (None on a
    tick); ``ingested_at`` its article's ingestion time, carried on the transition for latency."""
    levels = thresholds(state, config)
    reached = _highest_reached(state.index, levels)
    alert = state.alert
    if alert is None:
        if reached is None or opener is None:  # only an event opens an alert, never the clock
            return []
        state.alert = OpenAlert(
            alert_id=alert_id_for(state.dyad, opener), level=reached, started_at=at, updated_at=at
        )
        return [_transition(state, "alert.firing", at, config, previous=None, ingested_at=ingested_at)]
    current = alert.level
    if reached is not None and LEVEL_ORDER[reached] > LEVEL_ORDER[current]:
        alert.level = reached
        alert.below_since = None
        return [_transition(state, "alert.updated", at, config, previous=current, ingested_at=ingested_at)]
    line = config.resolve_ratio * levels[current]
    if state.index >= line:
        alert.below_since = None
    elif alert.below_since is None:
        alert.below_since = at
    if alert.below_since is not None and seconds_between(alert.below_since, at) >= config.min_hold_seconds:
        lower = [lv for lv in LEVELS if LEVEL_ORDER[lv] < LEVEL_ORDER[current] and state.index >= levels[lv]]
        if lower:
            target: AlertLevel | None = lower[-1]
        elif current != "watch" and state.index >= config.resolve_ratio * levels["watch"]:
            target = "watch"
        else:
            target = None
        if target is None:
            resolved = _transition(
                state,
                "alert.resolved",
                at,
                config,
                previous=current,
                resolve_line=line,
                ingested_at=ingested_at,
            )
            state.alert = None
            return [resolved]
        alert.level = target
        alert.below_since = None
        return [_transition(state, "alert.updated", at, config, previous=current, ingested_at=ingested_at)]
    if alert.evidence_pending and seconds_between(alert.updated_at, at) >= config.update_interval_seconds:
        return [_transition(state, "alert.updated", at, config, previous=current, ingested_at=ingested_at)]
    return []


def _transition(
    state: DyadState,
    kind: AlertType,
    at: datetime,
    config: AlertConfig,
    previous: AlertLevel | None,
    resolve_line: float | None = None,
    ingested_at: datetime | None = None,
) -> Alert:
    alert = state.alert
    assert alert is not None
    levels = thresholds(state, config)
    evidence = select_evidence(state, at, config)
    threats = threat_index(state, at, config)
    alert.updated_at = at
    alert.evidence_pending = False
    alert.shown_weight = max([alert.shown_weight, *(item.weight for item in evidence)])
    alert.shown_threat = max([alert.shown_threat, *(item.threat for item in evidence)])
    summary = summarise(
        kind=kind,
        dyad=state.dyad,
        level=alert.level,
        previous=previous,
        index=state.index,
        baseline=state.baseline,
        threshold=levels[alert.level],
        threat_index=threats,
        evidence=evidence,
        started_at=alert.started_at,
        at=at,
        resolve_line=resolve_line,
    )
    return Alert(
        alert_id=alert.alert_id,
        type=kind,
        dyad=state.dyad,
        level=alert.level,
        index=round(state.index, 4),
        baseline=round(state.baseline, 4),
        threshold=round(levels[alert.level], 4),
        threat_index=round(threats, 4),
        directed={k: round(v, 4) for k, v in sorted(state.directed.items())},
        started_at=alert.started_at,
        updated_at=at,
        resolved_at=at if kind == "alert.resolved" else None,
        summary=summary,
        evidence=[item.evidence for item in evidence],
        at=at,
        ingested_at=ingested_at,
    )
