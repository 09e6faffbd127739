"""figures: every numeric figure in news articles, normalised, linked to its subject, queryable in DuckDB."""

from figures.model import Document, Figure, Problem

__version__ = "0.1.0"
__all__ = ["Document", "Figure", "Problem", "__version__"]
