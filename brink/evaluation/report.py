"""The readable report printed by ``brink eval`` (the ``--json`` output carries the same figures)."""

from __future__ import annotations

from brink.evaluation.cameo import CONFLIBERT_CLASS_NAMES, ROOT_NAMES
from brink.evaluation.conflibert import NONE_COLUMN
from brink.evaluation.metrics import MODALITIES, GoldScores, macro_f1, ratio
from brink.evaluation.runner import ConfliBertReport


def _pct(numerator: int, denominator: int) -> str:
    return (
        f"{numerator}/{denominator} ({100 * ratio(numerator, denominator):.1f}%)"
        if denominator
        else "n/a (0)"
    )


def render_gold(scores: GoldScores, source: str) -> str:
    strict_all, root_all = scores.strict_micro, scores.root_only_micro
    lines = [
        f"Gold set ({source}): {scores.sentences} sentences, {strict_all.gold} gold events, "
        f"{strict_all.predicted} coded events",
        "  match = same root and same source/target countries; root-only = same root in the sentence",
        "",
        f"  {'root':<25} {'gold':>5} {'coded':>5} {'tp':>4} {'P':>6} {'R':>6} {'F1':>6}"
        f"   | root-only {'P':>6} {'R':>6} {'F1':>6}",
    ]
    for root, prf in scores.strict.items():
        loose = scores.root_only[root]
        lines.append(
            f"  {root:02d} {ROOT_NAMES[root]:<22} {prf.gold:>5} {prf.predicted:>5} {prf.tp:>4} "
            f"{prf.precision:>6.3f} {prf.recall:>6.3f} {prf.f1:>6.3f}   |           "
            f"{loose.precision:>6.3f} {loose.recall:>6.3f} {loose.f1:>6.3f}"
        )
    lines.append(
        f"  {'all (micro)':<25} {strict_all.gold:>5} {strict_all.predicted:>5} {strict_all.tp:>4} "
        f"{strict_all.precision:>6.3f} {strict_all.recall:>6.3f} {strict_all.f1:>6.3f}   |           "
        f"{root_all.precision:>6.3f} {root_all.recall:>6.3f} {root_all.f1:>6.3f}"
    )
    lines.append(
        f"  macro-F1 over the 20 roots: {macro_f1(scores.strict.values()):.3f} "
        f"(root-only {macro_f1(scores.root_only.values()):.3f})"
    )
    lines.append("")
    lines.append(
        f"  Modality on {scores.matched} matched events (agreement; gold-true flags the coder found):"
    )
    for name in MODALITIES:
        m = scores.modality[name]
        lines.append(
            f"    {name:<13} agree {_pct(m.agree, m.matched):<22} found {_pct(m.found_true, m.gold_true)}"
        )
    lines.append(f"    {'all three':<13} agree {_pct(scores.modality_all_agree, scores.matched)}")
    lines.append("")
    total = scores.trap_total
    lines.append("  Traps (a trap sentence is 'fooled' when the coder asserts as fact an event that the gold")
    lines.append(
        "  does not hold as fact: a missing one, or one gold marks negated/conditional/hypothetical)"
    )
    lines.append(f"    false-positive rate: {_pct(total.fooled, total.sentences)}")
    for kind, trap in scores.traps.items():
        if trap.sentences:
            lines.append(f"    {kind:<13} {_pct(trap.fooled, trap.sentences)}")
    return "\n".join(lines)


def render_conflibert(report: ConfliBertReport) -> str:
    quad = report.quad[report.policy]
    with_event = quad.sentences - quad.no_event
    lines = [
        f"ConfliBERT dev data ({report.directory})",
        f"  Quad class of the main event (policy '{report.policy}'): {quad.sentences} sentences, "
        f"{_pct(with_event, quad.sentences)} with an event",
        f"    macro-F1 {quad.macro_f1:.3f} (no event counted as 0 neutral); "
        f"{quad.macro_f1_strict:.3f} (no event counted wrong); accuracy {quad.accuracy:.3f}",
        "    macro-F1 by main-event policy: "
        + ", ".join(f"{name} {scores.macro_f1:.3f}" for name, scores in report.quad.items()),
        "",
        f"    {'class':<24} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6}",
    ]
    for label, prf in quad.per_class(none_as=0).items():
        lines.append(
            f"    {label} {CONFLIBERT_CLASS_NAMES[label]:<22} {prf.gold:>5} "
            f"{prf.precision:>6.3f} {prf.recall:>6.3f} {prf.f1:>6.3f}"
        )
    lines.append("")
    lines.append("    confusion (rows gold, columns coded; 'none' = no event)")
    lines.append("    " + " " * 6 + "".join(f"{c:>6}" for c in range(NONE_COLUMN)) + f"{'none':>6}")
    for label, row in enumerate(quad.confusion):
        lines.append(f"    {label:>6}" + "".join(f"{n:>6}" for n in row))
    actors = report.actors
    lines.append("")
    lines.append(
        f"  Actors: {actors.sentences} sentences, {_pct(actors.with_event, actors.sentences)} with an event; "
        "coder's actor text overlaps the tagged tokens (R counts as both)"
    )
    for name, role in (("source", actors.source), ("target", actors.target), ("both", actors.both)):
        lines.append(
            f"    {name:<7} main event {_pct(role.main_hit, role.tagged):<22} "
            f"any event {_pct(role.any_hit, role.tagged)}"
        )
    return "\n".join(lines)
