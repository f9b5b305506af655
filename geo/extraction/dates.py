"""Date words resolved against the publication date, with ACLED time precision.

time_precision: 1 = the day is known, 2 = the week ('days ago', 'last week'),
3 = the month or vaguer ('in August' -> the 15th, as ACLED codes it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .alternation import Alternation
from .guards import Guarded
from .lowercase import lower_pattern, lowered

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a": 1}


@dataclass(frozen=True)
class DateMention:
    day: date
    precision: int
    start: int
    end: int
    text: str
    relative_to_next: bool = False  # 'days after <another incident>': dates the next one


def _month_num(word: str) -> int:
    return _MONTH_ABBR[word.lower().rstrip(".")[:4] if word.lower().startswith("sept") else word.lower()[:3]]


def _latest(pub: date, month: int, day: int | None = None) -> date:
    """The most recent month/day on or before the publication date."""
    year = pub.year
    candidate = date(year, month, min(day or 15, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31))
    if (candidate.month, candidate.day if day else 1) > (pub.month, pub.day if day else 1):
        candidate = candidate.replace(year=year - 1)
    return candidate


def _weekday(pub: date, name: str) -> date:
    delta = (pub.weekday() - WEEKDAYS.index(name.lower())) % 7
    return pub - timedelta(days=delta)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


_RULES: list[tuple[str, re.Pattern, callable]] = []
# The words each rule needs, found in one pass: a rule whose word is missing is not tried.
_NEED_WORDS = {"month": r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", "days": "days", "day": "day",
               "time": "night|morning|today|tonight|afternoon|evening|hours", "week": "week", "monthly": "month"}
_NEED_NAMES = list(_NEED_WORDS)
_NEEDS = Alternation(list(_NEED_WORDS.values()))  # tried only where one of the words can start


def rule(pattern: str, *needs: str):
    """A date rule, matched on lower-cased text; `needs`: the _NEEDS groups it needs one of (and it
    is tried only on a text that has the words it cannot match without: guards.py)."""
    def register(fn):
        _RULES.append((needs, Guarded(re.compile(lower_pattern(pattern))), fn))
        return fn
    return register


# 'on the night of Nov. 17-18', 'the night of 17 to 18 November': the morning it ends, as for
# 'overnight' (first, so the day in it is not read alone)
@rule(rf"\bnight\s+of\s+(?:(?P<m1>{_MONTH})\s+)?(?P<d1>\d{{1,2}})\s*(?:-|–|to|into)\s*(?P<d2>\d{{1,2}})"
      rf"(?:\s+(?P<m2>{_MONTH}))?", "month")
def _night_of(m, pub):
    if not (m["m1"] or m["m2"]):
        return None
    mon, d1, d2 = _month_num(m["m1"] or m["m2"]), int(m["d1"]), int(m["d2"])
    if d2 < d1 and m["m1"] and not m["m2"]:  # 'the night of Oct. 31-1': it ends in the next month
        mon = mon % 12 + 1
    return _safe_date(pub.year, mon, d2) and (_latest(pub, mon, d2), 1)


@rule(rf"\b(?:on\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>\d{{4}}))?\b", "month")
def _day_month(m, pub):
    mon = _month_num(m["m"])
    if m["y"]:
        d = _safe_date(int(m["y"]), mon, int(m["d"]))
        return d and (d, 1)
    d = _safe_date(pub.year, mon, int(m["d"]))
    return d and (_latest(pub, mon, int(m["d"])), 1)


@rule(rf"\b(?:on\s+)?(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}}))?", "month")
def _month_day(m, pub):
    return _day_month(m, pub)


@rule(r"\b(?:overnight|last night|this morning|earlier today|today|tonight|this afternoon|"
      r"this evening|early hours(?!\s+of\s+\w+day))\b", "time")  # 'the early hours of Sunday': Sunday
def _today(m, pub):
    return pub, 1


@rule(r"\b(?:yesterday|the previous day|a day earlier|the day before)\b", "day")
def _yesterday(m, pub):
    return pub - timedelta(days=1), 1


@rule(r"\b(?:on\s+|late\s+|early\s+|last\s+)?(?P<w>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b",
      "day")
def _on_weekday(m, pub):
    return _weekday(pub, m["w"]), 1


@rule(r"\b(?P<n>one|two|three|four|five|six|seven|a|\d)\s+days?\s+(?:ago|earlier|before)\b", "day")
def _n_days_ago(m, pub):
    n = _SMALL.get(m["n"].lower()) or int(m["n"])
    return pub - timedelta(days=n), 1


@rule(r"\b(?:(?:just|only|a few|few|several)\s+)+days\s+(?:ago|earlier|before|after)\b|\bdays\s+(?:ago|earlier)\b|"
      r"\bearlier this week\b", "days", "week")
def _days_ago(m, pub):
    return pub - timedelta(days=3), 2


@rule(r"\blast week\b|\ba week (?:ago|earlier)\b", "week")
def _last_week(m, pub):
    monday = pub - timedelta(days=pub.weekday() + 7)
    return monday + timedelta(days=3), 2  # Thursday: the middle of that week


@rule(r"\b(?:the|this|last|over\s+the)\s+weekend\b", "week")
def _weekend(m, pub):
    return _weekday(pub, "saturday"), 2  # 'the weekend missile strike', told on Monday


@rule(rf"\b(?:in|since|during|from)\s+(?:early\s+|late\s+|mid-?)?(?P<m>{_MONTH})(?:\s+(?P<y>\d{{4}}))?\b(?!\s+\d)",
      "month")
def _in_month(m, pub):
    mon = _month_num(m["m"])
    if m["y"]:
        return date(int(m["y"]), mon, 15), 3
    return _latest(pub, mon), 3


@rule(rf"\b(?:at the end|the end|end|at the beginning|the beginning|the start|the middle|"
      rf"early|late|mid)\s+of\s+(?P<m>{_MONTH})(?:\s+(?P<y>\d{{4}}))?\b", "month")
def _part_of_month(m, pub):
    return _in_month(m, pub)


@rule(r"\blast month\b", "monthly")
def _last_month(m, pub):
    first = pub.replace(day=1) - timedelta(days=1)
    return first.replace(day=15), 3


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Date expressions in text, resolved; empty without a publication date."""
    if published is None:
        return []
    found: list[DateMention] = []
    low = lowered(text)
    present = {_NEED_NAMES[k] for k, _ in _NEEDS.finditer(low)}
    if "days" in present:
        present.add("day")
    for needs, pattern, resolve in _RULES:
        if present.isdisjoint(needs):
            continue
        for m in pattern.finditer(low):
            if any(d.start < m.end() and m.start() < d.end for d in found):
                continue
            got = resolve(m, published)
            if not got:
                continue
            day, precision = got
            if day > published:
                continue
            relative = m.group(0).endswith(("after", "before"))
            found.append(DateMention(day, precision, m.start(), m.end(), text[m.start():m.end()], relative))
    return sorted(found, key=lambda d: d.start)
