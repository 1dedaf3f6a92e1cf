"""People introduced by an office and a name the dictionaries do not know, then named by surname alone.

News names a person in full once, with the office that says who they are ("Kenyan Interior Minister Fred
Matiangi said ..."), and by surname after that ("Matiangi also accused Somalia ..."). The office is a
dictionary mention with its country ("Kenyan Interior Minister"); the name right after it is the
person's. That mention then covers the name and stands for the person, and each later use of the
surname in the article (capitalised, outside other mentions) is a mention of the same actor. Only an
office whose country the phrase itself gives is read (not one whose country came from context), and a
surname two introductions share is left alone. Read on the raw text after the dictionary pass."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from brink.coder.actor_values import ActorVal, Mention
from brink.coder.key_forms import AGENT, PERSON

# one to four capitalised name words right after the office ("Fred Matiangi", "Abraham Belay",
# "Mohammed bin Abdulrahman Al Thani" is read up to its lower-case particle)
_NAME: Final = re.compile(
    r" ((?:[A-Z][a-z]+(?:[-'\u2019][A-Za-z]+)*)(?: [A-Z][a-z]+(?:[-'\u2019][A-Za-z]+)*){0,3})\b"
)
# the name before an office in apposition: "Ivan Petrov, Russia's deputy ambassador" (up to the office)
_BEFORE: Final = re.compile(
    r"(?<![\w'\u2019-])((?:[A-Z][a-z]+(?:[-'\u2019][A-Za-z]+)* ){1,3}"
    r"[A-Z][a-z]+(?:[-'\u2019][A-Za-z]+)*), (?:the |a )?$"
)
_WORDS: Final = re.compile(r"[A-Za-z]+")
_INITIAL: Final = re.compile(r" [A-Z]\.")
_ONE_PERSON: Final = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "envoy", "chief", "commander", "leader", "president",
     "premier", "diplomat", "official", "ambassador", "minister", "secretary", "governor", "mayor"}
)  # fmt: skip
_MIN_SURNAME: Final = 3  # letters: "Li" or "Wu" alone is too often something else


class IntroducedNames:
    """Finds the introductions of one article and the later surnames of the people they introduce."""

    def __init__(self, not_names: frozenset[str], person_titles: frozenset[str]) -> None:
        self.not_names = not_names  # days, months, holidays ...: words after an office that are no name
        # the last words of offices one person holds ("minister", "ambassador", "spokesman"; not
        # "government" or "officials", which a capitalised word after them does not name)
        self.person_titles = person_titles | _ONE_PERSON

    def link(self, text: str, mentions: list[list[Mention]], sentences: list[tuple[int, int]]) -> None:
        """Extends each introducing mention over its name and adds a mention for every later use of an
        introduced surname (``mentions``: per sentence, in text order; changed in place)."""
        by_surname: dict[str, tuple[int, ActorVal] | None] = {}
        for ms, (lo, hi) in zip(mentions, sentences, strict=True):
            if _title_case(text[lo:hi]):
                continue  # a headline's capitals ("Foreign Minister Says Talks Continue") are no name
            for q, m in enumerate(ms):
                got = self._introduction(text, m, ms[q + 1].start if q + 1 < len(ms) else len(text))
                if got is None:
                    got = self._apposed(text, m, ms[q - 1].end if q > 0 else 0)
                if got is None:
                    continue
                start, end, name = got
                actor = replace(m.actor, name=name, kind="person", title=False, generic=False)
                ms[q] = Mention(start, end, actor, PERSON, 0, m.phrase, True)
                surname = name.split()[-1]
                if len(surname) >= _MIN_SURNAME:
                    seen = by_surname.get(surname, (end, actor))
                    by_surname[surname] = (min(end, seen[0]), actor) if seen and seen[1] == actor else None
        for surname, intro in by_surname.items():
            if intro is None:
                continue
            after, actor = intro
            for hit in re.finditer(r"\b" + re.escape(surname) + r"\b", text[after:]):
                s = after + hit.start()
                e = s + len(surname)
                k = _sentence_of(sentences, s)
                if k < 0 or any(m.start < e and s < m.end for m in mentions[k]):
                    continue
                mentions[k].append(Mention(s, e, actor, PERSON, 0, surname, True))
                mentions[k].sort(key=lambda m: m.start)

    def _office(self, m: Mention) -> bool:
        """Is ``m`` an office one person holds, of a country its own phrase gives ("Kenyan Interior
        Minister", "Russia's deputy ambassador")?"""
        if m.cat != AGENT or not m.actor.title or not m.has_country or not m.actor.country:
            return False
        return (m.actor.ref or "").startswith("title-") or m.phrase.split()[-1] in self.person_titles

    def _apposed(self, text: str, m: Mention, floor: int) -> tuple[int, int, str] | None:
        """(start, end, name) of "Ivan Petrov, Russia's deputy ambassador": a full name, a comma, the
        office (``floor``: where the mention before it ends)."""
        if not self._office(m):
            return None
        found = _BEFORE.search(text, max(floor, m.start - 80), m.start)
        if found is None:
            return None
        words = found.group(1).split()
        cut = max((i for i, w in enumerate(words) if w.lower() in self.not_names), default=-1)
        words = words[cut + 1 :]  # "On Monday Ivan Petrov, ...": the name after the date
        if len(words) < 2:
            return None
        name = " ".join(words)
        return found.end(1) - len(name), m.end, name

    def _introduction(self, text: str, m: Mention, limit: int) -> tuple[int, int, str] | None:
        """(start, end, name) of the office ``m`` and the name right after it, if ``m`` is an office
        (``_office``) and a name follows it before the next mention."""
        if not self._office(m):
            return None
        found = _NAME.match(text, m.end, limit)
        if found is None or _INITIAL.match(text, found.end()):
            return None  # ("Ambassador John R. Bass": a name read only in part)
        words = found.group(1).split()
        if len(words) < 2:
            return None  # a full name introduces; one capitalised word may be anything
        while words and words[-1].lower() in self.not_names:
            words.pop()  # "Minister Fred Matiangi Monday"
        if not words or any(w.lower() in self.not_names for w in words):
            return None
        name = " ".join(words)
        return m.start, found.start(1) + len(name), name


def _title_case(sentence: str) -> bool:
    """Are all the sentence's longer words capitalised, verbs too, as in a headline?"""
    longer = [w for w in _WORDS.findall(sentence) if len(w) > 3]
    return len(longer) >= 4 and all(w[0].isupper() for w in longer)


def _sentence_of(sentences: list[tuple[int, int]], pos: int) -> int:
    for k, (s, e) in enumerate(sentences):
        if s <= pos < e:
            return k
    return -1
