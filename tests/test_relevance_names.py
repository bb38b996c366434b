"""Discourse evidence in `split_unrelated`: names that are strangers to the document, and speech
that only looks like a "Label: text" paragraph.

Every fixture is invented for these tests. The pasted stories share the host's topic (both are
about a city's transport), so word overlap alone does not tell them apart: what does is that their
people and places never appear in the host, or that an attribution ("Ms Varga said: ...") is not
the document's own label layout. Each rule has a clean document of the same shape that must stay
whole, and a check that the rule (by name) is what decided.
"""

from __future__ import annotations

import re

import pytest

from docscan import relevance
from docscan.blocks import split_blocks
from docscan.loading import decode_bytes
from docscan.model import BlockVerdict, unrelated_lines
from docscan.relevance import split_unrelated

TITLE = "City approves new bus lanes on the ring road"
HOST = [
    "The city council has approved new bus lanes on the ring road, after a year of consultation with "
    "drivers, cyclists and the bus operators who run routes around the centre of Marlow.",
    "Council leader Priya Anand said the bus lanes would cut journey times on the busiest routes by a "
    "quarter, and that the council expected more people to leave their cars at home as a result.",
    "Drivers' groups had warned that taking a lane from cars would push traffic into side streets. "
    "Anand said the council would watch traffic in those streets and add crossings where needed.",
    "The work will cost about 18 million and start in the spring. Most of the money comes from a "
    "national fund for bus services, and the council will pay the rest from parking income.",
    "Bus operators welcomed the decision. The ring road lanes will run from six in the morning until "
    "seven in the evening, and taxis and cyclists may use them too, the council said.",
    "Anand said the first stretch of the bus lanes, around the station in Marlow, should open before "
    "the end of next year, with the rest of the ring road following in stages.",
]
# Another city's transport story: the same vocabulary (council, bus, routes, traffic), its own cast.
STRANGER = [
    "Transport chiefs in Eastbury have delayed plans for a tram network, saying the cost had risen "
    "too far. Mayor Elena Varga said the council would look again at the plans over the summer.",
    "Varga said Eastbury could not ask residents to pay more for a network that would not open before "
    "the end of the decade, and that existing trains would cope in the meantime.",
]
# The same two closing paragraphs, but about people the article introduced: they belong.
KNOWN = [
    "Transport chiefs in Marlow have delayed a separate plan for a tram network, saying the cost had "
    "risen too far. Anand said the council would look again at the routes in the summer.",
    "Anand said Marlow could not ask residents to pay more for a network that would not open before "
    "the end of the decade, and that buses would carry the traffic in the meantime.",
]


def _split_lines(paragraphs: list[str]) -> tuple[set[int], tuple[BlockVerdict, ...]]:
    text = "\n\n".join(paragraphs) + "\n"
    doc = decode_bytes(text.encode("utf-8"), path="fixture.txt")
    split = split_unrelated(doc, split_blocks(doc))
    out = unrelated_lines(split.segments)
    nonblank = {i + 1 for i, line in enumerate(text.split("\n")) if line.strip()}
    return out & nonblank, split.verdicts


def _lines_of(paragraphs: list[str], first: int, count: int) -> set[int]:
    """The 1-based lines of paragraphs[first:first + count] when joined by blank lines."""
    return {2 * i + 1 for i in range(first, first + count)}


def test_a_closing_story_with_its_own_cast_is_set_aside() -> None:
    paragraphs = [TITLE, *HOST, *STRANGER]
    flagged, verdicts = _split_lines(paragraphs)
    assert flagged == _lines_of(paragraphs, len(HOST) + 1, len(STRANGER))
    features = dict(verdicts[-1].features)
    assert features["foreign_names"] == relevance.FOREIGN_CHAIN_EVIDENCE


