"""Brink's Grafana dashboards, as code: ``python -m deploy.grafana.dashboards`` (``make dashboards``)
writes ``deploy/grafana/dashboards/*.json``, which Grafana loads through file provisioning.

Every PromQL expression here is evaluated against a real Prometheus scraping the real services
(``tests/integration/test_observability.py``): each must parse and each panel must return data.
``tests/unit/test_dashboards.py`` checks the committed JSON is what this module generates.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brink.settings import Settings

OUT_DIR = Path(__file__).resolve().parent / "dashboards"
DATASOURCE = {"type": "prometheus", "uid": "brink-prometheus"}
SERVICE_JOBS = ("ingest", "extract", "alert", "api", "dispatch")

# Colours of the escalation levels drawn on the index panels.
LEVEL_COLOURS = {"watch": "yellow", "warning": "orange", "critical": "red"}

Json = dict[str, Any]


@dataclass(frozen=True)
class Query:
    expr: str
    legend: str = ""
    instant: bool = False
    table: bool = False  # Grafana "table" format (one row per series, for table panels)


@dataclass
class Panel:
    kind: str  # Grafana panel type: timeseries, stat, bargauge, table
    title: str
    description: str
    queries: Sequence[Query]
    width: int
    height: int
    unit: str = "short"
    defaults: Json = field(default_factory=dict)  # merged into fieldConfig.defaults
    options: Json = field(default_factory=dict)
    transformations: list[Json] = field(default_factory=list)
    overrides: list[Json] = field(default_factory=list)


def _target(ref: str, query: Query) -> Json:
    return {
        "datasource": DATASOURCE,
        "refId": ref,
        "expr": query.expr,
        "legendFormat": query.legend or "__auto",
        "range": not query.instant,
        "instant": query.instant,
        "format": "table" if query.table else "time_series",
        "editorMode": "code",
    }


def _panel_json(panel_id: int, panel: Panel, x: int, y: int) -> Json:
    defaults: Json = {"unit": panel.unit, "color": {"mode": "palette-classic"}}
    if panel.kind == "timeseries":
        defaults["custom"] = {
            "drawStyle": "line",
            "lineWidth": 1,
            "fillOpacity": 10,
            "showPoints": "never",
            "spanNulls": False,
        }
    defaults = _merge(defaults, panel.defaults)
    options: Json = {}
    if panel.kind == "timeseries":
        options = {
            "legend": {"displayMode": "list", "placement": "bottom", "showLegend": True},
            "tooltip": {"mode": "multi", "sort": "desc"},
        }
    elif panel.kind in ("stat", "bargauge"):
        options = {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False}}
    return {
        "id": panel_id,
        "type": panel.kind,
        "title": panel.title,
        "description": panel.description,
        "datasource": DATASOURCE,
        "gridPos": {"h": panel.height, "w": panel.width, "x": x, "y": y},
        "targets": [_target(chr(ord("A") + i), q) for i, q in enumerate(panel.queries)],
        "fieldConfig": {"defaults": defaults, "overrides": panel.overrides},
        "options": _merge(options, panel.options),
        "transformations": panel.transformations,
    }


def _merge(base: Json, extra: Json) -> Json:
    out = dict(base)
    for key, value in extra.items():
        out[key] = (
            _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
        )
    return out


def _layout(panels: Iterable[Panel]) -> list[Json]:
    """Left to right, wrapping at Grafana's 24 columns; a row is as tall as its tallest panel."""
    out: list[Json] = []
    x = y = row_height = 0
    for panel_id, panel in enumerate(panels, start=1):
        if x + panel.width > 24:
            x, y, row_height = 0, y + row_height, 0
        out.append(_panel_json(panel_id, panel, x, y))
        x += panel.width
        row_height = max(row_height, panel.height)
    return out


def _variable(name: str, label: str, query: str, description: str) -> Json:
    return {
        "name": name,
        "label": label,
        "description": description,
        "type": "query",
        "datasource": DATASOURCE,
        "definition": query,
        "query": query,  # the classic string form: every Grafana version parses label_values(...)
        "refresh": 2,  # on time range change
        "multi": True,
        "includeAll": True,
        "allValue": ".*",
        "current": {"selected": True, "text": ["All"], "value": ["$__all"]},
        "sort": 1,
        "regex": "",
        "hide": 0,
        "options": [],
    }


