"""Raw NER spans to countries, organizations, people and places; entry point: `build_entities`.

The small English model is a good span finder but an unreliable typer, and it sees one piece of a
document at a time. This stage adds what only the whole document, its layout and a few word lists
can tell:

* boundaries: a name never contains a line break, a spaced dash, a bracket, a stand-alone number,
  a title ("Librarian Helen Marsh") or a connecting word ("Kent beat Essex"); no leading "the",
  no possessive "'s", no trailing punctuation; "U.S." and "Inc." keep their full stop (not at a
  line's end); a legal form followed by "of" ends a company's name;
* people the model cut or missed: a given name before a surname, a quoted nickname between given
  names and a surname, a given name and a capitalised word (given names from `knowledge.json`);
* type: layout decides outright (results, standings, fixture and schedule rows, datelines, result
  lines with a bracketed country); otherwise one type per name, a weighted vote of the model's
  labels, what the document says (a definition "X is a village", a category noun "the band X")
  and other evidence the model lacks (an ISO 3166 gazetteer, "companies like X", titles,
  organization and place words, given names, known places); works and events are dropped; a lone
  word that is part of a full name found in the document takes that name's type;
* recall: a name found once is found wherever else the document spells it the same way (also in
  ALL-CAPS headlines), a defined name wherever it occurs, countries come from the gazetteer,
  "P. Simmons" is a person;
* precision: demonyms, known misfires, function words, bare titles, countries inside event names
  ("U.S. Open"), compounds ("Hong Kong-based") or other names ("Badminton Canada"), ordinary
  words shouted in headlines and capitalised words of Title Case headings are dropped;
* merging: country aliases by ISO code, acronyms and bracketed abbreviations with the names they
  stand for, a surname or given name with the one full name it belongs to.

The work is a tuple of named passes (`PASSES`), each a pure function of the document context
(`DocContext`, built once and never changed) and the spans the previous pass returned; spans are
frozen, so a pass returns new ones. A pass or a typing rule can be switched off by name
(`build_entities(..., skip=...)`, `switchable()`) and timed on its own (`clock=`). Each span
carries the evidence that typed it (`why`), which becomes `Entity.why` for `--explain`.

Rules and word lists live in `data/entities.json`, knowledge built from data packages in
`data/knowledge.json` (`bench/entities_knowledge.py`); the order of the passes matters and is the
order of `PASSES`.
"""

from __future__ import annotations

import json
import re
import time
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from itertools import pairwise

from .model import Document, Entities, Entity, EntityGroup, Mention, RawEntity, Section
from .text import REPORTING_VERBS

__all__ = ["PASSES", "DocContext", "Gazetteer", "Pass", "build_entities", "gazetteer", "switchable"]

_GROUP_OF_LABEL = {
    "PERSON": EntityGroup.PEOPLE,
    "ORG": EntityGroup.ORGANIZATIONS,
    "GPE": EntityGroup.PLACES,
    "LOC": EntityGroup.PLACES,
    "FAC": EntityGroup.PLACES,
    "PRODUCT": EntityGroup.ORGANIZATIONS,  # only kept when context says organization
}
_APOS = "'’"
_NEEDS_CONTEXT = "?product"
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Z]\.){1,3}[A-Z]|\b(?:Inc|Corp|Co|Ltd|Jr|Sr|Bros|Plc|Cos))\.$")
_LAST_INITIAL = re.compile(r"\w[ \t][A-Z]\.$")  # "Colonel William L." broken off before the surname
_TRIM = " \t\n.,;:!?\"“”‘’'()[]{}-–—*_/&"
# Characters that always end a name: a line break, brackets, quotes, semicolons.
_HARD_BREAK = re.compile(r"\n|\s[-–—]{1,2}\s|^[-–—]{1,2}\s|[;()\[\]\"“”|]|,\s(?!(?:Inc|Ltd|Jr|Sr|Co|Corp|LLC|Plc)\b)")
_NON_SPACE = re.compile(r"\S+")
_NICKNAME = re.compile(r"[A-Z][\w'’.-]*[ \t]+[\"“][^\"“”\n]{1,40}[\"”][ \t]+[A-Z][\w'’-]*")
_POSSESSIVE_HEAD = re.compile(r"^(.+?)['’]s\s+(\S.*)$")
_LIST_CUE = re.compile(r"(\w[\w-]*)\s+(?:like|such as|including)\s+((?:[A-Z][\w.&-]*\s*(?:,|and|or)?\s*)*)$")
_NEXT_CAPITAL = re.compile(r"[ \t]+([A-Z][\w'’-]*)")
_PREV_CAPITAL = re.compile(r"([A-Z][\w'’.-]*)[ \t]+$")
_SPACE_OR_HYPHEN = re.compile(r"[\s-]+")
_DOTS_SPACES = re.compile(r"[.\s]+")
_NUMBER = re.compile(r"^[#(+=-]?\.?\d[\d.,:/'=-]*(?:st|nd|rd|th|s)?\)?[,.;:]?$")
_PREFIX = re.compile(r"^(?:ex|pro|anti|non|pre|post|mid|pan|neo|then|former|all)-(?=[A-Z])")
# Weights of type evidence in the per-name vote (the model's own label counts 1).
_W_MODEL = 1
_W_CUE = 2  # title before a person, organization/place word ending the name
_W_STRONG = 3  # "companies like X", a results-table row
# A definition ("X is a village in ...") states the type outright: the model's labels for the
# subject should not outvote it (in the encyclopedic dev half A, the most model spans of one
# name in one article is 8: "Mars" in a band's article).
_W_DEFINITION = 10
_MIN_PROPAGATED = 3  # shorter known names are not searched for elsewhere ("Li" could be anything)
_CAPS_SHARE = 0.8  # share of upper-case letters that makes a line ALL CAPS
_MAX_REASONS = 6  # evidence shown per entity under --explain: enough to see what decided it


_WORD = re.compile(r"[^\W\d_][\w'’]*")
_CAP_TOKEN = re.compile(r"(?<![\w.'’])[A-Z][\w'’.&]*")
_TOKEN_TAIL = re.compile(r"['’]s?$|\.$")
_FIRST_WORD = re.compile(r"[\s-]")


class _Lexicon:
    """Literal names found by their first word: one pass over capitalised tokens and dictionary
    look-ups, instead of a regex alternation of hundreds of names (slow to build and to run)."""

    def __init__(self, forms: Iterable[str]) -> None:
        self.by_first: dict[str, list[str]] = defaultdict(list)
        for f in forms:
            self.by_first[_FIRST_WORD.split(f, maxsplit=1)[0]].append(f)
        for candidates in self.by_first.values():
            candidates.sort(key=len, reverse=True)
        self.keys = frozenset(self.by_first)

    def __bool__(self) -> bool:
        return bool(self.by_first)

    def find(self, ctx: DocContext, start: int, end: int, *, hyphen_ok: bool = True) -> Iterable[tuple[int, int]]:
        """(start, end) of each longest known name in text[start:end], not glued to other words."""
        text = ctx.text
        after = start
        for p, tok in ctx.capitalised(start, end):
            if p < after:
                continue
            tail = tok[-1] == "." or "'" in tok or "’" in tok
            if tok not in self.keys and not tail:
                continue
            hit = self._hit(text, p, end, tok, hyphen_ok)
            if hit is None and tail:
                # "Kent." at a sentence end, "Lebed's": try the word without its tail
                for key in {tok.rstrip("."), _TOKEN_TAIL.sub("", tok)} - {tok}:
                    hit = self._hit(text, p, end, key, hyphen_ok)
                    if hit is not None:
                        break
            if hit is not None:
                after = p + len(hit)
                yield p, after

    def _hit(self, text: str, p: int, end: int, key: str, hyphen_ok: bool) -> str | None:
        for f in self.by_first.get(key, ()):
            if _ends_word(text, p, f, end, hyphen_ok):
                return f
        return None


def _ends_word(text: str, p: int, form: str, end: int, hyphen_ok: bool) -> bool:
    q = p + len(form)
    if q > end or not text.startswith(form, p):
        return False
    nxt = text[q : q + 2]
    if not nxt:
        return True
    if nxt[0].isalnum() or nxt[0] == "_" or (nxt[0] == "." and nxt[1:2].isalnum()):
        return False
    return hyphen_ok or not (nxt[0] == "-" and nxt[1:2].isalnum())


@dataclass(frozen=True)
class Gazetteer:
    """Country names, aliases and the word lists that steer boundaries and typing."""

    alias_to_code: dict[str, str]
    code_to_name: dict[str, str]
    ambiguous: frozenset[str]
    misfires: frozenset[str]
    not_org_heads: frozenset[str]
    event_heads: frozenset[str]
    name_edges: frozenset[str]
    org_context: frozenset[str]
    acronym_skip: frozenset[str]
    title_words: frozenset[str]
    org_suffixes: frozenset[str]
    company_suffixes: frozenset[str]
    place_words: frozenset[str]
    particles: frozenset[str]
    leading_particles: frozenset[str]
    job_title_heads: frozenset[str]
    date_words: frozenset[str]
    connectors: frozenset[str]
    not_team: frozenset[str]
    team_roles: frozenset[str]
    common: frozenset[str]
    demonyms: frozenset[str]
    category: dict[str, EntityGroup | None]  # category noun -> group; None = a work or event
    given_names: frozenset[str]  # data/knowledge.json: Faker's given names, every locale
    place_names: frozenset[str]  # data/knowledge.json: given names that are also GeoNames cities
    legal_forms: frozenset[str]  # data/knowledge.json: cleanco's one-word legal forms, lower case, no dots
    known_places: frozenset[str]  # data/knowledge.json: GeoNames cities and ISO 3166-2 subdivisions
    unit_words: frozenset[str]  # "Division", "Wing": a numbered unit ("65th Air Division") is one name
    definition: re.Pattern[str] = field(repr=False)
    noun_name: re.Pattern[str] = field(repr=False)
    lexicon: _Lexicon = field(repr=False)
    caps_lexicon: _Lexicon = field(repr=False)
    event_after: re.Pattern[str] = field(repr=False)
    contest_after: re.Pattern[str] = field(repr=False)
    contest_before: re.Pattern[str] = field(repr=False)
    apposition: re.Pattern[str] = field(repr=False)

    def country(self, text: str) -> str | None:
        key = _country_key(text)
        code = self.alias_to_code.get(key)
        if code is None and key.endswith(_ABBREVIATED):
            code = self.alias_to_code.get(key + ".")  # "U.S" before a sentence's full stop
        if code is None and text.isupper() and len(key) >= 4:
            code = self.alias_to_code.get(_country_key(text.title()))
        return code

    def is_legal_form(self, word: str) -> bool:
        """'GmbH', 'S.p.A.', 'Kft.': a company's legal form (cleanco's table), not a lower-case word."""
        return word != word.lower() and word.lower().replace(".", "") in self.legal_forms

    def is_demonym(self, text: str) -> bool:
        t = text.replace("’", "'")
        return t in self.demonyms or (t.isupper() and t.title() in self.demonyms)


