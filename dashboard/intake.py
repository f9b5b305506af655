"""The "Add articles" panel (editors): pasted text or uploaded files, extracted into the store as
one intake batch, within limits (articles per batch, size and time per article)."""
from __future__ import annotations

from datetime import date
from typing import Callable, Iterable

from geo.articles import Article, ArticleError, article_from_text, read_bytes
from geo.ingest import IngestStats, IntakeLimits, IntakeRefused, ingest_articles
from geo.roles import Account, NotAllowed
from geo.store import EventStore, StoreError

from .plain import plain

ARTICLE_TYPES = ["txt", "html", "htm", "jsonl", "csv"]
LIMITS = IntakeLimits()  # the dashboard's: a batch, an article's size, an article's time


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


def store_articles(store: EventStore, articles: list[Article], by: Account,
                   progress: Callable[[float, int], None] | None = None,
                   report: Callable[[str], None] = print, limits: IntakeLimits | None = LIMITS) -> IngestStats:
    """Extract and store the articles as one batch of `by`'s, within the intake limits
    (already stored ones add nothing). IntakeRefused when the batch is over the limit."""
    return ingest_articles(store, articles, by, progress=progress, total=len(articles), limits=limits,
                           report=report)


def intake_panel(store: EventStore, account: Account) -> None:
    """Sidebar expander: paste or upload articles, then extract and store them (one batch)."""
    import streamlit as st
    with st.sidebar.expander("Add articles"):
        st.caption(f"Up to {LIMITS.articles} articles a batch, {LIMITS.article_bytes // 1000} kB and "
                   f"{LIMITS.seconds:g} s each. An admin can undo a batch.")
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
            st.warning(plain(problem))
        bar = st.progress(0.0, text="Extracting…")

        def progress(done: float, total: int) -> None:
            bar.progress(min(done / max(total, 1), 1.0), text=f"{int(done)}/{total} articles read")
        try:
            stats = store_articles(store, found, account, progress, report=lambda m: st.warning(plain(m)))
        except (IntakeRefused, NotAllowed, StoreError) as e:
            st.error(plain(e))
            return
        batch = f" (batch {stats.batch})" if stats.batch else ""
        st.success(f"{stats.new_articles} new articles, {stats.events} events stored{batch}")
