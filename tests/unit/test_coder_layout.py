"""The coder's layout: small modules with one job each (CONVENTIONS: under 600 lines) whose module-level
imports form no cycle, so a stage can be read, imported and tested on its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CODER = Path(__file__).resolve().parents[2] / "brink" / "coder"
MOST_LINES = 600


def coder_modules() -> dict[str, Path]:
    """Each module under brink/coder by its dotted name (a package by its own name)."""
    out: dict[str, Path] = {}
    for path in sorted(CODER.rglob("*.py")):
        parts = path.relative_to(CODER.parents[1]).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def module_level_imports(path: Path, known: set[str]) -> set[str]:
    """The brink.coder modules ``path`` imports when it is loaded (not those imported inside functions):
    ``from brink.coder import scope`` is the module brink.coder.scope, not the package."""
    out: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                out.add(submodule if submodule in known else node.module)
        elif isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
    return out & known


def import_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of the graph as the modules along it, or [] for none (depth-first search)."""
    state: dict[str, str] = {}  # "open" while on the search path, "done" after
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = "open"
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = "done"
        return []

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return []


@pytest.mark.parametrize("path", list(coder_modules().values()), ids=lambda p: str(p.relative_to(CODER)))
def test_coder_module_stays_under_the_size_limit(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines < MOST_LINES, f"{path.name} has {lines} lines: split it into stages by job"


def test_coder_module_imports_form_no_cycle() -> None:
    modules = coder_modules()
    known = set(modules)
    graph = {name: module_level_imports(path, known) - {name} for name, path in modules.items()}
    # (the package's __init__, the Coder facade, imports the pipeline: a stage must import its neighbours as
    # modules, ``from brink.coder import scope``, never names from the package)
    assert import_cycle(graph) == []


def test_an_import_cycle_is_found() -> None:
    assert import_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert import_cycle({"a": {"b"}, "b": set()}) == []
