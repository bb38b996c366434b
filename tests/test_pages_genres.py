"""Whole web pages of genres the dev pages under-represent: what stays, what goes, and its category.

A robustness audit of `pagelayout` (README, "Whole web pages"): ten page dumps invented for these
tests (a forum thread, a product page, a recipe blog, a documentation page, a press release, a
council notice, a newsletter archive item, a long-form magazine article, a page that opens with a
cookie banner, a short article under a long comment thread), each laid out as html-text or a
browser's "save as text" lays a page out: one paragraph per line, a menu or a link list as a run
of short lines, a blank line between the page's blocks. Each genre lists the lines a careful reader
keeps (`stay`) and the lines that go with their category (`go`; "" when any category will do).

What the audit found still wrong is not asserted here and is listed in KNOWN_MISSES.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from docscan.blocks import split_blocks
from docscan.loading import decode_bytes
from docscan.model import SegmentKind, Split
from docscan.relevance import split_unrelated


@dataclass(frozen=True)
class Genre:
    """One invented page: its blocks (each a list of lines), what stays and what goes."""

    name: str
    parts: list[list[str]]
    stay: list[str]
    go: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n\n".join("\n".join(p) for p in self.parts) + "\n"


FORUM_POST = [
    "Since the engineer replaced the expansion vessel last month, the pressure on my combi boiler drops "
    "from about 1.5 bar to under 0.5 bar every night, and by the morning there is no hot water at all.",
    "I have checked every radiator valve and the pipes under the floor for damp patches, but I cannot find "
    "a leak anywhere, and the pressure relief pipe outside the wall is bone dry.",
    "Is it worth asking the engineer to come back, or is there something else I should look at first?",
]
FORUM_REPLIES = [
    "If the relief pipe is dry, the water is going somewhere inside the house, and the usual suspect is "
    "the heat exchanger in the boiler itself letting water into the hot water side.",
    "Turn the boiler off overnight and note the pressure before you go to bed; if it still drops with the "
    "boiler off, the leak is in the pipes, and if it holds, the fault is inside the boiler.",
    "Thanks, I did that last night and the pressure held at 1.4 bar, so I have booked the engineer again "
    "and I will ask him to look at the heat exchanger first.",
]
FORUM = Genre(
    "forum thread",
    [
        ["Boiler pressure keeps dropping overnight | Home Heating Forum"],
        ["Forums", "What's new", "Members", "Log in", "Register", "Search"],
        ["Home", "Forums", "Central heating", "Boilers"],
        ["Boiler pressure keeps dropping overnight"],
        ["Thread starter marrowfield", "Start date Jan 12, 2031"],
        ["marrowfield", "New member", "Jan 12, 2031", "#1"],
        [FORUM_POST[0]],
        [FORUM_POST[1]],
        [FORUM_POST[2]],
        ["Reply", "Quote", "Report"],
        ["dunmore_gas", "Well-known member", "Jan 12, 2031", "#2"],
        [FORUM_REPLIES[0]],
        [FORUM_REPLIES[1]],
        ["Like", "Quote", "Reply"],
        ["marrowfield", "New member", "Jan 13, 2031", "#3"],
        [FORUM_REPLIES[2]],
        ["Like", "Quote", "Reply"],
        ["You must log in or register to reply here."],
        [
            "Similar threads",
            "Radiators cold at the top after bleeding",
            "Combi boiler losing pressure slowly",
            "Which thermostat for an old system boiler",
        ],
        [
            "Contact us",
            "Terms and rules",
            "Privacy policy",
            "Help",
            "Home",
            "© 2031 Home Heating Forum. All rights reserved.",
        ],
    ],
    stay=["Boiler pressure keeps dropping overnight", *FORUM_POST],
    go={
        "What's new": "navigation",
        "Thread starter marrowfield": "",
        "Similar threads": "",
        "Radiators cold at the top after bleeding": "",
        "You must log in or register to reply here.": "",
        "Terms and rules": "",
    },
)

PRODUCT_COPY = [
    "The Larkspur 40 is a forty-litre daypack for long walks in changeable weather, with a back panel that "
    "holds the pack away from your spine so that air can move between you and the load.",
    "Its main compartment opens at the top and along one side, so that you can reach a jacket at the bottom "
    "without unpacking everything, and the lid has a pocket for a map and a phone.",
    "The fabric is a recycled nylon with a waterproof coating, and the seams are taped, but in heavy rain we "
    "still suggest the rain cover that is stowed in the base of the pack.",
]
PRODUCT_REVIEWS = [
    "I carried this for a week on the coast path and it never rubbed, even with a full water bladder.",
    "The side opening is the best thing about it, though the hip belt pockets are too small for my phone.",
]
PRODUCT = Genre(
    "product page",
    [
        ["Larkspur 40 Daypack | Fellside Outdoor"],
        ["Free delivery on orders over £50"],
        ["Men", "Women", "Kids", "Footwear", "Packs", "Tents", "Sale", "Stores"],
        ["Account", "Wishlist", "Basket (0)"],
        ["Home", "Packs", "Daypacks"],
        ["Larkspur 40 Daypack"],
        ["£89.00"],
        ["4.6 out of 5 stars", "(128 reviews)"],
        ["Colour: Slate", "Size: One size"],
        ["Add to basket"],
        ["Add to wishlist"],
        ["In stock: delivered in 2-3 working days"],
        ["Description"],
        [PRODUCT_COPY[0]],
        [PRODUCT_COPY[1]],
        [PRODUCT_COPY[2]],
        ["Specifications"],
        ["Volume: 40 litres", "Weight: 1.2 kg", "Back length: 45-52 cm", "Fabric: recycled nylon"],
        ["Customer reviews"],
        ["Great on the coast path", "Verified buyer", "June 4, 2031", PRODUCT_REVIEWS[0]],
        ["Good but small pockets", "Verified buyer", "May 20, 2031", PRODUCT_REVIEWS[1]],
        ["Write a review"],
        ["You may also like", "Larkspur 30 Daypack", "Fellside Trek 55", "Rain cover for packs"],
        ["Sign up for our newsletter and get 10% off your first order"],
        ["Delivery", "Returns", "Contact us", "Privacy policy", "Cookie settings", "© 2031 Fellside Outdoor Ltd"],
    ],
    stay=["Larkspur 40 Daypack", *PRODUCT_COPY, "Volume: 40 litres", "Weight: 1.2 kg"],
    go={
        "Free delivery on orders over": "",
        "Wishlist": "",
        "Add to basket": "",
        "You may also like": "",
        "Larkspur 30 Daypack": "",
        "Sign up for our newsletter": "promotion/newsletter",
        "Cookie settings": "",
    },
)

RECIPE_STORY = [
    "Every autumn my grandmother made a pot of this soup on the first cold Sunday, and the whole house "
    "smelled of roasted squash and sage by the time we came back from the long walk over the hill.",
    "She never wrote the recipe down, so it took me three years of trying to get close to hers, and I am "
    "still not sure I have the sage quite right, but my own children ask for it now.",
    "The trick is to roast the squash until the edges go dark, because that is where the sweetness comes "
    "from, and to add the stock a little at a time so that the soup stays thick.",
]
RECIPE_STEPS = [
    "1. Heat the oven to 200C and roast the squash with the oil for 40 minutes, until the edges are dark.",
    "2. Soften the onion and the garlic in a large pan with a little butter for ten minutes.",
    "3. Add the roasted squash and the sage, then pour in the stock a little at a time, stirring.",
    "4. Blend the soup until smooth, season it well and serve it with crusty bread.",
]
RECIPE_INGREDIENTS = ["1 large butternut squash", "2 tbsp olive oil", "1 onion, chopped", "800 ml vegetable stock"]
RECIPE = Genre(
    "recipe blog",
    [
        ["Grandma's roasted squash soup - The Hillside Kitchen"],
        ["Skip to content"],
        ["Home", "Recipes", "Soups", "Baking", "About me", "Contact"],
        ["Roasted squash soup with sage"],
        ["Posted on October 3, 2031 by Mara Ellis", "12 Comments"],
        ["This post may contain affiliate links. Please read my disclosure policy."],
        [RECIPE_STORY[0]],
        [RECIPE_STORY[1]],
        ["Pin this recipe for later!"],
        [RECIPE_STORY[2]],
        ["Jump to Recipe", "Print Recipe"],
        ["Roasted squash soup with sage"],
        ["Prep time: 15 mins", "Cook time: 50 mins", "Serves: 4"],
        ["Ingredients"],
        RECIPE_INGREDIENTS,
        ["Instructions"],
        *[[s] for s in RECIPE_STEPS],
        ["Nutrition"],
        ["Calories: 210", "Fat: 7 g", "Carbohydrates: 31 g"],
        ["12 Comments"],
        [
            "Jenny says:",
            "October 4, 2031 at 9:12 am",
            "Made this last night and my husband had three bowls, thank you for sharing your grandmother's soup!",
            "Reply",
        ],
        ["Mara Ellis says:", "October 4, 2031 at 11:40 am", "So glad you both enjoyed it, Jenny!", "Reply"],
        ["Leave a Reply"],
        ["Your email address will not be published. Required fields are marked *"],
        ["Subscribe to get new recipes in your inbox every week."],
        ["Privacy policy", "Disclosure", "Contact", "© 2031 The Hillside Kitchen"],
    ],
    stay=[*RECIPE_STORY, *RECIPE_STEPS, *RECIPE_INGREDIENTS, "Calories: 210"],
    go={
        "Skip to content": "",
        "Posted on October 3, 2031": "byline/date",
        "Made this last night": "comments",
        "Leave a Reply": "comments",
        "Your email address will not be published": "",
        "Subscribe to get new recipes": "promotion/newsletter",
        "Pin this recipe for later!": "",
    },
)

DOCS_PROSE = [
    "A pipeline reads records from a source, passes each one through a list of stages and writes the "
    "result to a sink, and every stage is a plain function that takes a record and returns one.",
    "Stages run in the order you list them, and a stage that returns nothing drops the record, which is "
    "the usual way to filter out the rows you do not need before they reach the sink.",
    "To add a stage, write a function with one argument and pass it to the pipeline when you create it:",
    "When a stage raises an exception, the pipeline stops and reports the record that failed, unless you "
    "pass the on_error option, in which case the record is logged and the pipeline carries on.",
]
DOCS_CODE = [
    "from quarry import Pipeline",
    "def strip_names(record):",
    "    record['name'] = record['name'].strip()",
    "    return record",
    "pipe = Pipeline(source, [strip_names], sink)",
]
DOCS = Genre(
    "software documentation",
    [
        ["Pipelines - Quarry 2.4 documentation"],
        ["Quarry", "Docs", "API", "Blog", "GitHub"],
        ["Search docs"],
        [
            "Getting started",
            "Installation",
            "Your first pipeline",
            "Concepts",
            "Pipelines",
            "Sources",
            "Sinks",
            "Stages",
            "Error handling",
            "Reference",
            "Configuration",
            "Command line",
            "Changelog",
        ],
        ["Pipelines"],
        [DOCS_PROSE[0]],
        [DOCS_PROSE[1]],
        ["Adding a stage"],
        [DOCS_PROSE[2]],
        DOCS_CODE,
        ["Errors"],
        [DOCS_PROSE[3]],
        ["Edit this page on GitHub"],
        ["Was this page helpful?", "Yes", "No"],
        ["Previous", "Concepts", "Next", "Sources"],
        ["© 2031 The Quarry authors. Built with a static site generator."],
    ],
    stay=["Pipelines - Quarry 2.4 documentation", "Pipelines", "Adding a stage", "Errors", *DOCS_PROSE, *DOCS_CODE],
    go={
        "Installation": "",
        "Search docs": "",
        "Edit this page on GitHub": "",
        "Was this page helpful?": "",
        "Changelog": "",
    },
)

PRESS_BODY = [
    "NORTHGATE, 14 March 2031 - Tidewell Energy today announced that its second offshore wind farm, off "
    "the Northgate coast, has delivered power to the grid for the first time, six months ahead of schedule.",
    "The farm's forty turbines will supply electricity to about 300,000 homes once all of them are running "
    "at the end of the summer, and the company expects the site to employ 120 people in Northgate.",
    "\u201cThis is a proud day for everyone who worked on the project through two hard winters at sea,\u201d "
    "said Ilse Brandt, chief executive of Tidewell Energy.",
    "The company will open a visitor centre at the Northgate harbour in June, where schools can learn how "
    "the turbines are built, installed and maintained.",
]
PRESS = Genre(
    "press release",
    [
        ["Tidewell Energy's Northgate wind farm delivers first power | Tidewell Newsroom"],
        ["Tidewell Energy", "About", "Our projects", "Investors", "Careers", "Newsroom", "Contact"],
        ["Newsroom", "Press releases", "Media library", "Media contacts"],
        ["Tidewell Energy's Northgate wind farm delivers first power"],
        ["14 March 2031"],
        ["Share", "Twitter", "LinkedIn", "Email"],
        *[[p] for p in PRESS_BODY],
        ["About Tidewell Energy"],
        [
            "Tidewell Energy builds and runs wind and solar farms in northern Europe, with 2,400 staff and "
            "projects in six countries. Its shares are listed on the Northgate stock exchange."
        ],
        ["Media contact", "Pia Lund, press office", "+44 20 7946 0000", "press@tidewell.example"],
        ["Download the press release (PDF)"],
        [
            "Related press releases",
            "Tidewell signs supply deal with Northgate port",
            "Tidewell results for the full year 2030",
        ],
        ["Sign up for press release alerts"],
        ["Privacy", "Cookies", "Legal notice", "Accessibility", "© 2031 Tidewell Energy"],
    ],
    stay=["Tidewell Energy's Northgate wind farm delivers first power", *PRESS_BODY],
    go={
        "Investors": "",
        "Media library": "",
        "LinkedIn": "",
        "Related press releases": "",
        "Tidewell signs supply deal": "",
        "Sign up for press release alerts": "",
        "Accessibility": "",
    },
)

NOTICE_BODY = [
    "The council is consulting on a proposal to close Mill Lane to through traffic between the junction "
    "with Station Road and the entrance to the primary school, from 1 September 2031.",
    "The closure would apply on school days between 8am and 9.30am and between 2.30pm and 4pm, and "
    "residents of Mill Lane, blue badge holders and emergency vehicles would be exempt.",
    "You can read the full proposal, the map of the closure and the traffic survey on which it is based "
    "at the council offices or in the documents listed below.",
    "Comments on the proposal must reach the council by 30 June 2031, and every comment received will be "
    "reported to the highways committee when it decides whether to go ahead.",
]
NOTICE = Genre(
    "government notice",
    [
        [
            "This website uses cookies to improve your experience. By continuing to browse the site you agree "
            "to our use of cookies. Accept all cookies Reject cookies Cookie settings"
        ],
        ["Skip to main content"],
        ["Kettlebury Borough Council"],
        ["Bins and recycling", "Council tax", "Housing", "Parking", "Planning", "Roads and transport", "Schools"],
        ["Home", "Roads and transport", "Traffic orders"],
        ["Proposed school street closure on Mill Lane"],
        ["Published 2 June 2031"],
        *[[p] for p in NOTICE_BODY],
        ["Documents"],
        ["Proposal notice (PDF, 120 KB)", "Map of the closure (PDF, 1.1 MB)", "Traffic survey (PDF, 640 KB)"],
        ["Was this page useful?", "Yes", "No"],
        ["Report a problem with this page"],
        [
            "Contact the council",
            "Accessibility statement",
            "Privacy notice",
            "Cookies",
            "© Kettlebury Borough Council 2031",
        ],
    ],
    stay=["Proposed school street closure on Mill Lane", *NOTICE_BODY],
    go={
        "This website uses cookies": "legal/cookie",
        "Skip to main content": "",
        "Council tax": "",
        "Was this page useful?": "",
        "Report a problem with this page": "",
        "Accessibility statement": "",
    },
)

NEWSLETTER_BODY = [
    "Hello again, and welcome to the spring issue, which arrives a little late because half of the "
    "committee spent March digging out the pond at the bottom of the allotment site.",
    "The pond is now twice as deep as it was, and the frogs found it within a week, so please keep your "
    "dogs out of the fenced corner until the new plants have had a chance to settle in.",
    "Seed swap: the spring seed swap is on Saturday 12 April in the hut, from ten until noon, and as "
    "always you are welcome to bring seeds even if you do not take any home.",
    "Water: the taps on the lower path will be turned on at the start of April, and we ask everyone to "
    "use a watering can rather than a hose while the butts are still filling up.",
    "Thanks as ever to everyone who helped with the pond, and see you at the seed swap.",
]
NEWSLETTER = Genre(
    "newsletter archive item",
    [
        ["Spring newsletter 2031 - Bramble Road Allotments"],
        ["Home", "About the site", "Plots and waiting list", "Newsletters", "Events", "Contact"],
        ["Newsletters", "Spring newsletter 2031"],
        ["Spring newsletter 2031"],
        ["Sent on 28 March 2031"],
        *[[p] for p in NEWSLETTER_BODY],
        ["The committee"],
        [
            "You are receiving this email because you hold a plot at Bramble Road Allotments.",
            "Unsubscribe",
            "Update your preferences",
            "View this email in your browser",
        ],
        ["Past issues", "Winter newsletter 2030", "Autumn newsletter 2030", "Summer newsletter 2030"],
        ["Bramble Road Allotments Association", "Privacy policy", "Contact the committee"],
    ],
    stay=["Spring newsletter 2031", *NEWSLETTER_BODY],
    go={
        "Plots and waiting list": "",
        "Unsubscribe": "",
        "Update your preferences": "",
        "Winter newsletter 2030": "",
        "Contact the committee": "",
    },
)

MAGAZINE_BODY = [
    "The first thing you notice in the glassworks at Vellin is the heat, which reaches you at the door "
    "and stays with you for the whole of the day, whatever the weather is doing outside.",
    "Anneke Voss has worked here for thirty-one years, and she still starts every morning by checking the "
    "furnace herself, because, as she puts it, a furnace has moods and it is better to know them early.",
    "The works was founded in 1871 by a family of bottle makers, and for most of its life it made nothing "
    "but bottles, until a fire in the 1950s destroyed the old moulds and the owners turned to tableware.",
    "Today the works employs forty people, half of them under thirty, and it sells most of what it makes "
    "to restaurants that want glasses nobody else has, which is a business that did not exist ten years ago.",
    "Voss is training two apprentices this year, and she says the hardest thing to teach is patience: the "
    "glass tells you when it is ready, and no amount of hurrying will change its mind.",
    "At the end of the day the furnace is turned down but never off, and the glow from its door is the last "
    "light in the building when the night shift locks up and walks out into the cold.",
]
MAGAZINE = Genre(
    "long-form magazine article",
    [
        ["The last glassworks of Vellin | Long Read | Northern Review"],
        ["Northern Review", "Subscribe", "Log in"],
        ["Politics", "Culture", "Science", "Long Read", "Podcasts", "Events", "Shop"],
        ["Long Read"],
        ["The last glassworks of Vellin"],
        [
            "For a hundred and fifty years the furnaces at Vellin have never gone out. Can a new generation "
            "keep them burning?"
        ],
        ["By Oskar Lindqvist", "Photographs by Hana Sato", "18 min read"],
        ["Anneke Voss checks the furnace at the start of her shift. Photograph: Hana Sato"],
        [MAGAZINE_BODY[0]],
        [MAGAZINE_BODY[1]],
        ["\u201cA furnace has moods, and it is better to know them early.\u201d"],
        [MAGAZINE_BODY[2]],
        ["Moulds stored in the old bottle shed, some of them more than a century old. Photograph: Hana Sato"],
        [MAGAZINE_BODY[3]],
        ["Advertisement"],
        [MAGAZINE_BODY[4]],
        [MAGAZINE_BODY[5]],
        ["This article appears in the winter issue of Northern Review. Subscribe from \u00a34 a month."],
        ["Topics", "Craft", "Industry", "Long Read"],
        ["Share this article", "Facebook", "Twitter", "Email"],
        [
            "More from Long Read",
            "The ferrymen of the inner islands",
            "A year on the night trains",
            "What the river remembers",
        ],
        ["About us", "Contact", "Advertise", "Privacy", "Terms", "\u00a9 2031 Northern Review"],
    ],
    stay=["The last glassworks of Vellin", *MAGAZINE_BODY],
    go={
        "Politics": "navigation",
        "By Oskar Lindqvist": "byline/date",
        "Photograph: Hana Sato": "caption/credit",
        "Advertisement": "advertising",
        "Share this article": "",
        "The ferrymen of the inner islands": "",
        "This article appears in the winter issue": "",
    },
)

COOKIE_BODY = [
    "The library on Canal Street will reopen on Monday after eight months of building work that added a "
    "lift, a children's room on the ground floor and a study room with forty desks on the top floor.",
    "The building's Victorian reading room has been restored, and the old oak shelves, which had been "
    "painted white in the 1970s, have been stripped back to the wood by a team of volunteers.",
    "Opening hours will be longer than before the closure, with the library open until eight in the "
    "evening on weekdays and from ten until four on Saturdays and Sundays.",
]
COOKIE_FIRST = Genre(
    "cookie banner first",
    [
        [
            "We value your privacy. We and our partners use cookies to personalise content and ads and to "
            "analyse our traffic. You can change your choices at any time."
        ],
        ["Accept all", "Reject all", "Manage preferences"],
        ["Canal Street Chronicle"],
        ["News", "Sport", "What's on", "Property", "Jobs", "Notices"],
        ["Canal Street library reopens with a lift and a children's room"],
        ["By Dev Patel", "Friday 9 May 2031, 6:00 pm"],
        *[[p] for p in COOKIE_BODY],
        ["Share", "Facebook", "Twitter", "WhatsApp"],
        [
            "Most read",
            "Bus lane fines to double from June",
            "New owners for the Swan inn",
            "Road closed after water main bursts",
        ],
        ["Contact us", "Advertise", "Privacy", "Cookie policy", "\u00a9 2031 Canal Street Chronicle"],
    ],
    stay=["Canal Street library reopens with a lift and a children's room", *COOKIE_BODY],
    go={
        "We value your privacy": "legal/cookie",
        "Manage preferences": "",
        "Property": "",
        "Bus lane fines to double from June": "",
        "Cookie policy": "",
    },
)

SHORT_ARTICLE = [
    "The town's annual duck race will go ahead on Sunday after all, the organisers said on Thursday, "
    "because the river has fallen back to its usual level after last week's rain.",
    "Ducks can be bought at the bakery and the post office until Saturday, and every pound raised will "
    "go to the lifeboat station.",
]
LONG_COMMENTS = [
    "Great news, we have been doing the duck race with the grandchildren every year since it started and "
    "they were so disappointed when it looked like it would be cancelled again this year.",
    "I hope the organisers have thought about the parking this time, because last year the whole of the "
    "lane by the bridge was blocked for hours and the bus could not get through at all.",
    "Does anyone know whether the ducks from last year can be used again, or do we have to buy new ones "
    "from the bakery? Ours are still in a box in the shed with the numbers on them.",
    "The lifeboat crew do an amazing job all year round, and this is the least we can do for them, so "
    "everyone please buy a duck even if you cannot come along on the day itself.",
    "Last year my duck got stuck in the reeds by the weir and never finished, so I will be watching "
    "very closely this time to make sure nobody helps theirs along with a stick.",
]
SHORT_WITH_COMMENTS = Genre(
    "short article, long comments",
    [
        ["Duck race back on after river falls | Wyebridge Post"],
        ["Home", "News", "Sport", "Community", "Obituaries", "Contact"],
        ["Duck race back on after river falls"],
        ["By Sam Hollis", "June 5, 2031"],
        [SHORT_ARTICLE[0]],
        [SHORT_ARTICLE[1]],
        ["Share", "Facebook", "Twitter"],
        ["5 comments"],
        ["Maureen T", "June 5, 2031 at 7:14 pm", LONG_COMMENTS[0], "Reply"],
        ["rob_on_the_hill", "June 5, 2031 at 8:02 pm", LONG_COMMENTS[1], "Reply"],
        ["Kath", "June 5, 2031 at 9:30 pm", LONG_COMMENTS[2], "Reply"],
        ["Dennis", "June 6, 2031 at 7:45 am", LONG_COMMENTS[3], "Reply"],
        ["Ayesha R", "June 6, 2031 at 10:11 am", LONG_COMMENTS[4], "Reply"],
        ["Leave a comment"],
        ["Privacy policy", "Terms", "Contact", "\u00a9 2031 Wyebridge Post"],
    ],
    stay=["Duck race back on after river falls", *SHORT_ARTICLE],
    go={
        "Obituaries": "navigation",
        "By Sam Hollis": "byline/date",
        **{c[:40]: "comments" for c in LONG_COMMENTS},
        "Leave a comment": "",
    },
)

GENRES = (FORUM, PRODUCT, RECIPE, DOCS, PRESS, NOTICE, NEWSLETTER, MAGAZINE, COOKIE_FIRST, SHORT_WITH_COMMENTS)

# What the audit found and could not fix from evidence that carries across sites (README, "Whole
# web pages", 2026-11-30). Not asserted; listed so that a fix can turn them into assertions.
KNOWN_MISSES = {
    "forum thread": "'Quote' and 'Like' under a post stay when they are repeated fewer than 3 times and stand more "
    "than 3 blocks from the post's date",
    "product page": "customer reviews stay with the description; without line 1 the product's name goes",
    "recipe blog": "'Jump to Recipe' and 'Print Recipe' between the story and the recipe card stay",
    "software documentation": "without line 1 the one-word heading 'Pipelines' goes with the sidebar",
    "press release": "the 'About Tidewell Energy' boilerplate stays (it reads as the release's last paragraph)",
    "newsletter archive item": "the 'You are receiving this email' footer line stays; without line 1 the "
    "headline, worded like a sign-up link, goes",
}
# Lines that stay only while line 1 (the <title>) is there: without it the evidence is gone.
NEEDS_TITLE_LINE = {
    "product page": {"Larkspur 40 Daypack"},
    "software documentation": {"Pipelines"},
    "newsletter archive item": {"Spring newsletter 2031"},
}


def _split(text: str) -> Split:
    doc = decode_bytes(text.encode("utf-8"), path="page.txt")
    return split_unrelated(doc, split_blocks(doc))


def _line_of(lines: list[str], needle: str) -> int:
    """The 1-based line of `needle`: the last line that is exactly it (a headline below a menu entry
    of the same words), else the first line holding it."""
    exact = [i for i, x in enumerate(lines, start=1) if x == needle]
    return exact[-1] if exact else next(i for i, x in enumerate(lines, start=1) if needle in x)


def _set_aside(split: Split) -> dict[int, str]:
    """Every set-aside line with its segment's category."""
    out = {}
    for s in split.segments:
        if s.kind is SegmentKind.UNRELATED:
            out.update(dict.fromkeys(range(s.start_line, s.end_line + 1), s.category))
    return out


