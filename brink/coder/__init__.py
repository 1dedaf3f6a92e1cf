"""The coder: news prose → EscalationEvents. Pure Python: no Kafka, Redis or HTTP imports.

Interface used by every shell (``brink code``, ``brink replay``, the extract worker, the tests):

    coder = Coder.load()            # loads and compiles the dictionaries once
    coded = coder.code(article)     # -> CodedArticle (events, threat_score, tone)
"""

from __future__ import annotations

from brink.coder.api import CODER_VERSION, Coder

__all__ = ["CODER_VERSION", "Coder"]
