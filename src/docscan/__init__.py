"""docscan: what a messy text document is, in seconds; public API: `analyze_text`, `analyze_path`.

Attributes are resolved lazily so that importing docscan (and `docscan --help`) stays cheap.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["Options", "Report", "__version__", "analyze_path", "analyze_text"]


def __getattr__(name: str) -> Any:
    if name in {"analyze_text", "analyze_path", "Options"}:
        from . import pipeline

        return getattr(pipeline, name)
    if name == "Report":
        from .model import Report

        return Report
    raise AttributeError(f"module 'docscan' has no attribute {name!r}")
