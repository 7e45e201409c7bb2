"""Loading the hand-made gold annotations (entities, events, conflicts) with checks."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from kartoteka.edtf import parse_edtf

ENTITY_TYPES = ("person", "org")
EVENT_TYPES = (
    "born", "died", "executed", "killed", "suicide", "arrested", "sentenced",
    "released", "appointed", "dismissed", "awarded", "joined", "expelled",
    "defected", "recalled", "returned", "married",
)  # fmt: skip

Item = tuple[str, str]  # (document base name, form)


def normalise_form(text: str) -> str:
    """A name with whitespace runs collapsed, so line breaks inside it do not count."""
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class GoldEntity:
    """A person or organization with the forms naming it in each document."""

    id: str
    type: str
    name: str
    role: str | None
    forms: Mapping[str, tuple[str, ...]]
    cyrillic: str | None = None


@dataclass(frozen=True)
class GoldEvent:
    """An event a document states about a person, with its evidence sentence."""

    doc: str
    type: str
    person: str
    date: str | None
    evidence: str
    agent: str | None = None
    org: str | None = None
    place: str | None = None
    position: str | None = None


@dataclass(frozen=True)
class GoldClaim:
    """One side of a conflict; `doc` is None for claims from reference works."""

    doc: str | None
    value: str
    evidence: str | None


@dataclass(frozen=True)
class GoldConflict:
    """Statements that disagree about one entity (or about nothing named)."""

    id: str
    about: str | None
    question: str
    claims: tuple[GoldClaim, ...]


@dataclass(frozen=True)
class Gold:
    """The whole yardstick: entities, events and conflicts."""

    entities: tuple[GoldEntity, ...]
    events: tuple[GoldEvent, ...]
    conflicts: tuple[GoldConflict, ...]

    def documents(self) -> frozenset[str]:
        """Every document base name the gold annotates."""
        docs = {doc for entity in self.entities for doc in entity.forms}
        docs.update(event.doc for event in self.events)
        docs.update(c.doc for k in self.conflicts for c in k.claims if c.doc)
        return frozenset(docs)

    def owners(self, type_: str | None = None) -> dict[Item, frozenset[str]]:
        """Gold entity ids naming each (document, form), for one type or all."""
        found: dict[Item, set[str]] = {}
        for entity in self.entities:
            if type_ is None or entity.type == type_:
                for doc, forms in entity.forms.items():
                    for form in forms:
                        found.setdefault((doc, normalise_form(form)), set()).add(
                            entity.id
                        )
        return {item: frozenset(ids) for item, ids in found.items()}


class _Fields:
    """Typed access to one YAML item that reports the file and item on failure."""

    def __init__(self, path: Path, index: int, raw: object) -> None:
        if not isinstance(raw, dict):
            raise ValueError(f"{path}: item {index} is not a mapping")
        self.path, self.raw = path, raw
        self.where = f"{path}: item {index} ({raw.get('id', 'no id')})"

    def fail(self, problem: str) -> ValueError:
        """An error naming the file, the item and the problem."""
        return ValueError(f"{self.where}: {problem}")

    def text(self, key: str) -> str:
        """A required non-empty string field."""
        value = self.optional(key)
        if value is None:
            raise self.fail(f"field {key!r} is missing or empty")
        return value

    def optional(self, key: str) -> str | None:
        """An optional string field; numbers and YAML dates become their text."""
        value = self.raw.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return str(value)
        raise self.fail(f"field {key!r} must be a string, got {value!r}")

    def choice(self, key: str, allowed: tuple[str, ...]) -> str:
        """A required field whose value is one of a fixed set."""
        value = self.text(key)
        if value not in allowed:
            raise self.fail(f"field {key!r} must be one of {allowed}, got {value!r}")
        return value

    def reference(self, key: str, known: Mapping[str, str]) -> str | None:
        """An optional field naming a gold entity id."""
        value = self.optional(key)
        if value is not None and value not in known:
            raise self.fail(f"field {key!r} names unknown entity {value!r}")
        return value


def _read_list(folder: Path, name: str) -> list[object]:
    """The top-level list of one gold YAML file."""
    path = folder / name
    if not path.is_file():
        raise ValueError(f"{path}: gold file is missing")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of items, got {type(data).__name__}")
    return data


def _entity(fields: _Fields) -> GoldEntity:
    """One entity item, with its forms checked."""
    raw_forms: Any = fields.raw.get("forms") or {}
    if not isinstance(raw_forms, dict):
        raise fields.fail("field 'forms' must map document names to lists of forms")
    forms: dict[str, tuple[str, ...]] = {}
    for doc, names in raw_forms.items():
        if not isinstance(names, list) or not all(
            isinstance(n, str) and n.strip() for n in names
        ):
            raise fields.fail(f"forms of {doc!r} must be a list of non-empty strings")
        forms[str(doc)] = tuple(names)
    return GoldEntity(
        id=fields.text("id"),
        type=fields.choice("type", ENTITY_TYPES),
        name=fields.text("name"),
        role=fields.optional("role"),
        forms=forms,
        cyrillic=fields.optional("cyrillic"),
    )


def _event(fields: _Fields, known: Mapping[str, str]) -> GoldEvent:
    """One event item, with its date and entity references checked."""
    when = fields.optional("date")
    if when is not None:
        try:
            parse_edtf(when)
        except ValueError as exc:
            raise fields.fail(f"bad date: {exc}") from exc
    person = fields.reference("person", known)
    if person is None:
        raise fields.fail("field 'person' is missing or empty")
    return GoldEvent(
        doc=fields.text("doc"),
        type=fields.choice("type", EVENT_TYPES),
        person=person,
        date=when,
        evidence=fields.text("evidence"),
        agent=fields.reference("agent", known),
        org=fields.reference("org", known),
        place=fields.optional("place"),
        position=fields.optional("position"),
    )


def _conflict(fields: _Fields, known: Mapping[str, str]) -> GoldConflict:
    """One conflict item; a claim with a document must quote its evidence."""
    raw_claims = fields.raw.get("claims")
    if not isinstance(raw_claims, list) or not raw_claims:
        raise fields.fail("field 'claims' must be a non-empty list")
    claims = []
    for index, raw in enumerate(raw_claims):
        claim = _Fields(fields.path, index, raw)
        claim.where = f"{fields.where}: claim {index}"
        doc, evidence = claim.optional("doc"), claim.optional("evidence")
        if doc is not None and evidence is None:
            raise claim.fail("a claim with a doc needs its evidence")
        claims.append(GoldClaim(doc, claim.optional("value") or "", evidence))
    return GoldConflict(
        id=fields.text("id"),
        about=fields.reference("about", known),
        question=fields.optional("question") or "",
        claims=tuple(claims),
    )


def load_gold(folder: Path) -> Gold:
    """Read and check entities.yaml, events.yaml and conflicts.yaml from a folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"{folder}: gold folder does not exist")
    path = folder / "entities.yaml"
    entities = [
        _entity(_Fields(path, i, raw))
        for i, raw in enumerate(_read_list(folder, "entities.yaml"))
    ]
    known: dict[str, str] = {}
    for index, entity in enumerate(entities):
        if entity.id in known:
            raise ValueError(f"{path}: item {index}: duplicate id {entity.id!r}")
        known[entity.id] = entity.type
    path = folder / "events.yaml"
    events = [
        _event(_Fields(path, i, raw), known)
        for i, raw in enumerate(_read_list(folder, "events.yaml"))
    ]
    path = folder / "conflicts.yaml"
    conflicts = [
        _conflict(_Fields(path, i, raw), known)
        for i, raw in enumerate(_read_list(folder, "conflicts.yaml"))
    ]
    return Gold(tuple(entities), tuple(events), tuple(conflicts))
