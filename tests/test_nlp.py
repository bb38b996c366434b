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


DEFERRED_CLI = r"""
import json, sys
from docscan import nlp
spacy = nlp._import_spacy()
out = {"deferred": type(spacy.cli).__name__, "light": "weasel" not in sys.modules}
blank = spacy.blank("en")
out["tokens"] = [t.text for t in blank("Don't stop.")]
out["attribute_first"] = spacy.cli.download.__module__  # `spacy.cli.X` right after `import spacy`
import spacy.cli.download  # a submodule, through the stand-in's __path__
out["submodule"] = sys.modules["spacy.cli.download"].__name__
out["info"] = isinstance(spacy.info(), dict)  # the real command behind the stand-in
from spacy.cli import download
out["from_import"] = callable(download) and type(sys.modules["spacy.cli"]).__name__ == "module"
out["attribute"] = spacy.cli is sys.modules["spacy.cli"]
print(json.dumps(out))
"""


def test_spacy_cli_is_imported_only_when_used() -> None:
    import json
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", DEFERRED_CLI], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out == {
        "deferred": "_DeferredModule",
        "light": True,
        "tokens": ["Do", "n't", "stop", "."],
        "info": True,
        "attribute_first": "spacy.cli.download",
        "submodule": "spacy.cli.download",
        "from_import": True,
        "attribute": True,
    }


def test_nothing_is_deferred_once_spacy_is_imported() -> None:
    import sys

    import spacy  # noqa: F401 - the test process has spaCy already

    before = sys.modules.get("spacy.cli")
    nlp._defer_spacy_cli()
    assert sys.modules.get("spacy.cli") is before


def test_a_scan_never_imports_spacys_command_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    _blank_pipeline(tmp_path / "p")
    doc = tmp_path / "doc.txt"
    doc.write_text("Norway is cold in winter. The harbour froze.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from docscan.cli import main\n"
        f"sys.argv = ['docscan', 'scan', {str(doc)!r}, '--json', '--model', {str(tmp_path / 'p')!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "heavy = [m for m in ('weasel', 'requests', 'httpx', 'spacy.cli.download') if m in sys.modules]\n"
        "print('EXIT', code, 'HEAVY', heavy, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "EXIT 0 HEAVY []" in proc.stderr, proc.stderr
    assert '"ok":true' in proc.stdout
