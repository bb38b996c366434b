"""Fifth round of entity typing rules (issue 13), on invented text and hand-made model spans.

Every sentence here was written for this file (invented names, no corpus text). Each test feeds
the spans a small model might give and checks what a reader expects, then switches the rule off
(`skip`) to show the rule is what decides it.
"""

from __future__ import annotations

from docscan.entities import switchable
from test_entities import mentions, run


def test_the_new_rules_can_be_switched_off() -> None:
    names = set(switchable())
    for rule in (
        "possessive apposition",
        "definition alternatives",
        "numbered unit",
        "short form of a place",
        "title and particle open a person",
    ):
        assert rule in names


def test_possessive_apposition_types_the_name_before_it() -> None:
    text = "In 1994 Orlan Vekk formed Mistlark, his first folk band, with two cousins.\n"
    marked = [("PERSON", "Orlan Vekk"), ("PERSON", "Mistlark")]
    on = mentions(run(text, marked))
    assert "Mistlark" in on["organizations"]
    assert "Mistlark" not in on["people"]
    off = mentions(run(text, marked, skip=frozenset({"possessive apposition"})))
    assert "Mistlark" in off["people"]


def test_possessive_apposition_needs_a_category_noun_ending_the_phrase() -> None:
    text = "The prize went to Hanna Brolle, her closest rival in the final.\n"
    ents = mentions(run(text, [("PERSON", "Hanna Brolle")]))
    assert ents["people"] == {"Hanna Brolle"}


def test_each_alternative_name_of_a_definition_is_defined() -> None:
    text = (
        "Velmari or Velmarites were an ethnic minority in the hills above Dorvask.\n"
        "Later writers called the Velmari a tribe of shepherds, and some Velmarites moved to the coast.\n"
    )
    marked = [
        ("PERSON", "Velmari"),
        ("ORG", "Velmarites"),
        ("GPE", "Dorvask"),
        ("PERSON", "Velmari"),
        ("ORG", "Velmarites"),
    ]
    on = mentions(run(text, marked))
    assert "Velmari" not in on["people"] and "Velmarites" not in on["organizations"]
    off = mentions(run(text, marked, skip=frozenset({"definition alternatives"})))
    assert "Velmarites" in off["organizations"]


def test_a_person_defined_under_two_names_is_found_under_both() -> None:
    text = "I Ketut Wirasana or Ketut Wirasana (born 1970) is an Indonesian drummer from Tabanan.\n"
    on = mentions(run(text, [("PERSON", "Wirasana"), ("GPE", "Tabanan")]))
    assert {"I Ketut Wirasana", "Ketut Wirasana"} <= on["people"]
    off = mentions(run(text, [("PERSON", "Wirasana"), ("GPE", "Tabanan")], skip=frozenset({"definition alternatives"})))
    assert "I Ketut Wirasana" not in off.get("people", set())


def test_a_numbered_unit_keeps_its_number() -> None:
    text = (
        "The 41st Air Division moved to Norrvik in 1950. It was redesignated 41 Fighter Wing in 1953, "
        "and 7 Air Division took over its bases.\n"
    )
    marked = [("ORG", "Air Division"), ("GPE", "Norrvik"), ("ORG", "Air Division")]
    on = mentions(run(text, marked))
    assert {"41st Air Division", "41 Fighter Wing", "7 Air Division"} <= on["organizations"]
    off = mentions(run(text, marked, skip=frozenset({"numbered unit"})))
    assert "41st Air Division" not in off["organizations"]


def test_a_number_before_an_ordinary_name_or_a_year_is_no_unit() -> None:
    text = "In 1944 Coastal Command lost 12 Harbour Patrol boats, and 3 Alder Street houses burned.\n"
    ents = mentions(run(text, [("ORG", "Coastal Command")]))
    assert "1944 Coastal Command" not in ents["organizations"]
    assert not any(m.startswith("12 ") or m.startswith("3 ") for m in ents["organizations"])


def test_short_form_of_a_place_joins_the_place() -> None:
    text = (
        "Drilling at Tarrow Ridge Field began in 1998. By 2004 Tarrow Ridge produced most of the "
        "county's oil, and Tarrow Ridge still does.\n"
    )
    marked = [("FAC", "Tarrow Ridge Field"), ("PERSON", "Tarrow Ridge"), ("PERSON", "Tarrow Ridge")]
    on = mentions(run(text, marked))
    assert "Tarrow Ridge" in on["places"] and "Tarrow Ridge" not in on["people"]
    off = mentions(run(text, marked, skip=frozenset({"short form of a place"})))
    assert "Tarrow Ridge" in off["people"]


def test_a_given_name_keeps_a_short_form_a_person() -> None:
    text = "Lindsey Hale Park opened in 1920. Lindsey Hale said the park was too small.\n"
    marked = [("FAC", "Lindsey Hale Park"), ("PERSON", "Lindsey Hale")]
    ents = mentions(run(text, marked))
    assert "Lindsey Hale" in ents["people"]
    assert "Lindsey Hale Park" in ents["places"]


def test_title_and_particle_open_a_person() -> None:
    text = "In 1802 she met Madame de Vaudrel in Lyon. Her letters to Madame de Vaudrel survive.\n"
    marked = [("ORG", "Madame de Vaudrel"), ("GPE", "Lyon"), ("ORG", "Madame de Vaudrel")]
    on = mentions(run(text, marked))
    assert "Madame de Vaudrel" in on["people"]
    assert "Madame de Vaudrel" not in on["organizations"]
    off = mentions(run(text, marked, skip=frozenset({"title and particle open a person"})))
    assert "Madame de Vaudrel" in off["organizations"]


def test_a_numbered_unit_ends_at_its_unit_word() -> None:
    text = "The convoy joined 12th Signal Brigade Monday and reached Ostrel by noon.\n"
    ents = mentions(run(text, [("GPE", "Ostrel")]))
    assert "12th Signal Brigade" in ents["organizations"]


def test_a_day_after_a_category_noun_is_no_name() -> None:
    text = "A porter found the bag and took it to the police station Monday, officials in Varnholt said.\n"
    ents = mentions(run(text, [("GPE", "Varnholt")]))
    assert "Monday" not in ents["places"]
