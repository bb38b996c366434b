"""A robustness audit of `split_unrelated` on documents unlike the BBC articles it was tuned on.

Every document here is invented for these tests: a US-style news story with a dateline and long
quotes, a first-person blog post, a Markdown docs page with code, a report with numbered sections
and lead-in labels, an essay with few names, an academic abstract, a press release, meeting
minutes, a product review, a recipe post, a short note, an e-mail thread with one paragraph per
line. Some are clean and must stay whole; into others a reader's "not part of this text" was
pasted (a recipe teaser, a newsletter prompt, a cookie notice, an advertisement, a list of other
stories, a second article, a political paragraph inside a recipe post), worded unlike the phrases
of `data/boilerplate.json`, so what catches them is the evidence that generalizes: vocabulary,
names, register and position.

Each case lists its paragraphs with a flag: True for text a careful reader sets aside. A case
asserts that exactly the flagged paragraphs go, or (for the hosts that must stay whole) that
nothing does.
"""

from __future__ import annotations

import pytest

from docscan import relevance
from docscan.blocks import split_blocks
from docscan.loading import decode_bytes
from docscan.model import unrelated_lines
from docscan.relevance import split_unrelated

Para = tuple[str, bool]


def _host(text: str) -> Para:
    return (text, False)


def _pasted(text: str) -> Para:
    return (text, True)


# --- a US-style news story: dateline, long quotes, attributions -------------------------------
US_NEWS = [
    _host("Springfield school board votes to close two elementary schools"),
    _host(
        "SPRINGFIELD, Ill. (AP) — The Springfield school board voted 5-2 on Tuesday night to close "
        "two elementary schools at the end of the school year, ending months of debate over falling "
        "enrollment and a budget gap that district officials put at $11 million."
    ),
    _host(
        '"Nobody on this board wanted to be here," board president Denise Harlow said after the vote. '
        '"We looked at every other option we could find — cutting bus routes, freezing hiring, asking '
        "the state for more time — and none of them closed the gap without hurting every classroom in "
        'the district instead of two buildings."'
    ),
    _host(
        "Lincoln and Maple Grove elementary schools together enroll about 410 students, down from "
        "nearly 700 a decade ago. Their students will move to three nearby schools in the fall, and "
        "the district said class sizes at those schools would stay under 24."
    ),
    _host(
        "Parents packed the board meeting, and more than 40 people spoke during a public comment "
        "period that lasted nearly three hours. Many said the closures would lengthen commutes for "
        "families without cars and break up neighborhoods that had gathered around the schools."
    ),
    _host(
        '"My kids walk four blocks to Maple Grove," said Teresa Ochoa, whose two children attend the '
        'school. "Next year they will be on a bus for forty minutes each way. The board keeps saying '
        'this is about numbers, but those numbers are our kids, and they are the ones who pay for it."'
    ),
    _host(
        "Superintendent Mark Bellamy said the district would offer free transportation to every "
        "displaced student and would keep both buildings for community use, at least for now. The "
        "board is expected to consider a plan for the empty buildings in the spring."
    ),
    _host(
        "The two board members who voted against the closures, Harold Fitch and Anita Brooks, said the "
        "district should have waited for a state funding review due next year. Fitch said the vote "
        "had been rushed and that families deserved more notice before their schools closed."
    ),
]

# --- a first-person blog post (I/you is the host's own register) ------------------------------
BLOG = [
    _host("I finally rebuilt my grandfather's bicycle"),
    _host(
        "For three years the old bicycle hung from two hooks in my garage, and every time I parked "
        "the car I told myself that this would be the summer I finally fixed it. My grandfather rode "
        "it to work for twenty years, and I could not bring myself to sell it or throw it away."
    ),
    _host(
        "If you have never taken a bicycle apart, I can tell you that the hardest part is not the "
        "tools. It is keeping track of the tiny parts. I lost two ball bearings under the workbench on "
        "the first evening and spent an hour on my knees with a flashlight looking for them."
    ),
    _host(
        "The frame was in better shape than I expected. Under the rust the steel was solid, so I "
        "sanded it down, primed it and painted it the same dark green my grandfather had chosen. You "
        "would be surprised how forgiving an old steel frame is when you take your time with it."
    ),
    _host(
        "The wheels were another story. Both rims were bent, the spokes were rusted through, and the "
        "hubs made a grinding noise that I could feel in my teeth. In the end I bought a new pair of "
        "wheels and kept the old hubs on a shelf, which felt like a fair compromise."
    ),
    _host(
        "Last Sunday I rode the bicycle to the lake and back, about twelve miles. The saddle is still "
        "too hard and the brakes squeal on every hill, but I grinned the whole way. If you have an old "
        "bike gathering dust in your garage, I can only say: take it down and give it a chance."
    ),
]

