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
