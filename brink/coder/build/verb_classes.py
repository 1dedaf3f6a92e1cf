"""Build ``brink/coder/data/verb_classes.yaml`` from WordNet and the reviewed seeds.

    make verb-classes        # = python -m brink.coder.build.verb_classes
    python -m brink.coder.build.verb_classes --check   # exit 1 when the data file is not what the seeds build

Input: ``verb_class_seeds.yaml`` beside this module — per class the seed words (taken from
``data/verbs.yaml``), the WordNet lexicographer files the class may draw from, optionally the exact
senses to expand, and the review: ``excluded`` (WordNet suggestions a news coder must not accept,
with why) and ``additions`` (news-English members WordNet lacks, with why).
Expansion: the synonyms of each seed's senses in those lexicographer files, plus (``troponyms``)
their direct troponyms/hyponyms there. Every suggestion is kept unless excluded; an exclusion that
WordNet no longer suggests is an error, so the review stays current. The output is sorted, so the
same WordNet and seeds always give the same file.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from pathlib import Path
from typing import Any, Literal

import yaml
from nltk.corpus.reader.wordnet import Synset, WordNetCorpusReader
from pydantic import BaseModel, ConfigDict, Field

from brink.coder.build.wordnet import DEBIAN_WORDNET, open_wordnet
from brink.coder.verb_classes import DEFAULT_PATH, VerbClass, VerbClassFile

SEEDS_PATH = Path(__file__).with_name("verb_class_seeds.yaml")
COMMAND = "make verb-classes  (python -m brink.coder.build.verb_classes)"
_PLAIN = re.compile(r"^[a-z][a-z' -]*[a-z]$")


class SeedClass(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    pos: Literal["verb", "noun"]
    lexnames: tuple[str, ...] = Field(min_length=1)
    seeds: tuple[str, ...] = Field(min_length=1, description="Words from verbs.yaml; always members.")
    senses: tuple[str, ...] | None = Field(
        default=None,
        description="Expand only these synsets; [] expands none; absent: every sense of every seed "
        "in lexnames.",
    )
    troponyms: bool = False
    phrases: tuple[str, ...] = ()
    additions: dict[str, str] = Field(default_factory=dict)
    excluded: dict[str, str] = Field(default_factory=dict)


class SeedFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    classes: dict[str, SeedClass]


class BuildError(ValueError):
    """The seeds do not fit WordNet: a seed unknown to it, a stale exclusion, a bad sense name."""


def _words(synset: Synset) -> set[str]:
    """The synset's lemma names in plain lower case ("lash_out" -> "lash out"); proper names skipped."""
    names = {lemma.name().replace("_", " ") for lemma in synset.lemmas()}
    return {name for name in names if _PLAIN.match(name)}


def _known(wn: WordNetCorpusReader, word: str, pos: str) -> bool:
    return bool(wn.synsets(word.replace(" ", "_"), pos=pos[0]))


def expand(wn: WordNetCorpusReader, name: str, seed: SeedClass) -> VerbClass:
    """One class: seeds + reviewed WordNet suggestions, sorted."""
    pos = seed.pos[0]
    unknown = [w for w in seed.seeds if w not in seed.additions and not _known(wn, w, seed.pos)]
    if unknown:
        raise BuildError(
            f"{name}: seeds {unknown} are not WordNet {seed.pos}s; list them in additions with why"
        )
    not_additions = [w for w in seed.additions if _known(wn, w, seed.pos)]
    if not_additions:
        raise BuildError(f"{name}: additions {not_additions} are WordNet {seed.pos}s; make them seeds")
    contradicted = sorted(set(seed.excluded) & (set(seed.seeds) | set(seed.phrases)))
    if contradicted:
        raise BuildError(f"{name}: {contradicted} are both seeds/phrases and excluded")
    if seed.senses is not None:
        synsets = [wn.synset(s) for s in seed.senses]
        outside = [s.name() for s in synsets if s.lexname() not in seed.lexnames]
        if outside:
            raise BuildError(
                f"{name}: senses {outside} are not in the class's lexnames {list(seed.lexnames)}"
            )
    else:
        synsets = [
            s
            for word in seed.seeds
            if word not in seed.additions
            for s in wn.synsets(word.replace(" ", "_"), pos=pos)
            if s.lexname() in seed.lexnames
        ]
    drawn = list(synsets)
    if seed.troponyms:
        drawn += [h for s in synsets for h in s.hyponyms() if h.lexname() in seed.lexnames]
    suggested = set().union(*(_words(s) for s in drawn)) if drawn else set()
    stale = sorted(set(seed.excluded) - suggested)
    if stale:
        raise BuildError(f"{name}: excluded {stale} are no longer WordNet suggestions; drop them")
    members = (suggested | set(seed.seeds) | set(seed.phrases)) - set(seed.excluded)
    lexnames = sorted({s.lexname() for s in drawn} | set(seed.lexnames))
    return VerbClass(
        pos=seed.pos,
        lemmas=tuple(sorted(m for m in members if " " not in m)),
        phrases=tuple(sorted(m for m in members if " " in m)),
        lexnames=tuple(lexnames),
        synsets=tuple(sorted({s.name() for s in drawn})),
        additions=dict(sorted(seed.additions.items())),
        excluded=dict(sorted(seed.excluded.items())),
    )


