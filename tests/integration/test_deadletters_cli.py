"""``brink deadletters`` as a real process against the real broker and Redis: it lists dead letters
with their reasons and re-publishes chosen originals, byte for byte, to the topic they came from."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys

import pytest
from pydantic import create_model

from brink.runtime.deadletter import MAX_ORIGINAL_BYTES, build_dead_letter
from brink.runtime.kafka import make_producer
from brink.settings import Settings
from schemas.article import REVISION_FIELDS, Article
from schemas.common import Contract
from schemas.decode import DecodeError, decode
from schemas.topics import ARTICLES, DEADLETTER, EVENTS
from tests.fixtures.alert_worker import read_all
from tests.fixtures.coder import article
from tests.fixtures.events import event
from tests.fixtures.services import ServicePool

pytestmark = pytest.mark.integration


async def _brink(pool: ServicePool, *args: str) -> subprocess.CompletedProcess[str]:
    """``brink deadletters ARGS`` as a child process with the test's topics and keys (``pool.env``)."""
    env = pool.env(KAFKA_IDEMPOTENCE=str(pool.settings.producer_idempotence).lower())
    command = [sys.executable, "-m", "brink", "deadletters", *args]
    return await asyncio.to_thread(
        subprocess.run, command, env=env, capture_output=True, text=True, timeout=120
    )


async def _dead_letter_three(settings: Settings) -> bytes:
    """An event the alert stage failed on (fixed since), a malformed article, a cut oversize one."""
    fixed = event("fixed-later").model_dump_json().encode()
    letters = [
        build_dead_letter(
            original=fixed, key=b"IRN-USA", topic=settings.topic(EVENTS), partition=2, offset=7,
            stage="alert", reason="processing_error", error="ZeroDivisionError('float division by zero')",
        ),
        build_dead_letter(
            original=b'{"text": "half', key=b"a1", topic=settings.topic(ARTICLES), partition=0, offset=3,
            stage="extract", reason="invalid_json", error="EOF while parsing a string at line 1 column 14",
        ),
        build_dead_letter(
            original=b"x" * (MAX_ORIGINAL_BYTES + 10), key=None, topic=settings.topic(ARTICLES), partition=1,
            offset=9, stage="extract", reason="oversize", error="message is too large",
        ),
    ]  # fmt: skip
    producer = make_producer(settings, max_request_size=2 * 1024 * 1024)
    await producer.start()
    try:
        for letter in letters:
            await producer.send_and_wait(
                settings.topic(DEADLETTER), key=letter.topic.encode(), value=letter.model_dump_json().encode()
            )
    finally:
        await producer.stop()
    return fixed


async def test_deadletters_lists_reasons_and_republishes_chosen_originals_once(
    settings: Settings, pool: ServicePool
) -> None:
    fixed = await _dead_letter_three(settings)

    listed = await _brink(pool)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.strip().splitlines()
    assert lines[-1] == "3 dead letters (1 invalid_json, 1 oversize, 1 processing_error)"
    assert (
        "0:0" in lines[0]
        and "alert" in lines[0]
        and "processing_error" in lines[0]
        and "ZeroDivisionError" in lines[0]
    )
    assert "0:1" in lines[1] and "invalid_json" in lines[1] and f"{settings.topic(ARTICLES)}@0:3" in lines[1]

    as_json = await _brink(pool, "--stage", "extract", "--json")
    records = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert [(r["id"], r["reason"]) for r in records] == [("0:1", "invalid_json"), ("0:2", "oversize")]
    assert records[0]["original_text"] == '{"text": "half'

    sent = await _brink(pool, "--republish", "0:0", "0:2", "9:9")
    assert sent.returncode == 1, sent.stdout + sent.stderr
    assert f"re-published 0:0 to {settings.topic(EVENTS)}" in sent.stdout
    assert "refused 0:2: its original was truncated" in sent.stdout
    assert "not found 9:9" in sent.stdout
    assert (
        sent.stdout.strip().splitlines()[-1]
        == f"re-published 1 (1 to {settings.topic(EVENTS)}), refused 1, not found 1"
    )

    events = await read_all(settings, EVENTS)
    assert [(r.key, r.value) for r in events] == [(b"IRN-USA", fixed)]

    again = await _brink(pool, "--republish", "0:0")
    assert again.returncode == 1 and "already re-published" in again.stdout
    assert "[re-published" in (await _brink(pool, "--reason", "processing_error")).stdout
    assert len(await read_all(settings, EVENTS)) == 1  # not sent twice


async def test_republish_without_ids_or_all_is_refused(settings: Settings, pool: ServicePool) -> None:
    await _dead_letter_three(settings)
    refused = await _brink(pool, "--republish")
    assert refused.returncode == 2 and "--all" in refused.stderr
    everything = await _brink(
        pool, "--republish", "--all", "--topic", "brink.articles.v1", "--reason", "invalid_json"
    )
    assert everything.returncode == 0, everything.stdout + everything.stderr
    assert f"re-published 0:1 to {settings.topic(ARTICLES)}" in everything.stdout
    articles = await read_all(settings, ARTICLES)
    assert [r.value for r in articles] == [b'{"text": "half']


def _rejected_by_an_older_worker(message: bytes) -> str:
    """The error an extract worker from before article revisions wrote for ``message``: its Article
    had no revision fields and, like every contract, refused unknown ones."""
    known_then = {
        name: (info.annotation, info)
        for name, info in Article.model_fields.items()
        if name not in REVISION_FIELDS
    }
    older = create_model("Article", __base__=Contract, **known_then)  # type: ignore[call-overload]
    with pytest.raises(DecodeError) as rejected:
        decode(message, older, 1 << 20)
    assert rejected.value.reason == "schema"
    return str(rejected.value)


async def test_revisions_an_older_worker_dead_lettered_are_replayed_alone_by_their_error(
    settings: Settings, pool: ServicePool
) -> None:
    """A rolling upgrade: an old extract worker dead-lettered revision messages it did not know.
    Once every worker is new, ``--error`` picks them out of the other schema rejects and puts them
    back, byte for byte, where the new workers code them."""
    revision = article("Iran threatened the United States.", article_id="second").model_copy(
        update={"revision_of": "first", "repeated_spans": [(0, 5)]}
    )
    message = revision.wire_json()
    letters = [
        build_dead_letter(
            original=message, key=b"second", topic=settings.topic(ARTICLES), partition=0, offset=4,
            stage="extract", reason="schema", error=_rejected_by_an_older_worker(message),
        ),
        build_dead_letter(
            original=b'{"article_id": "broken"}', key=b"broken", topic=settings.topic(ARTICLES), partition=0,
            offset=5, stage="extract", reason="schema", error="text: Field required (3 error(s))",
        ),
    ]  # fmt: skip
    producer = make_producer(settings)
    await producer.start()
    try:
        for letter in letters:
            await producer.send_and_wait(
                settings.topic(DEADLETTER), key=letter.topic.encode(), value=letter.model_dump_json().encode()
            )
    finally:
        await producer.stop()

    chosen = await _brink(pool, "--stage", "extract", "--reason", "schema", "--error", "extra inputs")
    assert chosen.returncode == 0, chosen.stderr
    assert chosen.stdout.strip().splitlines()[-1] == "1 dead letter (1 schema)"
    sent = await _brink(
        pool, "--republish", "--all", "--stage", "extract", "--reason", "schema", "--error", "Extra inputs"
    )
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert [(r.key, r.value) for r in await read_all(settings, ARTICLES)] == [(b"second", message)]
    assert decode(message, Article, 1 << 20).revision_of == "first"  # what the new workers read
