"""The guard's bounds on one article (brink/coder/guard.py), alone and through the parse coder.

Each coder test here failed before the guard: 2,000 brackets in one run took 8.5 s to tokenize, a 60 KB
sentence 11-45 s to parse and code, one sentence naming 500 countries 8 s, an article of 10,000 short
sentences 22 s, a 1 MB article about 100 s; control characters made an actor of "---". The time bounds
are generous (this machine is shared): they catch a stall, not a slow minute.
"""

from __future__ import annotations

import io
import json
import sys
import time
import unicodedata
from datetime import UTC, date, datetime

import click
import pytest
from click.testing import CliRunner

from brink.cli.code import read_articles
from brink.cli.main import cli
from brink.coder import Coder
from brink.coder.dates import find_dates
from brink.coder.guard import (
    _INVISIBLE_RANGES,
    Cuts,
    Limits,
    for_parser,
    read_prefix,
    sentence_case,
    split_long,
    visible,
)
from brink.coder.quotes import quotations
from brink.coder.segment import segment
from brink.coder.text import normalise
from brink.settings import Settings
from tests.fixtures.coder import article, shared_coder

COUNTRIES = [
    "Albania",
    "Algeria",
    "Angola",
    "Argentina",
    "Armenia",
    "Austria",
    "Belgium",
    "Bolivia",
    "Brazil",
    "Bulgaria",
    "Cambodia",
    "Canada",
    "Chad",
    "Chile",
    "Colombia",
    "Cuba",
    "Denmark",
    "Egypt",
    "Estonia",
    "Finland",
    "France",
    "Georgia",
    "Germany",
    "Ghana",
    "Greece",
    "Hungary",
    "India",
    "Indonesia",
    "Ireland",
    "Italy",
    "Japan",
    "Jordan",
    "Kenya",
    "Kuwait",
    "Latvia",
    "Lebanon",
    "Libya",
    "Mali",
    "Mexico",
    "Morocco",
    "Nepal",
    "Niger",
    "Nigeria",
    "Norway",
    "Oman",
    "Pakistan",
    "Panama",
    "Peru",
    "Poland",
    "Portugal",
    "Qatar",
    "Romania",
    "Rwanda",
    "Serbia",
    "Somalia",
    "Spain",
    "Sudan",
    "Sweden",
    "Thailand",
    "Tunisia",
    "Uganda",
    "Venezuela",
    "Yemen",
    "Zambia",
]


# --- the guard alone ---------------------------------------------------------------------------------


def test_every_control_and_format_character_but_the_newline_is_invisible() -> None:
    listed = {cp for lo, hi in _INVISIBLE_RANGES for cp in range(lo, hi + 1)}
    wanted = {
        cp for cp in range(sys.maxunicode + 1) if cp != 10 and unicodedata.category(chr(cp)) in ("Cc", "Cf")
    }
    assert wanted <= listed  # (the ranges are Unicode 15's; this Python's unicodedata may be older)


def test_invisible_characters_become_spaces_one_for_one() -> None:
    text = "Iran\x00 threat\u200bened\x1b[31m Israel\u202e.\ufeff\nNext\u00adline\x85here"
    seen = visible(text)
    assert len(seen) == len(text)
    assert seen == "Iran  threat ened [31m Israel . \nNext line here"
    plain = "Iran threatened Israel.\n"
    assert visible(plain) is plain


def test_a_long_sentence_is_split_at_clause_punctuation_and_keeps_every_word() -> None:
    clause = "Iran threatened Israel and warned the United States about its bases in the Gulf, "
    text = clause * 40 + "and Israel replied."
    cuts = Cuts()
    spans = split_long(text, [(0, len(text))], 300, cuts)
    assert cuts.split_sentences == 1
    assert all(e - s <= 300 for s, e in spans)
    assert all(text[e - 1] == "," for s, e in spans[:-1])  # at the clause ends
    assert " ".join(text[s:e] for s, e in spans) == text.strip()


