"""Headings next to lists in web page dumps (one paragraph per line), on small pages of our own:
a list's heading drawn unlike its items, the heading after such a list, credits written with
"from", long sibling titles, and the near misses each rule must leave alone (menus, link lists
whose first item looks like a title, lists drawn like their first line, a lone look-alike)."""

from __future__ import annotations

import pytest

from docscan.blocks import split_blocks
from docscan.loading import decode_bytes
from docscan.sections import (
    FOLLOWS_LIST_RULE,
    HEADS_LIST_RULE,
    LONG_SIBLING_RULE,
    LONG_TITLE_RULE,
    detect_sections,
    heading_verdicts,
)


def _parse(text: str) -> tuple[object, ...]:
    doc = decode_bytes(text.encode(), suffix=".txt")
    blocks = split_blocks(doc)
    return doc, blocks, tuple(b.index for b in blocks)


def verdicts(text: str) -> dict[int, str]:
    doc, blocks, main = _parse(text)
    return heading_verdicts(doc, blocks, main)  # type: ignore[arg-type]


def headings(text: str) -> list[tuple[int, str, int]]:
    doc, blocks, main = _parse(text)
    secs = detect_sections(doc, blocks, main)  # type: ignore[arg-type]
    return [(s.start_line, s.title, s.level) for s in secs if s.kind.value == "heading"]


# A trail reopens: a headline, a byline, two sections in Title Case above prose, then a list of
# further reading whose links are drawn in sentence case and are each far longer than its heading.
TRAIL_TOP = (
    "Tidewater Trail Reopens After Two Years of Repairs\n"
    "By Mara Quint\n"
    "The coastal path between the two villages is open again after crews rebuilt the washed-out sections.\n"
    "Walkers who came on the first morning found new railings, fresh gravel and a small shelter.\n"
    "Why the Work Took So Long\n"
    "The storms of the winter before last took away most of the lower path, and the ground had to settle.\n"
    "Engineers also had to wait for the nesting season to end before they could bring machines up.\n"
    "What Changes for Walkers\n"
    "The path is now closed to bicycles on the steep northern stretch, and dogs must stay on a lead.\n"
    "A new timetable for the village bus means walkers can leave a car at one end and ride back.\n"
)
READING = (
    "Further Reading\n"
    "The county survey of the cliff path and its repairs\n"
    "A walker's guide to the northern headland and its birds\n"
    "Photographs of the old footbridge before the storms\n"
    "Timetable of the coastal bus service for this summer\n"
)
TRAIL = TRAIL_TOP + READING


def test_a_short_line_over_links_drawn_otherwise_heads_them() -> None:
    v = verdicts(TRAIL)
    assert v[11] == HEADS_LIST_RULE
    assert headings(TRAIL) == [
        (1, "Tidewater Trail Reopens After Two Years of Repairs", 1),
        (5, "Why the Work Took So Long", 2),
        (8, "What Changes for Walkers", 2),
        (11, "Further Reading", 2),
    ]
    # the links are the list's items, none a heading
    assert all(not v[n].startswith("heading") for n in range(12, 16))


def test_the_links_under_a_list_heading_stay_items_even_above_a_one_line_paragraph() -> None:
    # a link's description (a sentence) under the link does not make the link a heading
    text = TRAIL + "Notes from the ranger on the new shelter\nThe ranger wrote these notes during the first week.\n"
    assert verdicts(text)[16] == "item of the list under a heading drawn unlike it"
    assert [n for n, *_ in headings(text)] == [1, 5, 8, 11]


def test_a_list_heading_laid_out_with_blank_lines() -> None:
    # blank lines between paragraphs; the heading has one above and its items set close under it
    spaced = TRAIL_TOP.replace("\n", "\n\n") + READING
    line = spaced.split("\n").index("Further Reading") + 1
    found = headings(spaced)
    assert (line, "Further Reading", 2) in found
    assert [n for n, *_ in found if n > line] == []


def test_a_list_heading_standing_apart_over_items_standing_apart() -> None:
    spaced = TRAIL.replace("\n", "\n\n")
    line = spaced.split("\n").index("Further Reading") + 1
    assert verdicts(spaced)[line] == HEADS_LIST_RULE
    found = headings(spaced)
    assert (line, "Further Reading", 2) in found
    assert [n for n, *_ in found if n > line] == []


