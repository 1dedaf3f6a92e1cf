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
_NOT_AN_OUTLET = {"", "agencies", "wire copy", "wire report", "a blog", "a mailing list", "mirror", "video page"}
_SPLIT = re.compile(r"[()/,;]|\b(?:via|quoted by|quoted on|reposted on|archived on|caption)\b")
_ALIASES = {"associated press": "ap", "agence france-presse": "afp", "agence france presse": "afp", "deutsche welle": "dw"}


def outlet_parts(outlet: str) -> set[str]:
    """The normalised names inside an outlet label: the site and any credited wire."""
    parts = set()
    for part in _SPLIT.split(outlet.lower()):
        part = re.sub(r"^(the|via)\s+", "", part.strip()).removesuffix(".com").strip()
        if part not in _NOT_AN_OUTLET:
            parts.add(_ALIASES.get(part, part))
    return parts


def _records(paths: list[Path]) -> list[dict[str, str]]:
    return [json.loads(line) for path in paths for line in path.read_text("utf-8").splitlines() if line.strip()]


def week(date: str) -> tuple[int, int]:
    iso = dt.date.fromisoformat(date).isocalendar()
    return (iso.year, iso.week)


def clashes(dev: list[dict[str, str]], blind: list[dict[str, str]]) -> list[str]:
    dev_outlets = {part: r["outlet"] for r in dev for part in outlet_parts(r["outlet"])}
    dev_weeks = {week(r["date"]): r["date"] for r in dev}
    found = []
    for r in blind:
        for part in sorted(outlet_parts(r["outlet"]) & dev_outlets.keys()):
            found.append(f"{r['id']}: outlet {r['outlet']!r} shares {part!r} with dev outlet {dev_outlets[part]!r}")
        if week(r["date"]) in dev_weeks:
            found.append(f"{r['id']}: date {r['date']} is in the ISO week of dev date {dev_weeks[week(r['date'])]}")
    return found


def main() -> int:
    dev_paths = sorted((GOLD / "dev").glob("*.jsonl")) + [p for p in [GOLD / "gold_sentences.jsonl"] if p.is_file()]
    dev, blind = _records(dev_paths), _records(sorted((GOLD / "blind").glob("*.jsonl")))
    found = clashes(dev, blind)
    print("\n".join(found) if found else "split ok", file=sys.stderr if found else sys.stdout)
    print(
        f"dev: {len(dev)} records, {len({p for r in dev for p in outlet_parts(r['outlet'])})} outlet names, "
        f"{len({week(r['date']) for r in dev})} weeks; blind: {len(blind)} records, "
        f"{len({p for r in blind for p in outlet_parts(r['outlet'])})} outlet names, {len({week(r['date']) for r in blind})} weeks"
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
