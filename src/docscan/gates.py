"""Gates for CI (`--fail-if METRIC OP NUMBER`); entry points: `parse_gate` and `check_gates`.

A gate is a rule a document must not break, like a linter's: `flesch_kincaid_grade>12` fails a
document whose grade is above 12. The metrics are read from a finished Report (never computed
here), so a gate costs nothing and means exactly what the JSON says. A metric that could not be
computed (None: a score of a text without sentences) breaks no gate: there is nothing to compare.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable, Iterable
from typing import Any

from .errors import UsageError
from .model import EntityGroup, Gate, GateFailure, Report, unrelated_line_count

__all__ = [
    "METRICS",
    "OPERATORS",
    "Gate",
    "GateFailure",
    "broken_by",
    "check_gates",
    "failures_to_dict",
    "metric_value",
    "parse_gate",
    "parse_gates",
]


def _stat(name: str) -> Callable[[Report], float | None]:
    def read(report: Report) -> float | None:
        return None if report.stats is None else float(getattr(report.stats, name))

    return read


def _score(name: str) -> Callable[[Report], float | None]:
    def read(report: Report) -> float | None:
        value = None if report.readability is None else getattr(report.readability, name)
        return None if value is None else float(value)

    return read


def _group(group: EntityGroup | None) -> Callable[[Report], float | None]:
    def read(report: Report) -> float | None:
        return float(sum(len(items) for g, items in report.entities.groups() if group is None or g is group))

    return read


def unrelated_share(report: Report) -> float | None:
    """Set-aside lines over all lines in segments: the share of the document's text put aside."""
    total = sum(s.end_line - s.start_line + 1 for s in report.segments)
    return None if total == 0 else unrelated_line_count(report.segments) / total


def _hardest(report: Report) -> float | None:
    return max((p.grade for p in report.hardest), default=None)


# name -> (what it measures, how to read it from a Report). Documented in the README's gates
# section and by `docscan scan --help`; the order here is the order shown.
METRICS: dict[str, tuple[str, Callable[[Report], float | None]]] = {
    "words": ("words of the main text", _stat("words")),
    "sentences": ("sentences of the main text (spaCy)", _stat("sentences")),
    "paragraphs": ("paragraphs of the main text", _stat("paragraphs")),
    "reading_time_seconds": ("estimated reading time of the main text", _stat("reading_time_seconds")),
    "flesch_reading_ease": ("Flesch reading ease (higher is easier)", _score("flesch_reading_ease")),
    "flesch_kincaid_grade": ("Flesch-Kincaid grade (lower is easier)", _score("flesch_kincaid_grade")),
    "gunning_fog": ("Gunning fog grade", _score("gunning_fog")),
    "smog_index": ("SMOG grade (None below 3 sentences)", _score("smog_index")),
    "coleman_liau_index": ("Coleman-Liau grade", _score("coleman_liau_index")),
    "automated_readability_index": ("automated readability index", _score("automated_readability_index")),
    "dale_chall": ("Dale-Chall score", _score("dale_chall")),
    "hardest_grade": ("Flesch-Kincaid grade of the hardest paragraph", _hardest),
    "unrelated_lines": ("lines set aside as unrelated", lambda r: float(unrelated_line_count(r.segments))),
    "unrelated_share": ("share of the lines set aside (0..1)", unrelated_share),
    "sections": ("headings and lead-ins in the outline", lambda r: float(len(r.sections))),
    "entities": ("distinct entities, all groups", _group(None)),
    "countries": ("distinct countries", _group(EntityGroup.COUNTRIES)),
    "organizations": ("distinct organizations", _group(EntityGroup.ORGANIZATIONS)),
    "people": ("distinct people", _group(EntityGroup.PEOPLE)),
    "places": ("distinct other places", _group(EntityGroup.PLACES)),
}

OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    ">": operator.gt,
}

_GATE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(<=|>=|==|!=|<|>)\s*([-+]?(?:\d+\.?\d*|\.\d+))\s*$")
_USAGE_HINT = "write METRIC OP NUMBER, e.g. 'flesch_kincaid_grade>12'; OP is one of < <= > >= == !=; metrics: "


def broken_by(gate: Gate, value: float | None) -> bool:
    """Whether `value` breaks `gate`; an uncomputed metric (None) breaks nothing."""
    return value is not None and OPERATORS[gate.op](value, gate.threshold)


def parse_gate(expr: str) -> Gate:
    """`'flesch_kincaid_grade > 12'` -> Gate; a usage error naming what is wrong otherwise."""
    match = _GATE.match(expr)
    if match is None:
        raise UsageError(f"cannot read the gate {expr!r}", hint=_USAGE_HINT + ", ".join(METRICS))
    metric, op, number = match.groups()
    if metric not in METRICS:
        raise UsageError(f"unknown metric {metric!r} in the gate {expr!r}", hint="metrics: " + ", ".join(METRICS))
    threshold = float(number)
    if not math.isfinite(threshold):  # pragma: no cover - the pattern admits only finite numbers
        raise UsageError(f"the gate {expr!r} needs a finite number", hint=_USAGE_HINT + ", ".join(METRICS))
    return Gate(metric, op, threshold)


def parse_gates(exprs: Iterable[str]) -> tuple[Gate, ...]:
    return tuple(parse_gate(e) for e in exprs)


def metric_value(report: Report, metric: str) -> float | None:
    """One metric of a report, as a gate sees it."""
    return METRICS[metric][1](report)


def check_gates(report: Report, gates: Iterable[Gate]) -> tuple[GateFailure, ...]:
    """The gates a document breaks, in the order given. A failed document (not analyzed) breaks
    none: its error already sets the exit status."""
    if not report.ok:
        return ()
    out: list[GateFailure] = []
    for gate in gates:
        value = metric_value(report, gate.metric)
        if value is not None and broken_by(gate, value):
            out.append(GateFailure(gate, value))
    return tuple(out)


def failures_to_dict(failures: Iterable[GateFailure]) -> list[dict[str, Any]]:
    """The JSON `gates` key (rendered by render/json.py, which owns the contract)."""
    from .render.json import gates_to_dict

    return gates_to_dict(failures)
