"""Articles from paths, and into the store: the loop the CLI and the dashboard share."""
from __future__ import annotations

import sys
import time
from typing import Callable, Iterator

from .articles import Article, ArticleError, expand_paths, read_file


def _progress(done: int, total: int, started: float) -> None:
    """A one-line progress bar on stderr once a run takes more than two seconds."""
    if time.monotonic() - started < 2 or not sys.stderr.isatty():
        return
    width = 30
    filled = int(width * done / max(total, 1))
    print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files",
          end="" if done < total else "\n", file=sys.stderr, flush=True)


def each_article(paths, report: Callable[[str], None], failed: list[int]) -> Iterator[Article]:
    """Articles from all readable files. Each unreadable file, or bad part of one, is
    reported as one line naming it and counted in failed[0]; the rest still come."""
    files = expand_paths(paths)
    started = time.monotonic()
    for n, path in enumerate(files, 1):
        try:
            articles, problems = read_file(path)
        except ArticleError as e:
            report(f"{path}: skipped: {e}")
            failed[0] += 1
            continue
        for problem in problems:
            report(f"{path}: {problem}")
        failed[0] += bool(problems)
        yield from articles
        _progress(n, len(files), started)
    if not files:
        report("no article files found in " + ", ".join(map(str, paths)))
        failed[0] += 1


def ingest_article(store, extractor, article: Article) -> int | None:
    """Extract and store one article; None when it was stored already (nothing is added)."""
    if store.has_article(article.body):
        return None
    rows = [e.row() for e in extractor.extract(article)]
    added = store.add_article(article, rows)
    return None if rows and not added else added  # another process stored it first


def ingest_paths(store, paths, report=None) -> dict:
    """Extract and store; the same article twice adds nothing. Returns counts."""
    from .extract import Extractor
    report = report or (lambda msg: print(msg, file=sys.stderr))
    extractor = Extractor()
    failed = [0]
    stats = {"articles": 0, "new_articles": 0, "events": 0}
    for article in each_article(paths, report, failed):
        stats["articles"] += 1
        added = ingest_article(store, extractor, article)
        if added is not None:
            stats["new_articles"] += 1
            stats["events"] += added
    return {**stats, "failed": failed[0]}
