"""Whole web pages saved as text: the article stays, the page around it is set aside by category.

Every page here is invented for these tests (a news page, a blog post with a comment thread, an
index page with no article, an article that is mostly a numbered list), laid out the way a
browser's "save as text" or html-text lays out a page: one paragraph per line, menus and link
lists as runs of short lines, blank lines between blocks.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from importlib import resources

import pytest
from rich.console import Console

from docscan.blocks import split_blocks
from docscan.loading import decode_bytes
from docscan.model import Region, RegionKind, Report, SegmentKind, Split, Stats, unrelated_lines
from docscan.pagelayout import CATEGORIES
from docscan.relevance import split_unrelated
from docscan.render.json import segment_to_dict
from docscan.render.terminal import render_report
from docscan.sections import detect_sections

MENU = ["Home", "World", "Business", "Science", "Culture", "Sport", "Weather", "Podcasts", "Search"]
FOOTER = [
    "About us",
    "Contact the newsroom",
    "Careers",
    "Privacy Policy",
    "Terms of Use",
    "Cookie settings",
    "© 2031 The Harbour Gazette. All rights reserved.",
]

NEWS_TITLE = "Ferry service to Gull Island restored after storm repairs | The Harbour Gazette"
NEWS_HEADLINE = "Ferry service to Gull Island restored after storm repairs"
NEWS_ARTICLE = [
    "The ferry between Port Amsel and Gull Island carried its first passengers in six weeks on Monday, "
    "after engineers finished rebuilding the landing stage that the October storm tore away.",
    "About two hundred islanders were waiting on the quay when the morning boat arrived, many of them "
    "carrying shopping they had ordered from the mainland while the crossing was closed.",
    "The harbour board said the new landing stage stands a metre higher than the old one and is bolted "
    "to the rock rather than to wooden piles, which rotted over thirty years of salt water.",
    "Island councillor Ruth Okonkwo said the closure had shown how much the community depends on a "
    "single crossing, and she asked the board to keep a spare pontoon ready for the next storm.",
    "During the closure, a fishing cooperative ran a small boat twice a day for medicines and post, and "
    "a helicopter flew two patients to the hospital in Port Amsel.",
    "The board expects the full timetable of eight crossings a day to return by the end of the month, "
    "once the second ferry has finished its own inspection in the dry dock.",
]
NEWS_RELATED = [
    "Related stories",
    "Storm closes Gull Island crossing for the winter",
    "Harbour board approves budget for new landing stage",
    "Islanders count the cost of six weeks without a ferry",
    "Lighthouse keeper's cottage to become a museum",
]


def _page(parts: list[list[str]]) -> str:
    """One paragraph per line, a blank line between the page's blocks (as html-text writes them)."""
    return "\n\n".join("\n".join(p) for p in parts) + "\n"


def news_page() -> str:
    return _page(
        [
            [NEWS_TITLE],
            ["Skip to main content"],
            MENU,
            ["Sign in", "Subscribe"],
            [NEWS_HEADLINE],
            ["By Tomas Reyes", "March 3, 2031"],
            [NEWS_ARTICLE[0]],
            [NEWS_ARTICLE[1]],
            ["The rebuilt landing stage at Gull Island. Photo: Lena Voss / Harbour Gazette"],
            [NEWS_ARTICLE[2]],
            [NEWS_ARTICLE[3]],
            ["Read more: Storm closes Gull Island crossing for the winter"],
            [NEWS_ARTICLE[4]],
            [NEWS_ARTICLE[5]],
            ["Share this article", "Facebook", "Twitter", "Email"],
            NEWS_RELATED,
            ["Sign up for our morning newsletter and get the day's top stories in your inbox."],
            FOOTER,
        ]
    )


BLOG_POST = [
    "I have kept bees on the roof of our block of flats for four summers now, and every spring somebody "
    "asks me whether the bees mind the traffic noise or the height.",
    "The short answer is that they do not seem to care. A hive on a roof gets more sun than one in a "
    "garden, and the bees find lime trees, window boxes and the railway embankment within a few minutes.",
    "What matters more is the wind. The first colony I kept up there lost half its foragers in a gusty "
    "week in May, so I built a screen of woven willow on the side facing the river.",
    "If you want to try it yourself, ask the building's owner first, check that the roof can take the "
    "weight of a full hive, and make sure there is a safe way up that does not go through a neighbour's flat.",
]
COMMENTS = [
    "4 comments",
    "Marta says:",
    "June 12, 2030 at 8:14 am",
    "Lovely post. We put a hive on our garage last year and the willow screen idea is exactly what we need.",
    "Reply",
    "Dev Patel says:",
    "June 12, 2030 at 9:40 am",
    "How do you get the honey down four floors without making a mess of the stairwell? Asking for a friend.",
    "Reply",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
]


