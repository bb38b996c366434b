"""Exit statuses and the DocscanError hierarchy; entry point: `DocscanError`.

Library code raises these; only `cli.py` turns them into a message on stderr and an exit status,
so every failure a user can cause reads as one line with a hint instead of a traceback.
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Process exit codes, documented in the README."""

    OK = 0
    INTERNAL_ERROR = 1
    USAGE = 2
    INPUT_ERROR = 3
    SOME_FAILED = 4
    MODEL_UNAVAILABLE = 5
    # The environment, not the input or docscan, stopped the run: the output or the summary cannot
    # be written (disk full, quota, file size limit, missing folder, read-only).
    OUTPUT_ERROR = 6
    # The --dask scheduler could not be reached (or the dask extra is missing).
    CLUSTER_UNAVAILABLE = 7
    GATE_FAILED = 8  # every document was analyzed, and at least one broke a --fail-if gate
    INTERRUPTED = 130
    # 128 + the signal number, as a shell reports a process ended by that signal.
    BROKEN_PIPE = 141  # SIGPIPE: the reader of stdout went away (`docscan ... | head`)
    TERMINATED = 143  # SIGTERM


class DocscanError(Exception):
    """A failure with a message and a hint a user can act on."""

    exit_status: ExitStatus = ExitStatus.INTERNAL_ERROR
    kind: str = "error"

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.hint = hint

    def __reduce__(self) -> tuple[object, ...]:
        # Errors raised in a worker process travel back pickled; the default pickling would keep
        # only the message and lose the path and the hint.
        return (_rebuild, (type(self), self.message, self.path, self.hint))


def _rebuild(cls: type[DocscanError], message: str, path: str | None, hint: str | None) -> DocscanError:
    return cls(message, path=path, hint=hint)


class InputError(DocscanError):
    exit_status = ExitStatus.INPUT_ERROR
    kind = "input_error"


class FileMissingError(InputError):
    kind = "file_not_found"


class IsADirectoryInputError(InputError):
    kind = "is_a_directory"


class UnreadableFileError(InputError):
    kind = "unreadable"


class NotTextError(InputError):
    kind = "not_text"


class EmptyDocumentError(InputError):
    kind = "empty"


class UndecodableError(InputError):
    kind = "undecodable"


class FormatError(InputError):
    """The bytes are not what their format says (a .pdf that is no PDF, a .docx that is no zip)."""

    kind = "bad_format"


class EncryptedDocumentError(InputError):
    kind = "encrypted"


class NoTextLayerError(InputError):
    """A PDF whose pages carry no text (scanned images): only OCR can read it."""

    kind = "needs_ocr"


class TooLargeError(InputError):
    """Over a size limit: a file or standard input over DOCSCAN_MAX_BYTES, or a container that
    would decompress past docscan's cap (a zip bomb, or a part too big to read)."""

    kind = "too_large"


class ModelUnavailableError(DocscanError):
    exit_status = ExitStatus.MODEL_UNAVAILABLE
    kind = "model_unavailable"


class UsageError(DocscanError):
    exit_status = ExitStatus.USAGE
    kind = "usage"


class OutputError(DocscanError):
    """The output, the summary or standard output cannot be written: the environment's fault."""

    exit_status = ExitStatus.OUTPUT_ERROR
    kind = "output"


class ClusterUnavailableError(DocscanError):
    exit_status = ExitStatus.CLUSTER_UNAVAILABLE
    kind = "cluster_unavailable"


# --- failures of one document inside a batch ------------------------------------------------
# These are never raised out of a batch: each becomes the error record of its document, so the
# rest of the batch goes on. Alone (one file), they give the exit status below.


class InternalDocumentError(DocscanError):
    """An unexpected exception (a bug) while loading or analyzing one document."""

    exit_status = ExitStatus.INTERNAL_ERROR
    kind = "internal"


class WorkerLostError(DocscanError):
    """The worker process died (killed, out of memory, crashed) twice on this document."""

    exit_status = ExitStatus.INTERNAL_ERROR
    kind = "worker_lost"


class DocumentTimeoutError(DocscanError):
    """The document took longer than --timeout."""

    exit_status = ExitStatus.INPUT_ERROR
    kind = "timeout"


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread like Ctrl-C so the same clean-up runs."""


# Exit status of a single-file run whose one document failed with this error type.
FAILURE_STATUS: dict[str, ExitStatus] = {
    InternalDocumentError.kind: ExitStatus.INTERNAL_ERROR,
    WorkerLostError.kind: ExitStatus.INTERNAL_ERROR,
}


class NotRegularFileError(InputError):
    """A FIFO, socket or device: reading one can block forever or never end."""

    kind = "not_a_regular_file"

