"""The curated actor dictionaries (brink/coder/data/*.yaml): valid, consistent, resolving offices by date."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import cache

import pycountry
import pytest

from brink.coder.dictionary_schema import (
    DATA_DIR,
    DICTIONARY_FILES,
    AgentEntry,
    ArmedGroupEntry,
    CountryExtra,
    DictionaryError,
    Entry,
    OrganisationEntry,
    PersonEntry,
    Position,
    load_entries,
)

# Offices held by one person at a time (per country or IGO and title).
EXCLUSIVE = {"head_of_state", "head_of_government", "minister", "military_chief"}
# Heads of state/government: tenures must chain without gaps between the first and the last holder
# recorded, except handovers of up to MAX_HANDOVER and the vacancies listed here (start, end).
MAX_HANDOVER = timedelta(days=7)
WINDOW = (date(2015, 1, 1), date(2025, 9, 1))
KNOWN_VACANCIES: dict[tuple[str, str], list[tuple[date, date]]] = {
    # Parliament failed to elect a president twice.
    ("LBN", "president"): [(date(2014, 5, 25), date(2016, 10, 31)), (date(2022, 10, 31), date(2025, 1, 9))],
    # Assad fled on 2024-12-08; al-Sharaa was named president on 2025-01-29.
    ("SYR", "president"): [(date(2024, 12, 8), date(2025, 1, 29))],
    # Acting presidents (recorded under "acting president") after Park's and Yoon's removals.
    ("KOR", "president"): [(date(2017, 3, 10), date(2017, 5, 10)), (date(2025, 4, 4), date(2025, 6, 4))],
    # Acting president Grasso between Napolitano's resignation and Mattarella's oath.
    ("ITA", "president"): [(date(2015, 1, 14), date(2015, 2, 3))],
    # Sudan had no prime minister between Hamdok's resignation and Kamil Idris.
    ("SDN", "prime minister"): [(date(2022, 1, 2), date(2025, 5, 19))],
    # Vice-presidents acted as head of state.
    ("VNM", "president"): [
        (date(2018, 9, 21), date(2018, 10, 23)),
        (date(2023, 1, 18), date(2023, 3, 2)),
        (date(2024, 3, 21), date(2024, 5, 22)),
    ],
    # Sede vacante between Pope Francis's death and Leo XIV's election.
    ("VAT", "pope"): [(date(2025, 4, 21), date(2025, 5, 8))],
    # David Lipton was acting IMF managing director between Lagarde and Georgieva.
    ("IGOBUSIMF", "imf managing director"): [(date(2019, 9, 12), date(2019, 10, 1))],
    # Cornel Feruta was acting IAEA director general between Amano's death and Grossi.
    ("IGOUNOIAE", "iaea chief"): [(date(2019, 7, 18), date(2019, 12, 3))],
    # Mokhber was acting president between Raisi's death and Pezeshkian's inauguration.
    ("IRN", "president"): [(date(2024, 5, 19), date(2024, 7, 28))],
    # Acting prime ministers between governments.
    ("SOM", "prime minister"): [(date(2020, 7, 25), date(2020, 9, 23))],
    ("ARM", "prime minister"): [(date(2018, 4, 23), date(2018, 5, 8))],
    ("ARM", "president"): [(date(2022, 2, 1), date(2022, 3, 13))],
    ("THA", "prime minister"): [(date(2025, 8, 29), date(2025, 9, 7))],
    ("MMR", "president"): [(date(2018, 3, 21), date(2018, 3, 30))],
    ("MLI", "president"): [(date(2020, 8, 18), date(2020, 9, 25))],
    ("DZA", "president"): [(date(2019, 4, 2), date(2019, 12, 19))],
    ("TUN", "president"): [(date(2019, 7, 25), date(2019, 10, 23))],
}


@cache
def people() -> list[PersonEntry]:
    return load_entries(DATA_DIR / "people.yaml", PersonEntry)


@cache
def organisations() -> list[OrganisationEntry]:
    return load_entries(DATA_DIR / "organisations.yaml", OrganisationEntry)


@cache
def armed_groups() -> list[ArmedGroupEntry]:
    return load_entries(DATA_DIR / "armed_groups.yaml", ArmedGroupEntry)


@cache
def agents() -> list[AgentEntry]:
    return load_entries(DATA_DIR / "agents.yaml", AgentEntry)


@cache
def countries() -> list[CountryExtra]:
    return load_entries(DATA_DIR / "countries.yaml", CountryExtra)


def office_of(person: PersonEntry, position: Position) -> tuple[str, str]:
    """(armed group id, IGO code or country, title): the key of an office."""
    return (position.group or position.igo or person.country, position.title)


def holds(position: Position, on: date) -> bool:
    return (position.start is None or position.start <= on) and (position.end is None or on < position.end)


def holders(office: tuple[str, str], on: date) -> list[str]:
    return sorted(
        person.name
        for person in people()
        for position in person.positions
        if office_of(person, position) == office and holds(position, on)
    )


def surface_forms(entry: Entry) -> list[str]:
    if isinstance(entry, CountryExtra):
        return [*entry.short_names, *entry.demonyms, *entry.metonyms]
    if isinstance(entry, AgentEntry):
        return entry.phrases
    assert isinstance(entry, PersonEntry | OrganisationEntry | ArmedGroupEntry)
    return entry.aliases


def marks(entry: Entry) -> list[str]:
    """The entry's forms knowingly shared with another entry."""
    return list(getattr(entry, "ambiguous_aliases", []))


