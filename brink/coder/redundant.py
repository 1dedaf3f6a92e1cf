"""One meeting told twice in a sentence: "met her Hungarian counterpart and had discussions on relations" is
one consultation, its partner named once. An untargeted cooperative event (roots 03-06) whose root and source
country a targeted event of the same sentence already has adds no act of its own. Hostile acts are left
alone: "may expel Russian diplomats, impose new sanctions" tells two measures, each coded."""

from __future__ import annotations

from typing import Final

from brink.coder.found import Found

_COOPERATIVE: Final = frozenset({"03", "04", "05", "06"})


def drop_untargeted_repeats(found: list[Found]) -> list[Found]:
    """``found`` without the untargeted cooperative events that repeat a targeted one's root and source."""
    targeted = {(f.code[:2], f.source.mention.actor.country) for f in found if f.target is not None}
    return [
        f
        for f in found
        if f.target is not None
        or f.code[:2] not in _COOPERATIVE
        or (f.code[:2], f.source.mention.actor.country) not in targeted
    ]
