"""The Dockerfile cannot be built here (no Docker); what can be read from it is checked."""

from __future__ import annotations

import fnmatch
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def _stages() -> list[list[str]]:
    """Instructions (continuation lines joined) grouped by FROM."""
    joined = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    stages: list[list[str]] = []
    for line in joined.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.upper().startswith("FROM "):
            stages.append([])
        if stages:
            stages[-1].append(line)
    return stages


def _build_args() -> dict[str, str]:
    return dict(re.findall(r"^ARG (\w+)=(\S+)$", DOCKERFILE, flags=re.M))


def test_both_stages_use_a_python_311_slim_base_pinned_by_patch_version() -> None:
    args = _build_args()
    bases = [stage[0].split()[1] for stage in _stages()]
    assert len(bases) == 2, "expected a build stage and a final stage"
    for base in bases:
        image = args.get(base.strip("${}"), base)
        assert re.fullmatch(r"python:3\.11\.\d+-slim(-\w+)?", image), image


def test_final_stage_runs_as_a_non_root_user_without_build_tools() -> None:
    final = _stages()[-1]
    users = [line.split()[1] for line in final if line.upper().startswith("USER ")]
    assert users and users[-1].split(":")[0] not in {"root", "0"}
    text = "\n".join(final)
    for tool in ("build-essential", "gcc", "apt-get install", " uv ", "pip install"):
        assert tool not in text, f"final stage mentions {tool!r}"
    assert any(line.startswith("COPY --from=build /opt/venv") for line in final)
    assert 'ENTRYPOINT ["brink"]' in text


def test_dependencies_are_installed_at_the_versions_of_requirements_lock() -> None:
    build = "\n".join(_stages()[0])
    assert "COPY pyproject.toml requirements.lock" in build
    assert "--constraint requirements.lock" in build
    assert "--no-deps ." in build  # the project itself adds no unpinned dependency


def test_dockerignore_keeps_what_the_build_copies_and_drops_the_rest() -> None:
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]

    def included(path: str) -> bool:
        keep = True
        for pattern in patterns:
            negate = pattern.startswith("!")
            bare = pattern.lstrip("!").rstrip("/")
            if fnmatch.fnmatch(path, bare) or path.startswith(bare + "/"):
                keep = negate
        return keep

    copied = re.findall(r"^COPY (?!--from)(.+) \S+$", DOCKERFILE, flags=re.M)
    sources = [src for line in copied for src in line.split()]
    assert sources, "no COPY instructions found"
    for src in sources:
        assert (ROOT / src).exists(), f"COPY {src}: no such file"
        assert included(src), f".dockerignore excludes {src}, which the Dockerfile copies"
    for unwanted in (".venv", ".git", "tests", "bench", ".mypy_cache"):
        assert not included(unwanted), f".dockerignore lets {unwanted} into the build context"


def test_the_package_the_image_installs_holds_every_module_and_data_file(tmp_path: Path) -> None:
    """Build the wheel the Dockerfile builds, from the files it copies, and look inside: a data
    file (dictionaries, JSON schemas) missing from package-data would be missing in the image."""
    uv = Path(sys.executable).parent / "uv"
    assert uv.exists(), "uv is not in the virtualenv: run `make install`"
    copied = re.findall(r"^COPY (?!--from)(.+) \S+$", DOCKERFILE, flags=re.M)
    context = tmp_path / "context"
    context.mkdir()
    for src in (s for line in copied for s in line.split()):
        if (ROOT / src).is_dir():
            shutil.copytree(
                ROOT / src,
                context / src,
                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
            )
        else:
            shutil.copy2(ROOT / src, context / src)
    result = subprocess.run(
        [str(uv), "build", "-q", "--wheel", "--out-dir", str(tmp_path / "dist"), str(context)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    packaged = set(zipfile.ZipFile(wheel).namelist())
    sources = {
        str(path.relative_to(context))
        for package in ("brink", "schemas", "services")
        for path in (context / package).rglob("*")
        if path.is_file()
    }
    assert sources, "nothing copied"
    assert sorted(sources - packaged) == []


def test_the_image_checks_that_the_coder_imports() -> None:
    build = "\n".join(_stages()[0])
    assert '/opt/venv/bin/python -c "import brink.coder"' in build
