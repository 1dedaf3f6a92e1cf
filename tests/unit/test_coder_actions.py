"""Action patterns: every CAMEO root 01-20 is coded from a sentence, and the pattern data is consistent."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from brink.coder.action_patterns import compile_patterns
from brink.coder.cameo import CameoCodes
from brink.coder.dictionary_schema import DATA_DIR
from brink.coder.lexicon import load_verb_groups
from brink.coder.pattern_schema import VerbGroup
from tests.fixtures.coder import article, shared_coder

# (sentence, root, source country, target country) — one per CAMEO root, plus depth on 10-20.
ROOT_SENTENCES = [
    ("Iran declined to comment on the report.", 1, "IRN", None),
    ("Germany urged Iran to release the detained journalists.", 2, "DEU", "IRN"),
    ("China pledged to provide economic aid to Pakistan.", 3, "CHN", "PAK"),
    ("French President Emmanuel Macron met Russian President Vladimir Putin on Monday.", 4, "FRA", "RUS"),
    ("Japan praised South Korea for its handling of the crisis.", 5, "JPN", "KOR"),
    ("India and Japan held joint military exercises in the Bay of Bengal.", 6, "IND", "JPN"),
    ("The United States sent humanitarian aid to Syria.", 7, "USA", "SYR"),
    ("Russia released 20 Ukrainian prisoners on Tuesday.", 8, "RUS", "UKR"),
    ("The United Nations launched an investigation into the killings in Myanmar.", 9, None, None),
    ("Britain demanded that Russia withdraw its troops from Ukraine.", 10, "GBR", "RUS"),
    ("Turkey condemned Israel for the raid.", 11, "TUR", "ISR"),
    ("North Korea rejected the South Korean proposal.", 12, "PRK", "KOR"),
    ("Iran threatened Israel with retaliation.", 13, "IRN", "ISR"),
    ("Thousands of protesters demonstrated against the government in Tehran.", 14, "IRN", "IRN"),
    ("Russia deployed troops to the border with Ukraine.", 15, "RUS", "UKR"),
    ("Canada expelled four Russian diplomats.", 16, "CAN", "RUS"),
    ("Iranian police arrested dozens of protesters in Tehran.", 17, "IRN", "IRN"),
    ("Militants abducted three Nigerian soldiers in Borno.", 18, "NGA", "NGA"),
    ("Israeli jets bombed Hamas positions in Gaza.", 19, "ISR", "PSE"),
    ("Syrian government forces used chemical weapons against civilians in Douma.", 20, "SYR", "SYR"),
    # depth on conflict and on consult / cooperate / aid / yield
    ("Israel accused Iran of supplying weapons to Hezbollah.", 11, "ISR", "IRN"),
    ("Iran vowed revenge against the United States.", 13, "IRN", "USA"),
    ("Venezuela called on the United Nations to mediate.", 2, "VEN", None),
    ("The European Union imposed sanctions on Belarus.", 16, None, "BLR"),
    ("Egypt hosted talks between Israel and Hamas.", 4, "EGY", None),
    ("Turkey and Russia signed an agreement on the Idlib ceasefire.", 5, "TUR", "RUS"),
    ("Japan donated $10 million to Ukraine.", 7, "JPN", "UKR"),
    ("Israel and Hamas declared a ceasefire on Friday.", 8, "ISR", "PSE"),
    ("Armenia and Azerbaijan exchanged fire along the border.", 19, "ARM", "AZE"),
]


@pytest.mark.parametrize(("sentence", "root", "source", "target"), ROOT_SENTENCES)
def test_sentence_is_coded_with_its_cameo_root(
    sentence: str, root: int, source: str, target: str | None
) -> None:
    events = shared_coder().code(article(sentence)).events
    hits = [e for e in events if e.cameo_root == root and not e.negated and not e.hypothetical]
    assert hits, f"no root {root:02d} event in {[(e.cameo, e.source.code) for e in events]}"
    assert any(e.source.country == source for e in hits), [(e.source.code, e.source.country) for e in hits]
    if target is not None:
        assert any(e.target is not None and e.target.country == target for e in hits)


def test_every_cameo_root_has_patterns_and_a_test_sentence() -> None:
    groups = load_verb_groups()
    roots_with_patterns = {int(g.code[:2]) for g in groups if g.verbs or g.nouns}
    assert roots_with_patterns == set(range(1, 21))
    assert {root for _, root, _, _ in ROOT_SENTENCES} == set(range(1, 21))


def test_every_pattern_code_is_a_known_cameo_code_with_goldstein_and_quad() -> None:
    cameo = CameoCodes.load(DATA_DIR / "cameo.yaml")
    for group in load_verb_groups():
        for code in (
            group.code,
            group.future,
            group.untargeted,
            group.context_code,
            group.joint,
            *group.by_role.values(),
        ):
            if code is not None:
                info = cameo.get(code)
                assert info.code == code, f"{code} is not in cameo.yaml"
    assert {cameo.get(f"{r:02d}").quad_class for r in (1, 2, 3, 4, 5)} == {1}
    assert {cameo.get(f"{r:02d}").quad_class for r in (6, 7, 8)} == {2}
    assert {cameo.get(f"{r:02d}").quad_class for r in (9, 10, 11, 12, 13, 16)} == {3}
    assert {cameo.get(f"{r:02d}").quad_class for r in (14, 15, 17, 18, 19, 20)} == {4}
    assert cameo.get("195").goldstein == -10.0 and cameo.get("057").goldstein == 8.0


def test_verb_phrases_are_inflected_from_lemmas() -> None:
    group = VerbGroup(code="190", verbs=["carry out * airstrikes"], nouns=["air strike"])
    keys = {key.strip() for key, _, _ in compile_patterns([group])}
    assert {"carry out", "carried out", "carries out", "carrying out"} <= keys
    assert {"air strike", "air strikes"} <= keys


def test_a_malformed_pattern_file_names_the_entry(tmp_path: Path) -> None:
    bad = tmp_path / "verbs.yaml"
    bad.write_text(yaml.safe_dump([{"code": "99", "verbs": ["attack"]}]), encoding="utf-8")
    with pytest.raises(ValueError, match="entry #1"):
        load_verb_groups(tmp_path)


def test_passive_voice_takes_the_source_from_the_by_agent() -> None:
    events = shared_coder().code(article("The Iraqi base was attacked by Iranian militias on Sunday.")).events
    attack = next(e for e in events if e.cameo_root in (18, 19))
    assert attack.source.country == "IRN" or attack.source.sponsor == "IRN"
    assert attack.target is not None and attack.target.country == "IRQ"


def test_nominal_event_takes_its_source_from_the_possessor_and_target_from_on() -> None:
    events = (
        shared_coder().code(article("Israel carried out strikes on Hezbollah positions in Lebanon.")).events
    )
    strike = next(e for e in events if e.cameo_root == 19)
    assert strike.source.country == "ISR"
    assert strike.target is not None and strike.target.name == "Hezbollah"


@pytest.mark.parametrize(
    ("sentence", "modifier_root"),
    [
        ("Britain demanded the release of a tanker seized last week by Iran.", 17),
        ("Syrian warplanes supported by Russia pounded rebel positions.", 5),
    ],
)
def test_a_participle_modifying_a_noun_is_no_action_of_its_own(sentence: str, modifier_root: int) -> None:
    events = shared_coder().code(article(sentence)).events
    assert events  # the main action is coded
    assert [e for e in events if e.cameo_root == modifier_root] == []


def test_a_past_tense_verb_after_its_subject_is_still_an_action() -> None:
    seized = shared_coder().code(article("Iran seized a British tanker.")).events
    assert [e.cameo for e in seized] == ["171"]


def test_the_subject_of_a_clause_after_a_long_sentence_start_is_its_source() -> None:
    clause = (
        "At least 11 soldiers and four militants were killed on Monday after the Islamic State attacked an "
        "army camp in western Kabul, the seventh major attack in the country this month."
    )
    events = shared_coder().code(article(clause)).events
    # (root 19: an attack on an army camp is fighting, CAMEO 18 is violence without military force)
    assert any(e.cameo_root == 19 and e.source.name == "Islamic State" for e in events)
