"""Every entry of coder_known_failures.yaml still fails (strict): a fix must take it off the list."""

from __future__ import annotations

from typing import Any

import pytest

from tests.fixtures.coder import shared_coder
from tests.unit import known_failures

ENTRIES = known_failures.load()


def test_the_list_is_not_empty_and_its_entries_are_unique() -> None:
    assert ENTRIES
    keys = [(e["text"], str(e.get("expect")), str(e.get("forbid"))) for e in ENTRIES]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("entry", ENTRIES, ids=[str(i) for i in range(len(ENTRIES))])
def test_a_known_failure_still_fails(entry: dict[str, Any]) -> None:
    events = known_failures.code(shared_coder(), entry)
    assert not known_failures.passes(events, entry), (
        f"{entry.get('test')} now passes ({known_failures.describe(events)}): take it off "
        "tests/unit/coder_known_failures.yaml (python -m tests.unit.known_failures --write), test it passing"
    )
