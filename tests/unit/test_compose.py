"""docker-compose.yml cannot run here (no Docker), so everything checkable about it is checked:
it parses, its commands exist in the CLI, its environment is Brink's settings with valid values,
its ports are the ones Prometheus scrapes, and the operational details (healthchecks, restart
policies, memory limits, pinned images, named volumes) are there."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import click
import pytest
import yaml

from brink.cli.main import SUBCOMMANDS, cli
from brink.settings import Settings
from tests.fixtures.stack import SERVICES, ServiceExpectation

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
PROMETHEUS = yaml.safe_load((ROOT / "deploy" / "prometheus" / "prometheus.yml").read_text())
BRINK_IMAGE = "brink:local"
_INTERPOLATION = re.compile(r"\$\{(?P<name>\w+)(?::?-(?P<default>[^}]*))?\}")


def _services() -> dict[str, dict[str, Any]]:
    services: dict[str, dict[str, Any]] = COMPOSE["services"]
    return services


def _brink_services() -> dict[str, dict[str, Any]]:
    return {name: s for name, s in _services().items() if s.get("image") == BRINK_IMAGE}


def _env(service: dict[str, Any]) -> dict[str, str]:
    """The service's environment as the container sees it, with ${VAR:-default} at its default."""
    raw = service.get("environment", {})
    assert isinstance(raw, dict), "write environment as a mapping so it can be checked"
    return {k: _INTERPOLATION.sub(lambda m: m.group("default") or "", str(v)) for k, v in raw.items()}


def _port(expectation: ServiceExpectation) -> int:
    env = _env(_services()[expectation.service])
    field = Settings.model_fields[expectation.port_setting.lower()]
    return int(env.get(expectation.port_setting, field.default))


def _scrape_job(name: str) -> dict[str, Any]:
    jobs = {job["job_name"]: job for job in PROMETHEUS["scrape_configs"]}
    assert name in jobs, f"prometheus.yml has no scrape job {name!r}"
    job: dict[str, Any] = jobs[name]
    return job


def test_compose_file_declares_every_brink_service_and_the_infrastructure() -> None:
    expected = {s.service for s in SERVICES} | {"kafka", "topics", "redis", "prometheus", "grafana"}
    assert expected <= set(_services())


@pytest.mark.parametrize("name", sorted(_brink_services()))
def test_every_brink_container_runs_an_existing_cli_command_with_valid_options(name: str) -> None:
    command = _brink_services()[name]["command"]
    assert isinstance(command, list) and command, f"{name}: command must be a non-empty list"
    subcommand, *args = command
    assert subcommand in SUBCOMMANDS, (
        f"{name}: `brink {subcommand}` is not a CLI subcommand (brink.cli.main.SUBCOMMANDS has "
        f"{sorted(SUBCOMMANDS)}); it lands with its service's branch"
    )
    group_ctx = click.Context(cli)
    command_obj = cli.get_command(group_ctx, subcommand)
    assert command_obj is not None
    # parses the arguments exactly as `brink <subcommand> <args>` would, without running it
    command_obj.make_context(subcommand, list(args), parent=group_ctx)


def test_each_service_runs_the_subcommand_the_deployment_expects() -> None:
    commands = {s.service: _services()[s.service]["command"][0] for s in SERVICES}
    assert commands == {s.service: s.subcommand for s in SERVICES}
    assert _services()["topics"]["command"] == ["infra", "--create-topics-only"]


@pytest.mark.parametrize("name", sorted(_brink_services()))
def test_environment_variables_are_brink_settings_with_valid_values(name: str) -> None:
    env = _env(_brink_services()[name])
    unknown = sorted(k for k in env if k.lower() not in Settings.model_fields)
    assert unknown == [], f"{name}: not fields of brink.settings.Settings: {unknown}"
    # the values must parse as the settings class parses them (ints, bools, URLs ...)
    Settings.model_validate({k.lower(): v for k, v in env.items()})


@pytest.mark.parametrize("name", sorted(_brink_services()))
def test_brink_containers_reach_kafka_and_redis_by_their_service_names(name: str) -> None:
    env = _env(_brink_services()[name])
    kafka_port = 9092
    assert env["KAFKA_BOOTSTRAP_SERVERS"] == f"kafka:{kafka_port}"
    assert (
        f"PLAINTEXT://kafka:{kafka_port}" in _services()["kafka"]["environment"]["KAFKA_ADVERTISED_LISTENERS"]
    )
    if name != "topics":
        assert env["REDIS_URL"].startswith("redis://redis:6379/")


@pytest.mark.parametrize("expectation", SERVICES, ids=lambda s: s.service)
def test_prometheus_scrapes_each_service_on_the_port_it_serves_metrics_on(
    expectation: ServiceExpectation,
) -> None:
    job = _scrape_job(expectation.service)
    targets = [(name, sd["port"]) for sd in job.get("dns_sd_configs", []) for name in sd["names"]]
    assert targets == [(expectation.service, _port(expectation))]
    assert job.get("metrics_path", "/metrics") == "/metrics"


@pytest.mark.parametrize("expectation", [s for s in SERVICES if s.host_setting], ids=lambda s: s.service)
def test_services_listen_on_all_interfaces_inside_their_container(expectation: ServiceExpectation) -> None:
    assert expectation.host_setting is not None
    assert _env(_services()[expectation.service])[expectation.host_setting] == "0.0.0.0"


