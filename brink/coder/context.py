"""Article context: the article's frame (politics, security, sport, markets …) and its retrospective passages.

Events coded in an article about a World Cup rout, an earthquake, a trade deal or a papal mass, and
events recalled as history ("In 1962, the Soviet Union placed missiles in Cuba"), carry a frame that
keeps them out of the escalation index (``schemas.event.ESCALATION_FRAMES``). The word lists are data
(``data/frames.yaml``, with its header); the rules are here. Plain Python: no I/O but reading that file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final, get_args
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas.event import ESCALATION_FRAMES, Frame

FRAMES_FILE: Final = Path(__file__).parent / "data" / "frames.yaml"
FRAMES: Final[tuple[str, ...]] = get_args(Frame)

# Evidence weights (the header of frames.yaml says the same).
URL_WEIGHT: Final = 4.0
SECTION_WEIGHT: Final = 5.0
HEADLINE_WEIGHT: Final = 3.0
TEXT_WEIGHT: Final = 1.0  # per distinct term; its repeats add up to TEXT_REPEAT_CAP more
TEXT_REPEAT_CAP: Final = 1.0
# A non-political frame needs evidence from words (not the URL or section alone): a headline term, or
# this many distinct terms in the text …
MIN_TEXT_TERMS: Final = 2
# … and a total this many times the political evidence.
MARGIN: Final = 1.5


class FrameWords(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    url: list[str] = Field(default_factory=list)
    sections: list[str] = Field(default_factory=list)
    words: list[str] = Field(default_factory=list)
    strong: list[str] = Field(default_factory=list)


class RetrospectiveWords(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    min_years_back: int = Field(ge=1)
    ago: list[str]
    year_markers: list[str]
    episodes: list[str]
    episode_cues: list[str]
    current_markers: list[str]
    continuations: list[str]


class FramesFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    frames: dict[str, FrameWords]
    retrospective: RetrospectiveWords

    @model_validator(mode="after")
    def _one_frame_per_term(self) -> FramesFile:
        unknown = set(self.frames) - set(FRAMES)
        if unknown:
            raise ValueError(f"unknown frames {sorted(unknown)}: the frames are {FRAMES}")
        for kinds in (("url",), ("sections",), ("words", "strong")):
            seen: dict[str, str] = {}
            for frame, words in self.frames.items():
                for term in (t for kind in kinds for t in getattr(words, kind)):
                    if term != term.lower():
                        raise ValueError(f"frames.{frame}: {term!r} must be lower case")
                    if seen.setdefault(term, frame) != frame:
                        raise ValueError(f"{kinds[0]} term {term!r} is in frames {seen[term]} and {frame}")
        return self


@dataclass(frozen=True, slots=True)
class FrameResult:
    """The article's frame, how sure (0–1: its share of all the evidence), and why."""

    frame: str
    score: float
    reasons: tuple[str, ...]

    @property
    def feeds_escalation(self) -> bool:
        return self.frame in ESCALATION_FRAMES


@dataclass(frozen=True, slots=True)
class ArticleFrames:
    """An article's frame, and the sentences (character spans) recalled as history."""

    frame: FrameResult
    history: tuple[tuple[int, int], ...]

    def of(self, offset: int) -> str:
        """The frame of an event whose sentence holds character ``offset``: "history" in a retrospective
        sentence, else the article's."""
        for start, end in self.history:
            if start <= offset < end:
                return "history"
        return self.frame.frame


def _alternation(terms: Iterable[str]) -> str:
    # longest first, so "stock market" wins over "stock"
    return "|".join(re.escape(t) for t in sorted(set(terms), key=lambda t: (-len(t), t)))


_TOKEN: Final = re.compile(r"[a-z0-9&]+")  # "free-trade" is two words, as "free trade"


def _forms(word: str) -> tuple[str, ...]:
    """A text word and the singulars it may be ("typhoons" -> typhoon; "clashes" -> clash, clashe)."""
    if word.endswith("es"):
        return (word, word[:-2], word[:-1])
    if word.endswith("s"):
        return (word, word[:-1])
    return (word,)


