"""A lone capitalised word the model calls a person, that opens the document's only multi-word
place, is that place used as a modifier ("Holm Island" ... "the Holm landing"). Spans are given
by hand, so the rule is tested without the model's choices."""

from __future__ import annotations

from test_entities import groups, mentions, run

TEXT = (
    "The ferry to Holm Island runs again on Monday. Engineers rebuilt the ramp at the Holm landing "
    "after the storm, and islanders on Holm Island welcomed the first crossing.\n"
)
MARKED = [("GPE", "Holm Island"), ("PERSON", "Holm"), ("GPE", "Holm Island")]


def test_a_lone_person_word_opening_a_place_joins_the_place() -> None:
    ents = run(TEXT, MARKED)
    assert groups(ents)["people"] == set()
    assert mentions(ents)["places"] == {"Holm Island", "Holm"}
    (place,) = ents.places
    assert place.count == 3
    off = run(TEXT, MARKED, skip=frozenset({"opens a place's name"}))
    assert groups(off)["people"] == {"Holm"}


def test_a_surname_of_a_full_person_name_stays_a_person() -> None:
    text = (
        "Ada Holm opened the Holm Gallery in Bergen. Later Holm moved to Oslo, where Holm Park now carries her name.\n"
    )
    marked = [
        ("PERSON", "Ada Holm"),
        ("ORG", "Holm Gallery"),
        ("GPE", "Bergen"),
        ("PERSON", "Holm"),
        ("GPE", "Oslo"),
        ("FAC", "Holm Park"),
    ]
    ents = run(text, marked)
    assert "Holm" not in {m.text for e in ents.places for m in e.mentions}


def test_two_places_opened_by_the_word_decide_nothing() -> None:
    text = "From Holm Island the boat goes to Holm Bay. Holm waved from the quay as it left.\n"
    marked = [("GPE", "Holm Island"), ("LOC", "Holm Bay"), ("PERSON", "Holm")]
    assert groups(run(text, marked))["people"] == {"Holm"}


def test_a_word_that_speaks_stays_a_person() -> None:
    text = "The show opened at Lindsey Park on Friday. Lindsey said the crowd was the largest yet.\n"
    marked = [("GPE", "Lindsey Park"), ("PERSON", "Lindsey")]
    assert groups(run(text, marked))["people"] == {"Lindsey"}
