"""Train the event scorer and report cross-validated figures: `make train`.

Every annotated document (sample corpus, dev corpus and, with --own, the
project's own training corpus in training/) is read by the rules and turned into
labelled candidates. The sample and dev documents are split into k folds with a
seeded shuffle; each fold is scored by a model trained without it (and with every
training-corpus document, which is never scored), and the rules' events plus the
scorer's are matched against the gold, strict and lenient, per corpus and event
type, beside the rules alone and beside a perfect scorer (the most any model over
these candidates could add). Then the model is trained on every document and
written to the package, where the build reads it.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kartoteka.evaluate import EventReport, Gold, evaluate, load_gold
from kartoteka.extract.scorer import MODEL_FILE, completed
from kartoteka.extract.scorer.corpus import Annotated, Read, annotate, load_corpora
from kartoteka.extract.scorer.model import Model, fit
from kartoteka.extract.scorer.units import is_subject, subject_word
from kartoteka.model import Event

HERE = Path(__file__).parent
OWN = HERE.parents[3] / "training"  # the repo's own annotated documents
THRESHOLD = 0.9  # the highest recall that leaves the sample corpus's precision intact
TRAIN_ONLY = "own"  # the corpus that trains every fold and is never scored
Weights = dict[str, dict[str, float]]  # a fold model's weights by scored document


def _folds(docs: Sequence[Annotated], k: int, seed: int) -> list[list[Annotated]]:
    order = sorted(docs, key=lambda d: (d.read.corpus, d.name))
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def without(features: Sequence[str], groups: Sequence[str]) -> list[str]:
    """The features outside the named groups (the name before "="): an ablation."""
    return [f for f in features if f.partition("=")[0] not in groups]


def _ablated(doc: Annotated, groups: Sequence[str]) -> Annotated:
    if not groups:
        return doc
    candidates = tuple((c, without(f, groups)) for c, f in doc.candidates)
    return Annotated(doc.read, candidates, doc.labels)


def _train(docs: Sequence[Annotated]) -> dict[str, float]:
    rows = [f for d in docs for _, f in d.candidates]
    labels = [y for d in docs for y in d.labels]
    return fit(rows, labels)


def _events(doc: Annotated, model: Model) -> list[Event]:
    """The events the build would give a document with this model."""
    scored = [(c, model.score(f)) for c, f in doc.candidates]
    read = doc.read
    subject = subject_word(read.mentions, read.document.text)
    return completed(read.document, read.rules, scored, model.threshold, subject)


def _ceiling(doc: Annotated) -> list[Event]:
    """The events a perfect scorer would give: each candidate scored by its gold
    label. What is missing then is missing from the candidates or the rules."""
    scored = [
        (c, float(y)) for (c, _), y in zip(doc.candidates, doc.labels, strict=True)
    ]
    read = doc.read
    subject = subject_word(read.mentions, read.document.text)
    return completed(read.document, read.rules, scored, 0.5, subject)


def _export(docs: Sequence[Read], events: dict[str, list[Event]]) -> dict[str, Any]:
    """A knowledge-base export with one card per subject and per other name."""
    entities: dict[str, dict[str, Any]] = {}
    subjects = {d.name: subject_word(d.mentions, d.document.text) for d in docs}

    def card(doc: Read, mention: Any) -> str:
        subject = subjects[doc.name]
        key = "subject" if is_subject(mention, subject) else mention.name.lower()
        return f"{doc.name}#{key}"

    for doc in docs:
        for m in (m for m in doc.mentions if m.type == "person"):
            entity = entities.setdefault(
                card(doc, m), {"id": card(doc, m), "type": "person", "mentions": []}
            )
            entity["mentions"].append(
                {"file": doc.name, "start": m.start, "end": m.end, "text": m.text}
            )
    rows = [
        {
            "id": f"{doc.name}#{i}",
            "file": doc.name,
            "type": e.type,
            "person": card(doc, e.person),
            "date": e.date,
            "stance": e.stance,
            "start": e.start,
            "end": e.end,
        }
        for doc in docs
        for i, e in enumerate(events[doc.name])
    ]
    documents = [{"file": d.name} for d in docs]
    return {"documents": documents, "entities": list(entities.values()), "events": rows}


def _report(
    docs: Sequence[Read], events: dict[str, list[Event]], gold: Gold
) -> tuple[EventReport, EventReport]:
    texts = {d.name: d.document.text for d in docs}
    report = evaluate(_export(docs, events), gold, texts)
    return report.events, report.strict_events


def _row(name: str, before: Any, after: Any) -> str:
    return (
        f"  {name:<11}{before.precision:6.3f} {before.recall:6.3f} {before.f1:6.3f}"
        f"  -> {after.precision:6.3f} {after.recall:6.3f} {after.f1:6.3f}"
        f"  {after.true_positives}/{after.predicted}/{after.expected}"
    )


def _print(
    corpus: str,
    before: tuple[EventReport, EventReport],
    after: tuple[EventReport, EventReport],
) -> None:
    for label, b, a in (
        ("lenient", before[0], after[0]),
        ("strict", before[1], after[1]),
    ):
        print(f"\n{corpus} events, {label}: rules alone P R F1 -> rules + scorer")
        print(_row("all", b.overall, a.overall))
        for t in sorted(a.per_type):
            print(_row(t, b.per_type.get(t, a.per_type[t]), a.per_type[t]))
        exact = f"{b.exact_date_share:.3f} -> {a.exact_date_share:.3f}"
        print(f"  exact dates among matched: {exact}")


def _print_sweep(
    corpus: str,
    part: Sequence[Read],
    held: dict[float, dict[str, list[Event]]],
    ceiling: dict[str, list[Event]],
    gold: Gold,
) -> None:
    """Strict figures by threshold, and what a perfect scorer would reach."""
    print(f"  {corpus} strict P R F1 by threshold:")
    for t, events in sorted(held.items()):
        s = _report(part, events, gold)[1].overall
        print(f"    {t:.2f}  {s.precision:.3f} {s.recall:.3f} {s.f1:.3f}")
    best = _report(part, ceiling, gold)[1].overall
    print(f"  {corpus} strict P R F1 with a perfect scorer (the ceiling):")
    print(f"    {best.precision:.3f} {best.recall:.3f} {best.f1:.3f}")


def _dump(path: Path, docs: Sequence[Annotated], weights: Weights) -> None:
    """Every scored candidate as a JSON line: its cross-validated score beside its
    gold label, type, cue, date, person, sentence and features, so the right
    candidates scored low can be read beside the wrong ones scored high."""
    with path.open("w", encoding="utf-8") as out:
        for doc in docs:
            model = Model(weights[doc.name], THRESHOLD)
            text = doc.read.document.text
            for (c, features), label in zip(doc.candidates, doc.labels, strict=True):
                row = {
                    "doc": doc.name,
                    "corpus": doc.read.corpus,
                    "score": round(model.score(features), 4),
                    "label": label,
                    "type": c.type,
                    "cue": c.cue,
                    "value": c.value,
                    "part": c.part,
                    "date": c.date.text if c.date else None,
                    "subject": c.subject,
                    "person": c.person.text,
                    "sentence": [c.unit.start, c.unit.end],
                    "text": text[c.unit.start : c.unit.end],
                    "features": features,
                }
                out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _options(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m kartoteka.extract.scorer.train")
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--cache", type=Path, help="pickle of the rules' reading")
    parser.add_argument("--out", type=Path, default=HERE / MODEL_FILE)
    parser.add_argument(
        "--dump",
        type=Path,
        metavar="JSONL",
        help="write every scored candidate with its cross-validated score",
    )
    parser.add_argument(
        "--drop",
        action="append",
        default=[],
        metavar="GROUP",
        help="leave out a feature group (e.g. prev, type_governor); repeatable",
    )
    parser.add_argument(
        "--own",
        type=Path,
        nargs="?",
        const=OWN,
        help="add a training-only corpus (corpus/, gold/; default: training/)",
    )
    return parser.parse_args(argv)


def _corpora(args: argparse.Namespace) -> dict[str, tuple[Path, Path]]:
    """The annotated corpora by name: the scored ones, then the training-only one."""
    corpora = {
        "sample": (args.shared / "corpus", args.shared / "gold"),
        "dev": (args.shared / "dev" / "corpus", args.shared / "dev" / "gold"),
    }
    if args.own is None:
        return corpora
    if not (args.own / "gold").is_dir():
        print(f"{args.own}: no training corpus there, trained without it")
        return corpora
    return {**corpora, TRAIN_ONLY: (args.own / "corpus", args.own / "gold")}


def _read(
    args: argparse.Namespace, corpora: dict[str, tuple[Path, Path]]
) -> list[Read]:
    """The rules' reading of every gold document, from the cache when given; a
    corpus the cache does not hold is read and added to it."""
    cached: list[Read] = []
    if args.cache and args.cache.is_file():
        cached = pickle.loads(args.cache.read_bytes())
    held = {r.corpus for r in cached}
    missing = {c: paths for c, paths in corpora.items() if c not in held}
    reads = [r for r in cached if r.corpus in corpora] + load_corpora(missing)
    if args.cache and missing:
        args.cache.write_bytes(pickle.dumps(reads))
    return reads


def _fold_models(docs: Sequence[Annotated], folds: int, seed: int) -> Weights:
    """For each scored document, the weights of a model trained without its fold
    (and with every training-only document)."""
    scored = [d for d in docs if d.read.corpus != TRAIN_ONLY]
    weights: Weights = {}
    for fold in _folds(scored, folds, seed):
        names = {d.name for d in fold}
        trained = _train([d for d in docs if d.name not in names])
        weights.update((name, trained) for name in names)
    return weights


def main(argv: Sequence[str] | None = None) -> None:
    """Cross-validate, print the figures, write the model trained on everything."""
    args = _options(argv)
    corpora = _corpora(args)
    reads = _read(args, corpora)
    golds = {c: load_gold(g) for c, (_, g) in corpora.items()}
    docs = [_ablated(annotate(r, golds[r.corpus]), args.drop) for r in reads]
    weights = _fold_models(docs, args.folds, args.seed)
    scored = [d for d in docs if d.name in weights]
    sweep = sorted({0.5, 0.6, 0.7, 0.8, 0.9, args.threshold})
    held = {
        t: {d.name: _events(d, Model(weights[d.name], t)) for d in scored}
        for t in sweep
    }
    print(
        f"{len(scored)} documents, {args.folds} folds by document, seed {args.seed};"
        " the scorer's figures are cross-validated"
    )
    if args.drop:
        print(f"feature groups left out: {', '.join(args.drop)}")
    if own := len(docs) - len(scored):
        print(f"{own} documents of {args.own} train every fold and are never scored")
    ceiling = {d.name: _ceiling(d) for d in scored}
    if args.dump:
        _dump(args.dump, scored, weights)
    for corpus, gold in golds.items():
        if corpus == TRAIN_ONLY:
            continue
        part = [r for r in reads if r.corpus == corpus]
        rules = _report(part, {r.name: list(r.rules) for r in part}, gold)
        _print(corpus, rules, _report(part, held[args.threshold], gold))
        _print_sweep(corpus, part, held, ceiling, gold)
    Model(_train(docs), args.threshold).save(args.out)
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
