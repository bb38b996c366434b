"""Batch scanning: discovery, ordered parallel output, failures that never stop the batch,
interruption and resume, the summary, and a real Dask cluster."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from docscan.batch import discover, load_recorded
from docscan.cli import app

TOPICS = [
    ("Orchards", "Apple growers in Chile expect a record harvest after a mild winter, and exporters in Santiago are booking extra ships for the season."),
    ("Bridges", "Engineers in Poland finished the new river bridge in Krakow two months early, and the city council opened it to cyclists on Sunday."),
    ("Museums", "The national museum in Kenya reopened its fossil hall in Nairobi, showing skulls found by field teams over the last forty years."),
    ("Trains", "Night trains between Austria and Italy return next month, and the operator in Vienna says sleeper cabins are already sold out for August."),
]


def write_corpus(root: Path, n: int = 8) -> list[str]:
    names = []
    for i in range(n):
        title, body = TOPICS[i % len(TOPICS)]
        name = f"doc{i:02d}.txt"
        (root / name).write_text(f"{title} News {i}\n{body} Officials said the work will continue next year.\n")
        names.append(name)
    return names


def records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# --- discovery -------------------------------------------------------------------------------


def test_discovery_order_filters_and_links(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "two.md").write_text("text")
    (tmp_path / "a" / "one.txt").write_text("text")
    (tmp_path / "a" / "notes").write_text("plain text without a suffix")
    (tmp_path / "a" / "blob").write_bytes(b"\x00\x01binary")
    (tmp_path / "a" / "data.csv").write_text("x,y")
    (tmp_path / ".git" / "config.txt").write_text("hidden")
    (tmp_path / "a" / "loop").symlink_to(tmp_path)
    (tmp_path / "a" / "link.txt").symlink_to(tmp_path / "b" / "two.md")
    found = [str(Path(p).relative_to(tmp_path)) for p in discover([str(tmp_path)])]
    assert found == ["a/notes", "a/one.txt", "b/two.md"]
    hidden = [str(Path(p).relative_to(tmp_path)) for p in discover([str(tmp_path)], include_hidden=True)]
    assert ".git/config.txt" in hidden
    only_md = [Path(p).name for p in discover([str(tmp_path)], include=["*.md"])]
    assert only_md == ["two.md"]
    no_a = [Path(p).name for p in discover([str(tmp_path)], exclude=["a/*"])]
    assert no_a == ["two.md"]
    followed = list(discover([str(tmp_path)], follow_symlinks=True))
    assert len(followed) == len(set(map(os.path.realpath, followed)))  # no loop, no duplicate


def test_same_file_twice_is_scanned_once(tmp_path: Path) -> None:
    f = tmp_path / "x.txt"
    f.write_text("text")
    assert list(discover([str(f), str(tmp_path), str(f)])) == [str(f)]


# --- running ----------------------------------------------------------------------------------

pytestmark_model = pytest.mark.model


@pytest.mark.model
def test_parallel_output_equals_serial_and_keeps_order(tmp_path: Path) -> None:
    names = write_corpus(tmp_path)
    (tmp_path / "doc03.txt").write_bytes(b"\xff\xfe\x00\x00broken")
    (tmp_path / "doc05.txt").write_text("   \n")
    runner = CliRunner()
    serial = runner.invoke(app, ["scan", str(tmp_path), "--json", "--workers", "1", "--quiet"])
    parallel = runner.invoke(app, ["scan", str(tmp_path), "--json", "--workers", "2", "--quiet"])
    assert serial.exit_code == parallel.exit_code == 4
    assert serial.stdout == parallel.stdout
    got = records(parallel.stdout)
    assert [Path(r["path"]).name for r in got] == names
    assert [r["ok"] for r in got] == [True, True, True, False, True, False, True, True]
    assert "doc03.txt" in parallel.stderr and "doc05.txt" in parallel.stderr


@pytest.mark.model
def test_summary_file(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    write_corpus(corpus)
    summary = tmp_path / "summary.json"
    result = CliRunner().invoke(app, ["scan", str(corpus), "-o", str(tmp_path / "out.jsonl"), "--summary", str(summary), "-w", "1"])
    assert result.exit_code == 0
    s = json.loads(summary.read_text())
    assert s["files"] == {"ok": 8, "failed": 0, "skipped": 0, "total": 8}
    countries = {e["name"]: e["documents"] for e in s["top_entities"]["countries"]}
    assert countries["Chile"] == 2 and countries["Kenya"] == 2
    assert s["readability"]["flesch_reading_ease"]["median"] is not None
    assert "8 files" in result.stderr  # the summary on stderr


@pytest.mark.model
def test_resume_after_a_cut_run_records_every_document_once(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    names = write_corpus(corpus)
    out = tmp_path / "out.jsonl"
    runner = CliRunner()
    assert runner.invoke(app, ["scan", str(corpus), "-o", str(out), "-w", "1", "-q"]).exit_code == 0
    full = out.read_text().splitlines(keepends=True)
    # as a kill leaves it: three complete lines and half of the fourth
    out.write_text("".join(full[:3]) + full[3][: len(full[3]) // 2])
    summary = tmp_path / "s.json"
    result = runner.invoke(app, ["scan", str(corpus), "-o", str(out), "--resume", "--summary", str(summary), "-w", "1", "-q"])
    assert result.exit_code == 0
    got = records(out.read_text())
    assert sorted(Path(r["path"]).name for r in got) == names
    assert json.loads(summary.read_text())["files"]["skipped"] == 3
    # a changed file is scanned again, an unchanged one is not
    (corpus / "doc00.txt").write_text("Orchards News\nA different story about pears in Oregon and their growers.\n")
    result = runner.invoke(app, ["scan", str(corpus), "-o", str(out), "--resume", "--summary", str(summary), "-w", "1", "-q"])
    assert json.loads(summary.read_text())["files"]["skipped"] == 7
    got = records(out.read_text())
    assert sorted(Path(r["path"]).name for r in got) == names
    (doc00,) = [r for r in got if r["path"].endswith("doc00.txt")]
    assert doc00["document"]["sha256"] == hashlib.sha256((corpus / "doc00.txt").read_bytes()).hexdigest()


def test_resume_needs_output(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("text")
    result = CliRunner().invoke(app, ["scan", str(tmp_path), "--resume"])
    assert result.exit_code == 2 and "--output" in result.stderr


def test_load_recorded_drops_partial_lines_and_keeps_failures_unless_retried(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    good = json.dumps({"path": "a.txt", "ok": True, "document": {"sha256": "ab" * 32}})
    bad = json.dumps({"path": "b.txt", "ok": False, "document": None})
    cut = '{"path": "c.txt", "ok": tr'
    out.write_text(good + "\n" + bad + "\n" + cut)
    # a document that failed stays recorded: --resume must not loop on it
    assert load_recorded(out) == {"a.txt", "b.txt"}
    assert out.read_text() == good + "\n" + bad + "\n"
    assert load_recorded(out, retry_failed=True) == {"a.txt"}
    assert out.read_text() == good + "\n"
    assert not list(tmp_path.glob("*.tmp"))


@pytest.mark.model
def test_interrupted_process_leaves_only_complete_lines(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    total = 800
    for k in range(total // 8):
        write_corpus(corpus, 8)
        for f in list(corpus.glob("doc*.txt")):
            f.rename(corpus / f"r{k:03d}-{f.name}")
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "docscan", "scan", str(corpus), "-o", str(out), "-w", "1", "-q"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size == 0):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    text = out.read_text()
    if len(text.splitlines()) == total:
        pytest.skip("the scan finished before the interrupt arrived")
    assert proc.returncode == 130, err
    assert text.endswith("\n") and "Traceback" not in err
    done = records(text)  # every line parses
    assert 0 < len(done) < total
    result = CliRunner().invoke(app, ["scan", str(corpus), "-o", str(out), "--resume", "-w", "1", "-q"])
    assert result.exit_code == 0
    final = records(out.read_text())
    assert len(final) == total and len({r["path"] for r in final}) == total


@pytest.mark.model
def test_dask_local_cluster_matches_local_run(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    names = write_corpus(tmp_path, 5)
    (tmp_path / "doc02.txt").write_bytes(b"")
    runner = CliRunner()
    local = runner.invoke(app, ["scan", str(tmp_path), "--json", "-w", "1", "-q"])
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        remote = runner.invoke(app, ["scan", str(tmp_path), "--json", "--dask", cluster.scheduler_address, "-q"])
    assert remote.exit_code == local.exit_code == 4
    assert remote.stdout == local.stdout
    assert [Path(r["path"]).name for r in records(remote.stdout)] == names


# --- gitignore-style walking ---------------------------------------------------------------------


def _tree(root: Path, files: list[str]) -> None:
    for rel in files:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("Some text about harbours.\n")


def _rel(root: Path, found: object) -> list[str]:
    return [Path(p).relative_to(root).as_posix() for p in found]  # type: ignore[attr-defined]


WALKS = [
    ("double-star include matches the top level too", {"include": ["**/*.md"]}, ["top.md", "docs/guide.md", "docs/deep/more.md"]),
    ("a bare name matches at every depth", {"include": ["*.md"]}, ["top.md", "docs/guide.md", "docs/deep/more.md"]),
    ("an excluded folder name prunes it anywhere", {"exclude": ["node_modules"]}, ["notes.txt", "top.md", "docs/guide.md", "docs/deep/more.md"]),
    ("a folder pattern", {"exclude": ["docs/"]}, ["notes.txt", "top.md", "node_modules/pkg/readme.txt"]),
    ("an anchored path", {"exclude": ["docs/deep"]}, ["notes.txt", "top.md", "docs/guide.md", "node_modules/pkg/readme.txt"]),
    ("negation", {"include": ["*.md", "!docs/deep/*"]}, ["top.md", "docs/guide.md"]),
]


@pytest.mark.parametrize(("name", "kwargs", "expected"), WALKS, ids=[w[0] for w in WALKS])
def test_gitignore_style_patterns(tmp_path: Path, name: str, kwargs: dict, expected: list[str]) -> None:
    _tree(tmp_path, ["top.md", "notes.txt", "docs/guide.md", "docs/deep/more.md", "node_modules/pkg/readme.txt"])
    assert _rel(tmp_path, discover([str(tmp_path)], **kwargs)) == expected


def test_excluded_folders_are_not_walked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path, ["a.txt", "node_modules/x/y.txt", "src/node_modules/z.txt", "src/b.txt"])
    listed: list[str] = []
    real_scandir = os.scandir

    def spy(path: object) -> object:
        listed.append(Path(str(path)).relative_to(tmp_path).as_posix())
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", spy)
    assert _rel(tmp_path, discover([str(tmp_path)], exclude=["node_modules"])) == ["a.txt", "src/b.txt"]
    assert not any("node_modules" in p for p in listed)


def test_gitignore_files_are_honoured_on_request(tmp_path: Path) -> None:
    _tree(tmp_path, ["keep.txt", "build/out.txt", "notes/a.txt", "notes/b.log.txt", "notes/important.log.txt"])
    (tmp_path / ".gitignore").write_text("build/\n*.log.txt\n")
    (tmp_path / "notes" / ".gitignore").write_text("!important.log.txt\n")
    assert _rel(tmp_path, discover([str(tmp_path)], gitignore=True)) == ["keep.txt", "notes/a.txt", "notes/important.log.txt"]
    assert len(list(discover([str(tmp_path)]))) == 5  # only on request


def test_special_files_in_folders_are_skipped_not_read(tmp_path: Path) -> None:
    _tree(tmp_path, ["a.txt"])
    os.mkfifo(tmp_path / "pipe")  # reading it would block forever
    os.mkfifo(tmp_path / "pipe.txt")
    assert _rel(tmp_path, discover([str(tmp_path)])) == ["a.txt"]


def test_stdin_named_twice_is_read_once() -> None:
    assert list(discover(["-", "-"])) == ["-"]


def test_the_dask_client_never_lets_a_worker_read_a_file_itself(tmp_path: Path) -> None:
    from docscan.batch import _read_on_client
    from docscan.model import Report

    ok = tmp_path / "ok.txt"
    ok.write_text("text")
    assert _read_on_client((str(ok), None)) == (str(ok), b"text")
    missing = _read_on_client((str(tmp_path / "missing.txt"), None))
    assert isinstance(missing, Report) and missing.error is not None and missing.error.type == "file_not_found"
    os.mkfifo(tmp_path / "fifo.txt")
    fifo = _read_on_client((str(tmp_path / "fifo.txt"), None))  # does not block
    assert isinstance(fifo, Report) and not fifo.ok


# --- the library call and the environment ---------------------------------------------------------


def test_scan_is_a_library_call(tmp_path: Path) -> None:
    from docscan.batch import scan

    (tmp_path / "a.txt").write_text("")
    seen: list[str] = []
    summary = scan([str(tmp_path)], output=tmp_path / "out.jsonl", on_report=lambda r: seen.append(r.path))
    assert seen == [str(tmp_path / "a.txt")] and summary.failed == 1
    assert records((tmp_path / "out.jsonl").read_text())[0]["error"]["type"] == "empty"


def test_output_that_is_an_input_is_refused_before_it_is_touched(tmp_path: Path) -> None:
    doc = tmp_path / "notes.txt"
    doc.write_text("Precious notes about harbours.\n")
    for args in (["scan", str(doc), "-o", str(doc)], ["scan", str(tmp_path), "-o", str(doc)]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2 and "also an input" in result.stderr
        assert doc.read_text() == "Precious notes about harbours.\n"


def test_summary_in_a_missing_folder_fails_before_the_batch(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("text")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["scan", str(tmp_path), "-o", str(out), "--summary", str(tmp_path / "no" / "s.json")])
    assert result.exit_code == 6
    assert result.stderr.startswith("error: cannot write the summary") and "does not exist" in result.stderr
    assert not out.exists()  # nothing ran


def test_retry_failed_needs_output(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("text")
    result = CliRunner().invoke(app, ["scan", str(tmp_path), "--retry-failed"])
    assert result.exit_code == 2 and "--output" in result.stderr


def test_unreachable_dask_scheduler_is_its_own_error(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    (tmp_path / "a.txt").write_text("text")
    out = tmp_path / "out.jsonl"
    out.write_text("earlier results\n")
    result = CliRunner().invoke(app, ["scan", str(tmp_path), "-o", str(out), "--dask", "tcp://127.0.0.1:9"])
    assert result.exit_code == 7, result.stderr
    assert "cannot reach the Dask scheduler" in result.stderr and "Traceback" not in result.stderr
    assert out.read_text() == "earlier results\n"  # not truncated


def test_dask_hint_never_points_at_pypi() -> None:
    from docscan.batch import DASK_INSTALL_HINT

    assert "pip install 'docscan[dask]'" not in DASK_INSTALL_HINT and "source or wheel" in DASK_INSTALL_HINT
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    assert "pip install 'docscan[dask]'" not in readme


def test_a_closed_pipe_ends_the_scan_quietly(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(1000):  # more records than a pipe holds, so the writer must meet the closed end
        (corpus / f"d{i:04d}.txt").write_text("")  # empty files: error records, no model needed
    with (tmp_path / "stderr").open("w+") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "docscan", "scan", str(corpus), "--json", "-w", "1", "-q"],
            stdout=subprocess.PIPE, stderr=stderr,
        )
        assert proc.stdout is not None
        proc.stdout.readline()
        proc.stdout.close()  # as `| head -1` does
        assert proc.wait(timeout=60) == 141
        stderr.seek(0)
        err = stderr.read()
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_behind_stdout_is_an_output_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("")  # an error record: no model needed
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "docscan", "scan", str(tmp_path / "a.txt"), "--json"],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=60,
        )
    assert proc.returncode == 6
    assert "error: cannot write standard output: no space left on device" in proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr
