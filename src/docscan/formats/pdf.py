"""PDF in: the text layer as paragraphs, with headings, page numbers and running furniture; entry point: `FORMAT`.

pdfminer.six lays out each page (chosen over pypdf, which is faster but returns a page as
bare lines with no boxes, so paragraphs, headers and footers cannot be told apart; see
bench/formats.py `pdflibs` and the README). docscan then makes paragraphs from pdfminer's text
lines: a new paragraph starts at a change of font size or weight, a larger vertical gap, or
after a short line ending a sentence. Words hyphenated at a line end are joined. Headings come
from the outline (bookmarks) when the file has one, else from font size and weight relative to
the body text. Running page headers and footers and page numbers (lines in the top or bottom
band that repeat across pages, digits aside) are FURNITURE regions: kept in the text, marked so
the analyses can set them aside. Every region records its 1-based page.
"""

from __future__ import annotations

import contextlib
import io
import re
import statistics
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from ..errors import EncryptedDocumentError, FormatError, NoTextLayerError
from ..model import Extracted, Region, RegionKind

__all__ = ["FORMAT", "PdfFormat"]

# The top and bottom share of a page where running headers, footers and page numbers live
# (letter and A4 with 0.5-1 inch margins put them in the outer 4-9 %).
MARGIN_BAND = 0.1
# A margin line is running furniture when its text (digits aside) recurs on at least this share
# of the pages (0.4 keeps alternating even/odd page headers) and on at least 2 pages.
FURNITURE_PAGE_SHARE = 0.4
# Text of a lone page number once digits are replaced by '#': furniture even on a single page.
_PAGE_NUMBER = frozenset({"#", "page #", "page # of #", "# of #", "- # -", "-#-", "#/#", "[#]", "p. #"})
# A heading by typography: at most this many words and lines, at least this much larger than
# the body text (or bold at body size); 1.15 separates 12 pt headings from 10-11 pt body text.
MAX_HEADING_WORDS = 15
MAX_HEADING_LINES = 2
# Inflated stream bytes one PDF may produce: INFLATE_RATIO times the file, at least
# MIN_INFLATE_BYTES. Text content streams and fonts deflate about 3-10:1; deflate's ceiling is
# about 1000:1, which only a compression bomb reaches (a 1 MB file inflating to 1 GB).
INFLATE_RATIO = 25
MIN_INFLATE_BYTES = 64 * 2**20
HEADING_SIZE_RATIO = 1.15
# A vertical gap this many times the page's usual line gap starts a new paragraph.
PARAGRAPH_GAP_RATIO = 1.6
# A line ending before this share of the paragraph's width, with a sentence end, closes it.
SHORT_LINE_SHARE = 0.8
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_SENTENCE_END = tuple(".!?:;\"”’)")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float
    bold: bool


@dataclass
class _Para:
    page: int
    lines: list[_Line]
    furniture: bool = False

    @property
    def text(self) -> str:
        return _join_lines([ln.text for ln in self.lines])

    @property
    def size(self) -> float:
        return statistics.median(ln.size for ln in self.lines)

    @property
    def bold(self) -> bool:
        return all(ln.bold for ln in self.lines)


class PdfFormat:
    """PDF files, by the %PDF- header (a file named .pdf without one is claimed to say so)."""

    name = "pdf"
    suffixes: tuple[str, ...] = (".pdf",)

    def sniff(self, head: bytes, suffix: str) -> int:
        if b"%PDF-" in head[:1024]:
            return 100
        return 60 if suffix in self.suffixes else 0

    def extract(self, data: bytes, *, path: str) -> Extracted:
        if b"%PDF-" not in data[:1024]:
            raise FormatError(
                "is not a PDF (no %PDF- header)",
                path=path,
                hint="the file may be damaged or a web page saved under a .pdf name; download it again",
            )
        pages, outline, info, images = _read(data, path)
        paras = [p for page in pages for p in page]
        if not any(p.text.strip() for p in paras):
            raise NoTextLayerError(
                f"has no text layer on any of its {len(pages)} page{'s' if len(pages) != 1 else ''}"
                + (" (scanned images)" if images else "")
                + ": OCR is needed",
                path=path,
                hint="run OCR first (e.g. ocrmypdf IN.pdf OUT.pdf) and scan the result",
            )
        _mark_furniture(pages)
        paras = _join_across_pages(paras)
        kinds = _headings(paras, outline)
        parts: list[str] = []
        regions: list[Region] = []
        line = 1
        for para, (kind, level) in zip(paras, kinds, strict=True):
            text = para.text
            if not text:
                continue
            regions.append(Region(kind=kind, start_line=line, end_line=line, level=level, page=para.page))
            parts.append(text)
            line += 2
        return Extracted(
            text="\n\n".join(parts) + "\n", encoding="pdf text layer", regions=tuple(regions), metadata=info
        )


