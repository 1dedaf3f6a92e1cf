"""Unidentified perpetrators: an act whose doer is named only by what they carried or did is not coded.

"Gunmen stormed a construction site in northern Nigeria", "a suicide bomber killed 10 policemen": the doer is
no political actor, so there is no dyad to code (tests/gold/README.md: "Events with no identifiable
perpetrator ... are not coded"; ADR 0024 keeps such violence for the article's level through casualties.py).
The phrases are data (data/unidentified.yaml); a named group keeps its events ("Taliban gunmen": the actor is
the Taliban, not a generic agent).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

from pydantic import BaseModel, ConfigDict

from brink.coder.actor_values import OWN_COUNTRY, Mention
from brink.coder.data_files import read_model
from brink.coder.key_forms import AGENT

_DATA: Final = Path(__file__).parent / "data" / "unidentified.yaml"


class UnidentifiedFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    phrases: list[str]


@cache
def _phrases() -> frozenset[str]:
    data = read_model(UnidentifiedFile, _DATA)
    return frozenset(p.lower() for p in data.phrases)


def unidentified(mention: Mention) -> bool:
    """Is this mention a generic agent named only as a perpetrator ("gunmen", "gunmen in Mogadishu")? A
    mention of a named group is not one ("Taliban gunmen" is a mention of the Taliban), nor is one whose own
    words give a nationality ("Somali gunmen": the gold rules count a nationality as identifying); a country
    lent by a place, the dateline or the article does not identify them."""
    if mention.cat != AGENT or mention.phrase.lower() not in _phrases():
        return False
    own_nationality = mention.country_from == OWN_COUNTRY and mention.actor.country is not None
    return not own_nationality
