"""Mentions of persons, organizations, places and dates, at exact spans of the source.

The generic models propose; domain knowledge disposes. Organization names from
the gazetteer win over the model, ranks are split off person names, possessives
and footnote debris are trimmed, derived adjectives (`Trotskiist`) are dropped,
and a name found once is then found everywhere else it stands in the document.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from kartoteka.extract.dates.find import find_dates, iter_years
from kartoteka.extract.mentions.casing import readable_case, shouted_name
from kartoteka.extract.mentions.fullnames import (
    first_name_names,
    not_a_russian_name,
    patronymic_names,
    subject_names,
)
from kartoteka.extract.mentions.gazetteer import (
    places,
    ranks,
    split_title,
    title_before,
)
from kartoteka.extract.mentions.orgspans import known_spans, rule_spans, widen
from kartoteka.extract.mentions.periodicals import periodical_spans
from kartoteka.extract.mentions.persons import (
    coordinated_names,
    generic_org_words,
    institution_shaped,
    person_shaped,
    place_context,
    ranked_names,
    shaped_names,
    split_person_span,
    starts_with_office,
    vote_types,
)
from kartoteka.extract.mentions.propagate import propagate
from kartoteka.extract.mentions.spans import make_mention, overlaps
from kartoteka.extract.mentions.typevotes import consistent_types
from kartoteka.extract.mentions.worktitles import inside_title, title_spans
from kartoteka.extract.nlp.models import Analysis, Span
from kartoteka.model import Document, Mention, Passage

TRIM = " \t\n.,;:()[]{}\"“”„«»*_'’‘/\\|-–—"
POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
FOLLOWED_BY_POSSESSIVE = re.compile(r"['’]s\b")
DERIVED = re.compile(
    r"(?:ist|ists|ite|ites|ism|ian|ians|ov's|shchina|izing|evik|eviks)$"
)
DOCTRINE = re.compile(r"\w{3}(?:ism|isms|ist|ists)$")
GROUP_NOUN = re.compile(r"(?:ik|iks|ists?|ites?|ism|izing|ants|ents)$")
# The rest of an organization's name that a model cuts at a comma or "of":
# "Institute of Philosophy, Literature and History".
_CAPS = r"[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*"
NAME_TAIL = re.compile(
    rf"(?:\s(?:of|for|on|from)\s(?:the\s)?{_CAPS}(?:,\s{_CAPS})*(?:,?\sand\s{_CAPS})?)+"
)
POSSESSOR = re.compile(r"^[A-Z][\w-]+['’]s\s+")
NAME_TOKEN = re.compile(
    r"^(?:[A-ZА-ЯЁ][\w'’.-]*|[A-ZА-ЯЁ]\.|d['’]|de|von|van|la|le|da|ibn)$"
)
# Before a name inside a longer one: its parent (`of the PSR`), an owner
# (`Peoples’ Commissariat`) or the person it is named after (`имени Б. Н.
# Ельцина`), not a mere adjective (`Japanese Kwantung Army`).
OF_PARENT = re.compile(r"\sof\s|['’]s?\s$|\sим(?:ени|\.)\s")
LOWER_WORD = re.compile(r"\b[a-zа-яё][\w'’-]*\b")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past punctuation, `the`, and a possessive `'s`."""
    while True:
        before = (start, end)
        while start < end and text[start] in TRIM:
            start += 1
        while end > start and text[end - 1] in TRIM and not _initial_ends(text, end):
            end -= 1
        possessive = POSSESSIVE.search(text, start, end)
        if possessive and possessive.start() > start:
            end = possessive.start()
        if text.startswith(("the ", "The "), start):
            start += 4
        if (start, end) == before:
            return start, end


def _initial_ends(text: str, end: int) -> bool:
    """A full stop that closes an initial (`R. A.`), which is part of the name."""
    return (
        text[end - 1] == "."
        and end >= 3
        and text[end - 2].isupper()
        and text[end - 3] in " ."
    )


def _looks_like_person(name: str) -> bool:
    """A person-shaped name: name words, no doctrine (`Fascist Anti-Marxism`)
    and no institution's noun (`Historisches Archiv`)."""
    tokens = name.split()
    if not tokens or len(tokens) > 5 or any(c.isdigit() for c in name):
        return False
    if not all(NAME_TOKEN.match(t) for t in tokens):
        return False
    if len(tokens) == 1 and (DERIVED.search(name) or len(name) < 2):
        return False
    if len(tokens) > 1 and (
        institution_shaped(name) or any(DOCTRINE.search(t) for t in tokens)
    ):
        return False
    if any(
        t.isupper() and len(t.strip(".")) > 1 and not shouted_name(t) for t in tokens
    ):
        return False
    return name not in ranks()


