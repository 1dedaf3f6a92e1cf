"""What a dictionary key can mean (``Form``): the kind of entry (country, person, organisation, armed
group, generic agent, place, action trigger), the case the matched text must have, the entry itself; with
the country and place values the forms point to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

# Match categories (key payload kinds).
COUNTRY: Final = 0
PERSON: Final = 1
ORG: Final = 2
GROUP: Final = 3
AGENT: Final = 4
PLACE: Final = 5
TRIGGER: Final = 6
# Case checks on the matched text: none, first letter upper case, all capitals (acronyms).
CASE_ANY: Final = 0
CASE_TITLE: Final = 1
CASE_UPPER: Final = 2
# Country surface kinds.
C_NAME: Final = 0
C_DEMONYM: Final = 1
C_DEMONYM_PLURAL: Final = 2
C_METONYM: Final = 3
C_CODE: Final = 4


@dataclass(frozen=True, slots=True)
class CountryInfo:
    iso3: str
    name: str
    capital: str | None


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int
    landmark: bool = False


@dataclass(frozen=True, slots=True)
class Form:
    """One key payload: what a surface form means."""

    cat: int
    case: int
    ref: Any  # CountryInfo | PersonEntry | OrganisationEntry | ArmedGroupEntry | AgentEntry | Place | Pattern
    sub: int = 0  # country surface kind, or verb form tag index
    surface: str = ""
