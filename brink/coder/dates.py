"""Date expressions in a sentence, resolved against the article's publication date.

"on December 27" in an article published 2019-12-31 -> 2019-12-27; weekday names and "yesterday"
resolve to the most recent such day on or before publication. A date with its year written out counts
only from 1800 to a week after publication ("December 12, 2999" is no date an action happened on).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from typing import Final

MONTHS: Final = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS: Final = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
RELATIVE: Final = {"yesterday": -1, "today": 0, "tonight": 0, "overnight": 0}
# "May" is a modal verb and "march" a verb: these month names need a day number next to them.
_NEEDS_DAY: Final = frozenset(
    {"may", "march", "mar", "jan", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "apr", "feb"}
)


# timedelta(days=d) for d in 0..7 (built once: a keyword-argument construction per date is slow)
_DAYS: Final = tuple(timedelta(days=d) for d in range(8))


def _day(word: str) -> int | None:
    if word.endswith(("st", "nd", "rd", "th")) and word[:-2].isdigit():
        word = word[:-2]
    if word.isdigit() and len(word) <= 2:
        value = int(word)
        if 1 <= value <= 31:
            return value
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# The earliest year a date in the text is taken for the date of an action ("in 1800" is history; "on
# January 1, 0001" a typo or a joke, and year 1 breaks the date arithmetic downstream).
EARLIEST_YEAR: Final = 1800


def _explicit(year: int, month: int, day: int, published: date) -> date | None:
    """The date with its year written out, when it can be the date of an action reported on ``published``:
    a real date from EARLIEST_YEAR to a week after publication (a later one is a deadline or a plan:
    "talks set for March 3, 2031" happened, if at all, when reported)."""
    if year < EARLIEST_YEAR or year > published.year + 1:
        return None
    d = _safe_date(year, month, day)
    if d is None or d > published + _DAYS[7]:
        return None
    return d


# the words that start or make a date expression (besides day numbers and four-digit years)
DATE_WORDS: Final = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(RELATIVE)


def has_date_word(present: Collection[str]) -> bool:
    """Cheap pre-check on a sentence's distinct words."""
    if not DATE_WORDS.isdisjoint(present):
        return True
    return any(len(w) == 4 and w.isdigit() for w in present)


def find_dates(words: list[str], published: date, lo: int = 0, hi: int = -1) -> list[tuple[int, date, bool]]:
    """(token index, date, explicit_year) for every date expression in the tokens; with ``lo``/``hi``,
    those whose date word or year stands in ``words[lo:hi]`` (the caller knows where they can be)."""
    out: list[tuple[int, date, bool]] = []
    n = len(words)
    if hi < 0 or hi > n:
        hi = n
    for i in range(lo, hi):
        w = words[i]
        if w not in DATE_WORDS:
            # most words: neither a date word nor a year
            if len(w) == 4 and w.isdigit() and i > 0 and words[i - 1] in ("in", "during", "of"):
                in_year = int(w)  # "in 2014"
                if 1800 <= in_year <= published.year and (i < 2 or MONTHS.get(words[i - 2]) is None):
                    out.append((i, date(in_year, 1, 1) if in_year < published.year else published, True))
            continue
        month = MONTHS.get(w)
        if month is not None:
            day = _day(words[i + 1]) if i + 1 < n else None
            before = _day(words[i - 1]) if i > 0 else None
            year: int | None = None
            if day is not None and i + 2 < n and words[i + 2].isdigit() and len(words[i + 2]) == 4:
                year = int(words[i + 2])
            elif (
                day is None
                and before is None
                and i + 1 < n
                and words[i + 1].isdigit()
                and len(words[i + 1]) == 4
            ):
                if w not in _NEEDS_DAY:
                    year = int(words[i + 1])
                    d = _explicit(year, month, 1, published)
                    if d is not None:
                        out.append((i, d, True))
                continue
            if day is None:
                day = before
            if day is None:
                continue
            if year is not None:
                d = _explicit(year, month, day, published)
                if d is not None:
                    out.append((i, d, True))
                continue
            d = _safe_date(published.year, month, day)
            if d is None:
                continue
            if d > published + _DAYS[7]:
                d = _safe_date(published.year - 1, month, day) or d
            out.append((i, d, False))
            continue
        wd = WEEKDAYS.get(w)
        if wd is not None:
            delta = (published.weekday() - wd) % 7
            if i > 0 and words[i - 1] == "last" and delta == 0:
                delta = 7
            out.append((i, published - _DAYS[delta], False))
            continue
        rel = RELATIVE.get(w)
        if rel is not None:
            out.append((i, published - _DAYS[-rel], False))
    return out
