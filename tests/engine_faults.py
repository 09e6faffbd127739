"""A pipeline that fails on purpose, for the engine's tests: the real one, except for marked documents.

Worker processes import it by name (``pipeline="tests.engine_faults"``), as they import figures.pipeline.
"""

from __future__ import annotations

import os
import time
from dataclasses import replace

from figures import pipeline
from figures.model import Document, Figure

RAISES = "PLANTED-RAISE"  # a document with this in its text raises ValueError
SLOW = "PLANTED-SLOW"  # sleeps far past any time limit a test sets
BUSY = "PLANTED-BUSY"  # computes in Python far past any time limit a test sets, as a superlinear stage does
CRASHES = "PLANTED-CRASH"  # ends its process at once, as a crash in native code would
BAD_OFFSETS = "PLANTED-OFFSETS"  # gives figures whose offsets miss the text


def analyse(document: Document) -> list[Figure]:
    if RAISES in document.text:
        raise ValueError("a fault planted by the test\nand a second line that the problem leaves out")
    if SLOW in document.text:
        time.sleep(600)
    if BUSY in document.text:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            pass
    if CRASHES in document.text:
        os._exit(3)
    found = pipeline.analyse(document)
    if BAD_OFFSETS in document.text:
        return [replace(figure, start=figure.start + 1) for figure in found]
    return found
