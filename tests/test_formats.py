"""Formats: what each text format says about a document's structure, and how a file is sniffed."""

from __future__ import annotations

import pytest

from docscan import formats
from docscan.blocks import split_blocks
from docscan.loading import decode_bytes
from docscan.model import Options, RegionKind, SectionKind
from docscan.pipeline import prepare
from docscan.sections import detect_sections

BODY = "This paragraph carries enough ordinary words to read as prose under the heading above it."


def kinds(text: str, suffix: str) -> list[tuple[str, int, int, int]]:
    doc = decode_bytes(text.encode(), suffix=suffix)
    return [(r.kind.value, r.start_line, r.end_line, r.level) for r in doc.regions]


def headings(text: str, suffix: str) -> list[tuple[int, str, int]]:
    doc = decode_bytes(text.encode(), suffix=suffix)
    blocks = split_blocks(doc)
    secs = detect_sections(doc, blocks, tuple(b.index for b in blocks))
    return [(s.start_line, s.title, s.level) for s in secs if s.kind is SectionKind.HEADING]


# --- the reproduced bugs of issue 9 ---------------------------------------------------------


def test_four_backtick_fence_holding_three_backticks_is_one_code_block() -> None:
    text = f"# Guide\n\n{BODY}\n\n````markdown\n```\n# Not a heading\n```\n````\n\n## Next\n\n{BODY}\n"
    assert headings(text, ".md") == [(1, "Guide", 1), (11, "Next", 2)]
    assert ("code", 5, 9, 0) in kinds(text, ".md")


def test_heading_inside_html_comment_is_not_a_heading() -> None:
    text = f"# Guide\n\n{BODY}\n\n<!--\n# Commented out\n-->\n\n## Next\n\n{BODY}\n"
    assert headings(text, ".md") == [(1, "Guide", 1), (9, "Next", 2)]
    assert ("other", 5, 7, 0) in kinds(text, ".md")


def test_escaped_character_in_heading_loses_its_backslash() -> None:
    text = f"# Guide\n\n{BODY}\n\n## C\\# tips\n\n{BODY}\n"
    assert headings(text, ".md") == [(1, "Guide", 1), (5, "C# tips", 2)]


def test_rst_code_block_body_never_reaches_prose() -> None:
    text = (
        "Guide\n=====\n\n"
        f"{BODY}\n\n"
        ".. code-block:: python\n   :linenos:\n\n   def secret_function():\n       return 1\n\n"
        f"{BODY}\n"
    )
    assert ("code", 9, 10, 0) in kinds(text, ".rst")
    p = prepare(decode_bytes(text.encode(), suffix=".rst"), Options())
    seen = " ".join(pc.text for pc in p.pieces) + " ".join(p.prose)
    assert "secret_function" not in seen and "code-block" not in seen


# --- region output per format ---------------------------------------------------------------

MARKDOWN = (
    "---\ntitle: Notes\n---\n"  # 1-3 front matter
    "Guide\n=====\n\n"  # 4-5 setext heading
    "Some *em* and [a link](https://example.org).\n\n"  # 7 prose
    "- first item\n  wrapped\n- second item\n\n"  # 9-11 list items
    "> a quote\n\n"  # 13 quote
    "| a | b |\n|---|---|\n| 1 | 2 |\n\n"  # 15-17 table rows and delimiter
    "    indented code\n\n"  # 19 code
    "[ref]: https://example.org\n"  # 21 link definition
)
RST = (
    "PEP: 1\nTitle: Example\n\n"  # 1-2 header fields
    "=====\nTitle\n=====\n\n"  # 4-6 overlined title
    "Intro with ``code`` and :pep:`8`::\n\n    literal()\n\n"  # 8 prose, 10 literal block
    "Part\n----\n\n"  # 12-13 section
    ".. note:: Mind this.\n\n"  # 15 admonition body: prose
    ".. a comment\n\n"  # 17 comment
    "- item one\n- item two\n\n"  # 19-20 list
    ">>> 1 + 1\n2\n"  # 22-23 doctest
)


def test_markdown_regions() -> None:
    assert kinds(MARKDOWN, ".md") == [
        ("front-matter", 1, 3, 0),
        ("heading", 4, 5, 1),
        ("prose", 7, 7, 0),
        ("list", 9, 10, 0),
        ("list", 11, 11, 0),
        ("quote", 13, 13, 0),
        ("table", 15, 15, 0),
        ("other", 16, 16, 0),
        ("table", 17, 17, 0),
        ("code", 19, 19, 0),
        ("other", 21, 21, 0),
    ]


def test_markdown_visible_spans_leave_out_markup() -> None:
    doc = decode_bytes(MARKDOWN.encode(), suffix=".md")
    prose = next(r for r in doc.regions if r.kind is RegionKind.PROSE)
    assert "".join(doc.text[a:b] for a, b in prose.visible) == "Some em and a link."


def test_rst_regions() -> None:
    assert kinds(RST, ".rst") == [
        ("front-matter", 1, 2, 0),
        ("heading", 4, 6, 1),
        ("prose", 8, 8, 0),
        ("code", 10, 10, 0),
        ("heading", 12, 13, 2),
        ("prose", 15, 15, 0),
        ("other", 17, 17, 0),
        ("list", 19, 19, 0),
        ("list", 20, 20, 0),
        ("code", 22, 23, 0),
    ]
    assert headings(RST, ".rst") == [(5, "Title", 1), (12, "Part", 2)]


def test_plain_text_has_no_regions() -> None:
    assert kinds(f"Title\n\n{BODY}\n", ".txt") == []


# --- sniffing ---------------------------------------------------------------------------------

SNIFF = [
    ("markdown content in a .txt file", "# One\n\ntext\n\n## Two\n\n- item\n- item\n", ".txt", "markdown"),
    ("rst content in a .txt file", "Title\n=====\n\ntext\n\nPart\n----\n\nmore\n\nEnd\n~~~~\n", ".txt", "rst"),
    ("rst content without a suffix", ".. note:: a\n\n.. warning:: b\n\n.. tip:: c\n", "", "rst"),
    ("a markup suffix outweighs the other markup's cues", "- a\n- b\n- c\n\nTitle\n=====\n", ".rst", "rst"),
    ("the suffix decides when content says nothing", "anything", ".md", "markdown"),
    ("plain prose", "Just a plain paragraph of prose.\n", ".txt", "plain"),
]


@pytest.mark.parametrize(("name", "text", "suffix", "fmt"), SNIFF, ids=[c[0] for c in SNIFF])
def test_sniffing(name: str, text: str, suffix: str, fmt: str) -> None:
    assert formats.detect(text.encode(), suffix).name == fmt
    doc = decode_bytes(text.encode(), suffix=suffix)
    assert doc.format == fmt and doc.markup.value == fmt


def test_visible_spans_index_the_document() -> None:
    for text, suffix in ((MARKDOWN, ".md"), (RST, ".rst")):
        doc = decode_bytes(text.encode(), suffix=suffix)
        for r in doc.regions:
            for a, b in r.visible:
                assert 0 <= a < b <= len(doc.text)
                assert doc.line_of(a) >= r.start_line and doc.line_of(b - 1) <= r.end_line
