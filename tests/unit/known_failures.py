"""The coder's known failures: phrasings the old rules engine's tests expected that the parse coder still
codes wrong. One data file (``coder_known_failures.yaml``), one checker, and a command that rewrites the
file with the entries that still fail:

    .venv/bin/python -m tests.unit.known_failures            # report: which entries now pass
    .venv/bin/python -m tests.unit.known_failures --write    # drop the entries that now pass

``tests/unit/test_coder_known_failures.py`` codes every entry and requires that it still fails (strict,
like ``xfail(strict=True)``): a coder change that fixes one makes that test fail until the entry leaves the
list, so the fix is noticed and the phrasing is then tested as passing (move it to a test file or a
pattern's examples).

An entry: ``text`` (the article text), optional ``published`` (date, default 2019-12-31), ``why`` (what
the parse coder does instead, when the entry was written) and what is expected of the events coded:
``expect`` (each description matches some event), ``forbid`` (no description matches any event), ``count``
(how many events) and ``cameos`` (the codes of all events, in order). A description maps an event field to
its value: a field of EscalationEvent (``cameo``, ``cameo_root``, ``negated``, ``dyad``, ``event_date`` ...),
a dotted path into an actor or the location (``source.country``, ``target.name``, ``speaker.name``,
``location.name``; ``target: null`` means no target), or ``asserted`` (neither negated nor hypothetical).
``{}`` matches any event. The old tests' assertions are transcribed as closely as these allow.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml

from schemas.event import EscalationEvent

PATH = Path(__file__).resolve().parent / "coder_known_failures.yaml"
DEFAULT_PUBLISHED = date(2019, 12, 31)
_ENTRY_KEYS = {"test", "text", "published", "expect", "forbid", "count", "cameos", "why"}
_CHECKS = ("expect", "forbid", "count", "cameos")
HEADER = """\
# Phrasings the old rules engine's tests expected that the parse coder still codes wrong (issue 14: the
# rules engine was deleted when the parse coder became the only coder). Format, checker and the command that
# rewrites this file: tests/unit/known_failures.py. tests/unit/test_coder_known_failures.py requires every
# entry to STILL fail: when a coder change fixes one, remove it (python -m tests.unit.known_failures --write)
# and test the phrasing as passing instead. `test` names the old test the entry comes from.
"""


def load(path: Path = PATH) -> list[dict[str, Any]]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for i, entry in enumerate(entries):
        unknown = set(entry) - _ENTRY_KEYS
        if unknown or "text" not in entry or not any(k in entry for k in _CHECKS):
            raise ValueError(
                f"{path.name} entry {i} ({entry.get('test')}): unknown keys {unknown} or no check"
            )
    return entries


def _value(event: EscalationEvent, path: str) -> Any:
    if path == "asserted":
        return not event.negated and not event.hypothetical
    value: Any = event
    for part in path.split("."):
        if value is None:
            return None
        value = getattr(value, part)
    if path in ("source", "target", "speaker", "location") and value is not None:
        return getattr(value, "code", getattr(value, "name", value))
    return value


def _matches(event: EscalationEvent, want: dict[str, Any]) -> bool:
    for path, expected in want.items():
        value = _value(event, path)
        if isinstance(value, date) and isinstance(expected, str):
            expected = date.fromisoformat(expected)
        if path == "cameo":
            expected = str(expected)
        if value != expected:
            return False
    return True


def passes(events: list[EscalationEvent], entry: dict[str, Any]) -> bool:
    """Whether the coded ``events`` are what ``entry`` expects (a known failure must not pass)."""
    found = all(any(_matches(e, want) for e in events) for want in entry.get("expect", []))
    clean = not any(_matches(e, bad) for e in events for bad in entry.get("forbid", []))
    count = entry.get("count")
    cameos = entry.get("cameos")
    return (
        found
        and clean
        and (count is None or len(events) == count)
        and (cameos is None or [e.cameo for e in events] == [str(c) for c in cameos])
    )


def code(coder: Any, entry: dict[str, Any]) -> list[EscalationEvent]:
    from tests.fixtures.coder import article

    published = entry.get("published", DEFAULT_PUBLISHED)
    if isinstance(published, str):
        published = date.fromisoformat(published)
    at = datetime(published.year, published.month, published.day, 12, tzinfo=UTC)
    return list(coder.code(article(entry["text"], published=at)).events)


def describe(events: list[EscalationEvent]) -> str:
    return (
        "; ".join(
            f"{e.cameo} {e.source.code}->{e.target.code if e.target else '-'}"
            + "".join(f" {flag}" for flag in ("negated", "conditional", "hypothetical") if getattr(e, flag))
            for e in events
        )
        or "no events"
    )


def write(entries: list[dict[str, Any]], path: Path = PATH) -> None:
    body = yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=110)
    path.write_text(HEADER + body, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Check the coder's known failures; --write drops fixed ones."
    )
    parser.add_argument("--write", action="store_true", help="rewrite the file without the entries that pass")
    args = parser.parse_args(argv)
    from brink.coder import Coder

    coder = Coder.load()
    entries = load()
    still = []
    for entry in entries:
        events = code(coder, entry)
        if passes(events, entry):
            print(f"now passes: {entry.get('test')}: {entry['text']}")
        else:
            still.append(entry)
    print(f"{len(still)} of {len(entries)} still fail")
    if args.write and len(still) != len(entries):
        write(still)
        print(f"rewrote {PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
