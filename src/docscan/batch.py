"""Scanning many documents as one library call; entry point: `scan` (the CLI only wraps it).

`scan(paths, options, output=..., resume=..., on_report=...)` discovers the files, runs them on
local worker processes or a Dask cluster, appends each record to the output as one complete line,
and returns the `Summary`, which owns the exit status. Nothing is lost, whatever happens:

- Discovery is deterministic (sorted), uses gitignore-style patterns (`pathspec`) for
  `include`/`exclude` (and, on request, the `.gitignore` files it meets), prunes excluded and
  hidden folders before walking them, reads only regular files, and yields a path named twice
  (standard input too) once.
- Work is cut into chunks of several documents (about `CHUNK_CHARS` of text), so each worker sends
  many documents through one `nlp.pipe` call, with a bounded window of chunks in flight so memory
  stays flat however many files there are. Results come back in input order.
- Containment: any exception while loading or analyzing a document becomes that document's error
  record (`internal`, with the exception and a hint to rerun it alone with `--traceback`); the rest
  of its chunk is analyzed one document at a time. A worker process that dies (killed, out of
  memory, crashed) is detected (`BrokenProcessPool`, or its exit seen directly when it died
  mid-write and the pool missed it); the documents it held are retried once, one by one, in a
  fresh worker, and a document that kills that worker too is recorded as failed with the reason.
  `timeout` turns a runaway document into an error record; a run never hangs.
- An interrupt (Ctrl-C, SIGTERM in the CLI) stops the workers at once, with bounded waits only
  (`_stop`), so the process exits promptly with every line written complete.
- The output is appended one complete line per record; on a full disk the cut line is removed
  before the error is raised, and the summary and the resume rewrite are written atomically
  (no stray `.tmp`). Failed records count as done for `resume` (no loop on a document that
  always fails) unless `retry_failed`.
- `Summary` counts outcomes and keeps corpus-level aggregates that do not grow with the number of
  documents (except one float per document for the readability spread).
"""

from __future__ import annotations

import errno
import heapq
import json
import multiprocessing
import os
import shlex
import signal
import stat
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .errors import (
    FAILURE_STATUS,
    ClusterUnavailableError,
    DocscanError,
    DocumentTimeoutError,
    ExitStatus,
    InputError,
    InternalDocumentError,
    ModelUnavailableError,
    OutputError,
    UnreadableFileError,
    UsageError,
    WorkerLostError,
)
from .formats import suffixes
from .gates import check_gates
from .model import Document, ErrorInfo, Gate, Options, Report, unrelated_line_count

if TYPE_CHECKING:  # the pool is imported when one is started, not for `--help`
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = [
    "DASK_INSTALL_HINT",
    "TEXT_SUFFIXES",
    "JsonLinesOutput",
    "Summary",
    "Task",
    "Walk",
    "discover",
    "file_sha256",
    "load_recorded",
    "run_chunk",
    "scan",
    "scan_reports",
    "sniff_text",
    "write_atomic",
]

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".rst", ".text"})
# How much of a suffix-less file is read to decide whether it is text.
SNIFF_BYTES = 4096
# Text per chunk of work: large enough for efficient nlp.pipe batches, small enough that a
# worker's peak memory stays near the pipeline's own (the measurement: ~50k-char batches
# keep spaCy at ~330 MiB).
CHUNK_CHARS = 200_000
MAX_CHUNK_FILES = 64
# Chunks in flight per worker: enough to keep every worker busy while results are written in order.
WINDOW_PER_WORKER = 3
# With --timeout, a worker stuck where the in-worker timer cannot interrupt it (inside C code) is
# killed this long after the timer should have fired. It also covers a fresh worker's start-up
# (spawning and loading the pipeline take 1-3 s on the 2-core development machine, more when busy).
HARD_TIMEOUT_GRACE = 60.0
# How often a worker checks that its parent is still alive: an orphan lingers at most this long.
ORPHAN_CHECK_SECONDS = 1.0
# A dead worker is reaped within milliseconds; waiting longer only delays the error record. It
# bounds both waiting for the death and waiting for its status to be stored (see _death_reason).
DEATH_REAP_SECONDS = 2.0
# While waiting for a result, how often the pool's workers are checked for one that died unnoticed
# (see _result): a check is one waitpid per worker, and a second's delay is nothing next to a death.
LIVENESS_CHECK_SECONDS = 1.0
# How often that status is looked at meanwhile: short next to a reap, long next to a syscall.
DEATH_POLL_SECONDS = 0.01
# Stopping a pool on an interrupt: how long to wait for the result queue's write lock (a worker
# holds it for one pipe write of one result, milliseconds even for a 200k-character chunk on the
# loaded 2-core machine) and for the killed workers and the pool's thread to finish (each takes
# milliseconds; the bound only matters when something is stuck, and it keeps Ctrl-C prompt).
STOP_LOCK_SECONDS = 5.0
STOP_JOIN_SECONDS = 5.0
# Filler that may be needed to complete one cut result message: a chunk's reports are a few MB at
# most (CHUNK_CHARS of text plus the analysis), so 256 MiB is far above any real message.
UNSTICK_MAX_BYTES = 256 << 20
# An unreachable --dask scheduler is reported after this many seconds instead of distributed's
# default 30 s connect timeout; a scheduler on a reachable network answers in well under a second.
DASK_CONNECT_SECONDS = 5.0
DASK_INSTALL_HINT = (
    "install docscan with its dask extra from this project's source or wheel, on the client and on "
    "every worker (pip install '/path/to/docscan[dask]' or pip install 'docscan_analyzer-*.whl[dask]'); "
    "do not `pip install docscan` from PyPI: that name belongs to an unrelated project"
)


