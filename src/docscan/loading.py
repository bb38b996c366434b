"""Bytes to a decoded Document; entry points: `load_path`, `read_file_bytes` and `decode_bytes`.

Only regular files are read, up to a size limit (DOCSCAN_MAX_BYTES). Order of trust when
decoding: a byte-order mark, UTF-16/32 recognised by where their NUL bytes fall, strict UTF-8,
UTF-8 with a few invalid bytes replaced, then a legacy encoding only when the result reads as
language; what was repaired or guessed is reported in `Document.warnings`. Binary, empty and
undecodable inputs become specific `InputError`s with a hint, never a traceback. Newlines are
normalised the way Python's text mode does (CRLF and CR become LF), so offsets index exactly what
`open(path, encoding=...).read()` would return.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, NamedTuple

from . import formats
from .errors import (
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
from .model import Document, Markup

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_BYTES_ENV",
    "Decoded",
    "decode_bytes",
    "decode_text",
    "decode_with_warnings",
    "decoding_warnings",
    "detect_markup",
    "language_score",
    "load_path",
    "max_bytes",
    "read_file_bytes",
    "read_head",
    "read_stream",
]

# How much of the start of a file the formats see when they sniff it (a markup style shows within
# the first pages; the old detector also looked at 20,000 characters).
SNIFF_BYTES = 20_000
_MARKUP = {"markdown": Markup.MARKDOWN, "rst": Markup.RST}

# Files over this many bytes are refused before they are read. docscan's memory grows with the
# text: the 50 MB file of tests/test_large.py peaks under 1.5 GB (about 30 bytes per byte), so
# twice the largest tested size keeps one worker near 3 GB. Raise it with DOCSCAN_MAX_BYTES.
DEFAULT_MAX_BYTES = 100_000_000
MAX_BYTES_ENV = "DOCSCAN_MAX_BYTES"
_READ_CHUNK = 1 << 20
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Below this many bytes a legacy-encoding guess is a coin toss; such inputs must be UTF-8 (or
# carry a BOM), as httpie also decides for tiny bodies.
MIN_BYTES_FOR_DETECTION = 32
# Share of C0 control characters (other than tab, newline, carriage return, form feed) above
# which decoded "text" is really a binary format that happened to decode.
MAX_CONTROL_SHARE = 0.02
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# When neither UTF-8 nor a legacy encoding reads cleanly, invalid bytes are replaced only while
# they stay under one per hundred bytes (about one per line of prose); beyond that more than a
# word per line would be damaged and the file is reported as undecodable instead.
MAX_REPLACED_SHARE = 0.01
# UTF-16/32 without a BOM: at least this many NUL bytes in the sample, and this share of them on
# the high-byte side of the code units (binary formats scatter NULs on both sides).
WIDE_SAMPLE_BYTES = 65_536
MIN_WIDE_NULS = 2
WIDE_NUL_SIDE_SHARE = 0.95
# A legacy encoding is chosen from a sample of the file, scoring at most this many non-ASCII
# characters; it must score at least MIN_LANGUAGE_SCORE (`language_score`). On the fixtures of
# tests/test_loading.py (French, German, Polish, Czech, Russian, Greek, Turkish, Japanese,
# Chinese) the right decoding scores 1.0; a wrong code page either scores lower or decodes the
# same letters identically (then the more widespread encoding is named), and a PDF header,
# random bytes and UTF-8 read as a code page score 0.4-0.65.
LEGACY_SAMPLE_BYTES = 65_536
LEGACY_SAMPLE_CHARS = 65_536
MAX_SCORED_CHARS = 4_000
MIN_LANGUAGE_SCORE = 0.8
# Common legacy encodings, the most widespread first (ties go to the earlier one): Windows
# Western and Central European, Cyrillic (Windows, KOI8, DOS), Greek, Turkish, Baltic, Hebrew,
# Arabic, Thai, old Mac and DOS Western, then the East Asian multi-byte encodings.
LEGACY_ENCODINGS = (
    "cp1252", "cp1250", "iso8859_2", "cp1251", "koi8_r", "koi8_u", "cp866", "cp1253", "iso8859_7",
    "cp1254", "cp1257", "cp1255", "cp1256", "cp874", "mac_roman", "cp850", "cp437",
    "cp932", "euc_jp", "gb18030", "big5", "euc_kr",
)  # fmt: skip
# Accented Latin letters of the languages these encodings serve (lower case). Text in one
# language draws its accented letters from one of these; mojibake mixes several.
_ALPHABETS = tuple(
    frozenset(letters)
    for letters in (
        "àâæçéèêëîïôœùûüÿ",  # French
        "äöüß",  # German
        "áéíñóúü",  # Spanish
        "áâãàçéêíóôõú",  # Portuguese
        "àèéìíîòóùú",  # Italian
        "àçéèíïòóúü",  # Catalan
        "áéèëíïóöúü",  # Dutch
        "æøåéèêóòô",  # Danish, Norwegian
        "åäöéü",  # Swedish, Finnish
        "áðéíóúýþæö",  # Icelandic
        "çğıöşüâîû",  # Turkish
        "ąćęłńóśźż",  # Polish
        "áčďéěíňóřšťúůýž",  # Czech
        "áäčďéíĺľňóôŕšťúýž",  # Slovak
        "áéíóöőúüű",  # Hungarian
        "čćđšž",  # Slovene, Croatian, Bosnian, Serbian (Latin)
        "ăâîșțşţ",  # Romanian
        "çë",  # Albanian
        "äõöüšž",  # Estonian
        "āčēģīķļņšūž",  # Latvian
        "ąčęėįšųūž",  # Lithuanian
        "ċġħż",  # Maltese
    )
)
_SCRIPTS = frozenset(
    {"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "HEBREW", "ARABIC", "THAI", "DEVANAGARI", "GEORGIAN", "HALFWIDTH"}
)
_CJK = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "FULLWIDTH", "IDEOGRAPHIC"})
# East Asian encodings decode each other's bytes into valid but wrong characters. Japanese prose
# always uses kana and Korean prose Hangul; a decoding with many ideographs and none of its
# language's own script is not that language.
# (Patterns are compiled on first use, through re's own cache: a start-up that never meets a
# legacy encoding does not pay for them.)
_OWN_SCRIPT = {"cp932": "[\u3040-\u30ff]", "euc_jp": "[\u3040-\u30ff]", "euc_kr": "[\uac00-\ud7a3]"}
_IDEOGRAPH = "[\u4e00-\u9fff]"
MIN_IDEOGRAPHS_FOR_SCRIPT_CHECK = 20
_NON_ASCII = r"[^\x00-\x7f]"
def load_path(path: str | os.PathLike[str], *, limit: int | None = None) -> Document:
    """Read a file and decode it, turning every OS failure into an InputError with a hint."""
    data = read_file_bytes(path, limit=limit)
    return decode_bytes(data, path=str(path), suffix=Path(path).suffix)


def max_bytes() -> int:
    """The size limit in force: DOCSCAN_MAX_BYTES when set, else DEFAULT_MAX_BYTES.

    Raises UsageError for a value that is not a positive whole number of bytes, so a typo cannot
    silently lift (or zero) the limit."""
    raw = os.environ.get(MAX_BYTES_ENV, "").strip().replace("_", "")
    if not raw:
        return DEFAULT_MAX_BYTES
    if not raw.isdigit() or int(raw) <= 0:
        raise UsageError(
            f"{MAX_BYTES_ENV}={os.environ[MAX_BYTES_ENV]!r} is not a positive number of bytes",
            hint=f"set it to a whole number, e.g. {MAX_BYTES_ENV}=500000000, or unset it",
        )
    return int(raw)


def read_file_bytes(path: str | os.PathLike[str], *, limit: int | None = None, head: bool = False) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (default: `max_bytes()`).

    A FIFO blocks forever and /dev/zero never ends, so the file type is checked with stat before
    opening, the file is opened non-blocking (a FIFO swapped in after the check cannot block the
    open) and checked again on the open descriptor, and reading stops one byte past the limit
    (a file can grow after stat). With `head`, the first `limit` bytes are returned instead."""
    shown = str(path)
    cap = max_bytes() if limit is None else limit
    try:
        _check_regular(os.stat(path).st_mode, shown)
        fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_BINARY)
        try:
            st = os.fstat(fd)
            _check_regular(st.st_mode, shown)
            if not head:
                _check_size(st.st_size, cap, shown)
            if _O_NONBLOCK:  # a regular file never blocks; plain blocking reads from here on
                os.set_blocking(fd, True)
            if head:
                return os.read(fd, cap)
            return _read_limited(lambda n: os.read(fd, n), cap, shown)
        finally:
            os.close(fd)
    except FileNotFoundError as exc:
        raise FileMissingError(
            "no such file", path=shown, hint="check the path; use '-' to read standard input"
        ) from exc
    except IsADirectoryError as exc:
        raise _directory(shown) from exc
    except PermissionError as exc:
        raise UnreadableFileError(
            "permission denied", path=shown, hint="make the file readable (chmod +r) or run as its owner"
        ) from exc
    except OSError as exc:
        raise UnreadableFileError(
            f"cannot read file ({exc.strerror or exc})", path=shown, hint="check that the file is readable"
        ) from exc


