"""The page layout's rules for what sits just outside an article's densest run of prose.

Each page is invented for these tests and laid out as html-text writes a page (one paragraph per
line, menus as runs of short lines, blank lines between blocks). Each test checks one named rule:
what it keeps, what still goes, and that `--explain` (the block's verdict) names the rule.
"""

from __future__ import annotations

from docscan.model import SegmentKind, Split
from test_pages import BLOG_POST as PAGE_BLOG_POST
from test_pages import FOOTER, MENU, _split

SHARE = ["Share", "Facebook", "Twitter", "LinkedIn", "Email", "Copy link"]
RELATED = [
    "Related stories",
    "Storm closes Gull Island crossing for the winter",
    "Harbour board approves budget for new landing stage",
    "Lighthouse keeper's cottage to become a museum",
]
ARTICLE = [
    "The ferry between Port Amsel and Gull Island carried its first passengers in six weeks on Monday, "
    "after engineers finished rebuilding the landing stage that the October storm tore away.",
    "About two hundred islanders were waiting on the quay when the morning boat arrived, many of them "
    "carrying shopping they had ordered from the mainland while the crossing was closed.",
    "The harbour board said the new landing stage stands a metre higher than the old one and is bolted "
    "to the rock rather than to wooden piles, which rotted over thirty years of salt water.",
    "Ruth Okonkwo, the island councillor, said the closure had shown how much the community depends on a "
    "single crossing, and she asked the board to keep a spare pontoon ready for the next storm.",
]
TITLE = "Ferry service to Gull Island restored after storm repairs"


def _page(parts: list[list[str]]) -> str:
    return "\n\n".join("\n".join(p) for p in parts) + "\n"


def _line_of(text: str, needle: str) -> int:
    return next(i for i, x in enumerate(text.split("\n"), start=1) if needle in x)


def _verdict(text: str, split: Split, needle: str, *, whole: bool = False) -> tuple[bool, str]:
    """Whether the block holding `needle` (the whole line with `whole`) was set aside, and the
    verdict's reason."""
    line = text.split("\n").index(needle) + 1 if whole else _line_of(text, needle)
    v = next(v for v in split.verdicts if v.start_line <= line <= v.end_line)
    return v.unrelated, v.reason


def _category(text: str, split: Split, needle: str) -> str:
    line = _line_of(text, needle)
    s = next(s for s in split.segments if s.start_line <= line <= s.end_line)
    return s.category if s.kind is SegmentKind.UNRELATED else ""


STANDFIRST = "The rebuilt landing stage lets the ferry carry islanders between the quay and Port Amsel again."
SLOGAN = "Independent news for the islands since 1887, read by every household on the coast."


def standfirst_page(standfirst: str) -> str:
    return _page(
        [
            [f"{TITLE} | The Harbour Gazette"],
            MENU,
            [TITLE],
            [standfirst],
            ["By Tomas Reyes", "March 3, 2031"],
            SHARE,
            ["Sign in", "Subscribe", "Newsletters"],
            *([p] for p in ARTICLE),
            RELATED,
            FOOTER,
        ]
    )


def test_a_standfirst_that_names_the_article_stays_under_its_headline() -> None:
    text = standfirst_page(STANDFIRST)
    split = _split(text)
    assert _verdict(text, split, STANDFIRST) == (False, "page layout: standfirst under the headline")
    assert not _verdict(text, split, TITLE, whole=True)[0]  # the headline above it
    assert _verdict(text, split, "By Tomas Reyes")[0]  # the byline between still goes
    assert _verdict(text, split, "Copy link")[0]


def test_a_site_slogan_under_the_headline_is_no_standfirst() -> None:
    text = standfirst_page(SLOGAN)
    split = _split(text)
    gone, reason = _verdict(text, split, SLOGAN)
    assert gone, reason
    assert "standfirst" not in reason


BLOG_TITLE = "Bees on the roof: four summers of city beekeeping"
BLOG_POST = PAGE_BLOG_POST[:3]  # the blog page's post without its closing advice
BIO = (
    "Ines Halloran has kept bees in three cities and now teaches a weekend course for beginners at the "
    "community garden behind the station."
)