def entry_key(entry: Entry) -> str:
    return entry.country if isinstance(entry, CountryExtra) else str(getattr(entry, "id", ""))


NAMED_FILES: dict[str, Callable[[], Sequence[Entry]]] = {
    "people.yaml": people,
    "organisations.yaml": organisations,
    "armed_groups.yaml": armed_groups,
    "countries.yaml": countries,
}


# --- schema and identity -------------------------------------------------------------------------


@pytest.mark.parametrize(("filename", "model"), DICTIONARY_FILES.items())
def test_every_dictionary_file_validates_against_the_schema(filename: str, model: type[Entry]) -> None:
    entries = load_entries(DATA_DIR / filename, model)
    assert entries, f"{filename} has no entries"


def test_loader_names_the_broken_entry(tmp_path) -> None:
    broken = tmp_path / "people.yaml"
    broken.write_text("- id: x-y\n  name: X\n  aliases: [X]\n  country: USA\n  positions: []\n")
    with pytest.raises(DictionaryError, match=r"entry #0 \(x-y\)"):
        load_entries(broken, PersonEntry)


def test_loader_rejects_a_file_that_is_not_a_list(tmp_path) -> None:
    broken = tmp_path / "agents.yaml"
    broken.write_text("id: protesters\n")
    with pytest.raises(DictionaryError, match="expected a YAML list"):
        load_entries(broken, AgentEntry)


@pytest.mark.parametrize("loader", [people, organisations, armed_groups, agents, countries])
def test_entry_ids_are_unique_within_each_file(loader) -> None:
    seen: dict[str, int] = defaultdict(int)
    for entry in loader():
        seen[entry_key(entry)] += 1
    assert [key for key, count in seen.items() if count > 1] == []


def test_every_country_code_exists_in_pycountry() -> None:
    codes: list[tuple[str, str]] = []
    codes += [(p.id, p.country) for p in people()]
    codes += [(o.id, o.country) for o in organisations() if o.country]
    codes += [(g.id, c) for g in armed_groups() for c in (g.country, g.sponsor) if c]
    codes += [(c.country, c.country) for c in countries()]
    declared = {c.country for c in countries() if c.user_assigned is not None}  # Kosovo: XKX
    unknown = [
        (owner, code)
        for owner, code in codes
        if pycountry.countries.get(alpha_3=code) is None and code not in declared
    ]
    assert unknown == []


def test_user_assigned_country_codes_are_only_those_pycountry_lacks() -> None:
    declared = [c for c in countries() if c.user_assigned is not None]
    assert [c.country for c in declared] == ["XKX"]
    for c in declared:
        assert c.user_assigned is not None and c.country.startswith("X")  # ISO's user-assigned range
        assert pycountry.countries.get(alpha_3=c.country) is None, f"{c.country} is now in pycountry"
        assert pycountry.countries.get(alpha_2=c.user_assigned.alpha_2) is None


