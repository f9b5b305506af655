"""Extraction: an article in, one contract event per incident it reports out.

Stages, each a module: `mentions` (sentences -> incident mentions, using the finders in
sentences, numbers, casualties, dates, places and lexicon), `incidents` (mentions of one
incident merged; the same-incident rules), `events` (incident -> contract row).

The pipeline (`Extractor`, `extract_paths`) lives in `pipeline` and loads on first use, so
readers of events (the dashboard, the store) do not compile the extraction rules.
"""
from __future__ import annotations

__all__ = ["Extractor", "extract_paths"]


def __getattr__(name: str):
    if name in __all__:
        from . import pipeline
        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
