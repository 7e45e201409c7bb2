"""A hostile corpus: every kind of file a user's folder may hold, written at test
time, with what a build must make of each (a document, a problem, or both).

`write_corpus(root)` returns the expectations; `python tests/hostile.py DIR`
writes the corpus for a look by hand. All text here is written for these tests.
"""

from __future__ import annotations

import codecs
import os
import struct
import sys
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ENGLISH = (
    "Nikolai Yezhov was appointed People's Commissar of Internal Affairs in "
    "September 1936 and was arrested in April 1939."
)
RUSSIAN = (
    "Генрих Ягода был назначен наркомом внутренних дел в июле 1934 года, "
    "а в марте 1937 года его арестовали."
)
HEBREW = "ברוכים הבאים לאתר, כאן תמצאו מידע רב על תולדות המשפחה שלכם ועוד הרבה"


@dataclass
class Corpus:
    """What a build of the hostile corpus must produce, by file name as built."""

    kinds: list[str] = field(default_factory=list)
    built: set[str] = field(default_factory=set)
    problems: dict[str, str] = field(default_factory=dict)  # file -> level
    real: list[str] = field(default_factory=list)


def _png() -> bytes:
    """A real 16x16 grey PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 16, 16, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + bytes(range(16)) for _ in range(16)))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def _deep_html(levels: int) -> str:
    return (
        "<html><body>"
        + "<div>" * levels
        + f"<p>{ENGLISH}</p>"
        + "</div>" * levels
        + "</body></html>"
    )


def _markdown_table() -> str:
    return (
        "# Commissars\n\n"
        "| Name | Appointed | Arrested |\n"
        "|------|-----------|----------|\n"
        "| Nikolai Yezhov | September 1936 | April 1939 |\n"
        "| Genrikh Yagoda | July 1934 | March 1937 |\n\n"
        f"{ENGLISH}\n"
    )


def _one_line(kilobytes: int) -> bytes:
    """Sentences on one line without a break, about `kilobytes` long."""
    sentence = (ENGLISH + " ").encode()
    return sentence * (kilobytes * 1024 // len(sentence) + 1)


# Files a build reads into documents: name -> bytes.
def _readable(line_kb: int) -> dict[str, bytes]:
    nfd = unicodedata.normalize("NFD", "Йосиф Ёлкин и Николай Ежов")
    paragraphs = f"{ENGLISH}\n\n{RUSSIAN}\n"
    return {
        "cp1251.txt": RUSSIAN.encode("cp1251"),
        "koi8-r.txt": RUSSIAN.encode("koi8-r"),
        "cp1252.txt": "The café owner was questioned in 1937.".encode("cp1252"),
        "utf16-bom.txt": paragraphs.encode("utf-16"),
        "utf16le-no-bom.txt": paragraphs.encode("utf-16-le"),
        "utf16be-no-bom.txt": paragraphs.encode("utf-16-be"),
        "utf32-bom.txt": paragraphs.encode("utf-32"),
        "utf8-bom.txt": codecs.BOM_UTF8 + paragraphs.encode("utf-8"),
        "zero-width.txt": "Nikolai Ye\u200bzhov was arrested in April 1939.\n".encode(),
        "bidi-marks.txt": "He met \u2066Yezhov\u2069 and \u200fFrinovsky.\n".encode(),
        "nfd-names.txt": f"{nfd} были арестованы.\n".encode(),
        "unclosed-head.html": (
            f"<html><head><title>Card</title><p>{ENGLISH}</p></html>".encode()
        ),
        "deep-nesting.html": _deep_html(5000).encode(),
        "markdown-table.md": _markdown_table().encode(),
        "crlf.txt": paragraphs.replace("\n", "\r\n").encode(),
        "cr-only.txt": paragraphs.replace("\n", "\r").encode(),
        "long-word.txt": ("Zz" * 50_000 + " was a word.\n").encode(),
        "only-punctuation.txt": b"... !!! ??? --- *** ;;; ,,,\n",
        "hebrew-line.txt": f"{ENGLISH}\n{HEBREW}\n{ENGLISH}\n".encode(),
        "huge-line.txt": _one_line(line_kb),
        "html-entities.html": (
            f"<html><p>Bad refs &#0; &#xD800; &#99999999; &bogus; {ENGLISH}</p></html>"
        ).encode(),
        "script-only.html": (
            f"<html><body><p>{ENGLISH}</p><script>var s='</p>';</script></body></html>"
        ).encode(),
        "new\nline.txt": ENGLISH.encode(),
        "tab\tand\x07bell.txt": ENGLISH.encode(),
        "ünïcödé name.txt": ENGLISH.encode(),
        "folder.txt/inside.txt": ENGLISH.encode(),
    }


# Files a build reads with a warning: name -> bytes.
def _repaired() -> dict[str, bytes]:
    body = (ENGLISH + " — “quoted” ").encode()
    return {
        "utf8-bad-bytes.txt": body * 3 + b"\xff\xfe" + body * 3,
        "stray-nuls.txt": body * 4 + b"\x00" + body * 4,
    }


# Files a build cannot read: name -> (bytes, level).
def _unreadable() -> dict[str, tuple[bytes, str]]:
    return {
        "empty.txt": (b"", "warning"),
        "whitespace.txt": (b"  \n\t\r\n  \n", "warning"),
        "bom-only.txt": (codecs.BOM_UTF8, "warning"),
        "image.png": (_png(), "error"),
        "archive.zip": (
            b"PK\x03\x04" + bytes(40) + b"content.xml" + bytes(60),
            "error",
        ),
        "controls.bin": (bytes(range(1, 32)) * 64, "error"),
        "bad\nname.bin": (_png(), "error"),
    }


def _special(root: Path, corpus: Corpus) -> None:
    """Links, a pipe and an unreadable file: not plain files at all."""
    (root / "loop-a.txt").symlink_to(root / "loop-b.txt")
    (root / "loop-b.txt").symlink_to(root / "loop-a.txt")
    (root / "broken-link.txt").symlink_to(root / "no-such-target.txt")
    os.mkfifo(root / "named-pipe.txt")
    corpus.kinds += ["symlink loop", "broken symlink", "named pipe"]
    for name in ("loop-a.txt", "loop-b.txt", "broken-link.txt", "named-pipe.txt"):
        corpus.problems[name] = "error"
    (root / "self-loop").mkdir()
    (root / "self-loop" / "again").symlink_to(root / "self-loop")
    corpus.kinds.append("folder symlink loop")
    locked = root / "locked.txt"
    locked.write_text(ENGLISH, encoding="utf-8")
    locked.chmod(0)
    corpus.kinds.append("unreadable file (chmod 000)")
    if os.geteuid() == 0:  # root reads it all the same, so it is a document then
        corpus.built.add("locked.txt")
    else:
        corpus.problems["locked.txt"] = "error"
    (root / ".hidden.txt").write_text(ENGLISH, encoding="utf-8")
    corpus.kinds.append("hidden file (skipped by design)")


def _non_utf8_name(root: Path, corpus: Corpus) -> None:
    """A file name that is not UTF-8 (a Latin-1 `é`), as old archives have."""
    with open(os.fsencode(root) + b"/caf\xe9.txt", "wb") as out:
        out.write(ENGLISH.encode())
    corpus.kinds.append("file name with non-UTF-8 bytes")
    corpus.built.add("caf\\xe9.txt")


def _tiny_files(root: Path, corpus: Corpus, count: int) -> None:
    folder = root / "tiny"
    folder.mkdir()
    for i in range(count):
        (folder / f"note-{i:05d}.txt").write_text(f"Note {i}: filed.\n", "utf-8")
        corpus.built.add(f"tiny/note-{i:05d}.txt")
    corpus.kinds.append(f"{count} tiny files")


def _write_all(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def write_corpus(
    root: Path, tiny: int = 300, line_kb: int = 30, real: list[Path] | None = None
) -> Corpus:
    """Write the hostile corpus under `root` and say what a build must make of it:
    `tiny` one-line files, a `line_kb` KB line, copies of the `real` files."""
    corpus = Corpus()
    readable, repaired = _readable(line_kb), _repaired()
    unreadable = _unreadable()
    _write_all(root, readable | repaired)
    _write_all(root, {name: data for name, (data, _) in unreadable.items()})
    corpus.kinds += [*readable, *repaired, *unreadable]
    corpus.built |= {*readable, *repaired}
    corpus.problems |= {name: "warning" for name in repaired}
    corpus.problems |= {name: level for name, (_, level) in unreadable.items()}
    steps: list[Callable[[Path, Corpus], None]] = [_special, _non_utf8_name]
    for step in steps:
        step(root, corpus)
    _tiny_files(root, corpus, tiny)
    for path in real or []:
        target = root / "real" / path.name
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(path.read_bytes())
        corpus.real.append(f"real/{path.name}")
    corpus.built |= set(corpus.real)
    return corpus


if __name__ == "__main__":
    tiny = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    written = write_corpus(Path(sys.argv[1]), tiny=tiny)
    print(f"{len(written.kinds)} kinds of file written to {sys.argv[1]}")
