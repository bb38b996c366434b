"""A robustness audit of the outline on documents in styles the development set has few of:
reports and minutes with plain `Label:` paragraphs, an FAQ, a recipe card, numbered reports,
long headings, page dumps with captions, credits, comments and link lists, and near misses that
are never lead-ins. Every document is our own; each asserts what a careful reader marks."""

from __future__ import annotations

import pytest

from docscan.sections import lead_in_verdict
from test_sections_web import outline, verdicts


def para(*lines: str) -> str:
    """Paragraphs separated by blank lines, as reports and minutes are laid out."""
    return "\n\n".join(lines) + "\n"


def dump(*lines: str) -> str:
    """One paragraph per line, as a web page saved as text."""
    return "\n".join(lines) + "\n"


REPORT = para(
    "Regional Water Use Review 2025",
    "1. Introduction",
    "Background and Motivation: The regional board asked for a review of household water use after two "
    "dry summers left several reservoirs low.",
    "Key finding 1: Households in the northern district used about a fifth less water than five years ago.",
    "Among its key findings:",
    "- leaks account for one litre in eight;\n- metered homes use less than unmetered ones.",
    "2. Methods",
    "Method (2019 survey): We reused the questionnaire from the earlier survey so that answers compare.",
    "You will need:",
    "- the district tables;\n- the meter readings for each quarter.",
    "Note that: the meter readings for the eastern district were only partly available this year.",
    "3. Results",
    "In brief: Use fell in every district, but the fall was smallest where meters are still rare.",
    "The bottom line: Meters and quick repairs together explain most of the saving in every district.",
    'He said: "We should have done this ten years ago," and the room agreed with him at once.',
    "At 10:30 the board adjourned so that members could visit the pumping station before lunch.",
    "The mixing ratio was 3:1 throughout the trial, which kept the readings comparable each week.",
    "Update, 3 May: The eastern district has now sent its missing readings, and the totals include them.",
    "4. Recommendations",
    "The board should fund meters in the remaining districts and set up a repair team for the oldest mains.",
)


def test_a_report_with_plain_labels() -> None:
    # "2. Methods" right under a bullet list stays a section number (the bullets close their own
    # list); "Update, 3 May:" is a dated label; sentence openers, speech, times and ratios are not
    assert outline(REPORT) == [
        (1, "Regional Water Use Review 2025", 1, "heading"),
        (3, "1. Introduction", 2, "heading"),
        (5, "Background and Motivation", 3, "lead-in"),
        (7, "Key finding 1", 3, "lead-in"),
        (14, "2. Methods", 2, "heading"),
        (16, "Method (2019 survey)", 3, "lead-in"),
        (25, "3. Results", 2, "heading"),
        (27, "In brief", 3, "lead-in"),
        (29, "The bottom line", 3, "lead-in"),
        (37, "Update, 3 May", 3, "lead-in"),
        (39, "4. Recommendations", 2, "heading"),
    ]


MINUTES = para(
    "Minutes of the Parks Committee Meeting",
    "Date: 12 March 2026",
    "Attendees: Jane Roe (chair), Tom Park, Ana Silva, Lee Chen and two members of the public.",
    "Agenda",
    "Item 1 - Playground repairs",
    "The committee reviewed the quotes for the repairs and agreed that the second offered the best value.",
    "Item 2 - Summer events",
    "Ana proposed three open-air concerts in July and August, and the committee asked for a budget.",
    "Decision: The committee approved the repairs and asked the clerk to place the order this month.",
    "Action items: Tom will contact the contractor, Ana will draft the concert budget by Friday.",
)


def test_meeting_minutes() -> None:
    # "Date: 12 March 2026" is a field of the record, neither a heading nor a lead-in
    assert outline(MINUTES) == [
        (1, "Minutes of the Parks Committee Meeting", 1, "heading"),
        (5, "Attendees", 2, "lead-in"),
        (7, "Agenda", 2, "heading"),
        (9, "Item 1 - Playground repairs", 3, "heading"),
        (13, "Item 2 - Summer events", 3, "heading"),
        (17, "Decision", 4, "lead-in"),
        (19, "Action items", 4, "lead-in"),
    ]
    assert verdicts(MINUTES)[3] == "field with a date or number"


