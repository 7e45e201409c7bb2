"""The knowledge base as IPIF (International Prosopography Interchange Format).

IPIF's factoid is one source's statement about one person; kartoteka's
statements are exactly that, each with its file and span. So every event
statement is a factoid holding one statement (both with the event's id), and
every name a source gives a person card is a naming factoid (id `name-` plus
the first mention's id). Persons are person cards, sources are documents.
`select` applies IPIF's filters to the statements; `objects` writes IPIF's
JSON. docs/ipif.md gives the mapping field by field.
"""

from kartoteka.ipif.objects import get_one, listing
from kartoteka.ipif.select import FilterRefused, Filters, Meta

__all__ = ["FilterRefused", "Filters", "Meta", "get_one", "listing"]
