"""ConfliBERT CAMEO development data: readers and scorers.

The files live outside the project (``shared/benchmarks/conflibert-cameo/`` beside the repository,
GPL-3.0, not copied in). ``locate()`` finds them or raises :class:`ConfliBertDataMissing` — the
evaluation never skips them silently.

- ``quad_train.tsv``: ``sentence<TAB>label``, label 0–4 (``cameo.CONFLIBERT_CLASS_NAMES``).
- ``actors_train.txt``: one ``token TAG`` per line, blank line between sentences; tags ``B-/I-`` of
  ``S`` (source), ``T`` (target), ``R`` (reciprocal: both), or ``O``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from brink.evaluation.cameo import CONFLIBERT_CLASS_NAMES
from brink.evaluation.gold import REPO_ROOT
from brink.evaluation.metrics import PRF, macro_f1, ratio

ENV_VAR = "BRINK_CONFLIBERT_DIR"
QUAD_FILE = "quad_train.tsv"
ACTORS_FILE = "actors_train.txt"
RELATIVE_DIR = Path("shared") / "benchmarks" / "conflibert-cameo"
CLASSES: tuple[int, ...] = tuple(CONFLIBERT_CLASS_NAMES)
NONE_COLUMN = len(CLASSES)  # confusion-matrix column for "the coder found no event"
TAGS = frozenset({"O", "B-S", "I-S", "B-T", "I-T", "B-R", "I-R"})


class ConfliBertDataMissing(FileNotFoundError):
    """The ConfliBERT files are not where we looked; the message says where and how to point at them."""


class ConfliBertFormatError(ValueError):
    """A ConfliBERT file does not have the documented format (message names file and line)."""


def candidate_dirs() -> list[Path]:
    """``../shared/benchmarks/conflibert-cameo`` relative to the repository root, then the same
    under each further ancestor (so git worktrees nested below the checkout also find it)."""
    return [parent / RELATIVE_DIR for parent in REPO_ROOT.parents]


def _complete(directory: Path) -> bool:
    return (directory / QUAD_FILE).is_file() and (directory / ACTORS_FILE).is_file()


def locate(override: str | Path | None = None) -> Path:
    """The directory holding both files: ``override`` (from ``BRINK_CONFLIBERT_DIR``) or the default."""
    if override:
        directory = Path(override).expanduser()
        if _complete(directory):
            return directory
        raise ConfliBertDataMissing(
            f"{ENV_VAR}={override} does not hold {QUAD_FILE} and {ACTORS_FILE}; "
            "point it at the conflibert-cameo directory or unset it to use the default location"
        )
    tried = candidate_dirs()
    for directory in tried:
        if _complete(directory):
            return directory
    raise ConfliBertDataMissing(
        f"ConfliBERT dev data ({QUAD_FILE}, {ACTORS_FILE}) not found; looked in "
        + ", ".join(str(p) for p in tried)
        + f". Put the files in ../shared/benchmarks/conflibert-cameo/ beside the repository or set {ENV_VAR}."
    )


# --- quad classes ----------------------------------------------------------------------------


@dataclass(frozen=True)
class QuadSentence:
    text: str
    label: int


def read_quad(path: Path) -> list[QuadSentence]:
    sentences: list[QuadSentence] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        text, sep, label = line.rpartition("\t")
        if not sep or not text.strip() or label.strip() not in {str(c) for c in CLASSES}:
            raise ConfliBertFormatError(
                f"{path}:{number}: expected 'sentence<TAB>label(0-4)', got {line!r:.80}"
            )
        sentences.append(QuadSentence(text.strip(), int(label)))
    return sentences


@dataclass
class QuadScores:
    """Quad-class agreement on the main event. "No event" is its own column of the confusion matrix;
    ``macro_f1`` counts it as class 0 (neutral), ``macro_f1_strict`` as always wrong."""

    confusion: list[list[int]] = field(default_factory=lambda: [[0] * (NONE_COLUMN + 1) for _ in CLASSES])

    def add(self, gold: int, predicted: int | None) -> None:
        self.confusion[gold][NONE_COLUMN if predicted is None else predicted] += 1

    @property
    def sentences(self) -> int:
        return sum(map(sum, self.confusion))

    @property
    def no_event(self) -> int:
        return sum(row[NONE_COLUMN] for row in self.confusion)

    def per_class(self, none_as: int | None) -> dict[int, PRF]:
        scores = {c: PRF() for c in CLASSES}
        for gold in CLASSES:
            for column, n in enumerate(self.confusion[gold]):
                predicted = none_as if column == NONE_COLUMN else column
                if predicted == gold:
                    scores[gold].tp += n
                else:
                    scores[gold].fn += n
                    if predicted is not None:
                        scores[predicted].fp += n
        return scores

    @property
    def macro_f1(self) -> float:
        return macro_f1(self.per_class(none_as=0).values())

    @property
    def macro_f1_strict(self) -> float:
        return macro_f1(self.per_class(none_as=None).values())

    @property
    def accuracy(self) -> float:
        correct = sum(self.confusion[c][c] for c in CLASSES) + self.confusion[0][NONE_COLUMN]
        return ratio(correct, self.sentences)

    def as_dict(self) -> dict[str, object]:
        return {
            "sentences": self.sentences,
            "no_event": self.no_event,
            "coverage": round(ratio(self.sentences - self.no_event, self.sentences), 4),
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "macro_f1_strict": round(self.macro_f1_strict, 4),
            "per_class": {str(c): prf.as_dict() for c, prf in self.per_class(none_as=0).items()},
            "confusion": {
                "rows": "gold class 0-4",
                "columns": "predicted class 0-4, then 'none' (no event)",
                "matrix": self.confusion,
            },
        }


# --- actors ----------------------------------------------------------------------------------

_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", "%", ")", "]", "'s", "’", "”", "-"})
_NO_SPACE_AFTER = frozenset({"(", "[", "$", "“", "-", "‘"})
_CLITICS = frozenset({"s", "t", "re", "ve", "ll", "d", "m"})


def detokenize(tokens: Sequence[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Join tokens into readable text ("Baghdad ’ s" → "Baghdad’s", "pro - Russian" → "pro-Russian"),
    returning the text and each token's ``(start, end)`` offsets in it."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    position = 0
    previous: str | None = None
    for token in tokens:
        glue = (
            previous is None
            or token in _NO_SPACE_BEFORE
            or previous in _NO_SPACE_AFTER
            or (previous == "’" and token in _CLITICS)
        )
        if not glue:
            parts.append(" ")
            position += 1
        offsets.append((position, position + len(token)))
        parts.append(token)
        position += len(token)
        previous = token
    return "".join(parts), tuple(offsets)


@dataclass(frozen=True)
class ActorSentence:
    tokens: tuple[str, ...]
    tags: tuple[str, ...]
    text: str
    offsets: tuple[tuple[int, int], ...]

    def tagged(self, *roles: str) -> frozenset[int]:
        """Indices of tokens tagged with any of ``roles`` (``"S"``, ``"T"``, ``"R"``)."""
        return frozenset(i for i, tag in enumerate(self.tags) if tag != "O" and tag[2:] in roles)

    def tokens_covered(self, words: str | None) -> frozenset[int]:
        """Indices of tokens overlapped by any occurrence of ``words`` in the text (case-insensitive)."""
        if not words or not words.strip():
            return frozenset()
        haystack, needle = self.text.lower(), words.strip().lower()
        covered: set[int] = set()
        start = haystack.find(needle)
        while start != -1:
            end = start + len(needle)
            covered.update(i for i, (a, b) in enumerate(self.offsets) if a < end and start < b)
            start = haystack.find(needle, start + 1)
        return frozenset(covered)


def read_actors(path: Path) -> list[ActorSentence]:
    sentences: list[ActorSentence] = []
    tokens: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if tokens:
            text, offsets = detokenize(tokens)
            sentences.append(ActorSentence(tuple(tokens), tuple(tags), text, offsets))
            tokens.clear()
            tags.clear()

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            flush()
            continue
        token, sep, tag = line.rpartition(" ")
        if not sep or not token or tag not in TAGS:
            raise ConfliBertFormatError(f"{path}:{number}: expected 'token TAG' with TAG in {sorted(TAGS)}")
        tokens.append(token)
        tags.append(tag)
    flush()
    return sentences


@dataclass(frozen=True)
class ActorGuess:
    """The actor words of one coded event (``Actor.text``), in the coder's order."""

    source_text: str | None
    target_text: str | None


