"""Ingest on the real sample corpus and on small documents written for these tests."""

from __future__ import annotations

import html
import os
import random
import re
from itertools import pairwise
from pathlib import Path

import pytest

from kartoteka.ingest import IngestError, discover, document_from_text, read_document
from kartoteka.ingest.boilerplate import load_rules
from kartoteka.ingest.pagebreaks import is_caption
from kartoteka.model import Document, Passage

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CORPUS_FILES = sorted(p.name for p in CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
needs_corpus = pytest.mark.skipif(
    not CORPUS_FILES, reason=f"sample corpus not found at {CORPUS} (../shared/corpus)"
)

# What cleaning may delete between two clean characters: whitespace, markup,
# footnote markers, link targets and line-break hyphens, never words.
_MARKUP_IN_GAP = re.compile(
    r"<sup>\s*\d+\s*</sup>"  # a footnote marker
    r"|\[\^\w+\]:?"  # a Markdown footnote reference
    r"|\]\([^()\s]*\)"  # a Markdown link target
    r"|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"  # a tag
    r"|[⁰¹²³⁴⁵⁶⁷⁸⁹]+"  # a superscript footnote marker
)
_GAP_CHARS = set(" \t\r\n\f\v\xa0-*_#>\\[]<>•¬\u00ad`")


def _document(name: str) -> Document:
    """Read one corpus file by name."""
    return read_document(CORPUS / name, name)


def _passage_with(document: Document, needle: str) -> Passage:
    """The first passage whose clean text contains `needle`."""
    for passage in document.passages:
        if needle in passage.clean:
            return passage
    raise AssertionError(f"no passage of {document.file} contains {needle!r}")


def _source_of_char(text: str, passage: Passage, i: int) -> str:
    """The original text clean character `i` came from."""
    return text[passage.starts[i] : passage.ends[i]]


def _replacement_ok(source: str, char: str) -> bool:
    """A clean character equals its source, or is one of the allowed replacements."""
    if source == char:
        return True
    if char == " " and (source.isspace() or source.startswith("<")):
        return True
    if source.startswith("&") and len(source) > 1:
        decoded = html.unescape(source)
        return decoded == char or (char == " " and decoded.isspace())
    return False


def _gap_ok(gap: str) -> bool:
    """Deleted original text holds only markup, markers, hyphens and whitespace."""
    rest = _MARKUP_IN_GAP.sub("", gap)
    return all(ch in _GAP_CHARS for ch in rest)


def _squash(text: str) -> str:
    """Text without whitespace, markup or markers, to compare a span with its source."""
    text = html.unescape(_MARKUP_IN_GAP.sub("", text))
    return "".join(ch for ch in text if ch not in _GAP_CHARS and not ch.isspace())


def _set_inside(document: Document, passage: Passage) -> list[Passage]:
    """The passages set inside `passage`'s span (a caption between two halves)."""
    return [
        other
        for other in document.passages
        if other is not passage
        and passage.start <= other.start
        and other.end <= passage.end
    ]


def _without(text: str, start: int, end: int, inside: list[Passage]) -> str:
    """`text[start:end]` without the characters of the passages set inside it."""
    kept, at = [], start
    for other in sorted(inside, key=lambda p: p.start):
        if start <= other.start and other.end <= end:
            kept.append(text[at : other.start])
            at = other.end
    return "".join(kept) + text[at:end]


def _check_offsets(document: Document, rng: random.Random) -> None:
    """Assert the offset invariant for every passage of a document.

    Passages come in text order and never share a character; a passage's span
    may hold other passages whole (a caption), whose text its own skips.
    """
    text = document.text
    owned: list[tuple[int, int]] = []
    previous_start = 0
    for passage in document.passages:
        clean, starts, ends = passage.clean, passage.starts, passage.ends
        assert clean and len(starts) == len(ends) == len(clean)
        assert clean == clean.strip() and "  " not in clean and "\n" not in clean
        assert previous_start <= passage.start <= starts[0] and ends[-1] <= passage.end
        previous_start = passage.start
        inside = _set_inside(document, passage)
        owned.extend(zip(starts, ends, strict=True))
        for i, char in enumerate(clean):
            assert starts[i] < ends[i], (document.file, i)
            assert _replacement_ok(_source_of_char(text, passage, i), char), (
                document.file,
                clean[max(0, i - 20) : i + 20],
            )
            if i:
                gap = _without(text, ends[i - 1], starts[i], inside)
                assert ends[i - 1] <= starts[i] and _gap_ok(gap), (document.file, gap)
        for _ in range(20):
            cs = rng.randrange(len(clean))
            ce = rng.randrange(cs + 1, len(clean) + 1)
            start, end = passage.original_span(cs, ce)
            assert _squash(_without(text, start, end, inside)) == _squash(clean[cs:ce])
    owned.sort()
    assert all(a[1] <= b[0] for a, b in pairwise(owned))


@needs_corpus
@pytest.mark.parametrize("name", CORPUS_FILES)
def test_every_clean_span_maps_back_to_its_original_text(name: str) -> None:
    document = _document(name)
    assert document.passages and document.text == (CORPUS / name).read_text("utf-8")
    _check_offsets(document, random.Random(name))


@needs_corpus
def test_discover_names_files_relative_to_the_folder() -> None:
    found, errors = discover([CORPUS])
    assert errors == []
    assert [name for _, name in found] == CORPUS_FILES
    assert all(path.is_file() for path, _ in found)


@needs_corpus
def test_superscript_footnote_markers_in_the_monograph_chapter() -> None:
    document = _document("001_6e4e8980019ef5a9.txt")
    assert document.format == "text"
    text = document.text
    thirteen = [ref for ref in document.footnote_refs if ref.number == "13"]
    assert len(thirteen) == 1
    ref = thirteen[0]
    assert (
        text[ref.start : ref.end] == "¹³"
        and text[ref.start - 7 : ref.start] == "Passov."
    )
    passage = _passage_with(document, "Z. I. Passov.")
    assert "¹" not in passage.clean and "³" not in passage.clean
    numbers = [int(ref.number) for ref in document.footnote_refs]
    assert numbers == sorted(numbers) and numbers[0] == 1


@needs_corpus
def test_sup_markers_and_interleaved_footnote_texts_in_the_journal_article() -> None:
    document = _document("003_dd026571fd189f9d.txt")
    assert document.format == "markdown"
    refs = {ref.number: ref for ref in document.footnote_refs}
    assert document.text[refs["39"].start : refs["39"].end] == "<sup>39</sup>"
    notes = [p for p in document.passages if p.kind == "footnote"]
    thirty_nine = [p.clean for p in notes if p.note == "39"]
    assert thirty_nine[0].startswith("Boris Olshansky")
    assert set(refs) <= {p.note for p in notes}
    assert all("<sup>" not in p.clean for p in document.passages)
    marrus = _passage_with(document, "From the 1st World War")
    assert marrus.kind == "footnote" and marrus.note == "7"


@needs_corpus
def test_publisher_page_furniture_is_marked_but_the_chapter_is_content() -> None:
    document = _document("000_518b2fea40706d4b.txt")
    kindle = _passage_with(document, "Save book to Kindle")
    assert kindle.kind == "boilerplate"
    assert _passage_with(document, "@free.kindle.com").kind == "boilerplate"
    assert _passage_with(document, "Hostname:").kind == "boilerplate"
    assert _passage_with(document, "Skip to main content").kind == "boilerplate"
    assert _passage_with(document, "Kevin Riehle").kind != "boilerplate"
    assert (
        _passage_with(document, "National Intelligence University").kind
        != "boilerplate"
    )
    assert _passage_with(document, "The second group of Soviet").kind == "body"
    assert _passage_with(document, "Personal Backgrounds").kind == "heading"
    assert _passage_with(document, "These eight individuals").kind == "body"
    assert document.title.startswith("2 - Yezhovshchina-Era Defectors")


@needs_corpus
def test_hebrew_site_footer_is_boilerplate_and_the_biography_is_content() -> None:
    document = _document("002_98aa88b8d676a326.txt")
    hebrew = [p for p in document.passages if re.search("[\u0590-\u05ff]", p.clean)]
    assert len(hebrew) >= 3 and all(p.kind == "boilerplate" for p in hebrew)
    assert _passage_with(document, "was born in Odessa").kind == "body"
    assert _passage_with(document, "Kwantung Army").kind == "body"
    assert _passage_with(document, "List of Eastern Bloc").kind == "boilerplate"
    assert document.title == "Genrikh Lyushkov - Biography"


@needs_corpus
def test_bilingual_article_has_english_and_russian_passages() -> None:
    document = _document("003_dd026571fd189f9d.txt")
    assert set(document.languages) == {"en", "ru"}
    assert _passage_with(document, "Аннотация:").language == "ru"
    assert _passage_with(document, "Abstract:").language == "en"
    assert document.title == "Soviet Defectors in Germany after World War II"


@needs_corpus
def test_markdown_markup_is_gone_from_the_clean_text() -> None:
    document = _document("003_dd026571fd189f9d.txt")
    clean = "\n".join(p.clean for p in document.passages)
    assert "*" not in clean and "\\" not in clean and "](" not in clean
    assert "## " not in clean
    assert "phenomenon of defectors from the Soviet Union" in clean
    assert "alex_antoshin@mail.ru" in clean
    heading = _passage_with(document, "The Emergence of the Phenomenon")
    assert heading.kind == "heading" and heading.clean.startswith("The Emergence")


@needs_corpus
def test_hyphenation_and_page_breaks_in_the_monograph_chapter() -> None:
    document = _document("001_6e4e8980019ef5a9.txt")
    text = document.text
    assert "Sokol'-nikov" in text and "re-\n\ntained" in text
    sokolnikov = _passage_with(document, "in 1936 Sokol'nikov and")
    start, end = sokolnikov.original_span(
        sokolnikov.clean.index("Sokol'nikov"),
        sokolnikov.clean.index("Sokol'nikov") + 11,
    )
    assert text[start:end] == "Sokol'-nikov"
    retained = _passage_with(document, "was retained as First Deputy")
    start, end = retained.original_span(
        retained.clean.index("retained"), retained.clean.index("retained") + 8
    )
    assert text[start:end] == "re-\n\ntained"
    clean = "\n".join(p.clean for p in document.passages)
    for kept in ("nine-tenths", "anti-Soviet", "large-scale", "Nikolaev-Zhurid"):
        assert kept in clean
    assert "urgent to have comrade Ezhov" in clean
    assert "*sic*" not in clean and "[sic]" in clean


def test_own_text_hyphenation_rules() -> None:
    text = (
        "The commissar re-\nturned to Moscow. Later the clerk was self-\n"
        "inflicted, they said; the wound was self-inflicted.\n\n"
        "The anti-\nSoviet group met Kamen'-ev, and Kamen'ev spoke of post-war plans, "
        "post-war hopes and one postwar memo. It was a twenty-\n\nthree page report.\n"
    )
    document = document_from_text(text, "hyphens.txt")
    clean = " ".join(p.clean for p in document.passages)
    assert "re-turned" not in clean and "returned to Moscow" in clean
    assert "was self-inflicted, they said" in clean
    assert "anti-Soviet" in clean and "Kamen'ev, and" in clean
    assert clean.count("post-war") == 2 and "twentythree" in clean
    _check_offsets(document, random.Random(1))


RUSSIAN_SAMPLE = (
    "Осенью тридцать седьмого года начальника отдела вызвали в Москву.\n"
    "Он понимал, что обратно уже не вернётся, и долго колебался.\n\n"
    "В архиве сохранилась его записка жене: 'Не жди меня к ужину'.\n"
)


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r"])
def test_legacy_cyrillic_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / f"note-{encoding}.txt"
    path.write_bytes(RUSSIAN_SAMPLE.replace("ё", "е").encode(encoding))
    document = read_document(path, path.name)
    assert document.encoding == encoding
    assert document.text == RUSSIAN_SAMPLE.replace("ё", "е")
    assert document.languages == ("ru",)
    assert document.id == read_document(path, path.name).id


@pytest.mark.parametrize(
    ("encoding", "recorded"), [("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16")]
)
def test_byte_order_marks(tmp_path: Path, encoding: str, recorded: str) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(RUSSIAN_SAMPLE.encode(encoding))
    document = read_document(path, "bom.txt")
    assert document.encoding == recorded and document.text == RUSSIAN_SAMPLE


HTML_SAMPLE = """<!DOCTYPE html>
<html><head><title>Case file &amp; notes</title>
<script>document.write("<p>hidden text</p>");</script>
<style>p { margin: 0 }</style></head>
<body>
<nav><a href="/">Home</a> <a href="/files">All files</a></nav>
<h1>The Tver Clerk Affair</h1>
<p>The clerk Orlov &amp; his deputy vanished in the 1<sup>st</sup> week
of May.<sup>3</sup> Nobody&nbsp;looked for them &#8212; or so it seemed.</p>
<blockquote>We never learned where they went.</blockquote>
<p><sup>3</sup> Regional archive, fond 12.</p>
<footer><p>Copyright 2024 Example Archive. All rights reserved.</p></footer>
</body></html>
"""


def test_html_reader_keeps_offsets_entities_and_footnotes() -> None:
    document = document_from_text(HTML_SAMPLE, "case.html", suffix=".html")
    assert document.format == "html" and document.title == "The Tver Clerk Affair"
    clean = "\n".join(p.clean for p in document.passages)
    assert "hidden text" not in clean and "margin" not in clean and "<" not in clean
    body = _passage_with(document, "The clerk Orlov & his deputy")
    assert (
        "in the 1st week of May. Nobody looked for them — or so it seemed."
        in body.clean
    )
    amp = body.clean.index("&")
    assert document.text[body.starts[amp] : body.ends[amp]] == "&amp;"
    (ref,) = document.footnote_refs
    assert ref.number == "3" and document.text[ref.start : ref.end] == "<sup>3</sup>"
    note = _passage_with(document, "Regional archive")
    assert note.kind == "footnote" and note.note == "3"
    assert _passage_with(document, "We never learned").kind == "quote"
    assert _passage_with(document, "All files").kind == "boilerplate"
    assert _passage_with(document, "All rights reserved").kind == "boilerplate"
    _check_offsets(document, random.Random(2))


def test_own_markdown_sample() -> None:
    text = (
        "# A *Short* Note\n\n"
        "> Quoted **words** from a [letter](https://example.org/letter).\n\n"
        "Plain text with an escaped \\_underscore\\_, a note[^4] and `code`.\n\n"
        "- first item\n- second item\n\n"
        "[^4]: The note itself.\n"
    )
    document = document_from_text(text, "note.md", suffix=".md")
    assert document.format == "markdown" and document.title == "A Short Note"
    kinds = [(p.kind, p.clean) for p in document.passages]
    assert kinds[:2] == [
        ("heading", "A Short Note"),
        ("quote", "Quoted words from a letter."),
    ]
    assert (
        "body",
        "Plain text with an escaped _underscore_, a note and code.",
    ) in kinds
    assert ("body", "first item") in kinds and ("body", "second item") in kinds
    assert [r.number for r in document.footnote_refs] == ["4"]
    assert _passage_with(document, "The note itself.").note == "4"
    _check_offsets(document, random.Random(3))


def test_short_label_lines_split_and_hard_wrapped_prose_joins() -> None:
    text = (
        "Ivan Petrov\nResearch Fellow\nRegional Archive\n\n"
        "This paragraph was wrapped by an old word processor at a fixed width of\n"
        "about seventy characters, so its line breaks mean nothing at all and\n"
        "the reader should see one passage.\n"
    )
    document = document_from_text(text, "labels.txt")
    cleans = [p.clean for p in document.passages]
    assert cleans[:3] == ["Ivan Petrov", "Research Fellow", "Regional Archive"]
    assert cleans[3].startswith("This paragraph") and cleans[3].endswith("one passage.")
    assert "width of about seventy" in cleans[3]


CUT_BY_A_CAPTION = (
    "The delegation left the capital in early spring and travelled for weeks "
    "through the northern provinces, where the governor was in no hurry to\n\n\n\n"
    "The governor and his secretary on the station steps, 3 March 1921.\n"
    "(Private collection)\n\n"
    "receive its members, who by then had lost all hope of an audience.\n\n"
    "Two days later the secretary wrote to the ministry and asked for new orders "
    "for the whole delegation. The answer named him acting Northern\n\n"
    "[Fig. 4. The harbour office, about 1922.]\n\n"
    "Fleet Commissar; he kept the post until the autumn.\n"
)


def test_a_sentence_cut_by_a_caption_is_one_passage_and_the_caption_its_own() -> None:
    document = document_from_text(CUT_BY_A_CAPTION, "caption.txt")
    text = document.text
    cut = _passage_with(document, "in no hurry to receive its members, who")
    caption = _passage_with(document, "station steps")
    assert cut.kind == "body" and "Private" not in cut.clean
    assert caption.kind == "caption"
    assert caption.clean.endswith("3 March 1921. (Private collection)")
    assert cut.start < caption.start and caption.end < cut.end
    assert document.passages.index(cut) + 1 == document.passages.index(caption)
    at = cut.clean.index("to receive")
    start, end = cut.original_span(at, at + len("to receive"))
    assert text[start:end].startswith("to\n") and text[start:end].endswith("receive")
    assert caption.start < end and not cut.holds(caption.start, caption.end)
    assert cut.holds(start, end) and caption.holds(caption.start, caption.end)
    _check_offsets(document, random.Random(5))


def test_a_capital_carries_the_sentence_on_only_across_a_caption() -> None:
    document = document_from_text(CUT_BY_A_CAPTION, "caption.txt")
    post = _passage_with(document, "acting Northern Fleet Commissar; he kept")
    figure = _passage_with(document, "The harbour office")
    assert figure.kind == "caption" and post.start < figure.start < post.end
    plain = CUT_BY_A_CAPTION.replace("[Fig. 4. The harbour office, about 1922.]", "2")
    cleans = [p.clean for p in document_from_text(plain, "plain.txt").passages]
    assert "2" in cleans and cleans[-1].startswith("Fleet Commissar;")


def test_short_paragraphs_between_whole_ones_are_not_captions() -> None:
    text = (
        "The commission met in the autumn and heard the witnesses in turn.\n\n"
        "It sat for three days\n\n"
        "(see the minutes)\n\n"
        "The minutes were lost in the war, and only the list of members survived.\n\n"
        "The report was sent on to\n\n"
        "Chapter Two\n\n"
        "The Inquiry reopened in the spring.\n"
    )
    document = document_from_text(text, "whole.txt")
    assert [p.clean for p in document.passages] == [
        "The commission met in the autumn and heard the witnesses in turn.",
        "It sat for three days",
        "(see the minutes)",
        "The minutes were lost in the war, and only the list of members survived.",
        "The report was sent on to",
        "Chapter Two",
        "The Inquiry reopened in the spring.",
    ]
    assert "caption" not in {p.kind for p in document.passages}
    _check_offsets(document, random.Random(6))
    labels = document_from_text("Ivan Petrov\n\nArchive Fellow\n\nand a clerk\n", "l")
    spans = sorted((p.start, p.end) for p in labels.passages)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


@pytest.mark.parametrize(
    ("block", "caption"),
    [
        ("Fig. 12. The commissariat building on Lubianka Square.", True),
        ("Рис. 3. Здание управления НКВД, 1936 г.", True),
        ("The camp gate in winter. Photo by an unknown prisoner.", True),
        ("Из собрания Государственного архива.", True),
        ("The delegates in the hall, 1935 [Hoover Institution]", True),
        ("Lenin and Stalin at Gorki, 1922. Author's collection.", True),
        ("Archive Fellow", False),
        ("It sat for three days.", False),
        ("Chapter Two", False),
        ("A second wave of arrests followed in the spring.", False),
    ],
)
def test_caption_cues(block: str, caption: bool) -> None:
    assert is_caption(block) is caption


@needs_corpus
def test_photo_captions_in_the_monograph_chapter_leave_the_sentences_whole() -> None:
    document = _document("001_6e4e8980019ef5a9.txt")
    captions = [p for p in document.passages if p.kind == "caption"]
    assert captions
    for caption in captions:
        holder = next(
            p
            for p in document.passages
            if p.start < caption.start and caption.end < p.end
        )
        assert holder.kind == "body" and caption.clean not in holder.clean
    assert (
        "prepare and, if necessary, solve"
        in _passage_with(document, "prepare and, if necessary").clean
    )
    assert all("collection) if" not in p.clean for p in document.passages)


def test_boilerplate_rules_load() -> None:
    rules = load_rules()
    assert len(rules) >= 10 and len({rule.id for rule in rules}) == len(rules)
    assert any(rule.section for rule in rules)


def test_empty_and_whitespace_files_are_warnings(tmp_path: Path) -> None:
    for name, data in (("empty.txt", b""), ("blank.txt", b" \n\t\n")):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(IngestError) as caught:
            read_document(path, name)
        assert caught.value.level == "warning" and caught.value.file == name
        assert str(caught.value).startswith(f"{name}: empty file")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"GIF89a\x01\x00\x00\x00\xff\xff", "binary file (NUL bytes), skipped"),
        (
            bytes(range(1, 32)) * 40,
            "binary file (too many control characters), skipped",
        ),
        (
            random.Random(7).randbytes(4000).translate(bytes(range(128, 256)) * 2),
            "cannot determine the text encoding (not UTF-8, cp1251 or koi8-r)",
        ),
    ],
)
def test_unreadable_content_is_an_error(
    tmp_path: Path, data: bytes, problem: str
) -> None:
    path = tmp_path / "bad.bin"
    path.write_bytes(data)
    with pytest.raises(IngestError) as caught:
        read_document(path, "bad.bin")
    assert caught.value.level == "error"
    assert str(caught.value) == f"bad.bin: {problem}"


