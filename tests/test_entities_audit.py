"""Robustness audit of entity typing on invented text in several genres (issue 13).

Each document below was written for this file (invented names in realistic shapes, no corpus
text): encyclopedic openings, a company profile, a results page, a band biography, a political
story, names from other languages, organizations opening with a digit, names joined by "and",
initials, and works and events. The first part feeds hand-made model spans to the rules the audit
added (no model needed); the second runs the real pipeline and asserts what a careful reader
expects, including cases that already worked. Known failures are listed in the README's
"Entities" section, not asserted here.
"""

from __future__ import annotations

import pytest

from test_entities import groups, mentions, run

# ---------------------------------------------------------------------------------------------
# the audit's rules, on hand-made spans


def test_short_form_of_an_organization_joins_its_full_name() -> None:
    text = "Halvorsen Maritime ASA is based in Bergen. Last year Halvorsen Maritime bought a tanker.\n"
    ents = run(text, [("ORG", "Halvorsen Maritime ASA"), ("GPE", "Bergen"), ("ORG", "Halvorsen Maritime")])
    orgs = {e.name: e for e in ents.organizations}
    assert set(orgs) == {"Halvorsen Maritime ASA"}
    assert orgs["Halvorsen Maritime ASA"].aliases == ("Halvorsen Maritime",)
    off = run(
        text,
        [("ORG", "Halvorsen Maritime ASA"), ("GPE", "Bergen"), ("ORG", "Halvorsen Maritime")],
        skip=frozenset({"short form of an organization"}),
    )
    assert len(off.organizations) == 2


def test_short_form_takes_over_a_person_typed_name_but_not_a_founder() -> None:
    text = (
        "Dunmore Grammar School is a school in Ulster. It was founded by Erik Dunmore Grammar.\n"
        "Pupils of Dunmore Grammar play rugby.\n"
    )
    ents = run(
        text,
        [("ORG", "Dunmore Grammar School"), ("PERSON", "Erik Dunmore Grammar"), ("PERSON", "Dunmore Grammar")],
    )
    assert groups(ents)["organizations"] == {"Dunmore Grammar School"}
    assert {m.text for e in ents.organizations for m in e.mentions} == {"Dunmore Grammar School", "Dunmore Grammar"}
    assert groups(ents)["people"] == {"Erik Dunmore Grammar"}


def test_and_after_a_legal_form_joins_two_companies() -> None:
    text = "The group owns Nordlys Tankers AS and Skarven Offshore Ltd outright.\n"
    ents = run(text, [("ORG", "Nordlys Tankers AS and Skarven Offshore Ltd")])
    assert groups(ents)["organizations"] == {"Nordlys Tankers AS", "Skarven Offshore Ltd"}


def test_and_inside_a_company_name_without_a_legal_form_stays() -> None:
    text = "The shop was sold to Harrow and Finch Ltd last spring.\n"
    ents = run(text, [("ORG", "Harrow and Finch Ltd")])
    assert groups(ents)["organizations"] == {"Harrow and Finch Ltd"}


def test_organization_opening_with_a_digit() -> None:
    text = "Engineers at 4Sight Labs built the sensor, and 8-Point Freight Inc. shipped it.\n"
    ents = run(text, [("PERSON", "Labs")])
    assert groups(ents)["organizations"] == {"4Sight Labs", "8-Point Freight Inc."}
    assert not ents.people


def test_number_and_hyphen_without_an_organization_word_is_no_name() -> None:
    text = "He scored a 3-Point Shot in the final minute.\n"
    assert not run(text, []).organizations


def test_apposition_types_the_name_before_it() -> None:
    text = "The village lies on the Almbach, a small river that joins a larger one.\n"
    ents = run(text, [("PERSON", "Almbach")])
    assert groups(ents)["places"] == {"Almbach"} and not ents.people


def test_apposition_needs_the_noun_to_end_the_phrase() -> None:
    text = "The prize went to Ronan Tilley, a club official for twenty years.\n"
    ents = run(text, [("PERSON", "Ronan Tilley")])
    assert groups(ents)["people"] == {"Ronan Tilley"} and not ents.organizations


