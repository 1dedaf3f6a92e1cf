"""Action phrasings by family: a sentence in, the CAMEO code out, with figurative and negative cases
beside each family so recall is not bought with false positives."""

from __future__ import annotations

import pytest
import yaml

from brink.coder.lexicon import DATA_DIR
from schemas.event import EscalationEvent
from tests.fixtures.coder import article, shared_coder


def coded(sentence: str) -> list[EscalationEvent]:
    return shared_coder().code(article(sentence)).events


def codes(sentence: str) -> list[str]:
    return [e.cameo for e in coded(sentence) if not (e.negated or e.hypothetical)]


# (sentence, expected CAMEO code of an asserted event)
PHRASINGS = [
    # 081 / 085 easing restrictions and tariffs
    ("Saudi Arabia eased key restrictions on foreign workers.", "081"),
    ("Japan lifted travel curbs on visitors from South Korea.", "081"),
    ("The United States reduced tariffs on Chinese goods.", "085"),
    ("Canada cut tariffs on Mexican steel.", "085"),
    # 075 refuge
    ("Germany accepted more than 1,500 refugees from Greece.", "075"),
    ("Croatia has opened its borders to refugees from Serbia.", "075"),
    # 062 joint exercises, training
    ("The Russian and Chinese navies began a joint military exercise in the Sea of Japan.", "062"),
    ("The US military trains Iraqi pilots at the request of Iraq's government.", "062"),
    # 070 / 073 aid
    ("Israel distributed supplies including tents and food to Syrians near the border.", "073"),
    ("China sent a team of medical experts and drugs to Pakistan.", "073"),
    ("Australia provided crucial support for the reconstruction of Indonesia.", "070"),
    # 074 peacekeeping
    ("Britain is deploying 300 troops to the UN peacekeeping mission in Mali.", "074"),
    ("Japan is sending troops to the United Nations peacekeeping force in South Sudan.", "074"),
    # 0831 resignation
    ("Pakistan's president resigned as head of the ruling party.", "0831"),
    # 0356 agreeing to a ceasefire is an intent (CAMEO 03); declaring one is 0871
    ("Armenia and Azerbaijan have agreed to a ceasefire in Nagorno-Karabakh.", "0356"),
    ("Turkey declared a ceasefire in northern Syria.", "0871"),
    # 016 rejecting an accusation (singular or plural) is a denial
    ("Trump rejected accusation of racism.", "016"),
    ("Iran rejected the accusations of meddling.", "016"),
    # 1312 calling for sanctions against someone threatens them with sanctions
    ("Greece called for sanctions against Turkey.", "1312"),
    # 020 pushing for a policy is an appeal, not a demand
    ("Japan has pushed for the constitution to be revised.", "020"),
    # 014 exploring a possibility
    ("The Belarusian government is exploring the possibility of new taxes.", "014"),
    # 012 concern with a modifier
    ("Brazil expressed serious concern about the escalation in Syria.", "012"),
    # 052 defending someone's actions
    ("Russia's defence minister defended Russia's efforts to expand its presence in the Arctic.", "052"),
    # 042 -> 074 peacekeepers arriving
    (
        "Hundreds of British troops have arrived in Mali to join the United Nations peacekeeping mission.",
        "074",
    ),
    # 120 failing to agree
    ("The United States and South Korea failed to reach agreement on a free-trade deal.", "120"),
    # 090 sending investigators
    ("France has sent seven military experts to investigate the attacks on Saudi oil facilities.", "090"),
    # 1724 state of siege
    ("Bolivian authorities declared a state of siege in the eastern department of Pando.", "1724"),
    # 160 suspending flights
    ("Morocco suspended all flights to Spain on Saturday.", "160"),
    # 171 cyber attacks
    ("Russia launched cyber warfare against Britain.", "171"),
    # 100 obligations stated by a speaker
    ("The minister said that the Sri Lankan government must ensure security for the people.", "100"),
    # 172 closing a border restricts movement (administrative sanction)
    ("Ghana closed its borders with Togo and Burkina Faso.", "172"),
    # 071 money mobilised, 032 support pledged, 039 mediation proposed
    ("The European Union is mobilising additional funds for Colombia.", "071"),
    ("The United States pledged increased support for Jordan.", "032"),
    ("Iran, Russia and Turkey proposed to mediate new talks in Astana.", "039"),
    # 0842 returning cultural property, however long its description
    ("The United States returned an ancient marble sculpture of a Roman emperor to Algeria.", "0842"),
    # 062 taking part in exercises
    ("Germany, Italy and the United States are participating in a space war game in France.", "062"),
]


