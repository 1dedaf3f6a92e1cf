"""Threats read in their article (brink/coder/article_threats.py), a demand with a penalty for refusing it
(brink/coder/ultimatum.py), a response announced to a party warned (13_threaten.yaml,
threaten.warn_party_of_response), a response promised to a hostile act (brink/coder/reprisal.py) and a
threat whose subject is a thing (brink/coder/thing_subjects.py), scored as article-level threat pairs.
The texts are written for these tests."""

from __future__ import annotations

from brink.evaluation.articles import article_level, threat_pairs
from tests.fixtures.coder import article, shared_coder


def _coded(text: str) -> tuple[int, set[tuple[str | None, str | None]]]:
    events = shared_coder().code(article(text)).events
    return article_level(events), threat_pairs(events)


def _events(text: str) -> list[tuple[str, str | None, str | None, bool]]:
    return [
        (e.cameo, e.source.country, e.target.country if e.target else None, e.conditional)
        for e in shared_coder().code(article(text)).events
    ]


# --- an untargeted threat takes its side's target from elsewhere in the article --------------------


def test_an_untargeted_threat_is_aimed_at_the_party_its_side_threatened_before() -> None:
    level, pairs = _coded(
        "Turkey warned Greece on Monday that it would pay a heavy price for arming the islands. "
        "The Turkish defence minister later said Ankara will retaliate at a time of its choosing."
    )
    assert level == 2
    assert pairs == {("TUR", "GRC")}


def test_an_untargeted_threat_is_aimed_at_the_party_its_side_threatens_after() -> None:
    _, pairs = _coded(
        "The Turkish defence minister said Ankara will retaliate at a time of its choosing. "
        "Turkey also warned Greece that it would pay a heavy price for arming the islands."
    )
    assert pairs == {("TUR", "GRC")}


def test_a_side_threatening_two_parties_lends_neither() -> None:
    _, pairs = _coded(
        "Turkey warned Greece that it would pay a heavy price for arming the islands. Turkey also warned "
        "Cyprus that it would pay a heavy price. The Turkish defence minister said Ankara will retaliate "
        "at a time of its choosing."
    )
    assert ("TUR", "GRC") in pairs and ("TUR", "CYP") in pairs
    assert ("TUR", None) in pairs


def test_another_side_s_threat_lends_nothing() -> None:
    _, pairs = _coded(
        "Turkey warned Greece that it would pay a heavy price for arming the islands. The Iranian "
        "defence minister said Tehran will retaliate at a time of its choosing."
    )
    assert ("IRN", "GRC") not in pairs
    assert ("IRN", None) in pairs


def test_a_lent_target_is_not_written_in_its_sentence() -> None:
    events = (
        shared_coder()
        .code(
            article(
                "Turkey warned Greece that it would pay a heavy price for arming the islands. "
                "The Turkish defence minister said Ankara will retaliate at a time of its choosing."
            )
        )
        .events
    )
    lent = [e for e in events if e.cameo_root == 13 and "retaliate" in e.sentence]
    assert [e.target.country for e in lent if e.target] == ["GRC"]
    assert all(e.target is not None and e.target.text == "" for e in lent)


def test_untargeted_threats_in_a_control_stay_untargeted() -> None:
    # no side threatens anyone by name: nothing to lend, no dyad moved
    _, pairs = _coded(
        "The striker vowed revenge after the defeat. The coach said the team will retaliate in the "
        "return match in Madrid."
    )
    assert all(target is None for _, target in pairs)


# --- a demand with a penalty for refusing it is an ultimatum -------------------------------------


def test_a_demand_to_act_or_face_an_assault_is_an_ultimatum() -> None:
    got = _events(
        "Russian forces demanded that Ukrainian troops surrender within the hour or face an assault."
    )
    assert ("139", "RUS", "UKR", True) in got
    assert not [g for g in got if g[0].startswith("10")]


def test_an_order_to_leave_or_face_force_is_an_ultimatum() -> None:
    got = _events("The Ethiopian army ordered the Eritrean troops to leave the town or face force.")
    assert ("139", "ETH", "ERI", True) in got


def test_a_demand_without_a_penalty_stays_a_demand() -> None:
    for text in (
        "Egypt demanded that Israel withdraw its troops from Rafah.",
        "Kenya demanded that Somalia explain why it faced sanctions or withdrew.",
    ):
        got = _events(text)
        assert any(g[0].startswith("10") for g in got), text
        assert not any(g[0].startswith("13") for g in got), text


# --- a response announced to a party warned is aimed at it ---------------------------------------


def test_warning_a_party_of_a_response_threatens_it() -> None:
    level, pairs = _coded(
        'Iran\'s Revolutionary Guards chief on Thursday warned Saudi Arabia of a "decisive response" after '
        "the kingdom seized an Iranian tanker."
    )
    assert level == 2
    assert ("IRN", "SAU") in pairs
    assert ("IRN", None) not in pairs


def test_a_response_of_one_s_own_side_is_not_a_party_warned() -> None:
    # the response's own adjective names the threatener's side, not its target
    _, pairs = _coded(
        "The Israeli foreign minister threatened a strong Israeli response to the rocket fire from Gaza."
    )
    assert pairs == {("ISR", "PSE")}


# --- a response promised to a hostile act already done needs no condition ------------------------


