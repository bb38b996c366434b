"""Sections: each heading style, its level, and lead-in labels, on small documents of our own."""

from __future__ import annotations

import pytest

from docscan.blocks import split_blocks
from docscan.loading import decode_bytes
from docscan.model import SectionKind
from docscan.sections import detect_sections, lead_in_label

BODY = "This paragraph carries enough ordinary words to read as prose under the heading above it."


def outline(text: str, suffix: str = ".txt") -> list[tuple[int, str, int, str]]:
    doc = decode_bytes(text.encode(), suffix=suffix)
    blocks = split_blocks(doc)
    secs = detect_sections(doc, blocks, tuple(b.index for b in blocks))
    return [(s.start_line, s.title, s.level, s.kind.value) for s in secs]


CASES = [
    (
        "markdown atx",
        f"# Guide\n\n{BODY}\n\n## Install\n\n{BODY}\n\n### On Linux\n\n{BODY}\n",
        ".md",
        [(1, "Guide", 1, "heading"), (5, "Install", 2, "heading"), (9, "On Linux", 3, "heading")],
    ),
    (
        "setext",
        f"Guide\n=====\n\n{BODY}\n\nInstall\n-------\n\n{BODY}\n",
        ".md",
        [(1, "Guide", 1, "heading"), (6, "Install", 2, "heading")],
    ),
    (
        "rst adornments by first appearance",
        f"=====\nTitle\n=====\n\n{BODY}\n\nPart\n****\n\n{BODY}\n\nDetail\n~~~~~~\n\n{BODY}\n\nOther Part\n**********\n\n{BODY}\n",
        ".rst",
        [(2, "Title", 1, "heading"), (7, "Part", 2, "heading"), (12, "Detail", 3, "heading"), (17, "Other Part", 2, "heading")],
    ),
    (
        "numbered",
        f"1. Introduction\n\n{BODY}\n\n2. Scope\n\n{BODY}\n\n2.1. Terms\n\n{BODY}\n\n2.1.3 Fine Print\n\n{BODY}\n",
        ".txt",
        [(1, "1. Introduction", 1, "heading"), (5, "2. Scope", 1, "heading"), (9, "2.1. Terms", 2, "heading"), (13, "2.1.3 Fine Print", 3, "heading")],
    ),
    (
        "chapters",
        f"CHAPTER I\n\n{BODY}\n\nCHAPTER II\n\n{BODY}\n",
        ".txt",
        [(1, "CHAPTER I", 1, "heading"), (5, "CHAPTER II", 1, "heading")],
    ),
    (
        "title then plain headings, with lead-ins",
        f"A Plain Title for the Report\n{BODY}\nWhat We Found\nKey Result: {BODY}\nSide Note: {BODY}\nWhat Comes Next\n{BODY}\n",
        ".txt",
        [
            (1, "A Plain Title for the Report", 1, "heading"),
            (3, "What We Found", 2, "heading"),
            (4, "Key Result", 3, "lead-in"),
            (5, "Side Note", 3, "lead-in"),
            (6, "What Comes Next", 2, "heading"),
        ],
    ),
    (
        "all caps",
        f"{BODY}\n\nTHE MORNING AFTER\n\n{BODY}\n",
        ".txt",
        [(3, "THE MORNING AFTER", 1, "heading")],
    ),
    (
        "short lines of a list are not headings",
        f"{BODY}\nEggs and flour\nMilk and butter\nSugar\n{BODY}\n",
        ".txt",
        [],
    ),
]


@pytest.mark.parametrize(("name", "text", "suffix", "expected"), CASES, ids=[c[0] for c in CASES])
def test_outline(name: str, text: str, suffix: str, expected: list[tuple[int, str, int, str]]) -> None:
    assert outline(text, suffix) == expected


LABELS = [
    ("Background and Motivation: the plan grew out of two years of talks between the partners.", "Background and Motivation"),
    ("Looking Ahead: the committee will meet again in the spring to review progress.", "Looking Ahead"),
    ("He said: the plan grew out of two years of talks between the partners.", None),
    ("For further reading, see these sources: one, two and three and several others too.", None),
    ("Note: short.", None),  # an admonition flags a remark; it does not name a topic
    ("Status: done.", "Status"),  # a one-line `Label: value.` is labelled text, however short
    ("Note: Short Title", None),  # a short capitalised value reads as a subtitle, not a labelled paragraph
    ("Visit https://example.org for details about the many things described here today.", None),
]


@pytest.mark.parametrize(("text", "label"), LABELS)
def test_lead_in_label(text: str, label: str | None) -> None:
    found = lead_in_label(text)
    assert (found[0] if found else None) == label


def test_section_spans_and_words() -> None:
    text = f"A Title Line\n{BODY}\nSecond Part Here\n{BODY}\n{BODY}\n"
    doc = decode_bytes(text.encode())
    blocks = split_blocks(doc)
    secs = detect_sections(doc, blocks, tuple(b.index for b in blocks))
    assert [(s.start_line, s.end_line, s.kind) for s in secs] == [
        (1, 5, SectionKind.HEADING),
        (3, 5, SectionKind.HEADING),
    ]
    assert secs[1].words == 2 * len(BODY.split())
    assert doc.text[secs[1].start_char : secs[1].end_char].startswith("Second Part Here")


def test_unrelated_blocks_never_become_headings() -> None:
    text = f"Sign Up Today\n{BODY}\nReal Heading\n{BODY}\n"
    doc = decode_bytes(text.encode())
    blocks = split_blocks(doc)
    secs = detect_sections(doc, blocks, (1, 2, 3))
    assert [s.title for s in secs] == ["Real Heading"]
