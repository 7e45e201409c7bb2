"""Which reader a document needs, judged by content (the extension only breaks ties)."""

from __future__ import annotations

import re

SAMPLE = 200_000
_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG = re.compile(
    r"</?(?:p|div|br|li|ul|ol|table|tr|td|h[1-6]|span|a|body|section|article|nav"
    r"|header|footer|blockquote|em|strong|b|i)\b[^<>]*>",
    re.IGNORECASE,
)
_MARKDOWN = re.compile(
    r"^#{1,6}[ \t]+\S|\*\*\S|\]\([^)\s]*\)|<sup>|\\[_*\[\]#`]|^>[ \t]|^[-*+][ \t]+\S"
    r"|\[\^[^\]\s]+\]",
    re.MULTILINE | re.IGNORECASE,
)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown")


def detect_format(text: str, suffix: str = "") -> str:
    """Return "html", "markdown" or "text" for a document's text."""
    suffix = suffix.lower()
    if _HTML_START.match(text, 0, 4096):
        return "html"
    sample = text[:SAMPLE]
    tags = _count(_HTML_TAG, sample)
    if (tags >= 5 and tags * 300 >= len(sample)) or (suffix in HTML_SUFFIXES and tags):
        return "html"
    signals = _count(_MARKDOWN, sample)
    if signals >= 3 or (suffix in MARKDOWN_SUFFIXES and signals):
        return "markdown"
    return "text"


def _count(pattern: re.Pattern[str], text: str) -> int:
    """Number of matches of `pattern` in `text`."""
    return sum(1 for _ in pattern.finditer(text))
