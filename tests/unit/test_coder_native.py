"""The compiled coder (mypyc, setup.py) and its fallback: stale builds never run, events never differ."""

from __future__ import annotations

import ast
import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

import brink.coder
from brink.coder import Coder, native
from schemas.article import Article
from schemas.event import EscalationEvent

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "articles.jsonl"
GOLD = ROOT / "tests" / "gold" / "dev" / "sentences.jsonl"
SO = importlib.machinery.EXTENSION_SUFFIXES[0]


def _setup_py_constant(name: str) -> object:
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"setup.py has no {name}")


def test_setup_py_compiles_the_modules_the_selector_checks() -> None:
    assert _setup_py_constant("NATIVE_MODULES") == native.MODULES
    assert all((native.PACKAGE_DIR / f"{name}.py").exists() for name in native.MODULES)


def _fake_build(directory: Path, stamp: dict[str, str] | None) -> None:
    """Extension-module files (empty: importing one would fail) and a stamp, next to real sources."""
    for name in native.MODULES:
        shutil.copy2(native.PACKAGE_DIR / f"{name}.py", directory / f"{name}.py")
        (directory / f"{name}{SO}").write_bytes(b"")
    if stamp is not None:
        (directory / native.STAMP_NAME).write_text(json.dumps({"modules": stamp}), encoding="utf-8")


def test_a_build_matching_its_sources_is_fresh(tmp_path: Path) -> None:
    _fake_build(tmp_path, native.source_digests())
    assert native.stale_reason(native.compiled_files(tmp_path), tmp_path) is None


def test_an_edited_source_makes_the_build_stale(tmp_path: Path) -> None:
    _fake_build(tmp_path, native.source_digests())
    with (tmp_path / "engine.py").open("a", encoding="utf-8") as handle:
        handle.write("# edited\n")
    reason = native.stale_reason(native.compiled_files(tmp_path), tmp_path)
    assert reason == "compiled coder is stale: engine.py changed since it was built"


def test_a_build_without_stamp_or_with_a_missing_module_is_not_used(tmp_path: Path) -> None:
    _fake_build(tmp_path, None)
    assert "no valid build stamp" in str(native.stale_reason(native.compiled_files(tmp_path), tmp_path))
    (tmp_path / native.STAMP_NAME).write_text("{not json", encoding="utf-8")
    assert "no valid build stamp" in str(native.stale_reason(native.compiled_files(tmp_path), tmp_path))
    _fake_build(tmp_path, native.source_digests())
    (tmp_path / f"tone{SO}").unlink()
    reason = native.stale_reason(native.compiled_files(tmp_path), tmp_path)
    assert reason == "compiled coder is incomplete (no extension module for tone)"


def _stale_checkout(tmp_path: Path) -> Path:
    """A copy of the package whose 'compiled' modules are empty files built from other sources."""
    tree = tmp_path / "tree"
    shutil.copytree(
        ROOT / "brink",
        tree / "brink",
        ignore=shutil.ignore_patterns("__pycache__", "*.so", "native_stamp.json"),
    )
    coder = tree / "brink" / "coder"
    stamp = native.source_digests(coder)
    stamp["engine"] = "0" * 64  # built from an older engine.py
    _fake_build(coder, stamp)
    return tree