def test_igo_entries_carry_cameo_igo_codes_and_no_country() -> None:
    for org in organisations():
        if org.kind == "igo":
            assert org.country is None, org.id
            assert org.code.startswith("IGO"), org.id
        elif org.kind == "group":  # non-governmental organisations
            assert org.country is None and org.role == "NGO", org.id
            assert org.code.startswith("NGO"), org.id
        elif org.country is None:  # an office many states' use ("Foreign Office"): its role alone, no country
            assert org.code == org.role, f"{org.id}: code {org.code} should be its role {org.role} alone"
        else:
            assert org.code.startswith(org.country), org.id
            assert org.code[3:6] == org.role, f"{org.id}: code {org.code} should end in its role {org.role}"
    igo_codes = {org.code for org in organisations() if org.kind == "igo"}
    for person in people():
        for position in person.positions:
            if position.igo:
                assert position.igo in igo_codes, (
                    f"{person.id}: {position.igo} is not an IGO in organisations"
                )


def test_group_offices_name_a_known_armed_group_and_share_its_role() -> None:
    groups = {group.id: group for group in armed_groups()}
    for person in people():
        for position in person.positions:
            if position.group:
                assert position.group in groups, f"{person.id}: no armed group {position.group!r}"
                assert position.role == groups[position.group].role, f"{person.id}: {position.title}"
                assert position.igo is None, f"{person.id}: an office belongs to a group or an IGO, not both"


def test_armed_group_codes_start_with_their_country_or_mark_a_transnational_group() -> None:
    for group in armed_groups():
        if group.country:
            assert group.code.startswith(group.country), group.id
        else:
            assert group.code.startswith("IMG"), f"{group.id}: a group without a country needs an IMG code"
        assert group.sponsor != group.country or group.sponsor is None, group.id


# --- tenures -------------------------------------------------------------------------------------


def test_tenure_windows_are_well_formed() -> None:
    for person in people():
        for position in person.positions:
            if position.start and position.end:
                assert position.start < position.end, f"{person.id}: {position.title}"
            if position.authority in EXCLUSIVE:
                assert position.start is not None, f"{person.id}: {position.title} needs a start date"
            assert position.title == position.title.lower().strip(), f"{person.id}: titles are lower case"


def test_no_two_holders_of_an_exclusive_office_overlap() -> None:
    tenures: dict[tuple[str, str], list[tuple[date, date, str]]] = defaultdict(list)
    for person in people():
        for position in person.positions:
            if position.authority in EXCLUSIVE and position.start:
                end = position.end or date.max
                tenures[office_of(person, position)].append((position.start, end, person.id))
    overlaps = []
    for office, spans in tenures.items():
        spans.sort()
        _, latest_end, latest_holder = spans[0]
        for start, end, holder in spans[1:]:
            if start < latest_end:
                overlaps.append((office, latest_holder, holder))
            if end > latest_end:
                latest_end, latest_holder = end, holder
    assert overlaps == []


def test_heads_of_state_and_government_chain_without_unexplained_gaps() -> None:
    spans: dict[tuple[str, str], list[tuple[date, date]]] = defaultdict(list)
    for person in people():
        for position in person.positions:
            if position.authority in {"head_of_state", "head_of_government"} and position.start:
                spans[office_of(person, position)].append((position.start, position.end or date.max))
    unexplained = []
    for office, periods in spans.items():
        periods.sort()
        covered_until = periods[0][1]
        for start, end in periods[1:]:
            gap = (covered_until, start)
            in_window = covered_until < WINDOW[1] and start > WINDOW[0]
            if (
                in_window
                and start - covered_until > MAX_HANDOVER
                and gap not in KNOWN_VACANCIES.get(office, [])
            ):
                unexplained.append((office, gap))
            covered_until = max(covered_until, end)
    assert unexplained == []