def test_venue_after_at_in_an_organization_span_is_a_place() -> None:
    text = "The stream flows north before joining the Varta at Krajno.\n"
    ents = run(text, [("ORG", "the Varta at Krajno")])
    assert "Krajno" in groups(ents)["places"]
    assert "Krajno" not in groups(ents).get("organizations", set())


def test_pair_written_as_one_name_is_one_organization() -> None:
    text = (
        "Its buyer is Mason and Fielding, the retailer. Mason and Fielding runs 300 stores.\n"
        "Alice Varden and Bob Kessler sold it. Varden and Kessler later retired.\n"
    )
    marked = [
        ("ORG", "Mason"),
        ("ORG", "Fielding"),
        ("ORG", "Mason"),
        ("ORG", "Fielding"),
        ("PERSON", "Alice Varden"),
        ("PERSON", "Bob Kessler"),
        ("PERSON", "Varden"),
        ("PERSON", "Kessler"),
    ]
    ents = run(text, marked)
    assert groups(ents)["organizations"] == {"Mason and Fielding"}
    assert groups(ents)["people"] == {"Alice Varden", "Bob Kessler"}


def test_pair_also_written_apart_stays_two() -> None:
    text = "Mason and Fielding signed. Mason and Fielding agreed. Mason later left.\n"
    marked = [("ORG", "Mason"), ("ORG", "Fielding"), ("ORG", "Mason"), ("ORG", "Fielding"), ("ORG", "Mason")]
    assert "Mason and Fielding" not in groups(run(text, marked))["organizations"]


def test_portfolio_of_an_office_is_no_organization() -> None:
    text = "Secretary of State Daniel Whitcombe welcomed the move.\n"
    ents = run(text, [("ORG", "State"), ("PERSON", "Daniel Whitcombe")])
    assert not ents.organizations and groups(ents)["people"] == {"Daniel Whitcombe"}


def test_surname_particle_joins_a_cut_person_name() -> None:
    text = "Also present was Joao Pedro dos Santos of the steel company.\n"
    ents = run(text, [("PERSON", "Joao Pedro"), ("PERSON", "Santos")])
    assert groups(ents)["people"] == {"Joao Pedro dos Santos"}


def test_lone_event_word_after_capitalised_words_is_no_person() -> None:
    text = "The club won the Kent Senior Trophy in 1923.\n"
    assert not run(text, [("PERSON", "Trophy")]).people


def test_results_row_decides_the_type_of_a_city_named_club() -> None:
    text = "ASHFORD CITY BEAT ROWLEY TOWN\n\nAshford City won again on Saturday.\n\nAshford City 3 Rowley Town 1\n"
    marked = [("GPE", "ASHFORD CITY"), ("GPE", "Ashford City")]
    ents = run(text, marked)
    assert "Ashford City" in groups(ents)["organizations"]
    assert "Ashford City" not in groups(ents).get("places", set())
    assert {"ASHFORD CITY", "Ashford City"} <= mentions(ents)["organizations"]


# ---------------------------------------------------------------------------------------------
# the real pipeline on the audit's documents (invented text)

