"""A generic agent takes its country from a place said after a locative preposition, also through a
determiner ("at a Tehran square"), but not from a country's adjective after one ("near the Turkish border",
"at the Egyptian embassy"): brink/coder/locative_spots.py."""

from __future__ import annotations

from datetime import date

from brink.coder.locative_spots import after_locative_determiner, is_locative
from brink.coder.text import normalise
from tests.fixtures.coder import shared_coder


def _agent_country(text: str, word: str) -> str | None:
    found = shared_coder().pipeline.mentions.find(text, normalise(text), [(0, len(text))], date(2020, 1, 15))
    at = text.index(word)
    return next(m.actor.country for m in found.mentions[0] if m.start == at)


def test_a_city_after_a_locative_and_a_determiner_places_the_agent() -> None:
    text = (
        "Security forces fired tear gas at protesters who gathered at a Tehran square in support of "
        "demonstrations in Egypt and Tunisia."
    )
    assert _agent_country(text, "protesters") == "IRN"


def test_a_country_adjective_after_a_determiner_does_not_place_the_agent() -> None:
    text = "Forces loyal to the president took a town near the Turkish border in Syria's Latakia province."
    assert _agent_country(text, "Forces") == "SYR"


def test_a_plain_locative_still_places_the_agent() -> None:
    text = "Police fired tear gas at protesters in Baghdad after a rally against Iran."
    assert _agent_country(text, "Police") == "IRQ"
    assert _agent_country(text, "protesters") == "IRQ"


def test_after_locative_determiner_reads_the_words_before_the_name() -> None:
    text = "They met at a Tehran square and in the northern Kashmir valley, not a Tehran hotel."
    norm = normalise(text)
    assert after_locative_determiner(norm, text.index("Tehran square"))
    assert after_locative_determiner(norm, text.index("Kashmir"))
    assert not after_locative_determiner(norm, text.index("Tehran hotel"))


def test_a_name_inside_a_longer_mention_or_not_a_place_is_not_a_locative_spot() -> None:
    text = "Crowds rallied at the Tehran embassy."
    norm = normalise(text)
    s = text.index("Tehran")
    assert is_locative(norm, s, s + 6, [])
    assert not is_locative(norm, s, s + 6, [(s, s + 14)])
    assert not is_locative(norm, s, s + 6, [], place=False)
