"""Loading: every kind of bad input is a specific, explained error; good input decodes exactly."""

from __future__ import annotations

import codecs
import os
import sys
from pathlib import Path

import pytest

from docscan.errors import (
    EmptyDocumentError,
    FileMissingError,
    InputError,
    IsADirectoryInputError,
    NotTextError,
    UndecodableError,
    UnreadableFileError,
)
from docscan.loading import decode_bytes, detect_markup, load_path
from docscan.model import Markup

BAD_BYTES = [
    ("empty", b"", EmptyDocumentError),
    ("whitespace only", b"  \n\t\n  \n", EmptyDocumentError),
    ("nul bytes", b"PK\x03\x04\x00\x00\x08\x00binary", NotTextError),
    ("control characters", bytes(range(1, 9)) * 20 + b"text", NotTextError),
    ("short invalid utf-8", b"caf\xe9", UndecodableError),
    ("bad utf-16 after bom", codecs.BOM_UTF16_LE + b"\x00\xd8", UndecodableError),
]


@pytest.mark.parametrize(("name", "data", "error"), BAD_BYTES, ids=[c[0] for c in BAD_BYTES])
def test_bad_bytes_raise_specific_error_with_hint(name: str, data: bytes, error: type[InputError]) -> None:
    with pytest.raises(error) as info:
        decode_bytes(data, path="x.txt")
    assert info.value.hint, "every input error tells the user what to do"
    assert info.value.exit_status == 3


GOOD_BYTES = [
    ("utf-8", "Grüße aus Köln.\n".encode(), "utf-8", "Grüße aus Köln.\n"),
    ("utf-8 bom", codecs.BOM_UTF8 + b"Hello there.\n", "utf-8 (BOM)", "Hello there.\n"),
    ("utf-16 bom", "Zürich is here.\n".encode("utf-16"), "utf-16 (BOM)", "Zürich is here.\n"),
    ("crlf", b"one\r\ntwo\r\n", "utf-8", "one\ntwo\n"),
    ("old mac cr", b"one\rtwo\r", "utf-8", "one\ntwo\n"),
]


@pytest.mark.parametrize(("name", "data", "encoding", "text"), GOOD_BYTES, ids=[c[0] for c in GOOD_BYTES])
def test_good_bytes_decode(name: str, data: bytes, encoding: str, text: str) -> None:
    doc = decode_bytes(data)
    assert doc.encoding == encoding
    assert doc.text == text
    assert doc.bytes == len(data)


def test_legacy_encoding_is_detected_and_reported() -> None:
    text = "Le café de la gare était fermé à cause de la grève générale des cheminots. " * 3
    doc = decode_bytes(text.encode("cp1252"))
    assert doc.text == text
    assert "detected" in doc.encoding


def test_line_bookkeeping() -> None:
    doc = decode_bytes(b"alpha\n\nbeta gamma\ndelta")
    assert doc.lines == 4
    assert doc.line_starts == (0, 6, 7, 18)
    assert [doc.line_of(o) for o in (0, 5, 6, 7, 17, 18, 22)] == [1, 1, 2, 3, 3, 4, 4]


def test_trailing_newline_does_not_add_a_line() -> None:
    assert decode_bytes(b"a\nb\n").lines == 2


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileMissingError):
        load_path(tmp_path / "nope.txt")


def test_directory_given_as_file(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryInputError):
        load_path(tmp_path)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    f = tmp_path / "secret.txt"
    f.write_text("hidden text")
    f.chmod(0)
    with pytest.raises(UnreadableFileError):
        load_path(f)


MARKUP = [
    ("notes.md", "anything", Markup.MARKDOWN),
    ("notes.rst", "anything", Markup.RST),
    ("notes.txt", "# One\n\ntext\n\n## Two\n\n- item\n- item\n", Markup.MARKDOWN),
    ("notes.txt", "Title\n=====\n\ntext\n\nPart\n----\n\nmore\n\nEnd\n~~~~\n", Markup.RST),
    ("notes.txt", "Just a plain paragraph of prose.\n", Markup.PLAIN),
]


@pytest.mark.parametrize(("name", "text", "markup"), MARKUP)
def test_markup_detection(name: str, text: str, markup: Markup) -> None:
    assert detect_markup(text, Path(name).suffix) is markup


def test_permission_denied_is_an_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "locked.txt"
    f.write_text("text")

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(UnreadableFileError) as info:
        load_path(f)
    assert "permission" in info.value.message
