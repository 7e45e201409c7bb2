"""The export page: every format the CLI writes, as a download from the browser."""

from __future__ import annotations

from fastapi import FastAPI, Request
from starlette.responses import HTMLResponse, Response

from kartoteka.export import FORMATS
from kartoteka.export.download import FILE_NAMES, download
from kartoteka.web.security import COOKIE
from kartoteka.web.site import Site

# What each format is for, in the order the page lists them.
PURPOSES = {
    "csv": "Tables for a spreadsheet or Palladio: persons, names, events, relations, "
    "conflicts, documents; every row with file, span and the full quote.",
    "gexf": "The network of persons and organizations for Gephi, with attributes "
    "to filter on and a citation on every tie.",
    "graphml": "The same network for yEd, Cytoscape, igraph or networkx.",
    "jsonld": "Persons, events and relations as linked data (CIDOC-CRM), each "
    "statement a W3C Web Annotation of its span.",
    "tei": "A TEI P5 stand-off file: listPerson, listOrg, listEvent, listRelation, "
    "pointing at character ranges of the sources.",
    "datasette": "The knowledge base with readable views and a metadata file, "
    "ready for `datasette -i kartoteka.sqlite -m metadata.json`.",
    "json": "The whole knowledge base in kartoteka's own JSON contract.",
}


def add_downloads(app: FastAPI, site: Site) -> None:
    """Register the export page and one download per format."""

    @app.get("/export", response_class=HTMLResponse)
    def exports(request: Request) -> Response:
        listed = [(fmt, FILE_NAMES[fmt], PURPOSES[fmt]) for fmt in PURPOSES]
        return site.render(
            "export.html",
            editing=site.editing(request.cookies.get(COOKIE)),
            formats=listed,
        )

    @app.get("/export/{fmt}")
    def export_file(request: Request, fmt: str) -> Response:
        if fmt not in FORMATS:
            return site.render("missing.html", status=404, what=f"export format {fmt}")
        with site.db() as db:
            found = download(db, fmt, str(request.base_url))
        return Response(
            found.content,
            media_type=found.media_type,
            headers={"content-disposition": f'attachment; filename="{found.name}"'},
        )
