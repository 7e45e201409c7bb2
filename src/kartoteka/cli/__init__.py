"""The `kartoteka` command: parse what the user typed, call one library function, print.

`app.py` holds the command group and what the commands share; each other module
adds the commands of one kind of work to it.
"""

from kartoteka.cli import building, cards, curating, outputs, tables
from kartoteka.cli.app import main

__all__ = ["building", "cards", "curating", "main", "outputs", "tables"]
