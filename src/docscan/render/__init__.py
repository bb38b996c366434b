"""Renderers by name, the formats `--format` offers; entry point: `get_renderer`.

A renderer turns one Report into output and never runs an analysis. Each entry of `RENDERERS`
names a function by module and attribute, imported only when its format is chosen (so `--help`
stays light), and says which `RenderOptions` it takes as keyword arguments and how the CLI writes
what it returns:

- `lines=True`: one line per document (JSON Lines), so it can stream to `--output FILE` and be
  resumed; failed documents are rendered too (their error record).
- otherwise a document per report for people: a `str` is written to stdout as it is, a rich
  renderable is printed on the console; failed documents go to stderr as `error:`/`hint:` only,
  unless `failures=True`.

Adding a format is one line here, as the HTML and Markdown reports (`render/html.py`,
`render/markdown.py`) show; `PAGE_FORMATS` can also be written as a folder of pages with an index
(`--output-dir`).

`takes` lists only the options the function accepts, so a renderer never has to swallow unknown
keywords.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..model import Report

__all__ = ["DEFAULT_FORMAT", "PAGE_FORMATS", "RENDERERS", "RenderOptions", "Renderer", "get_renderer", "render_text"]

DEFAULT_FORMAT = "text"


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """Every option a renderer may take; each renderer receives the ones it lists in `takes`."""

    explain: bool = False
    top_entities: int | None = 8  # the terminal report's default, `--entities all` gives None


@dataclass(frozen=True, slots=True)
class Renderer:
    module: str
    function: str
    takes: tuple[str, ...] = ()
    lines: bool = False
    failures: bool = False

    def render(self, report: Report, options: RenderOptions) -> Any:
        """The rendered report: a `str`, or a rich renderable for the console."""
        fn = getattr(importlib.import_module(self.module), self.function)
        return fn(report, **{name: getattr(options, name) for name in self.takes})


RENDERERS: dict[str, Renderer] = {
    "text": Renderer("docscan.render", "render_text", takes=("explain", "top_entities")),
    "json": Renderer("docscan.render.json", "report_to_json", takes=("explain",), lines=True, failures=True),
    "html": Renderer("docscan.render.html", "report_to_html", takes=("explain",)),
    "markdown": Renderer("docscan.render.markdown", "report_to_markdown", takes=("explain",)),
}
# Formats written as one page per document (plus an index) by `--output-dir`.
PAGE_FORMATS = frozenset({"html", "markdown"})


def get_renderer(name: str) -> Renderer:
    """The renderer registered under `name` (a KeyError names the known ones)."""
    try:
        return RENDERERS[name]
    except KeyError:
        raise KeyError(f"unknown format {name!r}; known: {', '.join(RENDERERS)}") from None


def render_text(report: Report, *, explain: bool = False, top_entities: int | None = 8) -> RenderableType:
    """The terminal report, followed by the per-block evidence when asked."""
    from rich.console import Group

    from .terminal import render_entity_explain, render_explain, render_report

    parts: list[RenderableType] = [render_report(report, top_entities=top_entities)]
    if explain:
        parts.append(render_explain(report.verdicts, report.sections))
        parts.append(render_entity_explain(report.entities, top=top_entities))
    return Group(*parts)