def _dashboard(
    uid: str, title: str, description: str, variables: list[Json], panels: list[Panel], links: list[Json]
) -> Json:
    return {
        "uid": uid,
        "title": title,
        "description": description,
        "tags": ["brink"],
        "timezone": "utc",
        "editable": False,
        "graphTooltip": 1,
        "schemaVersion": 39,
        "version": 1,
        "refresh": "30s",
        "time": {"from": "now-6h", "to": "now"},
        "fiscalYearStartMonth": 0,
        "liveNow": False,
        "annotations": {
            "list": [
                {
                    "builtIn": 1,
                    "datasource": {"type": "grafana", "uid": "-- Grafana --"},
                    "enable": True,
                    "hide": True,
                    "iconColor": "rgba(0, 211, 255, 1)",
                    "name": "Annotations & Alerts",
                    "type": "dashboard",
                }
            ]
        },
        "links": links,
        "templating": {"list": variables},
        "panels": _layout(panels),
    }


def _level_thresholds(levels: dict[str, float]) -> Json:
    steps: list[Json] = [{"color": "green", "value": None}]
    for level, value in sorted(levels.items(), key=lambda item: item[1]):
        steps.append({"color": LEVEL_COLOURS[level], "value": value})
    return {"mode": "absolute", "steps": steps}


def _latency_defaults() -> Json:
    return {"custom": {"fillOpacity": 0}, "min": 0}


