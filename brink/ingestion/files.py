"""Articles from files: JSONL (one Article or ArticleSubmission per line), .txt and .html files.

- ``*.jsonl``: each non-blank line is a JSON record (see ``submissions.submission_from_record``).
- ``*.txt``: the first non-blank line is the title, the rest the text.
- ``*.html`` / ``*.htm``: the title is the document's ``<title>``, the text what trafilatura
  extracts as the article.
A directory contributes every such file below it, in sorted order (hidden files are skipped).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from brink.ingestion.extract import html_title, html_to_text
from brink.ingestion.submissions import BOM, submission_from_record
from schemas.article import ArticleSubmission

SUFFIXES = (".jsonl", ".txt", ".html", ".htm")


@dataclass(frozen=True)
class FileItem:
    """One article found in a file, or why that part of the file is not one."""

    where: str  # "samples/articles.jsonl:3", "notes/a.txt"
    submission: ArticleSubmission | None
    error: str | None = None


def article_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and p.suffix.lower() in SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
    if path.is_file():
        return [path]
    raise FileNotFoundError(f"{path} does not exist: give a .jsonl file or a directory of .txt/.html files")


def count_items(files: list[Path]) -> int:
    """How many items ``read_items`` will yield (for a progress bar's total)."""
    total = 0
    for file in files:
        if file.suffix.lower() == ".jsonl":
            with file.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


def _jsonl_items(file: Path) -> Iterator[FileItem]:
    with file.open(encoding="utf-8", errors="replace") as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.lstrip(BOM)  # each file joined into this one may start with its own BOM
            if not line.strip():
                continue
            where = f"{file}:{number}"
            try:
                yield FileItem(where, submission_from_record(json.loads(line)))
            except json.JSONDecodeError as exc:
                yield FileItem(where, None, f"not JSON: {exc}")
            except ValidationError as exc:
                first = exc.errors(include_url=False)[0]
                field = ".".join(str(p) for p in first["loc"]) or "(record)"
                yield FileItem(where, None, f"{field}: {first['msg']}")


def _text_item(file: Path) -> FileItem:
    content = file.read_text(encoding="utf-8-sig", errors="replace").strip()
    title, _, text = content.partition("\n")
    if not text.strip():
        return FileItem(str(file), None, "text: the file has a title line but no text after it")
    return FileItem(str(file), ArticleSubmission(title=title.strip()[:2000], text=text))


def _html_item(file: Path) -> FileItem:
    html = file.read_bytes()
    text = html_to_text(html)
    if not text.strip():
        return FileItem(str(file), None, "text: no article text found in the HTML")
    return FileItem(str(file), ArticleSubmission(title=html_title(html)[:2000], text=text))


def read_items(files: list[Path]) -> Iterator[FileItem]:
    for file in files:
        suffix = file.suffix.lower()
        if suffix == ".jsonl":
            yield from _jsonl_items(file)
        elif suffix == ".txt":
            yield _text_item(file)
        elif suffix in (".html", ".htm"):
            yield _html_item(file)
        else:
            yield FileItem(str(file), None, f"unsupported file type {suffix!r}: use .jsonl, .txt or .html")