AUDIT_DOCS: dict[str, str] = {
    "band": (
        "Velvet Marrow is a rock band from Tallinford, formed in 2011 by singer Oskar Lindqvist and "
        'guitarist Priya Raman. The band released its debut album "Copper Lanterns" on Greywater Records '
        "in 2013. Velvet Marrow toured Canada and Japan in 2015 and played the Northmere Festival. Their "
        "second album, Salt and Static, followed in 2016 on the same label.\n\n"
        "Lindqvist left the band in 2019 and was replaced by drummer Tomasz Wierzbicki. In 2021 Velvet "
        "Marrow signed with Halcyon Sound Records and supported Ironwood Choir on a tour of Germany.\n"
    ),
    "station": (
        "Brackwater railway station is a railway station on the Eastvale Line, serving the village of "
        "Brackwater in Lincolnshire, England. The station was opened by the Great Fenland Railway in 1864.\n\n"
        "Brackwater station is managed by Northern Shires Trains, which runs hourly services to Kelmsby and "
        "Marlow Cross. The line between Kelmsby and Brackwater was doubled in 1902.\n"
    ),
    "village": (
        "Kesselbrunn is a village in the district of Oberhalden in Bavaria, Germany. It has a population "
        "of 1,204.\n\n"
        "Kesselbrunn was first mentioned in 1142. The village lies on the Almbach, a small river that joins "
        "the Danube near Rettingen. Its church was built by the mason Konrad Eberle in 1488.\n"
    ),
    "company": (
        "Halvorsen Maritime ASA is a Norwegian shipping company headquartered in Bergen. It was founded in "
        "1952 by Erik Halvorsen.\n\n"
        "The company owns the subsidiaries Nordlys Tankers AS and Skarven Offshore Ltd, and holds a stake "
        "in Brightwater Logistics GmbH. In 2019 Halvorsen Maritime bought 8-Point Freight Inc. for $410 "
        "million. Chief executive Ingrid Solberg said the deal gave the group a foothold in the United States.\n"
    ),
    "club": (
        "Tarnby United Football Club is an English football club based in Tarnby, Kent. The club plays its "
        "home games at Millcroft Park.\n\n"
        "Founded in 1891, Tarnby United won the Kent Senior Trophy in 1923. Their manager is Declan Farrelly, "
        "who joined from Dunmere Rovers in 2018. Tarnby's record scorer is Alfie Brannigan.\n"
    ),
    "results": (
        "SOCCER - ASHFORD CITY BEAT ROWLEY TOWN\n\n"
        "LONDON 2031-03-14\n\n"
        "Result of a second division match on Saturday:\n\n"
        "Ashford City 3 (Mbeki 23', Okafor 67', Lindgren 88') Rowley Town 1 (Castellanos 45')\n\n"
        "Ashford City: 1 - Tomas Varga, 2 - Kwame Mensah, 5 - Diego Fernandes, 9 - Sipho Mbeki, 10 - Emeka Okafor\n\n"
        "Rowley Town: 1 - Pavel Hrubes, 4 - Lucas Castellanos, 7 - Ronan Keane, 11 - Yusuf Demirel\n\n"
        "Standings:\n"
        "Ashford City 10 7 2 1 21 8 23\n"
        "Kelworth Albion 10 6 3 1 18 9 21\n"
        "Rowley Town 10 5 2 3 15 12 17\n"
    ),
    "politics": (
        "Health minister Amara Okonjo said on Tuesday that the World Health Organization (WHO) would open "
        "an office in Lagos.\n\n"
        '"The WHO has been a partner for years," Okonjo told reporters. U.S. Secretary of State Daniel '
        "Whitcombe welcomed the move and said the United States would add $20 million. The UK and Britain's "
        "partners in the Commonwealth were also consulted, a spokesman for the Ministry of Finance said.\n\n"
        "The opposition Progressive Alliance Party (PAP) criticised the plan. PAP leader Femi Adeyemi said "
        "Nigeria needed hospitals first.\n"
    ),
    "languages": (
        "Chen Weiling, chairwoman of Shenzhou Harbour Holdings, met Tanaka Hiroshi of Kaito Electric and "
        "Park Ji-hoon of Hanbit Motors in Seoul on Monday.\n\n"
        "Also present were Abdullah bin Khalid Al-Rashidi of the Gulf Crescent Investment Authority, Siti "
        "Rahmawati of Bank Nusantara Makmur, Juan Carlos de la Vega of Grupo Ferrovial Andino and Joao "
        "Pedro dos Santos of Companhia Siderurgica do Vale.\n\n"
        "Chen said the talks were useful. Rahmawati said Indonesia would join, and Al-Rashidi said Saudi "
        "Arabia was interested.\n"
    ),
    "digits": (
        "4Sight Labs, a maker of camera sensors, agreed to supply 9Harbor Foods and Mason and Fielding, "
        "the British retailer. Lena Ostrova and Ben Carrick, who founded 4Sight Labs in 2012, said the "
        "contracts doubled its sales.\n\n"
        "Mason and Fielding runs 300 stores in Britain. Ostrova said 4Sight Labs would hire 200 people.\n"
    ),
    "initials": (
        "The Lantern Road is a fantasy novel by the English writer A. L. Brandvold, first published in "
        "1954. Brandvold wrote it while teaching at Corran College, Oxford.\n\n"
        "The critic T.S. Hallam praised the book, and the composer R. J. Whitlow set parts of it to music. "
        "The novel was adapted as the 2031 film The Lantern Road by director Mei Kobayashi.\n"
    ),
    "events": (
        "The 2031 Harbour Cup was won by Kelvedon Rowing Club, who beat Ostend Yacht Club in the final. "
        "The Harbour Cup has been held every year since 1907.\n\n"
        "Crowds also watched the film Moonrise at Calder, shown on the quay, and the author Ruth Ambrose "
        "signed copies of her novel The Salt Keeper.\n"
    ),
    "album": (
        "Ember Tides is the third studio album by the Canadian band Fallow Deer, released on 4 May 2009 "
        "by Kestrel Records. It was produced by Marcus Oyelaran at Bluefield Studios in Toronto.\n\n"
        'Ember Tides reached number 12 in Canada. The single "Paper Harbour" was played on BBC Radio 1.\n'
    ),
    "school": (
        "Dunmore Grammar School is a secondary school in Dunmore, Northern Ireland. It was founded in 1834 "
        "by the Reverend Samuel Kerr.\n\n"
        "The school has about 900 pupils. Its headmaster is Graham Tulloch. Dunmore Grammar competes in "
        "the Ulster Schools Cup.\n"
    ),
    "river": (
        "The Varnow is a river in Poland. It rises near the town of Zelwa and flows north for 84 km before "
        "joining the Oder at Krajno.\n\n"
        "The Varnow valley was surveyed by the engineer Wojciech Stankiewicz in 1890. Mills on the Varnow "
        "once supplied flour to Szczecin.\n"
    ),
    "film": (
        "The Quiet Meridian is a 2014 drama film directed by Lucia Ferrandez and starring Tomas Aguirre and "
        "Helena Moravec. It was produced by Solano Films and distributed by Brightlane Pictures.\n\n"
        "The Quiet Meridian premiered at the Venice Film Festival. Ferrandez won the award for best "
        "director.\n"
    ),
    "and_names": (
        "Alice Varden and Bob Kessler opened a bakery in Portlow. Varden and Kessler later sold it to "
        "Harrow and Finch Ltd, a chain owned by Procter and Lane.\n"
    ),
    "court": "A court in Stuttgart on Thursday fined Oberland Kraftwerke AG 12 million euros over a "
    "2029 chemical leak. Judge Sabine Kessler said the utility had ignored warnings from the "
    "Federal Environment Agency (UBA).\n"
    "\n"
    "The UBA welcomed the ruling. Oberland Kraftwerke said it would appeal. Its chief "
    "executive, Thomas Brenner, said the company had spent 40 million euros on repairs.\n",
    "obituary": "Margit Hollander, who founded the charity Open Harbour Trust and later led the "
    "Kelvedon Chamber Orchestra, has died aged 88.\n"
    "\n"
    "Born in Vienna, Hollander studied at the Royal Northern College of Music before "
    "moving to Canada. She married the architect Piet van der Roest in 1961. Van der "
    "Roest died in 2004.\n"
    "\n"
    "Hollander's memoir, A House by the Water, was published by Lindqvist & Moore in "
    "2019.\n",
    "swim": "SWIMMING - RESULTS FROM THE HARBOUR CUP\n"
    "\n"
    "KELVEDON 2031-07-02\n"
    "\n"
    "Results of the women's 200 metres freestyle final at the Harbour Cup on Wednesday:\n"
    "\n"
    "1. Mirela Dragomir (Romania) 1:56.42\n"
    "2. Aiko Shimizu (Japan) 1:56.90\n"
    "3. Nur Aisyah binti Rahman (Malaysia) 1:57.31\n"
    "4. Ines Quintero (Spain) 1:57.88\n"
    "\n"
    "Dragomir also won the 400 metres on Tuesday.\n",
    "cricket": "CRICKET - ENGLISH COUNTY CHAMPIONSHIP SCORES\n"
    "\n"
    "LONDON 2031-06-12\n"
    "\n"
    "Close of play scores on the second day of four-day English county championship "
    "matches on Thursday:\n"
    "\n"
    "At Chelmsford: Essex 312 (R. Tallis 104, M. Okonkwo 55; J. Pardew 4-61). Somerset "
    "188-6 (T. Vance 71).\n"
    "\n"
    "At Leeds: Yorkshire 245 and 101-2. Durham 290 (K. Mahmood 88).\n",
    "tech": "Nexora Inc. unveiled the Quill X2 phone on Tuesday at its headquarters in Austin, Texas. "
    "Chief executive Priyanka Desai said the phone would go on sale in South Korea and the "
    "Netherlands in May.\n"
    "\n"
    "Analysts at Brannock Securities said Nexora faced strong competition from Kestrel "
    "Devices. Nexora shares rose 4 percent on the Nasdaq. The company also said its research "
    "unit, Nexora Labs, had hired the physicist Dr. Oluwaseun Bakare from Halden "
    "University.\n",
}