@pytest.mark.parametrize("genre", GENRES, ids=lambda g: g.name)
def test_a_careful_reader_keeps_the_article_and_the_page_around_it_goes(genre: Genre) -> None:
    lines = genre.text.split("\n")
    split = _split(genre.text)
    aside = _set_aside(split)
    for needle in genre.stay:
        line = _line_of(lines, needle)
        assert line not in aside, f"{genre.name}: lost {needle!r} as {aside[line]}"
    for needle, category in genre.go.items():
        line = _line_of(lines, needle)
        assert line in aside, f"{genre.name}: kept {needle!r}"
        if category:
            assert aside[line] == category, f"{genre.name}: {needle!r} set aside as {aside[line]}"
    # the article is never set aside whole, and every verdict names the page layout's rule
    assert split.main_blocks
    assert all(v.reason.startswith("page layout: ") for v in split.verdicts)


@pytest.mark.parametrize("genre", GENRES, ids=lambda g: g.name)
def test_without_its_title_line_the_page_keeps_its_article(genre: Genre) -> None:
    """A browser's copy has no <title> line: the article and (with the exceptions listed) its
    headline stay, and the furniture still goes."""
    text = genre.text.split("\n", 1)[1]
    lines = text.split("\n")
    aside = _set_aside(_split(text))
    for needle in genre.stay:
        if needle in text and needle not in NEEDS_TITLE_LINE.get(genre.name, set()):
            assert _line_of(lines, needle) not in aside, f"{genre.name}: lost {needle!r}"
    for needle in genre.go:
        if needle in text:
            assert _line_of(lines, needle) in aside, f"{genre.name}: kept {needle!r}"