def build(wn: WordNetCorpusReader, seeds: SeedFile) -> VerbClassFile:
    """Every class, or one BuildError listing every problem found."""
    classes: dict[str, VerbClass] = {}
    problems: list[str] = []
    for name in sorted(seeds.classes):
        try:
            classes[name] = expand(wn, name, seeds.classes[name])
        except (BuildError, ValueError) as exc:
            problems.append(str(exc))
    if problems:
        raise BuildError("\n".join(problems))
    return VerbClassFile(classes=classes)


def debian_version(root: Path = DEBIAN_WORDNET) -> str:
    """The installed ``wordnet-base`` package version, from its changelog ("1:3.0-37")."""
    changelog = Path("/usr/share/doc/wordnet-base/changelog.Debian.gz")
    if not changelog.is_file():
        return "unknown"
    first = gzip.decompress(changelog.read_bytes()).decode("utf-8", "replace").splitlines()[0]
    match = re.search(r"\(([^)]+)\)", first)
    return match.group(1) if match else "unknown"


def render(data: VerbClassFile, wordnet_version: str, package_version: str) -> str:
    header = f"""\
# Verb and noun classes for the coder's dependency patterns ("@attack" in brink/coder/patterns/*.yaml).
# Loader and schema: brink/coder/verb_classes.py. GENERATED - edit the seeds, not this file.
#
# Where it comes from: WordNet {wordnet_version} (Princeton), Debian package wordnet-base {package_version},
# read with NLTK's WordNetCorpusReader from /usr/share/wordnet. The seed words of each class come from
# brink/coder/data/verbs.yaml (its head verbs and nouns, grouped by meaning); the seeds, the
# lexicographer files each class may draw from and the review live in
# brink/coder/build/verb_class_seeds.yaml.
# How it was built: {COMMAND}.
# Each class = its seeds + the synonyms of its WordNet senses (`synsets`, all in the listed lexicographer
# files) + their direct troponyms where the seeds say `troponyms: true`, minus `excluded`.
# Output sorted: the same WordNet and seeds give the same bytes (tests/unit/test_verb_classes.py checks).
# How it was reviewed: every WordNet suggestion was read; those a news coder should not accept
# (other senses, archaic, sport, figurative) are in `excluded` with why; members WordNet lacks
# (news English such as "ceasefire") are in `additions` with why. `lemmas` are spaCy lemma forms.
"""
    lines = [header, "classes:\n"]
    for name, c in data.classes.items():
        lines.append(f"  {name}:\n    pos: {c.pos}\n")
        lists = {"lemmas": c.lemmas, "phrases": c.phrases, "lexnames": c.lexnames, "synsets": c.synsets}
        for key, values in lists.items():
            if values:
                lines.append(_dump({key: list(values)}, flow=True))
        for key, reasons in (("additions", c.additions), ("excluded", c.excluded)):
            if reasons:
                lines.append(_dump({key: dict(reasons)}, flow=False))
    return "".join(lines)


def _dump(value: dict[str, Any], flow: bool) -> str:
    """One key of a class, indented under it: word lists inline, reasons one per line."""
    text = yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=110, default_flow_style=flow)
    if flow:
        text = text.removeprefix("{").rstrip().removesuffix("}") + "\n"
    return "".join(f"    {line}\n" for line in text.splitlines())


class _UniqueKeys(yaml.SafeLoader):
    """YAML that refuses a repeated key (plain YAML keeps the last: a class would silently vanish)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys = [self.construct_object(k, deep=deep) for k, _ in node.value]
        repeated = sorted({str(k) for k in keys if keys.count(k) > 1})
        if repeated:
            raise BuildError(f"line {node.start_mark.line + 1}: repeated keys {repeated}")
        return super().construct_mapping(node, deep=deep)


def load_seeds(seeds_path: Path = SEEDS_PATH) -> SeedFile:
    return SeedFile.model_validate(yaml.load(seeds_path.read_text(encoding="utf-8"), Loader=_UniqueKeys))


def build_text(seeds_path: Path = SEEDS_PATH, root: Path = DEBIAN_WORDNET) -> str:
    seeds = load_seeds(seeds_path)
    with open_wordnet(root) as wn:
        return render(build(wn, seeds), wn.get_version(), debian_version(root))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seeds", type=Path, default=SEEDS_PATH)
    parser.add_argument("--out", type=Path, default=DEFAULT_PATH)
    parser.add_argument(
        "--check", action="store_true", help="only compare with --out; exit 1 when it differs"
    )
    args = parser.parse_args(argv)
    text = build_text(args.seeds)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
        if current != text:
            print(f"{args.out} is not what {args.seeds} builds: run make verb-classes", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(VerbClassFile.model_validate(yaml.safe_load(text)).classes)} classes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
