"""The article inside the visible text of a whole web page; entry point: `page_layout`.

A page saved as text is mostly furniture: menus, link lists, bylines, captions, related stories,
comment threads, sign-up prompts and footers around an article that is often less than half of
its lines. The evidence used here carries across sites because it is about the shape of the text,
not its wording:

- sentence shape (as jusText's text-only classifier): a paragraph of the article has enough words,
  ends like a sentence and is dense in function words ("the", "of", "was"); a menu or a link list
  is a run of short lines, or a long line of capitalised words with hardly any function word;
- position: the article is the densest run of prose in the page (the maximum-sum stretch when prose
  words count for and every short or menu-like block counts against, as in Finn et al.'s body text
  extraction); blocks outside that run are the page around it;
- repetition within the page: a line that occurs again outside the article (a menu repeated in the
  footer, a "most popular" list, a sign-up prompt shown twice) is the site's, not the article's;
- the title and the headline, by evidence that does not lean on position: a title-like line that
  names what the article is about (its content words recur in the article's prose), or one
  capitalised like a headline outside a menu, stays above the article with its repeats; line 1
  (where html-text writes the <title>) is the title only with that evidence, so a dump that
  starts with "Skip to content" or a cookie banner loses that line like the rest of the chrome;
- furniture wording (the cue kinds `relevance` finds from `data/boilerplate.json`) is one more
  signal: inside the article it sets aside a block only with the shape of furniture (a short line,
  a caption, a teaser link), and a comments or related-links heading ends the article's run;
- where the article ends: a site's copyright line closes the page (what follows is footer or a
  hidden second story, however much prose it holds), and a numbered list the article's run stops
  inside goes on while its numbers follow in sequence; a paragraph that opens with the name a
  byline gives is the author's bio, and the sentence under the headline that shares the
  article's words is its standfirst;
- structure, when the input format has it (`Document.regions` of an HTML page): a nav, header,
  footer, aside or form landmark, class/id words and link-heavy lines count like furniture wording;
  and on an HTML page the markup speaks first: what it declares chrome (FURNITURE regions) is set
  aside, and what it keeps is set aside only on strong evidence from the text (`_by_markup`).

A document is treated as a page only when it shows a page's shape (enough lines, most blocks on one
line, a run of prose with short blocks around it, one of them worded like a site's chrome) or its
structure marks furniture; a clean article, a newswire story, a
book or an RFC is left to the ordinary split. A page with no article-like prose (an index page, a
404 page) keeps everything, and the verdict says so. Every decision names the rule that made it.
The work is linear in the number of blocks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .model import Block, Region, RegionKind

__all__ = [
    "CATEGORIES", "PageLayout", "PageRole", "Shape", "content_words", "is_byline_or_date", "markup_furniture",
    "page_layout", "region_cues", "shape_of", "shares_vocabulary",
]  # fmt: skip

# Categories of set-aside text (the JSON's segment `category`).
NAVIGATION = "navigation"
RELATED = "related links"
BYLINE = "byline/date"
CAPTION = "caption/credit"
COMMENTS = "comments"
PROMOTION = "promotion/newsletter"
LEGAL = "legal/cookie"
ADVERTISING = "advertising"
OTHER_ARTICLE = "other article"
TEASER = "teaser"
OTHER = "other"
CATEGORIES = (
    NAVIGATION, RELATED, BYLINE, CAPTION, COMMENTS, PROMOTION, LEGAL, ADVERTISING, OTHER_ARTICLE, TEASER, OTHER
)  # fmt: skip

# The category of each furniture cue kind of data/boilerplate.json.
CUE_CATEGORY = {
    "newsletter": PROMOTION,
    "cookie": LEGAL,
    "privacy": LEGAL,
    "legal": LEGAL,
    "share": NAVIGATION,
    "social": PROMOTION,
    "comments": COMMENTS,
    "related": RELATED,
    "navigation": NAVIGATION,
    "advertisement": ADVERTISING,
    "byline": BYLINE,
    "account": NAVIGATION,
    "download": PROMOTION,
    "definition": OTHER,
    "promotion": PROMOTION,
    "recipe": TEASER,
    "caption": CAPTION,
    "teaser": TEASER,
}
# Cue kinds that open a section after the article (a comment thread, a list of other stories):
# the article's run of prose does not continue across them.
WALL_KINDS = frozenset({"comments", "related"})
# A comment thread's own heading ("12 comments") has at most this many words.
WALL_WORDS = 6
# A comment's card (the commenter's name, a date, an avatar's caption) between a comments heading
# and the first comment: at most this many blocks (the invented pages of tests/test_pages_genres.py
# have 2; a card rarely has more than a name, a date and a badge).
THREAD_CARD = 4
# ... and a thread's run holds at least this many signature lines (a "Reply" link, a comment's date)
# among its first paragraphs (between the first and the third comment there are two cards).
THREAD_SIGNATURES = 2
THREAD_OPENING = 3
# A comments line repeated this often is a per-post widget.
WIDGET_REPEATS = 3
# ... and inside the article's run, a line of at most this many words repeated this often ("Reply",
# "Quote", "Like" under every post of a forum thread) is such a widget.
WIDGET_WORDS = 3
# A timestamp inside the article's run: a line of at most DATE_LINE_WORDS words that holds a date
# and at most DATE_LINE_REST other words (a commenter's handle before it).
DATE_LINE_WORDS = 8
DATE_LINE_REST = 1
# A poster's card next to a timestamp: lines of at most CARD_WORDS words, at most CARD_REACH blocks away.
CARD_WORDS = 2
CARD_REACH = 3
# A card line names its poster: it holds a letter ("dunmore_gas"), not only a number ("3.4.0").
_NAME_CHARS = re.compile(r"[^\W\d_]")

# A block of the article: at least this many words, ending like a sentence (or long), with at
# least this share of function words. jusText's defaults are 0.30-0.32 over a stop list of ~300
# words; ours is about half as long, so its shares run lower. Checked on pages/dev (bench/pages.py).
PROSE_WORDS = 10
PROSE_FUNCTION_SHARE = 0.2
# Long enough to be prose without a sentence end (a paragraph cut by the dump).
PROSE_LONG_WORDS = 30
# A shorter sentence with function words: weak evidence of the article (a list item, a quip).
NEAR_WORDS = 5
NEAR_FUNCTION_SHARE = 0.15
NEAR_WEIGHT = 0.5
# A line of at least this many words with at most this share of function words, or this share
# of capitalised words, is a menu or a link list laid out on one line.
MENU_WORDS = 6
MENU_FUNCTION_SHARE = 0.08
# What each non-prose block costs the run of prose it sits in (in prose words): a short line, a
# menu-like line (per word), and a heading that opens comments or other stories.
SHORT_COST = 3.0
# A short block with a site's chrome wording (a footer link "Privacy", "Newsletters") costs more:
# pages/dev half A, 3 -> 20: furniture-line F1 0.872 -> 0.897, half B unchanged (40: A 0.906 but
# "must stay" text lost).
CUE_COST = 20.0
MENU_COST = 1.0
WALL_COST = 80.0
# A menu-like block costs at most this much: a long table inside the article (a list of names and
# addresses in one block) must not cut the article in two.
MENU_MAX = 40.0
# The document must look like a page: at least PAGE_LINES non-blank lines, at least
# SINGLE_LINE_SHARE of its blocks on one line (a page dump puts each paragraph on one line; books
# and RFCs wrap theirs), and at least PAGE_OUTSIDE_BLOCKS short or menu-like blocks outside the
# article's run, with at least PAGE_FURNITURE of them carrying the wording of a site's chrome
# (CHROME_KINDS: sign-up, cookie, legal, share, comments, related, navigation, account ... not a
# byline or a recipe's register, which articles carry too). headings/web (main content only, one
# block per line) has none outside its densest run; 76 of the 77 dev pages have one or more.
# PAGE_LINES was 30; 20 changes no verdict on pages/dev, segments/dev (clean and spliced), ner/
# or headings/ (the other conditions already demand a page's shape), and lets a short dump (a
# headline, three paragraphs and its menus, share row, related links and footer: 22 lines) count.
PAGE_LINES = 20
SINGLE_LINE_SHARE = 0.8
PAGE_OUTSIDE_BLOCKS = 12
PAGE_FURNITURE = 1
CHROME_KINDS = frozenset(
    {"newsletter", "cookie", "privacy", "legal", "share", "social", "comments", "related", "navigation"}
    | {"account", "download", "advertisement"}
)
# Article-like prose: the run holds at least ARTICLE_PROSE prose blocks and ARTICLE_WORDS prose words.
ARTICLE_PROSE = 2
ARTICLE_WORDS = 60
# ... or a single paragraph this long (a review, a short notice).
ARTICLE_ONE_BLOCK = 80
# Text with fewer Latin letters than this share of its characters is in another script: English
# function words say nothing about it, so it neither adds to nor takes from the article's run.
LATIN_SHARE = 0.5
# Cue kinds that mark even a paragraph of prose as the site's (a newsletter pitch, a cookie notice,
# an author's bio line); other cues (an @handle, a share verb) occur in articles too.
STRONG_KINDS = frozenset(
    {"newsletter", "cookie", "privacy", "legal", "comments", "related", "account", "download", "byline"}
    | {"advertisement"}
)
# A cue kind found in this many prose blocks is what the page is about (a privacy policy, an
# article about newsletters), not its furniture.
TOPIC_CUES = 999
# A line of prose cut by the dump (no sentence end, dense in function words) neither adds to nor
# takes from the article's run.
FRAGMENT_FUNCTION_SHARE = 0.3
# A line after the article with at least this many words (and function words) is a headline of
# another story; shorter ones are navigation.
RELATED_WORDS = 4
# A copyright line is a short block (pages/dev: at most 20 words); a longer one is a paragraph
# about copyright.
COPYRIGHT_WORDS = 30
# ... and it sits in a footer: at least this many short blocks in a row just above or below it
# (pages/dev: 11 above it on jis.gov.jm); a photo's "© ... All rights reserved" credit sits
# between paragraphs.
FOOTER_BLOCKS = 3
# A numbered list goes on after the article's run when its next number comes within this many
# blocks (a reference: its number, its text, its links; pages/dev: at most 3).
LIST_GAP = 4
# A byline ("By Oskar Lindqvist", "Posted on 3 May 2031 by ...", "Updated 6:00 pm") inside the
# article's run (under a standfirst the run starts with) has at most this many words and no
# sentence; the same bound as a byline's category (`_category`).
BYLINE_WORDS = 14
# A table of facts after the article's last paragraph goes with it when it has at least this many
# lines ("Calories: 210"), under headings of at most this many words ("Nutrition facts").
FACTS_LINES = 2
FACTS_HEADING_WORDS = 3
# An author's bio ("X is a senior writer ...") is furniture only among the last blocks of the run;
# further up, the same wording is the article's own reporting.
BIO_REACH = 3
# The run starts at a repeat of the title inside it when at least this share of its prose is below.
TITLE_START_SHARE = 0.6
# ... and what lies above it has at least this many non-prose blocks, and more than prose ones.
TITLE_START_OTHER = 3
# How far above the article's run its headline may sit (blocks), how many words it has, and the
# share of its words that are capitalised (a sentence-case headline has a few names).
HEADLINE_REACH = 8
HEADLINE_WORDS = (3, 30)
HEADLINE_CAPITALS = 0.3
# A word-for-word repeat of a part of line 1 is found this far above the run: a product page puts
# its price, rating, options and buttons (10 blocks in tests/test_pages_genres.py) between its
# name and its description.
TITLE_PART_REACH = 16
# Evidence that a line is the page's title or the article's headline, wherever it stands (a dump
# copied from a browser has no <title> line; its line 1 may be "Skip to content" or a cookie
# banner): at least TITLE_SHARED_WORDS of its content words (TITLE_SHARED_SHARE of them) recur in
# the prose below it. A headline names what the article is about; a menu entry does not.
TITLE_SHARED_WORDS = 2
TITLE_SHARED_SHARE = 0.5
# Content words: not function words, at least this many letters; compared on their first
# STEM_LETTERS letters (a headline says "coastal walks", its article "the coast").
CONTENT_LETTERS = 3
STEM_LETTERS = 5
# A block repeats the title when this share of its words are the title's, or when it opens with
# the whole title of at least TITLE_PREFIX_WORDS words.
TITLE_OVERLAP = 0.8
TITLE_PREFIX_WORDS = 4
# A standfirst (the summary under the headline) shares at least this many content words with the
# article's prose.
STANDFIRST_SHARED = 2

_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*")
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
_LATIN = re.compile(r"[A-Za-z]")
_NUMBERED = re.compile(r"^\s*#?(\d{1,3})[.)]?\s+\S")
_BARE_NUMBER = re.compile(r"^\s*(\d{1,3})[.)]\s*$")  # a list item's number on a line of its own ("87.")
_TITLE_SPLIT = re.compile(r"\s+[|–—:-]\s+|\s+[|]\s*$")
# Wording of captions and photo credits, of a teaser link, of a byline or a date line, and of an
# advertisement slot. Generic words of the trade, written for docscan.
_CREDIT = re.compile(
    r"\b(getty images|shutterstock|istock(photo)?|associated press|ap photo|reuters|afp|photo(graph)?s? (by|courtesy)"
    r"|image (credit|courtesy|source)|credit:|photo(graph)?:|image:|pictured:|\(credit|\(photo|\(image)",
    re.I,
)
_TEASER = re.compile(
    r"^\W*(read more|more|also read|read also|see also|related|watch|listen|recommended)\s*:\s*\S", re.I
)
_BYLINE = re.compile(
    r"^\W*(by|written by|posted by|published by|author):?\s+[A-Z][\w.'’-]+|\b\d+\s+min(ute)?s?\s+read\b"
    r"|^\W*(posted|published|updated|last updated|modified)\b",
    re.I,
)
_MONTHS = (
    r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?"
    r"|nov(ember)?|dec(ember)?)"
)
_DATE = re.compile(
    rf"\b{_MONTHS}\.?\s+\d{{1,2}}(st|nd|rd|th)?,?\s+\d{{4}}\b|\b\d{{1,2}}(st|nd|rd|th)?\s+{_MONTHS}\.?,?\s+\d{{4}}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}:\d{2}\s*(am|pm)?\b|\b\d+\s+(hours?|days?|weeks?|months?|years?)\s+ago\b",
    re.I,
)
_BIO = re.compile(
    r"^\W*(?:[A-Z][\w.'’-]+\s+){1,4}(?:is|has been|was|writes|covers)\b.{0,80}\b(?:writer|editor|author|reporter"
    r"|journalist|co-?founder|founder|contributor|columnist|correspondent|blogger)\b"
    r"|^\W*(?:hi,? )?I(?:'|’)?m [A-Z][a-z]+(?: [A-Z][a-z]+)? and\b|^\W*(?:my|this) (?:blog|site|website) is\b"
)
# A line of a table of facts ("Calories : 216", "Prep time: 10 mins"): a label of words, a colon
# and a value that starts with a figure (one or two tokens: "11 g", "90%").
_DATA_LINE = re.compile(r"^[^\W\d_][^\W\d_’'()/ -]{0,30}?\s*:\s*[+$€£]?\s?\d[^\s:]*(\s+[^\s:]+)?$")
# ... and inside the article's run, where "By the numbers:" or "by data processors." is text: a
# name in capitals after "By", or a date after "Posted" or "Updated", and no sentence end or colon.
_BYLINE_INSIDE = re.compile(
    r"^\W*(?:(?i:by|written by|posted by|author:?)\s+[A-Z][\w.'’-]+\s+[A-Z]|(?i:posted|published|updated|last updated)"
    r"\b.*\d|\d+\s+min(?:ute)?s?\s+read\b).*[^.:;,]$"
)
_BYLINE_NAME = re.compile(r"^\W*(?i:by|written by|posted by)\s+([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,2})\s*$")
# A site's copyright line: "© 2031 ... All rights reserved" (a photo's "© 2019 Reuters" is a credit).
_COPYRIGHT = re.compile(r"(©|\(c\)|\bcopyright\b).{0,80}\ball rights? reserved\b", re.I)
_AD = re.compile(r"^\W*(advertisement|advertising|sponsored( content)?|ad|ads|promoted|paid content)\W*$", re.I)
_COMMENT_HEAD = re.compile(
    r"^\W*(\d+\s+)?(comments?|responses?|replies|reactions?|discussion)\b|\b(says|said|wrote|writes)\s*:\s*$"
    r"|^\W*(reply|report|like|flag)\W*$",
    re.I,
)
# English function words (articles, pronouns, prepositions, auxiliaries, conjunctions), written
# for docscan: prose is dense in them, menus and link lists are not.
_FUNCTION_WORDS = """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most my myself
    no nor not now of off on once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too under until up upon
    very was we were what when where which while who whom why will with would you your yours yourself yourselves
    isn't aren't wasn't weren't don't doesn't didn't can't couldn't won't wouldn't shouldn't it's i'm i've you're
    we're they're that's there's he's she's let's"""
