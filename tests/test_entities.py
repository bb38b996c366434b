"""Entities: typing, cleaning and merging rules, fed with hand-made NER spans (no model needed)."""

from __future__ import annotations

import re

import pytest

from docscan.entities import build_entities
from docscan.loading import decode_bytes
from docscan.model import Entities, RawEntity


def spans(text: str, marked: list[tuple[str, str]]) -> list[RawEntity]:
    """RawEntity for each (label, surface), listed in order of occurrence in the text."""
    out: list[RawEntity] = []
    cursor = 0
    for label, surface in marked:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        out.append(RawEntity(label, start, start + len(surface), surface))
    return out


def run(text: str, marked: list[tuple[str, str]]) -> Entities:
    doc = decode_bytes(text.encode())
    return build_entities(doc, spans(text, marked), scope=[(0, len(text))])


def names(items: tuple) -> dict[str, tuple[str | None, int, set[str]]]:
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