# --- a Markdown docs page with code blocks and sections ----------------------------------------
README = [
    _host("# quickcsv"),
    _host(
        "quickcsv reads large CSV files in chunks and hands each chunk to your code as a list of "
        "dictionaries, so a file of several gigabytes can be processed with a few megabytes of memory."
    ),
    _host("## Installation"),
    _host("Install the package from the package index:"),
    _host("```\npip install quickcsv\n```"),
    _host("## Usage"),
    _host(
        "Open a file with `quickcsv.open()` and iterate over it. Each item is one chunk of rows; the "
        "chunk size defaults to ten thousand rows and can be changed with the `chunk_rows` option."
    ),
    _host(
        "```python\nimport quickcsv\n\nfor chunk in quickcsv.open('sales.csv', chunk_rows=5000):\n    total += sum(row['amount'] for row in chunk)\n```"
    ),
    _host(
        "Columns are read as strings. Pass a `types` mapping to convert them while reading, which is "
        "faster than converting each row in your own loop."
    ),
    _host("## Configuration"),
    _host(
        "The delimiter, quote character and encoding are detected from the first kilobyte of the "
        "file. Detection can be switched off by passing them explicitly; this is recommended for "
        "files produced by other programs whose format is known in advance."
    ),
    _host("## License"),
    _host("quickcsv is released under the MIT license. See the LICENSE file for the full text."),
]

# --- a report with numbered sections and lead-in labels ---------------------------------------
REPORT = [
    _host("Annual review of the municipal water network"),
    _host("1. Introduction"),
    _host(
        "This review describes the condition of the municipal water network at the end of the year, "
        "the repairs carried out during the year and the investment planned for the next five years."
    ),
    _host("2. Condition of the network"),
    _host(
        "Pipes: Of the 412 kilometres of water mains, 61 kilometres are more than eighty years old. "
        "Most of these are cast-iron mains in the old town, where leaks are most frequent."
    ),
    _host(
        "Leakage: Measured leakage fell from 19 per cent of the water supplied to 16 per cent, mainly "
        "because pressure in the old town mains was reduced at night."
    ),
    _host(
        "Reservoirs: Both service reservoirs were inspected in the summer. The roof of the northern "
        "reservoir needs repairs, which are planned for the coming year."
    ),
    _host("3. Repairs carried out"),
    _host(
        "The network team repaired 238 bursts during the year, 40 fewer than the year before. The "
        "average time to repair a burst main fell from nine hours to seven, and no district was left "
        "without water for longer than a day."
    ),
    _host("4. Planned investment"),
    _host(
        "The water utility plans to replace 12 kilometres of old mains each year for the next five "
        "years, starting in the old town. The cost is estimated at 4.2 million per year and will be "
        "met from water charges and a loan from the regional development fund."
    ),
]

