"""The Prometheus config and rules are valid for promtool, and every alert has unit tests."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

PROM_DIR = Path(__file__).resolve().parents[2] / "deploy" / "prometheus"


def _promtool(*args: str) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("promtool")
    if binary is None:
        pytest.fail("promtool is not on PATH: run `make install` (it installs Debian's prometheus package)")
    return subprocess.run([binary, *args], capture_output=True, text=True, timeout=60, check=False)


def _alert_names() -> list[str]:
    names: list[str] = []
    for path in sorted((PROM_DIR / "rules").glob("*.yml")):
        for group in yaml.safe_load(path.read_text())["groups"]:
            names.extend(rule["alert"] for rule in group["rules"] if "alert" in rule)
    return names


def test_prometheus_config_passes_promtool_check_config() -> None:
    result = _promtool("check", "config", str(PROM_DIR / "prometheus.yml"))
    assert result.returncode == 0, result.stdout + result.stderr
    # check config also checks the rule files it names: make sure it found them
    assert "rules found" in result.stdout + result.stderr


def test_rule_files_pass_promtool_check_rules() -> None:
    files = sorted(str(p) for p in (PROM_DIR / "rules").glob("*.yml"))
    assert files, "no rule files under deploy/prometheus/rules"
    result = _promtool("check", "rules", *files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_alerting_rules_pass_their_promtool_unit_tests() -> None:
    files = sorted(str(p) for p in (PROM_DIR / "tests").glob("*.yml"))
    assert files, "no promtool unit tests under deploy/prometheus/tests"
    result = _promtool("test", "rules", *files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_alert_is_unit_tested_both_firing_and_quiet() -> None:
    firing: set[str] = set()
    quiet: set[str] = set()
    for path in (PROM_DIR / "tests").glob("*.yml"):
        for case in yaml.safe_load(path.read_text())["tests"]:
            for check in case.get("alert_rule_test", []):
                (firing if check.get("exp_alerts") else quiet).add(check["alertname"])
    alerts = set(_alert_names())
    assert alerts, "no alerting rules found"
    missing = {
        name: [w for w, s in (("firing", firing), ("quiet", quiet)) if name not in s] for name in alerts
    }
    assert {name: ways for name, ways in missing.items() if ways} == {}


def test_every_alert_has_a_severity_and_explains_what_to_do() -> None:
    problems = []
    for path in sorted((PROM_DIR / "rules").glob("*.yml")):
        for group in yaml.safe_load(path.read_text())["groups"]:
            for rule in group["rules"]:
                if "alert" not in rule:
                    continue
                if rule.get("labels", {}).get("severity") not in {"critical", "warning", "info"}:
                    problems.append(f"{rule['alert']}: severity")
                if not {"summary", "description"} <= set(rule.get("annotations", {})):
                    problems.append(f"{rule['alert']}: summary/description")
    assert problems == []
