"""Register pymorphy3 under the name ``pymorphy2`` before natasha (and yargy) import it.

natasha 1.6 and yargy 0.16 import ``pymorphy2``, whose 0.9.1 release calls
``inspect.getargspec`` (removed in Python 3.11) as it loads. pymorphy3 is its maintained fork
with the same API and module layout, so an import hook that answers every ``pymorphy2[.x]``
with the matching ``pymorphy3[.x]`` module is enough. The locks install pymorphy3 and not
pymorphy2; an installed pymorphy2 is ignored either way.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
from types import ModuleType
from typing import Any

__all__ = ["install"]

_OLD, _NEW = "pymorphy2", "pymorphy3"


class _AliasLoader(importlib.abc.Loader):
    """Loads ``pymorphy2.x`` as the already imported ``pymorphy3.x``."""

    def __init__(self, target: str) -> None:
        self.target = target

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return importlib.import_module(self.target)

    def exec_module(self, module: ModuleType) -> None:
        # The module is pymorphy3's own, already executed: nothing to run again.
        return None


class _AliasFinder(importlib.abc.MetaPathFinder):
    """Answers imports of ``pymorphy2`` and its submodules with pymorphy3's."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if fullname != _OLD and not fullname.startswith(_OLD + "."):
            return None
        new = _NEW + fullname[len(_OLD) :]
        return importlib.machinery.ModuleSpec(fullname, _AliasLoader(new), is_package=True)


def install() -> None:
    """Make ``import pymorphy2`` (and ``pymorphy2.analyzer`` ...) give pymorphy3's modules (idempotent)."""
    if any(isinstance(f, _AliasFinder) for f in sys.meta_path):
        return
    importlib.import_module(_NEW)  # fail here, clearly, if pymorphy3 is missing
    for name in [n for n in sys.modules if n == _OLD or n.startswith(_OLD + ".")]:
        del sys.modules[name]  # a broken pymorphy2 half-imported earlier
    sys.meta_path.insert(0, _AliasFinder())
