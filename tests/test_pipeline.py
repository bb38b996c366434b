"""Pipeline wiring: what spaCy and the prose statistics see of marked-up text."""

from __future__ import annotations

import pytest

from docscan.loading import decode_bytes
from docscan.model import Markup, Options
from docscan.pipeline import _plain, prepare

PLAIN = [
    (Markup.MARKDOWN, "Read [the guide](https://example.org/g) and `len(x)` in **bold** now.", "Read the guide and len(x) in bold now."),
    (Markup.RST, "Read `the guide <https://example.org/g>`_ and ``len(x)`` per :pep:`8` in **bold**.", "Read the guide and len(x) per 8 in bold ."),
    (Markup.PLAIN, "Keep *this* and `that` as they are.", "Keep *this* and `that` as they are."),
]


@pytest.mark.parametrize(("markup", "text", "visible"), PLAIN)
def test_inline_markup_is_blanked_keeping_offsets(markup: Markup, text: str, visible: str) -> None:
    out = _plain(text, markup)
    assert len(out) == len(text)
    assert " ".join(out.split()) == visible


RST = """Title
=====

A paragraph of prose that introduces an example below it::

    def example():
        return 42

.. note:: A directive is markup, not prose.

.. _target: https://example.org

Closing prose paragraph with enough words to count as ordinary writing.
"""


def test_rst_directives_and_literal_blocks_are_not_prose() -> None:
    doc = decode_bytes(RST.encode(), suffix=".rst")
    p = prepare(doc, Options())
    prose = " ".join(p.blocks[i].text for i in p.prose_blocks)
    assert "def example" not in prose and "directive" not in prose and "example.org" not in prose
    assert "introduces an example" in prose and "Closing prose" in prose
