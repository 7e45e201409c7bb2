"""The knowledge base handed on: `serve` (the web app), `export`, and `eval`
against a gold annotation."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import click

from kartoteka.cli.app import DB_OPTION, fail, main, open_db
from kartoteka.export import DEFAULT_BASE
from kartoteka.export import FORMATS as EXPORT_FORMATS


@main.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--edit", is_flag=True, help="Allow curation; prints the token that edits need."
)
@click.option("--author", default=None, help="Name recorded with each decision.")
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    help="Another host name the server answers to (repeatable).",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds of work one request may take before it is stopped.",
)
@click.option(
    "--allow-origin",
    "allow_origins",
    multiple=True,
    help="Another web page origin that may read /reconcile and /ipif "
    "(repeatable; OpenRefine's local addresses always may).",
)
def serve(
    db_path: Path,
    host: str,
    port: int,
    edit: bool,
    author: str | None,
    allow_hosts: tuple[str, ...],
    time_limit: float,
    allow_origins: tuple[str, ...],
) -> None:
    """Serve the card index as a web application on this computer (Ctrl-C stops it)."""
    from kartoteka.web import Settings
    from kartoteka.web import serve as run_server
    from kartoteka.web.security import new_token

    with open_db(db_path):
        pass
    token = new_token() if edit else None
    settings = Settings(
        db_path,
        edit=edit,
        token=token,
        host=host,
        port=port,
        time_limit=time_limit,
        allowed_hosts=allow_hosts,
        api_origins=(*Settings.api_origins, *allow_origins),
    )
    if author:
        settings = replace(settings, author=author)
    url = f"http://{host}:{port}"
    click.echo(f"Serving {db_path} at {url}  (Ctrl-C stops it)")
    if token:
        click.echo(f"Editing is on; decisions go to {settings.curation_file}")
        click.echo(f"Edit token: {token}")
        click.echo(f"Log in to edit: {url}/login?token={token}")
    sys.stdout.flush()
    run_server(settings)


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default="json",
    show_default=True,
    help="json, csv (a folder, or a zip: -o x.zip), gexf, graphml, jsonld, tei, "
    "datasette (a folder). Each is described in docs/.",
)
@DB_OPTION
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True,
    help="The file (or folder) to write.",
)  # fmt: skip
@click.option(
    "--base",
    default=DEFAULT_BASE,
    show_default=True,
    help="Address the IRIs of jsonld and tei start with (where the cards are served).",
)
def export(fmt: str, db_path: Path, output: Path, base: str) -> None:
    """Export the knowledge base for other tools (docs/export*.md describe each)."""
    from kartoteka.export import write_export

    with open_db(db_path) as db:
        try:
            write_export(db, fmt, output, base)
        except (ValueError, OSError) as error:
            fail(str(error))
    click.echo(f"Wrote {output}")


@main.command(name="eval")
@click.option(
    "--gold",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder with entities.yaml, events.yaml, conflicts.yaml.",
)
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--verbose", is_flag=True, help="Also list wrong and missed names.")
def evaluate(gold: Path, db_path: Path, as_json: bool, verbose: bool) -> None:
    """Score the knowledge base against hand-made gold annotations."""
    from kartoteka import evaluate as scoring
    from kartoteka.export import export_dict

    try:
        reference = scoring.load_gold(gold)
    except ValueError as error:
        fail(str(error))
    with open_db(db_path) as db:
        payload = export_dict(db)
        texts = {
            r["file"]: r["text"] for r in db.execute("SELECT file, text FROM documents")
        }
    report = scoring.evaluate(payload, reference, texts)
    if as_json:
        click.echo(json.dumps(scoring.report_as_dict(report), indent=1))
    else:
        click.echo(scoring.format_report(report, verbose=verbose))
