"""A held-out check of threat rhetoric (session 14): thirty sentences written for this test before any
tuning, half threats phrased in ways the dev split rarely shows (verbless, nouns, ultimatums, capability,
regret), half the same words read as no threat (analysts' predictions, denials, advice, things' risks,
replies, sport).

The set is not tuned on: it counts how many are read right, and the floor below is the count measured when
the stage that last moved it was committed (session 14: 21 of 30 at the start; 23 after own_word.py, branch
threats14b). A change that lowers the count has broken a reading nobody tuned for. Real parses; the texts
are written for this test, not gold sentences.
"""

from __future__ import annotations

from typing import Final

from brink.evaluation.articles import threat_pairs
from tests.fixtures.coder import article, shared_coder

# (text, the (threatener, target) pair a threat should be coded as; a target of None accepts any pair whose
# threatener is right)
THREATS: Final[list[tuple[str, tuple[str, str | None]]]] = [
    (
        "Iran's foreign minister said any American attack on its soil would be met with a devastating "
        "answer.",
        ("IRN", "USA"),
    ),
    (
        "North Korea vowed to turn Seoul into a sea of fire if South Korean troops crossed the border.",
        ("PRK", "KOR"),
    ),
    ("Russia told Ukraine that it would act if the shelling of its border towns continued.", ("RUS", "UKR")),
    ("The Israeli defence minister said Lebanon would regret hosting the militants.", ("ISR", "LBN")),
    ("China gave Taiwan until Friday to withdraw its ships or face the consequences.", ("CHN", "TWN")),
    ("Turkey issued a warning of military action against Syria on Monday.", ("TUR", "SYR")),
    ("Pakistan's army chief said his forces were capable of crushing India if attacked.", ("PAK", "IND")),
    ('"Our response to Washington will be painful," the Iranian commander said.', ("IRN", "USA")),
    ("Venezuela threatened Colombia with consequences over the border incident.", ("VEN", "COL")),
    (
        "The Saudi government vowed to track down those behind the attack on its oil facilities.",
        ("SAU", None),
    ),
    ("Azerbaijan warned Armenia that it would strike back at any provocation.", ("AZE", "ARM")),
    ("Israel threatened to destroy Iran's nuclear sites.", ("ISR", "IRN")),
    ("Moscow said it would retaliate against Britain for expelling its diplomats.", ("RUS", "GBR")),
    ("India warned Pakistan it would pay a heavy price for the attack in Kashmir.", ("IND", "PAK")),
    ("Ethiopia said it would use force against Egypt if the talks on the dam failed.", ("ETH", "EGY")),
]
NON_THREATS: Final[list[str]] = [
    "Analysts said Iran would likely hit back at the United States.",
    "Iran denied that it had threatened Saudi Arabia.",
    "The minister warned that heavy rain would threaten crops across Kenya.",
    "The embassy warned Americans in Iraq to leave the country immediately.",
    "France said it would respond to Germany's proposal next week.",
    "Experts warned that China could invade Taiwan within a decade.",
    "Japan struck back in the final minutes to beat South Korea 2-1.",
    "Turkish officials said they were not threatening Greece.",
    "The drought threatens millions of people in Somalia.",
    "Egypt warned of Israeli retaliation if the ceasefire collapsed.",
    "Brazil promised revenge against Argentina in the World Cup qualifier.",
    "The Kremlin dismissed reports that it had warned Finland of military consequences.",
    "Lebanon's president said the country would respond to the French offer of aid.",
    "Former diplomats said a war between India and China would be a disaster.",
    "Chile's coach said his team would make Peru pay for last year's defeat.",
]
# how many of the 30 were read right when the last stage that moved the count was committed
FLOOR: Final = 23


def pairs(text: str) -> set[tuple[str | None, str | None]]:
    """The threat pairs the evaluation counts (asserted, framed for escalation) in ``text`` coded alone."""
    return threat_pairs(shared_coder().code(article(text)).events)


def right() -> list[str]:
    """The held-out sentences read right."""
    found: list[str] = []
    for text, (src, tgt) in THREATS:
        got = pairs(text)
        if (src, tgt) in got or (tgt is None and any(s == src for s, _ in got)):
            found.append(text)
    found += [text for text in NON_THREATS if not pairs(text)]
    return found


def test_the_held_out_threat_sentences_are_read_right_at_least_as_often_as_when_committed() -> None:
    assert len(THREATS) == len(NON_THREATS) == 15
    assert len(right()) >= FLOOR
