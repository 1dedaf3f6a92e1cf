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
from schemas.event import ESCALATION_FRAMES, EscalationEvent

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


def _spread(mean: float, square: float) -> float:
    return math.sqrt(max(square - mean * mean, 0.0))


def spread(state: DyadState) -> float:
    return _spread(state.baseline, state.baseline_sq)


def _volatility(mean: float, square: float, config: AlertConfig) -> float:
    return max(1.0, config.baseline_spread_factor * _spread(mean, square) / config.watch_threshold)


def volatility(state: DyadState, config: AlertConfig) -> float:
    """>= 1: how much a dyad's normal swings scale up the surges it takes to reach each level."""
    return _volatility(state.baseline, state.baseline_sq, config)


def _line(mean: float, square: float, level: AlertLevel, config: AlertConfig) -> float:
    return max(mean, 0.0) + config.surge(level) * _volatility(mean, square, config)


def thresholds(state: DyadState, config: AlertConfig) -> dict[AlertLevel, float]:
    """Index value that reaches each level: baseline + surge x volatility.

    A z-like rule with an absolute floor: WATCH needs the index to stand both ALERT_WATCH_THRESHOLD
    points and ALERT_BASELINE_SPREAD_FACTOR spreads above the baseline; the higher levels scale
    the same way. A brand-new or quiet dyad (spread ~0) fires on the floor alone.
    """
    return {level: _line(state.baseline, state.baseline_sq, level, config) for level in LEVELS}


def threat_index(state: DyadState, at: datetime, config: AlertConfig) -> float:
    strengths = sorted(
        (
            item.threat * decay(seconds_between(item.at, at), config.half_life_seconds)
            for item in state.threats
        ),
        reverse=True,
    )
    return sum(w * s for w, s in zip(THREAT_RANK_WEIGHTS, strengths, strict=False))


def _learned(
    mean: float, square: float, value: float, seconds: float, config: AlertConfig
) -> tuple[float, float]:
    """The baseline (EWMA of the index and of its square) after ``seconds`` of the index decaying
    from ``value``, integrated exactly.

    The baseline learns from the index *capped at the WATCH line* (a winsorised EWMA): a crisis
    raises what is normal only as much as an index sitting on the WATCH line would, so one spike
    does not make a pair deaf for weeks, while lasting hostility still becomes the new normal.
    """
    rate = LN2 / config.half_life_seconds
    mu = LN2 / config.baseline_half_life_seconds
    cap = _line(mean, square, "watch", config)
    if value > cap > 0:
        flat = min(seconds, math.log(value / cap) / rate)  # how long the decaying index stays above the cap
        keep = math.exp(-mu * flat)
        mean = cap + (mean - cap) * keep
        square = cap * cap + (square - cap * cap) * keep
        seconds -= flat
        value = cap
    if seconds > 0:
        keep = math.exp(-mu * seconds)
        mean = mean * keep + _ewma_of_decaying(value, rate, mu, seconds)
        square = square * keep + _ewma_of_decaying(value * value, 2 * rate, mu, seconds)
    return mean, square


def _crossing(state: DyadState, config: AlertConfig) -> datetime | None:
    """When the decaying index falls under the open alert's resolve line, if no event comes.

    The line moves with the baseline, so this solves index(t) = line(t) by fixed-point iteration
    (the baseline moves slowly: a few steps converge to well under a second).
    """
    alert = state.alert
    if alert is None or state.clock is None:
        return None
    seconds = 0.0
    for _ in range(20):
        mean, square = _learned(state.baseline, state.baseline_sq, state.index, seconds, config)
        line = config.resolve_ratio * _line(mean, square, alert.level, config)
        if line <= 0:
            return None
        following = config.half_life_seconds * math.log2(state.index / line) if state.index > line else 0.0
        if abs(following - seconds) < 1e-3:
            seconds = following
            break
        seconds = following
    return state.clock + timedelta(seconds=seconds)


def advance(state: DyadState, to: datetime, config: AlertConfig) -> None:
    """Move the dyad's clock forward to ``to``: decay the index, integrate the baseline exactly,
    and note when the index crossed the open alert's resolve line on the way."""
    if state.clock is None:
        state.clock = to
        return
    seconds = seconds_between(state.clock, to)
    if seconds <= 0:
        return
    alert = state.alert
    if alert is not None and alert.below_since is None:
        crossing = _crossing(state, config)
        if crossing is not None and crossing <= to:
            alert.below_since = crossing
    state.baseline, state.baseline_sq = _learned(
        state.baseline, state.baseline_sq, state.index, seconds, config
    )
    factor = decay(seconds, config.half_life_seconds)
    state.index *= factor
    state.directed = {k: v * factor for k, v in state.directed.items() if v * factor >= _NEGLIGIBLE}
    state.clock = to


def _rank(
    items: Iterable[EvidenceItem], at: datetime, config: AlertConfig, threat: bool
) -> list[EvidenceItem]:
    def key(item: EvidenceItem) -> tuple[float, str]:
        value = item.threat if threat else item.weight
        return (value * decay(seconds_between(item.at, at), config.half_life_seconds), item.evidence.event_id)

    return sorted(items, key=key, reverse=True)