def test_a_response_vowed_to_a_hostile_act_threatens_its_doer() -> None:
    level, pairs = _coded(
        "An Israeli strike killed two Hamas commanders in Gaza on Tuesday. Hamas vowed on Wednesday to "
        "respond to Israel's killing of the commanders."
    )
    assert level >= 2
    assert ("PSE", "ISR") in pairs


def test_a_response_announced_to_an_attack_is_a_threat() -> None:
    _, pairs = _coded(
        "The Iranian foreign minister said Tehran will respond to the Israeli attack on its consulate."
    )
    assert pairs == {("IRN", "ISR")}


def test_a_response_forecast_denied_or_asked_about_is_no_threat() -> None:
    for text in (
        "Analysts said the Houthis could respond to the killing of two commanders.",
        "Will Iran respond to the assassinations of its generals?",
        "The president did not indicate that the U.S. would retaliate militarily for the missile attack.",
        "Egypt promised to respond to the Ethiopian letter.",
    ):
        _, pairs = _coded(text)
        assert not pairs, text


# --- "it", said by its clause to be a thing, does not threaten -----------------------------------


def test_a_blow_that_threatens_to_widen_a_war_is_no_actor_s_threat() -> None:
    _, pairs = _coded(
        "An Israeli strike killed a Hezbollah commander in Beirut. It was the most serious blow to the "
        "group in two decades and threatened to push the exchanges into a regional war."
    )
    assert not pairs


def test_an_actor_said_to_be_a_militia_still_threatens() -> None:
    _, pairs = _coded("Hezbollah is the largest militia in Lebanon and threatened to attack Israel.")
    assert pairs == {("LBN", "ISR")}


# --- a warning against a party's words is a rebuke -------------------------------------------------


def test_a_warning_against_an_envoy_s_remarks_is_no_threat() -> None:
    _, pairs = _coded(
        'The foreign ministry summoned the Chinese ambassador on Friday. The vice minister "sternly warned" '
        "against the envoy's provocative remarks, the ministry said."
    )
    assert not pairs


def test_a_warning_against_an_act_or_with_a_penalty_still_threatens() -> None:
    for text, pair in (
        ("Russia warned the US against any attack on its ships.", ("RUS", "USA")),
        ("China warned the United States against interfering in Hong Kong.", ("CHN", "USA")),
        (
            "Russia warned Ukraine against such remarks, saying it would face a harsh response if it "
            "continued.",
            ("RUS", "UKR"),
        ),
    ):
        _, pairs = _coded(text)
        assert pair in pairs, text


# --- a response promised or readied in an infinitive, on a condition ------------------------------


def test_a_response_promised_on_a_condition_threatens_the_one_in_the_condition() -> None:
    _, pairs = _coded(
        "Venezuela promised on Monday to give a crushing response if Guyana allowed US troops on its soil. "
        "The pledge came a week before the Guyanese vote."
    )
    assert pairs == {("VEN", "GUY")}


def test_a_response_given_or_promised_to_demands_is_no_threat() -> None:
    for text in (
        "The Indian army gave a befitting response to the Pakistani shelling.",
        "The Nigerian government promised to give a response to the union's demands next week.",
    ):
        _, pairs = _coded(text)
        assert not pairs, text


# --- an untargeted threat after a hostile act on its side answers it -------------------------------


def test_an_untargeted_threat_after_an_attack_on_its_side_is_aimed_at_the_attacker() -> None:
    _, pairs = _coded(
        "Israeli jets struck Hamas positions in Gaza overnight. Hamas later said it will retaliate at a "
        "time of its choosing."
    )
    assert ("PSE", "ISR") in pairs
    assert ("PSE", None) not in pairs


def test_an_attack_by_the_threatener_s_own_side_lends_nothing() -> None:
    _, pairs = _coded(
        "Hamas fired rockets at Israeli towns overnight. Hamas later said it will retaliate at a time of "
        "its choosing."
    )
    assert ("PSE", "ISR") not in pairs


def test_an_attack_on_another_party_lends_nothing() -> None:
    _, pairs = _coded(
        "Israeli jets struck Hezbollah positions in Lebanon overnight. The Iranian defence minister said "
        "Tehran will retaliate at a time of its choosing."
    )
    assert ("IRN", "ISR") not in pairs


# --- ", warning that ...": the one who warns is the subject of the clause it hangs on --------------


def test_the_subject_of_a_saying_verb_warns_in_its_participle() -> None:
    _, pairs = _coded(
        'The Chinese defence ministry spokesman spoke on Thursday. "Those who play with fire will get '
        'burned," he said, warning that Taiwan independence means war.'
    )
    assert pairs == {("CHN", "TWN")}


def test_a_warning_of_war_by_the_party_s_own_lawmaker_is_no_threat() -> None:
    _, pairs = _coded(
        "A Taiwanese opposition lawmaker spoke on Thursday, warning that Taiwan independence means war."
    )
    assert not pairs


def test_a_conditional_threat_after_an_attack_is_not_lent_the_attacker() -> None:
    # "any attack" is whoever attacks next (test_coder_act_anaphora: only "any such attack" refers back)
    _, pairs = _coded(
        "Israeli jets struck Hamas positions in Gaza overnight. Hamas later said it would respond to any "
        "attack on its fighters."
    )
    assert ("PSE", "ISR") not in pairs
