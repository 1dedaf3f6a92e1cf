from pathlib import Path

import pytest

from brink.ingestion.neardup import NearDuplicateSignatures, shingles

SEED = (Path(__file__).resolve().parents[2] / "samples" / "articles.jsonl").read_text()


@pytest.fixture(scope="module")
def sigs() -> NearDuplicateSignatures:
    return NearDuplicateSignatures(0.8)


def test_signatures_are_deterministic_and_round_trip_through_bytes(sigs: NearDuplicateSignatures) -> None:
    a = sigs.signature("Iran fired missiles at two bases in Iraq.")
    b = sigs.signature("Iran fired missiles at two bases in Iraq.")
    assert (a == b).all()
    assert (sigs.from_bytes(sigs.to_bytes(a)) == a).all()
    assert sigs.band_keys(a) == sigs.band_keys(b)


def test_a_lightly_edited_republication_shares_bands_and_scores_above_threshold(
    sigs: NearDuplicateSignatures,
) -> None:
    text = SEED.splitlines()[0]
    edited = text.replace("Hours after", "Just hours after").replace("tear gas", "teargas") + " Updated."
    a, b = sigs.signature(text), sigs.signature(edited)
    assert sigs.similarity(a, b) >= sigs.threshold
    assert set(sigs.band_keys(a)) & set(sigs.band_keys(b))


def test_different_stories_score_low(sigs: NearDuplicateSignatures) -> None:
    lines = SEED.splitlines()
    a, b = sigs.signature(lines[1]), sigs.signature(lines[2])
    assert sigs.similarity(a, b) < 0.2


def test_shingles_are_word_trigrams_ignoring_case_and_punctuation() -> None:
    assert shingles("Iran, IRAQ and Syria!") == [b"iran iraq and", b"iraq and syria"]
    assert shingles("Short") == [b"short"]
    assert shingles("") == []


def test_threshold_outside_zero_one_is_refused() -> None:
    with pytest.raises(ValueError):
        NearDuplicateSignatures(1.0)