def scan(key: str) -> dict[str, dict[str, object]]:
    """Group -> entity name -> the entity, for one audit document through the whole pipeline."""
    from docscan.pipeline import analyze_text

    report = analyze_text(AUDIT_DOCS[key])
    return {group.value: {e.name: e for e in items} for group, items in report.entities.groups()}


def names_in(found: dict[str, dict[str, object]], group: str) -> set[str]:
    return set(found.get(group, {}))


@pytest.mark.model
def test_audit_band_biography() -> None:
    found = scan("band")
    assert {"Velvet Marrow", "Greywater Records", "Halcyon Sound Records", "Ironwood Choir"} <= names_in(
        found, "organizations"
    )
    assert {"Oskar Lindqvist", "Priya Raman", "Tomasz Wierzbicki"} <= names_in(found, "people")
    assert "Lindqvist" in found["people"]["Oskar Lindqvist"].aliases  # type: ignore[attr-defined]
    assert {"Canada", "Japan", "Germany"} <= names_in(found, "countries")
    assert "Velvet Marrow" not in names_in(found, "people")
    assert not {"Copper Lanterns", "Northmere Festival"} & (
        names_in(found, "people") | names_in(found, "organizations")
    )


@pytest.mark.model
def test_audit_railway_station() -> None:
    found = scan("station")
    assert "Brackwater" in names_in(found, "places") and "Lincolnshire" in names_in(found, "places")
    assert "Northern Shires Trains" in names_in(found, "organizations")
    assert not names_in(found, "people")


