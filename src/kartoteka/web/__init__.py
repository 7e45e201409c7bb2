"""The web UI: search, index of persons, cards, source reader, network, curation.

`kartoteka serve --db kb.sqlite` runs it on 127.0.0.1; `create_app` gives the
same application to tests and to other ASGI servers.
"""

from kartoteka.web.app import create_app, serve
from kartoteka.web.site import Settings

__all__ = ["Settings", "create_app", "serve"]
