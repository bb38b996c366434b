"""The command line: exit codes, JSON on stdout, one-line errors on stderr, light --help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from docscan.cli import app
from docscan.errors import ExitStatus

ARTICLE = (
    "Lighthouse Keepers Return to the Coast\n"
    "The coastal authority of Portugal has hired twelve new lighthouse keepers, reversing a decision "
    "made twenty years ago to automate every station along the Atlantic shore. Officials in Lisbon said "
    "the keepers will maintain the lamps, record the weather and help search teams during storms.\n"
    "Training: The new keepers spend three months at a school in Porto, where they learn to repair the "
    "lamps, read the instruments and work with the coast guard during rescues at sea.\n"
    "Critics in the fishing towns say the money would be better spent on harbour repairs, but the "
    "authority insists that people on site spot trouble faster than any camera.\n"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "article.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def lines(out: str) -> list[dict]:
    return [json.loads(x) for x in out.splitlines() if x.strip()]


pytestmark = pytest.mark.model


def test_json_single_file(runner: CliRunner, article: Path, schema: dict) -> None:
    result = runner.invoke(app, ["scan", str(article), "--json"])
    assert result.exit_code == 0, result.stderr
    (record,) = lines(result.stdout)
    jsonschema.validate(record, schema)
    assert record["ok"] is True and record["path"] == str(article)
    assert json.loads(result.stdout) == record  # one file is one valid JSON document
    assert result.stderr == ""


def test_format_json_is_the_same_as_json(runner: CliRunner, article: Path) -> None:
    a = runner.invoke(app, ["scan", str(article), "--json"]).stdout
    b = runner.invoke(app, ["scan", str(article), "--format", "json"]).stdout
    assert a == b


def test_text_report_is_plain_when_not_a_terminal(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["scan", str(article)])
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    assert "Readability" in result.stdout and "Portugal" in result.stdout


def test_stdin(runner: CliRunner) -> None:
    result = runner.invoke(app, ["scan", "-", "--json"], input=ARTICLE)
    assert result.exit_code == 0
    assert lines(result.stdout)[0]["path"] == "-"


BAD_INPUTS = [
    ("empty", b""),
    ("whitespace", b"   \n\n  "),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    ("undecodable", b"\xff\xfe\xfa"),
]


@pytest.mark.parametrize(("name", "data"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_single_file_exit_3_one_line_no_traceback(runner: CliRunner, tmp_path: Path, name: str, data: bytes) -> None:
    p = tmp_path / f"{name}.txt"
    p.write_bytes(data)
    result = runner.invoke(app, ["scan", str(p), "--json"])
    assert result.exit_code == 3
    assert result.stderr.startswith(f"error: {p}: ")
    assert "Traceback" not in result.stderr and "hint:" in result.stderr
    (record,) = lines(result.stdout)
    assert record["ok"] is False and record["error"]["type"]


def test_missing_file_exit_3(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["scan", str(tmp_path / "missing.txt")])
    assert result.exit_code == 3
    assert "no such file" in result.stderr


def test_folder_with_a_bad_file_finishes_and_exits_4(runner: CliRunner, tmp_path: Path, schema: dict) -> None:
    (tmp_path / "b_good.txt").write_text(ARTICLE)
    (tmp_path / "a_empty.txt").write_text("")
    (tmp_path / "c_good.md").write_text("# Notes\n\n" + ARTICLE)
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00")
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    result = runner.invoke(app, ["scan", str(tmp_path), "--json"])
    assert result.exit_code == 4
    records = lines(result.stdout)
    assert [Path(r["path"]).name for r in records] == ["a_empty.txt", "b_good.txt", "c_good.md"]
    assert [r["ok"] for r in records] == [False, True, True]
    for r in records:
        jsonschema.validate(r, schema)
    assert "a_empty.txt" in result.stderr and "1 failed" in result.stderr


def test_empty_folder_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["scan", str(tmp_path)])
    assert result.exit_code == 2
    assert "no text files" in result.stderr


def test_unknown_model_exit_5(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["scan", str(article), "--model", "no_such_pipeline_xyz"])
    assert result.exit_code == 5
    assert "cannot load spaCy pipeline" in result.stderr and "Traceback" not in result.stderr


def test_keep_unrelated_sets_nothing_aside(runner: CliRunner, tmp_path: Path) -> None:
    p = tmp_path / "teaser.txt"
    p.write_text("Sign up for our newsletter to get the best deals in your inbox every week!\n\n" + ARTICLE)
    default = lines(runner.invoke(app, ["scan", str(p), "--json"]).stdout)[0]
    kept = lines(runner.invoke(app, ["scan", str(p), "--json", "--keep-unrelated"]).stdout)[0]
    assert any(s["kind"] == "unrelated" for s in default["segments"])
    assert all(s["kind"] == "main" for s in kept["segments"])


def test_explain_adds_per_block_evidence(runner: CliRunner, article: Path) -> None:
    record = lines(runner.invoke(app, ["scan", str(article), "--json", "--explain"]).stdout)[0]
    assert record["explain"] and {"score", "threshold", "features", "reason"} <= set(record["explain"][0])
    text = runner.invoke(app, ["scan", str(article), "--explain"]).stdout
    assert "Why each block" in text


def test_interrupt_exits_130(runner: CliRunner, article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import docscan.pipeline

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(docscan.pipeline, "analyze_many", interrupted)
    result = runner.invoke(app, ["scan", str(article)])
    assert result.exit_code == 130


def test_internal_error_exit_1_without_traceback(runner: CliRunner, article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import docscan.pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(docscan.pipeline, "analyze_many", broken)
    result = runner.invoke(app, ["scan", str(article)])
    assert result.exit_code == 1
    assert "internal error: RuntimeError: boom" in result.stderr and "Traceback" not in result.stderr
    with pytest.raises(RuntimeError):
        runner.invoke(app, ["scan", str(article), "--traceback"], catch_exceptions=False)


def test_version(runner: CliRunner) -> None:
    from docscan import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout


def test_every_option_has_help_and_is_in_the_readme(runner: CliRunner) -> None:
    import typer.main

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    command = typer.main.get_command(app)
    for name, sub in command.commands.items():  # type: ignore[attr-defined]
        assert sub.help, name
        assert f"docscan {name}" in readme
        for param in sub.params:
            if param.param_type_name == "option":
                assert param.help, param.name
                assert any(opt in readme for opt in param.opts), param.opts


def test_help_does_not_import_spacy_or_textstat() -> None:
    code = (
        "import sys\n"
        "from docscan.cli import main\n"
        "sys.argv = ['docscan', 'scan', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('spacy', 'textstat', 'nltk', 'thinc') if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "HEAVY []" in proc.stderr, proc.stderr
    assert "--json" in proc.stdout


def test_python_dash_m(article: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "docscan", "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "docscan" in proc.stdout


# --- formats from the renderer registry, batch wiring ---------------------------------------------


def test_every_registered_format_renders_a_report_and_a_failure(article: Path) -> None:
    from docscan import analyze_path
    from docscan.model import ErrorInfo, Report
    from docscan.render import RENDERERS, RenderOptions

    good = analyze_path(str(article))
    bad = Report(path="x.txt", error=ErrorInfo("empty", "file is empty", None))
    for name, renderer in RENDERERS.items():
        assert renderer.render(good, RenderOptions(explain=True)) is not None, name
        if renderer.failures:
            assert renderer.render(bad, RenderOptions()) is not None, name


def test_unknown_format_is_a_usage_error(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["scan", str(article), "--format", "yaml"])
    assert result.exit_code == 2 and "text, json" in result.output


def test_output_file_takes_only_line_formats(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["scan", str(article), "--format", "text", "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2 and "--output writes JSON Lines" in result.stderr


def test_stdin_named_twice_is_read_once(runner: CliRunner) -> None:
    result = runner.invoke(app, ["scan", "-", "-", "--json"], input=ARTICLE)
    assert result.exit_code == 0
    assert [r["path"] for r in lines(result.stdout)] == ["-"]


def test_a_bug_in_one_file_of_a_folder_does_not_stop_the_others(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docscan.pipeline

    real = docscan.pipeline.detect_sections

    def buggy(doc, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "Lisbon" in doc.text and doc.path.endswith("b.txt"):
            raise ValueError("planted")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(docscan.pipeline, "detect_sections", buggy)
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(ARTICLE)
    result = runner.invoke(app, ["scan", str(tmp_path), "--json", "-w", "1"])
    assert result.exit_code == 4
    assert [r["ok"] for r in lines(result.stdout)] == [True, False, True]
    assert f"error: {tmp_path / 'b.txt'}: internal error: ValueError: planted" in result.stderr
    assert "--traceback" in result.stderr and "Traceback" not in result.stderr


def test_a_new_format_is_one_registry_entry(runner: CliRunner, article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from docscan.render import RENDERERS, Renderer

    # a page format returning a string, as render/html.py and render/markdown.py will
    monkeypatch.setitem(RENDERERS, "page", Renderer("docscan.render.json", "report_to_json"))
    result = runner.invoke(app, ["scan", str(article), "--format", "page"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["path"] == str(article)


# --- usage errors, help, hostile input on the command line (issue 10) -------------------------

USAGE = [
    ("unknown option", ["scan", "x.txt", "--jsn"], "No such option: --jsn"),
    ("missing path", ["scan"], "Missing argument"),
    ("bad choice", ["scan", "x.txt", "--entities", "some"], "'some' is not one of"),
    ("bad number", ["scan", "x.txt", "--workers", "0"], "--workers"),
    ("unknown command", ["scna"], "No such command 'scna'"),
]


@pytest.mark.parametrize(("name", "args", "said"), USAGE, ids=[u[0] for u in USAGE])
def test_usage_errors_are_error_and_hint_lines(runner: CliRunner, name: str, args: list[str], said: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    first, second, *rest = result.stderr.splitlines()
    assert first.startswith("error: ") and said in first
    assert second.startswith("hint: ") and "--help" in second
    assert not rest and "╭" not in result.stderr and "Usage:" not in result.stderr


def test_help_shows_exit_codes_and_literal_brackets(runner: CliRunner) -> None:
    for args in (["--help"], ["scan", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0
        assert "Exit codes:" in result.stdout
        for status in ExitStatus:
            assert f"{status.value:>3}  " in result.stdout
    shown = runner.invoke(app, ["scan", "--help"]).stdout
    assert "╭" not in shown and "'**/*.md'" in shown  # plain help: no rich boxes, markup shown as written


def test_help_imports_neither_rich_nor_the_batch_machinery() -> None:
    code = (
        "import sys\n"
        "from docscan.cli import main\n"
        "sys.argv = ['docscan', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('spacy', 'rich', 'multiprocessing', 'docscan.batch', 'charset_normalizer')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "HEAVY []" in proc.stderr, proc.stderr
    assert "scan" in proc.stdout


def test_escape_sequences_in_a_file_name_are_shown_not_sent(runner: CliRunner, tmp_path: Path) -> None:
    name = "evil\x1b]0;title\x07\x1b[2J\nerror: forged.txt"
    p = tmp_path / name
    p.write_bytes(b"")
    result = runner.invoke(app, ["scan", str(p)])
    assert result.exit_code == 3
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith("error: ") and "␛]0;title␇␛[2J␊error: forged.txt" in lines[0]


def test_markup_and_escapes_in_a_document_do_not_reach_the_terminal(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a short path, so the title is not cut
    p = Path("[bold red]odd[link=x].txt")
    teaser = "Sign up [/] for our [link=file:///etc/passwd]newsletter[/link] to get \x1b[2Jthe best deals every week!\n\n"
    hostile = "[/] [link=file:///etc/passwd]Portugal[/link] \x1b[2J\x1b]8;;http://x/\x1b\\Lisbon\x1b]8;;\x1b\\ [/bold]\n"
    p.write_text(teaser + ARTICLE + hostile, encoding="utf-8")
    result = runner.invoke(app, ["scan", str(p), "--entities", "all", "--explain"])
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "[bold red]odd[link=x].txt" in result.stdout  # the file name, as the report's title
    for shown in ("Sign up [/] for our", "[link=file:///etc/passwd]", "␛[2J"):  # the set-aside preview
        assert shown in result.stdout


def test_character_device_and_fifo_exit_3_without_hanging(runner: CliRunner, tmp_path: Path) -> None:
    targets = [Path("/dev/zero")] if Path("/dev/zero").exists() else []
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.txt")
        targets.append(tmp_path / "pipe.txt")
    for target in targets:
        result = runner.invoke(app, ["scan", str(target), "--json"])
        assert result.exit_code == 3
        assert result.stderr.startswith(f"error: {target}: is a ") and "not a regular file" in result.stderr
        assert lines(result.stdout)[0]["error"]["type"] == "not_a_regular_file"


def test_size_limit_on_files_and_stdin(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    big.write_text(ARTICLE * 3, encoding="utf-8")
    monkeypatch.setenv("DOCSCAN_MAX_BYTES", "1000")
    result = runner.invoke(app, ["scan", str(big), "--json"])
    assert result.exit_code == 3 and "over the size limit of 1,000 bytes" in result.stderr
    assert "DOCSCAN_MAX_BYTES" in result.stderr
    result = runner.invoke(app, ["scan", "-", "--json"], input=ARTICLE * 3)
    assert result.exit_code == 3 and "size limit" in result.stderr
    monkeypatch.setenv("DOCSCAN_MAX_BYTES", "ten")
    result = runner.invoke(app, ["scan", str(big)])
    assert result.exit_code == 2 and result.stderr.startswith("error: DOCSCAN_MAX_BYTES='ten'")


def test_repaired_utf8_is_reported_with_a_warning(runner: CliRunner, tmp_path: Path, schema: dict) -> None:
    p = tmp_path / "mixed.txt"
    p.write_bytes(ARTICLE.replace("Lisbon", "Lisbön").encode("utf-8") + b"Caf\xe9 owners agreed.\n")
    record = lines(runner.invoke(app, ["scan", str(p), "--json"]).stdout)[0]
    jsonschema.validate(record, schema)
    assert record["document"]["encoding"] == "utf-8 (1 invalid byte replaced)"
    assert record["document"]["warnings"] and "U+FFFD" in record["document"]["warnings"][0]
    text = runner.invoke(app, ["scan", str(p)]).stdout
    assert "⚠" in text and "not valid UTF-8" in text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_fifos_found_in_a_folder_do_not_hang_the_walk(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe")  # no suffix: sniffed for text, which must not open it blocking
    os.mkfifo(tmp_path / "pipe.txt")  # a text suffix: not a document either
    proc = subprocess.run(
        [sys.executable, "-m", "docscan", "scan", str(tmp_path), "--json", "-w", "1", "-q"],
        capture_output=True, text=True, timeout=120,
    )
    records = lines(proc.stdout)
    assert [Path(r["path"]).name for r in records] == ["article.txt"] and proc.returncode == 0
