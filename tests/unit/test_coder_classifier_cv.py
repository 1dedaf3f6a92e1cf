"""The second opinion's cross-validation (brink/coder/build/classifier_cv.py): outlet folds, rules."""

from __future__ import annotations

from datetime import date

from brink.coder.build.classifier_cv import Heard, Opinion, folds, outlet_groups
from brink.coder.train_classifier import Example
from brink.evaluation.gold import GoldSentence
from brink.evaluation.metrics import Predicted


def _sentence(n: int, outlet: str) -> GoldSentence:
    return GoldSentence(
        id=f"d{n:04d}",
        url=f"https://example.org/{n}",
        outlet=outlet,
        date=date(2024, 1, 1),
        sentence=f"Sentence number {n} of the test.",
        events=[],
    )


def test_copies_of_one_wire_agency_share_an_outlet_group() -> None:
    outlets = ["Reuters", "Devdiscourse (Reuters)", "Devdiscourse (PTI)", "BBC News", "Rediff (PTI)"]
    groups = outlet_groups([_sentence(n, o) for n, o in enumerate(outlets)])
    # Reuters's copy links Devdiscourse, Devdiscourse links PTI, PTI links Rediff: one group; BBC alone
    assert groups[0] == groups[1] == groups[2] == groups[4] != groups[3]


def test_no_outlet_group_is_on_both_sides_of_a_fold() -> None:
    examples = [Example(f"s{i}", (), ((i % 3) + 1,)) for i in range(60)]
    groups = [i % 12 for i in range(60)]
    splits = folds(examples, groups)
    assert len(splits) == 5
    for train, test in splits:
        assert not {groups[i] for i in train} & {groups[i] for i in test}
    assert sorted(i for _, test in splits for i in test) == list(range(60))


def _opinion(path: str, refused: frozenset[int]) -> Opinion:
    heard = Heard("Iran rushed a team to Iraq.", {0: 0.2, 15: 0.5, 19: 0.3}, refused, path)
    return Opinion(heard, Predicted(15, "IRN", "IRQ"))


def test_the_shipped_rule_drops_a_root_whose_patterns_refused_the_sentence() -> None:
    assert _opinion("nothing", frozenset({15})).decided("shipped") is None
    assert _opinion("nothing", frozenset()).decided("shipped") == (15, 0.5)
    # where patterns matched but filled no event, only a root they share is given
    assert _opinion("refused", frozenset({15})).decided("shipped") == (15, 0.5)
    assert _opinion("refused", frozenset({19})).decided("shipped") is None


def test_the_other_rules_ignore_the_refusal_or_take_the_best_allowed_root() -> None:
    assert _opinion("nothing", frozenset({15})).decided("unfiltered") == (15, 0.5)
    assert _opinion("nothing", frozenset({15})).decided("allowed") == (19, 0.3)
    assert _opinion("refused", frozenset({19})).decided("allowed") == (19, 0.3)
    assert _opinion("refused", frozenset()).decided("allowed") is None  # only "no event" is allowed
    assert _opinion("nothing", frozenset()).key(19) == (19, "IRN", "IRQ")
