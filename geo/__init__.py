"""War reports in, mapped events out: reading, extraction and offline geocoding."""
from .contract import COLUMNS, Event

__all__ = ["COLUMNS", "Event"]