# --- discovery -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Walk:
    """How folders are walked. Patterns are gitignore-style, relative to the folder given:
    `*.md` and `**/*.md` match at every depth, `drafts/` or `node_modules` prune a folder."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    hidden: bool = False
    follow_symlinks: bool = False
    gitignore: bool = False


def sniff_text(path: Path) -> bool:
    """A file without a known suffix is scanned when its first bytes decode as UTF-8 text."""
    from .loading import read_head

    head = read_head(path, SNIFF_BYTES)  # None for a FIFO or a device: opening one could block
    if not head or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 4  # a multi-byte character cut at the sniff boundary
    return True


def discover(
    paths: Sequence[str],
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    include_hidden: bool = False,
    follow_symlinks: bool = False,
    gitignore: bool = False,
    seen: set[str] | None = None,
) -> Iterator[str]:
    """Files to scan, in the order given, folders expanded recursively in sorted order.

    A path given explicitly is always yielded (a missing one becomes a per-file error later);
    the patterns filter files found inside folders. `seen` collects the real paths yielded (the
    caller uses it to refuse an output file that is also an input)."""
    walk = Walk(tuple(include), tuple(exclude), include_hidden, follow_symlinks, gitignore)
    seen = set() if seen is None else seen
    for raw in paths:
        if raw == "-":
            if "-" not in seen:  # standard input can be read only once
                seen.add("-")
                yield raw
            continue
        p = Path(raw)
        found: Iterable[Path] = _walk(p, walk) if p.is_dir() else (p,)
        for f in found:
            key = os.path.realpath(f)
            if key not in seen:
                seen.add(key)
                yield str(f) if f is not p else raw


_Specs = tuple[tuple[str, Any], ...]  # (folder relative to the root, with "/"; its .gitignore spec)


def _walk(root: Path, walk: Walk) -> Iterator[Path]:
    """Depth-first, files of a folder before its subfolders, both sorted (os.walk's order);
    excluded, ignored and hidden folders are pruned before they are listed."""
    from pathspec import GitIgnoreSpec

    include = GitIgnoreSpec.from_lines(walk.include) if walk.include else None
    exclude = GitIgnoreSpec.from_lines(walk.exclude) if walk.exclude else None
    known = TEXT_SUFFIXES | suffixes()  # plain text and every registered format (HTML, DOCX, PDF)
    visited: set[str] = set()
    stack: list[tuple[Path, str, _Specs]] = [(root, "", ())]
    while stack:
        folder, rel, specs = stack.pop()
        if walk.follow_symlinks:
            real = os.path.realpath(folder)
            if real in visited:  # a symlink loop
                continue
            visited.add(real)
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        if walk.gitignore:
            specs = _with_gitignore(folder, rel, specs)
        subfolders: list[tuple[Path, str, _Specs]] = []
        for entry in entries:
            name = entry.name
            if not walk.hidden and name.startswith("."):
                continue
            if entry.is_symlink() and not walk.follow_symlinks:
                continue
            path_rel = rel + name
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()  # regular files only: no FIFO, socket, device
            except OSError:
                continue
            if is_dir:
                if not _excluded(path_rel + "/", exclude, specs):
                    subfolders.append((Path(entry.path), path_rel + "/", specs))
                continue
            if not is_file or _excluded(path_rel, exclude, specs):
                continue
            f = Path(entry.path)
            if include is not None:
                if include.match_file(path_rel):
                    yield f
            elif f.suffix.lower() in known or (not f.suffix and sniff_text(f)):
                yield f
        stack.extend(reversed(subfolders))


def _with_gitignore(folder: Path, rel: str, specs: _Specs) -> _Specs:
    from pathspec import GitIgnoreSpec

    try:
        lines = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return specs
    return (*specs, (rel, GitIgnoreSpec.from_lines(lines)))


def _excluded(path_rel: str, exclude: Any, specs: _Specs) -> bool:
    if exclude is not None and exclude.match_file(path_rel):
        return True
    for base, spec in reversed(specs):  # the deepest .gitignore that has a say decides, as in git
        verdict = spec.check_file(path_rel[len(base) :]).include
        if verdict is not None:
            return bool(verdict)
    return False


# --- one chunk of work (what a worker runs) ---------------------------------------------------

Task = tuple[str, bytes | None]
"""One document to analyze: its path, and its bytes when the caller already read them."""

Item = Task | Report
"""A task, or a document that already failed before it reached a worker (passes through)."""


class _Timeout(BaseException):
    """Raised by the in-worker timer; a BaseException so no `except Exception` in an analysis
    swallows it."""


@contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Interrupt the body after `seconds` with `_Timeout` (a SIGALRM timer). Only the main thread
    can take signals: elsewhere (Dask's worker threads) the body runs unlimited."""
    if (
        not seconds
        or threading.current_thread() is not threading.main_thread()
        or not hasattr(signal, "setitimer")
    ):
        yield
        return

    def fire(signum: int, frame: object) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _path_of(item: Item) -> str:
    return item.path if isinstance(item, Report) else item[0]


def _load(item: Item) -> Document | Report:
    from .loading import decode_bytes, load_path
    from .pipeline import failure

    if isinstance(item, Report):
        return item
    path, data = item
    try:
        if data is not None:
            return decode_bytes(data, path=path, suffix=Path(path).suffix if path != "-" else "")
        return load_path(path)
    except InputError as exc:
        return failure(path, exc)


def run_chunk(
    tasks: Sequence[Item], options: Options, *, timeout: float | None = None, contain: bool = True
) -> list[Report]:
    """Analyze one chunk of documents in order; every document gets a Report, never an exception.

    This is the function workers (local processes or Dask) run. The whole chunk goes through one
    `nlp.pipe`; when anything goes wrong in it, its documents are analyzed again one by one so
    only the document at fault becomes an error record. `contain=False` (for `--traceback`)
    lets a bug's exception propagate instead. A missing model always propagates: it is not one
    document's fault."""
    from .pipeline import analyze_many

    try:
        with _deadline(timeout * len(tasks) if timeout else None):
            return list(analyze_many([_load(t) for t in tasks], options))
    except ModelUnavailableError:
        raise
    except _Timeout:
        pass
    except Exception:
        if not contain:
            raise
    return [_run_one(t, options, timeout, contain) for t in tasks]


def _run_one(item: Item, options: Options, timeout: float | None, contain: bool) -> Report:
    from .pipeline import analyze_many

    path = _path_of(item)
    loaded: Document | Report | None = None
    try:
        with _deadline(timeout):
            loaded = _load(item)
            return next(iter(analyze_many([loaded], options)))
    except ModelUnavailableError:
        raise
    except _Timeout:
        return _failed(
            path,
            loaded,
            DocumentTimeoutError(
                f"analysis took longer than {timeout:g} s (--timeout)",
                hint="raise --timeout, or leave this file out with --exclude",
            ),
        )
    except Exception as exc:
        if not contain:
            raise
        return _failed(path, loaded, internal_error(path, exc))


def internal_error(path: str, exc: BaseException) -> InternalDocumentError:
    """The error record of a bug met on one document: what was raised, and how to see it."""
    rerun = "docscan scan - --traceback < FILE" if path == "-" else f"docscan scan {shlex.quote(path)} --traceback"
    return InternalDocumentError(
        f"internal error: {type(exc).__name__}: {exc}",
        hint=f"a bug in docscan: rerun this file alone with --traceback ({rerun}) and report the output",
    )


def _failed(path: str, loaded: Document | Report | None, exc: DocscanError) -> Report:
    """A failure record; it keeps the document facts (sha256) when loading got that far, so
    `resume` can tell whether the file changed since."""
    doc = loaded if isinstance(loaded, Document) else None
    return Report(path=path, document=doc, error=ErrorInfo(exc.kind, exc.message, exc.hint))


@dataclass(frozen=True, slots=True)
class _Setup:
    options: Options
    timeout: float | None
    contain: bool


_setup: _Setup | None = None
_setup_error: DocscanError | None = None


def _init_worker(setup: _Setup) -> None:
    """Pool initializer: load the pipeline and the syllable table once per worker process.

    Ctrl-C is the parent's to handle (it stops the pool), so workers ignore SIGINT. A failure to
    load the model is kept and raised with the first task, so it reaches the parent as itself
    instead of as a broken pool."""
    global _setup, _setup_error
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    _setup = setup
    try:
        from . import nlp
        from .readability import textstat_module

        nlp.get_pipeline(setup.options.model)
        textstat_module()
    except DocscanError as exc:
        _setup_error = exc


def _exit_with_parent(parent: int) -> None:
    """A worker whose parent was killed (SIGKILL gives it no chance to stop its pool) would wait
    for work forever; it leaves as soon as it is orphaned instead."""
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_SECONDS)
    os._exit(1)