@pytest.mark.model
def test_audit_village() -> None:
    found = scan("village")
    assert {"Kesselbrunn", "Oberhalden", "Bavaria", "Almbach", "Rettingen"} <= names_in(found, "places")
    assert names_in(found, "countries") == {"Germany"}
    assert "Konrad Eberle" in names_in(found, "people")
    assert not names_in(found, "organizations")


@pytest.mark.model
def test_audit_company_profile() -> None:
    found = scan("company")
    orgs = names_in(found, "organizations")
    assert {"Halvorsen Maritime ASA", "Nordlys Tankers AS", "Skarven Offshore Ltd"} <= orgs
    assert {"Brightwater Logistics GmbH", "8-Point Freight Inc."} <= orgs
    assert "Halvorsen Maritime" in found["organizations"]["Halvorsen Maritime ASA"].aliases  # type: ignore[attr-defined]
    assert {"Erik Halvorsen", "Ingrid Solberg"} <= names_in(found, "people")
    assert "Bergen" in names_in(found, "places") and "United States" in names_in(found, "countries")


@pytest.mark.model
def test_audit_football_club() -> None:
    found = scan("club")
    assert {"Tarnby United Football Club", "Dunmere Rovers"} <= names_in(found, "organizations")
    assert "Tarnby United" in found["organizations"]["Tarnby United Football Club"].aliases  # type: ignore[attr-defined]
    assert names_in(found, "people") == {"Declan Farrelly", "Alfie Brannigan"}
    assert "Millcroft Park" in names_in(found, "places")


