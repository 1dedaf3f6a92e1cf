"""The readable report printed by ``brink eval`` (the ``--json`` output carries the same figures)."""

from __future__ import annotations

from collections.abc import Callable

from brink.evaluation.articles import CONTROLS, LEVEL_NAMES, LEVELS, ArticleScores
from brink.evaluation.cameo import CONFLIBERT_CLASS_NAMES, ROOT_NAMES, ROOTS
from brink.evaluation.conflibert import NONE_COLUMN
from brink.evaluation.gold import TRAP_KINDS
from brink.evaluation.metrics import MODALITIES, GoldScores, macro_f1, ratio
from brink.evaluation.runner import ConfliBertReport
from brink.evaluation.threat_sentences import SentenceThreatScores


def _pct(numerator: int, denominator: int) -> str:
    return (
        f"{numerator}/{denominator} ({100 * ratio(numerator, denominator):.1f}%)"
        if denominator
        else "n/a (0)"
    )


NO_BLIND = "no blind data yet"
DEV_LABEL = "dev (tuning: a training score)"
BLIND_LABEL = "blind (held out)"


def _cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _gap(dev: float | None, blind: float | None) -> str:
    return "—" if dev is None or blind is None else f"{dev - blind:+.3f}"


def headline(scores: GoldScores) -> dict[str, float]:
    """The figures issue 14 sets targets for, on one split."""
    conditional = scores.modality["conditional"]
    traps = scores.trap_total
    return {
        "strict_micro_f1": scores.strict_micro.f1,
        "root_only_micro_f1": scores.root_only_micro.f1,
        "macro_f1": macro_f1(scores.strict.values()),
        "root_only_macro_f1": macro_f1(scores.root_only.values()),
        "traps_fooled": ratio(traps.fooled, traps.sentences),
        "conditionals_found": ratio(conditional.found_true, conditional.gold_true),
    }


def gap(dev: GoldScores, blind: GoldScores | None) -> dict[str, float] | None:
    """dev minus blind for each headline figure (None without blind data)."""
    if blind is None:
        return None
    low = headline(blind)
    return {name: round(value - low[name], 4) for name, value in headline(dev).items()}


def _decided(scores: GoldScores) -> str:
    """How many coded events each path decided ("patterns 412, classifier 3"); — when it does not say."""
    if not scores.decided_by:
        return "—"
    return ", ".join(f"{path} {scores.decided_by.get(path, 0)}" for path in ("patterns", "classifier"))


def render_sentences(dev: GoldScores | None, blind: GoldScores | None, blind_note: str = NO_BLIND) -> str:
    """Dev and blind gold-sentence figures side by side, with the dev − blind gap."""
    splits = [(DEV_LABEL, dev), (BLIND_LABEL, blind)]
    lines = [
        "Gold sentences: dev | blind. Dev figures are tuning scores (the coder was built on them); "
        "blind is held out.",
        "  match = same root and same source/target countries; root-only = same root in the sentence",
    ]
    if blind is None:
        lines.append(f"  blind: {blind_note}")
    lines.append("")
    lines.append(f"  {'':<26} {DEV_LABEL:>32} {BLIND_LABEL:>22} {'dev − blind':>12}")

    def row(
        name: str, value: Callable[[GoldScores], str], number: Callable[[GoldScores], float] | None
    ) -> None:
        cells = [value(s) if s is not None else "—" for _, s in splits]
        difference = (
            _gap(number(dev), number(blind)) if number and dev is not None and blind is not None else ""
        )
        lines.append(f"  {name:<26} {cells[0]:>32} {cells[1]:>22} {difference:>12}")

    def fig(key: str) -> Callable[[GoldScores], float]:
        return lambda s: headline(s)[key]

    row("sentences", lambda s: str(s.sentences), None)
    row("gold events / coded", lambda s: f"{s.strict_micro.gold} / {s.strict_micro.predicted}", None)
    for name, key in (
        ("strict micro-F1", "strict_micro_f1"),
        ("root-only micro-F1", "root_only_micro_f1"),
        ("macro-F1 (20 roots)", "macro_f1"),
        ("root-only macro-F1", "root_only_macro_f1"),
    ):
        row(name, lambda s, k=key: f"{headline(s)[k]:.3f}", fig(key))  # type: ignore[misc]
    row(
        "strict micro P / R",
        lambda s: f"{s.strict_micro.precision:.3f} / {s.strict_micro.recall:.3f}",
        None,
    )
    row("decided by", _decided, None)
    row(
        "traps fooled",
        lambda s: _pct(s.trap_total.fooled, s.trap_total.sentences),
        fig("traps_fooled"),
    )
    for kind in TRAP_KINDS:
        row(f"  {kind}", lambda s, k=kind: _pct(s.traps[k].fooled, s.traps[k].sentences), None)  # type: ignore[misc]
    for name in MODALITIES:
        row(
            f"{name} found",
            lambda s, n=name: _pct(s.modality[n].found_true, s.modality[n].gold_true),  # type: ignore[misc]
            fig("conditionals_found") if name == "conditional" else None,
        )
    lines.append("")
    lines.append(
        f"  {'root':<26} {'dev gold':>8} {'F1':>6} {'root-only':>9}   "
        f"{'blind gold':>10} {'F1':>6} {'root-only':>9}   {'F1 gap':>7}"
    )
    for root in ROOTS:
        d = dev.strict[root] if dev is not None else None
        dl = dev.root_only[root] if dev is not None else None
        b = blind.strict[root] if blind is not None else None
        bl = blind.root_only[root] if blind is not None else None
        lines.append(
            f"  {root:02d} {ROOT_NAMES[root]:<23} {d.gold if d else '—':>8} {_cell(d.f1 if d else None):>6} "
            f"{_cell(dl.f1 if dl else None):>9}   {b.gold if b else '—':>10} {_cell(b.f1 if b else None):>6} "
            f"{_cell(bl.f1 if bl else None):>9}   {_gap(d.f1 if d else None, b.f1 if b else None):>7}"
        )
    return "\n".join(lines)


