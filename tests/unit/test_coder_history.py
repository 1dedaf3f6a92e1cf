"""Acts dated by their own clause more than about a year before publication are not coded (history.py)."""

from __future__ import annotations

import pytest

from tests.fixtures.coder import article, shared_coder

# the fixture article is published 2019-12-31


def roots(text: str) -> set[int]:
    return {e.cameo_root for e in shared_coder().code(article(text)).events}


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("The United States imposed sanctions on Iran back in 2012, saying it was building a bomb.", 16),
        ("In October 2006, Georgia expelled four Russian diplomats.", 16),
        ("Iraq had cut diplomatic ties with the United States after the 1967 war.", 16),
        ("Russia invaded Ukraine ten years ago.", 19),
        ("Veterans marked the anniversary of the 2003 invasion of Iraq by the United States.", 19),
    ],
)
def test_an_act_dated_long_before_publication_is_not_coded(text: str, root: int) -> None:
    assert root not in roots(text)


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Russia invaded Ukraine on Monday.", 19),
        ("The United States imposed sanctions on Iran in 2019.", 16),  # this year: may be recent
        ("Georgia expelled four Russian diplomats in December.", 16),
        ("Iraq cut diplomatic ties with the United States in the 2019 crisis talks.", 16),  # no date object
        ("China sent warships near Taiwan in 2016, and again this week.", 15),  # also now
    ],
)
def test_a_recent_or_undated_act_is_still_coded(text: str, root: int) -> None:
    assert root in roots(text)


def test_an_act_in_a_time_clause_of_a_dated_act_is_dated_with_it() -> None:
    dated = (
        "Russia suspended flights to Georgia in October 2006 after Georgian police detained "
        "four Russian officers."
    )
    assert 17 not in roots(dated)
    assert 17 in roots(dated.replace("in October 2006", "on Monday"))


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Japan occupied Korea from 1910 to 1945.", 19),  # a range of dates that ended long ago
        ("Two decades after the United States invaded Iraq, Baghdad hosted an Arab summit.", 19),
    ],
)
def test_a_range_or_retrospective_span_dates_the_act(text: str, root: int) -> None:
    assert root not in roots(text)


@pytest.mark.parametrize(
    ("old", "recent", "root"),
    [
        (  # "MONTH last year": more than a year back from 31 December 2019
            "In March last year, Saudi Arabia expelled the Canadian ambassador.",
            "In December last year, Saudi Arabia expelled the Canadian ambassador.",
            16,
        ),
        (  # a "when" clause of an old noun event
            "Exiles marked the 1979 revolution, when Iranian students seized the US embassy in Tehran.",
            "Iranian students seized the US embassy in Tehran.",
            19,
        ),
        (  # the means of a dated act ("responded by invading")
            "In 2008, Georgia shelled Tskhinvali, and Russian troops responded by invading Georgia.",
            "On Monday, Georgia shelled Tskhinvali, and Russian troops responded by invading Georgia.",
            19,
        ),
        (  # a time clause of a state dated "since" long ago
            "The embassy has stayed shut since May 2016 after Saudi Arabia expelled the Canadian ambassador.",
            "The embassy has stayed shut since May 2016, and Saudi Arabia expelled the Canadian "
            "ambassador on Monday.",
            16,
        ),
    ],
)
def test_an_act_dated_through_its_clause_is_history(old: str, recent: str, root: int) -> None:
    assert root not in roots(old)
    assert root in roots(recent)


def test_a_conjunct_in_the_present_is_not_dated_by_the_first() -> None:
    text = "In 2016, Russia expelled British diplomats, and this week Britain expels Russian diplomats."
    assert 16 in roots(text)


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("During World War II, Japan occupied Korea.", 19),  # a named era
        ("During the Cold War, the Soviet Union invaded Afghanistan.", 19),
        ("Russia invaded Georgia more than a decade ago.", 19),
    ],
)
def test_an_act_in_a_named_era_or_long_ago_is_history(text: str, root: int) -> None:
    assert root not in roots(text)


@pytest.mark.parametrize(
    ("text", "root"),
    [
        # an abbreviated month with its full stop still dates the act
        ("Iranian students stormed the U.S. Embassy in Tehran on Nov. 4, 1979.", 14),
        # a participle clause happened with the dated act it hangs on
        ("Iranian students stormed the embassy on Nov. 4, 1979, holding 52 Americans hostage.", 18),
        # "with X doing ...": the circumstance of a dated act
        ("Argentina invaded the Falklands 40 years ago, with Britain sending troops to the islands.", 15),
        # a clause of the same moment ("as", "when", "while") dates the act it hangs on
        ("The airliner was shot down by a Russian missile as it flew to Kuala Lumpur on July 7, 2014.", 19),
    ],
)
def test_an_act_dated_through_a_clause_of_the_same_moment_is_history(text: str, root: int) -> None:
    assert root not in roots(text)


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Russian jets bombed the hospital as doctors treated patients on Monday.", 19),
        ("Russia sent troops to the border on Monday, with Putin warning Ukraine.", 13),
        ("Argentina invaded the Falklands on Monday, with Britain sending troops to the islands.", 15),
        # "after" an old date is not "at" it: the act may be news
        ("Russian jets bombed the hospital on Monday after it reopened in 2014.", 19),
    ],
)
def test_an_act_with_a_recent_or_later_clause_is_still_coded(text: str, root: int) -> None:
    assert root in roots(text)


def test_an_act_two_days_ago_is_news() -> None:
    assert 19 in roots("Russia invaded Georgia two days ago.")


DATED = [
    "The United States imposed sanctions on Iran back in 2012, saying it was building a bomb.",
    "Russia invaded Ukraine ten years ago.",
    "Veterans marked the anniversary of the invasion of Iraq by the United States.",
    "Two decades after the United States invaded Iraq, Baghdad hosted an Arab summit.",
    "In March last year, Saudi Arabia expelled the Canadian ambassador.",
    "During World War II, Japan occupied Korea.",
    "During the Cold War, the Soviet Union invaded Afghanistan.",
    "Russia invaded Georgia more than a decade ago.",
    "Exiles marked the centenaries of the uprisings.",
]


def test_a_sentence_whose_acts_may_be_recalled_is_told_by_its_dating_words() -> None:
    """``may_recall`` lets the pipeline skip ``recalled`` for sentences without a digit, "ago", an era's word,
    a year/decade/century or an anniversary: it must hold wherever ``recalled`` can say yes."""
    from datetime import date

    from brink.coder.history import may_recall, recalled
    from brink.coder.parse import load_model, parse

    published = date(2019, 12, 31)
    docs = parse(DATED, load_model())
    for text, doc in zip(DATED[:-1], docs, strict=False):
        assert may_recall(doc), text
        assert any(recalled(tok, published) for tok in doc), text
    assert may_recall(docs[-1])  # "centenaries": its lemma, not its text, is the word
    undated = parse(["Russia invaded Georgia on Monday, the ministry said."], load_model())[0]
    assert not may_recall(undated)
    assert not any(recalled(tok, published) for tok in undated)


def test_an_act_last_year_told_as_what_led_to_the_news_is_background() -> None:
    background = (
        "The new sanctions come after the United States pulled out of the nuclear deal with Iran last year."
    )
    assert 16 not in roots(background)
    # the same act last week, or last year in a main clause, is still coded
    assert 16 in roots(background.replace("last year", "last week"))
    assert 16 in roots("The United States pulled out of the nuclear deal with Iran last year.")
