"""Dates a statement takes from the story around it, when its clause has none.

A reader keeps in mind where the story is: the last date told, the year of the
chapter, the trial just described. An undated statement takes from it only
what the text allows: nothing for references back, asides, states held, fates
and steps set against another time ("later", "after his arrest", "when he
defected"); the year after "soon" or "from now on"; the month of the sentence
before; else the story's year. Which date the story moves to after each
sentence is decided in `kartoteka.extract.events.anchor`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kartoteka.edtf import parse_edtf
from kartoteka.extract.dates.find import find_dates, iter_years
from kartoteka.extract.dates.relative import age
from kartoteka.extract.events.dated import Dated
from kartoteka.extract.events.lexicon import case_steps
from kartoteka.extract.events.merge import LISTED, ONCE, person_key
from kartoteka.extract.events.posts import SINCE
from kartoteka.extract.events.sentences import Reading, Sentence, in_brackets
from kartoteka.extract.events.story import Story, settle
from kartoteka.extract.nlp.parse import Parse

MODIFIERS = ("advmod", "aux", "auxpass", "prep", "npadvmod")
BACKWARD = re.compile(
    r"\b(?:by then|by that time|previously|before that|until then|had already)\b", re.I
)
ABOUT = re.compile(
    r"\b(?:meanwhile|in the meantime|(?:at |around |about )(?:this|that) time"
    r"|(?:soon|shortly) afterwards?|тем временем|примерно тогда)\b",
    re.I,
)
DURING = re.compile(
    r"\b(?:during (?:this|that|the same) (?:time|period)|in (?:those|these) years"
    r"|в (?:это|то) (?:же )?время|в (?:этот|тот) период|в те годы)\b",
    re.I,
)
RELATIVE = frozenset(
    [
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "где",
        "который",
        "которая",
        "которое",
        "которые",
        "которого",
        "которой",
        "которую",
        "которых",
    ]
)
OTHER_CLAUSE = RELATIVE | {"but", "но"}
DECADE = re.compile(r"\d{3}X")
OPENING_AFTER = re.compile(
    r"\s*(?:(?:shortly|soon|immediately|just|вскоре)\s+)?(?:after|после)\b[^,;]*,",
    re.I,
)
WORDS = re.compile(r"[^\W\d_]+")
ASIDE_WORDS = 4  # words beside a bracketed date that make the bracket a clause
ONWARD = re.compile(r"\b(?:from now on|from then on|henceforth|thereafter)\b", re.I)
NEAR = re.compile(r"\b(?:soon|shortly|just|recently)\b", re.I)
FAR = re.compile(r"\b(?:later|afterwards|subsequently|eventually)\b", re.I)
LOOSE = re.compile(
    r"\b(?:would|had|has|have|then|once|former|formerly|after|before|since"
    r"|until|during|when)\b",
    re.I,
)


def date_before_aside(sentence: Sentence, position: int) -> Dated | None:
    """ "in 1938 Petrov and Orlik (Sokol shot himself)": an aside
    without a date of its own shares the last date written before its bracket,
    unless it places itself apart ("later", "after")."""
    text = sentence.passage.clean
    opened = text.rfind("(", sentence.start, position)
    closed = text.find(")", position, sentence.end)
    aside = text[opened : closed if closed > 0 else sentence.end]
    if any(p.search(aside) for p in (NEAR, FAR, LOOSE)):
        return None
    before = [
        d
        for d in sentence.dates
        if d.end <= opened and d.relative is None and not in_brackets(sentence, d.start)
    ]
    return before[-1] if before else None


def order_of(parse: Parse, clause: int) -> str:
    """How a clause places its event against another time: "soon" after the
    story's last date ("near"), "later" than it ("far"), or only ordered against
    something else ("after his arrest", "had", "would": "loose"); "" when it is a
    plain step. Only the words that modify the verb (or the verb it hangs from)
    count, not those of its subject."""
    marks = {parse.tokens[m].text.lower() for m in parse.children(clause, "mark")}
    if marks & {"before", "until", "till"}:
        return "loose"  # "before he was posted": after the date of its main clause
    words = []
    while True:
        for child in parse.children(clause, *MODIFIERS):
            adverb = parse.tokens[child].dep == "advmod"  # "soon afterwards"
            inner = parse.subtree(child) if adverb else [child]
            words += [parse.tokens[i].text for i in inner]
        token = parse.tokens[clause]
        if token.dep not in ("advcl", "xcomp", "ccomp", "conj") or token.head == clause:
            break
        clause = token.head
    said = " ".join(words)
    for order, pattern in (("near", NEAR), ("far", FAR), ("loose", LOOSE)):
        if pattern.search(said):
            return order
    return ""


def year_before(sentence: Sentence, date: Dated) -> Dated:
    """A pluperfect event under a month's date ("at the March 1938 plenum he
    reported that they had been expelled") lies before it in that year; a day's
    report is of that day's news, and "since April" starts a state."""
    plain = (date.edtf or "").rstrip("~?%")
    since = SINCE.search(sentence.passage.clean, 0, date.start)
    if len(plain) != 7 or since:
        return date
    return replace(date, edtf=plain[:4])