@dataclass
class RoleScore:
    """Sentences with this role tagged, and how often the coder's actor overlapped the tagged tokens."""

    tagged: int = 0
    main_hit: int = 0
    any_hit: int = 0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tagged_sentences": self.tagged,
            "main_event_hits": self.main_hit,
            "main_event_accuracy": round(ratio(self.main_hit, self.tagged), 4),
            "any_event_hits": self.any_hit,
            "any_event_accuracy": round(ratio(self.any_hit, self.tagged), 4),
        }


@dataclass
class ActorScores:
    sentences: int = 0
    with_event: int = 0
    source: RoleScore = field(default_factory=RoleScore)
    target: RoleScore = field(default_factory=RoleScore)
    both: RoleScore = field(default_factory=RoleScore)

    def add(self, sentence: ActorSentence, guesses: Sequence[ActorGuess]) -> None:
        """``guesses`` are the sentence's events, main event first."""
        self.sentences += 1
        self.with_event += bool(guesses)
        gold_source = sentence.tagged("S", "R")
        gold_target = sentence.tagged("T", "R")

        def hits(guess: ActorGuess) -> tuple[bool, bool]:
            return (
                bool(sentence.tokens_covered(guess.source_text) & gold_source),
                bool(sentence.tokens_covered(guess.target_text) & gold_target),
            )

        outcomes = [hits(guess) for guess in guesses]
        main = outcomes[0] if outcomes else (False, False)
        if gold_source:
            self.source.tagged += 1
            self.source.main_hit += main[0]
            self.source.any_hit += any(s for s, _ in outcomes)
        if gold_target:
            self.target.tagged += 1
            self.target.main_hit += main[1]
            self.target.any_hit += any(t for _, t in outcomes)
        if gold_source and gold_target:
            self.both.tagged += 1
            self.both.main_hit += main[0] and main[1]
            self.both.any_hit += any(s and t for s, t in outcomes)

    def as_dict(self) -> dict[str, object]:
        return {
            "sentences": self.sentences,
            "with_event": self.with_event,
            "source": self.source.as_dict(),
            "target": self.target.as_dict(),
            "source_and_target": self.both.as_dict(),
        }
