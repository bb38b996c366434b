"""Project defaults from `docscan.toml` or `[tool.docscan]` in pyproject.toml; entry point: `load_config`.

Teams that gate documents in CI want the rules in the repository, not in every command line, as
ruff and Vale users keep theirs. The lookup follows ruff: from the current directory upward, the
first directory holding a `docscan.toml`, or a `pyproject.toml` with a `[tool.docscan]` table,
wins (`docscan.toml` first when a directory has both); a pyproject.toml without the table is
passed over. Options given on the command line replace the file's values (`merge`).

The file is read with `tomllib` (Python 3.11+) or its backport `tomli` on Python 3.10, a
dependency only there.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["CONFIG_NAME", "FORMATS", "KEYS", "Config", "find_config", "load_config", "merge", "parse_config"]

CONFIG_NAME = "docscan.toml"
# Output formats a config may name; the CLI's --format choices.
FORMATS = ("text", "json", "html", "markdown")
# The keys a config may hold (kebab-case, as in ruff's files) and what they set.
KEYS = {
    "fail-if": "gates, a list of 'METRIC OP NUMBER' strings (see --fail-if)",
    "include": "globs of files to scan inside folders",
    "exclude": "globs of files to skip inside folders",
    "model": "the spaCy pipeline to use",
    "format": "output format: " + ", ".join(FORMATS),
}


@dataclass(frozen=True, slots=True)
class Config:
    """Defaults for a scan; `source` is the file they came from (None: no file found)."""

    source: Path | None = None
    fail_if: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    model: str | None = None
    format: str | None = None


def find_config(start: Path) -> tuple[Path, bool] | None:
    """The nearest config file at or above `start`: (path, is_pyproject), or None."""
    for folder in (start, *start.parents):
        own = folder / CONFIG_NAME
        if own.is_file():
            return own, False
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_docscan_table(pyproject):
            return pyproject, True
    return None


def _has_docscan_table(pyproject: Path) -> bool:
    data = _read_toml(pyproject)
    tool = data.get("tool")
    return isinstance(tool, dict) and "docscan" in tool


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            data: dict[str, Any] = tomllib.load(f)
            return data
    except OSError as exc:
        raise UsageError(f"cannot read {exc.strerror}", path=str(path), hint="check the file's permissions") from exc
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"not valid TOML: {exc}", path=str(path), hint="fix the file or pass --no-config") from exc


def load_config(start: Path | None = None, *, path: Path | None = None) -> Config:
    """Read the config named by `path`, else the nearest one above `start` (default: the current
    directory); an empty Config when there is none."""
    if path is not None:
        if not path.is_file():
            raise UsageError("config file not found", path=str(path), hint="check the --config path")
        data = _read_toml(path)
        if path.name == "pyproject.toml":
            table = data.get("tool", {}).get("docscan", {})
            data = table if isinstance(table, dict) else {}
        return parse_config(data, source=path)
    found = find_config((start or Path.cwd()).resolve())
    if found is None:
        return Config()
    file, is_pyproject = found
    data = _read_toml(file)
    return parse_config(data["tool"]["docscan"] if is_pyproject else data, source=file)


def parse_config(data: Mapping[str, Any], *, source: Path | None = None) -> Config:
    """Check a config table's keys and types; a usage error names the key and the file."""
    where = str(source) if source is not None else None
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise UsageError(
            f"unknown key {unknown[0]!r} in the docscan configuration",
            path=where,
            hint="known keys: " + "; ".join(f"{k} ({v})" for k, v in KEYS.items()),
        )

    def strings(key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UsageError(f"{key} must be a list of strings", path=where, hint=f'e.g. {key} = ["..."]')
        return tuple(value)

    def text(key: str) -> str | None:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise UsageError(f"{key} must be a string", path=where, hint=f'e.g. {key} = "..."')
        return value

    fmt = text("format")
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"format {fmt!r} is not one of {', '.join(FORMATS)}", path=where, hint='e.g. format = "json"')
    return Config(
        source=source,
        fail_if=strings("fail-if"),
        include=strings("include"),
        exclude=strings("exclude"),
        model=text("model"),
        format=fmt,
    )


def merge(
    config: Config,
    *,
    fail_if: tuple[str, ...] = (),
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    model: str | None = None,
    format: str | None = None,
) -> Config:
    """Command-line values win: any value given replaces the file's (lists are replaced whole,
    as ruff's --exclude replaces its config's exclude)."""
    return replace(
        config,
        fail_if=fail_if or config.fail_if,
        include=include or config.include,
        exclude=exclude or config.exclude,
        model=model if model is not None else config.model,
        format=format if format is not None else config.format,
    )
