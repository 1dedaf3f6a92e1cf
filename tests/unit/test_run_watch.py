"""The live view of ``brink run``: one line per article even when an alert comes in between its events."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import UTC, datetime

from brink.cli.watch import (
    ALERT_HOLD_SECONDS,
    ARTICLE_QUIET_SECONDS,
    Watcher,
    WatchTargets,
    _ArticleEvents,
    _HeldAlert,
    describe_article,
    describe_index,
    read_index,
)
from brink.settings import Settings
from schemas.topics import ALERTS, EVENTS
from tests.fixtures.alerts import make_alert
from tests.fixtures.events import TRUMP, event


def _watcher() -> tuple[Watcher, list[str]]:
    lines: list[str] = []
    watcher = Watcher(Settings(), WatchTargets("http://127.0.0.1:1/metrics", None), lines.append)
    watcher.release()  # live: print straight away
    return watcher, lines


def test_an_alert_between_an_articles_events_does_not_split_the_article() -> None:
    watcher, lines = _watcher()
    settings = watcher.settings
    pending: dict[str, _ArticleEvents] = defaultdict(_ArticleEvents)
    held: list[_HeldAlert] = []
    first, second = event("e1", article_id="art-1"), event("e2", article_id="art-1", cameo="190")
    watcher._take(settings.topic(EVENTS), first.model_dump_json().encode(), pending, held)
    watcher._take(settings.topic(ALERTS), make_alert().model_dump_json().encode(), pending, held)
    watcher._take(settings.topic(EVENTS), second.model_dump_json().encode(), pending, held)
    now = pending["art-1"].last_seen
    watcher._flush(pending, held, now)
    assert lines == []  # the article is still arriving: nothing yet
    watcher._flush(pending, held, now + ARTICLE_QUIET_SECONDS + 0.1)
    assert [line.split()[0] for line in lines] == ["coded", "alert"]
    assert "art-1" in lines[0] and "  2 events" in lines[0]


def test_alerts_are_not_held_back_forever_by_a_stream_of_articles() -> None:
    watcher, lines = _watcher()
    settings = watcher.settings
    pending: dict[str, _ArticleEvents] = defaultdict(_ArticleEvents)
    held: list[_HeldAlert] = []
    watcher._take(settings.topic(ALERTS), make_alert().model_dump_json().encode(), pending, held)
    start = held[0].received
    for i in range(5):  # a new article keeps arriving
        watcher._take(
            settings.topic(EVENTS),
            event(f"e{i}", article_id=f"art-{i}").model_dump_json().encode(),
            pending,
            held,
        )
        pending[f"art-{i}"].last_seen = start + i
    watcher._flush(pending, held, start + 0.1)
    assert lines == []
    watcher._flush(pending, held, start + ALERT_HOLD_SECONDS + 0.1)
    assert any(line.startswith("alert") for line in lines)


def test_article_line_counts_events_in_the_right_number() -> None:
    one = describe_article("art-1", [event("e1", article_id="art-1")])
    two = describe_article("art-2", [event("e1"), event("e2", cameo="190", threat_score=0.5)])
    assert "  1 event  " in one and "events" not in one
    assert "  2 events " in two
    assert one.index("strongest") == two.index("strongest")  # columns stay aligned


def test_the_strongest_event_of_a_tie_is_the_earliest_in_the_text_whatever_the_arrival_order() -> None:
    earlier = event("e1", source=TRUMP, threat_score=0.5, span=(10, 40))
    later = event("e2", threat_score=0.5, span=(200, 240))
    weaker = event("e3", source=TRUMP, threat_score=0.4, span=(0, 5))
    orders = ([earlier, later, weaker], [weaker, later, earlier])
    lines = {describe_article("art-1", order) for order in orders}
    assert len(lines) == 1
    assert "strongest: Donald Trump → Iran" in lines.pop()


def test_the_strongest_event_is_the_most_hostile_act_not_the_threat_with_the_higher_score() -> None:
    # the Soleimani sample: missiles fired (190, Goldstein -10) and, before them, revenge promised (138,
    # Goldstein -7) whose threat score is the higher
    attack = event("e1", source=TRUMP, cameo="190", goldstein=-10.0, threat_score=0.5, span=(0, 90))
    threat = event("e2", cameo="138", goldstein=-7.0, threat_score=0.52, span=(300, 380))
    line = describe_article("art-1", [threat, attack])
    assert "strongest: Donald Trump → Iran fight" in line


def test_a_hypothetical_attack_is_not_the_strongest_over_a_threat_made() -> None:
    maybe = event("e1", source=TRUMP, cameo="190", goldstein=-10.0, hypothetical=True, span=(0, 50))
    threat = event("e2", cameo="138", goldstein=-7.0, threat_score=0.6, span=(60, 120))
    line = describe_article("art-1", [maybe, threat])
    assert "threaten (threat 0.60)" in line and "Donald Trump" not in line


def test_an_act_aimed_at_someone_is_stronger_than_one_aimed_at_no_one() -> None:
    aimed = event("e1", cameo="138", goldstein=-7.0, threat_score=0.5, span=(0, 50))
    unaimed = event("e2", source=TRUMP, cameo="190", goldstein=-10.0, span=(60, 120)).model_copy(
        update={"target": None, "dyad": None}
    )
    line = describe_article("art-1", [unaimed, aimed])
    assert "strongest: United States → Iran threaten" in line


async def test_stop_ends_the_live_views_waits_at_once() -> None:
    """Ctrl-C in ``brink run`` must not wait out the index poll (3 s) or the sink poll."""
    watcher, _ = _watcher()
    watcher._stopping, watcher._loop = asyncio.Event(), asyncio.get_running_loop()
    pausing = asyncio.create_task(watcher._pause(3600))
    watcher.stop()
    await asyncio.wait_for(pausing, timeout=10)  # a deadline against a hang, not a speed target
    assert pausing.done() and not pausing.cancelled()


def test_index_line_says_which_event_time_the_values_are_as_of() -> None:
    exposition = (
        "# HELP brink_alert_index Escalation index.\n# TYPE brink_alert_index gauge\n"
        'brink_alert_index{dyad="IRN-USA"} 1.6\nbrink_alert_index{dyad="RUS-UKR"} 20.9\n'
        "# HELP brink_alert_event_time_seconds Event time.\n# TYPE brink_alert_event_time_seconds gauge\n"
        "brink_alert_event_time_seconds 1.5778368e+09\n"
    )
    values, as_of = read_index(exposition)
    assert values == {"IRN-USA": 1.6, "RUS-UKR": 20.9}
    assert as_of == datetime(2020, 1, 1, tzinfo=UTC)
    line = describe_index(values, as_of)
    assert line.startswith("index    (event time 2020-01-01 00:00 UTC)  RUS-UKR 20.9  IRN-USA 1.6")
    assert read_index(exposition.split("# HELP brink_alert_event_time")[0])[1] is None
