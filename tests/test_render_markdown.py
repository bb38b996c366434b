"""Markdown report: the outline, entity tables, readability and what was set aside, with every
string from the document escaped so it cannot become markup, a link or raw HTML."""

from __future__ import annotations

import re

import pytest

from docscan.model import ErrorInfo, Report
from docscan.render.markdown import md_escape, report_to_markdown
from test_render_html import planted_report


@pytest.fixture(scope="module")
def md() -> str:
    return report_to_markdown(planted_report())


def test_sections_present(md: str) -> None:
    for heading in ("### Outline", "### Set aside as unrelated", "### Entities", "### Readability"):
        assert heading in md


def test_outline_is_nested_by_level(md: str) -> None:
    lines = md.splitlines()
    top = next(line for line in lines if line.startswith("- Harbor Plans"))
    sub = next(line for line in lines if "Background" in line and "lead-in" in line)
    assert sub.startswith("  - ")
    assert lines.index(top) < lines.index(sub)


def test_entity_tables(md: str) -> None:
    assert "| Name | ISO code | Count | Aliases |" in md
    assert "| Norway | NO | 2 | — |" in md
    assert "| Denmark | DK | 1 | Kingdom of \\<Denmark\\> |" in md
    assert "| Oslo | 1 | — |" in md
    assert "**People** (0)" in md


def test_readability_and_set_aside(md: str) -> None:
    assert "| Flesch-Kincaid grade | 8.20 | school grade |" in md
    assert "| SMOG | — | school grade |" in md
    assert "| Harbor Plans \\</style\\>\\<style\\>body\\{display:none\\}\\</style\\> | 38 | 8.20 | 60.10 |" in md
    assert re.search(r"\| 1–1 \| advert \| promotion \\<i\\>cue\\</i\\> \|", md)
    assert "> ⚠ only 40 words" in md
    assert "1. lines 7–7, grade 11.5" in md


def test_document_markup_is_inert(md: str) -> None:
    assert "<script" not in md.replace("\\<script", "")
    assert "<style" not in md.replace("\\<style", "").replace("\\</style", "")
    assert "](javascript:" not in md
    body = md.split("\n", 1)[1]  # the title line holds the path in a code span, where markup is inert
    assert not re.search(r"(?<!\\)<", body)  # no unescaped angle bracket at all


ESCAPES = [
    ("*bold* _it_", "\\*bold\\* \\_it\\_"),
    ("[x](javascript:alert(1))", "\\[x\\]\\(javascript:alert\\(1\\)\\)"),
    ("a | b", "a \\| b"),
    ("see www.example.org", "see www\\.example.org"),
    ("https://example.org/x", "https:\\/\\/example.org/x"),
    ("two\nlines", "two lines"),
    ("`code` <b>", "\\`code\\` \\<b\\>"),
    ("plain words, 3.5 - fine", "plain words, 3.5 - fine"),
]


@pytest.mark.parametrize(("raw", "escaped"), ESCAPES, ids=[e[0] for e in ESCAPES])
def test_md_escape(raw: str, escaped: str) -> None:
    assert md_escape(raw) == escaped


def test_failed_report() -> None:
    out = report_to_markdown(Report(path="x.bin", error=ErrorInfo("not_text", "binary <data>", "pass text")))
    assert "**error:** binary \\<data\\>" in out and "*hint:* pass text" in out


def test_path_in_a_code_span() -> None:
    out = report_to_markdown(planted_report(path="docs/`evil`<b>.txt"))
    assert out.startswith("## docscan: `docs/'evil'<b>.txt`\n")


def test_escape_sequences_in_document_text_are_made_visible() -> None:
    """A report printed to a terminal must not carry the document's escape sequences."""
    from docscan.render.markdown import md_escape

    out = md_escape("title \x1b]0;owned\x07 and \x1b[2J")
    assert "\x1b" not in out and "\x07" not in out
    assert "␛" in out