@pytest.mark.parametrize(("sentence", "code"), PHRASINGS)
def test_phrasing_is_coded(sentence: str, code: str) -> None:
    assert code in codes(sentence), [(e.cameo, e.source.code, e.hypothetical) for e in coded(sentence)]


@pytest.mark.parametrize(
    ("sentence", "not_code"),
    [
        # figurative or unrelated uses of the same words
        ("The company lifted its profit forecast for the year.", "081"),
        ("Russia deployed troops to the border with Ukraine.", "074"),  # no peacekeeping: force posture
        ("Thousands of refugees crossed into Greece.", "075"),
        ("Iran rejected the proposal.", "016"),
        ("The company cut jobs in Germany.", "085"),
        ("The soldiers returned home to Germany.", "0842"),
        ("Senator Chris Murphy released the following statement on Iran.", "0841"),
        ("Russian troops deployed close to the Ukrainian border on Monday.", "172"),
        ("Venezuela's chief prosecutor seeks conditional release for an American held in jail.", "0841"),
        ("Iran and Iraq agreed to set up dispute settlement mechanisms.", "120"),  # a noun compound
        ("China promised to protect trade secrets.", "0334"),  # no military protection
    ],
)
def test_lookalike_is_not_coded(sentence: str, not_code: str) -> None:
    assert not_code not in codes(sentence)


def test_deployment_without_peacekeeping_stays_force_posture() -> None:
    assert "154" in codes("Russia deployed troops to the border with Ukraine.")


def test_announced_concession_is_an_intent_not_a_hypothetical_release() -> None:
    events = coded("The rebels said they will release the Colombian soldier.")
    release = [e for e in events if e.cameo_root in (3, 8)]
    assert [e.cameo for e in release] == ["0353"] and not release[0].hypothetical


def test_announced_aid_is_coded_as_the_aid() -> None:
    events = coded(
        "The United States will donate $419 million in humanitarian aid to Syria, the White House said."
    )
    assert any(e.cameo_root == 7 for e in events)


def test_speculated_release_stays_hypothetical() -> None:
    events = coded("The rebels could release the Colombian soldier.")
    assert all(e.hypothetical for e in events if e.cameo_root in (3, 8)) and not any(
        e.cameo_root == 3 for e in events
    )


def test_reported_must_is_a_demand_by_the_speaker_on_the_subject() -> None:
    events = coded(
        "Eritrea's ambassador said on Tuesday that Qatar must mediate with Djibouti over the border."
    )
    demand = next(e for e in events if e.cameo_root == 10)
    assert demand.source.country == "ERI" and demand.target is not None and demand.target.country == "QAT"
    assert not any(e.cameo_root == 4 for e in events)  # the mediation itself is not asserted


def test_an_adverb_between_must_and_the_verb_keeps_the_demand() -> None:
    events = coded("The U.S. has said that North Korea must first disarm before it can receive aid.")
    assert any(e.cameo_root == 10 and e.target is not None and e.target.country == "PRK" for e in events)


def test_reported_should_is_an_appeal() -> None:
    events = coded("Germany said Iran should negotiate with the IAEA.")
    assert any(e.cameo_root == 2 and e.source.country == "DEU" and not e.hypothetical for e in events)


def test_must_without_a_speaker_is_not_an_asserted_event_of_the_subject() -> None:
    events = coded("Qatar must mediate with Djibouti.")
    assert all(e.hypothetical for e in events if e.cameo_root == 4)


