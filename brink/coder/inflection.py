"""Inflected forms of the verbs and nouns the patterns and grammar name (``lemminflect``, with regular
rules for what it does not know), each tagged with its Penn form (``VB`` ... ``NNS``)."""

from __future__ import annotations

from typing import Final

from lemminflect import getAllInflections

VB: Final = 0
VBZ: Final = 1
VBD: Final = 2
VBN: Final = 3
VBG: Final = 4
NN: Final = 5
NNS: Final = 6
MOD: Final = 7
_TAGS: Final = {"VB": VB, "VBP": VB, "VBZ": VBZ, "VBD": VBD, "VBN": VBN, "VBG": VBG}


def _rule_inflections(word: str) -> dict[int, str]:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        vbz = word + "es"
    elif word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        vbz = word[:-1] + "ies"
    else:
        vbz = word + "s"
    if word.endswith("e"):
        vbd = word + "d"
        vbg = (word if word.endswith("ee") else word[:-1]) + "ing"
    elif word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        vbd = word[:-1] + "ied"
        vbg = word + "ing"
    else:
        vbd = word + "ed"
        vbg = word + "ing"
    return {VB: word, VBZ: vbz, VBD: vbd, VBN: vbd, VBG: vbg}


def verb_forms(lemma: str) -> list[tuple[int, str]]:
    """All inflected forms of a verb lemma with their tag (VBD forms also serve as participles)."""
    if lemma.startswith("="):
        return [(VBD, lemma[1:])]
    forms: list[tuple[int, str]] = []
    if "-" in lemma or not lemma.isalpha():
        table = _rule_inflections(lemma)
        return [(tag, form) for tag, form in table.items()]
    infl = getAllInflections(lemma, upos="VERB")
    if not infl:
        return list(_rule_inflections(lemma).items())
    seen: set[tuple[int, str]] = set()
    for tag_name, words in infl.items():
        tag = _TAGS.get(tag_name)
        if tag is None:
            continue
        for w in words:
            if (tag, w) not in seen:
                seen.add((tag, w))
                forms.append((tag, w))
    # one form per word: a past form that is also the participle is tagged VBD (both readings)
    past = {w for t, w in forms if t == VBD}
    return [(t, w) for t, w in forms if not (t == VBN and w in past)]


def noun_forms(word: str) -> list[tuple[int, str]]:
    forms = [(NN, word)]
    if word.endswith("s") and not getAllInflections(word, upos="NOUN"):
        return forms  # already plural ("clashes", "hostilities")
    infl = getAllInflections(word, upos="NOUN")
    plurals = set(infl.get("NNS", ())) - {word}
    if not plurals and "-" not in word:
        plurals = {word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")}
    if "-" in word and not plurals:
        plurals = {word + "s"}
    forms.extend((NNS, p) for p in sorted(plurals))
    return forms
