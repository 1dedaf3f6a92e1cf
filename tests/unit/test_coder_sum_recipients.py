"""A sum counted in a kind of help goes to whom that help is for: "pledged $1 billion in assistance to Nepal"
is aid to Nepal, though the parser hangs the "to" on "assistance" (brink/coder/sum_recipients.py)."""

from __future__ import annotations

from brink.coder.parse import load_model
from brink.coder.sum_recipients import counted_in_objects
from tests.fixtures.coder import article, shared_coder


def _pairs(text: str, root: int) -> set[tuple[str | None, str | None]]:
    return {
        (e.source.country, e.target.country if e.target is not None else None)
        for e in shared_coder().code(article(text)).events
        if e.cameo_root == root
    }


def test_a_sum_pledged_in_assistance_to_a_state_is_aid_to_it() -> None:
    text = "India on Thursday pledged $ 1 billion (Rs 6,363 crore) in assistance to quake-ravaged Nepal."
    assert _pairs(text, 7) == {("IND", "NPL")}


def test_counted_in_objects_reads_the_to_on_the_kind_of_help() -> None:
    doc = load_model()("India pledged $ 1 billion (Rs 6,363 crore) in assistance to Nepal.")
    assert [t.text for t in counted_in_objects(doc[1], "to")] == ["Nepal"]


def test_people_killed_in_attacks_are_no_sum_given() -> None:
    doc = load_model()("The blast killed five people in attacks on Kabul.")
    assert counted_in_objects(doc[2], "on") == []
