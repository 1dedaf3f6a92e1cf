"""``brink code [FILE|-]``: run the coder offline. JSONL articles (or plain text) in, one JSON line per
article out (CodedArticle); ``--explain`` prints a table for people instead."""

from __future__ import annotations

import json
import sys
import textwrap
from datetime import UTC, datetime
from typing import IO, Any

import click
from pydantic import ValidationError

from brink.alerting.dyad import feeds_escalation
from brink.ingestion.errors import SubmissionRejected
from brink.ingestion.normalise import identify
from brink.ingestion.submissions import BOM
from schemas.article import Article
from schemas.event import CodedArticle, EscalationEvent


def _article_from(row: dict[str, Any], now: datetime, line_no: int) -> Article:
    """Accept a full Article or an ArticleSubmission-like object (ids and times filled in)."""
    data = dict(row)
    data.pop("schema_version", None)
    if not data.get("article_id"):
        # The id ingest would give it, so `brink code` output joins with the pipeline's events.
        url = data.get("url")
        try:
            data["article_id"] = identify(str(url) if url else None, str(data.get("text") or ""))
        except SubmissionRejected as exc:
            raise click.ClickException(f"line {line_no}: not a valid article: {exc}") from exc
    data.setdefault("published_at", now.isoformat())
    if data.get("published_at") is None:
        data["published_at"] = now.isoformat()
    data.setdefault("ingested_at", now.isoformat())
    try:
        return Article.model_validate(data)
    except ValidationError as exc:
        raise click.ClickException(
            f"line {line_no}: not a valid article: {exc.errors()[0]['msg']} "
            f"({'.'.join(str(p) for p in exc.errors()[0]['loc'])})"
        ) from exc


def read_articles(stream: IO[str], published: datetime | None) -> list[Article]:
    try:
        content = stream.read().replace(BOM, "")  # a byte-order mark is noise, never text
    except UnicodeDecodeError as exc:
        raise click.ClickException(
            f"the input is not UTF-8 (byte {exc.object[exc.start : exc.start + 1]!r} at offset {exc.start}): "
            "convert it first, e.g. `iconv -f latin1 -t utf-8`"
        ) from exc
    now = published or datetime.now(UTC)
    if not content.strip():
        return []
    if content.lstrip().startswith("{"):
        articles = []
        for line_no, line in enumerate(content.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise click.ClickException(
                    f"line {line_no}: not JSON ({exc.msg}); give JSONL or plain text"
                ) from exc
            articles.append(_article_from(row, now, line_no))
        return articles
    return [
        Article(
            article_id=identify(None, content), text=content, published_at=now, ingested_at=now, language="en"
        )
    ]


def _actor(a: Any) -> str:
    if a is None:
        return "-"
    return f"{a.name} [{a.code}]"


def explain(
    article: Article,
    coded: CodedArticle,
    out: IO[str],
    decided: dict[str, str] | None = None,
    summary: str = "",
) -> None:
    title = article.title or article.text[:70].replace("\n", " ")
    out.write(
        f"\n== {title}\n   article {article.article_id}  published {article.published_at:%Y-%m-%d %H:%M}Z  "
    )
    out.write(f"threat {coded.threat_score:.2f}  tone {coded.tone:+.2f}  events {len(coded.events)}\n")
    if summary:
        out.write(f"   {summary}\n")
    for i, e in enumerate(coded.events, 1):
        flags = [
            name
            for name, on in (
                ("negated", e.negated),
                ("conditional", e.conditional),
                ("hypothetical", e.hypothetical),
            )
            if on
        ]
        where = (
            e.location.name + (f" ({e.location.country})" if e.location.country else "")
            if e.location
            else "-"
        )
        out.write(f"\n{i:>3}. {_actor(e.source)}  --{e.cameo} {_cameo_name(e)}-->  {_actor(e.target)}\n")
        out.write(
            f"     when {e.event_date}  where {where}  quad {e.quad_class}  goldstein {e.goldstein:+.1f}"
        )
        out.write(f"  modality {', '.join(flags) or 'asserted'}  confidence {e.confidence:.2f}\n")
        out.write(f"     threat {e.threat_score:.2f}: {'; '.join(e.threat_reasons) or '-'}\n")
        if not feeds_escalation(e):
            out.write(f"     frame {e.frame}: not counted in the escalation index\n")
        if e.speaker is not None:
            out.write(f"     speaker {_actor(e.speaker)}\n")
        if decided and e.event_id in decided:
            out.write(f"     decided by {decided[e.event_id]}\n")
        evidence = f'"{e.quote}"' if e.quote else e.sentence
        for line in textwrap.wrap("evidence: " + evidence, 104):
            out.write(f"     {line}\n")
    for c in coded.casualties:
        word = article.text[c.span[0] : c.span[1]]
        out.write(f"\n  -  violence reported, no perpetrator coded ({word!r}, frame {c.frame}): no event\n")
        for line in textwrap.wrap("evidence: " + c.sentence, 104):
            out.write(f"     {line}\n")


_NAMES: dict[str, str] = {}


def _cameo_name(e: EscalationEvent) -> str:
    return _NAMES.get(e.cameo, "")


@click.command("code")
@click.argument("source", type=click.File("r", encoding="utf-8"), default="-")
@click.option("--explain", "explain_mode", is_flag=True, help="Print a readable table instead of JSON lines.")
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]),
    default=None,
    help="Publication date for plain text or articles without one (default: now, UTC).",
)
def code_command(source: IO[str], explain_mode: bool, published: datetime | None) -> None:
    """Code articles: JSONL Articles (or plain text) from FILE or stdin, one CodedArticle per line out."""
    from brink.coder import Coder
    from brink.settings import Settings

    when = published.replace(tzinfo=UTC) if published is not None else None
    articles = read_articles(source, when)
    coder = Coder.load(limits=Settings().coder_limits())  # BRINK_CODER_MAX_*, as the extract worker
    _NAMES.update({code: info.name for code, info in coder.cameo.codes.items()})
    out = sys.stdout
    for article in articles:
        if explain_mode:
            coded, decided, summary = coder.code_explained(article)
            explain(article, coded, out, decided, summary)
        else:
            coded = coder.code(article)
            out.write(coded.model_dump_json() + "\n")
    out.flush()
