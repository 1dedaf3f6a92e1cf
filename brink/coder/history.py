"""History: is a matched act dated, by the parse, well before the article was published?

An act recalled as background is not news: the gold coding rules (tests/gold/README.md, "Historical")
do not code an event dated more than about a year before publication. The rule here reads the act's own
clause, so it is not coded at all (the pipeline drops the match):

- a date phrase on the act's verb (or on a verb it is the complement of): "in 2014, Russia annexed
  Crimea", "sanctioned SPND back in 2014", "in October 2006", "during the 1990s"; the phrase's latest
  possible day ("in 2022" = 31 December 2022) must lie more than :data:`MIN_DAYS_BACK` before publication,
  so a year that may still be recent keeps the act;
- "N years ago", "decades ago" on the act's verb, or "two decades after X invaded Y" (two years or more);
- a range of dates that ended long ago ("occupied Korea from 1910 to 1945");
- a past perfect ("had cut ties") after a date phrase with an old year ("after the 1967 war");
- an act in a time clause (after, before, when ...) of a dated act ("suspended flights in October 2006
  after Georgia detained four officers");
- a reason told in the past perfect with no time of its own ("because Iran had killed Americans");
- a named era (data/eras.yaml): "during World War II", "in the Cold War", or as the subject of the act's
  time clause ("The Yom Kippur War began when Egypt and Syria attacked");
- "in August last year" (more than a year back from a late publication date); "last year" on an act in an
  "after" clause ("comes after Trump pulled out of the deal last year": background to the news);
- an act in a time clause of a state dated "since" long ago ("has been closed since 2005 after X
  kidnapped ..."), or in a "when" clause of an old date or old noun event ("the 1989 massacre, when
  soldiers fired ...");
- a noun event named with an old year ("the 1967 war", "the 2003 invasion") or as the subject of an
  anniversary ("the 45th anniversary of Nixon's visit").

A verb whose own clause also says the act is current ("in 2016, and again this week") is not history.

Whole sentences recalled as history that the parse cannot date this way ("During the Cuban missile
crisis, ...") are left to the article frame (``context.py``: frame "history"), which keeps their events
out of the escalation index. One rule, two readers: an act dated by its own clause is dropped here; a
sentence only the article's wording marks as history is coded and framed out of the index.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Final

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from brink.coder.compact import compact
from brink.coder.dates import DATE_WORDS, MONTHS
from brink.coder.eras import era_end, last_words

# "more than about a year": the gold rule
MIN_DAYS_BACK: Final = timedelta(days=365)
# prepositions whose object dates the act itself ("in 2014", "back in 2014", "during 2003")
_DATING: Final = frozenset({"in", "during", "on"})
# prepositions whose object dates something before the act ("after the 1967 war"): only a past perfect
# act ("had cut ties after ...") is then history
_AFTER: Final = frozenset({"after", "following", "since"})
_WHEN: Final = frozenset({"after", "before", "when", "as", "while", "until"})
_SIMULTANEOUS: Final = frozenset({"when", "as", "while"})
_NOW: Final = frozenset({"again", "now", "still", "currently", "today", "yesterday"})
_RECENT_UNITS: Final = frozenset({"week", "month", "year", "morning", "weekend"})
_CLAUSES: Final = frozenset({"ccomp", "advcl", "relcl", "xcomp", "acl", "csubj", "parataxis"})
_AGO_UNITS: Final = frozenset({"year", "decade", "century"})
_NUMBER_WORDS: Final = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                        "nine": 9, "ten": 10, "several": 2, "many": 2, "few": 2}  # fmt: skip
_ANNIVERSARY: Final = frozenset({"anniversary", "commemoration", "centenary", "centennial"})
_NOMINAL: Final = frozenset({"NOUN", "PROPN"})
_ANCESTORS: Final = 6


def _year(tok: Token, published: date) -> int | None:
    text = tok.text.rstrip("s")  # "the 1990s"
    if len(text) == 4 and text.isdigit() and 1800 <= int(text) <= published.year:
        return int(text)
    return None


def _latest_day(tokens: list[Token], published: date) -> date | None:
    """The last day the date phrase ``tokens`` can mean: "2014" -> 2014-12-31, "October 2006" ->
    2006-10-31, "the 1990s" -> 1999-12-31. None when it names no year."""
    for k, tok in enumerate(tokens):
        year = _year(tok, published)
        if year is None:
            continue
        if tok.text.endswith("s"):
            return date(year + 9, 12, 31)
        month = _month(tokens[k - 1]) if k > 0 else None
        if month is None and k > 1:  # "December 31 2009"
            month = _month(tokens[k - 2])
        if month is None and k > 2:  # "Nov. 4, 1979"
            month = _month(tokens[k - 3])
        if month is None:
            return date(year, 12, 31)
        return date(year, month, calendar.monthrange(year, month)[1])
    return None


def _month(tok: Token) -> int | None:
    """The month a word names: "November", "Nov", "Nov." (agency style abbreviates with a full stop)."""
    return MONTHS.get(tok.lower_.rstrip("."))


def _old(day: date | None, published: date) -> bool:
    return day is not None and published - day > MIN_DAYS_BACK


def _ago(tok: Token) -> bool:
    """ "ten years ago", "decades ago": two years or more."""
    if tok.lower_ != "ago":
        return False
    unit = tok.head if tok.head.lemma_.lower() in _AGO_UNITS else None
    if unit is None:
        unit = next((c for c in tok.children if c.lemma_.lower() in _AGO_UNITS), None)
    return unit is not None and _years(unit)


def _years_after(verb: Token) -> bool:
    """ "two decades after the United States invaded Iraq, ...": the act of a retrospective "after"."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "after" for c in verb.children):
        return False
    return any(c.dep_ == "npadvmod" and c.lemma_.lower() in _AGO_UNITS and _years(c) for c in verb.children)