@pytest.mark.parametrize(
    ("on", "president"),
    [
        (date(2016, 6, 1), "Barack Obama"),
        (date(2017, 1, 20), "Donald Trump"),
        (date(2020, 1, 1), "Donald Trump"),
        (date(2022, 6, 1), "Joe Biden"),
        (date(2025, 6, 1), "Donald Trump"),
    ],
)
def test_us_president_resolves_by_article_date(on: date, president: str) -> None:
    assert holders(("USA", "president"), on) == [president]


@pytest.mark.parametrize(
    ("office", "on", "holder"),
    [
        (("IRQ", "prime minister"), date(2019, 12, 31), "Adel Abdul Mahdi"),
        (("IRQ", "president"), date(2019, 12, 31), "Barham Salih"),
        (("IRQ", "prime minister"), date(2021, 1, 1), "Mustafa al-Kadhimi"),
        (("USA", "secretary of state"), date(2019, 12, 31), "Mike Pompeo"),
        (("USA", "cia director"), date(2017, 6, 1), "Mike Pompeo"),
        (("USA", "defense secretary"), date(2019, 12, 31), "Mark Esper"),
        (("USA", "pentagon spokesman"), date(2019, 12, 29), "Jonathan Hoffman"),
        (("USA", "vice president"), date(2019, 12, 31), "Mike Pence"),
        (("IRN", "supreme leader"), date(2019, 12, 31), "Ali Khamenei"),
        (("IRN", "president"), date(2019, 12, 31), "Hassan Rouhani"),
        (("IRN", "president"), date(2022, 6, 1), "Ebrahim Raisi"),
        (("IRN", "president"), date(2025, 1, 1), "Masoud Pezeshkian"),
        (("IRN", "foreign minister"), date(2019, 12, 31), "Mohammad Javad Zarif"),
        (("ISR", "prime minister"), date(2019, 12, 31), "Benjamin Netanyahu"),
        (("ISR", "prime minister"), date(2022, 1, 1), "Naftali Bennett"),
        (("ISR", "prime minister"), date(2022, 9, 1), "Yair Lapid"),
        (("ISR", "prime minister"), date(2023, 10, 7), "Benjamin Netanyahu"),
        (("IGOUNO", "secretary-general"), date(2019, 12, 31), "António Guterres"),
        (("IGOUNO", "secretary-general"), date(2016, 6, 1), "Ban Ki-moon"),
        (("IGOWSTNAT", "secretary-general"), date(2020, 1, 1), "Jens Stoltenberg"),
        (("IGOWSTNAT", "secretary-general"), date(2025, 6, 1), "Mark Rutte"),
        (("GBR", "prime minister"), date(2020, 1, 1), "Boris Johnson"),
        (("GBR", "prime minister"), date(2022, 10, 1), "Liz Truss"),
        (("RUS", "president"), date(2022, 2, 24), "Vladimir Putin"),
        (("UKR", "president"), date(2022, 2, 24), "Volodymyr Zelensky"),
        (("UKR", "president"), date(2018, 1, 1), "Petro Poroshenko"),
        (("SAU", "crown prince"), date(2020, 1, 1), "Mohammed bin Salman"),
        (("SAU", "king"), date(2020, 1, 1), "Salman bin Abdulaziz"),
        (("JPN", "prime minister"), date(2020, 1, 1), "Shinzo Abe"),
        (("DEU", "chancellor"), date(2023, 1, 1), "Olaf Scholz"),
        (("KOR", "president"), date(2023, 1, 1), "Yoon Suk Yeol"),
        (("SYR", "president"), date(2025, 6, 1), "Ahmed al-Sharaa"),
        (("LBN", "president"), date(2020, 1, 1), "Michel Aoun"),
        (("hezbollah", "hezbollah leader"), date(2020, 1, 1), "Hassan Nasrallah"),
        (("hezbollah", "hezbollah leader"), date(2025, 1, 1), "Naim Qassem"),
        (("taliban", "taliban leader"), date(2020, 1, 1), "Hibatullah Akhundzada"),
        (("AFG", "supreme leader"), date(2023, 1, 1), "Hibatullah Akhundzada"),
    ],
)
def test_offices_resolve_to_their_holder_on_the_date(office: tuple[str, str], on: date, holder: str) -> None:
    assert holders(office, on) == [holder]


def test_people_cover_at_least_60_countries() -> None:
    assert len({person.country for person in people()}) >= 60


