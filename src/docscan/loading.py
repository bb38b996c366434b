"""Bytes to a decoded Document; entry points: `load_path` and `decode_bytes`.

Order of trust: a byte-order mark, then strict UTF-8, then statistical detection (reported as such).
Binary, empty and undecodable inputs become specific `InputError`s with a hint, never a traceback.
Newlines are normalised the way Python's text mode does (CRLF and CR become LF), so offsets index
exactly what `open(path, encoding=...).read()` would return.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from pathlib import Path

from .errors import (
    EmptyDocumentError,
    FileMissingError,
    IsADirectoryInputError,
    NotTextError,
    UndecodableError,
    UnreadableFileError,
)
from .model import Document, Markup

__all__ = ["decode_bytes", "detect_markup", "load_path"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Below this many bytes statistical detection is a coin toss; such inputs must be UTF-8 (or
# carry a BOM), as httpie also decides for tiny bodies.
MIN_BYTES_FOR_DETECTION = 32
# Share of C0 control characters (other than tab, newline, carriage return, form feed) above
# which decoded "text" is really a binary format that happened to decode.
MAX_CONTROL_SHARE = 0.02
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MD_HINT = re.compile(r"^(#{1,6} \S|```|\* \S|- \S|\[[^\]]+\]\([^)]+\))", re.M)
_RST_HINT = re.compile(r"^(\.\. [a-z-]+::|[=\-~^\"'`#*+]{4,}\s*$)", re.M)


def load_path(path: str | os.PathLike[str]) -> Document:
    """Read a file and decode it, turning every OS failure into an InputError with a hint."""
    p = Path(path)
    shown = str(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise FileMissingError(
            "no such file", path=shown, hint="check the path; use '-' to read standard input"
        ) from exc
    except IsADirectoryError as exc:
        raise IsADirectoryInputError(
            "is a directory, not a file", path=shown, hint="pass the folder itself to scan its files"
        ) from exc
    except PermissionError as exc:
        raise UnreadableFileError(
            "permission denied", path=shown, hint="make the file readable (chmod +r) or run as its owner"
        ) from exc
    except OSError as exc:
        raise UnreadableFileError(
            f"cannot read file ({exc.strerror or exc})", path=shown, hint="check that the file is readable"
        ) from exc
    return decode_bytes(data, path=shown, suffix=p.suffix)


def decode_bytes(data: bytes, *, path: str = "-", suffix: str = "") -> Document:
    """Decode raw bytes into a Document or raise the InputError that says why not."""
    if not data:
        raise EmptyDocumentError("file is empty", path=path, hint="there is nothing to analyze")
    extracted = _extract_structured(data, path, suffix)
    if extracted is not None:
        return extracted
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
    return Document(
        path=path,
        text=text,
        encoding=encoding,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        markup=detect_markup(text, suffix),
        line_starts=_line_starts(text),
    )


def _decode(data: bytes, path: str) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.replace("-sig", "") + " (BOM)"
            except UnicodeDecodeError as exc:
                raise UndecodableError(
                    f"has a {codec} byte-order mark but is not valid {codec}",
                    path=path,
                    hint="re-save the file in UTF-8",
                ) from exc
    if b"\x00" in data:
        raise NotTextError(
            "looks like a binary file (contains NUL bytes)",
            path=path,
            hint="docscan reads plain text files; convert documents to text first",
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if len(data) >= MIN_BYTES_FOR_DETECTION:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None and best.encoding:
            return str(best), f"{best.encoding} (detected)"
    raise UndecodableError(
        f"is not valid UTF-8 (byte {utf8_error.start}) and its encoding could not be detected",
        path=path,
        hint="convert the file to UTF-8, e.g. with iconv -f LATIN1 -t UTF-8",
    ) from utf8_error


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
    """Markdown or reStructuredText by extension first, then by content cues."""
    s = suffix.lower()
    if s in {".md", ".markdown", ".mdown"}:
        return Markup.MARKDOWN
    if s in {".rst", ".rest"}:
        return Markup.RST
    sample = text[:20000]
    md = len(_MD_HINT.findall(sample))
    rst = len(_RST_HINT.findall(sample))
    if md >= 3 and md > rst:
        return Markup.MARKDOWN
    if rst >= 3 and rst > md:
        return Markup.RST
    return Markup.PLAIN


# --- HTML, DOCX and PDF (issue 14): these formats extract their own text ----------------------

# How many leading bytes the formats' sniffers see (an HTML doctype after a long comment, a zip's
# first member name, the %PDF- header all fall well inside it).
FORMAT_SNIFF_BYTES = 8192
_EXTRACTING_FORMATS = frozenset({"html", "docx", "pdf"})


def _extract_structured(data: bytes, path: str, suffix: str) -> Document | None:
    """A Document made by the HTML, DOCX or PDF extractor, or None when the input is text."""
    from . import formats

    try:
        fmt = formats.detect(data[:FORMAT_SNIFF_BYTES], suffix)
    except KeyError:  # no text format registered: the input is decoded here as before
        return None
    if fmt.name not in _EXTRACTING_FORMATS:
        return None
    extracted = fmt.extract(data, path=path)
    return Document(
        path=path,
        text=extracted.text,
        encoding=extracted.encoding,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        markup=Markup.PLAIN,
        line_starts=_line_starts(extracted.text),
        format=fmt.name,
        regions=extracted.regions,
        metadata=extracted.metadata,
    )