class TermMatcher:
    """Whole-word matches of lower-case terms (words and phrases) in a text; the last word of a term
    may carry a plural "s"/"es". A dictionary by first word, longest term first: one look-up per word
    of the text (a regex alternation of ~600 terms was 2 ms per article)."""

    def __init__(self, terms: Iterable[str]) -> None:
        by_first: dict[str, list[tuple[str, ...]]] = {}
        self.names: dict[tuple[str, ...], str] = {}
        for term in terms:
            words = tuple(_TOKEN.findall(term))
            if not words:
                raise ValueError(f"term {term!r} has no words")
            self.names[words] = term
            by_first.setdefault(words[0], []).append(words)
        self.by_first = {w: sorted(ts, key=len, reverse=True) for w, ts in by_first.items()}

    def find(self, text: str) -> list[str]:
        """The terms found in ``text``, in order, each occurrence once (longest match wins)."""
        words = _TOKEN.findall(text.lower())
        found: list[str] = []
        starts = self.by_first
        i, n = 0, len(words)
        while i < n:
            word = words[i]
            # most words start no term in any of their forms (``_forms``): skip them without building those
            if word not in starts and not (
                word[-1:] == "s" and (word[:-1] in starts or (word[-2:] == "es" and word[:-2] in starts))
            ):
                i += 1
                continue
            matched = self._at(words, i, n)
            if matched is None:
                i += 1
            else:
                found.append(self.names[matched])
                i += len(matched)
        return found

    def _at(self, words: list[str], i: int, n: int) -> tuple[str, ...] | None:
        for first in _forms(words[i]):
            for term in self.by_first.get(first, ()):
                k = len(term)
                if k == 1:
                    return term
                if first != words[i] or i + k > n:
                    continue
                if all(words[i + j] == term[j] for j in range(1, k - 1)) and term[-1] in _forms(
                    words[i + k - 1]
                ):
                    return term
        return None


_YEAR: Final = r"(1[0-9]{3}|20[0-9]{2})"
_MONTH: Final = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"


