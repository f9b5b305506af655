"""Serve Leaflet and its plugins locally, so the map renders with no internet.

folium links its JavaScript and CSS from CDNs. The folium-offline package ships
the same files (as Python strings, keyed by their CDN URL); we write the ones
folium asks for into dashboard/static/ (served by Streamlit's static serving at
/app/static/) and point folium's classes at those local copies.
"""
from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
# Our own map code and supercluster (npm, ISC licence, vendored with its licence).
OWN_FILES = (HERE / "js" / "geo-events.js", HERE / "vendor" / "supercluster" / "supercluster.min.js")
STATIC_URL = "/app/static/"
# folium and folium-offline fetch jQuery from different CDNs under different names.
_SAME_FILE = {"jquery-3.7.1.min.js": "jquery.min.js"}


def _basename(url: str) -> str:
    return posixpath.basename(urlparse(url).path)


def _offline_resources() -> dict[str, str]:
    """Asset file name -> content, from the folium-offline package."""
    from offlinefolium.elements import _res  # the files, keyed by CDN URL
    return {_basename(url): content for url, content in _res.items()}


def _jscss_classes():
    import folium  # noqa: F401  (registers the classes)
    import folium.plugins  # noqa: F401
    from folium.elements import JSCSSMixin

    seen, todo = set(), [JSCSSMixin]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return seen


def install_offline_assets(static_dir: Path = STATIC_DIR, url_prefix: str = STATIC_URL) -> list[str]:
    """Write the assets and repoint folium at them. Returns links left remote (none expected
    for the classes the dashboard uses); CSS with no local copy is dropped, not fetched."""
    resources = _offline_resources()
    static_dir.mkdir(parents=True, exist_ok=True)
    missing = []
    for cls in _jscss_classes():
        for attr in ("default_js", "default_css"):
            links = cls.__dict__.get(attr)
            if not links:
                continue
            local = []
            for name, url in links:
                if url.startswith(url_prefix):
                    local.append((name, url))
                    continue
                base = _basename(url)
                content = resources.get(_SAME_FILE.get(base, base))
                if content is None:
                    if attr == "default_js":
                        missing.append(url)
                        local.append((name, url))
                    continue
                target = static_dir / base
                if not target.exists() or target.stat().st_size != len(content.encode("utf-8")):
                    target.write_text(content, encoding="utf-8")
                local.append((name, url_prefix + base))
            setattr(cls, attr, local)
    return missing


def _write_if_changed(target: Path, data: bytes) -> None:
    if not target.exists() or target.read_bytes() != data:
        tmp = target.with_suffix(target.suffix + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(target)


def install_map_assets(static_dir: Path = STATIC_DIR, url_prefix: str = STATIC_URL) -> str:
    """Copy our map code and supercluster into the static folder and write the orientation
    file (outlines, borders, labels) there; returns that file's URL. Its name carries a hash
    of its content, so a browser never keeps a stale copy."""
    from .orientation import orientation_json
    static_dir.mkdir(parents=True, exist_ok=True)
    for path in OWN_FILES:
        _write_if_changed(static_dir / path.name, path.read_bytes())
    data = orientation_json().encode("utf-8")
    name = f"orientation-{hashlib.sha256(data).hexdigest()[:12]}.json"
    _write_if_changed(static_dir / name, data)
    return url_prefix + name
