"""Actors: countries and their metonyms, offices resolved by tenure, generic agents given a country,
armed groups with sponsors, IGOs, places; quotes and reported speech."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from brink.coder.actor_values import ActorVal, Mention
from brink.coder.scan import upper_initial
from schemas.event import EscalationEvent
from tests.fixtures.coder import article, shared_coder


def coded(sentence: str, published: datetime = datetime(2020, 1, 1, 12, tzinfo=UTC)) -> list[EscalationEvent]:
    return shared_coder().code(article(sentence, published=published)).events


def test_the_president_is_whoever_held_the_office_on_the_article_date() -> None:
    before = coded("The U.S. president warned Iran.", datetime(2020, 1, 1, tzinfo=UTC))[0]
    after = coded("The U.S. president warned Iran.", datetime(2022, 6, 1, tzinfo=UTC))[0]
    assert before.source.name == "Donald Trump" and after.source.name == "Joe Biden"
    assert before.source.code == "USAGOV" and before.source.kind == "person"


def test_demonyms_capitals_and_seats_of_government_stand_for_the_state() -> None:
    tehran = coded("Tehran rejected the accusations.")[0]
    kremlin = coded("The Kremlin criticised NATO.")[0]
    iranian = coded("Iranian forces seized a British tanker.")[0]
    assert (tehran.source.country, tehran.source.role, tehran.location) == ("IRN", "GOV", None)
    assert kremlin.source.code == "RUSGOV" and kremlin.target is not None and kremlin.target.kind == "igo"
    assert iranian.source.code == "IRNMIL" and iranian.target is not None and iranian.target.country == "GBR"


def test_a_capital_after_in_is_a_place_with_coordinates() -> None:
    e = coded("Protesters stormed the parliament in Baghdad.")[0]
    assert e.source.code == "IRQCVL"  # generic agent takes the country of the place
    assert e.location is not None and e.location.name == "Baghdad" and e.location.country == "IRQ"
    assert e.location.lat is not None and 33 < e.location.lat < 34


def test_landmark_resolves_to_its_city() -> None:
    e = coded("Thousands of protesters stormed the U.S. embassy compound in the Green Zone.")[0]
    assert e.location is not None and "Baghdad" in e.location.name and e.location.country == "IRQ"


def test_generic_agent_takes_the_country_of_its_modifier() -> None:
    e = coded("U.S. troops clashed with Iraqi protesters.")[0]
    assert e.source.code == "USAMIL" and e.target is not None and e.target.code == "IRQCVL"


def test_armed_group_carries_its_country_and_sponsor() -> None:
    e = coded("Kataib Hezbollah fired rockets at the U.S. embassy.")[0]
    assert (e.source.code, e.source.country, e.source.sponsor, e.source.kind) == (
        "IRQREB",
        "IRQ",
        "IRN",
        "armed_group",
    )
    assert e.dyad == "IRQ-USA"


def test_backed_marks_a_sponsor_not_an_actor() -> None:
    events = coded("Iran-backed militias attacked the U.S. embassy in Baghdad.")
    attack = next(e for e in events if e.cameo_root in (18, 19))
    assert attack.source.country == "IRQ" and attack.source.sponsor == "IRN"
    assert all(e.source.country != "IRN" for e in events)


def test_kosovo_and_its_capital_resolve_to_the_user_assigned_code_xkx() -> None:
    accusation = coded("Kosovo accused Serbia of provocations.")[0]
    arrest = coded("Serbian police arrested two men in Pristina.")[0]
    assert (accusation.source.code, accusation.dyad) == ("XKX", "SRB-XKX")
    assert arrest.location is not None
    assert (arrest.location.name, arrest.location.country) == ("Pristina", "XKX")


def test_igo_official_is_coded_as_the_igo() -> None:
    e = coded("UN Secretary-General Antonio Guterres urged Israel to halt the offensive.")[0]
    assert e.source.code == "IGOUNO" and e.source.country is None and e.source.name == "António Guterres"
    assert e.dyad is None


def test_a_pronoun_whose_antecedent_is_in_an_earlier_sentence_keeps_its_own_words() -> None:
    events = coded("Secretary of State Mike Pompeo arrived in Cairo. He met Egyptian officials.")
    talk = next(e for e in events if e.sentence.startswith("He met"))
    assert talk.source.name == "Mike Pompeo" and talk.source.text == "He"


def test_they_in_a_quote_is_the_other_side() -> None:
    text = '"Iran attacked our embassy. They will be held fully responsible," Trump tweeted.'
    threat = next(e for e in coded(text) if e.cameo_root == 13)
    assert threat.source.country == "USA" and threat.target is not None and threat.target.country == "IRN"
    assert threat.speaker is not None and threat.speaker.name == "Donald Trump"


def test_both_sides_without_two_countries_before_is_no_actor() -> None:
    assert coded("Both sides agreed to a ceasefire on Sunday.") == []


def test_attacks_on_a_non_actor_that_worry_a_country_are_no_event() -> None:
    assert coded("Houthi attacks on commercial shipping near Yemen worry Britain.") == []


def test_the_target_of_attacks_on_an_actor_is_that_actor() -> None:
    events = coded("The Houthis carried out new attacks on U.S. warships, Britain said.")
    attack = next(e for e in events if e.cameo_root in (18, 19))
    assert attack.target is not None and attack.target.code == "USAMIL"


def test_the_upper_case_test_of_a_name_initial_agrees_with_str_isupper() -> None:
    chars = [chr(c) for c in range(0x3000)] + ["\U0001d400", "\U0001d41a"]  # + mathematical bold A, a
    assert [upper_initial(c) for c in chars] == [c.isupper() for c in chars]


def test_hand_made_actor_and_mention_copies_equal_dataclasses_replace() -> None:
    a = ActorVal("IRQMIL", "IRQ", "MIL", "Iraqi forces", "state", "official", "IRN", "ag-1", True, True, True)
    assert a.with_sponsor(None) == dataclasses.replace(a, sponsor=None)
    assert a.with_role("COP") == dataclasses.replace(a, role="COP")
    assert a.with_code("IRQ") == dataclasses.replace(a, code="IRQ")
    assert a.with_office("UN envoy", None) == dataclasses.replace(a, name="UN envoy", authority=None)
    m = Mention(3, 9, a, 4, 1, "forces", True, True, 1, 2)
    assert m.spanning(0, 12, 0, 3) == dataclasses.replace(m, start=0, end=12, ti=0, tj=3)


def test_a_state_office_named_for_another_country_is_that_country_s() -> None:
    # "Foreign Office" alone is the English name of several states' foreign ministries (Britain's,
    # Pakistan's, Germany's): a country beside it says whose, else it has none; Britain's full names stay
    for sentence, source in (
        ("The Pakistan Foreign Office condemned India on Monday.", "PAKGOV"),
        ("Germany's Foreign Office condemned Russia on Monday.", "DEUGOV"),
        ("The British Foreign Office condemned Iran on Monday.", "GBRGOV"),
        ("The Foreign and Commonwealth Office condemned Iran on Monday.", "GBRGOV"),
        ("The Foreign Office condemned Iran on Monday.", "GOV"),
        ("Foreign Office spokesman Nafees Zakaria condemned India on Monday.", "GOV"),
    ):
        events = coded(sentence)
        assert [e.source.code for e in events] == [source], sentence


def test_a_city_in_a_person_s_name_is_no_place() -> None:
    # Hassan is also a city in India: in "Sheik Hassan Nasrallah" it must not place the story in India (an
    # unplaced "guerrilla group" in the article would become Indian)
    events = (
        shared_coder()
        .code(
            article(
                "The guerrilla group was told to be ready. Hezbollah leader Sheik Hassan Nasrallah condemned "
                "Israel in a televised speech on Wednesday."
            )
        )
        .events
    )
    assert events
    assert all("IND" not in (e.source.country, e.location.country if e.location else None) for e in events)


def test_he_refers_to_the_last_person_named() -> None:
    events = coded(
        "Secretary of State Mike Pompeo said he had spoken with Israeli Prime Minister Benjamin Netanyahu."
    )
    talk = next(e for e in events if e.cameo_root == 4 and e.source.name == "Mike Pompeo")
    # the pronoun's antecedent is in its sentence: the event reports the antecedent's words (ADR 0010)
    assert talk.source.text == "Secretary of State Mike Pompeo"
    assert talk.target is not None and talk.target.name == "Benjamin Netanyahu"
