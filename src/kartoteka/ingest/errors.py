"""The one exception ingest raises, so callers can report bad files and go on."""

from __future__ import annotations

LEVELS = ("error", "warning")


class IngestError(Exception):
    """A source file that cannot be ingested, with a one-line reason to act on."""

    def __init__(self, file: str, problem: str, level: str = "error") -> None:
        if level not in LEVELS:
            raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
        self.file = file
        self.problem = problem
        self.level = level
        super().__init__(f"{file}: {problem}")

    def __str__(self) -> str:
        return f"{self.file}: {self.problem}"

    def __reduce__(self) -> tuple[type[IngestError], tuple[str, str, str]]:
        """Pickle by fields, so errors survive a trip through a process pool."""
        return (IngestError, (self.file, self.problem, self.level))
