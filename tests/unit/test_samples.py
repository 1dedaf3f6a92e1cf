"""samples/: valid submissions, the seed first, distinct stories (none folds into another)."""

import json
from datetime import UTC, datetime
from itertools import combinations

from brink.ingestion.neardup import NearDuplicateSignatures
from brink.ingestion.normalise import Normaliser
from schemas.article import ArticleSubmission
from tests.conftest import REPO_ROOT

SAMPLES = REPO_ROOT / "samples" / "articles.jsonl"
SEED_NAME = "000_ef885de93d39967c.txt"
# Where the project's seed document lives next to a checkout (the workspace's shared folder).
SEED_CANDIDATES = [
    base / "shared" / "seed" / SEED_NAME for base in (REPO_ROOT.parent, REPO_ROOT.parent.parent)
]


def _samples() -> list[ArticleSubmission]:
    return [
        ArticleSubmission.model_validate(json.loads(line))
        for line in SAMPLES.read_text().splitlines()
        if line
    ]


def test_samples_are_valid_and_documented() -> None:
    samples = _samples()
    assert 6 <= len(samples) <= 9
    readme = (REPO_ROOT / "samples" / "README.md").read_text()
    for sample in samples:
        assert sample.url and sample.url in readme
        assert sample.source and sample.published_at is not None


def test_the_seed_article_is_line_one() -> None:
    seed = _samples()[0]
    assert seed.title == "Trump Threatens Iran After Protesters Attack U.S. Embassy Compound In Iraq"
    assert seed.published_at == datetime(2019, 12, 31, 20, 0, tzinfo=UTC)
    assert "Kataib Hezbollah" in seed.text
    for path in (p for p in SEED_CANDIDATES if p.exists()):  # when the checkout sits in the workspace
        assert path.read_text().split("\n", 1)[1].strip() == seed.text.strip()


def test_samples_are_distinct_stories() -> None:
    normaliser = Normaliser(max_chars=200_000)
    signatures = NearDuplicateSignatures(0.8)
    now = datetime.now(UTC)
    articles = [normaliser.normalise(s, now).article for s in _samples()]
    assert len({a.article_id for a in articles}) == len(articles)
    sigs = [signatures.signature(a.text) for a in articles]
    assert max(signatures.similarity(a, b) for a, b in combinations(sigs, 2)) < 0.5
