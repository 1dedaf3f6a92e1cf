"""Reading a gold JSONL file into validated records with unique ids (sentences and articles alike)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

R = TypeVar("R", bound=BaseModel)


def load_records(path: Path, model: type[R], error: type[ValueError], what: str) -> list[R]:
    """Every non-blank line of ``path`` as a ``model``; ``error`` names the file and line of the first
    line that is not JSON, does not validate or repeats an id."""
    records: list[R] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = model.model_validate(json.loads(line))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise error(f"{path}:{number}: invalid {what} line: {exc}") from exc
        ident = getattr(record, "id")  # noqa: B009 - every gold model has an id
        if ident in seen:
            raise error(f"{path}:{number}: duplicate id {ident}")
        seen.add(ident)
        records.append(record)
    return records
