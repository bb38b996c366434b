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
    GATE_FAILED = 6  # every document was analyzed, and at least one broke a --fail-if gate
    INTERRUPTED = 130


class DocscanError(Exception):
    """A failure with a message and a hint a user can act on."""

    exit_status: ExitStatus = ExitStatus.INTERNAL_ERROR
    kind: str = "error"

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.hint = hint


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


class ModelUnavailableError(DocscanError):
    exit_status = ExitStatus.MODEL_UNAVAILABLE
    kind = "model_unavailable"


class UsageError(DocscanError):
    exit_status = ExitStatus.USAGE
    kind = "usage"