class _InflateLimitError(Exception):
    """A PDF's streams inflated past their budget: a compression bomb, refused."""


class _BoundedZlib:
    """Stands in for the `zlib` module inside pdfminer.pdftypes while one PDF is read, so a
    compression bomb is refused before it fills memory: pdfminer inflates every FlateDecode stream
    whole with `zlib.decompress`, which has no limit. Same results and errors as zlib otherwise."""

    error = zlib.error

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.left = budget
        self.exceeded = False

    def _spend(self, produced: int) -> None:
        self.left -= produced
        if self.left < 0:
            self.exceeded = True
            raise _InflateLimitError

    def decompress(self, data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = zlib.DEF_BUF_SIZE) -> bytes:
        d = zlib.decompressobj(wbits)
        out = d.decompress(data, max(self.left, 0) + 1)
        self._spend(len(out))
        if d.unconsumed_tail or not d.eof:
            if d.unconsumed_tail:  # more output is waiting than the budget allows
                self._spend(self.left + 1)
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    def decompressobj(self, *args: Any, **kwargs: Any) -> Any:
        inner = zlib.decompressobj(*args, **kwargs)
        budget = self

        class _Counted:
            """pdfminer's recovery path for corrupted streams feeds bytes one at a time."""

            def decompress(self, data: bytes, max_length: int = 0) -> bytes:
                out = inner.decompress(data, max_length)
                budget._spend(len(out))
                return out

            def __getattr__(self, name: str) -> Any:
                return getattr(inner, name)

        return _Counted()


@contextlib.contextmanager
def _inflate_budget(size: int) -> Iterator[_BoundedZlib]:
    from pdfminer import pdftypes

    bounded = _BoundedZlib(max(MIN_INFLATE_BYTES, INFLATE_RATIO * size))
    saved = getattr(pdftypes, "zlib", None)
    if saved is not zlib:  # a pdfminer that inflates another way: nothing to bound here (a test says so)
        yield bounded
        return
    setattr(pdftypes, "zlib", bounded)  # noqa: B010  (an attribute mypy's stubs do not export)
    try:
        yield bounded
    finally:
        setattr(pdftypes, "zlib", saved)  # noqa: B010


def _bomb(path: str, budget: _BoundedZlib) -> FormatError:
    return FormatError(
        f"is refused as a compression bomb: its streams inflate past {budget.budget // 2**20} MB "
        f"({INFLATE_RATIO}x the file's size, at least {MIN_INFLATE_BYTES // 2**20} MB)",
        path=path,
        hint="a real PDF does not inflate this much; if this one is genuine, re-save it (print to PDF) and scan that",
    )


def _read(data: bytes, path: str) -> tuple[list[list[_Para]], list[tuple[int, str]], tuple[tuple[str, str], ...], bool]:
    """Paragraphs per page, the outline (level, title), core metadata, whether pages hold images."""
    with _inflate_budget(len(data)) as budget:
        try:
            result = _read_pages(data, path)
        except _InflateLimitError:
            raise _bomb(path, budget) from None
        except FormatError:
            if budget.exceeded:  # pdfminer caught the refusal and failed later
                raise _bomb(path, budget) from None
            raise
        if budget.exceeded:  # pdfminer swallowed the refusal: the text read is incomplete
            raise _bomb(path, budget)
        return result