@pytest.mark.model
def test_audit_results_page() -> None:
    found = scan("results")
    assert {"Ashford City", "Rowley Town", "Kelworth Albion"} <= names_in(found, "organizations")
    assert "Ashford City" not in names_in(found, "places")
    people = names_in(found, "people")
    assert {"Tomas Varga", "Kwame Mensah", "Sipho Mbeki", "Emeka Okafor", "Pavel Hrubes", "Yusuf Demirel"} <= people
    assert "Mbeki" in found["people"]["Sipho Mbeki"].aliases  # type: ignore[attr-defined]
    assert "LONDON" in names_in(found, "places")


@pytest.mark.model
def test_audit_political_story() -> None:
    found = scan("politics")
    countries = found["countries"]
    assert set(countries) == {"United States", "United Kingdom", "Nigeria"}
    assert {"U.S."} <= set(countries["United States"].aliases)  # type: ignore[attr-defined]
    assert {"UK", "Britain"} <= set(countries["United Kingdom"].aliases)  # type: ignore[attr-defined]
    orgs = found["organizations"]
    assert "WHO" in orgs["World Health Organization"].aliases  # type: ignore[attr-defined]
    assert "PAP" in orgs["Progressive Alliance Party"].aliases  # type: ignore[attr-defined]
    assert "Ministry of Finance" in orgs and "State" not in orgs
    assert {"Amara Okonjo", "Daniel Whitcombe", "Femi Adeyemi"} <= names_in(found, "people")


@pytest.mark.model
def test_audit_names_from_other_languages() -> None:
    found = scan("languages")
    people = names_in(found, "people")
    assert {"Chen Weiling", "Tanaka Hiroshi", "Park Ji-hoon", "Abdullah bin Khalid Al-Rashidi"} <= people
    assert {"Siti Rahmawati", "Juan Carlos de la Vega", "Joao Pedro dos Santos"} <= people
    assert not {"Companhia Siderurgica", "Joao Pedro", "Santos"} & people
    assert "Chen" in found["people"]["Chen Weiling"].aliases  # type: ignore[attr-defined]
    orgs = names_in(found, "organizations")
    assert {"Shenzhou Harbour Holdings", "Kaito Electric", "Hanbit Motors", "Bank Nusantara Makmur"} <= orgs
    assert {"Grupo Ferrovial Andino", "Companhia Siderurgica do Vale"} <= orgs
    assert not names_in(found, "places") - {"Seoul"}
    assert {"Indonesia", "Saudi Arabia"} <= names_in(found, "countries")


@pytest.mark.model
def test_audit_digits_and_joined_names() -> None:
    found = scan("digits")
    assert {"4Sight Labs", "9Harbor Foods", "Mason and Fielding"} <= names_in(found, "organizations")
    assert names_in(found, "people") == {"Lena Ostrova", "Ben Carrick"}


@pytest.mark.model
def test_audit_initials_and_works() -> None:
    found = scan("initials")
    assert {"A. L. Brandvold", "T.S. Hallam", "R. J. Whitlow", "Mei Kobayashi"} <= names_in(found, "people")
    assert "Brandvold" in found["people"]["A. L. Brandvold"].aliases  # type: ignore[attr-defined]
    assert "Corran College" in names_in(found, "organizations")
    every = set().union(*(names_in(found, g) for g in found))
    assert "The Lantern Road" not in every and "Lantern Road" not in every


