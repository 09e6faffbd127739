"""Bytes to text: UTF-8 (with or without a byte-order mark), or a Problem naming the first bad byte."""

from __future__ import annotations

from figures.model import Problem


def decode(path: str, data: bytes, encoding: str = "utf-8-sig") -> str | Problem:
    """The file's text with universal newlines, or a Problem at the line of the first undecodable byte."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        bad = data[error.start]
        return Problem(
            path,
            line,
            f"not valid {_name(encoding)} (byte 0x{bad:02x} at column {column}); save the file as UTF-8",
        )
    except LookupError:
        return Problem(path, None, f"unknown text encoding {encoding!r}")
    # The same newline translation as Python's text mode, so offsets never straddle a "\r\n".
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _name(encoding: str) -> str:
    return "UTF-8" if encoding.lower().replace("_", "-") in {"utf-8", "utf-8-sig", "utf8"} else encoding