def test_unreadable_paths_are_errors(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "missing-target.txt")
    for path in (folder, broken):
        with pytest.raises(IngestError) as caught:
            read_document(path, path.name)
        assert str(caught.value).startswith(f"{path.name}: cannot read")
        assert "\n" not in str(caught.value)
    if os.geteuid() != 0:
        locked = tmp_path / "locked.txt"
        locked.write_text("secret", encoding="utf-8")
        locked.chmod(0)
        with pytest.raises(IngestError, match="permission denied"):
            read_document(locked, "locked.txt")


def test_discover_reports_missing_sources(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    found, errors = discover([missing])
    assert found == []
    assert [str(e) for e in errors] == [f"{missing}: no such file or directory"]


def test_discover_walks_a_large_folder(tmp_path: Path) -> None:
    root = tmp_path / "sources"
    (root / "sub").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / ".hidden" / "secret.txt").write_text("x", encoding="utf-8")
    (root / ".dotfile.txt").write_text("x", encoding="utf-8")
    for i in range(2000):
        folder = root / "sub" if i % 2 else root
        (folder / f"f{i:04d}.txt").write_text(f"Note {i}.", encoding="utf-8")
    found, errors = discover([root])
    assert errors == [] and len(found) == 2000
    names = [name for _, name in found]
    assert names == sorted(names) and "f0000.txt" in names and "sub/f0001.txt" in names
    single, _ = discover([root / "f0000.txt"])
    assert single == [(root / "f0000.txt", str(root / "f0000.txt"))]


def test_ingest_error_is_one_line_and_picklable() -> None:
    import pickle

    err = IngestError("a.txt", "binary file (NUL bytes), skipped")
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.file, copy.problem, copy.level) == ("a.txt", err.problem, "error")
    assert str(copy) == "a.txt: binary file (NUL bytes), skipped"


def test_a_document_ten_times_longer_has_ten_times_the_passages() -> None:
    """Whether the cost grows linearly is measured by `make bench`, not here."""
    paragraph = (
        "In the spring the commissar signed an order, and the deputy chief of the "
        "regional directorate was re-\nmoved from his post.¹ The archive keeps the "
        "draft with corrections in red pencil.\n\n"
    )
    small = document_from_text(paragraph * 500, "small.txt")
    large = document_from_text(paragraph * 5000, "large.txt")
    assert len(large.passages) == 10 * len(small.passages)
