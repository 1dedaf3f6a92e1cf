"""A definite generic agent ("the ministry", "the president") stands for the one of its kind the article
named before it, not for a state named near it: brink/coder/definite_agents.py."""

from __future__ import annotations

from tests.fixtures.coder import article, shared_coder


def _pairs(text: str, root: int) -> set[tuple[str | None, str | None]]:
    return {
        (e.source.country, e.target.country if e.target is not None else None)
        for e in shared_coder().code(article(text)).events
        if e.cameo_root == root
    }


def test_the_ministry_is_the_ministry_named_in_an_earlier_sentence() -> None:
    text = (
        "The Russian foreign ministry criticised the deployment of American missiles in Poland on Monday. "
        "The ministry said it will retaliate against the United States."
    )
    assert _pairs(text, 13) == {("RUS", "USA")}


def test_the_president_is_the_president_named_in_an_earlier_sentence() -> None:
    text = (
        "Iranian President Hassan Rouhani spoke on Monday about the sanctions imposed by the United States. "
        "The president warned that Washington would pay a heavy price."
    )
    assert _pairs(text, 13) == {("IRN", "USA")}


def test_an_indefinite_agent_is_not_taken_for_an_earlier_one() -> None:
    text = (
        "The Russian foreign ministry criticised the deployment on Monday. "
        "A ministry in Warsaw said Poland will retaliate against Russia."
    )
    assert _agent_country(text, "ministry in Warsaw") == "POL"


def test_an_agent_with_a_place_of_its_own_keeps_that_place() -> None:
    text = (
        "The Russian foreign ministry criticised the deployment on Monday. "
        "The ministry in Kyiv said Ukraine will retaliate against Russia."
    )
    assert _agent_country(text, "ministry in Kyiv") == "UKR"


def _agent_country(text: str, phrase: str) -> str | None:
    """The country of the mention that starts where ``phrase`` (minus a leading "The ") starts."""
    from datetime import date

    from brink.coder.text import normalise

    pipeline = shared_coder().pipeline
    sentences = [(0, text.index(". ") + 1), (text.index(". ") + 2, len(text))]
    found = pipeline.mentions.find(text, normalise(text), sentences, date(2020, 1, 15))
    at = text.index(phrase.removeprefix("The "))
    for ms in found.mentions:
        for m in ms:
            if m.start == at:
                return m.actor.country
    raise AssertionError(
        f"no mention at {phrase!r}: {[(text[m.start : m.end]) for ms in found.mentions for m in ms]}"
    )


def test_the_ministry_is_the_ministry_not_a_later_envoy_of_the_same_role() -> None:
    # the British envoy is named later and is of the same role (GOV): the word repeated decides
    text = (
        "Iran's foreign ministry summoned the British envoy on Monday. "
        "The ministry warned that Britain would pay a heavy price."
    )
    assert _pairs(text, 13) == {("IRN", "GBR")}