def _run_in_worker(tasks: list[Item]) -> list[Report]:
    if _setup_error is not None:
        raise _setup_error
    assert _setup is not None
    return run_chunk(tasks, _setup.options, timeout=_setup.timeout, contain=_setup.contain)


def _ready() -> bool:
    """A no-op task: waiting for it waits for a fresh worker's start-up."""
    if _setup_error is not None:
        raise _setup_error
    return True


# --- running ----------------------------------------------------------------------------------


def _chunks(tasks: Iterable[Task]) -> Iterator[list[Task]]:
    chunk: list[Task] = []
    size = 0
    for task in tasks:
        path, data = task
        n = len(data) if data is not None else _size(path)
        if chunk and (size + n > CHUNK_CHARS or len(chunk) >= MAX_CHUNK_FILES):
            yield chunk
            chunk, size = [], 0
        chunk.append(task)
        size += n
    if chunk:
        yield chunk


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


class _Runner(Protocol):
    def run(self, chunks: Iterator[list[Task]]) -> Iterator[Report]: ...

    def close(self) -> None: ...


class _InProcess:
    """`workers=1`: no pool, no pickling; containment still applies."""

    def __init__(self, options: Options, contain: bool) -> None:
        self._options, self._contain = options, contain

    def run(self, chunks: Iterator[list[Task]]) -> Iterator[Report]:
        for chunk in chunks:
            yield from run_chunk(chunk, self._options, contain=self._contain)

    def close(self) -> None:
        pass


@dataclass
class _Slot:
    chunk: list[Task]
    future: Future[list[Report]] | None  # None: retry its documents alone
    pool: ProcessPoolExecutor | None = None


