"""Finding the files to scan and counting outcomes; entry points: `discover` and `Tally`.

Discovery is deterministic (sorted), skips hidden files and folders, does not follow symbolic
links into folders (no loops), and scans a file named twice only once. The Tally owns the exit
status of a run, so every caller decides success the same way.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ExitStatus
from .model import Report

__all__ = ["TEXT_SUFFIXES", "Tally", "discover", "sniff_text"]

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".rst", ".text"})
# How much of a suffix-less file is read to decide whether it is text.
SNIFF_BYTES = 4096


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


def discover(paths: Sequence[str], *, include_hidden: bool = False) -> Iterator[str]:
    """Files to scan, in the order given, folders expanded recursively in sorted order.
    A path that does not exist is yielded as is, so loading reports it as a per-file error."""
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        p = Path(raw)
        if p.is_dir():
            for f in _walk(p, include_hidden):
                key = os.path.realpath(f)
                if key not in seen:
                    seen.add(key)
                    yield str(f)
        else:
            key = os.path.realpath(p)
            if key not in seen:
                seen.add(key)
                yield raw


def _walk(root: Path, include_hidden: bool) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if include_hidden or not d.startswith("."))
        for name in sorted(filenames):
            if not include_hidden and name.startswith("."):
                continue
            f = Path(dirpath) / name
            if f.suffix.lower() in TEXT_SUFFIXES or (not f.suffix and sniff_text(f)):
                yield f


@dataclass
class Tally:
    """Counts outcomes of a run and decides its exit status."""

    ok: int = 0
    failed: int = 0
    words: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, report: Report) -> None:
        if report.ok:
            self.ok += 1
            self.words += report.stats.words if report.stats else 0
        else:
            self.failed += 1
            self.failures.append(report.path)

    def exit_status(self, *, single: bool) -> ExitStatus:
        if not self.failed:
            return ExitStatus.OK
        return ExitStatus.INPUT_ERROR if single else ExitStatus.SOME_FAILED
