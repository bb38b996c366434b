"""DOCX input: headings from styles, lists, tables, core properties, and every bad package refused cleanly."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import docx
import jsonschema
import pytest
from typer.testing import CliRunner

from docscan.cli import app
from docscan.errors import EncryptedDocumentError, FormatError, InputError, TooLargeError
from docscan.formats.docx import MAX_RATIO
from docscan.loading import decode_bytes
from docscan.model import Document


def make_docx(*, title: bool = True, image_bytes: int = 0) -> bytes:
    d = docx.Document()
    props = d.core_properties
    props.title, props.author = "Harbor report", "Ana Lopez"
    props.created = dt.datetime(2024, 5, 1, 9, 30, tzinfo=dt.timezone.utc)
    if title:
        d.add_heading("Harbor report", 0)
    d.add_heading("Background", 1)
    d.add_paragraph("The harbor committee met on Tuesday\tin the town hall.")
    d.add_paragraph("New railings on the north pier", style="List Bullet")
    d.add_paragraph("A second ferry ramp", style="List Number")
    table = d.add_table(rows=2, cols=3)
    for c, value in enumerate(("Year", "Ships", "Ferries")):
        table.cell(0, c).text = value
    table.cell(1, 0).text = "2023"
    merged = table.cell(1, 1).merge(table.cell(1, 2))
    merged.text = "41 in all"
    d.add_heading("Details", 2)
    d.add_paragraph("We waited ten years for this.", style="Quote")
    d.add_paragraph("The closing words of the report.")
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    if image_bytes:  # a large, highly compressible media part, as a photo-heavy report has
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                dst.writestr(info, src.read(info))
            dst.writestr("word/media/image1.png", b"\0" * image_bytes)
        data = out.getvalue()
    return data


def load(data: bytes, suffix: str = ".docx") -> Document:
    return decode_bytes(data, path=f"report{suffix}", suffix=suffix)


def kinds(doc: Document) -> list[tuple[str, str, int]]:
    lines = doc.text.split("\n")
    return [(lines[r.start_line - 1], r.kind.value, r.level) for r in doc.regions]


def test_text_blocks_and_regions_in_reading_order() -> None:
    doc = load(make_docx())
    assert doc.format == "docx"
    assert doc.text == (
        "Harbor report\n\nBackground\n\nThe harbor committee met on Tuesday in the town hall.\n\n"
        "New railings on the north pier\n\nA second ferry ramp\n\nYear\tShips\tFerries\n\n2023\t41 in all\n\n"
        "Details\n\nWe waited ten years for this.\n\nThe closing words of the report.\n"
    )
    assert kinds(doc) == [
        ("Harbor report", "heading", 1),
        ("Background", "heading", 2),
        ("The harbor committee met on Tuesday in the town hall.", "prose", 0),
        ("New railings on the north pier", "list", 0),
        ("A second ferry ramp", "list", 0),
        ("Year\tShips\tFerries", "table", 0),
        ("2023\t41 in all", "table", 0),  # a merged cell is read once
        ("Details", "heading", 3),
        ("We waited ten years for this.", "quote", 0),
        ("The closing words of the report.", "prose", 0),
    ]


def test_without_a_title_heading_n_is_level_n() -> None:
    levels = [(t, level) for t, k, level in kinds(load(make_docx(title=False))) if k == "heading"]
    assert levels == [("Background", 1), ("Details", 2)]


def test_core_properties_become_metadata() -> None:
    meta = dict(load(make_docx()).metadata)
    assert meta["title"] == "Harbor report"
    assert meta["author"] == "Ana Lopez"
    assert meta["created"].startswith("2024-05-01T09:30:00")


def test_detected_by_content_whatever_the_name() -> None:
    assert load(make_docx(), suffix="").format == "docx"


def test_big_media_parts_are_not_read() -> None:
    doc = load(make_docx(image_bytes=64 * 2**20))
    assert "Harbor report" in doc.text


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


BAD = [
    ("not-a-zip", b"just some words in a file named .docx\n", FormatError, "not a zip archive"),
    ("no-document-part", _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"}), FormatError,
     "without word/document.xml"),
    ("bomb", _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b" " * (MAX_RATIO * 20_000)}),
     TooLargeError, "zip bomb"),
    ("encrypted", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, EncryptedDocumentError, "password"),
    ("damaged-part", _zip({"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document"}), FormatError, "damaged part"),
]


@pytest.mark.parametrize(("name", "data", "error", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_packages_are_clear_errors(name: str, data: bytes, error: type[InputError], words: str) -> None:
    with pytest.raises(error, match=words) as info:
        load(data)
    assert info.value.hint


@pytest.mark.parametrize(("name", "data", "error", "words"), BAD[:3], ids=[b[0] for b in BAD[:3]])
def test_bad_packages_exit_3_with_one_line(tmp_path: Path, name: str, data: bytes, error: type, words: str) -> None:
    p = tmp_path / f"{name}.docx"
    p.write_bytes(data)
    result = CliRunner().invoke(app, ["text", str(p)])
    assert result.exit_code == 3
    first, second = result.stderr.strip().split("\n")
    assert first.startswith(f"error: {p}: ") and second.startswith("hint: ")


@pytest.mark.model
def test_json_offsets_index_the_extracted_text(tmp_path: Path, schema: dict) -> None:
    d = docx.Document()
    d.add_heading("Ferries", 1)
    d.add_paragraph("Maria Lopez of the Harbor Authority visited Norway and Denmark on Tuesday.")
    d.add_paragraph("The ferry between Oslo and Copenhagen will run again from May.")
    p = tmp_path / "ferries.docx"
    d.save(str(p))
    result = CliRunner().invoke(app, ["scan", str(p), "--json"])
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    jsonschema.validate(record, schema)
    text = record["document"]["text"]
    assert record["document"]["format"] == "docx"
    mentions = [m for group in record["entities"].values() for e in group for m in e["mentions"]]
    assert any(m["text"] == "Norway" for m in mentions)
    for m in mentions:
        assert text[m["start_char"] : m["end_char"]] == m["text"]
