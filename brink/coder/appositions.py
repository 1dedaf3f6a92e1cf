"""An office and the person who holds it, in apposition: "the then president, Goodluck Jonathan, ...",
"Iran's foreign minister, Javad Zarif, ...". The person the dictionary knows says who the office is: one
mention covers both and stands for the person (the office alone would be a generic agent whose country
comes from context). The name must close the apposition (a comma, a bracket or the sentence's end after
it): in "met the president, Putin said" the name begins a new clause. Read on the raw text after the
dictionary pass."""

from __future__ import annotations

import re
from typing import Final

from brink.coder.actor_values import Mention
from brink.coder.key_forms import AGENT, PERSON

_COMMA: Final = re.compile(r"\s*,\s*")
_CLOSED: Final = re.compile(r"\s*(?:[,;)\u2014\u2013]|-- |\.\s*$|$)")


def with_apposed_people(text: str, ms: list[Mention], sentence_end: int) -> list[Mention]:
    """``ms`` (one sentence's mentions, in text order) with each office followed by its holder in
    apposition merged into one mention of the person."""
    out: list[Mention] = []
    k = 0
    while k < len(ms):
        m = ms[k]
        nxt = ms[k + 1] if k + 1 < len(ms) else None
        if (
            nxt is not None
            and m.cat == AGENT
            and m.actor.title
            and nxt.cat == PERSON
            and nxt.actor.kind == "person"
            and (not m.has_country or m.actor.country == nxt.actor.country)
            and _COMMA.fullmatch(text, m.end, nxt.start)
            and _CLOSED.match(text, nxt.end, sentence_end)
        ):
            out.append(Mention(m.start, nxt.end, nxt.actor, PERSON, 0, nxt.phrase, True))
            k += 2
            continue
        out.append(m)
        k += 1
    return out
