"""figures: every numeric figure in news articles, normalised, linked to its subject, queryable in DuckDB."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Document", "Figure", "Problem", "__version__"]

if TYPE_CHECKING:
    from figures.model import Document, Figure, Problem


def __getattr__(name: str) -> Any:
    """Document, Figure and Problem from figures.model, imported on first use: `figures --help` and the
    commands that only read the database start without the model's dataclasses."""
    if name in ("Document", "Figure", "Problem"):
        from figures import model

        return getattr(model, name)
    raise AttributeError(f"module 'figures' has no attribute {name!r}")
