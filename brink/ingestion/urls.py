"""Canonical URLs: the same article reached through different links gets the same URL (and id).

courlan (shipped with trafilatura) does the heavy lifting: lower-case scheme and host, default
port dropped, path normalised, query parameters sorted and the common tracking families removed.
On top of it we drop the fragment and the extra tracking names listed in
``data/tracking_params.yaml``.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import yaml
from courlan.clean import normalize_url

from brink.ingestion.errors import SubmissionRejected


@lru_cache(maxsize=1)
def _tracking_params() -> tuple[frozenset[str], tuple[str, ...]]:
    text = resources.files("brink.ingestion.data").joinpath("tracking_params.yaml").read_text()
    names = [str(name).lower() for name in yaml.safe_load(text)["params"]]
    exact = frozenset(name for name in names if not name.endswith("*"))
    prefixes = tuple(name[:-1] for name in names if name.endswith("*"))
    return exact, prefixes


def _is_tracking(name: str) -> bool:
    exact, prefixes = _tracking_params()
    lowered = name.lower()
    return lowered in exact or lowered.startswith(prefixes)


def canonical_url(url: str) -> str:
    """The canonical form of an absolute http(s) URL; SubmissionRejected if it is not one."""
    candidate = url.strip()
    parts = urlsplit(candidate)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise SubmissionRejected(
            "url", f"{url[:200]!r} is not an absolute http(s) URL; send the article's address or omit url"
        )
    try:
        normalised = normalize_url(candidate, strict=False, trailing_slash=True)
    except ValueError as exc:
        raise SubmissionRejected("url", f"{url[:200]!r} cannot be parsed: {exc}") from exc
    scheme, netloc, path, query, _fragment = urlsplit(normalised)
    kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not _is_tracking(k)]
    return urlunsplit((scheme, netloc, path or "/", urlencode(sorted(kept)), ""))
