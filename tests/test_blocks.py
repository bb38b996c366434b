"""Blocks: both paragraph layouts, and structural lines kept apart from prose."""

from __future__ import annotations

import pytest

from docscan.blocks import split_blocks
from docscan.loading import decode_bytes

WRAPPED = (
    "Title of the Memo\n\n"
    "This paragraph is hard-wrapped at about seventy characters, the way\n"
    "plain-text documents and e-mails are usually written, so that each\n"
    "line is one piece of a longer paragraph.\n\n"
    "A second paragraph, also wrapped, follows after a blank line and it\n"
    "continues here.\n"
)
PER_LINE = (
    "A headline standing alone\n"
    + "This is the first paragraph written as a single long line of text, the way scraped web pages store prose, with no wrapping at all and well over one hundred characters in length.\n"
    + "Here is the second paragraph, again a single long line, and it should be a block of its own even though no blank line separates it from the first one above.\n"
)
MARKDOWN = "# Heading One\nBody text right under the heading without a blank line.\n\n```\ncode line\n\nmore code\n```\n\nSub\n---\nClosing words.\n"

CASES = [
    ("wrapped", WRAPPED, [(1, 1), (3, 5), (7, 8)]),
    ("one paragraph per line", PER_LINE, [(1, 1), (2, 2), (3, 3)]),
    ("markdown structure", MARKDOWN, [(1, 1), (2, 2), (4, 8), (10, 11), (12, 12)]),
    ("short list lines", "Shopping\n\n- eggs\n- flour\n- milk\n", [(1, 1), (3, 3), (4, 4), (5, 5)]),
    # a Markdown link definition under a heading is structure, not part of either
    ("link definition", "Summary\n[summary]: #summary\n\nText.\n", [(1, 1), (2, 2), (4, 4)]),
    # ragged hand-wrapping: the sentences run across the line breaks, so it is one paragraph
    (
        "ragged wrapped paragraph",
        "The helper should be called when a caller no\nlonger needs the buffer. It matches the\n"
        "release slot. This is an\noptional part of the protocol.\n",
        [(1, 4)],
    ),
    # a deeper indent below a line starts its body: a manual page's section name stays apart
    ("heading over indented body", "NAME\n       tool - convert notes\n", [(1, 1), (2, 2)]),
    # an indented ellipsis under a line of code is not a reStructuredText underline
    ("ellipsis under code", "    def run(x):\n        ...\n", [(1, 1), (2, 2)]),
]


@pytest.mark.parametrize(("name", "text", "spans"), CASES, ids=[c[0] for c in CASES])
def test_block_spans(name: str, text: str, spans: list[tuple[int, int]]) -> None:
    blocks = split_blocks(decode_bytes(text.encode()))
    assert [(b.start_line, b.end_line) for b in blocks] == spans


@pytest.mark.parametrize(("name", "text", "spans"), CASES, ids=[c[0] for c in CASES])
def test_block_offsets_slice_the_text(name: str, text: str, spans: list[tuple[int, int]]) -> None:
    doc = decode_bytes(text.encode())
    for b in split_blocks(doc):
        assert doc.text[b.start_char : b.end_char] == b.text
        assert doc.line_of(b.start_char) == b.start_line
        assert doc.line_of(max(b.start_char, b.end_char - 1)) == b.end_line


# With a marked-up format, blocks follow its regions: a list item (wrapped or not) is one block,
# a fence holding blank lines and a shorter fence is one block, a directive and its body are apart.
REGION_CASES = [
    ("markdown list items", ".md", "Intro line.\n\n- first item\n  wrapped on\n- second\n", [(1, 1), (3, 4), (5, 5)]),
    ("markdown long fence", ".md", "Text.\n\n````\n```\n\n# x\n```\n````\n\nMore.\n", [(1, 1), (3, 8), (10, 10)]),
    ("markdown html comment", ".md", "Text.\n\n<!--\n# x\n-->\n", [(1, 1), (3, 5)]),
    (
        "rst directive and body",
        ".rst",
        "Text.\n\n.. code-block:: python\n\n   x = 1\n\n   y = 2\n\nMore.\n",
        [(1, 1), (3, 3), (5, 7), (9, 9)],
    ),
    # prose regions are still cut by layout: one paragraph per line stays one block per line
    ("markdown per-line prose", ".md", PER_LINE, [(1, 1), (2, 2), (3, 3)]),
]


@pytest.mark.parametrize(("name", "suffix", "text", "spans"), REGION_CASES, ids=[c[0] for c in REGION_CASES])
def test_blocks_follow_regions(name: str, suffix: str, text: str, spans: list[tuple[int, int]]) -> None:
    doc = decode_bytes(text.encode(), suffix=suffix)
    assert [(b.start_line, b.end_line) for b in split_blocks(doc)] == spans
