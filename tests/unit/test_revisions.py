"""An article updated in place: what the revision repeats of its earlier versions is marked at
ingest and not coded again by the extract worker (brink/ingestion/revisions.py)."""

from __future__ import annotations

import bisect
from datetime import timedelta

from brink.alerting import AlertConfig, AlertEngine
from brink.alerting.replay import ReplayStats, replay
from brink.ingestion.ids import article_id, revision_id, text_hash
from brink.ingestion.revisions import is_repeated, piece_hashes, pieces, repeated_spans
from schemas.article import MAX_REPEATED_SPANS, Article
from schemas.decode import decode
from services.alert.findings import summary_of
from services.extract.metrics import ExtractMetrics
from services.extract.processor import ExtractProcessor, SourceRecord
from tests.fixtures.coder import article, shared_coder

OLD = "Iran threatened the United States on Monday."
NEW = "Later, U.S. forces struck Iraqi militia bases near Baghdad."


def test_repeated_sentences_are_found_whatever_their_case_spacing_or_place() -> None:
    earlier = piece_hashes(f"{OLD} The U.S. embassy was closed.")
    text = f"{NEW}\n\nIRAN  threatened the United States on Monday.   The U.S. embassy was closed."
    (span,) = repeated_spans(text, earlier)  # two pieces (three, cut at "U.S."), merged into one range
    assert (
        text[span[0] : span[1]]
        == "IRAN  threatened the United States on Monday.   The U.S. embassy was closed."
    )
    edited = text.replace("Monday", "Tuesday")
    (span,) = repeated_spans(edited, earlier)
    assert edited[span[0] : span[1]] == "The U.S. embassy was closed."  # an edited sentence is new text
    assert repeated_spans(NEW, earlier) == []
    short = "One. Two!\nThree"
    assert [short[a:b] for a, b, _ in pieces(short)] == ["One.", "Two!", "Three"]


def test_an_event_is_repeated_only_when_its_span_lies_inside_a_repeated_range() -> None:
    assert is_repeated((5, 20), [(0, 30)]) and is_repeated([0, 30], [(40, 50), (0, 30)])
    assert not is_repeated((25, 35), [(0, 30)]) and not is_repeated((5, 20), [])


def test_a_revision_id_is_deterministic_per_text_and_differs_from_the_first_versions() -> None:
    url = "https://news.example.org/a"
    assert revision_id(url, text_hash(OLD)) == revision_id(url, text_hash(OLD))
    assert revision_id(url, text_hash(OLD)) != revision_id(url, text_hash(NEW)) != article_id(url, NEW)


def _coded_events(message: bytes) -> list[tuple[str, str]]:
    processor = ExtractProcessor(shared_coder(), ExtractMetrics.create(), "events", "dead", 1 << 20)
    outcome = processor.decide(SourceRecord(message, b"k", "articles", 0, 0))
    assert outcome.status == "coded", outcome.dead_letter
    return [(e.cameo[:2], e.sentence) for e in outcome.events]


def test_the_extract_worker_codes_only_what_a_revision_adds() -> None:
    first = article(OLD, article_id="first")
    assert _coded_events(first.wire_json()) == [("13", OLD)]
    text = f"{NEW}\n\n{OLD}"
    revision = article(text, article_id="second").model_copy(
        update={"revision_of": "first", "repeated_spans": repeated_spans(text, piece_hashes(OLD))}
    )
    assert b'"revision_of":"first"' in revision.wire_json()
    assert _coded_events(revision.wire_json()) == [("19", NEW)]  # the threat was counted with "first"
    unmarked = article(text, article_id="third")  # not a revision (another URL): everything is coded
    assert sorted(_coded_events(unmarked.wire_json())) == [("13", OLD), ("19", NEW)]
    assert b"revision_of" not in unmarked.wire_json() and b"repeated_spans" not in unmarked.wire_json()


