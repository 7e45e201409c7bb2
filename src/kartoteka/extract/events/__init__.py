"""Events: what the sources state happened to a person, read by exact rules.

Entry: `document_events(document, analyses, mentions, sentences)`, sentence by
sentence (`kartoteka.extract.events.sentences` reads them, frames, lists, posts and
turns state events, `merge` joins restatements). The learned scorer
(`kartoteka.extract.scorer`) adds what these rules miss; `with_readable_date`
is the last check every event passes.
"""

from __future__ import annotations

from kartoteka.extract.events.document import document_events, with_readable_date

__all__ = ["document_events", "with_readable_date"]