def _read_pages(
    data: bytes, path: str
) -> tuple[list[list[_Para]], list[tuple[int, str]], tuple[tuple[str, str], ...], bool]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFNoOutlines, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except _InflateLimitError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedDocumentError(
            "is encrypted with a password",
            path=path,
            hint="remove the password (e.g. qpdf --decrypt --password=PW IN.pdf OUT.pdf) and scan the result",
        ) from exc
    except Exception as exc:  # pdfminer raises many unrelated types for damaged files
        raise FormatError(
            f"is a damaged PDF ({type(exc).__name__}: {exc})",
            path=path,
            hint="open and re-save (print to PDF) it, or repair it with qpdf",
        ) from exc
    try:
        outline = [(int(level), _pdf_str(title)) for level, title, *_ in document.get_outlines()]
    except PDFNoOutlines:
        outline = []
    except Exception:  # a broken outline is no reason to refuse the text
        outline = []
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=LAParams(line_margin=1.0, boxes_flow=0.5))
    interpreter = PDFPageInterpreter(manager, device)
    pages: list[list[_Para]] = []
    images = False
    try:
        for number, page in enumerate(PDFPage.create_pages(document), start=1):
            interpreter.process_page(page)
            layout = device.get_result()
            paras, has_images = _page_paragraphs(layout, number)
            pages.append(paras)
            images = images or has_images
    except (EncryptedDocumentError, FormatError, _InflateLimitError):
        raise
    except Exception as exc:
        if not pages:
            raise FormatError(
                f"is a damaged PDF ({type(exc).__name__}: {exc})",
                path=path,
                hint="open and re-save (print to PDF) it, or repair it with qpdf",
            ) from exc
        # a damaged page late in the file: keep the pages read so far
    return pages, outline, _info(document), images


def _page_paragraphs(layout: Any, number: int) -> tuple[list[_Para], bool]:
    from pdfminer.layout import LTChar, LTFigure, LTImage, LTTextBox, LTTextLine

    height = float(layout.height) or 1.0
    boxes: list[list[_Line]] = []
    images = False
    for element in layout:
        if isinstance(element, (LTFigure, LTImage)):
            images = True
        if not isinstance(element, LTTextBox):
            continue
        lines: list[_Line] = []
        for tl in element:
            if not isinstance(tl, LTTextLine):
                continue
            text = " ".join(tl.get_text().translate(_LIGATURES).split())
            if not text:
                continue
            chars = [c for c in tl if isinstance(c, LTChar)]
            size = statistics.median(c.size for c in chars) if chars else 0.0
            bold = bool(chars) and sum(1 for c in chars if _BOLD.search(c.fontname)) > len(chars) / 2
            lines.append(_Line(text, tl.x0, tl.x1, tl.y0, tl.y1, round(size, 1), bold))
        if lines:
            boxes.append(lines)
    gaps = [a.y0 - b.y1 for box in boxes for a, b in pairwise(box) if a.y0 > b.y1]
    usual_gap = statistics.median(gaps) if gaps else 0.0
    paras: list[_Para] = []
    for box in boxes:
        left = min(ln.x0 for ln in box)
        right = max(ln.x1 for ln in box)
        current: list[_Line] = [box[0]]
        for prev, ln in pairwise(box):
            if _breaks(prev, ln, usual_gap, left, right):
                paras.append(_Para(number, current))
                current = [ln]
            else:
                current.append(ln)
        paras.append(_Para(number, current))
    for p in paras:
        top, bottom = max(ln.y1 for ln in p.lines), min(ln.y0 for ln in p.lines)
        p.furniture = bottom >= height * (1 - MARGIN_BAND) or top <= height * MARGIN_BAND  # a candidate only
    return paras, images


def _breaks(prev: _Line, ln: _Line, usual_gap: float, left: float, right: float) -> bool:
    """Does `ln` start a new paragraph after `prev` (both in one pdfminer box)?"""
    if abs(prev.size - ln.size) > 0.5 or prev.bold != ln.bold:
        return True
    gap = prev.y0 - ln.y1
    if usual_gap > 0 and gap > PARAGRAPH_GAP_RATIO * usual_gap + 1:
        return True
    width = right - left
    short = width > 0 and (prev.x1 - left) < SHORT_LINE_SHARE * width
    return short and prev.text.endswith(_SENTENCE_END)