class FrameRules:
    """frames.yaml compiled: a matcher over all frame words, URL segments and sections by frame."""

    def __init__(self, data: FramesFile) -> None:
        self.data = data
        self.term_frame: dict[str, str] = {}
        self.strong: set[str] = set()
        self.url: list[tuple[str, str]] = []
        self.sections: dict[str, str] = {}
        for frame, words in data.frames.items():
            self.term_frame.update(dict.fromkeys(words.words, frame))
            self.term_frame.update(dict.fromkeys(words.strong, frame))
            self.strong.update(words.strong)
            self.url.extend((segment, frame) for segment in words.url)
            self.sections.update(dict.fromkeys(words.sections, frame))
        self.words = TermMatcher(self.term_frame)
        r = data.retrospective
        self.min_years_back = r.min_years_back
        markers = _alternation(r.year_markers)
        # "In 1962", "back in October 1962", "on 16 October 1962", "in the 1990s" -> group 1 the year
        self.year_phrase = re.compile(
            rf"\b(?:{markers}|on)\s+(?:(?:the\s+)?(?:early|late|mid-?)\s*)?"
            rf"(?:(?:\d{{1,2}}\s+)?{_MONTH}\s+(?:\d{{1,2}},?\s+)?)?{_YEAR}s?\b"
        )
        # "the 1962 crisis", "1991's Gulf war": a year used as a modifier of a noun
        self.year_modifier = re.compile(rf"\bthe\s+{_YEAR}\s+[a-z]")
        self.ago = re.compile(rf"\b(?:{_alternation(r.ago)})\b")
        episodes = _alternation(r.episodes)
        self.episode_cued = re.compile(rf"\b(?:{_alternation(r.episode_cues)})\s+(?:the\s+)?(?:{episodes})\b")
        # (used with .match at a sentence's start)
        self.episode_opening = re.compile(rf"\W*(?:the\s+)?(?:{episodes})\b")
        self.current = re.compile(rf"\b(?:{_alternation(r.current_markers)})\b")
        self.continuation = re.compile(rf"\W*(?:{_alternation(r.continuations)})\b")

    @classmethod
    def load(cls, path: Path | None = None) -> FrameRules:
        file = path or FRAMES_FILE
        with file.open(encoding="utf-8") as handle:
            raw = yaml.safe_load(handle)
        return cls(FramesFile.model_validate(raw))

    # ------------------------------------------------------------------ frame
    def frame_of(self, title: str, text: str, url: str | None, section: str | None) -> FrameResult:
        score: dict[str, float] = dict.fromkeys(FRAMES, 0.0)
        word_evidence: dict[str, float] = dict.fromkeys(FRAMES, 0.0)
        worded: set[str] = set()  # frames with a headline term or MIN_TEXT_TERMS distinct text terms
        terms: Counter[str] = Counter()
        reasons: dict[str, list[str]] = {frame: [] for frame in FRAMES}
        path = _url_path(url)
        if path:
            best: dict[str, str] = {}
            for segment, frame in self.url:
                if segment in path and len(segment) > len(best.get(frame, "")):
                    best[frame] = segment
            for frame, segment in best.items():
                score[frame] += URL_WEIGHT
                reasons[frame].append(f"url {segment}")
        # a kicker before a colon at the top of the text ("Today in history: ...", "Football: ...") names the
        # column like a section, and is read with the headline
        kicker = _kicker(text)
        for name in dict.fromkeys(n.strip() for n in (section, kicker) if n):
            named = self.sections.get(name.lower())
            if named is not None:
                score[named] += SECTION_WEIGHT
                reasons[named].append(f"section {name!r}")
        headline = " ".join(filter(None, (title or _slug(path), kicker)))
        for term in sorted(set(self.words.find(headline))):
            frame = self.term_frame[term]
            score[frame] += HEADLINE_WEIGHT
            word_evidence[frame] += HEADLINE_WEIGHT
            worded.add(frame)
            reasons[frame].append(f"headline {term!r}")
        counts: dict[str, int] = {}
        for term in self.words.find(text):
            counts[term] = counts.get(term, 0) + 1
        for term in sorted(counts):
            frame = self.term_frame[term]
            base = HEADLINE_WEIGHT if term in self.strong else TEXT_WEIGHT
            weight = base + min(TEXT_REPEAT_CAP, (counts[term] - 1) * 0.25)
            score[frame] += weight
            word_evidence[frame] += weight
            terms[frame] += 1
            reasons[frame].append(f"text {term!r}×{counts[term]}")
        worded.update(frame for frame, n in terms.items() if n >= MIN_TEXT_TERMS)
        return _decide(score, word_evidence, worded, reasons)

    def article(
        self,
        title: str,
        text: str,
        url: str | None,
        section: str | None,
        sentences: Sequence[tuple[int, int]],
        published_year: int,
    ) -> ArticleFrames:
        """``frame_of`` and ``retrospective_spans`` of an article; ``sentences``: spans of ``text``."""
        recalled = self._recalled(text, sentences, published_year)
        return ArticleFrames(
            self.frame_of(title, text, url, section), tuple(sentences[i] for i in sorted(recalled))
        )

    # ------------------------------------------------------------------ retrospective
    def retrospective_spans(self, sentences: Sequence[str], published_year: int | None = None) -> set[int]:
        spans: list[tuple[int, int]] = []
        at = 0
        for sentence in sentences:
            spans.append((at, at + len(sentence)))
            at += len(sentence) + 1
        return self._recalled(" ".join(sentences), spans, published_year)

    def _recalled(self, text: str, spans: Sequence[tuple[int, int]], published_year: int | None) -> set[int]:
        """Indexes of the ``spans`` (sentences of ``text``) recalled as history. Each pattern runs once
        over the whole text; its matches are placed in their sentences."""
        lower = text.lower()
        starts = [s0 for s0, _ in spans]
        hits: set[int] = set()

        def place(at: int) -> None:
            k = bisect_right(starts, at) - 1
            if k >= 0 and at < spans[k][1]:
                hits.add(k)

        for pattern in (self.ago, self.episode_cued):
            for m in pattern.finditer(lower):
                place(m.start())
        if published_year is not None:
            latest = published_year - self.min_years_back
            now: set[int] = set()
            for m in self.current.finditer(lower):
                now.add(bisect_right(starts, m.start()) - 1)
            for pattern in (self.year_phrase, self.year_modifier):
                for m in pattern.finditer(lower):
                    # "since the start of the war in February 2022": a state that continues, not history
                    k = bisect_right(starts, m.start()) - 1
                    since = "since" in lower[max(0, m.start() - 40) : m.start()]
                    if int(m.group(1)) <= latest and not since and k not in now:
                        place(m.start())
        found: set[int] = set()
        for k, (s0, s1) in enumerate(spans):
            if (
                k in hits
                or self.episode_opening.match(lower, s0, s1)
                or (k - 1 in found and self.continuation.match(lower, s0, s1))
            ):
                found.add(k)
        return found


