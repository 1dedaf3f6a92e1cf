"""The coder's speed-ups give what the plain code they replaced gave (bench/same_output.py checks the
whole coder's output on the dev corpus; these check each rewritten function on the hard cases)."""

from __future__ import annotations

from functools import lru_cache

from brink.coder.lexicon import Lexicon, build_lexicon
from brink.coder.mentions import Hit, MentionFinder
from brink.coder.quotes import _pairs
from brink.coder.text import normalise

# texts and their pairs as the first, character-by-character reading of the marks gave them
QUOTED_TEXTS: list[tuple[str, list[tuple[int, int]]]] = [
    ("", []),
    ("no quotation at all.", []),
    ('"We will respond," Iran said. He added: "Firmly."', [(1, 17), (41, 48)]),
    ("\u201cWe will respond,\u201d the ministry said.\n\u201cNot now\u201d, it added.", [(1, 17), (39, 46)]),
    (
        "It opens here \u201cand runs on\nto the next paragraph\u201d where it closes, \u201dstray",
        [(27, 48), (27, 67)],
    ),
    ('"unclosed at the end\n" and "mixed \u201cmarks" \u201d "', [(22, 27), (35, 40), (21, 42)]),
    ('\n\n\u201d\u201d\u201c\u201c\u201d\u201d\n"""\n', [(2, 2), (2, 3), (5, 6), (2, 7), (10, 10)]),
]


def test_quotation_pairs_are_those_of_the_character_by_character_reading() -> None:
    for text, pairs in QUOTED_TEXTS:
        assert _pairs(text) == pairs, text


@lru_cache(maxsize=1)
def _lexicon() -> Lexicon:
    return build_lexicon()


MENTIONING_TEXTS = [
    "The U.S. embassy in Kabul said the Taliban attacked Afghan police near Kandahar.",
    "Russia's foreign minister Sergei Lavrov met his Chinese counterpart in Beijing;"
    " Moscow and Kyiv traded fire.",
    "Le président français Emmanuel Macron a rencontré Zelensky. Die Bundeswehr, the Israel Defense Forces.",
]


def _hits(finder: MentionFinder, text: str) -> tuple[list[list[Hit]], list[list[Hit]]]:
    norm = normalise(text)
    return finder.key_hits(text, norm, [(0, len(text))])


def test_dictionary_hits_from_the_word_caches_are_those_of_a_fresh_finder() -> None:
    """key_hits caches each word's code and its node as a key's last word across articles: a finder that
    has read the texts before finds what a new one finds, in every order."""
    warm = MentionFinder(_lexicon())
    for text in MENTIONING_TEXTS + MENTIONING_TEXTS[::-1]:
        fresh = MentionFinder(_lexicon())
        assert _hits(warm, text) == _hits(fresh, text), text
    assert any(hit for hits in _hits(warm, MENTIONING_TEXTS[0])[0] for hit in hits)


FITTING_SENTENCES = [
    "Russian forces shelled Kharkiv and fired rubber bullets at protesters on Sunday.",
    "Iran threatened to close the Strait of Hormuz if Washington imposed new sanctions.",
    "The ministry summoned the German ambassador and expelled two diplomats.",
    "Police used tear gas to disperse demonstrators who had called for talks with the government.",
    "China and India agreed to a ceasefire after their troops clashed along the border.",
    "Turkey's army carried out air strikes against Kurdish militants in northern Iraq.",
]


def test_a_patterns_fit_is_the_same_with_the_trigger_words_shared_reading() -> None:
    """match_sentence reads a trigger word's objects, subjects and clauses once for all its patterns
    (``TriggerReading``): each pattern fits exactly where it fits on a reading of its own."""
    from brink.coder.match import _fits
    from brink.coder.parse import load_model, parse
    from brink.coder.pattern_files import load_patterns
    from brink.coder.trigger_reading import TriggerReading

    patterns = load_patterns()
    checked = fitted = 0
    for doc in parse(FITTING_SENTENCES, load_model()):
        for tok in doc:
            options = patterns.by_trigger.get(tok.lemma_.lower(), [])
            reading = TriggerReading(tok)
            for c in options:
                alone = _fits(c, tok)
                assert _fits(c, tok, reading) == alone, (tok.text, c.spec.id)
                checked += 1
                fitted += alone
    assert checked > 50 and 0 < fitted < checked