_FUNCTION = frozenset(_FUNCTION_WORDS.split())


@dataclass(frozen=True, slots=True)
class Shape:
    """The shape of one block: what tells a paragraph of prose from a menu or a link."""

    words: int
    function_share: float
    capital_share: float
    sentence_end: bool
    digits: int
    lines: int
    text: str
    latin: bool

    @property
    def colon(self) -> bool:
        return self.text.endswith(":")

    @property
    def prose(self) -> bool:
        if self.words < PROSE_WORDS or self.function_share < PROSE_FUNCTION_SHARE:
            return False
        return self.sentence_end or self.words >= PROSE_LONG_WORDS

    @property
    def near(self) -> bool:
        return (
            not self.prose
            and self.words >= NEAR_WORDS
            and self.function_share >= NEAR_FUNCTION_SHARE
            and self.sentence_end
        )

    @property
    def menu(self) -> bool:
        return self.words >= MENU_WORDS and self.function_share <= MENU_FUNCTION_SHARE


def shape_of(text: str) -> Shape:
    """Words, function-word and capital shares, sentence end, digits and lines of a block."""
    words = _WORD.findall(text)
    n = len(words)
    function = sum(1 for w in words if w.lower().replace("’", "'") in _FUNCTION)
    capital = sum(1 for w in words if w[0].isupper())
    stripped = text.rstrip()
    return Shape(
        words=n,
        function_share=function / n if n else 0.0,
        capital_share=capital / n if n else 0.0,
        sentence_end=bool(_SENTENCE_END.search(stripped)),
        digits=len(_DIGITS.findall(text)),
        lines=text.count("\n") + 1,
        text=stripped,
        latin=len(_LATIN.findall(text)) >= LATIN_SHARE * len(text.replace(" ", "")),
    )


