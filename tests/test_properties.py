"""Properties that hold for any input: decoding, the clean-to-original mapping of
passages, and name keys. Hypothesis writes the inputs; the words are our own."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kartoteka.ingest import IngestError, document_from_text
from kartoteka.ingest.decode import decode_bytes
from kartoteka.ingest.normalise import reading_form
from kartoteka.resolve.names import surname_keys

settings.register_profile(
    "kartoteka",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("kartoteka")

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u202b"]
RUSSIAN_PROSE = (
    "когда следователь вернулся домой вечером его уже ждали двое сотрудников "
    "которые молча предъявили ордер на обыск семья долго не знала где он "
    "находится письма возвращались назад а через год пришло короткое извещение"
)
ENGLISH_PROSE = (
    "the deputy returned to the ministry after a long winter and found that his "
    "office had been sealed while two clerks were copying the old files"
)
RUSSIAN_WORDS = RUSSIAN_PROSE.split()
ENGLISH_WORDS = ENGLISH_PROSE.split()
NAME_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяabcdefghijklmnopqrstuvwxyzéžšč"
_TAG = re.compile(r"<[^<>]*>")


# Decoding


_TEXT_CHARS = st.characters(
    blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"
) | st.sampled_from("\n\t ")


@given(st.text(_TEXT_CHARS, min_size=1))
def test_any_text_round_trips_through_utf8(text: str) -> None:
    assert decode_bytes(text.encode("utf-8"), "x.txt").text == text


@given(st.text(_TEXT_CHARS, min_size=1))
def test_any_text_round_trips_through_utf16_with_a_mark(text: str) -> None:
    assert decode_bytes(text.encode("utf-16"), "x.txt").text == text


def _prose(words: list[str]) -> st.SearchStrategy[str]:
    """Sentences of different real words in any order, capitalised, with stops."""
    word = st.sampled_from(words)
    sentence = st.lists(word, min_size=5, max_size=14, unique=True).map(
        lambda ws: " ".join(ws).capitalize() + "."
    )
    return st.lists(sentence, min_size=2, max_size=8).map(" ".join)


@given(_prose(RUSSIAN_WORDS), st.sampled_from(["cp1251", "koi8-r"]))
def test_russian_prose_round_trips_through_legacy_encodings(
    text: str, encoding: str
) -> None:
    decoded = decode_bytes(text.encode(encoding), "x.txt")
    assert (decoded.text, decoded.encoding) == (text, encoding)


@given(
    st.one_of(_prose(RUSSIAN_WORDS), _prose(ENGLISH_WORDS)),
    st.sampled_from(["utf-16-le", "utf-16-be"]),
)
def test_prose_round_trips_through_utf16_without_a_mark(
    text: str, encoding: str
) -> None:
    decoded = decode_bytes(text.encode(encoding), "x.txt")
    assert (decoded.text, decoded.encoding) == (text, encoding)


@settings(max_examples=300)
@given(st.binary(max_size=3000))
def test_random_bytes_decode_or_raise_an_ingest_error(data: bytes) -> None:
    try:
        decoded = decode_bytes(data, "x.bin")
    except IngestError as error:
        assert error.file == "x.bin" and "\n" not in str(error)
    else:
        assert isinstance(decoded.text, str) and "\x00" not in decoded.text


# Passages: every clean character maps back into the original text


def _decorate(word: str, mark: int) -> str:
    """A word as sources damage it: split by an invisible character, decomposed,
    with a footnote marker or soft hyphen, emphasised."""
    cut = len(word) // 2
    return [
        word,
        word[:cut] + INVISIBLE[len(word) % len(INVISIBLE)] + word[cut:],
        unicodedata.normalize("NFD", word.replace("е", "ё").replace("и", "й")),
        word + "¹²",
        word[:cut] + "\u00ad" + word[cut:],
        f"**{word}**",
        word[:cut] + "-\n" + word[cut:],
    ][mark]


_WORD = st.sampled_from(RUSSIAN_WORDS + ENGLISH_WORDS)
_TOKEN = st.tuples(_WORD, st.integers(0, 6)).map(lambda wm: _decorate(*wm))
_GAP = st.sampled_from([" ", " ", " ", "\n", "\n\n", ", ", ". ", "\r\n", "\t"])
_DOCUMENT = st.lists(st.tuples(_TOKEN, _GAP), min_size=1, max_size=40).map(
    lambda pairs: "".join(token + gap for token, gap in pairs)
)


def _letters(text: str) -> str:
    return "".join(ch for ch in reading_form(_TAG.sub("", text)) if ch.isalpha())


def _check_mapping(text: str, wrapper: str, suffix: str) -> None:
    document = document_from_text(wrapper.format(text), "x" + suffix, suffix=suffix)
    source = document.text
    for passage in document.passages:
        clean, starts, ends = passage.clean, passage.starts, passage.ends
        assert len(clean) == len(starts) == len(ends)
        assert unicodedata.is_normalized("NFC", clean)
        for i, char in enumerate(clean):
            original = source[starts[i] : ends[i]]
            assert 0 <= starts[i] < ends[i] <= len(source)
            assert reading_form(original) == char or (
                char == " " and not _letters(original)
            ), (char, original)
        assert all(a <= b for a, b in pairwise(starts))
        assert all(ends[i - 1] <= starts[i] for i in range(1, len(clean)))
        for a, b in pairwise(range(0, len(clean) + 1, max(1, len(clean) // 5))):
            start, end = passage.original_span(a, b)
            assert _letters(source[start:end]) == _letters(clean[a:b])


@given(_DOCUMENT)
def test_plain_text_passages_map_every_character_back(text: str) -> None:
    _check_mapping(text, "{}", ".txt")


@given(_DOCUMENT)
def test_html_passages_map_every_character_back(text: str) -> None:
    paragraphs = "".join(f"<p>{p}</p>\n" for p in text.split("\n\n"))
    _check_mapping(paragraphs.replace("¹²", "<sup>12</sup>"), "<html>{}</html>", "")


# Name keys


_NAME = st.text(NAME_LETTERS, min_size=2, max_size=12).map(str.capitalize)


@given(_NAME, st.sampled_from(INVISIBLE), st.integers(1, 11))
@example("Aaaabs", "\u200b", 1)  # a Baltic "-s" read in capitals too
def test_name_keys_ignore_unicode_form_invisible_characters_and_case(
    name: str, invisible: str, at: int
) -> None:
    keys = surname_keys(name)
    assert surname_keys(unicodedata.normalize("NFD", name)) == keys
    assert surname_keys(name[:at] + invisible + name[at:]) == keys
    assert surname_keys(name.upper()) == keys
    assert surname_keys(name.lower()) == keys
