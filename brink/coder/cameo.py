"""CAMEO event codes: names, Goldstein values, PLOVER mapping and quad classes (``data/cameo.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from brink.coder.pattern_schema import CameoTable


@dataclass(frozen=True, slots=True)
class CameoCodeInfo:
    code: str
    name: str
    root: int
    quad_class: int
    goldstein: float
    plover_type: str
    plover_mode: str | None


class CameoCodes:
    """Lookup of every CAMEO code; unknown sub-codes fall back to their parent."""

    def __init__(self, table: CameoTable) -> None:
        quad_of_root: dict[int, int] = {}
        for quad, roots in table.quad_classes.items():
            for root in roots:
                quad_of_root[root] = quad
        missing = set(range(1, 21)) - set(quad_of_root)
        if missing:
            raise ValueError(f"cameo.yaml: quad_classes lacks roots {sorted(missing)}")
        self.codes: dict[str, CameoCodeInfo] = {}
        for entry in table.codes:
            root = int(entry.code[:2])
            self.codes[entry.code] = CameoCodeInfo(
                code=entry.code,
                name=entry.name,
                root=root,
                quad_class=quad_of_root[root],
                goldstein=entry.goldstein,
                plover_type=entry.plover_type,
                plover_mode=entry.plover_mode,
            )

    @classmethod
    def load(cls, path: Path) -> CameoCodes:
        with path.open(encoding="utf-8") as handle:
            return cls(CameoTable.model_validate(yaml.safe_load(handle)))

    def get(self, code: str) -> CameoCodeInfo:
        probe = code
        while probe:
            info = self.codes.get(probe)
            if info is not None:
                return info
            probe = probe[:-1]
        raise KeyError(f"unknown CAMEO code {code!r}: add it to brink/coder/data/cameo.yaml")

    def __contains__(self, code: str) -> bool:
        return code in self.codes
