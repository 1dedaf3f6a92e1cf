"""Hostile and careless article texts through the parse coder: time, peak memory growth, events, cuts.

    .venv/bin/python -m bench.hostile_texts [NAME ...]

Each text is coded once after a warm-up (wall time; the machine may be busy, so read the figures as
orders of magnitude). The coder's bounds (brink/coder/guard.py, settings BRINK_CODER_MAX_*) are what keep
these within seconds; with them raised (e.g. BRINK_CODER_MAX_WORD_CHARS=100000) the stalls come back.
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable
from datetime import UTC, datetime

from brink.coder import Coder
from brink.settings import Settings
from schemas.article import Article

BASE = "Iran threatened the United States on Monday, saying it would strike American bases in Iraq. "
PARAGRAPH = (
    "The Iraqi government condemned the attack. Israel warned Hezbollah it would respond. "
    "Officials in Baghdad met the U.S. ambassador on Tuesday to discuss the strikes.\n"
)
DENSE = "Iran threatens Israel and the United States warns Russia while China waits"
LIST = (
    "Iran, Iraq, Syria, Israel, Egypt, Jordan, Turkey, Russia, China and Libya attacked Chad, Mali, "
    "Niger, Peru, Chile, Cuba, Oman, Yemen, Spain and Italy."
)

TEXTS: dict[str, Callable[[], str]] = {
    "1 MB article": lambda: (BASE + PARAGRAPH) * (1_000_000 // len(BASE + PARAGRAPH)),
    "60 KB sentence, no punctuation": lambda: " ".join([DENSE] * 800),
    "10,000 tiny sentences": lambda: " ".join(["Iran threatens Israel."] * 10_000),
    "2,000 nested brackets": lambda: "Iran " + "(" * 2000 + "threatened Israel" + ")" * 2000 + ".",
    "200 nested quotes": lambda: (
        "Iran said " + '\u201cIsrael said "' * 200 + "we will attack" + '"\u201d' * 200
    ),
    "only numbers": lambda: " ".join(str(i) for i in range(20_000)),
    "only URLs": lambda: " ".join(
        f"https://example.org/{i}/iran-threatens-israel?x={i}" for i in range(3000)
    ),
    "HTML": lambda: "<p>Iran <b>threatened</b> Israel on Monday.</p><script>var a='x';</script>" * 50,
    "emoji": lambda: "Iran \U0001f1ee\U0001f1f7 threatened \U0001f525 Israel on Monday \U0001f4a3. " * 100,
    "control characters": lambda: (
        "Iran\x00 threatened\x01 Israel\x1b[31m on Monday.\x7f Israel\x85warned Iran."
    ),
    "500 countries, one sentence": lambda: (
        "Iran threatened " + ", ".join(["Chad", "Mali", "Peru"] * 167) + "."
    ),
    "100 KB of 10-by-10 attack lists": lambda: " ".join([LIST] * 660),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="which texts (default: all)")
    args = parser.parse_args()
    coder = Coder.load(limits=Settings().coder_limits())  # BRINK_CODER_MAX_* raise or lower the bounds
    assert coder.pipeline is not None
    when = datetime(2020, 1, 5, tzinfo=UTC)

    def article(text: str) -> Article:
        return Article(article_id="hostile", text=text, published_at=when, ingested_at=when, language="en")

    coder.code(article(BASE))
    print(f"{'text':34s} {'chars':>9s} {'seconds':>8s} {'+MB':>5s} {'events':>7s}  cuts")
    for name in args.names or list(TEXTS):
        text = TEXTS[name]()
        before = dict(coder.pipeline.cut_totals)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        coded = coder.code(article(text))
        seconds = time.perf_counter() - started
        grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss) // 1024
        cuts = {k: v - before[k] for k, v in coder.pipeline.cut_totals.items() if v != before[k]}
        print(f"{name:34s} {len(text):9d} {seconds:8.2f} {grown:5d} {len(coded.events):7d}  {cuts or '-'}")


if __name__ == "__main__":
    main()
