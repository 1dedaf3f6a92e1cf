"""Names inside other names: a person the dictionary knows by one word ("Moon", "Anwar", "Medvedev") is
not that person when the word ends a longer name the dictionary does not know: "Jebel Moon" (a place in
Darfur), "Bilal Anwar Kasi", "Daniil Medvedev". The word just before it says so when it is capitalised and
is no title ("President Moon", "Gen. Soleimani", "Mr Obama"), no function word of a headline ("After Trump
Pulls Out"), no part or spelling of the person's own full name ("Mukund Naravane" is Manoj Mukund Naravane,
"Masud Pezeshkian" Masoud Pezeshkian) and not the sentence's first word. Read on the raw text after the
dictionary pass, so a title the dictionary knows ("Prime Minister Modi") has already joined the mention.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from brink.coder.actor_values import Mention
from brink.coder.key_forms import PERSON
from brink.coder.lexicon import Lexicon

# a capitalised word just before a mention, with only a space between ("Jebel Moon"; not "Korea's Moon",
# "Control. Sharif", "Moon,")
_WORD_BEFORE: Final = re.compile(r"([A-Z][A-Za-z\-]*) $")
_SAME_NAME: Final = 3  # letters two spellings of one first name share at the start (Masud, Masoud)


class InnerNames:
    """The words that may stand before a one-word name without making it part of another name."""

    def __init__(self, lexicon: Lexicon) -> None:
        rules, grammar = lexicon.names, lexicon.grammar
        self.allowed: frozenset[str] = frozenset(
            [*rules.honorifics, *rules.role_words, *rules.not_names, *rules.connectors, *grammar.prepositions,
             *grammar.subordinators, *grammar.determiners, *grammar.auxiliaries, "and", "or", "but", "as"]
        )  # fmt: skip

    def without_inner_names(self, text: str, sentence_start: int, ms: list[Mention]) -> list[Mention]:
        """``ms`` without one-word person mentions that end a longer capitalised name (see the module)."""
        if not any(m.cat == PERSON for m in ms):
            return ms
        return [m for m in ms if not self._inside_a_name(text, sentence_start, m, ms)]

    def _inside_a_name(self, text: str, sentence_start: int, m: Mention, ms: list[Mention]) -> bool:
        if m.cat != PERSON or " " in text[m.start : m.end].strip():
            return False
        before = _WORD_BEFORE.search(text, max(sentence_start, m.start - 40), m.start)
        if before is None or before.start() == sentence_start:  # (a sentence's first word is capitalised)
            return False
        if not text[before.start() - 1].isspace():
            return False  # ("al-Sadr", "U.S.-Obama"): a word joined to another
        word = before.group(1).lower()
        if word in self.allowed or _own_name(word, m.actor.name):
            return False
        return not any(o.start < m.start and before.start() < o.end for o in ms if o is not m)

    def name_part(self, text: str, sentence_start: int, start: int, end: int) -> bool:
        """Is the place name at ``start:end`` the first half of a hyphenated given name after a family name
        ("Chang Ho-jin", "Kim Jae-in"): joined to a lower-case half, after a capitalised word that is no
        title, function word or sentence opening ("Seoul-based", "the Tehran-backed" stay places)?"""
        if not re.match(r"-[a-z]", text[end : end + 2]):
            return False
        before = _WORD_BEFORE.search(text, max(sentence_start, start - 40), start)
        if before is None or before.start() == sentence_start or not text[before.start() - 1].isspace():
            return False
        return before.group(1).lower() not in self.allowed


def _own_name(word: str, name: str) -> bool:
    """Is ``word`` a part of ``name``, or a spelling of its first word ("masud", "Masoud Pezeshkian")?"""
    parts = _plain(name).split()
    word = _plain(word)
    return word in parts or (len(parts) > 1 and word[:_SAME_NAME] == parts[0][:_SAME_NAME])


def _plain(s: str) -> str:
    return unicodedata.normalize("NFKD", s.lower()).encode("ascii", "ignore").decode()