@dataclass(frozen=True, slots=True)
class PageRole:
    """One block's role in the page: kept or set aside, its category, and the rule that decided."""

    keep: bool
    category: str
    rule: str


@dataclass(frozen=True, slots=True)
class PageLayout:
    """Where the article is (blocks `start`..`end`, inclusive) and every block's role. `article` is
    False when the page has no article-like prose: then every block is kept."""

    start: int
    end: int
    article: bool
    roles: tuple[PageRole, ...]
    # per block, the shape evidence `--explain` shows: its weight in the article's run, its words
    # and its share of function words
    evidence: tuple[tuple[tuple[str, float], ...], ...] = ()


@dataclass(frozen=True, slots=True)
class _Page:
    """What the rules read: every block's shape and cue kind, the article's run, the words of the
    title and the headline, how often each line occurs outside the run, and the section each block
    after the run sits in."""

    shapes: Sequence[Shape]
    cues: Sequence[str]
    start: int
    end: int
    titles: tuple[tuple[str, ...], ...]
    headline: int
    outside_counts: Counter[str]
    under: Sequence[str]  # after the article: the section a block sits in ("comments", "related", "")
    title_line: bool  # line 1 has the evidence of a title (`_title_evidence`)
    named: frozenset[int]  # title-like lines above the run that name the article (`_naming_lines`)
    standfirst: int = -1  # the sentence right under the headline that names the article (`_standfirst`)
    run_end: int = -1  # where the densest run itself ends, before its numbered list goes on (`_list_goes_on`)
    authors: tuple[str, ...] = ()  # names the bylines above the article give, lower-cased (`_authors`)
    dense_end: int = -1  # where the densest run ended before a copyright line cut it (`_end_at_copyright`)
    counts: Counter[str] = field(default_factory=Counter)  # how often each block's text occurs in the page
    facts_from: int = -1  # the first block of a table of facts after the article's prose (`_facts_go_on`)
    thread: bool = False  # the run holds a post's card or a repeated widget (`_thread_evidence`)


# What an HTML landmark or a class/id word says a block is, as a furniture cue kind (the HTML
# loader puts them on `Document.regions`; plain text has none). "main" and "article" say nothing
# against a block.
_LANDMARK_KIND = {"nav": "navigation", "header": "navigation", "footer": "navigation", "aside": "related"}
_LANDMARK_KIND["form"] = "account"
_HINT_KIND = (
    (re.compile(r"comment|disqus|repl(y|ies)|respond", re.I), "comments"),
    (re.compile(r"related|recommend|more-?stories|read-?next|trending|popular|sidebar|widget", re.I), "related"),
    (re.compile(r"cookie|consent|gdpr", re.I), "cookie"),
    (re.compile(r"newsletter|subscri|sign-?up", re.I), "newsletter"),
    (re.compile(r"share|social", re.I), "share"),
    (re.compile(r"(^|[-_])(ads?|advert\w*|sponsor\w*|promo\w*)([-_]|$)", re.I), "advertisement"),
    (re.compile(r"nav|menu|breadcrumb|footer|masthead|site-?header", re.I), "navigation"),
    (re.compile(r"byline|author|dateline|timestamp", re.I), "byline"),
)
# A short block whose visible characters are at least this share link text is a link list.
LINK_SHARE = 0.6


def region_cues(regions: Sequence[Region], blocks: Sequence[Block]) -> list[str]:
    """A furniture cue kind for each block from the HTML structure around it (its innermost
    region's landmark, class/id hints and share of link text), "" when the structure says
    nothing or there is none. Linear in the regions' and blocks' lines."""
    if not regions or not blocks:
        return [""] * len(blocks)
    last = max(b.end_line for b in blocks)
    per_line: list[str] = [""] * (last + 2)
    span: list[int] = [1 << 30] * (last + 2)
    for r in regions:
        kind = _region_kind(r)
        size = r.end_line - r.start_line
        for line in range(max(1, r.start_line), min(last, r.end_line) + 1):
            if size <= span[line]:  # the innermost region speaks for the line
                span[line] = size
                per_line[line] = kind
    out = []
    for b in blocks:
        kinds = Counter(per_line[line] for line in range(b.start_line, b.end_line + 1))
        out.append(kinds.most_common(1)[0][0])
    return out