def test_a_short_article_is_found_above_its_longer_comment_thread() -> None:
    """Five comments outweigh a two-paragraph brief: the densest run of prose is the thread, but it
    sits under "5 comments" with a "Reply" and a date between its paragraphs, so the article is
    the prose above the comments heading and the whole thread goes as comments."""
    text = SHORT_WITH_COMMENTS.text
    lines = text.split("\n")
    split = _split(text)
    aside = _set_aside(split)
    for paragraph in SHORT_ARTICLE:
        assert _line_of(lines, paragraph) not in aside
    for comment in LONG_COMMENTS:
        assert aside[_line_of(lines, comment)] == "comments"
    reasons = {v.start_line: v.reason for v in split.verdicts}
    assert "headline above the article" in reasons[_line_of(lines, "Duck race back on after river falls")]


def test_inside_a_thread_its_timestamps_and_reply_links_go() -> None:
    """The forum's first post and its replies form one run of prose; the date line of each post,
    the poster's card around it and the "Reply" under every post are the thread's furniture."""
    text = FORUM.text
    lines = text.split("\n")
    split = _split(text)
    aside = _set_aside(split)
    reasons = {v.start_line: v.reason for v in split.verdicts}
    posts = [_line_of(lines, p) for p in (*FORUM_POST, *FORUM_REPLIES)]
    first, last = min(posts), max(posts)
    inside = range(first, last + 1)
    dates = [i for i in inside if lines[i - 1] in ("Jan 12, 2031", "Jan 13, 2031")]
    replies = [i for i in inside if lines[i - 1] == "Reply"]
    assert dates and replies
    for i in dates:
        assert aside[i] == "byline/date" and "a date line inside the article" in reasons[i]
    for i in replies:
        assert aside[i] == "comments" and ("widget repeated" in reasons[i] or "post's card" in reasons[i])
    for i in posts:
        assert i not in aside
    # the card around each reply's date: the poster's name, rank and post number
    for needle in ("dunmore_gas", "Well-known member", "#2", "#3"):
        i = _line_of(lines, needle)
        assert aside[i] == "comments" and "a post's card around its date line" in reasons[i], needle