_ABBREVIATED = tuple(f".{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _country_key(text: str) -> str:
    t = text.strip().replace("’", "'")
    if t.lower().startswith("the "):
        t = t[4:]
    return t


def _items(data: dict[str, dict[str, list[str]]], name: str) -> list[str]:
    return list(data[name]["items"])


# Words that end the noun phrase of a definition before its noun ("numbered from zero at street
# level" is no definition of a street).
_NOT_MODIFIER = r"(?:of|in|at|from|by|with|for|to|on|and|or|that|which|who|as|than)"

# Words that may follow the head noun of an apposition ("X, a small river that joins ...", "X, the
# British retailer,"): the noun ends the phrase, so "X, a club official" is no club.
_APPOSITION_GOES_ON = r"(?:of|in|from|that|which|who|whose|with|at|on|near|based|founded|formed|owned|led|known|and)"

_CATEGORY_GROUPS: dict[str, EntityGroup | None] = {
    "people": EntityGroup.PEOPLE,
    "organizations": EntityGroup.ORGANIZATIONS,
    "places": EntityGroup.PLACES,
    "works": None,
    "peoples": None,
}


def _categories(data: dict[str, list[str]]) -> dict[str, EntityGroup | None]:
    out: dict[str, EntityGroup | None] = {}
    for kind, group in _CATEGORY_GROUPS.items():
        for noun in data[kind]:
            out.setdefault(noun, group)
    return out


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Built once per process from pycountry, data/entities.json and data/knowledge.json."""
    import pycountry

    data = json.loads(resources.files("docscan").joinpath("data/entities.json").read_text("utf-8"))
    known = json.loads(resources.files("docscan").joinpath("data/knowledge.json").read_text("utf-8"))
    names: dict[str, str] = {k: v for k, v in data["country_names"].items() if not k.startswith("_")}
    alias: dict[str, str] = {}

    def add(name: str, code: str) -> None:
        if name and "," not in name and "(" not in name:
            alias.setdefault(_country_key(name), code)

    for code, forms in data["country_aliases"].items():
        if code.startswith("_"):
            continue
        for form in forms:
            alias[_country_key(form)] = code
    for c in pycountry.countries:
        code = c.alpha_2
        names.setdefault(code, getattr(c, "common_name", None) or c.name)
        for attr in ("common_name", "name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                add(value, code)
        add(names[code], code)
    for code, name in names.items():
        add(name, code)
    caps_forms = {f.upper() for f in alias if len(f) >= 4 and not f.isupper()}
    events = sorted(_items(data, "event_words"), key=len, reverse=True)
    event_after = re.compile(r"[ \t]+(?:" + "|".join(re.escape(e) for e in events) + r")\b")
    verbs = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in _items(data, "contest_verbs"))
    category = _categories(data["category_nouns"])
    nouns = "|".join(re.escape(n).replace(r"\ ", r"[ \t]+") for n in sorted(category, key=len, reverse=True))
    return Gazetteer(
        definition=re.compile(
            r"(?:^|(?<=[.!?][ \t]))[ \t]*(?:The[ \t]+)?(?P<name>[\"“]?[A-Z0-9][^\n(]{0,80}?)(?:[ \t]*\([^()\n]*\))*"
            r"[ \t]*,?[ \t]+(?:is|was|are|were)[ \t]+(?:a|an|the|one[ \t]+of[ \t]+the)[ \t]+"
            rf"(?:(?!{_NOT_MODIFIER}\b)[\w'’.,-]+[ \t]+){{0,5}}?(?P<noun>{nouns})\b",
            re.M,
        ),
        noun_name=re.compile(
            rf"\b(?:the|a|an)[ \t]+(?:[\w'’-]+[ \t]+){{0,3}}?(?P<noun>{nouns})(?:[ \t]+of)?[ \t]+"
            r"(?P<name>[A-Z][\w'’&-]*(?:[ \t]+[A-Z][\w'’&-]*){0,3})"
        ),
        apposition=re.compile(
            r",[ \t]+(?:a|an|the|(?P<poss>his|her|its|their))[ \t]+"
            rf"(?:(?!{_NOT_MODIFIER}\b)[\w'’.-]+[ \t]+){{0,3}}?(?P<noun>{nouns})"
            rf"(?=[ \t]*[,.;:)\n]|[ \t]+{_APPOSITION_GOES_ON}\b)"
        ),
        contest_after=re.compile(rf"\s+(?:{verbs})\s+[A-Z]"),
        contest_before=re.compile(rf"[A-Z][\w'’.-]*\s+(?:{verbs})\s+$"),
        alias_to_code=alias,
        code_to_name=names,
        ambiguous=frozenset(_items(data, "ambiguous_aliases")),
        misfires=frozenset(x.lower() for x in _items(data, "misfires")),
        not_org_heads=frozenset(_items(data, "not_organization_heads")),
        event_heads=frozenset(_items(data, "event_heads")),
        name_edges=frozenset(_items(data, "name_edges")),
        org_context=frozenset(_items(data, "organization_context")),
        acronym_skip=frozenset(_items(data, "acronym_skip_words")),
        title_words=frozenset(x.lower() for x in _items(data, "title_words")),
        org_suffixes=frozenset(_items(data, "organization_suffixes")),
        company_suffixes=frozenset(_items(data, "company_suffixes")),
        place_words=frozenset(_items(data, "place_words")),
        particles=frozenset(_items(data, "name_particles")),
        leading_particles=frozenset(_items(data, "leading_particles")),
        job_title_heads=frozenset(_items(data, "job_title_heads")),
        date_words=frozenset(_items(data, "date_words")),
        connectors=frozenset(_items(data, "span_connectors")),
        not_team=frozenset(_items(data, "not_team_names")),
        team_roles=frozenset(_items(data, "team_roles")),
        common=frozenset(x.lower() for x in _items(data, "common_words")),
        demonyms=frozenset(_items(data, "demonyms")),
        category=category,
        given_names=frozenset(known["given_names"]),
        place_names=frozenset(known["given_names_that_are_places"]),
        legal_forms=frozenset(f.replace(".", "") for f in known["legal_forms"]) - {""},
        known_places=frozenset(known["places"]) | frozenset(known["subdivisions"]),
        unit_words=frozenset(_items(data, "unit_words")),
        lexicon=_Lexicon(f for f in alias if f[:1].isupper()),
        caps_lexicon=_Lexicon(caps_forms),
        event_after=event_after,
    )


def _mostly_caps(text: str) -> bool:
    """ALL-CAPS text (headlines, datelines, some tables), where case says nothing about names."""
    upper = sum(map(str.isupper, text))
    lower = sum(map(str.islower, text))
    return upper > 0 and upper > _CAPS_SHARE * (upper + lower)


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    text: str
    group: EntityGroup
    code: str | None = None
    weight: int = _W_MODEL
    fixed: bool = False  # typed by layout (table row, dateline): votes, but is not outvoted
    why: tuple[str, ...] = ()  # the evidence that typed this mention, oldest first

    def typed(self, group: EntityGroup, reason: str, **changes: object) -> _Span:
        """The same mention with a new group and the reason appended (spans are never changed)."""
        return replace(self, group=group, why=(*self.why, reason), **changes)  # type: ignore[arg-type]


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][\w'’-]*")


class _Intervals:
    """Sorted (start, end) ranges answering "does [a, b) meet any of them?" in O(log n), whatever
    their lengths: a running maximum of the ends replaces a scan of every earlier range (the
    scan made long newswire files quadratic)."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self.starts = [a for a, _ in ordered]
        self.max_end: list[int] = []
        top = -1
        for _, b in ordered:
            top = max(top, b)
            self.max_end.append(top)

    def meets(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end) - 1  # the last range starting before `end`
        return i >= 0 and self.max_end[i] > start


class DocContext:
    """What every pass may consult about one document: its text, the model's raw spans, the
    ranges of main and trusted text, its sections, the lower-case vocabulary and which lines are
    ALL CAPS. Built once per document and never changed by a pass (the token and caps-line tables
    are memos of the text, filled on first use)."""

    def __init__(
        self,
        doc: Document,
        raw: Sequence[RawEntity],
        scope: Sequence[tuple[int, int]],
        sections: Sequence[Section],
        trusted: Sequence[tuple[int, int]] | None,
        g: Gazetteer,
        skip: frozenset[str] = frozenset(),
    ) -> None:
        self.doc = doc
        self.text = text = doc.text
        self.raw = tuple(raw)
        self.scope = tuple(_merged(text, scope))
        self.sections = tuple(sections)
        self.trusted = None if trusted is None else tuple(sorted(trusted))
        self.g = g
        self.skip = skip
        # a generator, not findall: a long document's word list would cost more than the set
        self.lower_words = frozenset(m.group(0).lower() for m in _LOWER_WORD.finditer(text))
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._caps: dict[int, bool] = {}
        self._tokens: list[tuple[int, str]] | None = None
        self._token_starts: list[int] = []
        self._definitions: list[re.Match[str]] | None = None
        self._scores: bool | None = None

    def definitions(self) -> list[re.Match[str]]:
        """Definitions in the main text ('X is a village in ...'), found once per document."""
        if self._definitions is None:
            # only lines with "is a", "was the" ... can hold one: the full pattern runs on those alone
            lines = {
                self.line_bounds(h.start()) for a, b in self.scope for h in _DEFINITION_HINT.finditer(self.text, a, b)
            }
            self._definitions = [m for a, b in sorted(lines) for m in self.g.definition.finditer(self.text, a, b)]
        return self._definitions

    def has_scores(self) -> bool:
        """Whether the text reports a game's score ("lost 10-7", "won 4-0"): then a plural name
        after 'the' the model calls a place is more likely a team ("the Pirates")."""
        if self._scores is None:
            self._scores = _GAME_SCORE.search(self.text) is not None
        return self._scores

    def on(self, name: str) -> bool:
        """Whether the named pass or rule is switched on for this run."""
        return name not in self.skip

    def capitalised(self, start: int, end: int) -> list[tuple[int, str]]:
        """Capitalised tokens of text[start:end]: found once per document, shared by every look-up."""
        if self._tokens is None:
            self._tokens = [(m.start(), m.group(0)) for m in _CAP_TOKEN.finditer(self.text)]
            self._token_starts = [p for p, _ in self._tokens]
        lo = bisect_right(self._token_starts, start - 1)
        hi = bisect_right(self._token_starts, end - 1)
        return [(p, tok) for p, tok in self._tokens[lo:hi] if p + len(tok) <= end]

    def line_bounds(self, pos: int) -> tuple[int, int]:
        start = self.line_starts[bisect_right(self.line_starts, pos) - 1]
        end = self.text.find("\n", pos)
        return start, end if end != -1 else len(self.text)

    def caps_line(self, pos: int) -> bool:
        start, end = self.line_bounds(pos)
        if start not in self._caps:
            self._caps[start] = _mostly_caps(self.text[start:end])
        return self._caps[start]

    def any_caps(self, start: int, end: int) -> bool:
        """Whether some line of text[start:end] is ALL CAPS (most documents have none)."""
        i = bisect_right(self.line_starts, start) - 1
        while i < len(self.line_starts) and self.line_starts[i] < end:
            if self.caps_line(self.line_starts[i]):
                return True
            i += 1
        return False

    def ordinary_word(self, word: str) -> bool:
        """A word the document also writes in lower case, or a function word: not evidence of a name."""
        w = word.lower().strip(".")
        return w in self.lower_words or w in self.g.common


_Spans = tuple[_Span, ...]
_GAME_SCORE = re.compile(r"(?<![\w.,/-])\d{1,3}-\d{1,3}(?![\w/-]|[.,]\d)")
_DEFINITION_HINT = re.compile(r"[ \t](?:is|was|are|were)[ \t]+(?:a|an|the|one)[ \t]")


@dataclass(frozen=True, slots=True)
class Pass:
    """One named step of the entity stage: spans in, new spans out, nothing else touched."""

    name: str
    run: Callable[[DocContext, _Spans], Iterable[_Span]]


def build_entities(
    doc: Document,
    raw: Sequence[RawEntity],
    scope: Sequence[tuple[int, int]],
    sections: Sequence[Section] = (),
    trusted: Sequence[tuple[int, int]] | None = None,
    *,
    skip: frozenset[str] = frozenset(),
    clock: dict[str, float] | None = None,
) -> Entities:
    """Group, type, merge and count the entities of one document.

    `scope` lists the (start, end) character ranges of main text: matches the model did not make
    (gazetteer, repeated names, table rows) are only looked for inside it. `trusted`, when given,
    lists ranges whose model spans stand on their own; spans outside them (Title Case headings,
    where the model calls every capitalised word a name) are kept only when the same name also
    occurs in trusted text, is a country, or looks like a name (no word of it is an ordinary word).
    `skip` names passes or rules to switch off (see `switchable`); `clock`, when given, gets the
    seconds spent in each pass added under its name.
    """
    ctx = DocContext(doc, raw, scope, sections, trusted, gazetteer(), skip)
    spans: _Spans = ()
    for step in PASSES:
        if step.name in skip:
            continue
        t0 = time.perf_counter() if clock is not None else 0.0
        spans = tuple(step.run(ctx, spans))
        if clock is not None:
            clock[step.name] = clock.get(step.name, 0.0) + time.perf_counter() - t0
    t0 = time.perf_counter() if clock is not None else 0.0
    entities = _group(ctx, spans)
    if clock is not None:
        clock["grouping"] = clock.get("grouping", 0.0) + time.perf_counter() - t0
    return entities


def _merged(text: str, scope: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Adjacent ranges (one line per piece in newswire) as one, so each pass runs once per stretch."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(scope):
        if out and (a <= out[-1][1] or not text[out[-1][1] : a].strip()):
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


# ---------------------------------------------------------------------------------------------
# boundaries


def _clean(text: str, ent: RawEntity, g: Gazetteer) -> list[_Span]:
    if ent.label not in _GROUP_OF_LABEL and ent.label != "NORP":
        return []
    out: list[_Span] = []
    for a, b in _parts(text, ent.start_char, ent.end_char, ent.label, g):
        label = ent.label
        if label == "ORG" and a > ent.start_char and _AT_BEFORE.search(text, ent.start_char, a):
            label = "GPE"  # "the Oder at Krajno", "Kent at Canterbury": the venue after "at" is a place
        out.extend(_clean_part(text, a, b, label, g))
    return out


_AT_BEFORE = re.compile(r"[ \t]at[ \t]+$")


def _parts(text: str, start: int, end: int, label: str, g: Gazetteer) -> Iterable[tuple[int, int]]:
    """Cut a model span where no name can continue: hard breaks, numbers, connecting words."""
    if label == "PERSON" and _NICKNAME.fullmatch(text, start, end):
        yield start, end  # 'Roberto "Hands of Stone" Duran': the nickname is part of the name
        return
    pos = start
    cuts = [(m.start(), m.end()) for m in _HARD_BREAK.finditer(text, start, end)]
    for a, b in [*cuts, (end, end)]:
        if a > pos:
            yield from _split_tokens(text, pos, a, label, g)
        pos = max(pos, b)


def _split_tokens(text: str, start: int, end: int, label: str, g: Gazetteer) -> Iterable[tuple[int, int]]:
    run: list[re.Match[str]] = []
    for m in _NON_SPACE.finditer(text, start, end):
        # "Nordlys Tankers AS and Skarven Offshore Ltd": a legal form closes a company's name, so
        # an "and" after it joins two companies
        closed = label == "ORG" and m.group(0) in ("and", "&") and bool(run) and g.is_legal_form(run[-1].group(0))
        if _breaks(m.group(0), label, g) or closed:
            yield from _edges(run, g)
            run = []
        else:
            run.append(m)
    yield from _edges(run, g)


def _edges(run: list[re.Match[str]], g: Gazetteer) -> Iterable[tuple[int, int]]:
    """A name neither starts nor ends with a lower-case word ("Interfax news agency"), except a
    surname particle in front ("de Silva")."""
    while run and run[-1].group(0)[0].islower():
        run = run[:-1]
    while (
        run
        and run[0].group(0)[0].islower()
        and not _PREFIX.match(run[0].group(0))
        and (run[0].group(0) not in g.leading_particles or len(run) == 1)
    ):
        run = run[1:]
    if run:
        yield run[0].start(), run[-1].end()


def _breaks(tok: str, label: str, g: Gazetteer) -> bool:
    if _NUMBER.match(tok):
        return True  # "Leicestershire 296", "Pohang 3 Ulsan 2": scores and counts sit between names
    if tok[0].islower() and not _PREFIX.match(tok):
        if label == "ORG":
            return tok in g.connectors
        return tok not in g.particles
    return tok.isupper() and tok.lower() in g.connectors  # "ENGLAND BEAT PAKISTAN", "BOSTON AT TEXAS"


def _clean_part(text: str, start: int, end: int, label: str, g: Gazetteer) -> list[_Span]:
    """The name inside text[start:end], typed from the model's label: trimmed, then put through
    the named checks of `_PART_CHECKS` in order; the first check with a verdict decides."""
    start, end = _trimmed(text, start, end)
    part = _Part(text, start, end, text[start:end], label, g)
    for _, check in _PART_CHECKS:
        verdict = check(part)
        if verdict is not None:
            return verdict
    span = _Span(start, end, part.surface, _GROUP_OF_LABEL[label], why=(f"model label {label}",))
    if label == "PRODUCT":
        span = replace(span, code=_NEEDS_CONTEXT)  # a product name survives only as "companies like X"
    return [span]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Punctuation, a leading article, a prefix ("ex-England") and a possessive are not part of a
    name; the full stop of "U.S." and "Inc." is."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    # "U.S.", "Inc." keep their full stop, except at a line's end, where it ends the sentence
    # ("... with TD Securities Inc.")
    at_line_end = text[end + 1 : end + 2] in ("", "\n")
    if end < len(text) and text[end] == "." and not at_line_end and _ABBREVIATION.search(text, start, end + 1):
        end += 1
    elif end < len(text) and text[end] == "." and _LAST_INITIAL.search(text, start, end + 1):
        end += 1  # a lone initial after a name is never a sentence's last word, even at a line's end
    if text[start:end].lower().startswith("the ") and end - start > 4:
        start += 4
    prefix = _PREFIX.match(text, start, end)
    if prefix:
        start = prefix.end()
    if end - start > 2 and text[end - 2] in _APOS and text[end - 1] in "sS":
        end -= 2
    elif end - start > 1 and text[end - 1] in _APOS:
        end -= 1
    return start, end


@dataclass(frozen=True, slots=True)
class _Part:
    """A trimmed piece of a model span, as the boundary checks see it."""

    text: str
    start: int
    end: int
    surface: str
    label: str
    g: Gazetteer

    @property
    def words(self) -> list[str]:
        return self.surface.split()

    def reclean(self, offset: int) -> list[_Span]:
        """The part again from `offset` on (a title or date word taken off its front)."""
        return _clean_part(self.text, offset, self.end, self.label, self.g)


def _check_not_a_name(p: _Part) -> list[_Span] | None:
    """Empty, a known misfire, no capital letter, a demonym, a function word or a numeral."""
    s, g = p.surface, p.g
    if not s or s.lower() in g.misfires or not any(c.isupper() for c in s) or g.is_demonym(s):
        return []
    return [] if _not_a_name(s, g) else None


def _check_country(p: _Part) -> list[_Span] | None:
    """A country name or alias is a country, whatever the model's label; so is the country in
    "Northern Iraq" (a compass word names a part of it, not another place)."""
    code = p.g.country(p.surface)
    if code is None:
        words = p.words
        if len(words) >= 2 and words[0] in _COMPASS:
            rest = p.surface[len(words[0]) :].lstrip()
            code = p.g.country(rest)
            if code is not None:
                a = p.end - len(rest)
                return [_Span(a, p.end, rest, EntityGroup.COUNTRIES, code, why=(f"country after '{words[0]}'",))]
        return None
    return [_Span(p.start, p.end, p.surface, EntityGroup.COUNTRIES, code, why=("country gazetteer",))]


def _check_nationality(p: _Part) -> list[_Span] | None:
    """A nationality or group (NORP) that is not a country name is none of the four groups."""
    return [] if p.label == "NORP" else None


def _check_country_possessive(p: _Part) -> list[_Span] | None:
    """'China's Ministry of Foreign Affairs': a country's possessive is not part of the name."""
    m = _POSSESSIVE_HEAD.match(p.surface)
    if m is None or p.label != "ORG":
        return None
    code = p.g.country(m.group(1))
    if code is None:
        return None
    head = _Span(
        p.start, p.start + len(m.group(1)), m.group(1), EntityGroup.COUNTRIES, code, why=("country gazetteer",)
    )
    return [head, *p.reclean(p.start + m.start(2))]


def _check_event(p: _Part) -> list[_Span] | None:
    """'Hong Kong Open', 'Grand Slam': an event, not an organization or place."""
    words = p.words
    if p.label != "PERSON" and len(words) > 1 and words[-1].title() in p.g.event_heads:
        return []
    if len(words) == 1 and words[0] in p.g.event_heads and _PREV_CAPITAL.search(p.text, max(0, p.start - 40), p.start):
        return []  # "the Kent Senior | Trophy": the model kept only the last word of an event
    return None


def _check_title_off_person(p: _Part) -> list[_Span] | None:
    """'Librarian Helen Marsh', 'Prime Minister Li': the title is not part of the name."""
    if p.label != "PERSON":
        return None
    words = p.words
    for n in (2, 1):
        if len(words) > n and " ".join(words[:n]).lower() in p.g.title_words:
            rest = next((k for k in range(n, len(words)) if not words[k][0].islower()), None)
            if rest is None:
                return []
            return p.reclean(p.start + p.surface.index(words[rest], len(" ".join(words[:n]))))
    return None


_TITLE_OF = re.compile(
    r"^(?P<title>[A-Z][\w.-]*(?:[ \t]+[A-Z][\w.-]*){0,2})[ \t]+of[ \t]+(?:the[ \t]+)?(?P<place>\S.*)$"
)


def _check_title_of_country(p: _Part) -> list[_Span] | None:
    """'Governor General of Canada', 'President of Ruritania': an office of a country names no
    person, organization or place of its own; the country in it is a country."""
    m = _TITLE_OF.match(p.surface)
    if m is None:
        return None
    title = m.group("title").lower()
    if title not in p.g.title_words and title.split()[0] not in p.g.title_words:
        return None
    code = p.g.country(m.group("place"))
    if code is None:
        return None
    a = p.start + m.start("place")
    why = (f"country in an office: '{m.group('title')} of'",)
    return [_Span(a, p.end, m.group("place"), EntityGroup.COUNTRIES, code, why=why)]


def _check_date_off_org(p: _Part) -> list[_Span] | None:
    """'August National Association': a date word in front is not part of the name."""
    words = p.words
    if _GROUP_OF_LABEL[p.label] is EntityGroup.ORGANIZATIONS and len(words) > 1 and words[0] in p.g.date_words:
        return p.reclean(p.start + p.surface.index(words[1], len(words[0])))
    return None


def _check_not_org(p: _Part) -> list[_Span] | None:
    """A plan or programme word, or a portfolio ("Defence" in "Defence Minister"), is no
    organization."""
    if _GROUP_OF_LABEL[p.label] is not EntityGroup.ORGANIZATIONS:
        return None
    words = p.words
    if any(w in p.g.not_org_heads for w in words):
        return []
    nxt = _NEXT_CAPITAL.match(p.text, p.end, p.end + 40)
    if len(words) == 1 and nxt and nxt.group(1) in p.g.job_title_heads:
        return []
    office = _OFFICE_OF.search(p.text, max(0, p.start - 40), p.start)
    if len(words) == 1 and office and office.group(1).lower() in p.g.title_words:
        return []  # "Secretary of State", "Minister of Health": the portfolio of an office
    return None


_OFFICE_OF = re.compile(r"(?<![\w'’-])([A-Z][a-z]+)[ \t]+of[ \t]+(?:the[ \t]+)?$")


def _check_legal_form_ends(p: _Part) -> list[_Span] | None:
    """'Daniels Pharmaceuticals Inc of St. Petersburg': a company's legal form ends its name; what
    follows is where it is."""
    if _GROUP_OF_LABEL[p.label] is not EntityGroup.ORGANIZATIONS:
        return None
    words = list(_NON_SPACE.finditer(p.text, p.start, p.end))
    for a, b in pairwise(words):
        if p.g.is_legal_form(a.group(0)) and b.group(0) == "of":
            return _clean_part(p.text, p.start, a.end(), p.label, p.g)
    return None


def _check_short_person(p: _Part) -> list[_Span] | None:
    """One letter is not a person."""
    return [] if p.label == "PERSON" and len(p.surface) < 2 else None


_PART_CHECKS: tuple[tuple[str, Callable[[_Part], list[_Span] | None]], ...] = (
    ("not a name", _check_not_a_name),
    ("country", _check_country),
    ("nationality", _check_nationality),
    ("country possessive", _check_country_possessive),
    ("event", _check_event),
    ("title off person", _check_title_off_person),
    ("title of a country", _check_title_of_country),
    ("date off organization", _check_date_off_org),
    ("not an organization", _check_not_org),
    ("legal form ends the name", _check_legal_form_ends),
    ("short person", _check_short_person),
)


_ROMAN = re.compile(r"(?:(?:CHAPTER|Chapter|BOOK|Book|PART|Part|VOLUME|Volume)\s+)?[IVXLCDM]+\.?")


def _not_a_name(surface: str, g: Gazetteer) -> bool:
    """A function word ("On") or a numeral ("XXVII", "CHAPTER XLII") is not a name on its own,
    whatever the model says."""
    if " " not in surface and surface.lower() in g.common:
        return True
    return bool(_ROMAN.fullmatch(surface))


def _pass_model_spans(ctx: DocContext, spans: _Spans) -> list[_Span]:
    """The model's spans, cut at boundaries and cleaned (`_clean_part`)."""
    found = (t for ent in ctx.raw for t in _clean(ctx.text, ent, ctx.g))
    if ctx.on("sentence-opening kind word"):
        found = (t for t in found if not _kind_word_opening(ctx, t))
    return [*spans, *found]


_SENTENCE_END = frozenset('.!?:;\n"“')
_MAX_PARTICLES = 2  # "dos", "van der", "de la": longer runs of lower-case words are a sentence
_AND_PAIR = re.compile(r"[ \t]+(?:and|&)[ \t]+")
_MIN_PAIR_REPEATS = 2  # a pair written twice as a unit, and never apart, is one name


def _pass_joined_pairs(ctx: DocContext, spans: _Spans) -> list[_Span]:
    """'Mason and Fielding, the British retailer ... Mason and Fielding runs 300 stores': two
    one-word spans joined by 'and' are one organization's name when the document writes the pair
    as a unit at least twice and neither word alone, and the model calls both organizations;
    'Alice and Bob' (people, and named apart later) stay two."""
    text = ctx.text
    ordered = sorted(spans, key=lambda s: s.start)
    pairs: dict[str, list[tuple[_Span, _Span]]] = defaultdict(list)
    for x, y in pairwise(ordered):
        if (
            x.group is EntityGroup.ORGANIZATIONS
            and y.group is EntityGroup.ORGANIZATIONS
            and " " not in x.text
            and " " not in y.text
            and not x.fixed
            and not y.fixed
            and _AND_PAIR.fullmatch(text, x.end, y.start)
        ):
            pairs[text[x.start : y.end]].append((x, y))
    drop: set[int] = set()
    out: list[_Span] = []
    if ctx.on("particle joins a surname"):
        for x, y in pairwise(ordered):
            # "Joao Pedro | dos | Santos", "Piet van | der | Roest" (the last piece even as ORG): the
            # model cut a person's name at a surname particle
            between = text[x.end : y.start].split()
            if (
                x.group is EntityGroup.PEOPLE
                and y.group in (EntityGroup.PEOPLE, EntityGroup.ORGANIZATIONS)
                and 1 <= len(between) <= _MAX_PARTICLES
                and " " not in y.text
                and all(w in ctx.g.leading_particles for w in between)
                and text[x.end : x.end + 1] == " "
                and id(x) not in drop
            ):
                drop.update((id(x), id(y)))
                why = (*x.why, "surname particle joins the name")
                out.append(_Span(x.start, y.end, text[x.start : y.end], EntityGroup.PEOPLE, why=why))
    for pair, found in pairs.items():
        first, second = found[0][0].text, found[0][1].text
        alone = sum(1 for s in spans if s.text in (first, second))
        if len(found) < _MIN_PAIR_REPEATS or alone != 2 * len(found) or len(found) != text.count(pair):
            continue
        for x, y in found:
            if id(x) in drop or id(y) in drop:
                continue
            drop.update((id(x), id(y)))
            why = ("pair written as one name",)
            out.append(_Span(x.start, y.end, text[x.start : y.end], EntityGroup.ORGANIZATIONS, why=why))
    kept = [s for s in spans if id(s) not in drop] + out
    return _affiliations(ctx, kept) if ctx.on("affiliation after a person") else kept


# "Siti Rahmawati of Bank Nusantara Makmur", "Juan Carlos de la Vega of Grupo Ferrovial Andino":
# two to four capitalised words (surname particles inside) after a person and "of"
_AFFILIATION = re.compile(
    r"[ \t]+of[ \t]+(?:the[ \t]+)?"
    r"([A-Z][\w'’&-]+(?:[ \t]+(?:(?:do|da|de|del|des|di|du|dos|das)[ \t]+)?[A-Z][\w'’&-]+){1,3})"
    r"(?![\w'’-]|[ \t]+[A-Z])"
)


def _affiliations(ctx: DocContext, spans: list[_Span]) -> list[_Span]:
    """A person's organization, named after 'of', where the model saw nothing: a name of two or
    more words that is no country, known place or demonym ('Jan Hollis of New Zealand' stays out)."""
    text, g = ctx.text, ctx.g
    # what a longer affiliation replaces: model pieces strictly inside it ("Companhia Siderurgica"
    # as a person, "Vale" as a place, of "Companhia Siderurgica do Vale")
    pieces = _Intervals((s.start, s.end) for s in spans if s.fixed or s.weight != _W_MODEL)
    found: list[tuple[int, int]] = []
    for s in spans:
        if s.group is not EntityGroup.PEOPLE:
            continue
        m = _AFFILIATION.match(text, s.end)
        if m is None:
            continue
        name = m.group(1)
        a, b = m.span(1)
        if pieces.meets(a, b) or g.country(name) is not None or name in g.known_places or ctx.caps_line(a):
            continue
        words = name.split()
        if g.is_demonym(words[0]) or ctx.ordinary_word(words[0]) or re.search(r"-[a-z]", words[0]):
            continue  # "of British Gas", "of Boston-based Reagan Communications": no name opens there
        if any(g.country(" ".join(words[:k])) is not None for k in range(1, len(words))):
            continue  # "Gold Fields of South Africa Ltd": the "of" is inside the company's name
        inside = [t for t in spans if t.start < b and a < t.end]
        if all(a <= t.start and t.end <= b and t.end - t.start < b - a for t in inside):
            found.append((a, b))
    if not found:
        return spans
    hits = _Intervals(found)
    why = ("affiliation after a person",)
    out = [s for s in spans if not hits.meets(s.start, s.end)]
    out += [_Span(a, b, text[a:b], EntityGroup.ORGANIZATIONS, None, _W_CUE, why=why) for a, b in found]
    return out


def _kind_word_opening(ctx: DocContext, s: _Span) -> bool:
    """'Council leader Ann Riley said ...', 'Committee members voted ...': a lone organization or
    category word opening a sentence, followed by a lower-case word, is capitalised because the
    sentence starts there; it is a common noun, not the name of an organization."""
    word = s.text
    if " " in word or not (word in ctx.g.org_suffixes or word.lower() in ctx.g.category):
        return False
    before = ctx.text[max(0, s.start - 3) : s.start].rstrip(" \t")
    if before and before[-1] not in _SENTENCE_END:
        return False
    return _NEXT_LOWER.match(ctx.text, s.end) is not None


def _pass_corroborate(ctx: DocContext, spans: _Spans) -> _Spans:
    """Spans outside trusted text need the same name in trusted text, or a names-only line."""
    return spans if ctx.trusted is None else tuple(_corroborated(spans, ctx.trusted, ctx))


def _pass_unshout(ctx: DocContext, spans: _Spans) -> list[_Span]:
    """ALL-CAPS lines: ordinary words end names there (`_unshouted`)."""
    return [t for s in spans for t in _unshouted(s, ctx)]


_GIVEN_BEFORE = re.compile(r"([A-Z][a-zà-öø-ÿ'’-]+) $")


def _pass_given_name_before(ctx: DocContext, spans: _Spans) -> list[_Span]:
    """'Moses Mendelssohn' where the model spanned only 'Mendelssohn': a given name right before
    a one-word person belongs to the name."""
    g, text = ctx.g, ctx.text
    ends = {s.end for s in spans}
    out: list[_Span] = []
    for s in spans:
        m = _GIVEN_BEFORE.search(text, max(0, s.start - 30), s.start) if s.group is EntityGroup.PEOPLE else None
        if (
            m is not None
            and " " not in s.text
            and m.group(1) in g.given_names
            and not ctx.ordinary_word(m.group(1))
            and m.start(1) - 1 not in ends
            and not text[m.start(1) - 1 : m.start(1)].isalnum()
        ):
            start = m.start(1)
            s = replace(s, start=start, text=text[start : s.end], why=(*s.why, f"given name before it: '{m.group(1)}'"))
        out.append(s)
    return out


_NICKNAMED = re.compile(
    r"(?<![\w'’])([A-Z][\w'’.-]*)((?:[ \t]+[A-Z][\w'’.-]*){0,2})[ \t]+[\"“][A-Z][^\"“”\n]{0,30}[\"”][ \t]+[A-Z][\w'’-]*"
)


def _pass_nicknamed_people(ctx: DocContext, spans: _Spans) -> list[_Span]:
    """'William Mailes "Cowboy" Cowley': given names, a quoted nickname and a surname are one
    person, however the model cut them."""
    text, g = ctx.text, ctx.g
    found = [
        m.span()
        for a, b in ctx.scope
        for m in _NICKNAMED.finditer(text, a, b)
        if m.group(1) in g.given_names and not ctx.ordinary_word(m.group(1))
    ]
    if not found:
        return list(spans)
    taken = _Intervals(found)
    out = [s for s in spans if not taken.meets(s.start, s.end)]
    why = ("given name, nickname in quotes, surname",)
    out += [_Span(a, b, text[a:b], EntityGroup.PEOPLE, None, _W_STRONG, fixed=True, why=why) for a, b in found]
    return out


_GIVEN_AND_NAME = re.compile(r"(?<![\w'’.-])([A-Z][a-zà-öø-ÿ'’-]+)[ \t]+([A-Z][a-zà-öø-ÿ'’-]+)(?![\w'’-]| [A-Z])")


def _pass_given_name_people(ctx: DocContext, spans: _Spans) -> list[_Span]:
    """'featuring Jared Leto, Shannon Leto': a given name and a capitalised word the model left
    alone are a person, unless either word is an ordinary word, a place or a kind of thing."""
    text, g = ctx.text, ctx.g
    taken = _Intervals((s.start, s.end) for s in spans)
    out = list(spans)
    for a, b in ctx.scope:
        for m in _GIVEN_AND_NAME.finditer(text, a, b):
            first, last = m.group(1), m.group(2)
            if first not in g.given_names or first in g.place_names or taken.meets(*m.span()):
                continue
            if first.lower() in g.title_words:
                continue  # "Governor General": a title, though the names data lists it
            if first.lower() in _ARTICLES and ctx.on("article is no given name"):
                continue
            if (
                ctx.ordinary_word(first)
                or ctx.ordinary_word(last)
                or _names_a_kind(last, g)
                or ctx.caps_line(m.start())
            ):
                continue
            if g.country(last) or g.is_demonym(last) or last in g.known_places or first in g.name_edges:
                continue
            if ctx.on("no demonym or day in a given-name person") and (
                g.is_demonym(first) or first in g.date_words or last in g.date_words or last.rstrip("s") in g.date_words
            ):
                continue  # "French Revolution", "German Christian", "Ruby Tuesday", "From January to June Comelf"
            out.append(_Span(*m.span(), m.group(0), EntityGroup.PEOPLE, why=(f"given name: '{first}'",)))
    return out


def _corroborated(spans: _Spans, trusted: Sequence[tuple[int, int]], ctx: DocContext) -> list[_Span]:
    ranges = list(trusted)

    def inside(s: _Span) -> bool:
        i = bisect_right(ranges, (s.start, float("inf"))) - 1
        return i >= 0 and ranges[i][1] >= s.end

    def names_only_line(s: _Span) -> bool:
        # a line whose capitalised words are all unknown to the document's prose ("2. Ana Lopez
        # (Peru) 52.1") is a list of names; one with capitalised ordinary words is Title Case
        start, end = ctx.line_bounds(s.start)
        words = _WORD.findall(ctx.text, start, end)
        return bool(words) and not any(w[0].isupper() and ctx.ordinary_word(w) for w in words)

    known = {_key(s.text) for s in spans if inside(s)}
    return [
        s for s in spans if s.group is EntityGroup.COUNTRIES or inside(s) or _key(s.text) in known or names_only_line(s)
    ]


def _unshouted(s: _Span, ctx: DocContext) -> list[_Span]:
    """In an ALL-CAPS line case cannot end a name, so ordinary words do: 'SAN MARINO IN' is San
    Marino, 'WESTERN DIVISION' is no name, and 'BASEBALL' in 'BASEBALL - ...' is a section slug."""
    if s.group is EntityGroup.COUNTRIES or not ctx.caps_line(s.start):
        return [s]
    text, g = ctx.text, ctx.g
    words = list(_NON_SPACE.finditer(text, s.start, s.end))

    def ordinary(m: re.Match[str]) -> bool:
        w = m.group(0).strip(_TRIM)
        return ctx.ordinary_word(w) and w.title() not in g.name_edges

    while words and ordinary(words[-1]):
        words.pop()
    while words and ordinary(words[0]):
        words.pop(0)
    if all(m.group(0).strip(_TRIM).title() in g.name_edges or ctx.ordinary_word(m.group(0)) for m in words):
        return []  # "WESTERN DIVISION", "EASTERN": only edge words and ordinary words are left
    start, end = words[0].start(), words[-1].end()
    line_start, _ = ctx.line_bounds(start)
    if len(words) == 1 and not text[line_start:start].strip() and _SLUG_DASH.match(text, end):
        return []
    if (start, end) == (s.start, s.end):
        return [s]
    surface = text[start:end]
    code = g.country(surface)
    if code is not None:
        return [_Span(start, end, surface, EntityGroup.COUNTRIES, code, why=("country gazetteer",))]
    return [replace(s, start=start, end=end, text=surface)]


_SLUG_DASH = re.compile(r"[ \t]*[-–—]")


# ---------------------------------------------------------------------------------------------
# results tables: "Leeds 2 Chelsea 1", "NEW YORK 74 58 .561 -", "Hull v Derby"

_TEAM = r"[A-Z][\w'’.&-]*(?:[ \t]+(?:[A-Z][\w'’.&-]*|de|del|la|di|of))*"
_PAREN = r"(?:[ \t]+\([^)\n]*\))?"
_STANDINGS = re.compile(rf"^[ \t]*({_TEAM}){_PAREN}((?:[ \t]+(?:\d+|\.\d+|\d+\.\d+|\d+/\d+|-)){{3,}})[ \t]*$", re.M)
_SCORE = re.compile(rf"^[ \t]*({_TEAM}){_PAREN}[ \t]+(\d{{1,3}})[ \t]+({_TEAM}){_PAREN}[ \t]+(\d{{1,3}})\b", re.M)
_AT_FIXTURE = re.compile(rf"^[ \t]*({_TEAM})[ \t]+(?:AT|at)[ \t]+({_TEAM})[ \t]*$", re.M)
_FIXTURE = re.compile(rf"^[ \t]*(?:[A-Z]\w*:[ \t]+)?({_TEAM})[ \t]+(?:v|vs\.?)[ \t]+({_TEAM})[ \t]*$", re.M)


def _table_teams(text: str, scope: Sequence[tuple[int, int]], g: Gazetteer) -> list[tuple[int, int]]:
    """Name columns of results and standings rows: a name followed by scores or a season record."""
    found: list[tuple[int, int]] = []
    for a, b in scope:
        for m in _STANDINGS.finditer(text, a, b):
            fields = m.group(2).split()
            if fields[0].isdigit() and fields[1].isdigit():  # wins and losses; "Sales 9.06 9.31" is not a team
                found.append(m.span(1))
        for m in _SCORE.finditer(text, a, b):
            found += [m.span(1), m.span(3)]
        for m in _FIXTURE.finditer(text, a, b):
            found += [m.span(1), m.span(2)]
        for m in _VERSUS_LINE.finditer(text, a, b):
            found.append(m.span(1))
    return [_with_letters(text, s, e) for s, e in found if text[s:e].split()[0].rstrip(".").title() not in g.not_team]


_LETTERS = re.compile(r"[ \t]+\([A-Z]{1,3}\)")


def _with_letters(text: str, start: int, end: int) -> tuple[int, int]:
    """'Mladost (BJ)', 'Proleter (Z)': capital letters in brackets after a team in a results row
    tell two clubs of one name apart and are part of the name."""
    m = _LETTERS.match(text, end)
    return (start, m.end()) if m else (start, end)


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# A fixture list line: "May 17 v Northampton", "July 9 v Minor Counties XI (three days)".
_VERSUS_LINE = re.compile(
    rf"^[ \t]*(?:{_MONTH}[ \t]+\d{{1,2}}(?:-\d{{1,2}})?|\d{{1,2}}(?:-\d{{1,2}})?[ \t]+{_MONTH})[ \t]+v\.?[ \t]+"
    rf"({_TEAM})(?=[ \t]*\(|[ \t]*$)",
    re.M,
)
_DATELINE = re.compile(
    rf"^[ \t]*([A-Z][A-Za-z.'’-]*(?:[ \t]+[A-Z][A-Za-z.'’-]*){{0,3}})(?:,[ \t]*[A-Z][A-Za-z.]*)?[ \t]*,?[ \t]+"
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}[ \t]+\d{{1,2}}\b)",
    re.M,
)


