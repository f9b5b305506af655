"""The pipeline: an article through the stages (mentions, incidents, events) to contract events."""
from __future__ import annotations

import hashlib
from typing import Callable

from ..articles import Article, ArticleFiles
from ..contract import Event
from ..gazetteer import Gazetteer
from ..gazetteer.prior import FeedPrior
from .events import to_event
from .incidents import merge
from .mentions import MentionFinder


class Extractor:
    """Turns articles into contract events; one instance can serve many articles."""

    def __init__(self, gazetteer: Gazetteer | None = None, acled_conventions: bool = False,
                 feed: FeedPrior | None = None):
        """acled_conventions: deaths told without a number get ACLED's figures (marked in notes).
        feed: learns, article by article, where the feed's events are, and ranks namesakes by
        it (without one, each article is read on its own: the same text, the same events)."""
        self.gazetteer = gazetteer or Gazetteer.load()
        self.acled_conventions = acled_conventions
        self.feed = feed
        self._mentions = MentionFinder(self.gazetteer, feed)

    def extract(self, article: Article, explain: bool = False) -> list[Event]:
        mentions, story_day = self._mentions.find(article)
        incidents = merge(mentions, story_day)
        if self.feed is not None:
            for place in {inc.place for inc in incidents}:
                self.feed.learn(self.gazetteer, place)
        digest = hashlib.sha1(article.body.encode("utf-8")).hexdigest()[:10]  # stable ids
        return [to_event(article, inc, f"{digest}-{n:02d}", story_day, explain, self.acled_conventions)
                for n, inc in enumerate(incidents, 1)]


def extract_paths(paths, report: Callable[[str], None], explain: bool = False,
                  progress: Callable[[int, int], None] | None = None,
                  acled_conventions: bool = False) -> tuple[list[dict], int]:
    """Event rows from every readable article file; returns them and how many files failed."""
    extractor = Extractor(acled_conventions=acled_conventions, feed=FeedPrior())
    files = ArticleFiles(paths, report, progress)
    events = [e.row() for article in files for e in extractor.extract(article, explain=explain)]
    return events, files.failed

