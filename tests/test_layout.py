"""The package layout keeps DESIGN.md's one-way flow: no stage imports a later one.

Read from the source with :mod:`ast` (every ``import`` and ``from ... import``, top-level or inside
a function), so a lazy import that reaches back is caught too.
"""

from __future__ import annotations

import ast
import sys
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


def _all_imports(source: str, path: Path) -> set[str]:
    """Every module ``source`` (the text of ``path``) imports, ours or not, relative ones made absolute."""
    parts = ["newsprism", *path.relative_to(PACKAGE).with_suffix("").parts]
    package = parts if path.name == "__init__.py" else parts[:-1]
    out = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            # Each name as if a submodule: ``from newsprism import _dateline`` is newsprism._dateline.
            out.update(f"{module}.{a.name}" for a in node.names)
    return out


def _outside_model(source: str, path: Path) -> list[str]:
    """What a data-model module imports beyond the standard library and the model package itself."""
    return sorted(
        module for module in _all_imports(source, path)
        if module.split(".")[0] not in sys.stdlib_module_names
        and module != "newsprism.model" and not module.startswith("newsprism.model.")
    )


def test_model_and_shared_tables_import_nothing_of_ours() -> None:
    # The data model imports only the standard library and its own modules; so does the name table.
    modules = sorted((PACKAGE / "model").glob("*.py"))
    assert {p.name for p in modules} >= {"__init__.py", "_article.py", "_comparison.py"}, modules
    for path in modules:
        wrong = _outside_model(path.read_text(encoding="utf-8"), path)
        assert not wrong, (path.name, wrong)
    assert not _imports(PACKAGE / "_name_tables.py"), "_name_tables.py"


def test_the_model_import_check_can_fail() -> None:
    # The check above must see an import of ours (absolute or relative) or of a third-party package.
    fake = PACKAGE / "model" / "_fake.py"
    for line in ("from newsprism import config", "from ..analysis import nlp", "from .. import errors",
                 "import numpy", "from newsprism.model_extra import X", "import newsprism._dateline"):
        assert _outside_model(line + "\n", fake), line
    for line in ("import hashlib", "from newsprism.model._article import Span", "from . import _article",
                 "from ._comparison import Story", "from newsprism import model", "from __future__ import annotations"):
        assert not _outside_model(line + "\n", fake), line


def test_both_stages_read_names_from_the_one_shared_table() -> None:
    from newsprism import _name_tables
    from newsprism.analysis import _entity_groups, entities
    from newsprism.comparison import _names, _sides
    from newsprism.comparison import entities as story_entities

    # The analysis cleans mentions in entities and groups them in _entity_groups.
    assert entities.PLACES is _name_tables.PLACES
    for module in (_entity_groups, _names, _sides, story_entities):
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
