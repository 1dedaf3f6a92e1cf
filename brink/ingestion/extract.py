"""Text out of HTML: trafilatura for article pages, a plain tag-stripper for short fragments."""

from __future__ import annotations

import lxml.html
import trafilatura
from lxml.etree import ParserError


def html_to_text(html: str | bytes, url: str | None = None) -> str:
    """The article text of an HTML page or fragment ("" when there is none).

    trafilatura finds the main content of a full page and drops navigation, comments and
    furniture; it declines short fragments (a feed entry's ``<p>`` or two), which are then
    reduced to their text with the tags removed.
    """
    if not html or not str(html).strip():
        return ""
    extracted = trafilatura.extract(
        html,
        url=url,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        deduplicate=False,
    )
    if extracted:
        return extracted
    return trafilatura.html2txt(html)


def html_title(html: str | bytes) -> str:
    """The document's ``<title>`` ("" when it has none)."""
    try:
        document = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return ""
    title = document.findtext(".//title")
    return " ".join(title.split()) if title else ""
