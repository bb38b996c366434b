"""Input formats, chosen by content; entry points: `detect` and `by_name`.

Each format is one module here exposing `FORMAT` (see `base.Format`). Modules are imported on
first use and must keep heavy parser imports inside `extract`, so sniffing a folder and
`docscan --help` stay cheap. Adding a format = one module + one name in `_MODULES`.
"""

from __future__ import annotations

import importlib

from .base import Extracted, Format, Region, RegionKind

__all__ = ["Extracted", "Format", "Region", "RegionKind", "all_formats", "by_name", "detect", "suffixes"]

# Order breaks ties between equal sniff scores: the more specific format first, plain last.
_MODULES: tuple[str, ...] = ("pdf", "docx", "html", "rst", "markdown", "plain")


def all_formats() -> tuple[Format, ...]:
    """Every registered format that imports here (a format whose module is absent is skipped)."""
    out: list[Format] = []
    for name in _MODULES:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            continue
        out.append(module.FORMAT)
    return tuple(out)


def by_name(name: str) -> Format:
    """The format called `name` (as in `document.format`); KeyError when there is none."""
    for fmt in all_formats():
        if fmt.name == name:
            return fmt
    raise KeyError(name)


def detect(head: bytes, suffix: str) -> Format:
    """The format most certain of these first bytes; plain text when none claims them."""
    best: Format | None = None
    best_score = 0
    for fmt in all_formats():
        score = fmt.sniff(head, suffix.lower())
        if score > best_score:
            best, best_score = fmt, score
    return best if best is not None else by_name("plain")


def suffixes() -> frozenset[str]:
    """Suffixes folders pick up by default."""
    return frozenset(s for fmt in all_formats() for s in fmt.suffixes)