FAQ = para(
    "Frequently Asked Questions",
    "How do I reset my password?",
    "Open the sign-in page and choose the link under the password box, then follow the steps we send.",
    "Can I use the app offline?",
    "Yes. Everything you saved on your phone stays available, and changes are sent when you connect.",
    "What happens to my data if I close my account and never come back to the service again after that?",
    "We keep a copy for thirty days so that you can change your mind, and after that we delete it.",
)


def test_a_long_question_under_question_headings_is_their_sibling() -> None:
    assert [(line, level) for line, _, level, kind in outline(FAQ) if kind == "heading"] == [
        (1, 1),
        (3, 2),
        (7, 2),
        (11, 2),
    ]


def test_a_long_question_alone_is_a_sentence() -> None:
    text = para(
        "Frequently Asked Questions",
        "Open the sign-in page and choose the link under the password box, then follow the steps we send.",
        "What happens to my data if I close my account and never come back to the service again after that?",
        "We keep a copy for thirty days so that you can change your mind, and after that we delete it.",
    )
    assert [line for line, *_ in outline(text)] == [1]


RECIPE = para(
    "Lemon Barley Salad",
    "By Jane Roe",
    "Photo: Tom Park for the Kitchen Desk",
    "This bright salad keeps well in the fridge for two days, which makes it good for busy weeks.",
    "Ingredients",
    "1 cup pearl barley\n2 lemons\n1 bunch parsley\n3 tablespoons olive oil",
    "Directions",
    "Cook the barley in plenty of salted water until it is tender, then drain it and let it cool.",
    "Tip: Toss the warm barley with the lemon juice first, so that it soaks up the dressing.",
    "Nutrition Facts",
    "Calories\t320\nProtein\t8 g",
)


def test_a_recipe_card() -> None:
    # a line standing apart over lines set close together (an unmarked list, a table) is their heading
    assert outline(RECIPE) == [
        (1, "Lemon Barley Salad", 1, "heading"),
        (9, "Ingredients", 2, "heading"),
        (16, "Directions", 2, "heading"),
        (20, "Tip", 3, "lead-in"),
        (22, "Nutrition Facts", 2, "heading"),
    ]


def test_a_short_line_over_a_run_of_short_lines_laid_out_alike_is_no_heading() -> None:
    # the menu lines are laid out like the line above them: a list, not a heading over a list
    text = para("Quarterly Summary", "Sales grew in every region during the quarter, and fastest in the north.",
                "Home", "About us", "Contact")  # fmt: skip
    assert [line for line, *_ in outline(text)] == [1]


NUMBERED = para(
    "Annual Safety Report",
    "Part 1 — Overview",
    "This report summarises the safety record of the three plants over the past year and the plan ahead.",
    "I. Scope",
    "The report covers every incident recorded at the plants, including those that caused no injury.",
    "II. Methods",
    "Incidents were taken from the plant logs and checked against the insurance claims of the year.",
    "2.1 Data sources",
    "The plant logs were the main source, and the claims were used to find incidents the logs missed.",
    "2.2 Limits of the data",
    "Two plants changed their logging software during the year, so some records were entered again.",
    "III. Results",
    "The number of recorded incidents fell by a third, and no incident kept a worker away for long.",
)


def test_the_first_line_titles_a_numbered_report() -> None:
    assert outline(NUMBERED) == [
        (1, "Annual Safety Report", 1, "heading"),
        (3, "Part 1 — Overview", 2, "heading"),
        (7, "I. Scope", 2, "heading"),
        (11, "II. Methods", 2, "heading"),
        (15, "2.1 Data sources", 3, "heading"),
        (19, "2.2 Limits of the data", 3, "heading"),
        (23, "III. Results", 2, "heading"),
    ]


LONG = "What the three largest providers have promised to build before the end of the current five year plan"


def test_long_headings_above_paragraphs() -> None:
    text = para(
        "Understanding the Costs of Rural Broadband",
        "Broadband reaches almost every town in the region, but many farms and villages still wait.",
        "Why the last mile of cable costs far more in the countryside than it does in towns and cities",
        "Laying cable to a farm a kilometre from its neighbour costs as much as connecting a whole street.",
        LONG,
        "Each provider has published a map of the villages it plans to reach in the next five years.",
    )
    assert [(line, level) for line, _, level, _ in outline(text)] == [(1, 1), (5, 2), (9, 2)]
    assert verdicts(text)[9] == "long title above a paragraph"
    # in a page dump too, one paragraph per line, and with one comma
    assert (3, LONG, 2, "heading") in outline(dump("Rural Broadband Explained", PROSE, LONG, MORE))
    comma = "Which villages are still left without any plan at all, and what their councils can do about it"
    assert (3, comma, 2, "heading") in outline(dump("Rural Broadband Explained", PROSE, comma, MORE))


