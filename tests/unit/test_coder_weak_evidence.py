"""An event one of whose actors is a guessed name with no country is not coded (brink/coder/weak_evidence.py,
ADR 0031); a dictionary actor with no country of its own keeps its event."""

from __future__ import annotations

import pytest

from tests.fixtures.coder import article, shared_coder


def codes(text: str) -> list[tuple[str, str, str | None]]:
    events = shared_coder().code(article(text)).events
    return [(e.cameo, e.source.code, e.target.code if e.target is not None else None) for e in events]


@pytest.mark.parametrize(
    "text",
    [
        # the doer's name is guessed and no country goes with it
        "Amnesty reported that the Mai-Mai Kata Katanga slaughtered at least 40 Congolese civilians.",
        "The Ecumenical Council of Churches urged the Fijian government to release the detained pastors.",
        "Typhoon Haikui slammed into the eastern coast of Taiwan, killing 12 people.",
    ],
)
def test_an_event_of_a_countryless_guessed_actor_is_not_coded(text: str) -> None:
    assert codes(text) == []


@pytest.mark.parametrize(
    ("text", "event"),
    [
        (
            "A new coalition of opposition parties issued a stern warning to the militants.",
            ("130", "OPP", "REB"),
        ),
        ("Kenyan authorities began arresting traders for raising maize prices.", ("173", "KENGOV", "KENBUS")),
    ],
)
def test_an_event_of_known_actors_stays(text: str, event: tuple[str, str, str]) -> None:
    assert event in codes(text)
