"""Action phrasings by family: a sentence in, the CAMEO code out, with figurative and negative cases
beside each family so recall is not bought with false positives."""

from __future__ import annotations

import pytest
import yaml

from brink.coder.dictionary_schema import DATA_DIR
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
    # 075 refuge
    ("Germany accepted more than 1,500 refugees from Greece.", "075"),
    # 062 joint exercises, training
    ("The Russian and Chinese navies began a joint military exercise in the Sea of Japan.", "062"),
    ("The US military trains Iraqi pilots at the request of Iraq's government.", "062"),
    # 070 / 073 aid
    ("Israel distributed supplies including tents and food to Syrians near the border.", "073"),
    # 074 peacekeeping
    # 0831 resignation
    # 0356 agreeing to a ceasefire is an intent (CAMEO 03); declaring one is 0871
    ("Turkey declared a ceasefire in northern Syria.", "0871"),
    # 016 rejecting an accusation (singular or plural) is a denial
    ("Iran rejected the accusations of meddling.", "016"),
    # 1312 calling for sanctions against someone threatens them with sanctions
    # 020 pushing for a policy is an appeal, not a demand
    # 014 exploring a possibility
    # 012 concern with a modifier
    ("Brazil expressed serious concern about the escalation in Syria.", "012"),
    # 052 defending someone's actions
    ("Russia's defence minister defended Russia's efforts to expand its presence in the Arctic.", "052"),
    # 042 -> 074 peacekeepers arriving
    # 120 failing to agree
    # 090 sending investigators
    # 1724 state of siege
    # 160 suspending flights
    # 171 cyber attacks
    # 100 obligations stated by a speaker
    # 172 closing a border restricts movement (administrative sanction)
    # 071 money mobilised, 032 support pledged, 039 mediation proposed
    ("The United States pledged increased support for Jordan.", "032"),
    # 0842 returning cultural property, however long its description
    # 062 taking part in exercises
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


def test_an_adverb_between_must_and_the_verb_keeps_the_demand() -> None:
    events = coded("The U.S. has said that North Korea must first disarm before it can receive aid.")
    assert any(e.cameo_root == 10 and e.target is not None and e.target.country == "PRK" for e in events)


def test_must_without_a_speaker_is_not_an_asserted_event_of_the_subject() -> None:
    events = coded("Qatar must mediate with Djibouti.")
    assert all(e.hypothetical for e in events if e.cameo_root == 4)


def test_cannot_is_a_negation() -> None:
    assert [e.negated for e in coded("Iran cannot attack Israel.") if e.cameo_root == 19] == [True]


def test_a_visit_without_peacekeeping_stays_a_visit() -> None:
    assert "042" in codes("French President Emmanuel Macron arrived in Mali on Friday.")


def test_a_repeated_demand_is_coded() -> None:
    assert any(
        c.startswith("10") for c in codes("The United States repeated its demand for an Israeli withdrawal.")
    )


def test_being_responsible_for_security_is_no_action() -> None:
    assert codes("Iran is responsible for the security of the Gulf.") == []


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Putin expressed his profound condolences to the British people.", "018"),
        ("Croatia expressed hopes that talks with Serbia will resume.", "013"),
    ],
)
def test_phrases_with_modifiers_in_the_slot(sentence: str, code: str) -> None:
    assert code in codes(sentence)


def test_exercises_held_together_are_joint_cooperation_not_a_show_of_force() -> None:
    joint = coded("India held military exercises with Japan in the Bay of Bengal.")
    assert {(e.cameo, e.source.country) for e in joint} == {("062", "IND"), ("062", "JPN")}
    alone = coded("China staged military exercises against Taiwan.")
    assert [e.cameo_root for e in alone] == [15]


def test_accused_of_an_action_does_not_assert_it() -> None:
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


def _events(sentence: str, code_prefix: str) -> list[EscalationEvent]:
    return [e for e in coded(sentence) if e.cameo.startswith(code_prefix)]


def test_vowing_revenge_for_strikes_threatens_whoever_struck() -> None:
    threats = _events("Kataib Hezbollah vowed revenge for the U.S. strikes on its bases.", "13")
    assert [(e.source.name, e.target.country if e.target else None) for e in threats] == [
        ("Kataib Hezbollah", "USA")
    ]


def test_a_threat_whose_complement_names_an_object_keeps_that_object() -> None:
    sentence = "Bosnian Serb units threatened to shell British forces if western forces launched any attack."
    threats = [e for e in coded(sentence) if e.cameo_root == 13]
    assert [e.target.code if e.target else None for e in threats] == ["GBRMIL"]
