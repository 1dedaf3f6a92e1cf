"""Builds the coder's hot modules with mypyc (Python → C extension modules); metadata is in pyproject.toml.

    make native                               # in place, for the checkout (what `make install` runs)
    uv pip install --no-build-isolation .     # a wheel with the compiled coder (the Dockerfile)
    BRINK_NATIVE=0 uv pip install .           # pure Python, nothing compiled

``BRINK_NATIVE``: ``1`` (default) compile, falling back to pure Python when that fails (no C compiler,
mypyc error), saying so; ``required`` compile or fail the build (``make native``, the Dockerfile);
``0`` do not compile.

The compiled modules sit next to their ``.py`` sources, with ``native_stamp.json`` (the SHA-256 of every
source they were built from). ``brink.coder`` compares it with the sources when imported and runs pure
Python, saying so, when they differ (see docs/adr/0009-compiled-coder.md). The stamp is deleted before
a build and written only after it succeeded, so a failed build never leaves compiled code that passes
the check.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
# The coder's compiled modules; brink/coder/native.py lists the same (a test checks).
NATIVE_MODULES = ("text", "dates", "cameo", "lexicon", "actors", "engine", "threat", "tone", "api")
NATIVE_SOURCES = [f"brink/coder/{name}.py" for name in NATIVE_MODULES]
STAMP = "brink/coder/native_stamp.json"
GROUP = "brink.coder.compiled"  # the shared library: brink/coder/compiled__mypyc.*.so
MODE = os.environ.get("BRINK_NATIVE", "1")
if MODE not in ("0", "1", "required"):
    sys.exit(f"BRINK_NATIVE={MODE!r}: expected 0, 1 or required")


def sources_digest() -> dict[str, str]:
    return {
        name: hashlib.sha256((ROOT / path).read_bytes()).hexdigest()
        for name, path in zip(NATIVE_MODULES, NATIVE_SOURCES, strict=True)
    }


def _say(message: str) -> None:
    print(f"brink setup.py: {message}", file=sys.stderr, flush=True)


class BuildNative(build_ext):
    """build_ext that removes the old stamp first, writes the new one last, and falls back to pure Python."""

    def run(self) -> None:
        # in place: next to the sources; else in the build tree the wheel is made from (never both: a
        # wheel build must not bless extension modules left in the source tree by an older build)
        target = ROOT / STAMP if self.inplace else Path(self.build_lib) / STAMP
        target.unlink(missing_ok=True)
        if not self.extensions:
            return
        try:
            super().run()
        except Exception as exc:
            if MODE == "required":
                raise
            _say(f"compiling the coder failed ({exc}); installing the pure-Python coder")
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"modules": DIGEST}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        _say(f"compiled coder built ({len(NATIVE_MODULES)} modules); {target} written")


def _extensions() -> list[Any]:
    if MODE == "0":
        _say("BRINK_NATIVE=0: pure-Python coder, nothing compiled")
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        if MODE == "required":
            raise
        _say("mypyc (part of mypy) is not installed: pure-Python coder")
        return []
    try:
        return list(mypycify(NATIVE_SOURCES, group_name=GROUP, opt_level="3"))
    except (Exception, SystemExit) as exc:  # mypyc reports type errors by exiting
        if MODE == "required":
            raise
        _say(f"mypyc could not compile the coder ({exc}); pure-Python coder")
        return []


DIGEST = sources_digest()  # before mypyc reads the sources: an edit during the build makes the stamp stale
setup(ext_modules=_extensions(), cmdclass={"build_ext": BuildNative})
