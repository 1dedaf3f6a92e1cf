"""Failures of the ingest service's dependencies: the client should retry later (HTTP 503)."""

from __future__ import annotations


class IngestUnavailable(RuntimeError):
    """The broker or Redis could not be reached in time; nothing was published for the article."""

    def __init__(self, dependency: str, message: str) -> None:
        super().__init__(message)
        self.dependency = dependency  # "broker" | "redis" | "in_flight"
