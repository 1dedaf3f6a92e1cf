"""Who did what to whom where the parse links an actor to the act indirectly: a companion of the subject
("together with", "along with", "alongside"), the subject of a gerund after the target's preposition
("cooperated with Mexican officers working ..."), the state a natural disaster struck ("condolences to the
victims of the earthquake that hit Turkey"), and a capital an envoy is recalled from. Sentences written for
these tests (not from the gold files)."""

from __future__ import annotations

import pytest

from brink.coder.pipeline import Pipeline
from tests.fixtures.coder import found_pairs, shared_pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return shared_pipeline()


_pairs = found_pairs


@pytest.mark.parametrize(
    ("text", "root", "pairs"),
    [
        ("Iran, together with Russia, condemned Israel.", "11", {("IRN", "ISR"), ("RUS", "ISR")}),
        ("Israel, along with the United States, attacked Iran.", "19", {("ISR", "IRN"), ("USA", "IRN")}),
        (
            "French troops alongside Malian soldiers attacked Burkina Faso.",
            "19",
            {("FRA", "BFA"), ("MLI", "BFA")},
        ),
        (
            "Japanese warships together with the Australian navy coordinated a joint exercise on Monday.",
            "06",
            {("JPN", "AUS"), ("AUS", "JPN")},
        ),
    ],
)
def test_a_companion_of_the_subject_does_the_act_with_it(
    pipeline: Pipeline, text: str, root: str, pairs: set[tuple[str | None, str | None]]
) -> None:
    assert _pairs(pipeline, text, root) == pairs


def test_a_companion_after_the_verb_is_no_doer(pipeline: Pipeline) -> None:
    # "held talks with Russia together with China": China is with the talks, not Iran's fellow subject
    assert ("CHN", "RUS") not in _pairs(pipeline, "Iran held talks with Russia together with China.", "04")
    assert _pairs(pipeline, "France condemned Russia alongside Germany.", "11") == {("FRA", "RUS")}


def test_the_subject_of_a_gerund_after_the_targets_preposition_is_the_target(pipeline: Pipeline) -> None:
    text = (
        "Last month, Spanish police cooperated with Moroccan officers working a joint operation near Ceuta."
    )
    assert _pairs(pipeline, text, "06") == {("ESP", "MAR"), ("MAR", "ESP")}


def test_an_absolute_with_phrase_after_a_comma_names_no_party(pipeline: Pipeline) -> None:
    text = "Ghana suspended the fishing treaty, with the Nigerian minister saying that nothing would change."
    assert _pairs(pipeline, text, "16") == {("GHA", None)}


@pytest.mark.parametrize(
    ("text", "root", "pairs"),
    [
        ("Canada expressed condolences for the victims of the earthquake that hit eastern Turkey.", "01",
         {("CAN", "TUR")}),
        ("Brazil offered its sympathy to the victims of the floods in Pakistan.", "01", {("BRA", "PAK")}),
        ("Germany sent aid to the victims of the cyclone that struck Mozambique.", "07",
         {("DEU", "MOZ")}),
    ],
)  # fmt: skip
def test_a_natural_disaster_in_the_targets_phrase_names_the_state_it_struck(
    pipeline: Pipeline, text: str, root: str, pairs: set[tuple[str | None, str | None]]
) -> None:
    assert _pairs(pipeline, text, root) == pairs


def test_a_disaster_at_home_or_an_attack_is_no_disaster_target(pipeline: Pipeline) -> None:
    # a state's condolences for its own victims name no other state; an attack is not a natural force
    assert _pairs(pipeline, "Canada expressed condolences to the victims of the floods in Canada.", "01") <= {
        ("CAN", None)
    }
    text = "Canada expressed condolences to the victims of the attack that hit Kabul."
    assert ("CAN", "AFG") not in _pairs(pipeline, text, "01")


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("Latvia has recalled its ambassador from Moscow for consultations.", {("LVA", "RUS")}),
        ("Peru recalled its ambassador from Caracas.", {("PER", "VEN")}),
        ("France recalled its ambassador from Paris for talks.", {("FRA", None)}),
    ],
)
def test_a_capital_an_envoy_is_recalled_from_stands_for_its_state(
    pipeline: Pipeline, text: str, pairs: set[tuple[str | None, str | None]]
) -> None:
    assert _pairs(pipeline, text, "16") == pairs


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("North Korea fired a missile, and South Korea condemned the North's test.", "11"),
        ("North Korea made an offer, and South Korea rejected the North's proposal.", "12"),
    ],
)
def test_the_north_with_a_possessive_is_still_a_half_of_korea(
    pipeline: Pipeline, text: str, root: str
) -> None:
    assert _pairs(pipeline, text, root) == {("KOR", "PRK")}


