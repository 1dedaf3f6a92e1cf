"""A generic agent's country re-checked on the parse: not one lent by what the agent acts on.

The dictionary pass (mentions.py) gives a generic agent ("protesters", "the foreign ministry", "crowds")
the country of a place near it or, failing that, the article's most named country; it has no parse. So
"The foreign ministry condemned Iran" made the ministry Iranian, and "the crowds that stormed the US
embassy" American: the country came from the very actor the agent acts on. Here, with the parse: when a
generic agent that is the subject of a verb (its ``nsubj``, the antecedent of a relative clause's "that",
the agent of a passive) took its country from the sentence or the article, and the verb's own arguments
(outside the scene it happens in: "in Cairo", "at a camp in northern Iraq") name a state actor of that very
country (for rebels, the opposition and protesters, only a state's presence abroad: an embassy, its
diplomats; "militants abducted Nigerian soldiers" are Nigerian), the country is counted again without
those arguments: the places and actors named elsewhere in the article, else its dateline. What that
recount gives is the agent's country; if it gives none, the agent has none (a wrong country would put the
event in the wrong dyad; none keeps it out of every index).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Final

from spacy.tokens import Doc, Token

from brink.coder import tree
from brink.coder.actor_values import FROM_ARTICLE, FROM_NEAREST, FROM_SPOT, OWN_COUNTRY, Mention
from brink.coder.entry_actors import EntryActors
from brink.coder.key_forms import AGENT, COUNTRY
from brink.coder.mentions import ArticleMentions, most_counted
from brink.coder.text import key_for

# where a country is lent by the context, not said of the agent itself
_LENT: Final = frozenset({FROM_SPOT, FROM_NEAREST, FROM_ARTICLE})
# prepositions that say where an act happens ("fired at protesters in Tunis"): a place there is the scene,
# which locates a generic doer too
_SCENE: Final = frozenset(
    {"in", "at", "near", "inside", "outside", "around", "across", "throughout", "within"}
)
# the subjects of a relative clause that stand for the noun it hangs on ("crowds that stormed ...")
_RELATIVES: Final = frozenset({"that", "who", "which"})
# a country said of a thing the verb acts on ("raided the homes of Russia's protest leaders", "entered
# Indian territory") says where the act happens, like a scene; said of an actor ("Iran's embassy") it lends
_MODIFIER_DEPS: Final = frozenset({"poss", "amod", "compound", "nmod"})
_OBJECTS: Final = frozenset({"dobj", "dative", "attr", "oprd"})
# the links inside one noun phrase an argument's actor may sit at ("the leaders of Sudan and Kenya")
_NOUN_PHRASE: Final = frozenset({"conj", "compound", "amod", "poss", "appos", "nmod", "pobj", "prep"})
_STATE_ROLES: Final = frozenset({"GOV", "MIL", "COP", "SPY", "LEG", "JUD"})
# the roles of those who rise against a state: rebels, the opposition, protesting civilians
_CHALLENGERS: Final = frozenset({"REB", "OPP", "CVL"})


def any_lent(mentions: Sequence[Mention]) -> bool:
    """Has some mention a country lent to a generic agent (which ``unlent_countries`` may recount)? When none
    has, it returns the mentions as they are."""
    return any(m.cat == AGENT and m.country_from in _LENT and m.actor.country for m in mentions)


def unlent_countries(
    mentions: list[Mention],
    doc: Doc,
    offset: int,
    article: ArticleMentions,
    k: int,
    actors: EntryActors,
    on: date,
) -> list[Mention]:
    """Sentence ``k``'s ``mentions`` (parsed as ``doc``, which starts at article offset ``offset``) with
    each generic subject's country recounted where the verb's arguments lent it (see the module's doc)."""
    if not any_lent(mentions):
        return mentions
    out = list(mentions)
    roots = [_root(doc, offset, x) for x in mentions]
    abroad = frozenset(actors.lexicon.grammar.abroad_words)
    for q, m in enumerate(mentions):
        head = roots[q]
        if m.cat != AGENT or m.country_from not in _LENT or not m.actor.country or head is None:
            continue
        country = m.actor.country
        # "Militants abducted Nigerian soldiers": who rises against a state is mostly of it; only a state's
        # presence abroad ("stormed the US embassy") is never its neighbours' own
        abroad_only = m.actor.role in _CHALLENGERS
        # "blamed the ELN, Colombia's rebel group": a country inside a non-state actor's phrase describes it
        bodies = {t.i for x, t in zip(mentions, roots, strict=True) if t is not None and not _state_side(x)}
        lent_by: set[int] = set()
        locating: set[int] = set()
        for verb in _verbs_of(head):
            here = _locating_countries(mentions, roots, verb)
            locating |= here
            lent_by.update(
                top.i
                for x, t in zip(mentions, roots, strict=True)
                if t is not None
                and _lends(x, country, abroad, abroad_only)
                and t.i not in here
                and (top := _argument_of(t, verb, bodies)) is not None
            )
        if not lent_by:
            continue
        region = {d.i for t in doc if t.i in lent_by for d in t.subtree}
        scenes = _scene_tokens(region, doc) | locating
        recount = _recount(doc, offset, article, k, mentions, region, scenes)
        agents = actors.lexicon.agents_by_id
        # (a title given a country may stand for its holder already: "President" -> that country's)
        agent = agents.get(m.actor.ref or "") or agents.get("title-" + "-".join(key_for(m.phrase).split()))
        if recount == country or agent is None:
            continue
        bare = m.with_lent_country(actors.agent_actor(agent, m.phrase, None, m.actor.sponsor), OWN_COUNTRY)
        out[q] = (
            bare
            if recount is None
            else bare.with_lent_country(actors.with_country(bare, recount, on), FROM_ARTICLE)
        )
    return out


def _lends(m: Mention, country: str, abroad: frozenset[str], abroad_only: bool) -> bool:
    """Can mention ``m`` have lent ``country`` to a generic agent: an actor of that country named by its own
    words that is a state's presence abroad (``abroad``: its embassy, diplomats, tourists) or, unless
    ``abroad_only``, a state actor (a country, its government, leader)? An armed group or a party acted on
    ("blamed the ELN", "arrested a leader of the BNP") is where the act happens: it locates the agent."""
    a = m.actor
    if a.country != country or m.country_from != OWN_COUNTRY or a.generic:
        return False
    return m.phrase in abroad or (not abroad_only and _state_side(m))


def _state_side(m: Mention) -> bool:
    """Is ``m`` a state or one who acts for it (its government, army, embassy, leader)?"""
    a = m.actor
    return a.kind == "state" or (a.kind == "person" and a.role in _STATE_ROLES)


def _root(doc: Doc, offset: int, m: Mention) -> Token | None:
    return tree.span_root(doc, m.start - offset, m.end - offset)


def _verbs_of(head: Token) -> list[Token]:
    """The verbs ``head`` is the doer of: its subject's verb (through conjuncts: "Police and crowds
    clashed"), a passive's "by" ("stormed by protesters"), and the relative clauses whose "that" it is
    ("the crowds that had stormed the US embassy should leave")."""
    verbs: list[Token] = []
    t = head
    while t.dep_ in ("conj", "compound") and t.head.i != t.i:  # ("President Thabo Mbeki": the name's)
        t = t.head
    if t.dep_ == "nsubj":
        verbs.append(t.head)
    elif t.dep_ == "pobj" and t.head.dep_ == "agent":
        verbs.append(t.head.head)
    for c in t.children:
        if c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.lower_ in _RELATIVES for g in c.children):
            verbs.append(c)
    return verbs


