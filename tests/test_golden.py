"""Golden JSON for our own sample documents: any change in output shows up as a reviewed diff.

Rewrite after an intended change with `pytest tests/test_golden.py --update-golden`.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from docscan.pipeline import analyze_path
from docscan.render.json import report_to_dict

DATA = Path(__file__).parent / "data"
INPUTS = sorted((DATA / "inputs").iterdir())

pytestmark = pytest.mark.model


def render(path: Path) -> dict:
    record = report_to_dict(analyze_path(str(path)))
    record["path"] = path.name  # independent of where the checkout lives
    record.pop("docscan_version")
    return record


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_golden(path: Path, update_golden: bool, schema: dict) -> None:
    got = render(path)
    jsonschema.validate({**got, "docscan_version": "x"}, schema)
    golden = DATA / "golden" / f"{path.name}.json"
    if update_golden or not golden.exists():
        golden.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        if not update_golden:
            pytest.fail(f"wrote missing golden file {golden.name}; review and commit it")
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def stages(record: dict) -> dict:
    """What each stage decided, small enough to read in a diff: the split (kind, lines, category),
    the outline (line, level, kind, title, rule) and the entity names per group (with codes)."""
    explained = {r["start_line"]: r["rule"] for r in record.get("explain_outline", [])}
    return {
        "format": record["document"]["format"],
        "segments": [
            f"{s['start_line']}-{s['end_line']} {s['kind']}" + (f" ({s['category']})" if s["category"] else "")
            for s in record["segments"]
        ],
        "outline": [
            f"{s['start_line']} L{s['level']} {s['kind']}: {s['title']} [{explained.get(s['start_line'], '')}]"
            for s in record["sections"]
        ],
        "entities": {
            group: sorted(f"{e['name']} ({e['code']})" if e.get("code") else e["name"] for e in items)
            for group, items in record["entities"].items()
        },
    }


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_stage_golden(path: Path, update_golden: bool) -> None:
    """Stage by stage, so a change in one analysis shows up as a diff of that analysis alone."""
    record = report_to_dict(analyze_path(str(path)), explain=True)
    got = stages(record)
    golden = DATA / "golden" / "stages" / f"{path.name}.json"
    if update_golden or not golden.exists():
        golden.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        if not update_golden:
            pytest.fail(f"wrote missing golden file {golden.name}; review and commit it")
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def test_offsets_slice_the_text() -> None:
    """Every offset in the output indexes the decoded text: a user can slice what we name."""
    for path in INPUTS:
        got = render(path)
        # Extracted formats (HTML) carry the text every offset indexes; text files are that text.
        text = got["document"].get("text") or path.read_text(encoding="utf-8")
        lines = text.split("\n")
        for seg in got["segments"]:
            assert text[seg["start_char"] : seg["end_char"]].strip().startswith(lines[seg["start_line"] - 1].strip()[:10])
        for group in got["entities"].values():
            for ent in group:
                for m in ent["mentions"]:
                    assert text[m["start_char"] : m["end_char"]] == m["text"]
                    assert text.count("\n", 0, m["start_char"]) + 1 == m["line"]
        for sec in got["sections"]:
            assert sec["title"].split()[0].strip("#") in lines[sec["start_line"] - 1] or sec["kind"] == "heading"


def test_hardest_paragraph_is_listed_first() -> None:
    from docscan.pipeline import analyze_text

    easy = "The cat sat on the mat. It was a warm day. We had tea and cake. Then we went home to rest. " * 2
    hard = (
        "Notwithstanding considerable institutional heterogeneity, intergovernmental coordination "
        "mechanisms systematically underperform expectations, particularly regarding implementation "
        "accountability and longitudinal evaluation of multidimensional administrative interventions."
    )
    report = analyze_text(f"{easy}\n\n{hard} {hard}\n\n{easy}\n")
    assert report.hardest and report.hardest[0].start_line == 3
    assert report.hardest[0].grade > 15
    assert report.readability is not None and dict(report.readability.method)["formulas"].startswith("textstat")
