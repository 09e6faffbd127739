"""Reader for saved web pages: the article's main text through trafilatura, with its metadata.

Title, outlet (``og:site_name`` or the site's name), canonical URL and publication date come from the
page's markup. The date is taken from markup only (meta tags, ``<time>``, the URL), never guessed from
the body text. Pages not in UTF-8 are read in the charset they declare, else the one charset-normalizer finds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from figures.ingest.dates import DateError, parse_date
from figures.ingest.decode import Encoding, decode
from figures.model import Document, Problem, text_id

_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_CHARSET_SEARCH_BYTES = 4096  # browsers look for the declaration in the first 1024 bytes; be lenient


def read_html(
    path: str, data: bytes, decoded_from: Callable[[Encoding], None] | None = None
) -> Iterator[Document | Problem]:
    """The one article of a saved page, or a Problem saying why there is none.

    ``decoded_from`` is told the encoding of a page that was not UTF-8.
    """
    declared = _DECLARED_CHARSET.search(data[:_CHARSET_SEARCH_BYTES])
    decoded = decode(path, data, declared.group(1).decode("ascii") if declared else None)
    if isinstance(decoded, Problem):
        yield decoded
        return
    page, encoding = decoded
    if decoded_from is not None:
        decoded_from(encoding)
    # trafilatura is slow to import; only pay for it when there is a page to read.
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(
            page,
            with_metadata=True,
            # page furniture stays out: comments, link lists, images and their captions (issue 8)
            include_comments=False,
            include_links=False,
            include_images=False,
            favor_precision=True,
            deduplicate=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as error:  # noqa: BLE001 - a broken page must not stop the run
        yield Problem(path, None, f"the page could not be read ({type(error).__name__}: {error})")
        return
    text = (getattr(extracted, "text", None) or "").strip() if extracted is not None else ""
    if not text:
        yield Problem(path, None, "no article text found in the page")
        return
    date = None
    written_date = getattr(extracted, "date", None)
    if written_date:
        try:
            date = parse_date(str(written_date))
        except DateError as error:
            yield Problem(path, None, f"{error}; the article is kept without a date")
    yield Document(
        doc_id=text_id(text),
        text=text,
        title=getattr(extracted, "title", None) or None,
        source=getattr(extracted, "sitename", None) or None,
        date=date,
        url=getattr(extracted, "url", None) or None,
        path=path,
        line=1,
    )
