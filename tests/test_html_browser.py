"""The HTML report in a real browser: headless Chromium (npm @sparticuz/chromium, driven by
puppeteer-core through tests/browser/check.js) opens reports from file:// and reports what a
reader meets. Asserted: no console errors, no network requests, one highlight per mention in the
JSON, clicking an entity lights exactly its mentions, outline links land on their sections, a
script planted in the document did not run, and the batch index sorts and links.

Needs `npm ci --prefix tests/browser` (CI runs it). Locally the tests skip without node or the
npm packages; under CI=true they fail instead, because a skipped browser test in CI hides a
broken install.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from docscan.pipeline import analyze_path
from docscan.render.html import report_to_html
from docscan.render.json import report_to_dict

pytestmark = [pytest.mark.browser, pytest.mark.model]

BROWSER = Path(__file__).parent / "browser"
INPUTS = Path(__file__).parent / "data" / "inputs"
# Chromium start-up plus clicking every entity and outline link; generous for a loaded CI box.
CHECK_TIMEOUT_SECONDS = 180

PLANTED = """\
Get our free newsletter! Sign up today and never miss a recipe. <script>window.__docscanPwned = 1</script>

Harbor Expansion

The port authority of Rotterdam and officials from Germany agreed on Monday to expand the container \
terminal. Chancellor Olaf Scholz said the project would bring jobs to Hamburg and Bremen, and the \
European Commission will review the plan before the summer. <img src=x onerror="window.__docscanPwned = 2">

Costs and Timing

Engineers expect the work to take four years. The Dutch government and the Port of Rotterdam Authority \
will share the cost, estimated at two billion euros. Critics in the Netherlands warned that the \
timetable was tight. <a href="javascript:window.__docscanPwned = 3">Read more</a> and </style><b>bold</b> stay text.
"""


def _tools() -> Path:
    node = shutil.which("node")
    installed = all((BROWSER / "node_modules" / p / "package.json").is_file() for p in ("@sparticuz/chromium", "puppeteer-core"))
    if node is None or not installed:
        why = "node is not on PATH" if node is None else "run `npm ci --prefix tests/browser`"
        if os.environ.get("CI"):
            pytest.fail(f"CI=true but the browser tests cannot run: {why}")
        pytest.skip(f"browser tests need node and the npm packages: {why}")
    return Path(node)


def _check(page: Path, *extra: str) -> dict[str, Any]:
    node = _tools()
    proc = subprocess.run(
        [str(node), str(BROWSER / "check.js"), str(page), *extra],
        capture_output=True,
        text=True,
        timeout=CHECK_TIMEOUT_SECONDS,
        cwd=BROWSER,
    )
    assert proc.returncode == 0, proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def _mentions(record: dict[str, Any]) -> dict[str, list[int]]:
    """Entity id (as the page names it: group-rank) -> sorted mention offsets, from the JSON."""
    out: dict[str, list[int]] = {}
    for group, items in record["entities"].items():
        for i, entity in enumerate(items):
            out[f"{group}-{i}"] = sorted(m["start_char"] for m in entity["mentions"])
    return out


def _scan(source: Path, folder: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the JSON record, what the browser saw) for one document."""
    report = analyze_path(str(source))
    page = folder / "report.html"
    page.write_text(report_to_html(report), encoding="utf-8")
    return report_to_dict(report), _check(page)


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any]]:
    folder = tmp_path_factory.mktemp("planted")
    source = folder / "planted <b>.txt"
    source.write_text(PLANTED, encoding="utf-8")
    return _scan(source, folder)


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any]]:
    return _scan(INPUTS / "teaser-article.txt", tmp_path_factory.mktemp("article"))


@pytest.fixture(params=["planted", "article"])
def scanned(request: pytest.FixtureRequest) -> tuple[dict[str, Any], dict[str, Any]]:
    result: tuple[dict[str, Any], dict[str, Any]] = request.getfixturevalue(request.param)
    return result


def test_no_console_errors_and_no_network(scanned: tuple[dict[str, Any], dict[str, Any]]) -> None:
    _, seen = scanned
    assert seen["consoleErrors"] == []
    assert seen["pageErrors"] == []
    assert seen["requests"] == []


