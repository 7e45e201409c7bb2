"""The review queue in the terminal: the ranked list, or one pair at a time.

Each answer is applied to the knowledge base at once and appended to the
curation file, so the next pair shown is drawn from the changed cards and every
rebuild keeps the answer.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import click

from kartoteka.curate import CurationRefused, record_answer
from kartoteka.curation import Decision, default_path
from kartoteka.resolve.review import Proposal, proposals
from kartoteka.store import connect

ANSWERS = {"y": True, "n": False}


def line(rank: int, proposal: Proposal) -> str:
    """One line naming both cards, the machine's state and the chance they are one."""
    a, b = proposal.a, proposal.b
    state = "joined" if proposal.joined else "apart"
    strongest = proposal.evidence[0].text if proposal.evidence else ""
    return (
        f"{rank:>3}. {proposal.chance:>4.0%} {state:<6} “{a.name}” [{a.card}] "
        f"({a.size}) · “{b.name}” [{b.card}] ({b.size}) — {strongest}"
    )


def details(db: sqlite3.Connection, proposal: Proposal) -> list[str]:
    """The pair as a reviewer reads it: the question, evidence, names and files."""
    lines = [f"{proposal.question}  (chance {proposal.chance:.0%})"]
    for item in proposal.evidence:
        lines.append(f"  {item.side:<8}{item.weight:+.1f}  {item.text}")
    for side in (proposal.a, proposal.b):
        lines.append(f"  “{side.name}” [{side.card}]: {_names(db, side.card)}")
    return lines


def _names(db: sqlite3.Connection, card: str) -> str:
    rows = db.execute(
        """SELECT m.name, d.file, COUNT(*) AS n FROM mentions m
           JOIN documents d ON d.id = m.document WHERE m.entity = ?
           GROUP BY m.name, d.file ORDER BY n DESC LIMIT 4""",
        (card,),
    )
    return "; ".join(f"{r['name']} ({r['file']} ×{r['n']})" for r in rows)


def queue(db_path: Path, decisions: list[Decision]) -> list[Proposal]:
    """The knowledge base's review queue, leaving out what users decided."""
    with closing(connect(db_path)) as db:
        return proposals(db, decisions)


def ask(
    db_path: Path,
    author: str,
    limit: int,
    load: Callable[[], list[Decision]],
) -> tuple[int, int]:
    """Ask about the queue's pairs one at a time; (answered, skipped)."""
    skipped: set[tuple[str, str, str, str]] = set()
    answered = 0
    while answered + len(skipped) < limit:
        waiting = [p for p in queue(db_path, load()) if _key(p) not in skipped]
        if not waiting:
            click.echo("Nothing left to review.")
            break
        proposal = waiting[0]
        with closing(connect(db_path)) as db:
            click.echo("\n".join(details(db, proposal)))
        answer = click.prompt(
            "Same person? [y]es, [n]o, [s]kip, [q]uit",
            type=click.Choice(["y", "n", "s", "q"]),
            show_choices=False,
        )
        if answer == "q":
            break
        if answer == "s":
            skipped.add(_key(proposal))
            continue
        try:
            shown = record_answer(
                db_path, default_path(db_path), proposal, ANSWERS[answer], author
            )
        except CurationRefused as error:
            click.echo(f"Not recorded: {error}")
            skipped.add(_key(proposal))
            continue
        answered += 1
        click.echo(f"Recorded in {default_path(db_path)}; card {shown}.\n")
    return answered, len(skipped)


def _key(proposal: Proposal) -> tuple[str, str, str, str]:
    a, b = proposal.a.ref, proposal.b.ref
    return (a.file, a.name, b.file, b.name)
