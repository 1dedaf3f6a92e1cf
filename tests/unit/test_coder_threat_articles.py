"""Threat rhetoric at article level (brink/evaluation/articles.threat_pairs over the coder's events): a
warning of the warner's own reprisal, a threat coordinated with a rebuke, "... means war", and the
misreads that must not become threat pairs. The texts are written for these tests."""

from __future__ import annotations

from brink.evaluation.articles import article_level, threat_pairs
from tests.fixtures.coder import article, shared_coder


def _coded(text: str) -> tuple[int, set[tuple[str | None, str | None]]]:
    events = shared_coder().code(article(text)).events
    return article_level(events), threat_pairs(events)


def test_a_warning_of_own_retaliation_on_a_condition_is_a_threat() -> None:
    level, pairs = _coded(
        "Azerbaijan's foreign minister met his Turkish counterpart in Baku on Monday. The minister warned "
        "of a crushing response to any new provocation on the border, a ministry statement said."
    )
    assert level == 2
    assert pairs == {("AZE", None)}


def test_a_warning_coordinated_with_a_rebuke_is_aimed_at_the_rebuked_party() -> None:
    level, pairs = _coded(
        "Venezuela on Friday condemned Guyana for granting new oil licences in the disputed region and "
        "warned of retaliation. The foreign ministry called the licences illegal."
    )
    assert level == 2
    assert ("VEN", "GUY") in pairs


def test_a_warning_of_another_side_s_reprisal_is_a_prediction() -> None:
    _, pairs = _coded(
        "The Pentagon warned of Iranian retaliation against US bases in the region. Officials said more "
        "troops would be sent to Qatar."
    )
    assert ("USA", None) not in pairs
    assert not any(speaker == "USA" for speaker, _ in pairs)


def test_means_war_said_by_an_official_threatens_the_named_party() -> None:
    _, pairs = _coded(
        "Serbia's president addressed parliament on Tuesday. \"Any move by Kosovo to seize the north "
        'means war," the president said.'
    )
    assert pairs == {("SRB", "XKX")}


def test_economic_and_disaster_warnings_are_no_threats() -> None:
    for text in (
        "Economists warned of the consequences of the drought for Kenya's harvest. Maize prices rose "
        "by a third in Nairobi.",
        "Aid agencies warned of a slow response to the floods in Pakistan. Thousands remain homeless.",
        "For Ukrainian farmers, winter means war on two fronts, a Kyiv economist said.",
    ):
        level, pairs = _coded(text)
        assert (level, pairs) == (0, set()), text


def test_an_act_that_will_not_go_unanswered_is_a_threat_against_its_author() -> None:
    level, pairs = _coded(
        'Israeli jets struck targets near Damascus overnight, Syrian state media said. "This aggression '
        'will not go unanswered," a Syrian military spokesman said on Sunday.'
    )
    assert ("SYR", None) in pairs or ("SYR", "ISR") in pairs
    assert level >= 2


def test_a_denied_litotes_is_no_threat() -> None:
    _, pairs = _coded(
        "The Pakistani foreign minister denied on Monday that the attack would not go unanswered. He said "
        "talks with Kabul would continue."
    )
    assert not any(speaker == "PAK" for speaker, _ in pairs)


def test_the_south_is_south_korea_in_an_article_naming_north_korea() -> None:
    level, pairs = _coded(
        "North Korea has threatened a merciless strike against the South, officials in Seoul said on "
        "Friday. The warning came after activists burned effigies of its leaders."
    )
    assert level == 2
    assert pairs == {("PRK", "KOR")}


def test_the_north_is_north_korea_when_the_south_is_named_first() -> None:
    _, pairs = _coded(
        "South Korea's defence minister said on Monday that the North would pay a heavy price for any "
        "provocation. Troops were put on alert."
    )
    assert ("KOR", "PRK") in pairs


def test_the_south_of_a_country_that_is_not_divided_is_no_state() -> None:
    for text in (
        "The US president threatened the South with federal troops, his spokesman said. Governors objected.",
        "North Korea's leader threatened the south of the peninsula with missiles. Analysts were unmoved.",
    ):
        _, pairs = _coded(text)
        assert not any(target == "KOR" for _, target in pairs), text


def test_sanctions_not_left_unanswered_threaten_who_imposed_them() -> None:
    level, pairs = _coded(
        "The Canadian government on Thursday imposed sanctions on two Iranian agencies over the hacking. "
        "Iran's foreign minister said Tehran would not leave the sanctions unanswered."
    )
    assert level == 2
    assert ("IRN", "CAN") in pairs


def test_an_unanswered_threat_has_no_target_when_no_one_acted_against_the_speaker() -> None:
    _, pairs = _coded(
        "Canada imposed sanctions on Venezuela on Thursday. Iran's foreign minister said Tehran would not "
        "leave the sanctions unanswered."
    )
    assert ("IRN", "CAN") not in pairs


def test_readiness_to_strike_on_a_condition_is_a_threat_not_a_strike() -> None:
    for text in (
        "The Turkish army stands ready to strike Syria if its troops cross the border. No further details "
        "were given.",
        "The Venezuelan army is prepared to attack Guyana if it drills in the disputed waters, the defence "
        "minister said. No further details were given.",
    ):
        level, pairs = _coded(text)
        assert level == 2, text
        assert len(pairs) == 1 and next(iter(pairs))[1] in ("SYR", "GUY"), text


def test_readiness_without_a_condition_is_no_strike() -> None:
    level, pairs = _coded(
        "Israeli jets are ready to strike Iran, analysts said on Sunday. No further details were given."
    )
    assert (level, pairs) == (0, set())
