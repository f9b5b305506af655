"""Extraction with a time limit: a child process does the work, so an article that takes too
long can be stopped (a thread cannot be), and the server's own threads stay responsive while
a batch is read. The child loads the gazetteer once per batch (about a second, warm)."""
from __future__ import annotations

import multiprocessing
import time
from typing import Callable

from .articles import Article

_START_SECONDS = 120  # a cold start builds the gazetteer index (about 8 s, once per machine)
_TICK = 0.25  # how often the caller hears how long the article has taken


class ArticleSkipped(Exception):
    """An article whose extraction failed or passed the time limit (stopped; nothing stored)."""


def _serve(conn, feed) -> None:
    from .extraction import Extractor
    extractor = Extractor(feed=feed)  # one child per batch: the feed learns from the batch as it goes
    conn.send(("ready", None))
    while True:
        article = conn.recv()
        if article is None:
            return
        try:
            conn.send(("rows", [e.row() for e in extractor.extract(article)]))
        except Exception as e:  # noqa: BLE001 - reported to the caller, who names the article
            conn.send(("error", f"{type(e).__name__}: {e}"))


class TimedExtractor:
    """extract_rows(article) in a child process, stopped after `seconds`."""

    def __init__(self, seconds: float, feed=None):
        """feed: a FeedPrior the child's extractor ranks namesakes by (and adds to)."""
        self.seconds = seconds
        self.feed = feed
        self.process = None
        self.conn = None

    def _start(self) -> None:
        ctx = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, self.feed), daemon=True, name="geo-extract")
        self.process.start()
        child.close()
        if not self.conn.poll(_START_SECONDS):
            self.stop()
            raise RuntimeError("the extraction process did not start")
        self.conn.recv()

    def extract_rows(self, article: Article, wait: Callable[[float], None] | None = None) -> list[dict]:
        """Contract rows of the article; ArticleSkipped past the limit. wait(fraction of the
        time allowed) is called while the child works."""
        if self.process is None or not self.process.is_alive():
            self._start()
        self.conn.send(article)
        started = time.monotonic()
        while not self.conn.poll(_TICK):
            elapsed = time.monotonic() - started
            if elapsed > self.seconds:
                self.stop(at_once=True)
                raise ArticleSkipped(f"reading it took more than {self.seconds:g} s (the limit per article)")
            if wait:
                wait(min(elapsed / self.seconds, 0.99))
        kind, value = self.conn.recv()
        if kind == "error":
            raise ArticleSkipped(f"could not be read ({value})")
        return value

    def stop(self, at_once: bool = False) -> None:
        if self.process is None:
            return
        if self.process.is_alive() and not at_once:
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.process.join(1)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self.conn.close()
        self.process = self.conn = None
