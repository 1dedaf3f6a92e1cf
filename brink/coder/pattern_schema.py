"""Schema of the coder's own data files: action patterns (``verbs.yaml``), grammar word lists
(``grammar.yaml``), CAMEO codes (``cameo.yaml``) and landmarks (``landmarks.yaml``).

The phrase syntax is documented at the top of ``data/verbs.yaml`` and in ``data/README.md``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from brink.coder.dictionary_schema import Role

CameoCode = str
# Roles a pattern may condition on: the dictionary roles, plus STATE for a country named as itself
# ("Iran attacked ...") and NONE for a source without a role.
PatternRole = Role | Literal["STATE"]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_code(code: str) -> str:
    if not (2 <= len(code) <= 4 and code.isdigit() and 1 <= int(code[:2]) <= 20):
        raise ValueError(f"{code!r} is not a CAMEO event code (2-4 digits, root 01-20)")
    return code


class VerbGroup(_Data):
    """One CAMEO code and the phrases that express it."""

    code: CameoCode
    verbs: list[str] = Field(default_factory=list, description="Verb phrases; the first word is inflected.")
    nouns: list[str] = Field(default_factory=list, description="Nominal events; the last word is pluralised.")
    future: CameoCode | None = Field(default=None, description="Code when the action is announced, not done.")
    by_role: dict[PatternRole, CameoCode] = Field(default_factory=dict)
    only_roles: list[PatternRole] | None = None
    not_before: list[str] = Field(default_factory=list)
    not_after: list[str] = Field(default_factory=list)
    needs_target: bool = False
    only_future: bool = False
    default_target: str | None = Field(default=None, description="Agent id used when no target is named.")
    implicit_target: Literal["attacker", "offender"] | None = None
    untargeted: CameoCode | None = Field(
        default=None, description="Code when no target is named (a missile launch with no target is 150)."
    )
    context_code: CameoCode | None = Field(
        default=None,
        description="Code when the sentence also has one of context_words (troops sent to a peacekeeping "
        "mission are peacekeeping, 074, not a show of force).",
    )
    context_words: list[str] = Field(default_factory=list)
    joint: CameoCode | None = Field(
        default=None,
        description="Code when two actors act together: 'A and B held drills', 'A held drills with B' "
        "(joint exercises are cooperation, 062, not a show of force against B).",
    )

    @field_validator("code", "future", "untargeted", "context_code", "joint")
    @classmethod
    def _valid_code(cls, value: str | None) -> str | None:
        return None if value is None else _check_code(value)

    @field_validator("by_role")
    @classmethod
    def _valid_codes(cls, value: dict[str, str]) -> dict[str, str]:
        for code in value.values():
            _check_code(code)
        return value

    @field_validator("verbs", "nouns")
    @classmethod
    def _lower_case(cls, value: list[str]) -> list[str]:
        for phrase in value:
            if phrase != phrase.lower() or not phrase.strip():
                raise ValueError(f"phrase {phrase!r} must be non-empty lower case")
            if phrase.startswith("*") or phrase.endswith("*"):
                raise ValueError(f"phrase {phrase!r}: '*' (object slot) must sit between words")
        return value


class CameoEntry(_Data):
    code: CameoCode
    name: str
    goldstein: float = Field(ge=-10, le=10)
    plover_type: str
    plover_mode: str | None = None

    @field_validator("code")
    @classmethod
    def _valid_code(cls, value: str) -> str:
        return _check_code(value)


class CameoTable(_Data):
    quad_classes: dict[int, list[int]]
    codes: list[CameoEntry]


class Landmark(_Data):
    name: str
    aliases: list[str]
    city: str | None
    country: str | None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)


class Pronouns(_Data):
    person: list[str]
    group: list[str]
    speaker_country: list[str]
    speaker: list[str]
    halves: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="'the North', 'the South': a half of a divided country, by the country (ISO alpha-3) of "
        "either half named last in the article: {south: {PRK: KOR, KOR: KOR}}.",
    )


class GrammarData(_Data):
    modifier_words: list[str]
    sponsor_words: list[str]
    owner_words: list[str] = Field(
        default_factory=list,
        description="'X-led coalition', 'X-owned tanker', 'X-flagged ship': X owns or commands what follows, "
        "so X stays the actor (unlike a sponsor word's backer).",
    )
    member_words: list[str] = Field(
        default_factory=list,
        description="Generic agent phrases for the people who speak for an institution ('officials', "
        "'spokesman'): after a generic agent of a country ('Indian Army officials') they take its role.",
    )
    abroad_words: list[str] = Field(
        default_factory=list,
        description="Generic agent phrases for a state's presence abroad ('embassy', 'diplomats'): they lend "
        "their country to no one who acts on them (lent_countries.py).",
    )
    negators: list[str]
    negation_exceptions: list[str]
    denials: list[str]
    conditionals: list[str]
    hypotheticals: list[str]
    futures: list[str]
    figurative_complements: list[str]
    reporting_verbs: list[str]
    source_phrases: list[str]
    light_verbs: list[str]
    subordinators: list[str]
    relative_pronouns: list[str]
    prepositions: list[str]
    of_heads: list[str]
    determiners: list[str]
    auxiliaries: list[str]
    be_forms: list[str]
    pronouns: Pronouns
    historical_days: int = Field(gt=0)
    # nouns that name an earlier hostile act when a disapproval takes them as its object ("condemned the
    # launch"): the act's author is the one disapproved of
    event_references: list[str]
    historical_markers: list[str]
    intensifiers: list[str]
    ultimatums: list[str]
    force_words: list[str]
    punishment_words: list[str]
    # "bases that house U.S. forces": the verbs by which a place attacked hosts another's forces
    hosting_verbs: list[str] = Field(default_factory=list)
    proximity_words: list[str] = Field(default_factory=list)