def test_a_standfirst_under_the_title_is_no_heading() -> None:
    # the long line between the headline and the first paragraph sums up the piece
    standfirst = "The council backed the plan by a narrow margin after a long night of debate about the sea wall"
    assert [n for n, *_ in outline(dump("Harbor Plan Wins Approval", standfirst, PROSE, MORE))] == [1]


PROSE = "We counted every request that reached the servers during the year and compared the totals."
MORE = "The council will meet again in the spring to review what the first year of work has cost."


@pytest.mark.parametrize(
    "line",
    [
        "Residents carry boxes of damaged books out of the library on the Monday morning after the flood.",
        "Every year more households install meters, fix leaks, and lower the share of water lost in the mains",
        "Archive – RSS – Impressum – Privacy – 2009-2020 by Jane Roe – Powered by a static site generator",
        "The share of homes with meters grew from a third to a half over the decade. (source)",
    ],
)
def test_long_lines_that_are_no_headings(line: str) -> None:
    # a caption ends with a full stop, a sentence lists clauses with commas, a footer joins links with dashes
    assert [n for n, *_ in outline(dump("Rural Broadband Explained", PROSE, line, MORE))] == [1]


WEB_STORY = dump(
    "How a Small Town Rebuilt Its Library After the Flood",
    "By Maria Lopez",
    "March 3, 2026",
    "The water reached the first shelf on a Sunday night, and by morning the library had lost most books.",
    "Residents carry boxes of damaged books out of the library on Monday morning.",
    "Photo by Sam Reed",
    "What the volunteers saved",
    "About four thousand books were dried page by page, and half of them can go back on the shelves.",
    '"We just kept turning pages for three weeks," said Ellen Brooks, who led the drying team.',
    '"Did you ever think of giving up?" I asked her.',
    '"Not once," she said.',
    "What comes next",
    "The library will reopen in the autumn with a raised floor, new shelves and a reading room upstairs.",
    "Related stories",
    "Flood defences to be reviewed",
    "Council approves new budget",
    "Share this article",
)


def test_a_news_page_dump() -> None:
    assert outline(WEB_STORY) == [
        (1, "How a Small Town Rebuilt Its Library After the Flood", 1, "heading"),
        (7, "What the volunteers saved", 2, "heading"),
        (12, "What comes next", 2, "heading"),
    ]


BLOG = dump(
    "Notes From the Field: Planting Oak Seedlings",
    "Posted on April 2, 2026 by Tom Park",
    "We planted two hundred oak seedlings on the north slope this spring, and this is what worked.",
    "Step 1 - Choosing the site",
    "The north slope stays damp longer after rain, which young oaks need in their first summer.",
    "Lessons learned: Water the seedlings twice in the first week, even if it rains, as the soil dries fast.",
    "Update, 3 May: About nine in ten of the seedlings have put out new leaves, and the deer stay away.",
    "You will need: a spade, mesh tubes, stakes, string and a great deal of patience.",
    "See the full list of suppliers at https://example.org/suppliers: the list is updated every month.",
    "Comments",
    "Ana Silva",
    "April 3, 2026 at 9:15 am",
    "Great post! How deep did you plant them?",
    "Tom Park",
    "April 3, 2026 at 11:02 am",
    "About as deep as the pot they came in, no deeper.",
)


def test_a_blog_post_with_comments() -> None:
    # a commenter's name over the comment's timestamp is who posted, not a section
    assert outline(BLOG) == [
        (1, "Notes From the Field: Planting Oak Seedlings", 1, "heading"),
        (4, "Step 1 - Choosing the site", 2, "heading"),
        (6, "Lessons learned", 3, "lead-in"),
        (7, "Update, 3 May", 3, "lead-in"),
    ]
    assert verdicts(BLOG)[14] == "name over a date (who posted)"


BRIEF = dump(
    "City Council Backs Plan for Night Buses",
    "Ana Silva",
    "May 3, 2026",
    "The council voted on Tuesday to fund two night bus routes for a one-year trial in September.",
    "Why it matters: Workers on late shifts have had no public transport after midnight since 2019.",
    "The big picture: Several nearby cities have brought back night buses, and most report steady use.",
    "By the numbers: The trial will cost about 1.2 million a year, and the council expects 900 riders.",
    "What's next: The transport office will publish the routes and the timetables in July.",
    "Small changes add up: a typical rider saves an hour a night compared with walking home.",
)


