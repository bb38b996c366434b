"""Loading: every kind of bad input is a specific, explained error; good input decodes exactly."""

from __future__ import annotations

import codecs
import io
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from docscan.errors import (
    EmptyDocumentError,
    FileMissingError,
    InputError,
    IsADirectoryInputError,
    NotRegularFileError,
    NotTextError,
    TooLargeError,
    UndecodableError,
    UnreadableFileError,
    UsageError,
)
from docscan.loading import (
    DEFAULT_MAX_BYTES,
    MAX_BYTES_ENV,
    MIN_LANGUAGE_SCORE,
    decode_bytes,
    decode_with_warnings,
    detect_markup,
    language_score,
    load_path,
    max_bytes,
    read_file_bytes,
    read_head,
    read_stream,
)
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

    def deny(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", deny)
    with pytest.raises(UnreadableFileError) as info:
        load_path(f)
    assert "permission" in info.value.message


# --- hostile input: only regular files, bounded size -----------------------------------------

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")


def _in_thread_with_timeout(fn: Callable[[], object], seconds: float = 10) -> object:
    """Run fn in a daemon thread so a regression (a blocking open) fails the test instead of hanging it."""
    box: list[object] = []
    worker = threading.Thread(target=lambda: box.append(_capture(fn)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert box, "reading blocked"
    return box[0]


def _capture(fn: Callable[[], object]) -> object:
    try:
        return fn()
    except Exception as exc:  # returned, so the test can assert on it
        return exc


@needs_fifo
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # no writer: opening it for reading in blocking mode would hang forever
    outcome = _in_thread_with_timeout(lambda: load_path(fifo))
    assert isinstance(outcome, NotRegularFileError)
    assert "named pipe" in outcome.message and outcome.hint and outcome.exit_status == 3


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_character_device_is_refused() -> None:
    outcome = _in_thread_with_timeout(lambda: load_path("/dev/zero"))
    assert isinstance(outcome, NotRegularFileError)
    assert "character device" in outcome.message


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "big.txt"
    f.write_bytes(b"word " * 300)
    monkeypatch.setenv(MAX_BYTES_ENV, "1000")
    with pytest.raises(TooLargeError) as info:
        load_path(f)
    assert "1,500 bytes" in info.value.message and "1,000" in info.value.message
    assert MAX_BYTES_ENV in (info.value.hint or "")
    monkeypatch.setenv(MAX_BYTES_ENV, "2000")
    assert load_path(f).bytes == 1500


def test_size_limit_default_and_bad_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MAX_BYTES_ENV, raising=False)
    assert max_bytes() == DEFAULT_MAX_BYTES >= 50_000_000  # the 50 MB file of test_large.py fits
    monkeypatch.setenv(MAX_BYTES_ENV, "lots")
    with pytest.raises(UsageError):
        max_bytes()


def test_stream_over_the_limit_is_refused() -> None:
    with pytest.raises(TooLargeError):
        read_stream(io.BytesIO(b"x" * 5000), limit=4096)
    assert read_stream(io.BytesIO(b"x" * 4096), limit=4096) == b"x" * 4096


def test_file_growing_past_the_limit_after_stat_is_cut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "growing.txt"
    f.write_bytes(b"a" * 100)
    real_fstat = os.fstat

    def stale_fstat(fd: int) -> os.stat_result:  # the size seen before the file grew
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, *st[1:6], 10, *st[7:]))

    monkeypatch.setattr(os, "fstat", stale_fstat)
    with pytest.raises(TooLargeError):
        read_file_bytes(f, limit=50)


