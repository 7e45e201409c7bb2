"""Name resolution at scale: time, peak memory and B-cubed F1 on synthetic mentions.

A synthetic population of people (Russian first names, patronymics and
surnames combined) is written into documents the way sources write names: in
Cyrillic (some inflected), through several transliteration schemes, as initials
and surname, as a bare surname after a full name, and with one-letter slips.
Each size runs in a fresh process so that its peak memory is its own; the
peak counts the mentions themselves (the input a build hands resolution) and
is printed beside the peak before resolving. Issue 13's goals for 10⁶ mentions
are printed as ratios: time ≤ 40 s, peak ≤ 1 GB, and time ≤ 11 × the time of
10⁵ (resolution that grows close to linearly).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from functools import cache

GIVEN = [
    "Николай",
    "Генрих",
    "Абрам",
    "Сергей",
    "Михаил",
    "Иван",
    "Пётр",
    "Александр",
    "Григорий",
    "Яков",
    "Лев",
    "Борис",
    "Фёдор",
    "Василий",
    "Дмитрий",
    "Алексей",
    "Павел",
    "Семён",
    "Артур",
    "Матвей",
    "Вячеслав",
    "Владимир",
    "Константин",
    "Леонид",
    "Евгений",
    "Игнатий",
    "Георгий",
    "Андрей",
    "Ефим",
    "Захар",
]
PATRONYMIC = [
    "Иванович",
    "Петрович",
    "Сергеевич",
    "Михайлович",
    "Николаевич",
    "Александрович",
    "Григорьевич",
    "Яковлевич",
    "Львович",
    "Борисович",
    "Фёдорович",
    "Васильевич",
    "Дмитриевич",
    "Алексеевич",
    "Павлович",
    "Семёнович",
    "Матвеевич",
    "Ильич",
]
ROOTS = [
    "Орл",
    "Ежов",
    "Ягод",
    "Люшк",
    "Слуцк",
    "Берз",
    "Трилисс",
    "Артуз",
    "Менжинск",
    "Агабек",
    "Беседовск",
    "Бармин",
    "Кривицк",
    "Порецк",
    "Шпигельглаз",
    "Фриновск",
    "Евдоким",
    "Реденс",
    "Агранов",
    "Паукер",
    "Дукельск",
    "Литвин",
    "Гендин",
    "Коркин",
    "Стромин",
    "Лулов",
    "Коган",
    "Алехин",
    "Пассов",
    "Медвед",
    "Дерибас",
    "Балицк",
    "Заковск",
    "Курск",
    "Дагин",
    "Булах",
    "Цесарск",
    "Жуковск",
    "Шапир",
    "Молчан",
    "Миронов",
    "Гай",
    "Прокофьев",
    "Шанин",
    "Фирин",
    "Берман",
    "Бельск",
    "Уншлихт",
    "Мессинг",
    "Кедров",
    "Эйтингон",
    "Судоплат",
    "Серебрянск",
    "Федотов",
    "Абакумов",
    "Меркулов",
    "Кобулов",
    "Деканоз",
    "Влодзимирск",
    "Рапав",
    "Гоглидз",
    "Цанав",
    "Сумбатов",
    "Мамулов",
    "Круглов",
    "Серов",
    "Огольцов",
]
ENDINGS = ("ов", "ев", "ин", "ский", "ович", "енко", "ий", "ман")
SCHEMES = (
    "wikipedia",
    "ala_lc",
    "bgn_pcgn",
    "mvd_310_fr",
    "scientific",
    "icao_doc_9303",
)


MIDDLES = ("", "ан", "ен", "ол", "ар", "ик", "ун", "ыш", "ач", "ер", "ор", "ус")


def _surnames(rng: random.Random, count: int) -> list[str]:
    """`count` distinct surnames built from roots, middle syllables and endings."""
    every = sorted(
        {
            root + middle + (ending if not root.endswith(("ов", "ев", "ин")) else "")
            for root in ROOTS
            for middle in MIDDLES
            for ending in ENDINGS
        }
    )
    return rng.sample(every, min(count, len(every)))


def population(rng: random.Random, persons: int) -> list[tuple[str, str, str]]:
    """Distinct people: (given name, patronymic, surname)."""
    surnames = _surnames(rng, max(50, persons // 3))
    people: set[tuple[str, str, str]] = set()
    while len(people) < persons:
        people.add((rng.choice(GIVEN), rng.choice(PATRONYMIC), rng.choice(surnames)))
    return sorted(people)


@cache
def _translit(text: str, scheme: str) -> str:
    import iuliia

    return str(getattr(iuliia, scheme.upper()).translate(text))


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 7:
        return word
    pos = rng.randrange(2, len(word) - 1)
    return word[:pos] + rng.choice("aeiou") + word[pos + 1 :]


def _forms(rng: random.Random, person: tuple[str, str, str]) -> tuple[str, str]:
    """A full form and a bare-surname form, in one script and scheme."""
    given, patronymic, surname = person
    full = rng.choice(
        (
            f"{given} {patronymic} {surname}",
            f"{given} {surname}",
            f"{given[0]}. {patronymic[0]}. {surname}",
        )
    )
    bare = surname
    if rng.random() < 0.3:
        return full, bare
    scheme = rng.choice(SCHEMES)
    full, bare = _translit(full, scheme), _translit(bare, scheme)
    if rng.random() < 0.05:
        bare = _typo(rng, bare)
    return full, bare


def corpus(size: int, seed: int = 7) -> tuple[list[object], dict[str, int]]:
    """About `size` person mentions in documents of ~20, and each mention's person."""
    from kartoteka.model import Mention

    rng = random.Random(seed)
    people = population(rng, max(20, size // 100))
    mentions: list[Mention] = []
    truth: dict[str, int] = {}
    document = 0
    while len(mentions) < size:
        document += 1
        name = f"d{document}"  # one string per document, as extraction shares it
        position = 0
        for index in rng.sample(range(len(people)), 5):
            full, bare = _forms(rng, people[index])
            for text in [full] + [bare] * rng.randint(0, 3):
                mention = Mention(
                    name,
                    position,
                    position + len(text),
                    text,
                    text,
                    "person",
                    "en",
                    "bench",
                )
                mentions.append(mention)
                truth[mention.id] = index
                position += len(text) + 40
    return mentions, truth


def measure(size: int) -> dict[str, float]:
    """Resolve `size` synthetic mentions; time, peak memory and B-cubed F1."""
    from kartoteka.evaluate import bcubed
    from kartoteka.resolve import resolve_persons

    mentions, truth = corpus(size)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6
    began, cpu = time.perf_counter(), time.process_time()
    entities = resolve_persons(mentions).entities  # type: ignore[arg-type]
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    # The judgements go before the answer key is read: the peak is resolution's.
    system = {m.id: e.id for e in entities for m in e.mentions}
    items = list(truth)
    score = bcubed(items, system, truth)  # type: ignore[arg-type]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6
    return {
        "mentions": len(mentions),
        "seconds": seconds,
        "cpu": cpu,
        "input_mb": before,
        "peak_mb": peak,
        "bcubed_f1": score.f1,
        "precision": score.precision,
        "recall": score.recall,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--measure", type=int)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    print(
        "name resolution on synthetic mentions (one process per size; "
        f"load average {os.getloadavg()[0]:.1f})"
    )
    results: dict[int, dict[str, float]] = {}
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run(
            [sys.executable, __file__, "--measure", str(size)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        result = results[size] = json.loads(out.strip().splitlines()[-1])
        print(
            f"{result['mentions']:>9,} mentions  {result['seconds']:7.1f} s "
            f"(processor {result['cpu']:.1f} s)  "
            f"peak {result['peak_mb']:6,.0f} MB (the mentions alone "
            f"{result['input_mb']:,.0f} MB)  B-cubed F1 {result['bcubed_f1']:.3f} "
            f"(P {result['precision']:.3f} R {result['recall']:.3f})",
            flush=True,
        )
    _goals(results)


def _goals(results: dict[int, dict[str, float]]) -> None:
    """Issue 13's goals for a million mentions, as ratios to each goal."""
    if 1_000_000 not in results:
        return
    million = results[1_000_000]
    print(
        f"10⁶ mentions: time ÷ 40 s = {million['seconds'] / 40:.2f} (processor "
        f"time {million['cpu'] / 40:.2f}), peak ÷ 1 GB = "
        f"{million['peak_mb'] / 1000:.2f} (goals ≤ 1)"
    )
    if 100_000 in results:
        growth = million["seconds"] / results[100_000]["seconds"]
        cpu = million["cpu"] / results[100_000]["cpu"]
        print(
            f"time of 10⁶ ÷ 10⁵ mentions: {growth:.1f} "
            f"(processor time {cpu:.1f}; goal ≤ 11)"
        )
    print(f"load average now {os.getloadavg()[0]:.1f} (the machine's other work)")


if __name__ == "__main__":
    main()
