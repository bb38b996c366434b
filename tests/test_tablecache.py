"""Derived tables are rebuilt whenever the cache cannot be trusted, and read back when it can."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from docscan.tablecache import CACHE_DIR_ENV, cache_dir, cached_table


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


class Builder:
    def __init__(self, table: dict[str, int]) -> None:
        self.table, self.calls = table, 0

    def __call__(self) -> dict[str, int]:
        self.calls += 1
        return dict(self.table)


def test_built_once_then_read_back(folder: Path) -> None:
    build = Builder({"cat": 1, "table": 2})
    assert cached_table("t", "v1", build) == {"cat": 1, "table": 2}
    assert cached_table("t", "v1", build) == {"cat": 1, "table": 2}
    assert build.calls == 1 and len(list(folder.iterdir())) == 1


def test_a_new_key_rebuilds(folder: Path) -> None:
    cached_table("t", "v1", Builder({"a": 1}))
    assert cached_table("t", "v2", Builder({"a": 3})) == {"a": 3}


def test_corrupt_entry_is_rebuilt_and_replaced(folder: Path) -> None:
    cached_table("t", "v1", Builder({"a": 1}))
    (entry,) = folder.iterdir()
    entry.write_bytes(b"\x00garbage")
    build = Builder({"a": 1})
    assert cached_table("t", "v1", build) == {"a": 1} and build.calls == 1
    assert cached_table("t", "v1", build) == {"a": 1} and build.calls == 1


def test_switched_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_DIR_ENV, "")
    assert cache_dir() is None
    build = Builder({"a": 1})
    cached_table("t", "v1", build)
    cached_table("t", "v1", build)
    assert build.calls == 2


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    monkeypatch.setenv(CACHE_DIR_ENV, str(locked / "cache"))
    assert cached_table("t", "v1", Builder({"a": 1})) == {"a": 1}


def test_cache_folder_that_is_a_file_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_DIR_ENV, str(blocker))
    assert cached_table("t", "v1", Builder({"a": 1})) == {"a": 1}
    assert blocker.read_text() == "not a folder"


def test_a_table_marshal_cannot_store_is_returned_uncached(folder: Path) -> None:
    class Count(int):
        pass

    build = Builder({"a": Count(1)})
    assert cached_table("t", "v1", build) == {"a": 1}
    assert cached_table("t", "v1", build) == {"a": 1} and build.calls == 2
