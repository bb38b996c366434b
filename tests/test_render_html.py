"""HTML report: self-contained, escaped, the text intact, every mention marked, sections anchored.

The report here is built by hand (no spaCy), with a document that plants markup a browser would
run if it were not escaped; tests/test_html_browser.py opens real reports in Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from docscan.model import (
    Document,
    Entities,
    Entity,
    EntityGroup,
    ErrorInfo,
    Mention,
    Passage,
    Readability,
    Report,
    Section,
    SectionKind,
    Segment,
    SegmentKind,
    Stats,
)
from docscan.render.html import IndexRow, index_row, index_to_html, page_name, report_to_html

TEASER = 'Win a cruise today! <a href="javascript:window.__docscanPwned=4">Claim</a> now.'
HEADING = "Harbor Plans </style><style>body{display:none}</style>"
BODY = (
    "Norway and Denmark agreed on a hub. The <script>window.__docscanPwned=1</script> tag stays text, "
    "and so does & an ampersand."
)
LEAD = (
    'Background: Officials in Oslo said <img src=x onerror="window.__docscanPwned=2"> and '
    '<a href="javascript:window.__docscanPwned=3">click</a> are inert. Norway agrees.'
)
TEXT = f"{TEASER}\n\n{HEADING}\n\n{BODY}\n\n{LEAD}\n"


def _at(needle: str, start: int = 0) -> tuple[int, int]:
    i = TEXT.index(needle, start)
    return i, i + len(needle)


def _line(offset: int) -> int:
    return TEXT.count("\n", 0, offset) + 1


def _mentions(word: str) -> tuple[Mention, ...]:
    out = []
    for m in re.finditer(re.escape(word), TEXT):
        out.append(Mention(word, m.start(), m.end(), _line(m.start())))
    return tuple(out)


@dataclass(frozen=True)
class CategorizedSegment:
    """A segment as another helper may extend it, with a `category`."""

    kind: SegmentKind
    start_line: int
    end_line: int
    start_char: int
    end_char: int
    score: float
    reason: str
    preview: str
    category: str


def planted_report(*, path: str = "docs/<b>bold</b>.txt", category: str | None = "advert") -> Report:
    teaser = _at(TEASER)
    heading = _at(HEADING)
    lead = _at(LEAD)
    body_start = heading[0]
    unrelated_args = (SegmentKind.UNRELATED, 1, 1, teaser[0], teaser[1], 0.97, "promotion <i>cue</i>", TEASER[:20])
    unrelated = CategorizedSegment(*unrelated_args, category) if category else Segment(*unrelated_args)
    readability = Readability(60.1, 8.2, 9.0, None, 9.5, 8.0, 7.1, "8th and 9th grade", ("only 40 words",))
    return Report(
        path=path,
        document=Document(path=path, text=TEXT, encoding="utf-8", bytes=len(TEXT.encode()), sha256="0" * 64,
                          line_starts=tuple([0, *[m.end() for m in re.finditer("\n", TEXT)][:-1]])),
        segments=(
            unrelated,  # type: ignore[arg-type]
            Segment(SegmentKind.MAIN, 3, 7, body_start, len(TEXT) - 1, 0.9, "main text", HEADING[:20]),
        ),
        stats=Stats(words=40, sentences=4, paragraphs=3, reading_time_seconds=12.0),
        sections=(
            Section(HEADING, 1, SectionKind.HEADING, 3, 7, heading[0], len(TEXT) - 1, 38, readability),
            Section("Background", 2, SectionKind.LEAD_IN, 7, 7, lead[0], lead[1], 20, None),
        ),
        entities=Entities(
            countries=(
                Entity("Norway", EntityGroup.COUNTRIES, "NO", 2, (), _mentions("Norway")),
                Entity("Denmark", EntityGroup.COUNTRIES, "DK", 1, ("Kingdom of <Denmark>",), _mentions("Denmark")),
            ),
            places=(Entity("Oslo", EntityGroup.PLACES, None, 1, (), _mentions("Oslo")),),
        ),
        readability=readability,
        hardest=(Passage(7, 7, lead[0], lead[1], 11.5, 20, LEAD[:30]),),
    )


class _Page(HTMLParser):
    """Collects what the tests look at: elements with attributes, the document text, script and
    style bodies, and the text inside each mark."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.doc_depth: int | None = None
        self.doc_text: list[str] = []
        self.marks: list[tuple[dict[str, str | None], list[str]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in_raw: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.elements.append((tag, a))
        if tag in self.raw:
            self._in_raw = tag
            self.raw[tag].append("")
        if tag in ("meta", "link", "br", "img", "input", "line", "rect"):
            return
        self.stack.append(tag)
        if a.get("id") == "document":
            self.doc_depth = len(self.stack)
        if tag == "mark":
            self.marks.append((a, []))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("meta", "link", "br", "img", "input", "line", "rect"):
            return
        if self._in_raw == tag:
            self._in_raw = None
        if self.doc_depth is not None and len(self.stack) == self.doc_depth:
            self.doc_depth = -1  # the document div is closed
        if self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self._in_raw:
            self.raw[self._in_raw][-1] += data
            return
        if self.doc_depth is not None and self.doc_depth > 0:
            self.doc_text.append(data)
            if self.stack and self.stack[-1] == "mark":
                self.marks[-1][1].append(data)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def page() -> str:
    return report_to_html(planted_report())


def test_document_text_is_reproduced_exactly(page: str) -> None:
    assert "".join(_parse(page).doc_text) == TEXT


def test_planted_markup_is_inert(page: str) -> None:
    parsed = _parse(page)
    assert len(parsed.raw["script"]) == 1 and "__docscanPwned" not in parsed.raw["script"][0]
    assert len(parsed.raw["style"]) == 1 and "display:none" not in parsed.raw["style"][0]
    assert not [a for _, attrs in parsed.elements for a in attrs if a.lower().startswith("on")]
    assert not [t for t, _ in parsed.elements if t in ("img", "iframe", "object", "embed")]
    hrefs = [attrs.get("href") or "" for _, attrs in parsed.elements if "href" in attrs]
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")]
    assert "<script>window" not in page and "</style><style>" not in page and "<b>bold</b>" not in page


def test_nothing_is_loaded_from_anywhere(page: str) -> None:
    parsed = _parse(page)
    for tag, attrs in parsed.elements:
        for name in ("src", "href", "action", "data", "srcset", "xlink:href"):
            value = attrs.get(name)
            if value is None:
                continue
            assert value.startswith("#") or value == "data:,", (tag, name, value)
    assert "@import" not in page and "url(" not in parsed.raw["style"][0]


def test_csp_pins_the_page_style_and_script(page: str) -> None:
    parsed = _parse(page)
    csp = next(a["content"] for t, a in parsed.elements if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert csp is not None and csp.startswith("default-src 'none'")

    def digest(body: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"

    assert f"script-src {digest(parsed.raw['script'][0])};" in csp
    assert f"style-src {digest(parsed.raw['style'][0])};" in csp
    assert "unsafe-inline" not in csp and "http" not in csp
    # The CSP must come before anything it governs.
    assert page.index("Content-Security-Policy") < page.index("<style>") < page.index("<script>")


def test_every_mention_is_marked_once_with_its_entity(page: str) -> None:
    report = planted_report()
    parsed = _parse(page)
    expected = sorted(
        (m.start_char, m.text, f"{group.value}-{i}")
        for group, items in report.entities.groups()
        for i, e in enumerate(items)
        for m in e.mentions
    )
    found = sorted((int(a["data-start"] or -1), "".join(text), a["data-e"] or "") for a, text in parsed.marks)
    assert found == expected
    classes = {a["data-e"]: a["class"] for a, _ in parsed.marks}
    assert classes["countries-0"] == "ent g-countries" and classes["places-0"] == "ent g-places"


def test_entity_tables_and_legend(page: str) -> None:
    parsed = _parse(page)
    rows = {a["data-e"]: a["data-name"] for t, a in parsed.elements if t == "tr" and "data-e" in a}
    assert rows == {"countries-0": "Norway", "countries-1": "Denmark", "places-0": "Oslo"}
    assert "Kingdom of &lt;Denmark&gt;" in page  # aliases, escaped
    assert "<td>NO</td>" in page and "<td>DK</td>" in page
    assert "Countries (2 names, 3 mentions)" in page and "Places (1 name, 1 mention)" in page


def test_set_aside_block_is_labelled_with_category_and_reason(page: str) -> None:
    parsed = _parse(page)
    aside = [a for t, a in parsed.elements if t == "span" and a.get("class") == "aside"]
    assert len(aside) == 1
    assert aside[0]["data-category"] == "advert"
    assert aside[0]["data-label"] == "set aside · advert · lines 1-1 · promotion <i>cue</i>"
    assert "promotion &lt;i&gt;cue&lt;/i&gt;" in page


def test_segments_without_a_category_say_unrelated() -> None:
    parsed = _parse(report_to_html(planted_report(category=None)))
    aside = [a for t, a in parsed.elements if t == "span" and a.get("class") == "aside"]
    assert aside[0]["data-category"] == "unrelated"


def test_outline_links_land_on_section_anchors(page: str) -> None:
    parsed = _parse(page)
    links = [a["href"] for t, a in parsed.elements if t == "a" and a.get("data-section") is not None]
    ids = {a.get("id") for _, a in parsed.elements}
    assert links == ["#sec-0", "#sec-1"]
    assert all(h[1:] in ids for h in links)
    # Each anchor sits right before its section's first character.
    for i, section in enumerate(planted_report().sections):
        anchor = page.index(f'id="sec-{i}"')
        following = html.unescape(re.sub(r"<[^>]+>", "", page[anchor:].split(">", 1)[1]))
        assert following.startswith(TEXT[section.start_char : section.start_char + 12])


def test_hardest_paragraph_and_section_readability(page: str) -> None:
    parsed = _parse(page)
    hard = [a for t, a in parsed.elements if t == "span" and a.get("class") == "hard"]
    assert [a["id"] for a in hard] == ["hard-1"]
    assert "grade 11.5" in (hard[0]["data-label"] or "")
    strip = [a for t, a in parsed.elements if t == "svg" and a.get("class") == "strip"]
    assert strip, "a readability heat strip"
    assert 'href="#hard-1"' in page
    assert "only 40 words" in page


def test_failed_report_page() -> None:
    failed = Report(path="<bad>.bin", error=ErrorInfo("not_text", "binary <data>", "pass a text file"))
    out = report_to_html(failed)
    assert "error: binary &lt;data&gt;" in out and "&lt;bad&gt;.bin" in out and "<bad>" not in out


def test_index_page() -> None:
    ok = index_row(planted_report(path="a/<x>.txt"), "00001-x.html")
    failed = index_row(Report(path="b.bin", error=ErrorInfo("not_text", "binary", None)), None)
    assert ok.words == 40 and ok.grade == 8.2 and ok.unrelated_lines == 1
    assert ok.unrelated_share == pytest.approx(1 / 6)
    page = index_to_html([ok, failed, IndexRow("c.txt", "00003-c.txt.html", True, 900, 14.0, 30.0, 0.0, 0)])
    parsed = _parse(page)
    assert [a["href"] for t, a in parsed.elements if t == "a"] == ["00001-x.html", "00003-c.txt.html"]
    assert "a/&lt;x&gt;.txt" in page and "<x>" not in page
    assert len([t for t, a in parsed.elements if t == "svg"]) == 3
    cols = [a["data-col"] for t, a in parsed.elements if t == "button"]
    assert cols == ["0", "1", "2", "3"]
    assert "error: binary" in page


PAGE_NAMES = [
    (1, "docs/guide.md", "00001-guide.md.html"),
    (2, "../../etc/passwd", "00002-passwd.html"),
    (3, "a/<script>.txt", "00003-script_.txt.html"),
    (4, "-", "00004-stdin.html"),
    (5, "dir/..", "00005-document.html"),
    (6, "C:\\docs\\report.txt", "00006-report.txt.html"),
]


@pytest.mark.parametrize(("index", "path", "name"), PAGE_NAMES)
def test_page_names_are_safe(index: int, path: str, name: str) -> None:
    assert page_name(index, path) == name


# --- through the command line (needs the trained pipeline) ------------------------------------


@pytest.mark.model
def test_cli_html_pages_and_index(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from docscan.cli import app

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "one.txt").write_text("Norway and Denmark agreed on a plan. Officials in Oslo approved it.\n")
    (docs / "two.md").write_text("# Notes\n\nThe council in Berlin met on Monday. It approved the budget.\n")
    (docs / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    site = tmp_path / "site"
    result = CliRunner().invoke(app, ["scan", str(docs), "-f", "html", "--output-dir", str(site), "-q", "-w", "1", "--no-config"])
    assert result.exit_code == 4  # bad.txt failed; the others were written
    assert "bad.txt" in result.stderr and "error: " in result.stderr
    names = sorted(p.name for p in site.iterdir())
    assert names == ["00002-one.txt.html", "00003-two.md.html", "index.html"]
    index = (site / "index.html").read_text()
    assert 'href="00002-one.txt.html"' in index and "error: " in index
    page = (site / "00002-one.txt.html").read_text()
    assert 'href="index.html"' in page and 'data-e="countries-0"' in page


@pytest.mark.model
def test_cli_single_html_to_stdout_and_usage_errors(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from docscan.cli import app

    doc = tmp_path / "one.txt"
    doc.write_text("Norway and Denmark agreed on a plan.\n")
    other = tmp_path / "two.txt"
    other.write_text("Another note about Sweden.\n")
    runner = CliRunner()
    single = runner.invoke(app, ["scan", str(doc), "--format", "html", "--no-config"])
    assert single.exit_code == 0 and single.stdout.startswith("<!DOCTYPE html>")
    several = runner.invoke(app, ["scan", str(doc), str(other), "--format", "html", "--no-config"])
    assert several.exit_code == 2 and "need --output-dir" in several.stderr
    json_dir = runner.invoke(app, ["scan", str(doc), "--json", "--output-dir", str(tmp_path / "x"), "--no-config"])
    assert json_dir.exit_code == 2 and "--output-dir needs --format html or markdown" in json_dir.stderr
    md = runner.invoke(app, ["scan", str(doc), str(other), "--format", "markdown", "--no-config", "-q"])
    assert md.exit_code == 0 and md.stdout.count("## docscan: ") == 2 and "\n---\n" in md.stdout
    reports = tmp_path / "reports"
    md_dir = runner.invoke(app, ["scan", str(doc), str(other), "-f", "markdown", "--output-dir", str(reports), "-q", "--no-config"])
    assert md_dir.exit_code == 0
    assert sorted(p.name for p in reports.iterdir()) == ["00001-one.txt.md", "00002-two.txt.md", "index.md"]
    assert "[report](00001-one.txt.md)" in (reports / "index.md").read_text()
    missing = runner.invoke(app, ["scan", str(tmp_path / "missing.txt"), "--format", "html", "--no-config"])
    assert missing.exit_code == 3 and missing.stdout == "" and missing.stderr.startswith("error: ")


def test_escape_sequences_in_document_text_are_made_visible_in_html() -> None:
    from docscan.render.html import _esc

    out = _esc("a \x1b[31mred\x1b[0m <b>")
    assert "\x1b" not in out and "&lt;b&gt;" in out and "␛" in out
