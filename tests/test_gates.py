"""Gates: parsing `METRIC OP NUMBER`, reading metrics off a Report, and which gates a document breaks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docscan.errors import ExitStatus, UsageError
from docscan.gates import METRICS, Gate, check_gates, failures_to_dict, metric_value, parse_gate
from docscan.model import (
    Entities,
    Entity,
    EntityGroup,
    ErrorInfo,
    Passage,
    Readability,
    Report,
    Section,
    SectionKind,
    Segment,
    SegmentKind,
    Stats,
)


def _report(*, grade: float | None = 13.5, unrelated: int = 2) -> Report:
    segments = [Segment(SegmentKind.MAIN, 3, 12, 0, 10, 0.9, "main", "Body")]
    if unrelated:
        segments.insert(0, Segment(SegmentKind.UNRELATED, 1, unrelated, 0, 5, 0.8, "teaser", "Try"))
    france = Entity("France", EntityGroup.COUNTRIES, "FR", 2, (), ())
    unesco = Entity("UNESCO", EntityGroup.ORGANIZATIONS, None, 1, (), ())
    return Report(
        path="doc.txt",
        segments=tuple(segments),
        stats=Stats(words=250, sentences=14, paragraphs=5, reading_time_seconds=70.2),
        sections=(Section("Intro", 1, SectionKind.HEADING, 3, 12, 0, 10),),
        entities=Entities(countries=(france,), organizations=(unesco,)),
        readability=Readability(55.0, grade, 14.0, None, 11.0, 12.0, 8.1, "12th and 13th grade"),
        hardest=(Passage(4, 4, 0, 5, 17.25, 40, "x"),),
    )


PARSE = [
    ("flesch_kincaid_grade>12", Gate("flesch_kincaid_grade", ">", 12.0)),
    ("  words < 300 ", Gate("words", "<", 300.0)),
    ("unrelated_lines>=0", Gate("unrelated_lines", ">=", 0.0)),
    ("flesch_reading_ease<=30.5", Gate("flesch_reading_ease", "<=", 30.5)),
    ("countries==0", Gate("countries", "==", 0.0)),
    ("people != -1", Gate("people", "!=", -1.0)),
    ("unrelated_share>.1", Gate("unrelated_share", ">", 0.1)),
]


@pytest.mark.parametrize(("expr", "gate"), PARSE, ids=[p[0] for p in PARSE])
def test_parse(expr: str, gate: Gate) -> None:
    assert parse_gate(expr) == gate


BAD = [
    ("grade>12", "unknown metric 'grade'"),
    ("words", "cannot read"),
    ("words => 3", "cannot read"),
    ("words > many", "cannot read"),
    ("words > 3 4", "cannot read"),
    ("", "cannot read"),
]


@pytest.mark.parametrize(("expr", "message"), BAD, ids=[b[0] or "empty" for b in BAD])
def test_bad_gates_are_usage_errors_with_a_hint(expr: str, message: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_gate(expr)
    assert message in info.value.message
    assert info.value.exit_status is ExitStatus.USAGE
    assert info.value.hint is not None and "flesch_kincaid_grade" in info.value.hint


def test_gate_text_round_trips() -> None:
    for expr in ("words<300", "flesch_reading_ease<=30.5", "unrelated_lines>0"):
        assert parse_gate(expr).text == expr


VALUES = [
    ("words", 250.0),
    ("sentences", 14.0),
    ("flesch_kincaid_grade", 13.5),
    ("smog_index", None),
    ("unrelated_lines", 2.0),
    ("unrelated_share", 2 / 12),
    ("sections", 1.0),
    ("entities", 2.0),
    ("countries", 1.0),
    ("organizations", 1.0),
    ("people", 0.0),
    ("hardest_grade", 17.25),
]


@pytest.mark.parametrize(("metric", "value"), VALUES, ids=[v[0] for v in VALUES])
def test_metric_values(metric: str, value: float | None) -> None:
    assert metric_value(_report(), metric) == (pytest.approx(value) if value is not None else None)


def test_every_metric_reads_a_report() -> None:
    for name in METRICS:
        value = metric_value(_report(), name)
        assert value is None or isinstance(value, float), name


CHECKS = [
    (["flesch_kincaid_grade>12"], ["flesch_kincaid_grade>12"]),
    (["flesch_kincaid_grade>14"], []),
    (["unrelated_lines>0", "words<300", "words<100"], ["unrelated_lines>0", "words<300"]),
    (["smog_index>1"], []),  # not computed: nothing to compare, no failure
]


@pytest.mark.parametrize(("exprs", "broken"), CHECKS)
def test_check_gates(exprs: list[str], broken: list[str]) -> None:
    failures = check_gates(_report(), [parse_gate(e) for e in exprs])
    assert [f.gate.text for f in failures] == broken


def test_no_unrelated_lines_passes_the_gate() -> None:
    assert check_gates(_report(unrelated=0), [parse_gate("unrelated_lines>0")]) == ()


def test_failed_documents_break_no_gate() -> None:
    failed = Report(path="x.bin", error=ErrorInfo("not_text", "binary", None))
    assert check_gates(failed, [parse_gate("words<300")]) == ()


def test_failures_to_dict() -> None:
    failures = check_gates(_report(), [parse_gate("flesch_kincaid_grade > 12")])
    assert failures_to_dict(failures) == [
        {"gate": "flesch_kincaid_grade>12", "metric": "flesch_kincaid_grade", "op": ">", "threshold": 12.0, "value": 13.5}
    ]


# --- through the command line (needs the trained pipeline) ------------------------------------

ARTICLE = (
    "Harbour Keepers Return\n"
    "The coastal authority of Portugal has hired twelve new harbour keepers, reversing a decision made "
    "twenty years ago to automate every station along the Atlantic shore. Officials in Lisbon said the "
    "keepers will maintain the lamps, record the weather and help search teams during storms.\n"
)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "article.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


@pytest.mark.model
def test_cli_broken_gate_exits_6_with_a_line_and_a_json_key(article: Path, schema: dict) -> None:
    import jsonschema
    from typer.testing import CliRunner

    from docscan.cli import app

    result = CliRunner().invoke(
        app, ["scan", str(article), "--json", "--no-config", "--fail-if", "words<1000", "--fail-if", "countries>5"]
    )
    assert result.exit_code == ExitStatus.GATE_FAILED == 8
    record = json.loads(result.stdout)
    jsonschema.validate(record, schema)
    assert [g["gate"] for g in record["gates"]] == ["words<1000"]
    assert record["gates"][0]["value"] == record["stats"]["words"]
    assert f"gate failed: {article}: words<1000 (words is {record['stats']['words']})" in result.stderr


@pytest.mark.model
def test_cli_passing_gates_exit_0_and_record_an_empty_list(article: Path) -> None:
    from typer.testing import CliRunner

    from docscan.cli import app

    result = CliRunner().invoke(app, ["scan", str(article), "--json", "--no-config", "--fail-if", "words>1000"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["gates"] == []
    assert "gate failed" not in result.stderr


@pytest.mark.model
def test_cli_gates_from_pyproject_and_command_line_wins(article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from docscan.cli import app

    (article.parent / "pyproject.toml").write_text('[tool.docscan]\nfail-if = ["words<1000"]\nformat = "json"\n')
    monkeypatch.chdir(article.parent)
    from_file = CliRunner().invoke(app, ["scan", "article.txt"])
    assert from_file.exit_code == 8 and json.loads(from_file.stdout)["gates"][0]["gate"] == "words<1000"
    overridden = CliRunner().invoke(app, ["scan", "article.txt", "--fail-if", "words>1000", "--format", "text"])
    assert overridden.exit_code == 0 and "Harbour Keepers Return" in overridden.stdout
    ignored = CliRunner().invoke(app, ["scan", "article.txt", "--no-config"])
    assert ignored.exit_code == 0 and not ignored.stdout.lstrip().startswith("{")


def test_cli_bad_gate_is_a_usage_error(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from docscan.cli import app

    (tmp_path / "a.txt").write_text("Some text.\n")
    result = CliRunner().invoke(app, ["scan", str(tmp_path / "a.txt"), "--no-config", "--fail-if", "grade>3"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: unknown metric 'grade'") and "hint: metrics: words" in result.stderr


def test_cli_bad_config_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from docscan.cli import app

    (tmp_path / "docscan.toml").write_text('fail_if = ["words<3"]\n')
    (tmp_path / "a.txt").write_text("Some text.\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["scan", "a.txt"])
    assert result.exit_code == 2
    assert "docscan.toml: unknown key 'fail_if'" in result.stderr and "hint: known keys: fail-if" in result.stderr
