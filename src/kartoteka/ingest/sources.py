"""Expand the user's file and folder arguments into the source files to ingest."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import IngestError


def discover(sources: list[Path]) -> tuple[list[tuple[Path, str]], list[IngestError]]:
    """List (path, file name) pairs for files and folders, plus errors for bad sources.

    A file argument keeps the name the user gave; a file found in a folder is named
    by its path relative to that folder. Hidden files and folders are skipped, and a
    name seen twice is reported once as a warning, since it would give the same id.
    """
    found: list[tuple[Path, str]] = []
    errors: list[IngestError] = []
    for source in sources:
        if not os.path.lexists(source):
            errors.append(IngestError(str(source), "no such file or directory"))
        elif source.is_dir():
            found.extend(_walk(source, errors))
        else:
            found.append((source, _printable(str(source))))
    return _unique(found, errors), errors


def _walk(root: Path, errors: list[IngestError]) -> list[tuple[Path, str]]:
    """Files under `root`, recursively and sorted, skipping hidden entries and loops."""
    found: list[tuple[Path, str]] = []
    seen: set[tuple[int, int]] = set()
    pending: list[tuple[str, str]] = [(str(root), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as err:
            reason = (err.strerror or "I/O error").lower()
            name = str(root / prefix) if prefix else str(root)
            errors.append(IngestError(name, f"cannot list the folder: {reason}"))
            continue
        subfolders: list[tuple[str, str]] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            name = prefix + _printable(entry.name)
            if _is_dir(entry):
                subfolders.append((entry.path, name + "/"))
            else:
                found.append((Path(entry.path), name))
        pending.extend(reversed(subfolders))
    return sorted(found, key=lambda pair: pair[1])


def _printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (which the OS hands over as
    lone surrogates) are written `\\xe9`, so the name can be stored and shown."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """Whether a folder entry is a directory (following links), never raising."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _unique(
    found: list[tuple[Path, str]], errors: list[IngestError]
) -> list[tuple[Path, str]]:
    """Drop repeated file names, which would collide as document ids."""
    seen: set[str] = set()
    unique: list[tuple[Path, str]] = []
    for path, name in found:
        if name in seen:
            errors.append(
                IngestError(name, "same file name given twice, skipped", "warning")
            )
            continue
        seen.add(name)
        unique.append((path, name))
    return unique