class _LocalPool:
    """Worker processes with dead-worker detection and ordered results.

    A chunk whose worker died (or ran past the hard deadline and was killed) is not trusted as a
    whole: its documents are retried once each, alone, in a separate one-process pool, so the
    document at fault is found and the others are analyzed. A document that kills that worker too
    is recorded as failed with the reason."""

    def __init__(self, setup: _Setup, workers: int) -> None:
        # spawn, not fork: the parent may run a progress-bar thread, and forking a threaded process
        # can copy a held lock into the child.
        self._ctx = multiprocessing.get_context("spawn")
        self._setup = setup
        self._workers = workers
        self._main: ProcessPoolExecutor | None = None
        self._alone: ProcessPoolExecutor | None = None
        self._alone_procs: list[Any] = []

    def _new_pool(self, workers: int) -> ProcessPoolExecutor:
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(workers, mp_context=self._ctx, initializer=_init_worker, initargs=(self._setup,))

    def run(self, chunks: Iterator[list[Task]]) -> Iterator[Report]:
        window: deque[_Slot] = deque()
        limit = self._workers * WINDOW_PER_WORKER
        for chunk in chunks:
            window.append(self._submit(chunk))
            while len(window) >= limit:
                yield from self._take(window.popleft())
        while window:
            yield from self._take(window.popleft())

    def _submit(self, chunk: list[Task]) -> _Slot:
        from concurrent.futures.process import BrokenProcessPool

        for _ in range(2):
            if self._main is None:
                self._main = self._new_pool(self._workers)
            try:
                return _Slot(chunk, self._main.submit(_run_in_worker, list[Item](chunk)), self._main)
            except BrokenProcessPool:
                self._drop_main(kill=True)
        return _Slot(chunk, None)

    def _take(self, slot: _Slot) -> list[Report]:
        from concurrent.futures import CancelledError
        from concurrent.futures import TimeoutError as FutureTimeout  # not the builtin before 3.11
        from concurrent.futures.process import BrokenProcessPool

        if slot.future is not None:
            timeout = self._setup.timeout
            try:
                limit = timeout * len(slot.chunk) + HARD_TIMEOUT_GRACE if timeout else None
                return _result(slot.future, slot.pool, limit)
            except (BrokenProcessPool, CancelledError):  # its pool died, or was stopped for a runaway
                if slot.pool is self._main:
                    self._drop_main(kill=True)
            except FutureTimeout:
                if slot.pool is self._main:
                    self._drop_main(kill=True)
            except DocscanError:
                raise
            except Exception:  # the chunk's result could not come back (e.g. not picklable)
                if not self._setup.contain:
                    raise
        return [self._alone_run(task) for task in slot.chunk]

    def _drop_main(self, *, kill: bool = False) -> None:
        if self._main is not None:
            _stop(self._main, kill=kill)
            self._main = None

    def _alone_pool(self) -> ProcessPoolExecutor:
        if self._alone is None:
            self._alone = pool = self._new_pool(1)  # kept first, so an interrupt meanwhile stops it
            pool.submit(_ready).result()  # start-up is not the document's time
            self._alone_procs = list(getattr(pool, "_processes", {}).values())
        return self._alone

    def _alone_run(self, task: Task) -> Report:
        from concurrent.futures import TimeoutError as FutureTimeout  # not the builtin before 3.11
        from concurrent.futures.process import BrokenProcessPool

        path = task[0]
        pool = self._alone_pool()
        timeout = self._setup.timeout
        try:
            future = pool.submit(_run_in_worker, [task])
            (report,) = _result(future, pool, timeout + HARD_TIMEOUT_GRACE if timeout else None)
            return report
        except BrokenProcessPool:
            reason = _death_reason(self._alone_procs)
            self._drop_alone(kill=True)
            return _failed(
                path,
                None,
                WorkerLostError(
                    f"the worker process died twice while analyzing this document ({reason})",
                    hint="if it ran out of memory, scan this file alone or with fewer --workers; "
                    "otherwise rerun it alone with --traceback and report it",
                ),
            )
        except FutureTimeout:
            self._drop_alone(kill=True)
            return _failed(
                path,
                None,
                DocumentTimeoutError(
                    f"analysis took longer than {timeout:g} s (--timeout); the worker was stopped",
                    hint="raise --timeout, or leave this file out with --exclude",
                ),
            )
        except DocscanError:
            raise
        except Exception as exc:
            if not self._setup.contain:
                raise
            return _failed(path, None, internal_error(path, exc))

    def _drop_alone(self, *, kill: bool = False) -> None:
        if self._alone is not None:
            _stop(self._alone, kill=kill)
            self._alone = None

    def close(self) -> None:
        for pool in (self._main, self._alone):
            if pool is not None:
                pool.shutdown(wait=True)
        self._main = self._alone = None

    def abort(self) -> None:
        """Stop every worker now (interrupt, error): no waiting for chunks in flight."""
        with _signals_deferred():
            for pool in (self._main, self._alone):
                if pool is not None:
                    _stop(pool, kill=True)
            self._main = self._alone = None


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """A second Ctrl-C or SIGTERM while the workers are being stopped takes effect once they are:
    raised in the middle of the stop, it would leave workers running and the pool's thread
    waiting, so the process could not exit. The stop is bounded, so the delay is too."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def defer(signum: int, frame: object) -> None:
        caught.append(signum)

    previous = {sig: signal.signal(sig, defer) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        if caught:
            signal.raise_signal(caught[0])


def _result(future: Future[list[Report]], pool: ProcessPoolExecutor | None, timeout: float | None) -> list[Report]:
    """`future.result(timeout)`, except that a pool whose thread missed a worker's death raises
    BrokenProcessPool instead of waiting forever.

    The pool's thread notices a dead worker within milliseconds, unless the worker died while
    writing a result (killed from outside, e.g. by the out-of-memory killer): then the thread
    waits for the rest of that message and never looks again. A worker exits only when the pool
    shuts down, so one that is dead while its pool still owes a result means the pool is broken."""
    from concurrent.futures import TimeoutError as FutureTimeout  # not the builtin before 3.11
    from concurrent.futures.process import BrokenProcessPool

    deadline = None if timeout is None else time.monotonic() + timeout
    dead_since: float | None = None
    while True:
        now = time.monotonic()
        step = LIVENESS_CHECK_SECONDS if deadline is None else max(0.0, min(LIVENESS_CHECK_SECONDS, deadline - now))
        try:
            return future.result(timeout=step)
        except FutureTimeout:
            if deadline is not None and time.monotonic() >= deadline:
                raise
        procs = list((getattr(pool, "_processes", None) or {}).values())
        if not any(p.exitcode is not None for p in procs):
            dead_since = None
        elif dead_since is None:
            dead_since = time.monotonic()
        elif time.monotonic() - dead_since >= DEATH_REAP_SECONDS:
            raise BrokenProcessPool("a worker died and its pool did not notice (it was writing a result)")


def _stop(pool: ProcessPoolExecutor, *, kill: bool) -> None:
    """Shut a pool down; with `kill` (an interrupt, a runaway document that never returns, a broken
    pool), stop its workers now and never wait without a bound.

    Killing a worker while it writes a result leaves half a message in the result pipe, and the
    pool's manager thread then waits forever for the rest (seen as a SIGTERM that never ended the
    run, CPython 3.11): `shutdown(wait=True)` and the interpreter's exit both join that thread. So
    the workers are killed while the parent holds the result queue's write lock (no worker is
    mid-write then), the manager thread is joined with a bound, and if it still waits (a worker
    died mid-write on its own), the missing bytes are supplied so it sees a broken message."""
    if not kill:
        pool.shutdown(wait=True, cancel_futures=True)
        return
    manager: threading.Thread | None = getattr(pool, "_executor_manager_thread", None)
    results = getattr(pool, "_result_queue", None)
    workers = _workers_of(pool)
    wlock: Any = getattr(results, "_wlock", None)
    held = wlock is not None and bool(wlock.acquire(timeout=STOP_LOCK_SECONDS))
    try:
        for proc in workers:
            proc.kill()
        _wait_dead(workers, STOP_JOIN_SECONDS)
    finally:
        if held:
            wlock.release()
    pool.shutdown(wait=False, cancel_futures=True)
    if manager is None:
        return
    manager.join(STOP_JOIN_SECONDS)
    if not manager.is_alive():
        return
    # Still waiting, for the rest of a cut result. (The call queue is left alone: the pool's
    # thread closes its reader when it sees the deaths, CPython gh-94777; closing it here too would
    # race that thread for the same descriptor.)
    if results is not None:
        _unstick(manager, results)


def _workers_of(pool: ProcessPoolExecutor) -> list[Any]:
    """The pool's worker processes, including one whose start an interrupt cut short before the
    pool recorded it (multiprocessing joins every child at exit: a live one would hang it)."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    calls = getattr(pool, "_call_queue", None)
    if calls is not None:
        for child in multiprocessing.active_children():
            args = getattr(child, "_args", ())
            if child not in procs and args and args[0] is calls:
                procs.append(child)
    return procs


