"""`python -m kartoteka.cli`: the same command as `kartoteka`."""

from kartoteka.cli import main

main()
