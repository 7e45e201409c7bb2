"""A synthetic knowledge base of any size, written straight into the store's schema.

Persons with made-up names (twenty given names to each surname), documents of
one-sentence events with their mentions, passages, full-text index and
judgements, so the web benchmarks can measure pages on a large card index
without a build. Its conflicts and cards are then found and stored as a build
stores them, so the pages read what they read on a built knowledge base.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date
from pathlib import Path

from kartoteka import store
from kartoteka.build import store_analysis
from kartoteka.model import stable_id

GIVEN = [
    "Nikolai",
    "Genrikh",
    "Lavrenty",
    "Vsevolod",
    "Abram",
    "Mikhail",
    "Artur",
    "Yakov",
    "Ivan",
    "Pavel",
    "Sergei",
    "Aleksandr",
    "Boris",
    "Grigory",
    "Lev",
    "Fyodor",
    "Dmitri",
    "Semyon",
    "Vasily",
    "Konstantin",
]
STEMS = [
    "Petr",
    "Sokol",
    "Orl",
    "Vorob",
    "Kuzn",
    "Moroz",
    "Lebed",
    "Kozl",
    "Volk",
    "Zaits",
    "Medved",
    "Belk",
    "Gus",
    "Zhuk",
    "Komar",
    "Golub",
    "Grach",
    "Solov",
    "Drozd",
    "Chizh",
    "Kedr",
    "Dub",
    "Lip",
    "Berez",
    "Sosn",
    "Yel",
    "Klen",
    "Yasen",
    "Ryab",
    "Kalin",
    "Malin",
    "Vishn",
    "Grush",
    "Yablon",
    "Slav",
    "Mir",
    "Dobr",
    "Bel",
    "Chern",
    "Sed",
    "Ryzh",
    "Krasn",
    "Zelen",
    "Sin",
    "Zolot",
    "Serebr",
    "Medn",
    "Zhelez",
    "Kamen",
    "Pesk",
]
ENDINGS = ["ov", "ev", "in", "sky", "enko", "ovich", "ik", "yan", "adze", "ner"]
ORGS = [
    ("cheka", "Cheka"),
    ("ogpu", "OGPU"),
    ("nkvd", "NKVD"),
    ("gugb", "GUGB"),
    ("ino", "INO"),
    ("razvedupr", "Razvedupr"),
    ("smersh", "SMERSH"),
    ("mgb", "MGB"),
]
PLACES = ["Moscow", "Leningrad", "Kiev", "Tiflis", "Paris", "Berlin", "Vienna", "Riga"]
EVENTS = [
    ("arrested", "was arrested"),
    ("appointed", "was appointed"),
    ("dismissed", "was dismissed"),
    ("executed", "was shot"),
    ("sentenced", "was sentenced"),
    ("recalled", "was recalled"),
    ("awarded", "was awarded the Order of Lenin"),
    ("joined", "joined the service"),
]
MONTH_NAMES = [date(1937, m, 1).strftime("%B") for m in range(1, 13)]


def person_names(count: int) -> list[str]:
    """`count` distinct full names, twenty given names to each surname."""
    surnames = [stem + ending for ending in ENDINGS for stem in STEMS]
    return [
        f"{GIVEN[i % len(GIVEN)]} {surnames[i // len(GIVEN)]}" for i in range(count)
    ]


def when(rng: random.Random) -> tuple[str | None, str]:
    """A date as EDTF and as words, to the day, month or year, or none."""
    year, month, day = rng.randint(1918, 1953), rng.randint(1, 12), rng.randint(1, 28)
    roll = rng.random()
    if roll < 0.4:
        return (
            f"{year}-{month:02d}-{day:02d}",
            f"On {day} {MONTH_NAMES[month - 1]} {year}",
        )
    if roll < 0.65:
        return f"{year}-{month:02d}", f"In {MONTH_NAMES[month - 1]} {year}"
    if roll < 0.85:
        return str(year), f"In {year}"
    return None, "Later"


class Writer:
    """Rows for one synthetic knowledge base, written through the store's schema."""

    def __init__(self, db: sqlite3.Connection, persons: int) -> None:
        self.db = db
        self.names = person_names(persons)
        self.ids = [
            f"person-{stable_id('synthetic', i, size=10)}" for i in range(persons)
        ]
        self.mentions: list[tuple[object, ...]] = []
        self.events: list[tuple[object, ...]] = []
        self.judgements: list[tuple[object, ...]] = []
        self.first: dict[int, str] = {}

    def mention(self, doc: str, start: int, text: str, kind: str, entity: str) -> str:
        end = start + len(text)
        mention_id = stable_id(doc, start, end, kind)
        self.mentions.append(
            (mention_id, entity, doc, start, end, text, text, kind, "en", "synthetic")
        )
        return mention_id

    def sentence(
        self, rng: random.Random, doc: str, at: int
    ) -> tuple[str, tuple[str | None, str, int, str, str | None, str | None]]:
        """One sentence stating one event, and what the event row needs."""
        who = rng.randrange(len(self.names))
        agent = rng.randrange(len(self.names)) if rng.random() < 0.25 else None
        org = rng.choice(ORGS) if rng.random() < 0.5 else None
        kind, verb = rng.choice(EVENTS)
        date, words = when(rng)
        text = f"{words} "
        person_start = at + len(text)
        mention_id = self.mention(
            doc, person_start, self.names[who], "person", self.ids[who]
        )
        if who in self.first:
            self.judgements.append(
                (self.first[who], mention_id, 1, "machine", "same name")
            )
        else:
            self.first[who] = mention_id
        text += f"{self.names[who]} {verb}"
        agent_id = None
        if agent is not None and agent != who:
            text += " by "
            self.mention(
                doc, at + len(text), self.names[agent], "person", self.ids[agent]
            )
            text += self.names[agent]
            agent_id = self.ids[agent]
        org_id = None
        if org is not None:
            text += " of the "
            self.mention(doc, at + len(text), org[1], "org", org[0])
            text += org[1]
            org_id = org[0]
        text += f" in {rng.choice(PLACES)}."
        return text, (date, kind, person_start, self.ids[who], agent_id, org_id)

    def document(self, rng: random.Random, number: int, events: int) -> None:
        doc = stable_id("synthetic-document", number)
        text, passages, paragraph, paragraph_start = "", [], [], 0
        for index in range(events):
            sentence, (edtf, kind, person_start, who, agent, org) = self.sentence(
                rng, doc, len(text)
            )
            start, end = len(text), len(text) + len(sentence)
            stance = rng.choice(["asserted"] * 6 + ["reported", "disputed"])
            event_id = stable_id(doc, kind, person_start, start, end)
            row = (event_id, doc, kind, who, edtf, start, end, sentence, agent, org)
            self.events.append((*row, None, None, stance))
            text += sentence
            paragraph.append(sentence)
            if len(paragraph) == 10 or index == events - 1:
                passages.append((paragraph_start, len(text), " ".join(paragraph)))
                text += "\n\n"
                paragraph, paragraph_start = [], len(text)
            else:
                text += " "
        self._write_document(doc, number, text, passages)

    def _write_document(
        self, doc: str, number: int, text: str, passages: list[tuple[int, int, str]]
    ) -> None:
        self.db.execute(
            """INSERT INTO documents
               (id, file, title, format, encoding, languages, text)
               VALUES (?, ?, ?, 'text', 'utf-8', '["en"]', ?)""",
            (doc, f"synthetic_{number:04d}.txt", f"Synthetic source {number}", text),
        )
        self.db.executemany(
            """INSERT INTO passages (document, seq, start, end, kind, language)
               VALUES (?, ?, ?, ?, 'body', 'en')""",
            [(doc, i, s, e) for i, (s, e, _) in enumerate(passages)],
        )
        self.db.executemany(
            """INSERT INTO passage_text (clean, document, start, end)
               VALUES (?, ?, ?, ?)""",
            [(clean, doc, s, e) for s, e, clean in passages],
        )

    def finish(self) -> None:
        """Write the entities, their search keys, mentions, events and judgements."""
        rows = [(i, "person", n) for i, n in zip(self.ids, self.names, strict=True)]
        rows += [(key, "org", name) for key, name in ORGS]
        self.db.executemany(
            "INSERT INTO entities (id, type, name) VALUES (?, ?, ?)", rows
        )
        keys = {
            (i, k)
            for i, name in zip(self.ids, self.names, strict=True)
            for k in store.search_keys(name)
        }
        keys |= {(key, k) for key, name in ORGS for k in store.search_keys(name)}
        self.db.executemany(
            "INSERT INTO name_keys (entity, key) VALUES (?, ?)", sorted(keys)
        )
        self.db.executemany(
            """INSERT INTO mentions (id, entity, document, start, end, text, name, type,
               language, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            self.mentions,
        )
        self.db.executemany(
            """INSERT OR IGNORE INTO events (id, document, type, person, date, start,
               end, evidence, agent, org, place, position, stance)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            self.events,
        )
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master")}
        if "judgements" in tables:
            self.db.executemany(
                """INSERT INTO judgements (a, b, same, author, reason, score)
                   VALUES (?, ?, ?, ?, ?, 1.0)""",
                self.judgements,
            )


def synthesize(path: Path, persons: int, events: int, documents: int) -> None:
    """A knowledge base of the given size, written directly into the store's
    schema, with what a build stores of it."""
    rng = random.Random(1937)
    with sqlite3.connect(path) as db:
        db.executescript(store.SCHEMA)
        db.execute(f"PRAGMA user_version = {store.SCHEMA_VERSION}")
        writer = Writer(db, persons)
        for number in range(documents):
            writer.document(rng, number, events // documents)
        writer.finish()
        store_analysis(db)
    db.close()
