"""Articles into the store: the one loop the CLI and the dashboard share.

Every run that stores something is one intake batch (geo.batches) in the name of the account
that asked for it. With `IntakeLimits` (the dashboard's), a batch above the article limit is
refused before anything is stored, a too-long article is skipped, and extraction runs in a
child process that is stopped when an article takes too long (geo.worker).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

from .articles import Article, ArticleFiles
from .batches import IntakeBatches
from .roles import EDITOR, Account, require
from .worker import ArticleSkipped, TimedExtractor

if TYPE_CHECKING:
    from .extraction import Extractor


@dataclass(frozen=True)
class IntakeLimits:
    articles: int = 200  # per batch: a flood is refused whole
    article_bytes: int = 300_000  # of text per article (a long feature is ~60 kB)
    seconds: float = 20.0  # of extraction per article


class IntakeRefused(ValueError):
    """A whole batch refused before anything was stored; the message says why."""


@dataclass
class IngestStats:
    articles: int = 0  # read
    new_articles: int = 0  # not stored before
    events: int = 0  # added or merged into stored ones
    failed: int = 0  # files (or parts of files) that could not be read
    skipped: int = 0  # articles over a limit (too long, too slow)
    batch: int | None = None  # the intake batch, when anything was stored


def check_batch_size(count: int, limits: IntakeLimits | None) -> None:
    if limits and count > limits.articles:
        raise IntakeRefused(f"{count} articles in one batch; the limit is {limits.articles}: "
                            f"nothing was stored (send them in smaller batches)")


class _Intake:
    """One batch in progress: opened when the first new article is stored."""

    def __init__(self, store, by: Account, extractor, limits: IntakeLimits | None):
        self.store, self.by, self.limits = store, by, limits
        self.extractor = extractor
        self.batches = IntakeBatches(store)
        self.batch: int | None = None

    def check_size(self, article: Article) -> None:
        size = len(article.body.encode("utf-8"))
        if self.limits and size > self.limits.article_bytes:
            raise ArticleSkipped(f"{size / 1000:,.0f} kB of text; the limit is "
                                 f"{self.limits.article_bytes / 1000:,.0f} kB per article")

    def store_one(self, article: Article, wait: Callable[[float], None]) -> int | None:
        """Events stored for the article; None when it was stored already. ArticleSkipped
        when it could not be read in time."""
        if self.store.has_article(article.body):
            return None
        if isinstance(self.extractor, TimedExtractor):
            rows = self.extractor.extract_rows(article, wait)
        else:
            rows = [e.row() for e in self.extractor.extract(article)]
        if self.batch is None:
            self.batch = self.batches.open(self.by)
        added = self.store.add_article(article, rows, self.by, self.batch)
        return None if rows and not added else added  # another process stored it first

    def close(self) -> None:
        if self.batch is not None:
            self.batches.close(self.batch)
        if isinstance(self.extractor, TimedExtractor):
            self.extractor.stop()


def ingest_articles(store, articles: Iterable[Article], by: Account, extractor: Extractor | None = None,
                    progress: Callable[[float, int], None] | None = None, total: int = 0,
                    limits: IntakeLimits | None = None, report: Callable[[str], None] = print) -> IngestStats:
    """Extract and store each article as one batch of `by`'s; the same article twice adds
    nothing. progress(done, total) is called as articles go (fractions while one is read)."""
    require(by, EDITOR, "add articles")  # before any work is done for a viewer
    check_batch_size(total, limits)
    if limits:
        extractor = TimedExtractor(limits.seconds, feed=_feed_of(store))
    if extractor is None:
        from .extraction import Extractor  # loaded on first use: its rules take a moment to compile
        extractor = Extractor(feed=_feed_of(store))
    intake = _Intake(store, by, extractor, limits)
    stats = IngestStats()
    try:
        for article in articles:
            stats.articles += 1
            done = stats.articles - 1
            try:
                intake.check_size(article)
                added = intake.store_one(article, lambda f: progress and progress(done + f, total))
            except ArticleSkipped as e:
                report(f"{article.id}: skipped: {e}")
                stats.skipped += 1
                added = None
            if added is not None:
                stats.new_articles += 1
                stats.events += added
            if progress:
                progress(stats.articles, total)
    finally:
        intake.close()
    stats.batch = intake.batch
    return stats


def _feed_of(store):
    """Where the store's events already are, to rank the batch's namesakes; the batch's own
    sure places then add to it as it is read (prior.py)."""
    from .gazetteer import Gazetteer
    from .gazetteer.prior import prior_of_places
    from .store import place_counts
    return prior_of_places(Gazetteer.load(), place_counts(store))


def ingest_paths(store, paths, report: Callable[[str], None], by: Account,
                 progress: Callable[[int, int], None] | None = None) -> IngestStats:
    """Extract and store the articles in files and folders; unreadable files are reported."""
    files = ArticleFiles(paths, report, progress)
    stats = ingest_articles(store, files, by, report=report)
    stats.failed = files.failed
    return stats
