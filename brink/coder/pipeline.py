"""The coder's pipeline: segment -> mentions -> candidates -> parse -> match -> roles -> modality.

``Pipeline.run(text, published)`` returns the article's found events (``Found``): CAMEO code, source,
target, speaker, modality, the pattern that decided, spans. ``brink.coder.api.Coder`` turns them into
EscalationEvents (ids, CAMEO facts, threat scores). Plain Python: no I/O besides loading data once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Final

from spacy.language import Language
from spacy.tokens import Doc

from brink.coder import parse as parser
from brink.coder.actors import Mention, NameGuesser
from brink.coder.candidates import action_forms, is_candidate
from brink.coder.classify import SentenceClassifier, parse_features
from brink.coder.dates import find_dates
from brink.coder.guard import Cuts, Limits, for_parser, read_prefix, sentence_case, visible
from brink.coder.lexicon import AGENT, Lexicon, Place
from brink.coder.match import Match, match_sentence
from brink.coder.mentions import MentionFinder
from brink.coder.modality import Modality, modality_of, sentence_modality, threat_is_conditional
from brink.coder.pattern_files import PatternSet, load_patterns
from brink.coder.quotes import Quotation, quotation_at, quotations
from brink.coder.roles import Resolved, SentenceActors, slot_tokens
from brink.coder.segment import Sentence, segment
from brink.coder.text import normalise

CLASSIFIER_MIN_PROBABILITY: Final = 0.6


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


@dataclass(slots=True)
class ArticleRun:
    """What the pipeline saw of one article (``--explain`` shows it)."""

    sentences: list[Sentence]
    candidates: list[int]
    found: list[Found] = field(default_factory=list)
    cuts: Cuts = field(default_factory=Cuts)  # what the guard's bounds changed (brink/coder/guard.py)
    chars: int = -1  # how much of the text the pipeline read (the guard's max_article_chars); -1: all

    def read(self, text: str) -> str:
        """The part of ``text`` the pipeline read."""
        return text if self.chars < 0 else text[: self.chars]


class Pipeline:
    def __init__(
        self,
        lexicon: Lexicon,
        patterns: PatternSet | None = None,
        nlp: Language | None = None,
        classifier: SentenceClassifier | None = None,
        limits: Limits | None = None,
    ) -> None:
        """``classifier``: the learned second opinion for sentences no pattern codes (None: patterns only);
        ``limits``: the bounds on one article's sentences and words (brink/coder/guard.py)."""
        self.limits = limits if limits is not None else Limits()
        self.cut_totals: dict[str, int] = Cuts().as_dict()  # the process's cuts, by kind (count_cuts)
        self.lexicon = lexicon
        self.mentions = MentionFinder(lexicon)
        self.patterns = patterns if patterns is not None else load_patterns()
        self.forms = action_forms(self.patterns.key_lemmas())
        self.nlp = nlp if nlp is not None else parser.load_model()
        self.classifier = classifier
        # actors no dictionary lists, read from the parse's subjects and objects (ADR 0010)
        self.names = NameGuesser(lexicon.names, frozenset(), frozenset(lexicon.grammar.of_heads))

    @classmethod
    def load(cls, lexicon: Lexicon, pattern_dir: Path | None = None) -> Pipeline:
        return cls(lexicon, load_patterns(pattern_dir))

    def run(self, text: str, published: date) -> ArticleRun:
        cuts = Cuts()
        # the guard (brink/coder/guard.py): a prefix of the text, control and format characters as spaces
        text = visible(read_prefix(text, self.limits.max_article_chars, cuts))
        sentences = segment(text, self.limits.max_sentence_chars, cuts)
        norm = normalise(text)
        spans = [(s.start, s.end) for s in sentences]
        found = self.mentions.find(text, norm, spans, published)
        chosen = [
            s.index
            for s in sentences
            if is_candidate(
                norm[s.start + 1 : s.end + 1].split(),
                bool(found.mentions[s.index]) or self._may_name(s.text),
                self.forms,
            )
        ]
        chosen = self._bounded(chosen, cuts)
        run = ArticleRun(sentences, chosen, cuts=cuts, chars=len(text) if cuts.unread_chars else -1)
        docs = parser.parse(
            [self._parser_text(sentences[k], found.mentions[k], cuts) for k in chosen], self.nlp
        )
        quotes = quotations(text, [m for ms in found.mentions for m in ms])
        by_sentence = dict(zip(chosen, docs, strict=True))
        earlier: list[Mention] = []  # for pronouns: each sentence's mentions, its subject last
        attacks: list[Found] = []  # the article's attacks so far (implicit_target: attacker)
        for sentence in sentences:
            k = sentence.index
            doc = by_sentence.get(k)
            if doc is not None and self._full(run, k):
                doc = None
            if doc is not None:
                actors = SentenceActors(
                    sentence.start,
                    found.mentions[k],
                    earlier,
                    self.names,
                    [(s, e) for s, e, _ in found.places[k]],
                )
                run.found.extend(
                    self._sentence(sentence, doc, actors, found.places[k], published, quotes, attacks)
                )
            earlier.extend(_subject_last(sentence, found.mentions[k], doc))
        return run

    def count_cuts(self, cuts: Cuts) -> None:
        """Add one article's cuts to the process's totals (the extract worker exports them)."""
        for kind, n in cuts.as_dict().items():
            self.cut_totals[kind] += n

    def _parser_text(self, sentence: Sentence, mentions: list[Mention], cuts: Cuts) -> str:
        """The sentence as the parser gets it (the guard: wire copy in capitals, overlong runs)."""
        text = sentence_case(sentence.text, sentence.start, [(m.start, m.end) for m in mentions])
        return for_parser(text, self.limits.max_word_chars, cuts)

    def _full(self, run: ArticleRun, k: int) -> bool:
        """Has the article given the guard's most events already? (Then sentence ``k`` is not coded.)"""
        if len(run.found) < self.limits.max_events:
            return False
        run.cuts.uncoded_sentences += 1
        return True

    def _bounded(self, chosen: list[int], cuts: Cuts) -> list[int]:
        """The first ``max_parsed_sentences`` candidates (the guard's bound on one article's parse)."""
        most = self.limits.max_parsed_sentences
        if len(chosen) > most:
            cuts.unparsed_sentences = len(chosen) - most
            return chosen[:most]
        return chosen

    def _may_name(self, text: str) -> bool:
        """Might the sentence name an actor no dictionary lists (a guessed actor's role word, or a capitalised
        word after its first)? Only then is a sentence without a dictionary mention worth parsing."""
        words = text.split()
        roles = self.names.role_words
        return any(w[:1].isupper() for w in words[1:]) or any(
            w.lower().strip(".,;:\"'") in roles for w in words
        )

    def _sentence(
        self,
        sentence: Sentence,
        doc: Doc,
        actors: SentenceActors,
        places: list[tuple[int, int, Place]],
        on: date,
        quotes: list[Quotation],
        attacks: list[Found],
    ) -> list[Found]:
        out: list[Found] = []
        when = _date_of(sentence.text, on)
        matches = match_sentence(doc, self.patterns)
        if not matches and self.classifier is not None:
            return self._second_opinion(sentence, doc, actors, places, when)
        for m in matches:
            t0 = sentence.start + m.trigger.idx
            quoted = quotation_at(quotes, t0, t0 + len(m.trigger.text))
            for option in (m, *m.alternatives):
                events = self._events(sentence, option, actors, places, when, quoted, attacks)
                if events:
                    out.extend(events)
                    attacks.extend(
                        e for e in events if e.code[:2] in ("18", "19", "20") and e.target is not None
                    )
                    break
        return out

    def _events(
        self,
        sentence: Sentence,
        m: Match,
        actors: SentenceActors,
        places: list[tuple[int, int, Place]],
        when: date | None,
        quoted: Quotation | None,
        attacks: list[Found],
    ) -> list[Found]:
        spec = m.pattern.spec
        speaker = actors.speaker(m.trigger)
        if speaker is None and quoted is not None and quoted.speaker is not None:
            speaker = Resolved(quoted.speaker, m.trigger, "quote")
        sources: list[Resolved] = []
        for slot in spec.source:
            if slot == "speaker":
                sources = [speaker] if speaker is not None else []
            else:
                sources = actors.slot(m, slot, speaker)
            if sources:
                break
        if not sources:
            return []
        targets = _targets(m, actors, speaker)
        if not targets and spec.default_target is not None:
            targets = self._default_target(spec.default_target, sources[0], m)
        if not targets and spec.implicit_target == "attacker":
            targets = _attacker_of(sources[0], attacks, m)
        recipients = [r for slot in spec.recipient for r in actors.slot(m, slot, speaker)]
        if not targets and spec.needs_target and not (spec.mutual and len(sources) > 1):
            return []
        inner = m.inner
        modality = modality_of(
            inner.trigger if inner is not None else m.trigger, m.trigger if inner else None
        )
        t0 = sentence.start + m.trigger.idx
        trigger_span = (t0, t0 + len(m.trigger.text))
        quote = _quote(sentence, quoted)
        place = _nearest_place(places, trigger_span[0])
        pairs: list[tuple[Resolved, Resolved | None]] = []
        if not targets and spec.mutual and len(sources) > 1:
            pairs = [(a, b) for a in sources for b in sources if a is not b]
        elif targets:
            pairs = [(a, b) for a in sources for b in targets]
            if spec.symmetric:  # "A held talks with B": B held talks with A too
                pairs += [(b, a) for a, b in pairs if b is not None]
        else:
            pairs = [(a, None) for a in sources]
        out: list[Found] = []
        conditional_threat: bool | None = None  # read once per match: the trigger's subtree is long
        for src, tgt in pairs:
            if tgt is not None and tgt.mention.actor.code == src.mention.actor.code:
                continue
            code = _code_for(m, src, tgt)
            mod = modality
            if code.startswith("13") and not mod.conditional:
                if conditional_threat is None:
                    conditional_threat = threat_is_conditional(m.trigger)
                if conditional_threat:
                    mod = replace(mod, conditional=True)
            out.append(
                Found(
                    sentence=sentence,
                    code=code,
                    source=src,
                    target=tgt,
                    trigger_span=trigger_span,
                    decided_by=m.decided_by,
                    modality=mod,
                    speaker=speaker,
                    quote=quote,
                    event_date=when,
                    location=place,
                    confidence=_confidence(src, tgt),
                    recipient=recipients[0] if recipients else None,
                    phrase=_phrase(m),
                )
            )
        return out

    def _second_opinion(
        self,
        sentence: Sentence,
        doc: Doc,
        actors: SentenceActors,
        places: list[tuple[int, int, Place]],
        when: date | None,
    ) -> list[Found]:
        """No pattern matched a sentence that names two actors: the classifier's root, at a lower confidence,
        from the sentence's subject (else its first actor) to the next other actor."""
        assert self.classifier is not None
        mentions = actors.mentions
        if len({m.actor.code for m in mentions}) < 2:
            return []
        root, p = self.classifier.predict(sentence.text, parse_features(doc))
        if root == 0 or p < CLASSIFIER_MIN_PROBABILITY:
            return []
        # a root whose patterns saw their trigger word here and refused it ("called Iran a terrorist state" is
        # no appeal, "denied that it had sent" no statement of it) is not the classifier's to give
        refused = {
            int(c.spec.code[:2]) for tok in doc for c in self.patterns.by_trigger.get(tok.lemma_.lower(), ())
        }
        if root in refused:
            return []
        source = _subject_last(sentence, mentions, doc)[-1]
        target = next((m for m in mentions if m.actor.code != source.actor.code), None)
        if target is None:
            return []
        head = doc[0]
        for tok in doc:
            if tok.dep_ == "ROOT":
                head = tok
        t0 = sentence.start + head.idx
        return [
            Found(
                sentence=sentence,
                code=f"{root:02d}0",
                source=Resolved(source, head, "parse"),
                target=Resolved(target, head, "parse"),
                trigger_span=(t0, t0 + len(head.text)),
                decided_by=f"classifier (p={p:.2f})",
                modality=sentence_modality(doc),
                event_date=when,
                location=_nearest_place(places, t0),
                confidence=round(0.5 * p, 3),
                phrase=head.lemma_.lower(),
            )
        ]

    def _default_target(self, agent_id: str, source: Resolved, m: Match) -> list[Resolved]:
        """The pattern's default target (an agents.yaml id) of the source's country, not in the text."""
        agent = self.lexicon.agents_by_id.get(agent_id)
        if agent is None:
            return []
        country = source.mention.actor.country
        actor = self.mentions.actors.agent_actor(agent, agent.phrases[0], country, None)
        return [Resolved(Mention(-1, -1, actor, AGENT), m.trigger, "default")]


