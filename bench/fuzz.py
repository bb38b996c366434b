"""Fuzzing at the issue's scale: 10,000 inputs through the library, 1,000 through the CLI (not a test).

Usage: python bench/fuzz.py [--library N] [--cli N] [--seed S]

Uses the strategies and checks of tests/fuzzing.py (the same ones tests/test_fuzz.py runs a few
hundred times in CI). Unlike the test, a failing input does not stop the run: every input is
checked, failures are counted by kind, and the first traceback of each kind is printed. Counts:
  library  decode_bytes on random bytes (half) and analyze_text + JSON + terminal rendering on
           random text (half), with a rule-based spaCy pipeline;
  cli      `docscan scan FILE` through typer's CliRunner, --json and text report alternately.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from fuzzing import byte_docs, check_cli, check_decode, check_library, make_pipeline, texts

QUIET = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large]


class Tally:
    def __init__(self) -> None:
        self.runs = 0
        self.failures: Counter[str] = Counter()
        self.first: dict[str, str] = {}

    def check(self, fn: Callable[..., None], *args: Any, **kwargs: Any) -> None:
        self.runs += 1
        try:
            fn(*args, **kwargs)
        except Exception as exc:  # counted and reported, never stops the run
            kind = f"{fn.__name__}: {type(exc).__name__}"
            self.failures[kind] += 1
            self.first.setdefault(kind, f"input: {args[0]!r:.300}\n{traceback.format_exc()}")


def run(examples: int, strategy: st.SearchStrategy[Any], body: Callable[[Any], None], rng_seed: int) -> None:
    @seed(rng_seed)
    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate], suppress_health_check=QUIET)
    @given(strategy)
    def property_(value: Any) -> None:
        body(value)

    property_()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--library", type=int, default=10_000, help="library inputs (half bytes, half text)")
    ap.add_argument("--cli", type=int, default=1_000, help="command-line runs")
    ap.add_argument("--seed", type=int, default=10)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        model = make_pipeline(Path(tmp) / "rule-based")
        started = time.perf_counter()
        lib = Tally()
        run(args.library // 2, byte_docs, lambda data: lib.check(check_decode, data), args.seed)
        run(args.library - args.library // 2, texts, lambda text: lib.check(check_library, text, model), args.seed)
        lib_seconds = time.perf_counter() - started
        cli = Tally()
        folder = Path(tmp) / "docs"
        folder.mkdir()
        flip = iter(range(10**9))
        run(
            args.cli,
            byte_docs,
            lambda data: cli.check(check_cli, data, folder, model, as_json=next(flip) % 2 == 0),
            args.seed,
        )
        cli_seconds = time.perf_counter() - started - lib_seconds
    for name, tally, seconds in (("library", lib, lib_seconds), ("cli", cli, cli_seconds)):
        failed = sum(tally.failures.values())
        print(f"{name:8s} {tally.runs:6,} inputs  {failed:4,} failures (tracebacks)  {seconds:6.0f} s")
        for kind, n in tally.failures.most_common():
            print(f"   {n:5,}  {kind}")
            print("   " + tally.first[kind].replace("\n", "\n   "))
    sys.exit(1 if lib.failures or cli.failures else 0)


if __name__ == "__main__":
    main()