def blog_page() -> str:
    return _page(
        [
            ["Bees on the roof: four summers of city beekeeping – Rooftop Notes"],
            ["Rooftop Notes", "Home", "Archive", "About", "Contact"],
            ["Bees on the roof: four summers of city beekeeping"],
            ["Posted on June 11, 2030 by Ines"],
            *([p] for p in BLOG_POST),
            ["Tags: bees, city, rooftop"],
            *([c] for c in COMMENTS),
            ["Recent posts", "Winter feeding without sugar", "A swarm in the bicycle shed", "Choosing a hive"],
            ["Archive", "June 2030", "May 2030", "April 2030"],
            ["© 2030 Rooftop Notes. Powered by a small static site generator."],
        ]
    )


def index_page() -> str:
    """A section front: headlines, one-line teasers and dates, and no article."""
    items = []
    for n, (head, teaser) in enumerate(
        [
            ("Harbour board approves budget", "The board voted for a new landing stage and two pontoons."),
            ("Lighthouse to become a museum", "The keeper's cottage opens to visitors next spring."),
            ("School roof repaired at last", "Pupils return to the top floor after a year in huts."),
            ("Market hall gets a new clock", "A local firm restored the mechanism for free."),
            ("Cycle path reaches the dunes", "The last stretch opened on Saturday morning."),
            ("Library extends its hours", "Evening opening starts in May on a trial basis."),
        ]
    ):
        items.append([head, teaser, f"April {n + 2}, 2031"])
    return _page([["Local news | The Harbour Gazette"], MENU, ["Local news"], *items, ["Load more"], FOOTER])


LIST_INTRO = (
    "Our readers sent us more than three hundred suggestions for walks along the coast this year, and the "
    "twelve below are the ones that came up again and again, from short strolls to a full day on the cliffs."
)
LIST_ITEMS = [
    f"{n}. {name}"
    for n, name in enumerate(
        [
            "Gull Island lighthouse loop",
            "Port Amsel harbour wall",
            "The dune path to Sandby",
            "Kestrel Point and the old fort",
            "River mouth and salt marsh",
            "The cliff steps at Marlow",
            "Fisherman's Chapel and the cove",
            "Heron Bay boardwalk",
            "Windmill Hill and the beacon",
            "The smugglers' tunnel walk",
            "Seal rocks at low tide",
            "Sunset ridge above Sandby",
        ],
        start=1,
    )
]
LIST_OUTRO = (
    "Most of these walks are on public footpaths, but the paths below the cliffs close at high tide, so "
    "check the tide tables before you set out and tell someone where you are going."
)


def list_page() -> str:
    return _page(
        [
            ["The 12 best coastal walks, as chosen by our readers | The Harbour Gazette"],
            MENU,
            ["The 12 best coastal walks, as chosen by our readers"],
            ["By Ana Lindqvist"],
            [LIST_INTRO],
            *([item] for item in LIST_ITEMS),
            [LIST_OUTRO],
            NEWS_RELATED,
            ["Sign up for our weekend newsletter for more walks straight to your inbox."],
            FOOTER,
        ]
    )


def _split(text: str) -> Split:
    doc = decode_bytes(text.encode("utf-8"), path="page.txt")
    return split_unrelated(doc, split_blocks(doc))


def _kept(text: str, split: Split) -> str:
    lines = text.split("\n")
    out = unrelated_lines(split.segments)
    return "\n".join(line for i, line in enumerate(lines, start=1) if i not in out)


def _category_of(text: str, split: Split, needle: str) -> str:
    """The category of the set-aside segment holding `needle` ("" when it was kept)."""
    line = next(i for i, x in enumerate(text.split("\n"), start=1) if needle in x)
    for s in split.segments:
        if s.start_line <= line <= s.end_line:
            return s.category
    raise AssertionError(f"no segment covers line {line}")


