"""Scanning many documents: discovery, ordered parallel execution, resume, summary.
Entry points: `discover`, `scan_reports`, `Summary`.

- Discovery is deterministic (sorted), filtered by suffix and globs, skips hidden files and
  folders unless asked, does not follow symbolic links unless asked (no loops), and scans a file
  named twice only once.
- Work is cut into chunks of several documents (about `CHUNK_CHARS` of text), so each worker
  sends many documents through one `nlp.pipe` call. Workers load the pipeline once each (pool
  initializer). Results come back in input order through a bounded window of chunks in flight,
  so memory stays flat however many files there are. `workers=1` runs in-process.
- A worker never raises for a bad file: it returns a failed Report, and the batch goes on.
- The same per-chunk function runs on a Dask cluster (`dask_address`): the client reads the files
  and sends their bytes, so workers need docscan installed but no shared filesystem.
- `Summary` counts outcomes, owns the exit status, and keeps corpus-level aggregates that do not
  grow with the number of documents (except one float per document for the readability spread).
"""

from __future__ import annotations

import fnmatch
import heapq
import json
import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ExitStatus, InputError, UsageError
from .formats import suffixes
from .model import Options, Report, SegmentKind

__all__ = [
    "TEXT_SUFFIXES",
    "Summary",
    "Task",
    "discover",
    "file_sha256",
    "load_recorded",
    "run_chunk",
    "scan_reports",
    "sniff_text",
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


def sniff_text(path: Path) -> bool:
    """A file without a known suffix is scanned when its first bytes decode as UTF-8 text."""
    try:
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError:
        return False
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
) -> Iterator[str]:
    """Files to scan, in the order given, folders expanded recursively in sorted order.

    A path given explicitly is always yielded (a missing one becomes a per-file error later);
    `include`/`exclude` globs filter files found inside folders, matched against the path relative
    to the folder and against the file name."""
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        p = Path(raw)
        found: Iterable[Path] = (
            _walk(p, include, exclude, include_hidden, follow_symlinks) if p.is_dir() else (p,)
        )
        for f in found:
            key = os.path.realpath(f)
            if key not in seen:
                seen.add(key)
                yield str(f) if f is not p else raw


def _walk(
    root: Path, include: Sequence[str], exclude: Sequence[str], hidden: bool, follow: bool
) -> Iterator[Path]:
    visited: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=follow):
        real = os.path.realpath(dirpath)
        if real in visited:  # a symlink loop when following links
            dirnames[:] = []
            continue
        visited.add(real)
        dirnames[:] = sorted(d for d in dirnames if hidden or not d.startswith("."))
        for name in sorted(filenames):
            if not hidden and name.startswith("."):
                continue
            f = Path(dirpath) / name
            if f.is_symlink() and not follow:
                continue
            rel = str(f.relative_to(root))
            if include and not any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in include):
                continue
            if any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in exclude):
                continue
            if include or f.suffix.lower() in TEXT_SUFFIXES | suffixes() or (not f.suffix and sniff_text(f)):
                yield f


# --- running -------------------------------------------------------------------------------

Task = tuple[str, bytes | None]
"""One document to analyze: its path, and its bytes when the caller already read them."""


def _load(task: Task) -> object:
    from .loading import decode_bytes, load_path
    from .pipeline import failure

    path, data = task
    try:
        if data is not None:
            return decode_bytes(data, path=path, suffix=Path(path).suffix if path != "-" else "")
        return load_path(path)
    except InputError as exc:
        return failure(path, exc)


def run_chunk(tasks: Sequence[Task], options: object) -> list[Report]:
    """Analyze one chunk of documents in order; bad files become failed Reports, never raise.

    This is the function workers (local processes or Dask) run."""
    from .pipeline import analyze_many

    assert isinstance(options, Options)
    return list(analyze_many((_load(t) for t in tasks), options))  # type: ignore[misc]


_worker_options: object = None


def _init_worker(options: object) -> None:
    """Pool initializer: load the pipeline and the syllable table once per worker process."""
    global _worker_options
    from . import nlp
    from .readability import textstat_module

    _worker_options = options
    nlp.get_pipeline(getattr(options, "model", None))
    textstat_module()


