"""Which language an article is in: ISO 639-1 codes, from a submitter's tag or from py3langid.

- A submitter's ``language`` is checked and normalised: ``en``, ``EN``, ``en-GB``, ``en_US`` and
  ``eng`` all become ``en``; anything that is not an ISO 639-1 language (``english``, ``xx``,
  ``crh``, which has no two-letter code) is refused, naming the field.
- Detection is py3langid restricted to the languages of ``data/language.yaml``: py3langid's full
  model answers short English texts with rare languages ("Russia attacked Ukraine." → ``crh``),
  and the coder skips every article that is not English.
- Short texts (a headline, a sentence) carry too few character n-grams for a reliable answer. When
  the detector says a short text is not English but it names a known actor (a country, an
  organisation, a capital) and every other word is English, it stays English.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

import pycountry
import yaml
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from brink.ingestion.errors import SubmissionRejected

ENGLISH = "en"
# Language detection looks at the start of the text only: enough for a reliable answer, and it
# keeps the cost flat for long articles.
LANGUAGE_SAMPLE_CHARS = 1000
# Texts of at most this many words are "short": the English check may overrule the detector.
SHORT_TEXT_WORDS = 30
# Longest actor name, in words ("Congo, The Democratic Republic of the" is cut to "Congo").
_MAX_NAME_WORDS = 4

_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")
_WORD = re.compile(r"[^\W\d_]+")
_DOTTED_ABBREVIATION = re.compile(r"\b(?:[A-Z]\.){2,}")
_POSSESSIVE = re.compile(r"['’]s\b")


def language_tag(value: str) -> str:
    """The ISO 639-1 code of a submitter's language tag; SubmissionRejected if it has none."""
    tag = value.strip()
    match = _TAG.match(tag)
    primary = match.group(1).lower() if match else ""
    found = None
    if len(primary) == 2:
        found = pycountry.languages.get(alpha_2=primary)
    elif len(primary) == 3:
        found = pycountry.languages.get(alpha_3=primary)
    code = getattr(found, "alpha_2", None) if found is not None else None
    if code is None:
        raise SubmissionRejected(
            "language",
            f"{value[:40]!r} is not an ISO 639-1 language code: send a two-letter code such as 'en' or "
            "'fr' (a region suffix like 'en-GB' is accepted), or leave language out to have it detected",
            code="invalid_language",
        )
    return str(code)


def _words(text: str) -> list[str]:
    text = _DOTTED_ABBREVIATION.sub(lambda m: m.group(0).replace(".", ""), text)
    return _WORD.findall(_POSSESSIVE.sub("", text))


@dataclass(frozen=True)
class ActorNames:
    """Names of known actors as word sequences: upper-case abbreviations match in upper case only,
    other names in any case as long as the text writes their first word with a capital."""

    exact: frozenset[tuple[str, ...]]
    folded: frozenset[tuple[str, ...]]

    @classmethod
    def build(cls, extra: Iterable[str]) -> ActorNames:
        names: set[str] = set(extra)
        for country in pycountry.countries:
            for attribute in ("name", "common_name", "official_name"):
                name = getattr(country, attribute, None)
                if name:
                    names.add(name.split(",")[0])
        exact: set[tuple[str, ...]] = set()
        folded: set[tuple[str, ...]] = set()
        for name in names:
            words = tuple(_words(name))
            if not words or len(words) > _MAX_NAME_WORDS:
                continue
            if all(w.isupper() for w in words):
                exact.add(words)
            else:
                folded.add(tuple(w.casefold() for w in words))
        return cls(frozenset(exact), frozenset(folded))

    def match(self, words: list[str], start: int) -> int:
        """How many words from ``start`` form a known name (the longest), 0 when none does."""
        if not words[start][:1].isupper():
            return 0
        for length in range(min(_MAX_NAME_WORDS, len(words) - start), 0, -1):
            span = tuple(words[start : start + length])
            if span in self.exact or tuple(w.casefold() for w in span) in self.folded:
                return length
        return 0


class EnglishWords:
    """Is a word English: one of spaCy's English stop words, or a word lemminflect's English
    dictionary has a lemma for. Loaded on first use (lemminflect imports spaCy: seconds)."""

    @cached_property
    def _stop_words(self) -> frozenset[str]:
        from spacy.lang.en.stop_words import STOP_WORDS

        return frozenset(STOP_WORDS)

    @cached_property
    def _lemmas(self) -> Callable[[str], dict[str, tuple[str, ...]]]:
        from lemminflect import getAllLemmas

        lemmas: Callable[[str], dict[str, tuple[str, ...]]] = getAllLemmas
        return lemmas

    def __contains__(self, word: str) -> bool:
        lower = word.lower()
        return lower in self._stop_words or bool(self._lemmas(lower))

    def load(self) -> None:
        """Load both word lists now rather than on the first short text."""
        _ = (self._stop_words, self._lemmas)


@dataclass
class LanguageDetector:
    languages: tuple[str, ...]
    actors: ActorNames
    english: EnglishWords

    @cached_property
    def _identifier(self) -> LanguageIdentifier:
        identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
        identifier.set_languages(list(self.languages))
        return identifier

    def warm_up(self) -> None:
        """Load the model and the English word lists now rather than on the first article."""
        self.detect("warm up the language model")
        self.english.load()

    def detect(self, text: str) -> str:
        """ISO 639-1 code of the most likely language of ``text``, one of ``self.languages``."""
        sample = text[:LANGUAGE_SAMPLE_CHARS]
        language, _score = self._identifier.classify(sample)
        if language != ENGLISH and self.short_english(sample):
            return ENGLISH
        return str(language)

    def short_english(self, text: str) -> bool:
        """A short text naming a known actor whose other words are all English (capitalised words
        after the first are taken for names and passed over: "Moscow hosts Kim Jong Un")."""
        words = _words(text)
        if not words or len(words) > SHORT_TEXT_WORDS:
            return False
        actors = english = 0
        index = 0
        while index < len(words):
            length = self.actors.match(words, index)
            if length:
                actors += 1
                index += length
                continue
            word = words[index]
            if word in self.english:
                english += 1
            elif index == 0 or not word[:1].isupper():
                return False
            index += 1
        return actors > 0 and english > 0


@lru_cache(maxsize=1)
def default_detector() -> LanguageDetector:
    data = yaml.safe_load(resources.files("brink.ingestion.data").joinpath("language.yaml").read_text())
    return LanguageDetector(
        languages=tuple(str(code) for code in data["languages"]),
        actors=ActorNames.build(str(name) for name in data["actor_names"]),
        english=EnglishWords(),
    )