def _years(unit: Token) -> bool:
    """Is the span "N years" (or "decades", "a century") two years or more?"""
    if unit.lemma_.lower() in ("decade", "century"):
        return True
    for c in unit.children:
        if c.dep_ == "nummod" or c.lower_ in _NUMBER_WORDS:
            if c.text.isdigit():
                return int(c.text) >= 2
            return _NUMBER_WORDS.get(c.lower_, 2) >= 2
    return False


def _verbs(trigger: Token) -> list[tuple[Token, bool]]:
    """The act's verb and the verbs it is the complement of (a noun event: the verb that carries it),
    each with whether the act lies in a time clause of it ("closed since 2005 after X kidnapped ...").
    "was able to convince": through "able". A conjunct in the present ("but now Israel strikes") is its
    own time, so the climb stops there."""
    tok = trigger
    if tok.pos_ in _NOMINAL and tok.dep_ in ("dobj", "nsubj", "nsubjpass"):
        tok = tok.head
    out = [(tok, False)]
    in_clause = False
    while tok.head != tok:
        # "responded by invading Georgia": the means is done when the act is
        if tok.dep_ == "pcomp" and tok.head.lower_ == "by" and tok.head.head != tok.head:
            tok = tok.head.head
            out.append((tok, in_clause))
            continue
        # "invaded the Falklands 40 years ago, with Thatcher sending a task force": the circumstance of
        # an act happened with it
        if tok.dep_ == "pcomp" and tok.head.lower_ == "with" and tok.head.head != tok.head:
            tok = tok.head.head
            out.append((tok, in_clause))
            continue
        if tok.dep_ not in ("xcomp", "conj", "acomp") and not _temporal_clause(tok) and not _participle(tok):
            break
        if tok.dep_ == "conj" and (_present(tok) or _also_now(tok)):
            break
        in_clause = in_clause or _temporal_clause(tok)
        tok = tok.head
        out.append((tok, in_clause))
    return out


def _present(verb: Token) -> bool:
    """A verb in the present tense, or with a present auxiliary ("strikes", "is striking")."""
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in verb.children)


def _background_last_year(verb: Token) -> bool:
    """ "the pressure comes after Trump pulled the U.S. out of the deal last year": an act told, in an "after"
    clause, as what led to the news, and dated only "last year", is background (the gold rule's "recalled"),
    though the year's last day may be less than a year back. In a main clause it may still be news."""
    after = any(c.dep_ == "mark" and c.lower_ in _AFTER for c in verb.children)
    return (
        verb.dep_ == "advcl"
        and after
        and any(
            c.dep_ == "npadvmod"
            and c.lemma_.lower() == "year"
            and any(d.lower_ == "last" for d in c.children)
            for c in verb.children
        )
    )


def _temporal_clause(tok: Token) -> bool:
    """ "suspended flights in October 2006 after Georgia detained four officers": an act in a time clause
    of a dated act happened about then."""
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _WHEN for c in tok.children)


def _participle(tok: Token) -> bool:
    """ "stormed the embassy on Nov. 4, 1979, holding 52 Americans hostage": a participle clause with no
    conjunction tells what was done at the time of the verb it hangs on."""
    return tok.dep_ == "advcl" and tok.tag_ == "VBG" and not any(c.dep_ == "mark" for c in tok.children)


