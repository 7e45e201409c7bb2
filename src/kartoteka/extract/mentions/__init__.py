"""Mentions: every person, organization, place and date a document names, at its span.

Entry: `read_mentions(document, analyses)`, the mentions and the links a source
states between names ("real name", "alias"). The models' entities are checked
against name shapes, gazetteers and the document's own votes
(`kartoteka.extract.mentions.document`), then alias phrasings add the names they
introduce (`kartoteka.extract.mentions.aliases`).
"""

from __future__ import annotations

from collections.abc import Sequence

from kartoteka.extract.mentions.aliases import document_links
from kartoteka.extract.mentions.document import document_mentions
from kartoteka.extract.nlp.models import Analysis
from kartoteka.model import Document, Mention, NameLink

__all__ = ["read_mentions"]


def read_mentions(
    document: Document, analyses: Sequence[Analysis]
) -> tuple[list[Mention], list[NameLink]]:
    """The document's mentions, alias names included, and its name links."""
    mentions = document_mentions(document, analyses)
    added, links = document_links(document, list(analyses), mentions)
    return _with_aliases(mentions, added), links


def _with_aliases(mentions: list[Mention], added: list[Mention]) -> list[Mention]:
    """Alias names win over any other reading of the same words."""
    if not added:
        return mentions
    kept = [
        m
        for m in mentions
        if not any(a.start < m.end and m.start < a.end for a in added)
    ]
    return sorted(kept + added, key=lambda m: (m.start, m.end))
