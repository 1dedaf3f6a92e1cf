"""A country, a name no dictionary knows, then a generic agent: "US Wall Street Journal journalist",
"Pakistani Geo News reporter", "Iraqi Kurdistan Region officials". The name is the agent's employer or
body, and the country before it says whose: the agent is of that country, as "Iraqi forces" are. Only
capitalised words that are not a place ("Israeli Gaza City residents" says where the residents are, not
whose they are), a date or an ethnic or religious adjective (names.yaml's ``not_names``), at most three of
them, one space apart: a comma, a dash or a lower-case word between means no link.
"""

from __future__ import annotations

import re
from collections.abc import Set
from typing import Final

_NAME_WORD: Final = re.compile(r"[A-Z][a-z]+(?:[-'\u2019][A-Za-z]+)*")
MAX_NAME_WORDS: Final = 3


def joined_by_a_name(text: str, end: int, start: int, place_starts: Set[int], not_names: Set[str]) -> bool:
    """Do the words of ``text[end:start]`` (between a country's mention and an agent's) form only a name?"""
    raw = text[end:start]
    if len(raw) < 3 or raw[0] != " " or raw[-1] != " ":
        return False
    words = raw[1:-1].split(" ")
    if len(words) > MAX_NAME_WORDS:
        return False
    pos = end + 1
    for word in words:
        if _NAME_WORD.fullmatch(word) is None or word.lower() in not_names or pos in place_starts:
            return False
        pos += len(word) + 1
    return True