def test_back_matter_list_under_numbered_sections_is_a_section_not_a_subsection() -> None:
    text = (
        "Notes on Harbor Repairs\n"
        "I. The Storm\n"
        "The storm took most of the lower harbor wall and two of the old piers with it overnight.\n"
        "Damage to the Piers\n"
        "Both piers lost their decks, and the pilings of the older one were split down to the water.\n"
        "Damage to the Wall\n"
        "The wall broke in three places, and the sea came through into the boatyard behind it.\n"
        "II. The Repairs\n"
        "The council hired a firm from the coast to rebuild the wall before the winter tides.\n"
        "Work on the Wall\n"
        "The new wall is a metre higher than the old one and is faced with stone from the quarry.\n"
        "Other Resources\n"
        "The engineers' report on the storm damage to the wall\n"
        "Minutes of the council meeting that approved the repairs\n"
        "Photographs of the harbor taken on the morning after the storm\n"
    )
    found = headings(text)
    levels = {title: level for _, title, level in found}
    assert verdicts(text)[12] == HEADS_LIST_RULE
    assert levels["Other Resources"] == levels["II. The Repairs"] < levels["Work on the Wall"]


# A camping page: a list of things to bring, then the next section right after the list ends.
CAMP = (
    "Camping on Gull Island This Summer\n"
    "By Teo Marr\n"
    "The island campsite opens in June with twelve pitches, a water tap and a ranger who visits.\n"
    "Booking is by phone only, and each group may stay for three nights at most in the busy weeks.\n"
    "Where to Pitch Your Tent\n"
    "The eastern meadow is sheltered from the wind, while the western pitches look out over the bay.\n"
    "Rules for Fires and Rubbish\n"
    "Fires are allowed only in the stone rings, and the ranger checks each one before the sun sets.\n"
    "What to Bring\n"
    "A warm sleeping bag for the cold nights\n"
    "Enough drinking water for the first day\n"
    "A stove with a spare canister of gas\n"
    "A torch and a spare set of batteries\n"
    "Getting There and Back\n"
    "The ferry leaves the harbor at nine each morning and returns at five, from May to September.\n"
    "Tickets can be bought on board, but the last boat of the week often sells out by Thursday.\n"
)


def test_the_heading_after_a_list_is_a_section_and_the_last_item_stays_an_item() -> None:
    v = verdicts(CAMP)
    assert v[9] == HEADS_LIST_RULE
    assert v[13] == "item of the list under a heading drawn unlike it"
    assert v[14] == FOLLOWS_LIST_RULE
    assert headings(CAMP) == [
        (1, "Camping on Gull Island This Summer", 1),
        (5, "Where to Pitch Your Tent", 2),
        (7, "Rules for Fires and Rubbish", 2),
        (9, "What to Bring", 2),
        (14, "Getting There and Back", 2),
    ]


def test_after_a_list_with_no_heading_over_it_the_last_item_stays_an_item() -> None:
    # the list is introduced by a sentence; its last item was read as a heading over the next one
    text = CAMP.replace("What to Bring\n", "Pack the following things before you leave home for the island.\n")
    v = verdicts(text)
    assert v[13] == "last item of a list above a heading"
    assert v[14] == FOLLOWS_LIST_RULE
    assert [(n, level) for n, _, level in headings(text)] == [(1, 1), (5, 2), (7, 2), (14, 2)]


def test_a_list_item_drawn_like_the_items_before_it_does_not_open_a_section() -> None:
    # the last item is drawn like the others (sentence case): it is not the next section
    text = CAMP.replace("Getting There and Back\n", "A map of the island trails\n")
    v = verdicts(text)
    assert v[14] != FOLLOWS_LIST_RULE
    assert v[13] != "last item of a list above a heading"
    assert (14, "A map of the island trails", 2) not in headings(text)


# Near misses: the same page ending in lines that are not a heading over a list.
NEAR_MISSES = {
    # a footer menu: its first entry is drawn like the entries under it, and as short
    "menu": "About Us\nContact Us\nPrivacy Policy\nTerms of Use\nCareers\n",
    # a link list whose first item looks like a title: as long as the items under it
    "first item a title": (
        "Harbor Trust Annual Report\n"
        "Minutes of the spring meeting\n"
        "Budget notes for the coming year\n"
        "Letter to the members\n"
    ),
    # related stories: headlines drawn like the line over them
    "related headlines": (
        "More From the Coast\n"
        "Ferry Fares Rise for the Summer Season\n"
        "New Lifeboat Station Opens at the Point\n"
        "Council Votes to Keep the Old Lighthouse\n"
    ),
    # a photo credit over the list is a caption, not its heading
    "credit": (
        "Photo: Jane Roe for the Harbor Times\n"
        "The county survey of the cliff path and its repairs\n"
        "A walker's guide to the northern headland and its birds\n"
        "Photographs of the old footbridge before the storms\n"
    ),
    # two lines are a byline and a date as often as a list
    "two items": (
        "Further Reading\nThe county survey of the cliff path and its repairs\n"
        "A walker's guide to the northern headland and its birds\n"
        "The storms of the winter before last took away most of the lower path, and the ground settled.\n"
    ),
}