def _attacker_of(source: Resolved, attacks: list[Found], m: Match) -> list[Resolved]:
    """The source of the latest attack on ``source`` (its actor, else its country)."""
    actor = source.mention.actor
    for wanted in ("code", "country"):
        for f in reversed(attacks):
            assert f.target is not None
            hit = f.target.mention.actor
            by = f.source.mention.actor
            if by.code == actor.code or (by.country is not None and by.country == actor.country):
                continue  # (its own side's attacks on others)
            if (
                (hit.code == actor.code)
                if wanted == "code"
                else (actor.country and hit.country == actor.country)
            ):
                return [
                    Resolved(
                        Mention(-1, -1, f.source.mention.actor, f.source.mention.cat), m.trigger, "attacker"
                    )
                ]
    return []


def _targets(m: Match, actors: SentenceActors, speaker: Resolved | None) -> list[Resolved]:
    """The first slot of the pattern's target list that names an actor; else the complement's own."""
    for slot in m.pattern.spec.target:
        if not slot_tokens(m, slot):
            continue
        found = actors.slot(m, slot, speaker)
        if found:
            return found
    if m.inner is not None:
        return _targets(m.inner, actors, speaker)
    return []


def _code_for(m: Match, src: Resolved, tgt: Resolved | None) -> str:
    spec = m.pattern.spec
    actor = src.mention.actor
    role = actor.role or ("STATE" if actor.kind == "state" else None)
    if role is not None and role in spec.by_role:
        return spec.by_role[role]
    if tgt is None and spec.untargeted is not None:
        return spec.untargeted
    return m.code


