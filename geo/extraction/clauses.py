"""Within one sentence: which clauses tell its news and which its background, where an
interception happened, and whether a toll belongs to a list of towns told before it."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..gazetteer import CITY, COUNTRY, REGION, Place
from ..gazetteer.names import normalize
from .casualties import Casualty
from .guards import Guarded
from .places import PlaceMention

# The war's theatre: incidents elsewhere ('the grain deal signed in Istanbul') are not ours.
THEATRE = {"UA", "RU", "BY", "MD", "PL", "RO", "SK", "HU", "LT", "LV", "EE", "FI", "GE"}
# 'killing one person in Toretsk', '... in the village of X': a toll of a place it names (not
# 'in the Donetsk region', 'in Kherson Oblast')
IN_A_SETTLEMENT = re.compile(r"\s+in\s+(?:the\s+(?:village|town|city|settlement|hamlet)\s+of\s+)?"
                             r"(?!(?:Russian|Ukrainian)\b)"  # 'nine wounded in Russian attacks on the region'
                             r"[A-Z][\w’'-]+\b(?!\s+(?:[Rr]egion|[Oo]blast|[Pp]rovince|[Dd]istrict|[Kk]rai))")


@dataclass
class Located:
    """A place mention and the place it was resolved to (None: not in the gazetteer)."""
    mention: PlaceMention
    place: Place | None


# 'launched from the Kursk and Bryansk regions', 'heading towards Kyiv': not where air defences
# fired; ', ' or ' and ' between two names carries the preposition on down a list
_NOT_OVER = re.compile(r"\b(?:from|towards?|at|targeting|against)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}$")
_PREPOSITION = re.compile(r"\b(?:over|above|in|near|across|around|from|towards?|at|targeting|against)\b")


def interception_spots(text: str, start: int, end: int, located: list[Located]) -> list[Place]:
    """The regions or towns over which an interception happened, each once; a region, or a
    district ('above Belgorodskiy district'), yields to a town named in its region."""
    spots: list[tuple[Place, bool]] = []  # (place, told as a region or district)
    over, last_end = True, start
    for loc in located:
        if not start <= loc.mention.start < end or loc.mention.role not in ("locative", "plain") \
                or not in_theatre(loc.place) or loc.place.kind not in (CITY, REGION):
            continue
        if _PREPOSITION.search(text[last_end:loc.mention.start]) or last_end == start:
            over = not _NOT_OVER.search(text, max(start, loc.mention.start - 40), loc.mention.start)
        last_end = loc.mention.end
        wide = loc.place.kind == REGION or bool(loc.mention.district)
        if over and all(loc.place != p for p, _ in spots):
            spots.append((loc.place, wide))
    towns = {p.admin1 for p, wide in spots if not wide}
    return [p for p, wide in spots if not wide or p.admin1 not in towns]


# 'Avdiivka, which fell in February, ...', 'Since the capture of Bakhmut in May 2023, ...': what
# happened before, told as the background of this sentence's news
_BACKGROUND = Guarded(re.compile(r"\b[Aa]fter\s+the\s+(?:liberation|capture|fall|occupation|seizure)\s+of\b[^,;.]*|"
                                 r",\s+(?:which|who)\s+(?:[\w’'-]+\s+){0,4}?"
                                 r"(?:fell|captured|seized|occupied|liberated|"
                                 # (not 'which took place on')
                                 r"annexed|retook|recaptured|retaken|took\s+control)\b[^,;.]*|"
                                 r"\b[Ss]ince\s+(?:the\s+)?(?:fall|capture|seizure|liberation|"
                                 r"occupation|start|beginning|launch|outbreak|invasion|annexation)\b[^,;.]*|"
                                 # 'the territories liberated by Ukraine's counteroffensive last autumn', 'Kupiansk
                                 # was occupied by Russian forces from Feb. 27 to Sept. 10, 2022'
                                 r"\b(?:territor(?:y|ies)|areas?|lands?|villages?|towns?|settlements?|cities)\s+"
                                 r"(?:[\w’'-]+\s+){0,4}?(?:liberated|recaptured|captured|occupied|seized|retaken)"
                                 r"\s+by\b[^,;.]*|"
                                 r"\b(?:was|were|had\s+been)\s+(?:occupied|under\s+(?:\w+\s+)?occupation)\b[^;]*"))


def background_spans(text: str, casualties: list[Casualty]) -> list[tuple[int, int]]:
    """Background clauses, but not one that tells a toll ('a missile, which killed 35 people')."""
    spans = [m.span() for m in _BACKGROUND.finditer(text)]
    return [(a, b) for a, b in spans if not any(a <= c.start < b for c in casualties)]


def inside(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= at < b for a, b in spans)


_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_TOLL_GAP = re.compile(r"[^;:()\[\].]{0,120}")  # the same clause: no coder's brackets, no full stop


def tolls_after_lists(text: str, located: list[Located], casualties: list[Casualty],
                       cuts: list[int]) -> tuple[list[Casualty], list[tuple[int, int]]]:
    """'Russian drones smashed into Kyiv and Kharkiv, killing four people': a toll after a list
    of towns, in their clause, is no one town's (it is shared out, as one told after them is)."""
    towns = [loc for loc in located if loc.place is not None and loc.place.kind == CITY and not loc.mention.district
             and loc.mention.role in ("locative", "plain") and in_theatre(loc.place)]
    spans, out = [], []
    for c in casualties:
        run = _list_ending_before(text, towns, c.start, cuts)
        if c.over_places or not run or IN_A_SETTLEMENT.match(text, c.end):
            out.append(c)
            continue
        out.append(replace(c, towns_before=True))
        spans.append((run[0].mention.start, run[-1].mention.end))
    return out, spans


def _list_ending_before(text: str, towns: list[Located], at: int, cuts: list[int]) -> list[Located]:
    """The last list of two or more towns before `at`, in its segment, with no other town between."""
    before = [t for t in towns if t.mention.end <= at and not any(t.mention.end <= c <= at for c in cuts)]
    if len(before) < 2 or not _TOLL_GAP.fullmatch(text, before[-1].mention.end, at):
        return []
    run = [before[-1]]
    for t in reversed(before[:-1]):
        gap = _LIST_GAP.fullmatch(text, t.mention.end, run[0].mention.start)
        if not gap or ("and" not in gap.group(0) and _names_its_region(run[0], t)):
            break  # ('Slovyansk, Donetsk killing 15': the town and its region)
        run.insert(0, t)
    return run if len({t.place for t in run}) > 1 else []


def _names_its_region(later: Located, town: Located) -> bool:
    return bool(town.mention.within) or normalize(later.mention.text) in normalize(town.place.admin1 or "")


def in_theatre(place: Place | None) -> bool:
    return place is not None and place.kind != COUNTRY and place.country in THEATRE