def test_news_page_keeps_the_article_and_sets_the_page_aside() -> None:
    text = news_page()
    split = _split(text)
    kept = _kept(text, split)
    for paragraph in NEWS_ARTICLE:
        assert paragraph in kept
    assert NEWS_HEADLINE in kept.split("\n")  # the headline line itself
    assert NEWS_TITLE in kept
    gone = {
        "Business": "navigation",
        "Storm closes Gull Island crossing for the winter": "",  # checked below: teaser and related
        "Harbour board approves budget for new landing stage": "related links",
        "Sign up for our morning newsletter": "promotion/newsletter",
        "© 2031 The Harbour Gazette": "legal/cookie",
        "By Tomas Reyes": "byline/date",
        "Photo: Lena Voss": "caption/credit",
        "Read more: Storm closes": "teaser",
    }
    for needle, category in gone.items():
        assert needle not in kept, needle
        if category:
            assert _category_of(text, split, needle) == category, needle


def test_blog_post_comments_are_set_aside_as_comments() -> None:
    text = blog_page()
    split = _split(text)
    kept = _kept(text, split)
    for paragraph in BLOG_POST:
        assert paragraph in kept
    assert "Bees on the roof: four summers of city beekeeping" in kept
    for line in COMMENTS:
        assert line not in kept.split("\n"), line
    assert _category_of(text, split, "Lovely post. We put a hive") == "comments"
    assert _category_of(text, split, "Winter feeding without sugar") in {"related links", "navigation"}


def test_index_page_without_an_article_keeps_everything_and_says_so() -> None:
    text = index_page()
    split = _split(text)
    assert all(s.kind is SegmentKind.MAIN for s in split.segments)
    assert any("no article-like prose" in s.reason for s in split.segments)


def test_article_that_is_mostly_a_list_keeps_its_list() -> None:
    text = list_page()
    split = _split(text)
    kept = _kept(text, split)
    for line in [LIST_INTRO, *LIST_ITEMS, LIST_OUTRO]:
        assert line in kept.split("\n"), line
    assert "Lighthouse keeper's cottage to become a museum" not in kept
    assert _category_of(text, split, "Sign up for our weekend newsletter") == "promotion/newsletter"
    assert _category_of(text, split, "Weather") == "navigation"


@pytest.mark.parametrize("page", [news_page, blog_page, index_page, list_page])
def test_a_page_is_never_set_aside_whole_and_every_verdict_names_its_rule(page: object) -> None:
    text = page()  # type: ignore[operator]
    split = _split(text)
    assert split.main_blocks
    assert all(v.reason.startswith("page layout: ") for v in split.verdicts)
    for s in split.segments:
        assert (s.category == "") == (s.kind is SegmentKind.MAIN)
        assert s.category == "" or s.category in CATEGORIES
        assert segment_to_dict(s)["category"] == (s.category or None)


def test_schema_lists_every_category() -> None:
    schema = json.loads(resources.files("docscan").joinpath("data/report.schema.json").read_text("utf-8"))
    enum = schema["properties"]["segments"]["items"]["properties"]["category"]["enum"]
    assert set(enum) == {None, *CATEGORIES}


def test_terminal_report_groups_a_page_by_category() -> None:
    text = news_page()
    doc = decode_bytes(text.encode("utf-8"), path="page.txt")
    split = split_unrelated(doc, split_blocks(doc))
    stats = Stats(words=400, sentences=20, paragraphs=10, reading_time_seconds=90.0)
    report = Report(path="page.txt", document=doc, segments=split.segments, verdicts=split.verdicts, stats=stats)
    out = io.StringIO()
    Console(file=out, width=120, color_system=None).print(render_report(report))
    shown = out.getvalue()
    assert "Category" in shown
    assert "navigation" in shown and "related links" in shown
    assert "--explain lists every block" in shown


@pytest.mark.parametrize(
    "text",
    [
        "\n".join(NEWS_ARTICLE) + "\n",
        NEWS_HEADLINE + "\n\n" + "\n\n".join(NEWS_ARTICLE) + "\n\n" + "\n".join(FOOTER) + "\n",
    ],
    ids=["bare article", "article with a short footer"],
)
def test_a_clean_article_is_not_read_as_a_page(text: str) -> None:
    split = _split(text)
    assert not any(v.reason.startswith("page layout") for v in split.verdicts)
    for paragraph in NEWS_ARTICLE:
        assert paragraph in _kept(text, split)


