"""Hearsay is not an act done (brink/coder/attributed_acts.py ``is_hearsay``), and the pipeline's debug trace
says why a match coded no event (``Pipeline.trace``, ``ArticleRun.drops``; brink/evaluation/funnel.py reads
it). The sentences are written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from brink.coder.found import ArticleRun, Drop
from brink.coder.segment import segment
from brink.evaluation.funnel import stage_of
from tests.fixtures.coder import article, asserted_events, shared_coder, shared_pipeline


@pytest.mark.parametrize(
    "text",
    [
        "Posts on social media claimed that the Rwandan army had sent 500 troops into eastern Congo.",
        "There were reports claiming that Ethiopian troops had crossed into Sudan near Gallabat.",
        "Rumours that Kenyan police had arrested Ugandan opposition supporters spread quickly on Sunday.",
    ],
)
def test_an_act_only_claimed_or_rumoured_is_not_coded(text: str) -> None:
    assert not {a for a in asserted_events(text) if a[0] in (15, 17, 18, 19, 20)}


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("Reuters reported that Ethiopian troops shelled Sudanese positions near Gallabat.", 19),
        ("Ethiopian troops shelled Sudanese positions near Gallabat, local media reported.", 19),
    ],
)
def test_an_act_an_outlet_reports_as_done_stays(text: str, act: int) -> None:
    assert any(a[0] == act for a in asserted_events(text))


def test_a_claimed_act_that_is_denied_stays_negated() -> None:
    text = "Uganda denied claims that its soldiers had crossed into Congo."
    events = shared_coder().code(article(text)).events
    assert all(e.negated for e in events if e.cameo_root in (15, 18, 19))


def test_the_claimed_deployment_of_a_denied_report_does_not_move_the_article() -> None:
    text = (
        "Social media posts this week claimed that the Ugandan army had deployed 800 troops in Congo. "
        "The army spokesman dismissed the reports as false."
    )
    assert not {a for a in asserted_events(text) if a[0] in (15, 18, 19)}


def test_the_trace_is_off_by_default() -> None:
    run = shared_pipeline().run("Pakistani troops shelled Indian posts in Kashmir.", date(2024, 1, 1))
    assert shared_pipeline().trace is False
    assert run.drops == []


def test_the_trace_names_the_stage_that_dropped_a_match() -> None:
    pipeline = shared_pipeline()
    pipeline.trace = True
    try:
        run = pipeline.run("Posts claimed that Indian troops shelled Pakistani posts.", date(2024, 1, 1))
    finally:
        pipeline.trace = False
    assert run.found == []
    assert [(d.code[:2], d.why) for d in run.drops] == [("19", "attributed: hearsay")]


def _run(drops: list[Drop], candidates: list[int]) -> ArticleRun:
    return ArticleRun(segment("Troops crossed the border."), candidates, drops=drops)


def test_the_funnel_reads_a_drop_of_the_gold_root() -> None:
    run = _run([Drop(0, "190", "force.shell", "no target")], [0])
    assert stage_of((19, "IND", "PAK"), run, has_trigger=True) == ("dropped", "no target")


@pytest.mark.parametrize(
    ("drops", "candidates", "has_trigger", "stage"),
    [
        ([], [], False, "not a candidate"),
        ([], [0], False, "no trigger word"),
        ([], [0], True, "trigger, no match"),
        ([Drop(0, "111", "statement.criticize", "no source")], [0], True, "wrong root"),
    ],
)
def test_the_funnel_names_where_nothing_was_matched(
    drops: list[Drop], candidates: list[int], has_trigger: bool, stage: str
) -> None:
    assert stage_of((19, "IND", "PAK"), _run(drops, candidates), has_trigger)[0] == stage
