"""Garbage-collector settings for processes that hold the coder's dictionaries.

``Coder.load()`` builds ~170,000 long-lived container objects (dictionaries, gazetteer, patterns, the
key table's payloads). CPython's cyclic collector traverses all of them at every full collection (~35 ms
on this machine, a pause in the middle of an article), although they live until the process exits.
``gc.freeze()`` moves everything alive into a permanent generation the collector ignores.

This is the entrypoint's decision, not the library's: freezing (like changing thresholds) affects every
object of the process. The coder itself needs almost no cycle collection: an article's analysis objects
are freed by reference counting, the parse's too (spaCy's own parser loop left one small cycle per
parse call, its step model; the coder's loop in brink/coder/greedy_parse.py leaves none; a test checks
it); the thresholds are left at CPython's defaults, as no measurement showed a gain from raising them
(docs/BENCHMARKS.md, Coder).
"""

from __future__ import annotations

import gc


def freeze_long_lived() -> int:
    """Collect once, then exclude every object alive now from later collections. Call once, after loading
    long-lived data such as the coder; returns how many objects are frozen."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