def _dated_by_own_time_clause(verb: Token, published: date) -> bool:
    """ "was shot down as it flew from Amsterdam on July 7, 2014": a clause saying what went on at the
    same moment ("as", "when", "while") dates the act it hangs on. Not "after"/"since": an act after an
    old date may be news."""
    return any(
        c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in _SIMULTANEOUS for m in c.children)
        and _dated_verb(c, published)
        for c in verb.children
    )


def _also_now(verb: Token) -> bool:
    """ "sent warships in 2019, and again this week": a verb that also carries the present is news."""
    for c in _own_words(verb):
        if c.lower_ in _NOW and c.dep_ in ("advmod", "npadvmod"):
            return True
        if c.dep_ == "det" and c.lower_ == "this" and c.head.lemma_.lower() in _RECENT_UNITS:
            return True
    return False


def _own_words(verb: Token) -> list[Token]:
    """The verb's clause without the clauses hung on it (a "saying ..." or "when ..." clause)."""
    out: list[Token] = []
    todo = list(verb.children)
    while todo:
        tok = todo.pop()
        if tok.dep_ in _CLAUSES or tok.pos_ in ("VERB", "AUX"):
            continue
        out.append(tok)
        todo.extend(tok.children)
    return out


def _dated_verb(verb: Token, published: date, in_clause: bool = False) -> bool:
    """``in_clause``: the act is in a time clause of ``verb``, so "since 2005" (the start of the state
    the act caused) dates it too."""
    if _also_now(verb):
        return False
    if in_clause and any(
        c.dep_ == "prep" and c.lower_ == "since" and _old(_date_object(c, published), published)
        for c in verb.children
    ):
        return True
    if _era_subject(verb, published):
        return True
    past_perfect = any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)
    if _years_after(verb):
        return True
    if any(_ago(t) for t in _own_words(verb)):  # "more than a decade ago"
        return True
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ == "back":  # "back in 2014"
            for p in c.children:
                if p.dep_ == "prep" and _old(_date_object(p, published), published):
                    return True
        if _ago(c) or any(_ago(g) for g in c.children if c.dep_ == "npadvmod"):
            return True
        if c.dep_ != "prep":
            continue
        if c.lower_ in _DATING and _old(_date_object(c, published), published):
            return True
        if c.lower_ == "from" and _old(_range_end(c, published), published):
            return True
        if c.lower_ in _AFTER and past_perfect and _old(_latest_day(list(c.subtree), published), published):
            return True
    return False


def _reason_told_before(verb: Token) -> bool:
    """ "was willing to go after Iranian sites because Iran had killed Americans": an act in the past perfect
    told as the reason for another, with no time of its own, is what led to the news, not news (a reason
    dated "on Monday" may be)."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "because" for c in verb.children):
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
        return False
    return not any(t.lower_ in DATE_WORDS or t.like_num for t in _own_words(verb))


def _era_subject(verb: Token, published: date) -> bool:
    """ "The Yom Kippur War began when Egypt and Syria attacked", "the October War was fought by": a verb
    whose subject is a named era that ended long ago (data/eras.yaml) tells what happened in it."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            end = era_end(c)
            if end is not None and _old(date(end, 12, 31), published):
                return True
    return False


def _range_end(prep: Token, published: date) -> date | None:
    """ "from 1910 to 1945": the end of a range of years, when both ends are dates ("from 2014" alone may
    run on to now)."""
    if _date_object(prep, published) is None:
        return None
    ends = [c for c in prep.children if c.dep_ == "prep" and c.lower_ in ("to", "until", "till", "through")]
    ends += [c for c in prep.head.children if c.dep_ == "prep" and c.lower_ in ("to", "until", "till")]
    return next((d for e in ends if (d := _date_object(e, published)) is not None), None)


def _date_object(prep: Token, published: date) -> date | None:
    """The date a preposition's object is, when the object is a date: "in 2014", "in October 2006", "on
    December 31 2009", "during the 1990s" — not "in the 2014 Minsk deal"."""
    for obj in prep.children:
        if obj.dep_ != "pobj":
            continue
        era = era_end(obj)
        if era is not None:  # "during the Cold War" (data/eras.yaml)
            return date(era, 12, 31)
        if _year(obj, published) is None and _month(obj) is None:
            return None
        last = _last_year_month(obj, published)
        if last is not None:
            return last
        parts = [c for c in obj.children if c.dep_ in ("nummod", "compound", "npadvmod", "appos")]
        return _latest_day(sorted([obj, *parts], key=lambda t: t.i), published)
    return None