def test_cannot_is_a_negation_and_a_refusal_of_cooperation() -> None:
    assert [e.negated for e in coded("Iran cannot attack Israel.") if e.cameo_root == 19] == [True]
    refusal = coded("Bangladesh has told the UN it cannot accept any more refugees from Myanmar.")
    assert [e.cameo_root for e in refusal] == [12] and not refusal[0].negated


def test_a_visit_without_peacekeeping_stays_a_visit() -> None:
    assert "042" in codes("French President Emmanuel Macron arrived in Mali on Friday.")


def test_leaving_an_agreement_reduces_relations_with_the_other_party() -> None:
    events = coded("President Trump withdrew the U.S. from the Iran nuclear deal on Tuesday.")
    leave = next(e for e in events if e.cameo_root == 16)
    assert leave.source.country == "USA" and leave.target is not None and leave.target.country == "IRN"


def test_repeated_demand_and_renewed_call_are_coded() -> None:
    assert any(
        c.startswith("10") for c in codes("The United States repeated its demand for an Israeli withdrawal.")
    )
    assert "020" in codes("The U.S. Secretary of State reiterated calls for an end to the war in Ukraine.")


def test_being_responsible_for_an_attack_asserts_it_and_not_being_responsible_denies_it() -> None:
    events = coded(
        "Syrian government forces were responsible for chemical weapons attacks on Damascus suburbs."
    )
    assert any(e.cameo_root == 20 and e.source.country == "SYR" and not e.negated for e in events)
    assert [e.cameo for e in coded("Iran is not responsible for the attack on the tanker.")] == ["016"]
    assert codes("Iran is responsible for the security of the Gulf.") == []


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Putin expressed his profound condolences to the British people.", "018"),
        ("Croatia expressed hopes that talks with Serbia will resume.", "013"),
        ("Islamic State forces hold several hundred families as human shields in Falluja.", "184"),
    ],
)
def test_phrases_with_modifiers_in_the_slot(sentence: str, code: str) -> None:
    assert code in codes(sentence)


def test_exercises_held_together_are_joint_cooperation_not_a_show_of_force() -> None:
    joint = coded("India held military exercises with Japan in the Bay of Bengal.")
    assert {(e.cameo, e.source.country) for e in joint} == {("062", "IND"), ("062", "JPN")}
    alone = coded("China staged military exercises against Taiwan.")
    assert [e.cameo_root for e in alone] == [15]