@needs_fifo
def test_fifo_given_on_the_command_line_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    proc = subprocess.run(
        [sys.executable, "-m", "docscan", "scan", str(fifo), "--json"], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 3
    assert proc.stderr.startswith(f"error: {fifo}: is a named pipe")
    assert "Traceback" not in proc.stderr


# --- decoding: UTF-16 without BOM, repaired UTF-8, legacy guesses that read as language --------

FRENCH = (
    "Le château de la forêt était fermé depuis l'été dernier. Les élèves du collège voisin y allaient "
    "à pied chaque année pour étudier l'histoire de la région, où les légendes parlent d'un trésor.\n"
)
POLISH = "Zażółć gęślą jaźń, powiedział stary nauczyciel, gdy uczniowie ćwiczyli litery w zeszytach.\n"
CZECH = "Včera večer jsme šli do města a potkali přátele u řeky, kde se pořádal koncert. Hudba byla krásná.\n"
RUSSIAN = "Вчера вечером в городе прошёл сильный дождь, и многие улицы были затоплены. Жители помогали.\n"
GREEK = "Η πόλη είναι πολύ όμορφη το καλοκαίρι, και πολλοί τουρίστες έρχονται για να δουν τα μνημεία.\n"
JAPANESE = "昨日は雨が降ったので、私たちは家で映画を見ました。とても面白かったです。\n"
CHINESE = "昨天下雨了，所以我们在家里看电影。这部电影非常有意思，我们都很喜欢。\n"

LEGACY = [
    ("french latin-1", FRENCH, "latin-1", "cp1252"),
    ("french cp1252 short", "Le café était fermé à cause de la grève.\n", "cp1252", "cp1252"),
    ("english with one accent", "We met at the café near the station after the long meeting ended.\n", "latin-1", "cp1252"),
    ("smart quotes", "He said \u201cno\u201d and left \u2013 it was late and nobody wanted to argue.\n", "cp1252", "cp1252"),
    ("polish", POLISH, "cp1250", "cp1250"),
    ("polish latin-2", POLISH, "iso8859_2", "iso8859_2"),
    ("czech", CZECH, "cp1250", "cp1250"),
    ("russian windows", RUSSIAN, "cp1251", "cp1251"),
    ("russian koi8", RUSSIAN, "koi8_r", "koi8_r"),
    ("greek", GREEK, "cp1253", "cp1253"),
    ("japanese shift-jis", JAPANESE, "shift_jis", "cp932"),
    ("chinese gbk", CHINESE, "gbk", "gb18030"),
]


@pytest.mark.parametrize(("name", "text", "codec", "reported"), LEGACY, ids=[c[0] for c in LEGACY])
def test_legacy_encoding_is_the_one_that_reads_as_language(name: str, text: str, codec: str, reported: str) -> None:
    doc = decode_bytes(text.encode(codec))
    assert doc.text == text
    assert doc.encoding == f"{reported} (detected)"
    assert doc.warnings and reported in doc.warnings[0]


def test_utf8_with_a_few_bad_bytes_is_repaired_not_guessed() -> None:
    good = "Grüße aus Köln und München, schöne Grüße an alle Freunde. ".encode()
    data = good + b"\xff\xfe\x80" + good
    doc = decode_bytes(data)
    assert doc.encoding == "utf-8 (3 invalid bytes replaced)"
    assert doc.text == good.decode() + "\ufffd" * 3 + good.decode()
    assert len(doc.warnings) == 1 and f"first at byte {len(good)}" in doc.warnings[0]


def test_ascii_with_bytes_that_read_as_nothing_is_repaired() -> None:
    data = b"A plain English note about the weekly meeting and its ag\x81\x8d\x8fenda items.\n" + b"More here.\n" * 40
    doc = decode_bytes(data)
    assert doc.encoding.startswith("utf-8 (")
    assert doc.text.count("\ufffd") == 3


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("text", ["Zürich is a city in Switzerland.\nIt is by a lake.\n", RUSSIAN], ids=["latin", "cyrillic"])
def test_wide_unicode_without_bom_is_detected(codec: str, text: str) -> None:
    doc = decode_bytes(text.encode(codec))
    assert doc.text == text
    assert doc.encoding == f"{codec} (detected, no BOM)"
    assert doc.warnings


NOT_TEXT = [
    ("pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nstream\n"
     b"\x78\x9c\xab\xcd\xef\x12\x34\x56\x78\x9a\xbc\xde\xf0\xe1\xd2\xc3\xb4\xa5\x96\x87\nendstream\n%%EOF\n"),
    ("high bytes", bytes(range(128, 256)) * 3),
    ("nuls on both sides", b"\x00\x01text\x00\x00\x02\x00more\x00binary" * 8),
]


@pytest.mark.parametrize(("name", "data"), NOT_TEXT, ids=[c[0] for c in NOT_TEXT])
def test_bytes_that_do_not_read_as_language_are_refused(name: str, data: bytes) -> None:
    with pytest.raises((NotTextError, UndecodableError)):
        decode_with_warnings(data)  # the text decoder (a real PDF goes to the pdf format first)
    with pytest.raises(InputError):
        decode_bytes(data)


def test_language_score_separates_writing_from_mojibake() -> None:
    assert language_score(FRENCH) == 1.0
    assert language_score("plain ascii only") == 1.0
    assert language_score(FRENCH.encode("latin-1").decode("cp1250")) < 0.9  # ŕ, ę, č, ů: no one alphabet
    assert language_score(POLISH.encode("cp1250").decode("cp1252")) < MIN_LANGUAGE_SCORE
    assert language_score(FRENCH.encode("utf-8").decode("cp1252")) < MIN_LANGUAGE_SCORE


@needs_fifo
def test_read_head_of_a_fifo_is_none_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert _in_thread_with_timeout(lambda: read_head(fifo, 64)) is None
    f = tmp_path / "f.txt"
    f.write_bytes(b"0123456789")
    assert read_head(f, 4) == b"0123"