@pytest.mark.model
def test_audit_events_and_works_are_none_of_the_groups() -> None:
    found = scan("events")
    assert {"Kelvedon Rowing Club", "Ostend Yacht Club"} <= names_in(found, "organizations")
    assert names_in(found, "people") == {"Ruth Ambrose"}
    every = set().union(*(names_in(found, g) for g in found))
    assert not {"Harbour Cup", "2031 Harbour Cup", "Moonrise at Calder", "The Salt Keeper", "Salt Keeper"} & every


@pytest.mark.model
def test_audit_album() -> None:
    found = scan("album")
    assert {"Fallow Deer", "Kestrel Records", "Bluefield Studios"} <= names_in(found, "organizations")
    assert names_in(found, "people") == {"Marcus Oyelaran"}
    every = set().union(*(names_in(found, g) for g in found))
    assert "Ember Tides" not in every and "Paper Harbour" not in every


@pytest.mark.model
def test_audit_school() -> None:
    found = scan("school")
    assert "Dunmore Grammar School" in names_in(found, "organizations")
    assert "Dunmore Grammar" in found["organizations"]["Dunmore Grammar School"].aliases  # type: ignore[attr-defined]
    assert names_in(found, "people") == {"Samuel Kerr", "Graham Tulloch"}
    assert "Northern Ireland" in names_in(found, "countries")


@pytest.mark.model
def test_audit_river() -> None:
    found = scan("river")
    assert {"Varnow", "Zelwa", "Krajno", "Szczecin"} <= names_in(found, "places")
    assert names_in(found, "people") == {"Wojciech Stankiewicz"}
    assert names_in(found, "countries") == {"Poland"}


@pytest.mark.model
def test_audit_film() -> None:
    found = scan("film")
    assert names_in(found, "people") == {"Lucia Ferrandez", "Tomas Aguirre", "Helena Moravec"}
    assert {"Solano Films", "Brightlane Pictures"} <= names_in(found, "organizations")
    every = set().union(*(names_in(found, g) for g in found))
    assert "The Quiet Meridian" not in every and "Quiet Meridian" not in every


@pytest.mark.model
def test_audit_people_joined_by_and_stay_apart() -> None:
    found = scan("and_names")
    assert names_in(found, "people") == {"Alice Varden", "Bob Kessler"}
    assert "Harrow and Finch Ltd" in names_in(found, "organizations")
    assert "Portlow" in names_in(found, "places")


@pytest.mark.model
def test_audit_swimming_results() -> None:
    found = scan("swim")
    people = names_in(found, "people")
    assert {"Mirela Dragomir", "Aiko Shimizu", "Nur Aisyah binti Rahman", "Ines Quintero"} <= people
    assert "Dragomir" in found["people"]["Mirela Dragomir"].aliases  # type: ignore[attr-defined]
    assert names_in(found, "countries") == {"Romania", "Japan", "Malaysia", "Spain"}
    every = set().union(*(names_in(found, g) for g in found))
    assert "Harbour Cup" not in every


@pytest.mark.model
def test_audit_obituary() -> None:
    found = scan("obituary")
    assert names_in(found, "people") == {"Margit Hollander", "Piet van der Roest"}
    assert "Roest" in found["people"]["Piet van der Roest"].aliases  # type: ignore[attr-defined]
    orgs = names_in(found, "organizations")
    assert {"Open Harbour Trust", "Kelvedon Chamber Orchestra", "Royal Northern College of Music"} <= orgs
    assert "Lindqvist & Moore" in orgs and "House" not in orgs
    assert "Vienna" in names_in(found, "places") and "Canada" in names_in(found, "countries")


@pytest.mark.model
def test_audit_court_story() -> None:
    found = scan("court")
    orgs = found["organizations"]
    assert "Oberland Kraftwerke" in orgs["Oberland Kraftwerke AG"].aliases  # type: ignore[attr-defined]
    assert "UBA" in orgs["Federal Environment Agency"].aliases  # type: ignore[attr-defined]
    assert names_in(found, "people") == {"Sabine Kessler", "Thomas Brenner"}
    assert "Stuttgart" in names_in(found, "places")


