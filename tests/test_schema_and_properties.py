"""The JSON contract holds for any input: arbitrary bytes give a valid report or a clean error."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docscan.errors import InputError
from docscan.loading import decode_bytes
from docscan.pipeline import Options, analyze_document, failure
from docscan.render.json import report_to_json

pytestmark = pytest.mark.model

WORDS = st.sampled_from(
    ["the", "harbour", "Norway", "council", "said", "plan", "Maria Lopez", "U.S.", "BANK", "2024", ":", "\n", "\n\n", "#", "1.2", "é", "—", "!"]
)


def analyze_bytes(data: bytes) -> dict:
    try:
        report = analyze_document(decode_bytes(data, path="x"), Options())
    except InputError as exc:
        report = failure("x", exc)
    return json.loads(report_to_json(report))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_report_or_clean_error(schema: dict, data: bytes) -> None:
    record = analyze_bytes(data)
    jsonschema.validate(record, schema)
    assert record["ok"] or record["error"]["hint"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, min_size=1, max_size=120).map(" ".join))
def test_wordy_text_gives_a_valid_report(schema: dict, text: str) -> None:
    record = analyze_bytes(text.encode())
    jsonschema.validate(record, schema)
    if record["ok"]:
        for seg in record["segments"]:
            assert 1 <= seg["start_line"] <= seg["end_line"] <= record["document"]["lines"]
        for group in record["entities"].values():
            for ent in group:
                assert ent["count"] == len(ent["mentions"])