def test_a_news_brief_with_labels() -> None:
    # the name between the headline and its date is the byline
    assert outline(BRIEF) == [
        (1, "City Council Backs Plan for Night Buses", 1, "heading"),
        (5, "Why it matters", 2, "lead-in"),
        (6, "The big picture", 2, "lead-in"),
        (7, "By the numbers", 2, "lead-in"),
        (8, "What's next", 2, "lead-in"),
    ]


def test_a_page_dump_with_a_menu_a_table_and_dialogue() -> None:
    text = dump(
        "Ten Questions About the New Bus Network",
        "Home",
        "News",
        "Transport",
        "The city's new bus network starts on Monday, and most routes will change their numbers or stops.",
        "Which routes are changing?",
        "Almost every route changes in some way, but the four busiest lines keep their numbers.",
        "A driver checks the new timetable at the central station on Friday.",
        "Photo: City Transport Office",
        "Night buses",
        "Two night routes will run every half hour on Fridays and Saturdays, from midnight until five.",
        "Route\tFrequency\tFirst bus",
        "N1\t30 min\t00:00",
        "What riders said",
        '"I just hope the 12 still stops outside the hospital," said one reader who works there.',
        "Another reader wrote: the changes look sensible, but the signs at the stops need to be clearer.",
        "Read more",
        "Council budget vote delayed",
    )
    assert [(line, level) for line, _, level, _ in outline(text)] == [(1, 1), (6, 2), (10, 2), (14, 2)]


# (paragraph, the label a reader sees, or None, and the rule that refuses it)
LABELS = [
    ("Background and Motivation: The board asked for a review of household water use this year.",
     "Background and Motivation", ""),
    ("Key finding 2: Farms remain the largest users, and their share has barely moved since then.",
     "Key finding 2", ""),
    ("Pros: Meters are cheap to install, easy to read and they show households what they use.", "Pros", ""),
    ("Why it matters: The board must decide next spring whether to fund meters for the districts.",
     "Why it matters", ""),
    ("In brief: Use fell in every district, but the fall was smallest where meters are rare.", "In brief", ""),
    ("Method (2019 survey): We reused the questionnaire from the earlier survey so answers compare.",
     "Method (2019 survey)", ""),
    ("Update, 3 May: The eastern district has now sent its missing readings to the board office.",
     "Update, 3 May", ""),
    ("TL;DR: Meters work, leaks matter, and new storage can wait for another ten years at least.", "TL;DR", ""),
    ("Tip: Toss the warm barley with the lemon juice first, so that it soaks up the dressing.", "Tip", ""),
    ("Day 2: We walked from the lake to the pass and camped below the ridge in a strong wind.", "Day 2", ""),
    ("Editor's note: This article was updated to correct the number of districts in the review.",
     "Editor's note", ""),
    ("JOHN: Where were you last night when the lights went out across the whole town?", "JOHN", ""),
    ("Among its key findings: households used less water and farms used more than before.", None,
     "sentence opener"),
    ("He said: We should have done this ten years ago, and the whole room agreed with him.", None,
     "reporting verb"),
    ("You will need: a spade, mesh tubes, stakes, string and a great deal of patience today.", None, "pronoun"),
    ("Note that: the meter readings for the eastern district were only partly available this year.", None,
     "admonition"),
    ("Think of it as: a loan that the district pays back from the money it saves on water.", None,
     "ends on a function word"),
    ("Small changes add up: a typical household can save a tenth of its heating costs for free.", None,
     "sentence running through the colon"),
    ("Date: 12 March 2026", None, "value is a bare number or date"),
    ("Background: Why a Shared Store Makes Sense", None, "value neither a sentence nor code"),
    ("At 10:30 the board adjourned so that members could visit the pumping station before lunch.", None, ""),
    ("The ratio was 3:1 throughout the trial, which kept the readings comparable from week to week.", None, ""),
    ("See https://example.org/a: the list of suppliers is updated every single month by the staff.", None, ""),
]  # fmt: skip


@pytest.mark.parametrize(("text", "label", "rule"), LABELS, ids=[x[0][:30] for x in LABELS])
def test_lead_in_labels(text: str, label: str | None, rule: str) -> None:
    found, why = lead_in_verdict(text)
    assert (found[0] if found else None, why) == (label, rule)