def markup_furniture(regions: Sequence[Region], blocks: Sequence[Block]) -> list[str]:
    """For each block, the category of the page chrome its markup declares it to be (a FURNITURE
    region of the HTML loader: a nav, header or footer landmark, a chrome class name, a run of
    link-only blocks, a link-heavy block outside the main prose container), "" when the markup
    keeps it. The category comes from the region's class/id words, then its landmark, then its
    links; OTHER when none of them names one. Linear in the regions' and blocks' lines."""
    if not regions or not blocks:
        return [""] * len(blocks)
    last = max(b.end_line for b in blocks)
    per_line: list[str] = [""] * (last + 2)
    for r in regions:
        if r.kind is not RegionKind.FURNITURE:
            continue
        kind = _region_kind(r)
        category = CUE_CATEGORY.get(kind, OTHER) if kind else OTHER
        for line in range(max(1, r.start_line), min(last, r.end_line) + 1):
            per_line[line] = category
    out = []
    for b in blocks:
        lines = [per_line[line] for line in range(b.start_line, b.end_line + 1)]
        marked = [c for c in lines if c]
        # most of the block's lines must be declared chrome (a code block is one region, many lines)
        out.append(Counter(marked).most_common(1)[0][0] if 2 * len(marked) > len(lines) else "")
    return out


def _region_kind(r: Region) -> str:
    for pattern, kind in _HINT_KIND:
        if any(pattern.search(h) for h in r.hints):
            return kind
    if r.landmark in _LANDMARK_KIND:
        return _LANDMARK_KIND[r.landmark]
    if r.link_share >= LINK_SHARE and r.end_line == r.start_line:
        return "navigation"
    return ""


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _title_words(first: str) -> tuple[str, ...]:
    """The words of the page's title (line 1), in order, without a site name after a separator."""
    parts = _TITLE_SPLIT.split(first.strip())
    head = max(parts, key=len) if parts else first
    return tuple(w.lower() for w in _WORD.findall(head))