def test_replay_counts_a_revisions_repeated_sentences_once() -> None:
    text = f"{NEW}\n\n{OLD}"
    first = article(OLD, article_id="first")
    later = article(text, article_id="second").model_copy(
        update={
            "published_at": first.published_at + timedelta(hours=1),
            "revision_of": "first",
            "repeated_spans": repeated_spans(text, piece_hashes(OLD)),
        }
    )
    stats = ReplayStats()
    list(replay([first, later], AlertEngine(AlertConfig()), shared_coder(), stats))
    assert (stats.articles, stats.events) == (2, 2)  # the threat once, the strike once


def test_the_read_apis_article_summary_names_the_first_version() -> None:
    revision = article(NEW, article_id="second").model_copy(update={"revision_of": "first"})
    assert summary_of(revision).revision_of == "first"
    assert summary_of(article(OLD, article_id="first")).revision_of is None


STRIKE = "Israeli troops killed 12 Palestinians in Gaza City on Monday, health officials said."


def test_a_long_sentence_edited_by_one_word_is_repeated() -> None:
    earlier = piece_hashes(STRIKE)
    replaced = STRIKE.replace("12", "15")  # a figure corrected
    inserted = STRIKE.replace("killed", "reportedly killed")
    deleted = STRIKE.replace(" City", "")
    for edited in (replaced, inserted, deleted):
        text = f"{NEW} {edited}"
        assert [text[a:b] for a, b in repeated_spans(text, earlier)] == [edited]


def test_two_edits_or_one_edit_of_a_short_sentence_make_new_text() -> None:
    twice = STRIKE.replace("12", "15").replace("Monday", "Tuesday")
    assert repeated_spans(twice, piece_hashes(STRIKE)) == []
    short = "Iran threatened Israel on Monday."  # five words: one of them is much of what it says
    assert repeated_spans(short.replace("Israel", "Iraq"), piece_hashes(short)) == []


def test_hashes_kept_before_near_repeats_still_mark_exact_repeats() -> None:
    stored_then = {digest for _, _, digest in pieces(STRIKE)}  # a version recorded by the old ingest
    assert repeated_spans(f"{NEW} {STRIKE}", stored_then) == [(len(NEW) + 1, len(NEW) + 1 + len(STRIKE))]
    assert repeated_spans(STRIKE.replace("12", "15"), stored_then) == []  # no one-word-out hashes kept


def test_a_revision_correcting_a_figure_does_not_count_the_strike_again() -> None:
    first = article(STRIKE, article_id="first")
    assert _coded_events(first.wire_json()) == [("19", STRIKE)]
    text = f"{NEW}\n\n{STRIKE.replace('12', '15')}"
    revision = article(text, article_id="second").model_copy(
        update={"revision_of": "first", "repeated_spans": repeated_spans(text, piece_hashes(STRIKE))}
    )
    assert _coded_events(revision.wire_json()) == [("19", NEW)]


def test_past_the_limit_the_narrowest_gaps_between_repeated_ranges_are_closed() -> None:
    text = "Old one. New. Old two. A much longer new sentence sits here. Old three."
    earlier = piece_hashes("Old one. Old two. Old three.")
    assert len(repeated_spans(text, earlier)) == 3
    closed = [text[a:b] for a, b in repeated_spans(text, earlier, limit=2)]
    assert closed == ["Old one. New. Old two.", "Old three."]  # the short gap closed, the long one kept


def test_a_revision_interleaving_thousands_of_old_and_new_sentences_is_still_a_valid_message() -> None:
    count = MAX_REPEATED_SPANS + 1000
    old = " ".join(f"Old{i}." for i in range(count))
    text = " ".join(f"Old{i}. New{i}." for i in range(count))
    spans = repeated_spans(text, piece_hashes(old))
    assert len(spans) == MAX_REPEATED_SPANS
    revision = article(text, article_id="second").model_copy(
        update={"revision_of": "first", "repeated_spans": spans}
    )
    decoded = decode(revision.wire_json(), Article, 1 << 22)  # what the extract worker does
    starts = [start for start, _ in decoded.repeated_spans]
    at = 0
    for start, end, _ in pieces(old):  # every old sentence is still marked as repeated
        at = text.index(f"{old[start:end]} ", at)
        nearest = decoded.repeated_spans[bisect.bisect_right(starts, at) - 1]
        assert is_repeated((at, at + end - start), [nearest])
