"""Violence at a place that hosts another's forces targets those forces ("fired missiles at two Iraqi air
bases that house U.S. forces" is an attack on the U.S.): brink/coder/hosts.py, grammar.yaml hosting_verbs."""

from __future__ import annotations

import pytest

from tests.fixtures.coder import article, shared_coder


def _pairs(text: str, root: int) -> set[tuple[str | None, str | None]]:
    return {
        (e.source.country, e.target.country if e.target is not None else None)
        for e in shared_coder().code(article(text)).events
        if e.cameo_root == root
    }


@pytest.mark.parametrize(
    "text",
    [
        # the small model reads "house" as a noun here; the relative pronoun on it says it is the verb
        "Iran fired more than a dozen ballistic missiles at two Iraqi air bases that house U.S. forces "
        "early on Wednesday local time, retaliating for the killing of Qassem Soleimani.",
        "Iran launched missiles at two Iraqi bases housing U.S. and coalition troops.",
    ],
)
def test_an_attack_on_a_base_that_hosts_foreign_forces_targets_those_forces(text: str) -> None:
    assert _pairs(text, 19) == {("IRN", "USA")}


def test_an_attack_on_a_base_with_no_hosted_forces_targets_its_country() -> None:
    assert _pairs("Iran fired missiles at two Iraqi air bases on Wednesday.", 19) == {("IRN", "IRQ")}


def test_unnamed_hosted_forces_do_not_take_the_target() -> None:
    assert _pairs("Iran fired missiles at two Iraqi air bases that house troops.", 19) == {("IRN", "IRQ")}


def test_a_relative_clause_past_an_including_phrase_is_about_what_the_phrase_names() -> None:
    text = (
        'The "precision defensive strikes" were in response to repeated Kataib Hezbollah attacks on Iraqi '
        "bases that house U.S. troops, including one on December 27 that killed a U.S. defense contractor, "
        "the Pentagon said."
    )
    coded = shared_coder().code(article(text)).events
    assert not [e for e in coded if e.dyad == "USA-USA"]  # the troops did not kill the contractor
