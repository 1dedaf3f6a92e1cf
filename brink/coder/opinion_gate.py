"""When the learned second opinion abstains, whatever its probability (ADR 0014, fourth session).

Its pair and its root are guesses over a sentence no pattern could code; out of fold on dev, most of its
confident wrong events fell into three kinds no probability threshold separates, so each is a reason to
abstain:
- ``same country``: the parse's two actors share a country ("the United States warned its nationals",
  "Russia insists on the release of staff of the Russian embassy in Kiev") — the pair the classifier's
  root is about is then almost never the one the parse offers.
- ``dated``: the predicate is an act dated long before publication ("In September 2016, France agreed",
  "Iranian students stormed the U.S. Embassy ... on Nov. 4, 1979"): the patterns skip such background
  acts (history.py) and so must the opinion.
- ``not a fact``: the sentence is negated, conditional, hypothetical or a question (``sentence_modality``):
  the classifier reads the verb, not which clause the negation or the condition governs.
Pure: reads the parse and the two resolved actors.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Token

from brink.coder.history import may_recall, recalled
from brink.coder.modality import sentence_modality
from brink.coder.roles import Resolved


def abstention(doc: Doc, source: Resolved, target: Resolved, predicate: Token, on: date) -> str | None:
    """Why the second opinion must not code this sentence (module docstring), or None."""
    country = source.mention.actor.country
    if country is not None and country == target.mention.actor.country:
        return "same country"
    if may_recall(doc) and recalled(predicate, on):
        return "dated"
    modality = sentence_modality(doc)
    if modality.negated or modality.conditional or modality.hypothetical:
        return "not a fact"
    return None