def test_a_byline_under_a_standfirst_and_a_photograph_credit_go() -> None:
    """The magazine's standfirst is a sentence, so the article's run starts above its byline: the
    byline still goes ("byline inside the article"), and so do the captions credited "Photograph:"."""
    text = MAGAZINE.text
    lines = text.split("\n")
    split = _split(text)
    aside = _set_aside(split)
    reasons = {v.start_line: v.reason for v in split.verdicts}
    byline = _line_of(lines, "By Oskar Lindqvist")
    assert aside[byline] == "byline/date" and "byline inside the article" in reasons[byline]
    standfirst = _line_of(lines, "For a hundred and fifty years")
    assert standfirst not in aside
    for i, line in enumerate(lines, start=1):
        if line.endswith("Photograph: Hana Sato"):
            assert aside[i] == "caption/credit", line


def test_a_recipe_keeps_its_nutrition_table_after_the_last_step() -> None:
    text = RECIPE.text
    lines = text.split("\n")
    split = _split(text)
    aside = _set_aside(split)
    reasons = {v.start_line: v.reason for v in split.verdicts}
    for needle in ("Nutrition", "Calories: 210", "Fat: 7 g", "Carbohydrates: 31 g"):
        assert _line_of(lines, needle) not in aside, needle
    assert "table of facts goes on" in reasons[_line_of(lines, "Calories: 210")]
    # the comments heading right below it still goes
    assert aside[_line_of(lines, "Made this last night")] == "comments"


