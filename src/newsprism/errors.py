"""Every error newsprism raises, in one tree.

    NewsprismError                 base; ``str(err)`` is a one-line message for a person
    ├── InputError                 one input cannot be read; names the input and the problem
    │   ├── EmptyInputError        nothing but whitespace
    │   ├── BinaryInputError       not text (NUL bytes, an image, an archive...)
    │   ├── EncodingError          not valid UTF-8 / UTF-16, or mixed encodings
    │   ├── TooLargeError          over the configured size limit
    │   ├── UnknownFormatError     a format newsprism does not read
    │   └── NoArticleTextError     a page or record with no article text in it
    ├── UsageError                 the caller asked for something impossible (CLI exit code 2)
    ├── ConfigError                a configuration file or variable is wrong
    ├── MissingExtraError          an optional dependency is not installed; names the install command
    └── StageError                 a pipeline stage failed or returned something malformed

Library code raises these; the faces (CLI, HTTP) turn them into one-line messages or JSON
bodies. Nothing is logged and ignored.
"""

from __future__ import annotations

__all__ = [
    "BinaryInputError",
    "ConfigError",
    "EmptyInputError",
    "EncodingError",
    "InputError",
    "MissingExtraError",
    "NewsprismError",
    "NoArticleTextError",
    "StageError",
    "TooLargeError",
    "UnknownFormatError",
    "UsageError",
]


class NewsprismError(Exception):
    """Base of every newsprism error."""


class InputError(NewsprismError):
    """One input could not be turned into an article.

    Args:
        origin: The input's name (a path, "<stdin>", "file.jsonl:3").
        problem: What is wrong, in a few words a person understands.
    """

    def __init__(self, origin: str, problem: str) -> None:
        self.origin = origin
        self.problem = problem
        super().__init__(f"{origin}: {problem}")


class EmptyInputError(InputError):
    """The input is empty or only whitespace."""


class BinaryInputError(InputError):
    """The input is binary, not text."""


class EncodingError(InputError):
    """The input's bytes are not valid text in a supported encoding."""


class TooLargeError(InputError):
    """The input is larger than the configured limit."""


class UnknownFormatError(InputError):
    """The input's format is not one newsprism reads."""


class NoArticleTextError(InputError):
    """The input holds no article text (e.g. an HTML page that is all navigation)."""


class UsageError(NewsprismError):
    """The request cannot be carried out as asked (wrong arguments, too few articles...)."""


class ConfigError(NewsprismError):
    """A configuration file or environment variable is invalid."""


class MissingExtraError(NewsprismError):
    """An optional dependency is missing.

    Args:
        feature: What needs it ("the web app").
        extra: The extra that provides it ("web").
    """

    def __init__(self, feature: str, extra: str) -> None:
        self.feature = feature
        self.extra = extra
        super().__init__(f"{feature} needs an optional dependency: pip install 'newsprism[{extra}]'")


class StageError(NewsprismError):
    """A pipeline stage failed or returned something that breaks the contract.

    Args:
        stage: The stage's name ("ingest", "analyze", ...).
        origin: The input being processed.
        problem: What went wrong.
    """

    def __init__(self, stage: str, origin: str, problem: str) -> None:
        self.stage = stage
        self.origin = origin
        self.problem = problem
        super().__init__(f"{origin}: {stage} stage: {problem}")
