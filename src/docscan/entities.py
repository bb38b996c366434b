"""Raw NER spans to countries, organizations, people and places; entry point: `build_entities`.

The small English model is a good span finder but an unreliable typer, so spans are cleaned
(leading "the", possessive "'s"), typed by evidence the model lacks (an ISO 3166 gazetteer with
aliases, "companies like X" contexts, a majority vote across a document's mentions of the same
name), filtered for known misfires, and merged across spellings: country aliases by ISO code,
acronyms with the names they abbreviate ("MFA" and "Ministry of Foreign Affairs"), and a lone
surname or given name with the one full name it belongs to ("Li" and "Li Qiang").
Rules and word lists live in `data/entities.json`.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .model import Document, Entities, Entity, EntityGroup, Mention, RawEntity, Section

__all__ = ["Gazetteer", "build_entities", "gazetteer"]

_GROUP_OF_LABEL = {
    "PERSON": EntityGroup.PEOPLE,
    "ORG": EntityGroup.ORGANIZATIONS,
    "GPE": EntityGroup.PLACES,
    "LOC": EntityGroup.PLACES,
    "FAC": EntityGroup.PLACES,
}
_APOS = "'’"
_NEEDS_CONTEXT = "?product"
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Z]\.){1,3}[A-Z]|\b(?:Inc|Corp|Co|Ltd|Jr|Sr|Bros|Plc|Cos))\.$")
_TRIM = " \t\n.,;:!?\"“”‘’'()[]{}-–—*_"


@dataclass(frozen=True)
class Gazetteer:
    """Country names, aliases and the word lists that steer typing."""

    alias_to_code: dict[str, str]
    code_to_name: dict[str, str]
    ambiguous: frozenset[str]
    misfires: frozenset[str]
    not_org_heads: frozenset[str]
    org_context: frozenset[str]
    acronym_skip: frozenset[str]
    pattern: re.Pattern[str] = field(repr=False)

    def country(self, text: str) -> str | None:
        key = _country_key(text)
        code = self.alias_to_code.get(key)
        if code is None and text.isupper() and len(text) > 4:
            code = self.alias_to_code.get(_country_key(text.title()))
        return code


def _country_key(text: str) -> str:
    t = text.strip().replace("’", "'")
    if t.lower().startswith("the "):
        t = t[4:]
    return t


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Built once per process from pycountry and data/entities.json."""
    import pycountry

    data = json.loads(resources.files("docscan").joinpath("data/entities.json").read_text("utf-8"))
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
    forms = sorted(alias, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w.])(?:the\s+|The\s+)?(" + "|".join(re.escape(f) for f in forms) + r")(?![\w]|\.\w)"
    )
    return Gazetteer(
        alias_to_code=alias,
        code_to_name=names,
        ambiguous=frozenset(data["ambiguous_aliases"]["items"]),
        misfires=frozenset(x.lower() for x in data["misfires"]["items"]),
        not_org_heads=frozenset(data["not_organization_heads"]["items"]),
        org_context=frozenset(data["organization_context"]["items"]),
        acronym_skip=frozenset(data["acronym_skip_words"]["items"]),
        pattern=pattern,
    )


@dataclass
class _Span:
    start: int
    end: int
    text: str
    group: EntityGroup
    code: str | None = None


def build_entities(
    doc: Document,
    raw: Sequence[RawEntity],
    scope: Sequence[tuple[int, int]],
    sections: Sequence[Section] = (),
    trusted: Sequence[tuple[int, int]] | None = None,
) -> Entities:
    """Group, type, merge and count the entities of one document.

    `scope` lists the (start, end) character ranges of main text: gazetteer matches outside it are
    ignored. `trusted`, when given, lists ranges whose model spans stand on their own; spans outside
    them (title-case headings, where the model calls every capitalised word a name) are kept only
    when the same name also occurs in trusted text or is a country.
    """
    g = gazetteer()
    text = doc.text
    spans: list[_Span] = []
    for ent in raw:
        spans.extend(_clean(text, ent, g))
    spans = _vote_types(spans, text, g)
    if trusted is not None:
        spans = _corroborated(spans, trusted)
    spans = _add_gazetteer_matches(spans, text, scope, g)
    spans = _add_acronyms(spans, text, scope, g)
    spans.sort(key=lambda s: (s.start, -s.end))
    spans = _drop_overlaps(spans)
    return _group(doc, spans, sections, g)


