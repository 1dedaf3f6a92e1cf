"""Stable identifiers: the same article always gets the same id, whoever submits it and when."""

from __future__ import annotations

import hashlib
import re

# 32 hex digits = 128 bits of SHA-256: collisions are not a practical concern at news volumes.
ID_HEX_DIGITS = 32

_FOLD_SPACE = re.compile(r"\s+")


def article_id(canonical_url: str | None, normalised_text: str) -> str:
    """SHA-256 of the canonical URL, or of the normalised text when there is no URL."""
    basis = f"url\n{canonical_url}" if canonical_url else f"text\n{normalised_text}"
    return hashlib.sha256(basis.encode()).hexdigest()[:ID_HEX_DIGITS]


def text_hash(normalised_text: str) -> str:
    """Hash for exact-repeat detection: case and whitespace differences do not count."""
    folded = _FOLD_SPACE.sub(" ", normalised_text.casefold()).strip()
    return hashlib.sha256(folded.encode()).hexdigest()


def revision_id(canonical_url: str, text_digest: str) -> str:
    """The id of a later version of the article at ``canonical_url`` (same URL, other text): from the
    URL and the text's ``text_hash``, so re-sending the same revision gives the same id (and the
    same event ids), while the first version keeps the URL's own ``article_id``."""
    basis = f"url\n{canonical_url}\nrevision\n{text_digest}"
    return hashlib.sha256(basis.encode()).hexdigest()[:ID_HEX_DIGITS]