def _wait_dead(procs: Sequence[Any], seconds: float) -> None:
    """Wait (bounded) until the processes have died. Their sentinels say so without reaping them,
    which the pool's own thread does (two threads reaping one child race for its exit status)."""
    from multiprocessing.connection import wait

    pending = [p.sentinel for p in procs if p.pid is not None]
    deadline = time.monotonic() + seconds
    while pending and time.monotonic() < deadline:
        ready = wait(pending, deadline - time.monotonic())
        pending = [s for s in pending if s not in ready]


def _unstick(manager: threading.Thread, results: Any) -> None:
    """Feed filler bytes to a manager thread stuck reading a result cut by a worker's death, until
    it has read a (now corrupt) whole message and shut the pool down as broken. Bounded in bytes
    and time; the filler is never read by anyone else (the pool is gone)."""
    writer = getattr(results, "_writer", None)
    if writer is None or writer.closed:
        return
    fd = writer.fileno()
    os.set_blocking(fd, False)
    filler = bytes(1 << 16)
    sent = 0
    deadline = time.monotonic() + STOP_JOIN_SECONDS
    while manager.is_alive() and sent < UNSTICK_MAX_BYTES and time.monotonic() < deadline:
        try:
            sent += os.write(fd, filler)
        except BlockingIOError:
            manager.join(0.01)
        except OSError:
            return
    manager.join(max(0.0, deadline - time.monotonic()))


def _death_reason(procs: Sequence[Any]) -> str:
    """Why the pool's worker died, from its exit status.

    The pool's manager thread reaps the dead worker at about the time the pool reports the death,
    and two threads waiting on one child race: the loser's waitpid fails (ECHILD) and it sees no
    status until the winner has stored it on the shared process object. So the status is polled
    (never blocking) until it is known, within a bound."""
    _wait_dead(procs, DEATH_REAP_SECONDS)
    deadline = time.monotonic() + DEATH_REAP_SECONDS
    codes: list[int] = []
    while True:
        codes = [p.exitcode for p in procs if p.exitcode is not None]
        if codes or time.monotonic() >= deadline:
            break
        time.sleep(DEATH_POLL_SECONDS)
    if not codes:
        return "it exited without a word"
    code = codes[0]
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        if name == "SIGKILL":
            return "killed by SIGKILL, as the kernel's out-of-memory killer does"
        return f"killed by {name}"
    return f"it exited with status {code}"