def _clean(text: str, ent: RawEntity, g: Gazetteer) -> list[_Span]:
    start, end = ent.start_char, ent.end_char
    # trim punctuation and a leading article; the article is not part of a name
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if end < len(text) and text[end] == "." and _ABBREVIATION.search(text, start, end + 1):
        end += 1  # "U.S.", "Inc.": the full stop belongs to the abbreviation
    low = text[start:end].lower()
    if low.startswith("the ") and end - start > 4:
        start += 4
    if end - start > 2 and text[end - 2] in _APOS and text[end - 1] in "sS":
        end -= 2
    elif end - start > 1 and text[end - 1] in _APOS:
        end -= 1
    surface = text[start:end]
    if not surface or surface.lower() in g.misfires or not any(c.isalpha() for c in surface):
        return []
    if "\n" in surface:
        return []
    if ent.label == "NORP":
        return []
    paren = surface.find(" (")
    if paren > 0:
        # "International Energy Agency (IEA)": the name and its abbreviation are two mentions
        inner_start = start + paren + 2
        inner_end = end - 1 if surface.endswith(")") else end
        head = _clean(text, RawEntity(ent.label, start, start + paren, surface[:paren]), g)
        tail = _clean(text, RawEntity(ent.label, inner_start, inner_end, text[inner_start:inner_end]), g)
        return head + tail
    code = g.country(surface)
    if code is not None and ent.label in ("GPE", "LOC", "ORG", "NORP", "PERSON", "FAC"):
        return [_Span(start, end, surface, EntityGroup.COUNTRIES, code)]
    # "China's Ministry of Foreign Affairs": a country's possessive is not part of the name
    m = re.match(r"^(.+?)['’]s\s+(\S.*)$", surface)
    if m and ent.label == "ORG":
        head_code = g.country(m.group(1))
        if head_code is not None:
            tail_start = start + m.start(2)
            return [
                _Span(start, start + len(m.group(1)), m.group(1), EntityGroup.COUNTRIES, head_code),
                *_clean(text, RawEntity("ORG", tail_start, end, text[tail_start:end]), g),
            ]
    group = _GROUP_OF_LABEL.get(ent.label)
    if group is None:
        if ent.label == "PRODUCT":
            group = EntityGroup.ORGANIZATIONS  # only kept when context says organization
        else:
            return []
    if group is EntityGroup.ORGANIZATIONS and any(w in g.not_org_heads for w in surface.split()):
        return []
    if group is EntityGroup.PEOPLE and len(surface) < 2:
        return []
    span = _Span(start, end, surface, group)
    if ent.label == "PRODUCT":
        span.code = _NEEDS_CONTEXT  # a product name survives only as "companies like X"
    return [span]


def _org_context(text: str, start: int, g: Gazetteer) -> bool:
    """'companies like X', 'firms such as A, B and X': the names after the cue are organizations."""
    window = text[max(0, start - 120) : start]
    m = re.search(r"(\w[\w-]*)\s+(?:like|such as|including)\s+((?:[A-Z][\w.&-]*\s*(?:,|and|or)?\s*)*)$", window)
    return bool(m) and m.group(1).lower() in g.org_context


def _vote_types(spans: list[_Span], text: str, g: Gazetteer) -> list[_Span]:
    """One type per name within a document: context cues first, then the majority of mentions."""
    votes: dict[str, Counter[EntityGroup]] = defaultdict(Counter)
    for s in spans:
        if s.group is EntityGroup.COUNTRIES:
            continue
        if _org_context(text, s.start, g):
            s.group = EntityGroup.ORGANIZATIONS
            s.code = None
            votes[_key(s.text)][EntityGroup.ORGANIZATIONS] += 3
        elif s.code != _NEEDS_CONTEXT:
            votes[_key(s.text)][s.group] += 1
    out: list[_Span] = []
    for s in spans:
        if s.code == _NEEDS_CONTEXT:
            continue
        if s.group is not EntityGroup.COUNTRIES:
            v = votes[_key(s.text)]
            if v:
                best = max(v.values())
                winners = [grp for grp in _PREFERENCE if v[grp] == best]
                s.group = winners[0]
        out.append(s)
    return out


_PREFERENCE = (EntityGroup.ORGANIZATIONS, EntityGroup.PEOPLE, EntityGroup.PLACES, EntityGroup.COUNTRIES)


def _corroborated(spans: list[_Span], trusted: Sequence[tuple[int, int]]) -> list[_Span]:
    def inside(s: _Span) -> bool:
        return any(a <= s.start and s.end <= b for a, b in trusted)

    known = {_key(s.text) for s in spans if inside(s)}
    return [s for s in spans if s.group is EntityGroup.COUNTRIES or inside(s) or _key(s.text) in known]


def _add_gazetteer_matches(
    spans: list[_Span], text: str, scope: Sequence[tuple[int, int]], g: Gazetteer
) -> list[_Span]:
    """Country names the model missed ("U.S." at a sentence start, "US-China")."""
    taken = [(s.start, s.end) for s in spans]
    taken.sort()
    out = list(spans)
    for a, b in scope:
        for m in g.pattern.finditer(text, a, b):
            start, end = m.start(1), m.end(1)
            if _overlaps(taken, start, end):
                continue
            surface = m.group(1)
            if surface in g.ambiguous and _caps_context(text, start, end):
                continue
            if surface == "US" and _caps_context(text, start, end):
                continue
            code = g.alias_to_code.get(_country_key(surface))
            if code is None:
                continue
            out.append(_Span(start, end, surface, EntityGroup.COUNTRIES, code))
    return out


