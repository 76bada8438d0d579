"""Every error newsprism raises, in one tree.

    NewsprismError                 base; ``str(err)`` is a one-line message for a person
    ├── InputError                 one input cannot be read; names the input and the problem
    │   ├── EmptyInputError        nothing but whitespace
    │   ├── BinaryInputError       not text (NUL bytes, an image, an archive...)
    │   ├── EncodingError          not valid UTF-8 / UTF-16, or mixed encodings
    │   ├── TooLargeError          over the configured size limit
    │   ├── UnknownFormatError     a format newsprism does not read
    │   ├── NoArticleTextError     a page or record with no article text in it
    │   └── FetchError             a URL could not be fetched (refused address, robots.txt, timeout, HTTP error)
    ├── UsageError                 the caller asked for something impossible (CLI exit code 2);
    │                              ``errors`` holds the failed inputs that led to it
    ├── OutputError                the result cannot be written where asked (CLI exit code 2)
    ├── ConfigError                a configuration file or variable is wrong
    ├── MissingExtraError          an optional dependency is not installed; names the install command
    ├── StoreError                 the store file cannot be used (corrupt, locked, newer schema, not ours)
    └── StageError                 a pipeline stage failed or returned something malformed

Library code raises these; the faces (CLI, HTTP) turn them into one-line messages or JSON
bodies. Nothing is logged and ignored.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "BinaryInputError",
    "ConfigError",
    "EmptyInputError",
    "EncodingError",
    "FetchError",
    "InputError",
    "MissingExtraError",
    "NewsprismError",
    "NoArticleTextError",
    "OutputError",
    "StageError",
    "StoreError",
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

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # Rebuilt from its own arguments, so it survives a process pool (pickle passes only args).
        return type(self), (self.origin, self.problem)


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


class FetchError(InputError):
    """A URL could not be fetched: a refused address, robots.txt, a timeout, an HTTP error, a body too large."""


class UsageError(NewsprismError):
    """The request cannot be carried out as asked (wrong arguments, too few articles...).

    Args:
        message: What is wrong with the request, in one line.
        errors: The input errors that led to it (e.g. "needs two articles" after one of two
            inputs failed); ``str(err)`` names them after the message.

    Attributes:
        message: The request's problem alone, without the input errors.
        errors: The input errors, in input order.
    """

    def __init__(self, message: str, errors: Sequence[NewsprismError] = ()) -> None:
        self.message = message
        self.errors: tuple[NewsprismError, ...] = tuple(errors)
        if self.errors:
            failed = "; ".join(str(e) for e in self.errors)
            n = len(self.errors)
            message = f"{message} [{n} input{'s' if n != 1 else ''} failed: {failed}]"
        super().__init__(message)

    def __reduce__(self) -> tuple[type, tuple[str, tuple[NewsprismError, ...]]]:
        return type(self), (self.message, self.errors)


class OutputError(NewsprismError):
    """The result cannot be written where it was asked to go.

    Args:
        target: Where the output was to be written (a path).
        reason: Why it cannot be written ("is a directory", "permission denied", ...).
    """

    def __init__(self, target: str, reason: str) -> None:
        self.target = target
        self.reason = reason
        super().__init__(f"{target}: cannot write ({reason})")

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return type(self), (self.target, self.reason)


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

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return type(self), (self.feature, self.extra)


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

    def __reduce__(self) -> tuple[type, tuple[str, str, str]]:
        return type(self), (self.stage, self.origin, self.problem)


class StoreError(NewsprismError):
    """The store cannot be opened or written: not a newsprism store, corrupt, locked, or newer.

    Args:
        path: The store's file.
        problem: What is wrong and, where there is one, what to do.
    """

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return type(self), (self.path, self.problem)