def _run(tree: Path, code: str, mode: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": f"{tree}{os.pathsep}{ROOT}", native.MODE_ENV: mode}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=tree,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


PROBE = "import brink.coder as c, brink.coder.engine as e; print(c.COMPILED, e.__file__)"


@pytest.mark.parametrize("mode", ["auto", "pure"])
def test_a_stale_build_runs_the_python_sources(tmp_path: Path, mode: str) -> None:
    tree = _stale_checkout(tmp_path)
    result = _run(tree, PROBE + "; c.Coder.load()", mode)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", str(tree / "brink" / "coder" / "engine.py")]
    if mode == "auto":
        assert "compiled coder is stale: engine.py changed since it was built" in result.stderr
        assert "make native" in result.stderr
    else:
        assert "stale" not in result.stderr


def test_requiring_the_compiled_coder_fails_on_a_stale_build(tmp_path: Path) -> None:
    result = _run(_stale_checkout(tmp_path), PROBE, "compiled")
    assert result.returncode != 0
    assert "NativeCoderError: BRINK_CODER=compiled but the compiled coder is stale" in result.stderr
    assert "make native" in result.stderr


def test_an_unknown_mode_is_refused(tmp_path: Path) -> None:
    result = _run(_stale_checkout(tmp_path), PROBE, "fast")
    assert "BRINK_CODER='fast': expected one of auto, compiled, pure" in result.stderr


def test_this_checkout_runs_the_compiled_coder_exactly_when_a_fresh_build_exists() -> None:
    compiled = native.compiled_files()
    fresh = bool(compiled) and native.stale_reason(compiled) is None
    expected = fresh and os.environ.get(native.MODE_ENV, "auto") != "pure"
    assert brink.coder.COMPILED is expected, brink.coder.RUNNING
    engine_file = sys.modules["brink.coder.engine"].__file__ or ""
    assert engine_file.endswith(SO) is expected


DUMP = """
import json, sys
from datetime import UTC, datetime
import brink.coder
from brink.coder import Coder
from schemas.article import Article
at = datetime(2024, 1, 5, tzinfo=UTC)
coder = Coder.load()
for i, text in enumerate(json.loads(sys.stdin.read())):
    a = Article(article_id=f"a{i}", title="", text=text, published_at=at, ingested_at=at, language="en")
    print(coder.code(a).model_dump_json())
print(brink.coder.COMPILED)
"""


def _texts() -> list[str]:
    rows = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [r["title"] + "\n" + r["text"] for r in rows]
    texts += [json.loads(line)["sentence"] for line in GOLD.read_text(encoding="utf-8").splitlines()]
    return texts


def test_compiled_and_pure_coders_code_the_same_events() -> None:
    """The samples and every gold sentence, coded by the pure-Python sources in a subprocess and by
    this process's coder (compiled after `make install`): identical output, events that validate."""
    texts = _texts()
    env = {**os.environ, native.MODE_ENV: "pure"}
    result = subprocess.run(
        [sys.executable, "-c", DUMP], input=json.dumps(texts), capture_output=True, text=True, env=env,
        timeout=300, check=True,
    )  # fmt: skip
    *pure, flag = result.stdout.splitlines()
    assert flag == "False"
    coder = Coder.load()
    at = datetime(2024, 1, 5, tzinfo=UTC)
    here = [
        coder.code(
            Article(article_id=f"a{i}", title="", text=t, published_at=at, ingested_at=at, language="en")
        ).model_dump_json()
        for i, t in enumerate(texts)
    ]
    assert here == pure
    events = [e for line in here for e in json.loads(line)["events"]]
    assert len(events) > 300
    for e in events:
        EscalationEvent.model_validate(e)


HAND_WRITTEN_INITS = [
    ("actors", "ActorVal"),
    ("actors", "Mention"),
    ("engine", "Quote"),
    ("engine", "Trigger"),
    ("engine", "Draft"),
    ("threat", "ThreatInput"),
]


@pytest.mark.parametrize(("module", "name"), HAND_WRITTEN_INITS, ids=[n for _, n in HAND_WRITTEN_INITS])
def test_hand_written_dataclass_constructors_take_exactly_the_fields(module: str, name: str) -> None:
    """These dataclasses have an explicit ``__init__`` (compiled, construction is ~5x faster than the
    generated one): a field added without its parameter, or with another default, would be caught here.
    Read from the source: a compiled ``__init__`` has no inspectable signature."""
    tree = ast.parse((native.PACKAGE_DIR / f"{module}.py").read_text(encoding="utf-8"))
    (cls,) = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == name]
    fields: list[tuple[str, str | None]] = []
    for node in cls.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            default = node.value
            if isinstance(default, ast.Call) and getattr(default.func, "id", "") == "field":
                fields.append((node.target.id, "None"))  # default_factory: None stands for "a new one"
            else:
                fields.append((node.target.id, ast.unparse(default) if default is not None else None))
    (init,) = [n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"]
    args = init.args.args[1:]
    defaults = [None] * (len(args) - len(init.args.defaults)) + [ast.unparse(d) for d in init.args.defaults]
    assert [(a.arg, d) for a, d in zip(args, defaults, strict=True)] == fields
    assigned = {
        t.attr
        for n in ast.walk(init)
        if isinstance(n, ast.Assign)
        for t in n.targets
        if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self"
    }
    assert assigned == {f for f, _ in fields}
    methods = [n for n in cls.body if isinstance(n, ast.FunctionDef)]
    for method in methods:  # copies made by hand (m.with_actor(...)) pass every field too
        for call in ast.walk(method):
            if isinstance(call, ast.Call) and getattr(call.func, "id", None) == name:
                assert len(call.args) + len(call.keywords) == len(fields), f"{name}(...) in {method.name}"


def test_draft_copy_is_dataclasses_replace() -> None:
    """``Draft.copy`` (the compiled stand-in for ``dataclasses.replace(d)``) keeps every field and makes a
    new object."""
    import dataclasses

    from brink.coder.engine import Draft

    coder = Coder.load()
    at = datetime(2024, 1, 5, tzinfo=UTC)
    state = coder.engine.analyse(
        "Iran and Iraq held talks with Turkey in Ankara on Monday, officials said.", at.date()
    )
    assert state.drafts
    for d in state.drafts:
        copied = d.copy()
        assert isinstance(copied, Draft)
        assert copied == dataclasses.replace(d)
        assert copied is not d


def test_loading_the_coder_logs_which_one_runs(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("INFO", logger="brink.coder"):
        Coder.load()
    (line,) = [r.getMessage() for r in caplog.records if "loaded in" in r.getMessage()]
    assert line.endswith(": " + brink.coder.RUNNING)
    assert brink.coder.RUNNING == native.RUNNING and brink.coder.COMPILED is native.COMPILED
