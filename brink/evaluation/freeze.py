"""The frozen blind split: ``tests/gold/BLIND.md`` records each blind file's sha256 and line count.

``brink eval --freeze-blind`` writes it; :func:`verify` tells whether the blind files on disk are
still the frozen ones (a unit test runs it, so a changed blind file fails the suite).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from brink.evaluation.splits import split_files

BLIND_MANIFEST = "BLIND.md"
_ROW = re.compile(r"^\| `(?P<path>[^`]+)` \| `(?P<sha256>[0-9a-f]{64})` \| (?P<lines>\d+) \|$")

_HEADER = """# The frozen blind split

Nobody tunes the coder on the files below: their sha256 was recorded on the date shown, and
`tests/unit/test_evaluation_splits.py` fails when a file differs from its line here, or when a
blind file is missing from this table. Changing a blind file needs a new freeze
(`brink eval --freeze-blind`) and a line in the log below saying why. A blind sentence that must
drive a coder change moves to dev (`tests/gold/dev/`), and the move is recorded in that log.
The protocol is described in `docs/QUALITY.md` ("The two splits and the blind protocol").
"""


@dataclass(frozen=True)
class FrozenFile:
    path: str  # relative to the gold directory, e.g. "blind/sentences.jsonl"
    sha256: str
    lines: int


def fingerprint(path: Path, gold_dir: Path) -> FrozenFile:
    data = path.read_bytes()
    lines = sum(1 for line in data.decode("utf-8").splitlines() if line.strip())
    return FrozenFile(path.relative_to(gold_dir).as_posix(), hashlib.sha256(data).hexdigest(), lines)


def blind_files(gold_dir: Path) -> list[FrozenFile]:
    return [fingerprint(path, gold_dir) for path in split_files(gold_dir / "blind")]


def render(files: list[FrozenFile], day: date, log: str = "") -> str:
    rows = "\n".join(f"| `{f.path}` | `{f.sha256}` | {f.lines} |" for f in files)
    return (
        f"{_HEADER}\nFrozen on {day.isoformat()}.\n\n| file | sha256 | lines |\n|---|---|---|\n{rows}\n"
        f"\n## Log\n{log.strip()}\n"
    )


def read_manifest(text: str) -> dict[str, FrozenFile]:
    files = {}
    for line in text.splitlines():
        match = _ROW.match(line.strip())
        if match:
            files[match["path"]] = FrozenFile(match["path"], match["sha256"], int(match["lines"]))
    return files


def _log_of(text: str) -> str:
    _, found, log = text.partition("\n## Log\n")
    return log if found else ""


def freeze(gold_dir: Path, day: date) -> tuple[Path, list[FrozenFile]]:
    """Write BLIND.md for the blind files as they are now, keeping the log of an earlier freeze."""
    manifest = gold_dir / BLIND_MANIFEST
    log = _log_of(manifest.read_text(encoding="utf-8")) if manifest.is_file() else ""
    files = blind_files(gold_dir)
    manifest.write_text(render(files, day, log), encoding="utf-8")
    return manifest, files


def verify(gold_dir: Path) -> list[str]:
    """What differs between the blind files and BLIND.md (empty: they match)."""
    files = {f.path: f for f in blind_files(gold_dir)}
    manifest = gold_dir / BLIND_MANIFEST
    if not manifest.is_file():
        return [f"{path} is not frozen: {manifest} does not exist" for path in files]
    frozen = read_manifest(manifest.read_text(encoding="utf-8"))
    problems = []
    for path, record in sorted(frozen.items()):
        now = files.get(path)
        if now is None:
            problems.append(f"{path} is frozen in {BLIND_MANIFEST} but missing")
        elif now != record:
            problems.append(
                f"{path} changed since it was frozen: sha256 {now.sha256[:12]}… ({now.lines} lines), "
                f"frozen {record.sha256[:12]}… ({record.lines} lines)"
            )
    problems.extend(
        f"{path} is not frozen in {BLIND_MANIFEST}" for path in sorted(files.keys() - frozen.keys())
    )
    return problems
