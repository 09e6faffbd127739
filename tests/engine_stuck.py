"""A pipeline that never finishes any document, not even a worker's warm-up (tests/test_engine.py)."""

from __future__ import annotations

import time

from figures.model import Document, Figure


def analyse(document: Document) -> list[Figure]:
    time.sleep(600)
    return []
