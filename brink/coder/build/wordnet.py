"""Open the WordNet database of Debian's ``wordnet-base`` package with NLTK's reader.

Debian ships WordNet 3.0's database files in ``/usr/share/wordnet`` but not the small ``lexnames`` table
NLTK's reader wants; that table is printed in the package's own ``lexnames(5WN)`` manual page, so it
is rebuilt from there. NLTK only reads corpora inside its data path (a sandbox that resolves
symlinks), so the files are copied into a private temporary directory first.
"""

from __future__ import annotations

import gzip
import re
import shutil
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nltk.data
from nltk.corpus.reader.wordnet import WordNetCorpusReader

DEBIAN_WORDNET = Path("/usr/share/wordnet")
LEXNAMES_MANPAGE = Path("/usr/share/man/man5/lexnames.5WN.gz")
_FILES = (
    "adj.exc",
    "adv.exc",
    "noun.exc",
    "verb.exc",
    "cntlist.rev",
    "data.adj",
    "data.adv",
    "data.noun",
    "data.verb",
    "index.adj",
    "index.adv",
    "index.noun",
    "index.verb",
)
_CATEGORY = {"noun": 1, "verb": 2, "adj": 3, "adv": 4}
_ROW = re.compile(r"^(\d\d)\t(\S+)\s*\t")


class WordNetMissing(RuntimeError):
    """Debian's WordNet is not installed: ``make wordnet`` (or ``apt-get install wordnet-base``)."""


class _EnglishWordNet(WordNetCorpusReader):
    """WordNet 3.0 on its own: no mapping to NLTK's packaged copy (which is not installed)."""

    def map_wn(self, version: str = "wordnet") -> None:
        return None


def lexnames_table(manpage: Path = LEXNAMES_MANPAGE) -> str:
    """The ``lexnames`` file (number, name, syntactic category) from the ``lexnames(5WN)`` page."""
    rows = []
    for line in gzip.decompress(manpage.read_bytes()).decode("utf-8").splitlines():
        match = _ROW.match(line)
        if match:
            number, name = match.groups()
            rows.append(f"{number}\t{name}\t{_CATEGORY[name.split('.')[0]]}\n")
    if len(rows) != 45:
        raise WordNetMissing(f"{manpage}: expected WordNet 3.0's 45 lexicographer files, found {len(rows)}")
    return "".join(rows)


@contextmanager
def open_wordnet(
    root: Path = DEBIAN_WORDNET, manpage: Path = LEXNAMES_MANPAGE
) -> Iterator[WordNetCorpusReader]:
    """A WordNet reader over Debian's database; the private copy is removed on exit."""
    missing = [name for name in _FILES if not (root / name).is_file()]
    if missing or not manpage.is_file():
        raise WordNetMissing(
            f"WordNet not found in {root} ({', '.join(missing) or manpage}): install Debian's wordnet-base "
            "(make wordnet)"
        )
    with tempfile.TemporaryDirectory(prefix="brink-wordnet-") as tmp:
        copy = Path(tmp)
        for name in _FILES:
            shutil.copyfile(root / name, copy / name)
        (copy / "lexnames").write_text(lexnames_table(manpage))
        nltk.data.path.append(str(copy))
        try:
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message="The multilingual functions are not available")
                yield _EnglishWordNet(str(copy), None)
        finally:
            nltk.data.path.remove(str(copy))
