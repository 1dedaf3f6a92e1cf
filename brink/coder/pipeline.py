"""The coder's pipeline: segment -> mentions -> candidates -> parse -> match -> roles -> modality.

``Pipeline.run(text, published)`` returns the article's found events (``Found``): CAMEO code, source,
target, speaker, modality, the pattern that decided, spans. ``brink.coder.api.Coder`` turns them into
EscalationEvents (ids, CAMEO facts, threat scores). Plain Python: no I/O besides loading data once.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Final

from spacy.language import Language
from spacy.tokens import Doc

from brink.coder import parse as parser
from brink.coder.act_anaphora import OFFENCES, offender_of, referred_act_doer
from brink.coder.actor_values import Mention
from brink.coder.agency import allowed_sources
from brink.coder.aimed_at import aimed_at_vessels, vessels_purposed
from brink.coder.antecedents import subject_last
from brink.coder.article_threats import lend_article_targets
from brink.coder.attributed_acts import accused_by_noun, attributed, lent_by_antecedent
from brink.coder.candidates import PatternWords, action_forms, is_candidate, may_have_second_opinion
from brink.coder.casualties import uncoded_casualties
from brink.coder.classify import SentenceClassifier, parse_features
from brink.coder.content_conditions import content_is_conditional
from brink.coder.denial_echo import drop_denial_echoes
from brink.coder.denials import lend_denied_targets
from brink.coder.event_parts import confidence_of, date_of, nearest_place, phrase_of, quote_of
from brink.coder.event_targets import (
    code_for,
    is_mutual,
    reporting_state,
    sides_between,
    source_target_pairs,
    targets_of,
)
from brink.coder.found import ArticleRun, Drop, Found
from brink.coder.guard import Cuts, Limits, for_parser, read_prefix, sentence_case, visible
from brink.coder.history import may_recall, recalled
from brink.coder.key_forms import AGENT, Place
from brink.coder.lent_countries import unlent_countries
from brink.coder.lexicon import Lexicon
from brink.coder.match import Match, match_sentence
from brink.coder.means import with_means
from brink.coder.mentions import ArticleMentions, MentionFinder
from brink.coder.modality import (
    inside_condition,
    modality_of,
    sentence_modality,
    threat_is_conditional,
)
from brink.coder.name_guesser import NameGuesser
from brink.coder.opinion_actors import opinion_actors, refused_roots
from brink.coder.opinion_gate import abstention
from brink.coder.own_word import said_of_itself
from brink.coder.pattern_files import PatternSet, load_patterns
from brink.coder.quotes import Quotation, quotation_at, quotations, spoken_in
from brink.coder.redundant import drop_untargeted_repeats
from brink.coder.reprisal import answers_hostile_act
from brink.coder.roles import Resolved, SentenceActors
from brink.coder.segment import Sentence, segment
from brink.coder.text import normalise
from brink.coder.threat_made import not_a_threat, not_a_threat_to
from brink.coder.threat_rules import (
    as_said,
    one_threat_per_speaker,
    threat_clause,
    threat_codes,
    threatened,
)
from brink.coder.warning_speaker import participle_warner

# The learned second opinion decides only from this (calibrated) probability on: no threshold gave its added
# events a precision of 0.7 on more than 3 events, cross-validated on dev by outlet, even with its
# abstentions (opinion_gate.py); at 0.95 it added none out of fold (build/classifier_cv, ADR 0014).
CLASSIFIER_MIN_PROBABILITY: Final = 0.95


class Pipeline:
    def __init__(
        self,
        lexicon: Lexicon,
        patterns: PatternSet | None = None,
        nlp: Language | None = None,
        classifier: SentenceClassifier | None = None,
        classifier_min_probability: float = CLASSIFIER_MIN_PROBABILITY,
        limits: Limits | None = None,
    ) -> None:
        """``classifier``: the learned second opinion for sentences no pattern codes (None: patterns only),
        believed from ``classifier_min_probability`` on (chosen by cross-validation, ADR 0014);
        ``limits``: the bounds on one article's sentences and words (brink/coder/guard.py)."""
        self.limits = limits if limits is not None else Limits()
        self.cut_totals: dict[str, int] = Cuts().as_dict()  # the process's cuts, by kind (count_cuts)
        self.lexicon = lexicon
        self.mentions = MentionFinder(lexicon)
        self.patterns = patterns if patterns is not None else load_patterns()
        self.forms = action_forms(self.patterns.key_lemmas())
        self.pattern_words = PatternWords(
            (c.trigger, (c.object, c.clause, c.modal))
            for c in self.patterns.patterns
            if not c.spec.complement
        )
        self.threat_codes = threat_codes(self.patterns)
        self.nlp = nlp if nlp is not None else parser.load_model()
        self.classifier = classifier
        self.classifier_min_probability = classifier_min_probability
        # ask it also where patterns filled no event; its actors from any verb (both off: ADR 0014)
        self.classifier_after_refusal = self.opinion_any_verb = False
        # actors no dictionary lists, read from the parse's subjects and objects (ADR 0010)
        self.names = NameGuesser(lexicon.names, frozenset(), frozenset(lexicon.grammar.of_heads))
        # the debug trace: each match that codes no event, and why, into ``ArticleRun.drops`` (off: no cost)
        self.trace = False
        self._drops: list[Drop] | None = None  # the run's drops while tracing (``_code``)
        self._at = -1  # the sentence being coded (for ``_drop``)

    @classmethod
    def load(cls, lexicon: Lexicon, pattern_dir: Path | None = None) -> Pipeline:
        return cls(lexicon, load_patterns(pattern_dir))

    def run(self, text: str, published: date, title: str = "") -> ArticleRun:
        return self.run_many([(text, published)], [title])[0]

    def run_many(self, articles: list[tuple[str, date]], titles: list[str] | None = None) -> list[ArticleRun]:
        """``run`` for several articles, their candidate sentences parsed in one ``nlp.pipe`` call: one
        article's events do not depend on the others (each sentence is parsed on its own). ``titles`` (one
        per article, "" for none): each headline is coded too, for the threats it names a target of
        (brink/coder/article_threats.py); its own events are not the article's."""
        heads = titles if titles is not None else [""] * len(articles)
        everything = [
            *articles,
            *((title, published) for title, (_, published) in zip(heads, articles, strict=True)),
        ]
        prepared = [self._candidates(text, published) for text, published in everything]
        texts = [
            self._parser_text(run.sentences[k], found.mentions[k], run.cuts)
            for run, found, _, _ in prepared
            for k in run.candidates
        ]
        docs = iter(parser.parse(texts, self.nlp))
        parsed = [{k: next(docs) for k in run.candidates} for run, _, _, _ in prepared]
        n = len(articles)
        headlines: list[list[Found]] = []
        for (_, published), (run, found, read, quotes), by_sentence in zip(
            everything[n:], prepared[n:], parsed[n:], strict=True
        ):
            self._code(read, published, run, found, by_sentence, quotes)
            headlines.append(run.found)
        out: list[ArticleRun] = []
        for (_, published), (run, found, read, quotes), by_sentence, headline in zip(
            articles, prepared[:n], parsed[:n], headlines, strict=True
        ):
            self._code(read, published, run, found, by_sentence, quotes, headline)
            out.append(run)
        return out

    def _candidates(
        self, text: str, published: date
    ) -> tuple[ArticleRun, ArticleMentions, str, list[Quotation]]:
        """The article's sentences, its dictionary mentions, the sentences worth parsing, the text read (the
        guard, brink/coder/guard.py, keeps a prefix of it, control and format characters as spaces) and its
        quotations (read once: ``_code`` needs them too)."""
        cuts = Cuts()
        text = visible(read_prefix(text, self.limits.max_article_chars, cuts))
        sentences = segment(text, self.limits.max_sentence_chars, cuts)
        norm = normalise(text)
        spans = [(s.start, s.end) for s in sentences]
        found = self.mentions.find(text, norm, spans, published)
        quotes = quotations(text, [m for ms in found.mentions for m in ms])
        chosen: list[int] = []
        for s in sentences:
            words = norm[s.start + 1 : s.end + 1].split()
            named = found.mentions[s.index]
            # (a quoted sentence whose speaker is named after the quotation has an actor: its speaker)
            has_actor = bool(named) or spoken_in(quotes, s.start, s.end) or self._may_name(s.text)
            if not is_candidate(words, has_actor, self.forms):
                continue
            # no two actors the second opinion could read: only a sentence some pattern may match is worth
            # its parse (brink/coder/candidates.py)
            if not may_have_second_opinion(named) and not self.pattern_words.may_match(words):
                continue
            chosen.append(s.index)
        chosen = self._bounded(chosen, cuts)
        run = ArticleRun(sentences, chosen, cuts=cuts, chars=len(text) if cuts.unread_chars else -1)
        return run, found, text, quotes

    def _code(
        self,
        text: str,
        published: date,
        run: ArticleRun,
        found: ArticleMentions,
        by_sentence: dict[int, Doc],
        quotes: list[Quotation],
        headline: list[Found] | None = None,
    ) -> None:
        """The events of the parsed candidate sentences (``by_sentence``), into ``run.found``; ``quotes``: the
        article's quotations as ``_candidates`` read them (nothing changes the mentions in between);
        ``headline``: the events of the article's headline (for the targets of its threats)."""
        sentences = run.sentences
        earlier: list[Mention] = []  # for pronouns: each sentence's mentions, its subject last
        hostile_acts: list[Found] = []  # the article's hostile acts so far (implicit_target: OFFENCES)
        self._drops = run.drops if self.trace else None
        for sentence in sentences:
            k = self._at = sentence.index
            doc = by_sentence.get(k)
            if doc is not None and self._full(run, k):
                doc = None
            if doc is not None:
                # a generic subject's country is not one lent by what it acts on (lent_countries.py)
                found.mentions[k] = unlent_countries(
                    found.mentions[k], doc, sentence.start, found, k, self.mentions.actors, published
                )
                actors = SentenceActors(
                    sentence.start,
                    found.mentions[k],
                    earlier,
                    self.names,
                    [(s, e) for s, e, _ in found.places[k]] + (found.datelines or [])[k : k + 1],
                    (self.mentions.actors, published),
                    found.places[k],
                )
                coded = self._sentence(
                    sentence, doc, actors, found.places[k], published, quotes, hostile_acts
                )
                run.found.extend(coded)
                run.casualties.extend(uncoded_casualties(sentence, doc, published, coded))
            earlier.extend(subject_last(sentence, found.mentions[k], doc))
        # an untargeted threat: its side's target elsewhere in the article or in its headline
        run.found = lend_article_targets(run.found, headline or [])

    def count_cuts(self, cuts: Cuts) -> None:
        """Add one article's cuts to the process's totals (the extract worker exports them)."""
        for kind, n in cuts.as_dict().items():
            self.cut_totals[kind] += n

    def _parser_text(self, sentence: Sentence, mentions: list[Mention], cuts: Cuts) -> str:
        """The sentence as the parser gets it (the guard: wire copy in capitals, overlong runs)."""
        text = sentence_case(sentence.text, sentence.start, [(m.start, m.end) for m in mentions])
        return for_parser(text, self.limits.max_word_chars, cuts)

    def _drop(self, m: Match, why: str) -> list[Found]:
        """No event from match ``m``, for reason ``why`` (kept in the run's trace when tracing)."""
        if self._drops is not None:
            self._drops.append(Drop(self._at, m.code, m.decided_by, why))
        return []

    def _dropped(self, before: list[Found], after: list[Found], why: str) -> list[Found]:
        """``after``, a stage's filtering of ``before``: the events it removed go to the trace as ``why``."""
        if self._drops is not None:
            kept = {id(f) for f in after}
            self._drops.extend(Drop(self._at, f.code, f.decided_by, why) for f in before if id(f) not in kept)
        return after

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
        hostile_acts: list[Found],
    ) -> list[Found]:
        out: list[Found] = []
        matches = match_sentence(doc, self.patterns)
        if not matches and self.classifier is not None:
            return self._second_opinion(sentence, doc, actors, places, on)
        when = date_of(sentence.text, on) if matches else None  # (read only for a match's events)
        dated = bool(matches) and may_recall(doc)
        for m in matches:
            if dated and recalled(m.inner.trigger if m.inner is not None else m.trigger, on):
                self._drop(m, "history")
                continue  # an act dated long before publication is background, not coded (history.py)
            t0 = sentence.start + m.trigger.idx
            quoted = quotation_at(quotes, t0, t0 + len(m.trigger.text))
            for option in (m, *m.alternatives):
                events = self._events(sentence, option, actors, places, when, quoted, hostile_acts)
                if events:
                    out.extend(events)
                    hostile_acts.extend(
                        e
                        for e in events
                        if e.code[:2] in OFFENCES["offender"] and e.target is not None and not e.in_condition
                    )
                    break
        if not out and matches and self.classifier is not None and self.classifier_after_refusal:
            return self._second_opinion(sentence, doc, actors, places, on, "refused")
        if any(f.in_condition for f in out) and not all(f.in_condition for f in out):
            out = self._dropped(out, [f for f in out if not f.in_condition], "in a condition")
        out = self._dropped(out, drop_untargeted_repeats(out), "untargeted repeat")
        out = self._dropped(out, drop_denial_echoes(out, doc), "denial echo")
        out = lend_denied_targets(out, doc, actors)
        return self._dropped(out, one_threat_per_speaker(out), "one threat per speaker")

    def _events(
        self,
        sentence: Sentence,
        m: Match,
        actors: SentenceActors,
        places: list[tuple[int, int, Place]],
        when: date | None,
        quoted: Quotation | None,
        hostile_acts: list[Found],
    ) -> list[Found]:
        spec = m.pattern.spec
        speaker = actors.speaker(m.trigger) or participle_warner(m.trigger, actors)  # ", warning that ..."
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
        both = not sources and bool(sources := sides_between(m, actors, speaker))
        targets = [] if both else targets_of(m, actors, speaker, sources)
        if not sources:
            sources = reporting_state(m, speaker, targets)
        if not sources:
            return self._drop(m, "no source")
        if not (sources := allowed_sources(spec, m.code, sources)):
            return self._drop(m, "source not allowed")
        mutual = both or is_mutual(m)
        if not targets and m.code.startswith("13"):
            targets = threatened(m, actors, speaker, sources) or referred_act_doer(m, sources, hostile_acts)
        if not targets and spec.default_target is not None:  # (not the crowd: "to intimidate ... vessels")
            targets = [t for o in vessels_purposed(m.trigger) if (t := actors.of_token(o, speaker))][:1]
            if not targets and not aimed_at_vessels(m.trigger):
                targets = self._default_target(spec.default_target, sources[0], m)
        if not targets and spec.implicit_target is not None:
            targets = offender_of(sources[0], hostile_acts, m, OFFENCES[spec.implicit_target])
        recipients = [r for slot in spec.recipient for r in actors.slot(m, slot, speaker)]
        if not targets and spec.needs_target and not (mutual and len(sources) > 1):
            return self._drop(m, "no target")
        inner = m.inner
        if (why := not_a_threat(m, actors)) is not None:  # advice, a thing's risk, a rebuke (threat_made.py)
            return self._drop(m, f"not a threat: {why}")
        # "... if Washington seizes its assets": a condition, not an act (dropped by _sentence when the
        # sentence codes another action)
        in_condition = inside_condition(inner.trigger if inner is not None else m.trigger)
        modality = modality_of(
            inner.trigger if inner is not None else m.trigger, m.trigger if inner else None
        )
        # "refused to attend the dinner if Lavrov is there": the refused act's condition
        if not modality.conditional and inner is None and content_is_conditional(m.code, m.trigger):
            modality = replace(modality, conditional=True)
        # "vowed to respond to the attack": a reprisal for an act done needs no condition
        answers = spec.needs_condition and answers_hostile_act(m.trigger, modality)
        if spec.needs_condition and not (modality.conditional or threat_is_conditional(m.trigger) or answers):
            return self._drop(m, "no condition")
        if spec.own_word and not said_of_itself(m.trigger):  # "said it would retaliate" (own_word.py)
            return self._drop(m, "not said of itself")
        # "accused Russia of attacking", "on alert for a missile test": not done (attributed_acts.py)
        if not modality.negated and (why := attributed(m.trigger)) is not None:
            return self._drop(m, f"attributed: {why}")
        if modality.negated and accused_by_noun(m.trigger):  # "rejected accusations that ships had intruded"
            return self._drop(m, "attributed: accused (a denied accusation)")
        if spec.only_negated:  # "will not accept the proposal": the refusal is asserted
            modality = replace(modality, negated=False)
        t0 = sentence.start + m.trigger.idx
        trigger_span = (t0, t0 + len(m.trigger.text))
        quote = quote_of(sentence, quoted)
        place = nearest_place(places, trigger_span[0])
        pairs, reversed_from = source_target_pairs(sources, targets, mutual, spec.symmetric)
        out: list[Found] = []
        conditional_threat_said: bool | None = None  # read once per match: the trigger's subtree is long
        clause = ""  # the threat's clause, for its score (read once per match, for threats only)
        for k, (src, tgt) in enumerate(pairs):
            if tgt is not None and tgt.mention.actor.code == src.mention.actor.code:
                continue
            mention = (src.mention.start - sentence.start, src.mention.end - sentence.start)
            if lent_by_antecedent(m.trigger, src.token, mention):  # "an attack on a mosque in X that killed"
                continue
            if k >= reversed_from and spec.converse and (modality.hypothetical or modality.future):
                continue  # "will pay a visit to China": the visit is to come; no one has hosted it yet
            if not_a_threat_to(m, src, tgt, actors, speaker) is not None:
                continue
            # "A visited B": B hosted A (the converse code), unless the source's role decides
            code = with_means(code_for(m, src, tgt, converse=k >= reversed_from), m.trigger)
            mod = modality
            if code.startswith("13") and not mod.conditional:
                if conditional_threat_said is None:
                    conditional_threat_said = threat_is_conditional(m.trigger)
                if conditional_threat_said:
                    mod = replace(mod, conditional=True)
            code, mod = as_said(code, mod, m, self.threat_codes, src, actors)
            if not clause and code.startswith("13"):
                clause = threat_clause(m.trigger)
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
                    confidence=confidence_of(src, tgt),
                    recipient=recipients[0] if recipients else None,
                    phrase=phrase_of(m),
                    clause=clause,
                    in_condition=in_condition,
                )
            )
        return out if out else self._drop(m, "no pair left (same actor, doer, converse or threat target)")

    def _second_opinion(
        self,
        sentence: Sentence,
        doc: Doc,
        actors: SentenceActors,
        places: list[tuple[int, int, Place]],
        on: date,
        path: str = "",
    ) -> list[Found]:
        """No pattern coded a sentence that names two actors: the classifier's root, at a lower confidence,
        from its main clause's subject to that clause's object-side actor (``_opinion_actors``)."""
        assert self.classifier is not None
        mentions = actors.mentions
        if len({m.actor.code for m in mentions}) < 2:
            return []
        pair = opinion_actors(doc, actors, self.opinion_any_verb)
        if pair is None:
            return []
        source, target, head = pair
        if abstention(doc, source, target, head, on) is not None:
            return []  # a pair, a date or a modality it cannot judge (opinion_gate.py)
        said = self._choose(sentence.text, parse_features(doc), refused_roots(doc, self.patterns), path)
        if said is None:
            return []
        root, p = said
        t0 = sentence.start + head.idx
        return [
            Found(
                sentence=sentence,
                code=f"{root:02d}0",
                source=source,
                target=target,
                trigger_span=(t0, t0 + len(head.text)),
                decided_by=f"classifier (p={p:.2f}{', ' + path if path else ''})",
                modality=sentence_modality(doc),
                event_date=date_of(sentence.text, on),
                location=nearest_place(places, t0),
                confidence=round(0.5 * p, 3),
                phrase=head.lemma_.lower(),
            )
        ]

    def _choose(
        self, text: str, features: dict[str, object], refused: frozenset[int], path: str
    ) -> tuple[int, float] | None:
        """The classifier's root and probability, or None for "no event", one below the threshold, or a root
        whose patterns saw their trigger here and refused it (``refused_roots``); where patterns matched but
        filled no event (``path`` "refused"), only such a root (the trigger agrees)."""
        assert self.classifier is not None
        root, p = self.classifier.predict(text, features)
        if root == 0 or p < self.classifier_min_probability or (root in refused) != (path == "refused"):
            return None
        return root, p

    def _default_target(self, agent_id: str, source: Resolved, m: Match) -> list[Resolved]:
        """The pattern's default target (an agents.yaml id) of the source's country, not in the text."""
        agent = self.lexicon.agents_by_id.get(agent_id)
        country = source.mention.actor.country
        if agent is None or country is None:  # (an organisation's "own people" are no one's)
            return []
        actor = self.mentions.actors.agent_actor(agent, agent.phrases[0], country, None)
        return [Resolved(Mention(-1, -1, actor, AGENT), m.trigger, "default")]
