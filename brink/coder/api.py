"""Public entry point of the coder: ``Coder.load()`` once, then ``coder.code(article)``."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final, TypeVar

from pydantic import BaseModel

from brink.coder.actor_values import ActorVal
from brink.coder.cameo import CameoCodeInfo, CameoCodes
from brink.coder.classify import SentenceClassifier
from brink.coder.context import FrameRules
from brink.coder.dictionary_schema import DATA_DIR
from brink.coder.found import ArticleRun, Found
from brink.coder.guard import Limits
from brink.coder.key_forms import Place
from brink.coder.lexicon import Lexicon, build_lexicon
from brink.coder.pipeline import Pipeline
from brink.coder.text import normalise, split_sentences
from brink.coder.threat import Hostility, ThreatInput, ThreatScorer, round3
from brink.coder.tone import Tone
from schemas.article import Article
from schemas.event import Actor, Casualty, CodedArticle, EscalationEvent, Location

CODER_VERSION: Final = "1.0.0"
log = logging.getLogger("brink.coder")

M = TypeVar("M", bound=BaseModel)


# The "fields set" of each contract model the coder builds: every field, always (see ``trusted``).
_ALL_FIELDS: Final[dict[type[BaseModel], set[str]]] = {}
# ``object.__new__`` read once: ``cls.__new__`` is looked up through pydantic's metaclass at every call.
_new_object: Final = object.__new__


def trusted(cls: type[M], values: dict[str, Any]) -> M:
    """Build a contract object from values the coder produced itself, without re-validating them.

    ``model_construct`` minus its per-field bookkeeping, for our models (no aliases, no post-init);
    every field must be given, and ``values`` becomes the object's ``__dict__`` (not copied: build it
    for this call). The seed-article test round-trips every event through ``model_validate``, so a wrong
    value cannot hide here.

    All objects of one class share one "fields set" (every field name) instead of building a set from
    ``values`` each time: that was ~3 % of ``Coder.code``. Sharing is safe: the contracts are frozen (no
    assignment, which would add a field name, already there) and pydantic copies the set when it makes a
    changed copy (``model_copy``); tests/unit/test_coder_api.py checks it.
    """
    fields = _ALL_FIELDS.get(cls)
    if fields is None:
        fields = _ALL_FIELDS[cls] = set(cls.model_fields)
    m = _new_object(cls)
    object.__setattr__(m, "__dict__", values)
    object.__setattr__(m, "__pydantic_fields_set__", fields)
    object.__setattr__(m, "__pydantic_extra__", None)
    object.__setattr__(m, "__pydantic_private__", None)
    return m


def _dyad(a: str | None, b: str | None) -> str | None:
    if not a or not b:
        return None
    return f"{a}-{b}" if a <= b else f"{b}-{a}"


def _actor(value: ActorVal, text: str, made: dict[str, tuple[ActorVal, Actor]]) -> Actor:
    """The contract Actor for ``value`` as written ``text``. ``made`` holds the ones built for this article,
    by text, with the ActorVal each was built from: an actor is usually the source, target or speaker of
    several events, and contracts are frozen, so they share it. One string key is cheaper than an
    (id, text) tuple; the fields the Actor takes are compared instead (an equal ActorVal built anew makes
    an equal Actor), and a text written for another actor replaces the entry."""
    entry = made.get(text)
    if entry is not None:
        was = entry[0]
        if was is value or (
            was.code == value.code
            and was.name == value.name
            and was.country == value.country
            and was.role == value.role
            and was.kind == value.kind
            and was.sponsor == value.sponsor
        ):
            return entry[1]
    actor = _new_actor(value, text)
    made[text] = (value, actor)
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


# An empty BLAKE2b-128 state: copying it is much cheaper than the constructor's keyword parsing.
_EVENT_ID_HASH: Final = hashlib.blake2b(digest_size=16)


def _event_id(origin: _Origin, lo: int, hi: int, code: str, source: ActorVal, target: ActorVal | None) -> str:
    """Deterministic from the article, the action's span, its code and actors: re-coding gives the same id."""
    target_code = target.code if target is not None else ""
    digest = _EVENT_ID_HASH.copy()
    digest.update(f"{origin.id_prefix}{lo}:{hi}|{code}|{source.code}|{target_code}".encode())
    return digest.hexdigest()


