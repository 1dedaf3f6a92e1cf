"""Re-split the article gold so that it keeps the dev/blind separation the sentences dictate.

Articles are placed after the sentences: an article that shares an outlet or ISO week with a dev
sentence must be dev, with a blind sentence blind. Articles sharing an outlet or week with each
other move together (one group). A group that would have to be on both sides loses the articles
that cause it (those touching both sides, else the smaller side's). Free groups stay where they are
when they can, otherwise go to the smaller split. ``brink eval --resplit-articles`` runs this and
rewrites the two article files; the blind files then need a new freeze.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from brink.evaluation.articles import GoldArticle
from brink.evaluation.gold import GoldSource
from brink.evaluation.splits import ARTICLE_ID_PREFIXES, Split, iso_week, outlet_names

Key = tuple[str, str]


def keys(record: GoldSource) -> frozenset[Key]:
    """What separates the splits: the record's outlet names and its ISO week."""
    return frozenset(
        {("outlet", name) for name in outlet_names(record.outlet)} | {("week", iso_week(record.date))}
    )


def _all_keys(records: Iterable[GoldSource]) -> frozenset[Key]:
    return frozenset(key for record in records for key in keys(record))


def _groups(pool: Sequence[tuple[Split, GoldArticle]]) -> list[list[int]]:
    """Indexes of the articles linked by a shared outlet or week, transitively."""
    parent = list(range(len(pool)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[Key, int] = {}
    for i, (_, article) in enumerate(pool):
        for key in keys(article):
            if key in owner:
                parent[root(i)] = root(owner[key])
            else:
                owner[key] = i
    groups: dict[int, list[int]] = {}
    for i in range(len(pool)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


@dataclass
class Resplit:
    dev: list[GoldArticle] = field(default_factory=list)
    blind: list[GoldArticle] = field(default_factory=list)
    dropped: list[GoldArticle] = field(default_factory=list)  # with their old ids
    moved: list[tuple[str, str]] = field(default_factory=list)  # (old id, new id) across splits


def resplit_articles(
    pool: Sequence[tuple[Split, GoldArticle]],
    dev_sentences: Iterable[GoldSource],
    blind_sentences: Iterable[GoldSource],
) -> Resplit:
    """Place every article of ``pool`` (with its current split) in dev or blind, or drop it."""
    dev_keys, blind_keys = _all_keys(dev_sentences), _all_keys(blind_sentences)
    result = Resplit()
    items = list(pool)
    while True:
        groups = _groups(items)
        drop: set[int] = set()
        for members in groups:
            touched = _all_keys(items[i][1] for i in members)
            if not (touched & dev_keys and touched & blind_keys):
                continue
            to_dev = [i for i in members if keys(items[i][1]) & dev_keys]
            to_blind = [i for i in members if keys(items[i][1]) & blind_keys]
            both = set(to_dev) & set(to_blind)
            drop |= both or set(to_dev if len(to_dev) <= len(to_blind) else to_blind)
        if not drop:
            break
        result.dropped.extend(items[i][1] for i in sorted(drop))
        items = [item for i, item in enumerate(items) if i not in drop]

    placed: dict[int, Split] = {}
    free: list[list[int]] = []
    for members in groups:
        touched = _all_keys(items[i][1] for i in members)
        if touched & dev_keys:
            placed.update(dict.fromkeys(members, "dev"))
        elif touched & blind_keys:
            placed.update(dict.fromkeys(members, "blind"))
        else:
            free.append(members)
    for members in sorted(free, key=len, reverse=True):
        current = {items[i][0] for i in members}
        if len(current) == 1:
            side: Split = current.pop()
        else:
            sizes = {s: sum(1 for v in placed.values() if v == s) for s in ("dev", "blind")}
            side = "blind" if sizes["blind"] <= sizes["dev"] else "dev"
        placed.update(dict.fromkeys(members, side))

    for split in ("dev", "blind"):
        prefix = ARTICLE_ID_PREFIXES[split][0]
        stay = sorted(
            (i for i, s in placed.items() if s == split and items[i][0] == split),
            key=lambda i: items[i][1].id,
        )
        come = [i for i in sorted(placed) if placed[i] == split and items[i][0] != split]
        target = result.dev if split == "dev" else result.blind
        for number, i in enumerate([*stay, *come], start=1):
            article = items[i][1]
            new_id = f"{prefix}{number:03d}"
            if items[i][0] != split:
                result.moved.append((article.id, new_id))
            target.append(article.model_copy(update={"id": new_id}))
    return result