def _join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as one line; a word hyphenated at a line end is joined (the hyphen
    dropped before a lower-case continuation, kept before a capital or digit)."""
    out = ""
    for line in lines:
        if not out:
            out = line
        elif (out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].islower()) or out.endswith(
            "\xad"
        ):
            out = out[:-1] + line  # "inter-" + "national": a word broken by hyphenation
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].isalnum():
            out += line  # "North-" + "West": a compound broken at its own hyphen
        else:
            out = f"{out} {line}"
    return out


def _join_across_pages(paras: list[_Para]) -> list[_Para]:
    """A paragraph cut by a page end (no sentence end, the next page's first body paragraph in
    the same type starting in lower case) becomes one paragraph, recorded on its first page."""
    out: list[_Para] = []
    last_body: _Para | None = None
    for p in paras:
        if p.furniture:
            out.append(p)
            continue
        prev = last_body
        if (
            prev is not None
            and p.page == prev.page + 1
            and not prev.text.endswith(_SENTENCE_END)
            and p.text[:1].islower()
            and abs(p.size - prev.size) <= 0.5
            and p.bold == prev.bold
        ):
            prev.lines.extend(p.lines)
            continue
        out.append(p)
        last_body = p
    return out


def _margin_key(text: str) -> str:
    return " ".join(re.sub(r"\d+", "#", text.lower()).split())


def _mark_furniture(pages: list[list[_Para]]) -> None:
    """Keep `furniture` only on margin paragraphs that repeat across pages or are page numbers."""
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_margin_key(p.text) for p in page if p.furniture})
    need = max(2, FURNITURE_PAGE_SHARE * len(pages))
    for page in pages:
        for p in page:
            if p.furniture:
                key = _margin_key(p.text)
                p.furniture = key in _PAGE_NUMBER or (len(pages) > 1 and seen[key] >= need)


def _headings(paras: list[_Para], outline: list[tuple[int, str]]) -> list[tuple[RegionKind, int]]:
    """(kind, level) per paragraph: FURNITURE, a HEADING from the outline or typography, else PROSE."""
    out: list[tuple[RegionKind, int]] = [
        (RegionKind.FURNITURE, 0) if p.furniture else (RegionKind.PROSE, 0) for p in paras
    ]
    if outline:
        titles: dict[str, list[int]] = {}
        for level, title in outline:
            titles.setdefault(_norm(title), []).append(level)
        matched = 0
        for i, p in enumerate(paras):
            key = _norm(p.text)
            if not p.furniture and titles.get(key):
                out[i] = (RegionKind.HEADING, titles[key].pop(0))
                matched += 1
        if matched:
            return out
    body_chars: Counter[float] = Counter()
    for p in paras:
        if not p.furniture:
            for ln in p.lines:
                body_chars[ln.size] += len(ln.text)
    if not body_chars:
        return out
    body = body_chars.most_common(1)[0][0]
    candidates: dict[int, float] = {}
    for i, p in enumerate(paras):
        text = p.text
        if p.furniture or len(p.lines) > MAX_HEADING_LINES or len(text.split()) > MAX_HEADING_WORDS:
            continue
        if text.endswith((".", ",", ";")) or not any(ch.isalpha() for ch in text):
            continue
        if p.size >= body * HEADING_SIZE_RATIO:
            candidates[i] = p.size
        elif p.bold and p.size >= body * 0.95:
            candidates[i] = body  # bold at body size: the lowest heading level
    sizes = sorted(set(candidates.values()), reverse=True)
    for i, size in candidates.items():
        out[i] = (RegionKind.HEADING, sizes.index(size) + 1)
    return out


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _pdf_str(value: Any) -> str:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    value = resolve1(value)
    if isinstance(value, bytes):
        return str(decode_text(value)).strip()
    return str(value).strip() if value is not None else ""


def _info(document: Any) -> tuple[tuple[str, str], ...]:
    from pdfminer.pdftypes import resolve1

    out: list[tuple[str, str]] = []
    info = resolve1(document.info[0]) if document.info else {}
    if not isinstance(info, dict):
        return ()
    for key, name in (("title", "Title"), ("author", "Author"), ("created", "CreationDate"), ("modified", "ModDate")):
        try:
            value = _pdf_str(info.get(name))
        except Exception:  # an undecodable field is left out, not fatal
            continue
        if key in {"created", "modified"}:
            value = _pdf_date(value)
        if value:
            out.append((key, value))
    return tuple(out)


def _pdf_date(value: str) -> str:
    """`D:20240501093000+02'00'` as ISO 8601 (`2024-05-01T09:30:00+02:00`); unparsable kept as is."""
    m = re.match(r"D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?", value)
    if not m:
        return value
    y, mo, d, h, mi, s, sign, tzh, tzm = m.groups()
    iso = f"{y}-{mo or '01'}-{d or '01'}"
    if h:
        iso += f"T{h}:{mi or '00'}:{s or '00'}"
        if sign in {"Z", "z"}:
            iso += "Z"
        elif sign:
            iso += f"{sign}{tzh or '00'}:{tzm or '00'}"
    return iso


FORMAT = PdfFormat()
