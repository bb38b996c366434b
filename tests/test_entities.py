"""Entities: typing, cleaning and merging rules, fed with hand-made NER spans (no model needed)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from docscan.entities import PASSES, _Intervals, build_entities, switchable
from docscan.loading import decode_bytes
from docscan.model import Entities, Entity, RawEntity


def spans(text: str, marked: list[tuple[str, str]]) -> list[RawEntity]:
    """RawEntity for each (label, surface), listed in order of occurrence in the text."""
    out: list[RawEntity] = []
    cursor = 0
    for label, surface in marked:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        out.append(RawEntity(label, start, start + len(surface), surface))
    return out


def run(text: str, marked: list[tuple[str, str]], skip: frozenset[str] = frozenset()) -> Entities:
    doc = decode_bytes(text.encode())
    return build_entities(doc, spans(text, marked), scope=[(0, len(text))], skip=skip)


def groups(ents: Entities) -> dict[str, set[str]]:
    return {group.value: {e.name for e in items} for group, items in ents.groups()}


def mentions(ents: Entities) -> dict[str, set[str]]:
    return {group.value: {m.text for e in items for m in e.mentions} for group, items in ents.groups()}


def names(items: tuple[Entity, ...]) -> dict[str, tuple[str | None, int, set[str]]]:
    return {e.name: (e.code, e.count, {m.text for m in e.mentions}) for e in items}


def test_country_spellings_merge_by_iso_code() -> None:
    text = "Officials in the United States met U.S. envoys. The US said little. Washington agreed."
    ents = run(text, [("GPE", "the United States"), ("GPE", "U.S."), ("GPE", "US"), ("GPE", "Washington")])
    assert names(ents.countries) == {"United States": ("US", 3, {"United States", "U.S.", "US"})}
    assert [e.name for e in ents.places] == ["Washington"]


def test_gazetteer_finds_countries_the_model_missed() -> None:
    text = "Trade between Canada and Mexico grew, and the US-China talks resumed."
    ents = run(text, [("GPE", "Canada")])
    codes = {e.code: e.count for e in ents.countries}
    assert codes == {"CA": 1, "MX": 1, "US": 1, "CN": 1}


def test_all_caps_us_is_not_a_country() -> None:
    text = "PLEASE TELL US WHAT YOU THINK\nThe report was short."
    assert run(text, []).countries == ()


def test_acronym_merges_with_its_full_name() -> None:
    text = "The Financial Times reported it first. Later the FT added detail."
    ents = run(text, [("ORG", "The Financial Times")])
    assert names(ents.organizations) == {"Financial Times": (None, 2, {"Financial Times", "FT"})}


def test_parenthesised_abbreviation_is_an_alias() -> None:
    text = "The Energy Board of Ruritania (EBR) ruled today. The EBR will appeal."
    ents = run(text, [("ORG", "The Energy Board of Ruritania (EBR)"), ("ORG", "EBR")])
    orgs = names(ents.organizations)
    assert list(orgs) == ["Energy Board of Ruritania"]
    assert orgs["Energy Board of Ruritania"][2] == {"Energy Board of Ruritania", "EBR"}


def test_surname_joins_the_full_name() -> None:
    text = "Premier Li Qiang spoke first. Li then left. Ana Pereira stayed."
    ents = run(text, [("PERSON", "Li Qiang"), ("PERSON", "Li"), ("PERSON", "Ana Pereira")])
    assert names(ents.people) == {
        "Li Qiang": (None, 2, {"Li Qiang", "Li"}),
        "Ana Pereira": (None, 1, {"Ana Pereira"}),
    }


def test_misfires_and_non_organizations_are_dropped() -> None:
    text = "AI is everywhere, said the Global Climate Action Plan, and Acme Corp. agreed."
    ents = run(text, [("GPE", "AI"), ("ORG", "the Global Climate Action Plan"), ("ORG", "Acme Corp.")])
    assert [e.name for e in ents.organizations] == ["Acme Corp."]
    assert ents.places == () and ents.countries == ()


def test_company_context_retypes_places_and_products() -> None:
    text = "Chips from companies like Zentrix and Qolva are scarce; Zentrix said so."
    ents = run(text, [("GPE", "Zentrix"), ("PRODUCT", "Qolva"), ("GPE", "Zentrix")])
    assert names(ents.organizations) == {"Zentrix": (None, 2, {"Zentrix"}), "Qolva": (None, 1, {"Qolva"})}
    assert ents.places == ()


def test_country_possessive_is_split_from_the_organization() -> None:
    text = "Brazil's Ministry of Health issued the order."
    ents = run(text, [("ORG", "Brazil's Ministry of Health")])
    assert names(ents.countries) == {"Brazil": ("BR", 1, {"Brazil"})}
    assert [e.name for e in ents.organizations] == ["Ministry of Health"]


def test_majority_vote_gives_one_type_per_name() -> None:
    text = "Orlova won. Orlova lost. Orlova drew."
    ents = run(text, [("PERSON", "Orlova"), ("PERSON", "Orlova"), ("ORG", "Orlova")])
    assert names(ents.people) == {"Orlova": (None, 3, {"Orlova"})}
    assert ents.organizations == ()


def test_mentions_carry_offsets_and_lines() -> None:
    text = "First line.\nSecond line names Peru here."
    ents = run(text, [("GPE", "Peru")])
    (peru,) = ents.countries
    (m,) = peru.mentions
    assert text[m.start_char : m.end_char] == "Peru" and m.line == 2


@pytest.mark.parametrize("alias", ["Britain", "the United Kingdom", "U.K.", "UK"])
def test_uk_aliases(alias: str) -> None:
    text = f"Exports to {alias} rose."
    ents = run(text, [("GPE", alias)])
    assert [(e.name, e.code) for e in ents.countries] == [("United Kingdom", "GB")]


def test_no_mention_contains_a_newline_or_article() -> None:
    text = "Talks with\nthe Netherlands and The Gambia went on."
    ents = run(text, [("GPE", "the Netherlands"), ("GPE", "The Gambia")])
    for e in ents.countries:
        for m in e.mentions:
            assert "\n" not in m.text and not re.match(r"(?i)the ", m.text)


# ---------------------------------------------------------------------------------------------
# One table per rule family: (id, text, model spans as (label, surface) in order, expected).
# `expected` maps a group to the exact set of mention texts it must hold; groups not named are
# not checked, and an empty set means the group must be empty.

Case = tuple[str, str, list[tuple[str, str]], dict[str, set[str]]]


def mention_texts(ents: Entities) -> dict[str, set[str]]:
    return {group.value: {m.text for e in items for m in e.mentions} for group, items in ents.groups()} | {
        g: set() for g in ("countries", "organizations", "people", "places") if not getattr(ents, g)
    }


BOUNDARIES: list[Case] = [
    (
        "ordinal is not part of a name",
        "Gordon Durie 75th minute.",
        [("PERSON", "Gordon Durie 75th")],
        {"people": {"Gordon Durie"}},
    ),
    (
        "surname particle opens a name",
        "Bowling: de Silva 4-0-25-0.",
        [("PERSON", "de Silva")],
        {"people": {"de Silva"}},
    ),
    (
        "caps connector splits",
        "CRICKET - ENGLAND BEAT PAKISTAN\nThe cricket was good.",
        [("ORG", "ENGLAND BEAT PAKISTAN")],
        {"countries": {"ENGLAND", "PAKISTAN"}, "organizations": set()},
    ),
    (
        "date before an organization",
        "In August National Widget Association data rose.",
        [("ORG", "August National Widget Association")],
        {"organizations": {"National Widget Association"}},
    ),
    (
        "portfolio is not an organization",
        "Defence Minister Karl Ruhe met.",
        [("ORG", "Defence")],
        {"organizations": set()},
    ),
    (
        "line break splits",
        "Scores: Nolan Ruiz\n64 Bob Vance",
        [("PERSON", "Nolan Ruiz\n64 Bob Vance")],
        {"people": {"Nolan Ruiz", "Bob Vance"}},
    ),
    (
        "spaced dash splits",
        "Lithuania - Anna Kovac scored.",
        [("PERSON", "Lithuania - Anna Kovac")],
        {"countries": {"Lithuania"}, "people": {"Anna Kovac"}},
    ),
    (
        "headline slug is not a name",
        "CRICKET - KENTSHIRE TAKE OVER\nThe cricket season ended.",
        [("ORG", "CRICKET - KENTSHIRE")],
        {"organizations": {"KENTSHIRE"}},
    ),
    (
        "score is not part of a name",
        "Marko Ivic 4-38 took wickets.",
        [("PERSON", "Marko Ivic 4-38")],
        {"people": {"Marko Ivic"}},
    ),
    (
        "numbers between names split",
        "Pohang 3 Ulsan 2 (halftime 1-1) was the score.",
        [("ORG", "Pohang 3 Ulsan 2")],
        {"organizations": {"Pohang", "Ulsan"}},
    ),
    ("leading number dropped", "On 64 Bob Vance was level.", [("PERSON", "64 Bob Vance")], {"people": {"Bob Vance"}}),
    (
        "connecting word splits",
        "Yorkshire at Headingley were set.",
        [("PERSON", "Yorkshire at Headingley")],
        {"people": {"Yorkshire", "Headingley"}},
    ),
    (
        "particles stay inside names",
        "Ronald de Boer scored.",
        [("PERSON", "Ronald de Boer")],
        {"people": {"Ronald de Boer"}},
    ),
    (
        "trailing lower-case words go",
        "Interfax news agency said so.",
        [("ORG", "Interfax news agency")],
        {"organizations": {"Interfax"}},
    ),
    (
        "unbalanced bracket splits",
        "5. Ola Afolabi (Nigeria) ran.",
        [("ORG", "Ola Afolabi (Nigeria")],
        {"countries": {"Nigeria"}},
    ),
    (
        "title is not part of a person",
        "Librarian Helen Marsh said so.",
        [("PERSON", "Librarian Helen Marsh")],
        {"people": {"Helen Marsh"}},
    ),
    (
        "two-word title",
        "Prime Minister Ana Lind spoke.",
        [("PERSON", "Prime Minister Ana Lind")],
        {"people": {"Ana Lind"}},
    ),
    ("prefix is not part of a name", "The ex-England bowler.", [("GPE", "ex-England")], {"countries": {"England"}}),
    (
        "an unbalanced quote is mended by the nickname shape",
        'Roberto "Stone" Duran won.',
        [("PERSON", 'Roberto "Stone')],
        {"people": {'Roberto "Stone" Duran'}},
    ),
    (
        "a nickname stays inside a name",
        'Roberto "Hands of Stone" Duran won. Duran was happy.',
        [("PERSON", 'Roberto "Hands of Stone" Duran'), ("GPE", "Duran")],
        {"people": {'Roberto "Hands of Stone" Duran', "Duran"}, "places": set()},
    ),
    ("abbreviation dot kept", "Shares of Acme Inc. rose.", [("ORG", "Acme Inc.")], {"organizations": {"Acme Inc."}}),
]

COUNTRIES: list[Case] = [
    ("demonym is not a country", "Chinese officials met.", [("GPE", "Chinese")], {"countries": set(), "places": set()}),
    ("demonym tagged NORP", "Dutch banks rallied.", [("NORP", "Dutch")], {"countries": set()}),
    ("hyphen compound is not a mention", "A Hong Kong-based group bid.", [("GPE", "Hong Kong")], {"countries": set()}),
    ("event name is not a mention", "He won the U.S. Open again.", [("GPE", "U.S.")], {"countries": set()}),
    (
        "country before a capitalised name still counts",
        "Talks between Peru and Chile ended.",
        [],
        {"countries": {"Peru", "Chile"}},
    ),
    (
        "ALL-CAPS headline countries",
        "SOCCER - ENGLAND BEAT MOLDOVA\nEngland won in Chisinau.",
        [("GPE", "England")],
        {"countries": {"ENGLAND", "MOLDOVA", "England"}},
    ),
    ("ambiguous caps word without support", "ROAST TURKEY TIPS\nCook it slowly.", [], {"countries": set()}),
    (
        "ambiguous caps word with support",
        "BELGIUM BEAT TURKEY\nTurkey lost in Brussels.",
        [("GPE", "Turkey")],
        {"countries": {"BELGIUM", "TURKEY", "Turkey"}},
    ),
    (
        "person named like a country",
        "Neil Jordan directed it. Jordan said it was hard.",
        [("PERSON", "Neil Jordan"), ("GPE", "Jordan")],
        {"countries": set(), "people": {"Neil Jordan", "Jordan"}},
    ),
]

TABLES: list[Case] = [
    (
        "score lines",
        "Hullcastle 2 Derwent 1\nLeeford 0 Bolbury 0",
        [],
        {"organizations": {"Hullcastle", "Derwent", "Leeford", "Bolbury"}},
    ),
    (
        "standings rows",
        "REDHAWKS 74 58 .561 -\nBlue Jays 70 62 .530 4",
        [],
        {"organizations": {"REDHAWKS", "Blue Jays"}},
    ),
    ("fixtures", "Postponed: Eastfield v Clydemouth", [], {"organizations": {"Eastfield", "Clydemouth"}}),
    (
        "national teams stay countries",
        "Belgium 2 Turkey 1",
        [],
        {"countries": {"Belgium", "Turkey"}, "organizations": set()},
    ),
    ("figures are not teams", "Sales 9.06 9.31 8.42\nJuly 96 June 96 July 95", [], {"organizations": set()}),
    (
        "team row outvotes the model",
        "Kentshire 296 and 109\nKentshire beat Essford.\nKentshire 3 Essford 1",
        [("PERSON", "Kentshire"), ("PERSON", "Kentshire")],
        {"organizations": {"Kentshire", "Essford"}, "people": set()},
    ),
    ("dateline place", "VALDORA 1996-08-30\nThe port reopened.", [], {"places": {"VALDORA"}}),
    ("dateline with month", "WASHBURN, Aug 30 (Wire) - Rates rose.", [], {"places": {"WASHBURN"}}),
]

TYPES: list[Case] = [
    (
        "sides of a match are teams",
        "Kentshire beat Essford by nine wickets. Kentshire lead.",
        [("PERSON", "Kentshire"), ("GPE", "Essford"), ("PERSON", "Kentshire")],
        {"organizations": {"Kentshire", "Essford"}, "people": set(), "places": set()},
    ),
    (
        "players named in full stay people",
        "Steffi Graf beat Anna Kovac. Later Graf beat Kovac again.",
        [("PERSON", "Steffi Graf"), ("PERSON", "Anna Kovac"), ("PERSON", "Graf"), ("ORG", "Kovac")],
        {"people": {"Steffi Graf", "Anna Kovac", "Graf", "Kovac"}, "organizations": set()},
    ),
    (
        "title opening a place span",
        "Justice Hare frowned.",
        [("GPE", "Justice Hare")],
        {"people": {"Justice Hare"}, "places": set()},
    ),
    (
        "title opening an organization stays",
        "Major League Baseball agreed.",
        [("ORG", "Major League Baseball")],
        {"organizations": {"Major League Baseball"}},
    ),
    ("only a title left", "The Earl of the county came.", [("PERSON", "Earl of the")], {"people": set()}),
    (
        "trailing ampersand",
        "Warburton & Sons? No, Warburton & left.",
        [("ORG", "Warburton &")],
        {"organizations": {"Warburton"}},
    ),
    (
        "organization word in apposition",
        "Our provider, Hetzner, added capacity.",
        [("PERSON", "Hetzner")],
        {"organizations": {"Hetzner"}, "people": set()},
    ),
    ("title in apposition", "Our CTO, Priya Raman, led it.", [("ORG", "Priya Raman")], {"people": {"Priya Raman"}}),
    (
        "company ending makes the first word the company",
        "Northwind Labs grew. Northwind now runs it.",
        [("ORG", "Northwind Labs"), ("PERSON", "Northwind")],
        {"organizations": {"Northwind Labs", "Northwind"}, "people": set()},
    ),
    (
        "article before a name",
        "He pitched for the Brewers.",
        [("PERSON", "Brewers")],
        {"organizations": {"Brewers"}, "people": set()},
    ),
    (
        "name with a country in brackets",
        "5. Davidson Ezin (Nigeria) 10.24",
        [("ORG", "Davidson Ezin")],
        {"people": {"Davidson Ezin"}, "countries": {"Nigeria"}},
    ),
    (
        "ordinary lone word is no one",
        "Women's singles ended. The women left.",
        [("PERSON", "Women")],
        {"people": set()},
    ),
    (
        "title before a person",
        "Wimbledon finalist Marko Vance lost.",
        [("ORG", "Marko Vance")],
        {"people": {"Marko Vance"}},
    ),
    ("rank before a person", "The 11th-seeded Vance lost.", [("GPE", "Vance")], {"people": {"Vance"}}),
    (
        "organization suffix",
        "Varda Holdings bought it.",
        [("PERSON", "Varda Holdings")],
        {"organizations": {"Varda Holdings"}},
    ),
    ("place word", "At Grace Road the match ended.", [("PERSON", "Grace Road")], {"places": {"Grace Road"}}),
    (
        "organization word before",
        "The grid operator Voltan agreed.",
        [("PERSON", "Voltan")],
        {"organizations": {"Voltan"}},
    ),
    (
        "place after 'in'",
        "Officials in Oslo and Kestrelby agreed.",
        [("GPE", "Oslo"), ("ORG", "Kestrelby")],
        {"places": {"Oslo", "Kestrelby"}, "organizations": set()},
    ),
    (
        "surname takes the person's type",
        "Alexander Lebed spoke. Later Lebed left.",
        [("PERSON", "Alexander Lebed"), ("ORG", "Lebed")],
        {"people": {"Alexander Lebed", "Lebed"}, "organizations": set()},
    ),
    (
        "a padded full name does not make a company a person",
        "Pirelli SpA agreed. Pirelli will run it. Pirelli Cables makes optic cables.",
        [("ORG", "Pirelli SpA"), ("ORG", "Pirelli"), ("PERSON", "Pirelli Cables")],
        {"organizations": {"Pirelli SpA", "Pirelli"}},
    ),
    (
        "company head takes the company's type",
        "Pirelli SpA agreed. Pirelli will run it.",
        [("ORG", "Pirelli SpA"), ("PERSON", "Pirelli")],
        {"organizations": {"Pirelli SpA", "Pirelli"}, "people": set()},
    ),
]

RECALL: list[Case] = [
    (
        "ordinary words end a shouted name",
        "SOCCER - SAN MARINO IN DRAW\nThe match was a draw in the rain.",
        [("ORG", "SAN MARINO IN")],
        {"countries": {"SAN MARINO"}, "organizations": set()},
    ),
    (
        "shouted edge words stay",
        "NEW YORK 6 KANSAS CITY 2\nA new city stadium opened.",
        [("GPE", "NEW YORK"), ("GPE", "KANSAS CITY")],
        {"organizations": {"NEW YORK", "KANSAS CITY"}},
    ),
    (
        "shouted edge words alone are nothing",
        "WESTERN DIVISION\nThe western division is close.",
        [("ORG", "WESTERN DIVISION")],
        {"organizations": set()},
    ),
    (
        "event is none of the groups",
        "He won the Hong Kong Open.",
        [("GPE", "Hong Kong Open")],
        {"places": set(), "countries": set()},
    ),
    (
        "headline slug dropped",
        "GOLF - LEADING SCORES\nScores after two rounds.",
        [("ORG", "GOLF")],
        {"organizations": set()},
    ),
    ("function word is not a name", "On Monday it rained.", [("GPE", "On")], {"places": set()}),
    (
        "numerals are not names",
        "CHAPTER XLII\nIt was late. XXVII",
        [("ORG", "CHAPTER XLII"), ("GPE", "XXVII")],
        {"organizations": set(), "places": set()},
    ),
    (
        "bare title is nothing",
        "The Countess smiled at the Lord.",
        [("GPE", "Countess"), ("GPE", "Lord")],
        {"places": set()},
    ),
    (
        "title-like surname of a full name stays",
        "John Major spoke. Later Major left.",
        [("PERSON", "John Major"), ("PERSON", "Major")],
        {"people": {"John Major", "Major"}},
    ),
    (
        "party's first word is the party",
        "The Labour Party won. Labour said so.",
        [("ORG", "The Labour Party"), ("PERSON", "Labour")],
        {"organizations": {"Labour Party", "Labour"}, "people": set()},
    ),
    (
        "country opening an organization's name",
        "The UK Independence Party gained.",
        [("GPE", "UK"), ("ORG", "Independence Party")],
        {"organizations": {"UK Independence Party"}, "countries": set()},
    ),
    ("religion is not an organization", "Islam was discussed.", [("ORG", "Islam")], {"organizations": set()}),
    (
        "repeat of a found name",
        "Alexander Lebed spoke. Interfax quoted Lebed twice.",
        [("PERSON", "Alexander Lebed"), ("ORG", "Interfax")],
        {"people": {"Alexander Lebed", "Lebed"}},
    ),
    (
        "repeat in an ALL-CAPS headline",
        "SOCCER - SHEARER NAMED CAPTAIN\nAlan Shearer will lead.",
        [("PERSON", "Alan Shearer")],
        {"people": {"SHEARER", "Alan Shearer"}},
    ),
    (
        "no repeat inside another name",
        "Dan Wang spoke. Wang Lei replied.",
        [("PERSON", "Dan Wang")],
        {"people": {"Dan Wang"}},
    ),
    (
        "no repeat of an ordinary word",
        "Peter Such bowled. Such a day it was.",
        [("PERSON", "Peter Such")],
        {"people": {"Peter Such"}},
    ),
    (
        "no repeat glued by a hyphen",
        "Jean Pierre came. Marie-Pierre left.",
        [("PERSON", "Jean Pierre")],
        {"people": {"Jean Pierre"}},
    ),
    (
        "shouted ordinary word dropped",
        "SOCCER - ROVERS WIN\nThe soccer season began.",
        [("ORG", "SOCCER")],
        {"organizations": set()},
    ),
    (
        "initial and surname",
        "Warks 195 (P. Simmons 4-38, M. McCague 3-20).",
        [],
        {"people": {"P. Simmons", "M. McCague"}},
    ),
    ("initial before a demonym", "S. Korean shares rose.", [], {"people": set()}),
    ("abbreviated country", "Talks with N. Korea stalled.", [], {"countries": {"N. Korea"}, "people": set()}),
    ("misfire dropped", "He had 3 RBI and the AI won.", [("ORG", "RBI"), ("ORG", "AI")], {"organizations": set()}),
]


@pytest.mark.parametrize(("text", "marked", "expected"), [c[1:] for c in BOUNDARIES], ids=[c[0] for c in BOUNDARIES])
def test_boundaries(text: str, marked: list[tuple[str, str]], expected: dict[str, set[str]]) -> None:
    got = mention_texts(run(text, marked))
    assert {g: got[g] for g in expected} == expected


@pytest.mark.parametrize(("text", "marked", "expected"), [c[1:] for c in COUNTRIES], ids=[c[0] for c in COUNTRIES])
def test_countries(text: str, marked: list[tuple[str, str]], expected: dict[str, set[str]]) -> None:
    got = mention_texts(run(text, marked))
    assert {g: got[g] for g in expected} == expected


@pytest.mark.parametrize(("text", "marked", "expected"), [c[1:] for c in TABLES], ids=[c[0] for c in TABLES])
def test_layout(text: str, marked: list[tuple[str, str]], expected: dict[str, set[str]]) -> None:
    got = mention_texts(run(text, marked))
    assert {g: got[g] for g in expected} == expected


@pytest.mark.parametrize(("text", "marked", "expected"), [c[1:] for c in TYPES], ids=[c[0] for c in TYPES])
def test_types(text: str, marked: list[tuple[str, str]], expected: dict[str, set[str]]) -> None:
    got = mention_texts(run(text, marked))
    assert {g: got[g] for g in expected} == expected


@pytest.mark.parametrize(("text", "marked", "expected"), [c[1:] for c in RECALL], ids=[c[0] for c in RECALL])
def test_recall_and_precision(text: str, marked: list[tuple[str, str]], expected: dict[str, set[str]]) -> None:
    got = mention_texts(run(text, marked))
    assert {g: got[g] for g in expected} == expected


def test_defined_abbreviation_joins_its_name() -> None:
    text = "The Norwegian Water Directorate (NVE) ruled. Later NVE said more."
    ents = run(text, [("ORG", "The Norwegian Water Directorate (NVE)")])
    assert names(ents.organizations) == {
        "Norwegian Water Directorate": (None, 3, {"Norwegian Water Directorate", "NVE"})
    }


def test_mixed_case_spelling_is_the_name() -> None:
    text = "SOCCER - SHEARER NAMED CAPTAIN\nAlan Shearer will lead. Shearer said so."
    ents = run(text, [("PERSON", "Alan Shearer")])
    assert [(e.name, e.count) for e in ents.people] == [("Alan Shearer", 3)]


def test_title_case_heading_needs_support_but_name_lists_do_not() -> None:
    text = "The Genesis and Vision Behind It\nThe plan grew slowly behind closed doors.\n2. Ana Lopez (Peru) 52.1"
    body = text.index("The plan")
    doc = decode_bytes(text.encode())
    marked = spans(text, [("ORG", "Genesis"), ("PERSON", "Ana Lopez")])
    ents = build_entities(doc, marked, scope=[(0, len(text))], trusted=[(body, text.index("\n2."))])
    assert ents.organizations == ()
    assert [e.name for e in ents.people] == ["Ana Lopez"]


def test_mentions_are_exact_names() -> None:
    text = "The Acme Corp.'s chief met the U.S. envoy; Acme Corp. agreed."
    ents = run(text, [("ORG", "The Acme Corp.'s"), ("GPE", "the U.S."), ("ORG", "Acme Corp.")])
    for e in ents.organizations + ents.countries:
        for m in e.mentions:
            assert m.text in ("Acme Corp.", "U.S.") and text[m.start_char : m.end_char] == m.text


# ---------------------------------------------------------------------------------------------
# The real pipeline on invented text.


@pytest.mark.model
def test_model_harbor_style_article() -> None:
    from docscan.pipeline import analyze_text

    text = (
        "Norway and Denmark agreed to build a shared wind hub, and officials in Oslo and Copenhagen call it "
        "the largest joint project the neighbours have made.\n\n"
        "The Danish grid operator Energinet asked for the cable route to be fixed by spring. In Copenhagen, "
        "Mette Frederiksen said the hub would cut costs. Frederiksen added that the United States and the "
        "U.K. were watching.\n"
    )
    report = analyze_text(text)
    groups = {group.value: {e.name for e in items} for group, items in report.entities.groups()}
    assert {"Norway", "Denmark", "United States", "United Kingdom"} <= groups["countries"]
    assert "Copenhagen" in groups["places"] and "Copenhagen" not in groups.get("organizations", set())
    assert "Energinet" not in groups.get("people", set())
    people = {e.name: e for e in report.entities.people}
    assert "Frederiksen" in people["Mette Frederiksen"].aliases


@pytest.mark.model
def test_model_newswire_headline_dateline_and_table() -> None:
    from docscan.pipeline import analyze_text

    text = (
        "SOCCER - VALDORIA HOLD PORTUGAL IN LISBON.\n"
        "LISBON 2024-05-04\n"
        "Valdoria held Portugal to a 1-1 draw on Saturday, coach Marta Oliveira said after the match.\n"
        "Oliveira praised her defence.\n"
        "Results:\n"
        "Eastfield 2 Northbury 1\n"
        "Westmoor 0 Southgate 3\n"
    )
    report = analyze_text(text)
    countries = {m.text for e in report.entities.countries for m in e.mentions}
    assert {"PORTUGAL", "Portugal"} <= countries
    people = {e.name: e for e in report.entities.people}
    assert "Oliveira" in people["Marta Oliveira"].aliases
    orgs = {e.name for e in report.entities.organizations}
    assert {"Eastfield", "Northbury", "Westmoor", "Southgate"} <= orgs
    assert any(m.text == "LISBON" and m.line == 2 for e in report.entities.places for m in e.mentions)


# ---------------------------------------------------------------------------------------------
# named passes, explain reasons, context typing, works, lists, linear overlap


def run_with(text: str, marked: list[tuple[str, str]], **kwargs: Any) -> Entities:
    doc = decode_bytes(text.encode())
    return build_entities(doc, spans(text, marked), scope=[(0, len(text))], **kwargs)


def why_of(ents: Entities, name: str) -> tuple[str, ...]:
    return next(e.why for _, items in ents.groups() for e in items if e.name == name)


def test_every_pass_has_a_name_and_can_be_switched_off() -> None:
    names = [p.name for p in PASSES]
    assert len(set(names)) == len(names) and set(names) <= set(switchable())
    text = "Ardun Varga won the prize. Later Ardun Varga thanked her team."
    marked = [("PERSON", "Ardun Varga")]
    assert mention_texts(run_with(text, marked))["people"] == {"Ardun Varga"}
    assert len(run_with(text, marked).people[0].mentions) == 2
    off = run_with(text, marked, skip=frozenset({"repeats"}))
    assert len(off.people[0].mentions) == 1  # the second mention came from the repeats pass


def test_switching_off_a_typing_rule_changes_the_type() -> None:
    text = "The striker joined the band Copper Lanterns last year."
    marked = [("PERSON", "Copper Lanterns")]
    assert [e.name for e in run_with(text, marked).organizations] == ["Copper Lanterns"]
    off = run_with(text, marked, skip=frozenset({"cue: category noun before"}))
    assert [e.name for e in off.people] == ["Copper Lanterns"]


def test_clock_times_each_pass() -> None:
    clock: dict[str, float] = {}
    run_with("Ilse Varga met Omar Lund in Ruritania.", [("PERSON", "Ilse Varga")], clock=clock)
    assert set(clock) == {p.name for p in PASSES} | {"grouping"}


def test_unknown_rule_names_are_listed_by_switchable() -> None:
    assert "context: definition" in switchable() and "cue: quoted title" in switchable()


def test_explain_names_the_evidence() -> None:
    text = "The band Copper Lanterns toured. Copper Lanterns sold out. Coach Ilse Varga watched."
    ents = run_with(text, [("PERSON", "Copper Lanterns"), ("PERSON", "Copper Lanterns"), ("PERSON", "Ilse Varga")])
    why = why_of(ents, "Copper Lanterns")
    assert any("'band'" in r for r in why) and any(r.startswith("document vote") for r in why)
    assert any("coach" in r.lower() for r in why_of(ents, "Ilse Varga"))


def test_opening_definition_types_the_subject() -> None:
    text = "Kelmby is a village in the county of Dunshire.\nKelmby has a church and a mill.\n"
    ents = run_with(text, [("PERSON", "Kelmby"), ("PERSON", "Kelmby")])
    assert [e.name for e in ents.places if e.name == "Kelmby"] == ["Kelmby"]
    assert ents.people == ()
    assert any(r.startswith("definition: 'Kelmby is a village'") for r in why_of(ents, "Kelmby"))


def test_definition_finds_a_subject_the_model_split() -> None:
    text = "12 Bells to Orion is a rock band from Dunshire. Fans of 12 Bells to Orion queued.\n"
    ents = run_with(text, [("LOC", "Orion"), ("LOC", "Orion")])
    assert mention_texts(ents)["organizations"] == {"12 Bells to Orion"}
    assert len(ents.organizations[0].mentions) == 2 and ents.places == ()


@pytest.mark.parametrize(
    ("text", "marked", "group", "name"),
    [
        ("She joined the village of Tarnley.", [("PERSON", "Tarnley")], "places", "Tarnley"),
        (
            "Tickets for the band Glass Orchard sold out.",
            [("PERSON", "Glass Orchard")],
            "organizations",
            "Glass Orchard",
        ),
        ("The label signed singer Nadia Korr.", [("ORG", "Nadia Korr")], "people", "Nadia Korr"),
    ],
)
def test_category_noun_before_a_name(text: str, marked: list[tuple[str, str]], group: str, name: str) -> None:
    assert name in mention_texts(run_with(text, marked))[group]


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("Their second album Quiet Harbour sold well.", [("PERSON", "Quiet Harbour")]),
        ('Quiet Harbour is the second album by the duo. "Quiet Harbour" sold well.', [("PERSON", "Quiet Harbour")]),
        ('The single "Paper Moons" was played on the radio.', [("ORG", "Paper Moons")]),
        ("Reviewers liked the video game Star Lantern.", [("ORG", "Star Lantern")]),
    ],
)
def test_works_are_not_people_or_organizations(text: str, marked: list[tuple[str, str]]) -> None:
    ents = run_with(text, marked)
    assert ents.people == () and ents.organizations == ()


def test_quoted_nickname_inside_a_name_is_not_a_title() -> None:
    text = 'Roberto "Stone" Duran won.'
    ents = run_with(text, [("PERSON", "Stone")])
    assert mention_texts(ents)["people"] == {'Roberto "Stone" Duran'}
    assert "quoted title" not in why_of(ents, 'Roberto "Stone" Duran')


def test_given_name_joins_a_surname_the_model_found_alone() -> None:
    text = "The prize went to Moses Pellavee last year."
    ents = run_with(text, [("PERSON", "Pellavee")])
    assert mention_texts(ents)["people"] == {"Moses Pellavee"}
    assert "given name before it: 'Moses'" in why_of(ents, "Moses Pellavee")


def test_given_name_finds_a_person_the_model_missed() -> None:
    text = "The band featured Jared Pellavee on drums."
    assert mention_texts(run_with(text, []))["people"] == {"Jared Pellavee"}
    assert mention_texts(run_with(text, [], skip=frozenset({"given-name people"})))["people"] == set()


def test_city_and_plural_is_a_club() -> None:
    text = "He signed with the Boston Pellavees in May."
    ents = run_with(text, [("PERSON", "Boston Pellavees")])
    assert mention_texts(ents)["organizations"] == {"Boston Pellavees"}


def test_results_lines_and_lineups() -> None:
    text = "Results:\n1. Ana Lopez (Chile) 52.10\n2. Mei Tanaka (Japan) 52.44\nHull v Derby\n"
    ents = run_with(text, [("ORG", "Ana Lopez"), ("GPE", "Mei Tanaka")])
    got = mention_texts(ents)
    assert {"Ana Lopez", "Mei Tanaka"} <= got["people"]
    assert {"Hull", "Derby"} <= got["organizations"]


def brute_meets(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """The overlap test as it was: every range checked against the new one."""
    return any(a < end and start < b for a, b in ranges)


def test_interval_lookup_matches_the_pairwise_overlap_test() -> None:
    ranges = [(0, 4), (2, 3), (10, 400), (12, 15), (500, 505), (505, 510), (700, 701)]
    index = _Intervals(ranges)
    for start in range(0, 720, 3):
        for length in (1, 2, 5, 40, 300):
            assert index.meets(start, start + length) == brute_meets(ranges, start, start + length), (start, length)


def test_layout_names_replace_the_spans_they_meet() -> None:
    text = "OSLO 1996-08-30\nLeeds United 2 Chelsea 1\nKarl Dahl scored for Leeds United.\n"
    ents = run_with(
        text, [("GPE", "OSLO"), ("PERSON", "Leeds United 2 Chelsea"), ("PERSON", "Karl Dahl"), ("ORG", "Leeds United")]
    )
    got = mention_texts(ents)
    assert got["places"] == {"OSLO"}
    assert got["organizations"] == {"Leeds United", "Chelsea"}
    assert got["people"] == {"Karl Dahl"}
    assert "results-table row" in why_of(ents, "Leeds United")


def test_json_carries_explain_only_when_asked() -> None:
    from docscan.render.json import entities_to_dict

    ents = run_with("The band Glass Orchard played.", [("PERSON", "Glass Orchard")])
    plain = entities_to_dict(ents)["organizations"][0]
    assert "explain" not in plain
    explained = entities_to_dict(ents, explain=True)["organizations"][0]
    assert any("'band'" in r for r in explained["explain"])


def test_country_glued_after_a_name_is_part_of_it() -> None:
    text = "She won the Badminton Canada award. Hoddle's England side lost in Canada."
    ents = run_with(text, [("GPE", "Canada"), ("GPE", "England"), ("GPE", "Canada")])
    assert mention_texts(ents)["countries"] == {"England", "Canada"}
    assert [m.start_char for e in ents.countries if e.code == "CA" for m in e.mentions] == [text.rindex("Canada")]


def test_category_word_in_a_name_types_it() -> None:
    text = "Trains ran on the Fenwick Valley Railway until 1950."
    ents = run_with(text, [("PERSON", "Fenwick Valley Railway")])
    assert mention_texts(ents)["places"] == {"Fenwick Valley Railway"} and ents.people == ()


def test_full_stop_at_a_line_end_ends_the_sentence() -> None:
    text = "Shares of Velmor Holdings Inc. rose.\nThe notes were placed with Velmor Holdings Inc.\nTalks in the U.S.\n"
    ents = run_with(text, [("ORG", "Velmor Holdings Inc."), ("ORG", "Velmor Holdings Inc."), ("GPE", "U.S.")])
    assert [m.text for e in ents.organizations for m in e.mentions] == ["Velmor Holdings Inc.", "Velmor Holdings Inc"]
    assert [(e.code, [m.text for m in e.mentions]) for e in ents.countries] == [("US", ["U.S"])]


def test_legal_form_ends_an_organization_name() -> None:
    text = "Orlen Tools said it bought Velmor Kft of Ruritania City for cash."
    ents = run_with(text, [("ORG", "Velmor Kft of Ruritania City")])
    assert mention_texts(ents)["organizations"] == {"Velmor Kft"}


@pytest.mark.parametrize(
    ("text", "group", "names"),
    [
        (
            "Fixtures:\nMay 17 v Northfield\nMay 18 v Eastbury Rovers (three days)\n",
            "organizations",
            {"Northfield", "Eastbury Rovers"},
        ),
        ("SCHEDULE\nNORTHFIELD AT EASTBURY\n", "places", {"EASTBURY"}),
        ("Results:\nMladen (BJ) 2 Sutor (Z) 1\n", "organizations", {"Mladen (BJ)", "Sutor (Z)"}),
    ],
)
def test_schedule_and_results_rows(text: str, group: str, names: set[str]) -> None:
    assert names <= mention_texts(run_with(text, []))[group]


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        ("He sold cars to dealers in West Germany for years.", "West Germany", "DE"),
        ("3. Dario Vance (Trinidad) 10.41", "Trinidad", "TT"),
        ("The Republic of Ireland drew 2-2 at home.", "Republic of Ireland", "IE"),
    ],
)
def test_historic_and_short_country_spellings(text: str, surface: str, code: str) -> None:
    ents = run_with(text, [])
    assert [(e.code, [m.text for m in e.mentions]) for e in ents.countries] == [(code, [surface])]


def test_water_and_park_words_end_place_names() -> None:
    text = "The line crossed Fenwick Brook and ran past Corlan Reservoir to the Edda Playfield."
    marked = [("PERSON", "Fenwick Brook"), ("ORG", "Corlan Reservoir"), ("PERSON", "Edda Playfield")]
    ents = run_with(text, marked)
    assert mention_texts(ents)["places"] == {"Fenwick Brook", "Corlan Reservoir", "Edda Playfield"}


def test_country_opening_a_longer_name_is_not_a_country() -> None:
    text = "She left to found Norway Vanguard, a small party. Prices in Norway rose before the U.S. Labor Day holiday."
    ents = run_with(text, [("GPE", "Norway"), ("GPE", "U.S.")])
    assert [(e.code, sorted(m.start_char for m in e.mentions)) for e in ents.countries] == [
        ("NO", [text.rindex("Norway")]),
        ("US", [text.index("U.S.")]),
    ]
    off = run_with(text, [("GPE", "Norway"), ("GPE", "U.S.")], skip=frozenset({"country before a name"}))
    assert len(next(e for e in off.countries if e.code == "NO").mentions) == 2


def test_stated_kind_beats_a_longer_person_name() -> None:
    text = "Racing at Park Marvelo began in 1950. The circuit lies near the town of Marvelo. Marvelo has a beach."
    marked = [("PERSON", "Park Marvelo"), ("GPE", "Marvelo"), ("PERSON", "Marvelo")]
    ents = run_with(text, marked)
    assert mention_texts(ents)["places"] == {"Marvelo"}
    off = run_with(text, marked, skip=frozenset({"stated kind holds"}))
    assert "Marvelo" in mention_texts(off)["people"]


def test_lone_initial_keeps_its_full_stop_at_a_line_end() -> None:
    text = "Command passed to Colonel Harold T.\nBrennick, 4 May 1944.\n"
    ents = run_with(text, [("PERSON", "Harold T")])
    assert "Harold T." in mention_texts(ents)["people"]


def test_organization_word_before_is_not_read_across_a_comma_or_before_a_person() -> None:
    text = "Agent: Harlow Savings Bank, Brenton. The signal operator Walter K. Ostby said little."
    ents = run_with(text, [("ORG", "Harlow Savings Bank"), ("GPE", "Brenton"), ("PERSON", "Walter K. Ostby")])
    texts = mention_texts(ents)
    assert "Brenton" in texts["places"] and "Walter K. Ostby" in texts["people"]
    assert (
        "Ostrava Daily"
        in mention_texts(run_with("It said so to the daily Ostrava Daily.", [("PERSON", "Ostrava Daily")]))[
            "organizations"
        ]
    )


def test_capitalised_article_inside_a_sentence_belongs_to_the_name() -> None:
    text = "The Kelder Trust runs it. She is a trustee of The Kelder Trust, and played at The Quarry."
    ents = run_with(text, [("ORG", "The Kelder Trust"), ("ORG", "Kelder Trust"), ("FAC", "Quarry")])
    assert mention_texts(ents)["organizations"] == {"Kelder Trust", "The Kelder Trust"}
    assert mention_texts(ents)["places"] == {"The Quarry"}
    assert len(ents.organizations) == 1


def test_model_designation_is_a_product() -> None:
    text = "The wing flew the KX-12 Harrow Hawk until 1960; Colonel Ida Brant flew the KX-12 Harrow Hawk too."
    marked = [("PERSON", "KX-12 Harrow Hawk"), ("PERSON", "Ida Brant"), ("ORG", "KX-12 Harrow Hawk")]
    ents = run_with(text, marked)
    assert mention_texts(ents)["people"] == {"Ida Brant"} and ents.organizations == ()
    off = run_with(text, marked, skip=frozenset({"cue: model designation"}))
    assert "KX-12 Harrow Hawk" in mention_texts(off)["people"] | mention_texts(off)["organizations"]


def test_counted_abbreviation_is_not_a_name() -> None:
    text = "He won by TKO in May. By 1980 he had 21 TKOs and a title from the WBA. The WBA agreed."
    marked = [("ORG", "TKO"), ("ORG", "WBA"), ("ORG", "WBA")]
    ents = run_with(text, marked)
    assert mention_texts(ents)["organizations"] == {"WBA"}
    off = run_with(text, marked, skip=frozenset({"counted abbreviation"}))
    assert "TKO" in mention_texts(off)["organizations"]


def test_innings_totals_name_teams() -> None:
    text = "At Kelby: Northfold 241 and 198-6, Westmarch 305 (T. Ambler 4-51). Eastvale 112-4 declared.\n"
    marked = [("PERSON", "Northfold"), ("GPE", "Westmarch"), ("PERSON", "T. Ambler")]
    ents = run_with(text, marked)
    assert {"Northfold", "Westmarch"} <= mention_texts(ents)["organizations"]
    assert "T. Ambler" in mention_texts(ents)["people"]
    off = run_with(text, marked, skip=frozenset({"innings totals"}))
    assert "Northfold" not in mention_texts(off)["organizations"]


def test_sentence_opening_with_a_date_is_not_a_dateline() -> None:
    text = "The band toured.\nOn May 2, 2007, the band played.\nKELBY, May 3 - Rain fell.\n"
    places = mention_texts(run_with(text, []))["places"]
    assert "On" not in places and "KELBY" in places


def test_junction_mills_and_field_end_place_names() -> None:
    text = "Trains met at Corby Junction, passed Fenn Mills and stopped near Harlan Field."
    marked = [("ORG", "Corby Junction"), ("ORG", "Fenn Mills"), ("PERSON", "Harlan Field")]
    ents = run_with(text, marked)
    assert mention_texts(ents)["places"] == {"Corby Junction", "Fenn Mills", "Harlan Field"}


def test_pronoun_subject_is_no_definition() -> None:
    text = "It was the second hockey league in the province. It was founded by four clubs.\n"
    ents = run_with(text, [])
    assert ents.organizations == () and ents.people == ()


def test_definition_types_by_the_head_noun() -> None:
    text = "The Lanternfolk is a publicity street team for the band. The Lanternfolk met in May.\n"
    ents = run_with(text, [("GPE", "Lanternfolk"), ("GPE", "Lanternfolk")])
    assert mention_texts(ents)["organizations"] == {"Lanternfolk"} and ents.places == ()
    assert "definition: 'Lanternfolk is a team'" in why_of(ents, "Lanternfolk")
    off = run_with(text, [("GPE", "Lanternfolk"), ("GPE", "Lanternfolk")], skip=frozenset({"definition head noun"}))
    assert mention_texts(off)["places"] == {"Lanternfolk"}


def test_place_between_places_is_a_place() -> None:
    text = "The old road runs between Portlow and Saltmere, past the mill."
    ents = run_with(text, [("PERSON", "Portlow"), ("GPE", "Saltmere")])
    assert mention_texts(ents)["places"] == {"Portlow", "Saltmere"} and ents.people == ()
    assert any("between places" in r for r in why_of(ents, "Portlow"))
    # people stay people: a list or a fronted place is no evidence
    text = "In Dunmere, Tova Lind scored twice, and Dunmere and Tova Lind shared the prize."
    ents = run_with(text, [("GPE", "Dunmere"), ("PERSON", "Tova Lind"), ("GPE", "Dunmere"), ("PERSON", "Tova Lind")])
    assert mention_texts(ents)["people"] == {"Tova Lind"}


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("Council leader Ann Riley said the budget was tight.", [("ORG", "Council"), ("PERSON", "Ann Riley")]),
        ("The plan failed. Committee members voted against it.", [("ORG", "Committee")]),
    ],
)
def test_kind_word_opening_a_sentence_is_no_organization(text: str, marked: list[tuple[str, str]]) -> None:
    ents = run_with(text, marked)
    assert ents.organizations == ()


def test_named_council_is_still_an_organization() -> None:
    text = "The Kelmby Council met. Later the Council voted."
    ents = run_with(text, [("ORG", "Kelmby Council"), ("ORG", "Council")])
    assert "Kelmby Council" in mention_texts(ents)["organizations"]


def test_name_counted_by_several_ordinals_is_an_edition() -> None:
    text = "Songs were cut after the 2nd Glimmerix, and the 4th Glimmerix sold less. Fans wanted Glimmerix back.\n"
    marked = [("ORG", "Glimmerix"), ("ORG", "Glimmerix"), ("ORG", "Glimmerix")]
    ents = run_with(text, marked)
    assert ents.organizations == ()
    # one ordinal names a unit, not an edition
    text = "The 65th Skyguard moved to Spain. The Skyguard directed construction.\n"
    ents = run_with(text, [("ORG", "Skyguard"), ("ORG", "Skyguard")])
    assert mention_texts(ents)["organizations"] == {"Skyguard"}


def test_category_word_opens_only_a_short_name() -> None:
    text = "The tour included several other bands, such as Street Glass Corps.\n"
    ents = run_with(text, [("ORG", "Street Glass Corps")])
    assert mention_texts(ents)["organizations"] == {"Street Glass Corps"}
    text = "Visitors walk up to Castle Tarrow from the weir.\n"
    assert mention_texts(run_with(text, [("ORG", "Castle Tarrow")]))["places"] == {"Castle Tarrow"}


def test_names_listed_after_a_plural_category_noun() -> None:
    text = "He played with famous guitarists such as Tarvo, Ridhan and Elk Sommer.\n"
    ents = run_with(text, [("ORG", "Tarvo"), ("ORG", "Ridhan"), ("PERSON", "Elk Sommer")])
    assert mention_texts(ents)["people"] == {"Tarvo", "Ridhan", "Elk Sommer"}
    assert any("listed after 'guitarists'" in r for r in why_of(ents, "Tarvo"))
    # artists are singers and bands alike: no evidence either way
    text = "The contest had artists such as Mira Tull and Copper Owl.\n"
    ents = run_with(text, [("PERSON", "Mira Tull"), ("ORG", "Copper Owl")])
    assert mention_texts(ents)["organizations"] == {"Copper Owl"}


def test_band_of_a_person_does_not_make_the_person_a_band() -> None:
    text = "In 1933 Ravel joined the jazz band of Al Kestin, where he played piano.\n"
    ents = run_with(text, [("PERSON", "Ravel"), ("PERSON", "Al Kestin")])
    assert "Al Kestin" in mention_texts(ents)["people"] and ents.organizations == ()
    text = "She settled in the village of Tarnley.\n"
    assert mention_texts(run_with(text, [("PERSON", "Tarnley")]))["places"] == {"Tarnley"}


def test_maiden_name_in_brackets_is_a_person() -> None:
    text = "Anna Weld (née Stonecroft) was a teacher.\n"
    ents = run_with(text, [("PERSON", "Anna Weld"), ("ORG", "Stonecroft")])
    assert mention_texts(ents)["people"] == {"Anna Weld", "Stonecroft"}


@pytest.mark.parametrize(
    "text",
    [
        "It ended with the French Revolution of that year.\n",
        "They met at Ruby Tuesday.\n",
        "From January to June Kelmar exported most of its output.\n",
    ],
)
def test_demonym_or_weekday_does_not_make_a_given_name_person(text: str) -> None:
    assert run_with(text, []).people == ()


def test_lineup_numbers_name_people() -> None:
    text = "Ruritania - 15 - Ana Ruiz, 14 - Jo Kellerman, 13 - Tamsin Orr (Ida Fell, 70); 12 - Bo Varga.\n"
    ents = run_with(text, [])
    assert mention_texts(ents)["people"] == {"Ana Ruiz", "Jo Kellerman", "Tamsin Orr", "Bo Varga", "Ida Fell"}
    # one numbered name is no line-up ("Kent 3 - Surrey"), and a line-up's last name loses its full stop
    assert run_with("Final score: 3 - Surrey Vale.\n", []).people == ()


def test_seeded_results_line_names_people() -> None:
    text = "Results (seeds in front): 1 - Omar Lund (Egypt) beat 7 - Chris Tallow (Scotland) 15-8 15-13\n"
    ents = run_with(text, [])
    assert mention_texts(ents)["people"] == {"Omar Lund", "Chris Tallow"}


def test_plural_after_the_is_a_team_in_a_text_with_scores() -> None:
    text = "The Comets scored late, but the Marlowes lost 10-7 in the rain across the Veldmarks.\n"
    marked = [("ORG", "Comets"), ("GPE", "Marlowes"), ("LOC", "Veldmarks")]
    ents = run_with(text, marked)
    assert "Marlowes" in mention_texts(ents)["organizations"]
    assert mention_texts(ents)["places"] == {"Veldmarks"}
    # without a score the plural stays what the model said ("descendants of the Varangs")
    text = "They were said to be descendants of the Varangs, who came from the north.\n"
    assert mention_texts(run_with(text, [("GPE", "Varangs")]))["places"] == {"Varangs"}


def test_club_abbreviations_and_music_end_organization_names() -> None:
    text = "He met Kelmby A.F.C. players at a gym. Later he worked at Meyer Music in town.\n"
    ents = run_with(text, [("LOC", "Kelmby A.F.C."), ("PERSON", "Meyer Music")])
    assert mention_texts(ents)["organizations"] == {"Kelmby A.F.C.", "Meyer Music"}


def test_office_of_a_country_keeps_the_country() -> None:
    text = "The cup came from the Governor General of Canada last year.\n"
    ents = run_with(text, [("FAC", "the Governor General of Canada")])
    assert names(ents.countries) == {"Canada": ("CA", 1, {"Canada"})}
    assert ents.people == () and ents.organizations == ()
    assert any("office" in r for r in why_of(ents, "Canada"))


def test_short_form_of_a_party_named_after_a_country() -> None:
    text = "He founded the Ruritania Forward Party in 1990. Later he said Ruritania Forward had no members.\n"
    text = text.replace("Ruritania", "Australia")
    ents = run_with(text, [("ORG", "the Australia Forward Party")])
    assert mention_texts(ents)["organizations"] == {"Australia Forward Party", "Australia Forward"}
    assert ents.countries == ()


def test_article_opens_no_given_name_person() -> None:
    text = "But Le Courrier newspaper said the talks failed. Analysts at Lehmann Bros. agreed.\n"
    ents = run_with(text, [("ORG", "Le Courrier"), ("PERSON", "Lehmann Bros.")])
    assert ents.people == ()
    assert mention_texts(ents)["organizations"] == {"Le Courrier", "Lehmann Bros."}


@pytest.mark.parametrize(
    "text",
    [
        "TENNIS - RESULTS FROM THE U.S. OPEN.\nThe players rested.\n",
        "SQUASH - HONG KONG OPEN FINAL.\nThe players rested.\n",
        "He won the sixth stage of the Tour of the Netherlands on Sunday.\n",
    ],
)
def test_country_inside_an_event_name_is_not_a_country(text: str) -> None:
    assert run_with(text, []).countries == ()


def test_compass_adjective_names_a_part_of_the_country() -> None:
    text = "Northern Iraq has been under Kurdish control. The West Jersey train was late.\n"
    ents = run_with(text, [("GPE", "Northern Iraq"), ("ORG", "West Jersey")])
    assert names(ents.countries) == {"Iraq": ("IQ", 1, {"Iraq"})}


def test_results_line_team_after_the_country() -> None:
    text = (
        "Leading placings after the stage:\n"
        "1. Ola Brenner (Norway) Fjordbank 4 hours 48 mins 2 seconds\n"
        "2. Tim Vasko (Slovakia) Velotek same time\n"
        "3. Ana Lopez (Chile), Reyna Honda, 53.980\n"
    )
    ents = run_with(text, [("PERSON", "Reyna Honda")])
    assert mention_texts(ents)["organizations"] == {"Fjordbank", "Velotek", "Reyna Honda"}
    assert mention_texts(ents)["people"] == {"Ola Brenner", "Tim Vasko", "Ana Lopez"}


def test_capitalised_run_ending_in_an_organization_word_is_found() -> None:
    text = "Prices rose, local traders said.\n-- Ana Petrescu, Kelmby Newsroom 40-1 3120264\nLocal Civic Trust members met.\n"
    ents = run_with(text, [("PERSON", "Ana Petrescu")])
    assert mention_texts(ents)["organizations"] == {"Kelmby Newsroom"}
    assert any("'Newsroom'" in r for r in why_of(ents, "Kelmby Newsroom"))
    off = run_with(text, [("PERSON", "Ana Petrescu")], skip=frozenset({"suffix names"}))
    assert off.organizations == ()


def test_name_with_one_year_in_brackets_is_a_work() -> None:
    text = "He played himself in Harbour Lights (1944), then Lantern Row (1945). Rosa Vell (1901-1977) sang.\n"
    ents = run_with(text, [("PERSON", "Harbour Lights"), ("PERSON", "Lantern Row"), ("PERSON", "Rosa Vell")])
    assert mention_texts(ents)["people"] == {"Rosa Vell"} and ents.organizations == ()


def test_works_and_hotel_end_organization_names() -> None:
    text = "Kelmby Locomotive Works built the engines. He played at the Mark Tallis Hotel in town.\n"
    ents = run_with(text, [("PERSON", "Kelmby Locomotive Works"), ("ORG", "Mark Tallis Hotel")])
    assert mention_texts(ents)["organizations"] == {"Kelmby Locomotive Works", "Mark Tallis Hotel"}


def test_club_role_after_a_name_makes_it_the_club() -> None:
    text = "Goals came from 20-year-old Kelmby striker Jon Orr and Tarnley manager Ed Vance watched.\n"
    ents = run_with(text, [("PERSON", "Kelmby"), ("PERSON", "Jon Orr"), ("GPE", "Tarnley"), ("PERSON", "Ed Vance")])
    assert mention_texts(ents)["organizations"] == {"Kelmby", "Tarnley"}
    assert mention_texts(ents)["people"] == {"Jon Orr", "Ed Vance"}


def test_particle_inside_a_given_name_person() -> None:
    text = "Her salon drew Friedrich Vell and Germaine de Varenne, among others.\n"
    ents = run_with(text, [("PERSON", "Friedrich Vell"), ("ORG", "Germaine de Varenne")])
    assert mention_texts(ents)["people"] == {"Friedrich Vell", "Germaine de Varenne"}


def test_place_noun_after_a_name_makes_it_the_place() -> None:
    text = "Crowds marched at Charles de Brune airport. Peace returned to the Tarvik region. Dylan Vance album sales rose.\n"
    marked = [("PERSON", "Charles de Brune"), ("ORG", "Tarvik"), ("PERSON", "Dylan Vance")]
    ents = run_with(text, marked)
    assert mention_texts(ents)["places"] == {"Charles de Brune", "Tarvik"}
    assert mention_texts(ents)["people"] == {"Dylan Vance"}


def test_person_shaped_name_before_its_region_is_a_place() -> None:
    text = "The unit moved to Elvedon Hall, England, in 1945. Results: Ernie Vell, Scotland, 68.\n"
    ents = run_with(text, [("PERSON", "Elvedon Hall"), ("PERSON", "Ernie Vell")])
    assert mention_texts(ents)["places"] == {"Elvedon Hall"}
    assert mention_texts(ents)["people"] == {"Ernie Vell"}


def test_gym_and_formation_end_place_names() -> None:
    text = "Games moved to Tarvo Gym. The well reached the thin Kelder Formation below.\n"
    ents = run_with(text, [("PERSON", "Tarvo Gym"), ("PERSON", "Kelder Formation")])
    assert mention_texts(ents)["places"] == {"Tarvo Gym", "Kelder Formation"}


def test_between_a_missed_place_and_a_person_shaped_name() -> None:
    text = "The old road between Portlow and Saltmere will reopen. The bout between Tyson and Holm was short.\n"
    ents = run_with(text, [("PERSON", "Portlow"), ("PERSON", "Tyson"), ("PERSON", "Holm")])
    assert mention_texts(ents)["places"] == {"Portlow"}
    assert mention_texts(ents)["people"] == {"Tyson", "Holm"}


def test_cited_author_with_a_year_is_still_a_person() -> None:
    text = "As Max Tallow (2019) showed, and Tallow (2020) confirmed, prices fell.\n"
    ents = run_with(text, [("PERSON", "Max Tallow"), ("PERSON", "Tallow")])
    assert mention_texts(ents)["people"] == {"Max Tallow", "Tallow"}


def test_suffix_name_does_not_cross_a_sentence_or_open_with_a_date() -> None:
    text = "Exams end in February. School boards meet then. On Sunday Service times change.\n"
    assert run_with(text, []).organizations == ()


def test_fans_of_a_person_do_not_make_a_club() -> None:
    text = "Rallies drew Vance supporters. Jon Vance spoke.\n"
    ents = run_with(text, [("PERSON", "Vance"), ("PERSON", "Jon Vance")])
    assert ents.organizations == ()


def test_acronym_before_a_place_noun_stays_an_organization() -> None:
    text = "She spoke at a KBC town hall on Monday.\n"
    ents = run_with(text, [("ORG", "KBC")])
    assert mention_texts(ents)["organizations"] == {"KBC"}
