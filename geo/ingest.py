"""Articles into the store: the one loop the CLI and the dashboard share."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from .articles import Article, ArticleFiles
from .extraction import Extractor


@dataclass
class IngestStats:
    articles: int = 0  # read
    new_articles: int = 0  # not stored before
    events: int = 0  # added or merged into stored ones
    failed: int = 0  # files (or parts of files) that could not be read


def ingest_article(store, extractor: Extractor, article: Article) -> int | None:
    """Extract and store one article; None when it was stored already (nothing is added)."""
    if store.has_article(article.body):
        return None
    rows = [e.row() for e in extractor.extract(article)]
    added = store.add_article(article, rows)
    return None if rows and not added else added  # another process stored it first


def ingest_articles(store, articles: Iterable[Article], extractor: Extractor | None = None,
                    progress: Callable[[int, int], None] | None = None, total: int = 0) -> IngestStats:
    """Extract and store each article; the same article twice adds nothing.
    progress(done, total) is called after each article when given."""
    extractor = extractor or Extractor()
    stats = IngestStats()
    for article in articles:
        stats.articles += 1
        added = ingest_article(store, extractor, article)
        if added is not None:
            stats.new_articles += 1
            stats.events += added
        if progress:
            progress(stats.articles, total)
    return stats


def ingest_paths(store, paths, report: Callable[[str], None],
                 progress: Callable[[int, int], None] | None = None) -> IngestStats:
    """Extract and store the articles in files and folders; unreadable files are reported."""
    files = ArticleFiles(paths, report, progress)
    stats = ingest_articles(store, files)
    stats.failed = files.failed
    return stats