def _confidence(src: Resolved, tgt: Resolved | None) -> float:
    """0.8 for a parsed source (0.6 else); 0.2 less for a guessed source, 0.1 for a guessed target."""
    c = 0.8 if src.how == "parse" else 0.6
    if src.mention.actor.guessed:
        c -= 0.2
    if tgt is not None and tgt.mention.actor.guessed:
        c -= 0.1
    return round(c, 3)


def _phrase(m: Match) -> str:
    words = [m.trigger.lemma_.lower()] + [
        c.lemma_.lower() for c in m.trigger.children if c.dep_ in ("prt", "dobj")
    ]
    if m.inner is not None:
        words.append(_phrase(m.inner))
    return " ".join(words)


def _date_of(sentence: str, published: date) -> date | None:
    words = normalise(sentence).split()
    dates = find_dates(words, published)
    return dates[0][1] if dates else None


def _quote(sentence: Sentence, quoted: Quotation | None) -> str | None:
    """The quoted words of the sentence, when the action stands inside a quotation."""
    if quoted is None:
        return None
    start, end = max(sentence.start, quoted.start), min(sentence.end, quoted.end)
    words = sentence.text[start - sentence.start : end - sentence.start].strip(" ,")
    return words or None


def _subject_last(sentence: Sentence, mentions: list[Mention], doc: Doc | None) -> list[Mention]:
    """The sentence's mentions with its subject moved last, where a later pronoun looks first: the
    parsed subject, else a mention among the first five words ("Now Iran is ...")."""
    if not mentions:
        return []
    subject: Mention | None = None
    if doc is not None:
        for tok in doc:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
                s = sentence.start + tok.idx
                subject = next((m for m in mentions if m.start <= s < m.end), None)
                break
    else:
        head = sentence.start + sum(len(w) + 1 for w in sentence.text.split()[:5])
        subject = next((m for m in mentions if m.start < head), None)
    if subject is None:
        return mentions
    return [m for m in mentions if m is not subject] + [subject]


def _nearest_place(places: list[tuple[int, int, Place]], at: int) -> Place | None:
    if not places:
        return None
    return min(places, key=lambda p: abs(p[0] - at))[2]
