"""Reading the coder's reviewed YAML data files (``brink/coder/data/``) into their pydantic models: one
place, so every small stage that owns a word list loads it the same way and a malformed file fails with
the model's error naming the field."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel

Model = TypeVar("Model", bound=BaseModel)


def read_model(model: type[Model], path: Path) -> Model:
    """The YAML file at ``path`` validated by ``model``."""
    return model.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