@pytest.mark.parametrize("expectation", SERVICES, ids=lambda s: s.service)
def test_healthcheck_probes_the_metrics_port(expectation: ServiceExpectation) -> None:
    test = " ".join(_services()[expectation.service]["healthcheck"]["test"])
    assert f"http://127.0.0.1:{_port(expectation)}/metrics" in test


def test_published_ports_map_to_the_ports_the_services_listen_on() -> None:
    for expectation in SERVICES:
        for mapping in _services()[expectation.service].get("ports", []):
            host_ip, _host_port, container_port = str(mapping).split(":")
            assert host_ip == "127.0.0.1", f"{expectation.service}: publish on loopback only"
            assert int(container_port) == _port(expectation), mapping


def test_extract_runs_at_least_two_replicas() -> None:
    assert _services()["extract"]["deploy"]["replicas"] >= 2
    assert "container_name" not in _services()["extract"]


def test_every_long_running_service_restarts_has_a_memory_limit_and_a_healthcheck() -> None:
    problems = []
    for name, service in _services().items():
        if service.get("restart") not in {"unless-stopped", "always", "on-failure"}:
            problems.append(f"{name}: restart policy")
        if not service.get("deploy", {}).get("resources", {}).get("limits", {}).get("memory"):
            problems.append(f"{name}: memory limit")
        if name != "topics" and "healthcheck" not in service:
            problems.append(f"{name}: healthcheck")
    assert problems == []


def test_images_are_pinned_to_a_version_tag() -> None:
    for name, service in _services().items():
        image = service["image"]
        if image == BRINK_IMAGE:
            assert service["build"]["dockerfile"] == "Dockerfile"
            continue
        repo, _, tag = image.rpartition(":")
        assert repo and re.fullmatch(r"v?\d+\.\d+\.\d+(-[a-z0-9.]+)?", tag), f"{name}: {image} is not pinned"
    assert _services()["kafka"]["image"].startswith("apache/kafka:")


def test_stateful_services_keep_their_data_in_named_volumes() -> None:
    declared = set(COMPOSE["volumes"])
    data_dirs = {
        "kafka": _services()["kafka"]["environment"]["KAFKA_LOG_DIRS"],
        "redis": "/data",
        "prometheus": "/prometheus",
        "grafana": "/var/lib/grafana",
    }
    for name, path in data_dirs.items():
        volumes = [str(v).split(":") for v in _services()[name]["volumes"]]
        mounts = {parts[1]: parts[0] for parts in volumes}
        assert path in mounts, f"{name}: no volume at {path}"
        assert mounts[path] in declared, f"{name}: {mounts[path]} is not a named volume"


def test_kafka_runs_in_kraft_mode_without_auto_created_topics() -> None:
    env = _services()["kafka"]["environment"]
    assert env["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
    assert "zookeeper" not in yaml.safe_dump(_services()["kafka"]).lower()


def test_redis_persists_with_an_append_only_file() -> None:
    command = _services()["redis"]["command"]
    assert command[command.index("--appendonly") + 1] == "yes"


def test_topic_job_runs_before_the_services_and_after_kafka_is_healthy() -> None:
    assert _services()["topics"]["depends_on"]["kafka"]["condition"] == "service_healthy"
    for expectation in SERVICES:
        depends = _services()[expectation.service]["depends_on"]
        assert depends["topics"]["condition"] == "service_completed_successfully"


def test_prometheus_and_grafana_mount_the_files_in_deploy() -> None:
    def mounts(name: str) -> dict[str, Path]:
        return {
            target: ROOT / source
            for source, target, *_ in (str(v).split(":") for v in _services()[name]["volumes"])
            if source.startswith("./")
        }

    prometheus = mounts("prometheus")
    config_flag = next(a for a in _services()["prometheus"]["command"] if a.startswith("--config.file="))
    config_path = Path(config_flag.split("=", 1)[1])
    assert (prometheus[str(config_path.parent)] / config_path.name).is_file()

    grafana = mounts("grafana")
    provisioning = grafana["/etc/grafana/provisioning"]
    provider = yaml.safe_load((provisioning / "dashboards" / "brink.yml").read_text())["providers"][0]
    dashboards_dir = grafana[provider["options"]["path"]]
    assert sorted(p.name for p in dashboards_dir.glob("*.json")) == [
        "escalation-overview.json",
        "pipeline-health.json",
    ]
    home = _services()["grafana"]["environment"]["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"]
    assert (dashboards_dir / Path(home).name).is_file() and home.startswith(provider["options"]["path"])


def test_grafana_datasource_points_at_the_prometheus_service() -> None:
    path = ROOT / "deploy" / "grafana" / "provisioning" / "datasources" / "prometheus.yml"
    datasource = yaml.safe_load(path.read_text())["datasources"][0]
    listen = next(a for a in _services()["prometheus"]["command"] if a.startswith("--web.listen-address="))
    assert datasource["url"] == f"http://prometheus:{listen.rsplit(':', 1)[1]}"
    assert datasource["jsonData"]["timeInterval"] == PROMETHEUS["global"]["scrape_interval"]


def test_demo_sink_shares_the_dispatchers_network_and_listens_where_its_healthcheck_looks() -> None:
    sink = _services()["sink"]
    assert sink["profiles"] == ["demo"], "the sink is for demos: not started by default"
    assert sink["network_mode"] == "service:dispatch"
    port = _env(sink)["WEBHOOK_SINK_PORT"]
    assert f"http://127.0.0.1:{port}/healthz" in " ".join(sink["healthcheck"]["test"])