def escalation_overview(levels: dict[str, float]) -> Json:
    dyad = 'dyad=~"$dyad"'
    thresholds = _level_thresholds(levels)
    panels = [
        Panel(
            "stat",
            "Open alerts",
            "Alerts currently open, by level (brink_alert_open_alerts).",
            [Query("sum by (level) (brink_alert_open_alerts)", "{{level}}", instant=True)],
            width=8,
            height=5,
            defaults={"color": {"mode": "thresholds"}, "thresholds": _level_thresholds({"critical": 1.0})},
            options={"colorMode": "background", "graphMode": "none", "textMode": "value_and_name"},
        ),
        Panel(
            "stat",
            "Dyads tracked",
            "Pairs of countries whose escalation index the alert engine exports (its top-N most active).",
            [Query(f"count(brink_alert_index{{{dyad}}})", "dyads", instant=True)],
            width=4,
            height=5,
            options={"graphMode": "none"},
        ),
        Panel(
            "stat",
            "Events coded in range",
            "Escalation events the extract workers emitted over the dashboard's time range.",
            [Query("sum(increase(brink_extract_events_total[$__range]))", "events", instant=True)],
            width=4,
            height=5,
            options={"graphMode": "none"},
            defaults={"decimals": 0},
        ),
        Panel(
            "stat",
            "Alert transitions in range",
            "Alert lifecycle transitions (firing, updated, resolved) over the dashboard's time range.",
            [
                Query(
                    "sum by (type) (increase(brink_alert_transitions_total[$__range]))",
                    "{{type}}",
                    instant=True,
                )
            ],
            width=8,
            height=5,
            options={"graphMode": "none", "textMode": "value_and_name"},
            defaults={"decimals": 0},
        ),
        Panel(
            "timeseries",
            "Escalation index — most active dyads",
            "The escalation index (decayed Goldstein points) of the ten highest dyads among those "
            "selected. The bands are the alert levels for a dyad with no baseline (watch, warning, "
            "critical); a dyad with a history of tension alerts only higher (its baseline plus spread).",
            [Query(f"topk(10, max by (dyad) (brink_alert_index{{{dyad}}}))", "{{dyad}}")],
            width=16,
            height=10,
            defaults={
                "thresholds": thresholds,
                "custom": {"thresholdsStyle": {"mode": "line+area"}, "fillOpacity": 0},
            },
        ),
        Panel(
            "bargauge",
            "Strongest threats",
            "Threat index (credibility-weighted threat rhetoric) of the ten most threatening dyads, now.",
            [
                Query(
                    f"sort_desc(topk(10, max by (dyad) (brink_alert_threat_index{{{dyad}}})))",
                    "{{dyad}}",
                    True,
                )
            ],
            width=8,
            height=10,
            defaults={"min": 0, "color": {"mode": "continuous-YlRd"}},
            options={"displayMode": "gradient", "orientation": "horizontal", "showUnfilled": True},
        ),
        Panel(
            "timeseries",
            "Alerts timeline",
            "Alert transitions per interval, by type and level: when alerts fired, escalated and resolved.",
            [
                Query(
                    "sum by (type, level) (increase(brink_alert_transitions_total[$__rate_interval]))",
                    "{{type}} {{level}}",
                )
            ],
            width=12,
            height=8,
            defaults={"custom": {"drawStyle": "bars", "fillOpacity": 80, "stacking": {"mode": "normal"}}},
        ),
        Panel(
            "timeseries",
            "Open alerts over time",
            "Open alerts by level.",
            [Query("sum by (level) (brink_alert_open_alerts)", "{{level}}")],
            width=12,
            height=8,
            defaults={"custom": {"stacking": {"mode": "normal"}, "fillOpacity": 40}, "decimals": 0},
        ),
        Panel(
            "bargauge",
            "Events by CAMEO root",
            "Escalation events coded over the time range, by CAMEO root code (01 make public statement … "
            "13 threaten … 19 fight, 20 use unconventional mass violence).",
            [
                Query(
                    "sort_desc(sum by (cameo_root) (increase(brink_extract_events_total[$__range])))",
                    "{{cameo_root}}",
                    instant=True,
                )
            ],
            width=12,
            height=9,
            defaults={"decimals": 0, "min": 0},
            options={"displayMode": "basic", "orientation": "horizontal"},
        ),
        Panel(
            "timeseries",
            "Events by quad class",
            "Escalation events per second by quad class (recording rule "
            "brink:extract_events_by_quad_class:rate5m).",
            [Query("sum by (quad_class) (brink:extract_events_by_quad_class:rate5m)", "{{quad_class}}")],
            width=12,
            height=9,
            unit="ops",
            defaults={"custom": {"stacking": {"mode": "normal"}, "fillOpacity": 50}},
        ),
        Panel(
            "timeseries",
            "Escalation index against each dyad's own WATCH line",
            "The escalation index divided by the dyad's own WATCH threshold (its baseline plus surge, "
            "brink_alert_threshold): 1.0 is where an alert opens for that pair. A chronically tense "
            "pair with a high baseline sits lower here than on the raw index above.",
            [
                Query(
                    f"topk(10, max by (dyad) (brink_alert_index{{{dyad}}}) / on (dyad) "
                    f'max by (dyad) (brink_alert_threshold{{level="watch",{dyad}}}))',
                    "{{dyad}}",
                )
            ],
            width=24,
            height=8,
            defaults={
                "min": 0,
                "thresholds": _level_thresholds({"watch": 1.0}),
                "custom": {"thresholdsStyle": {"mode": "line"}, "fillOpacity": 0},
            },
        ),
        Panel(
            "table",
            "Dyads",
            "Every tracked dyad with its escalation index, threat index and own WATCH line, highest "
            "index first.",
            [
                Query(f"max by (dyad) (brink_alert_index{{{dyad}}})", instant=True, table=True),
                Query(f"max by (dyad) (brink_alert_threat_index{{{dyad}}})", instant=True, table=True),
                Query(
                    f'max by (dyad) (brink_alert_threshold{{level="watch",{dyad}}})', instant=True, table=True
                ),
            ],
            width=24,
            height=10,
            defaults={"thresholds": thresholds},
            options={"sortBy": [{"displayName": "Escalation index", "desc": True}], "showHeader": True},
            transformations=[
                {"id": "merge", "options": {}},
                {
                    "id": "organize",
                    "options": {
                        "excludeByName": {"Time": True},
                        "renameByName": {
                            "dyad": "Dyad",
                            "Value #A": "Escalation index",
                            "Value #B": "Threat index",
                            "Value #C": "WATCH line",
                        },
                    },
                },
            ],
        ),
    ]
    variables = [
        _variable(
            "dyad",
            "Dyad",
            "label_values(brink_alert_index, dyad)",
            "Pairs of countries (ISO alpha-3, sorted), e.g. IRN-USA.",
        )
    ]
    return _dashboard(
        "brink-escalation",
        "Brink — Escalation overview",
        "Escalation between pairs of countries as Brink codes it from the news: index, alerts, threats.",
        variables,
        panels,
        [{"title": "Pipeline health", "type": "link", "url": "/d/brink-pipeline", "icon": "dashboard"}],
    )


