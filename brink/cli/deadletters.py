"""``brink deadletters``: list dead letters with their reasons; re-publish chosen ones after a fix.

    brink deadletters                         # every dead letter, one line each, and a summary
    brink deadletters --stage extract --json  # filtered, as JSON lines (original included)
    brink deadletters --republish 0:12 0:15   # send those originals back to their topics
    brink deadletters --republish --all --reason processing_error
    brink deadletters --republish --all --stage extract --reason schema --error "Extra inputs"

Exit status: 0 done, 1 some chosen letter was missing or refused, 3 the broker or Redis failed.
"""

from __future__ import annotations

import asyncio
import base64
import json
import sys
from collections import Counter
from collections.abc import Sequence

import click
from aiokafka.errors import KafkaError
from redis.exceptions import RedisError

from brink.logs import setup_logging
from brink.runtime.deadletters import (
    DeadLetterError,
    Republished,
    StoredLetter,
    read_dead_letters,
    republish,
)
from brink.runtime.redis import make_redis
from brink.settings import Settings

ERROR_WIDTH = 90


def _matches(
    stored: StoredLetter, stage: str | None, reason: str | None, topic: str | None, error: str | None
) -> bool:
    letter = stored.letter
    if letter is None:
        return stage is None and reason is None and topic is None and error is None
    return (
        (stage is None or letter.stage == stage)
        and (reason is None or letter.reason == reason)
        and (topic is None or letter.topic == topic or letter.topic.endswith("." + topic))
        and (error is None or error.casefold() in letter.error.casefold())
    )


def _line(stored: StoredLetter) -> str:
    letter = stored.letter
    if letter is None:
        return f"{stored.id:>8}  (unreadable dead-letter record: {stored.raw_error})"
    mark = f"  [re-published {stored.republished_at[:19]}]" if stored.republished_at else ""
    error = letter.error if len(letter.error) <= ERROR_WIDTH else letter.error[: ERROR_WIDTH - 1] + "…"
    return (
        f"{stored.id:>8}  {letter.time:%Y-%m-%d %H:%M:%S}  {letter.stage:8} {letter.reason:17} "
        f"{letter.topic}@{letter.partition}:{letter.offset}  {error}{mark}"
    )


def _json(stored: StoredLetter) -> str:
    letter = stored.letter
    if letter is None:
        return json.dumps({"id": stored.id, "unreadable": stored.raw_error})
    body = json.loads(letter.model_dump_json())
    try:
        body["original_text"] = letter.original.decode()
    except UnicodeDecodeError:
        body["original_text"] = None
    body["original"] = base64.b64encode(letter.original).decode()
    return json.dumps({"id": stored.id, **body, "republished_at": stored.republished_at})


def _summary(letters: Sequence[StoredLetter]) -> str:
    reasons = Counter(s.letter.reason if s.letter else "unreadable" for s in letters)
    detail = ", ".join(f"{count} {reason}" for reason, count in sorted(reasons.items()))
    return f"{len(letters)} dead letter{'s' if len(letters) != 1 else ''}" + (
        f" ({detail})" if detail else ""
    )


def _report(outcomes: Sequence[Republished], missing: Sequence[str]) -> list[str]:
    sent = [o for o in outcomes if o.topic is not None]
    refused = [o for o in outcomes if o.refused is not None]
    lines = [f"re-published {o.id} to {o.topic}" for o in sent]
    lines += [f"refused {o.id}: {o.refused}" for o in refused]
    lines += [f"not found {ident}: no such dead letter (ids are partition:offset)" for ident in missing]
    per_topic = Counter(o.topic for o in sent)
    where = ", ".join(f"{n} to {t}" for t, n in sorted(per_topic.items()))
    lines.append(
        f"re-published {len(sent)}" + (f" ({where})" if where else "") + f", refused {len(refused)}, "
        f"not found {len(missing)}"
    )
    return lines


async def _run(
    settings: Settings,
    ids: Sequence[str],
    filters: tuple[str | None, str | None, str | None, str | None],
    *,
    send: bool,
    every: bool,
    again: bool,
    as_json: bool,
) -> int:
    redis = make_redis(settings.redis_url) if settings.redis_url else None
    try:
        stored = await read_dead_letters(settings, redis)
        chosen = [s for s in stored if _matches(s, *filters)]
        if ids:
            by_id = {s.id: s for s in chosen}
            missing = [ident for ident in ids if ident not in by_id]
            chosen = [by_id[ident] for ident in ids if ident in by_id]
        else:
            missing = []
        if not send:
            for s in chosen:
                click.echo(_json(s) if as_json else _line(s))
            if not as_json:
                click.echo(_summary(chosen))
            for ident in missing:
                click.echo(f"not found {ident}: no such dead letter (ids are partition:offset)", err=True)
            return 1 if missing else 0
        if not ids and not every:
            raise click.UsageError("--republish needs the ids to send (see the listing) or --all")
        outcomes = await republish(settings, chosen, redis, again=again)
        for line in _report(outcomes, missing):
            click.echo(line)
        return 1 if missing or any(o.refused for o in outcomes) else 0
    finally:
        if redis is not None:
            await redis.aclose()


@click.command("deadletters")
@click.argument("ids", nargs=-1)
@click.option("--stage", help="Only letters from this stage (ingest, extract, alert, dispatch).")
@click.option("--reason", help="Only letters with this reason (e.g. invalid_json, processing_error).")
@click.option("--topic", help="Only letters whose original came from this topic (e.g. brink.articles.v1).")
@click.option(
    "--error",
    help="Only letters whose error contains this text (any case), e.g. 'Extra inputs' for messages "
    "with fields the worker that read them did not know yet (a rolling upgrade).",
)
@click.option("--json", "as_json", is_flag=True, help="JSON lines, with the original (text and base64).")
@click.option("--republish", "send", is_flag=True, help="Re-publish IDS (or --all) to their original topics.")
@click.option("--all", "every", is_flag=True, help="With --republish: every letter the filters select.")
@click.option("--again", is_flag=True, help="With --republish: also letters re-published before.")
def deadletters(
    ids: tuple[str, ...],
    stage: str | None,
    reason: str | None,
    topic: str | None,
    error: str | None,
    as_json: bool,
    send: bool,
    every: bool,
    again: bool,
) -> None:
    """List the dead letters on brink.deadletter.v1 (id = partition:offset) with their reasons, or
    re-publish chosen ones to the topic they came from once the cause is fixed."""
    settings = Settings()
    if settings.kafka_bootstrap_servers is None:
        raise click.ClickException(
            "KAFKA_BOOTSTRAP_SERVERS must be set for `brink deadletters`: run `brink infra` and export "
            "what it prints, or point it at your cluster (REDIS_URL, if set, remembers re-publications)"
        )
    setup_logging(settings.log_level, json_lines=False)
    try:
        status = asyncio.run(
            _run(
                settings,
                ids,
                (stage, reason, topic, error),
                send=send,
                every=every,
                again=again,
                as_json=as_json,
            )
        )
    except (KafkaError, RedisError, DeadLetterError, OSError) as exc:
        click.echo(f"brink deadletters failed: {exc}", err=True)
        sys.exit(3)
    sys.exit(status)
