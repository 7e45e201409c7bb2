"""The analysis stage on the real sample corpus: lineage, cohorts, ties, networks.

Hand-made dates (in our own words) check the arithmetic of vague ages; the
sample corpus checks that Riehle's cohort of defectors is found with ages from
the birth statements, that every figure and tie cites statements whose spans
are in the sources, and that a relation stored in the relations table becomes
a tie a path prefers to a co-mention.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from kartoteka.analysis.cohorts import Selection, cohort, precision, years_between
from kartoteka.analysis.cohorts.figures import most_within
from kartoteka.analysis.cohorts.ranks import highest_rank, rank_of
from kartoteka.analysis.lineage import lineage, organization_ids
from kartoteka.analysis.networks import network
from kartoteka.analysis.networks.ties import TieFilter
from kartoteka.analysis.timelines import Entry
from kartoteka.build import Summary
from kartoteka.edtf import bounds
from kartoteka.export import export_dict
from kartoteka.query import Citation, find_entities
from kartoteka.store import connect

DEFECTORS = Selection(("defected",), "1937", "1940")


def dated(date: str, id: str = "") -> Entry:
    """A statement with only a date, as the arithmetic needs it."""
    earliest, latest = bounds(date) or (None, None)
    return Entry(
        id or date, "x", date, earliest, latest, False, "p", "p", None, None, None,
        None, "asserted", None, Citation("f.txt", 0, 1, 1, "x"),
    )  # fmt: skip


@pytest.fixture(scope="module")
def db(corpus_db: tuple[Path, Summary]) -> sqlite3.Connection:
    return connect(corpus_db[0])


def person(db: sqlite3.Connection, name: str) -> str:
    return str(find_entities(db, name, kind="person")[0]["id"])


def test_an_organization_stands_for_its_lineage(db: sqlite3.Connection) -> None:
    nkvd = lineage("nkvd")
    assert {"cheka", "gpu", "ogpu", "nkvd", "gugb", "nkgb", "mgb", "ino"} <= nkvd
    assert "gru" not in nkvd and lineage("gru") >= {"gru"}
    chosen = organization_ids(db, ["nkvd", "Razvedupr"])
    assert nkvd <= chosen and "gru" in chosen
    assert organization_ids(db, ["no such body"]) == frozenset()


def test_ages_from_vague_dates_are_ranges() -> None:
    assert years_between(dated("1899-06-28"), dated("1937")) == (37, 38)
    assert years_between(dated("1900"), dated("1938-06-13")) == (37, 38)
    assert years_between(dated("1900-01-01"), dated("1938-06-13")) == (38, 38)
    assert years_between(dated("1920-11"), dated("1938-06-13")) == (17, 17)
    assert years_between(None, dated("1937")) is None
    assert [precision(d) for d in ("1899-06-28", "1938-06", "1900", "193X", None)] == [
        "day", "month", "year", "range", "none",
    ]  # fmt: skip


def test_most_within_a_window_counts_whole_dates_only() -> None:
    events = [dated(d) for d in ("1937-07", "1937-10", "1938-06-13", "1938", "1940")]
    inside = most_within(events, 1)
    assert [e.date for e in inside] == ["1937-07", "1937-10", "1938-06-13"]
    assert len(most_within(events, 4)) == 5
    assert most_within([dated("1937"), dated("1937-12")], 1) == [
        dated("1937"),
        dated("1937-12"),
    ]


def test_riehle_s_cohort_has_ages_from_the_birth_statements(
    db: sqlite3.Connection,
) -> None:
    found = cohort(db, DEFECTORS)
    rows = {m.name: m for m in found.members}
    assert {"Walter Krivitsky", "Ignaz Reiss"} <= set(rows)
    lyushkov = next(m for m in found.members if "Lyushkov" in m.name)
    assert lyushkov.event.date == "1938-06-13"  # the most precise of his two
    assert any(o.date == "1940" for o in lyushkov.others)
    assert lyushkov.age == (37, 38) and precision(lyushkov.birth.date) == "year"  # type: ignore[union-attr]
    krivitsky = rows["Walter Krivitsky"]
    assert krivitsky.age == (37, 38) and krivitsky.birth.date == "1899-06-28"  # type: ignore[union-attr]
    assert {f.type for f in krivitsky.fates} >= {"suicide", "died"}
    assert all(
        m.event.earliest and "1937" <= m.event.earliest[:4] <= "1940"
        for m in found.members
    )
    figures = {f.label: f for f in found.figures}
    assert figures["persons"].value == str(len(found.members))
    assert "37" in figures["age at the event"].value
    assert "1890s: 1" in figures["births by decade"].value
    cited = found.cited()
    for figure in found.figures:
        assert all(statement in cited for statement in figure.statements)
    assert set(figures["age at the event"].statements) >= {
        krivitsky.event.id,
        krivitsky.birth.id,  # type: ignore[union-attr]
    }


def test_ranks_are_ordered_on_one_scale() -> None:
    def level(text: str) -> int:
        found = rank_of(text)
        assert found is not None, text
        return found.seniority

    assert level("Captain of State Security") == level("Colonel")
    assert level("Major of State Security") == level("Kombrig")
    assert level("Senior Major of State Security") > level("Major General") - 1
    assert level("комиссар госбезопасности 3-го ранга") == level("Komkor")
    assert level("General Commissar of State Security") == level("Marshal")
    assert level("promoted to major") < level("Lieutenant Colonel")
    assert rank_of("General Secretary of the Party") is None  # an office, no rank
    assert rank_of("head of the Foreign Department") is None
    assert highest_rank(["Captain", "Major", "Dr."], []).name == "Major"  # type: ignore[union-attr]
    assert highest_rank(["Professor"], []) is None


def test_the_highest_rank_stated_comes_from_titles_and_awards(
    db: sqlite3.Connection,
) -> None:
    rows = {m.name: m for m in cohort(db, Selection(("awarded", "arrested"))).members}
    yezhov = next(m for name, m in rows.items() if "Yezhov" in name)
    assert yezhov.rank and yezhov.rank.name == "General Commissar of State Security"
    assert yezhov.rank.statement is not None
    assert yezhov.rank.statement.type == "awarded"
    marshal = next(m for name, m in rows.items() if "Tukhachevsky" in name)
    assert marshal.rank and marshal.rank.name == "Marshal"
    assert marshal.rank.statement is None  # only the title before his name


def test_the_json_export_holds_one_cohort_per_event_type(
    db: sqlite3.Connection,
) -> None:
    payload = export_dict(db)
    types = {r[0] for r in db.execute("SELECT DISTINCT type FROM events")}
    listed = payload["cohorts"]
    assert [c["selection"]["events"] for c in listed] == [[t] for t in sorted(types)]
    defected = next(c for c in listed if c["selection"]["events"] == ["defected"])
    assert {p["name"] for p in defected["persons"]} >= {"Walter Krivitsky"}
    for person_row in defected["persons"]:
        assert {"rank", "rank_statement", "post", "fates"} <= set(person_row)
    assert defected["figures"][0]["label"] == "persons"


def test_every_cited_statement_is_at_its_span(db: sqlite3.Connection) -> None:
    found = cohort(db, Selection(("defected",)))
    for entry in found.cited().values():
        row = db.execute(
            """SELECT substr(d.text, ev.start + 1, ev.end - ev.start) = ev.evidence
               FROM events ev JOIN documents d ON d.id = ev.document
               WHERE ev.id = ?""",
            (entry.id,),
        ).fetchone()
        assert row[0] == 1 and entry.document


def test_organizations_and_roles_narrow_the_cohort(db: sqlite3.Connection) -> None:
    everyone = {m.id for m in cohort(db, DEFECTORS).members}
    served = cohort(db, Selection(("defected",), "1937", "1940", ("nkvd", "razvedupr")))
    assert {m.id for m in served.members} <= everyone
    assert any("Lyushkov" in m.name for m in served.members)
    captains = cohort(db, Selection(("defected",), roles=("Captain",))).members
    assert captains and all(
        "Captain" in m.titles or "Captain" in (m.post.position or "")  # type: ignore[union-attr]
        for m in captains
    )
    with pytest.raises(ValueError, match="not a date"):
        cohort(db, Selection(("defected",), "spring"))


def test_agent_ties_are_the_events_with_an_agent(db: sqlite3.Connection) -> None:
    net = network(db, TieFilter())
    agents = [t for t in net.ties if t.kind == "agent"]
    stored = db.execute(
        """SELECT COUNT(*) FROM events ev JOIN entities a ON a.id = ev.agent
           WHERE ev.agent != ev.person AND ev.stance != 'denied'"""
    ).fetchone()[0]
    assert len(agents) == stored > 0
    assert {t.kind for t in net.ties} >= {"agent", "named"}
    for tie in net.ties:
        assert tie.source in net.nodes and tie.target in net.nodes
        for s in tie.statements:
            text = db.execute(
                "SELECT substr(text, ? + 1, ? - ?) FROM documents WHERE id = ?",
                (s.start, s.end, s.start, s.document),
            ).fetchone()[0]
            assert " ".join(text.split())[:40] == s.quote[:40]


def test_ego_paths_and_ranking(db: sqlite3.Connection) -> None:
    net = network(db, TieFilter())
    yezhov = person(db, "Yezhov")
    ranking = net.ranking(5)
    assert ranking[0].node.id == yezhov and ranking[0].betweenness > 0.1
    near, far = net.ego(yezhov, 1), net.ego(yezhov, 2)
    assert 10 < len(near.nodes) < len(far.nodes)
    assert set(near.nodes) <= set(far.nodes) and near.distance[yezhov] == 0
    assert all(
        yezhov in (t.source, t.target) or {t.source, t.target} <= set(near.nodes)
        for t in near.ties
    )
    paths = net.paths(person(db, "Krivitsky"), person(db, "Lyushkov"))
    assert paths
    for path in paths:
        assert path[0].source == person(db, "Krivitsky")
        assert path[-1].target == person(db, "Lyushkov")
        assert all(hop.ties and hop.ties[0].statements for hop in path)


def test_filters_keep_years_types_and_organizations(db: sqlite3.Connection) -> None:
    everything = network(db, TieFilter())
    late = network(db, TieFilter(since=1938, until=1938))
    assert 0 < len(late.ties) < len(everything.ties)
    for tie in late.ties:
        for s in tie.statements:
            first, last = bounds(s.date) or ("", "")
            assert first[:4] <= "1938" <= last[:4]
    stated = network(db, TieFilter(types=frozenset({"appointed", "dismissed"})))
    assert stated.ties and {t.type for t in stated.ties} <= {"appointed", "dismissed"}
    orgs = organization_ids(db, ["nkvd"])
    nkvd = network(db, TieFilter(orgs=orgs))
    assert 0 < len(nkvd.ties) < len(everything.ties)


def test_a_stored_relation_is_a_tie_a_path_prefers(
    corpus_db: tuple[Path, Summary], tmp_path: Path
) -> None:
    """A relation row (as the relation extractor writes them) becomes a one-step tie."""
    path = tmp_path / "kb.sqlite"
    shutil.copy(corpus_db[0], path)
    with sqlite3.connect(path) as raw:
        raw.row_factory = sqlite3.Row
        a = person(raw, "Krivitsky")
        b = person(raw, "Lyushkov")
        ev = raw.execute(
            "SELECT * FROM events WHERE person = ? AND type = 'born'", (a,)
        ).fetchone()
        raw.execute(
            """INSERT INTO relations
               VALUES ('r1', ?, 'recruited', ?, ?, ?, ?, ?, '1936', 'asserted')""",
            (ev["document"], a, b, ev["start"], ev["end"], ev["evidence"]),
        )
    db = connect(path)
    net = network(db, TieFilter())
    relation = [t for t in net.ties if t.kind == "relation"]
    with closing(sqlite3.connect(path)) as raw:
        stored = raw.execute("SELECT COUNT(*) FROM relations").fetchone()[0]
    assert len(relation) == stored and (a, b, "recruited") in {
        (t.source, t.target, t.type) for t in relation
    }
    (only,) = net.paths(a, b)
    assert len(only) == 1 and "relation" in {t.kind for t in only[0].ties}
    recruited = network(db, TieFilter(types=frozenset({"recruited"})))
    assert {t.type for t in recruited.ties} == {"recruited"}
    later = network(db, TieFilter(since=1937, until=1940))
    kept = {(t.source, t.target, t.type) for t in later.ties if t.kind == "relation"}
    assert (a, b, "recruited") not in kept  # dated 1936
    # the extracted ties carry their sentence's or story's date: 1937-1938 ones stay
    assert ("deputy_of" in {t for _, _, t in kept}) and later.ties