@pytest.mark.parametrize(
    ("text", "root", "pairs"),
    [
        # a place of the state attacked is its land: a government that bombs it acts at home
        (
            "Syrian government airstrikes pounded the country's northern province of Aleppo.",
            "19",
            {("SYR", "SYR")},
        ),
        # two actors of one country: police and protesters
        ("Kenyan police arrested dozens of protesters in Nairobi.", "17", {("KEN", "KEN")}),
    ],
)
def test_domestic_events_between_two_actors_of_one_country_stay(
    pipeline: Pipeline, text: str, root: str, pairs: set[tuple[str | None, str | None]]
) -> None:
    assert _pairs(pipeline, text, root) == pairs


@pytest.mark.parametrize(
    ("text", "root", "pairs"),
    [
        ("Iran signed a series of deals with China.", "05", {("IRN", "CHN"), ("CHN", "IRN")}),
        ("Peru signed the second phase of the agreement with Chile.", "05", {("PER", "CHL"), ("CHL", "PER")}),
        ("Israel launched a wave of strikes on Gaza.", "19", {("ISR", "PSE")}),
    ],
)
def test_a_counted_event_nouns_partner_hangs_on_the_counting_noun_or_its_verb(
    pipeline: Pipeline, text: str, root: str, pairs: set[tuple[str | None, str | None]]
) -> None:
    assert _pairs(pipeline, text, root) == pairs


def test_a_counting_noun_lends_no_partner_it_does_not_name(pipeline: Pipeline) -> None:
    assert _pairs(pipeline, "Turkish warplanes launched a spate of airstrikes overnight.", "19") == {
        ("TUR", None)
    }


@pytest.mark.parametrize(
    ("text", "root", "pairs"),
    [
        # the parser hangs the verb's "to" on the noun after the object's "of"
        ("France has sent armoured vehicles and a team of paratroopers to Chad.", "15", {("FRA", "TCD")}),
        ("The United States is resuming sharing of radar intelligence with Ghana.", "06", {("USA", "GHA")}),
        # ... or on the participle that modifies the object
        ("The Security Council on Wednesday lifted sanctions imposed on Somalia.", "08", {(None, "SOM")}),
        ("Japan decided to lift the economic sanctions imposed on India.", "08", {("JPN", "IND")}),
    ],
)
def test_a_verbs_preposition_hung_low_in_its_object_still_names_the_target(
    pipeline: Pipeline, text: str, root: str, pairs: set[tuple[str | None, str | None]]
) -> None:
    assert _pairs(pipeline, text, root) == pairs


def test_a_participle_on_the_object_lends_only_the_slots_preposition(pipeline: Pipeline) -> None:
    # "imposed by the EU": a "by" phrase is no "on" target
    assert _pairs(pipeline, "Japan lifted the sanctions imposed by the European Union.", "08") == {
        ("JPN", None)
    }


def test_an_ultimatum_to_a_capital_is_to_its_state(pipeline: Pipeline) -> None:
    assert _pairs(pipeline, "Pakistan issued an ultimatum to Kabul on Monday.", "13") == {("PAK", "AFG")}


def test_a_for_clause_on_the_object_names_whom_an_ultimatum_is_for(pipeline: Pipeline) -> None:
    text = "Georgia issued an ultimatum for the Russian troops to withdraw from the province within 24 hours."
    assert _pairs(pipeline, text, "13") == {("GEO", "RUS")}


def test_a_pronoun_never_stands_for_an_adjective_on_a_thing(pipeline: Pipeline) -> None:
    # "it" is the country that buys the oil, not "Iranian"
    text = (
        "If a country continues to buy Iranian oil after the deadline, it will face sanctions from the U.S."
    )
    assert ("USA", "IRN") not in _pairs(pipeline, text, "13")


def test_a_pronoun_may_stand_for_an_adjective_on_a_role_word(pipeline: Pipeline) -> None:
    text = "Iraqi militia groups said Thursday they will return weapons they seized from the Syrian army."
    assert _pairs(pipeline, text, "19") == {("IRQ", "SYR")}
