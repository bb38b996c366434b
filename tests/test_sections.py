"""Sections: each heading style, its level, and lead-in labels, on small documents of our own."""

from __future__ import annotations

import pytest

from docscan.blocks import split_blocks
from docscan.loading import decode_bytes
from docscan.model import SectionKind
from docscan.sections import detect_sections, lead_in_label, lead_in_verdict

BODY = "This paragraph carries enough ordinary words to read as prose under the heading above it."


def outline(text: str, suffix: str = ".txt") -> list[tuple[int, str, int, str]]:
    doc = decode_bytes(text.encode(), suffix=suffix)
    blocks = split_blocks(doc)
    secs = detect_sections(doc, blocks, tuple(b.index for b in blocks))
    return [(s.start_line, s.title, s.level, s.kind.value) for s in secs]


# Hard-wrapped prose of our own, for the blank-line-separated layouts (PEPs, RFCs, drafts).
W1 = (
    "The committee met twice during the spring to review the proposal and\n"
    "its costs, and it asked the authors to explain how the new format would\n"
    "work with the tools that readers already use every day.\n"
)
W2 = (
    "Most of the questions were about timing. The authors answered that a\n"
    "first version could ship within a year if the reviewers agreed on the\n"
    "scope early, and that later versions would follow the same process.\n"
)
RFC_BODY = (
    "   This memo describes a small protocol for exchanging notes between\n"
    "   two hosts, and it explains the message format in some detail.\n"
)
RFC = (
    "Network Working Group                                        J. Roe\n"
    "Request for Comments: 9999                               Example Org\n"
    "Category: Informational                                     May 2026\n\n\n"
    "                      A Small Note Protocol\n\n"
    f"Abstract\n\n{RFC_BODY}\n"
    "Table of Contents\n\n   1.  Introduction\n   2.  Message Format\n     2.1.  Header\n   Acknowledgments\n\n"
    f"1.  Introduction\n\n{RFC_BODY}\n2.  Message Format\n\n{RFC_BODY}\n2.1.  Header\n\n{RFC_BODY}\n"
    f"                    Figure 1: Header Layout\n\n{RFC_BODY}\n"
    f"Acknowledgments\n\n{RFC_BODY}\n"
    "Roe                           Informational                     [Page 1]\n"
)
PROSE = "We counted every request that reached the servers during the year and compared the totals.\n"

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
        [
            (2, "Title", 1, "heading"),
            (7, "Part", 2, "heading"),
            (12, "Detail", 3, "heading"),
            (17, "Other Part", 2, "heading"),
        ],
    ),
    (
        "numbered",
        f"1. Introduction\n\n{BODY}\n\n2. Scope\n\n{BODY}\n\n2.1. Terms\n\n{BODY}\n\n2.1.3 Fine Print\n\n{BODY}\n",
        ".txt",
        [
            (1, "1. Introduction", 1, "heading"),
            (5, "2. Scope", 1, "heading"),
            (9, "2.1. Terms", 2, "heading"),
            (13, "2.1.3 Fine Print", 3, "heading"),
        ],
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
    (
        "markdown: a # line inside a code fence is code",
        f"# Guide\n\n{BODY}\n\n```sh\n# not a heading\necho hi\n```\n\n## Install\n\n{BODY}\n",
        ".md",
        [(1, "Guide", 1, "heading"), (10, "Install", 2, "heading")],
    ),
    (
        "rst: an indented ellipsis under code is no underline",
        f"Usage\n=====\n\n{BODY}\n\n    def run(x):\n        ...\n\nLimits\n======\n\n{BODY}\n",
        ".rst",
        [(1, "Usage", 1, "heading"), (9, "Limits", 1, "heading")],
    ),
    (
        "pep-style plain text: header fields, stacked headings, top-level names",
        "PEP: 9999\nTitle: A Format for Notes\nAuthor: Jane Roe <jane@example.org>\nStatus: Draft\n\n\n"
        f"Abstract\n\n{W1}\n\nRejected Ideas\n\nUse a Flag Instead\n\n{W2}\nKeep the Old Format\n\n{W1}\n\n"
        f"References\n\n{W2}",
        ".txt",
        [
            (7, "Abstract", 1, "heading"),
            (14, "Rejected Ideas", 1, "heading"),
            (16, "Use a Flag Instead", 2, "heading"),
            (22, "Keep the Old Format", 2, "heading"),
            (29, "References", 1, "heading"),
        ],
    ),
    (
        "a heading glued to the paragraph below; a heading above a one-word answer",
        f"Abstract\n{W1}\nDrawbacks\n\nNone.\n\nAlternatives\n\n{W2}",
        ".txt",
        [(1, "Abstract", 1, "heading"), (6, "Drawbacks", 1, "heading"), (10, "Alternatives", 1, "heading")],
    ),
    (
        "chapter lines with subtitles; dialogue is not a heading",
        f'CHAPTER I\n\nA Meeting in the Rain\n\n{W1}\n{W2}\nCHAPTER II\n\nThe Letter\n\n{W1}\n"I will not go," she said.\n\n{W2}',
        ".txt",
        [(1, "CHAPTER I", 1, "heading"), (13, "CHAPTER II", 1, "heading")],
    ),
    (
        "numbered sections, then a numbered list that is not a heading",
        f"1. Introduction\n\n{W1}\n2. Method\n\n{W2}\n3. Results\n\n{W1}\nThe steps were:\n\n"
        f"1. Open the box\n2. Take the part\n3. Close the box\n\n{W2}",
        ".txt",
        [(1, "1. Introduction", 1, "heading"), (7, "2. Method", 1, "heading"), (13, "3. Results", 1, "heading")],
    ),
    (
        "roman-numbered sections with unnumbered subsections",
        f"I. The Debate\n\n{W1}\nSession One\n\n{W2}\nII. The Verdict\n\n{W1}\nClosing Words\n\n{W2}",
        ".txt",
        [
            (1, "I. The Debate", 1, "heading"),
            (7, "Session One", 2, "heading"),
            (13, "II. The Verdict", 1, "heading"),
            (19, "Closing Words", 2, "heading"),
        ],
    ),
    (
        "e-mail header fields are front matter; the greeting and sign-off are not headings",
        f"From: Jane Roe <jane@example.org>\nTo: team@example.org\nSubject: Quarterly notes\n\nHi all,\n\n{W1}\n"
        f"Next Steps\n\n{W2}\nThanks,\nJane\n",
        ".txt",
        [(11, "Next Steps", 1, "heading")],
    ),
    (
        "html headings left in markdown",
        f'<h1>Notes</h1>\n\n{W1}\n<h2 id="a">First <em>Part</em></h2>\n\n{W2}\n<h2>Second</h2>\n\n{W1}',
        ".md",
        [(1, "Notes", 1, "heading"), (7, "First Part", 2, "heading"), (13, "Second", 2, "heading")],
    ),
    (
        "manual page: column-0 headings over indented text; the running head is not one",
        "TOOL(1)                   User Commands                   TOOL(1)\n\nNAME\n       tool - convert notes\n\n"
        "DESCRIPTION\n       Convert notes between formats, keeping the headings and the links of every note intact.\n\n"
        "AUTHOR\n       Written by Jane Roe and the other maintainers of the project.\n",
        ".txt",
        [(3, "NAME", 1, "heading"), (6, "DESCRIPTION", 1, "heading"), (9, "AUTHOR", 1, "heading")],
    ),
    (
        "asciidoc section titles",
        f"= Document Title\n\n{W1}\n== Section One\n\n{W2}",
        ".txt",
        [(1, "Document Title", 1, "heading"), (7, "Section One", 2, "heading")],
    ),
    (
        "the short last line of a wrapped paragraph is not a heading",
        f"Overview\n\n{W1}Short last line here\n\n{W2}",
        ".txt",
        [(1, "Overview", 1, "heading")],
    ),
    (
        "a line inside a ragged wrapped paragraph is not a heading",
        "Notes\n\nThe helper should be called when a caller no\nlonger needs the buffer returned by the reader. "
        f"It matches the\nrelease slot. This is an\noptional part of the protocol.\n\n{W2}",
        ".txt",
        [(1, "Notes", 1, "heading")],
    ),
    (
        "rfc: header and centred title, contents lines, figure caption and page footer are not headings",
        RFC,
        ".txt",
        [
            (8, "Abstract", 1, "heading"),
            (13, "Table of Contents", 1, "heading"),
            (20, "1.  Introduction", 1, "heading"),
            (25, "2.  Message Format", 1, "heading"),
            (30, "2.1.  Header", 2, "heading"),
            (40, "Acknowledgments", 1, "heading"),
        ],
    ),
    (
        "page footers and bullets are not headings; indented lines are code",
        f"Overview\n\n{W1}\nPage 1\n\n{W2}\n- Eggs and flour\n- Milk and butter\n\n{W1}\n    Indented Code Line\n\n{W2}",
        ".txt",
        [(1, "Overview", 1, "heading")],
    ),
    (
        "rust-rfc style: list-form header fields, anchor lines mark the template sections",
        f"- Feature Name: notes\n- Start Date: 2026-01-01\n\nSummary\n[summary]: #summary\n\n{W1}\n"
        f"Motivation\n[motivation]: #motivation\n\n{W2}\nA Closer Look\n\n{W1}\nDrawbacks\n[drawbacks]: #drawbacks\n\n{W2}",
        ".txt",
        [
            (4, "Summary", 1, "heading"),
            (11, "Motivation", 1, "heading"),
            (18, "A Closer Look", 2, "heading"),
            (24, "Drawbacks", 1, "heading"),
        ],
    ),
    (
        "one paragraph per line: captions, metadata fields and code values",
        f"A Plain Title for the Report\n{PROSE}Results\nHow We Measured It\n{PROSE}Figure 2: Requests per month\n{PROSE}"
        f"Output: `0x0103`\n{PROSE}Received: 3 May 2026\nAccepted: 9 June 2026\n{PROSE}"
        "Background: Why a Shared Hub\nCost and Timing: Building one platform instead of two could save money for both.\n"
        "He said: the plan grew out of two years of talks between the partners and their staff.\n",
        ".txt",
        [
            (1, "A Plain Title for the Report", 1, "heading"),
            (3, "Results", 2, "heading"),
            (4, "How We Measured It", 3, "heading"),
            (8, "Output", 4, "lead-in"),
            (13, "Background: Why a Shared Hub", 3, "heading"),
            (14, "Cost and Timing", 4, "lead-in"),
        ],
    ),
]