# --- a long-form essay with few names --------------------------------------------------------
ESSAY = [
    _host("On keeping a notebook"),
    _host(
        "Most of what passes through a mind in a day leaves no trace. A phrase overheard on a train, "
        "the colour of a sky over a car park, a half-formed argument with a friend: each seems vivid "
        "at the moment and each is gone by the evening. A notebook is a small protest against that loss."
    ),
    _host(
        "The first thing a notebook teaches is how little of the day one actually notices. Sitting "
        "down in the evening to write, the page stays blank for a long time. The day was full, but the "
        "attention was elsewhere, on the next task, on the screen, on the worry about tomorrow."
    ),
    _host(
        "Over months the habit changes the day itself. Knowing that the evening will ask what was "
        "seen, the attention begins to gather things in advance: the odd sign in a shop window, the "
        "way an old man folds his newspaper, the smell of rain on a warm pavement."
    ),
    _host(
        "There is a risk in this, of course. A life lived for the notebook becomes a life of "
        "collecting, in which every experience is weighed for its value on the page. The remedy is to "
        "write without a reader in mind, and to let most entries be dull."
    ),
    _host(
        "Reading old notebooks is a stranger pleasure than writing them. The entries that seemed "
        "important at the time are often the least interesting; the throwaway lines, a price, a "
        "weather note, a remark about a neighbour, bring back a whole season of a life."
    ),
    _host(
        "In the end the notebook is less a record than a discipline of attention. It does not keep "
        "the day, but it trains the eye that looks at the next one, and that may be the better gift."
    ),
]

# --- an academic abstract and introduction -----------------------------------------------------
ACADEMIC = [
    _host("Soil moisture and germination timing in dryland wheat"),
    _host(
        "Abstract. We examine how soil moisture in the two weeks after sowing affects the timing of "
        "germination in dryland wheat. Using field measurements from 36 plots over three seasons, we "
        "find that germination is delayed by about four days for every five percentage points of "
        "moisture below field capacity, and that the delay is largest in sandy soils."
    ),
    _host("1 Introduction"),
    _host(
        "The timing of germination determines much of the yield of dryland wheat, because plants that "
        "emerge late have less time to establish roots before the dry season. Previous studies have "
        "related germination to temperature and seed depth, but the role of soil moisture in the "
        "first weeks after sowing has rarely been measured in the field."
    ),
    _host(
        "In this study we measured soil moisture daily at two depths in plots sown on the same date, "
        "and recorded the day on which half of the seedlings in each plot had emerged. The plots "
        "covered three soil types, from sandy loam to clay, and were not irrigated."
    ),
    _host(
        "Our results show that moisture explains more of the variation in germination timing than "
        "temperature does in these conditions. We discuss the implications for sowing dates and for "
        "models of wheat yield that assume germination follows sowing by a fixed number of days."
    ),
]

# --- a press release --------------------------------------------------------------------------
PRESS = [
    _host("FOR IMMEDIATE RELEASE"),
    _host("Northwind Robotics opens assembly plant in Tacoma, creating 300 jobs"),
    _host(
        "TACOMA, Wash., March 4 — Northwind Robotics, a maker of warehouse robots, today opened a new "
        "assembly plant in Tacoma that will employ 300 people by the end of next year. The plant will "
        "build the company's Carrier line of autonomous carts for warehouses and distribution centers."
    ),
    _host(
        '"Tacoma gives us the skilled workforce and the port access we need to grow," said Lena Moritz, '
        'chief executive of Northwind Robotics. "Every Carrier cart we sell on the West Coast will now '
        'be built a few miles from where it is shipped."'
    ),
    _host(
        "The 180,000-square-foot plant includes a training center where Northwind Robotics will run "
        "courses in robot maintenance with Tacoma Community College. The first courses start in May "
        "and are open to employees and to students of the college."
    ),
    _host(
        "About Northwind Robotics: Northwind Robotics designs and builds autonomous carts and picking "
        "robots for warehouses. Founded in 2015, the company employs 1,100 people in the United States "
        "and Canada."
    ),
    _host("Media contact: Sam Ortega, press@northwind-robotics.example, 253-555-0142"),
]