class _CodeFacts:
    """What an event takes from its CAMEO code alone, made once per code (``Coder._facts``)."""

    def __init__(self, code: str, info: CameoCodeInfo, hostility: Hostility) -> None:
        self.threat = code.startswith("13")
        self.goldstein = info.goldstein
        self.cameo_name = info.name
        self.hostility = hostility  # the score when the code is not a threat
        # the event's fields, in the contract's order, with those of the code filled in: each event
        # copies it and sets the others (a copy is cheaper than building a 28-key dictionary)
        self.fields: dict[str, Any] = {
            "schema_version": 1,
            "event_id": "",
            "article_id": "",
            "url": None,
            "published_at": None,
            "ingested_at": None,
            "source": None,
            "target": None,
            "dyad": None,
            "cameo": code,
            "cameo_root": info.root,
            "quad_class": info.quad_class,
            "goldstein": info.goldstein,
            "plover_type": info.plover_type,
            "plover_mode": info.plover_mode,
            "negated": False,
            "conditional": False,
            "hypothetical": False,
            "event_date": None,
            "location": None,
            "speaker": None,
            "quote": None,
            "threat_score": 0.0,
            "threat_reasons": None,
            "confidence": 0.0,
            "sentence": "",
            "span": None,
            "coder_version": CODER_VERSION,
            "frame": None,
        }


class _Origin:
    """The article's fields every event repeats, read once per article, and what the article's events
    share: their contract Actors and Locations."""

    def __init__(self, article: Article) -> None:
        self.article_id: str = article.article_id
        self.id_prefix = self.article_id + "|"
        self.url: str | None = article.url
        self.published_at: datetime = article.published_at
        self.ingested_at: datetime | None = article.ingested_at
        self.published: date = article.published_at.date()
        self.actors: dict[str, tuple[ActorVal, Actor]] = {}  # see _actor
        # by the Place's id (the pipeline's findings keep their Places alive while the article is coded)
        self.locations: dict[int, Location] = {}


def _english(article: Article) -> bool:
    """Articles in another language (when the feed says so) are not coded."""
    return not article.language or article.language.lower().split("-")[0] == "en"


def _empty(article: Article) -> CodedArticle:
    return trusted(
        CodedArticle,
        {"article_id": article.article_id, "events": [], "threat_score": 0.0, "tone": 0.0, "casualties": []},
    )


