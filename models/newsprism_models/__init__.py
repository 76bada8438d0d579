"""The dataset-derived models of newsprism, shipped apart from it because of their licences.

newsprism itself is Apache-2.0. The files here are fitted on research datasets and carry those
datasets' terms (see ``LICENSE`` beside this package: AGPL-3.0 for BABE, research use for PTC, MSRP
and WMT, CC BY 3.0 for ECB+). newsprism reads them when this package is installed and runs
degraded (lexicon-only loaded language, cosine-only alignment) when it is not.

    >>> import newsprism_models
    >>> newsprism_models.path("pair_model.json").name
    'pair_model.json'
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["FILES", "LICENCES", "NEWSPRISM", "__version__", "path"]

__version__ = "0.1.8"
#: The newsprism versions these files fit (a PEP 440 specifier; newsprism also checks each file's
#: feature list when it reads it).
NEWSPRISM = ">=0.1.0,<0.2"
#: Every model file of the package, by name.
FILES: tuple[str, ...] = ("event_pair_model.json", "loaded_model.json", "loaded_spans.json", "loaded_spans.npz",
                          "pair_model.json")
#: The SPDX licence expression of each file (why: ``LICENSE``).
LICENCES: dict[str, str] = {
    "event_pair_model.json": "CC-BY-3.0",
    "loaded_model.json": "AGPL-3.0-only",
    "loaded_spans.json": "LicenseRef-Research-Use AND AGPL-3.0-only",
    "loaded_spans.npz": "LicenseRef-Research-Use AND AGPL-3.0-only",
    "pair_model.json": "LicenseRef-Research-Use AND CC-BY-3.0",
}


def path(name: str) -> Path:
    """Return the path of one model file of this package.

    Args:
        name: A name in :data:`FILES` (``"loaded_model.json"``...).

    Returns:
        The file's path on disk (readers open the ``.npz`` beside ``loaded_spans.json`` by name).

    Raises:
        KeyError: ``name`` is not a file of this package.
        FileNotFoundError: The package is installed without its files, or not as files on disk
            (a zip import).
    """
    if name not in FILES:
        raise KeyError(f"newsprism-models has no file {name!r} (it has {', '.join(FILES)})")
    found = resources.files(__name__).joinpath(name)
    # Only a package on disk gives a Path; a zip import would need a temporary copy per file.
    if not isinstance(found, Path) or not found.is_file():
        raise FileNotFoundError(f"newsprism-models {__version__}: {name} is not a file on disk ({found})")
    return found
