"""docs/THREAT_SCORING.md's worked examples are what the coder computes on the seed article."""

from __future__ import annotations

from tests.fixtures.coder import REPO_ROOT, seed_article, shared_coder

DOC = REPO_ROOT / "docs" / "THREAT_SCORING.md"


def _rows() -> list[tuple[str, str, float]]:
    text = DOC.read_text(encoding="utf-8")
    table = text[text.index("## Worked examples") :]
    rows = []
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[1].isdigit():
            start = cells[0].split("…")[0].strip()
            rows.append((start, cells[1], float(cells[3])))
    return rows


def test_worked_examples_match_the_coder() -> None:
    rows = _rows()
    assert len(rows) >= 6
    coded = shared_coder().code(seed_article())
    for start, cameo, score in rows:
        hits = [e for e in coded.events if e.sentence.startswith(start) and e.cameo == cameo]
        assert hits, f"no {cameo} event in the sentence starting {start!r}"
        assert round(max(e.threat_score for e in hits), 2) == score, (start, [e.threat_score for e in hits])
    assert coded.threat_score == max(score for _, _, score in rows)
