"""Article tone from VADER's lexicon, computed in one pass over the normalised text.

``vaderSentiment``'s full analyser costs ~10 ms on a 5 KB article, ten times the coder's whole budget,
so the tone uses VADER's own lexicon, negation list, booster words and normalisation
(``score / sqrt(score^2 + 15)``) per sentence, without its punctuation, capitals and "but" rules, and
averages the sentences that carry sentiment. A test checks it agrees in sign with VADER.
"""

from __future__ import annotations

import math
from typing import Final

from vaderSentiment.vaderSentiment import B_DECR, B_INCR, BOOSTER_DICT, NEGATE, SentimentIntensityAnalyzer

from brink.coder.text import NEGATED_CONTRACTION_STEMS

_ALPHA: Final = 15.0
_NEGATION_SCALAR: Final = -0.74


# How much a booster word weighs at 1, 2 and 3 words before the sentiment word.
_BOOST_SCALE_1: Final = 1.0
_BOOST_SCALE_2: Final = 0.95
_BOOST_SCALE_3: Final = 0.9


class Tone:
    def __init__(self) -> None:
        analyser = SentimentIntensityAnalyzer()
        self.lexicon: dict[str, float] = {
            w: v for w, v in analyser.lexicon.items() if " " not in w and w.isalpha()
        }
        # membership first: most words carry no sentiment, and a set lookup is half a dict ``get``
        self.sentiment_words = frozenset(self.lexicon)
        self.negate = frozenset(w for w in NEGATE if w.isalpha())
        self.boosters: dict[str, float] = {w: v for w, v in BOOSTER_DICT.items() if " " not in w}
        # the words that can change a sentiment word's valence (boosters, negations, "t" of "didn't")
        self.modifiers = frozenset(self.boosters) | self.negate | {"t"}
        self.incr, self.decr = B_INCR, B_DECR

    def sentence_score(self, words: list[str]) -> float:
        """VADER-style compound score of one sentence's lower-case words (0.0 when no sentiment)."""
        total = 0.0
        sentiment_words = self.sentiment_words
        modifiers = self.modifiers
        i = -1
        for w in words:  # a list's own loop (no bounds-checked indexing per word)
            i += 1
            if w not in sentiment_words:
                continue
            valence = self.lexicon[w]
            for back in range(1, 4):
                j = i - back
                if j < 0:
                    break
                prev = words[j]
                if prev not in modifiers:
                    continue
                boost = self.boosters.get(prev)
                if boost is not None:
                    scale = _BOOST_SCALE_1 if back == 1 else (_BOOST_SCALE_2 if back == 2 else _BOOST_SCALE_3)
                    valence += boost * scale if valence > 0 else -boost * scale
                if prev in self.negate or (
                    prev == "t" and j >= 1 and words[j - 1] in NEGATED_CONTRACTION_STEMS
                ):
                    valence *= _NEGATION_SCALAR
            total += valence
        if total == 0.0:
            return 0.0
        return total / math.sqrt(total * total + _ALPHA)

    def article(
        self, norm: str, sentences: list[tuple[int, int]], split: dict[int, list[str]] | None = None
    ) -> float:
        """``split``: the words of sentences already split by the engine (``norm[s + 1 : e + 1].split()``,
        whose strings already carry their hash): reused, the tone costs a third less."""
        scores = []
        for k, (s, e) in enumerate(sentences):
            words = split.get(k) if split is not None else None
            if words is None:
                words = norm[s + 1 : e + 1].split()
            value = self.sentence_score(words)
            if value:
                scores.append(value)
        if not scores:
            return 0.0
        return round(max(-1.0, min(1.0, sum(scores) / len(scores))), 4)
