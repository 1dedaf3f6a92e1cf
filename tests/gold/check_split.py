"""Check that the blind gold files share no outlet and no ISO week with the dev files.

Usage: ``python tests/gold/check_split.py`` (exit status 1 and a list of clashes if the split leaks).
Every ``*.jsonl`` under ``tests/gold/dev/`` (plus the legacy ``tests/gold/gold_sentences.jsonl``) is dev,
every ``*.jsonl`` under ``tests/gold/blind/`` is blind; each record needs ``outlet`` and ``date``.
An outlet is compared by its parts: "Arab News (AFP)" is both "arab news" and "afp", so a wire
story reposted by a new site still counts as that wire.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

GOLD = Path(__file__).resolve().parent
_NOT_AN_OUTLET = {"", "agencies", "wire", "wire copy", "wire report", "a blog", "a mailing list", "mirror"}
_SPLIT = re.compile(r"[()/,;]|\b(?:via|quoted by|quoted on|reposted on|archived on|caption)\b")
_ALIASES = {
    "associated press": "ap",
    "agence france-presse": "afp",
    "agence france presse": "afp",
    "deutsche welle": "dw",
}
Record = dict[str, str]


def outlet_parts(outlet: str) -> set[str]:
    """The normalised names inside an outlet label: the site and any credited wire."""
    parts = set()
    for part in _SPLIT.split(outlet.lower()):
        part = re.sub(r"^(the|via)\s+", "", part.strip()).removesuffix(".com").strip()
        if part not in _NOT_AN_OUTLET and part != "video page":
            parts.add(_ALIASES.get(part, part))
    return parts


def week(date: str) -> tuple[int, int]:
    iso = dt.date.fromisoformat(date).isocalendar()
    return (iso.year, iso.week)


def _records(paths: list[Path]) -> list[Record]:
    lines = (line for path in paths for line in path.read_text("utf-8").splitlines())
    return [json.loads(line) for line in lines if line.strip()]


def clashes(dev: list[Record], blind: list[Record]) -> list[str]:
    """One message per blind record that shares an outlet part or an ISO week with a dev record."""
    dev_outlets = {part: r["outlet"] for r in dev for part in outlet_parts(r["outlet"])}
    dev_weeks = {week(r["date"]): r["date"] for r in dev}
    found = []
    for r in blind:
        for part in sorted(outlet_parts(r["outlet"]) & dev_outlets.keys()):
            found.append(f"{r['id']}: outlet {r['outlet']!r} shares {part!r} with dev {dev_outlets[part]!r}")
        if week(r["date"]) in dev_weeks:
            found.append(f"{r['id']}: {r['date']} shares the ISO week of dev {dev_weeks[week(r['date'])]}")
    return found


def _summary(name: str, records: list[Record]) -> str:
    outlets = {p for r in records for p in outlet_parts(r["outlet"])}
    weeks = {week(r["date"]) for r in records}
    return f"{name}: {len(records)} records, {len(outlets)} outlet names, {len(weeks)} weeks"


def main() -> int:
    legacy = [p for p in [GOLD / "gold_sentences.jsonl"] if p.is_file()]
    dev = _records(sorted((GOLD / "dev").glob("*.jsonl")) + legacy)
    blind = _records(sorted((GOLD / "blind").glob("*.jsonl")))
    found = clashes(dev, blind)
    print("\n".join(found) if found else "split ok", file=sys.stderr if found else sys.stdout)
    print(f"{_summary('dev', dev)}; {_summary('blind', blind)}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
