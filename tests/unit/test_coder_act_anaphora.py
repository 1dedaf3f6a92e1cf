"""A threat aimed at an act said again ("would respond to any such attack") is aimed at the doer of that
act named earlier in the article, the latest hostile act on the threatener's side:
brink/coder/act_anaphora.py."""

from __future__ import annotations

from tests.fixtures.coder import article, shared_coder


def _pairs(text: str, root: int) -> set[tuple[str | None, str | None]]:
    return {
        (e.source.country, e.target.country if e.target is not None else None)
        for e in shared_coder().code(article(text)).events
        if e.cameo_root == root
    }


def test_a_response_to_any_such_attack_threatens_the_earlier_attacker() -> None:
    text = (
        "The United States struck Venezuelan boats on Monday. "
        "Venezuelan President Nicolas Maduro said his army would respond to any such attack."
    )
    assert _pairs(text, 13) == {("VEN", "USA")}


def test_this_aggression_is_the_latest_hostile_act_on_the_threatener() -> None:
    text = (
        "Israeli jets bombed Syrian army positions on Monday. "
        "Syria warned that it would respond to any such aggression."
    )
    assert _pairs(text, 13) == {("SYR", "ISR")}


def test_an_attack_on_someone_else_gives_no_target() -> None:
    text = "Russia struck Ukrainian cities on Monday. Poland said its army would respond to any such attack."
    assert _pairs(text, 13) <= {("POL", None)}


def test_an_act_not_said_again_is_not_referred_back_to() -> None:
    text = (
        "The United States struck Venezuelan boats on Monday. "
        "Venezuelan President Nicolas Maduro said his army would respond to any attack."
    )
    assert ("VEN", "USA") not in _pairs(text, 13)