def sentence_threat_rows(dev: SentenceThreatScores | None, blind: SentenceThreatScores | None) -> list[str]:
    """Threat pairs per gold sentence (root 13, as the article metric counts them), dev | blind."""
    splits = [dev, blind]
    lines = []

    def row(name: str, value: Callable[[SentenceThreatScores], str]) -> None:
        cells = [value(s) if s is not None else "—" for s in splits]
        lines.append(f"  {name:<30} {cells[0]:>32} {cells[1]:>22}")

    row("sentence threat pairs gold/coded", lambda s: f"{s.pairs.gold} / {s.pairs.predicted}")
    row(
        "sentence threat P / R / F1",
        lambda s: f"{s.pairs.precision:.3f} / {s.pairs.recall:.3f} / {s.pairs.f1:.3f}",
    )
    row("  negatives given a pair", lambda s: f"{s.negatives_with_pair} of {s.negatives}")
    return lines


def render_sentence_threats(dev: SentenceThreatScores | None, blind: SentenceThreatScores | None) -> str:
    """The sentence threat-pair figures on their own (when articles are not scored)."""
    return "\n".join(
        [
            "Threat pairs per gold sentence (speaker country -> target country of root-13 events asserted "
            "as fact), dev | blind",
            f"  {'':<30} {DEV_LABEL:>32} {BLIND_LABEL:>22}",
            *sentence_threat_rows(dev, blind),
        ]
    )


def render_articles(
    dev: ArticleScores | None,
    blind: ArticleScores | None,
    blind_note: str = NO_BLIND,
    threats: tuple[SentenceThreatScores | None, SentenceThreatScores | None] | None = None,
) -> str:
    """Article-level figures, dev | blind; ``threats`` (dev, blind sentence threat scores) adds the
    threat pairs per gold sentence under the article threat figures."""
    splits = [dev, blind]
    lines = [
        "Gold articles: dev | blind (level = the highest level of the coder's events asserted as fact "
        "and not excluded by frame;",
        "  a control 'moves an index' when the real alert engine, fed its events, raises some dyad's index)",
    ]
    if blind is None:
        lines.append(f"  blind: {blind_note}")
    if dev is None:
        lines.append("  dev: no dev article data yet")
    lines.append("")
    lines.append(f"  {'':<30} {DEV_LABEL:>32} {BLIND_LABEL:>22}")

    def row(name: str, value: Callable[[ArticleScores], str]) -> None:
        cells = [value(s) if s is not None else "—" for s in splits]
        lines.append(f"  {name:<30} {cells[0]:>32} {cells[1]:>22}")

    row("articles", lambda s: str(s.articles))
    row("level accuracy", lambda s: _pct(s.level_correct, s.articles))
    row("level within one", lambda s: _pct(s.level_within_one, s.articles))
    row("threat pairs gold / coded", lambda s: f"{s.threats.gold} / {s.threats.predicted}")
    row(
        "threat P / R / F1",
        lambda s: f"{s.threats.precision:.3f} / {s.threats.recall:.3f} / {s.threats.f1:.3f}",
    )
    if threats is not None:
        lines.extend(sentence_threat_rows(*threats))
    row("controls moving an index", lambda s: f"{s.moving_total} of {s.control_total}")
    row("controls firing an alert", lambda s: f"{sum(s.controls_alerting.values())} of {s.control_total}")
    for kind in CONTROLS:
        row(f"  {kind}", lambda s, k=kind: f"{s.controls_moving[k]} of {s.controls[k]}")  # type: ignore[misc]
    lines.append("")
    lines.append("  level confusion (rows gold 0-4, columns coder 0-4)")
    for name, scores in ((DEV_LABEL, dev), (BLIND_LABEL, blind)):
        if scores is None:
            continue
        lines.append(f"    {name}")
        for level in LEVELS:
            lines.append(
                f"      {level} {LEVEL_NAMES[level]:<38}"
                + "".join(f"{n:>5}" for n in scores.confusion[level])
            )
    return "\n".join(lines)


def render_conflibert(report: ConfliBertReport) -> str:
    quad = report.quad[report.policy]
    with_event = quad.sentences - quad.no_event
    lines = [
        f"ConfliBERT training split ({report.directory}): dev, not held out (the coder was tuned on it)",
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
