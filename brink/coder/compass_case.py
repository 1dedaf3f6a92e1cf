"""Compass-word case: "the south Korean puppet forces" is South Korea's, as North Korea's news agency
writes it. A name entry that must be title case ("South Korean") also fits when only its leading word of
direction is written in lower case and the word after it is capitalised; otherwise "Korean" alone would be
matched and read as the other Korea. Only the four directions: any other lower-case first word is no name."""

from __future__ import annotations

from typing import Final

from brink.coder.scan import upper_at

_DIRECTIONS: Final = ("north ", "south ", "east ", "west ")


def lower_direction_fits(text: str, start: int, end: int, surface: str) -> bool:
    """Does ``text[start:end]`` spell the title-case ``surface`` ("South Korean") with its leading direction
    word in lower case ("south Korean")?"""
    for d in _DIRECTIONS:
        if surface.lower().startswith(d) and text.startswith(d, start, end):
            after = start + len(d)
            return after < end and upper_at(text, after)
    return False