def blog_page() -> str:
    return _page(
        [
            [f"{BLOG_TITLE} – Rooftop Notes"],
            ["Rooftop Notes", "Home", "Archive", "About", "Contact"],
            [BLOG_TITLE],
            ["By Ines Halloran"],
            ["June 11, 2030"],
            *([p] for p in BLOG_POST),
            [BIO],
            ["Tags: bees, city, rooftop"],
            [f"3 responses to “{BLOG_TITLE}”"],
            ["Marta says:", "June 12, 2030 at 8:14 am"],
            ["Lovely post. We put a hive on our garage last year and the willow screen idea is exactly what we need."],
            ["Reply"],
            ["Leave a Reply"],
            ["Recent posts", "Winter feeding without sugar", "A swarm in the bicycle shed", "Choosing a hive"],
            ["Archive", "June 2030", "May 2030", "April 2030"],
            ["Privacy policy", "© 2030 Rooftop Notes. Powered by a small static site generator."],
        ]
    )


def test_a_comments_heading_that_quotes_the_title_is_not_kept_as_the_title() -> None:
    text = blog_page()
    split = _split(text)
    gone, reason = _verdict(text, split, "3 responses to")
    assert gone, reason
    assert _category(text, split, "3 responses to") == "comments"
    assert not _verdict(text, split, BLOG_TITLE, whole=True)[0]  # the headline itself stays


def test_a_paragraph_that_opens_with_the_bylines_name_is_the_authors_bio() -> None:
    text = blog_page()
    split = _split(text)
    assert _verdict(text, split, BIO) == (True, "page layout: author's bio: opens with the byline's name (byline/date)")
    assert _category(text, split, BIO) == "byline/date"
    for paragraph in BLOG_POST:
        assert not _verdict(text, split, paragraph)[0]


def test_a_paragraph_that_opens_with_another_name_stays() -> None:
    text = standfirst_page(STANDFIRST)
    split = _split(text)
    assert not _verdict(text, split, "Ruth Okonkwo, the island councillor")[0]


PAPER_TITLE = "Salt marsh grazing and the recovery of harbour seal colonies"
PAPER = [
    "Harbour seal colonies on the northern coast fell by a third between 1990 and 2005, and the causes of "
    "the decline are still argued over by the people who count them every summer.",
    "This review brings together the counts from eleven colonies and asks whether the grazing of the salt "
    "marshes behind the haul-out sites changed how often the seals were disturbed.",
    "We find that the colonies next to grazed marshes recovered faster once the grazing stopped, and that "
    "the effect is larger where the marsh is close to the water than where it is far from it.",
]
# references 1-4 read like sentences (function words, a full stop); 5-7 are terse
REFERENCES = [
    "Marsh A, Tern B. The effect of grazing on the growth of the salt marsh in the north of the bay. J Coast. 2010.",
    "Reed C. A count of the seals that were seen on the sand banks in the summer of the year 2004. Mar Notes. 2005.",
    "Gull D, Marsh A. How the tide and the wind decide where the seals will rest in the estuary. Seal Rev. 2011.",
    "Wader E. What the farmers of the marsh say about the seals and the birds on their land. Coast Life. 2012.",
    "Kelp F. Haul-out counts, Wadden Sea. Seal Data. 2013;4:1-9.",
    "Dune G, Kelp F. Colony census methods. Mar Stat. 2014;7:22-30.",
    "Spit H. Grazing records 1950-2000. Agric Arch. 2015;2:5-8.",
]


def paper_page() -> str:
    refs: list[list[str]] = []
    for n, ref in enumerate(REFERENCES, start=1):
        refs += [[f"{n}."], [ref], ["Article Google Scholar"]]
    return _page(
        [
            [f"{PAPER_TITLE} | Coastal Reviews"],
            MENU,
            [PAPER_TITLE],
            *([p] for p in PAPER),
            ["References"],
            *refs,
            ["Download references"],
            ["Rights and permissions", "Reprints", "Cite this article"],
            ["Subscribe to journal", "Newsletters"],
            FOOTER,
        ]
    )


def test_the_articles_numbered_list_goes_on_past_its_run() -> None:
    text = paper_page()
    split = _split(text)
    for ref in REFERENCES:
        gone, reason = _verdict(text, split, ref)
        assert not gone, (ref, reason)
    assert _verdict(text, split, REFERENCES[-1])[1] == "page layout: the article's numbered list goes on"
    assert _verdict(text, split, "Download references")[0]
    assert _verdict(text, split, "Cite this article")[0]


RECIPE_TITLE = "Okra masala with tomato and roasted cumin"
RECIPE = [
    "This okra masala is the dish my grandmother cooked every Friday, with tomatoes from her own garden and "
    "cumin she roasted in an iron pan until the kitchen smelled of it.",
    "Wash the okra and pat it dry completely, then cut off the head and tail and slice each pod into two or "
    "three pieces depending on its length.",
    "Fry the okra in a little oil until it is nearly done, then cook the onions, tomato and spices into a "
    "thick masala and stir the okra back in for the last two minutes.",
]
FACTS = ["Calories : 310", "Fat : 12 g", "Protein : 9 g", "Carbohydrate : 40 g"]
TIP = "Serve the okra masala hot with chapati or rice, and a spoon of yoghurt on the side."


