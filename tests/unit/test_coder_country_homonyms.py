"""A city that bears another country's name ("Armenia" in Colombia, "Lebanon" in the United States) never
stands for a place in that country: in the news the name is the country. Sentences written for these tests
(not from the gold files), except the first, which is the construction of a dev sentence."""

from __future__ import annotations

from datetime import UTC, datetime

from brink.coder.key_forms import C_NAME, COUNTRY
from brink.coder.lexicon import build_lexicon
from schemas.event import EscalationEvent
from tests.fixtures.coder import article, shared_coder


def coded(sentence: str) -> list[EscalationEvent]:
    return shared_coder().code(article(sentence, published=datetime(2020, 10, 5, tzinfo=UTC))).events


def test_a_country_named_by_the_speaker_is_not_a_foreign_city_of_the_same_name() -> None:
    events = coded(
        "Armenia's defense ministry said Azerbaijani artillery had fired on military positions"
        " along the front line."
    )
    strikes = [e for e in events if e.cameo_root == 19]
    assert strikes, events
    assert {(e.source.country, e.target.country if e.target else None) for e in strikes} == {("AZE", "ARM")}
    assert all(e.location is None or e.location.country != "COL" for e in events)


def test_generic_actors_in_a_country_named_like_a_foreign_city_take_that_country() -> None:
    events = coded("Police arrested dozens of protesters in Armenia on Sunday.")
    assert events and all(e.source.country == "ARM" for e in events)
    assert all(e.location is None or e.location.country == "ARM" for e in events)


def test_a_city_keeps_its_name_when_no_country_bears_it() -> None:
    e = coded("Protesters stormed the parliament in Baghdad.")[0]
    assert e.location is not None and e.location.name == "Baghdad" and e.location.country == "IRQ"


def test_the_lexicon_gives_no_foreign_city_the_surface_of_a_country_name() -> None:
    clashes = []
    for key, node in build_lexicon().keys.entries():
        named = {f.ref.iso3 for f in node.actor_forms if f.cat == COUNTRY and f.sub == C_NAME}
        if not named:
            continue
        for form in node.place_forms:
            clashes += [(key, p.name, p.country) for p in form.ref if p.country not in named]
    assert clashes == []
