"""The coder's speed-ups give what the plain code they replaced gave (bench/same_output.py checks the
whole coder's output on the dev corpus; these check each rewritten function on the hard cases)."""

from __future__ import annotations

from brink.coder.quotes import CLOSING, OPENING, _pairs


def _pairs_by_character(text: str) -> list[tuple[int, int]]:
    """The quotation pairing as it was written first: one step per character."""
    out: list[tuple[int, int]] = []
    open_at = -1
    line_start = 0
    for i, ch in enumerate(text):
        if ch == "\n":
            open_at = -1
            line_start = i + 1
        elif open_at < 0 and ch == "\u201d":
            out.append((line_start, i))
        elif open_at < 0 and ch in OPENING:
            open_at = i
        elif open_at >= 0 and ch in CLOSING:
            out.append((open_at + 1, i))
            open_at = -1
    return out


QUOTED_TEXTS = [
    "",
    "no quotation at all.",
    '"We will respond," Iran said. He added: "Firmly."',
    "\u201cWe will respond,\u201d the ministry said.\n\u201cNot now\u201d, it added.",
    "It opens here \u201cand runs on\nto the next paragraph\u201d where it closes, \u201dstray",
    '"unclosed at the end\n" and "mixed \u201cmarks" \u201d "',
    '\n\n\u201d\u201d\u201c\u201c\u201d\u201d\n"""\n',
]


def test_quotation_pairs_are_those_of_the_character_by_character_reading() -> None:
    for text in QUOTED_TEXTS:
        assert _pairs(text) == _pairs_by_character(text), text