def read_head(path: str | os.PathLike[str], size: int) -> bytes | None:
    """The first `size` bytes of a regular file, or None when it is not one or cannot be read:
    for sniffing files found in folders, where a FIFO or a device must not block the walk."""
    try:
        return read_file_bytes(path, limit=size, head=True)
    except (InputError, OSError):
        return None


def read_stream(stream: BinaryIO, *, path: str = "-", limit: int | None = None) -> bytes:
    """All bytes of a stream (standard input), refusing more than the size limit."""
    cap = max_bytes() if limit is None else limit
    return _read_limited(stream.read, cap, path)


def _read_limited(read: Callable[[int], bytes], cap: int, shown: str) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = read(min(_READ_CHUNK, cap + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > cap:
            _check_size(total, cap, shown, at_least=True)


def _directory(shown: str) -> IsADirectoryInputError:
    return IsADirectoryInputError(
        "is a directory, not a file", path=shown, hint="pass the folder itself to scan its files"
    )


_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _check_regular(mode: int, shown: str) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise _directory(shown)
    what = next((name for test, name in _NOT_REGULAR if test(mode)), "a special file")
    raise NotRegularFileError(
        f"is {what}, not a regular file",
        path=shown,
        hint="docscan reads regular files; to scan a stream, pipe it in: ... | docscan scan -",
    )


def _check_size(size: int, cap: int, shown: str, *, at_least: bool = False) -> None:
    if size <= cap:
        return
    amount = f"more than {cap:,}" if at_least else f"{size:,}"
    raise TooLargeError(
        f"is {amount} bytes, over the size limit of {cap:,} bytes",
        path=shown,
        hint=f"split it into smaller files, or raise the limit with {MAX_BYTES_ENV}=<bytes>"
        " (memory grows about 30 bytes per byte of text)",
    )


def decode_bytes(data: bytes, *, path: str = "-", suffix: str = "") -> Document:
    """Decode raw bytes into a Document or raise the InputError that says why not.

    The input format is chosen by content (the suffix breaks ties, see `formats.detect`); the
    format gives the text and its structure (regions), so nothing after this reads markup."""
    if not data:
        raise EmptyDocumentError("file is empty", path=path, hint="there is nothing to analyze")
    fmt = formats.detect(data[:SNIFF_BYTES], suffix)
    extracted = fmt.extract(data, path=path)
    return Document(
        path=path,
        text=extracted.text,
        encoding=extracted.encoding,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        markup=_MARKUP.get(fmt.name, Markup.PLAIN),
        line_starts=_line_starts(extracted.text),
        format=fmt.name,
        regions=extracted.regions,
        metadata=extracted.metadata,
        warnings=decoding_warnings(data, extracted.encoding),
    )


def decode_text(data: bytes, *, path: str = "-") -> tuple[str, str]:
    """The decoded text (newlines normalised) and how it was decoded, for the text formats;
    raises the InputError that says why the bytes are not text."""
    if not data:
        raise EmptyDocumentError("file is empty", path=path, hint="there is nothing to analyze")
    text, encoding = _decode(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text) and len(_CONTROL.findall(text)) > MAX_CONTROL_SHARE * len(text):
        raise NotTextError(
            "looks like a binary file (control characters)", path=path, hint="docscan reads plain text files"
        )
    if not text.strip():
        raise EmptyDocumentError(
            "contains only whitespace", path=path, hint="there is nothing to analyze"
        )
    return text, encoding


class Decoded(NamedTuple):
    """Text decoded from bytes, how, and what the reader should know about it."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def _decode(data: bytes, path: str) -> tuple[str, str]:
    """Text and encoding label (the 0.x interface; `decode_with_warnings` also says what was
    repaired or guessed)."""
    text, encoding, _ = decode_with_warnings(data, path)
    return text, encoding


def decode_with_warnings(data: bytes, path: str = "-") -> Decoded:
    """Decode by order of trust: a byte-order mark; UTF-16/32 without one (NUL bytes on one side
    of every code unit); strict UTF-8; UTF-8 with a few invalid bytes replaced (when its valid
    multi-byte characters outnumber the bad bytes); a legacy encoding only when the result reads
    as language (`language_score`); else UTF-8 with replacements if they stay few. Raises the
    InputError that says why the bytes are not text."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec.replace("-sig", "") + " (BOM)")
            except UnicodeDecodeError as exc:
                raise UndecodableError(
                    f"has a {codec} byte-order mark but is not valid {codec}",
                    path=path,
                    hint="re-save the file in UTF-8",
                ) from exc
    if b"\x00" in data:
        wide = _wide_unicode(data)
        if wide is not None:
            return wide
        raise NotTextError(
            "looks like a binary file (contains NUL bytes)",
            path=path,
            hint="docscan reads plain text files; convert documents to text first",
        )
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    repaired = data.decode("utf-8", errors="replace")
    bad = repaired.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    valid = len(repaired) - len(repaired.encode("ascii", "ignore")) - bad
    replaced = Decoded(
        repaired,
        f"utf-8 ({bad:,} invalid byte{'s' if bad != 1 else ''} replaced)",
        (_replaced_warning(f"{bad:,}", utf8_error.start),),
    )
    if valid >= bad:
        return replaced
    if len(data) >= MIN_BYTES_FOR_DETECTION:
        legacy = _guess_legacy(data)
        if legacy is not None:
            return legacy
        if bad <= MAX_REPLACED_SHARE * len(data):
            return replaced
    raise UndecodableError(
        f"is not valid UTF-8 (byte {utf8_error.start}) and does not read as text in any common encoding",
        path=path,
        hint="convert the file to UTF-8, e.g. with iconv -f LATIN1 -t UTF-8",
    ) from utf8_error


_WIDE_WARNING = "no byte-order mark: decoded as {}, detected from the position of its NUL bytes"
_LEGACY_WARNING = "not UTF-8: decoded as {}, the common encoding in which the text reads best"


def _replaced_warning(count: str, first: int) -> str:
    return (
        f"{count} byte sequence{'s' if count != '1' else ''} that are not valid UTF-8 (first at byte"
        f" {first:,}) replaced with U+FFFD; the rest of the file is UTF-8"
    )


def decoding_warnings(data: bytes, encoding: str) -> tuple[str, ...]:
    """The warnings `decode_with_warnings` gives, rebuilt from the encoding label a format passed
    on (the text formats report `decode_text`'s label, not its warnings), so that a Document of
    any format says what was repaired or guessed. Labels of other decoders give none."""
    if encoding.startswith("utf-8 (") and encoding.endswith(" replaced)"):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return (_replaced_warning(encoding[len("utf-8 (") :].split(" ", 1)[0], exc.start),)
        return ()
    codec, _, how = encoding.partition(" ")
    if how == "(detected, no BOM)":
        return (_WIDE_WARNING.format(codec),)
    if how == "(detected)":
        return (_LEGACY_WARNING.format(codec),)
    return ()


def _wide_unicode(data: bytes) -> Decoded | None:
    """UTF-16 or UTF-32 without a byte-order mark: text in these has its NUL bytes on one side
    of every code unit (the high byte of ASCII and Latin-1 characters), binary formats have them
    anywhere. The decoding must also read as language."""
    head = data[:WIDE_SAMPLE_BYTES]
    candidates: list[tuple[str, int, int]] = []  # codec, unit size, position of the zero byte
    if len(data) % 4 == 0:
        candidates += [("utf-32-le", 4, 3), ("utf-32-be", 4, 0)]
    if len(data) % 2 == 0:
        candidates += [("utf-16-le", 2, 1), ("utf-16-be", 2, 0)]
    nuls = head.count(0)
    for codec, unit, zero in candidates:
        on_side = head[zero::unit].count(0)
        if unit == 4:
            if on_side * unit < len(head):
                continue  # UTF-32 text has a zero in that byte of every unit
        elif on_side < MIN_WIDE_NULS or on_side < WIDE_NUL_SIDE_SHARE * nuls:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if language_score(text[:LEGACY_SAMPLE_CHARS]) >= MIN_LANGUAGE_SCORE:
            return Decoded(text, f"{codec} (detected, no BOM)", (_WIDE_WARNING.format(codec),))
    return None


def _guess_legacy(data: bytes) -> Decoded | None:
    """The common legacy encoding in which a sample of the bytes reads best as language, when it
    reads well enough; ties go to the more widespread encoding (the order of LEGACY_ENCODINGS)."""
    sample = data[:LEGACY_SAMPLE_BYTES]
    scored: list[tuple[float, int, str]] = []
    for rank, codec in enumerate(LEGACY_ENCODINGS):
        try:
            text = codecs.getincrementaldecoder(codec)().decode(sample, final=len(sample) == len(data))
        except UnicodeDecodeError:
            continue
        score = language_score(text)
        own = _OWN_SCRIPT.get(codec)
        if own and len(re.findall(_IDEOGRAPH, text)) >= MIN_IDEOGRAPHS_FOR_SCRIPT_CHECK and not re.search(own, text):
            score /= 2
        if score >= MIN_LANGUAGE_SCORE:
            scored.append((-score, rank, codec))
    for _, _, codec in sorted(scored):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue  # the sample read well but a later byte is not in this encoding
        return Decoded(text, f"{codec} (detected)", (_LEGACY_WARNING.format(codec),))
    return None


def language_score(text: str) -> float:
    """How much the non-ASCII characters of a decoding look like writing, 0..1.

    Mojibake (text decoded with the wrong code page) and binary data decoded as text leave marks
    that real writing lacks: symbols inside words ("Za¿ó³æ"), two scripts within a word, a
    capital after lower-case letters ("cafŤ", Cyrillic with its case swapped), control or
    unassigned characters, and accented Latin letters that no one language uses together
    (French read as cp1250 gives ŕ, ę, č, ů and ű at once). The score is the share of non-ASCII
    characters without such a mark, times the share of accented Latin letters that the best
    matching alphabet covers. Pure ASCII scores 1."""
    seen = bad = 0
    latin: Counter[str] = Counter()
    end = len(text)
    for match in re.finditer(_NON_ASCII, text):
        if seen >= MAX_SCORED_CHARS:
            break
        seen += 1
        i = match.start()
        c = match.group()
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < end else " "
        kind = unicodedata.category(c)
        if kind[0] == "L":
            script = _script(c)
            mixed = bool(script) and any(n.isalpha() and _script(n) not in ("", script) for n in (prev, nxt))
            if mixed or (c.isupper() and prev.isalpha() and prev.islower()):
                bad += 1
            elif script == "LATIN":
                latin[c.lower()] += 1
        elif kind[0] == "M":
            bad += not prev.isalpha()
        elif kind in ("Cc", "Cn", "Co", "Cs"):
            bad += 1
        elif prev.isalpha() and nxt.isalpha() and "CJK" not in (_script(prev), _script(nxt)):
            bad += 1  # a symbol or punctuation mark inside a word (CJK writes no spaces)
        elif kind[0] == "S" and any(not n.isascii() and not n.isalpha() and not n.isspace() for n in (prev, nxt)):
            bad += 1  # runs of symbols: box drawing, maths and currency signs side by side
    if not seen:
        return 1.0
    return (1 - bad / seen) * _alphabet_fit(latin)


def _alphabet_fit(letters: Counter[str]) -> float:
    total = sum(letters.values())
    if not total:
        return 1.0
    return max(sum(n for c, n in letters.items() if c in alphabet) for alphabet in _ALPHABETS) / total


@lru_cache(maxsize=4096)
def _script(c: str) -> str:
    """The writing system of a letter from its Unicode name ("" when it tells nothing)."""
    if c.isascii():
        return "LATIN"
    first = unicodedata.name(c, "").split(" ", 1)[0]
    if first in _CJK:
        return "CJK"
    return first if first in _SCRIPTS else ""


def _line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    if starts[-1] == len(text) and len(starts) > 1:
        starts.pop()  # a final newline ends the last line; it does not open a new one
    return tuple(starts)


def detect_markup(text: str, suffix: str = "") -> Markup:
    """The markup a text would be read as (the format registry decides; kept for callers of 0.x)."""
    return _MARKUP.get(formats.detect(text[:SNIFF_BYTES].encode("utf-8"), suffix).name, Markup.PLAIN)
