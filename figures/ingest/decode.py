"""Bytes to text: the encoding a file is in, found without reading the file whole.

A byte-order mark decides outright (UTF-8, UTF-16 or UTF-32). Otherwise a file that is valid UTF-8 is
UTF-8; that is checked by streaming the bytes once, so memory stays flat whatever the file's size. A
file that is not UTF-8 is handed to charset-normalizer (a sample of it: the start, and the lines around
the first byte UTF-8 refuses), and the encoding chosen must then decode the whole file, or the next
candidate is tried. Text is then read through ``io.TextIOWrapper`` with universal newlines, the same
translation as Python's text mode, so offsets never straddle a ``"\\r\\n"``.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from figures.model import Problem

OpenBinary = Callable[[], BinaryIO]

UTF8 = "utf-8"
CHUNK = 1 << 20  # bytes read at a time while checking an encoding
SAMPLE = 1 << 18  # bytes of the file's start given to charset-normalizer (more is slower, no surer)
_WINDOW = 1 << 16  # and bytes either side of the first byte UTF-8 refuses, when that lies past the sample
# UTF-32 first: its little-endian mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", None),  # UTF-8 all the same: nothing to report
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
# Short Latin-script texts read equally well in several single-byte code pages, and charset-normalizer
# then picks among them almost at random (Baltic cp1257 for French). Windows-1252 is the web's default
# for undeclared legacy text (WHATWG) and the usual encoding of old English-language news files, so it
# wins when its decoding is nearly as clean as the best one found.
_PREFERRED = "cp1252"
_PREFERENCE_MARGIN = 0.1  # in charset-normalizer's "chaos" (share of odd-looking characters)


@dataclass(frozen=True, slots=True)
class Encoding:
    """How to decode a file: the codec, and how it was known, for the run's summary."""

    codec: str
    label: str | None = None  # what to tell the user ("cp1252", "UTF-16 (byte-order mark)"); None for UTF-8


def choose_encoding(path: str, open_binary: OpenBinary, declared: str | None = None) -> Encoding | Problem:
    """The encoding of the bytes ``open_binary()`` gives, or a Problem naming the first bad byte.

    ``declared`` is an encoding the file names for itself (an HTML ``<meta charset>``); it is tried after
    UTF-8 and before detection.
    """
    with open_binary() as stream:
        head = stream.read(SAMPLE)
    for mark, codec, label in _BOMS:
        if head.startswith(mark):
            return Encoding(codec, f"{label} (byte-order mark)" if label else None)
    refused = _first_error(open_binary, UTF8)
    if refused is None:
        return Encoding(UTF8)
    candidates = [declared] if declared else []
    candidates += _detected(head, open_binary, refused.offset)
    for codec in dict.fromkeys(candidates):  # in order, once each
        try:
            codecs.lookup(codec)
        except LookupError:
            continue
        if _first_error(open_binary, codec) is None:
            return Encoding(codec, codecs.lookup(codec).name)
    return Problem(
        path,
        refused.line,
        f"not valid UTF-8 (byte 0x{refused.byte:02x} at column {refused.column}), and no other text "
        "encoding reads it; save the file as UTF-8",
    )


def open_text(open_binary: OpenBinary, encoding: Encoding) -> io.TextIOWrapper:
    """The file as text in ``encoding``, with universal newlines."""
    return io.TextIOWrapper(open_binary(), encoding=encoding.codec, newline=None)


def decode(path: str, data: bytes, declared: str | None = None) -> tuple[str, Encoding] | Problem:
    """Bytes already in memory (a page, a short input) as text with universal newlines, and the encoding."""
    encoding = choose_encoding(path, lambda: io.BytesIO(data), declared)
    if isinstance(encoding, Problem):
        return encoding
    with open_text(lambda: io.BytesIO(data), encoding) as text:
        return text.read(), encoding


@dataclass(frozen=True, slots=True)
class _Refusal:
    offset: int  # of the bad byte in the file
    line: int
    column: int
    byte: int


def _first_error(open_binary: OpenBinary, codec: str) -> _Refusal | None:
    """Where ``codec`` first fails on the bytes, streamed a chunk at a time; None if it reads them all."""
    decoder = codecs.getincrementaldecoder(codec)()
    offset = 0  # of ``pending`` in the file
    newlines = 0  # before ``pending``
    last_newline = -1  # offset of the last b"\n" before ``pending``
    pending = b""  # bytes the decoder holds back: the start of a character cut by the chunk's end
    with open_binary() as stream:
        while True:
            chunk = stream.read(CHUNK)
            data = pending + chunk
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError:
                start = _error_start(data, codec)
                line_start = data.rfind(b"\n", 0, start)
                column = start - line_start if line_start >= 0 else offset + start - last_newline
                line = newlines + data.count(b"\n", 0, start) + 1
                return _Refusal(offset + start, line, column, data[start] if start < len(data) else 0)
            if not chunk:
                return None
            pending = decoder.getstate()[0]
            consumed = len(data) - len(pending)
            newlines += data.count(b"\n", 0, consumed)
            if (at := data.rfind(b"\n", 0, consumed)) >= 0:
                last_newline = offset + at
            offset += consumed


def _error_start(data: bytes, codec: str) -> int:
    """The offset in ``data`` of the first byte ``codec`` refuses (decoded in one piece, which says where)."""
    try:
        data.decode(codec)
    except UnicodeDecodeError as error:
        return error.start
    return max(len(data) - 1, 0)


def _detected(head: bytes, open_binary: OpenBinary, refused_at: int) -> list[str]:
    """charset-normalizer's candidates for a sample of the file, best first (Windows-1252 on a near tie)."""
    # Imported here: only files that are not UTF-8 pay for it.
    import charset_normalizer

    sample = head
    if len(head) == SAMPLE and (cut := head.rfind(b"\n")) > 0:
        sample = head[: cut + 1]  # whole lines only, so no character is cut in two
    if refused_at >= len(sample):
        with open_binary() as stream:
            stream.seek(max(refused_at - _WINDOW, 0))
            window = stream.read(2 * _WINDOW)
        if (first := window.find(b"\n")) >= 0 and (last := window.rfind(b"\n")) > first:
            window = window[first + 1 : last + 1]
        sample += window
    matches = list(charset_normalizer.from_bytes(sample))
    if not matches:
        return []
    best = min(match.chaos for match in matches)
    # A match stands for every code page giving the same text (``could_be_from_charset``).
    preferred = [
        _PREFERRED
        for match in matches
        if _PREFERRED in match.could_be_from_charset and match.chaos <= best + _PREFERENCE_MARGIN
    ]
    return preferred[:1] + [match.encoding for match in matches]