def recipe_page() -> str:
    return _page(
        [
            [f"{RECIPE_TITLE} - Spice Kitchen"],
            MENU,
            [RECIPE_TITLE],
            *([p] for p in RECIPE),
            ["Nutrition facts", "(per serving)"],
            FACTS,
            ["Serving tips"],
            [TIP],
            ["More recipes", "Paneer butter masala", "Lentil soup", "Chickpea curry"],
            ["Subscribe to our newsletter", "Share on Facebook"],
            FOOTER,
        ]
    )


def test_a_table_of_facts_does_not_cut_the_article_off_its_last_paragraph() -> None:
    text = recipe_page()
    split = _split(text)
    assert not _verdict(text, split, TIP)[0]
    assert _verdict(text, split, "Calories : 310") == (False, "page layout: in the article (a line of a table of facts)")
    assert _verdict(text, split, "Lentil soup")[0]
    assert _verdict(text, split, "Subscribe to our newsletter")[0]


HIDDEN = [
    "The cadet course lasts eleven months and begins each September at the hill station above the "
    "capital, where the weather is cool enough for long marches in the afternoon.",
    "The station was built in the last century for a regiment that lost too many men to fever on the "
    "plains, and its barracks, parade ground and chapel are still in use by the cadets.",
    "Cadets study tactics, law and leadership in the mornings and train in the field for the rest of the "
    "day, with one week in every month spent on exercises in the hills and along the coast.",
    "At the end of the course the cadets are commissioned at a parade that their families attend, and most "
    "of them then join a battalion on the coast or one of the engineer squadrons in the north.",
    "Former cadets say the hardest part of the year is the long march in February, when each section "
    "carries its own food and water across the mountains for four days without a rest.",
]


def hidden_article_page() -> str:
    """A news page whose dump goes on after the footer with a second story the page shows only in a
    pop-up: more prose than the article itself, after the site's copyright line."""
    return _page(
        [
            [f"{TITLE} | The Harbour Gazette"],
            MENU,
            [TITLE],
            ["By Tomas Reyes", "March 3, 2031"],
            *([p] for p in ARTICLE),
            ["News", "Contact", "Tel: 555 0199"],
            ["© 2031 The Harbour Gazette. All rights reserved. Read our Privacy Policy."],
            ["Designed by a small studio"],
            ["Introduction"],
            *([p] for p in HIDDEN),
            ["Close", "Skip to content", "Open toolbar", "Increase text", "Decrease text", "Grayscale"],
        ]
    )


def test_the_article_ends_at_the_sites_copyright_line() -> None:
    text = hidden_article_page()
    split = _split(text)
    for paragraph in ARTICLE:
        assert not _verdict(text, split, paragraph)[0]
    for paragraph in HIDDEN:
        gone, reason = _verdict(text, split, paragraph)
        assert gone, paragraph
        assert reason.startswith("page layout: after the site's copyright line"), reason
    assert _verdict(text, split, "© 2031 The Harbour Gazette")[0]


def test_a_photo_credit_with_all_rights_reserved_between_paragraphs_does_not_end_the_article() -> None:
    credit = "Photo © 2031 Lena Voss. All rights reserved."
    text = _page(
        [
            [f"{TITLE} | The Harbour Gazette"],
            MENU,
            [TITLE],
            ["By Tomas Reyes", "March 3, 2031"],
            SHARE,
            ["Sign in", "Subscribe", "Newsletters"],
            [ARTICLE[0]],
            [ARTICLE[1]],
            [credit],
            [ARTICLE[2]],
            [ARTICLE[3]],
            RELATED,
            FOOTER,
        ]
    )
    split = _split(text)
    assert _verdict(text, split, "Sign in")[0]  # read as a page
    for paragraph in ARTICLE:
        assert not _verdict(text, split, paragraph)[0], paragraph


def test_the_bylines_name_as_an_interviewers_label_is_no_bio() -> None:
    question = "Ines Halloran: What made you put the first hive on the roof rather than in a garden plot?"
    text = blog_page().replace(BLOG_POST[1], question + "\n\n" + BLOG_POST[1])
    split = _split(text)
    assert not _verdict(text, split, question)[0]
    assert _verdict(text, split, BIO)[0]
