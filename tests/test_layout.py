"""The package layout keeps DESIGN.md's one-way flow: no stage imports a later one.

Read from the source with :mod:`ast` (every ``import`` and ``from ... import``, top-level or inside
a function), so a lazy import that reaches back is caught too.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsprism"
# Each stage, then what it must never import (later stages, renderers, faces, the runner).
LATER = {
    "ingest": ("analysis", "comparison", "render", "pipeline", "cli", "report", "eval"),
    "analysis": ("comparison", "render", "pipeline", "cli", "report", "eval"),
    "comparison": ("render", "pipeline", "cli", "report", "eval"),
    "render": ("pipeline", "cli", "report", "eval"),
}


def _imports(path: Path) -> set[str]:
    """Every ``newsprism...`` module a source file imports."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("newsprism"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("newsprism"):
            out.add(node.module)
    return out


def test_no_stage_imports_a_later_stage() -> None:
    wrong = []
    for stage, later in LATER.items():
        for path in sorted((PACKAGE / stage).rglob("*.py")):
            for module in _imports(path):
                part = module.split(".")[1] if "." in module else ""
                if part in later:
                    wrong.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert not wrong, wrong


def test_model_and_shared_tables_import_nothing_of_ours() -> None:
    for name in ("model.py", "_name_tables.py"):
        assert not _imports(PACKAGE / name), name


def test_both_stages_read_names_from_the_one_shared_table() -> None:
    from newsprism import _name_tables
    from newsprism.analysis import entities
    from newsprism.comparison import _names, _sides
    from newsprism.comparison import entities as story_entities

    for module in (entities, _names, _sides, story_entities):
        for table in ("ALIASES", "PLACES"):
            assert getattr(module, table) is getattr(_name_tables, table), (module.__name__, table)
    assert _names.country_key("american") == "united states" == _names.country_key("us")


def test_comparison_never_parses_or_embeds_an_article() -> None:
    # What one article says (parse, embeddings, loaded language) is the analysis' job; compare
    # reads the records. spaCy's stop-word list (a plain set) is the only spaCy import allowed.
    wrong = []
    for path in sorted((PACKAGE / "comparison").rglob("*.py")):
        for module in _imports(path):
            if module.startswith(("newsprism.analysis.nlp", "newsprism.analysis.embed", "newsprism.analysis.loaded")):
                wrong.append(f"{path.relative_to(PACKAGE)} imports {module}")
        text = path.read_text(encoding="utf-8")
        if "import spacy" in text or ("from spacy" in text and "from spacy.lang.en.stop_words" not in text):
            wrong.append(f"{path.relative_to(PACKAGE)} imports spaCy")
    assert not wrong, wrong
