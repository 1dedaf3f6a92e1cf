"""Object lifetimes of the coder: what the extract worker's GC settings (brink/runtime/heap.py) rely on."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from brink.runtime.heap import freeze_long_lived
from tests.fixtures.coder import article, shared_coder

SEED_LIKE = (
    "Protesters stormed the U.S. embassy in Baghdad on Tuesday. President Donald Trump blamed Iran and "
    'warned that Iran "will pay a very BIG PRICE". U.S. strikes killed 25 Kataib Hezbollah fighters, and '
    "the militia vowed revenge against American forces. Iraqi Prime Minister Adel Abdul Mahdi condemned "
    "the strikes, while Israel's prime minister spoke with Secretary of State Mike Pompeo."
)


@pytest.fixture
def collector_off() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@pytest.mark.usefixtures("collector_off")
def test_coding_an_article_leaves_no_cycle_behind() -> None:
    """The coder's objects are freed by reference counting, the parse's too: spaCy's own parser loop left one
    small cycle per parse call (its step model, 6 objects); its loop in brink/coder/greedy_parse.py builds
    no step model."""
    coder = shared_coder()
    coder.code(article(SEED_LIKE))  # warm the coder's caches, which are meant to stay
    gc.collect()
    coded = coder.code(article(SEED_LIKE))
    assert len(coded.events) >= 4
    del coded
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        found = gc.collect()
        kinds = {f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.garbage}
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert (found, kinds) == (0, set())


def test_freezing_after_loading_takes_the_coder_out_of_full_collections() -> None:
    coder = shared_coder()
    try:
        frozen = freeze_long_lived()
        assert frozen > 100_000  # the dictionaries, at least
        assert not any(o is coder.lexicon for o in gc.get_objects())
        assert coder.code(article(SEED_LIKE)).events
    finally:
        gc.unfreeze()
    assert any(o is coder.lexicon for o in gc.get_objects())
