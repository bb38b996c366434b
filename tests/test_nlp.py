"""The spaCy pipeline loads fast without changing what it does."""

from __future__ import annotations

from pathlib import Path

import pytest

from docscan import nlp


def _blank_pipeline(path: Path) -> None:
    import spacy

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    ruler = blank.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "GPE", "pattern": "Norway"}])
    blank.to_disk(path)


def _reference(path: str) -> bytes:
    import spacy

    return bytes(spacy.load(path).tokenizer.to_bytes(exclude=["vocab"]))


def test_bare_first_tokenizer_loads_the_same_tokenizer(tmp_path: Path) -> None:
    _blank_pipeline(tmp_path / "p")
    loaded = nlp.get_pipeline(str(tmp_path / "p"))
    assert loaded.tokenizer.to_bytes(exclude=["vocab"]) == _reference(str(tmp_path / "p"))
    text = "Dr. Smith's U.K.-based firm (est. 1999) said: don't e-mail info@example.com!"
    assert [t.text for t in loaded(text)][:4] == ["Dr.", "Smith", "'s", "U.K.-based"]


@pytest.mark.model
def test_trained_pipeline_tokenizer_is_unchanged() -> None:
    name = nlp.resolve_model_name(None)
    # rules, affixes and matchers (the vocabulary grows as texts are processed, so it is left out)
    assert nlp.get_pipeline(name).tokenizer.to_bytes(exclude=["vocab"]) == _reference(name)
