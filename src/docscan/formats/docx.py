"""Word documents (.docx) in: paragraphs, headings, lists and tables in reading order; entry point: `FORMAT`.

python-docx reads the package. Before it does, the zip is checked and rebuilt in memory with
every binary part (images, embedded objects, fonts) emptied: those parts carry no text, and a
zip bomb or a 200 MB photo cannot make docscan read more than `MAX_XML_BYTES` of XML. Headings
come from the Title and Heading 1-9 styles (or a paragraph's outline level), list items from
numbering or a List style, each table row is one block with its cells joined by tabs; the core
properties (title, author, created, modified) go into the metadata.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from ..errors import EmptyDocumentError, EncryptedDocumentError, FormatError, TooLargeError
from ..model import Extracted, Region, RegionKind

__all__ = ["FORMAT", "DocxFormat"]

# The XML parts of a very long Word document (a 1,000-page book) stay under 30 MB uncompressed;
# more than this is a zip bomb or not a document, and is refused before anything is inflated.
MAX_XML_BYTES = 128 * 2**20
# Deflate compresses real XML at most about 20:1; a member claiming far more is a bomb.
MAX_RATIO = 200
_DOCUMENT_PART = "word/document.xml"
_XML_SUFFIXES = (".xml", ".rels")
_HEADING = re.compile(r"^heading\s*([1-9])$", re.I)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted .docx is an OLE compound file


class DocxFormat:
    """Office Open XML word-processing documents, recognised by the zip's own member names."""

    name = "docx"
    suffixes: tuple[str, ...] = (".docx",)

    def sniff(self, head: bytes, suffix: str) -> int:
        mine = suffix in self.suffixes
        if head.startswith(b"PK\x03\x04"):
            if b"word/" in head:
                return 100
            return 80 if mine else 0
        if head.startswith(_OLE_MAGIC) and mine:
            return 80
        # A file named .docx that is not a zip: claim it to say so, unless content says otherwise.
        return 60 if mine else 0

    def extract(self, data: bytes, *, path: str) -> Extracted:
        package = _safe_package(data, path)
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        try:
            document = docx.Document(io.BytesIO(package))
        except (PackageNotFoundError, KeyError, ValueError) as exc:
            raise FormatError(
                f"is not a readable Word document ({exc})", path=path, hint="open and re-save it in Word or LibreOffice"
            ) from exc
        except Exception as exc:  # lxml's XMLSyntaxError and friends from a damaged part
            raise FormatError(
                f"has a damaged part ({type(exc).__name__}: {exc})",
                path=path,
                hint="open and re-save it in Word or LibreOffice",
            ) from exc
        blocks = list(_blocks(document))
        if not blocks:
            raise EmptyDocumentError("contains no text", path=path, hint="there is nothing to analyze")
        if any(kind is RegionKind.HEADING and style == "title" for kind, _, _, style in blocks):
            blocks = [
                (k, level + 1 if k is RegionKind.HEADING and style != "title" else level, text, style)
                for k, level, text, style in blocks
            ]
        parts: list[str] = []
        regions: list[Region] = []
        line = 1
        for kind, level, text, style in blocks:
            n = text.count("\n") + 1
            regions.append(
                Region(kind=kind, start_line=line, end_line=line + n - 1, level=level, hints=(style,) if style else ())
            )
            parts.append(text)
            line += n + 1
        return Extracted(
            text="\n\n".join(parts) + "\n",
            encoding="utf-8 (docx)",
            regions=tuple(regions),
            metadata=_core_properties(document),
        )


