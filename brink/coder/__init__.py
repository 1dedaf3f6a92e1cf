"""The coder: news prose → EscalationEvents. Pure Python: no Kafka, Redis or HTTP imports.

Interface used by every shell (``brink code``, ``brink replay``, the extract worker, the tests):

    coder = Coder.load()            # loads and compiles the dictionaries once
    coded = coder.code(article)     # -> CodedArticle (events, threat_score, tone)

The hot modules are compiled with mypyc by ``make install``/``make native`` (``setup.py``);
``COMPILED`` says whether the compiled build runs and ``RUNNING`` why (``brink/coder/native.py``:
stale or missing builds fall back to the ``.py`` sources; ``BRINK_CODER=pure|compiled`` forces one).
"""

from __future__ import annotations

from brink.coder.native import select as _select

COMPILED, RUNNING = _select()  # before any other coder module is imported

from brink.coder.api import CODER_VERSION, Coder  # noqa: E402

__all__ = ["CODER_VERSION", "COMPILED", "RUNNING", "Coder"]
