"""The format seam: what every input format hands to the format-blind analyses; entry point: `Format`.

A format turns raw bytes into the text every offset indexes, plus `Region`s: which lines are a
heading (and its level), code, a list, a table, front matter, prose, a caption, page furniture,
with the character spans a reader actually sees. Blocks, the split, the outline, the NLP pieces
and readability read regions, never markup, so a new format is one module and one registry line.
Regions are hints: a plain-text format returns none and the analyses fall back to layout evidence.
"""

from __future__ import annotations

from typing import Protocol

from ..model import Extracted, Region, RegionKind

__all__ = ["Extracted", "Format", "Region", "RegionKind"]


class Format(Protocol):
    """One input format. `sniff` looks at content (and the suffix as a tie-breaker) so a mislabelled
    file is still read by the right format; `extract` raises an `InputError` with a hint when the
    bytes are not what the format expects (never a traceback)."""

    name: str  # "plain", "markdown", "rst", "html", "docx", "pdf": the JSON's document.format
    suffixes: tuple[str, ...]  # lower-case, with the dot; folders pick files up by these

    def sniff(self, head: bytes, suffix: str) -> int:
        """0 = not this format; higher = more certain (the registry takes the highest)."""
        ...

    def extract(self, data: bytes, *, path: str) -> Extracted: ...
