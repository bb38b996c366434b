"""PDF input: paragraphs, headings (outline, else typography), running furniture, hyphens, pages, bad files."""

from __future__ import annotations

import datetime as dt
import io
import json
import zlib
from pathlib import Path

import jsonschema
import pytest
from fpdf import FPDF
from typer.testing import CliRunner

from docscan.cli import app
from docscan.errors import EncryptedDocumentError, FormatError, InputError, NoTextLayerError
from docscan.loading import decode_bytes
from docscan.model import Document, RegionKind

BODY = [
    "The harbor committee met on Tuesday to discuss the inter-\nnational shipping schedule and the "
    "repairs of the North-\nWest pier before winter.",
    "A second paragraph follows with more words about the budget, the council survey and the railway station.",
]


class _Report(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", "", 9)
        self.cell(0, 8, "Harbor Authority Annual Report", align="C")
        self.ln(14)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "", 9)
        self.cell(0, 8, f"Page {self.page_no()}", align="C")


def make_pdf(*, outline: bool = True, furniture: bool = True) -> bytes:
    pdf = _Report() if furniture else FPDF()
    pdf.set_title("Harbor report")
    pdf.set_author("Ana Lopez")
    pdf.set_creation_date(dt.datetime(2024, 5, 1, 9, 30, tzinfo=dt.timezone.utc))
    sections = [("Introduction", 0, BODY), ("Findings", 1, ["The engineers reported that the archive was moved."]),
                ("Outlook", 1, ["Work on the ferry ramp starts in spring."])]
    for title, level, paras in sections:
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 18 if level == 0 else 14)
        if outline:
            pdf.start_section(title, level=level)
        pdf.multi_cell(0, 10, title)
        pdf.ln(3)
        pdf.set_font("Helvetica", "", 11)
        for text in paras:
            pdf.multi_cell(0, 6, text)
            pdf.ln(5)
    return bytes(pdf.output())


def load(data: bytes, suffix: str = ".pdf") -> Document:
    return decode_bytes(data, path=f"report{suffix}", suffix=suffix)


def table(doc: Document) -> list[tuple[str, str, int, int]]:
    lines = doc.text.split("\n")
    return [(lines[r.start_line - 1], r.kind.value, r.level, r.page) for r in doc.regions]


def test_paragraphs_headings_furniture_and_pages() -> None:
    doc = load(make_pdf())
    assert doc.format == "pdf"
    assert table(doc) == [
        ("Harbor Authority Annual Report", "furniture", 0, 1),
        ("Introduction", "heading", 1, 1),
        ("The harbor committee met on Tuesday to discuss the international shipping schedule and the repairs "
         "of the North-West pier before winter.", "prose", 0, 1),
        ("A second paragraph follows with more words about the budget, the council survey and the railway "
         "station.", "prose", 0, 1),
        ("Page 1", "furniture", 0, 1),
        ("Harbor Authority Annual Report", "furniture", 0, 2),
        ("Findings", "heading", 2, 2),
        ("The engineers reported that the archive was moved.", "prose", 0, 2),
        ("Page 2", "furniture", 0, 2),
        ("Harbor Authority Annual Report", "furniture", 0, 3),
        ("Outlook", "heading", 2, 3),
        ("Work on the ferry ramp starts in spring.", "prose", 0, 3),
        ("Page 3", "furniture", 0, 3),
    ]
    assert "\n\n\n" not in doc.text and doc.text.endswith("station.\n\nPage 1\n\nHarbor Authority Annual Report\n\n"
                                                              "Findings\n\nThe engineers reported that the archive was "
                                                              "moved.\n\nPage 2\n\nHarbor Authority Annual Report\n\n"
                                                              "Outlook\n\nWork on the ferry ramp starts in spring.\n\n"
                                                              "Page 3\n")


def test_without_an_outline_headings_come_from_font_size_and_weight() -> None:
    rows = table(load(make_pdf(outline=False, furniture=False)))
    assert [(t, level) for t, kind, level, _ in rows if kind == "heading"] == [
        ("Introduction", 1), ("Findings", 2), ("Outlook", 2)
    ]
    assert not any(kind == "furniture" for _, kind, _, _ in rows)


def test_a_single_page_has_no_running_furniture_but_a_page_number_is_one() -> None:
    pdf = _Report()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "Only one page of text here, about the harbor.")
    rows = table(load(bytes(pdf.output())))
    assert ("Harbor Authority Annual Report", "prose", 0, 1) in rows
    assert ("Page 1", "furniture", 0, 1) in rows


