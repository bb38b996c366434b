"""The outline of web pages saved as text (one paragraph per line), on small pages of our own:
what is never a heading, what stays one, lead-in labels, and the rule named for each verdict."""

from __future__ import annotations

import pytest

from docscan.blocks import split_blocks
from docscan.loading import decode_bytes
from docscan.sections import STYLE_ACCEPT, detect_sections, heading_verdicts, lead_in_verdict

TITLE = "Harbor Plan Wins Approval After Long Debate\n"
PROSE = "We counted every request that reached the servers during the year and compared the totals.\n"
MORE = "The council will meet again in the spring to review what the first year of work has cost.\n"


def outline(text: str) -> list[tuple[int, str, int, str]]:
    doc = decode_bytes(text.encode(), suffix=".txt")
    blocks = split_blocks(doc)
    secs = detect_sections(doc, blocks, tuple(b.index for b in blocks))
    return [(s.start_line, s.title, s.level, s.kind.value) for s in secs]


def verdicts(text: str) -> dict[int, str]:
    doc = decode_bytes(text.encode(), suffix=".txt")
    blocks = split_blocks(doc)
    return heading_verdicts(doc, blocks, tuple(b.index for b in blocks))


def headings(text: str) -> list[tuple[int, str, int]]:
    return [(line, title, level) for line, title, level, kind in outline(text) if kind == "heading"]


# A line that is never a heading, the rule that says so, placed between two paragraphs of a page;
# a real section heading right under it stays a level-2 heading.
NEVER = [
    ("Advertisement", "worded like page furniture"),
    ("Share this article", "worded like page furniture"),
    ("Sign up for our newsletter", "worded like page furniture"),
    ("Figure 3: The harbor at dawn", "caption or credit"),
    ("Photo: Jane Roe for the Harbor Times", "caption or credit"),
    ("“We will build it together”", "quoted speech"),
    ("“We will build it,” she said", "quoted speech"),
    ("“Will you build it with us?”", "quoted speech"),  # a question, but dialogue in a page dump
    ("Budget\tCost\tYear", "page number or table row"),
    ("Also, how much will the second phase cost?", "opens with a connective"),
    ("Cite this pageShare it with friends", "link labels run together"),
    ("Permalink https://example.org/p/12", "web address"),
    ("—J.R., age 9", "attribution after a dash"),
]


@pytest.mark.parametrize(("line", "rule"), NEVER, ids=[n[0] for n in NEVER])
def test_page_furniture_is_never_a_heading_and_hides_no_heading(line: str, rule: str) -> None:
    text = f"{TITLE}{PROSE}{line}\nFunding and Timing\n{PROSE}What Comes Next\n{MORE}"
    assert verdicts(text)[3] == rule
    assert headings(text) == [
        (1, "Harbor Plan Wins Approval After Long Debate", 1),
        (4, "Funding and Timing", 2),
        (6, "What Comes Next", 2),
    ]


# Bylines and timestamps are never headings either; a name or a date may go on under them, so the
# line below them is judged as usual.
BYLINES = ["Jane Roe June 28, 2025 at 10:25 pm", "Author: Jane Roe", "By Jane Roe", "Published on May 3, 2025"]


@pytest.mark.parametrize("line", BYLINES)
def test_bylines_and_timestamps_are_never_headings(line: str) -> None:
    text = f"{TITLE}{PROSE}{line}\n{MORE}"
    assert verdicts(text)[3] == "byline or date"
    assert [n for n, *_ in headings(text)] == [1]


def test_a_quoted_question_standing_apart_is_a_heading() -> None:
    # an FAQ laid out with blank lines quotes the reader's question as its heading
    text = f"Questions and Answers\n\n{PROSE}\n“Will the park stay open at night?”\n\n{MORE}"
    assert (5, "“Will the park stay open at night?”", 2) in headings(text)


# A link roundup: section names, item titles, a line of prose each, and the piece credited to its
# author ("Title by Name"), a habit of the page; the credit lines are neither headings nor lead-ins.
ROUNDUP = (
    "Harbor Weekly Issue 12\n"
    "Planning\n"
    "Why the ferry terminal moved north\n"
    f"{PROSE}"
    "Moving a Terminal: Notes From the Site by Jane Roe\n"
    "Parks\n"
    "A new park on the old rail yard\n"
    f"{MORE}"
    "The Rail Yard Park Plan by John Smith\n"
    "Budget\n"
    "What the first year will cost\n"
    f"{PROSE}"
    "Counting the Cost of the Harbor by Ann Lee\n"
)


def test_credit_lines_of_a_link_roundup_are_neither_headings_nor_lead_ins() -> None:
    found = outline(ROUNDUP)
    assert [(line, level) for line, _, level, _ in found] == [(1, 1), (2, 2), (3, 3), (6, 2), (7, 3), (10, 2), (11, 3)]
    assert all(kind == "heading" for *_, kind in found)
    assert verdicts(ROUNDUP)[5] == "credit line of a link list (title by author)"


def test_one_title_by_an_author_is_not_a_habit() -> None:
    # "... by Mail Agents" once is a heading like any other
    text = f"{TITLE}{PROSE}Use of the Service by Mail Agents\n{MORE}"
    assert (3, "Use of the Service by Mail Agents", 2) in headings(text)


# Terms of service: an untitled list of its sections near the top, then the sections, shouted,
# each above its prose; the first one right under an address (short lines too).
TERMS = (
    "Harbor App: Terms of Service\n"
    f"{PROSE}"
    "The Harbor Service\nLicense Grant\nOwnership\nTermination\n"
    f"{MORE}"
    "Harbor Apps, Inc.\n12 Quay Street, Suite 4\nPortsmouth, NH 03801\n"
    f"THE HARBOR SERVICE\n{PROSE}"
    f"LICENSE GRANT\n{MORE}"
    f"OWNERSHIP\n{PROSE}"
    f"TERMINATION\n{MORE}"
)


def test_an_untitled_table_of_contents_names_the_headings_below() -> None:
    assert [line for line, *_ in headings(TERMS)] == [1, 11, 13, 15, 17]
    why = verdicts(TERMS)
    assert [why[n] for n in (3, 4, 5, 6)] == ["line of a table of contents"] * 4
    assert why[11] == "contents entry"


def test_short_lines_that_do_not_recur_are_no_table_of_contents() -> None:
    text = f"{TITLE}{PROSE}Ferry terminal\nPublic park\nBike lanes\n{MORE}Funding and Timing\n{PROSE}"
    found = headings(text)
    assert [line for line, *_ in found] == [1, 7]


def test_a_heading_under_a_numbered_list_is_not_its_next_item() -> None:
    text = (
        f"Roasted Harbor Greens\n{PROSE}Ingredients\n"
        "1 pound greens, trimmed\n2 tablespoons olive oil\n1 lemon, juiced\n"
        "Directions\nHeat the oven, toss the greens with the oil and roast them until they are crisp.\n"
    )
    assert (7, "Directions", 2) in headings(text)


def test_one_numbered_line_is_not_a_list() -> None:
    # an address: the line under its street line is part of it, not a heading
    text = f"{TITLE}{PROSE}Harbor Apps, Inc.\n12 Quay Street, Suite 4\nPortsmouth Office Hours\n{MORE}"
    assert verdicts(text)[5] == "item of a list of short lines"


LABELS = [
    # an admonition word over a sentence of its own labels the paragraph, in capitals or not
    ("Note: The tool reads every file twice before it writes anything at all.", "Note", ""),
    ("NOTE: The tool reads every file twice before it writes anything at all.", "NOTE", ""),
    ("TODO: Measure the second pass on the larger documents before the release.", "TODO", ""),
    ("UPDATE: The council met again on Friday and approved the final budget.", "UPDATE", ""),
    ("Update (May 3): The council met again on Friday and approved the final budget.", "Update (May 3)", ""),
    ("Results (2024): prices rose five percent in the first year alone and fell later.", "Results (2024)", ""),
    ("This Week: the council met twice and agreed on the budget for the harbor.", "This Week", ""),
    # a remark running on in lower case is a clause ("note that ..."), not a labelled paragraph
    ("Note: it remains possible to bind the name again to a new value later on.", None, "admonition"),
    ("Date created : 2025-05-12", None, "value is a bare number or date"),
    ("Price: $40", None, "value is a bare number or date"),
    ("Output: `0x0000_0103`", "Output", ""),  # code is a value of its own
    ("Among its key findings: prices rose five percent in the first year alone.", None, "sentence opener"),
    (
        "Use `a: b` pairs for every mapping that the configuration file needs to hold.",
        None,
        "colon inside brackets or code",
    ),
    ("See the guide (https://example.org/a:b) for every mapping the file needs.", None, ""),  # no label colon
]


@pytest.mark.parametrize(("text", "label", "rule"), LABELS, ids=[x[0][:30] for x in LABELS])
def test_lead_in_labels_on_web_pages(text: str, label: str | None, rule: str) -> None:
    found, why = lead_in_verdict(text)
    assert (found[0] if found else None, why) == (label, rule)


def test_a_heading_with_a_colon_is_no_lead_in() -> None:
    text = f"{TITLE}{PROSE}Session 1: Epidemiology\n{MORE}The Math: Extreme Odds\n{PROSE}"
    assert [(line, kind) for line, _, _, kind in outline(text)] == [(1, "heading"), (3, "heading"), (5, "heading")]


def test_note_over_prose_is_a_lead_in_of_the_section() -> None:
    text = f"{TITLE}{PROSE}Funding and Timing\nNote: The council has not yet agreed how the second phase is paid for.\n"
    assert outline(text)[-1] == (4, "Note", 3, "lead-in")


def test_every_line_of_a_page_has_a_named_verdict() -> None:
    text = f"{TITLE}By Jane Roe\n{PROSE}Advertisement\nFunding and Timing\n{MORE}"
    why = verdicts(text)
    assert why[2] == "byline or date"
    assert why[4] == "worded like page furniture"
    assert why[5] == STYLE_ACCEPT


def test_a_numbered_date_is_not_a_section_number() -> None:
    text = f"{TITLE}{PROSE}27. March, 2025 at 18:33\n{MORE}28. March, 2025 at 09:10\n{PROSE}"
    assert [line for line, *_ in headings(text)] == [1]


def test_names_under_a_recurring_heading_do_not_drift_deeper() -> None:
    # a comment thread the split kept: "Reply" over each commenter's name, each over the comment
    thread = "".join(f"\nReply\n\n{name}\n\n{PROSE}" for name in ("Jane Roe", "John Smith", "Ann Lee", "Bo Chan"))
    found = headings(f"{TITLE}\n{PROSE}{thread}")
    assert len(found) == 9
    replies = {level for _, title, level in found if title == "Reply"}
    names = {level for _, title, level in found[1:] if title != "Reply"}
    assert len(replies) == 1 and names == {min(replies) + 1}


@pytest.mark.parametrize("marker", [" [edit]", "[edit]", " ¶", "¶"])
def test_edit_links_and_pilcrows_are_stripped_from_titles(marker: str) -> None:
    text = f"{TITLE}By Jane Roe\nMay 3, 2025\n{PROSE}Funding and Timing{marker}\n{MORE}"
    assert headings(text) == [(1, "Harbor Plan Wins Approval After Long Debate", 1), (5, "Funding and Timing", 2)]