# --- meeting minutes --------------------------------------------------------------------------
MINUTES = [
    _host("Riverside Allotment Society — committee meeting, 12 June"),
    _host("Present: J. Whitcombe (chair), R. Patel, M. Dunne, S. Okafor, L. Greaves"),
    _host("Apologies: T. Barrow"),
    _host(
        "1. Minutes of the last meeting. The minutes of the May meeting were approved without changes. "
        "M. Dunne reported that the broken gate at the north entrance has now been repaired."
    ),
    _host(
        "2. Water supply. R. Patel reported that two of the standpipes leak and that the water bill "
        "for the spring was higher than last year. The committee agreed to ask a plumber for a quote "
        "and to remind members to turn the taps off fully."
    ),
    _host(
        "3. Vacant plots. Four plots are vacant and eleven people are on the waiting list. S. Okafor "
        "will contact the first four on the list this week and show them the plots on Saturday."
    ),
    _host(
        "4. Summer show. The show will be held on 23 August. L. Greaves will organise the judging and "
        "asked members to volunteer for the tea tent. Entry forms will be on the notice board by July."
    ),
    _host("Action points: RP to get plumber's quote; SO to contact waiting list; LG to post entry forms."),
    _host("Next meeting: 10 July, 7.30pm, in the pavilion."),
]

# --- a product review ------------------------------------------------------------------------
REVIEW = [
    _host("Review: the Halden Q3 noise-cancelling headphones"),
    _host(
        "I have worn the Halden Q3 headphones every day for the past month, on trains, in a noisy "
        "open-plan office and on one long flight, and they have become the pair I reach for first. "
        "They are not perfect, but at their price they are very hard to beat."
    ),
    _host(
        "The noise cancelling is the headline feature, and it is excellent. The low rumble of a train "
        "or an aircraft cabin almost disappears, and office chatter is reduced to a murmur. Voices "
        "still come through more than engine noise does, which is true of every pair I have tested."
    ),
    _host(
        "Sound quality is warm and full, with a little more bass than I would choose. The companion "
        "app has an equaliser that fixes this in a few seconds, and your settings are stored in the "
        "headphones, so they follow you from phone to laptop."
    ),
    _host(
        "Battery life is rated at 35 hours with noise cancelling on, and in my testing the headphones "
        "lasted a little longer than that. A ten-minute charge gives about four hours of listening, "
        "which saved me more than once before an early train."
    ),
    _host(
        "The weak point is comfort over long sessions. The ear cups are deep, but the headband presses "
        "on the top of the head, and after three hours I wanted to take them off. If you wear glasses, "
        "try them in a shop before you buy."
    ),
    _host(
        "Verdict: the Halden Q3 offers noise cancelling and battery life that rival headphones costing "
        "twice as much. If comfort over a whole working day matters most to you, look elsewhere; for "
        "commuting and travel, they are an easy recommendation."
    ),
]

# --- a recipe post (cooking words are the host's topic) ---------------------------------------
RECIPE = [
    _host("Roasted tomato soup with garlic and basil"),
    _host(
        "This roasted tomato soup is what I make at the end of the summer, when the tomatoes at the "
        "market are soft and cheap and there are far too many of them. Roasting them first gives the "
        "soup a sweet, deep flavour that you never get from simmering raw tomatoes."
    ),
    _host(
        "Start by heating the oven to 200C. Halve two kilos of ripe tomatoes and lay them cut side up "
        "on two baking trays with a whole head of garlic, its top sliced off. Drizzle everything with "
        "olive oil, sprinkle with salt and roast for about forty minutes, until the edges are charred."
    ),
    _host(
        "While the tomatoes roast, soften a chopped onion in butter in a large saucepan over a low heat. "
        "Squeeze the soft garlic out of its skin into the pan, add the tomatoes with all their juices "
        "and a litre of stock, and simmer for fifteen minutes."
    ),
    _host(
        "Blend the soup until smooth, then stir in a handful of torn basil and a splash of cream. Taste "
        "it and add more salt or a pinch of sugar if the tomatoes were sharp. Serve it hot with crusty "
        "bread, or let it cool and freeze it in portions for the winter."
    ),
]

# --- a short note ------------------------------------------------------------------------------
NOTE = [
    _host("Hi all,"),
    _host(
        "The office will be closed on Friday while the electricians replace the wiring on the second "
        "floor. Please take your laptops home on Thursday evening and work from home on Friday."
    ),
    _host(
        "The kitchen fridge will be switched off too, so anything left in it on Thursday will be "
        "thrown away. The building will reopen as usual on Monday morning."
    ),
    _host("Thanks, Karen"),
]

