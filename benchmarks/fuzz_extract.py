"""Fuzz extraction and normalisation for a fixed budget (issue 10, "A fuzz run").

    pip install atheris
    python -m benchmarks.fuzz_extract CORPUS_DIR -max_total_time=600 -timeout=2

Each input (bytes, decoded as UTF-8 with replacement, or as Unicode by atheris' data provider) goes
through ``figures.extract.extract`` and ``figures.normalise.normalise``; the run fails on any exception, on
a figure whose offsets do not give its text, on a value that is not finite, or on an interval whose low is
above its high. libFuzzer's ``-timeout`` fails an input that takes longer than that many seconds. Seed the
corpus folder with a few news sentences (the seed articles, one sentence a file, serve well).
Without atheris, ``--hypothesis N`` runs the same checks on N random news-like texts instead.
"""

from __future__ import annotations

import math
import sys

from figures.extract import extract
from figures.normalise import normalise


def check(text: str) -> None:
    for figure in extract(text, "fuzz"):
        assert text[figure.start : figure.end] == figure.text, figure
        assert text[figure.sentence_start : figure.sentence_start + len(figure.sentence)] == figure.sentence
        for number in (figure.value, figure.low, figure.high, figure.step, *(figure.range or ())):
            assert number is None or math.isfinite(number), figure
        if figure.low is not None and figure.high is not None:
            assert figure.low <= figure.high, figure
        normalised = normalise(figure)
        low, high = normalised.canonical_low, normalised.canonical_high
        if low is not None and high is not None:
            assert low <= high or math.isclose(low, high), normalised


def one_input(data: bytes) -> None:
    import atheris

    provider = atheris.FuzzedDataProvider(data)
    if provider.ConsumeBool():
        check(data[1:].decode("utf-8", errors="replace"))
    else:
        check(provider.ConsumeUnicodeNoSurrogates(len(data)))


def main(argv: list[str]) -> int:
    if len(argv) > 2 and argv[1] == "--hypothesis":
        from hypothesis import given, settings
        from hypothesis import strategies as st

        @settings(max_examples=int(argv[2]), deadline=2_000, database=None)
        @given(st.text(max_size=400))
        def run(text: str) -> None:
            check(text)

        run()
        return 0
    import atheris

    check("warm up: load the lexicons, 3 km and $5bn")  # every module the checks use is loaded now
    atheris.instrument_all()  # coverage feedback from figures' own code (and what it calls)
    atheris.Setup(argv, one_input)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