def test_html_landmarks_mark_furniture_that_has_no_furniture_wording() -> None:
    """With the HTML loader's regions (nav, footer landmarks), menus of plain words are page
    furniture; the same text without regions is not read as a page (no chrome wording)."""
    top = ["Rivers", "Coasts", "Islands", "Harbours", "Lighthouses", "Ferries", "Bridges", "Canals"]
    bottom = ["Our team", "Our history", "Visit us", "Maps", "Timetables", "Tide tables", "Photographs"]
    text = _page([[NEWS_HEADLINE], top, *([p] for p in NEWS_ARTICLE), bottom])
    doc = decode_bytes(text.encode("utf-8"), path="page.html.txt")
    blocks = split_blocks(doc)
    plain = split_unrelated(doc, blocks)
    assert not any(v.reason.startswith("page layout") for v in plain.verdicts)

    lines = text.split("\n")
    first_top = lines.index(top[0]) + 1
    first_bottom = lines.index(bottom[0]) + 1
    regions = (
        Region(RegionKind.LIST, first_top, first_top + len(top) - 1, landmark="nav"),
        Region(RegionKind.LIST, first_bottom, first_bottom + len(bottom) - 1, landmark="footer"),
    )
    split = split_unrelated(replace(doc, regions=regions), blocks)
    kept = _kept(text, split)
    for paragraph in NEWS_ARTICLE:
        assert paragraph in kept
    for line in top + bottom:
        assert line not in kept.split("\n"), line
    assert _category_of(text, split, "Harbours") == "navigation"
    assert _category_of(text, split, "Timetables") == "navigation"