def test_guilty_of_an_action_asserts_it_but_accused_of_does_not() -> None:
    guilty = coded("The Indian army was guilty of violating the ceasefire agreement along the LoC.")
    assert any(e.cameo_root == 19 and e.source.country == "IND" for e in guilty)
    assert not any(e.cameo_root == 19 for e in coded("India was accused of violating the ceasefire."))


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a mapping with a repeated key (PyYAML silently keeps the last one,
    which once moved a group's not_before onto the group after it)."""


def _unique_mapping(
    loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False
) -> dict[object, object]:
    keys = [loader.construct_object(key, deep=deep) for key, _ in node.value]
    repeated = sorted({str(k) for k in keys if keys.count(k) > 1})
    if repeated:
        raise ValueError(f"repeated key(s) {repeated} at {node.start_mark}")
    return loader.construct_mapping(node, deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


@pytest.mark.parametrize("name", sorted(p.name for p in DATA_DIR.glob("*.yaml")))
def test_no_data_file_repeats_a_key_in_a_mapping(name: str) -> None:
    yaml.load((DATA_DIR / name).read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)


def test_the_unique_key_loader_catches_a_repeated_key() -> None:
    with pytest.raises(ValueError, match="not_before"):
        yaml.load("- code: '172'\n  not_before: [a]\n  not_before: [b]\n", Loader=_UniqueKeyLoader)


def test_islamic_state_abbreviated_is_no_passive_auxiliary() -> None:
    events = coded("The Taliban rulers in Afghanistan, who have been fighting IS, condemned the attack.")
    condemn = next(e for e in events if e.cameo_root == 11)
    assert condemn.source.name == "Taliban"
    assert all(e.source.country != "AFG" or e.source.name == "Taliban" for e in events)


def _events(sentence: str, code_prefix: str) -> list[EscalationEvent]:
    return [e for e in coded(sentence) if e.cameo.startswith(code_prefix)]


def test_retaliation_for_a_killing_targets_who_killed_not_the_victim() -> None:
    sentence = (
        "Iran fired missiles at two air bases on Wednesday, retaliating for the U.S. killing of "
        "Gen. Qassem Soleimani."
    )
    retaliation = [e for e in _events(sentence, "19") if e.source.country == "IRN" and "retaliat" in
                   e.sentence[e.span[0] : e.span[1]]]  # fmt: skip
    assert [e.target.country if e.target else None for e in retaliation] == ["USA"]


def test_a_by_agent_in_the_grievance_is_the_one_retaliated_against() -> None:
    events = _events("Iran retaliated for the killing of Soleimani by the United States.", "19")
    assert any(
        e.source.country == "IRN" and e.target is not None and e.target.country == "USA" for e in events
    )
    assert not any(
        e.source.country == "IRN" and e.target is not None and e.target.country == "IRN" for e in events
    )


def test_vowing_revenge_for_strikes_threatens_whoever_struck() -> None:
    threats = _events("Kataib Hezbollah vowed revenge for the U.S. strikes on its bases.", "13")
    assert [(e.source.name, e.target.country if e.target else None) for e in threats] == [
        ("Kataib Hezbollah", "USA")
    ]


def test_apologising_for_an_incident_has_no_target_from_its_victim() -> None:
    events = _events("Iran's foreign minister apologized for the downing of the plane.", "05")
    assert [e.target for e in events] == [None]


def test_standing_down_is_de_escalation_and_standing_down_as_leader_is_resigning() -> None:
    assert codes("Iraqi troops stood down after the talks.") == ["087"]
    assert [e.cameo for e in coded("The prime minister will stand down as party leader.")] == ["0341"]


@pytest.mark.parametrize(
    ("text", "critic", "author"),
    [
        (
            "North Korea fired two ballistic missiles toward Japan on Tuesday. "
            "Japanese Prime Minister Fumio Kishida condemned the launch.",
            "JPN",
            "PRK",
        ),
        ("Russia struck Kyiv overnight. Ukraine condemned the strikes.", "UKR", "RUS"),
    ],
)
def test_condemning_the_act_targets_its_author(text: str, critic: str, author: str) -> None:
    disapprovals = [e for e in coded(text) if e.cameo_root == 11 and e.source.country == critic]
    assert [e.target.country if e.target else None for e in disapprovals] == [author]


def test_condemning_an_act_of_ones_own_side_names_no_target() -> None:
    text = "Israeli jets struck Gaza overnight. Israel's defence minister condemned the strikes as too slow."
    disapprovals = [e for e in coded(text) if e.cameo_root == 11]
    assert disapprovals and all(e.target is None or e.target.country != "ISR" for e in disapprovals)


@pytest.mark.parametrize(
    ("sentence", "targets"),
    [
        ("Pyongyang warned it would take stronger measures if Washington and Seoul continue their drills.",
         {"USA", "KOR"}),
        ("Iran threatened to close the Strait of Hormuz if the United States imposes new sanctions.",
         {"USA"}),
        ("Hezbollah threatened to retaliate if Israel hits Beirut.", {"ISR"}),
    ],
)  # fmt: skip
def test_a_threat_naming_nobody_is_aimed_at_the_subject_of_its_condition(
    sentence: str, targets: set[str]
) -> None:
    threats = [e for e in coded(sentence) if e.cameo_root == 13]
    assert threats and all(e.conditional for e in threats)
    assert {e.target.country for e in threats if e.target} == targets


def test_a_threat_whose_complement_names_an_object_keeps_that_object() -> None:
    sentence = "Bosnian Serb units threatened to shell British forces if western forces launched any attack."
    threats = [e for e in coded(sentence) if e.cameo_root == 13]
    assert [e.target.code if e.target else None for e in threats] == ["GBRMIL"]