def _safe_package(data: bytes, path: str) -> bytes:
    """The package with its binary parts emptied, after checking sizes: never inflates a bomb."""
    if data.startswith(_OLE_MAGIC):
        raise EncryptedDocumentError(
            "is password-protected (an encrypted Word file)",
            path=path,
            hint="remove the password in Word (File > Info > Protect Document) and save again",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise FormatError(
            "is not a Word document (not a zip archive)",
            path=path,
            hint="a .docx is a zip file; an old binary .doc must be converted (e.g. libreoffice --convert-to docx)",
        ) from exc
    with archive:
        infos = archive.infolist()
        names = {i.filename for i in infos}
        if _DOCUMENT_PART not in names:
            raise FormatError(
                f"is a zip archive without {_DOCUMENT_PART}, not a Word document",
                path=path,
                hint="only .docx word-processing documents are read (not .xlsx, .pptx or other zips)",
            )
        xml = [i for i in infos if i.filename.endswith(_XML_SUFFIXES)]
        total = sum(i.file_size for i in xml)
        worst = max((i.file_size / max(1, i.compress_size) for i in xml), default=0.0)
        if total > MAX_XML_BYTES or worst > MAX_RATIO:
            raise TooLargeError(
                f"would decompress to {total / 2**20:,.0f} MB of XML (ratio up to {worst:,.0f}:1): "
                "refused as a zip bomb",
                path=path,
                hint=f"docscan reads Word documents with at most {MAX_XML_BYTES // 2**20} MB of XML",
            )
        out = io.BytesIO()
        try:
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as rebuilt:
                for info in infos:
                    if info.is_dir():
                        continue
                    keep = info.filename.endswith(_XML_SUFFIXES)
                    # zipfile stops reading a member at its declared size, so the check above bounds this
                    rebuilt.writestr(info.filename, archive.read(info) if keep else b"")
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
            raise FormatError(
                f"is a damaged zip archive ({exc})", path=path, hint="open and re-save it in Word or LibreOffice"
            ) from exc
    return out.getvalue()


def _blocks(document: Any) -> Any:
    """(kind, level, text, style name) for every paragraph and table row, in reading order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    names = _style_names(document)
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            yield from _paragraph(item, names)
        elif isinstance(item, Table):
            yield from _table(item)


def _style_names(document: Any) -> dict[str | None, str]:
    """Paragraph style id -> name, read once: python-docx's `Paragraph.style` searches the styles
    part on every call, which made loading ten times slower than reading the text."""
    from docx.enum.style import WD_STYLE_TYPE

    names: dict[str | None, str] = {}
    for style in document.styles:
        if style.type == WD_STYLE_TYPE.PARAGRAPH:
            names[style.style_id] = style.name or ""
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    names[None] = default.name if default is not None else ""
    return names


def _paragraph(p: Any, names: dict[str | None, str]) -> Any:
    text = _clean(p.text)
    if not text:
        return
    style_id = p._p.style
    style = names.get(style_id, names[None]) or ""
    low = style.lower()
    heading = _HEADING.match(style)
    outline = _outline_level(p)
    if low == "title":
        yield RegionKind.HEADING, 1, text, "title"
    elif heading:
        yield RegionKind.HEADING, int(heading.group(1)), text, style
    elif outline is not None:
        yield RegionKind.HEADING, outline + 1, text, style
    elif low.startswith("list") or _numbered(p):
        yield RegionKind.LIST, 0, text, style
    elif low in {"quote", "intense quote"}:
        yield RegionKind.QUOTE, 0, text, style
    elif low == "caption":
        yield RegionKind.CAPTION, 0, text, style
    elif low == "subtitle":
        yield RegionKind.FRONT_MATTER, 0, text, style
    else:
        yield RegionKind.PROSE, 0, text, style


def _table(table: Any) -> Any:
    from docx.table import Table

    for row in table.rows:
        seen: set[int] = set()
        cells: list[str] = []
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell appears once per grid column it spans
                continue
            seen.add(id(cell._tc))
            nested = [t for t in cell.tables if isinstance(t, Table)]
            cells.append(" ".join(_clean(p.text) for p in cell.paragraphs if _clean(p.text)))
            for inner in nested:  # a table inside a cell: its rows follow as blocks of their own
                yield from _table(inner)
        line = "\t".join(c for c in cells if c)
        if line:
            yield RegionKind.TABLE, 0, line, "table"


def _numbered(p: Any) -> bool:
    ppr = p._p.pPr
    return ppr is not None and ppr.numPr is not None


def _outline_level(p: Any) -> int | None:
    """The outline level set on the paragraph itself (a heading in a custom style); 9 means body."""
    ppr = p._p.pPr
    if ppr is None:
        return None
    for child in ppr.iterchildren():
        if child.tag.endswith("}outlineLvl"):
            value = child.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val")
            if value is not None and value.isdigit() and int(value) < 9:
                return int(value)
    return None


def _clean(text: str) -> str:
    """One line: soft line breaks and tabs become spaces, so a paragraph stays one block."""
    return " ".join(text.split())


def _core_properties(document: Any) -> tuple[tuple[str, str], ...]:
    props = document.core_properties
    out: list[tuple[str, str]] = []
    for key, value in (
        ("title", props.title),
        ("author", props.author),
        ("created", props.created.isoformat() if props.created else ""),
        ("modified", props.modified.isoformat() if props.modified else ""),
        ("language", props.language),
    ):
        if value and str(value).strip():
            out.append((key, str(value).strip()))
    return tuple(out)


FORMAT = DocxFormat()