def test_a_sentence_without_punctuation_is_split_at_spaces_or_at_the_limit() -> None:
    words = "iran threatens israel " * 100
    cuts = Cuts()
    spans = split_long(words, [(0, len(words) - 1)], 200, cuts)
    assert all(e - s <= 200 and words[s] != " " and words[e - 1] != " " for s, e in spans)
    assert sum(len(words[s:e].split()) for s, e in spans) == 300  # no word cut or lost
    blob = "x" * 1000
    assert split_long(blob, [(0, 1000)], 300, Cuts()) == [(0, 300), (300, 600), (600, 900), (900, 1000)]


def test_short_sentences_are_left_alone() -> None:
    spans = [(0, 10), (11, 20)]
    assert split_long("a" * 20, spans, 100, Cuts()) is spans


def test_overlong_runs_reach_the_parser_as_spaces_and_are_counted() -> None:
    url = "https://example.org/" + "a/" * 60
    sentence = f"Iran threatened Israel, see {url} for more."
    cuts = Cuts()
    parsed = for_parser(sentence, 100, cuts)
    assert len(parsed) == len(sentence)
    assert parsed == sentence.replace(url, " " * len(url))
    assert cuts.blanked_words == 1
    assert for_parser("Iran threatened Israel.", 100, cuts) == "Iran threatened Israel."


def test_a_long_text_is_read_to_a_sentence_end_before_the_limit() -> None:
    text = "Iran threatened Israel. " * 1000
    cuts = Cuts()
    read = read_prefix(text, 5000, cuts)
    assert len(read) <= 5000 and read.endswith("Israel.")
    assert cuts.unread_chars == len(text) - len(read)
    assert read_prefix("short", 5000, Cuts()) == "short"


def test_a_sentence_in_capitals_reaches_the_parser_in_sentence_case_with_its_names() -> None:
    text = "TEHRAN (REUTERS) - IRAN THREATENED THE UNITED STATES ON MONDAY."
    names = [
        (10 + text.index("IRAN"), 10 + text.index("IRAN") + 4),
        (10 + text.index("UNITED"), 10 + len(text) - 11),
    ]
    cased = sentence_case(text, 10, names)
    assert cased == "Tehran (reuters) - Iran threatened the United States on monday."
    assert sentence_case("Iran threatened Israel.", 0, []) == "Iran threatened Israel."
    assert sentence_case("US, UK.", 0, []) == "US, UK."  # (too few words to be wire copy)


def test_segment_splits_only_with_a_limit() -> None:
    text = "word " * 500
    assert len(segment(text)) == 1
    pieces = segment(text, 1000)
    assert len(pieces) == 3 and [p.index for p in pieces] == [0, 1, 2]
    assert all(text[p.start : p.end] == p.text for p in pieces)


def test_the_settings_defaults_are_the_guards() -> None:
    s = Settings()
    assert Limits() == Limits(
        s.brink_coder_max_article_chars,
        s.brink_coder_max_sentence_chars,
        s.brink_coder_max_word_chars,
        s.brink_coder_max_parsed_sentences,
        s.brink_coder_max_events,
    )


def test_brink_code_refuses_input_that_is_not_utf8_with_a_readable_error() -> None:
    stream = io.TextIOWrapper(io.BytesIO(b"Iran \xff threatened Israel."), encoding="utf-8")
    with pytest.raises(click.ClickException, match=r"not UTF-8.*offset 5.*iconv"):
        read_articles(stream, None)


def test_a_paragraph_of_many_quotations_is_read_in_linear_time() -> None:
    text = 'Iran said "we will respond" and ' * 2000
    started = time.perf_counter()
    found = quotations(text, [])
    assert time.perf_counter() - started < 3.0  # (0.2 s; searching the whole paragraph: 74 s)
    assert len(found) == 2000


# --- dates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "On December 12, 2999, Iran threatened Israel.",  # far future
        "Talks are set for March 3, 2021.",  # a plan more than a week after publication
        "On January 1, 0001 Iran threatened Israel.",  # year 1
        "In July 1066 Iran threatened Israel.",
        "On February 30, 2019 Israel attacked Iran.",  # no such day
    ],
)
def test_no_impossible_date_is_the_date_of_an_action(sentence: str) -> None:
    assert find_dates(normalise(sentence).split(), date(2019, 12, 31)) == []


