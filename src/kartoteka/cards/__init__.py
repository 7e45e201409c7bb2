"""The card of one entity: what its page shows, made from the knowledge base.

`card.py` assembles it (statements grouped in `statements.py`, the timeline laid
out in `timeline.py`, the ties to other persons as this card sees them in
`relations.py`); `stored.py` makes every card when the knowledge base is
written and keeps it current through curation, so a page only reads it.
"""
