"""The seed article as a test: the core story Brink must understand (the coder's acceptance list a-m)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pytest

from schemas.event import CodedArticle, EscalationEvent
from tests.fixtures.coder import seed_article, shared_coder

INVOLVED = {"USA", "IRN", "IRQ", "ISR", "SYR"}


@pytest.fixture(scope="module")
def coded() -> CodedArticle:
    return shared_coder().code(seed_article())


def find(
    events: Iterable[EscalationEvent],
    roots: set[int],
    source: str,
    target: str | None = None,
    sentence_has: str = "",
    affirmed: bool = True,
) -> list[EscalationEvent]:
    out = []
    for e in events:
        if e.cameo_root not in roots or e.source.country != source:
            continue
        if target is not None and (e.target is None or target not in (e.target.country, e.target.code)):
            continue
        if sentence_has and sentence_has not in e.sentence:
            continue
        if affirmed and (e.negated or e.hypothetical):
            continue
        out.append(e)
    return out


def test_a_trump_conditionally_threatens_iran_and_it_is_the_strongest_threat(coded: CodedArticle) -> None:
    hits = find(coded.events, {13}, "USA", "IRN", "threatened Iran if any harm")
    assert hits, "no USA -> IRN threat from 'threatened Iran if any harm comes'"
    threat = hits[0]
    assert threat.conditional
    assert threat.source.name == "Donald Trump"
    assert threat.threat_score >= 0.7
    assert threat.threat_score == coded.threat_score == max(e.threat_score for e in coded.events)


def test_b_trump_blames_iran_for_orchestrating(coded: CodedArticle) -> None:
    assert find(coded.events, {11}, "USA", "IRN", "blamed Iran for")


def test_c_tweet_they_will_be_held_fully_responsible_is_a_quoted_threat(coded: CodedArticle) -> None:
    hits = find(coded.events, {13}, "USA", "IRN", "They will be held fully responsible")
    assert hits
    e = hits[0]
    assert e.speaker is not None and e.speaker.name == "Donald Trump"
    assert e.quote is not None and "They will be held fully responsible" in e.quote


def test_d_we_expect_iraq_to_protect_the_embassy_is_a_demand(coded: CodedArticle) -> None:
    hits = find(coded.events, {10}, "USA", "IRQ", "we expect Iraq")
    assert hits
    assert hits[0].source.text == "we"


def test_e_protesters_storm_the_embassy_in_baghdad_on_december_31(coded: CodedArticle) -> None:
    hits = [
        e
        for e in find(coded.events, {14, 17, 18}, "IRQ", "USA", "protesters stormed")
        if e.source.role == "CVL"
    ]
    assert hits
    e = hits[0]
    assert e.location is not None and e.location.country == "IRQ" and "Baghdad" in e.location.name
    assert e.event_date == date(2019, 12, 31)


def test_f_us_strikes_in_iraq_are_dated_december_29(coded: CodedArticle) -> None:
    hits = [e for e in find(coded.events, {19}, "USA") if e.target and e.target.country == "IRQ"]
    assert hits
    assert any(e.event_date == date(2019, 12, 29) for e in hits)


def test_g_iraqi_security_forces_fire_tear_gas_at_protesters(coded: CodedArticle) -> None:
    hits = [
        e
        for e in find(coded.events, {17}, "IRQ", sentence_has="tear gas")
        if e.target and e.target.role == "CVL"
    ]
    assert hits
    assert hits[0].source.text == "Iraqi security forces"


def test_h_trump_thanks_iraq(coded: CodedArticle) -> None:
    assert find(coded.events, {5}, "USA", "IRQ", "thanked")


def test_i_kataib_hezbollah_vows_revenge_but_its_denied_attacks_are_not_affirmed(coded: CodedArticle) -> None:
    vows = find(coded.events, {13}, "IRQ", "USA", "vowed revenge")
    assert vows and vows[0].source.name == "Kataib Hezbollah" and vows[0].source.kind == "armed_group"
    assert vows[0].source.sponsor == "IRN"
    affirmed_attacks = [
        e
        for e in coded.events
        if "has denied being behind" in e.sentence
        and e.cameo_root in (18, 19, 20)
        and e.source.name == "Kataib Hezbollah"
        and not e.negated
    ]
    assert affirmed_attacks == []


def test_j_pentagon_spokesman_demands_iran_cease_attacks(coded: CodedArticle) -> None:
    hits = find(coded.events, {10}, "USA", "IRN", "must cease")
    assert hits
    assert hits[0].speaker is not None and hits[0].speaker.name == "Jonathan Hoffman"


def test_k_pompeo_consults_iraq(coded: CodedArticle) -> None:
    hits = find(coded.events, {4}, "USA", "IRQ", "has spoken with the President and Prime Minister of Iraq")
    assert hits and hits[0].source.name == "Mike Pompeo"


def test_l_pompeo_consults_israel_and_the_un(coded: CodedArticle) -> None:
    assert find(coded.events, {4}, "USA", "ISR", "Netanyahu")
    assert [
        e
        for e in find(coded.events, {4}, "USA", sentence_has="Guterres")
        if e.target and e.target.role == "IGO"
    ]


def test_m_al_sadr_calls_on_the_militias(coded: CodedArticle) -> None:
    hits = find(coded.events, {2, 10}, "IRQ", "IRQ", "al-Sadr called on")
    assert hits
    assert hits[0].source.name == "Muqtada al-Sadr"
    assert hits[0].target is not None and hits[0].target.role == "REB"


def test_no_actor_comes_from_a_country_the_article_does_not_involve(coded: CodedArticle) -> None:
    countries = {a.country for e in coded.events for a in (e.source, e.target, e.speaker) if a and a.country}
    assert countries <= INVOLVED, countries - INVOLVED


def test_every_event_is_a_valid_contract_with_spans_into_the_text(coded: CodedArticle) -> None:
    text = seed_article().text
    assert coded.events
    for e in coded.events:
        EscalationEvent.model_validate(e.model_dump())
        start, end = e.span
        assert 0 <= start < end <= len(text)
        assert text[start:end] in e.sentence
        if e.source.text:
            assert e.source.text in e.sentence or e.source.text == e.speaker.text if e.speaker else True
    CodedArticle.model_validate(coded.model_dump())


def test_recoding_the_article_gives_the_same_event_ids(coded: CodedArticle) -> None:
    again = shared_coder().code(seed_article())
    assert [e.event_id for e in again.events] == [e.event_id for e in coded.events]
    assert len({e.event_id for e in coded.events}) == len(coded.events)