def _run_in_worker(tasks: list[Task]) -> list[Report]:
    return run_chunk(tasks, _worker_options)


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


def scan_reports(
    tasks: Iterable[Task],
    options: object,
    *,
    workers: int = 1,
    dask_address: str | None = None,
) -> Iterator[Report]:
    """Reports in input order, streamed as they are ready."""
    chunks = _chunks(tasks)
    if dask_address:
        yield from _scan_dask(chunks, options, dask_address)
    elif workers <= 1:
        for chunk in chunks:
            yield from run_chunk(chunk, options)
    else:
        yield from _scan_pool(chunks, options, workers)


def _scan_pool(chunks: Iterator[list[Task]], options: object, workers: int) -> Iterator[Report]:
    # spawn, not fork: the parent may run a progress-bar thread, and forking a threaded process
    # can copy a held lock into the child.
    ctx = multiprocessing.get_context("spawn")
    pool = ctx.Pool(workers, initializer=_init_worker, initargs=(options,))
    try:
        window: list[multiprocessing.pool.AsyncResult[list[Report]]] = []
        limit = workers * WINDOW_PER_WORKER
        for chunk in chunks:
            window.append(pool.apply_async(_run_in_worker, (chunk,)))
            while len(window) >= limit:
                yield from window.pop(0).get()
        while window:
            yield from window.pop(0).get()
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def _scan_dask(chunks: Iterator[list[Task]], options: object, address: str) -> Iterator[Report]:
    try:
        from distributed import Client
    except ImportError as exc:
        raise UsageError(
            "--dask needs the dask extra", hint="pip install 'docscan[dask]'"
        ) from exc
    client = Client(address, set_as_default=False)  # type: ignore[no-untyped-call]
    try:
        window = []
        limit = max(2, WINDOW_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {}))))
        for chunk in chunks:
            # the client reads the files: workers need no shared filesystem
            loaded = [(p, d if d is not None else _read_or_none(p)) for p, d in chunk]
            window.append(client.submit(run_chunk, loaded, options, pure=False))
            while len(window) >= limit:
                yield from window.pop(0).result()
        while window:
            yield from window.pop(0).result()
    finally:
        client.close()  # type: ignore[no-untyped-call]


def _read_or_none(path: str) -> bytes | None:
    """Bytes for a worker elsewhere; None lets the worker report the same error the loader would."""
    try:
        return Path(path).read_bytes()
    except OSError:
        return None


# --- resume --------------------------------------------------------------------------------


def load_recorded(output: Path, current: Callable[[str], str | None] | None = None) -> set[str]:
    """Paths already recorded in an earlier run's output whose content is unchanged.

    `current(path)` gives the sha256 of a file's content now (None when it cannot be read). The
    output is rewritten atomically keeping only complete, successful records of unchanged files
    (a line cut by a kill is dropped, failed and changed files will be scanned again), so after the
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
            if not isinstance(record, dict) or not record.get("ok"):
                continue
            doc = record.get("document")
            path = record.get("path")
            sha = doc.get("sha256") if isinstance(doc, dict) else None
            if not isinstance(path, str) or not sha or path in done:
                continue
            if current is not None and current(path) != sha:
                continue
            done.add(path)
            kept.append(line)
    tmp = output.with_name(output.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.writelines(kept)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, output)
    return done


def file_sha256(path: str) -> str | None:
    import hashlib

    data = _read_or_none(path) if path != "-" else None
    return hashlib.sha256(data).hexdigest() if data is not None else None


def resume_filter(files: Iterable[str], done: set[str], skipped: Callable[[str], None]) -> Iterator[Task]:
    """Tasks for the files not already recorded (unchanged) in the output."""
    for f in files:
        if f in done:
            skipped(f)
        else:
            yield (f, None)


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

    def add(self, report: Report) -> None:
        if not report.ok:
            self.failed += 1
            self.failures.append(report.path)
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
        aside = sum(s.end_line - s.start_line + 1 for s in report.segments if s.kind is SegmentKind.UNRELATED)
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

    def exit_status(self, *, single: bool) -> ExitStatus:
        if not self.failed:
            return ExitStatus.OK
        return ExitStatus.INPUT_ERROR if single else ExitStatus.SOME_FAILED

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
