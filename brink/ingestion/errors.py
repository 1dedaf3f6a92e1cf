"""Why a submission was refused: one exception type for every check the core makes."""

from __future__ import annotations


class SubmissionRejected(ValueError):
    """An article that must not be published.

    ``field`` names the offending field (``text``, ``url`` …, or ``(body)``), ``reason`` says what
    was wrong and what to do, ``code`` is a short label for metrics (few values).
    """

    def __init__(self, field: str, reason: str, code: str = "validation", index: int | None = None) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason
        self.code = code
        self.index = index  # position in a batch, when there is one
