"""The "Add articles" panel: pasted text or uploaded files, extracted into the store."""
from __future__ import annotations

from datetime import date
from typing import Callable, Iterable

from geo.articles import Article, ArticleError, article_from_text, read_bytes
from geo.ingest import IngestStats, ingest_articles
from geo.store import EventStore, StoreError

ARTICLE_TYPES = ["txt", "html", "htm", "jsonl", "csv"]


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
                   progress: Callable[[int, int], None] | None = None) -> IngestStats:
    """Extract and store each article (already stored ones add nothing)."""
    return ingest_articles(store, articles, progress=progress, total=len(articles))


def intake_panel(store: EventStore) -> None:
    """Sidebar expander: paste or upload articles, then extract and store them."""
    import streamlit as st
    with st.sidebar.expander("Add articles"):
        pasted = st.text_area("Paste an article", key="paste", height=150)
        title = st.text_input("Its title", key="paste_title")
        published = st.date_input("Published", value=None, key="paste_date")
        files = st.file_uploader("…or upload article files", type=ARTICLE_TYPES,
                                 accept_multiple_files=True, key="article_files")
        if not st.button("Extract and store", key="add_articles"):
            return
        found, problems = articles_from_inputs(pasted, title, published,
                                               [(f.name, f.getvalue()) for f in files or []])
        for problem in problems:
            st.warning(problem)
        bar = st.progress(0.0, text="Extracting…")
        try:
            stats = store_articles(store, found, lambda done, total: bar.progress(
                done / total, text=f"{done}/{total} articles"))
            st.success(f"{stats.new_articles} new articles, {stats.events} events stored")
        except StoreError as e:
            st.error(str(e))
