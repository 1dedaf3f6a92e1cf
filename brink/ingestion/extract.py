"""Text out of HTML: trafilatura for article pages, a plain tag-stripper for short fragments."""

from __future__ import annotations

import html as htmllib

import lxml.html
import trafilatura
from lxml.etree import ParserError

# Elements after which a line break belongs in the text.
_BLOCKS = (
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "section",
    "article",
)


def _as_str(markup: str | bytes) -> str:
    return markup if isinstance(markup, str) else markup.decode("utf-8", errors="replace")


def fragment_text(markup: str | bytes) -> str:
    """The text of an HTML fragment (a feed entry's ``<p>`` or two), one line per block element."""
    source = _as_str(markup)
    if "<" not in source:
        return htmllib.unescape(source)
    try:
        root = lxml.html.fragment_fromstring(source, create_parent="div")
    except (ParserError, ValueError):
        return htmllib.unescape(source)
    for unwanted in root.xpath(".//script|.//style|.//noscript|.//template"):
        unwanted.drop_tree()
    for block in root.iter(*_BLOCKS):
        block.tail = "\n" + (block.tail or "")
    return str(root.text_content())


def html_to_text(markup: str | bytes, url: str | None = None) -> str:
    """The article text of an HTML page or fragment ("" when there is none).

    trafilatura finds the main content of a page and drops navigation, sidebars, comments and
    footers; it declines fragments too short to judge (a feed entry's summary), which are then
    reduced to their text with the tags removed.
    """
    if not markup or not _as_str(markup).strip():
        return ""
    if "<" not in _as_str(markup):
        return htmllib.unescape(_as_str(markup))
    extracted = trafilatura.extract(
        markup,
        url=url,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        deduplicate=False,
    )
    return extracted or fragment_text(markup)


def html_title(markup: str | bytes) -> str:
    """The document's ``<title>`` ("" when it has none)."""
    try:
        document = lxml.html.document_fromstring(markup)
    except (ParserError, ValueError):
        return ""
    title = document.findtext(".//title")
    return " ".join(title.split()) if title else ""