def select_evidence(state: DyadState, at: datetime, config: AlertConfig) -> list[EvidenceItem]:
    """The strongest threats first, then the strongest threat in the speaker's own words (a quote
    is the most checkable evidence a reader can get), then the events that add most to the index."""
    chosen: dict[str, EvidenceItem] = {}
    threats = _rank(state.threats, at, config, threat=True)
    for item in threats[:EVIDENCE_THREATS]:
        chosen[item.evidence.event_id] = item
    quoted = next((item for item in threats if item.evidence.quote), None)
    if quoted is not None:
        chosen.setdefault(quoted.evidence.event_id, quoted)
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
        source=actor_name(event.source),
        speaker=actor_name(speaker) if speaker is not None and speaker.name != event.source.name else None,
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


def feeds_escalation(event: EscalationEvent) -> bool:
    """Not kept out of escalation by its frame: politics, security or unknown (null: older coders)."""
    return event.frame is None or event.frame in ESCALATION_FRAMES


def counts(event: EscalationEvent, config: AlertConfig) -> bool:
    """Whether the engine counts ``event`` at all: it needs a dyad, of two different countries
    unless ALERT_INCLUDE_DOMESTIC is on, and a frame that feeds escalation — politics, security or
    unknown (null) — not sport, markets, culture, disaster, history (incl. retrospective passages),
    other."""
    if event.dyad is None or not feeds_escalation(event):
        return False
    left, _, right = event.dyad.partition("-")
    # A same-country dyad ("IRQ-IRQ": Iraqi forces fire tear gas at Iraqi protesters, a cleric appeals to a
    # militia) is a real domestic event: the coder keeps it and publishes it with its dyad, so it can be
    # searched and shown. It does not feed the index by default: the index measures escalation between two
    # states, and one state's internal unrest is not one side escalating against another (it would also
    # make every country's protests a "pair" to alert on). ALERT_INCLUDE_DOMESTIC opts in for analysts who
    # track internal conflict. A same-country dyad that is not domestic at all is a coding error to fix in
    # the coder, not here (the seed article's "U.S. troops ... killed a U.S. contractor" was a misread
    # relative clause: brink/coder/tree.py _relative_head).
    return config.include_domestic or left != right


def apply_event(state: DyadState, event: EscalationEvent, config: AlertConfig) -> list[Alert]:
    """Count one event into its dyad's state (in place); return the alert transitions it causes."""
    if event.dyad != state.dyad:
        raise ValueError(f"event {event.event_id} is for dyad {event.dyad!r}, not {state.dyad!r}")
    if event.event_id in state.seen:
        return []  # a duplicate changes nothing
    at = event.published_at if state.clock is None else max(event.published_at, state.clock)
    transitions = _catch_up(state, at, config)  # what fell due before this event, at its own time
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
        if alert is not None and _is_strong_news(alert, effect.weight, effect.threat, config, event.quote):
            alert.evidence_pending = True
    return transitions + _evaluate(state, at, config, opener=event.event_id, ingested_at=event.ingested_at)


def _is_strong_news(
    alert: OpenAlert, weight: float, threat: float, config: AlertConfig, quote: str | None
) -> bool:
    """Clearly stronger (x1.25) than any evidence this alert has sent so far, and weighty on its
    own: half a WATCH surge of index points, or a threat of strength >= 5 (of 10). The same
    accusation repeated every hour is not news; a heavier strike or a head of state's threat is.
    So is the first strong threat in the speaker's own words while the alert has shown none: a
    quote is what a reader can check, even when a paraphrase of it was stronger.
    """
    heavier = weight >= config.watch_threshold / 2 and weight > NEWS_FACTOR * alert.shown_weight
    fiercer = threat >= STRONG_THREAT and threat > NEWS_FACTOR * alert.shown_threat
    first_quote = bool(quote) and threat >= STRONG_THREAT and not alert.shown_quote
    return heavier or fiercer or first_quote


def tick(state: DyadState, now: datetime, config: AlertConfig) -> list[Alert]:
    """Let event time pass with no new event: the index decays, alerts may ease or resolve.

    Each easing or resolution is stamped with the moment it fell due (the hold time after the
    index crossed the resolve line), however late the tick: a replay ticking only at article
    times gives the same transitions as a worker ticking every few seconds.
    """
    if state.clock is None or now <= state.clock:
        return []
    transitions = _catch_up(state, now, config)
    advance(state, now, config)
    return transitions + _evaluate(state, now, config, opener=None)


def _next_due(state: DyadState, config: AlertConfig) -> datetime | None:
    """When the open alert next eases or resolves if no event comes (None: no alert open)."""
    alert = state.alert
    if alert is None:
        return None
    crossing = alert.below_since or _crossing(state, config)
    return None if crossing is None else crossing + timedelta(seconds=config.min_hold_seconds)


def _catch_up(state: DyadState, until: datetime, config: AlertConfig) -> list[Alert]:
    """The easings and resolution that fall due before ``until``, each at its own time."""
    transitions: list[Alert] = []
    for _ in range(len(LEVELS) + 1):  # at most one step per level, then the resolution
        due = _next_due(state, config)
        if due is None or state.clock is None or due >= until:
            break
        at = max(due, state.clock)
        advance(state, at, config)
        step = _evaluate(state, at, config, opener=None)
        if not step:
            break
        transitions.extend(step)
    return transitions


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
    alert.shown_quote = alert.shown_quote or any(item.threat > 0 and item.evidence.quote for item in evidence)
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
