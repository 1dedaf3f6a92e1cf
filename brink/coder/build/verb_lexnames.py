"""Builds ``brink/coder/data/verb_lexnames.tsv``: each WordNet verb's lexicographer file, for the classifier.

    .venv/bin/python -m brink.coder.build.verb_lexnames           # writes the data file
    .venv/bin/python -m brink.coder.build.verb_lexnames --check   # exit 1 when the file differs

The sentence classifier (``classify.parse_features``) reads a verb's WordNet lexicographer file
(``verb.contact``, ``verb.communication``, ``verb.competition`` …) as a feature: fifteen coarse classes that
generalise over verbs the dev sentences never use, where ``verb_classes.yaml`` covers only the patterns'
verbs. The lexicographer file of a lemma's first sense (WordNet orders senses by tagged frequency) stands
for it. The coder reads the TSV, never WordNet, at run time. A build tool, not run time.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from nltk.corpus.reader.wordnet import WordNetCorpusReader

from brink.coder.build.verb_classes import debian_version
from brink.coder.build.wordnet import open_wordnet

OUT: Final = Path(__file__).resolve().parents[1] / "data" / "verb_lexnames.tsv"
COMMAND: Final = "python -m brink.coder.build.verb_lexnames"


def first_sense_lexnames(wn: WordNetCorpusReader) -> dict[str, str]:
    """Single-word verb lemma -> the lexicographer file of its first (most frequent) verb sense."""
    out: dict[str, str] = {}
    for lemma in sorted(wn.all_lemma_names(pos="v")):
        if "_" in lemma or "-" in lemma or not lemma.isalpha():
            continue
        senses = wn.synsets(lemma, pos="v")
        if senses:
            out[lemma] = senses[0].lexname()
    return out


def render(lexnames: dict[str, str], wordnet_version: str, package_version: str) -> str:
    header = (
        "# Each WordNet verb's lexicographer file (its first, most frequent sense), for the sentence\n"
        "# classifier's parse features (brink/coder/classify.py: W=verb.contact). GENERATED - do not edit.\n"
        f"# Where it comes from: WordNet {wordnet_version} (Princeton), Debian package wordnet-base "
        f"{package_version},\n# read with NLTK's WordNetCorpusReader from /usr/share/wordnet. "
        f"How it was built: {COMMAND}.\n"
        "# Single-word lemmas only (WordNet's base forms, which spaCy's lemmas mostly are); sorted.\n"
    )
    return header + "".join(f"{lemma}\t{name}\n" for lemma, name in sorted(lexnames.items()))


def build_text() -> str:
    with open_wordnet() as wn:
        return render(first_sense_lexnames(wn), wn.get_version(), debian_version())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--check", action="store_true", help="only compare with --out; exit 1 when it differs"
    )
    args = parser.parse_args(argv)
    text = build_text()
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'up to date' if same else 'differs from what WordNet builds'}")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
