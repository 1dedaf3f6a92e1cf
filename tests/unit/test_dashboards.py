"""The dashboards Grafana provisions are well-formed and are exactly what deploy/grafana/dashboards.py
generates. (That their queries return data is proven live in tests/integration/test_observability.py.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from brink.settings import Settings
from deploy.grafana import dashboards as generator
from tests.fixtures.promql import (
    GRAFANA_BUILTINS,
    dashboards,
    metric_names,
    panel_queries,
    rule_expressions,
    variables_used,
)

ROOT = Path(__file__).resolve().parents[2]
DATASOURCE_FILE = ROOT / "deploy" / "grafana" / "provisioning" / "datasources" / "prometheus.yml"


def _panels(name: str) -> list[dict[str, Any]]:
    panels: list[dict[str, Any]] = dashboards()[name]["panels"]  # type: ignore[assignment]
    return panels


def test_committed_dashboards_are_what_the_generator_produces() -> None:
    built = {name: generator.render(d) for name, d in generator.build().items()}
    committed = {p.name: p.read_text() for p in generator.OUT_DIR.glob("*.json")}
    assert committed == built, "run `make dashboards` and commit deploy/grafana/dashboards/"


def test_dashboards_have_stable_unique_uids_and_titles() -> None:
    uids = {name: d["uid"] for name, d in dashboards().items()}
    assert uids == {"escalation-overview.json": "brink-escalation", "pipeline-health.json": "brink-pipeline"}


@pytest.mark.parametrize("name", ["escalation-overview.json", "pipeline-health.json"])
def test_every_panel_queries_the_provisioned_prometheus(name: str) -> None:
    datasource = yaml.safe_load(DATASOURCE_FILE.read_text())["datasources"][0]
    for panel in _panels(name):
        assert panel["datasource"] == {"type": "prometheus", "uid": datasource["uid"]}, panel["title"]
        assert panel["targets"], f"{panel['title']}: no queries"
        for target in panel["targets"]:
            assert target["expr"].strip() and target["datasource"]["uid"] == datasource["uid"]


@pytest.mark.parametrize("name", ["escalation-overview.json", "pipeline-health.json"])
def test_panels_fit_the_grid_without_overlapping(name: str) -> None:
    taken: set[tuple[int, int]] = set()
    ids = [panel["id"] for panel in _panels(name)]
    assert len(ids) == len(set(ids))
    for panel in _panels(name):
        pos = panel["gridPos"]
        assert pos["x"] >= 0 and pos["x"] + pos["w"] <= 24, panel["title"]
        cells = {
            (x, y) for x in range(pos["x"], pos["x"] + pos["w"]) for y in range(pos["y"], pos["y"] + pos["h"])
        }
        assert not cells & taken, f"{panel['title']} overlaps another panel"
        taken |= cells


def test_escalation_overview_has_the_panels_analysts_asked_for() -> None:
    titles = {panel["title"] for panel in _panels("escalation-overview.json")}
    assert {
        "Escalation index — most active dyads",
        "Alerts timeline",
        "Open alerts",
        "Strongest threats",
        "Events by CAMEO root",
        "Events by quad class",
        "Dyads",
    } <= titles
    assert len(titles) == len(_panels("escalation-overview.json")), "panel titles must be unique"


def test_pipeline_health_has_the_panels_operators_asked_for() -> None:
    titles = {panel["title"] for panel in _panels("pipeline-health.json")}
    assert {
        "Articles in / out per stage",
        "Coding latency per article",
        "End-to-end latency (ingested → stage emits)",
        "Consumer lag",
        "Dead letters",
        "Webhook deliveries by outcome",
        "Webhook retry queue and failure ratio",
    } <= titles
    assert len(titles) == len(_panels("pipeline-health.json")), "panel titles must be unique"


def test_escalation_index_panel_draws_the_alert_levels_as_thresholds() -> None:
    panel = next(p for p in _panels("escalation-overview.json") if p["title"].startswith("Escalation index"))
    defaults = panel["fieldConfig"]["defaults"]
    assert defaults["custom"]["thresholdsStyle"]["mode"] == "line+area"
    drawn = {step["color"]: step["value"] for step in defaults["thresholds"]["steps"][1:]}
    engine = Settings.model_fields  # the alert engine's defaults
    assert drawn == {
        "yellow": engine["alert_watch_threshold"].default,
        "orange": engine["alert_warning_threshold"].default,
        "red": engine["alert_critical_threshold"].default,
    }


def test_template_variables_are_defined_and_used() -> None:
    for name, dashboard in dashboards().items():
        defined = {v["name"] for v in dashboard["templating"]["list"]}  # type: ignore[index]
        used: set[str] = set()
        for panel in _panels(name):
            for target in panel["targets"]:
                used |= variables_used(target["expr"])
        assert used - set(GRAFANA_BUILTINS) == defined, name
    assert {v["name"] for v in dashboards()["escalation-overview.json"]["templating"]["list"]} == {"dyad"}  # type: ignore[index]
    assert {v["name"] for v in dashboards()["pipeline-health.json"]["templating"]["list"]} == {"service"}  # type: ignore[index]


def test_recorded_series_the_dashboards_read_are_defined_by_the_rules() -> None:
    recorded = {rule.name.split()[-1] for rule in rule_expressions()}
    read = {name for query in panel_queries() for name in metric_names(query.expr) if ":" in name}
    assert read, "the dashboards read no recording rule"
    assert read <= recorded