def pipeline_health() -> Json:
    job = 'job=~"$service"'
    panels = [
        Panel(
            "stat",
            "Services up",
            "Whether Prometheus can scrape each Brink process (one box per replica).",
            [Query(f"up{{{job}}}", "{{job}} {{instance}}", instant=True)],
            width=12,
            height=5,
            defaults={
                "color": {"mode": "thresholds"},
                "thresholds": {
                    "mode": "absolute",
                    "steps": [{"color": "red", "value": None}, {"color": "green", "value": 1}],
                },
                "mappings": [
                    {"type": "value", "options": {"0": {"text": "DOWN"}, "1": {"text": "UP"}}},
                ],
            },
            options={"colorMode": "background", "graphMode": "none", "textMode": "value_and_name"},
        ),
        Panel(
            "stat",
            "Last article coded",
            "Seconds since an extract worker last finished an article.",
            [Query("time() - max(brink_extract_last_processed_timestamp_seconds)", "age", instant=True)],
            width=4,
            height=5,
            unit="s",
            defaults={
                "color": {"mode": "thresholds"},
                "thresholds": {
                    "mode": "absolute",
                    "steps": [
                        {"color": "green", "value": None},
                        {"color": "orange", "value": 600},
                        {"color": "red", "value": 1800},
                    ],
                },
            },
            options={"colorMode": "value", "graphMode": "none"},
        ),
        Panel(
            "stat",
            "Deliveries queued",
            "Deliveries waiting in the dispatcher's durable retry queue.",
            [Query("sum(brink_webhook_retry_queue_depth)", "queued", instant=True)],
            width=4,
            height=5,
            options={"graphMode": "none"},
        ),
        Panel(
            "stat",
            "Disabled subscriptions",
            "Subscriptions disabled after failing for WEBHOOK_DISABLE_AFTER_SECONDS without a success.",
            [Query("sum(brink_webhook_subscriptions_disabled)", "disabled", instant=True)],
            width=4,
            height=5,
            options={"graphMode": "none"},
        ),
        Panel(
            "timeseries",
            "Articles in / out per stage",
            "Items per second entering and leaving each stage (recording rules brink:stage_in:rate1m and "
            "brink:stage_out:rate1m): ingest articles, extract articles → events, alert events → "
            "transitions, webhook attempts → deliveries.",
            [
                Query("brink:stage_in:rate1m", "in {{stage}}"),
                Query("brink:stage_out:rate1m", "out {{stage}}"),
            ],
            width=12,
            height=8,
            unit="ops",
        ),
        Panel(
            "timeseries",
            "Ingest: received, duplicates, rejected",
            "Articles received per second by route (http, feed, cli), duplicates folded (exact, near) and "
            "articles rejected, by reason.",
            [
                Query(
                    "sum by (via) (rate(brink_ingest_articles_received_total[$__rate_interval]))",
                    "received {{via}}",
                ),
                Query(
                    "sum by (kind) (rate(brink_ingest_duplicates_total[$__rate_interval]))",
                    "duplicate {{kind}}",
                ),
                Query(
                    "sum by (reason) (rate(brink_ingest_rejected_total[$__rate_interval]))",
                    "rejected {{reason}}",
                ),
            ],
            width=12,
            height=8,
            unit="ops",
        ),
        Panel(
            "timeseries",
            "Coding latency per article",
            "Time the coder spends on one article, p50 and p99 (recording rules on "
            "brink_extract_coding_seconds).",
            [
                Query("brink:extract_coding_seconds:p50", "p50"),
                Query("brink:extract_coding_seconds:p99", "p99"),
            ],
            width=8,
            height=8,
            unit="s",
            defaults=_latency_defaults(),
        ),
        Panel(
            "timeseries",
            "End-to-end latency (ingested → stage emits)",
            "Now − article.ingested_at when each stage emits, p50 and p99. The webhook stage is the "
            "pipeline's end-to-end latency (target: p99 < 500 ms).",
            [
                Query("brink:pipeline_latency_seconds:p50", "p50 {{stage}}"),
                Query("brink:pipeline_latency_seconds:p99", "p99 {{stage}}"),
            ],
            width=8,
            height=8,
            unit="s",
            defaults=_merge(
                _latency_defaults(),
                {
                    "thresholds": {
                        "mode": "absolute",
                        "steps": [{"color": "green", "value": None}, {"color": "red", "value": 0.5}],
                    },
                    "custom": {"thresholdsStyle": {"mode": "dashed"}},
                },
            ),
        ),
        Panel(
            "timeseries",
            "Publish and delivery latency",
            "p99 of the ingest API's Kafka publish (acks=all) and of one webhook delivery attempt.",
            [
                Query("brink:ingest_publish_seconds:p99", "ingest publish p99"),
                Query("brink:webhook_delivery_seconds:p99", "webhook delivery p99"),
            ],
            width=8,
            height=8,
            unit="s",
            defaults=_latency_defaults(),
        ),
        Panel(
            "timeseries",
            "Consumer lag",
            "Messages each consumer group has yet to read, by service and topic.",
            [
                Query(
                    'sum by (service, topic) (brink_consumer_lag_messages{service=~"$service"})',
                    "{{service}} {{topic}}",
                )
            ],
            width=12,
            height=8,
        ),
        Panel(
            "timeseries",
            "Dead letters",
            "Messages sent to brink.deadletter.v1 per interval, by stage and reason.",
            [
                Query(
                    f"sum by (stage, reason) (increase(brink_deadletters_total{{{job}}}[$__rate_interval]))",
                    "{{stage}} {{reason}}",
                )
            ],
            width=12,
            height=8,
            defaults={"custom": {"drawStyle": "bars", "fillOpacity": 80}, "decimals": 0},
        ),
        Panel(
            "timeseries",
            "Webhook deliveries by outcome",
            "Webhook deliveries per second by outcome: delivered, failed, retrying, dead (retries "
            "exhausted), disabled (subscription disabled), silenced.",
            [
                Query(
                    "sum by (outcome) (rate(brink_webhook_deliveries_total[$__rate_interval]))",
                    "{{outcome}}",
                )
            ],
            width=12,
            height=8,
            unit="ops",
            defaults={"custom": {"stacking": {"mode": "normal"}, "fillOpacity": 40}},
        ),
        Panel(
            "timeseries",
            "Webhook retry queue and failure ratio",
            "Deliveries waiting for their next attempt, and the failed share of delivery attempts over "
            "15 minutes.",
            [
                Query("sum(brink_webhook_retry_queue_depth)", "queued"),
                Query("brink:webhook_failure_ratio:rate15m", "failure ratio (right axis)"),
            ],
            width=12,
            height=8,
            defaults={"decimals": 0},
            overrides=[
                {
                    "matcher": {"id": "byFrameRefID", "options": "B"},
                    "properties": [
                        {"id": "unit", "value": "percentunit"},
                        {"id": "decimals", "value": 1},
                        {"id": "custom.axisPlacement", "value": "right"},
                    ],
                }
            ],
        ),
    ]
    variables = [
        _variable(
            "service",
            "Service",
            f'label_values(up{{job=~"{"|".join(SERVICE_JOBS)}"}}, job)',
            "Brink services (Prometheus jobs).",
        )
    ]
    return _dashboard(
        "brink-pipeline",
        "Brink — Pipeline health",
        "Throughput, latency, lag, dead letters and webhook delivery of Brink's own pipeline.",
        variables,
        panels,
        [{"title": "Escalation overview", "type": "link", "url": "/d/brink-escalation", "icon": "dashboard"}],
    )


def level_thresholds() -> dict[str, float]:
    """Index value at which each level starts for a dyad with no baseline: the alert engine's
    default surges (ALERT_WATCH/WARNING/CRITICAL_THRESHOLD). A dyad with a baseline needs more
    (docs/ALERTING.md), so the drawn bands are the floors."""
    fields = Settings.model_fields
    return {level: float(fields[f"alert_{level}_threshold"].default) for level in LEVEL_COLOURS}


def build() -> dict[str, Json]:
    """File name -> dashboard JSON."""
    return {
        "escalation-overview.json": escalation_overview(level_thresholds()),
        "pipeline-health.json": pipeline_health(),
    }


def render(dashboard: Json) -> str:
    return json.dumps(dashboard, indent=2, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] = ()) -> int:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name, dashboard in build().items():
        (OUT_DIR / name).write_text(render(dashboard))
        print(f"wrote {OUT_DIR / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
