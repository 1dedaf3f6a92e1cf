import json
from datetime import UTC, datetime

import pytest

from schemas.article import Article
from schemas.decode import DecodeError, decode

VALID = (
    Article(
        article_id="a1",
        title="t",
        text="body",
        published_at=datetime(2020, 1, 1, tzinfo=UTC),
        ingested_at=datetime(2020, 1, 1, tzinfo=UTC),
    )
    .model_dump_json()
    .encode()
)


def test_valid_article_decodes() -> None:
    assert decode(VALID, Article, 10_000).article_id == "a1"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"\xff\xfe not utf8", "invalid_utf8"),
        (b"{not json", "invalid_json"),
        (b"[1, 2]", "schema"),
        (json.dumps({"schema_version": 1, "article_id": "x"}).encode(), "schema"),
        (VALID.replace(b'"schema_version":1', b'"schema_version":7'), "schema_version"),
        (b"[" * 10_000 + b"]" * 10_000, "invalid_json"),
        (b"x" * 20_001, "oversize"),
        (None, "invalid_json"),
    ],
)
def test_bad_bytes_are_classified(raw: bytes | None, reason: str) -> None:
    with pytest.raises(DecodeError) as info:
        decode(raw, Article, 20_000)
    assert info.value.reason == reason