def test_written_out_dates_near_publication_are_kept() -> None:
    published = date(2019, 12, 31)
    found = find_dates(
        normalise("On December 27, 2019 and on January 3, 2020 and in July 2014.").split(), published
    )
    assert [d for _, d, _ in found] == [date(2019, 12, 27), date(2020, 1, 3), date(2014, 7, 1)]


# --- through the parse coder -------------------------------------------------------------------------


def timed(text: str) -> tuple[float, list[tuple[str, str, str | None]]]:
    coder = shared_coder()
    started = time.perf_counter()
    coded = coder.code(article(text))
    seconds = time.perf_counter() - started
    return seconds, [(e.cameo, e.source.code, e.target.code if e.target else None) for e in coded.events]


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    timed("Iran threatened Israel on Monday.")


def test_a_run_of_brackets_does_not_stall_the_tokenizer() -> None:
    text = "Iran " + "(" * 5000 + "threatened Israel" + ")" * 5000 + ". Israel warned Iran on Monday."
    seconds, events = timed(text)
    assert seconds < 5.0  # (about 0.05 s; unguarded, 2,000 brackets took 8.5 s and it grows as the square)
    assert ("130", "ISR", "IRN") in events


def test_an_endless_sentence_is_split_and_still_coded() -> None:
    text = " ".join(["Iran threatens Israel and the United States warns Russia while China watches"] * 500)
    assert len(text) > 35_000
    coder = shared_coder()
    run = coder.explain(article(text))
    assert run is not None
    assert run.cuts.split_sentences == 1
    assert all(s.end - s.start <= Limits().max_sentence_chars for s in run.sentences)
    seconds, events = timed(text)
    assert seconds < 20.0  # (about 3 s for 35 parsed pieces of 1,000 characters; unguarded 45 s)
    assert ("130", "IRN", "ISR") in events


def test_one_sentence_naming_hundreds_of_countries_is_bounded() -> None:
    text = "Iran threatened " + ", ".join(COUNTRIES * 8) + " and Israel on Monday."
    seconds, events = timed(text)
    assert seconds < 5.0  # (unguarded: 8 s, a conditional check per target over the whole sentence)
    assert ("130", "IRN", "ALB") in events


def test_thousands_of_sentences_parse_at_most_the_limit() -> None:
    text = " ".join(f"Iran threatens Israel number {i}." for i in range(1000))
    coder = shared_coder()
    run = coder.explain(article(text))
    assert run is not None
    assert len(run.candidates) == Limits().max_parsed_sentences
    assert run.cuts.unparsed_sentences == 1000 - Limits().max_parsed_sentences
    seconds, events = timed(text)
    assert seconds < 10.0  # (unguarded: 10,000 such sentences took 22 s)
    assert len(events) <= Limits().max_parsed_sentences


