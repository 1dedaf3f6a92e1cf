"""The alert engine: escalation events → per-dyad index, baseline, threat sub-index → alert transitions.

Pure Python (no Kafka, Redis, HTTP or Faust imports). Time is event time.

    engine = AlertEngine(AlertConfig.from_settings(settings))
    transitions = engine.process(event)     # list[Alert]: firing / updated / resolved
    transitions += engine.tick(now)         # decay with no new events
"""

from __future__ import annotations

from brink.alerting.config import LEVELS, AlertConfig, AlertConfigError
from brink.alerting.dyad import alert_id_for, apply_event, counts, current_index, thresholds, tick
from brink.alerting.engine import AlertEngine
from brink.alerting.state import DyadState

__all__ = [
    "LEVELS",
    "AlertConfig",
    "AlertConfigError",
    "AlertEngine",
    "DyadState",
    "alert_id_for",
    "apply_event",
    "counts",
    "current_index",
    "thresholds",
    "tick",
]