class Coder:
    """Codes articles into EscalationEvents with the pipeline over spaCy's dependency parse
    (brink/coder/pipeline.py). Load once (spaCy's model and the dictionaries take seconds), then reuse."""

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        cameo: CameoCodes | None = None,
        load_seconds: float = 0.0,
        pipeline: Pipeline | None = None,
    ) -> None:
        """Use ``Coder.load()``; the bare constructor exists for test doubles that override ``code``."""
        self.load_seconds = load_seconds
        if lexicon is None or cameo is None or pipeline is None:
            return
        self.pipeline = pipeline
        self.lexicon = lexicon
        self.cameo = cameo
        self.threat = ThreatScorer(lexicon.grammar)
        self.tone = Tone()
        self.frames = FrameRules.load()
        self._code_facts: dict[str, _CodeFacts] = {}  # _facts

    @classmethod
    def load(cls, data_dir: Path | None = None, limits: Limits | None = None) -> Coder:
        """``limits``: the guard's bounds on one article (brink/coder/guard.py; default its defaults). Shells
        pass ``Settings().coder_limits()``: the coder reads no settings of its own."""
        started = time.perf_counter()
        directory = data_dir or DATA_DIR
        lexicon = build_lexicon(directory)
        cameo = CameoCodes.load(directory / "cameo.yaml")
        pipeline = Pipeline(lexicon, classifier=SentenceClassifier.load(), limits=limits or Limits())
        seconds = time.perf_counter() - started
        log.info("coder %s loaded in %.2f s", CODER_VERSION, seconds)
        return cls(lexicon, cameo, seconds, pipeline)

    def code(self, article: Article) -> CodedArticle:
        if not _english(article):
            return _empty(article)
        return self._code_parsed(article, _Origin(article))[0]

    def code_many(self, articles: Sequence[Article]) -> list[CodedArticle]:
        """``code`` for each article, in order, with the same results; the candidate sentences of all of
        them are parsed in one batch (the extract worker codes what it read in one go)."""
        english = [(a, _Origin(a)) for a in articles if _english(a)]
        runs = iter(
            self.pipeline.run_many(
                [(a.text, origin.published) for a, origin in english], [a.title or "" for a, _ in english]
            )
        )
        coded = {id(a): self._code_parsed(a, origin, run=next(runs))[0] for a, origin in english}
        return [coded[id(a)] if id(a) in coded else _empty(a) for a in articles]

    def explain(self, article: Article) -> ArticleRun:
        """What the parse pipeline found and which pattern decided."""
        return self.pipeline.run(article.text, article.published_at.date(), article.title or "")

    def code_explained(self, article: Article) -> tuple[CodedArticle, dict[str, str], str]:
        """``code`` plus, per event id, what decided it (the pattern id, "+" the complement's), and a line
        on the article's pass (sentences, parsed candidates)."""
        if not _english(article):
            return _empty(article), {}, f"not coded: language {article.language!r} is not English"
        decided: dict[str, str] = {}
        coded, run = self._code_parsed(article, _Origin(article), decided)
        summary = (
            f"parse pipeline: {len(run.sentences)} sentences, {len(run.candidates)} parsed as candidates"
        )
        return coded, decided, summary

    def _code_parsed(
        self,
        article: Article,
        origin: _Origin,
        decided: dict[str, str] | None = None,
        run: ArticleRun | None = None,
    ) -> tuple[CodedArticle, ArticleRun]:
        """``run``: the pipeline's pass over the article when done already (``code_many``)."""
        if run is None:
            run = self.pipeline.run(article.text, origin.published, article.title or "")
        if run.cuts:
            self.pipeline.count_cuts(run.cuts)
            log.warning(
                "article %s cut to the parse coder's bounds: %s", article.article_id, run.cuts.as_dict()
            )
        read = run.read(article.text)  # (all of it, unless longer than the guard's max_article_chars)
        # the article's frame, "history" in sentences recalled as history (brink/coder/context.py)
        frames = self.frames.article(
            article.title,
            read,
            article.url,
            None,
            [(x.start, x.end) for x in run.sentences],
            origin.published.year,
        )
        events: list[EscalationEvent] = []
        threat = 0.0
        seen: set[str] = set()
        for f in run.found:
            event, score = self._parsed_event(origin, article.text, f, frames.of(f.sentence.start))
            if event.event_id in seen:
                continue
            seen.add(event.event_id)
            if decided is not None:
                decided[event.event_id] = (
                    f.decided_by if f.decided_by.startswith("classifier") else (f"pattern {f.decided_by}")
                )
            events.append(event)
            threat = max(threat, score)
        norm = normalise(read)
        sentences = split_sentences(read)
        tone = self.tone.article(norm, sentences)
        casualties = [
            trusted(Casualty, {"sentence": s.text, "span": span, "frame": frames.of(s.start)})
            for s, span in run.casualties
        ]
        coded = trusted(
            CodedArticle,
            {
                "article_id": article.article_id,
                "events": events,
                "threat_score": threat,
                "tone": tone,
                "casualties": casualties,
            },
        )
        return coded, run

    def _parsed_event(
        self, origin: _Origin, text: str, f: Found, frame: str
    ) -> tuple[EscalationEvent, float]:
        facts = self._facts(f.code)
        source = f.source.mention.actor
        target = f.target.mention.actor if f.target is not None else None
        speaker = f.speaker.mention.actor if f.speaker is not None else None
        mod = f.modality
        sentence = f.sentence
        src_span = (f.source.mention.start, f.source.mention.end)
        at = sentence.start + f.source.token.idx
        if f.source.how == "speaker" or (
            f.source.how == "pronoun" and not sentence.start <= src_span[0] < src_span[1] <= at
        ):  # "we expect Iraq to ...", "it" for an actor of an earlier sentence: the words as written
            src_text = f.source.token.text
            src_span = (at, at + len(src_text))
        else:  # (a pronoun after its antecedent in the sentence, ADR 0010: "Bangladesh says it ...")
            src_text = text[src_span[0] : src_span[1]]
        lo, hi = min(f.trigger_span[0], src_span[0]), f.trigger_span[1]
        tgt_text = ""
        if f.target is not None and f.target.mention.start >= 0:  # (a default target is not in the text)
            tgt_text = text[f.target.mention.start : f.target.mention.end]
            hi = max(hi, f.target.mention.end)
        lo, hi = max(lo, sentence.start), min(hi, sentence.end)
        if facts.threat:
            score, reasons = self.threat.score(
                ThreatInput(
                    code=f.code,
                    goldstein=facts.goldstein,
                    cameo_name=facts.cameo_name,
                    phrase=f.phrase,
                    source=source,
                    speaker=speaker,
                    target=target,
                    # a target the pattern inferred (the source's attacker, a default) is not written
                    target_explicit=f.target is not None and f.target.mention.start >= 0,
                    clause_words=tuple(normalise(f.clause or sentence.text).split()),
                    clause_text=f.clause or sentence.text,
                    negated=mod.negated,
                    conditional=mod.conditional,
                    hypothetical=mod.hypothetical,
                )
            )
        else:
            score, reasons = facts.hostility.score(mod.negated, mod.hypothetical)
        values = facts.fields.copy()
        values["event_id"] = _event_id(origin, lo, hi, f.code, source, target)
        values["article_id"] = origin.article_id
        values["url"] = origin.url
        values["published_at"] = origin.published_at
        values["ingested_at"] = origin.ingested_at
        values["source"] = _actor(source, src_text, origin.actors)
        if target is not None:
            values["target"] = _actor(target, tgt_text, origin.actors)
            values["dyad"] = _dyad(source.country, target.country)
        values["negated"] = mod.negated
        values["conditional"] = mod.conditional
        values["hypothetical"] = mod.hypothetical
        values["event_date"] = f.event_date or origin.published
        if f.location is not None:
            values["location"] = self._location(f.location, origin.locations)
        if speaker is not None and f.speaker is not None:
            spoken = text[f.speaker.mention.start : f.speaker.mention.end]
            values["speaker"] = _actor(speaker, spoken, origin.actors)
        values["quote"] = f.quote
        values["threat_score"] = score
        values["threat_reasons"] = reasons
        values["confidence"] = round3(f.confidence)
        values["sentence"] = sentence.text
        values["span"] = (lo, hi)
        values["frame"] = frame
        return trusted(EscalationEvent, values), score

    def _facts(self, code: str) -> _CodeFacts:
        facts = self._code_facts.get(code)
        if facts is None:
            info = self.cameo.get(code)
            hostility = self.threat.hostility(info.name, info.goldstein)
            facts = self._code_facts[code] = _CodeFacts(code, info, hostility)
        return facts

    @staticmethod
    def _location(p: Place, made: dict[int, Location]) -> Location:
        """The contract Location of a place, shared by the article's events (contracts are frozen)."""
        location = made.get(id(p))
        if location is None:
            location = made[id(p)] = trusted(
                Location, {"name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon}
            )
        return location
