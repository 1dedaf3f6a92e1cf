"""The alert engine's knobs, as a plain frozen dataclass (built from Settings by the shells)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from schemas.alert import AlertLevel

if TYPE_CHECKING:
    from brink.settings import Settings

LEVELS: tuple[AlertLevel, ...] = ("watch", "warning", "critical")


class AlertConfigError(ValueError):
    """The alert settings contradict each other."""


@dataclass(frozen=True)
class AlertConfig:
    half_life_seconds: float = 3 * 86400.0
    baseline_half_life_seconds: float = 30 * 86400.0
    cooperation_weight: float = 0.5
    conditional_weight: float = 0.8
    hypothetical_weight: float = 0.3
    threat_weight: float = 1.0
    threat_min_score: float = 0.5
    watch_threshold: float = 8.0
    warning_threshold: float = 20.0
    critical_threshold: float = 40.0
    baseline_spread_factor: float = 2.0
    resolve_ratio: float = 0.5
    min_hold_seconds: float = 12 * 3600.0
    update_interval_seconds: float = 3600.0
    evidence_size: int = 5
    seen_events_per_dyad: int = 1000
    include_domestic: bool = False

    def __post_init__(self) -> None:
        if not 0 < self.watch_threshold < self.warning_threshold < self.critical_threshold:
            raise AlertConfigError(
                "alert thresholds must rise: 0 < ALERT_WATCH_THRESHOLD < ALERT_WARNING_THRESHOLD < "
                f"ALERT_CRITICAL_THRESHOLD (got {self.watch_threshold}, {self.warning_threshold}, "
                f"{self.critical_threshold})"
            )
        if self.half_life_seconds <= 0 or self.baseline_half_life_seconds <= 0:
            raise AlertConfigError("ALERT_HALF_LIFE_SECONDS and ALERT_BASELINE_HALF_LIFE_SECONDS must be > 0")
        if not 0 < self.resolve_ratio < 1:
            raise AlertConfigError(f"ALERT_RESOLVE_RATIO must be in (0, 1), got {self.resolve_ratio}")

    def surge(self, level: AlertLevel) -> float:
        """The surge over the baseline (before spread) that reaches ``level``."""
        return {
            "watch": self.watch_threshold,
            "warning": self.warning_threshold,
            "critical": self.critical_threshold,
        }[level]

    @classmethod
    def from_settings(cls, settings: Settings) -> AlertConfig:
        """Every ``alert_<name>`` setting that matches a field here."""
        values = {
            f.name: getattr(settings, f"alert_{f.name}")
            for f in fields(cls)
            if hasattr(settings, f"alert_{f.name}")
        }
        return cls(**values)
