"""Fuzzing: hostile bytes and text through the library and the command line, never a traceback.

A few hundred examples per run keep CI cheap; `python bench/fuzz.py` runs the issue's full
counts (10,000 library inputs, 1,000 command-line runs) with the same strategies and checks
(tests/fuzzing.py). The spaCy pipeline is a small rule-based one built here, so the fuzzing
exercises docscan's own stages, not the trained model.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from fuzzing import byte_docs, check_cli, check_decode, check_library, make_pipeline, texts

# Examples per property in CI: enough to cover every kind of piece several times over.
LIBRARY_EXAMPLES = 150
CLI_EXAMPLES = 40
_QUIET = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large]


def _settings(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, suppress_health_check=_QUIET)


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> str:
    return make_pipeline(tmp_path_factory.mktemp("fuzz") / "rule-based")


@_settings(LIBRARY_EXAMPLES)
@given(data=byte_docs)
def test_decode_bytes_never_raises_anything_but_input_errors(data: bytes) -> None:
    check_decode(data)


@_settings(LIBRARY_EXAMPLES)
@given(text=texts)
def test_analyze_text_gives_a_valid_report_or_an_input_error(text: str, model: str) -> None:
    check_library(text, model)


@_settings(CLI_EXAMPLES)
@given(data=byte_docs)
def test_cli_json_exits_0_or_3_with_a_valid_record(data: bytes, model: str, tmp_path: Path) -> None:
    check_cli(data, tmp_path, model, as_json=True)


@_settings(CLI_EXAMPLES)
@given(text=texts)
def test_cli_text_report_exits_0_or_3_without_escapes(text: str, model: str, tmp_path: Path) -> None:
    check_cli(text.encode("utf-8", "surrogatepass"), tmp_path, model, as_json=False)


def test_known_hostile_strings(model: str) -> None:
    """The cases the issue names, always run: lone surrogates and a leading BOM through the library."""
    check_library("\ufeffFrance and Lisbon.\ud800 Maria Lopez met Acme Corp. [/] \x1b[2J", model)
    check_library("\ud83d", model)