def _datelines(text: str, scope: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The place of a news dateline ("LONDON 1996-08-30", "WASHINGTON, Aug 30 (Reuters) -")."""
    return [m.span(1) for a, b in scope for m in _DATELINE.finditer(text, a, b)]


# "Glamorgan 259 and 207", "Kent 108-3", "Durham 114 (S. Watkin 4-28)": a side's innings total,
# with wickets (one digit after a three-digit total), a second innings or the bowling figures of
# a player named by initial
_INNINGS = re.compile(
    r"(?<![\w.])(?P<name>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)[ \t]"
    r"(?:\d{3}-\d(?=[ \t][(,.;]|$)"
    r"|\d{2,3}[ \t]and[ \t]\d{2,3}(?:-\d)?(?=[ \t]\([A-Z]\.|[,.;]|$)"
    r"|\d{2,3}(?:-\d)?[ \t]\([A-Z]\.)",
    re.M,
)


def _pass_layout_names(ctx: DocContext, spans: _Spans) -> list[_Span]:
    """Names whose type the layout gives away: teams in results tables, the place of a dateline.
    They replace the model's spans they meet (one interval look-up each: linear in the text)."""
    text, g = ctx.text, ctx.g
    found = [(a, b, EntityGroup.ORGANIZATIONS, "results-table row") for a, b in _table_teams(text, ctx.scope, g)]
    # "On April 7, 2004, ..." opens a sentence, not a dateline: a function word names no place
    found += [
        (a, b, EntityGroup.PLACES, "dateline place")
        for a, b in _datelines(text, ctx.scope)
        if text[a:b].lower() not in g.common
    ]
    for a, b in ctx.scope:
        for m in _AT_FIXTURE.finditer(text, a, b):
            if text[m.start(1) : m.end(1)].split()[0].title() not in g.not_team:
                found.append((*m.span(1), EntityGroup.ORGANIZATIONS, "schedule row: the visiting team"))
                found.append((*m.span(2), EntityGroup.PLACES, "schedule row: where the game is played"))
        if ctx.on("innings totals"):
            found += [
                (*m.span("name"), EntityGroup.ORGANIZATIONS, "innings total") for m in _INNINGS.finditer(text, a, b)
            ]
    if not found:
        return list(spans)
    taken = _Intervals((a, b) for a, b, _, _ in found)
    out = [s for s in spans if not taken.meets(s.start, s.end)]
    for a, b, group, reason in found:
        surface = text[a:b]
        code = g.country(surface)
        if code is not None:
            out.append(_Span(a, b, surface, EntityGroup.COUNTRIES, code, why=("country gazetteer",)))
        elif surface.lower() not in g.misfires and surface.split()[0].title() not in g.not_team:
            out.append(_Span(a, b, surface, group, None, _W_STRONG, fixed=True, why=(reason,)))
    return out


_RESULT_NAME = re.compile(
    r"(?:^[ \t]*(?:\d{1,3}[.)]?[ \t]*(?:[-=][ \t]*)?)?|\b(?:beat|bt|v|vs\.?|and)[ \t]+(?:\d{1,3}[ \t]+-[ \t]+)?"
    r"|:[ \t]+\d{1,3}[ \t]+-[ \t]+)"
    r"(?P<name>[A-Z][\w'’.-]*(?:[ \t]+(?:[A-Z][\w'’.-]*|de|van|von|der|da|di|dos|al|el|bin)){1,3})"
    r"[ \t]+\((?P<country>[^()\n]{2,30})\)",
    re.M,
)
# "13 - Walter Little, 12 - Frank Bunce; 11 - Jeff Wilson (Ian Jones, 70)": shirt numbers in a
# team line-up; three on one line make it a line-up (one could be a score or a date range)
_LINEUP_ITEM = re.compile(
    r"(?:^|[,;:(][ \t]*)\d{1,2}[ \t]*-[ \t]+"
    r"(?P<name>[A-Z][\w'’.-]*(?:[ \t]+(?:[A-Z][\w'’.-]*|de|van|von|der|da|di|dos|al|el|bin)){0,3})"
    r"(?=[ \t]*(?:[,;()]|$))",
    re.M,
)
_MIN_LINEUP = 3
# "1. Rolf Sorensen (Denmark) Rabobank 20:36:54", "2. Al Tracy (Canada), Penske Honda, 54.620":
# in a results line the name after the rider's or driver's country is the team, then a time, a
# gap, "same time" or the line's end
_RESULT_TEAM = re.compile(
    r",?[ \t]+([A-Z][\w&'’-]*(?:[ \t]+[A-Z][\w&'’-]*){0,3})"
    r"(?=,[ \t]*\d|[ \t]+\d|[ \t]+(?:same|all|at)\b|[ \t]*$)",
    re.M,
)
_SCORECARD_LINE = re.compile(r"^[ \t]*[A-Z][^\n]*[ \t]\d{1,3}\*?[ \t]*$", re.M)
_DISMISSAL = re.compile(
    r"(?:^|[ \t])(?:c|st|b|c&b|lbw[ \t]+b)[ \t]+([A-Z][\w'’-]+(?:[ \t][A-Z][\w'’-]+)?)(?=[ \t]+(?:b[ \t]|\d))"
)


def _lineup_people(ctx: DocContext, a: int, b: int) -> list[tuple[int, int, str]]:
    """Names after shirt numbers in a line-up line ("15 - Ana Ruiz, 14 - Jo Kell, 13 - Li Wen")."""
    out: list[tuple[int, int, str]] = []
    pos = ctx.text.find("- ", a, b)
    while pos != -1:
        start, end = ctx.line_bounds(pos)
        items = [m for m in _LINEUP_ITEM.finditer(ctx.text, start, end)]
        if len(items) >= _MIN_LINEUP:
            for m in items:
                name = m.group("name")
                end = m.end("name") - (1 if name.endswith(".") and not _LAST_INITIAL.search(name) else 0)
                if ctx.g.country(name) is None and not _names_a_kind(name.split()[-1], ctx.g):
                    out.append((m.start("name"), end, "line-up: shirt number and name"))
        pos = ctx.text.find("- ", max(end, pos + 1), b)
    return out


def _pass_results_people(ctx: DocContext, spans: _Spans) -> list[_Span]:
    """People named by the shape of a results or scorer line: a name with its country in brackets
    at a rank ("5. Ana Lopez (Chile) 3:45.06", "1 - Omar Lund (Egypt) beat ..."), and the bowler
    and fielder of a cricket dismissal ("c Vaas b Chandana 56")."""
    text, g = ctx.text, ctx.g
    found: list[tuple[int, int, str]] = []
    teams: list[tuple[int, int]] = []
    for a, b in ctx.scope:
        for m in _RESULT_NAME.finditer(text, a, b):
            name = m.group("name")
            words = name.split()
            if g.country(m.group("country").strip()) is None or g.country(name) is not None:
                continue
            if any(_names_a_kind(w, g) for w in words) or words[0].title() in g.not_team or g.is_demonym(words[0]):
                continue
            found.append((*m.span("name"), "results line: name (country)"))
            team = _RESULT_TEAM.match(text, m.end(), b)
            if team is not None and ctx.on("results-line teams") and g.country(team.group(1)) is None:
                teams.append(team.span(1))
        if ctx.on("line-up numbers"):
            found.extend(_lineup_people(ctx, a, b))
        for line in _SCORECARD_LINE.finditer(text, a, b):
            for m in _DISMISSAL.finditer(text, line.start(), line.end()):
                if not ctx.ordinary_word(m.group(1).split()[0]) and g.country(m.group(1)) is None:
                    found.append((*m.span(1), "scorecard dismissal"))
    if not found:
        return list(spans)
    taken = _Intervals([(a, b) for a, b, _ in found] + teams)
    out = [s for s in spans if not taken.meets(s.start, s.end)]
    for a, b, reason in found:
        out.append(_Span(a, b, text[a:b], EntityGroup.PEOPLE, None, _W_STRONG, fixed=True, why=(reason,)))
    for a, b in teams:
        why = ("results line: the team after 'name (country)'",)
        out.append(_Span(a, b, text[a:b], EntityGroup.ORGANIZATIONS, None, _W_STRONG, fixed=True, why=why))
    return out


# ---------------------------------------------------------------------------------------------
# countries


def _pass_gazetteer_countries(ctx: DocContext, spans: _Spans) -> list[_Span]:
    """Country names the model missed ("U.S." at a sentence start, "US-China", ALL-CAPS headlines)."""
    g, text = ctx.g, ctx.text
    taken = _Intervals((s.start, s.end) for s in spans)
    known_codes = {s.code for s in spans if s.group is EntityGroup.COUNTRIES}
    out = list(spans)
    why = ("country gazetteer",)
    for a, b in ctx.scope:
        for start, end in g.lexicon.find(ctx, a, b):
            surface = text[start:end]
            if taken.meets(start, end):
                continue
            if (surface in g.ambiguous or surface == "US") and ctx.caps_line(start):
                continue
            code = g.alias_to_code.get(_country_key(surface))
            if code is not None:
                out.append(_Span(start, end, surface, EntityGroup.COUNTRIES, code, why=why))
        if not ctx.any_caps(a, b):
            continue
        for start, end in g.caps_lexicon.find(ctx, a, b):
            surface = text[start:end]
            if taken.meets(start, end) or not ctx.caps_line(start):
                continue
            code = g.country(surface)
            if code is None:
                continue
            # "TURKEY", "CHAD" in a headline are countries only if the body names that country
            if _country_key(surface.title()) in g.ambiguous and code not in known_codes:
                continue
            out.append(_Span(start, end, surface, EntityGroup.COUNTRIES, code, why=why))
    return out


_INITIAL_NAME = re.compile(r"(?<![\w.])[A-Z]\.[ ]?([A-Z][a-z'’][\w'’-]*)")
_CAPS_RUN = re.compile(r"(?<![\w'’.&-])[A-Z][\w&'’.-]*(?:[ \t]+(?:[A-Z][\w&'’.-]*|of|and|for|&)){1,5}")


# a word ending a sentence inside a capitalised run: a full stop after two or more lower-case
# letters ("February."), not an initial or an abbreviation ("J.", "Co.", "U.S.")
_SENTENCE_WORD_END = re.compile(r"[a-z]{2}[.!?]$")


def _pass_suffix_names(ctx: DocContext, spans: _Spans) -> list[_Span]:
    """'-- Luli Popescu, Bucharest Newsroom', 'shares of Kelmby Holdings': a run of capitalised
    words ending in an organization word is an organization, also where the model saw nothing."""
    text, g = ctx.text, ctx.g
    # a product the model saw ("Ironwood Choir" as PRODUCT) is no claim on the run: it survives
    # only with context, and an organization word ending the run is that context
    taken = _Intervals((s.start, s.end) for s in spans if s.code != _NEEDS_CONTEXT)
    out = list(spans)
    for a, b in ctx.scope:
        for m in _CAPS_RUN.finditer(text, a, b):
            words = m.group(0).split()
            cut = next((i for i, w in enumerate(words[:-1]) if _SENTENCE_WORD_END.search(w)), None)
            if cut is not None:
                words = words[cut + 1 :]  # "in February. School boards ...": a sentence ended there
            while words and (words[0].lower() in g.common or words[0] in _TITLE_ARTICLES or words[0] in g.date_words):
                words.pop(0)  # "The", "In", "Sunday": a sentence opener or a date, not part of the name
            ending = words[-1] in g.org_suffixes if words else False
            if ctx.on("category word ends a run") and words and not ending:
                ending = g.category.get(words[-1].lower(), EntityGroup.PLACES) is EntityGroup.ORGANIZATIONS
            if len(words) < 2 or not ending or ctx.caps_line(m.start()):
                continue
            if words[-1] in ("of", "and", "for", "&") or words[0] in ("of", "and", "for", "&"):
                continue
            end = m.end()
            start = end - len(" ".join(words)) if " ".join(words) == text[end - len(" ".join(words)) : end] else -1
            if start < 0 or taken.meets(start, end) or g.country(words[0]) is not None:
                continue
            if ctx.ordinary_word(words[0]):
                continue  # "Local Civic Trust organization": an ordinary word opens a description
            why = (f"organization word ending the name: '{words[-1]}'",)
            out.append(_Span(start, end, text[start:end], EntityGroup.ORGANIZATIONS, None, _W_CUE, why=why))
    return _digit_names(ctx, out) if ctx.on("digit-opening organization") else out


# "4Sight Labs", "9Harbor Foods": a number glued to a capitalised word opens a brand; "8-Point
# Freight Inc.": with a hyphen only before an organization word ("3-Point Shot" is no company)
_DIGIT_NAME = re.compile(
    r"(?<![\w'’.&-])(?:(?P<glued>\d+[A-Z][a-z][\w'’&]*)|\d+-[A-Z][\w'’&]*)"
    r"(?P<rest>(?:[ \t]+[A-Z][\w&'’-]*\.?)+)"
)


# "65th Air Division", "3 Air Division", "4 Air Defense Wing": a number (at most three digits, so
# no year) before two or more capitalised words ending in a unit word is one organization's name
_NUMBERED_UNIT = re.compile(
    r"(?<![\w'’.,&-])\d{1,3}(?:st|nd|rd|th)?[ \t]+(?P<rest>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){1,3})\b"
)


# words after a glued opening ("4Sight Labs") when no organization word ends the run; a longer
# run is a heading or a link text ("883Jia FM Official Website", encyclopedic half A)
_MAX_DIGIT_NAME_TAIL = 2


def _digit_names(ctx: DocContext, spans: list[_Span]) -> list[_Span]:
    """An organization whose name opens with a digit, which the model misses or cuts to its last
    word ('Labs' as a person): it replaces the model's spans inside it."""
    text, g = ctx.text, ctx.g
    found: list[tuple[int, int, str]] = []
    for a, b in ctx.scope:
        for m in _DIGIT_NAME.finditer(text, a, b):
            last = m.group("rest").split()[-1]
            ending = last in g.org_suffixes or last in g.company_suffixes or g.is_legal_form(last)
            short = len(m.group("rest").split()) <= _MAX_DIGIT_NAME_TAIL
            if ((m.group("glued") and short) or ending) and not ctx.caps_line(m.start()):
                why = f"organization word ending the name: '{last}'" if ending else "name opening with a number"
                found.append((m.start(), m.end(), why))
        if ctx.on("numbered unit"):
            for m in _NUMBERED_UNIT.finditer(text, a, b):
                words = m.group("rest").split()
                last = next((i for i in range(len(words) - 1, 0, -1) if words[i] in g.unit_words), 0)
                if last and not ctx.caps_line(m.start()):
                    # "65 Air Division Redesignated ...": the name ends at its unit word
                    end = m.start("rest") + len(" ".join(words[: last + 1]))
                    if text[m.start("rest") : end] == " ".join(words[: last + 1]):
                        found.append((m.start(), end, f"number before a unit word: '{words[last]}'"))
    if not found:
        return spans
    hits = _Intervals((a, b) for a, b, _ in found)
    out = [s for s in spans if s.fixed or not hits.meets(s.start, s.end)]
    taken = _Intervals((s.start, s.end) for s in out)
    for a, b, why in found:
        if not taken.meets(a, b):
            out.append(_Span(a, b, text[a:b], EntityGroup.ORGANIZATIONS, None, _W_CUE, why=(why,)))
    return out


def _pass_initial_names(ctx: DocContext, spans: _Spans) -> list[_Span]:
    """'P. Simmons', 'M. McCague' in scorecards and bylines: an initial and a surname is a person."""
    g, text = ctx.g, ctx.text
    # a product ("Tallis 104" as PRODUCT) or a lone initial ("R." as a nationality) the model cut
    # out of "R. Tallis 104" is no claim on the name
    loose = [s for s in spans if s.code == _NEEDS_CONTEXT or _INITIAL.fullmatch(s.text)]
    if not ctx.on("initial over a cut piece"):
        loose = []
    ids = {id(s) for s in loose}
    taken = _Intervals((s.start, s.end) for s in spans if id(s) not in ids)
    found: list[tuple[int, int]] = []
    for a, b in ctx.scope:
        for m in _INITIAL_NAME.finditer(text, a, b):
            start, end = m.span()
            surname = m.group(1)
            if taken.meets(start, end) or g.is_demonym(surname) or ctx.ordinary_word(surname):
                continue
            if g.country(m.group(0)) is not None or _inside_longer_name(text, start, end, g):
                continue
            found.append((start, end))
    hits = _Intervals(found)
    out = [s for s in spans if id(s) not in ids or not hits.meets(s.start, s.end)]
    why = ("initial and surname",)
    out += [_Span(a, b, text[a:b], EntityGroup.PEOPLE, None, _W_CUE, why=why) for a, b in found]
    return out


_PLAIN_WORD = re.compile(r"[A-Z][a-z]+")


# adjectives only: "West Jersey", "East Timor", "North Korea" are names of their own
_COMPASS = frozenset({"Northern", "Southern", "Eastern", "Western", "Central"})


def _glued_after_name(ctx: DocContext, s: _Span) -> bool:
    """Whether a capitalised word that is not a title, a date word or a sentence opener stands
    right before this country on the same line (outside ALL-CAPS lines)."""
    text, g = ctx.text, ctx.g
    before = _PREV_CAPITAL.search(text, max(0, s.start - 40), s.start)
    if before is None or ctx.caps_line(s.start):
        return False
    word = before.group(1)
    if not _PLAIN_WORD.fullmatch(word):
        return False  # "Hoddle's England", "British-ruled Northern Ireland", "U.S. Navy"
    if word.lower() in g.title_words or word in g.date_words or g.country(word) or g.is_demonym(word):
        return False
    ahead = text[max(0, before.start() - 3) : before.start()].rstrip(" \t")
    return bool(ahead) and ahead[-1] not in '\n.!?:;"“(-–—' and not ctx.ordinary_word(word)


def _glued_before_name(ctx: DocContext, s: _Span) -> bool:
    """Whether a plain capitalised word that is not a title, a date word, a country, a demonym or
    a function word follows this country on the same line, so the country opens a longer name
    ("Bangladesh Liberation War", "MTV Australia Video Music Awards"; the document's own lower-case
    words count here, unlike before a country: "Australia Video"); not in ALL-CAPS lines, and not for
    abbreviations ("U.S." and "UK" modify the next name: "U.S. Labor Day")."""
    g = ctx.g
    if s.text.isupper():
        return False  # "U.S. Labor Day", "UK Edition": an abbreviation is written as a modifier
    after = _NEXT_CAPITAL.match(ctx.text, s.end, s.end + 40)
    if after is None or ctx.caps_line(s.start):
        return False
    word = after.group(1)
    if not _PLAIN_WORD.fullmatch(word):
        return False
    return not (
        word.lower() in g.title_words
        or word in g.date_words
        or g.country(word)
        or g.is_demonym(word)
        or word.lower() in g.common
    )


def _short_forms(spans: _Spans, g: Gazetteer) -> dict[str, dict[str, str]]:
    """Organizations named after a country, without their organization word: 'Australia First'
    for 'Australia First Party', keyed by the country ('Australia')."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for s in spans:
        words = s.text.split()
        if s.group is EntityGroup.ORGANIZATIONS and len(words) >= 3 and words[-1] in g.org_suffixes:
            head = " ".join(words[:-1])
            for n in range(1, len(words) - 1):
                country = " ".join(words[:n])
                if g.country(country) is not None:
                    out[country][head] = s.text
    return out


def _written_alone(text: str, start: int, form: str, full: str) -> bool:
    """Whether the short form stands at `start` on its own, not as the start of the full name."""
    end = start + len(form)
    return text.startswith(form, start) and not text[end : end + 1].isalnum() and not text.startswith(full, start)


_EVENT_OF = re.compile(r"\b(?:Tour|TOUR|Cup|CUP|Games|GAMES)[ \t]+(?:of|OF)[ \t]+(?:the[ \t]+|THE[ \t]+)?$")


def _in_event(ctx: DocContext, s: _Span) -> bool:
    """An event name the plain check misses: shouted in a headline ("U.S. OPEN", "HONG KONG
    OPEN") or naming its country after 'of' ("Tour of the Netherlands")."""
    if _EVENT_OF.search(ctx.text, max(0, s.start - 20), s.start):
        return True
    if not ctx.caps_line(s.start):
        return False
    tail = ctx.text[s.end : s.end + 30]
    return ctx.g.event_after.match(tail.title()) is not None


def _pass_country_modifiers(ctx: DocContext, spans: _Spans) -> list[_Span]:
    """A country inside an event name ("U.S. Open") or a compound ("Hong Kong-based") is not a
    mention; one opening an organization's name ("UK Independence Party") is part of that name."""
    text, g = ctx.text, ctx.g
    orgs = {s.start: s for s in spans if s.group is EntityGroup.ORGANIZATIONS}
    short = _short_forms(spans, g) if ctx.on("country opening a short form") else {}
    joined: set[int] = set()
    out = []
    for s in spans:
        if s.group is EntityGroup.COUNTRIES:
            form = next((f for f in short.get(s.text, ()) if _written_alone(text, s.start, f, short[s.text][f])), None)
            if form is not None:
                end = s.start + len(form)
                why = (f"short form of '{short[s.text][form]}'",)
                out.append(_Span(s.start, end, form, EntityGroup.ORGANIZATIONS, why=why))
                continue
            org = orgs.get(s.end + 1)
            if org is not None and text[s.end] == " " and org.text.split()[-1] in g.org_suffixes:
                joined.add(id(org))
                out.append(_Span(s.start, org.end, text[s.start : org.end], EntityGroup.ORGANIZATIONS, why=org.why))
                continue
            nxt = text[s.end : s.end + 2]
            if len(nxt) == 2 and nxt[0] in "-–" and nxt[1].islower():
                continue
            if g.event_after.match(text, s.end):
                continue
            if ctx.on("country in a shouted or 'Tour of' event") and _in_event(ctx, s):
                continue  # "U.S. OPEN", "Tour of the Netherlands"
            if ctx.on("country inside a name") and _glued_after_name(ctx, s):
                continue  # "Alto Peru", "Badminton Canada's Hall of Fame": part of another name
            if ctx.on("country before a name") and _glued_before_name(ctx, s):
                continue  # "Australia First", "Bangladesh Liberation War"
        out.append(s)
    return [s for s in out if id(s) not in joined]


# ---------------------------------------------------------------------------------------------
# types


def _org_list_cue(text: str, start: int, g: Gazetteer) -> str | None:
    """'companies like X', 'firms such as A, B and X': the names after the cue are organizations."""
    window = text[max(0, start - 120) : start]
    if not any(cue in window for cue in (" like ", " such as ", " including ")):
        return None
    m = _LIST_CUE.search(window)
    return m.group(1).lower() if m is not None and m.group(1).lower() in g.org_context else None


def _title_before(text: str, start: int, g: Gazetteer) -> str | None:
    """'Prime Minister X', 'coach X', 'Mr X': the name after a title is a person."""
    window = text[max(0, start - 40) : start]
    if "\n" in window:
        window = window[window.rfind("\n") + 1 :]
    words = window.split()
    if not words or window[-1:] not in " \t":
        return None
    last = words[-1].rstrip(",").lstrip("(").lower()  # "Our CTO, Priya Raman", "(née Stone)" count too
    two = " ".join(words[-2:]).lower()
    if two in g.title_words:
        return two
    return last if last in g.title_words or _RANK.search(last) else None


_RANK = re.compile(r"-(?:seeded|year-old|time)$")


_LOCATIVE = re.compile(
    r"\b(?:[Ii]n|[Nn]ear|[Oo]utside|[Aa]cross|[Tt]hroughout)\s+(?:[A-Z][\w'’.-]*\s*(?:,|and|or)\s+)*$"
)
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")

_Cue = tuple[EntityGroup | None, int, str]  # group (None: a work or event), weight, reason


@dataclass(frozen=True, slots=True)
class _Near:
    """A mention as the typing cues see it: its span, words and the text just before it."""

    s: _Span
    text: str
    g: Gazetteer
    words: list[str]
    before: str
    ctx: DocContext
    places: _Places | None = None


def _cue_city_team(n: _Near) -> _Cue | None:
    """'Boston Bruins', 'Pittsburgh Pirates', 'Ottawa 67s': a known city followed by one plural
    capitalised word is a sports club."""
    w = n.words
    if len(w) < 2 or not w[-1].endswith("s") or w[-1][-2:-1] in _APOS or not (w[-1][0].isupper() or w[-1][0].isdigit()):
        return None
    place = " ".join(w[:-1])
    if place not in n.g.known_places or w[-1] in n.g.known_places or w[-1].lower() in n.g.category:
        return None
    return EntityGroup.ORGANIZATIONS, _W_CUE, f"city and a plural: '{place} {w[-1]}'"


def _cue_given_name(n: _Near) -> _Cue | None:
    """'Cristiano Citto', 'Emil Habibi': a name of two to four capitalised words that opens with a
    given name (in any language the names data covers) is a person."""
    w, g = n.words, n.g
    if not 2 <= len(w) <= 4 or w[0] not in g.given_names or n.ctx.ordinary_word(w[0]):
        return None
    if w[0].lower() in _ARTICLES and n.ctx.on("article is no given name"):
        return None  # "Le Matin", "El Al", "Der Spiegel": the names data lists them, as names elsewhere
    if w[0] in g.place_names or w[0] in g.name_edges or g.country(w[0]) or g.is_demonym(w[0]):
        return None  # "Boston Red Sox", "West Bank", "German Enlightenment"
    if any(_names_a_kind(x, g) for x in w[1:]):
        return None  # "George Washington University Hospital", "Dow Chemical"
    particle = n.ctx.on("particle inside a given-name person")  # "Germaine de Staël", "Ludwig van Dorn"
    inner = all(x[0].isupper() or (particle and x in g.leading_particles) for x in w[1:-1])
    if not inner or not w[-1][0].isupper() or g.country(w[-1]) is not None:
        return None
    return EntityGroup.PEOPLE, _W_CUE, f"given name: '{w[0]}'"


# Articles of French, Spanish, Arabic, German and Dutch that open names of papers, firms, places
# (not "Les": an English given name too, "Les Ferdinand")
_ARTICLES = frozenset({"le", "la", "el", "der", "die", "das", "den", "des", "het", "de"})


def _names_a_kind(word: str, g: Gazetteer) -> bool:
    """A word that says what kind of thing a name is: 'Hospital', 'Railroad', 'Bros.', 'Cup'."""
    return (
        word.lower() in g.category
        or word in g.org_suffixes
        or word in g.company_suffixes
        or word in g.place_words
        or word in g.event_heads
        or word.rstrip(".") in g.org_suffixes
    )


def _cue_known_place(n: _Near) -> _Cue | None:
    """'Boston', 'Lincolnshire' typed as a person: a known city or subdivision that is not also a
    given name is a place."""
    t = n.s.text
    if n.s.group is not EntityGroup.PEOPLE or t not in n.g.known_places or t.split()[0] in n.g.given_names:
        return None
    return EntityGroup.PLACES, _W_MODEL, "known place (GeoNames / ISO 3166-2)"


def _cue_org_list(n: _Near) -> _Cue | None:
    cue = _org_list_cue(n.text, n.s.start, n.g)
    return None if cue is None else (EntityGroup.ORGANIZATIONS, _W_STRONG, f"listed after '{cue} like'")


def _cue_kind_list(n: _Near) -> _Cue | None:
    """'guitarists such as Tohpati, Ridho and X', 'villages like X', 'bands including X': names
    listed after a plural category noun are of that kind (a work's noun drops them)."""
    window = n.text[max(0, n.s.start - 120) : n.s.start]
    if not any(cue in window for cue in (" like ", " such as ", " including ")):
        return None
    m = _LIST_CUE.search(window)
    if m is None:
        return None
    plural = m.group(1).lower()
    for noun in (plural[:-3] + "y" if plural.endswith("ies") else "", plural[:-2], plural[:-1]):
        if plural.endswith("s") and noun in n.g.category and noun not in _MIXED_KINDS:
            return n.g.category[noun], _W_STRONG, f"listed after '{plural}'"
    return None


# "artists such as Gwen Stefani, Linkin Park and ..." lists singers and bands alike
_MIXED_KINDS = frozenset({"artist"})


def _cue_noun_before(n: _Near) -> _Cue | None:
    """'the band X', 'the village of X', 'American rock band, X', 'the album A Beautiful Lie'.
    The document names the kind outright, so this weighs as much as three model labels (the
    model reads titles of works and small places as people, again and again)."""
    if not n.before[-1:].isspace():
        return None
    words = n.before.split()[-4:]
    if words and words[-1] in _TITLE_ARTICLES:
        words.pop()  # the article opening a title ("the album A Beautiful Lie")
    words = [w.rstrip(",") for w in words]
    of = bool(words) and words[-1] == "of"
    if of:
        words.pop()
    if not words:
        return None
    noun = " ".join(words[-2:])
    if noun not in n.g.category:
        noun = words[-1]
        if noun not in n.g.category:
            return None
    group = n.g.category[noun]
    if of and group is EntityGroup.ORGANIZATIONS and n.ctx.on("organization of a name"):
        return None  # "the jazz band of Al Kavelin": the band is his, he is not the band
    return group, _W_STRONG, f"category noun before the name: '{noun}'"


_TITLE_ARTICLES = frozenset({"A", "An", "The"})


def _cue_quoted(n: _Near) -> _Cue | None:
    """'"Cancer for the Cure" is a single': a whole quoted name is a title of a work."""
    t, a, b = n.text, n.s.start, n.s.end
    if not (t[a - 1 : a] in _OPEN_QUOTES and t[b : b + 1] in _CLOSE_QUOTES):
        return None
    if _PREV_CAPITAL.search(t[max(0, a - 41) : a - 1]) and _NEXT_CAPITAL.match(t, b + 1, b + 41):
        return None  # 'Roberto "Stone" Duran': a nickname inside a person's name, not a title
    return None, _W_STRONG, "quoted title"


_SPACES = re.compile(r"\s+")
_QUOTES = frozenset('"“”')
_OPEN_QUOTES = frozenset('"“')
_CLOSE_QUOTES = frozenset('"”')


def _cue_org_ending(n: _Near) -> _Cue | None:
    w = n.words
    if len(w) >= 2 and (w[-1] in n.g.org_suffixes or w[-1] in n.g.company_suffixes):
        return EntityGroup.ORGANIZATIONS, _W_CUE, f"organization word ending the name: '{w[-1]}'"
    if len(w) >= 2 and n.ctx.on("knowledge: legal forms") and n.g.is_legal_form(w[-1]):
        return EntityGroup.ORGANIZATIONS, _W_CUE, f"legal form ending the name: '{w[-1]}'"
    return None


def _cue_place_ending(n: _Near) -> _Cue | None:
    w = n.words
    if len(w) >= 2 and w[-1] in n.g.place_words:
        return EntityGroup.PLACES, _W_CUE, f"place word ending the name: '{w[-1]}'"
    return None


def _cue_kind_in_name(n: _Near) -> _Cue | None:
    """'Welsh Highland Railway', 'River Mersey', 'Trafalgar Dock': a name that ends or starts
    with a category noun is of that kind (not when it opens with a given name: 'Greg Lake')."""
    w = n.words
    if len(w) < 2 or w[0] in n.g.given_names:
        return None
    # the first word names the kind only as "River Mersey" or "University of Kelmby", not as
    # the modifier of a longer name ("Street Drum Corps")
    opening = len(w) == 2 or w[1] == "of" or not n.ctx.on("category word opens only short names")
    for word in (w[-1], w[0]) if opening else (w[-1],):
        if word.lower() in n.g.category and word[0].isupper():
            group = n.g.category[word.lower()]
            weight = _W_CUE if group is not None else _W_STRONG
            return group, weight, f"category noun in the name: '{word}'"
    return None


def _cue_org_word_before(n: _Near) -> _Cue | None:
    """'the grid operator Energinet', 'carrier Lufthansa', 'our provider, Hetzner'; not when the
    word is capitalised, so the end of another name ("Michigan National Bank, Detroit"), nor before
    a name shaped like a person's ("operator George F. Hauser")."""
    last = [w.rstrip(",") for w in n.before.split()[-1:]] if n.before[-1:] in (" ", "\t") else []
    if not last or not last[0][:1].islower() or last[0] not in n.g.org_context:
        return None
    w = n.words
    if len(w) >= 2 and (w[0] in n.g.given_names or any(_INITIAL.fullmatch(x) for x in w[1:-1])):
        return None
    return EntityGroup.ORGANIZATIONS, _W_CUE, f"organization word before the name: '{last[0]}'"


_INITIAL = re.compile(r"[A-Z]\.")


def _cue_title(n: _Near) -> _Cue | None:
    """'coach X', and 'Justice Hare' (a title opening the span)."""
    title = _title_before(n.text, n.s.start, n.g)
    if title is not None:
        return EntityGroup.PEOPLE, _W_CUE, f"title before the name: '{title}'"
    w = n.words
    if n.s.group is not EntityGroup.ORGANIZATIONS and len(w) >= 2 and w[0].lower() in n.g.title_words:
        return EntityGroup.PEOPLE, _W_CUE, f"title opening the name: '{w[0]}'"
    if (
        len(w) >= 3
        and w[0].lower() in n.g.title_words
        and w[1] in n.g.leading_particles
        and n.ctx.on("title and particle open a person")
    ):
        # "Madame de Vaudrel", "Herr von Alsberg": an organization of that shape would need its
        # own noun ("Duke of Kent's Trust" has "of", no particle)
        return EntityGroup.PEOPLE, _W_CUE, f"title and particle opening the name: '{w[0]} {w[1]}'"
    return None


def _cue_team_role(n: _Near) -> _Cue | None:
    """'Norwich striker Keith O'Neill', 'the former Blackburn and Southampton skipper',
    'Deportivo chairman Augusto Lendoiro': a name followed by a club role is the club."""
    m = _NEXT_LOWER.match(n.text, n.s.end)
    if m is None or m.group(1) not in n.g.team_roles or len(n.words) > 3:
        return None
    return EntityGroup.ORGANIZATIONS, _W_CUE, f"club role after the name: '{m.group(1)}'"


def _cue_apposition(n: _Near) -> _Cue | None:
    """'the Almbach, a small river that ...', 'Mason and Fielding, the British retailer': an
    apposition of an article and a category noun says what the name before it is."""
    m = n.g.apposition.match(n.text, n.s.end)
    if m is None or (m.group("poss") and not n.ctx.on("possessive apposition")):
        return None
    noun = _SPACES.sub(" ", m.group("noun"))
    group = n.g.category[noun]
    return group, _W_STRONG, f"apposition: '{n.text[n.s.end : m.end()].lstrip(', ')}'"


def _cue_place_noun_after(n: _Near) -> _Cue | None:
    """'Charles de Gaulle airport', 'Brixton tube station' ('tube' is skipped), 'the Tarrow
    river': a name right before a lower-case place noun names that place. Only place nouns: after
    a name, 'album' or 'band' say whose ("the Dylan album"), not what the name is."""
    m = _NEXT_LOWER.match(n.text, n.s.end)
    if m is None or n.s.text.isupper():
        return None  # "an ABC town hall", "GOP territory": an acronym names who, not where
    noun = m.group(1)
    if n.g.category.get(noun) is not EntityGroup.PLACES:
        return None
    return EntityGroup.PLACES, _W_CUE, f"place noun after the name: '{noun}'"


_COMMA_REGION = re.compile(r",[ \t]+(?:the[ \t]+)?([A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2})")


def _cue_place_region(n: _Near) -> _Cue | None:
    """'a shopping mall in Cary, North Carolina', 'Elvedon Hall, England': a name the model calls
    a person, followed by a comma and a country or a known region, is a place in it. Not a name
    opening with a given name ("Ernie Els, South Africa" in a results list is a player)."""
    if n.s.group is not EntityGroup.PEOPLE or n.words[0] in n.g.given_names:
        return None  # only against the model's person: "Dynamo Moscow", "Torrejon Air Base, Spain" stay
    m = _COMMA_REGION.match(n.text, n.s.end)
    if m is None:
        return None
    region = m.group(1)
    if n.g.country(region) is None and region not in n.g.known_places:
        return None
    return EntityGroup.PLACES, _W_CUE, f"followed by its region: '{region}'"


def _cue_match_side(n: _Near) -> _Cue | None:
    """'Surrey beat Warwickshire': one-word sides of a match are teams; 'Steffi Graf beat ...'
    stays a person, and so does 'Graf' once her full name is known (name parts come later)."""
    if (len(n.words) == 1 or n.s.group is not EntityGroup.PEOPLE) and (
        n.g.contest_after.match(n.text, n.s.end) or n.g.contest_before.search(n.before)
    ):
        return EntityGroup.ORGANIZATIONS, _W_CUE, "side of a match"
    return None


def _cue_plural_team(n: _Near) -> _Cue | None:
    """'the Brewers', 'the Reds': teams, not people."""
    if n.before[-4:] != "the " or len(n.words) != 1 or not n.s.text.endswith("s"):
        return None
    if n.s.group is EntityGroup.PEOPLE:
        return EntityGroup.ORGANIZATIONS, _W_CUE, "'the' before a plural name"
    if (
        n.s.group is EntityGroup.PLACES
        and n.ctx.on("plural team, not a known place")
        and n.s.text not in n.g.known_places
        and not _LOCATIVE_THE.search(n.before)
        and n.ctx.has_scores()
    ):
        return EntityGroup.ORGANIZATIONS, _W_CUE, "'the' before a plural name, in a text with scores"
    return None


# "in the Balkans", "across the Rockies": a place, whatever the plural
_LOCATIVE_THE = re.compile(r"\b(?:[Ii]n|[Nn]ear|[Aa]cross|[Tt]hroughout|[Oo]utside|[Ii]nto|[Tt]o)[ \t]+the[ \t]+$")


def _cue_initial(n: _Near) -> _Cue | None:
    return (EntityGroup.PEOPLE, _W_CUE, "initial and surname") if _INITIAL_NAME.fullmatch(n.s.text) else None


def _cue_country_in_brackets(n: _Near) -> _Cue | None:
    """'2. Ana Lopez (Peru) 52.10': results lists name people so."""
    if 2 <= len(n.words) <= 4 and _country_in_brackets(n.text, n.s.end, n.g):
        return EntityGroup.PEOPLE, _W_CUE, "country in brackets after the name"
    return None


class _Places:
    """Where the places and countries found so far start and end: what a name listed beside
    them is checked against."""

    def __init__(self, spans: Iterable[_Span]) -> None:
        kinds = (EntityGroup.PLACES, EntityGroup.COUNTRIES)
        spans = tuple(spans)
        self.by_start = {s.start: s.text for s in spans if s.group in kinds}
        self.by_end = {s.end: s.text for s in spans if s.group in kinds}
        self.taken = _Intervals((s.start, s.end) for s in spans)


_BETWEEN_FIRST = re.compile(r"[ \t]+and[ \t]+")
_BETWEEN_SECOND = re.compile(r"\bbetween[ \t]+$")
_BETWEEN_PLACE_AND = re.compile(r"\bbetween[ \t]+([^\n]{1,60}?)[ \t]+and[ \t]+$")


def _cue_between_places(n: _Near) -> _Cue | None:
    """'between Portlow and Saltmere': a name the model calls a person, joined by 'and' to a place
    after 'between', is a place too. Only 'between': in a plain list ("Harte, McLoughlin, ...") a
    wrongly typed neighbour would pass its error on, and a comma also follows a fronted place
    ("In Seattle, Pete Incaviglia homered"); both cost people on newswire."""
    places = n.places
    if n.s.group is not EntityGroup.PEOPLE or places is None:
        return None
    mate: str | None = None
    if _BETWEEN_SECOND.search(n.before):  # between X and <place>
        after = _BETWEEN_FIRST.match(n.text, n.s.end)
        if after is not None:
            mate = places.by_start.get(after.end()) or _bare_name(n, places, after.end(), after.end() + 40)
    else:  # between <place> and X
        m = _BETWEEN_PLACE_AND.search(n.before)
        if m is not None:
            a, b = n.s.start - len(n.before) + m.start(1), n.s.start - len(n.before) + m.end(1)
            mate = places.by_end.get(b) or _bare_name(n, places, a, b)
    if mate is None:
        return None
    return EntityGroup.PLACES, _W_CUE, f"between places, with '{mate}'"


_ONE_NAME = re.compile(r"[A-Z][a-z'’-]+(?![\w'’-])")


def _bare_name(n: _Near, places: _Places, a: int, b: int) -> str | None:
    """One capitalised word at text[a:] (within b) that no pass found, that is no given name and no
    ordinary word: a place the model missed ("between Portlow and Saltmere"); a person there
    ("between Tyson and Holyfield") is found by the model or opens with a given name."""
    m = _ONE_NAME.match(n.text, a, b)
    if m is None or places.taken.meets(*m.span()):
        return None
    word = m.group(0)
    if word in n.g.given_names or n.ctx.ordinary_word(word) or n.g.is_demonym(word):
        return None
    return word


def _cue_locative(n: _Near) -> _Cue | None:
    """'officials in Oslo and Copenhagen'."""
    if (
        n.s.group is not EntityGroup.PEOPLE
        and _LOCATIVE.search(n.before)
        and not _POSSESSIVE_AFTER.match(n.text, n.s.end)
    ):
        return EntityGroup.PLACES, _W_CUE, "after a locative ('in', 'near')"
    return None


_DESIGNATION = re.compile(r"[A-Z]{1,3}-\d{1,4}[A-Za-z]?s?\b")


def _cue_designation(n: _Near) -> _Cue | None:
    """'F-104 Starfighter', 'CH-53 Sea Stallion', 'AK-47s': a name opening with a letters-and-number
    model code is a product, none of the four groups."""
    if _DESIGNATION.fullmatch(n.words[0]):
        return None, _W_STRONG, f"model designation: '{n.words[0]}'"
    if len(n.words) >= 2 and _MODEL_CODE.fullmatch(n.words[-1]) and n.ctx.on("model code ending a name"):
        return None, _W_STRONG, f"model code ending the name: '{n.words[-1]}'"  # "Quill X2", "Aero A320"
    return None


_MODEL_CODE = re.compile(r"[A-Z]{1,2}\d{1,4}[a-z]?")


_ORDINAL_BEFORE = re.compile(r"(?<![\w.])\d{1,3}(?:st|nd|rd|th)[ \t]+$")
_MIN_EDITIONS = 2  # "2nd TraX" and "4th TraX"; one ordinal alone is a unit ("the 65th Air Division")


def _cue_edition(n: _Near) -> _Cue | None:
    """'the 2nd TraX' ... 'after 4th TraX': a name the document counts with two or more different
    ordinals is a series of editions of a work (a game, a release, a festival), none of the four
    groups. A single ordinal is not enough: military units and districts carry one ("65th Air
    Division")."""
    if not _ORDINAL_BEFORE.search(n.before):
        return None
    counted = re.compile(r"(?<![\w.])(\d{1,3})(?:st|nd|rd|th)[ \t]+" + re.escape(n.s.text) + r"(?![\w'’])")
    ordinals = {m.group(1) for m in counted.finditer(n.text)}
    if len(ordinals) < _MIN_EDITIONS:
        return None
    return None, _W_CUE, f"counted edition: {', '.join(sorted(ordinals, key=int))}"


_YEAR_AFTER = re.compile(r"[ \t]+\((?:19|20)\d\d\)")


def _cue_dated_work(n: _Near) -> _Cue | None:
    """'Hollywood Canteen (1944)': a name of two or more words with one year in brackets is a
    film, book or record, none of the four groups (a person's years are a range: "(1729-1786)");
    not when it opens with a given name or is one word: "Max Roser (2019)" and "Roser (2019)" cite
    an author."""
    if len(n.words) < 2 or n.words[0] in n.g.given_names:
        return None  # "Roser (2019)", "Max Roser (2019) found": a citation of an author
    if _YEAR_AFTER.match(n.text, n.s.end):
        return None, _W_CUE, "year in brackets after the name"
    return None


# Evidence from the name's own words or the words just before it; the first that speaks decides
# the mention's vote. Names are what `skip` and `--explain` use.
_CUES: tuple[tuple[str, Callable[[_Near], _Cue | None]], ...] = (
    ("cue: model designation", _cue_designation),
    ("cue: edition ordinal", _cue_edition),
    ("cue: dated work", _cue_dated_work),
    ("cue: organization list", _cue_org_list),
    ("cue: kind list", _cue_kind_list),
    ("cue: category noun before", _cue_noun_before),
    ("cue: apposition", _cue_apposition),
    ("cue: quoted title", _cue_quoted),
    ("cue: organization ending", _cue_org_ending),
    ("cue: place ending", _cue_place_ending),
    ("cue: category word in the name", _cue_kind_in_name),
    ("cue: organization word before", _cue_org_word_before),
    ("cue: club role after", _cue_team_role),
    ("cue: place noun after", _cue_place_noun_after),
    ("cue: place, region", _cue_place_region),
    ("cue: title", _cue_title),
    ("cue: match side", _cue_match_side),
    ("cue: plural team", _cue_plural_team),
    ("cue: initial", _cue_initial),
    ("cue: country in brackets", _cue_country_in_brackets),
    ("cue: locative", _cue_locative),
    ("cue: between places", _cue_between_places),
    ("knowledge: city team", _cue_city_team),
    ("knowledge: given name", _cue_given_name),
    ("knowledge: place", _cue_known_place),
)


def _cue(s: _Span, ctx: DocContext, places: _Places | None = None) -> _Cue | None:
    near = _Near(s, ctx.text, ctx.g, s.text.split(), ctx.text[max(0, s.start - 60) : s.start], ctx, places)
    for name, rule in _CUES:
        if ctx.on(name):
            found = rule(near)
            if found is not None:
                return found
    return None


_BRACKETED = re.compile(r"[ \t]*\(([^()\n]{2,40})\)")


def _country_in_brackets(text: str, end: int, g: Gazetteer) -> bool:
    m = _BRACKETED.match(text, end)
    return m is not None and g.country(m.group(1).strip()) is not None


def _definitions(ctx: DocContext) -> dict[str, _Cue]:
    """'X is a village in ...', 'X was a German novelist': what the document says its names are,
    by name key (the first definition of a name wins)."""
    out: dict[str, _Cue] = {}
    if not ctx.on("context: definition"):
        return out
    for m in ctx.definitions():
        whole = m.group("name").strip(' \t"“”')
        noun = _definition_noun(m, ctx)
        names = [whole]
        if " or " in whole and ctx.on("definition alternatives"):
            names = [part.strip() for part in whole.split(" or ")]  # "Agotes or Cagots were a minority"
        for name in names:
            if name and _looks_like_name(name, ctx.g):
                out.setdefault(_key(name), (ctx.g.category[noun], _W_DEFINITION, f"definition: '{whole} is a {noun}'"))
    return out


_NEXT_LOWER = re.compile(r"[ \t]+([a-z][\w-]*)")


def _definition_noun(m: re.Match[str], ctx: DocContext) -> str:
    """The category noun a definition states: the head of its noun phrase, so 'a publicity street
    team' is a team, not a street (a category noun right after the matched one is the head)."""
    noun = _SPACES.sub(" ", m.group("noun"))
    if not ctx.on("definition head noun"):
        return noun
    nxt = _NEXT_LOWER.match(ctx.text, m.end("noun"))
    if nxt is not None and nxt.group(1) in ctx.g.category:
        return nxt.group(1)
    return noun


def _looks_like_name(name: str, g: Gazetteer) -> bool:
    """Every word capitalised or a digit, or a short joining word ("30 Seconds to Mars"); a lone
    pronoun or function word ("It was the second league ...") names nothing."""
    words = name.split()
    if len(words) == 1 and words[0].lower() in g.common:
        return False
    return len(words) <= 8 and all(
        w[0].isupper() or w[0].isdigit() or w in g.connectors or w in _JOINERS for w in words
    )


_JOINERS = frozenset(
    {"of", "the", "to", "and", "de", "du", "des", "la", "le", "von", "van", "der", "den", "di", "da", "&"}
)


def _pass_vote(ctx: DocContext, spans: _Spans) -> list[_Span]:
    """One type per name within a document: the weighted majority of its mentions' evidence, and
    of what the document says the name is (a definition). A name whose evidence says work or
    event (album, game, quoted title) is none of the four groups and is dropped."""
    votes: dict[str, Counter[EntityGroup | None]] = defaultdict(Counter)
    stated = _definitions(ctx)
    places = _Places(spans)
    for key, (group, weight, _) in stated.items():
        votes[key][group] += weight
    cued: list[_Span] = []
    for s in spans:
        if s.group is not EntityGroup.COUNTRIES:
            cue = _cue(s, ctx, places) if not s.fixed and s.weight == _W_MODEL else None
            if cue is not None:
                group, weight, reason = cue
                code = None if s.code == _NEEDS_CONTEXT and weight == _W_STRONG else s.code
                if group is None:
                    s = replace(s, weight=weight, why=(*s.why, reason))
                    votes[_key(s.text)][None] += weight
                else:
                    s = s.typed(group, reason, weight=weight, code=code)
            if s.code != _NEEDS_CONTEXT and (cue is None or cue[0] is not None):
                # a results row or line-up states how this document uses the name, as a definition does
                layout = s.fixed and ctx.on("layout states the type")
                votes[_key(s.text)][s.group] += _W_DEFINITION if layout else s.weight
        cued.append(s)
    out: list[_Span] = []
    for s in cued:
        if s.code == _NEEDS_CONTEXT:
            continue
        if s.group is not EntityGroup.COUNTRIES and not s.fixed:
            key = _key(s.text)
            v = votes[key]
            best = max(v.values())
            winner = next(grp for grp in _PREFERENCE if v[grp] == best)
            if winner is None:
                continue
            if len(v) > 1 or winner is not s.group:
                tally = ", ".join(f"{grp.value if grp else 'work'} {n}" for grp, n in v.most_common())
                s = s.typed(winner, f"document vote: {tally}")
            if key in stated:
                s = replace(s, why=(*s.why, stated[key][2]))
        out.append(s)
    return out


def _pass_noun_names(ctx: DocContext, spans: _Spans) -> list[_Span]:
    """'the South Korean company Amuseworld', 'the village of Kelmby': a capitalised name right
    after a category noun is a name of that kind, also where the model saw none."""
    text, g = ctx.text, ctx.g
    taken = _Intervals((s.start, s.end) for s in spans)
    out = list(spans)
    for a, b in ctx.scope:
        for m in g.noun_name.finditer(text, a, b):
            noun = _SPACES.sub(" ", m.group("noun"))
            group = g.category[noun]
            start, end = m.span("name")
            name = text[start:end]
            if group is None or taken.meets(start, end) or ctx.ordinary_word(name.split()[0]):
                continue
            of_name = text[m.start() : m.start("name")].rstrip().endswith(" of")
            if group is EntityGroup.ORGANIZATIONS and of_name and ctx.on("organization of a name"):
                continue  # "the jazz band of Al Kavelin": the band is his
            if g.country(name) is not None or g.is_demonym(name) or name.lower() in g.misfires:
                continue
            if name.split()[0] in g.date_words:
                continue  # "reported it to the police station Monday": a date, not the station's name
            out.append(_Span(start, end, name, group, None, _W_CUE, why=(f"category noun before the name: '{noun}'",)))
    return out


def _pass_defined_names(ctx: DocContext, spans: _Spans) -> list[_Span]:
    """Every occurrence of a name the document defines ('30 Seconds to Mars is a rock band') is a
    mention of it, also where the model saw only a piece ('Mars') or nothing at all; the vote then
    types it from the definition."""
    text = ctx.text
    found: list[tuple[int, int, str]] = []
    for m in ctx.definitions():
        start, end = m.span("name")
        while start < end and text[start] in _OPEN_QUOTES:
            start += 1
        while end > start and text[end - 1] in ' \t"”':
            end -= 1
        name = text[start:end]
        if any(q in name for q in _QUOTES):
            continue  # '"Diamond" Carlo Citrone': a nickname in front, not part of the name
        if ctx.g.category[_definition_noun(m, ctx)] is None:
            continue
        parts = [(start, end)]
        if " or " in name and ctx.on("definition alternatives"):  # "I Wayan Sudi or Wayan Sudi is a ..."
            cut = name.index(" or ")
            parts = [(start, start + cut), (start + cut + 4, end)]
        for a, b in parts:
            if _looks_like_name(text[a:b], ctx.g):
                found.append((a, b, text[a:b]))
    if not found or not ctx.on("context: definition"):
        return list(spans)
    names = {name for _, _, name in found if ctx.g.country(name) is None}
    hits: list[tuple[int, int]] = []
    for name in names:
        for a, b in ctx.scope:
            pos = text.find(name, a, b)
            while pos != -1:
                end = pos + len(name)
                glued = text[pos - 1 : pos].isalnum() or text[end : end + 1].isalnum()
                if not glued and not _NEXT_CAPITAL.match(text, end, end + 40):  # not "... Laboratory Symposium"
                    hits.append((pos, end))
                pos = text.find(name, end, b)
    inside = _Intervals(hits)
    out = [s for s in spans if not (inside.meets(s.start, s.end) and not _covers(s, hits))]
    taken = _Intervals((s.start, s.end) for s in out)
    for start, end in sorted(set(hits)):
        if not taken.meets(start, end):
            out.append(
                _Span(start, end, text[start:end], EntityGroup.ORGANIZATIONS, why=("name defined in the document",))
            )
    return out


def _covers(s: _Span, hits: Sequence[tuple[int, int]]) -> bool:
    """Whether the span is at least as long as the defined-name occurrence it meets."""
    return any(a >= s.start and b <= s.end for a, b in hits if a < s.end and s.start < b)


_PREFERENCE = (EntityGroup.ORGANIZATIONS, EntityGroup.PEOPLE, EntityGroup.PLACES, EntityGroup.COUNTRIES, None)


def _person_parts(spans: Iterable[_Span], g: Gazetteer) -> dict[str, str]:
    """Given name and surname of each full person name -> that full name."""
    parts: dict[str, str] = {}
    for s in spans:
        words = s.text.split()
        if s.group is EntityGroup.PEOPLE and len(words) >= 2:
            for w in (words[0], words[-1]):
                if len(w) >= 2 and w[0].isupper() and w.lower() not in g.particles and not w.endswith("."):
                    parts.setdefault(w.lower(), s.text)
    return parts


def _company_heads(spans: Iterable[_Span], g: Gazetteer) -> dict[str, str]:
    """First word of each company name with a company ending -> that name."""
    heads: dict[str, str] = {}
    for s in spans:
        words = s.text.split()
        if (
            s.group is EntityGroup.ORGANIZATIONS
            and len(words) >= 2
            and words[-1] in g.company_suffixes
            and words[0][0].isupper()
            and words[0] not in g.company_suffixes
        ):
            heads.setdefault(words[0].lower(), s.text)
    return heads


_COUNTED = re.compile(r"(?<![\w.])\d+[ \t]+([A-Z]{2,5})(?:['’]s|s)(?![\w'’])")


def _pass_name_parts(ctx: DocContext, spans: _Spans) -> list[_Span]:
    """A lone word that is part of a full name found in the same document takes that name's type,
    whatever the model called it: 'Lebed' after 'Alexander Lebed', 'Jordan' after 'Neil Jordan',
    'Pirelli' after 'Pirelli SpA'. An unambiguous country name stays a country."""
    g = ctx.g
    people = _person_parts(spans, g)
    companies = _company_heads(spans, g)
    shared = people.keys() & companies.keys()
    if shared:
        # "Pirelli SpA" and "Pirelli Cables" (a person to the model): a full name padded with an
        # ordinary word is the company's; a real full name ("Henry Ford") keeps the word a person
        padded: set[str] = set()
        for s in spans:
            if s.group is EntityGroup.PEOPLE:
                words = s.text.split()
                for word in shared.intersection(w.lower() for w in words):
                    if any(ctx.ordinary_word(w) for w in words if w.lower() != word):
                        padded.add(word)
        for word in shared:
            (people if word in padded else companies).pop(word)
    # "Women's singles", "Stadium": a lone ordinary word is no one, and a bare title ("Lord",
    # "Countess") is nothing, unless a full name in the document ends in it ("John Major")
    # "34 KO's", "12 RPOs": an abbreviation the document counts is a common noun, not a name
    counted = {m.group(1) for m in _COUNTED.finditer(ctx.text)} if ctx.on("counted abbreviation") else set()
    kept = [
        s
        for s in spans
        if (s.text not in counted or s.group is EntityGroup.COUNTRIES)
        and (
            " " in s.text
            or s.group is EntityGroup.COUNTRIES
            or s.text.lower() in people
            or not (s.text.lower() in g.title_words or (s.group is EntityGroup.PEOPLE and ctx.ordinary_word(s.text)))
        )
    ]
    if not people and not companies:
        return kept
    # "the town of Zandvoort" beside "Park Zandvoort" (a person to the model): a word the
    # document itself says the kind of (a category noun before it) keeps that kind
    stated = (
        {s.text.lower() for s in kept if s.weight >= _W_STRONG and " " not in s.text}
        if ctx.on("stated kind holds")
        else set()
    )
    out: list[_Span] = []
    for s in kept:
        word = s.text.lower()
        if s.fixed or " " in s.text or (word not in people and word not in companies) or word in stated:
            out.append(s)
            continue
        target, full = (
            (EntityGroup.PEOPLE, people[word]) if word in people else (EntityGroup.ORGANIZATIONS, companies[word])
        )
        if s.group is target or (
            s.group is EntityGroup.COUNTRIES and s.text not in g.ambiguous and s.text.title() not in g.ambiguous
        ):
            out.append(s)
            continue
        out.append(s.typed(target, f"part of the full name '{full}'", code=None))
    return out


# ---------------------------------------------------------------------------------------------
# recall: the same name elsewhere in the document


def _pass_propagate(ctx: DocContext, spans: _Spans) -> list[_Span]:
    """Tag the untagged repeats of a name already found (and a found person's surname)."""
    g, text = ctx.g, ctx.text
    forms: dict[str, EntityGroup | None] = {}

    def offer(form: str, group: EntityGroup) -> None:
        if len(form) < _MIN_PROPAGATED or not form[0].isupper() or form.lower() in g.misfires:
            return
        if g.country(form) is not None or g.is_demonym(form):
            return
        if " " not in form and (ctx.ordinary_word(form) or form.lower() in g.title_words):
            return
        forms[form] = group if forms.get(form, group) is group else None

    for s in spans:
        if s.group is not EntityGroup.COUNTRIES:
            offer(s.text, s.group)
    for s in spans:
        words = s.text.split()
        if s.group is EntityGroup.PEOPLE and len(words) >= 2 and not words[-1].endswith("."):
            offer(words[-1], EntityGroup.PEOPLE)  # the surname alone: "Lebed" after "Alexander Lebed"
    usable = {f: grp for f, grp in forms.items() if grp is not None}
    if not usable:
        return list(spans)
    mixed = _Lexicon(usable)
    caps_forms = {f.upper(): grp for f, grp in usable.items() if not f.isupper() and len(f) >= 4}
    caps = _Lexicon(caps_forms)
    taken = _Intervals((s.start, s.end) for s in spans)
    out = list(spans)
    for a, b in ctx.scope:
        for start, end in mixed.find(ctx, a, b, hyphen_ok=False):
            if text[start - 1 : start] == "-" or taken.meets(start, end) or ctx.caps_line(start):
                continue
            if _inside_longer_name(text, start, end, g):
                continue
            surface = text[start:end]
            out.append(_Span(start, end, surface, usable[surface], why=(f"repeat of the name '{surface}'",)))
        if not caps or not ctx.any_caps(a, b):
            continue
        for start, end in caps.find(ctx, a, b):
            if taken.meets(start, end) or not ctx.caps_line(start):
                continue
            surface = text[start:end]
            out.append(_Span(start, end, surface, caps_forms[surface], why=("repeat of a name, in capitals",)))
    return out


def _inside_longer_name(text: str, start: int, end: int, g: Gazetteer) -> bool:
    """A repeat glued to other capitalised words ("Wang" in "Wang Dan") is part of another name."""
    after = _NEXT_CAPITAL.match(text, end, end + 40)
    if after:
        return True
    before = _PREV_CAPITAL.search(text[max(0, start - 40) : start])
    if before is None:
        return False
    word = before.group(1)
    if word.lower() in g.title_words:
        return False
    ahead = text[max(0, start - 40) : start - len(before.group(0))].rstrip(" \t")
    sentence_start = not ahead or ahead[-1] in '\n.!?:;"“(' or "\n" in text[start - len(before.group(0)) - 1 : start]
    return not sentence_start


# ---------------------------------------------------------------------------------------------
# acronyms, overlaps, grouping


def _initials(name: str, g: Gazetteer) -> str:
    words = [w for w in _SPACE_OR_HYPHEN.split(name) if w and w.lower() not in g.acronym_skip]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


_ACRONYM = re.compile(r"(?<![\w.])[A-Z]{2,6}(?![\w])")


_ABBR_AFTER = re.compile(r"[ \t]*\(([A-Z][A-Z0-9&]{1,9})\)")


def _defined_abbreviations(spans: Iterable[_Span], text: str) -> dict[str, str]:
    """'Norwegian Water Resources and Energy Directorate (NVE)': the bracketed capitals name the
    organization before them, whatever its initials."""
    out: dict[str, str] = {}
    for s in spans:
        if s.group is EntityGroup.ORGANIZATIONS and " " in s.text:
            m = _ABBR_AFTER.match(text, s.end)
            if m:
                out.setdefault(m.group(1), s.text)
    return out


def _pass_acronyms(ctx: DocContext, spans: _Spans) -> list[_Span]:
    """Find acronyms of multi-word organizations in the text ("FT" once "Financial Times" occurs),
    and bracketed abbreviations defined after one ("... Directorate (NVE)")."""
    g, text = ctx.g, ctx.text
    wanted: dict[str, str] = _defined_abbreviations(spans, text)
    for s in spans:
        if s.group is EntityGroup.ORGANIZATIONS and len(s.text.split()) >= 2:
            ini = _initials(s.text, g)
            if 2 <= len(ini) <= 6:
                wanted.setdefault(ini, s.text)
    if not wanted:
        return list(spans)
    taken = _Intervals((s.start, s.end) for s in spans)
    out = list(spans)
    for a, b in ctx.scope:
        for m in _ACRONYM.finditer(text, a, b):
            abbr = m.group(0)
            if abbr not in wanted or taken.meets(m.start(), m.end()) or ctx.caps_line(m.start()):
                continue
            out.append(
                _Span(m.start(), m.end(), abbr, EntityGroup.ORGANIZATIONS, why=(f"acronym of '{wanted[abbr]}'",))
            )
    return out


def _drop_overlaps(spans: Iterable[_Span]) -> list[_Span]:
    """The earliest (then longest) of overlapping spans wins."""
    out: list[_Span] = []
    last_end = -1
    for s in spans:
        if s.start >= last_end:
            out.append(s)
            last_end = s.end
    return out


def _key(name: str) -> str:
    t = name.replace("’", "'").lower()
    if t.startswith("the "):
        t = t[4:]
    t = _DOTS_SPACES.sub(" ", t).strip()
    return t


@dataclass
class _Cluster:
    group: EntityGroup
    code: str | None
    names: Counter[str] = field(default_factory=Counter)
    spans: list[_Span] = field(default_factory=list)


def _group(ctx: DocContext, found: _Spans) -> Entities:
    """Merge the spans into entities: one per (group, name), then acronyms and name parts with
    the names they stand for; each entity keeps the evidence that typed its mentions."""
    doc, g = ctx.doc, ctx.g
    spans = _drop_overlaps(sorted(found, key=lambda s: (s.start, -s.end)))
    defined = _defined_abbreviations(spans, doc.text)
    clusters: dict[tuple[EntityGroup, str], _Cluster] = {}
    for s in spans:
        key = (s.group, s.code if s.group is EntityGroup.COUNTRIES and s.code else _key(s.text))
        c = clusters.setdefault(key, _Cluster(s.group, s.code))
        c.names[s.text] += 1
        c.spans.append(s)
    _merge_acronyms(clusters, g, defined)
    _merge_partial_names(clusters, g if ctx.on("legal form names the company") else None)
    if ctx.on("short form of an organization"):
        _merge_short_forms(clusters, g)
    if ctx.on("opens a place's name"):
        _merge_place_openers(clusters, doc.text)
    if ctx.on("short form of a place"):
        _merge_place_short_forms(clusters, g)
    where = _innermost_sections((s.start for s in spans), ctx.sections)
    by_group: dict[EntityGroup, list[Entity]] = defaultdict(list)
    for (group, _), c in clusters.items():
        mentions = tuple(
            Mention(doc.text[s.start : s.end], s.start, s.end, doc.line_of(s.start))
            for s in sorted(c.spans, key=lambda s: s.start)
        )
        if group is EntityGroup.COUNTRIES and c.code:
            name = g.code_to_name.get(c.code, c.names.most_common(1)[0][0])
        else:
            name = _canonical(c.names)
        aliases = tuple(sorted({n for n in c.names if n != name}))
        by_group[group].append(
            Entity(
                name=name,
                group=group,
                code=c.code if group is EntityGroup.COUNTRIES else None,
                count=len(mentions),
                aliases=aliases,
                mentions=mentions,
                sections=tuple(dict.fromkeys(where[m.start_char] for m in mentions if m.start_char in where)),
                why=_reasons(c.spans),
            )
        )
    ordered = {grp: tuple(sorted(v, key=lambda e: (-e.count, e.name))) for grp, v in by_group.items()}
    return Entities(
        countries=ordered.get(EntityGroup.COUNTRIES, ()),
        organizations=ordered.get(EntityGroup.ORGANIZATIONS, ()),
        people=ordered.get(EntityGroup.PEOPLE, ()),
        places=ordered.get(EntityGroup.PLACES, ()),
    )


def _reasons(spans: Iterable[_Span]) -> tuple[str, ...]:
    """The distinct evidence behind an entity's type, most decisive first: the document vote,
    then layout and cues, then the model's labels; at most `_MAX_REASONS`."""
    seen: Counter[str] = Counter(r for s in spans for r in s.why)

    def rank(r: str) -> tuple[int, int]:
        order = 0 if r.startswith("document vote") else 2 if r.startswith("model label") else 1
        return order, -seen[r]

    return tuple(sorted(seen, key=rank)[:_MAX_REASONS])


def _canonical(names: Counter[str]) -> str:
    """The longest spelling that was used (full names beat acronyms and surnames), then the most
    used; a mixed-case spelling beats an ALL-CAPS one (headlines shout)."""
    return max(names, key=lambda n: (len(n.split()) > 1, not n.isupper() or len(n) <= 5, names[n], len(n)))


def _merge_acronyms(clusters: dict[tuple[EntityGroup, str], _Cluster], g: Gazetteer, defined: dict[str, str]) -> None:
    full: dict[str, tuple[EntityGroup, str]] = {}
    definer = {name: abbr for abbr, name in defined.items()}
    for key, c in clusters.items():
        if c.group is EntityGroup.ORGANIZATIONS:
            for n in c.names:
                if n in definer:
                    full[definer[n]] = key
                if len(n.split()) >= 2:
                    ini = _initials(n, g)
                    if len(ini) >= 2:
                        full.setdefault(ini, key)
    for key in list(clusters):
        c = clusters[key]
        if c.group is EntityGroup.COUNTRIES:
            continue
        names = list(c.names)
        if len(names) == 1 and re.fullmatch(r"[A-Z]{2,6}", names[0].replace(".", "")):
            target = full.get(names[0].replace(".", ""))
            if target is not None and target != key and target in clusters:
                _absorb(clusters, target, key)


def _merge_partial_names(clusters: dict[tuple[EntityGroup, str], _Cluster], g: Gazetteer | None = None) -> None:
    """A one-word person mention joins the only multi-word person whose first or last word it is;
    a one-word organization joins the only longer organization it opens. Owners are indexed by
    word, so a long document with thousands of names stays linear."""
    owners: dict[str, set[tuple[EntityGroup, str]]] = defaultdict(set)
    for key, c in clusters.items():
        words = key[1].split()
        if c.group is EntityGroup.PEOPLE and len(words) >= 2:
            owners[words[0]].add(key)
            owners[words[-1]].add(key)
    for key in [k for k, c in clusters.items() if c.group is EntityGroup.PEOPLE]:
        if key in clusters and len(key[1].split()) == 1:
            found = [f for f in owners.get(key[1], ()) if f in clusters]
            if len(found) == 1:
                _absorb(clusters, found[0], key)
    openers: dict[str, set[tuple[EntityGroup, str]]] = defaultdict(set)
    for key, c in clusters.items():
        if c.group is EntityGroup.ORGANIZATIONS:
            openers[key[1].split()[0] if key[1] else ""].add(key)
    for key in [k for k, c in clusters.items() if c.group is EntityGroup.ORGANIZATIONS]:
        if key in clusters and len(key[1].split()) == 1:
            found = [f for f in openers.get(key[1], ()) if f in clusters and f != key]
            if len(found) > 1 and g is not None:
                # "Nexora" beside "Nexora Inc." and its unit "Nexora Labs": the legal form names the company
                found = [f for f in found if all(w in g.legal_forms for w in f[1].split()[1:])]
            if len(found) == 1:
                _absorb(clusters, found[0], key)


def _merge_place_openers(clusters: dict[tuple[EntityGroup, str], _Cluster], text: str) -> None:
    """A one-word "person" no full person name accounts for, that opens the only multi-word place
    of the document, is that place used as a modifier ("Holm Island" ... "the Holm landing"): the
    model types a lone capitalised word as a person, the document itself names it a place. Not
    when one of its mentions speaks ("Lindsey said"): a place does not talk."""
    people_words = {w for (group, name) in clusters if group is EntityGroup.PEOPLE for w in name.split()[1:]}
    openers: dict[str, list[tuple[EntityGroup, str]]] = defaultdict(list)
    for key in clusters:
        words = key[1].split()
        if len(words) >= 2 and key[0] is not EntityGroup.PEOPLE:
            openers[words[0]].append(key)
    for key in [k for k in clusters if k[0] is EntityGroup.PEOPLE and len(k[1].split()) == 1]:
        found = openers.get(key[1], [])
        if key[1] in people_words or len(found) != 1 or found[0][0] is not EntityGroup.PLACES:
            continue
        if any(_speaks(text, span.end) for span in clusters[key].spans):
            continue
        _absorb(clusters, found[0], key)


def _speaks(text: str, end: int) -> bool:
    """The mention ending at `end` is followed by a reporting verb ("Lindsey said", "Holm told")."""
    following = text[end : end + 16].split(maxsplit=1)
    return bool(following) and following[0].strip(",.;:").lower() in REPORTING_VERBS


def _org_tail(word: str, g: Gazetteer) -> bool:
    """'ASA', 'Holdings', 'School', 'Club': a word that ends an organization's full name and that
    its short form leaves off."""
    return word[:1].isupper() and (
        word in g.org_suffixes
        or word in g.company_suffixes
        or g.is_legal_form(word)
        or g.category.get(word.lower(), EntityGroup.PLACES) is EntityGroup.ORGANIZATIONS
    )


def _merge_short_forms(clusters: dict[tuple[EntityGroup, str], _Cluster], g: Gazetteer) -> None:
    """'Halvorsen Maritime' after 'Halvorsen Maritime ASA', 'Tarnby United' after 'Tarnby United
    Football Club': a name of two or more words that opens the only longer organization of the
    document ending in an organization word is that organization (one name, one type). A person
    or place is taken over only when all the words left off are organization words ('Dunmore
    Grammar' before 'School') and it opens with no given name."""
    owners: dict[str, set[tuple[EntityGroup, str]]] = defaultdict(set)
    for key, c in clusters.items():
        words = [n.split() for n in c.names if len(n.split()) >= 3]
        if c.group is EntityGroup.ORGANIZATIONS and any(_org_tail(w[-1], g) for w in words):
            kw = key[1].split()
            for n in range(2, len(kw)):
                owners[" ".join(kw[:n])].add(key)
    if not owners:
        return
    for key in [k for k, c in clusters.items() if c.group is not EntityGroup.COUNTRIES and k[1] in owners]:
        found = [f for f in owners[key[1]] if f in clusters and f != key]
        if len(found) != 1 or key not in clusters:
            continue
        c = clusters[key]
        if c.group is not EntityGroup.ORGANIZATIONS:
            full = next(n for n in clusters[found[0]].names if _key(n) == found[0][1])
            left_off = full.split()[len(key[1].split()) :]
            first = key[1].split()[0].title()
            if not all(_org_tail(w, g) for w in left_off) or first in g.given_names or any(s.fixed for s in c.spans):
                continue  # a dateline ("NEW YORK" before "New York Energy Desk") stays a place
        c.spans = [s.typed(EntityGroup.ORGANIZATIONS, f"short form of '{found[0][1]}'") for s in c.spans]
        _absorb(clusters, found[0], key)


def _merge_place_short_forms(clusters: dict[tuple[EntityGroup, str], _Cluster], g: Gazetteer) -> None:
    """'Elm Coulee' after 'Elm Coulee Field', 'the Bakken' after 'Bakken Formation': a name the
    model calls a person that opens the only longer place of the document, where every word left
    off is a place word and no given name opens it, is that place (one name, one type)."""
    owners: dict[str, set[tuple[EntityGroup, str]]] = defaultdict(set)
    for key, c in clusters.items():
        if c.group is EntityGroup.PLACES and any(
            len(n.split()) >= 2 and n.split()[-1] in g.place_words for n in c.names
        ):
            kw = key[1].split()
            for n in range(1, len(kw)):
                owners[" ".join(kw[:n])].add(key)
    for key in [k for k, c in clusters.items() if c.group is EntityGroup.PEOPLE and k[1] in owners]:
        found = [f for f in owners[key[1]] if f in clusters]
        c = clusters[key]
        if len(found) != 1 or any(s.fixed for s in c.spans):
            continue
        full = next(n for n in clusters[found[0]].names if _key(n) == found[0][1])
        left_off = full.split()[len(key[1].split()) :]
        if not all(w in g.place_words for w in left_off) or key[1].split()[0].title() in g.given_names:
            continue  # "Lindsey" before "Lindsey Field" may be a person
        c.spans = [s.typed(EntityGroup.PLACES, f"short form of '{full}'") for s in c.spans]
        _absorb(clusters, found[0], key)


def _absorb(
    clusters: dict[tuple[EntityGroup, str], _Cluster], into: tuple[EntityGroup, str], key: tuple[EntityGroup, str]
) -> None:
    src = clusters.pop(key)
    dst = clusters[into]
    dst.names.update(src.names)
    dst.spans.extend(src.spans)


def _innermost_sections(positions: Iterable[int], sections: Sequence[Section]) -> dict[int, str]:
    """Title of the innermost section around each position (the deepest level; the later section
    on a tie). One sweep with the open sections, so a long document with thousands of sections
    and mentions stays linear."""
    order = sorted(range(len(sections)), key=lambda i: sections[i].start_char)
    active: list[int] = []
    out: dict[int, str] = {}
    k = 0
    for pos in sorted(set(positions)):
        while k < len(order) and sections[order[k]].start_char <= pos:
            active.append(order[k])
            k += 1
        active = [i for i in active if sections[i].end_char > pos]
        if active:
            out[pos] = sections[max(active, key=lambda i: (sections[i].level, i))].title
    return out


_IN_SENTENCE_THE = re.compile(r"[a-z,][ \t]+The[ \t]$")


def _pass_capital_article(ctx: DocContext, spans: _Spans) -> list[_Span]:
    """'members of The Scout Association': a capitalised 'The' inside a sentence (after a lower-case
    word or a comma, so never a sentence opener or a dateline) is written as part of the name."""
    text, out = ctx.text, []
    for s in spans:
        if s.group in (EntityGroup.ORGANIZATIONS, EntityGroup.PLACES) and _IN_SENTENCE_THE.search(
            text, max(0, s.start - 8), s.start
        ):
            start = s.start - 4
            s = replace(s, start=start, text=text[start : s.end], why=(*s.why, "capitalised 'The' inside a sentence"))
        out.append(s)
    return out


PASSES: tuple[Pass, ...] = (
    Pass("model spans", _pass_model_spans),
    Pass("corroborate headings", _pass_corroborate),
    Pass("unshout caps lines", _pass_unshout),
    Pass("given name before a person", _pass_given_name_before),
    Pass("nicknamed people", _pass_nicknamed_people),
    Pass("given-name people", _pass_given_name_people),
    Pass("layout names", _pass_layout_names),
    Pass("results-line people", _pass_results_people),
    Pass("gazetteer countries", _pass_gazetteer_countries),
    Pass("initial names", _pass_initial_names),
    Pass("suffix names", _pass_suffix_names),
    Pass("joined pairs", _pass_joined_pairs),
    Pass("country modifiers", _pass_country_modifiers),
    Pass("category noun names", _pass_noun_names),
    Pass("defined names", _pass_defined_names),
    Pass("type vote", _pass_vote),
    Pass("name parts", _pass_name_parts),
    Pass("repeats", _pass_propagate),
    Pass("acronyms", _pass_acronyms),
    Pass("capital article", _pass_capital_article),
)


# Rules inside a pass that can be switched off on their own (see `DocContext.on`).
_INNER_RULES = (
    "context: definition",
    "definition head noun",
    "sentence-opening kind word",
    "category word opens only short names",
    "organization of a name",
    "no demonym or day in a given-name person",
    "line-up numbers",
    "results-line teams",
    "plural team, not a known place",
    "country opening a short form",
    "particle inside a given-name person",
    "country in a shouted or 'Tour of' event",
    "article is no given name",
    "country inside a name",
    "knowledge: legal forms",
    "country before a name",
    "stated kind holds",
    "counted abbreviation",
    "innings totals",
    "layout states the type",
    "short form of an organization",
    "digit-opening organization",
    "particle joins a surname",
    "category word ends a run",
    "affiliation after a person",
    "initial over a cut piece",
    "legal form names the company",
    "model code ending a name",
    "opens a place's name",
    "possessive apposition",
    "definition alternatives",
    "numbered unit",
    "short form of a place",
    "title and particle open a person",
)


def switchable() -> tuple[str, ...]:
    """Names `build_entities(skip=...)` accepts: the passes, the typing cues, then rules inside a pass."""
    return (*(p.name for p in PASSES), *(name for name, _ in _CUES), *_INNER_RULES)