@pytest.mark.parametrize(("name", "text", "suffix", "expected"), CASES, ids=[c[0] for c in CASES])
def test_outline(name: str, text: str, suffix: str, expected: list[tuple[int, str, int, str]]) -> None:
    assert outline(text, suffix) == expected


LABELS = [
    (
        "Background and Motivation: the plan grew out of two years of talks between the partners.",
        "Background and Motivation",
    ),
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


RULES = [
    ("markdown", f"# Guide\n\n{BODY}\n\n## Install\n\n{BODY}\n", ".md", ["markdown heading", "markdown heading"]),
    ("rst", f"Guide\n=====\n\n{BODY}\n\nPart\n----\n\n{BODY}\n", ".rst", ["rst heading", "rst heading"]),
    ("rfc", RFC, ".txt", ["column 0 above indented prose", "column 0 above indented prose", "section number"]),
    (
        "plain lines and a lead-in",
        f"A Plain Title for the Report\n{PROSE}Cost and Timing: Building one platform instead of two could save money.\n",
        ".txt",
        ["title-like line above prose", "label and colon opening a paragraph"],
    ),
    (
        "bold label",
        f"# Guide\n\n{BODY}\n\n## Part\n\n**Scope:** {BODY}\n",
        ".md",
        ["markdown heading", "markdown heading", "bold label opening a paragraph"],
    ),
]


@pytest.mark.parametrize(("name", "text", "suffix", "rules"), RULES, ids=[c[0] for c in RULES])
def test_every_section_names_the_rule_that_made_it(name: str, text: str, suffix: str, rules: list[str]) -> None:
    doc = decode_bytes(text.encode(), suffix=suffix)
    blocks = split_blocks(doc)
    secs = detect_sections(doc, blocks, tuple(b.index for b in blocks))
    assert [s.rule for s in secs][: len(rules)] == rules


def test_explain_json_carries_the_outline_rules() -> None:
    from docscan.pipeline import analyze_text
    from docscan.render.json import report_to_dict

    out = report_to_dict(analyze_text(f"# Guide\n\n{BODY}\n", path="x.md"), explain=True)
    assert out["explain_outline"] == [
        {"start_line": 1, "kind": "heading", "level": 1, "title": "Guide", "rule": "markdown heading"}
    ]


# A scraped page of our own: one paragraph per line, the title on line 1 with a byline, a date and
# a photo credit under it, a quoted line, a table row with tab-separated cells, a "[edit]" marker.
PAGE = (
    "Harbor Plan Wins Approval After Long Debate\n"
    "By Jane Roe\n"
    "Published on May 3, 2025\n"
    "Photo: John Smith for the Harbor Times\n"
    f"{PROSE}"
    "“We will build it together”\n"
    f"{PROSE}"
    "Funding and Timing[edit]\n"
    f"{PROSE}"
    "Budget\tCost\tYear\n"
    f"{PROSE}"
    "20) How It Began\n"
    f"{PROSE}{PROSE}{PROSE}{PROSE}"
    "21) What Comes Next\n"
    f"{PROSE}"
)


def test_web_page_outline() -> None:
    assert outline(PAGE) == [
        (1, "Harbor Plan Wins Approval After Long Debate", 1, "heading"),
        (8, "Funding and Timing", 2, "heading"),
        (12, "20) How It Began", 2, "heading"),
        (17, "21) What Comes Next", 2, "heading"),
    ]


def test_page_title_rule_is_named() -> None:
    doc = decode_bytes(PAGE.encode())
    blocks = split_blocks(doc)
    secs = detect_sections(doc, blocks, tuple(b.index for b in blocks))
    assert secs[0].rule == "page title"


# The same kind of page copied from a browser, too short for the split to read it as a page: no
# <title> line, and a skip link and a menu (or a cookie banner) above the headline. The headline
# names what the prose under it is about; the menu lines do not.
HARBOR = (
    "The harbor plan approved by the council on Tuesday sets aside land for a new ferry terminal and a park.\n"
    "Council members debated the plan for two years before the approval, mostly over the cost of the terminal.\n"
)
BROWSER_TOP = {
    "skip link and menu": "Skip to content\nMenu\nSearch\nSubscribe\n",
    "cookie banner": "We use cookies to improve your visit. Accept all cookies\n",
    "no title line": "",
}


@pytest.mark.parametrize("top", BROWSER_TOP.values(), ids=BROWSER_TOP.keys())
def test_the_headline_is_the_page_title_when_line_1_is_not(top: str) -> None:
    text = f"{top}Harbor plan wins approval after long debate\nBy Jane Roe\n{HARBOR}Funding and Timing\n{HARBOR}"
    found = outline(text)
    first = top.count("\n") + 1
    assert found[0] == (first, "Harbor plan wins approval after long debate", 1, "heading")
    assert (first + 4, "Funding and Timing", 2, "heading") in found
    assert all(line >= first for line, *_ in found)  # the menu and the banner are not headings


WEB_LABELS = [
    ("NOTE: The tool reads every file twice before it writes anything at all.", "NOTE"),
    ("TODO: Measure the second pass on the larger documents before the release.", "TODO"),
    ("Note: see below.", None),  # a remark, not a labelled paragraph
    ("Among its key findings: prices rose five percent in the first year alone.", None),
    ("This Week: the council met twice and agreed on the budget for the harbor.", "This Week"),
    ("This works like this: the council met twice and agreed on the budget.", None),
    ("Use `a: b` pairs for every mapping that the configuration file needs to hold.", None),
    ("Actor(s): the people who start the process and the steps that they take.", "Actor(s)"),
]


@pytest.mark.parametrize(("text", "label"), WEB_LABELS)
def test_web_lead_in_labels(text: str, label: str | None) -> None:
    found = lead_in_label(text)
    assert (found[0] if found else None) == label


VERDICTS = [
    ("He said: the plan grew out of two years of talks between the partners.", "reporting verb"),
    ("Among its key findings: prices rose five percent in the first year alone.", "sentence opener"),
    ("Note: see below.", "admonition"),
    ("Use `a: b` pairs for every mapping that the configuration file needs to hold.", "colon inside brackets or code"),
    ("Looking Ahead: the committee will meet again in the spring to review progress.", ""),
]


@pytest.mark.parametrize(("text", "rule"), VERDICTS)
def test_lead_in_verdict_names_the_rule(text: str, rule: str) -> None:
    found, why = lead_in_verdict(text)
    assert why == rule and (found is None) == bool(rule)
