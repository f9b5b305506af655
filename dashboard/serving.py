"""How the dashboard's server sends files: downloads go out uncompressed.

Streamlit 1.67 on Starlette >= 1.5 gzips every text download at level 9, on every request,
and its front end asks for a deferred download twice (a check of the URL, then the file):
a 73 MB CSV of 150,000 events cost 1.4 s of server CPU per click. Streamlit itself serves
its static files uncompressed for the same reason (the CPU cost recurs on every request)
and, on older Starlette, its media too; we take that same, tested path for media. A proxy
in front of a team's server may still compress.
"""
from __future__ import annotations

# Streamlit's own private switch (its version is pinned in pyproject.toml): False sends media
# and ranged requests around gzip, as it does on Starlette < 1.5.
_LEGACY_SWITCH = "_STARLETTE_HANDLES_MEDIA_AND_RANGE"


def serve_downloads_uncompressed() -> bool:
    """Route /media/ (downloads) and ranged requests around gzip. False when this Streamlit
    has no such switch (a newer one may have changed it: test_browser.py's
    test_downloads_are_sent_uncompressed notices, as the CSV comes back gzipped)."""
    try:
        from streamlit.web.server.starlette import starlette_gzip_middleware as gzip_layer
    except ImportError:  # a server without the Starlette layer compresses nothing of ours
        return False
    if not hasattr(gzip_layer, _LEGACY_SWITCH):
        return False
    setattr(gzip_layer, _LEGACY_SWITCH, False)
    return True