class _Dask:
    """The same per-chunk function on a Dask cluster. The client reads every file and sends its
    bytes, so workers need no shared filesystem; a file the client cannot read becomes its error
    record on the client, and a worker never reads a file itself."""

    def __init__(self, address: str, setup: _Setup) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise ClusterUnavailableError("--dask needs the distributed package", hint=DASK_INSTALL_HINT) from exc
        self._setup = setup
        try:
            self._client = Client(address, set_as_default=False, timeout=DASK_CONNECT_SECONDS)  # type: ignore[no-untyped-call]
        except Exception as exc:  # distributed raises OSError, TimeoutError or ValueError here
            raise ClusterUnavailableError(
                f"cannot reach the Dask scheduler at {address} ({type(exc).__name__}: {exc})",
                hint="check the address (tcp://HOST:8786) and that `dask scheduler` runs there, or run without --dask",
            ) from exc

    def _submit(self, items: list[Item]) -> Any:
        s = self._setup
        return self._client.submit(run_chunk, items, s.options, timeout=s.timeout, contain=s.contain, pure=False)

    def run(self, chunks: Iterator[list[Task]]) -> Iterator[Report]:
        workers = len(self._client.scheduler_info().get("workers", {}))
        limit = max(2, WINDOW_PER_WORKER * max(1, workers))
        window: deque[tuple[list[Item], Any]] = deque()
        for chunk in chunks:
            items = [_read_on_client(t) for t in chunk]
            window.append((items, self._submit(items)))
            while len(window) >= limit:
                yield from self._take(*window.popleft())
        while window:
            yield from self._take(*window.popleft())

    def _take(self, items: list[Item], future: Any) -> list[Report]:
        try:
            return list(future.result())
        except DocscanError:
            raise
        except Exception:
            if not self._setup.contain:
                raise
        out = []
        for item in items:  # a worker died on this chunk (Dask gave up on it): one by one
            try:
                out.extend(self._submit([item]).result())
            except DocscanError:
                raise
            except Exception as exc:
                lost = type(exc).__name__ == "KilledWorker"
                error: DocscanError = (
                    WorkerLostError(
                        f"Dask workers died while analyzing this document ({exc})",
                        hint="if they ran out of memory, give workers more memory or scan this file alone",
                    )
                    if lost
                    else internal_error(_path_of(item), exc)
                )
                out.append(_failed(_path_of(item), None, error))
        return out

    def close(self) -> None:
        self._client.close()  # type: ignore[no-untyped-call]


def _read_on_client(task: Task) -> Item:
    """Bytes for a worker elsewhere, or the failure record the local loader would give."""
    path, data = task
    if data is not None:
        return task
    try:
        if stat.S_ISREG(os.stat(path).st_mode):
            return (path, Path(path).read_bytes())
    except OSError:
        pass
    loaded = _load(task) if not _is_special(path) else None
    if isinstance(loaded, Report):
        return loaded
    return _failed(
        path,
        None,
        UnreadableFileError("not a regular file, or it cannot be read", hint="docscan reads regular files only"),
    )


