"""The JSON contract, schema_version "1"; entry points: `report_to_dict` and `report_to_json`.

Built from explicit `*_to_dict` functions (never `dataclasses.asdict`) so that renaming a field
inside docscan cannot silently change the output. Keys keep their declared order, floats are
rounded, NaN is refused, and no absolute path or timestamp is added that the user did not give.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..model import (
    BlockVerdict,
    Entities,
    Entity,
    GateFailure,
    Mention,
    Passage,
    Readability,
    Report,
    Section,
    Segment,
)

__all__ = ["SCHEMA_VERSION", "gates_to_dict", "report_to_dict", "report_to_json", "summary_to_dict"]

if TYPE_CHECKING:
    from ..batch import Summary

SCHEMA_VERSION = "1"
# Inputs whose text docscan extracted (not the file's own characters): their JSON carries that
# text, so offsets and line numbers can be resolved without docscan.
EXTRACTED_FORMATS = frozenset({"html", "docx", "pdf"})


def report_to_json(report: Report, *, explain: bool = False) -> str:
    """One compact line: a single file gives one JSON document, many give JSON Lines."""
    return json.dumps(
        report_to_dict(report, explain=explain), ensure_ascii=False, allow_nan=False, separators=(",", ":")
    )


def report_to_dict(report: Report, *, explain: bool = False) -> dict[str, Any]:
    doc = report.document
    out: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "docscan_version": __version__,
        "path": report.path,
        "ok": report.ok,
        "error": None
        if report.error is None
        else {"type": report.error.type, "message": report.error.message, "hint": report.error.hint},
        "document": None
        if doc is None
        else {
            "bytes": doc.bytes,
            "sha256": doc.sha256,
            "encoding": doc.encoding,
            "markup": doc.markup.value,
            "lines": doc.lines,
            "characters": doc.characters,
            "format": doc.format,
            **(
                {"text": doc.text, "metadata": dict(doc.metadata)}
                if doc.format in EXTRACTED_FORMATS
                else {}
            ),
            "warnings": list(doc.warnings),
        },
        "segments": [segment_to_dict(s) for s in report.segments],
        "stats": None
        if report.stats is None
        else {
            "words": report.stats.words,
            "sentences": report.stats.sentences,
            "paragraphs": report.stats.paragraphs,
            "reading_time_seconds": report.stats.reading_time_seconds,
        },
        "sections": [section_to_dict(s) for s in report.sections],
        "entities": entities_to_dict(report.entities, explain=explain),
        "readability": None if report.readability is None else readability_to_dict(report.readability),
    }
    if out["readability"] is not None:
        out["readability"]["hardest"] = [passage_to_dict(x) for x in report.hardest]
    if explain:
        out["explain"] = [verdict_to_dict(v) for v in report.verdicts]
        out["explain_outline"] = [outline_rule_to_dict(s) for s in report.sections]
    if report.gates is not None:
        out["gates"] = gates_to_dict(report.gates)
    return out


def gates_to_dict(failures: Iterable[GateFailure]) -> list[dict[str, Any]]:
    """The `gates` key: each --fail-if gate the document broke, with its value ([]: it passed)."""
    return [
        {
            "gate": f.gate.text,
            "metric": f.gate.metric,
            "op": f.gate.op,
            "threshold": f.gate.threshold,
            "value": round(f.value, 3),
        }
        for f in failures
    ]


def outline_rule_to_dict(s: Section) -> dict[str, Any]:
    """Which named rule made a line a heading or a lead-in (sections.py), for `--explain`."""
    return {"start_line": s.start_line, "kind": s.kind.value, "level": s.level, "title": s.title, "rule": s.rule}


def segment_to_dict(s: Segment) -> dict[str, Any]:
    return {
        "kind": s.kind.value,
        "start_line": s.start_line,
        "end_line": s.end_line,
        "start_char": s.start_char,
        "end_char": s.end_char,
        "score": round(s.score, 3),
        "reason": s.reason,
        "preview": s.preview,
        "category": s.category or None,  # null for main text
    }


def section_to_dict(s: Section) -> dict[str, Any]:
    return {
        "title": s.title,
        "level": s.level,
        "kind": s.kind.value,
        "start_line": s.start_line,
        "end_line": s.end_line,
        "start_char": s.start_char,
        "end_char": s.end_char,
        "words": s.words,
        "readability": None if s.readability is None else readability_to_dict(s.readability),
    }


def entities_to_dict(e: Entities, *, explain: bool = False) -> dict[str, Any]:
    return {group.value: [entity_to_dict(x, explain=explain) for x in items] for group, items in e.groups()}


def entity_to_dict(e: Entity, *, explain: bool = False) -> dict[str, Any]:
    """One entity; with `explain`, also the rules and evidence that decided its group."""
    out: dict[str, Any] = {"name": e.name}
    if e.code is not None:
        out["code"] = e.code
    out["count"] = e.count
    out["aliases"] = list(e.aliases)
    out["sections"] = list(e.sections)
    out["mentions"] = [mention_to_dict(m) for m in e.mentions]
    if explain:
        out["explain"] = list(e.why)
    return out


def mention_to_dict(m: Mention) -> dict[str, Any]:
    return {"text": m.text, "start_char": m.start_char, "end_char": m.end_char, "line": m.line}


def passage_to_dict(p: Passage) -> dict[str, Any]:
    return {
        "start_line": p.start_line,
        "end_line": p.end_line,
        "start_char": p.start_char,
        "end_char": p.end_char,
        "flesch_kincaid_grade": p.grade,
        "words": p.words,
        "preview": p.preview,
    }


def readability_to_dict(r: Readability) -> dict[str, Any]:
    out: dict[str, Any] = {
        "flesch_reading_ease": r.flesch_reading_ease,
        "flesch_kincaid_grade": r.flesch_kincaid_grade,
        "gunning_fog": r.gunning_fog,
        "smog_index": r.smog_index,
        "coleman_liau_index": r.coleman_liau_index,
        "automated_readability_index": r.automated_readability_index,
        "dale_chall": r.dale_chall,
        "text_standard": r.text_standard,
        "warnings": list(r.warnings),
    }
    if r.method:
        out["method"] = dict(r.method)
    return out


def verdict_to_dict(v: BlockVerdict) -> dict[str, Any]:
    return {
        "block": v.block,
        "start_line": v.start_line,
        "end_line": v.end_line,
        "score": v.score,
        "threshold": v.threshold,
        "unrelated": v.unrelated,
        "reason": v.reason,
        "features": dict(v.features),
    }


def summary_to_dict(s: Summary) -> dict[str, Any]:
    """The batch summary written by `--summary FILE`."""
    seconds = round(s.seconds, 3)
    return {
        "schema_version": SCHEMA_VERSION,
        "docscan_version": __version__,
        "files": {"ok": s.ok, "failed": s.failed, "skipped": s.skipped, "total": s.ok + s.failed + s.skipped},
        "failed_paths": list(s.failures),
        "words": s.words,
        "seconds": seconds,
        "words_per_second": round(s.words / seconds, 1) if seconds > 0 else None,
        "top_entities": {
            group: [
                {"name": name, **({"code": s.codes[name]} if name in s.codes else {}), "documents": d, "mentions": m}
                for name, d, m in s.top(group)
            ]
            for group in ("countries", "organizations", "people", "places")
        },
        "readability": {
            "flesch_reading_ease": s.quantiles(s.reading_ease),
            "flesch_kincaid_grade": s.quantiles(s.grades),
        },
        "most_set_aside": [{"path": p, "lines": n} for p, n in s.most_set_aside()],
        "failed_by_type": dict(sorted(s.error_types.items())),
    }
