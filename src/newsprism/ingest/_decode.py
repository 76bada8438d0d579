"""Bytes to text, refusing what is not an article: empty, binary, badly encoded, too large."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from newsprism.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    TooLargeError,
    UnknownFormatError,
)

__all__ = ["FORMATS", "check_text", "decode", "read_limited", "sniff_format"]

FORMATS = ("text", "html", "jsonl", "feed")

_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}

# Formats people do have but newsprism does not read: say so by name instead of "binary".
_UNSUPPORTED = {
    ".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".odt": "OpenDocument", ".rtf": "RTF",
    ".epub": "EPUB", ".xls": "Excel", ".xlsx": "Excel", ".csv": "CSV", ".zip": "ZIP archive",
    ".gz": "gzip archive", ".png": "PNG image", ".jpg": "JPEG image", ".jpeg": "JPEG image",
    ".gif": "GIF image", ".webp": "WebP image", ".mp3": "MP3 audio", ".mp4": "MP4 video",
}

_MAGIC = {
    b"%PDF": "PDF", b"PK\x03\x04": "ZIP archive (or a Word/OpenDocument file)", b"\x1f\x8b": "gzip archive",
    b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image",
    b"{\\rtf": "RTF", b"\xd0\xcf\x11\xe0": "old Word/Excel file",
}


# Half of a UTF-16 surrogate pair with no other half. Strict decoding never yields one, but a JSON
# escape (\ud800 in a JSONL line) or a string handed to the API can; it cannot be written as UTF-8,
# hashed or parsed.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(text: str, origin: str, what: str = "the text") -> str:
    """Refuse a string that is not valid Unicode text (it holds a lone surrogate).

    Args:
        text: A string that came from outside (an API argument, a JSON string).
        origin: The input's name, for the error.
        what: What the string is, for the error ("the text", "'title'").

    Returns:
        ``text``, unchanged.

    Raises:
        EncodingError: ``text`` holds a lone surrogate.
    """
    bad = _LONE_SURROGATE.search(text)
    if bad:
        raise EncodingError(origin, f"{what} holds a lone surrogate (U+{ord(bad.group()):04X} at character "
                                    f"{bad.start()}), which is not text: a broken \\u escape or UTF-16 data?")
    return text


def read_limited(path: Path, origin: str, limit: int) -> bytes:
    """Read a file, refusing it before reading when it cannot be an article.

    Checked in this order, so the message names the first thing wrong: the file exists and is a
    file; its name is not a format newsprism does not read (a PDF, an image); it is not larger
    than ``limit`` bytes.

    Raises:
        InputError: The file cannot be read (missing, a directory, no permission, not a valid name).
        UnknownFormatError: The name says it is a format newsprism does not read.
        TooLargeError: The file is over the limit.
    """
    from newsprism.errors import InputError

    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(origin, "is a directory, not a file")
        sniff_format(path.name, None, origin)
        if size > limit:
            raise TooLargeError(origin, f"{size:,} bytes is over the {limit:,}-byte limit (max_input_bytes)")
        with path.open("rb") as fh:
            return fh.read(limit + 1)
    except FileNotFoundError:
        raise InputError(origin, "file not found") from None
    except PermissionError:
        raise InputError(origin, "permission denied") from None
    except IsADirectoryError:
        raise InputError(origin, "is a directory, not a file") from None
    except NotADirectoryError:
        raise InputError(origin, "file not found (a part of the path is a file, not a folder)") from None
    except ValueError:  # a NUL character: no file system has such a name
        raise InputError(origin, "not a valid file name (NUL character)") from None
    except OSError as err:  # a name too long, an I/O error...
        reason = (err.strerror or type(err).__name__).lower()
        raise InputError(origin, f"cannot read ({reason})") from None


def decode(data: bytes, origin: str, limit: int) -> str:
    """Decode the bytes of one input to text.

    UTF-8 (with or without a byte-order mark) and UTF-16/32 with a byte-order mark are read;
    anything else is refused with the byte offset of the first bad byte, because guessing a
    legacy code page silently garbles names, and names are what newsprism compares.

    Raises:
        TooLargeError, EmptyInputError, BinaryInputError, UnknownFormatError, EncodingError.
    """
    if len(data) > limit:
        raise TooLargeError(origin, f"over the {limit:,}-byte limit (max_input_bytes)")
    for magic, name in _MAGIC.items():
        if data.startswith(magic):
            raise UnknownFormatError(origin, f"{name} is not a format newsprism reads; convert it to text or HTML")
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as err:
                raise EncodingError(origin, f"invalid {enc} at byte {err.start}") from None
            break
    else:
        if b"\x00" in data[:8192]:
            raise BinaryInputError(origin, "binary data, not text (NUL bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            bad = data[err.start : err.start + 1].hex()
            raise EncodingError(
                origin, f"not valid UTF-8 (byte 0x{bad} at offset {err.start}); re-save it as UTF-8"
            ) from None
    if not text.strip():
        raise EmptyInputError(origin, "empty (no text)")
    # Control characters other than tab/newline/CR/form-feed mean binary data that happened to decode.
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(2, len(text[:8192]) // 100):
        raise BinaryInputError(origin, "binary data, not text (control characters)")
    return text


def sniff_format(name: str, text: str | None, origin: str) -> str:
    """Guess the input format from the file name, then from the content.

    Args:
        name: File name (may be empty for stdin).
        text: The decoded content, or ``None`` to decide by name only.
        origin: Input name for errors.

    Returns:
        One of ``FORMATS``.

    Raises:
        UnknownFormatError: The name says it is a format newsprism does not read.
    """
    suffix = Path(name).suffix.lower() if name else ""
    if suffix in _UNSUPPORTED:
        raise UnknownFormatError(
            origin, f"{_UNSUPPORTED[suffix]} is not a format newsprism reads (text, Markdown, HTML, JSONL, RSS/Atom)"
        )
    if suffix in _EXTENSIONS and not (suffix in {".xml", ".json"} and text is not None):
        return _EXTENSIONS[suffix]
    if text is None:
        return "text"
    head = text.lstrip()[:2000].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("<?xml") or head.startswith("<rss") or head.startswith("<feed"):
        if "<rss" in head or "<feed" in head or "<rdf:rdf" in head:
            return "feed"
        return "html"
    if head.startswith("<!doctype html") or head.startswith("<html") or (
        head.startswith("<") and any(t in head for t in ("<body", "<head", "<p>", "<div", "<article"))
    ):
        return "html"
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    return "text"
