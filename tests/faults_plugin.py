"""Test-only fault injection: a document that carries `FAULT-<stage>-<action>` misbehaves in that stage.

Used two ways by tests/test_faults.py, and never by docscan itself:
- in the test process, `install(monkeypatch.setattr)` wraps the stage functions for one test;
- in worker processes (which a test cannot monkeypatch), a `sitecustomize.py` written by the test
  on PYTHONPATH calls `install()` at interpreter start-up, so every spawned worker has the faults.

Stages: load, blocks, split, sections, nlp, entities, readability, render. Actions: raise (a bug),
memory (MemoryError), kill (SIGKILL, as the out-of-memory killer does), exit (os._exit), killonce
(SIGKILL the first time only: a flag file in $DOCSCAN_FAULT_DIR remembers), hang (sleep; the
in-worker timer can interrupt it), stuck (sleep with SIGALRM blocked, like a loop inside C code),
slow (0.05 s, to give a signal time to arrive mid-batch), cutwrite (SIGKILL in the middle of
writing a result to the parent, as the out-of-memory killer may: the pool's thread then waits for
the rest of the message and never notices the death by itself).
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ACTIONS = ("raise", "memory", "kill", "exit", "killonce", "hang", "stuck", "slow", "cutwrite")
STAGES = ("load", "blocks", "split", "sections", "nlp", "entities", "readability", "render")


def act(stage: str, text: str) -> None:
    key = f"FAULT-{stage}-"
    at = text.find(key)
    if at < 0:
        return
    action = text[at + len(key) :].split(None, 1)[0].rstrip(".,")
    if action == "raise":
        raise RuntimeError(f"planted fault in {stage}")
    if action == "memory":
        raise MemoryError
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    if action == "exit":
        os._exit(3)
    if action == "killonce":
        flag = Path(os.environ["DOCSCAN_FAULT_DIR"]) / f"killed-{stage}"
        if not flag.exists():
            flag.write_text("once")
            os.kill(os.getpid(), signal.SIGKILL)
    if action == "hang":
        time.sleep(600)
    if action == "stuck":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(600)
    if action == "slow":
        time.sleep(0.05)
    if action == "cutwrite":
        _write_result_in_halves(_pool_worker_frame(), "cut", pause=0.0, die=True)


def _text_of(stage: str, args: tuple[Any, ...]) -> str:
    first = args[0]
    if stage == "load":
        return bytes(first).decode("utf-8", "replace")
    if stage == "nlp":
        return " ".join(p.text for p in first)
    if stage == "readability":
        return str(first)
    if stage == "render":
        return first.document.text if first.document is not None else ""
    return str(first.text)


def install(setattr_: Callable[[Any, str, Any], None] = setattr) -> None:
    from docscan import loading, nlp, pipeline
    from docscan.render import json as render_json

    targets = {
        "load": (loading, "decode_bytes"),
        "blocks": (pipeline, "split_blocks"),
        "split": (pipeline, "split_unrelated"),
        "sections": (pipeline, "detect_sections"),
        "nlp": (nlp, "analyze_pieces"),
        "entities": (pipeline, "build_entities"),
        "readability": (pipeline, "score_readability"),
        "render": (render_json, "report_to_dict"),
    }
    for stage, (module, name) in targets.items():
        original = getattr(module, name)

        def wrapper(*args: Any, __stage: str = stage, __original: Any = original, **kwargs: Any) -> Any:
            act(__stage, _text_of(__stage, args))
            return __original(*args, **kwargs)

        setattr_(module, name, wrapper)


def _pool_worker_frame() -> Any:
    """The frame of concurrent.futures.process._process_worker running the current task."""
    import sys

    frame = sys._getframe(1)
    while frame.f_code.co_name != "_process_worker":
        assert frame.f_back is not None, "not running in a ProcessPoolExecutor worker"
        frame = frame.f_back
    return frame


def _write_result_in_halves(frame: Any, value: str, *, pause: float, die: bool) -> None:
    import pickle
    import struct
    from concurrent.futures.process import _ResultItem  # type: ignore[attr-defined]

    results, call = frame.f_locals["result_queue"], frame.f_locals["call_item"]
    payload = pickle.dumps(_ResultItem(call.work_id, result=value))
    message = struct.pack("!i", len(payload)) + payload
    half = len(message) // 2
    fd = results._writer.fileno()
    results._wlock.acquire()
    os.write(fd, message[:half])
    (Path(os.environ["DOCSCAN_FAULT_DIR"]) / "half-written").write_text("")
    if die:
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(pause)
    view = memoryview(message)[half:]
    while view:
        view = view[os.write(fd, view) :]
    results._wlock.release()


def write_result_in_halves(value: str, pause: float, die: bool) -> str:
    """Run as a ProcessPoolExecutor task: send this task's own result the way the pool does, but in
    two halves with `pause` between them (`die`: SIGKILL itself after the first half instead),
    holding the result queue's write lock like a real write; then wait to be killed.

    It recreates a worker caught mid-write by a kill, which leaves the pool's manager thread
    waiting for the rest of the message. A flag file `half-written` in $DOCSCAN_FAULT_DIR tells
    the test the first half is in the pipe."""
    _write_result_in_halves(_pool_worker_frame(), value, pause=pause, die=die)
    time.sleep(600)
    return value