def _is_special(path: str) -> bool:
    """A FIFO, socket or device: opening it could block, so the loader is not even asked."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def scan_reports(
    tasks: Iterable[Task],
    options: Options,
    *,
    workers: int = 1,
    dask_address: str | None = None,
    timeout: float | None = None,
    contain: bool = True,
) -> Iterator[Report]:
    """Reports in input order, streamed as they are ready (the lower-level call under `scan`)."""
    runner = _runner(options, workers=workers, dask=dask_address, timeout=timeout, contain=contain)
    yield from _run(runner, tasks)


def _runner(options: Options, *, workers: int, dask: str | None, timeout: float | None, contain: bool) -> _Runner:
    setup = _Setup(options, timeout, contain)
    if dask:
        return _Dask(dask, setup)
    if workers <= 1 and timeout is None:
        return _InProcess(options, contain)
    return _LocalPool(setup, max(1, workers))


def _run(runner: _Runner, tasks: Iterable[Task]) -> Generator[Report, None, None]:
    finished = False
    try:
        yield from runner.run(_chunks(tasks))
        finished = True
    finally:
        if not finished and isinstance(runner, _LocalPool):
            runner.abort()
        runner.close()


# --- output --------------------------------------------------------------------------------

_FULL = {errno.ENOSPC: "no space left on device", errno.EFBIG: "file too large (file size limit reached)"}
if hasattr(errno, "EDQUOT"):
    _FULL[errno.EDQUOT] = "disk quota exceeded"


def output_error(path: str | os.PathLike[str], exc: OSError) -> OutputError:
    """An OS failure while writing results, as the environment error it is."""
    reason = _FULL.get(exc.errno or 0) or exc.strerror or str(exc)
    if exc.errno in _FULL and os.fspath(path) == "standard output":
        hint = "free some space or write elsewhere; with --output FILE an interrupted run can be finished with --resume"
    elif exc.errno in _FULL:
        hint = "free some space (or write elsewhere), then rerun with --resume: every line written so far is complete"
    else:
        hint = "check that the folder exists and is writable"
    return OutputError(f"cannot write {os.fspath(path)}: {reason}", hint=hint)


class JsonLinesOutput:
    """Appends one complete line per record, or nothing: a line cut by a full disk (or a signal)
    is truncated away before the error propagates, so the file always ends with whole records."""

    def __init__(self, path: Path, *, append: bool) -> None:
        self.path = path
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (0 if append else os.O_TRUNC)
        try:
            self._fd: int | None = os.open(path, flags, 0o666)
        except OSError as exc:
            raise output_error(path, exc) from exc
        self._end = os.lseek(self._fd, 0, os.SEEK_END)

    def write(self, line: str) -> None:
        assert self._fd is not None
        data = line.encode("utf-8")
        view = memoryview(data)
        written = 0
        try:
            while written < len(data):
                written += os.write(self._fd, view[written:])
        except BaseException as exc:
            if written:
                os.ftruncate(self._fd, self._end)
            if isinstance(exc, OSError):
                raise output_error(self.path, exc) from exc
            raise
        self._end += written

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def write_atomic(path: Path, text: str) -> None:
    """Write a whole file or leave the old one (and no `.tmp`) behind."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise output_error(path, exc) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def check_writable(path: Path, what: str) -> None:
    """Fail before the batch runs when a result file could not be written at its end."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(f"cannot write {what} {path}: it is a directory", hint="name a file")
    if not folder.is_dir():
        raise OutputError(
            f"cannot write {what} {path}: folder {folder} does not exist",
            hint="create the folder first or write elsewhere",
        )
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise OutputError(f"cannot write {what} {path}: permission denied", hint="write somewhere you may write")


# --- resume --------------------------------------------------------------------------------


def load_recorded(
    output: Path, current: Callable[[str], str | None] | None = None, *, retry_failed: bool = False
) -> set[str]:
    """Paths already recorded in an earlier run's output, whose content is unchanged.

    `current(path)` gives the sha256 of a file's content now (None when it cannot be read). The
    output is rewritten atomically keeping only complete records: a line cut by a kill is dropped,
    records of changed files are dropped (scanned again), and failed records are kept (a document
    that always fails must not make every resume loop on it) unless `retry_failed`. After the
    resumed run every document appears exactly once."""
    if not output.exists():
        return set()
    kept: list[str] = []
    done: set[str] = set()
    with output.open("r", encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if not line.endswith("\n"):
                break  # the run was killed mid-line
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if not isinstance(record, dict):
                continue
            path = record.get("path")
            if not isinstance(path, str) or path in done or path == "-":
                continue
            doc = record.get("document")
            sha = doc.get("sha256") if isinstance(doc, dict) else None
            if record.get("ok") is not True:
                if retry_failed:
                    continue
            elif not sha:
                continue
            if sha and current is not None and current(path) != sha:
                continue
            done.add(path)
            kept.append(line)
    write_atomic(output, "".join(kept))
    return done


def file_sha256(path: str) -> str | None:
    import hashlib

    if path == "-":
        return None
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()
    except OSError:
        return None


# --- summary -------------------------------------------------------------------------------

TOP_ENTITIES = 10
TOP_SET_ASIDE = 5


@dataclass
class Summary:
    """Outcomes and corpus-level aggregates of a run; owns the exit status."""

    ok: int = 0
    failed: int = 0
    skipped: int = 0
    words: int = 0
    started: float = field(default_factory=time.perf_counter)
    finished: float | None = None
    failures: list[str] = field(default_factory=list)
    entity_docs: dict[str, Counter[str]] = field(default_factory=dict)
    entity_mentions: dict[str, Counter[str]] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)
    reading_ease: list[float] = field(default_factory=list)
    grades: list[float] = field(default_factory=list)
    set_aside: list[tuple[int, str]] = field(default_factory=list)
    error_types: Counter[str] = field(default_factory=Counter)
    single: bool = False  # one file named: its own failure decides the exit status
    gates_broken: list[str] = field(default_factory=list)  # documents that broke a --fail-if gate

    def add(self, report: Report) -> None:
        if report.gates:
            self.gates_broken.append(report.path)
        if not report.ok:
            self.failed += 1
            self.failures.append(report.path)
            self.error_types[report.error.type if report.error else "unknown"] += 1
            return
        self.ok += 1
        self.words += report.stats.words if report.stats else 0
        for group, items in report.entities.groups():
            docs = self.entity_docs.setdefault(group.value, Counter())
            mentions = self.entity_mentions.setdefault(group.value, Counter())
            for e in items:
                docs[e.name] += 1
                mentions[e.name] += e.count
                if e.code:
                    self.codes[e.name] = e.code
        r = report.readability
        if r is not None and r.flesch_reading_ease is not None:
            self.reading_ease.append(r.flesch_reading_ease)
        if r is not None and r.flesch_kincaid_grade is not None:
            self.grades.append(r.flesch_kincaid_grade)
        aside = unrelated_line_count(report.segments)
        if aside:
            heapq.heappush(self.set_aside, (aside, report.path))
            if len(self.set_aside) > TOP_SET_ASIDE:
                heapq.heappop(self.set_aside)

    def skip(self, path: str) -> None:
        self.skipped += 1

    def finish(self) -> None:
        self.finished = time.perf_counter()

    @property
    def seconds(self) -> float:
        return (self.finished or time.perf_counter()) - self.started

    def exit_status(self, *, single: bool | None = None) -> ExitStatus:
        if not self.failed:
            # Gates decide only when every document was analyzed: an input error is bigger news.
            return ExitStatus.GATE_FAILED if self.gates_broken else ExitStatus.OK
        if not (self.single if single is None else single):
            return ExitStatus.SOME_FAILED
        (kind,) = self.error_types or Counter({"": 1})
        return FAILURE_STATUS.get(kind, ExitStatus.INPUT_ERROR)

    def top(self, group: str, n: int = TOP_ENTITIES) -> list[tuple[str, int, int]]:
        """(name, documents, mentions), most documents first."""
        docs = self.entity_docs.get(group, Counter())
        mentions = self.entity_mentions.get(group, Counter())
        ranked = sorted(docs, key=lambda k: (-docs[k], -mentions[k], k))[:n]
        return [(k, docs[k], mentions[k]) for k in ranked]

    def quantiles(self, values: list[float]) -> dict[str, float] | None:
        if not values:
            return None
        s = sorted(values)

        def q(p: float) -> float:
            return round(s[min(len(s) - 1, int(p * (len(s) - 1) + 0.5))], 2)

        return {"min": s[0], "p25": q(0.25), "median": q(0.5), "p75": q(0.75), "max": s[-1]}

    def most_set_aside(self) -> list[tuple[str, int]]:
        return [(p, n) for n, p in sorted(self.set_aside, reverse=True)]


# --- the library call ------------------------------------------------------------------------


def scan(
    paths: Sequence[str],
    options: Options | None = None,
    *,
    walk: Walk = Walk(),  # frozen, so one shared default is safe
    workers: int = 1,
    dask: str | None = None,
    timeout: float | None = None,
    contain: bool = True,
    output: str | os.PathLike[str] | None = None,
    resume: bool = False,
    retry_failed: bool = False,
    summary: str | os.PathLike[str] | None = None,
    explain: bool = False,
    gates: Sequence[Gate] = (),
    on_start: Callable[[int], None] | None = None,
    on_report: Callable[[Report], Report | None] | None = None,
    read_stdin: Callable[[], bytes] | None = None,
) -> Summary:
    """Scan files and folders as a resumable batch; returns the Summary (`.exit_status()`).

    Each report is appended to `output` (JSON Lines, one complete line per document) when given,
    then passed to `on_report` (for printing or progress), in input order; `on_report` may return
    a replacement record (the error record of a document it could not render) to be counted. `resume` keeps the
    records already in `output` and scans only the rest; `retry_failed` also scans again the
    documents recorded as failed. `gates` (`--fail-if`) are checked on every report, which
    carries the ones it broke (`Report.gates`; the exit status says when any was broken).
    `summary` is written as JSON at the end. `on_start(n)` is called
    with the number of documents found. Everything that would stop the batch at its end (an
    unwritable summary, an output that is also an input, an unreachable cluster) is checked before
    any document is analyzed or any output truncated."""
    options = options or Options()
    out_path = Path(output) if output is not None else None
    summary_path = Path(summary) if summary is not None else None
    if (resume or retry_failed) and out_path is None:
        flag = "--retry-failed" if retry_failed else "--resume"
        raise UsageError(f"{flag} needs --output FILE", hint="name the JSON Lines file of the earlier run")
    if out_path is not None:
        check_writable(out_path, "the output")
    if summary_path is not None:
        check_writable(summary_path, "the summary")
    seen: set[str] = set()
    files = list(
        discover(
            paths,
            include=walk.include,
            exclude=walk.exclude,
            include_hidden=walk.hidden,
            follow_symlinks=walk.follow_symlinks,
            gitignore=walk.gitignore,
            seen=seen,
        )
    )
    if not files:
        raise UsageError(
            "no text files found in the given folders",
            hint="docscan reads .txt, .md, .rst, .text, .html, .htm, .xhtml, .docx, .pdf and suffix-less text files;"
            " see --include",
        )
    for target, what in ((out_path, "output"), (summary_path, "summary")):
        if target is not None and os.path.realpath(target) in seen:
            raise UsageError(
                f"the {what} file {target} is also an input; refusing to overwrite it",
                hint=f"write the {what} elsewhere, or leave it out with --exclude",
            )
    if out_path is not None and summary_path is not None and os.path.samefile(out_path.parent, summary_path.parent) \
            and out_path.name == summary_path.name:
        raise UsageError("--output and --summary name the same file", hint="give the summary its own file")
    tally = Summary(single=len(files) == 1 and not any(os.path.isdir(p) for p in paths))
    if on_start is not None:
        on_start(len(files))
    runner = _runner(
        options, workers=min(workers, len(files)), dask=dask, timeout=timeout, contain=contain
    )  # connects to a cluster now, before any output is touched
    try:
        done: set[str] = set()
        if resume or retry_failed:
            assert out_path is not None
            done = load_recorded(out_path, file_sha256, retry_failed=retry_failed)
        sink = JsonLinesOutput(out_path, append=resume or retry_failed) if out_path is not None else None
    except BaseException:
        runner.close()
        raise
    stdin = read_stdin or _read_stdin

    def tasks() -> Iterator[Task]:
        for f in files:
            if f in done:
                tally.skip(f)
            else:
                yield (f, stdin() if f == "-" else None)

    reports = _run(runner, tasks())
    try:
        for report in reports:
            if gates:
                report = replace(report, gates=check_gates(report, gates))
            if sink is not None:
                report, line = _json_line(report, explain, contain)
                sink.write(line)
            if on_report is not None:
                report = on_report(report) or report
            tally.add(report)
    finally:
        reports.close()  # stops the workers now if the loop was left by an exception
        if sink is not None:
            sink.close()
    tally.finish()
    if summary_path is not None:
        from .render.json import summary_to_dict

        write_atomic(summary_path, json.dumps(summary_to_dict(tally), indent=1, ensure_ascii=False) + "\n")
    return tally


def _json_line(report: Report, explain: bool, contain: bool) -> tuple[Report, str]:
    """The record's line; a report the JSON renderer fails on becomes that document's error record."""
    from .render.json import report_to_json

    try:
        return report, report_to_json(report, explain=explain) + "\n"
    except Exception as exc:
        if not contain:
            raise
        error = internal_error(report.path, exc)
    failed = _failed(report.path, report.document, error)
    try:
        return failed, report_to_json(failed) + "\n"
    except Exception:  # the document facts themselves cannot be rendered: the bare record can
        failed = _failed(report.path, None, error)
        return failed, report_to_json(failed) + "\n"


def _read_stdin() -> bytes:
    """Standard input, at most the size limit (`yes | docscan scan -` must end)."""
    import sys

    from .loading import read_stream

    return read_stream(sys.stdin.buffer)
