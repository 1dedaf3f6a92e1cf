"""Public entry point of the coder: ``Coder.load()`` once, then ``coder.code(article)``."""

from __future__ import annotations

import hashlib
import logging
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final, TypeVar

from mypy_extensions import mypyc_attr
from pydantic import BaseModel

from brink.coder import native
from brink.coder.actors import ActorVal
from brink.coder.cameo import CameoCodes
from brink.coder.engine import Draft, Engine
from brink.coder.lexicon import DATA_DIR, Lexicon, build_lexicon
from brink.coder.text import normalise
from brink.coder.threat import ThreatInput, ThreatScorer
from brink.coder.tone import Tone
from schemas.article import Article
from schemas.event import Actor, CodedArticle, EscalationEvent, Location

CODER_VERSION: Final = "1.0.0"
log = logging.getLogger("brink.coder")

M = TypeVar("M", bound=BaseModel)


# The "fields set" of each contract model the coder builds: every field, always (see ``trusted``).
_ALL_FIELDS: Final[dict[type[BaseModel], set[str]]] = {}


def trusted(cls: type[M], values: dict[str, Any]) -> M:
    """Build a contract object from values the coder produced itself, without re-validating them.

    ``model_construct`` minus its per-field bookkeeping, for our models (no aliases, no post-init);
    every field must be given, and ``values`` becomes the object's ``__dict__`` (not copied: build it
    for this call). The seed-article test round-trips every event through ``model_validate``, so a wrong
    value cannot hide here.

    All objects of one class share one "fields set" (every field name) instead of building a set from
    ``values`` each time: that was ~3 % of ``Coder.code``. Sharing is safe: the contracts are frozen (no
    assignment, which would add a field name, already there) and pydantic copies the set when it makes a
    changed copy (``model_copy``); tests/unit/test_coder_api.py checks it. ``object.__setattr__`` is
    spelled out: mypyc compiles that exact call to a direct generic setattr (a bound alias is a slow call).
    """
    fields = _ALL_FIELDS.get(cls)
    if fields is None:
        fields = _ALL_FIELDS[cls] = set(cls.model_fields)
    m = cls.__new__(cls)
    object.__setattr__(m, "__dict__", values)
    object.__setattr__(m, "__pydantic_fields_set__", fields)
    object.__setattr__(m, "__pydantic_extra__", None)
    object.__setattr__(m, "__pydantic_private__", None)
    return m


def _dyad(a: str | None, b: str | None) -> str | None:
    if not a or not b:
        return None
    return a + "-" + b if a <= b else b + "-" + a


def _actor(value: ActorVal, text: str, made: dict[tuple[int, str], Actor]) -> Actor:
    """The contract Actor for ``value`` as written ``text``. ``made`` holds the ones built for this article
    (by the ActorVal's id: the drafts keep every ActorVal alive while the article is coded): an actor is
    usually the source, target or speaker of several events, and contracts are frozen, so they share it."""
    key = (id(value), text)
    actor = made.get(key)
    if actor is None:
        actor = made[key] = _new_actor(value, text)
    return actor


def _new_actor(value: ActorVal, text: str) -> Actor:
    return trusted(
        Actor,
        {
            "code": value.code,
            "country": value.country,
            "role": value.role,
            "name": value.name,
            "kind": value.kind,
            "text": text,
            "sponsor": value.sponsor,
        },
    )


class _Origin:
    """The article's fields every event repeats, read once per article: compiled, reading a pydantic
    attribute is a generic lookup and ``published_at.date()`` a method call, per event otherwise."""

    def __init__(self, article: Article) -> None:
        self.article_id: str = article.article_id
        self.url: str | None = article.url
        self.published_at: datetime = article.published_at
        self.ingested_at: datetime | None = article.ingested_at
        self.published: date = article.published_at.date()


@mypyc_attr(allow_interpreted_subclasses=True)  # compiled, and test doubles subclass it
class Coder:
    """Codes articles into EscalationEvents. Load once (dictionaries compile in ~1 s), then reuse."""

    def __init__(
        self, lexicon: Lexicon | None = None, cameo: CameoCodes | None = None, load_seconds: float = 0.0
    ) -> None:
        """Use ``Coder.load()``; the bare constructor exists for test doubles that override ``code``."""
        self.load_seconds = load_seconds
        if lexicon is None or cameo is None:
            return
        self.lexicon = lexicon
        self.cameo = cameo
        self.engine = Engine(lexicon, cameo)
        self.threat = ThreatScorer(lexicon.grammar)
        self.tone = Tone()

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Coder:
        started = time.perf_counter()
        directory = data_dir or DATA_DIR
        lexicon = build_lexicon(directory)
        cameo = CameoCodes.load(directory / "cameo.yaml")
        seconds = time.perf_counter() - started
        log.info("coder %s loaded in %.2f s: %s", CODER_VERSION, seconds, native.RUNNING)
        return cls(lexicon, cameo, seconds)

    def code(self, article: Article) -> CodedArticle:
        if article.language and article.language.lower().split("-")[0] != "en":
            return trusted(
                CodedArticle,
                {"article_id": article.article_id, "events": [], "threat_score": 0.0, "tone": 0.0},
            )
        origin = _Origin(article)
        state = self.engine.analyse(article.text, origin.published)
        events: list[EscalationEvent] = []
        threat = 0.0
        actors: dict[tuple[int, str], Actor] = {}
        for d in state.drafts:
            event = self._to_event(origin, state.text, d, actors)
            events.append(event)
            threat = max(threat, event.threat_score)
        tone = self.tone.article(state.norm, state.sentences, state.words)
        return trusted(
            CodedArticle,
            {"article_id": article.article_id, "events": events, "threat_score": threat, "tone": tone},
        )

    def _to_event(
        self, origin: _Origin, text: str, d: Draft, actors: dict[tuple[int, str], Actor]
    ) -> EscalationEvent:
        info = self.cameo.get(d.code)
        src_text = text[d.source_span[0] : d.source_span[1]] if d.source_span[1] > d.source_span[0] else ""
        if not src_text and d.source_how == "speaker":
            src_text = d.speaker_text
        tgt_text = text[d.target_span[0] : d.target_span[1]] if d.target_span else ""
        source = _actor(d.source, src_text, actors)
        target = _actor(d.target, tgt_text, actors) if d.target is not None else None
        s0, s1 = d.sent_span
        lo = min(
            d.trigger_span[0], d.source_span[0] if d.source_span[1] > d.source_span[0] else d.trigger_span[0]
        )
        hi = max(d.trigger_span[1], d.target_span[1] if d.target_span else d.trigger_span[1])
        lo, hi = max(lo, s0), min(hi, s1)
        clause = text[d.clause[0] : d.clause[1]]
        score, reasons = self.threat.score(
            ThreatInput(
                code=d.code,
                goldstein=info.goldstein,
                cameo_name=info.name,
                phrase=d.pattern.phrase,
                source=d.source,
                speaker=d.speaker,
                target=d.target,
                target_explicit=d.target_span is not None,
                clause_words=tuple(normalise(clause).split()) if d.code.startswith("13") else (),
                clause_text=clause,
                negated=d.negated,
                conditional=d.conditional,
                hypothetical=d.hypothetical,
            )
        )
        key = f"{origin.article_id}|{lo}:{hi}|{d.code}|{d.source.code}|{d.target.code if d.target else ''}"
        event_id = hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest()
        location = None
        if d.location is not None:
            p = d.location
            location = trusted(Location, {"name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon})
        return trusted(
            EscalationEvent,
            {
                "schema_version": 1,
                "event_id": event_id,
                "article_id": origin.article_id,
                "url": origin.url,
                "published_at": origin.published_at,
                "ingested_at": origin.ingested_at,
                "source": source,
                "target": target,
                "dyad": _dyad(d.source.country, d.target.country if d.target else None),
                "cameo": d.code,
                "cameo_root": info.root,
                "quad_class": info.quad_class,
                "goldstein": info.goldstein,
                "plover_type": info.plover_type,
                "plover_mode": info.plover_mode,
                "negated": d.negated,
                "conditional": d.conditional,
                "hypothetical": d.hypothetical,
                "event_date": d.event_date or origin.published,
                "location": location,
                "speaker": _actor(d.speaker, d.speaker_text, actors) if d.speaker is not None else None,
                "quote": d.quote,
                "threat_score": score,
                "threat_reasons": reasons,
                "confidence": round(d.confidence, 3),
                "sentence": text[s0:s1],
                "span": (lo, hi),
                "coder_version": CODER_VERSION,
            },
        )