def test_running_headers_a_pdf_declares_are_set_aside_and_the_rest_of_the_split_stands() -> None:
    """A PDF's running header and page numbers (FURNITURE regions, found by the loader by their
    repetition across pages) go whatever their words; the body stays and nothing else changes."""
    header = "Quarterly Review of the Harbour"
    body = [
        "The harbour board met on Tuesday and agreed to rebuild the old stone pier before the storms.",
        "Engineers said the pier had been sinking for years and that the work could not wait.",
        "The ferry will use the new ramp from the spring, when the stones have been replaced.",
    ]
    text = "\n\n".join([header, body[0], "Page 1", header, body[1], "Page 2", header, body[2], "Page 3"]) + "\n"
    doc = decode_bytes(text.encode("utf-8"), path="report.txt")
    blocks = split_blocks(doc)
    plain = split_unrelated(doc, blocks)
    lines = text.split("\n")
    marked = [i for i, x in enumerate(lines, start=1) if x == header or x.startswith("Page ")]
    regions = tuple(Region(RegionKind.FURNITURE, n, n, page=1 + k // 2) for k, n in enumerate(marked))
    split = split_unrelated(replace(doc, format="pdf", regions=regions), blocks)
    kept = _kept(text, split)
    for paragraph in body:
        assert paragraph in kept
    for n in marked:
        assert lines[n - 1] not in kept.split("\n"), lines[n - 1]
        verdict = next(v for v in split.verdicts if v.start_line == n)
        assert verdict.unrelated and "declared by the pdf layout" in verdict.reason
        assert dict(verdict.features)["furniture_by_markup"] == 1.0
    assert set(split.main_blocks) == set(plain.main_blocks) - {v.block for v in split.verdicts if v.unrelated}
    assert all(s.category in CATEGORIES for s in split.segments if s.kind is SegmentKind.UNRELATED)


# Real page dumps often do not start with the <title> line html-text writes first: a browser's
# copy starts with a skip link or a cookie banner. The headline must still be found by its own
# evidence (it names what the article is about), stay, and be the outline's level-1 heading.
SKIP_LINK = ["Skip to content"]
COOKIE_BANNER = ["We use cookies to give you the best experience on our site. Accept all cookies", "Accept", "Reject"]


def _without_title(text: str, first: list[str]) -> str:
    rest = text.split("\n", 1)[1].lstrip("\n")
    return _page([first]) + "\n" + rest if first else rest


@pytest.mark.parametrize("first", [[], SKIP_LINK, COOKIE_BANNER], ids=["no title line", "skip link", "cookie banner"])
@pytest.mark.parametrize(
    ("page", "headline", "article", "menu_entry"),
    [
        (news_page, NEWS_HEADLINE, NEWS_ARTICLE, "Business"),
        (list_page, "The 12 best coastal walks, as chosen by our readers", [LIST_INTRO, *LIST_ITEMS], "Weather"),
        (blog_page, "Bees on the roof: four summers of city beekeeping", BLOG_POST, "Archive"),
    ],
    ids=["news", "sentence-case list article", "blog"],
)
def test_a_page_without_its_title_line_keeps_its_headline_as_the_title(
    first: list[str], page: object, headline: str, article: list[str], menu_entry: str
) -> None:
    text = _without_title(page(), first)  # type: ignore[operator]
    doc = decode_bytes(text.encode("utf-8"), path="page.txt")
    blocks = split_blocks(doc)
    split = split_unrelated(doc, blocks)
    kept = _kept(text, split).split("\n")
    assert headline in kept
    for paragraph in article:
        assert paragraph in kept
    assert menu_entry not in kept
    for line in first:
        assert line not in kept, line
    if first == SKIP_LINK:
        assert _category_of(text, split, "Skip to content") == "navigation"
    if first == COOKIE_BANNER:
        assert _category_of(text, split, "We use cookies") == "legal/cookie"
    outline = detect_sections(doc, blocks, split.main_blocks)
    assert outline and (outline[0].title, outline[0].level) == (headline, 1)
    assert outline[0].start_line == text.split("\n").index(headline) + 1
    assert outline[0].rule == "page title"  # --explain names the evidence, not "title-like line"


def test_a_title_line_that_names_the_article_stays_and_a_skip_link_in_its_place_goes() -> None:
    """Line 1 is the page's title only with a title's evidence: the corpus's <title> line names the
    article and stays; "Skip to content" in the same place is set aside like the rest of the menu."""
    text = news_page()
    split = _split(text)
    assert NEWS_TITLE in _kept(text, split).split("\n")
    title_verdict = next(v for v in split.verdicts if v.start_line == 1)
    assert "title line" in title_verdict.reason
    skipped = _without_title(text, SKIP_LINK)
    verdict = next(v for v in _split(skipped).verdicts if v.start_line == 1)
    assert verdict.unrelated and "title line" not in verdict.reason


SHORT_PAGE = """Skip to content
Home
News
Sport
Weather
Sign in
Night buses return to the valley line after the summer break
By Ines Marlow
Night buses on the valley line will run again from Friday, after the summer break that closed the depot for resurfacing and a new charging bay.
Drivers had been moved to the coast routes while the depot was shut, and the operator says all six night services will keep their old stops and times.
The first bus leaves the central square at half past midnight, and the winter timetable applies until the end of March.
Share this article
Facebook
Twitter
Email
Related stories
Depot fees to rise next year
New cycle lane for the river road
Cookies help us run this site. Accept all cookies
Privacy policy
Terms of use
"""


def test_a_short_page_dump_is_still_read_as_a_page() -> None:
    """22 non-blank lines: a page by its shape (menus, share row, related links, footer around
    three paragraphs), though shorter than the 30 lines a page once needed."""
    split = _split(SHORT_PAGE)
    kept = _kept(SHORT_PAGE, split).split("\n")
    assert "Night buses return to the valley line after the summer break" in kept
    assert sum(1 for line in kept if line.startswith(("Night buses on", "Drivers had", "The first bus"))) == 3
    for gone in ("Skip to content", "Sport", "Facebook", "Depot fees to rise next year", "Privacy policy"):
        assert gone not in kept, gone
    assert _category_of(SHORT_PAGE, split, "Depot fees to rise") == "related links"
    assert _category_of(SHORT_PAGE, split, "Privacy policy") == "legal/cookie"
    assert _category_of(SHORT_PAGE, split, "Sign in") == "navigation"  # an account link, not a sign-up prompt


CHANGELOG_PAGE = """Skip to main content
Docs
Blog
Pricing
Community
Sign in
Release notes | Quayline
Release notes
Quayline ships a new release every month. Each entry lists what changed, what was fixed, and what you need to do when you upgrade your workspace.
5.2.0
9 June 2032
Workspaces can now be exported as one archive holding every board, comment and attachment, which makes moving between regions much simpler.
The board view loads about twice as fast on large projects because cards are fetched in pages instead of all at once.
5.1.1
21 May 2032
Fixed a bug that made comments vanish from the activity feed when a card was moved during an upload.
5.1.0
3 May 2032
Boards gained swimlanes, so cards can be grouped by owner or label, and each lane remembers whether it was collapsed.
Was this page helpful?
Yes
No
Product
Features
Integrations
Security
Company
About
Careers
© 2032 Quayline Labs. All rights reserved.
Privacy
Terms
"""


def test_a_changelog_keeps_its_versions_and_dates() -> None:
    """Dates under version numbers are the entries' own, not posts' timestamps: with no poster's
    card (a name beside a date) and no repeated "Reply" widget, the run is no thread."""
    split = _split(CHANGELOG_PAGE)
    kept = _kept(CHANGELOG_PAGE, split).split("\n")
    for line in ("5.2.0", "9 June 2032", "5.1.1", "21 May 2032", "5.1.0", "3 May 2032"):
        assert line in kept, line
    for gone in ("Pricing", "Was this page helpful?", "Integrations", "Terms"):
        assert gone not in kept, gone