def pluperfect(parse: Parse, head: int) -> bool:
    """ "At the March 1938 plenum he said that the bureau had expelled them":
    an event told in the pluperfect happened before the date of the sentence."""
    return any(
        parse.tokens[i].text.lower() == "had" for i in parse.children(head, "aux")
    )


def attributive(parse: Parse, head: int) -> bool:
    """ "the arrested Mensheviks", "the circle headed by Orlik": a participle
    that describes a noun tells a state, not a step of the story."""
    token = parse.tokens[head]
    participle = token.feat("Tag") == "VBN" or token.feat("VerbForm") == "Part"
    return token.dep in ("amod", "acl") and participle


def when(reading: Reading, sentence: Sentence, story: Story) -> tuple[str | None, bool]:
    """The EDTF date of a reading and whether it needed the story around it."""
    date = reading.date
    if date is not None and date.relative is not None and date.relative.unit == "age":
        birth = story.births.get(person_key(reading.person))
        value = age(date.relative.offset, birth) if birth else None
        return (value, True) if value else (None, False)
    if date is not None:
        settled = settle(
            date, list(sentence.dates), story, sentence.paragraph, sentence.year
        )
        if settled is None:
            return None, False
        return settled[0], settled[1] or reading.inherited
    return _from_context(reading, sentence, story)


def _from_context(
    reading: Reading, sentence: Sentence, story: Story
) -> tuple[str | None, bool]:
    """The date an undated statement takes from around it, most specific first.

    Nothing for references back, asides and states held; the one year its own
    sentence told before it, when the sentence has dates the reading did not
    attach; the month of the sentence before (the whole date for a member list,
    only the year after "soon" or "from now on"); else the year the story is in,
    unless the statement is a fate or is set against another time.
    """
    aside = reading.nominal or reading.in_brackets or reading.timeless
    if aside or reading.state or BACKWARD.search(sentence.text):
        return None, False
    own = [
        d
        for d in sentence.dates
        if d.relative is None
        and d.edtf
        and not _in_aside(sentence, d)
        and not _in_another_clause(sentence, reading.trigger_start, d)
    ]
    opened = _dated_opening(sentence, own, reading.trigger_start)
    if opened and reading.type not in ONCE:
        return opened, True
    if own:
        before = {
            part[:4]
            for d in own
            if d.start < reading.trigger_start
            for part in (d.edtf or "").split("/")
        }
        plain = reading.type not in ONCE and not reading.order and len(before) == 1
        return (before.pop(), True) if plain else (None, False)
    listed = reading.position in LISTED
    inherited = story.inherit(sentence.paragraph, sentence.number, whole=listed)
    if inherited and (
        reading.order == "near"
        or ONWARD.search(sentence.text)
        or _later_step(reading.type, story.told)
    ):
        return inherited[:4], True
    if inherited and reading.order != "far":
        return inherited, True
    if reading.type in ONCE or reading.order in ("far", "loose"):
        return None, False
    year = _story_year(sentence, story)
    if year and ABOUT.search(sentence.text):
        year += "~"  # "meanwhile he married": about then, as the story tells it
    year = year or _story_span(sentence, story)
    return (year, True) if year else (None, False)


