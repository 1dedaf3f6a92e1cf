"""The verb and noun classes patterns name (``@attack``): the data file, its loader and its WordNet build."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from nltk.corpus.reader.wordnet import WordNetCorpusReader

from brink.coder.build.verb_classes import (
    SEEDS_PATH,
    BuildError,
    SeedClass,
    SeedFile,
    build_text,
    expand,
    load_seeds,
)
from brink.coder.build.wordnet import open_wordnet
from brink.coder.verb_classes import DEFAULT_PATH, VerbClassError, VerbClasses, parse, resolver

# CAMEO roots 18-20: a verb in one of these classes codes violence between the actors it links.
ATTACK_FAMILY = (
    "attack",
    "fight",
    "shell",
    "shoot",
    "bomb",
    "kill",
    "assault",
    "invade",
    "blockade",
    "massacre",
    "assassinate",
    "kidnap",
)
# What match reports say of a win: none may code violence (issue 14: "demolish" in cricket reports).
SPORT_REPORT_VERBS = (
    "demolish",
    "thrash",
    "trounce",
    "rout",
    "edge",
    "outplay",
    "vanquish",
    "whip",
    "clobber",
)


@pytest.fixture(scope="module")
def wordnet() -> Iterator[WordNetCorpusReader]:
    with open_wordnet() as wn:
        yield wn


@pytest.fixture(scope="module")
def classes() -> VerbClasses:
    return VerbClasses.load()


def test_the_packaged_file_validates_and_covers_every_class_the_patterns_need(classes: VerbClasses) -> None:
    needed = {
        "attack",
        "threaten",
        "accuse",
        "criticize",
        "reject",
        "demand",
        "appeal",
        "meet",
        "visit",
        "negotiate",
        "praise",
        "agree",
        "sign",
        "provide",
        "release",
        "withdraw",
        "sanction",
        "expel",
        "sever",
        "recall",
        "arrest",
        "protest",
        "riot",
        "deploy",
        "mobilize",
        "test_weapon",
        "kill",
        "bomb",
        "kidnap",
        "invade",
        "blockade",
        "deny",
        "investigate",
        "competition",
        "relations",
        "talks",
        "sanctions",
        "aid",
        "troops",
        "weapons",
        "agreement",
    }
    assert needed <= set(classes.names())
    assert classes.pos("attack") == "verb" and classes.pos("relations") == "noun"
    assert {"strike", "raid", "storm"} <= classes.members("@attack")
    assert "open fire" in classes.phrases("attack")


def test_the_data_file_is_exactly_what_the_reviewed_seeds_build_from_wordnet() -> None:
    assert DEFAULT_PATH.read_text(encoding="utf-8") == build_text(SEEDS_PATH), (
        "verb_classes.yaml is stale or hand-edited: edit brink/coder/build/verb_class_seeds.yaml, "
        "then run make verb-classes"
    )


def test_every_member_is_a_wordnet_word_of_its_part_of_speech_or_a_reasoned_addition(
    classes: VerbClasses, wordnet: WordNetCorpusReader
) -> None:
    unknown = []
    for name in classes.names():
        entry = classes.get(name)
        for word in (*entry.lemmas, *entry.phrases):
            if word in entry.additions:
                assert entry.additions[word].strip()
                continue
            if not wordnet.synsets(word.replace(" ", "_"), pos=entry.pos[0]):
                # a phrase may be a verb + particle/object that WordNet lists under its head verb only
                head = word.split()[0]
                if " " in word and entry.pos == "verb" and wordnet.synsets(head, pos="v"):
                    continue
                unknown.append((name, word))
    assert unknown == []


def test_every_exclusion_and_addition_says_why(classes: VerbClasses) -> None:
    for name in classes.names():
        entry = classes.get(name)
        assert all(len(why) > 3 for why in (*entry.excluded.values(), *entry.additions.values())), name


def test_cut_ties_sever_relations_and_break_off_relations_share_one_class(classes: VerbClasses) -> None:
    phrasings = [("cut", "tie"), ("sever", "relation"), ("break off", "relation"), ("cut", "relation")]
    shared = None
    for verb, noun in phrasings:
        verb_classes = classes.classes_of(verb, "verb")
        noun_classes = classes.classes_of(noun, "noun")
        assert "sever" in verb_classes, verb
        assert "relations" in noun_classes, noun
        shared = verb_classes if shared is None else shared & verb_classes
    assert shared == {"sever"}


def test_no_sport_only_verb_sits_in_an_attack_class(
    classes: VerbClasses, wordnet: WordNetCorpusReader
) -> None:
    contest_senses = set(classes.get("competition").synsets)

    def sport_only(lemma: str) -> bool:
        senses = wordnet.synsets(lemma, pos="v")
        in_contest = [s for s in senses if s.name() in contest_senses]
        violent = [
            s
            for s in senses
            if s.name() not in contest_senses and s.lexname() in ("verb.competition", "verb.contact")
        ]
        return bool(in_contest) and not violent

    sport = {lemma for lemma in classes.members("competition") if sport_only(lemma)}
    assert {"demolish", "outplay", "defeat"} <= sport  # the computation finds the obvious ones
    for name in ATTACK_FAMILY:
        assert classes.members(name) & sport == set(), name
        assert classes.members(name) & set(SPORT_REPORT_VERBS) == set(), name


def test_the_competition_class_marks_sport_verbs_that_also_have_violent_senses(classes: VerbClasses) -> None:
    ambiguous = {"beat", "crush", "hammer"}
    assert ambiguous <= classes.members("competition")
    assert "beat" in classes.members("assault")  # "police beat protesters": the frame decides, not the word


def test_a_lemma_belongs_to_classes_of_its_part_of_speech(classes: VerbClasses) -> None:
    assert "attack" in classes.classes_of("attack", "verb")
    assert "attack_event" in classes.classes_of("attack", "noun")
    assert "attack_event" not in classes.classes_of("attack", "verb")
    assert classes.classes_of("Strike") >= {"attack", "attack_event"}
    assert classes.classes_of("zebra") == frozenset()


def test_an_unknown_class_is_a_clear_error_naming_the_known_ones(classes: VerbClasses) -> None:
    with pytest.raises(VerbClassError, match=r"no class '@atack'.*attack"):
        classes.members("@atack")


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "classes.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_a_word_that_is_both_member_and_excluded_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        {"classes": {"attack": {"pos": "verb", "lemmas": ["attack", "rout"], "excluded": {"rout": "sport"}}}},
    )
    with pytest.raises(VerbClassError, match=r"(?s)classes\.yaml.*both members and excluded"):
        parse(path)


def test_multi_word_lemmas_and_unexplained_exclusions_are_refused(tmp_path: Path) -> None:
    with pytest.raises(VerbClassError, match="single lower-case words"):
        parse(_write(tmp_path, {"classes": {"sever": {"pos": "verb", "lemmas": ["break off"]}}}))
    with pytest.raises(VerbClassError, match="says why"):
        parse(
            _write(
                tmp_path, {"classes": {"sever": {"pos": "verb", "lemmas": ["cut"], "excluded": {"x": " "}}}}
            )
        )


def test_a_malformed_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("classes: [unclosed", encoding="utf-8")
    with pytest.raises(VerbClassError, match=r"broken\.yaml"):
        parse(path)


def test_a_loaded_file_other_than_the_packaged_one_is_used_as_given(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        {"classes": {"sever": {"pos": "verb", "lemmas": ["cut", "sever"], "phrases": ["break off"]}}},
    )
    loaded = VerbClasses.load(path)
    assert loaded.names() == ("sever",)
    assert loaded.members("sever") == {"cut", "sever"}
    assert loaded.classes_of("break off") == {"sever"}


def test_the_build_expands_pinned_senses_and_drops_exclusions(wordnet: WordNetCorpusReader) -> None:
    seed = SeedClass(
        pos="verb",
        lexnames=("verb.social",),
        seeds=("expel",),
        senses=("expel.v.01", "banish.v.03"),
        excluded={"relegate": "sport"},
    )
    built = expand(wordnet, "expel", seed)
    assert {"expel", "banish"} <= set(built.lemmas)
    assert "relegate" not in built.lemmas
    assert "kick out" in built.phrases
    assert built.synsets == ("banish.v.03", "expel.v.01")


def test_the_build_refuses_stale_exclusions_and_unknown_seeds(wordnet: WordNetCorpusReader) -> None:
    stale = SeedClass(
        pos="verb",
        lexnames=("verb.social",),
        seeds=("expel",),
        senses=("expel.v.01",),
        excluded={"defenestrate": "never suggested"},
    )
    with pytest.raises(BuildError, match="no longer WordNet suggestions"):
        expand(wordnet, "expel", stale)
    unknown = SeedClass(pos="noun", lexnames=("noun.act",), seeds=("airstrikez",), senses=())
    with pytest.raises(BuildError, match="not WordNet nouns; list them in additions"):
        expand(wordnet, "attack_event", unknown)
    outside = SeedClass(pos="verb", lexnames=("verb.motion",), seeds=("expel",), senses=("expel.v.01",))
    with pytest.raises(BuildError, match="not in the class's lexnames"):
        expand(wordnet, "expel", outside)


def test_the_seeds_file_validates() -> None:
    seeds = SeedFile.model_validate(yaml.safe_load(SEEDS_PATH.read_text(encoding="utf-8")))
    assert set(seeds.classes) == set(VerbClasses.load().names())


def test_the_build_refuses_a_class_named_twice_in_the_seeds(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds.yaml"
    seeds.write_text(
        "classes:\n"
        "  visit: {pos: verb, lexnames: [verb.social], seeds: [visit], senses: []}\n"
        "  visit: {pos: noun, lexnames: [noun.act], seeds: [visit], senses: []}\n",
        encoding="utf-8",
    )
    with pytest.raises(BuildError, match=r"repeated keys \['visit'\]"):
        load_seeds(seeds)


def test_the_pattern_resolver_gives_a_class_its_lemmas_and_phrases_and_none_for_an_unknown_class(
    classes: VerbClasses,
) -> None:
    resolve = resolver(classes)
    assert resolve("sever") == classes.members("sever") | set(classes.phrases("sever"))
    assert "break off" in classes.phrases("sever")
    assert resolve("no_such_class") is None