def test_affiliation_after_a_person_is_an_organization() -> None:
    text = "Also present was Juan Carlos de la Vega of Grupo Ferrovial Andino, and Jan Hollis of New Zealand.\n"
    ents = run(text, [("PERSON", "Juan Carlos de la Vega"), ("PERSON", "Jan Hollis"), ("GPE", "New Zealand")])
    assert groups(ents)["organizations"] == {"Grupo Ferrovial Andino"}
    assert groups(ents)["countries"] == {"New Zealand"}


def test_affiliation_replaces_the_pieces_the_model_cut() -> None:
    text = "Joao Pedro dos Santos of Companhia Siderurgica do Vale spoke first.\n"
    marked = [("PERSON", "Joao Pedro dos Santos"), ("PERSON", "Companhia Siderurgica"), ("GPE", "Vale")]
    ents = run(text, marked)
    assert groups(ents)["organizations"] == {"Companhia Siderurgica do Vale"}
    assert groups(ents)["people"] == {"Joao Pedro dos Santos"} and not ents.places


def test_particle_joins_a_surname_the_model_called_an_organization() -> None:
    text = "She married the architect Piet van der Roest in 1961. Van der Roest died in 2004.\n"
    ents = run(text, [("PERSON", "Piet van"), ("ORG", "Roest"), ("PERSON", "Roest")])
    assert groups(ents)["people"] == {"Piet van der Roest"} and not ents.organizations


def test_work_noun_before_a_title_keeps_it_out() -> None:
    text = "Her memoir, A House by the Water, was published in 2019.\n"
    ents = run(text, [("ORG", "House")])
    assert not ents.organizations and not ents.people


@pytest.mark.model
def test_audit_tech_news() -> None:
    found = scan("tech")
    orgs = found["organizations"]
    assert "Nexora" in orgs["Nexora Inc."].aliases  # type: ignore[attr-defined]
    assert {"Nexora Labs", "Brannock Securities", "Kestrel Devices", "Halden University"} <= set(orgs)
    every = set().union(*(names_in(found, g) for g in found))
    assert "Quill X2" not in every
    assert names_in(found, "people") == {"Priyanka Desai", "Oluwaseun Bakare"}
    assert names_in(found, "countries") == {"South Korea", "Netherlands"}
    assert {"Austin", "Texas"} <= names_in(found, "places")


@pytest.mark.model
def test_audit_cricket_scores() -> None:
    found = scan("cricket")
    assert {"Essex", "Somerset", "Yorkshire", "Durham"} <= names_in(found, "organizations")
    assert {"R. Tallis", "M. Okonkwo", "J. Pardew", "T. Vance", "K. Mahmood"} <= names_in(found, "people")
    assert "LONDON" in names_in(found, "places")


def test_one_word_company_joins_the_name_with_its_legal_form() -> None:
    text = "Nexora Inc. makes phones. Nexora Labs does research. Nexora shares rose.\n"
    ents = run(text, [("ORG", "Nexora Inc."), ("ORG", "Nexora Labs"), ("ORG", "Nexora")])
    orgs = {e.name: e for e in ents.organizations}
    assert set(orgs) == {"Nexora Inc.", "Nexora Labs"} and orgs["Nexora Inc."].aliases == ("Nexora",)


def test_name_ending_in_a_model_code_is_a_product() -> None:
    text = "The firm unveiled the Quill X2 phone on Tuesday.\n"
    assert not run(text, [("ORG", "Quill X2")]).organizations


def test_initial_and_surname_over_pieces_the_model_cut() -> None:
    text = "Essex 312 (R. Tallis 104, M. Okonkwo 55).\n"
    ents = run(text, [("NORP", "R."), ("PRODUCT", "Tallis 104"), ("PERSON", "M. Okonkwo")])
    assert groups(ents)["people"] == {"R. Tallis", "M. Okonkwo"}