def _caps_context(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in taken)


def _initials(name: str, g: Gazetteer) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in g.acronym_skip]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def _add_acronyms(
    spans: list[_Span], text: str, scope: Sequence[tuple[int, int]], g: Gazetteer
) -> list[_Span]:
    """Find acronyms of multi-word organizations in the text ("FT" once "Financial Times" occurs)."""
    wanted: dict[str, str] = {}
    for s in spans:
        if s.group is EntityGroup.ORGANIZATIONS and len(s.text.split()) >= 2:
            ini = _initials(s.text, g)
            if 2 <= len(ini) <= 6:
                wanted.setdefault(ini, s.text)
    if not wanted:
        return spans
    taken = sorted((s.start, s.end) for s in spans)
    out = list(spans)
    pattern = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, wanted)) + r")(?![\w])")
    for a, b in scope:
        for m in pattern.finditer(text, a, b):
            if _overlaps(taken, m.start(), m.end()) or _caps_context(text, m.start(), m.end()):
                continue
            out.append(_Span(m.start(), m.end(), m.group(1), EntityGroup.ORGANIZATIONS))
    return out


def _drop_overlaps(spans: list[_Span]) -> list[_Span]:
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
    t = re.sub(r"[.\s]+", " ", t).strip()
    return t


@dataclass
class _Cluster:
    group: EntityGroup
    code: str | None
    names: Counter[str] = field(default_factory=Counter)
    spans: list[_Span] = field(default_factory=list)


def _group(doc: Document, spans: list[_Span], sections: Sequence[Section], g: Gazetteer) -> Entities:
    clusters: dict[tuple[EntityGroup, str], _Cluster] = {}
    for s in spans:
        key = (s.group, s.code if s.group is EntityGroup.COUNTRIES and s.code else _key(s.text))
        c = clusters.setdefault(key, _Cluster(s.group, s.code))
        c.names[s.text] += 1
        c.spans.append(s)
    _merge_acronyms(clusters, g)
    _merge_partial_names(clusters)
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
                sections=_sections_of(mentions, sections),
            )
        )
    ordered = {grp: tuple(sorted(v, key=lambda e: (-e.count, e.name))) for grp, v in by_group.items()}
    return Entities(
        countries=ordered.get(EntityGroup.COUNTRIES, ()),
        organizations=ordered.get(EntityGroup.ORGANIZATIONS, ()),
        people=ordered.get(EntityGroup.PEOPLE, ()),
        places=ordered.get(EntityGroup.PLACES, ()),
    )


def _canonical(names: Counter[str]) -> str:
    """The longest spelling that was used (full names beat acronyms and surnames), then the most used."""
    return max(names, key=lambda n: (len(n.split()) > 1, names[n], len(n)))


def _merge_acronyms(clusters: dict[tuple[EntityGroup, str], _Cluster], g: Gazetteer) -> None:
    full: dict[str, tuple[EntityGroup, str]] = {}
    for key, c in clusters.items():
        if c.group is EntityGroup.ORGANIZATIONS:
            for n in c.names:
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


def _merge_partial_names(clusters: dict[tuple[EntityGroup, str], _Cluster]) -> None:
    """A one-word person mention joins the only multi-word person whose first or last word it is."""
    people = [k for k, c in clusters.items() if c.group is EntityGroup.PEOPLE]
    full = [k for k in people if len(k[1].split()) >= 2]
    for key in people:
        if key not in clusters or len(key[1].split()) != 1:
            continue
        word = key[1]
        owners = [f for f in full if f in clusters and word in (f[1].split()[0], f[1].split()[-1])]
        if len(owners) == 1:
            _absorb(clusters, owners[0], key)
    # organizations: a one-word mention that is the first word of exactly one longer name
    orgs = [k for k, c in clusters.items() if c.group is EntityGroup.ORGANIZATIONS]
    for key in orgs:
        if key not in clusters or len(key[1].split()) != 1:
            continue
        owners = [f for f in orgs if f in clusters and f != key and f[1].split()[0] == key[1]]
        if len(owners) == 1:
            _absorb(clusters, owners[0], key)


def _absorb(clusters: dict[tuple[EntityGroup, str], _Cluster], into: tuple[EntityGroup, str], key: tuple[EntityGroup, str]) -> None:
    src = clusters.pop(key)
    dst = clusters[into]
    dst.names.update(src.names)
    dst.spans.extend(src.spans)


def _sections_of(mentions: Iterable[Mention], sections: Sequence[Section]) -> tuple[str, ...]:
    """Titles of the innermost sections the mentions fall in, in document order."""
    seen: dict[str, None] = {}
    for m in mentions:
        best: Section | None = None
        for s in sections:
            if s.start_char <= m.start_char < s.end_char and (best is None or s.level >= best.level):
                best = s
        if best is not None:
            seen.setdefault(best.title, None)
    return tuple(seen)
