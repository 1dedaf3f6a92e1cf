import json
from pathlib import Path

import pytest

from brink.ingestion.files import article_files, read_items
from brink.ingestion.submissions import BatchRejected, parse_body, submission_from_record


def test_one_object_an_array_and_ndjson_all_parse() -> None:
    one = {"title": "A", "text": "Talks resumed."}
    assert len(parse_body(json.dumps(one).encode(), ndjson=False)) == 1
    assert len(parse_body(json.dumps([one, one]).encode(), ndjson=False)) == 2
    ndjson = (json.dumps(one) + "\n\n" + json.dumps(one) + "\n").encode()
    assert len(parse_body(ndjson, ndjson=True)) == 2


def test_errors_name_item_field_and_reason() -> None:
    body = json.dumps([{"text": "ok"}, {"text": ""}, {"text": "ok", "colour": "red"}]).encode()
    with pytest.raises(BatchRejected) as caught:
        parse_body(body, ndjson=False)
    found = [(e.index, e.field) for e in caught.value.errors]
    assert found == [(1, "text"), (2, "colour")]
    assert caught.value.items == 3


def test_a_byte_order_mark_before_json_is_ignored() -> None:
    one = json.dumps({"title": "A", "text": "Talks resumed."})
    assert parse_body(("\ufeff" + one).encode(), ndjson=False)[0].text == "Talks resumed."
    # two NDJSON files joined, each written with a BOM, and a line holding only a BOM
    joined = ("\ufeff" + one + "\n\ufeff" + one + "\n\ufeff\n").encode()
    assert [s.title for s in parse_body(joined, ndjson=True)] == ["A", "A"]


@pytest.mark.parametrize(
    ("body", "ndjson", "reason"),
    [
        (b'{"text": ', False, "not JSON"),
        (b"\xff\xfe", False, "not UTF-8"),
        (b"[]", False, "no articles"),
        (b"[" * 100_000 + b"]" * 100_000, False, "nested too deeply"),
        (b'{"text": "a"}\n{"text": ', True, "item 1 is not JSON"),
    ],
)
def test_unreadable_bodies_are_rejected_whole(body: bytes, ndjson: bool, reason: str) -> None:
    with pytest.raises(BatchRejected) as caught:
        parse_body(body, ndjson=ndjson)
    assert reason in caught.value.errors[0].reason


def test_a_full_article_record_becomes_its_submission() -> None:
    record = {
        "article_id": "abc",
        "url": "https://example.com/a",
        "title": "T",
        "text": "Talks resumed.",
        "published_at": "2024-05-06T09:00:00Z",
        "published_at_estimated": True,
        "source": "S",
        "language": "en",
        "ingested_at": "2024-05-06T09:01:00Z",
        "copies": 3,
    }
    submission = submission_from_record(record)
    assert (submission.url, submission.text, submission.source) == (
        "https://example.com/a",
        "Talks resumed.",
        "S",
    )
    assert submission.published_at is None  # an estimated date is not a date


def test_files_saved_with_a_byte_order_mark_read_like_files_without(tmp_path: Path) -> None:
    one = json.dumps({"title": "A", "text": "Talks resumed."})
    (tmp_path / "joined.jsonl").write_text("\ufeff" + one + "\n\ufeff" + one + "\n", encoding="utf-8")
    (tmp_path / "story.txt").write_text("\ufeffHeadline\nTalks resumed.", encoding="utf-8")
    items = list(read_items(article_files(tmp_path)))
    assert [i.error for i in items] == [None, None, None]
    assert sorted(i.submission.title for i in items if i.submission) == ["A", "A", "Headline"]