def test_one_highlight_per_mention(scanned: tuple[dict[str, Any], dict[str, Any]]) -> None:
    record, seen = scanned
    expected = _mentions(record)
    assert sum(len(v) for v in expected.values()) > 0
    assert len(seen["marks"]) == sum(len(v) for v in expected.values())
    found: dict[str, list[int]] = {}
    for mark in seen["marks"]:
        found.setdefault(mark["e"], []).append(mark["start"])
    assert {k: sorted(v) for k, v in found.items()} == {k: v for k, v in expected.items() if v}
    texts = {m["start_char"]: m["text"] for items in record["entities"].values() for e in items for m in e["mentions"]}
    assert all(texts[m["start"]] == m["text"] for m in seen["marks"])


def test_clicking_an_entity_lights_exactly_its_mentions(scanned: tuple[dict[str, Any], dict[str, Any]]) -> None:
    record, seen = scanned
    expected = _mentions(record)
    assert set(seen["entities"]) == set(expected)
    for eid, clicked in seen["entities"].items():
        assert {m["e"] for m in clicked["lit"]} <= {eid}, eid
        assert sorted(m["start"] for m in clicked["lit"]) == expected[eid], clicked["name"]
        assert clicked["cleared"] == 0  # a second click clears the selection


def test_outline_links_land_on_their_sections(scanned: tuple[dict[str, Any], dict[str, Any]]) -> None:
    record, seen = scanned
    sections = record["sections"]
    assert len(seen["outline"]) == len(sections) > 0
    for i, (link, section) in enumerate(zip(seen["outline"], sections, strict=True)):
        assert link["hash"] == f"#sec-{i}" and link["exists"]
        assert 0 <= link["top"] < link["viewport"], link  # scrolled into view
        assert section["title"].split()[0] in link["following"][:120], (section["title"], link["following"][:80])


def test_planted_markup_did_not_run(scanned: tuple[dict[str, Any], dict[str, Any]]) -> None:
    _, seen = scanned
    assert seen["planted"] == {"pwned": None, "handlerAttributes": 0, "javascriptLinks": 0, "iframes": 0}
    assert seen["scripts"] == 1  # the page's own


def test_planted_markup_shows_as_text(planted: tuple[dict[str, Any], dict[str, Any]]) -> None:
    record, seen = planted
    assert "<script>window.__docscanPwned = 1</script>" in seen["text"]
    assert 'onerror="window.__docscanPwned = 2"' in seen["text"]
    assert "</style><b>bold</b>" in seen["text"]
    assert record["path"].endswith("planted <b>.txt") and "planted <b>.txt" in seen["title"]


def test_batch_index_sorts_and_links(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from docscan.cli import app

    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("teaser-article.txt", "wrapped-memo.txt", "short-note.txt"):
        shutil.copy(INPUTS / name, docs / name)
    (docs / "planted.txt").write_text(PLANTED, encoding="utf-8")
    out = tmp_path / "site"
    result = CliRunner().invoke(app, ["scan", str(docs), "--format", "html", "--output-dir", str(out), "-q", "-w", "1"])
    assert result.exit_code == 0, result.output
    seen = _check(out / "index.html", "--index")
    assert seen["consoleErrors"] == [] and seen["requests"] == [] and seen["pageErrors"] == []
    index = seen["index"]
    assert index["charts"] == 3
    assert len(index["initial"]["links"]) == 4
    assert all((out / href).is_file() for href in index["initial"]["links"])
    for column in ("words", "grade", "set_aside"):
        up = [float(v) if v else float("-inf") for v in index["sorted"][column]["up"]]
        down = [float(v) if v else float("-inf") for v in index["sorted"][column]["down"]]
        assert up == sorted(up) and down == sorted(down, reverse=True), column
    names = index["sorted"]["name"]["up"]
    assert names == sorted(names, key=str.lower) or names == sorted(names)
    page = _check(out / index["initial"]["links"][0])
    assert page["consoleErrors"] == [] and page["requests"] == []