def test_the_stranger_names_are_what_decided(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(relevance, "FOREIGN_CHAIN_EVIDENCE", 0.0)
    flagged, _ = _split_lines([TITLE, *HOST, *STRANGER])
    assert flagged == set()


def test_an_opening_story_with_its_own_cast_is_set_aside() -> None:
    paragraphs = [*STRANGER, TITLE, *HOST]
    flagged, _ = _split_lines(paragraphs)
    assert flagged == _lines_of(paragraphs, 0, len(STRANGER))


def test_closing_paragraphs_about_the_articles_own_people_stay() -> None:
    flagged, verdicts = _split_lines([TITLE, *HOST, *KNOWN])
    assert flagged == set()
    assert dict(verdicts[-1].features)["foreign_names"] == 0.0


def test_one_closing_paragraph_with_new_names_is_not_a_chain() -> None:
    """Background at the end of an article brings a new name or two; one paragraph is no chain."""
    background = (
        "The ring road was built in the 1970s by engineer Walter Brisk, whose firm Brisk and Hale "
        "later designed bridges across the county."
    )
    flagged, verdicts = _split_lines([TITLE, *HOST, background])
    assert flagged == set()
    assert dict(verdicts[-1].features)["foreign_names"] == 0.0


def test_a_short_document_has_no_rest_to_carry_its_names() -> None:
    """With fewer than three prose paragraphs outside the stretch, the host's own names cannot be
    told from a stranger's: the rule stays silent."""
    flagged, verdicts = _split_lines([TITLE, *HOST[:2], *STRANGER])
    assert dict(verdicts[-1].features)["foreign_names"] == 0.0
    assert flagged == set()


SPEECH = (
    'Ms Okonjo said: "Our depot will switch all forty vehicles to electric power by the winter, and the '
    'charging points are already in the ground next to the workshop."'
)


def test_attributed_speech_is_not_the_documents_label_layout() -> None:
    """A closing paragraph that opens "Ms Okonjo said:" by someone the article never mentions is
    judged on its words, even when the article has its own "He added:" paragraphs: speech is not
    a "Label: text" layout that the rest shares."""
    host = [*HOST[:5], 'He added: "Nobody enjoys roadworks, but the lanes will be worth the wait."', HOST[5]]
    paragraphs = [TITLE, *host, SPEECH]
    flagged, verdicts = _split_lines(paragraphs)
    assert dict(verdicts[-1].features)["position"] >= relevance.EDGE_EVIDENCE
    assert flagged == _lines_of(paragraphs, len(paragraphs) - 1, 1)


def test_labelled_paragraphs_keep_their_layout_evidence() -> None:
    """Real labels ("Funding: ...") still count as the document's own layout."""
    host = [f"{label}: {text}" for label, text in zip(["Plan", "Housing", "Traffic", "Funding"], HOST[:4], strict=True)]
    labelled = "Operators: " + SPEECH.split(": ", 1)[1]
    flagged, verdicts = _split_lines([TITLE, *host, *HOST[4:], labelled])
    assert dict(verdicts[-1].features)["position"] < 0
    assert flagged == set()


QUOTE = (
    '"Honestly, nobody enjoys months of digging, noise and mud. We would rather finish early and get out '
    "of the cyclists' way by spring,\" she told reporters."
)
MATCH = [
    "Harbour Rovers scored twice in the final five minutes to beat Eastfield 3-2 on Saturday and climb to "
    "third place in the league table, with striker Tomasz Wilk heading the equaliser from a corner.",
]


def _quote_then_match() -> list[str]:
    return [TITLE, *HOST[:2], QUOTE, *MATCH, *HOST[2:]]


def test_a_quote_whose_speaker_is_named_above_stays_beside_an_insertion() -> None:
    """A nameless quotation attributed to "she" continues the text that named her: it does not
    ride along with the pasted match report next to it."""
    paragraphs = _quote_then_match()
    flagged, _ = _split_lines(paragraphs)
    assert flagged == _lines_of(paragraphs, 4, 1)


def test_the_pronoun_speaker_is_what_keeps_the_quote(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(relevance, "_PRONOUN_SPEAKER", re.compile(r"(?!x)x"))
    paragraphs = _quote_then_match()
    flagged, _ = _split_lines(paragraphs)
    assert flagged == _lines_of(paragraphs, 3, 2)


SQUAD = [
    "Mendes names Harbour City squad for Lisbon final",
    "Harbour City coach Rafael Mendes on Monday named the squad that will travel to Lisbon for the cup "
    "final against Porto Azul.",
    "Goalkeeper Tomas Reyes returns after a knee injury kept him out for six weeks, while defender Luis "
    "Cabral keeps his place ahead of the veteran Hugo Pinto.",
    "Midfielder Andre Sousa, who scored twice in the semi-final, leads a young squad with an average age "
    "of twenty-three.",
    "Striker Bruno Alves misses out with a hamstring strain and will stay behind for treatment with the medical staff.",
    "The squad flies out on Thursday and trains at the final's stadium on Friday evening.",
]


def test_a_headline_and_lead_whose_names_the_body_never_repeats_stay() -> None:
    """An article's own headline and lead name its subject; a body of line-up news may never name
    it again. At the start, only text above the article's title counts as a stranger chain."""
    flagged, _ = _split_lines(SQUAD)
    assert flagged == set()


def test_the_reason_names_the_stranger_names() -> None:
    _, verdicts = _split_lines([TITLE, *HOST, *STRANGER])
    assert verdicts[-1].unrelated and "names appear nowhere else" in verdicts[-1].reason
