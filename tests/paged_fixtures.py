"""Small paged sources written for the tests: a PDF with a text layer, a DOCX,
ALTO XML and hOCR. The text is ours; the PDF and DOCX are written byte by byte
here (no generator library), so the fixtures are remade on every run."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

# Two pages of a made-up book: a running head and a page number on each, a word
# hyphenated across a line, a paragraph that starts on one page and one on the next.
PAGES = [
    [
        "THE ARCHIVE OF THE COMMISSARIAT",
        "",
        "Pavel Ostrogin was appointed head of the",
        "economic department of the OGPU in May 1931. He com-",
        "manded it for four years.",
        "",
        "In the spring of 1935 he was moved to Kharkov.",
        "",
        "46",
    ],
    [
        "THE ARCHIVE OF THE COMMISSARIAT",
        "",
        "Ostrogin was arrested on 12 June 1937 in Kharkov",
        "and shot in September 1937.",
        "",
        "His deputy, Ilya Venitsky, survived the purge.",
        "",
        "47",
    ],
]


def blocks(page: list[str]) -> list[list[str]]:
    """The page's lines grouped into blocks at the blank lines."""
    grouped: list[list[str]] = [[]]
    for line in page:
        if line:
            grouped[-1].append(line)
        else:
            grouped.append([])
    return [b for b in grouped if b]


def pdf_bytes(pages: list[list[str]] = PAGES) -> bytes:
    """A PDF whose pages set these lines in Helvetica, top to bottom."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
    font = 3
    objects.append(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        "/Encoding /WinAnsiEncoding >>"
    )
    kids = []
    for page in pages:
        y, ops = 760, []
        for line in page:
            if line:
                text = re.sub(r"([()\\])", r"\\\1", line)
                ops.append(f"BT /F1 11 Tf 72 {y} Td ({text}) Tj ET")
            y -= 14 if line else 10
        stream = "\n".join(ops)
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        content = len(objects)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(path: Path, pages: list[list[str]] = PAGES) -> None:
    """A DOCX with a heading, one paragraph per block of text, and a page break
    between the pages; line breaks inside a paragraph as `w:br`."""
    body = [
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
        "<w:r><w:t>Chapter Four</w:t></w:r></w:p>"
    ]
    for number, page in enumerate(pages):
        for index, block in enumerate(blocks(page)[1:-1]):
            brk = '<w:r><w:br w:type="page"/></w:r>' if number and index == 0 else ""
            runs = "<w:r><w:br/></w:r>".join(
                f'<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r>'
                for line in block
            )
            body.append(f"<w:p>{brk}{runs}</w:p>")
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}">'
        f"<w:body>{''.join(body)}</w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w") as docx:
        docx.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        docx.writestr("word/document.xml", document)


def alto_text(pages: list[list[str]] = PAGES) -> str:
    """ALTO v4: a TextBlock per block, a TextLine per line, a String per word,
    and a HYP where a line ends in a hyphenated word."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    out.append('<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout>')
    for number, page in enumerate(pages, start=1):
        out.append(f'<Page ID="p{number}" PHYSICAL_IMG_NR="{number}"><PrintSpace>')
        for block in blocks(page):
            out.append("<TextBlock>")
            for line in block:
                words = line.split()
                hyphen = words[-1].endswith("-")
                if hyphen:
                    words[-1] = words[-1][:-1]
                strings = "<SP/>".join(
                    f'<String CONTENT="{escape(w, {chr(34): "&quot;"})}"/>'
                    for w in words
                )
                end = '<HYP CONTENT="-"/>' if hyphen else ""
                out.append(f"<TextLine>{strings}{end}</TextLine>")
            out.append("</TextBlock>")
        out.append("</PrintSpace></Page>")
    out.append("</Layout></alto>")
    return "\n".join(out)


def hocr_text(pages: list[list[str]] = PAGES) -> str:
    """hOCR as an OCR engine writes it: pages, paragraphs, lines and words."""
    out = [
        "<!DOCTYPE html>",
        '<html><head><meta name="ocr-system" content="made-for-tests"/></head><body>',
    ]
    for number, page in enumerate(pages, start=1):
        out.append(f"<div class='ocr_page' id='page_{number}'>")
        for block in blocks(page):
            out.append("<p class='ocr_par'>")
            for line in block:
                words = " ".join(
                    f"<span class='ocrx_word'>{escape(w)}</span>" for w in line.split()
                )
                out.append(f"<span class='ocr_line'>{words}</span>")
            out.append("</p>")
        out.append("</div>")
    out.append("</body></html>")
    return "\n".join(out)