def _argument_of(t: Token, verb: Token, bodies: set[int]) -> Token | None:
    """The verb's argument ``t`` stands in: its object ("condemned Iran"), the object of one of its
    prepositions that is no scene ("marched to the Egyptian embassy"), reached through the words of one noun
    phrase ("the leaders of Sudan and Kenya", "the US embassy") but not through a non-state actor's
    (``bodies``: the tokens they stand on); None for anything else."""
    for step in range(8):
        if step and t.i in bodies:
            return None
        head = t.head
        if head.i == t.i:
            return None
        if head.i == verb.i:
            return t if t.dep_ in _OBJECTS else None
        if t.dep_ == "pobj" and head.dep_ == "prep" and head.head.i == verb.i:
            return t if head.lower_ not in _SCENE else None
        if t.dep_ not in _NOUN_PHRASE or (t.dep_ == "pobj" and head.lower_ != "of"):
            return None
        t = head
    return None


def _scene_tokens(region: set[int], doc: Doc) -> set[int]:
    """The tokens of the region under a scene preposition ("the embassy in Baghdad")."""
    scenes: set[int] = set()
    for i in region:
        t = doc[i]
        if t.dep_ == "prep" and t.lower_ in _SCENE:
            scenes.update(x.i for x in t.subtree)
    return scenes