def _last_year_month(month: Token, published: date) -> date | None:
    """ "in August last year": the last day of that month in the year before publication."""
    number = _month(month)
    if number is None:
        return None
    for c in month.children:
        if c.lemma_.lower() == "year" and any(d.lower_ == "last" for d in c.children):
            year = published.year - 1
            return date(year, number, calendar.monthrange(year, number)[1])
    return None


def _when_of_old(verb: Token, published: date) -> bool:
    """ "the 1989 massacre, when soldiers fired on students", "in 1982, when troops stormed the islands":
    a "when" clause on an old noun event or an old date tells what happened then."""
    if verb.dep_ not in ("relcl", "advcl") or not any(c.lower_ == "when" for c in verb.children):
        return False
    if _era_subject(verb.head, published):  # "The Yom Kippur War began when ..."
        return True
    # what "when" refers to is the phrase just before the clause (the parse may hang it on a verb)
    k = verb.left_edge.i - 1
    while k >= 0 and verb.doc[k].is_punct:
        k -= 1
    if k < 0 or verb.doc[k].pos_ not in ("NOUN", "PROPN", "NUM"):
        return False
    head = verb.doc[k]
    if _old(_latest_day([head], published), published):  # "in 1982, when ..."
        return True
    dated = ("nummod", "compound", "amod", "npadvmod")
    return any(c.dep_ in dated and _old(_latest_day([c], published), published) for c in head.children)


def _old_noun_event(trigger: Token, published: date) -> bool:
    """ "the 1967 war", "the 2003 invasion", "the anniversary of Nixon's visit"."""
    if trigger.pos_ not in _NOMINAL:
        return False
    dated = ("nummod", "compound", "amod", "npadvmod")
    if any(c.dep_ in dated and _old(_latest_day([c], published), published) for c in trigger.children):
        return True
    tok = trigger
    for _ in range(_ANCESTORS):
        if tok.head == tok or tok.dep_ not in ("pobj", "prep", "poss", "compound"):
            return False
        tok = tok.head
        if tok.lemma_.lower() in _ANNIVERSARY:
            return True
    return False


# Every rule above that says "recalled" reads one of these in the sentence: a digit (a year, "10 years"), a
# word ("ago"; the last word of an era's name; the "because" of a reason told before) or a lemma (the unit
# of "N years ago", "last year", "two decades after"; an anniversary). A sentence with none of them dates no
# act, whatever its triggers.
_DATING_LOWERS: Final = frozenset({"ago", "war", "wars", "soviet", "because"}) | last_words()
_DATING_LEMMAS: Final = _AGO_UNITS | _ANNIVERSARY


def may_recall(doc: Doc) -> bool:
    """Can ``recalled`` be true of any word of ``doc`` (one sentence)? False lets the caller skip it for
    each of the sentence's matches (most news sentences have no date words; its tree walks cost more)."""
    if any(map(str.isdigit, doc.text)):
        return True
    sheet = compact(doc)
    if not _DATING_LOWER_IDS.isdisjoint(sheet.lowers):
        return True
    strings = doc.vocab.strings
    lemmas = _dating_lemma_ids
    if len(lemmas) > _MAX_CACHED_LEMMAS:
        lemmas.clear()
    for h in set(sheet.lemmas):
        dating = lemmas.get(h)
        if dating is None:
            dating = lemmas[h] = strings[h].lower() in _DATING_LEMMAS
        if dating:
            return True
    return False


# the dating lower-case forms as string-store ids (an id is the hash of its string); and per lemma id seen,
# whether its lower-case form is a dating lemma (a lemma may keep a capital: "Decades"): news repeats its
# words, so most sentences are read without a string look-up
_DATING_LOWER_IDS: Final = frozenset(get_string_id(w) for w in _DATING_LOWERS)
_dating_lemma_ids: dict[int, bool] = {}
_MAX_CACHED_LEMMAS: Final = 200_000


def recalled(trigger: Token, published: date) -> bool:
    """Is the act the trigger names dated more than about a year before ``published``?"""
    if _old_noun_event(trigger, published):
        return True
    verbs = _verbs(trigger)
    if _background_last_year(verbs[0][0]) or _reason_told_before(verbs[0][0]):
        return True
    if any(_when_of_old(v, published) for v, _ in verbs):
        return True
    if any(_dated_verb(v, published, in_clause) for v, in_clause in verbs):
        return True
    return _dated_by_own_time_clause(verbs[0][0], published)
