"""Every example sentence of every dependency pattern (brink/coder/patterns/*.yaml), coded by the whole
parse coder: the sentences a pattern must code are coded so, its traps are not."""

from __future__ import annotations

import pytest

from brink.coder.pattern_files import Compiled, Example, load_patterns
from schemas.event import Actor, EscalationEvent
from tests.fixtures.coder import article, shared_coder

CASES = [
    pytest.param(c, ex, id=f"{c.spec.id}:{ex.text[:50]}")
    for c in load_patterns().patterns
    for ex in c.spec.examples
]


def _is(actor: Actor | None, expected: str | None) -> bool:
    if expected is None:
        return True
    if expected == "-":
        return actor is None
    return actor is not None and (actor.country == expected or actor.code.startswith(expected))


def _fits(e: EscalationEvent, ex: Example) -> bool:
    return (
        e.cameo == ex.code
        and _is(e.source, ex.source)
        and _is(e.target, ex.target)
        and all(
            want is None or getattr(e, flag) == want
            for flag, want in (
                ("negated", ex.negated),
                ("conditional", ex.conditional),
                ("hypothetical", ex.hypothetical),
            )
        )
    )


@pytest.mark.parametrize(("pattern", "example"), CASES)
def test_pattern_example_is_coded_as_its_file_says(pattern: Compiled, example: Example) -> None:
    events = shared_coder().code(article(example.text)).events
    got = [
        (e.cameo, e.source.code, e.target.code if e.target else None, e.negated, e.conditional)
        for e in events
    ]
    if example.code is None:
        root = int(pattern.spec.code[:2])
        assert not [e for e in events if e.cameo_root == root], f"trap coded as root {root}: {got}"
    else:
        want = example.model_dump(exclude_none=True)
        assert any(_fits(e, example) for e in events), f"want {want}, got {got}"
