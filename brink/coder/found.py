"""What the pipeline finds: one coded action (``Found``) and one article's pass (``ArticleRun``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from brink.coder.guard import Cuts
from brink.coder.key_forms import Place
from brink.coder.modality import Modality
from brink.coder.roles import Resolved
from brink.coder.segment import Sentence


@dataclass(slots=True)
class Found:
    """One coded action, before it becomes an EscalationEvent."""

    sentence: Sentence
    code: str
    source: Resolved
    target: Resolved | None
    trigger_span: tuple[int, int]
    decided_by: str
    modality: Modality
    speaker: Resolved | None = None
    quote: str | None = None
    event_date: date | None = None
    location: Place | None = None
    confidence: float = 0.8
    recipient: Resolved | None = None
    phrase: str = ""  # the action's words as lemmas ("vow revenge", "threaten attack"): threat cues read it
    # the act of an if/unless clause ("unless Israel releases the detainees"): kept, as a conditional event,
    # only when nothing else in its sentence is coded
    in_condition: bool = False
    clause: str = ""  # the words of the action's clause (threat_rules.threat_clause); "": the sentence's


@dataclass(frozen=True, slots=True)
class Drop:
    """A pattern match the pipeline coded no event from, and why (the debug trace, ``Pipeline.trace``)."""

    sentence: int  # the sentence's index in the article
    code: str  # the match's CAMEO code
    decided_by: str  # the pattern's id
    why: str  # the stage that dropped it: "history", "no source", "no target", "attributed: accused", ...


@dataclass(slots=True)
class ArticleRun:
    """What the pipeline saw of one article (``--explain`` shows it)."""

    sentences: list[Sentence]
    candidates: list[int]
    found: list[Found] = field(default_factory=list)
    cuts: Cuts = field(default_factory=Cuts)  # what the guard's bounds changed (brink/coder/guard.py)
    chars: int = -1  # how much of the text the pipeline read (the guard's max_article_chars); -1: all
    # violence reported with no event coded for it ("nine militants were killed in airstrikes"): each clause's
    # sentence and verb span (brink/coder/casualties.py)
    casualties: list[tuple[Sentence, tuple[int, int]]] = field(default_factory=list)
    drops: list[Drop] = field(default_factory=list)  # filled only when the pipeline traces (``trace``)

    def read(self, text: str) -> str:
        """The part of ``text`` the pipeline read."""
        return text if self.chars < 0 else text[: self.chars]
