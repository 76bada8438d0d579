"""The dataset-derived models: found in the optional ``newsprism-models`` package, or said to be missing.

newsprism is Apache-2.0 and holds only Apache-2.0 material. Its fitted models are not: the
loaded-language sentence model is fitted on BABE (AGPL-3.0), the span tagger on PTC (research use)
and BABE, the pair model on MSRP and WMT (research use) and ECB+ (CC BY 3.0). They ship as the
separate distribution ``newsprism-models`` (``models/`` in the repository, import package
``newsprism_models``) under those terms. The readers of the four files ask here for their path;
without the package each caller either degrades (the analysis and ``compare``: lexicon-only loaded
language, cosine-only alignment, with a note on the comparison) or raises a :class:`UsageError`
that names the install command (the eval, which scores the models themselves).
"""

from __future__ import annotations

import functools
import importlib
from pathlib import Path
from types import ModuleType

from newsprism.errors import UsageError

__all__ = ["INSTALL", "PACKAGE", "available", "model_path", "require"]

PACKAGE = "newsprism-models"
#: The install command (run in a newsprism source checkout until the package is published;
#: then ``pip install 'newsprism[models]'``).
INSTALL = "pip install ./models"
INSTALL_HINT = f"install it with `{INSTALL}` in the newsprism source tree"


@functools.cache
def _package() -> ModuleType | None:
    """The ``newsprism_models`` module, or ``None`` when it is not installed (looked up once)."""
    try:
        return importlib.import_module("newsprism_models")
    except ModuleNotFoundError as err:
        if err.name != "newsprism_models":
            raise  # installed, but broken: say so rather than run degraded
        return None


def available() -> bool:
    """Whether ``newsprism-models`` is installed (the models are read from it)."""
    return _package() is not None


def require(what: str) -> None:
    """Raise unless ``newsprism-models`` is installed.

    Args:
        what: What needs the models, for the message ("newsprism eval align").

    Raises:
        UsageError: The package is not installed; the message names the install command.
    """
    if not available():
        raise _missing(what)


def _missing(what: str) -> UsageError:
    return UsageError(f"{what} needs the dataset-derived models of {PACKAGE}, which is not installed; {INSTALL_HINT}")


def model_path(name: str) -> Path:
    """The path of one model file of ``newsprism-models``.

    Args:
        name: The file's name (``"pair_model.json"``, ``"loaded_model.json"``, ``"loaded_spans.json"``).

    Returns:
        Its path on disk.

    Raises:
        UsageError: The package is not installed (the message names the install command).
    """
    package = _package()
    if package is None:
        raise _missing(f"the model file {name}")
    found: Path = package.path(name)
    return found
