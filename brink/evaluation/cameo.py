"""CAMEO roots: short names (our own wording) and the quad-class mappings used in reports."""

from __future__ import annotations

ROOTS: tuple[int, ...] = tuple(range(1, 21))

ROOT_NAMES: dict[int, str] = {
    1: "public statement",
    2: "appeal",
    3: "intent to cooperate",
    4: "consult",
    5: "diplomatic cooperation",
    6: "material cooperation",
    7: "provide aid",
    8: "yield",
    9: "investigate",
    10: "demand",
    11: "disapprove",
    12: "reject",
    13: "threaten",
    14: "protest",
    15: "force posture",
    16: "reduce relations",
    17: "coerce",
    18: "assault",
    19: "fight",
    20: "mass violence",
}

# ConfliBERT's five classes (README of the benchmark data): 0 neutral (01–02), 1 verbal cooperation
# (03–05), 2 material cooperation (06–08), 3 verbal conflict (09–13, 16), 4 material conflict
# (14, 15, 17–20). Note this differs from the Phoenix quad class on the event (1–4, where 01–02 fall
# in verbal cooperation and 16 in verbal conflict as well).
CONFLIBERT_CLASS_NAMES: dict[int, str] = {
    0: "neutral",
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def conflibert_class(root: int) -> int:
    """The ConfliBERT quad label (0–4) of a CAMEO root (1–20)."""
    if not 1 <= root <= 20:
        raise ValueError(f"CAMEO root must be 1..20, got {root}")
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13 or root == 16:
        return 3
    return 4
