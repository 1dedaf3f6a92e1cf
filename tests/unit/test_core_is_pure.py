"""The functional core imports no I/O: the CLI, replay, tests and workers all run the same code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BRINK = Path(__file__).resolve().parents[2] / "brink"
CORE_PACKAGES = ["coder", "alerting", "ingestion", "evaluation", "webhooks"]
IO_MODULES = {
    "aiokafka",
    "kafka",
    "faust",
    "mode",
    "redis",
    "httpx",
    "requests",
    "aiohttp",
    "fastapi",
    "uvicorn",
    "starlette",
    "urllib3",
    "socket",
    "brink.runtime",
    "services",
}


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def core_files() -> list[Path]:
    return [
        p for package in CORE_PACKAGES if (BRINK / package).is_dir() for p in (BRINK / package).rglob("*.py")
    ]


def test_the_core_packages_exist() -> None:
    assert {p.relative_to(BRINK).parts[0] for p in core_files()} >= {"coder", "alerting", "ingestion"}


@pytest.mark.parametrize("path", core_files(), ids=lambda p: str(p.relative_to(BRINK)))
def test_core_module_imports_no_io(path: Path) -> None:
    offending = {
        name
        for name in imported_modules(path)
        if any(name == io or name.startswith(io + ".") for io in IO_MODULES)
    }
    assert offending == set(), (
        f"{path.relative_to(BRINK)} imports I/O modules {offending}: move that to a shell"
    )
