"""Adding articles and reviewing events from the dashboard: plain functions over the store."""
from __future__ import annotations

from datetime import date
from typing import Callable, Iterable

from geo.articles import Article, ArticleError, article_from_text, read_bytes
from geo.extract import Extractor
from geo.ingest import ingest_article
from geo.store import EventStore


def articles_from_inputs(pasted: str, title: str, published: date | None,
                         files: Iterable[tuple[str, bytes]]) -> tuple[list[Article], list[str]]:
    """Articles from pasted text and uploaded files; problems as one line each."""
    articles, problems = [], []
    if pasted.strip():
        articles.append(article_from_text(pasted, f"pasted-{abs(hash(pasted)) % 10**8:08d}",
                                          title=title, published=published))
    for name, raw in files:
        try:
            found, issues = read_bytes(name, raw)
        except ArticleError as e:
            problems.append(f"{name}: skipped: {e}")
            continue
        articles.extend(found)
        problems.extend(f"{name}: {i}" for i in issues)
    return articles, problems


def store_articles(store: EventStore, articles: list[Article],
                   progress: Callable[[int, int], None] = lambda done, total: None) -> dict:
    """Extract and store each article (already stored ones add nothing)."""
    extractor = Extractor()
    stats = {"articles": len(articles), "new": 0, "events": 0}
    for n, article in enumerate(articles, 1):
        added = ingest_article(store, extractor, article)
        if added is not None:
            stats["new"] += 1
            stats["events"] += added
        progress(n, len(articles))
    return stats


def edit_changes(row: dict, form: dict) -> dict:
    """Only the fields the analyst changed, typed as the store keeps them."""
    changes = {}
    for key, value in form.items():
        old = row.get(key)
        if key == "event_date":
            value = value.isoformat() if hasattr(value, "isoformat") else str(value)
            old = old.strftime("%Y-%m-%d") if hasattr(old, "strftime") else str(old)
        if key in ("fatalities", "injuries"):
            value = None if value is None or value == "" else int(value)
            old = None if old is None or old != old else int(old)
        if value != old:
            changes[key] = value
    return changes


def relocate(changes: dict, row: dict) -> tuple[dict, str]:
    """A new place name is geocoded offline (near the event's old region and country), so
    the pin moves with it. Returns the changes and a problem ('' when none)."""
    if "location" not in changes:
        return changes, ""
    from geo.gazetteer import Gazetteer
    from geo.gazetteer.index import GeoContext
    place = Gazetteer.load().resolve(changes["location"], GeoContext(
        regions={row.get("admin1") or ""}, countries={row.get("country") or ""}))
    if place is None:
        rest = {k: v for k, v in changes.items() if k != "location"}
        return rest, f"no place called {changes['location']!r} in the gazetteer; the place was not changed"
    return {**changes, "location": place.name, "latitude": place.latitude, "longitude": place.longitude,
            "admin1": place.admin1, "country": place.country, "geo_precision": place.geo_precision}, ""