@pytest.mark.parametrize("tail", list(NEAR_MISSES), ids=list(NEAR_MISSES))
def test_near_misses_get_no_list_heading(tail: str) -> None:
    text = TRAIL_TOP + NEAR_MISSES[tail]
    v = verdicts(text)
    assert v[11] != HEADS_LIST_RULE
    assert not any(r in (HEADS_LIST_RULE, FOLLOWS_LIST_RULE) for r in v.values())


def test_one_look_alike_heading_is_not_enough_evidence() -> None:
    # a single Title Case heading above prose: the siblings that show how headings are drawn are missing
    one = TRAIL_TOP.replace(
        "What Changes for Walkers\n", "Walkers will notice the changes on the northern stretch of the path.\n"
    )
    v = verdicts(one + READING)
    assert v[11] != HEADS_LIST_RULE
    assert 11 not in [n for n, *_ in headings(one + READING)]


# A roundup of apps: items credited to their author "by Name"; one credited "from" its maker.
ROUNDUP = (
    "Indie Apps Weekly Issue 40\n"
    "Design\n"
    "Sketching screens before you build them\n"
    "A short piece on drawing every screen on paper before writing a single line of code for it.\n"
    "Paper First by Ana Silva\n"
    "Testing\n"
    "Finding slow screens before your users do\n"
    "How one team measured the time each screen takes to appear and cut it in half in a month.\n"
    "Timing Screens by Ben Okafor\n"
    "Making sense of crash logs without losing a weekend to them\n"
    "A walk through reading the logs your app sends home when it fails on a user's phone.\n"
    "Reading Crash Logs by Cleo Park\n"
    "Tools\n"
    "A state library that keeps the screen in step with the data\n"
    "The makers used it in twenty apps and published it for anyone to use this spring.\n"
    "Tidewell from Harbor Labs\n"
    "Jobs\n"
    "Harbor Labs is hiring an app developer\n"
    "The team is small and works from the coast; the job is to build the next version of the app.\n"
)


def test_a_credit_written_with_from_in_a_credit_habit() -> None:
    v = verdicts(ROUNDUP)
    assert v[16] == "credit line of a link list (title by author)"
    found = [n for n, *_ in headings(ROUNDUP)]
    assert 16 not in found
    # with the credit closing the item above, the next section and its item are headings again
    assert 17 in found and 18 in found


def test_from_without_a_credit_habit_is_judged_as_usual() -> None:
    text = TRAIL_TOP + "Lessons from Harbor Engineers\nThe engineers kept a diary of the work, and it is now online.\n"
    assert verdicts(text)[11] != "credit line of a link list (title by author)"
    assert (11, "Lessons from Harbor Engineers", 2) in headings(text)


# Long section titles drawn alike: a first long one (16 words) and a second over 20 words.
LONG_FIRST = "Serve the people who work on the harbor by giving them the data they need every single day"
LONG_SECOND = (
    "Grow the number of people who care about the harbor by showing them that the work "
    "of the last years made a difference"
)
PARAGRAPH = "The council and the trust have both asked for this, and the first results are now public.\n"


def test_a_long_title_over_twenty_words_needs_a_long_sibling_above() -> None:
    text = f"{TRAIL_TOP}{LONG_FIRST}\n{PARAGRAPH}{PARAGRAPH}{LONG_SECOND}\n{PARAGRAPH}"
    v = verdicts(text)
    assert v[11] == LONG_TITLE_RULE
    assert v[14] == LONG_SIBLING_RULE
    alone = f"{TRAIL_TOP}{LONG_SECOND}\n{PARAGRAPH}"
    assert verdicts(alone)[11] == "not title-like"


def test_a_very_long_line_is_not_a_sibling_title() -> None:
    too_long = LONG_SECOND + " to the town and to the villages along the coast"
    text = f"{TRAIL_TOP}{LONG_FIRST}\n{PARAGRAPH}{PARAGRAPH}{too_long}\n{PARAGRAPH}"
    assert verdicts(text)[14] == "not title-like"