def _in_aside(sentence: Sentence, date: Dated) -> bool:
    """Whether a date stands in a bracketed clause of its own ("he married her
    (her father had emigrated in 1919)"): the aside's date, not the sentence's;
    a bracket that only dates ("(1931-1934)", "(from May 1931)") is no aside."""
    if not in_brackets(sentence, date.start):
        return False
    text = sentence.passage.clean
    opened = text.rfind("(", sentence.start, date.start)
    closed = text.find(")", date.end, sentence.end)
    rest = text[opened + 1 : date.start] + " " + text[date.end : closed]
    return len(WORDS.findall(rest)) >= ASIDE_WORDS


def _dated_opening(sentence: Sentence, own: list[Dated], trigger: int) -> str | None:
    """ "After the revolution of October 1917, he returned home": a step told
    after an opening phrase that dates what it follows is dated by it, as
    sources date such steps (then or from then on)."""
    opening = OPENING_AFTER.match(sentence.text)
    if opening is None or sentence.start + opening.end() > trigger:
        return None
    inside = [d for d in own if d.end <= sentence.start + opening.end()]
    return inside[0].edtf if len(inside) == 1 else None


def _in_another_clause(sentence: Sentence, trigger: int, date: Dated) -> bool:
    """Whether a date follows its statement in a relative clause ("joined the
    party that had been founded in 1893") or in a clause set against it
    ("imprisoned, but released when ... in 1936"): the noun's or that clause's
    date, not the step's."""
    if date.start < trigger:
        return False
    between = sentence.passage.clean[trigger : date.start]
    return any(w.lower() in OTHER_CLAUSE for w in WORDS.findall(between))


def _story_span(sentence: Sentence, story: Story) -> str | None:
    """The span of years or the decade the sentence before told, for a step
    set in it: "from 1927 to 1929 he headed X. Around this time he married"
    married within those years; "he fell victim to the purges of the 1930s.
    Arrested, he was ..." was arrested in that decade. A span dates only a step
    that says it is set then; a decade, the plain step told right after it."""
    recent = story.recent(sentence.paragraph)
    if recent is None or not story.follows(sentence.paragraph, sentence.number):
        return None
    if DECADE.fullmatch(recent):
        return recent
    about = ABOUT.search(sentence.text) or DURING.search(sentence.text)
    return recent if about and "/" in recent else None


def _later_step(kind: str, told: tuple[str, ...]) -> bool:
    """Whether an event is a later step of a case than one the story's date
    was told for: "arrested on 3 May. Sentenced to ten years" was sentenced
    months later, in that year at most (`case_steps` in events.yaml)."""
    steps = case_steps()
    if kind not in steps:
        return False
    return any(t in steps and steps.index(t) < steps.index(kind) for t in told)


def _story_year(sentence: Sentence, story: Story) -> str | None:
    """The year the story is in, for a plain past-tense statement without a date,
    unless the sentence orders it against another time ("later", "after") or the
    rest of its paragraph moves on to another year; the sentence right after
    the one that told the year is in it all the same ("In 1951 he was
    dismissed. He was replaced by Gromov."). A year only stays in mind while
    the story is near it: a step told paragraphs after its year was last
    written, with no date nearer, is left undated, as sources leave it."""
    recent = story.recent(sentence.paragraph)
    span = parse_edtf(recent) if recent is not None else None
    if span is None or span[0].year != span[1].year:
        return None
    year = span[0].year
    if story.follows(sentence.paragraph, sentence.number):
        return str(year)
    if (_last_year_told(sentence) or year) > year:
        return None  # "in 1919 he joined X; he earned his degree by 1925. He ..."
    later = set(iter_years(sentence.passage.clean[sentence.end :]))
    return str(year) if later <= {year} else None


def _last_year_told(sentence: Sentence) -> int | None:
    """The last year its paragraph writes before a sentence, outside brackets:
    a year past the story's tells that the story went on, even when no step
    was dated by it."""
    text = sentence.passage.clean[: sentence.start]
    years = [
        d.year
        for d in find_dates(text)
        if not d.inferred
        and "/" not in d.edtf
        and "X" not in d.edtf
        and text.count("(", 0, d.start) <= text.count(")", 0, d.start)
    ]
    return years[-1] if years else None
