"""Who may do an event: a pattern's ``source_roles`` (brink/coder/patterns/README.md) keep the sources of
the roles it names. "Launched strikes" with no target named is military action when a state or its forces
launch them; a strike launched by workers is a labour strike, not this pattern's event.

Aid (root 07) is given by states, their agencies, international bodies, charities and armed groups: an actor
with a country or a role. A name the coder only guessed, with neither ("Messi helped Argentina beat France"),
is a person helping in some other sense, not a donor.

No event has a doer named only as a perpetrator ("gunmen", "a suicide bomber": unidentified.py)."""

from __future__ import annotations

from brink.coder.pattern_files import DepPattern
from brink.coder.roles import Resolved
from brink.coder.unidentified import unidentified


def role_of(resolved: Resolved) -> str | None:
    """The source's role as patterns name it: its dictionary role, else STATE for a country as itself."""
    actor = resolved.mention.actor
    return actor.role or ("STATE" if actor.kind == "state" else None)


def allowed_sources(spec: DepPattern, code: str, sources: list[Resolved]) -> list[Resolved]:
    """``sources`` that may do the pattern's event of ``code``: of the roles the pattern allows (all of them
    when it names none), for aid only givers with a country or a role, and never a doer named only as a
    perpetrator ("gunmen stormed a village": unidentified.py)."""
    sources = [s for s in sources if not unidentified(s.mention)]
    if code.startswith("07"):
        sources = [
            s for s in sources if s.mention.actor.country is not None or s.mention.actor.role is not None
        ]
    if not spec.source_roles:
        return sources
    return [s for s in sources if role_of(s) in spec.source_roles]
