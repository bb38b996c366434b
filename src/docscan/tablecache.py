"""Derived lookup tables kept between runs, so start-up does not rebuild them; entry point: `cached_table`.

Some tables docscan needs are derived from data files of other packages (the syllable count of
every word of the CMU Pronouncing Dictionary: 135,000 entries parsed from a 3.6 MB file). The
parse costs more at start-up than reading the result back (about 85 ms against 15 ms), and the
result only changes when the source does. So the first run builds the table and stores it with
`marshal` under the user's cache folder; later runs read it back.

The cache is an optimisation, never a dependency: a missing, unreadable, corrupt or stale file
(the key names the source's version and the Python version, since marshal's format follows
Python) means the table is built again, and a folder that cannot be written is ignored. Set
DOCSCAN_CACHE_DIR to choose the folder, or to an empty string to switch the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["CACHE_DIR_ENV", "cache_dir", "cached_table"]

CACHE_DIR_ENV = "DOCSCAN_CACHE_DIR"
# A table: a dict of what marshal can store (str, int, float, tuples and dicts of them).
Table = TypeVar("Table", bound=dict[str, Any])


def cache_dir() -> Path | None:
    """DOCSCAN_CACHE_DIR, else $XDG_CACHE_HOME/docscan, else ~/.cache/docscan; None when switched off."""
    chosen = os.environ.get(CACHE_DIR_ENV)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "docscan"


def cached_table(name: str, key: str, build: Callable[[], Table]) -> Table:
    """The table `build()` returns, read from the cache when an entry for (`name`, `key`) exists.

    `key` must change whenever the table would (the source package's version, its file size);
    the Python version is added here."""
    folder = cache_dir()
    digest = hashlib.sha256(f"{key}|{sys.version_info[:2]}|{marshal.version}".encode()).hexdigest()[:16]
    path = folder / f"{name}-{digest}.marshal" if folder is not None else None
    if path is not None:
        cached = _read(path)
        if cached is not None:
            return cached  # type: ignore[return-value]  # what build() returned when it was stored
    table = build()
    if path is not None:
        _write(path, table)
    return table


def _read(path: Path) -> dict[str, Any] | None:
    try:
        loaded = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(loaded, dict):
        return None
    return loaded


def _write(path: Path, table: dict[str, Any]) -> None:
    """Atomically (a temporary file renamed over the target), so a reader never sees half a table.
    A table marshal cannot store (an int subclass, say) is simply not cached."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        data = marshal.dumps(table)
    except ValueError:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
