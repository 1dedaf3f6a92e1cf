"""Threat-rhetoric score in [0, 1] per event, with short reasons. Documented in docs/THREAT_SCORING.md.

Threats (CAMEO root 13) are scored as rhetoric: how explicit the threat is, whether it threatens force
or punishment, how specific its target is, the authority of who made it, intensifiers, ultimatums and
deadlines, and whether it is conditional. Every other event gets a hostility score from its Goldstein
value (material conflict up to 0.5, cooperation 0). Negated events keep 10 % of their score,
hypothetical ones half.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from brink.coder.actor_values import ActorVal
from brink.coder.pattern_schema import GrammarData

EXPLICIT: Final = 0.45  # "threatened", "vowed revenge", "issued an ultimatum"
WARNING: Final = 0.30  # "warned Iran"
IMPLICIT: Final = 0.20  # "will be held responsible", "will take decisive action", "must ... or pay"
FORCE: Final = 0.15
PUNISHMENT: Final = 0.08
NAMED_TARGET: Final = 0.15
INFERRED_TARGET: Final = 0.08
GENERIC_TARGET: Final = 0.08
INTENSIFIER: Final = 0.05
MAX_INTENSIFIERS: Final = 2
ULTIMATUM: Final = 0.10
CONDITIONAL: Final = -0.03
HOSTILITY_WEIGHT: Final = 0.5
NEGATED_FACTOR: Final = 0.1
HYPOTHETICAL_FACTOR: Final = 0.5

AUTHORITY: Final = {
    "head_of_state": 0.25,
    "head_of_government": 0.22,
    "minister": 0.18,
    "military_chief": 0.16,
    "spokesperson": 0.12,
    "official": 0.10,
    "legislator": 0.08,
    "cleric": 0.08,
    "opposition": 0.06,
    "commentator": 0.02,
}
AUTHORITY_LABEL: Final = {
    "head_of_state": "head of state",
    "head_of_government": "head of government",
    "minister": "minister",
    "military_chief": "military chief",
    "spokesperson": "spokesperson",
    "official": "official",
    "legislator": "legislator",
    "cleric": "cleric",
    "opposition": "opposition figure",
    "commentator": "commentator",
}
STATE_VOICE: Final = 0.12  # a country or government speaking as such ("Iran threatened ...")
GROUP_VOICE: Final = 0.10  # an armed group speaking as such
UNKNOWN_VOICE: Final = 0.05
FORCE_CODES: Final = ("138", "137", "1383", "1384", "1385", "1381", "1382")
PUNISHMENT_CODES: Final = ("131", "132", "134", "135", "136", "139")
_EXPLICIT_WORDS: Final = (
    "threat",
    "vow",
    "swear",
    "ultimatum",
    "deadline",
    "pledge revenge",
    "promise revenge",
)


@dataclass(slots=True, unsafe_hash=True, init=False)
class ThreatInput:
    """What the score looks at. Immutable by convention (see ``ActorVal``)."""

    code: str
    goldstein: float
    cameo_name: str
    phrase: str
    source: ActorVal
    speaker: ActorVal | None
    target: ActorVal | None
    target_explicit: bool
    clause_words: tuple[str, ...]
    clause_text: str
    negated: bool
    conditional: bool
    hypothetical: bool

    # init=False and this explicit __init__: written for the mypyc build (removed, ADR 0009); keep it in
    # step with the fields
    def __init__(
        self,
        code: str,
        goldstein: float,
        cameo_name: str,
        phrase: str,
        source: ActorVal,
        speaker: ActorVal | None,
        target: ActorVal | None,
        target_explicit: bool,
        clause_words: tuple[str, ...],
        clause_text: str,
        negated: bool,
        conditional: bool,
        hypothetical: bool,
    ) -> None:
        self.code = code
        self.goldstein = goldstein
        self.cameo_name = cameo_name
        self.phrase = phrase
        self.source = source
        self.speaker = speaker
        self.target = target
        self.target_explicit = target_explicit
        self.clause_words = clause_words
        self.clause_text = clause_text
        self.negated = negated
        self.conditional = conditional
        self.hypothetical = hypothetical


# round(value, 3) of the values met: scores and confidences are sums of a few constants, and ``round``
# with digits is a slow generic call (~3k instructions)
_ROUNDED: Final[dict[float, float]] = {}


def round3(value: float) -> float:
    if 0.0 < value < 1000.0:
        # By arithmetic when value * 1000 is clearly off a tie (its rounding error is ~1e-13): the nearest
        # integer k is then that of the exact product, and k / 1000, a correctly rounded division, is the
        # double ``round`` returns (the one nearest the decimal k/1000). No float hashing, no lookup.
        scaled = value * 1000.0
        k = int(scaled)  # the floor, value being positive
        frac = scaled - k
        if frac < 0.499999 or frac > 0.500001:
            return (k + 1 if frac > 0.5 else k) / 1000.0
    rounded = _ROUNDED.get(value)
    if rounded is None:
        rounded = round(value, 3)
        if value > 0.0 and len(_ROUNDED) < 4096:  # not -0.0 (a key equal to 0.0) nor NaN
            _ROUNDED[value] = rounded
    return rounded


class Hostility:
    """The score of an event that is not a threat: it depends on the CAMEO code's name and Goldstein value
    only, so the float formatting and rounding (most of the scoring's time) are done once per code, for
    the plain, negated and hypothetical cases alike."""

    def __init__(self, cameo_name: str, goldstein: float) -> None:
        self.goldstein = goldstein
        value = max(0.0, -goldstein) / 10.0 * HOSTILITY_WEIGHT
        self.value = value
        self.reason = f"hostility of {cameo_name.lower()} (Goldstein {goldstein:+.1f})"
        self.plain = round(min(1.0, max(0.0, value)), 3)
        self.negated = round(min(1.0, max(0.0, value * NEGATED_FACTOR)), 3)
        self.hypothetical = round(min(1.0, max(0.0, value * HYPOTHETICAL_FACTOR)), 3)

    def score(self, negated: bool, hypothetical: bool) -> tuple[float, list[str]]:
        """(score, reasons) of an event of this code; a new reasons list each time (events own theirs)."""
        reasons = [self.reason] if self.value else []
        if negated:
            reasons.append("negated or denied")
            return self.negated, reasons
        if hypothetical:
            reasons.append("hypothetical")
            return self.hypothetical, reasons
        return self.plain, reasons


class Cues:
    """Cue phrases of one kind (force, punishment, intensifiers, ultimatums) as word tuples, in order."""

    def __init__(self, phrases: list[str], bit: int) -> None:
        self.phrases = tuple(tuple(w.split()) for w in phrases)
        self.first_words = frozenset(ph[0] for ph in self.phrases)
        self.bit = bit  # this kind's bit in ThreatScorer.first_bits

    def found(self, words: tuple[str, ...], present: set[str]) -> list[str]:
        """The phrases found in ``words``, in the phrases' order (``present``: the set of ``words``)."""
        hits: list[str] = []
        for ph in self.phrases:
            L = len(ph)
            first = ph[0]
            if first not in present:
                continue
            for i, w in enumerate(words):
                if w == first and words[i : i + L] == ph:
                    hits.append(" ".join(ph))
                    break
        return hits


class ThreatScorer:
    def __init__(self, grammar: GrammarData) -> None:
        self.intensifiers = Cues(grammar.intensifiers, 1)
        self.ultimatums = Cues(grammar.ultimatums, 2)
        self.force = Cues(grammar.force_words, 4)
        self.punishment = Cues(grammar.punishment_words, 8)
        # first word of a cue phrase -> the bits of the kinds it starts: most clauses have none of a kind's
        # first words, and one pass over the clause's words says which kinds need looking for
        self.first_bits: dict[str, int] = {}
        for cues in (self.intensifiers, self.ultimatums, self.force, self.punishment):
            for w in cues.first_words:
                self.first_bits[w] = self.first_bits.get(w, 0) | cues.bit
        self._hostility: dict[str, Hostility] = {}  # by CAMEO name: hostility()

    def hostility(self, cameo_name: str, goldstein: float) -> Hostility:
        """The (cached) score of events that are not threats, for a CAMEO code's name and Goldstein value."""
        cached = self._hostility.get(cameo_name)
        if cached is None or cached.goldstein != goldstein:
            cached = self._hostility[cameo_name] = Hostility(cameo_name, goldstein)
        return cached

    def score(self, x: ThreatInput) -> tuple[float, list[str]]:
        if not x.code.startswith("13"):
            return self.hostility(x.cameo_name, x.goldstein).score(x.negated, x.hypothetical)
        value, reasons = self._threat(x)
        if x.negated:
            value *= NEGATED_FACTOR
            reasons.append("negated or denied")
        elif x.hypothetical:
            value *= HYPOTHETICAL_FACTOR
            reasons.append("hypothetical")
        return round3(min(1.0, max(0.0, value))), reasons

    def _threat(self, x: ThreatInput) -> tuple[float, list[str]]:
        reasons: list[str] = []
        words = x.clause_words
        kinds = 0  # the cue kinds whose first words the clause has
        first_bits = self.first_bits
        for w in words:
            bits = first_bits.get(w)
            if bits is not None:
                kinds |= bits
        present = set(words) if kinds else set()
        phrase = x.phrase
        explicit = x.code.startswith("139")
        if not explicit:
            for w in _EXPLICIT_WORDS:
                if w in phrase:
                    explicit = True
                    break
        if explicit:
            value = EXPLICIT
            reasons.append("explicit threat")
        elif "warn" in phrase:
            value = WARNING
            reasons.append("warning")
        else:
            value = IMPLICIT
            reasons.append("implicit threat")
        force_hits = self.force.found(words, present) if kinds & self.force.bit else []
        if x.code.startswith(FORCE_CODES) or force_hits:
            value += FORCE
            reasons.append("threat of force" + (f" ({force_hits[0]})" if force_hits else ""))
        else:
            pun = self.punishment.found(words, present) if kinds & self.punishment.bit else []
            if x.code.startswith(PUNISHMENT_CODES) or pun:
                value += PUNISHMENT
                reasons.append("threat of punishment" + (f" ({pun[0]})" if pun else ""))
        t = x.target
        if t is None:
            reasons.append("no explicit target")
        elif not x.target_explicit:
            value += INFERRED_TARGET
            reasons.append(f"inferred target: {t.name}")
        elif t.generic or t.kind == "group":
            value += GENERIC_TARGET
            reasons.append(f"generic target: {t.name}")
        else:
            value += NAMED_TARGET
            reasons.append(f"named target: {t.name}")
        voice = x.speaker if x.speaker is not None and x.speaker.authority else x.source
        if voice.authority in AUTHORITY and (voice.kind == "person" or voice.authority != "official"):
            value += AUTHORITY[voice.authority]
            reasons.append(f"{AUTHORITY_LABEL[voice.authority]}: {voice.name}")
        elif voice.kind == "armed_group":
            value += GROUP_VOICE
            reasons.append(f"armed group: {voice.name}")
        elif voice.kind in ("state", "igo"):
            value += STATE_VOICE
            reasons.append(f"state voice: {voice.name}")
        else:
            value += UNKNOWN_VOICE
        intens: list[str] = []
        if kinds & self.intensifiers.bit:
            intens = self.intensifiers.found(words, present)[:MAX_INTENSIFIERS]
        if intens:
            value += INTENSIFIER * len(intens)
            reasons.append("intensifier: " + ", ".join(intens))
        ult = self.ultimatums.found(words, present) if kinds & self.ultimatums.bit else []
        if ult or x.code.startswith("139"):
            value += ULTIMATUM
            reasons.append("ultimatum or deadline" + (f" ({ult[0]})" if ult else ""))
        if x.conditional:
            value += CONDITIONAL
            reasons.append("conditional threat")
        return value, reasons