def _decide(
    score: Mapping[str, float],
    word_evidence: Mapping[str, float],
    worded: set[str],
    reasons: Mapping[str, list[str]],
) -> FrameResult:
    political = score["politics"] + score["security"]
    total = sum(score.values())
    # A frame qualifies on evidence from words; "other" (technology, science, health …) also on its
    # section alone when nothing political is said.
    qualified = [
        f
        for f in FRAMES
        if f not in ESCALATION_FRAMES and score[f] > 0 and (f in worded or (f == "other" and political == 0))
    ]
    if qualified:
        best = max(qualified, key=lambda f: (score[f], word_evidence[f]))
        if score[best] >= MARGIN * political:
            return FrameResult(best, round(score[best] / total, 3), tuple(reasons[best]))
    if political == 0:
        return FrameResult("politics", 0.0, ("no frame evidence: politics by default",))
    frame = "security" if score["security"] > score["politics"] else "politics"
    why = tuple(reasons["security"] + reasons["politics"])
    return FrameResult(frame, round(political / total, 3), why)


_SAYING: Final = frozenset(
    {"said", "says", "say", "told", "tells", "added", "adds", "warned", "stated", "wrote"}
)
_KICKER: Final = re.compile(r"\s*([^\W\d][\w'’ -]{0,40}?):\s")


def _kicker(text: str) -> str:
    """The words before a colon that opens the text, when there are at most five of them: a column's heading
    ("Today in history:", "ANALYSIS:"), not a sentence ("The minister said: ...": more words, or a verb)."""
    found = _KICKER.match(text)
    if found is None:
        return ""
    words = found.group(1).split()
    return "" if len(words) > 5 or words[-1].lower() in _SAYING else found.group(1)


def _url_path(url: str | None) -> str:
    if not url:
        return ""
    try:
        path = urlsplit(url).path.lower()
    except ValueError:
        return ""
    return path if path.endswith("/") else path + "/"


def _slug(path: str) -> str:
    """The URL's last words: "…/two-journalists-wounded/" -> "two journalists wounded"."""
    last = [part for part in path.split("/") if part]
    if not last:
        return ""
    words = re.sub(r"\.[a-z]+$", "", last[-1]).replace("-", " ").replace("_", " ")
    return words if " " in words else ""


@cache
def default_rules() -> FrameRules:
    """The packaged frames.yaml, loaded once per process."""
    return FrameRules.load()


def frame_of(title: str, text: str, url: str | None = None, section: str | None = None) -> FrameResult:
    """The frame of an article from its headline, text, URL path and outlet section."""
    return default_rules().frame_of(title, text, url, section)


def retrospective_spans(sentences: Sequence[str], published_year: int | None = None) -> set[int]:
    """Indexes of the sentences recalled as history ("In 1962, …", "50 years ago", "during the Cuban
    missile crisis", "back in 2014"); years count only with ``published_year`` (the article's)."""
    return default_rules().retrospective_spans(sentences, published_year)
