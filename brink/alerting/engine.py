"""The alert engine over many dyads: what ``brink replay`` and the tests drive directly.

The alert worker uses the same per-dyad functions (``apply_event`` / ``tick``) on states it keeps
in Redis; this class keeps them in a dict.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from brink.alerting import dyad as machine
from brink.alerting.config import AlertConfig
from brink.alerting.state import DyadState
from schemas.alert import Alert
from schemas.event import EscalationEvent


class AlertEngine:
    def __init__(self, config: AlertConfig | None = None, states: Iterable[DyadState] = ()) -> None:
        self.config = config or AlertConfig()
        self.states: dict[str, DyadState] = {state.dyad: state for state in states}

    def process(self, event: EscalationEvent) -> list[Alert]:
        """Count one event; events without a dyad (one side has no country), and domestic ones
        (both sides in one country) unless ALERT_INCLUDE_DOMESTIC, are ignored."""
        if event.dyad is None or not machine.counts(event, self.config):
            return []
        state = self.states.get(event.dyad)
        if state is None:
            state = self.states[event.dyad] = DyadState(dyad=event.dyad)
        return machine.apply_event(state, event, self.config)

    def tick(self, now: datetime) -> list[Alert]:
        """Advance event time to ``now`` for every dyad with an open alert; return what eased or resolved."""
        transitions: list[Alert] = []
        for dyad in sorted(self.states):
            state = self.states[dyad]
            if state.alert is not None:
                transitions.extend(machine.tick(state, now, self.config))
        return sorted(transitions, key=lambda alert: alert.at)  # stable: dyad order within one moment

    def state(self, dyad: str) -> DyadState | None:
        return self.states.get(dyad)

    def index(self, dyad: str, at: datetime) -> float:
        state = self.states.get(dyad)
        return 0.0 if state is None else machine.current_index(state, at, self.config)

    def open_alerts(self) -> dict[str, str]:
        """dyad -> level of every open alert."""
        return {d: s.alert.level for d, s in sorted(self.states.items()) if s.alert is not None}

    def snapshot(self) -> str:
        """All states as one JSON document."""
        return json.dumps([json.loads(s.to_json()) for _, s in sorted(self.states.items())])

    @classmethod
    def restore(cls, snapshot: str, config: AlertConfig | None = None) -> AlertEngine:
        return cls(config, (DyadState.model_validate(item) for item in json.loads(snapshot)))
