"""``brink ingest`` run as a real subprocess against the session's broker and Redis."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from brink.runtime.embedded import Infrastructure
from brink.settings import Settings
from schemas.topics import ARTICLES
from tests.conftest import REPO_ROOT
from tests.fixtures.ingest import article_of
from tests.fixtures.kafka import consume_all_for, consume_until

SAMPLES = REPO_ROOT / "samples"


def _brink_ingest(infra: Infrastructure, settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        **infra.env(),
        "TOPIC_PREFIX": settings.topic_prefix,
        "REDIS_KEY_PREFIX": settings.redis_key_prefix,
    }
    return subprocess.run(
        [sys.executable, "-m", "brink", "ingest", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO_ROOT,
    )


async def test_brink_ingest_publishes_every_sample_once_then_reports_duplicates(
    infra: Infrastructure, settings: Settings
) -> None:
    samples = [json.loads(line) for line in (SAMPLES / "articles.jsonl").read_text().splitlines() if line]
    first = _brink_ingest(infra, settings, "samples/")
    assert first.returncode == 0, first.stderr
    assert (
        first.stdout.splitlines()[0]
        == f"published {len(samples)}, duplicates 0 (0 exact, 0 near), rejected 0"
    )
    assert f"{len(samples)}/{len(samples)}" in first.stderr  # the progress bar

    records = await consume_until(settings, settings.topic(ARTICLES), lambda rs: len(rs) >= len(samples))
    articles = [article_of(r.value) for r in records]
    assert sorted(a.title for a in articles) == sorted(s["title"] for s in samples)
    assert len({r.key for r in records}) == len(samples)
    assert {a.language for a in articles} == {"en", "es"}

    again = _brink_ingest(infra, settings, "samples/", "--verbose")
    assert again.returncode == 0, again.stderr
    assert (
        again.stdout.splitlines()[0]
        == f"published 0, duplicates {len(samples)} ({len(samples)} exact, 0 near), rejected 0"
    )
    assert len(await consume_all_for(settings, settings.topic(ARTICLES))) == len(samples)


async def test_brink_ingest_reads_txt_and_html_and_reports_rejected_lines(
    infra: Infrastructure, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(
        "Border talks resume\n\nNegotiators met in Geneva on Monday to resume talks.\n"
    )
    (tmp_path / "b.html").write_text(
        "<html><head><title>Ministers sign water-sharing accord</title></head><body><nav>Home | World</nav>"
        "<article><p>The two water ministers signed an accord on Tuesday sharing the river's flow during "
        "droughts, ending a dispute that had lasted a decade.</p><p>Farmers' groups on both sides welcomed "
        "the agreement, which takes effect next year.</p></article></body></html>"
    )
    (tmp_path / "c.jsonl").write_text('{"title": "missing its text"}\nnot json\n')
    result = _brink_ingest(infra, settings, str(tmp_path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "published 2, duplicates 0 (0 exact, 0 near), rejected 2"
    assert f"  rejected: {tmp_path}/c.jsonl:1: text: Field required" in lines
    assert any(line.startswith(f"  rejected: {tmp_path}/c.jsonl:2: not JSON") for line in lines)

    records = await consume_until(settings, settings.topic(ARTICLES), lambda rs: len(rs) >= 2)
    by_title = {article_of(r.value).title: article_of(r.value) for r in records}
    assert by_title["Border talks resume"].text == "Negotiators met in Geneva on Monday to resume talks."
    accord = by_title["Ministers sign water-sharing accord"]
    assert "sharing the river's flow" in accord.text and "Home" not in accord.text