def test_a_megabyte_article_codes_its_beginning_and_counts_the_rest() -> None:
    paragraph = (
        "Iran threatened the United States on Monday. The Iraqi government condemned the attack. "
        "Israel warned Hezbollah it would respond.\n"
    )
    text = paragraph * (1_000_000 // len(paragraph))
    coder = shared_coder()
    before = dict(coder.pipeline.cut_totals) if coder.pipeline else {}
    seconds, events = timed(text)
    assert seconds < 20.0  # (unguarded: about 100 s)
    assert ("130", "IRN", "USA") in events
    assert coder.pipeline is not None
    read = read_prefix(text, Limits().max_article_chars, Cuts())
    assert read.endswith("respond.")
    assert coder.pipeline.cut_totals["unread_chars"] - before["unread_chars"] == len(text) - len(read)


def test_an_article_stops_coding_at_the_most_events() -> None:
    ten = ", ".join(COUNTRIES[:10])
    other = ", ".join(COUNTRIES[10:20])
    text = " ".join([f"{ten} attacked {other}."] * 40)
    coder = shared_coder()
    run = coder.explain(article(text))
    assert run is not None
    most = Limits().max_events
    assert most <= len(run.found) < most + 100  # (the sentence that reached it is kept whole)
    assert run.cuts.uncoded_sentences > 0
    seconds, events = timed(text)
    assert seconds < 10.0 and len(events) < most + 100


def test_wire_copy_in_capitals_is_coded_like_the_same_words_in_sentence_case() -> None:
    capitals = "TEHRAN (REUTERS) - IRAN THREATENED ISRAEL ON MONDAY. THE UNITED STATES WARNED IRAN."
    _, events = timed(capitals)
    _, cased = timed("Tehran (Reuters) - Iran threatened Israel on Monday. The United States warned Iran.")
    assert sorted(events) == sorted(cased) == [("130", "IRN", "ISR"), ("130", "USA", "IRN")]


def test_control_characters_make_no_actor_of_their_own() -> None:
    text = "Iran\x00 threatened\x01\x02 Israel\t\ton\x0bMonday\x1b[31m.\x7f Israel\x85warned Iran."
    _, events = timed(text)
    assert sorted(events) == [("130", "IRN", "ISR"), ("130", "ISR", "IRN")]


@pytest.mark.parametrize(
    "text",
    [
        "Iran threatens.",
        "IRAN THREATENS ISRAEL",
        "1 2 3 4 5 " * 2000,
        " ".join(f"https://example.org/{i}/iran-threatens-israel?x={i}" for i in range(500)),
        "<html><body><p>Iran <b>threatened</b> Israel.</p><script>var a='x';</script></body></html>" * 20,
        "Iran \U0001f1ee\U0001f1f7 threatened \U0001f525 Israel \U0001f1ee\U0001f1f1 on Monday. " * 20,
        "Ira\u0301n threatened Isra\u0327el. " + "e" + "\u0301" * 3000 + " Iran attacked Israel.",
        "\u0647\u062f\u062f\u062a \u0625\u064a\u0631\u0627\u0646 \u0625\u0633\u0631\u0627\u0626\u064a\u0644. "
        * 50,
        "\u4f0a\u6717\u5468\u4e00\u5a01\u80c1\u4ee5\u8272\u5217\u3002" * 100,
        "Iran said \"Israel said \u201cthe US said 'we will' strike\u201d today\" and left." * 30,
        "Iran Israel Russia China Ukraine Syria Iraq Turkey Egypt Hamas Hezbollah " * 100,
        "\u200f\u202e" * 500 + "Iran threatened Israel.",
    ],
    ids=[
        "two words",
        "all caps",
        "numbers",
        "urls",
        "html",
        "emoji",
        "combining",
        "arabic",
        "chinese",
        "nested quotes",
        "names only",
        "bidi marks",
    ],
)
def test_odd_texts_code_quickly_without_error(text: str) -> None:
    seconds, _ = timed(text)
    assert seconds < 5.0


def test_the_cuts_are_logged_once_per_article(caplog: pytest.LogCaptureFixture) -> None:
    text = "Iran threatened Israel, " + "and warned them again, " * 100 + "on Monday."
    with caplog.at_level("WARNING", logger="brink.coder"):
        shared_coder().code(article(text, article_id="long-one"))
    lines = [r.getMessage() for r in caplog.records if "cut to the parse coder's bounds" in r.getMessage()]
    assert len(lines) == 1 and "long-one" in lines[0] and "'split_sentences': 1" in lines[0]


def test_a_future_date_in_the_text_does_not_date_the_event() -> None:
    coded = shared_coder().code(
        article("On December 12, 2999, Iran threatened Israel.", published=datetime(2020, 1, 5, tzinfo=UTC))
    )
    assert [e.event_date for e in coded.events] == [date(2020, 1, 5)]


def _events_coded_by_brink_code(text: str) -> int:
    result = CliRunner().invoke(cli, ["code", "--published", "2020-01-01"], input=text)
    assert result.exit_code == 0, result.output
    return len(json.loads(result.output)["events"])


def test_the_bounds_come_from_the_shell_settings_not_from_the_coder_reading_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "Iran attacked Israel on Monday. Russia attacked Ukraine on Tuesday."
    assert _events_coded_by_brink_code(text) == 2
    monkeypatch.setenv("BRINK_CODER_MAX_EVENTS", "1")
    assert Settings().coder_limits() == Limits(max_events=1)
    assert _events_coded_by_brink_code(text) == 1  # `brink code` passes BRINK_CODER_MAX_EVENTS on
    assert Coder.load().pipeline.limits == Limits()  # the core reads no settings: its caller decides