# --- an e-mail thread, one paragraph per line ------------------------------------------------
EMAIL = [
    _host("From: Paul Mendes"),
    _host("Subject: Re: venue for the March workshop"),
    _host(
        "Hi Ruth, thanks for sending the three options. I think the library room is too small for "
        "thirty people, so it comes down to the hotel or the community centre."
    ),
    _host(
        "The hotel is more expensive but includes lunch and the projector. The community centre is "
        "cheaper, but we would have to bring our own catering and equipment."
    ),
    _host(
        "Could you ask the community centre whether they have a projector we can borrow? If they do, "
        "I would lean towards booking it and ordering sandwiches for lunch."
    ),
    _host("Best, Paul"),
    _host("On 2 February, Ruth Adeyemi wrote:"),
    _host(
        "Paul, I have found three venues for the workshop in March: the library room, the hotel by "
        "the station and the community centre. Prices and capacities are in the attached sheet."
    ),
]

# --- an interview transcript, questions and answers -------------------------------------------
INTERVIEW = [
    _host("Interview: a lighthouse keeper's last winter"),
    _host(
        "Q: How long did you keep the light at Gull Point? A: Twenty-two years. I came in the winter "
        "of the big storm, when the previous keeper retired, and I stayed until they automated it."
    ),
    _host(
        "Q: What did a normal day look like? A: Mostly cleaning and checking. The lens had to be "
        "spotless, the lamp checked every four hours at night, and the weather written in the log."
    ),
    _host(
        "Q: Were you lonely out there? A: People always ask that. I had the radio, the boats going "
        "past, my wife for most of those years. The loneliest part was the month after they switched "
        "the light to automatic and I had nothing left to do."
    ),
    _host(
        "Q: Do you still visit? A: Every summer. The light still turns, and I still check the lens "
        "with my thumb when nobody is watching. Old habits."
    ),
]

# --- a how-to with numbered steps ---------------------------------------------------------------
HOWTO = [
    _host("How to replace a bathroom tap washer"),
    _host(
        "A dripping tap usually means a worn washer. Replacing it takes about twenty minutes and "
        "needs only an adjustable spanner, a flat screwdriver and a new washer of the right size."
    ),
    _host("1. Turn off the water supply to the tap and open the tap to drain the pipe."),
    _host("2. Prise off the tap's cover and unscrew the handle to reach the valve underneath."),
    _host("3. Undo the valve with the spanner, lift it out and pull the old washer off its base."),
    _host("4. Push the new washer on, refit the valve and handle, and turn the water back on."),
    _host(
        "If the tap still drips, the valve seat may be worn too. A seat can be reground with a cheap "
        "tool, but for an old tap it is often simpler to replace the whole valve."
    ),
]

# --- a changelog ------------------------------------------------------------------------------
CHANGELOG = [
    _host("Changelog"),
    _host("## 2.4.0"),
    _host("- Added a `--dry-run` option that prints the files that would be changed."),
    _host("- The config file may now live in the project's `.config/` folder."),
    _host("- Fixed a crash when a file name contained a newline."),
    _host("## 2.3.1"),
    _host("- Fixed the progress bar overflowing narrow terminals."),
    _host("- Faster start-up: plugins are loaded only when a command needs them."),
]