def _stem(word: str) -> str:
    """A crude stem, enough to match a headline's words with the article's: no possessive, no
    plural "s", at most STEM_LETTERS letters ("coastal" and "coast", "readers" and "reader")."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > CONTENT_LETTERS + 1 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w[:STEM_LETTERS]


def is_byline_or_date(text: str) -> bool:
    """A byline ("By ...", "Posted ...", "5 min read") or a date line: what may stand between a
    headline and its article."""
    return bool(_BYLINE.search(text) or _DATE.search(text))


def content_words(text: str) -> set[str]:
    """The words of a text that say what it is about (no function words, a plural's "s" dropped)."""
    out = set()
    for w in _WORD.findall(text):
        if len(w) >= CONTENT_LETTERS and w.lower().replace("’", "'") not in _FUNCTION:
            out.add(_stem(w))
    return out


def shares_vocabulary(title: str, vocabulary: set[str]) -> bool:
    """A title-like line names what the prose below it is about: enough of its content words recur
    there. A site name after a separator ("... | Kettlebridge Echo") is left out; a one-word title
    needs its word. Evidence that does not lean on the line's position (line 1 or not)."""
    parts = _TITLE_SPLIT.split(title.strip())
    head = max(parts, key=len) if parts else title
    words = content_words(head)
    if not words:
        return False
    shared = sum(1 for w in words if w in vocabulary)
    return shared >= min(TITLE_SHARED_WORDS, len(words)) and shared >= TITLE_SHARED_SHARE * len(words)


def _repeats_title_part(shape: Shape, first: str, vocabulary: set[str]) -> bool:
    """The block is one part of line 1, word for word ("Pipelines" of "Pipelines - Quarry 2.4
    documentation", "Spring newsletter 2031" of "Spring newsletter 2031 - Bramble Road ..."): a
    short title `_repeats_title` cannot match by its share of words. The part must have two words or
    name the article (a one-word part such as "Home" occurs in every menu)."""
    text = _norm(shape.text)
    parts = [p for p in _TITLE_SPLIT.split(first.strip()) if p.strip()]
    if not text:
        return False
    for part in parts:
        if _norm(part) == text and content_words(part):
            return len(_WORD.findall(part)) >= 2 or shares_vocabulary(part, vocabulary)
    return False


def _repeats_title(shape: Shape, title: tuple[str, ...]) -> bool:
    """The block says the title again: nearly the same words, or the title's words followed by
    more (a headline that the page's short title abbreviates)."""
    words = [w.lower() for w in _WORD.findall(shape.text)]
    known = set(title)
    if len(known) < 3 or not words:
        return False
    if len(title) >= TITLE_PREFIX_WORDS and words[: len(title)] == list(title) and len(words) <= 3 * len(title):
        return True
    if len(words) > 2 * len(known) + 4:
        return False
    inside = sum(1 for w in words if w in known)
    return inside >= TITLE_OVERLAP * len(words) and inside >= TITLE_OVERLAP * len(known)


def _weights(shapes: Sequence[Shape], cues: Sequence[str]) -> list[float]:
    """What each block adds to (prose) or takes from (everything else) the article's run. Items of
    a list the article announces (after a sentence ending with a colon) or numbers in sequence
    (a "top 100") are neutral: an article that is mostly a list keeps its list."""
    out = [_weight(s, c) for s, c in zip(shapes, cues, strict=True)]
    # a comments link repeated under every post ("Add a comment" on a question page) is a widget,
    # not the heading of a thread: it costs what furniture costs, it does not end the run (a
    # "Read more" under every teaser still does: those posts are other stories)
    seen = Counter(_norm(s.text) for s in shapes)
    for i, s in enumerate(shapes):
        if out[i] == -WALL_COST and cues[i] == "comments" and seen[_norm(s.text)] >= WIDGET_REPEATS:
            out[i] = -CUE_COST
    listed = False
    expect = -1
    for i, s in enumerate(shapes):
        number = _NUMBERED.match(s.text)
        value = int(number.group(1)) if number else -2
        follows = i + 1 < len(shapes) and _follows(shapes[i + 1], value)
        in_sequence = number is not None and (value == expect or follows)
        expect = value + 1 if number else -1
        if s.prose or (s.near and not s.colon) or cues[i]:
            listed = (s.prose or s.near) and s.colon
        elif in_sequence or listed:
            out[i] = max(out[i], 0.0)
        if (s.prose or s.near) and s.colon:
            listed = True
    return out


def _follows(nxt: Shape, value: int) -> bool:
    m = _NUMBERED.match(nxt.text)
    return m is not None and int(m.group(1)) in (value + 1, value - 1)


def _wall(shape: Shape, cue: str) -> bool:
    """A heading that opens comments or other stories ("Related stories", "12 comments", "Leave a
    reply"). A teaser line with the same wording ("Read more: ...") is not one: the article goes on
    below it."""
    if cue == "comments":
        return True
    if cue in WALL_KINDS and not _TEASER.match(shape.text):
        return True
    return shape.words <= WALL_WORDS and bool(_COMMENT_HEAD.search(shape.text)) and shape.digits > 0


def _weight(shape: Shape, cue: str) -> float:
    """A block's own weight, before the list rule."""
    if _wall(shape, cue):
        return -WALL_COST
    if not shape.latin:
        return 0.0
    if shape.prose and cue not in STRONG_KINDS:
        return float(shape.words)
    if shape.near and not cue:
        return NEAR_WEIGHT * shape.words
    if shape.menu or cue:
        floor = CUE_COST if cue in CHROME_KINDS else SHORT_COST
        return -min(MENU_MAX, max(floor, MENU_COST * shape.words))
    if shape.words >= PROSE_WORDS and shape.function_share >= FRAGMENT_FUNCTION_SHARE:
        return 0.0
    if _DATA_LINE.match(shape.text) and not is_byline_or_date(shape.text):
        return 0.0
    return -SHORT_COST


def _own_cues(shapes: Sequence[Shape], cues: Sequence[str]) -> list[str]:
    """Furniture wording the page is about is not furniture in its prose: a privacy policy speaks
    of privacy in every paragraph. The cue kind of the title line is dropped from prose blocks.
    (Counting a kind found in three or more prose blocks as the topic too lost furniture on both
    halves of pages/dev: sites repeat their sign-up pitch.)"""
    # a title is no paragraph: a line 1 of prose is a cookie banner or a notice, whose wording is
    # the site's, not the page's topic
    topical = cues[0] if not shapes[0].prose else ""
    own = ["" if topical and c == topical and (s.prose or s.near) else c for s, c in zip(shapes, cues, strict=True)]
    # an author's bio line is a byline however the furniture list words it
    return [c or ("byline" if _BIO.match(s.text) else "") for s, c in zip(shapes, own, strict=True)]


def _start_at_title(shapes: Sequence[Shape], start: int, end: int) -> int:
    """An article starts at its title: when a block inside the run repeats the page's title (line
    1), most of the run's prose lies below it and what lies above it is mostly short lines (a
    sidebar with an author's bio, a list of recent posts), that is the page around the article.
    The last such repeat wins. (A line 1 that is no title, "Skip to content", is not repeated in
    an article. Starting the run at the first headline found by its vocabulary instead, for a dump
    without a title line, started it too late on pages/dev with line 1 removed: the lede lost on 8
    pages against a sidebar set aside on 1.)"""
    title = _title_words(shapes[0].text)
    total = sum(shapes[i].words for i in range(start, end + 1) if shapes[i].prose)
    below = total
    best = start
    prose = other = 0  # blocks above the candidate: the article's opening has prose, a sidebar has lists
    for i in range(start, end + 1):
        if (
            i > start
            and _repeats_title(shapes[i], title)
            and below >= TITLE_START_SHARE * total
            and other >= max(TITLE_START_OTHER, prose)
        ):
            best = i
        if shapes[i].prose:
            below -= shapes[i].words
            prose += 1
        else:
            other += 1
    return best


def _end_at_copyright(shapes: Sequence[Shape], start: int, end: int) -> int:
    """A site's copyright line ("© 2031 ... All rights reserved") closes the page: the article's
    run ends at the last paragraph above the first such line in it. What follows is footer, or text
    the page hides until asked (a second article in a pop-up), however much prose it holds: by
    prose alone the densest run went on across the footer. Returns the run's new last block."""
    for j in range(start + 1, end + 1):
        if shapes[j].words <= COPYRIGHT_WORDS and _COPYRIGHT.search(shapes[j].text) and _in_footer(shapes, j):
            return next((k for k in range(j - 1, start - 1, -1) if shapes[k].prose), end)
    return end


def _in_footer(shapes: Sequence[Shape], j: int) -> bool:
    """Block j sits among at least FOOTER_BLOCKS short blocks in a row (links, an address), just
    above or just below it, as a footer's copyright line does."""
    above = range(j - FOOTER_BLOCKS, j)
    below = range(j + 1, j + 1 + FOOTER_BLOCKS)
    return any(
        side[0] >= 0 and side[-1] < len(shapes) and not any(shapes[k].prose for k in side) for side in (above, below)
    )


def _list_goes_on(shapes: Sequence[Shape], start: int, end: int) -> int:
    """The article's run ends inside a numbered list (a paper's references, a "top 100"): the items
    that go on numbering in sequence after it, each within LIST_GAP blocks of the one before, are
    the article's too, with the text under a bare number ("87."). The list must already be in
    sequence inside the run (two consecutive numbers), so a stray "3." below it starts nothing.
    Returns the run's new last block."""
    numbers = []
    for i in range(end, max(start, end - 2 * LIST_GAP) - 1, -1):
        m = _NUMBERED.match(shapes[i].text) or _BARE_NUMBER.match(shapes[i].text)
        if m:
            numbers.append(int(m.group(1)))
            if len(numbers) == 2:
                break
    if len(numbers) < 2 or numbers[0] != numbers[1] + 1:
        return end
    expect, last, j = numbers[0] + 1, -1, end + 1
    while j < len(shapes) and j - max(last, end) <= LIST_GAP:
        m = _NUMBERED.match(shapes[j].text) or _BARE_NUMBER.match(shapes[j].text)
        if m:
            if int(m.group(1)) != expect:
                break
            last, expect = j, expect + 1
        j += 1
    if last < 0:
        return end
    bare = shapes[last].words == 0 and last + 1 < len(shapes)
    return last + 1 if bare else last


def _facts_go_on(shapes: Sequence[Shape], cues: Sequence[str], end: int) -> int:
    """A table of facts right after the article's last paragraph (a recipe's nutrition, a
    product's specifications, a notice's dates: "Calories: 210", "Weight: 1.2 kg") has no prose to
    hold it in the run, so the run stopped above it. Its lines, with the short headings over them
    ("Nutrition"), are the article's while they follow one another: at least FACTS_LINES of them
    in all. Returns the run's new last block."""
    j, last, facts = end + 1, end, 0
    while j < len(shapes):
        s = shapes[j]
        if _DATA_LINE.match(s.text) and not is_byline_or_date(s.text) and not cues[j]:
            last, facts = j, facts + 1
        elif not (
            j + 1 < len(shapes)
            and _DATA_LINE.match(shapes[j + 1].text)
            and not (cues[j] or s.prose or s.near or s.sentence_end or is_byline_or_date(s.text))
            and 0 < s.words <= FACTS_HEADING_WORDS
        ):
            break
        j += 1
    return last if facts >= FACTS_LINES else end


def _vocabulary(shapes: Sequence[Shape], start: int, end: int) -> set[str]:
    """The content words of the prose in blocks `start`..`end`."""
    out: set[str] = set()
    for i in range(start, end + 1):
        if shapes[i].prose:
            out |= content_words(shapes[i].text)
    return out


def _sections_after(shapes: Sequence[Shape], cues: Sequence[str], end: int) -> list[str]:
    """For each block after the article's run, the section it sits in: under a comments heading,
    under a related-stories heading, or neither (a heading of another kind ends the section)."""
    out = [""] * len(shapes)
    current = ""
    for i in range(end + 1, len(shapes)):
        s, cue = shapes[i], cues[i]
        if cue == "comments" or (s.words <= WALL_WORDS and _COMMENT_HEAD.search(s.text) and s.digits):
            current = "comments"
        elif _wall(s, cue):
            current = "related"
        elif cue in CHROME_KINDS and cue not in WALL_KINDS and not s.prose:
            current = ""
        out[i] = current
    return out


def _article_like(shapes: Sequence[Shape], start: int, end: int) -> bool:
    """Blocks `start`..`end` hold article-like prose: ARTICLE_PROSE paragraphs and ARTICLE_WORDS
    words, or one paragraph of ARTICLE_ONE_BLOCK words."""
    prose = [i for i in range(start, end + 1) if shapes[i].prose]
    words = sum(shapes[i].words for i in prose)
    return words >= ARTICLE_WORDS and (len(prose) >= ARTICLE_PROSE or words >= ARTICLE_ONE_BLOCK)


def _above_comments(
    shapes: Sequence[Shape], cues: Sequence[str], weights: Sequence[float], start: int, end: int
) -> tuple[int, int] | None:
    """A short article under a long comment thread: the densest run of prose is the thread itself
    when the comments outweigh the article. The run is a thread when it sits under a comments
    heading ("5 comments", "Leave a reply": at most THREAD_CARD blocks, none of them prose, between
    the heading and the run, a commenter's name and a date) and its opening carries a thread's
    signatures (at least THREAD_SIGNATURES short "Reply" or date lines among its first
    THREAD_OPENING paragraphs; an article's opening has none. Counted over the whole run, an
    article with its thread below it and a comment count in its byline lost its lede on pages/dev).
    Then the article is the densest run above the heading when it holds prose: a thread hangs
    under what it comments on, however short (a brief of 50 words). None otherwise."""
    i = start - 1
    while i >= 0 and start - i <= THREAD_CARD + 1 and not shapes[i].prose:
        if weights[i] == -WALL_COST and (cues[i] == "comments" or _COMMENT_HEAD.search(shapes[i].text)):
            break
        i -= 1
    else:
        return None
    if i < 0 or shapes[i].prose:
        return None
    signatures = paragraphs = 0
    for k in range(start, end + 1):  # the run's opening: up to its THREAD_OPENING-th paragraph
        if shapes[k].prose:
            paragraphs += 1
            if paragraphs == THREAD_OPENING:
                break
        elif _DATE.search(shapes[k].text) or _COMMENT_HEAD.search(shapes[k].text):
            signatures += 1
    if signatures < THREAD_SIGNATURES:
        return None
    lo, hi, _ = _densest_run(weights[:i])
    if hi < 0 or not any(shapes[k].prose for k in range(lo, hi + 1)):
        return None
    return lo, hi


def _densest_run(weights: Sequence[float]) -> tuple[int, int, float]:
    """The maximum-sum stretch (Kadane): the article as the densest run of prose."""
    best, best_lo, best_hi = float("-inf"), 0, -1
    total, lo = 0.0, 0
    for i, w in enumerate(weights):
        if total <= 0:
            total, lo = w, i
        else:
            total += w
        if total > best:
            best, best_lo, best_hi = total, lo, i
    return best_lo, best_hi, best


# ---- rules: each returns a role for the block, or None to leave it to the next rule -------------

Rule = Callable[[_Page, int], "PageRole | None"]


def _title_line(page: _Page, i: int) -> PageRole | None:
    """Line 1 of a page dump is the page's title; the headline above the article and any block
    that repeats the title or the headline stay with the article."""
    if i == 0 and not page.cues[0] and page.title_line:
        return PageRole(True, "", "title line")
    if i == page.headline or i in page.named:
        return PageRole(True, "", "headline above the article")
    if i == page.standfirst:
        return PageRole(True, "", "standfirst under the headline")
    # a comments heading quotes the title ("11 responses to “<title>”"): it opens the comments
    comments = page.cues[i] == "comments" or _COMMENT_HEAD.search(page.shapes[i].text)
    if not comments and any(_repeats_title(page.shapes[i], t) for t in page.titles):
        return PageRole(True, "", "repeats the title")
    return None


def _in_article_furniture(page: _Page, i: int) -> PageRole | None:
    """Inside the article's run: a caption or photo credit, a teaser link ("Read more: ..."), an
    advertisement slot, a line also found outside the article, or a short line of furniture
    wording."""
    if not page.start <= i <= page.end:
        return None
    s = page.shapes[i]
    if _AD.match(s.text):
        return PageRole(False, ADVERTISING, "advertisement slot")
    if _TEASER.match(s.text) and s.words <= 25:
        return PageRole(False, TEASER, "teaser link")
    if (s.words <= 30 and _CREDIT.search(s.text) and not s.text.endswith((".", "!", "?"))) or (
        s.words <= 8 and _CREDIT.search(s.text)
    ):
        return PageRole(False, CAPTION, "caption or credit")
    if not (s.prose or s.near) and s.words <= BYLINE_WORDS and _BYLINE_INSIDE.match(s.text):
        return PageRole(False, BYLINE, "byline inside the article")
    if page.thread and _date_line(s):
        return PageRole(False, BYLINE, "a date line inside the article")
    if page.thread and _in_card(page.shapes, page.start, page.end, i):
        return PageRole(False, _category(page, i, COMMENTS), "a post's card around its date line")
    if s.words <= WIDGET_WORDS and _COMMENT_HEAD.match(s.text) and page.counts[_norm(s.text)] >= WIDGET_REPEATS:
        return PageRole(False, COMMENTS, "a widget repeated under every post")
    if not s.prose and page.outside_counts[_norm(s.text)] and s.words >= 2:
        return PageRole(False, _category(page, i, RELATED), "repeated outside the article")
    cue = page.cues[i]
    if cue and not s.prose and cue not in ("definition", "promotion", "recipe"):
        return PageRole(False, CUE_CATEGORY.get(cue, OTHER), f"furniture wording ({cue})")
    if cue and s.prose and cue in ("newsletter", "cookie", "privacy", "legal", "download", "account"):
        return PageRole(False, CUE_CATEGORY.get(cue, OTHER), f"furniture wording ({cue})")
    if cue == "byline" and i > page.end - BIO_REACH:
        return PageRole(False, BYLINE, "author's bio at the article's end")
    if i > page.start and s.prose and _opens_with_author(s.text, page.authors):
        return PageRole(False, BYLINE, "author's bio: opens with the byline's name")
    if 0 <= page.facts_from <= i:
        return PageRole(True, "", "the article's table of facts goes on")
    if 0 <= page.run_end < i:
        return PageRole(True, "", "the article's numbered list goes on")
    if _DATA_LINE.match(s.text) and not is_byline_or_date(s.text):
        return PageRole(True, "", "in the article (a line of a table of facts)")
    return PageRole(True, "", "in the article")


def _date_line(s: Shape) -> bool:
    """A line that is a date and little else ("Jan 12, 2031", "June 5, 2031 at 7:14 pm",
    "nostrocrompt 17 September 2020 14:17"): a post's or a comment's timestamp. On pages/dev every
    such line inside an article's run was one (comment threads, feeds, bylines), none of them text."""
    if s.prose or s.near or s.words > DATE_LINE_WORDS or not _DATE.search(s.text):
        return False
    return len(_WORD.findall(_DATE.sub("", s.text))) <= DATE_LINE_REST


def _card_line(s: Shape) -> bool:
    """A line of a poster's card: a name, a rank, a post number ("dunmore_gas", "#2")."""
    return not (s.prose or s.near or s.sentence_end or s.colon) and s.words <= CARD_WORDS


def _thread_evidence(shapes: Sequence[Shape], start: int, end: int, counts: Counter[str]) -> bool:
    """Is the article's run a thread of posts? Only then are its date lines timestamps and the
    short lines beside them posters' cards. The evidence is a post's shape, not a date alone: a
    widget line repeated under the posts ("Reply", "Quote"), or a card line that holds a name
    (letters, not only a number) right beside a date line. A changelog or a diary has dates under
    version numbers or over entries, and keeps them."""
    for i in range(start, end + 1):
        s = shapes[i]
        if s.words <= WIDGET_WORDS and _COMMENT_HEAD.match(s.text) and counts[_norm(s.text)] >= WIDGET_REPEATS:
            return True
        if _date_line(s) and any(
            start <= j <= end
            and _card_line(shapes[j])
            and not _date_line(shapes[j])
            and _NAME_CHARS.search(shapes[j].text)
            for j in (i - 1, i + 1)
        ):
            return True
    return False


def _in_card(shapes: Sequence[Shape], start: int, end: int, i: int) -> bool:
    """Block i sits in an unbroken run of card lines next to a timestamp inside the article's run:
    a forum post's or a comment's card (its author's name, rank and number), not the article's."""
    if not _card_line(shapes[i]) or _date_line(shapes[i]):
        return False
    for step in (-1, 1):
        j = i + step
        while start <= j <= end and j - i <= CARD_REACH and i - j <= CARD_REACH:
            if _date_line(shapes[j]):
                return True
            if not _card_line(shapes[j]):
                break
            j += step
    return False


def _find_headline(shapes: Sequence[Shape], cues: Sequence[str], start: int, vocabulary: set[str]) -> int:
    """The article's headline: a repeat of the page's title at most HEADLINE_REACH blocks above the
    article's run (then what lies between it and the run is a standfirst or a byline), else the
    last title-like line there (not a byline, a date or furniture) that names what the article is
    about (its content words recur in the article's prose) or is capitalised like a headline and
    does not sit in a run of short link-like lines (a menu); -1 when there is none."""
    reach = range(start - 1, max(1, start - HEADLINE_REACH) - 1, -1)
    title = _title_words(shapes[0].text)
    repeat = next((i for i in reach if _repeats_title(shapes[i], title)), -1)
    if repeat >= 0:
        return repeat
    capitalised = -1
    for i in range(start - 1, max(0, start - HEADLINE_REACH) - 1, -1):
        s = shapes[i]
        if cues[i] or _BYLINE.search(s.text) or _DATE.search(s.text) or _CREDIT.search(s.text) or s.text[-1:] in ".,;:":
            continue
        if not HEADLINE_WORDS[0] <= s.words <= HEADLINE_WORDS[1]:
            continue
        # naming the article outweighs short lines around it (a section name above, a bare "Share"
        # below): requiring no menu run for it too lost 3 headlines on pages/dev without line 1
        if shares_vocabulary(s.text, vocabulary):
            return i
        if capitalised < 0 and s.capital_share >= HEADLINE_CAPITALS and not _in_menu_run(shapes, cues, i):
            capitalised = i  # unless a line further up names the article ("Thread starter ..." below it)
    if capitalised >= 0:
        return capitalised
    # no title-like headline in reach: a word-for-word repeat of a part of line 1 (a short title
    # "Pipelines", a headline worded like furniture, a product's name above its buy box: checked
    # first, a section name the <title> carries, "Open Future", took the place of the headline on
    # pages/dev), else a title-like line further up that names the article, outside a menu
    first = shapes[0].text
    part_reach = range(start - 1, max(1, start - TITLE_PART_REACH) - 1, -1)
    part = next((i for i in part_reach if _repeats_title_part(shapes[i], first, vocabulary)), -1)
    if part >= 0:
        return part
    wide = range(start - HEADLINE_REACH - 1, max(1, start - TITLE_PART_REACH) - 1, -1)
    for i in wide:
        s = shapes[i]
        if cues[i] or is_byline_or_date(s.text) or _CREDIT.search(s.text) or s.text[-1:] in ".,;:":
            continue
        named = s.words >= TITLE_SHARED_WORDS and shares_vocabulary(s.text, vocabulary)
        if named and not _in_menu_run(shapes, cues, i):
            return i
    return -1


def _naming_lines(
    shapes: Sequence[Shape], cues: Sequence[str], start: int, vocabulary: set[str], headline: int
) -> frozenset[int]:
    """Without a repeat of the page's title to anchor it, the nearest title-like line above the
    article may be its standfirst or a photo's caption rather than its headline ("Coal has been in
    a slow-motion death spiral ..." under "Despite everything, U.S. emissions dipped in 2019"):
    every title-like line in reach that names what the article is about, outside a menu, stays."""
    if headline >= 0 and _repeats_title(shapes[headline], _title_words(shapes[0].text)):
        return frozenset()
    out = set()
    for i in range(start - 1, max(0, start - HEADLINE_REACH) - 1, -1):
        s = shapes[i]
        if cues[i] or _BYLINE.search(s.text) or _DATE.search(s.text) or _CREDIT.search(s.text) or s.text[-1:] in ".,;:":
            continue
        if not HEADLINE_WORDS[0] <= s.words <= HEADLINE_WORDS[1] or _in_menu_run(shapes, cues, i):
            continue
        if shares_vocabulary(s.text, vocabulary):
            out.add(i)
    return frozenset(out)


def _standfirst(shapes: Sequence[Shape], cues: Sequence[str], start: int, vocabulary: set[str], headline: int) -> int:
    """The standfirst: the sentence right under the headline, above the article's run, that
    summarises the article (at least STANDFIRST_SHARED of its content words recur in the article's
    prose). Bylines, dates and share buttons usually stand between it and the first paragraph, so
    position alone puts it outside the run; a site's slogan or sign-up line there does not name the
    article. -1 when there is none."""
    title = _title_words(shapes[0].text)
    anchor = next((j for j in range(start - 1, 0, -1) if j == headline or _repeats_title(shapes[j], title)), -1)
    i = anchor + 1
    if anchor < 0 or i >= start:
        return -1
    s = shapes[i]
    if cues[i] or not (s.prose or s.near) or _BYLINE.search(s.text) or _CREDIT.search(s.text):
        return -1
    shared = content_words(s.text) & vocabulary
    return i if len(shared) >= STANDFIRST_SHARED else -1


def _authors(shapes: Sequence[Shape], start: int) -> tuple[str, ...]:
    """The authors the bylines above the article name ("By Tim Anderson"), lower-cased: a
    paragraph of the article that opens with one of them is the author's bio, not reporting. Only
    full names (two or three capitalised words): a first name alone opens ordinary sentences."""
    out = []
    for i in range(start):
        m = _BYLINE_NAME.match(shapes[i].text)
        if m:
            out.append(m.group(1).lower())
    return tuple(out)


def _opens_with_author(text: str, authors: tuple[str, ...]) -> bool:
    """The paragraph opens with an author's name as the subject of a sentence ("Tim Anderson has
    ..."), not as a speaker's label in an interview ("Tim Anderson: ...")."""
    low = text.lower()
    return any(low.startswith(a) and not low[len(a) :].lstrip().startswith(":") for a in authors)


def _link_like(shapes: Sequence[Shape], cues: Sequence[str], i: int) -> bool:
    """A short line with no sentence in it and no byline, date or furniture wording: a menu entry
    or a link (or a headline: it takes two such neighbours to make a menu)."""
    s = shapes[i]
    return (
        not cues[i]
        and not (s.prose or s.near or s.sentence_end)
        and s.words <= HEADLINE_WORDS[1]
        and not (_BYLINE.search(s.text) or _DATE.search(s.text))
    )


def _in_menu_run(shapes: Sequence[Shape], cues: Sequence[str], i: int) -> bool:
    """The line sits among short link-like lines on both sides (the top of the page counts as
    one side): an entry of a menu or a link list, not a headline."""
    before = i == 0 or _link_like(shapes, cues, i - 1)
    return before and i + 1 < len(shapes) and _link_like(shapes, cues, i + 1)


def _title_evidence(
    shapes: Sequence[Shape], cues: Sequence[str], start: int, vocabulary: set[str], headline: int
) -> bool:
    """Line 1 is the page's title (as html-text writes the <title> first) only with evidence that
    does not lean on its position: it names what the article is about, the headline above the
    article repeats it, or it stands right above the article (only bylines, dates and share lines
    between) and is no menu entry. A dump copied from a browser starts with "Skip to content", a
    cookie banner or a menu instead: that line is judged like any other."""
    if shares_vocabulary(shapes[0].text, vocabulary):
        return True
    if headline > 0 and _repeats_title(shapes[headline], _title_words(shapes[0].text)):
        return True
    if headline > 0 and _repeats_title_part(shapes[headline], shapes[0].text, vocabulary):
        return True
    between = range(1, start)
    if all(cues[j] or _BYLINE.search(shapes[j].text) or _DATE.search(shapes[j].text) for j in between):
        return not _in_menu_run(shapes, cues, 0)
    return False


def _outside(page: _Page, i: int) -> PageRole:
    """Everything else outside the article's run is the page around it."""
    s = page.shapes[i]
    if s.prose:
        default = OTHER_ARTICLE
    elif s.near:
        default = TEASER
    elif i > page.end and s.words >= RELATED_WORDS and not s.menu:
        default = RELATED  # a headline of another story
    else:
        default = NAVIGATION
    section = page.under[i]
    if section == "comments" and (s.prose or s.near or _COMMENT_HEAD.search(s.text)):
        default = COMMENTS
    elif section == "related" and not (s.prose and s.lines == 1):
        default = RELATED
    rule = "after the site's copyright line" if page.end < i <= page.dense_end else "outside the article"
    return PageRole(False, _category(page, i, default), rule)


def _category(page: _Page, i: int, default: str) -> str:
    """The category of a set-aside block: its furniture wording first, then its shape."""
    s = page.shapes[i]
    cue = page.cues[i]
    if _AD.match(s.text):
        return ADVERTISING
    if (cue and cue not in ("definition", "promotion")) or (cue == "promotion" and not s.prose):
        return CUE_CATEGORY.get(cue, OTHER)
    if _CREDIT.search(s.text) and s.words <= 30:
        return CAPTION
    if s.words <= 14 and (_BYLINE.search(s.text) or (_DATE.search(s.text) and s.words <= 8)):
        return BYLINE
    return default


RULES: tuple[tuple[str, Rule], ...] = (
    ("title line", _title_line),
    ("in the article", _in_article_furniture),
)


def page_layout(
    blocks: Sequence[Block], cues: Sequence[str], *, structured: bool = False, markup: Sequence[str] | None = None
) -> PageLayout | None:
    """The article and every block's role when the blocks look like a whole web page, else None.

    `cues[i]` is the furniture cue kind of block i ("" when none), as `relevance` finds it from
    the wording and from the HTML structure; `structured` says the structure marked some blocks as
    furniture (an HTML page), which makes the page's shape certain whatever its length. `markup`,
    given for an HTML page, is `markup_furniture`: what the markup declares chrome is set aside
    whatever its shape, and what it keeps is set aside only on strong evidence (see `_by_markup`)."""
    n = len(blocks)
    if not n:
        return None
    marked = markup is not None and any(markup)
    lines = sum(b.end_line - b.start_line + 1 for b in blocks)
    single = sum(1 for b in blocks if b.start_line == b.end_line)
    if not structured and not marked and (lines < PAGE_LINES or single < SINGLE_LINE_SHARE * n):
        return None
    shapes = [shape_of(b.text) for b in blocks]
    cues = _own_cues(shapes, cues)
    weights = _weights(shapes, cues)
    start, end, _ = _densest_run(weights)
    chrome = sum(1 for i in range(n) if cues[i] in CHROME_KINDS and not start <= i <= end)
    outside_short = sum(1 for i in range(n) if not start <= i <= end and not shapes[i].prose)
    if ((outside_short < PAGE_OUTSIDE_BLOCKS and not structured) or chrome < PAGE_FURNITURE) and not marked:
        return None
    thread = _above_comments(shapes, cues, weights, start, end)
    if thread is not None:
        start, end = thread
    elif not _article_like(shapes, start, end):
        keep = PageRole(True, "", "no article-like prose: the whole page is kept")
        kept = tuple(keep for _ in blocks)
        if markup is not None:
            kept = _by_markup(kept, markup, shapes)
        return PageLayout(start, end, False, kept, _evidence(shapes, weights, markup))
    start = _start_at_title(shapes, start, end)
    dense_end, end = end, _end_at_copyright(shapes, start, end)
    run_end, end = end, _list_goes_on(shapes, start, end)
    facts_end = _facts_go_on(shapes, cues, end)
    facts_from, end = (end + 1 if facts_end > end else -1), facts_end
    outside_counts = Counter(_norm(shapes[i].text) for i in range(n) if not start <= i <= end)
    under = _sections_after(shapes, cues, end)
    vocabulary = _vocabulary(shapes, start, end)
    headline = _find_headline(shapes, cues, start, vocabulary)
    title_line = _title_evidence(shapes, cues, start, vocabulary, headline)
    if cues[0] and headline > 0 and _repeats_title_part(shapes[headline], shapes[0].text, vocabulary):
        # the headline repeats line 1 word for word: its furniture wording is the page's topic
        # ("Spring newsletter 2031 - ..." on a newsletter's page), not the site's chrome
        cues = ["", *cues[1:]]
    counts = Counter(_norm(s.text) for s in shapes)
    page = _Page(
        shapes,
        cues,
        start,
        end,
        tuple(_title_words(shapes[j].text) for j in (0 if title_line else -1, headline) if j >= 0),
        headline,
        outside_counts,
        under,
        title_line,
        _naming_lines(shapes, cues, start, vocabulary, headline),
        _standfirst(shapes, cues, start, vocabulary, headline),
        run_end,
        _authors(shapes, start),
        dense_end,
        counts,
        facts_from,
        _thread_evidence(shapes, start, end, counts),
    )
    roles = []
    for i in range(n):
        role = next((r for _, rule in RULES if (r := rule(page, i)) is not None), None)
        roles.append(role or _outside(page, i))
    final = tuple(roles) if markup is None else _by_markup(tuple(roles), markup, shapes)
    return PageLayout(start, end, True, final, _evidence(shapes, weights, markup))


# Rules of the text-shape layout that set aside a block the markup keeps: wording and shape
# together (an advertisement slot, a "Read more:" teaser, a photo credit) ...
MARKUP_STRONG_RULES = frozenset({"advertisement slot", "teaser link", "caption or credit"})
# ... and, outside the article's run, a block whose wording names what it is (a byline or an
# author's bio, a disclaimer, a credit, an ad). Position alone is not enough once the markup has
# spoken: on pages/dev the markup's main content outside the densest run of prose held 14 (half
# A) and 11 (half B) "must stay" strings against 8 and 9 "must go" ones. Each rule measured on
# its own over the markup alone (bench/formats.py pages, "must go" set aside / "must stay" lost):
# byline A +1 / B +3; disclaimer (legal) A +2 / B 0; teaser link A 0 / B +2; ad slot and credit
# A +1 each / B 0, none losing a "must stay" string. A sign-up pitch (PROMOTION) is left out: A +1,
# but on B it set aside a privacy policy's own paragraph about unsubscribing (F1 0.936 -> 0.935).
MARKUP_WORDED = frozenset({BYLINE, LEGAL, CAPTION, ADVERTISING})


def _by_markup(roles: tuple[PageRole, ...], markup: Sequence[str], shapes: Sequence[Shape]) -> tuple[PageRole, ...]:
    """The roles once the HTML markup has spoken: a block it declares chrome is set aside (its
    category from the markup, else from the text layout, else from its shape); a block it keeps
    stays unless a strong rule of the text layout sets it aside."""
    out = []
    for role, declared, shape in zip(roles, markup, shapes, strict=True):
        if declared:
            category = declared
            if category == OTHER:
                category = role.category if not role.keep and role.category else (OTHER if shape.prose else NAVIGATION)
            out.append(PageRole(False, category, "furniture by markup"))
        elif role.keep or _strong_for_markup(role):
            out.append(role)
        else:
            out.append(PageRole(True, "", f"kept by the markup (the text layout said: {role.rule})"))
    return tuple(out)


def _strong_for_markup(role: PageRole) -> bool:
    """The text layout's reason to set aside a block is strong enough to overrule the markup."""
    if role.rule in MARKUP_STRONG_RULES:
        return True
    outside = role.rule in ("outside the article", "after the site's copyright line")
    return outside and role.category in MARKUP_WORDED


def _evidence(
    shapes: Sequence[Shape], weights: Sequence[float], markup: Sequence[str] | None = None
) -> tuple[tuple[tuple[str, float], ...], ...]:
    marks = markup if markup is not None else [""] * len(shapes)
    return tuple(
        (
            ("run_weight", round(w, 2)),
            ("words", float(s.words)),
            ("function_share", round(s.function_share, 2)),
            *((("furniture_by_markup", float(bool(m))),) if markup is not None else ()),
        )
        for s, w, m in zip(shapes, weights, marks, strict=True)
    )