# The P5, the G20 members, the Middle East, and the other most-reported states.
MUST_COVER = sorted(
    {"USA", "GBR", "FRA", "RUS", "CHN"}
    | {"ARG", "AUS", "BRA", "CAN", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX", "SAU", "ZAF", "TUR"}
    | {"IRN", "IRQ", "ISR", "SYR", "LBN", "YEM", "ARE", "QAT", "EGY", "JOR", "PSE"}
    | {"UKR", "BLR", "PRK", "TWN", "PAK", "AFG"}
)


@pytest.mark.parametrize("country", MUST_COVER)
@pytest.mark.parametrize("on", [date(2015, 6, 1), date(2020, 1, 1), date(2025, 7, 1)])
def test_most_reported_countries_have_a_known_leader_on_any_date(country: str, on: date) -> None:
    leaders = [
        person.name
        for person in people()
        if person.country == country
        for position in person.positions
        if position.authority in {"head_of_state", "head_of_government"}
        and not position.igo
        and holds(position, on)
    ]
    assert leaders, f"no head of state or government of {country} on {on}"


def test_a_person_keeps_their_country_but_acts_for_the_igo_during_an_igo_tenure() -> None:
    guterres = next(p for p in people() if p.name == "António Guterres")
    assert guterres.country == "PRT"
    assert any(pos.igo == "IGOUNO" and holds(pos, date(2019, 12, 31)) for pos in guterres.positions)


# --- aliases -------------------------------------------------------------------------------------


@pytest.mark.parametrize("filename", NAMED_FILES)
def test_aliases_are_clean(filename: str) -> None:
    problems = []
    for entry in NAMED_FILES[filename]():
        forms = surface_forms(entry)
        if len(set(forms)) != len(forms):
            problems.append((entry_key(entry), "duplicate alias"))
        problems += [(entry_key(entry), f) for f in forms if not f or f != f.strip() or "  " in f]
        name = getattr(entry, "name", None)
        if name is not None and name not in forms:
            problems.append((entry_key(entry), f"canonical name {name!r} missing from aliases"))
        unknown_marks = set(marks(entry)) - set(forms)
        problems += [(entry_key(entry), f"marked ambiguous but not an alias: {m}") for m in unknown_marks]
    assert problems == []


def _owners_by_alias(entries: list[tuple[str, Entry]]) -> dict[str, list[tuple[str, Entry]]]:
    """Case-insensitive surface form -> the distinct entries that list it (in any capitalisation)."""
    owners: dict[str, list[tuple[str, Entry]]] = defaultdict(list)
    for filename, entry in entries:
        for form in {f.casefold() for f in surface_forms(entry)}:
            owners[form].append((filename, entry))
    return owners


def _shared_forms_not_marked(entries: list[tuple[str, Entry]]) -> list[tuple[str, list[str]]]:
    problems = []
    for form, owners in _owners_by_alias(entries).items():
        if len(owners) < 2:
            continue
        unmarked = [
            f"{filename}:{entry_key(entry)}"
            for filename, entry in owners
            if form not in {m.casefold() for m in marks(entry)}
        ]
        if unmarked:
            problems.append((form, unmarked))
    return problems


@pytest.mark.parametrize("filename", NAMED_FILES)
def test_every_alias_is_unique_within_its_file_or_marked_ambiguous(filename: str) -> None:
    assert _shared_forms_not_marked([(filename, e) for e in NAMED_FILES[filename]()]) == []


def test_aliases_shared_across_files_are_marked_ambiguous() -> None:
    everything = [(name, e) for name, loader in NAMED_FILES.items() for e in loader()]
    assert _shared_forms_not_marked(everything) == []


def test_every_ambiguity_mark_names_a_form_another_entry_really_shares() -> None:
    everything = [(name, e) for name, loader in NAMED_FILES.items() for e in loader()]
    owners = _owners_by_alias(everything)
    stale = [
        (entry_key(entry), mark)
        for _, entry in everything
        for mark in marks(entry)
        if len(owners[mark.casefold()]) < 2
    ]
    assert stale == []


def test_agent_phrases_are_lower_case_and_each_means_one_agent() -> None:
    seen: dict[str, str] = {}
    for agent in agents():
        for phrase in agent.phrases:
            assert phrase == phrase.lower().strip(), f"{agent.id}: {phrase!r}"
            assert phrase not in seen, f"{phrase!r} in both {seen.get(phrase)} and {agent.id}"
            seen[phrase] = agent.id


# --- the seed article's actors -------------------------------------------------------------------


def _by_alias(entries: list, alias: str) -> list:
    return [e for e in entries if alias in surface_forms(e)]


def test_kataib_hezbollah_is_an_iraqi_group_sponsored_by_iran() -> None:
    [group] = _by_alias(armed_groups(), "Kataib Hezbollah")
    assert (group.country, group.sponsor, group.code, group.role) == ("IRQ", "IRN", "IRQREB", "REB")


@pytest.mark.parametrize(
    ("alias", "code"),
    [("White House", "USAGOV"), ("State Department", "USAGOV"), ("Pentagon", "USAMIL"),
     ("UN", "IGOUNO"), ("Revolutionary Guards", "IRNMIL"), ("Popular Mobilization Forces", "IRQMIL")],
)  # fmt: skip
def test_named_institutions_code_to_their_state_or_igo(alias: str, code: str) -> None:
    [org] = _by_alias(organisations(), alias)
    assert org.code == code


@pytest.mark.parametrize(
    ("form", "country"),
    [("the Islamic Republic", "IRN"), ("Tehran", "IRN"), ("Washington", "USA"), ("Iraqi", "IRQ"),
     ("American", "USA"), ("U.S.", "USA"), ("Israeli", "ISR"), ("Baghdad", "IRQ")],
)  # fmt: skip
def test_country_names_demonyms_and_metonyms_resolve_to_one_country(form: str, country: str) -> None:
    assert [c.country for c in _by_alias(countries(), form)] == [country]


@pytest.mark.parametrize(
    ("phrase", "role"),
    [("protesters", "CVL"), ("demonstrators", "CVL"), ("mob", "CVL"), ("militia", "REB"),
     ("militiamen", "REB"), ("security forces", "COP"), ("forces", "MIL"), ("troops", "MIL"),
     ("officials", "GOV"), ("administration", "GOV"), ("government", "GOV")],
)  # fmt: skip
def test_generic_agents_carry_their_cameo_role(phrase: str, role: str) -> None:
    [agent] = _by_alias(agents(), phrase)
    assert agent.role == role


def test_seed_article_people_are_known() -> None:
    names = {p.name for p in people()}
    assert {
        "Donald Trump", "Mike Pompeo", "Jonathan Hoffman", "Adel Abdul Mahdi", "Barham Salih",
        "Muqtada al-Sadr", "Benjamin Netanyahu", "António Guterres",
    } <= names  # fmt: skip
    [sadr] = _by_alias(people(), "Muqtada al-Sadr")
    assert sadr.country == "IRQ" and sadr.positions[0].authority == "cleric"


_FORMS_BY_KEY = """
import hashlib, sys
from brink.coder.lexicon import build_lexicon
table = build_lexicon().keys
rows = []
for key, node in table.entries():
    forms = [*node.actor_forms, *node.place_forms, *(node.triggers.forms if node.triggers else ())]
    rows.append(key + "=" + "|".join(f"{f.cat}:{f.sub}:{f.surface}" for f in forms))
print(len(rows), hashlib.sha256("\\n".join(sorted(rows)).encode()).hexdigest())
"""


def test_every_key_lists_its_forms_in_the_same_order_whatever_the_hash_seed() -> None:
    """Which form of a key comes first decides ties ("EU" or "E.U." as the mention's phrase): it must
    not depend on the order a set of aliases happened to iterate in."""
    digests = set()
    for seed in ("1", "2", "3"):
        out = subprocess.run(
            [sys.executable, "-c", _FORMS_BY_KEY],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True, text=True, check=True, timeout=120,
        )  # fmt: skip
        count, digest = out.stdout.split()
        assert int(count) > 10_000  # the whole dictionary, not an empty table
        digests.add(digest)
    assert len(digests) == 1
