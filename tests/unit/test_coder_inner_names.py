"""A person the dictionary knows by one word is not that person at the end of a longer name it does not
know ("Jebel Moon", "Bilal Anwar Kasi", "Ivanka Trump"); a title, a headline's function word, the sentence's
start or a part of the person's own full name before it keep the person. Sentences written for these tests
(not from the gold files)."""

from __future__ import annotations

from datetime import date

import pytest

from brink.coder.pipeline import Pipeline
from brink.coder.text import normalise
from tests.fixtures.coder import shared_pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return shared_pipeline()


def _people(pipeline: Pipeline, text: str) -> list[str]:
    found = pipeline.mentions.find(text, normalise(text), [(0, len(text))], date(2019, 6, 1))
    return [m.actor.name for m in found.mentions[0] if m.actor.kind == "person"]


@pytest.mark.parametrize(
    "text",
    [
        "Militias raided a refugee camp in the Jebel Moon area of West Darfur.",
        "The group first targeted Bilal Anwar Kasi, the head of the lawyers association.",
        "The factory produced shoes for Ivanka Trump and other brands.",
    ],
)
def test_a_one_word_name_at_the_end_of_an_unknown_longer_name_is_not_that_person(
    pipeline: Pipeline, text: str
) -> None:
    assert _people(pipeline, text) == []


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("On Monday President Moon met the envoy.", "Moon Jae-in"),
        ("Moon met the envoy on Monday.", "Moon Jae-in"),
        ("South Korea's Moon met the envoy on Monday.", "Moon Jae-in"),
        ("A day after the new chief Mukund Naravane spoke, Pakistan replied.", "Manoj Mukund Naravane"),
        ("Russia Quits Arms Treaty After Trump Pulls Out", "Donald Trump"),
    ],
)
def test_a_title_the_sentence_start_a_headline_word_or_the_persons_own_name_keeps_the_person(
    pipeline: Pipeline, text: str, person: str
) -> None:
    assert person in _people(pipeline, text)


def test_a_country_coded_from_a_name_inside_a_place_no_longer_codes_that_country(pipeline: Pipeline) -> None:
    text = "Militias raided seven villages in the Jebel Moon area of West Darfur on Monday."
    found = pipeline.run(text, date(2019, 6, 1)).found
    assert all("KOR" not in (f.source.mention.actor.country, f.target and f.target.mention.actor.country)
               for f in found)  # fmt: skip


def _place_countries(pipeline: Pipeline, text: str) -> list[str | None]:
    found = pipeline.mentions.find(text, normalise(text), [(0, len(text))], date(2023, 6, 1))
    return [place.country for _, _, place in found.places[0]]


def test_a_place_that_is_the_first_half_of_a_hyphenated_given_name_is_no_place(pipeline: Pipeline) -> None:
    # "Ho" is a city in Ghana; in "Chang Ho-jin" it is half of a Korean given name
    text = "First Vice Foreign Minister Chang Ho-jin called in the ambassador."
    assert "GHA" not in _place_countries(pipeline, text)


def test_a_place_joined_to_a_lower_case_word_after_a_function_word_stays_a_place(pipeline: Pipeline) -> None:
    assert "GHA" in _place_countries(pipeline, "Police said the Ho-based traders were released.")
