"""Person-name matching against a peer: kartoteka and nomenklatura's logic-v2.

Reads OpenSanctions' labelled name pairs (`../shared/bench/name_bench/`) and
scores, on the same Person pairs in one run:
- kartoteka's matcher called directly (`resolve.matching.names_match`);
- kartoteka the way a user meets it: each name alone in a one-sentence
  document, a pair matching when both names land on one card;
- nomenklatura's `logic-v2` (threshold 0.7), when it is installed
  (`pip install -e '.[bench]'`; it is not a runtime dependency).
Prints precision, recall and F1 of each, and with `--show` the pairs each
kartoteka mode gets wrong.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_PAIRS = HERE.parent.parent / "shared/bench/name_bench/logicv2-frozen.csv"
SENTENCE = "{name} was arrested in Moscow in 1937."
LOGIC_V2_THRESHOLD = 0.7


@dataclass(frozen=True)
class Pair:
    """Two names and whether they are one person (the label)."""

    name1: str
    name2: str
    is_match: bool


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one matcher's verdicts."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_pairs(path: Path, schema: str = "Person") -> list[Pair]:
    """The labelled pairs of one schema from a name_bench CSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Pair(row["name1"], row["name2"], row["is_match"].lower() == "true")
            for row in csv.DictReader(handle)
            if row["schema"] == schema
        ]


def score(pairs: list[Pair], verdicts: list[bool]) -> Score:
    """Counts of right and wrong verdicts against the labels."""
    both = list(zip(pairs, verdicts, strict=True))
    return Score(
        sum(p.is_match and v for p, v in both),
        sum(not p.is_match and v for p, v in both),
        sum(p.is_match and not v for p, v in both),
    )


def direct_verdicts(pairs: list[Pair]) -> list[bool]:
    """kartoteka's name matcher on the two strings."""
    from kartoteka.resolve.matching import names_match

    return [names_match(p.name1, p.name2) for p in pairs]


def _mentions(names: Iterable[str]) -> dict[str, tuple[object, ...]]:
    """Each name extracted from its own one-sentence document."""
    from kartoteka.extract import extract
    from kartoteka.ingest import document_from_text

    found = {}
    for number, name in enumerate(sorted(set(names))):
        text = SENTENCE.format(name=name)
        extraction = extract(document_from_text(text, f"name-{number}.txt"))
        found[name] = extraction.mentions + extraction.links  # type: ignore[operator]
    return found


def pipeline_verdicts(pairs: list[Pair]) -> list[bool]:
    """Whether the two one-sentence documents put their names on one card."""
    from kartoteka.model import Mention, NameLink
    from kartoteka.resolve import resolve

    found = _mentions(name for p in pairs for name in (p.name1, p.name2))
    verdicts = []
    for pair in pairs:
        items = [*found[pair.name1], *found[pair.name2]]
        mentions = [m for m in items if isinstance(m, Mention)]
        links = [link for link in items if isinstance(link, NameLink)]
        cards = resolve(mentions, links).entities
        owner = {m.id: e.id for e in cards for m in e.mentions}
        sides = [
            {owner[m.id] for m in found[name] if _named(m, name)}
            for name in (pair.name1, pair.name2)
        ]
        verdicts.append(bool(sides[0] & sides[1]))
    return verdicts


def _named(item: object, name: str) -> bool:
    """A person mention that lies inside the name (not the place or the date)."""
    from kartoteka.model import Mention

    return (
        isinstance(item, Mention)
        and item.type == "person"
        and item.end <= len(name) + 1
    )


def logic_v2_verdicts(pairs: list[Pair]) -> list[bool] | None:
    """nomenklatura's logic-v2 on name-only entities, or None when not installed."""
    try:
        from followthemoney import ValueEntity, model
        from nomenklatura.matching.logic_v2.model import LogicV2
    except ImportError:
        return None
    config = LogicV2.default_config()
    schema = model.get("Person")
    verdicts = []
    for number, pair in enumerate(pairs):
        left = ValueEntity(schema, {"id": f"a{number}"})
        left.add("name", pair.name1)
        right = ValueEntity(schema, {"id": f"b{number}"})
        right.add("name", pair.name2)
        result = LogicV2.compare(left, right, config)
        verdicts.append(float(result.score) >= LOGIC_V2_THRESHOLD)
    return verdicts


def _show(label: str, pairs: list[Pair], verdicts: list[bool]) -> None:
    for pair, verdict in zip(pairs, verdicts, strict=True):
        if verdict != pair.is_match:
            wrong = "FP" if verdict else "FN"
            print(f"  {label} {wrong}: {pair.name1!r} ~ {pair.name2!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--schema", default="Person")
    parser.add_argument("--show", action="store_true", help="list wrong verdicts")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    pairs = read_pairs(args.pairs, args.schema)
    runs: dict[str, Callable[[list[Pair]], list[bool] | None]] = {
        "kartoteka (matcher)": direct_verdicts,
        "kartoteka (pipeline)": pipeline_verdicts,
        "nomenklatura logic-v2": logic_v2_verdicts,
    }
    results = {}
    for label, run in runs.items():
        verdicts = run(pairs)
        if verdicts is None:
            print(f"{label}: not installed (pip install -e '.[bench]')")
            continue
        results[label] = score(pairs, verdicts)
        if args.show and label.startswith("kartoteka"):
            _show(label.split()[1], pairs, verdicts)
    if args.json:
        print(json.dumps({k: vars(v) | {"f1": v.f1} for k, v in results.items()}))
        return 0
    print(f"{len(pairs)} {args.schema} pairs from {args.pairs}")
    print(f"{'matcher':24} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn")
    for label, result in results.items():
        print(
            f"{label:24} {result.precision:6.3f} {result.recall:6.3f} "
            f"{result.f1:6.3f}   {result.tp}/{result.fp}/{result.fn}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
