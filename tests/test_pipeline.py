"""Pipeline wiring: what spaCy and the prose statistics see of marked-up text."""

from __future__ import annotations

import pytest

from docscan.loading import decode_bytes
from docscan.model import Options, SectionKind
from docscan.pipeline import prepare

PLAIN = [
    (
        ".md",
        "Read [the guide](https://example.org/g) and `len(x)` in **bold** now.",
        "Read the guide and len(x) in bold now.",
    ),
    (
        ".rst",
        "Read `the guide <https://example.org/g>`_ and ``len(x)`` per :pep:`8` in **bold**.",
        "Read the guide and len(x) per 8 in bold .",
    ),
    (".txt", "Keep *this* and `that` as they are.", "Keep *this* and `that` as they are."),
]


@pytest.mark.parametrize(("suffix", "text", "visible"), PLAIN)
def test_inline_markup_is_blanked_keeping_offsets(suffix: str, text: str, visible: str) -> None:
    doc = decode_bytes(text.encode(), suffix=suffix)
    p = prepare(doc, Options())
    (piece,) = p.pieces
    assert doc.text[piece.offset : piece.offset + len(piece.text)].replace("\n", " ") != "" and len(piece.text) == len(
        text
    )
    assert " ".join(piece.text.split()) == visible


RST = """Title
=====

A paragraph of prose that introduces an example below it::

    def example():
        return 42

.. image:: diagram.png
   :alt: a directive is markup, not prose

.. _target: https://example.org

.. code-block:: python

   def hidden_body():
       return "never prose"

Closing prose paragraph with enough words to count as ordinary writing.
"""


def test_rst_directives_and_literal_blocks_are_not_prose() -> None:
    doc = decode_bytes(RST.encode(), suffix=".rst")
    p = prepare(doc, Options())
    prose = " ".join(p.prose)
    assert "def example" not in prose and "directive" not in prose and "example.org" not in prose
    assert "hidden_body" not in prose and "never prose" not in " ".join(pc.text for pc in p.pieces)
    assert "introduces an example below it:" in prose and "Closing prose" in prose


def test_rst_admonition_body_is_prose() -> None:
    text = "Title\n=====\n\n.. note:: Readers should know this fact.\n\nAfter the note.\n"
    p = prepare(decode_bytes(text.encode(), suffix=".rst"), Options())
    assert "Readers should know this fact." in p.prose and ".." not in " ".join(p.prose)


def test_markdown_heading_piece_has_no_markup_and_exact_offsets() -> None:
    text = "## C\\# tips for Microsoft\n\nMicrosoft ships the compiler with every copy of Visual Studio today.\n"
    doc = decode_bytes(text.encode(), suffix=".md")
    p = prepare(doc, Options())
    (heading,) = [s for s in p.sections if s.kind is SectionKind.HEADING]
    assert heading.title == "C# tips for Microsoft"
    piece = next(pc for pc in p.pieces if not pc.prose)
    assert "#" not in piece.text.replace("C #", "") and "\\" not in piece.text
    assert doc.text[piece.offset + piece.text.index("Microsoft") :].startswith("Microsoft")