# Pasted-in text, worded unlike the phrases of data/boilerplate.json.
RECIPE_TEASER = _pasted(
    "Craving something warm tonight? This one-pan lemon chicken with crispy potatoes and rosemary "
    "comes together in thirty minutes, and the whole family will be asking for seconds."
)
LETTER_PROMPT = _pasted(
    "Enjoying this? Every Friday our editors pick the five best reads of the week and send them to "
    "you, free. Tap below to get them."
)
TRACKING_NOTICE = _pasted(
    "We and our partners store small files on your device to remember your choices, measure traffic "
    "and show you ads that match your interests. You can change your mind at any time in Settings."
)
MATTRESS_AD = _pasted(
    "Tired of waking up tired? The Cloudrest mattress adapts to your body while you sleep. Try it "
    "for 100 nights, and if you don't love it, we'll pick it up for free."
)
OTHER_STORIES = [
    _pasted("Astronomers spot icy comet heading for the inner solar system"),
    _pasted("Coastal town votes to ban cars from its harbour front"),
    _pasted("Why the price of cocoa has doubled in a year"),
]
POLITICS = _pasted(
    "The opposition leader accused the prime minister of breaking a promise on pensions, telling "
    "parliament that the government's budget would leave two million retirees worse off by the end "
    "of the decade. Ministers rejected the figures as misleading."
)
SECOND_ARTICLE = [
    _pasted("Comet will be visible to the naked eye next month"),
    _pasted(
        "A comet discovered in January by an observatory in Chile is expected to brighten enough to "
        "be seen without a telescope in the second half of April, astronomers said on Monday."
    ),
    _pasted(
        "The comet, named C/2027 A1, will be best seen low in the western sky just after sunset. Its "
        "tail could stretch across several degrees of sky if its ice evaporates as quickly as models "
        "predict, the astronomers said."
    ),
]
AUTHOR_BIO = _pasted(
    "Margaret Ellison is a writer and translator based in Lisbon. Her novel about a family of "
    "lighthouse keepers won the Coastline Prize, and she teaches a summer course on travel writing."
)

# Genuine closing background that brings new names: it belongs to the story.
BACKGROUND = _host(
    "The district last closed a school in 2009, when Jefferson Elementary merged with Oakwood. The "
    "Jefferson building now houses the Springfield Public Library's east branch."
)

# A first-person thank-you at the end of the blog post, with names the post never used: it is
# the author's own voice and belongs to the post.
THANKS = _host(
    "Thanks to Dave Kowalski at Spoke and Chain in Fremont, who lent me his truing stand and "
    "answered my questions for two evenings. I owe you a beer, Dave."
)
ESSAY_CLOSING = _host(
    "As the diarist Samuel Pepys understood in London, a record kept for no one may outlast the city that it describes."
)

# The host's own asides, unlike the text around them but part of it.
ANECDOTE = _host(
    "My grandmother grew up in a fishing village on the Adriatic coast, and every September she "
    "filled the kitchen of her flat in Trieste with jars. I still have her handwritten notes."
)
CONTRIBUTED = _host("Associated Press writer Jim Calloway in Chicago contributed to this report.")
POSTSCRIPT = _host(
    "P.S. A few of you asked about the green paint. It is an enamel for garden furniture, and two "
    "coats covered the primer easily."
)
ACKNOWLEDGEMENTS = _host(
    "Acknowledgements: We thank the farmers of the Kestrel Valley cooperative for access to their "
    "fields, and the National Soil Survey for lending moisture probes."
)
EDITOR_NOTE = _host(
    "Editor's note: An earlier version of this story gave the wrong vote count. The board voted 5-2, not 6-1."
)

DIGRESSION = _host(
    "A small digression: my grandfather also kept bees behind his house, three hives painted "
    "white, and every July the whole street got a jar of honey. Nobody in the family kept them "
    "after he died, which I regret more every year."
)
MIDDLE_BACKGROUND = _host(
    "Illinois changed its school funding formula in 2017, tying state aid to an estimate of what "
    "each district needs. Districts with shrinking enrollment have received smaller increases "
    "since then."
)


CLEAN = {
    "us_news": US_NEWS,
    "blog": BLOG,
    "readme": README,
    "report": REPORT,
    "essay": ESSAY,
    "academic": ACADEMIC,
    "press_release": PRESS,
    "minutes": MINUTES,
    "review": REVIEW,
    "recipe": RECIPE,
    "note": NOTE,
    "email": EMAIL,
    "interview": INTERVIEW,
    "howto": HOWTO,
    "changelog": CHANGELOG,
}