def _looks_like_org(name: str) -> bool:
    tokens = name.split()
    if not tokens or len(tokens) > 9 or not name[0].isupper():
        return False
    if any(c.isdigit() for c in name) or name in ranks() or starts_with_office(name):
        return False
    if len(tokens) == 1 and (name in generic_org_words() or GROUP_NOUN.search(name)):
        return False
    if name.count("(") != name.count(")"):
        return False
    capitalised = sum(1 for t in tokens if t[0].isupper())
    return capitalised >= max(1, len(tokens) // 2)


def _model_mentions(
    document: Document,
    passage: Passage,
    analysis: Analysis,
    taken: list[tuple[int, int]],
    votes: dict[str, str],
) -> list[Mention]:
    """Persons, organizations and places the statistical model proposes; the
    words of a cited work's title are no person (they may name a body)."""
    found = []
    source = "spacy" if passage.language == "en" else "natasha"
    titles = title_spans(passage.clean)
    for entity in analysis.entities:
        start, end = _trim(passage.clean, entity.start, entity.end)
        if start >= end or overlaps(taken, start, end):
            continue
        if entity.label == "person" and inside_title(titles, start, end):
            continue
        name = " ".join(passage.clean[start:end].split())
        label = votes.get(name, entity.label)
        if label != "person" and person_shaped(name, votes):
            label = "person"
        if label == "person" and passage.language == "en":
            pieces = split_person_span(passage.clean, start, end, votes)
        else:
            pieces = [(start, end)]
        for piece in pieces:
            mention = _classify(document, passage, entity, label, piece, source)
            if mention is not None:
                taken.append(piece)
                found.append(mention)
    return found


def _classify(
    document: Document,
    passage: Passage,
    entity: Span,
    label: str,
    span: tuple[int, int],
    source: str,
) -> Mention | None:
    """Keep a model entity only when its text fits its type."""
    start, end = span
    name = " ".join(passage.clean[start:end].split())
    if name in places():
        label = "place"
    if label == "person":
        title, rest = split_title(name)
        if title:
            start = passage.clean.find(rest.split()[0], start, end)
            name = rest
        before = title_before(passage.clean, start)
        if before and not title:
            title = before[0]
        if not _looks_like_person(name) or not_a_russian_name(name):
            return None
        normal = entity.normal if passage.language == "ru" else None
        return make_mention(
            document, passage, start, end, "person", source, title=title, name=normal
        )
    possessor = POSSESSOR.match(name) if label == "org" else None
    if possessor:
        start = passage.clean.find(name[possessor.end() :], start, end)
        name = name[possessor.end() :]
    if (
        label == "org"
        and _looks_like_org(name)
        and (passage.language == "ru" or institution_shaped(name))
    ):
        tail = NAME_TAIL.match(passage.clean, end)
        if tail:
            end = tail.end()
        start, end = widen(passage.clean, start, end, passage.language)
        return make_mention(document, passage, start, end, "org", source)
    if label == "place" and _looks_like_org(name):
        return make_mention(
            document, passage, start, end, "place", source, name=entity.normal
        )
    return None


def _rule_mentions(
    document: Document, passage: Passage, taken: list[tuple[int, int]]
) -> list[Mention]:
    """Persons recognised by the shape of their name: ranks, initials, inversions."""
    found = []
    for start, end, title in ranked_names(passage.clean):
        if not overlaps(taken, start, end):
            taken.append((start, end))
            name = " ".join(passage.clean[start:end].split())[len(title) :].strip()
            found.append(
                make_mention(
                    document,
                    passage,
                    start,
                    end,
                    "person",
                    "rules",
                    title=title,
                    name=name,
                )
            )
    readable = readable_case(passage.clean)
    shaped = patronymic_names(readable) + first_name_names(passage.clean)
    if readable != passage.clean:  # else it finds the same spans, all taken by then
        shaped += first_name_names(readable)
    shaped += shaped_names(passage.clean)
    for start, end in [*shaped, *subject_names(passage.clean)]:
        if not overlaps(taken, start, end):
            taken.append((start, end))
            found.append(make_mention(document, passage, start, end, "person", "rules"))
    return found


def _gazetteer_mentions(
    document: Document, passage: Passage, taken: list[tuple[int, int]]
) -> list[Mention]:
    """Known organizations, with the names written around them."""
    found = []
    for start, end, key in known_spans(passage.clean, passage.language):
        taken.append((start, end))
        found.append(
            make_mention(document, passage, start, end, "org", "gazetteer", key=key)
        )
    return found


def _periodical_mentions(
    document: Document, passage: Passage, taken: list[tuple[int, int]]
) -> list[Mention]:
    """Newspapers and journals, named after the noun that says what they are."""
    found = []
    for start, end, name in periodical_spans(passage.clean):
        if not overlaps(taken, start, end):
            taken.append((start, end))
            found.append(
                make_mention(
                    document, passage, start, end, "org", "periodicals", name=name
                )
            )
    return found


def _shaped_org_mentions(
    document: Document, passage: Passage, taken: list[tuple[int, int]]
) -> list[Mention]:
    """Organizations no model named, known by their shape (`Defense Committee`)."""
    found = []
    for start, end in rule_spans(passage.clean):
        name = " ".join(passage.clean[start:end].split())
        inside = [(s, e) for s, e in taken if s < end and start < e]
        # A parent named inside (`... of the PSR`) stays a mention of its own;
        # any other overlap means someone else named this stretch already.
        if name in places() or any(
            e > end or not OF_PARENT.search(passage.clean, start, s) for s, e in inside
        ):
            continue
        taken.append((start, end))
        found.append(make_mention(document, passage, start, end, "org", "rules"))
    return found


def passage_mentions(
    document: Document,
    passage: Passage,
    analysis: Analysis,
    year: int | None,
    votes: dict[str, str],
) -> list[Mention]:
    """All mentions in one passage: gazetteer organizations, model entities, dates."""
    taken: list[tuple[int, int]] = []
    found = _gazetteer_mentions(document, passage, taken)
    found.extend(_periodical_mentions(document, passage, taken))
    found.extend(_rule_mentions(document, passage, taken))
    found.extend(_shaped_org_mentions(document, passage, taken))
    found.extend(_model_mentions(document, passage, analysis, taken, votes))
    found = _with_coordinated(document, passage, found)
    for date in find_dates(passage.clean, year):
        found.append(
            make_mention(
                document, passage, date.start, date.end, "date", "dates", key=date.edtf
            )
        )
    return found


def _clean_span(passage: Passage, mention: Mention) -> tuple[int, int]:
    start = bisect_left(passage.starts, mention.start)
    return start, bisect_left(passage.starts, mention.end - 1) + 1


def _with_coordinated(
    document: Document, passage: Passage, found: list[Mention]
) -> list[Mention]:
    """Turn the other words of a list that names a person into persons too."""
    spans = {_clean_span(passage, m): m for m in found}
    persons = [span for span, m in spans.items() if m.type == "person"]
    if not persons:
        return found
    for start, end in coordinated_names(passage.clean, persons):
        overlapping = [span for span in spans if span[0] < end and start < span[1]]
        if len(overlapping) > 1 or any(
            spans[span].source == "gazetteer" or spans[span].type == "person"
            for span in overlapping
        ):
            continue
        for span in overlapping:
            del spans[span]
        spans[(start, end)] = make_mention(
            document, passage, start, end, "person", "rules"
        )
    return list(spans.values())


def _document_votes(document: Document, analyses: Sequence[Analysis]) -> dict[str, str]:
    """One type per single-word name across the document (see `vote_types`)."""
    labels = []
    for passage, analysis in zip(document.passages, analyses, strict=True):
        if passage.language != "en":
            continue
        for entity in analysis.entities:
            start, end = _trim(passage.clean, entity.start, entity.end)
            word = passage.clean[start:end]
            if word and " " not in word:
                placed = place_context(
                    passage.clean, start
                ) and not FOLLOWED_BY_POSSESSIVE.match(passage.clean, end)
                labels.append((word, entity.label, placed))
    return vote_types(labels)


def document_mentions(
    document: Document, analyses: Sequence[Analysis]
) -> list[Mention]:
    """Every mention in a document, given the model analysis of each passage."""
    mentions: list[Mention] = []
    year: int | None = None
    votes = _document_votes(document, analyses)
    for passage, analysis in zip(document.passages, analyses, strict=True):
        if passage.kind == "boilerplate":
            continue
        mentions.extend(passage_mentions(document, passage, analysis, year, votes))
        years = list(iter_years(passage.clean))
        if years:
            year = years[-1]
    mentions = consistent_types(mentions)
    mentions.extend(propagate(document, mentions))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions
