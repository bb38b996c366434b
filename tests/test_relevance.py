"""Table-driven tests of `split_unrelated`: intrusions are set aside, real text stays whole.

Every fixture is invented for these tests: a host article, intrusions of each kind (recipe-like
teaser, newsletter prompt, cookie notice, share bar, a pasted story on another topic of one to
three paragraphs) placed at the start, in the middle and at the end, and clean documents that must
not lose a line (a short note, a single-topic report, an article whose last section brings new
vocabulary, a newswire item with one sentence per line).
"""

from __future__ import annotations

import time

import pytest

from docscan.blocks import split_blocks
from docscan.loading import decode_bytes
from docscan.model import SegmentKind, unrelated_lines
from docscan.relevance import split_unrelated

HOST_TITLE = "Riverside tram extension approved after long public inquiry"
HOST = [
    "The regional transport board has approved the Riverside tram extension, ending a public inquiry "
    "that lasted nearly two years. The new line will run four kilometres from the central station to "
    "the old docks, with six stops along the river.",
    "Board chair Miriam Okafor said the tram extension would connect thousands of new homes at the "
    "docks to jobs in the city centre. Construction of the track is expected to begin next spring, "
    "once the utility companies have moved pipes and cables under the riverside road.",
    "Residents near the docks had objected to the noise of trams running late at night. The inquiry "
    "inspector, Daniel Pryce, accepted that concern and ruled that trams on the extension must slow "
    "down after ten in the evening and that the track be laid on rubber mounts.",
    "The extension will cost about 240 million, most of it from the national transport fund. The "
    "regional board will borrow the rest against future fare income, which Okafor said was "
    "realistic because ridership on the existing tram network grew by a fifth last year.",
    "Shop owners on the riverside road worry that construction will keep customers away for months. "
    "The transport board has promised a compensation scheme for businesses along the tram route and "
    "says the road will stay open to traffic in one direction while the track is built.",
    "Pryce's report also asks the board to plant trees along the new tram stops and to keep a "
    "cycle lane beside the track, so that the extension does not push cyclists off the riverside.",
    "If the timetable holds, the first trams will carry passengers to the docks in three years. "
    "Okafor said the board would publish a detailed construction plan for the extension next month.",
]

RECIPE = (
    "Craving something cosy? This creamy one-pot mushroom pasta is ready in twenty minutes, and "
    "you will love how the garlic butter sauce coats every bite!"
)
RECIPE_TITLE = "Easy One-Pot Mushroom Pasta"
NEWSLETTER = "Sign up for our free morning newsletter and get the top stories delivered to your inbox."
COOKIE = "We use cookies to improve your experience on our website. Accept all cookies or manage your settings."
SHARE = "Share this story: Facebook | Twitter | WhatsApp | Email"
STORY_TITLE = "Harbour Rovers snatch late win over Eastfield"
STORY = [
    "Harbour Rovers scored twice in the final five minutes to beat Eastfield 3-2 on Saturday and "
    "climb to third place in the league table.",
    "Striker Tomasz Wilk headed the equaliser from a corner before substitute Kofi Mensah curled the "
    "winner into the top corner, sending the away supporters into wild celebration.",
    "Eastfield manager Gareth Lloyd blamed tired legs after a midweek cup replay and said his "
    "goalkeeper had been unsighted for both late goals.",
]


Paragraph = str | tuple[str, str]


def _doc(paragraphs: list[Paragraph], *, blank_lines: bool) -> tuple[str, set[int]]:
    """Join paragraphs into a document; return the text and the 1-based lines of marked paragraphs.

    A paragraph wrapped as ("*", text) is an intrusion whose line must be set aside."""
    lines: list[str] = []
    marked: set[int] = set()
    for item in paragraphs:
        if blank_lines and lines:
            lines.append("")
        if isinstance(item, tuple):
            marked.add(len(lines) + 1)
            lines.append(item[1])
        else:
            lines.append(item)
    return "\n".join(lines) + "\n", marked


def _set_aside(text: str) -> set[int]:
    doc = decode_bytes(text.encode("utf-8"), path="fixture.txt")
    split = split_unrelated(doc, split_blocks(doc))
    out = unrelated_lines(split.segments)
    nonblank = {i + 1 for i, line in enumerate(text.split("\n")) if line.strip()}
    return out & nonblank


INTRUSIONS: dict[str, list[str]] = {
    "recipe teaser": [RECIPE],
    "recipe teaser with its title": [RECIPE_TITLE, RECIPE],
    "newsletter prompt": [NEWSLETTER],
    "cookie notice": [COOKIE],
    "share bar": [SHARE],
    "cookie notice and share bar": [COOKIE, SHARE],
    "pasted story, one paragraph": STORY[:1],
    "pasted story, two paragraphs": STORY[:2],
    "pasted story with its title, three paragraphs": [STORY_TITLE, *STORY],
}
POSITIONS = {"start": 0, "middle": 4, "end": len(HOST)}


@pytest.mark.parametrize("blank_lines", [False, True], ids=["line-per-paragraph", "blank-line-separated"])
@pytest.mark.parametrize("position", POSITIONS)
@pytest.mark.parametrize("kind", INTRUSIONS)
def test_intrusion_is_set_aside_and_host_kept(kind: str, position: str, blank_lines: bool) -> None:
    body: list[Paragraph] = list(HOST)
    at = POSITIONS[position]
    body[at:at] = [("*", p) for p in INTRUSIONS[kind]]
    if position == "start":
        body = [*body[: len(INTRUSIONS[kind])], HOST_TITLE, *body[len(INTRUSIONS[kind]) :]]
    else:
        body = [HOST_TITLE, *body]
    text, marked = _doc(body, blank_lines=blank_lines)
    assert _set_aside(text) == marked


SECTIONED = [
    HOST_TITLE,
    HOST[0],
    "Why the line matters",
    "Housing: " + HOST[1],
    "Noise: " + HOST[2],
    "Money and timing",
    "Funding: " + HOST[3],
    "Business: " + HOST[4],
    "What comes next",
    "Trees: " + HOST[5],
    "Timetable: " + HOST[6],
]


@pytest.mark.parametrize(
    ("at", "intrusion"),
    [(3, RECIPE), (5, NEWSLETTER), (6, RECIPE), (7, STORY[0]), (9, COOKIE), (len(SECTIONED), SHARE)],
    ids=["recipe-under-heading", "newsletter", "recipe-before-heading", "story", "cookie", "share-at-end"],
)
def test_intrusion_in_a_sectioned_article(at: int, intrusion: str) -> None:
    """Headings and "Label: text" paragraphs (a scraped web article) protect the article's own
    sections, not what was pasted between them."""
    body: list[Paragraph] = list(SECTIONED)
    body.insert(at, ("*", intrusion))
    text, marked = _doc(body, blank_lines=False)
    assert _set_aside(text) == marked


CLEAN: dict[str, str] = {
    "short three-paragraph note": (
        "Library hours change in August\n\n"
        "The town library will open at ten instead of nine during August while the heating is replaced.\n\n"
        "Evening hours stay the same, and the children's reading club still meets on Thursdays.\n"
    ),
    "single-topic report": "\n".join([HOST_TITLE, *HOST]) + "\n",
    "sectioned article": "\n".join(SECTIONED) + "\n",
    "last section brings new vocabulary": "\n".join(
        [
            HOST_TITLE,
            *HOST[:5],
            "What happens next",
            "Funding: Okafor will ask councillors in Millbrook and Eastgate to approve the borrowing in "
            "October, and the national fund expects to release its share once contracts are signed.",
            "Open questions: Environmental groups want surveys of otters and kingfishers before any "
            "piling starts, and historians have asked for archaeologists to watch the digging near the "
            "old customs house, where medieval timbers were found in 1998.",
        ]
    )
    + "\n",
    "newswire, one sentence per line": (
        "SHIPPING - PORT OF VALMORE REOPENS AFTER STRIKE.\n"
        "VALMORE 1997-03-14\n"
        "The port of Valmore reopened on Friday after a nine-day strike by crane operators ended.\n"
        "The union said members accepted a pay rise of 4.5 percent over two years.\n"
        "Shipping agents said about 40 vessels were waiting at anchor outside the harbour.\n"
        "Port director Henrik Aalto said it would take a week to clear the backlog of containers.\n"
        "Exporters of timber and paper had diverted some cargo to Rostad during the strike.\n"
        "The strike cost the port an estimated 12 million crowns in lost fees, Aalto said.\n"
        "-- Valmore newsroom +46 31 555 0100\n"
    ),
    "list announced by a colon": "\n".join(
        [
            HOST_TITLE,
            *HOST[:4],
            "The inspector's report sets four conditions:",
            "- night trams must run at walking pace past the Kestrel Lane flats;",
            "- vibration sensors must be fitted under the Quayside warehouses, which are listed buildings;",
            "- a ferry shuttle must run between Pier Steps and Marlow Basin while the bridge is closed;",
            "- salvaged granite setts must be reused to pave the new square outside Harbour Hall.",
            *HOST[4:],
        ]
    )
    + "\n",
    "sectioned guide whose sections change vocabulary": (
        "# Looking after a shared allotment\n\n"
        "This guide explains how the twelve plot holders at Mill Lane share the allotment, its shed "
        "and its water supply through the growing season.\n\n"
        "## Water\n\n"
        "The tap by the shed is shared by all plots. Fill watering cans rather than running a hose, "
        "and turn the tap off firmly because it drips when left loose.\n\n"
        "## Tools\n\n"
        "Spades, forks and the wheelbarrow live in the shed. Clean soil off blades before hanging "
        "them up, and write in the notebook if anything breaks.\n\n"
        "## Compost\n\n"
        "Vegetable peelings, grass cuttings and spent plants go in the left bay; woody prunings go in "
        "the right bay, which is chipped every autumn.\n\n"
        "```\nbay left: greens\nbay right: browns\n```\n\n"
        "## Bees\n\n"
        "A beekeeper from Eastbrook visits the two hives behind the hedge each Sunday morning. Keep "
        "children and dogs away from the hive entrances on warm afternoons.\n"
    ),
    "results listing": (
        "ATHLETICS - RESULTS FROM THE NORTHGATE INDOOR MEETING.\n"
        "NORTHGATE 1997-02-08\n"
        "Leading results at the Northgate indoor athletics meeting on Saturday:\n"
        "Men's 60 metres: 1. Ari Laine (Finland) 6.61 seconds 2. Paul Otieno (Kenya) 6.64 3. Jan Berg (Norway) 6.70\n"
        "Women's 800 metres: 1. Ines Duarte (Portugal) 2:01.35 2. Mia Holm (Sweden) 2:02.10\n"
        "Men's high jump: 1. Lukas Novak (Czech Republic) 2.31 metres 2. Sam Reid (Britain) 2.28\n"
        "Women's pole vault: 1. Elena Costa (Italy) 4.45 metres 2. Kaja Nowak (Poland) 4.40\n"
    ),
}


@pytest.mark.parametrize("name", CLEAN)
def test_clean_document_stays_whole(name: str) -> None:
    assert _set_aside(CLEAN[name]) == set()


def test_every_set_aside_block_says_why() -> None:
    text, _ = _doc([("*", COOKIE), HOST_TITLE, *HOST, ("*", SHARE)], blank_lines=True)
    doc = decode_bytes(text.encode("utf-8"), path="fixture.txt")
    split = split_unrelated(doc, split_blocks(doc))
    flagged = [v for v in split.verdicts if v.unrelated]
    assert len(flagged) == 2
    for v in flagged:
        features = dict(v.features)
        assert v.score >= v.threshold
        assert v.reason and v.reason != "main text"
        assert features["boilerplate_cue"] > 0
        assert {"evidence", "lexical", "register", "position", "recurring_share"} <= features.keys()
    assert "cookie" in flagged[0].reason and "share" in flagged[1].reason


def test_keep_unrelated_disables_the_split() -> None:
    text, _ = _doc([("*", RECIPE), HOST_TITLE, *HOST], blank_lines=False)
    doc = decode_bytes(text.encode("utf-8"), path="fixture.txt")
    split = split_unrelated(doc, split_blocks(doc), enabled=False)
    assert all(s.kind is SegmentKind.MAIN for s in split.segments)
    assert len(split.main_blocks) == len(split.verdicts)


def test_topic_words_in_the_document_make_cues_neutral() -> None:
    """An article about newsletters is not page furniture because it mentions newsletters."""
    paragraphs = [
        "Newsletters make a comeback among local reporters",
        "Local reporters are starting their own email newsletters as regional papers close.",
        "One former editor said her newsletter now has four thousand subscribers who pay monthly.",
        "Readers say they like newsletters because a newsletter arrives in the inbox once a week.",
        "Media researchers expect more newsletters to appear as printing costs rise.",
    ]
    assert _set_aside("\n".join(paragraphs) + "\n") == set()


def test_large_document_is_quick() -> None:
    paragraphs = [HOST_TITLE, *HOST] * 400 + [COOKIE]
    text = "\n\n".join(paragraphs) + "\n"
    start = time.perf_counter()
    lines = _set_aside(text)
    assert time.perf_counter() - start < 20
    assert len(lines) <= 1


TOOLBAR = "Community Forum Messages Badges Settings"
CALLS_TO_ACTION = [
    "Discover and compare hundreds of garden tools, seeds and planters in one secure online catalogue.",
    "Join thousands of growers who swap cuttings, tips and surplus harvests with neighbours every week.",
]
HEADLINES = ["Council votes to close two village schools", "Why are winter bus fares rising again?"]
DEFINITION = "lexicography — noun The practice of compiling, writing and editing dictionaries."


@pytest.mark.parametrize(
    "body",
    [
        [("*", TOOLBAR), HOST_TITLE, *HOST],
        [("*", STORY[1]), HOST_TITLE, *HOST],
        [HOST_TITLE, *HOST[:4], *(("*", p) for p in CALLS_TO_ACTION), *HOST[4:]],
        [HOST_TITLE, *HOST, *(("*", h) for h in HEADLINES)],
        [HOST_TITLE, *HOST, ("*", DEFINITION)],
        [("*", "Sign up now ›"), ("*", STORY[2]), HOST_TITLE, *HOST],
    ],
    ids=[
        "toolbar-above-title",
        "paragraph-above-title",
        "calls-to-action",
        "bodiless-headlines-at-end",
        "dictionary-entry",
        "paragraph-beside-furniture",
    ],
)
def test_page_layout_sets_aside_what_surrounds_the_article(body: list[Paragraph]) -> None:
    """Text above an article's title, headlines with no text under them at its end, calls to
    action and a dictionary entry belong to the page around the article, not to it."""
    text, marked = _doc(body, blank_lines=True)
    assert _set_aside(text) == marked


@pytest.mark.parametrize(
    "body",
    [
        [HOST[0], "Why the line matters", *HOST[1:]],
        [HOST_TITLE, *HOST, "What happens next?"],
        [HOST_TITLE, *HOST[:3], "Learn more about the inquiry at the transport board's public meetings.", *HOST[3:]],
    ],
    ids=["lead-paragraph-above-a-subheading", "closing-question", "call-to-action-about-the-topic"],
)
def test_page_layout_keeps_the_article_whole(body: list[Paragraph]) -> None:
    text, _ = _doc(body, blank_lines=True)
    assert _set_aside(text) == set()


def test_fenced_code_never_rides_along_with_furniture() -> None:
    """A fenced code block is the document's own material: it is profiled as code (the profile is
    keyword-only, so a new field cannot shift `code` onto another flag) and never set aside with
    the furniture beside it."""
    code = ["```", "make tram-timetable", "```"]
    head = "\n\n".join([HOST_TITLE, *HOST])
    text = head + "\n\n" + "\n".join(code) + "\n\n" + NEWSLETTER + "\n\n" + SHARE + "\n"
    lines = text.split("\n")
    marked = {lines.index(NEWSLETTER) + 1, lines.index(SHARE) + 1}
    code_lines = {i + 1 for i, line in enumerate(lines) if line in code}
    flagged = _set_aside(text)
    assert flagged == marked
    assert not flagged & code_lines
