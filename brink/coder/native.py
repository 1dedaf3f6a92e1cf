"""Which coder runs: the mypyc-compiled modules when they were built from the sources as they are now,
else the pure-Python sources. Imported by ``brink.coder`` before any other coder module; never compiled.

``setup.py`` (``make native``) compiles ``MODULES`` into C extension modules placed next to their ``.py``
files, and writes ``native_stamp.json``: the SHA-256 of each source it compiled. Python would import an
extension module in preference to its source, so after an edit the compiled code would be stale; here
the stamp is compared with the sources and, when they differ, an import hook makes Python load the
``.py`` files instead, with a warning that says how to rebuild. ``BRINK_CODER`` chooses:

- ``auto`` (default): compiled when fresh, else pure Python with a warning;
- ``compiled``: compiled or fail (``NativeCoderError``) — for images and benchmarks that must not
  silently run pure Python;
- ``pure``: the ``.py`` sources even when compiled modules exist.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

log = logging.getLogger("brink.coder")

PACKAGE = "brink.coder"
PACKAGE_DIR = Path(__file__).resolve().parent
# Keep in step with NATIVE_MODULES in setup.py (a test checks).
MODULES = ("text", "dates", "cameo", "lexicon", "actors", "engine", "threat", "tone", "api")
STAMP_NAME = "native_stamp.json"
MODE_ENV = "BRINK_CODER"
MODES = ("auto", "compiled", "pure")
REBUILD = "run `make native` (or `make install`) to rebuild it"


class NativeCoderError(ImportError):
    """BRINK_CODER=compiled, but the compiled coder is missing or was built from other sources."""


def compiled_files(directory: Path = PACKAGE_DIR) -> dict[str, Path]:
    """The coder modules that have an extension module next to their source."""
    found: dict[str, Path] = {}
    for name in MODULES:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = directory / f"{name}{suffix}"
            if path.exists():
                found[name] = path
                break
    return found


def source_digests(directory: Path = PACKAGE_DIR) -> dict[str, str]:
    """SHA-256 of each compiled module's source, as setup.py writes them into the stamp."""
    return {name: hashlib.sha256((directory / f"{name}.py").read_bytes()).hexdigest() for name in MODULES}


def stale_reason(compiled: dict[str, Path], directory: Path = PACKAGE_DIR) -> str | None:
    """Why the compiled modules cannot be used (None: they match the sources)."""
    missing = [name for name in MODULES if name not in compiled]
    if missing:
        return f"compiled coder is incomplete (no extension module for {', '.join(missing)})"
    try:
        built = json.loads((directory / STAMP_NAME).read_text(encoding="utf-8"))["modules"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return f"compiled coder has no valid build stamp ({STAMP_NAME}): its build did not finish"
    changed = [name for name, digest in source_digests(directory).items() if built.get(name) != digest]
    if changed:
        files = ", ".join(f"{name}.py" for name in changed)
        return f"compiled coder is stale: {files} changed since it was built"
    return None


class _SourceFinder:
    """Meta-path finder that loads the coder's modules from their ``.py`` files, not the extensions."""

    def __init__(self, names: Sequence[str]) -> None:
        self.paths = {f"{PACKAGE}.{name}": PACKAGE_DIR / f"{name}.py" for name in names}

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        source = self.paths.get(fullname)
        if source is None:
            return None
        return importlib.util.spec_from_file_location(fullname, source)


def _use_sources() -> None:
    already = [m for m in MODULES if f"{PACKAGE}.{m}" in sys.modules]
    if already:  # cannot happen through `import brink.coder`; guard against importing this module late
        raise NativeCoderError(f"coder modules {already} were imported before brink.coder.native")
    if not any(isinstance(f, _SourceFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourceFinder(MODULES))


COMPILED = False
RUNNING = "not selected yet"  # select() sets both; brink.coder re-exports them, Coder.load() logs RUNNING


def select() -> tuple[bool, str]:
    """Decide, before any coder module is imported, which coder runs: (compiled?, one-line reason)."""
    global COMPILED, RUNNING
    COMPILED, RUNNING = _select()
    return COMPILED, RUNNING


def _select() -> tuple[bool, str]:
    mode = os.environ.get(MODE_ENV, "auto").strip().lower() or "auto"
    if mode not in MODES:
        raise NativeCoderError(f"{MODE_ENV}={mode!r}: expected one of {', '.join(MODES)}")
    compiled = compiled_files()
    if mode == "pure":
        if compiled:
            _use_sources()
        return False, f"pure Python ({MODE_ENV}=pure)"
    problem = stale_reason(compiled) if compiled else "compiled coder not built"
    if problem is None:
        return True, "compiled (mypyc)"
    if mode == "compiled":
        raise NativeCoderError(f"{MODE_ENV}=compiled but the {problem}: {REBUILD}")
    if compiled:
        _use_sources()
        log.warning("%s: running the pure-Python coder; %s (BRINK_CODER=pure: no warning)", problem, REBUILD)
    return False, f"pure Python ({problem})"