SPLICED = {
    "recipe_teaser_above_news": [RECIPE_TEASER, *US_NEWS],
    "letter_prompt_in_news": [*US_NEWS[:5], LETTER_PROMPT, *US_NEWS[5:]],
    "letter_prompt_under_news_title": [US_NEWS[0], LETTER_PROMPT, *US_NEWS[1:]],
    "other_stories_after_news": [*US_NEWS, *OTHER_STORIES],
    "tracking_notice_above_essay": [TRACKING_NOTICE, *ESSAY],
    "other_stories_after_essay": [*ESSAY, *OTHER_STORIES],
    "politics_in_recipe": [*RECIPE[:3], POLITICS, *RECIPE[3:]],
    "politics_above_recipe": [POLITICS, *RECIPE],
    "second_article_after_review": [*REVIEW, *SECOND_ARTICLE],
    "ad_above_review": [MATTRESS_AD, *REVIEW],
    "recipe_teaser_after_report": [*REPORT, RECIPE_TEASER],
    "recipe_teaser_under_report_title": [REPORT[0], RECIPE_TEASER, *REPORT[1:]],
    "tracking_notice_after_press_release": [*PRESS, TRACKING_NOTICE],
    "second_article_above_press_release": [*SECOND_ARTICLE, *PRESS],
    "politics_after_minutes": [*MINUTES, POLITICS],
    "recipe_teaser_in_minutes": [*MINUTES[:5], RECIPE_TEASER, *MINUTES[5:]],
    "letter_prompt_after_academic": [*ACADEMIC, LETTER_PROMPT],
    "ad_in_email": [*EMAIL[:6], MATTRESS_AD, *EMAIL[6:]],
    "lines_recipe_teaser_in_news": [*US_NEWS[:4], RECIPE_TEASER, *US_NEWS[4:]],
    "lines_second_article_after_review": [*REVIEW, *SECOND_ARTICLE],
}

# The host's own asides, closings and notes, unlike the text around them: nothing may go.
ASIDES = {
    "news_background": [*US_NEWS, BACKGROUND],
    "news_middle_background": [*US_NEWS[:4], MIDDLE_BACKGROUND, *US_NEWS[4:]],
    "news_editors_note": [*US_NEWS, EDITOR_NOTE],
    "blog_thanks": [*BLOG, THANKS],
    "blog_digression": [*BLOG[:3], DIGRESSION, *BLOG[3:]],
    "blog_postscript": [*BLOG, POSTSCRIPT],
    "essay_closing_names": [*ESSAY, ESSAY_CLOSING],
    "recipe_anecdote": [RECIPE[0], ANECDOTE, *RECIPE[1:]],
    "academic_acknowledgements": [*ACADEMIC, ACKNOWLEDGEMENTS],
    "lines_clean_news": US_NEWS,
}

# Known misses (README, "Unrelated content"): the pasted text stays, and so does all of the host.
# Short or middle insertions in hosts that share the reader-addressing register or too little
# prose, author bios, headline lists in the middle, text above a Markdown title, a pasted
# article inside a document of numbered sections.
MISSED = {
    "ad_in_blog": [*BLOG[:3], MATTRESS_AD, *BLOG[3:]],
    "ad_in_interview": [*INTERVIEW[:3], MATTRESS_AD, *INTERVIEW[3:]],
    "ad_after_note": [*NOTE, MATTRESS_AD],
    "letter_prompt_in_essay": [*ESSAY[:4], LETTER_PROMPT, *ESSAY[4:]],
    "letter_prompt_after_howto": [*HOWTO, LETTER_PROMPT],
    "recipe_teaser_in_review": [*REVIEW[:4], RECIPE_TEASER, *REVIEW[4:]],
    "bio_after_essay": [*ESSAY, AUTHOR_BIO],
    "bio_after_blog": [*BLOG, AUTHOR_BIO],
    "other_stories_in_blog": [*BLOG[:4], *OTHER_STORIES, *BLOG[4:]],
    "tracking_notice_above_readme": [TRACKING_NOTICE, *README],
    "tracking_notice_after_changelog": [*CHANGELOG, TRACKING_NOTICE],
    "second_article_in_report": [*REPORT[:7], *SECOND_ARTICLE, *REPORT[7:]],
}


def _one_per_line(name: str) -> bool:
    """E-mail and the "lines_" cases put one paragraph on each line, with no blank lines."""
    return "email" in name or name.startswith("lines_")


def _text(paras: list[Para], one_per_line: bool) -> str:
    return ("\n" if one_per_line else "\n\n").join(p for p, _ in paras) + "\n"


