"""Short English texts are coded, not dropped as other languages (issue 15, item 3), through the
ingest API, the broker and a real extract worker (the real coder)."""

from __future__ import annotations

import pytest

from brink.settings import Settings
from schemas.event import EscalationEvent
from schemas.topics import EVENTS
from tests.fixtures.alert_worker import Records, read_until, wait_until
from tests.fixtures.services import ServicePool, post

pytestmark = pytest.mark.integration

# issue 15: py3langid's full model called these crh, sn, wa and fr, and the coder skipped them.
# The dyad each is coded with; None: coded, but the coder finds no event in it (a known failure of the
# parse coder, listed in tests/unit/coder_known_failures.yaml).
SHORT_ENGLISH: dict[str, str | None] = {
    "Russia attacked Ukraine.": "RUS-UKR",
    "China warns Taiwan.": "CHN-TWN",
    "Israel strikes Gaza.": "ISR-PSE",
    "US sanctions Venezuela.": None,
}


def _dyads_by_article(records: Records) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for record in records:
        e = EscalationEvent.model_validate_json(record.value)
        found.setdefault(e.article_id, set()).add(e.dyad or "")
    return found


async def test_short_english_articles_are_detected_as_english_and_coded_and_foreign_ones_skipped_by_reason(
    pool: ServicePool, settings: Settings
) -> None:
    ingest = pool.ingest_api()
    extract = pool.extract("extract")

    body = [{"text": text} for text in SHORT_ENGLISH] + [{"text": "La Russie a attaqué l'Ukraine."}]
    posted = await post(f"{ingest.url}/v1/articles", json=body, timeout=30)
    assert posted.status_code == 202, posted.text
    results = posted.json()["articles"]
    assert [r["language"] for r in results] == ["en", "en", "en", "en", "fr"]
    ids = {r["article_id"]: text for r, text in zip(results, SHORT_ENGLISH, strict=False)}

    with_events = {article_id for article_id, text in ids.items() if SHORT_ENGLISH[text] is not None}
    records = await read_until(
        settings, EVENTS, lambda rs: set(_dyads_by_article(rs)) >= with_events, timeout=90
    )
    coded = _dyads_by_article(records)
    for article_id in with_events:
        assert SHORT_ENGLISH[ids[article_id]] in coded[article_id], (ids[article_id], coded[article_id])

    await wait_until(
        lambda: extract.metric("brink_extract_skipped_total{reason=language}") == 1,
        60,
        "the French article to be counted as skipped for its language",
    )
    await wait_until(lambda: extract.metric("brink_extract_articles_total") == 4, 30, "four articles coded")


async def test_an_invalid_language_is_refused_with_a_422_naming_the_field(pool: ServicePool) -> None:
    ingest = pool.ingest_api()
    for language in ("english", "xx", "crh"):
        refused = await post(
            f"{ingest.url}/v1/articles",
            json={"text": "Russia attacked Ukraine.", "language": language},
            timeout=30,
        )
        assert refused.status_code == 422, refused.text
        [error] = refused.json()["detail"]
        assert error["field"] == "language" and "ISO 639-1" in error["reason"], error
    assert ingest.metric("brink_ingest_rejected_total{reason=invalid_language}") == 3
