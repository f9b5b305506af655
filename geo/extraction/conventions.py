"""ACLED's counting conventions, in one place.

- A coder's remark states the event's figure: '[… 4 fatalities coded to this event]',
  '(fatalities split between 5 events and coded as 14)', 'Unspecified fatalities coded as 3'.
  It is text stating a number, so it is read by default.
- A total split across events without a figure for this one ('60 … killed near A, B and C
  (fatalities split between 3 events)') gives each event the total's even share, rounded down.
- Deaths without a number ('dozens', 'killing soldiers') stay empty by default, the words kept
  in notes. With the ACLED-conventions option they get ACLED's figures (tens 10, dozens 12,
  hundreds 100, thousands 1,000; otherwise 10 for a major attack, 3 for a limited one),
  marked in notes so the figure is never mistaken for a stated one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import NUMBER, parse_number

_FIGURE = rf"(?P<n>{NUMBER})"
_DEATHS = r"(?:fatalit(?:y|ies)|deaths?|killed|dead)"
# '4 fatalities coded to this event', '25 fatalities coded in this event'
_THIS_EVENT = re.compile(rf"\b{_FIGURE}\s+{_DEATHS}\s+(?:(?:were|was|are|is)\s+)?"
                         r"(?:coded|attributed|assigned|counted)\s+(?:to|in|for|at|under)\s+this\s+event", re.I)
# 'coded as 14', 'Unspecified fatalities coded as 3'; not 'coded as 10 fatalities split across 3 events'
_CODED_AS = re.compile(rf"(?P<overall>\b(?:overall|total|in\s+total)\s+(?:\w+\s+){{0,3}}?)?\bcoded\s+as\s+{_FIGURE}\b"
                       r"(?!\s+(?:\w+\s+)?(?:were\s+)?split)", re.I)
# '(90 fatalities split across three events …)', 'fatalities split between 5 events'
_SPLIT = re.compile(rf"\b(?:(?P<total>{NUMBER})\s+)?(?:{_DEATHS}\s+)?(?:(?:were|was)\s+)?split\s+(?:evenly\s+)?"
                    rf"(?:between|across|among|over|into)\s+(?P<parts>{NUMBER})\s+(?:\w+\s+)?"
                    r"(?:events|locations|places|settlements|villages|areas)", re.I)

VAGUE_FIGURES = {"tens": 10, "dozens": 12, "a dozen": 12, "hundreds": 100, "thousands": 1000}
MAJOR_UNNUMBERED, LIMITED_UNNUMBERED = 10, 3
_MAJOR = re.compile(r"\b(?:massive|massed|large-scale|major|heavy|intense|intensive|mass|devastating)\b", re.I)
CONVENTION_NOTE = "[ACLED convention: {figure} fatalities for '{words}']"
UNNUMBERED_NOTE = "[deaths stated without a number: '{words}']"
_NOTE_RE = re.compile(r"\[ACLED convention: (?P<n>\d+) fatalities for '[^']*'\]|"
                      r"\[deaths stated without a number: '(?P<words>[^']*)'\]")


@dataclass(frozen=True)
class Remark:
    """A coder's remark: the figure stated for this event, or how a total is split."""
    start: int
    figure: int | None  # stated for this event
    parts: int | None = None  # split across this many events
    total: int | None = None  # the total split, when the remark names it
    rank: int = 0  # which remark decides: 'overall … coded as' 3, 'coded to this event' 2, 'coded as' 1, a split 0


def find_remark(text: str) -> Remark | None:
    """The most decisive coder's remark in a sentence, if any."""
    lowered = text.lower()
    if "coded" not in lowered and "split" not in lowered:
        return None  # nearly every sentence, and a cheap test
    found = []
    for m in _CODED_AS.finditer(text):
        if (n := parse_number(m["n"])) is not None:
            found.append(Remark(m.start(), n, rank=3 if m["overall"] else 1))
    for m in _THIS_EVENT.finditer(text):
        if (n := parse_number(m["n"])) is not None:
            found.append(Remark(m.start(), n, rank=2))
    if found:
        return max(found, key=lambda r: (r.rank, r.start))
    m = _SPLIT.search(text)
    if m and (parts := parse_number(m["parts"])):
        return Remark(m.start(), None, parts, parse_number(m["total"]) if m["total"] else None)
    return None


def share(total: int | None, parts: int | None) -> int | None:
    """An even share of a total split across events, rounded down (the conservative figure)."""
    return total // parts if total is not None and parts else None


def convention_figure(words: str, text: str) -> int:
    """ACLED's figure for deaths stated without a number ('dozens', 'killing soldiers')."""
    lowered = words.lower()
    for word, figure in VAGUE_FIGURES.items():
        if re.search(rf"\b{word}\b", lowered):
            return figure
    return MAJOR_UNNUMBERED if _MAJOR.search(text) else LIMITED_UNNUMBERED


def figure_from_notes(notes: str) -> int | None:
    """The ACLED-convention figure an event's notes record (for an export with the option)."""
    m = _NOTE_RE.search(notes or "")
    if not m:
        return None
    return int(m["n"]) if m["n"] else convention_figure(m["words"], notes)
