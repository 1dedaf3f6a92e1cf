"""The evaluation harness: metric arithmetic on hand-made cases, the gold file, the ConfliBERT readers."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from brink.cli.main import cli
from brink.coder import Coder
from brink.evaluation import conflibert
from brink.evaluation.cameo import ROOTS, conflibert_class
from brink.evaluation.gold import (
    DEFAULT_GOLD_PATH,
    TRAP_KINDS,
    GoldEvent,
    GoldSentence,
    GoldSetError,
    load_gold,
    roots_covered,
)
from brink.evaluation.metrics import MODALITIES, Predicted, score_gold
from brink.evaluation.report import render_sentences
from brink.evaluation.runner import evaluate_conflibert, evaluate_gold, main_event
from brink.settings import Settings
from schemas.article import Article
from schemas.event import Actor, CodedArticle, EscalationEvent


def gold(id_: str, events: list[GoldEvent], trap: str | None = None) -> GoldSentence:
    return GoldSentence.model_validate(
        {
            "id": id_,
            "url": "https://example.org/a",
            "outlet": "Example",
            "date": "2020-01-02",
            "sentence": f"Sentence {id_} of a hand-made case.",
            "events": [e.model_dump() for e in events],
            "trap": trap,
        }
    )


def ev(root: int, src: str | None, tgt: str | None, **flags: bool) -> GoldEvent:
    return GoldEvent(source_country=src, target_country=tgt, root=root, **flags)


def pred(root: int, src: str | None, tgt: str | None, **flags: bool) -> Predicted:
    return Predicted(root=root, source_country=src, target_country=tgt, **flags)


# --- gold-set matching ---------------------------------------------------------------------------


def test_strict_matching_needs_root_and_both_countries_and_gives_exact_precision_recall() -> None:
    scores = score_gold(
        [
            # tp (13 USA→IRN); fn (19 USA→IRQ); fp (18 IRQ→USA: wrong root for the gold 19)
            (gold("g0001", [ev(13, "USA", "IRN"), ev(19, "USA", "IRQ")]), [pred(13, "USA", "IRN")]),
            # 19 with swapped direction: fp + fn; an extra 11: fp
            (gold("g0002", [ev(19, "IRQ", "USA")]), [pred(19, "USA", "IRQ"), pred(11, "IRN", "USA")]),
        ]
    )
    assert (scores.strict[13].tp, scores.strict[13].fp, scores.strict[13].fn) == (1, 0, 0)
    assert (scores.strict[19].tp, scores.strict[19].fp, scores.strict[19].fn) == (0, 1, 2)
    assert (scores.strict[11].tp, scores.strict[11].fp, scores.strict[11].fn) == (0, 1, 0)
    total = scores.strict_micro
    assert (total.tp, total.fp, total.fn) == (1, 2, 2)
    assert total.precision == pytest.approx(1 / 3)
    assert total.recall == pytest.approx(1 / 3)
    assert total.f1 == pytest.approx(1 / 3)
    assert scores.strict[19].recall == 0.0 and scores.strict[19].precision == 0.0


def test_root_only_matching_credits_the_right_root_with_the_wrong_actors() -> None:
    scores = score_gold(
        [(gold("g0001", [ev(19, "IRQ", "USA")]), [pred(19, "USA", "IRQ"), pred(11, "IRN", "USA")])]
    )
    assert (scores.root_only[19].tp, scores.root_only[19].fp, scores.root_only[19].fn) == (1, 0, 0)
    assert scores.root_only_micro.precision == pytest.approx(0.5)
    assert scores.root_only_micro.recall == pytest.approx(1.0)
    assert scores.strict_micro.tp == 0


def test_repeated_predictions_of_one_event_in_a_sentence_count_once() -> None:
    scores = score_gold([(gold("g0001", [ev(18, "RUS", "UKR")]), [pred(18, "RUS", "UKR")] * 3)])
    assert (scores.strict[18].tp, scores.strict[18].fp) == (1, 0)
    assert scores.strict_micro.precision == 1.0


def test_events_without_target_or_with_igo_actors_match_on_null_countries() -> None:
    scores = score_gold([(gold("g0001", [ev(1, "IRN", None), ev(11, None, "PRK")]), [pred(1, "IRN", None)])])
    assert scores.strict[1].tp == 1
    assert scores.strict[11].fn == 1


def test_no_predictions_give_zero_precision_and_recall_not_an_error() -> None:
    scores = score_gold([(gold("g0001", [ev(4, "USA", "CHN")]), [])])
    assert scores.strict_micro.as_dict() == {
        "gold": 1, "predicted": 0, "tp": 0, "fp": 0, "fn": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0,
    }  # fmt: skip
    assert scores.as_dict()["modality"]["all_three_accuracy"] == 0.0  # type: ignore[index]


def test_modality_is_judged_on_matched_events_only() -> None:
    scores = score_gold(
        [
            (gold("g0001", [ev(18, "USA", "IRN", negated=True)], trap="denial"), [pred(18, "USA", "IRN")]),
            (
                gold("g0002", [ev(13, "ISR", "IRN", conditional=True)]),
                [pred(13, "ISR", "IRN", conditional=True)],
            ),
            (gold("g0003", [ev(19, "RUS", "UKR", hypothetical=True)]), []),  # unmatched: not judged
        ]
    )
    negated, conditional = scores.modality["negated"], scores.modality["conditional"]
    assert (negated.matched, negated.agree, negated.gold_true, negated.found_true) == (2, 1, 1, 0)
    assert (conditional.matched, conditional.agree, conditional.gold_true, conditional.found_true) == (
        2,
        2,
        1,
        1,
    )
    assert scores.modality["hypothetical"].gold_true == 0
    assert scores.modality_all_agree == 1


def test_a_trap_is_fooled_only_by_events_asserted_as_fact_that_gold_does_not_hold_as_fact() -> None:
    scores = score_gold(
        [
            (gold("g0001", [], trap="figurative"), [pred(19, "USA", "CHN")]),  # "trade war": fooled
            (gold("g0002", [], trap="figurative"), []),
            # the denied strike asserted as fact: fooled
            (gold("g0003", [ev(18, "IRN", "SAU", negated=True)], trap="denial"), [pred(18, "IRN", "SAU")]),
            (
                gold("g0004", [ev(1, "IRN", None), ev(18, "IRN", "SAU", negated=True)], trap="denial"),
                [pred(1, "IRN", None), pred(18, "IRN", "SAU", negated=True)],
            ),
            # hedged but wrong root: a precision error, not a trap failure
            (gold("g0005", [ev(1, "IRN", None)], trap="denial"), [pred(19, "IRN", "SAU", negated=True)]),
            (gold("g0006", [ev(19, "USA", "IRQ")]), [pred(20, "USA", "IRQ")]),  # not a trap: not counted
        ]
    )
    assert (scores.traps["figurative"].sentences, scores.traps["figurative"].fooled) == (2, 1)
    assert (scores.traps["denial"].sentences, scores.traps["denial"].fooled) == (3, 1)
    assert scores.trap_total.rate == pytest.approx(0.4)
    assert scores.strict[19].fp == 2  # "trade war" and the hedged wrong root


def test_errors_list_the_missed_and_spurious_events_of_each_sentence() -> None:
    scores = score_gold([(gold("g0007", [ev(17, "CHN", "TWN")]), [pred(15, "CHN", "TWN")])])
    (error,) = scores.errors
    assert error.id == "g0007"
    assert error.missed == [(17, "CHN", "TWN")]
    assert error.spurious == [(15, "CHN", "TWN")]


def test_gold_event_rejects_a_full_code_outside_its_root_and_lowercase_countries() -> None:
    with pytest.raises(ValueError, match="not under root"):
        GoldEvent(source_country="USA", target_country="IRN", root=13, cameo="190")
    with pytest.raises(ValueError):
        GoldEvent(source_country="usa", target_country=None, root=1)


def test_gold_sentence_rejects_the_same_event_coded_twice() -> None:
    with pytest.raises(ValueError, match="repeat"):
        gold("g0001", [ev(13, "USA", "IRN"), ev(13, "USA", "IRN", conditional=True)])


def test_load_gold_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    good = gold("g0001", [ev(4, "USA", "CHN")]).model_dump_json()
    path.write_text(good + "\n" + '{"id": "g0002", "url": "https://x.org"}\n')
    with pytest.raises(GoldSetError, match=r"gold.jsonl:2"):
        load_gold(path)
    with pytest.raises(GoldSetError, match="not found"):
        load_gold(tmp_path / "missing.jsonl")


# --- the gold file -------------------------------------------------------------------------------


def test_every_gold_line_validates_and_carries_url_outlet_and_date() -> None:
    sentences = load_gold(DEFAULT_GOLD_PATH)
    assert len(sentences) >= 250
    for s in sentences:
        assert s.url.startswith(("http://", "https://")) and s.outlet.strip() and s.date <= date.today()
        # A sentence that codes nothing says why: a trap category, or a note (an unidentified
        # perpetrator, an accused act, a noun-phrase event: tests/gold/README.md's rules).
        assert s.events or s.trap is not None or s.note, f"{s.id}: no event, no trap category and no note"
    assert {s.trap for s in sentences if s.trap} <= set(TRAP_KINDS)
    assert len({s.sentence for s in sentences}) == len(sentences), "a sentence appears twice"


def test_the_gold_set_covers_every_cameo_root_and_every_trap_kind() -> None:
    sentences = load_gold(DEFAULT_GOLD_PATH)
    per_root = roots_covered(sentences)
    thin = {root: n for root, n in per_root.items() if n < 8}
    assert thin == {}, f"roots with fewer than 8 sentences: {thin}"
    assert {s.trap for s in sentences if s.trap} == set(TRAP_KINDS)
    flagged = {name for s in sentences for e in s.events for name in MODALITIES if getattr(e, name)}
    assert flagged == set(MODALITIES)


# --- ConfliBERT readers and scores ---------------------------------------------------------------


@pytest.fixture(scope="module")
def conflibert_dir() -> Path:
    return conflibert.locate(Settings().brink_conflibert_dir)


def test_quad_reader_parses_all_1349_labelled_sentences(conflibert_dir: Path) -> None:
    sentences = conflibert.read_quad(conflibert_dir / conflibert.QUAD_FILE)
    assert len(sentences) == 1349
    assert {s.label for s in sentences} == {0, 1, 2, 3, 4}
    assert sentences[4].text == "Protesters in the eastern Kosovan town of Gjilan burned the Macedonian flag."
    assert sentences[4].label == 4


def test_actor_reader_parses_all_1153_tagged_sentences(conflibert_dir: Path) -> None:
    sentences = conflibert.read_actors(conflibert_dir / conflibert.ACTORS_FILE)
    assert len(sentences) == 1153
    third = sentences[2]
    assert third.text.startswith("Iraqi troops launched an assault on the last ISIS group bastion")
    assert "Baghdad’s forces" in third.text
    assert [third.tokens[i] for i in sorted(third.tagged("S"))] == ["Iraqi", "troops"]
    for s in sentences:
        assert len(s.tokens) == len(s.tags) == len(s.offsets)
        assert all(s.text[a:b] == token for token, (a, b) in zip(s.tokens, s.offsets, strict=True))


def test_detokenize_rejoins_clitics_hyphens_and_punctuation_with_token_offsets() -> None:
    tokens = ["Baghdad", "’", "s", "pro", "-", "Iran", "forces", "(", "PMF", ")", "left", "."]
    text, offsets = conflibert.detokenize(tokens)
    assert text == "Baghdad’s pro-Iran forces (PMF) left."
    assert [text[a:b] for a, b in offsets] == tokens


def test_locate_fails_loudly_when_the_data_is_missing(tmp_path: Path) -> None:
    with pytest.raises(conflibert.ConfliBertDataMissing, match=conflibert.ENV_VAR):
        conflibert.locate(tmp_path)


def test_quad_scores_count_no_event_as_neutral_or_as_wrong() -> None:
    scores = conflibert.QuadScores()
    for gold_label, predicted in [(0, None), (0, 0), (4, 4), (4, 3), (3, 3), (1, None)]:
        scores.add(gold_label, predicted)
    assert scores.confusion[0] == [1, 0, 0, 0, 0, 1]
    assert scores.no_event == 2
    neutral = scores.per_class(none_as=0)
    # class 0: tp 2 (one real, one 'none'), fp 1 (the gold-1 'none'); class 3: tp 1, fp 1; class 4: tp 1, fn 1
    assert (neutral[0].tp, neutral[0].fp, neutral[0].fn) == (2, 1, 0)
    assert neutral[0].f1 == pytest.approx(0.8)
    assert neutral[3].f1 == pytest.approx(2 / 3) and neutral[4].f1 == pytest.approx(2 / 3)
    assert scores.macro_f1 == pytest.approx((0.8 + 0 + 0 + 2 / 3 + 2 / 3) / 5)
    strict = scores.per_class(none_as=None)
    assert (strict[0].tp, strict[0].fp, strict[0].fn) == (1, 0, 1)
    assert scores.macro_f1_strict == pytest.approx((2 / 3 + 0 + 0 + 2 / 3 + 2 / 3) / 5)
    assert scores.accuracy == pytest.approx(4 / 6)


def test_conflibert_class_follows_the_benchmark_readme() -> None:
    assert [conflibert_class(r) for r in ROOTS] == [
        0,
        0,
        1,
        1,
        1,
        2,
        2,
        2,
        3,
        3,
        3,
        3,
        3,
        4,
        4,
        3,
        4,
        4,
        4,
        4,
    ]


def test_actor_scores_check_overlap_with_tagged_tokens_and_reciprocal_counts_for_both() -> None:
    tokens = ["Iraqi", "troops", "attacked", "Kurdish", "fighters", "."]
    text, offsets = conflibert.detokenize(tokens)
    sentence = conflibert.ActorSentence(tuple(tokens), ("B-S", "I-S", "O", "B-T", "I-T", "O"), text, offsets)
    scores = conflibert.ActorScores()
    scores.add(
        sentence,
        [
            conflibert.ActorGuess("Kurdish fighters", "Iraqi troops"),
            conflibert.ActorGuess("troops", "Kurdish"),
        ],
    )
    assert (scores.source.main_hit, scores.source.any_hit) == (0, 1)
    assert (scores.target.main_hit, scores.target.any_hit) == (0, 1)
    assert (scores.both.tagged, scores.both.any_hit) == (1, 1)

    tokens2 = ["Serbia", "and", "Kosovo", "talked", "."]
    text2, offsets2 = conflibert.detokenize(tokens2)
    reciprocal = conflibert.ActorSentence(tuple(tokens2), ("B-R", "O", "B-R", "O", "O"), text2, offsets2)
    scores.add(reciprocal, [conflibert.ActorGuess("Serbia", "kosovo")])
    scores.add(reciprocal, [])
    assert (scores.source.tagged, scores.source.main_hit) == (3, 1)
    assert (scores.target.tagged, scores.target.main_hit) == (3, 1)
    assert scores.with_event == 2


# --- the runner and the command ------------------------------------------------------------------


def _event(article: Article, root: int, src: str, tgt: str, start: int, goldstein: float) -> EscalationEvent:
    def actor(country: str) -> Actor:
        return Actor(code=f"{country}GOV", country=country, name=country, kind="state", text=country)

    return EscalationEvent(
        event_id=f"{article.article_id}-{start}", article_id=article.article_id,
        published_at=article.published_at, source=actor(src), target=actor(tgt),
        dyad="-".join(sorted((src, tgt))),
        cameo=f"{root:02d}0", cameo_root=root, quad_class=1, goldstein=goldstein, plover_type="X",
        event_date=article.published_at.date(), threat_score=0.0, confidence=1.0, sentence=article.text,
        span=(start, start + 5), coder_version="test",
    )  # fmt: skip


class ScriptedCoder:
    """Codes every article as USA→IRN threat (13) at offset 10 and USA→IRN assault (18) at offset 0."""

    def __init__(self) -> None:
        self.seen: list[Article] = []

    def code(self, article: Article) -> CodedArticle:
        self.seen.append(article)
        events = [_event(article, 13, "USA", "IRN", 10, -4.4), _event(article, 18, "USA", "IRN", 0, -9.0)]
        return CodedArticle(article_id=article.article_id, events=events, threat_score=0.5, tone=0.0)


def test_evaluate_gold_codes_each_sentence_as_an_article_dated_by_its_publication() -> None:
    coder = ScriptedCoder()
    sentences = [gold("g0001", [ev(13, "USA", "IRN")]), gold("g0002", [], trap="figurative")]
    scores = evaluate_gold(coder, sentences)
    assert [a.text for a in coder.seen] == [s.sentence for s in sentences]
    assert coder.seen[0].published_at == datetime(2020, 1, 2, 12, tzinfo=UTC)
    assert coder.seen[0].url == "https://example.org/a" and coder.seen[0].source == "Example"
    assert (scores.strict[13].tp, scores.strict[13].fp, scores.strict[18].fp) == (1, 1, 2)
    assert scores.traps["figurative"].fooled == 1


class ExplainedCoder(ScriptedCoder):
    """The scripted coder, saying that a pattern decided the threat and the classifier the assault."""

    def code_explained(self, article: Article) -> tuple[CodedArticle, dict[str, str], str]:
        coded = self.code(article)
        threat, assault = coded.events
        decided = {threat.event_id: "pattern threaten.plain", assault.event_id: "classifier (p=0.97)"}
        return coded, decided, "parse pipeline"


def test_evaluate_gold_counts_which_path_decided_each_event_and_the_report_shows_it() -> None:
    sentences = [gold("g0001", [ev(13, "USA", "IRN")]), gold("g0002", [])]
    scores = evaluate_gold(ExplainedCoder(), sentences)
    assert scores.decided_by == {"patterns": 2, "classifier": 2}
    assert scores.as_dict()["decided_by"] == {"classifier": 2, "patterns": 2}
    assert "patterns 2, classifier 2" in render_sentences(scores, None)
    silent = evaluate_gold(ScriptedCoder(), sentences)  # a coder that does not say (the rules engine)
    assert silent.decided_by == {} and silent.as_dict()["decided_by"] == {}


def test_main_event_is_the_first_in_the_text_or_the_most_extreme() -> None:
    article = Article(
        article_id="a", text="x" * 40, published_at=datetime(2020, 1, 1, tzinfo=UTC),
        ingested_at=datetime(2020, 1, 1, tzinfo=UTC),
    )  # fmt: skip
    events = [_event(article, 13, "USA", "IRN", 10, -4.4), _event(article, 4, "USA", "IRN", 0, 1.0)]
    assert main_event(events, "first") is events[1]
    assert main_event(events, "strongest") is events[0]
    assert main_event([], "first") is None


def test_the_placeholder_coder_scores_zero_on_conflibert_without_failing(conflibert_dir: Path) -> None:
    report = evaluate_conflibert(Coder.load(), conflibert_dir)
    quad = report.quad["first"]
    assert quad.sentences == 1349
    if quad.no_event == quad.sentences:  # the placeholder: everything lands in the 'none' column
        assert quad.macro_f1 == pytest.approx(2 * (240 / 1349) / (1 + 240 / 1349) / 5)
        assert quad.macro_f1_strict == 0.0
        assert report.actors.source.main_hit == 0
    assert report.actors.sentences == 1153


def test_brink_eval_prints_json_with_dev_blind_and_conflibert_sections(tmp_path: Path) -> None:
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "sentences.jsonl").write_text(
        gold("g0001", [ev(13, "USA", "IRN")]).model_dump_json() + "\n"
    )
    result = CliRunner().invoke(cli, ["eval", "--gold-dir", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["splits"]["dev"]["sentences"]["sentences"] == 1
    assert document["splits"]["dev"]["sentences"]["strict"]["micro"]["gold"] == 1
    assert document["splits"]["dev"]["sentence_threats"]["pairs"]["gold"] == 1  # USA -> IRN, root 13
    assert document["splits"]["blind"] == {"sentences": None, "articles": None, "sentence_threats": None}
    assert document["blind"] == "no blind data yet" and document["gap_dev_minus_blind"] is None
    assert document["conflibert"]["quad"]["sentences"] == 1349
    assert len(document["conflibert"]["quad"]["confusion"]["matrix"]) == 5


def test_brink_eval_refuses_to_run_without_the_conflibert_data(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "--conflibert-dir", str(tmp_path)])
    assert result.exit_code != 0
    assert "does not hold quad_train.tsv" in result.output


def test_gold_roots_covered_counts_sentences_per_root() -> None:
    sentences = [
        gold("g0001", [ev(13, "USA", "IRN"), ev(13, "IRN", "USA")]),
        gold("g0002", [ev(1, "IRN", None)]),
    ]
    covered = roots_covered(sentences)
    assert covered[13] == 1 and covered[1] == 1 and covered[20] == 0


class OracleCoder:
    """Codes each gold sentence with exactly its gold events: the harness must then score 1.0."""

    def __init__(self, sentences: list[GoldSentence]) -> None:
        self.by_text = {s.sentence: s for s in sentences}

    def code(self, article: Article) -> CodedArticle:
        events = []
        for n, g in enumerate(self.by_text[article.text].events):

            def actor(country: str | None) -> Actor:
                return Actor(code=country or "IGO", country=country, name="x", kind="state", text="x")

            dyad = (
                "-".join(sorted((g.source_country, g.target_country)))
                if g.source_country and g.target_country
                else None
            )
            events.append(
                EscalationEvent(
                    event_id=f"{article.article_id}-{n}", article_id=article.article_id,
                    published_at=article.published_at, source=actor(g.source_country),
                    target=actor(g.target_country) if g.target_country else None, dyad=dyad,
                    cameo=g.cameo or f"{g.root:02d}0", cameo_root=g.root, quad_class=1, goldstein=0.0,
                    plover_type="X", negated=g.negated, conditional=g.conditional,
                    hypothetical=g.hypothetical,
                    event_date=article.published_at.date(), threat_score=0.0, confidence=1.0,
                    sentence=article.text, span=(0, 1), coder_version="oracle",
                )
            )  # fmt: skip
        return CodedArticle(article_id=article.article_id, events=events, threat_score=0.0, tone=0.0)


def test_a_coder_that_reproduces_the_gold_set_scores_perfectly_on_it() -> None:
    sentences = load_gold(DEFAULT_GOLD_PATH)
    scores = evaluate_gold(OracleCoder(sentences), sentences)
    assert scores.strict_micro.precision == 1.0 and scores.strict_micro.recall == 1.0
    assert all(prf.f1 == 1.0 for prf in scores.strict.values())
    assert scores.modality_all_agree == scores.matched == scores.strict_micro.gold
    assert scores.trap_total.fooled == 0 and scores.trap_total.sentences > 0
    assert scores.errors == []