def _locating_countries(mentions: Sequence[Mention], roots: Sequence[Token | None], verb: Token) -> set[int]:
    """The tokens of country mentions that modify the thing the verb acts on, a word no actor mention
    stands on ("raided the homes of Russia's leaders", "entered Indian territory"): they say where, not
    whom."""
    actor_tokens = {t.i for m, t in zip(mentions, roots, strict=True) if t is not None and m.cat != COUNTRY}
    return {
        t.i
        for m, t in zip(mentions, roots, strict=True)
        if t is not None
        and m.cat == COUNTRY
        and t.dep_ in _MODIFIER_DEPS
        and t.head.i not in actor_tokens
        and _acted_on(t.head, verb)
    }


def _acted_on(noun: Token, verb: Token) -> bool:
    """Is ``noun`` the verb's object, the object of one of its prepositions, or reached from one by "of"
    ("the homes of ... leaders")?"""
    t = noun
    for _ in range(4):
        if t.head.i == verb.i and t.dep_ in ("dobj", "attr", "oprd"):
            return True
        if t.dep_ != "pobj":
            return False
        prep = t.head
        if prep.head.i == verb.i:
            return True
        if prep.lower_ != "of":
            return False
        t = prep.head
    return False


def _recount(
    doc: Doc,
    offset: int,
    article: ArticleMentions,
    k: int,
    mentions: Sequence[Mention],
    region: set[int],
    scenes: set[int],
) -> str | None:
    """The article's most named place's country, else most named actor's, else its dateline's, counting
    sentence ``k`` outside the verb's ``region`` (a place of its scene counts; an actor there does not)."""
    places: dict[str, int] = {}
    actors: dict[str, int] = {}
    for j, sentence_places in enumerate(article.places):
        for s, e, place in sentence_places:
            if not place.country or s in article.unplaced:
                continue
            if j == k and not _outside(doc, offset, s, e, region, scenes):
                continue
            places[place.country] = places.get(place.country, 0) + 1
    for j, ms in enumerate(article.mentions):
        for x in mentions if j == k else ms:
            if not x.actor.country or x.country_from != OWN_COUNTRY or x.actor.generic:
                continue
            scene = scenes if x.cat == COUNTRY else set()
            if j == k and not _outside(doc, offset, x.start, x.end, region, scene):
                continue
            actors[x.actor.country] = actors.get(x.actor.country, 0) + 1
    return most_counted(places) or most_counted(actors) or article.filed


def _outside(doc: Doc, offset: int, start: int, end: int, region: set[int], scenes: set[int]) -> bool:
    root = tree.span_root(doc, start - offset, end - offset)
    return root is None or root.i not in region or root.i in scenes
