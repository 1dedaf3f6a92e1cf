"""One readable paragraph per alert transition, and display names for countries and actors."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache

import pycountry

from brink.alerting.state import EvidenceItem
from schemas.alert import LEVEL_ORDER, AlertLevel, AlertType
from schemas.event import Actor

# Where pycountry's names do not read well mid-sentence.
_NAME_OVERRIDES = {
    "USA": "the United States",
    "GBR": "the United Kingdom",
    "RUS": "Russia",
    "ARE": "the United Arab Emirates",
    "NLD": "the Netherlands",
    "PHL": "the Philippines",
    "CZE": "the Czech Republic",
    "CAF": "the Central African Republic",
    "DOM": "the Dominican Republic",
    "COD": "the Democratic Republic of the Congo",
    "COG": "the Republic of the Congo",
    "PSE": "Palestine",
    "VAT": "the Holy See",
    "GMB": "the Gambia",
    "BHS": "the Bahamas",
    "MDV": "the Maldives",
    "XKX": "Kosovo",  # user-assigned code: pycountry lacks it
}

_VERBS = {
    "THREATEN": "threatening",
    "ASSAULT": "attacking",
    "FIGHT": "fighting",
    "COERCE": "coercing",
    "PROTEST": "protesting against",
    "ACCUSE": "accusing",
    "DEMAND": "making demands of",
    "REJECT": "rejecting",
    "SANCTION": "sanctioning",
    "MOBILIZE": "mobilising against",
    "REQUEST": "making demands of",
}

_QUOTE_CHARS = 160


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """Readable English name of an ISO 3166-1 alpha-3 code ('IRN' -> 'Iran')."""
    if code in _NAME_OVERRIDES:
        return _NAME_OVERRIDES[code]
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    common = getattr(country, "common_name", None)
    if common:
        return str(common)
    name = str(country.name)
    if ", " in name:  # "Korea, Republic of" style: keep the part people say
        name = name.split(", ")[0]
    return name


def dyad_names(dyad: str) -> tuple[str, str]:
    left, _, right = dyad.partition("-")
    return country_name(left), country_name(right or left)


def actor_name(actor: Actor) -> str:
    """'Donald Trump', or the country's name when the actor is the state itself."""
    if actor.kind == "state" and actor.country:
        return country_name(actor.country)
    return actor.name


def _clip(text: str, limit: int = _QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def describe(item: EvidenceItem) -> str:
    """'Donald Trump threatening Iran (conditionally): "They will pay a very big price"'."""
    verb = _VERBS.get(item.plover_type.upper(), "acting against")
    who = item.source
    what = f"{who} {verb} {item.target}" if item.target else f"{who} {verb.split(' ')[0]}"
    if item.conditional:
        what += " (conditionally)"
    elif item.hypothetical:
        what += " (hypothetically)"
    if item.speaker:
        what += f" according to {item.speaker}"
    if item.evidence.quote:
        what += f': "{_clip(item.evidence.quote)}"'
    return what


def _drivers(evidence: Sequence[EvidenceItem], most: int = 3) -> str:
    """The top evidence described, identical descriptions folded into one with a count."""
    counts: dict[str, int] = {}
    for item in evidence:
        text = describe(item)
        counts[text] = counts.get(text, 0) + 1
    parts = [text if n == 1 else f"{text} ({n} reports)" for text, n in counts.items()]
    return "; ".join(parts[:most])


def _at(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def summarise(
    *,
    kind: AlertType,
    dyad: str,
    level: AlertLevel,
    previous: AlertLevel | None,
    index: float,
    baseline: float,
    threshold: float,
    threat_index: float,
    evidence: Sequence[EvidenceItem],
    started_at: datetime,
    at: datetime,
    resolve_line: float | None = None,
) -> str:
    first, second = dyad_names(dyad)
    pair = f"{first} and {second}"
    name = level.upper()
    figures = (
        f"index {index:.1f} against a baseline of {baseline:.1f} (threshold {threshold:.1f}); "
        f"threat-rhetoric index {threat_index:.1f}"
    )
    drivers = _drivers(evidence)
    driven = f" Driven by {drivers}" if drivers else ""
    if drivers and not drivers.rstrip('"').endswith((".", "!", "?", "…")):
        driven += "."
    if kind == "alert.firing":
        return f"Escalation between {pair} rose to {name} at {_at(at)}: {figures}.{driven}"
    if kind == "alert.resolved":
        below = f", below {resolve_line:.1f}" if resolve_line is not None else ""
        return (
            f"Escalation between {pair} has subsided: the {name} alert open since {_at(started_at)} "
            f"resolved at {_at(at)} with the index at {index:.1f}{below} (baseline {baseline:.1f})."
        )
    if previous is not None and previous != level:
        moved = "rose" if LEVEL_ORDER[level] > LEVEL_ORDER[previous] else "eased"
        return (
            f"Escalation between {pair} {moved} from {previous.upper()} to {name} at {_at(at)}: "
            f"{figures}.{driven}"
        )
    return f"Escalation between {pair} remains at {name} with new evidence at {_at(at)}: {figures}.{driven}"
