"""Hot-path scans of a sentence's text: character classes answered from code points (no one-character
strings, no method calls on ASCII) and the word before an offset in the normalised text. Shared by the
dictionary mentions (``actor_resolver``) and the guessed names (``name_guesser``)."""

from __future__ import annotations

from typing import Final

# Words between a locative preposition and its place ("in northern Syria", "in downtown Kabul", "in
# neighbouring Lebanon"): the place is still where the preposition points, not an actor.
_DIRECTIONS: Final = frozenset(
    {"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
     "northeastern",
     "northwestern", "southeastern", "southwestern", "northeast", "northwest", "southeast", "southwest",
     "downtown", "suburban", "rural", "coastal", "neighbouring", "neighboring", "nearby"}
)  # fmt: skip
DIRECTIONS: Final = _DIRECTIONS


def upper_initial(ch: str) -> bool:
    """``ch.isupper()`` for one character, ASCII answered without a method call (hot when compiled)."""
    code = ord(ch)
    if code < 128:
        return 65 <= code <= 90
    return ch.isupper()


def all_caps(text: str, start: int, end: int) -> bool:
    """``text[start:end].isupper()``, ASCII answered without a slice or a method call (hot when compiled)."""
    cased = False
    for q in range(start, end):
        code = ord(text[q])
        if code >= 128:
            return text[start:end].isupper()
        if 97 <= code <= 122:
            return False
        if 65 <= code <= 90:
            cased = True
    return cased


def letters_only(words: list[str], i: int, j: int) -> bool:
    """Every character of ``words[i:j]`` a letter or "&" (ASCII answered without a method call)."""
    for q in range(i, j):
        for c in words[q]:
            code = ord(c)
            if code < 128:
                if not (97 <= code <= 122 or 65 <= code <= 90 or code == 38):
                    return False
            elif not c.isalpha():
                return False
    return True


def space_at(s: str, i: int) -> bool:
    """``s[i].isspace()``, ASCII answered from the code point (no one-character string, no method call)."""
    code = ord(s[i])
    if code < 128:
        return code == 32 or 9 <= code <= 13 or 28 <= code <= 31
    return s[i].isspace()


def prev_word(norm: str, start: int) -> str:
    """The word before text offset ``start`` (in the normalised text), skipping "northern", "eastern" ...
    so that "in northern Syria" reads as "in Syria"."""
    # The last word of the 40-character window, found from its end without splitting the window
    lo = max(0, start - 40)
    j = min(start + 1, len(norm))
    while j > lo and space_at(norm, j - 1):
        j -= 1
    if j <= lo:
        return ""
    i = j - 1
    while i > lo and not space_at(norm, i - 1):
        i -= 1
    word = norm[i:j]
    if word in _DIRECTIONS:
        return _prev_word_past_directions(norm, start)
    return word


def _prev_word_past_directions(norm: str, start: int) -> str:
    chunk = norm[max(0, start - 40) : start + 1].split()
    while len(chunk) > 1 and chunk[-1] in _DIRECTIONS:
        chunk.pop()
    return chunk[-1] if chunk else ""


def has_break(raw: str) -> bool:
    """Does the text between two mentions break their link (a comma, a bracket, a quotation mark)?
    Substring tests: C-level scans, no set or one-character strings built."""
    return (
        "," in raw or ";" in raw or ":" in raw or "(" in raw or ")" in raw or '"' in raw
        or "\u201c" in raw or "\u201d" in raw
    )  # fmt: skip


def upper_at(text: str, i: int) -> bool:
    """``text[i].isupper()``, ASCII answered from the code point (no one-character string)."""
    code = ord(text[i])
    if code < 128:
        return 65 <= code <= 90
    return text[i].isupper()


def word_char(text: str, i: int) -> bool:
    """``text[i].isalnum() or text[i] in "-'’"``, ASCII answered from the code point."""
    code = ord(text[i])
    if code < 128:
        return 48 <= code <= 57 or 65 <= code <= 90 or 97 <= code <= 122 or code == 45 or code == 39
    return text[i].isalnum() or code == 0x2019