def _expected_and_found(paras: list[Para], one_per_line: bool = False) -> tuple[set[int], set[int]]:
    """The 1-based lines a careful reader sets aside, and those the split sets aside."""
    text = _text(paras, one_per_line)
    doc = decode_bytes(text.encode("utf-8"), path="audit.md" if paras[-len(README) :] == README else "audit.txt")
    split = split_unrelated(doc, split_blocks(doc))
    found = unrelated_lines(split.segments)
    expected: set[int] = set()
    line = 1
    for p, pasted in paras:
        n = p.count("\n") + 1
        if pasted:
            expected.update(range(line, line + n))
        line += n + (0 if one_per_line else 1)
    nonblank = {i + 1 for i, s in enumerate(text.split("\n")) if s.strip()}
    return expected, found & nonblank


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_clean_hosts_stay_whole(name: str) -> None:
    _, found = _expected_and_found(CLEAN[name], one_per_line=_one_per_line(name))
    assert found == set()


@pytest.mark.parametrize("name", sorted(SPLICED))
def test_pasted_text_goes_and_the_host_stays(name: str) -> None:
    expected, found = _expected_and_found(SPLICED[name], one_per_line=_one_per_line(name))
    assert found == expected


@pytest.mark.parametrize("name", sorted(ASIDES))
def test_the_hosts_own_asides_stay(name: str) -> None:
    _, found = _expected_and_found(ASIDES[name], one_per_line=_one_per_line(name))
    assert found == set()


@pytest.mark.parametrize("name", sorted(MISSED))
def test_a_missed_insertion_costs_the_host_nothing(name: str) -> None:
    expected, found = _expected_and_found(MISSED[name], one_per_line=_one_per_line(name))
    assert found <= expected


def test_a_credit_line_is_all_a_news_story_may_lose() -> None:
    """Known false removal: a closing "X contributed to this report." names people the story
    never does and is set aside (like the corpus's correspondent lines); the rest stays."""
    paras = [*US_NEWS, CONTRIBUTED]
    _, found = _expected_and_found(paras)
    assert found <= {2 * len(US_NEWS) + 1}


def _verdict_features(paras: list[Para], line: int) -> dict[str, float]:
    doc = decode_bytes(_text(paras, False).encode("utf-8"), path="audit.txt")
    split = split_unrelated(doc, split_blocks(doc))
    return next(dict(v.features) for v in split.verdicts if v.start_line == line)


def test_the_lead_under_the_title_is_what_keeps_the_anecdote(monkeypatch: pytest.MonkeyPatch) -> None:
    paras = ASIDES["recipe_anecdote"]
    assert _verdict_features(paras, 3)["position"] == relevance.LEAD_EVIDENCE
    monkeypatch.setattr(relevance, "LEAD_EVIDENCE", 0.0)
    assert _expected_and_found(paras)[1] == {3}


def test_a_kicker_stays_with_the_title_under_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "FOR IMMEDIATE RELEASE" above the release's title does not ride along with the story pasted
    above it."""
    paras = SPLICED["second_article_above_press_release"]
    expected, found = _expected_and_found(paras)
    assert found == expected and 7 not in found
    monkeypatch.setattr(relevance, "_heads_rest", lambda profiles, lo, hi: False)
    assert 7 in _expected_and_found(paras)[1]


def test_a_contact_field_follows_the_documents_label_layout() -> None:
    """ "Media contact: ..." under the release's "About ...: ..." paragraph is the release's own
    "Label: value" layout (`LAYOUT_EVIDENCE` in the position term)."""
    features = _verdict_features(PRESS, 13)
    assert features["position"] <= relevance.LAYOUT_EVIDENCE + relevance.EDGE_EVIDENCE
    assert _expected_and_found(PRESS)[1] == set()


def test_neighbours_sharing_nothing_give_no_bridge_evidence() -> None:
    """In an essay whose paragraphs share few words, a pasted prompt between two that share none
    with each other nor with it is not counted as belonging (the gap test has no power there)."""
    features = _verdict_features(MISSED["letter_prompt_in_essay"], 9)
    assert features["bridge"] == 0.0