def test_a_short_title_repeated_as_the_headline_keeps_both() -> None:
    """ "Pipelines - Quarry 2.4 documentation": the heading "Pipelines" repeats one part of line 1
    word for word (the site's part is the longer one), so both stay, while the sidebar's own
    "Pipelines" entry goes; the same holds for a product's name ten blocks above its description."""
    for genre, title, headline in (
        (DOCS, "Pipelines - Quarry 2.4 documentation", "Pipelines"),
        (PRODUCT, "Larkspur 40 Daypack | Fellside Outdoor", "Larkspur 40 Daypack"),
        (NEWSLETTER, "Spring newsletter 2031 - Bramble Road Allotments", "Spring newsletter 2031"),
    ):
        lines = genre.text.split("\n")
        aside = _set_aside(_split(genre.text))
        assert 1 not in aside and lines[0] == title, genre.name
        assert _line_of(lines, headline) not in aside, genre.name
        others = [i for i, x in enumerate(lines, start=1) if x == headline][:-1]
        assert all(i in aside for i in others), genre.name


def test_a_cookie_banner_on_line_one_goes_as_legal() -> None:
    text = COOKIE_FIRST.text
    aside = _set_aside(_split(text))
    assert aside[1] == "legal/cookie"
    assert _line_of(text.split("\n"), "Canal Street library reopens with a lift and a children's room") not in aside