def test_metadata_from_the_info_dictionary() -> None:
    meta = dict(load(make_pdf()).metadata)
    assert meta["title"] == "Harbor report" and meta["author"] == "Ana Lopez"
    assert meta["created"].startswith("2024-05-01T09:30:00")


def test_detected_by_content_whatever_the_name() -> None:
    assert load(make_pdf(), suffix=".txt").format == "pdf"


def _encrypted() -> bytes:
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="user")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 12)
    pdf.cell(0, 10, "secret harbor plans")
    return bytes(pdf.output())


def _scanned() -> bytes:
    from PIL import Image

    img = io.BytesIO()
    Image.new("L", (200, 100), 200).save(img, format="PNG")
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(io.BytesIO(img.getvalue()), x=10, y=10, w=180)
    return bytes(pdf.output())


BAD = [
    ("not-a-pdf", b"Dear reader, this is a letter saved with the wrong name.\n", FormatError, "not a PDF"),
    ("truncated", make_pdf()[:700], FormatError, "damaged PDF"),
    ("encrypted", _encrypted(), EncryptedDocumentError, "encrypted"),
    ("scanned", _scanned(), NoTextLayerError, "OCR is needed"),
]


@pytest.mark.parametrize(("name", "data", "error", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_pdfs_are_clear_errors(name: str, data: bytes, error: type[InputError], words: str) -> None:
    with pytest.raises(error, match=words) as info:
        load(data)
    assert info.value.hint


@pytest.mark.parametrize(("name", "data", "error", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_pdfs_exit_3_with_one_line(tmp_path: Path, name: str, data: bytes, error: type, words: str) -> None:
    p = tmp_path / f"{name}.pdf"
    p.write_bytes(data)
    result = CliRunner().invoke(app, ["scan", str(p)])
    assert result.exit_code == 3
    first, second = result.stderr.strip().split("\n")
    assert first.startswith(f"error: {p}: ") and words in first and second.startswith("hint: ")


def test_region_kinds_cover_every_block() -> None:
    doc = load(make_pdf())
    blocks = doc.text.rstrip("\n").split("\n\n")
    assert len(blocks) == len(doc.regions)
    assert {r.kind for r in doc.regions} == {RegionKind.FURNITURE, RegionKind.HEADING, RegionKind.PROSE}


@pytest.mark.model
def test_json_offsets_index_the_extracted_text(tmp_path: Path, schema: dict) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "Maria Lopez of the Harbor Authority visited Norway and Denmark on Tuesday.")
    pdf.ln(5)
    pdf.multi_cell(0, 6, "The ferry between Oslo and Copenhagen will run again from May.")
    p = tmp_path / "ferries.pdf"
    p.write_bytes(bytes(pdf.output()))
    result = CliRunner().invoke(app, ["scan", str(p), "--json"])
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    jsonschema.validate(record, schema)
    text = record["document"]["text"]
    assert record["document"]["format"] == "pdf"
    mentions = [m for group in record["entities"].values() for e in group for m in e["mentions"]]
    assert any(m["text"] == "Norway" for m in mentions)
    for m in mentions:
        assert text[m["start_char"] : m["end_char"]] == m["text"]


def test_a_paragraph_cut_by_a_page_end_is_one_block_on_its_first_page() -> None:
    words = " ".join(["the harbor committee met again on tuesday"] * 30)
    pdf = FPDF()
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.set_y(240)
    pdf.multi_cell(0, 6, f"Opening words {words} and closing words.")
    rows = table(load(bytes(pdf.output())))
    assert rows == [(f"Opening words {words} and closing words.", "prose", 0, 1)]


def _bomb_pdf(inflated: int) -> bytes:
    """A one-page PDF whose content stream is `inflated` bytes of spaces, deflated (about 1000:1)."""
    stream = zlib.compress(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET\n" + b" " * inflated, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_compression_bomb_is_refused_before_it_fills_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    from docscan.formats import pdf

    monkeypatch.setattr(pdf, "MIN_INFLATE_BYTES", 2**20)  # a small budget keeps the test fast
    assert "Hello" in load(_bomb_pdf(2**19)).text  # within budget: read as usual
    with pytest.raises(FormatError, match="compression bomb"):
        load(_bomb_pdf(8 * 2**20))  # 8 MB from about 8 kB
    # the module pdfminer uses is zlib again afterwards
    from pdfminer import pdftypes

    assert pdftypes.zlib is zlib
