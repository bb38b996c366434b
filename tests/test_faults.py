"""Fault injection: whatever happens to a batch, nothing is lost and nothing is recorded twice.

A planted marker `FAULT-<stage>-<action>` in one document makes it misbehave (tests/faults_plugin.py):
a bug raised in each stage, a worker killed or exiting, a document that runs away; the disk fills up
(RLIMIT_FSIZE) and the run is interrupted (SIGINT, SIGTERM). Each test asserts that every record
written is one complete JSON line and that `--resume` then finishes with each document exactly
once. The runs use a small rule-based spaCy pipeline built here, so they are fast and need no
trained model.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import faults_plugin
from docscan import batch
from docscan.batch import scan
from docscan.model import Options

TESTS = Path(__file__).parent
SRC = TESTS.parent / "src"
WORDS = ["harbour", "council", "bridge", "engineers", "river", "city", "museum", "fossil", "train", "night", "operator", "cabins", "apple", "growers", "harvest", "exporters", "ships", "winter", "officials", "budget", "committee", "members", "proposal", "report"]


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> str:
    import spacy

    path = tmp_path_factory.mktemp("model") / "tiny"
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "GPE", "pattern": "Norway"}, {"label": "ORG", "pattern": "Acme"}])
    nlp.to_disk(path)
    return str(path)


def document(i: int, fault: str = "") -> str:
    words = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(40)]
    body = " ".join(words[:20]).capitalize() + " in Norway. " + " ".join(words[20:]).capitalize() + " at Acme."
    return f"Report {i}\n\n{body} {fault}\n\nThe committee said the work goes on. {body}\n"


def corpus(root: Path, n: int, faults: dict[int, str] | None = None) -> list[str]:
    root.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(n):
        name = f"doc{i:04d}.txt"
        (root / name).write_text(document(i, (faults or {}).get(i, "")), encoding="utf-8")
        names.append(name)
    return names


def records(path: Path) -> list[dict]:
    """Every line of the output, each of which must be one complete JSON object."""
    text = path.read_text(encoding="utf-8")
    assert text == "" or text.endswith("\n"), "the output ends with a cut line"
    return [json.loads(line) for line in text.splitlines()]


def assert_each_once(out: Path, names: list[str]) -> list[dict]:
    got = records(out)
    assert sorted(Path(r["path"]).name for r in got) == sorted(names)  # 0 lost, 0 duplicated
    return got


@pytest.fixture
def in_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Worker processes started from now on load the fault plugin (via sitecustomize)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text("import faults_plugin\nfaults_plugin.install()\n")
    flags = tmp_path / "flags"
    flags.mkdir()
    path = os.pathsep.join([str(site), str(TESTS), str(SRC), os.environ.get("PYTHONPATH", "")])
    monkeypatch.setenv("PYTHONPATH", path)
    monkeypatch.setenv("DOCSCAN_FAULT_DIR", str(flags))
    monkeypatch.setattr(batch, "MAX_CHUNK_FILES", 4)  # several chunks in flight, even for a small corpus
    return site


# --- a bug in one document, in each stage --------------------------------------------------------


@pytest.mark.parametrize("stage", faults_plugin.STAGES)
def test_a_bug_in_any_stage_becomes_that_documents_record(
    stage: str, tmp_path: Path, tiny_model: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    faults_plugin.install(monkeypatch.setattr)
    names = corpus(tmp_path / "c", 6, {2: f"FAULT-{stage}-raise"})
    out = tmp_path / "out.jsonl"
    summary = scan([str(tmp_path / "c")], Options(model=tiny_model), output=out)
    assert (summary.ok, summary.failed, int(summary.exit_status())) == (5, 1, 4)
    got = assert_each_once(out, names)
    assert [Path(r["path"]).name for r in got] == names  # input order
    (bad,) = [r for r in got if not r["ok"]]
    assert bad["path"].endswith("doc0002.txt")
    assert bad["error"]["type"] == "internal"
    assert f"RuntimeError: planted fault in {stage}" in bad["error"]["message"]
    assert "--traceback" in bad["error"]["hint"]
    # --resume does not loop on the failure; --retry-failed tries it again, still once in the file
    again = scan([str(tmp_path / "c")], Options(model=tiny_model), output=out, resume=True)
    assert (again.ok, again.failed, again.skipped) == (0, 0, 6)
    retried = scan([str(tmp_path / "c")], Options(model=tiny_model), output=out, retry_failed=True)
    assert (retried.ok, retried.failed, retried.skipped) == (0, 1, 5)
    assert_each_once(out, names)


def test_memory_error_in_one_document_is_contained(tmp_path: Path, tiny_model: str, monkeypatch: pytest.MonkeyPatch) -> None:
    faults_plugin.install(monkeypatch.setattr)
    names = corpus(tmp_path / "c", 3, {0: "FAULT-entities-memory"})
    out = tmp_path / "out.jsonl"
    summary = scan([str(tmp_path / "c")], Options(model=tiny_model), output=out)
    assert (summary.ok, summary.failed) == (2, 1)
    (bad,) = [r for r in assert_each_once(out, names) if not r["ok"]]
    assert "MemoryError" in bad["error"]["message"]
    assert bad["document"]["sha256"]  # loaded before it failed: resume can tell if it changes


def test_traceback_lets_the_bug_through(tmp_path: Path, tiny_model: str, monkeypatch: pytest.MonkeyPatch) -> None:
    faults_plugin.install(monkeypatch.setattr)
    corpus(tmp_path / "c", 2, {1: "FAULT-sections-raise"})
    with pytest.raises(RuntimeError, match="planted fault in sections"):
        scan([str(tmp_path / "c")], Options(model=tiny_model), contain=False)


# --- workers that die or run away ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "reason"), [("kill", "SIGKILL"), ("exit", "status 3"), ("cutwrite", "SIGKILL")]
)
def test_a_dead_worker_is_detected_and_its_documents_retried(
    action: str, reason: str, tmp_path: Path, tiny_model: str, in_workers: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # cutwrite: killed while writing its result, the worker holds the result lock for good; the
    # stop waits STOP_LOCK_SECONDS for it, shortened here
    monkeypatch.setattr(batch, "STOP_LOCK_SECONDS", 0.5)
    names = corpus(tmp_path / "c", 14, {6: f"FAULT-entities-{action}"})
    out = tmp_path / "out.jsonl"
    summary = scan([str(tmp_path / "c")], Options(model=tiny_model), workers=2, output=out)
    assert (summary.ok, summary.failed) == (13, 1)
    got = assert_each_once(out, names)
    assert [Path(r["path"]).name for r in got] == names
    (bad,) = [r for r in got if not r["ok"]]
    assert bad["path"].endswith("doc0006.txt")
    assert bad["error"]["type"] == "worker_lost" and reason in bad["error"]["message"]
    again = scan([str(tmp_path / "c")], Options(model=tiny_model), workers=2, output=out, resume=True)
    assert (again.ok, again.failed, again.skipped) == (0, 0, 14)


def test_a_worker_that_dies_once_loses_nothing(tmp_path: Path, tiny_model: str, in_workers: Path) -> None:
    names = corpus(tmp_path / "c", 10, {3: "FAULT-nlp-killonce"})
    out = tmp_path / "out.jsonl"
    summary = scan([str(tmp_path / "c")], Options(model=tiny_model), workers=2, output=out)
    assert (summary.ok, summary.failed) == (10, 0)
    assert all(r["ok"] for r in assert_each_once(out, names))


class _StatusStoredLate:
    """A dead worker whose exit status another thread reaped and has not stored yet: the pool's
    thread and docscan both wait on it, and the loser of that race sees no status for a moment."""

    def __init__(self, proc: object, delay: float) -> None:
        self._proc, self._known_at = proc, time.monotonic() + delay
        self.pid, self.sentinel = proc.pid, proc.sentinel  # type: ignore[attr-defined]

    @property
    def exitcode(self) -> int | None:
        return self._proc.exitcode if time.monotonic() >= self._known_at else None  # type: ignore[attr-defined]


def test_the_death_reason_waits_for_a_status_stored_late() -> None:
    import multiprocessing

    proc = multiprocessing.get_context("spawn").Process(target=time.sleep, args=(600,))
    proc.start()
    proc.kill()
    proc.join(60)
    assert batch._death_reason([_StatusStoredLate(proc, 0.3)]).startswith("killed by SIGKILL")


@pytest.mark.parametrize(("action", "workers"), [("hang", 1), ("stuck", 2)])
def test_a_runaway_document_times_out(
    action: str, workers: int, tmp_path: Path, tiny_model: str, in_workers: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "stuck" ignores the in-worker timer (like a loop in C code): the parent kills the worker
    monkeypatch.setattr(batch, "HARD_TIMEOUT_GRACE", 3.0)
    names = corpus(tmp_path / "c", 10, {4: f"FAULT-sections-{action}"})
    out = tmp_path / "out.jsonl"
    summary = scan([str(tmp_path / "c")], Options(model=tiny_model), workers=workers, timeout=1.0, output=out)
    assert (summary.ok, summary.failed) == (9, 1)
    got = assert_each_once(out, names)
    assert [Path(r["path"]).name for r in got] == names
    (bad,) = [r for r in got if not r["ok"]]
    assert bad["path"].endswith("doc0004.txt") and bad["error"]["type"] == "timeout"


# --- stopping a pool whose worker is writing a result ------------------------------------------


def _pool_caught_mid_write(tmp_path: Path, *, die: bool) -> tuple[object, object]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
    if not hasattr(pool, "_result_queue"):
        pytest.skip("this Python's ProcessPoolExecutor has other internals")
    future = pool.submit(faults_plugin.write_result_in_halves, "x" * 200_000, 1.0, die)
    flag = tmp_path / "flags" / "half-written"
    deadline = time.monotonic() + 120
    while not flag.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert flag.exists(), future.exception() if future.done() else "the worker never wrote"
    return pool, future


def test_stopping_waits_for_a_result_being_written_so_the_pool_ends(
    tmp_path: Path, in_workers: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ctrl-C while a worker writes its result: killing it mid-write would leave the pool's thread
    # waiting forever for the rest of the message, and the run could never exit.
    def not_needed(*args: object) -> None:
        raise AssertionError("the pool's thread was left waiting for a cut message")

    monkeypatch.setattr(batch, "_unstick", not_needed)
    pool, future = _pool_caught_mid_write(tmp_path, die=False)
    manager = pool._executor_manager_thread  # type: ignore[attr-defined]
    workers = list(pool._processes.values())  # type: ignore[attr-defined]
    batch._stop(pool, kill=True)  # type: ignore[arg-type]
    assert not manager.is_alive()
    assert future.result(timeout=0) == "x" * 200_000  # the message was whole when the worker died
    assert all(w.exitcode is not None for w in workers)


def test_stopping_ends_a_pool_whose_worker_died_mid_write(
    tmp_path: Path, in_workers: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A worker killed from outside (the OOM killer) mid-write holds the write lock for good and
    # leaves a cut message: the stop still ends the pool's thread, within its bounds.
    monkeypatch.setattr(batch, "STOP_LOCK_SECONDS", 0.5)
    monkeypatch.setattr(batch, "STOP_JOIN_SECONDS", 3.0)
    pool, future = _pool_caught_mid_write(tmp_path, die=True)
    manager = pool._executor_manager_thread  # type: ignore[attr-defined]
    batch._stop(pool, kill=True)  # type: ignore[arg-type]
    assert not manager.is_alive()
    assert future.done()



def test_a_second_interrupt_while_stopping_waits_until_every_pool_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    # Ctrl-C pressed again while the workers are being stopped: raised mid-stop, it would leave a
    # pool running and the process unable to exit; it takes effect once the stop is done.
    stopped: list[str] = []

    def stop(pool: str, *, kill: bool) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.2)  # the handler runs at the next bytecode: it has every chance here
        stopped.append(pool)

    monkeypatch.setattr(batch, "_stop", stop)
    runner = batch._LocalPool(batch._Setup(Options(), None, True), 2)
    runner._main, runner._alone = "main", "alone"  # type: ignore[assignment]
    # Ctrl-C as in a terminal, even when the tests run where SIGINT is ignored (a background job)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            runner.abort()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert stopped == ["main", "alone"]


# --- the environment: a full disk, signals -------------------------------------------------------

CLI = [sys.executable, "-m", "docscan", "scan"]


def run_cli(args: list[str], *, limit_bytes: int | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        if limit_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run(CLI + args, capture_output=True, text=True, timeout=timeout, preexec_fn=limit)


def test_a_full_disk_leaves_complete_lines_and_no_tmp(tmp_path: Path, tiny_model: str) -> None:
    names = corpus(tmp_path / "c", 30)
    out = tmp_path / "out" / "results.jsonl"
    out.parent.mkdir()
    first = run_cli([str(tmp_path / "c"), "--model", tiny_model, "-o", str(out), "-w", "1", "-q"], limit_bytes=40_000)
    assert first.returncode == 6, first.stderr
    assert first.stderr.startswith(f"error: cannot write {out}: file too large") and "Traceback" not in first.stderr
    assert "--resume" in first.stderr
    done = records(out)  # the line the limit cut was removed: the file ends with a whole record
    assert 0 < len(done) < 30
    summary = tmp_path / "out" / "summary.json"
    # with room again, --resume finishes the rest; the resume rewrite leaves no .tmp behind
    full = run_cli(
        [str(tmp_path / "c"), "--model", tiny_model, "-o", str(out), "--resume", "--summary", str(summary), "-w", "1", "-q"],
        limit_bytes=out.stat().st_size + 300_000,
    )
    assert full.returncode == 0, full.stderr
    assert_each_once(out, names)
    assert not list((tmp_path / "out").glob("*.tmp"))
    # a summary that cannot be written is not left half-written, and its .tmp is removed
    size = summary.stat().st_size
    summary.unlink()
    tight = run_cli(
        [str(tmp_path / "c"), "--model", tiny_model, "--json", "--summary", str(summary), "-w", "1", "-q"],
        limit_bytes=size // 2,
    )
    assert tight.returncode == 6, tight.stderr
    assert tight.stderr.startswith(f"error: cannot write {summary}: file too large")
    assert not summary.exists() and not list((tmp_path / "out").glob("*.tmp"))


@pytest.mark.parametrize(("sig", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_mid_batch_then_resume_records_each_document_once(
    sig: signal.Signals, status: int, tmp_path: Path, tiny_model: str, in_workers: Path
) -> None:
    total = 200
    names = corpus(tmp_path / "c", total, {i: "FAULT-readability-slow" for i in range(total)})
    out = tmp_path / "out.jsonl"
    args = [str(tmp_path / "c"), "--model", tiny_model, "-o", str(out), "-w", "2", "-q"]
    # SIGINT as in a terminal, even when the tests run where it is ignored (a background job)
    proc = subprocess.Popen(
        CLI + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(sig, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size == 0):
        time.sleep(0.05)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    done = records(out)
    if len(done) == total:
        pytest.skip("the scan finished before the signal arrived")
    assert proc.returncode == status, err
    assert "Traceback" not in err and "rerun with --resume" in err
    assert 0 < len(done) < total
    resumed = run_cli([*args, "--resume"])
    assert resumed.returncode == 0, resumed.stderr
    assert_each_once(out, names)


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_killed_parent_leaves_no_workers_behind_and_resume_finishes(
    tmp_path: Path, tiny_model: str, in_workers: Path
) -> None:
    total = 200
    names = corpus(tmp_path / "c", total, {i: "FAULT-readability-slow" for i in range(total)})
    out = tmp_path / "out.jsonl"
    args = [str(tmp_path / "c"), "--model", tiny_model, "-o", str(out), "-w", "2", "-q"]
    proc = subprocess.Popen(CLI + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size == 0):
        time.sleep(0.05)
    workers = _children(proc.pid)
    proc.kill()  # SIGKILL: no clean-up runs in the parent
    proc.wait(timeout=60)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.2)
    assert workers and not any(_alive(w) for w in workers)
    done = records(out) if out.read_text().endswith("\n") else None
    if done is not None and len(done) == total:
        pytest.skip("the scan finished before the kill arrived")
    resumed = run_cli([*args, "--resume"])  # a line cut by the kill is dropped, the rest finished
    assert resumed.returncode == 0, resumed.stderr
    assert_each_once(out, names)


# --- the batch target ----------------------------------------------------------------------------


def _bad_files(root: Path) -> Iterator[Path]:
    for k in range(5):
        (root / f"empty{k}.txt").write_bytes(b"")
        yield root / f"empty{k}.txt"
        (root / f"binary{k}.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 4)
        yield root / f"binary{k}.txt"


def test_a_thousand_files_with_ten_bad_and_one_bug(tmp_path: Path, tiny_model: str, in_workers: Path) -> None:
    root = tmp_path / "c"
    names = corpus(root, 990, {500: "FAULT-entities-raise"})
    bad = [p.name for p in _bad_files(root)]
    out = tmp_path / "out.jsonl"
    summary = tmp_path / "summary.json"
    run = run_cli([str(root), "--model", tiny_model, "-o", str(out), "--summary", str(summary), "-w", "2", "-q"])
    assert run.returncode == 4, run.stderr[-2000:]
    got = assert_each_once(out, names + bad)
    failed = sorted(Path(r["path"]).name for r in got if not r["ok"])
    assert len(got) - len(failed) == 989 and len(failed) == 11
    assert failed == sorted([*bad, "doc0500.txt"])
    written = json.loads(summary.read_text())
    assert written["files"] == {"ok": 989, "failed": 11, "skipped": 0, "total": 1000}
    assert written["failed_by_type"] == {"empty": 5, "internal": 1, "not_text": 5}
    assert "Traceback" not in run.stderr
