"""The coder: news prose → EscalationEvents. Pure Python: no Kafka, Redis or HTTP imports.

Interface used by every shell (``brink code``, ``brink replay``, the extract worker, the tests):

    coder = Coder.load()            # loads spaCy's parser, the patterns and the dictionaries once
    coded = coder.code(article)     # -> CodedArticle (events, threat_score, tone)

The coder is the pipeline over spaCy's dependency parse (``pipeline.py``: segment → candidates → parse →
match → roles → modality → context → score; docs/adr/0013-dependency-parse.md).
"""

from __future__ import annotations

from brink.coder.api import CODER_VERSION, Coder

__all__ = ["CODER_VERSION", "Coder"]
