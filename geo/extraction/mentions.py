"""Stage 1: an article's sentences into incident mentions.

A mention is one report of an incident inside one sentence: the segment of the sentence
that tells it, where (a resolved place), when, the counts, the weapon, and whether it
opens a new incident or refers back to one. A sentence may hold several mentions
('…, where …', 'another strike …', '; …').
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from ..articles import DATELINE, Article
from ..gazetteer import CITY, COUNTRY, REGION, Gazetteer, GeoContext, Place
from ..gazetteer.beside import in_district, near_town
from ..gazetteer.names import normalize
from ..gazetteer.prior import FeedPrior
from .casualties import Casualty, find_casualties
from .conventions import Remark, find_remark
from .dates import DateMention, find_dates
from .lexicon import (ACCIDENT, AGGREGATE, ANAPHOR, CAMPAIGN, CAMPAIGN_SIZE, DISTINCT_INCIDENT, INTERCEPT, RECORD,
                      IRREALIS, MANY_TARGETS, NEW_INCIDENT, ONE_INCIDENT, WEAK, Cue, find_cues, first_weapon)
from .lowercase import lowered
from .numbers import NUMBER
from .places import PlaceMention, city_parts, find_places, person_names
from .sentences import split_sentences
from .clauses import (IN_A_SETTLEMENT, Located, background_spans, in_theatre, inside, interception_spots,
                      tolls_after_lists)
from .story_regions import in_a_region_named, regions_named, strays

NEARBY_SENTENCES = 3  # a region named this many sentences before a name (or in the next) is near it
DATELINE_SENTENCES = 40  # a wire dateline opens one of the first sentences, not a later one
# 'MOSCOW — A Russian civilian has been killed ...', 'KYIV, Ukraine — ...': where a live page's
# item was filed (any sentence may open one), not where its incident happened
_CAPS_DATELINE = re.compile(r"^[A-Z][A-Z’'. -]{2,40}(?:,\s+[A-Z][a-z]+)?\s+[—–-]\s+(?=[A-Z])")
_WHERE = re.compile(r",\s+where\b")
_SEMICOLON = re.compile(";")
# ', and in the southern city of X': a second place for the same verb, not this clause's.
_AND_IN = re.compile(r",\s+(?:and|while|as well as)\s+(?:also\s+)?(?:in|on|at|near)\b|\s+and\s+also\s+(?=[a-z])")
_TOWN = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?"
_LOCATIVE = r"(?:in|at|near)\s+(?:the\s+(?:(?:village|town|city|settlement)\s+of\s+)?)?"
# 'killed a man in Kherson and wounded two women in Beryslav': a second toll with a place of
# its own is another incident (a toll with none, 'killed two and wounded seven in X', is not);
# likewise '..., and a woman died in the village of X', '... and another in Stepnohirsk',
# '... in Kurakhove and one in Selydove',
# '..., while drone strikes injured three in the Polohy district', 'three in X, three more in Y'
_AND_ANOTHER_TOLL = re.compile(
    rf"\b(?:{_LOCATIVE}|(?:on|against|of)\s+the\s+(?:village|town|city|settlement)\s+of\s+)"
    rf"{_TOWN}(?:(?:\s*,\s*|\s+and\s+){_TOWN})*(?:\s+on\s+[\w.]+(?:\s+\d{{1,2}})?)?"
    rf"(?P<cut>,?\s+and\s+|,\s+while\s+|,\s+(?=(?:{NUMBER})\s))"  # '..., three more in Vyshneve'
    r"(?=(?:(?:[\w’'-]+\s+){0,4}?(?:(?:was|were)\s+)?"
    r"(?:killed|killing|died|wounded|wounding|injured|injuring|hurt)\s+"
    rf"(?:[\w’'-]+\s+){{0,4}}?|another\s+(?:[\w’'-]+\s+){{0,2}}?|(?:{NUMBER})\s+(?:[a-z]+\s+)?)"
    rf"{_LOCATIVE}[A-Z])")  # (looked ahead: the next toll's place may open another cut)
# 'five people were injured in attacks on homes, while two others were injured in a missile strike
# on ... the city of Kharkiv': a second toll, of its own incident
_WHILE_TOLL = re.compile(rf",\s+while\s+(?=(?:{NUMBER}|an?|one)\s+(?:[\w-]+\s+){{0,2}}?(?:were|was)\s+"
                         r"(?:killed|injured|wounded|hurt)\b)")
# '..., the governor said, adding that a man was wounded in Marhanets': a toll the speaker adds
# with a place of its own
_ADDED_TOLL = re.compile(r",\s+(?:adding|and added)\s+(?:that\s+)?(?=(?:[\w’'-]+\s+){0,6}?(?:(?:was|were)\s+)?"
                         r"(?:killed|died|wounded|injured|hurt)\s+(?:[\w’'-]+\s+){0,4}?"
                         rf"{_LOCATIVE}[A-Z])")
_TOLL_OF_IT = re.compile(r"\b(?:killed|died|wounded|injured|hurt)\s+(?:(?:in|by|during|from|after)\s+)?$")
# 'another injured', 'with another man': a second victim or accomplice of the same incident
_ANOTHER_VICTIM = re.compile(r"\s+(?:(?:was\s+)?(?:injured|wounded|hurt|killed|died)|(?:person|man|woman|civilian|"
                             r"resident|soldier|serviceman|child|teenager|boy|girl|suspect|accomplice)\b)")
# 'Debris fell on a house', after 'shot down 50 drones': the debris is of the weapon just named
_DEBRIS = re.compile(r"\b(?:debris|fragments|wreckage)\b", re.I)
_WHICH = re.compile(r",\s+(?:which|who)\b[^,;]*(?:,[^,;]*?)?(?=,\s+where\b|[;.]|$)")
_OPENS_NEW = re.compile(r"\s*(?:A|An)\s+(?:separate|second|further)\b|\s*(?:Separately|Elsewhere|In a separate)\b|"
                        r"\s*(?:Earlier|Before that|Previously),\s+(?:on|in)\s|"  # 'Earlier, on August 8, ...'
                        r"\s*(?:Several|A few|Some|\w+)\s+hours\s+(?:earlier|later|before)\b")
_OPENS_DISTINCT = re.compile(r"\s*(?:\S+\s+){0,4}?(?:another|a second|a further)\b")
# 'The attack …', 'As a result of the shelling, …': the incident just told
_REFERS_BACK = re.compile(rf"\W*(?:(?:as a result of|in|during|after|following|because of|due to|from|by)\s+)?"
                          rf"(?:{ANAPHOR.pattern})", re.I)
# The day a statement was made, not an incident's: 'said on Friday', 'told reporters on Monday',
# 'in a briefing on Friday' (the date mention follows immediately).
_REPORTED_ON = re.compile(r"\b(?:said|says|told|announced|claimed|reported|stated|added|wrote|posted|confirmed|"
                          r"briefing|statement|address|interview|speech)\b(?:\s+[\w’'-]+){0,2}\s*$")
_PAST_DAY = re.compile(r"\b(?:over|in|during)\s+the\s+(?:past|last|previous)\s+(?:day|24\s+hours)\b", re.I)
_ANTECEDENT_GAP = re.compile(r"[\s,]*(?:in (?:Russia|Ukraine)[\s,]*)?")


@dataclass
class Mention:
    """One report of an incident inside one sentence."""
    sentence: int
    text: str
    segment: str
    place: Place | None
    near: bool
    day: date | None
    precision: int
    killed: int | None
    wounded: int | None
    casualty_stated: bool
    acts: frozenset[str]  # what happened (lexicon's acts)
    weapons: tuple[str, ...]  # with what, in text order
    weapon: str  # the first weapon named: the contract's `weapon`
    new_incident: bool
    distinct: bool  # 'another', 'a second': never the same as an incident already told
    anaphoric: bool
    strong: bool  # says that something happened (not only 'launched' or 'fired' without a weapon)
    remark: Remark | None = None  # a coder's remark stating this event's figure
    places_total: int | None = None  # deaths summed over several places ('near A, B and C')
    places_wounded: int | None = None  # the wounded, likewise
    listed: tuple[Place, ...] = ()  # those places, when the segment names no place of its own
    towns_first: bool = False  # ... listed before the toll ('shelled Kherson and Beryslav, killing five')
    unnumbered: tuple[str, ...] = ()  # deaths told without a number ('killing soldiers')
    why: list[str] = field(default_factory=list)

    @property
    def disrupted(self) -> bool:
        """Only air defence at work: nothing hit ('launched' is the attack it stopped)."""
        return INTERCEPT in self.acts and self.acts <= {INTERCEPT, WEAK} and not self.casualty_stated


@dataclass
class SentenceFindings:
    index: int
    text: str  # the sentence, its wire dateline removed
    heading: bool
    places: list[PlaceMention]
    casualties: list[Casualty] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    remark: Remark | None = None
    _dates: list[DateMention] | None = field(default=None, repr=False)
    _background: list[tuple[int, int]] | None = field(default=None, repr=False)

    def dates(self, published: date | None) -> list[DateMention]:
        """The sentence's date words, found once (the story's day and the mentions both ask)."""
        if self._dates is None:
            found = find_dates(self.text, published)
            self._dates = [d for d in found if not inside(d.start, self.background)] if found else found
        return self._dates

    @property
    def background(self) -> list[tuple[int, int]]:
        """Its background clauses ('which fell in February'), found once."""
        if self._background is None:
            self._background = background_spans(self.text, self.casualties)
        return self._background

    @property
    def eventful(self) -> bool:
        """Says that something happened (an act, a casualty or a coder's figure)."""
        return bool(self.casualties or self.remark or any(c.act for c in self.cues))


@dataclass
class _Walk:
    """What the reading remembers from one sentence to the next."""
    context: GeoContext
    named_regions: set[str] = field(default_factory=set)  # 'sumy' once 'the region of Sumy' was read
    last_region: Place | None = None  # what 'the region' refers to
    last_town: Place | None = None  # what 'the city' refers to
    named: dict = field(default_factory=dict)  # name -> (the place it was resolved to, the region tied to it)
    ties: dict = field(default_factory=dict)  # name -> the region the article first ties it to
    coded: bool = False  # a coder's note ('coded to X'): its one event is where the coder put it


class MentionFinder:
    """Finds the incident mentions of an article, sentence by sentence."""

    def __init__(self, gazetteer: Gazetteer, feed: FeedPrior | None = None):
        self.gazetteer = gazetteer
        self.feed = feed  # where the feed's events are: ranks namesakes

    def find(self, article: Article) -> tuple[list[Mention], date | None]:
        """The article's mentions in reading order, and the day the story is about."""
        sentences = self._read(article)
        named_in = [regions_named(self.gazetteer, s) for s in sentences]
        walk = _Walk(self._context(sentences, named_in, article.dateline), ties=_ties(sentences))
        story_day = _story_day(sentences, article.published)
        out: list[Mention] = []
        weapon_before = ""  # the weapon the sentence before named (whose debris fell)
        for s in sentences:
            if s.heading:
                continue
            if s.places:  # (the regions named around it rank its names)
                walk.context.nearby = set().union(*named_in[max(0, s.index - NEARBY_SENTENCES):s.index + 2])
            located = self._resolve(s.places, walk)
            walk.coded = walk.coded or any(loc.mention.role == "coded" for loc in located)
            found = self._sentence_mentions(s, located, article.published, split=not walk.coded)
            for m in found:
                if not m.weapon and weapon_before and _DEBRIS.search(m.segment):
                    m.weapon, m.weapons = weapon_before, (weapon_before, *m.weapons)
            out.extend(found)
            self._remember_region(walk, located, found)
            weapon_before = first_weapon(s.cues)
        return out, story_day

    def _read(self, article: Article) -> list[SentenceFindings]:
        sentences = split_sentences(article.body)
        texts = [_without_dateline(i, s.text) for i, s in enumerate(sentences)]
        people, parts = person_names(texts, self.gazetteer), city_parts(texts, self.gazetteer)
        out = []
        for i, (text, s) in enumerate(zip(texts, sentences)):
            if s.heading:
                out.append(SentenceFindings(i, text, True, []))
                continue
            casualties, cues = _casualties_and_cues(text)
            found = SentenceFindings(i, text, False, [], casualties, cues, find_remark(text))
            # every place of a sentence that tells an incident; only the regions of the others
            # (they rank names elsewhere), which is far cheaper on the many sentences of comment
            found.places = find_places(text, self.gazetteer, people, regions_only=not found.eventful,
                                       city_parts=parts)
            out.append(found)
        return out

    def _context(self, sentences: list[SentenceFindings], named_in: list[set[str]], dateline: str) -> GeoContext:
        """The regions and countries the article names, and where its reporter is."""
        ctx = GeoContext(prior=self.feed, regions=set().union(*named_in))
        for s in sentences:
            for p in s.places:
                if p.kind in (REGION, COUNTRY) and p.role != "metonym":
                    r = self.gazetteer.resolve(p.text)
                    if r and (r.kind == REGION or (r.kind == COUNTRY and p.role == "locative")):
                        ctx.countries.add(r.country)
        if dateline:  # 'KYIV, Ukraine (AP)': where the reporter is helps rank names
            where = self.gazetteer.resolve(re.split(r"[,(]", dateline)[0].strip().title(), ctx)
            if where is not None and where.kind == CITY:
                ctx.anchors.append(where)
                ctx.countries.add(where.country)
        return ctx

    def _resolve(self, places: list[PlaceMention], walk: _Walk) -> list[Located]:
        """The sentence's places, in its order; those a distance is measured from first
        ('Serhiivka, 50km south of Odesa': Odesa ranks the Serhiivkas)."""
        located = {}
        for i in sorted(range(len(places)), key=lambda i: not (places[i].role == "context" and places[i].kind == CITY)):
            located[i] = self._located(places[i], walk)
        return [located[i] for i in range(len(places))]

    def _located(self, p: PlaceMention, walk: _Walk) -> Located:
        if p.kind == "anaphoric-region":
            return Located(p, walk.last_region)
        if p.kind == "anaphoric-town":
            return Located(p, walk.last_town)
        place = self._named_place(p, walk)
        if place and place.kind == REGION:
            walk.named_regions.update(_region_bases(p.text))
        if place and p.role in ("coded", "locative", "plain", "context") and place.kind == CITY \
                and place not in walk.context.anchors[-50:]:
            walk.context.anchors.append(place)  # '50km south of Odesa' places what follows
        if place and place.kind == CITY and p.role in ("coded", "locative", "plain"):
            walk.last_town = place
        return Located(p, place)

    def _named_place(self, p: PlaceMention, walk: _Walk) -> Place | None:
        """One name, one place in an article: 'Hryhorivka, Donetsk region' and a later bare
        'Hryhorivka' are the same place. A town the text ties to a region where our data has
        no such town is that region."""
        name = normalize(p.text)
        within = p.within or walk.ties.get(name, "")  # 'Horodyshche and Kreidiane (coded to Horodyshche, Luhansk)'
        known = walk.named.get(name)
        if known is None or (within and known[1] != within):
            if p.beside is not None and p.beside_level == "distance":  # 'Serhiivka, 50km south of Odesa'
                place = near_town(self.gazetteer, p.text, p.beside, p.beside_km, walk.context)
            elif p.beside is not None:  # 'Staryi (Volokonovskiy, Belgorod)'
                place = in_district(self.gazetteer, p.text, p.beside, walk.context, p.beside_level)
            else:
                place = self.gazetteer.resolve(p.text, walk.context, within=within)
            if within and place is not None and place.kind == CITY and not self.gazetteer.lies_in(place.admin1, within):
                place = self.gazetteer.region(within) or place
            elif place is not None and place.kind == CITY and name in walk.named_regions and p.role != "coded" \
                    and not p.called_town:
                # "a strike in Sumy" after "the region of Sumy": wire style for the region
                place = self.gazetteer.resolve(f"{p.text} region", walk.context, kinds=(REGION,)) or place
            elif not within and p.beside is None and p.kind == CITY and strays(place, walk.context, p.called_village):
                place = in_a_region_named(self.gazetteer, p.text, place, walk.context)
            walk.named[name] = known = (place, within)
        return known[0]

    def _remember_region(self, walk: _Walk, located: list[Located], found: list[Mention]) -> None:
        for loc in located:
            if loc.place and loc.place.kind == REGION:
                walk.last_region = loc.place
        for m in found[-3:]:
            if m.place and m.place.kind == CITY and m.place.admin1:
                walk.last_region = self.gazetteer.region(m.place.admin1) or walk.last_region

    # -- one sentence -------------------------------------------------------------------------
    def _sentence_mentions(self, s: SentenceFindings, located: list[Located],
                           published: date | None, split: bool = True) -> list[Mention]:
        text, casualties, cues, remark = s.text, s.casualties, s.cues, s.remark
        if not s.eventful:
            return []
        dates = s.dates(published)
        cues = [c for c in cues if not inside(c.start, s.background)] if cues else cues
        cuts = segment_starts(text, dates)
        casualties, listed_before = tolls_after_lists(text, located, casualties, cuts)
        which_spans = [m.span() for m in _WHICH.finditer(text)] + listed_before
        out = []
        for k, start in enumerate(cuts):
            end = cuts[k + 1] if k + 1 < len(cuts) else len(text)
            seg_cas = [c for c in casualties if start <= c.start < end]
            seg_cues = [c for c in cues if start <= c.start < end]
            seg_remark = remark if remark and start <= remark.start < end else None
            if not seg_cas and not seg_remark and not any(c.act for c in seg_cues):
                continue  # a weapon named, nothing done with it ('permission to use missiles')
            lists = [(c.end, c.places_end) for c in casualties if c.places_end] + listed_before
            where, place, near = self._segment_place(text, start, end, located, which_spans + lists)
            over_places = ()
            if seg_cas and all(c.over_places for c in seg_cas):
                over_places = () if place and place.kind == CITY else _listed(located, lists)
                where, place, near = None, None, False  # a sum over places is no one place's toll
            # 'days after <another strike>' dates the segment it opens, not the one it ends
            seg_dates = [d for d in dates if start <= d.start < end
                         and not (d.relative_to_next and end - d.end < 5 and k + 1 < len(cuts))]
            # 'claimed in a briefing on Friday that Thursday's attack …': the statement's day
            # dates the incident only when the segment names no other
            seg_dates.sort(key=lambda d: _REPORTED_ON.search(text, max(0, d.start - 40), d.start) is not None)
            mention = _mention(s.index, text, text[start:end], k, place, near, where, seg_dates, seg_cas, seg_cues)
            mention.remark, mention.listed = seg_remark, over_places
            mention.towns_first = bool(over_places) and any(c.towns_before for c in seg_cas)
            spots = interception_spots(text, start, end, located) if split and mention.disrupted else []
            if len(spots) > 1:  # 'shot down 34 drones over the Kursk, Bryansk and Belgorod regions'
                out += [replace(mention, place=p, near=False, why=[f"intercepted over {p.name}", *mention.why[1:]])
                        for p in spots]  # ACLED: one interception per region (or town) named
                continue
            out.append(mention)
        return out

    def _segment_place(self, text: str, start: int, end: int, located: list[Located],
                       which_spans) -> tuple[PlaceMention | None, Place | None, bool]:
        """Where the segment's incident happened: its first locative town, else region."""
        candidates = [loc for loc in located
                      if start <= loc.mention.start < end and in_theatre(loc.place)
                      and not any(a <= loc.mention.start < b for a, b in which_spans)
                      and loc.mention.role in ("locative", "plain")]
        coded = [loc for loc in located if loc.mention.role == "coded" and in_theatre(loc.place)]
        if coded and (candidates or start == 0):
            candidates = coded[:1]  # the coder's own choice of place, for the sentence it sits in
        if text[start:].startswith("where"):
            # 'Kharkiv, where a residential area was hit': the place before 'where'
            antecedent = [loc for loc in located if loc.mention.end <= start and in_theatre(loc.place)
                          and _ANTECEDENT_GAP.fullmatch(text[loc.mention.end:start])]
            if antecedent:
                last = antecedent[-1]
                candidates = [Located(replace(last.mention, role="locative", within="", district=""),
                                      last.place)]
        if not candidates:
            return None, None, False
        # a district ('across Shebekinskiy district') yields to a town in it ('including X'), though
        # not to a namesake far away (the district's own village may be in no data of ours); a
        # raion to a community ('In the Nikopol district, ... the Marhanets community')
        inside = {loc.place.admin1 for loc in candidates if loc.mention.district}
        town = any(not loc.mention.district and loc.place.kind == CITY and loc.place.admin1 in inside
                   for loc in candidates)
        community = any(loc.mention.district == "hromada" for loc in candidates)
        best = min(candidates, key=lambda loc: (town and bool(loc.mention.district),
                                                community and loc.mention.district == "raion",
                                                loc.mention.role != "locative", loc.place.kind != CITY,
                                                loc.mention.start))
        if best.place.kind == REGION:  # 'a resident of Sevastopol ... Crimea': the town in the region
            best = next((loc for loc in candidates if loc.place.kind == CITY
                         and self.gazetteer.lies_in(loc.place.admin1, best.place.admin1)), best)
        return best.mention, best.place, best.mention.near and best.place.kind == CITY


def _without_dateline(index: int, text: str) -> str:
    """The sentence without the wire dateline it may open with (one with its agency in
    brackets opens one of the first sentences; most sentences have none)."""
    if index < DATELINE_SENTENCES and "(" in text:
        text = DATELINE.sub("", text, count=1)
    return _CAPS_DATELINE.sub("", text, count=1) if text[:2].isupper() else text


def _ties(sentences: list[SentenceFindings]) -> dict[str, str]:
    """Each name the article ties to a region ('Hryhorivka, Donetsk region'), with the first
    such region: a bare mention of the name, even an earlier one, means that place."""
    ties: dict[str, str] = {}
    for s in sentences:
        for p in s.places:
            if p.within:
                ties.setdefault(normalize(p.text), p.within)
    return ties


def _listed(located: list[Located], lists: list[tuple[int, int]]) -> tuple[Place, ...]:
    """The towns a total over places lists ('killed five people in Kherson and Beryslav')."""
    towns = [loc.place for loc in located if any(a <= loc.mention.start < b for a, b in lists)
             and in_theatre(loc.place) and loc.place.kind == CITY]
    return tuple(dict.fromkeys(towns))


def _casualties_and_cues(text: str) -> tuple[list[Casualty], list[Cue]]:
    """Casualty phrases and act words, leaving out sums over incidents ('in total',
    'across Ukraine'; not a toll in a settlement it names, 'over the past day, killing a man in
    the village of X') and what did not happen ('to strike')."""
    low = lowered(text)
    told, cues = find_casualties(text, low), find_cues(text, low)
    if not told and not cues:
        return told, cues
    sums = [m.span() for m in AGGREGATE.finditer(low) if not RECORD.search(low, max(0, m.start() - 60), m.start())]
    targets = sums + [m.span() for m in MANY_TARGETS.finditer(low)] if told else sums
    casualties = [c for c in told if not _in_a_sum(c, targets, text)
                  and not (c.count is not None and c.count >= CAMPAIGN_SIZE
                           and (CAMPAIGN.search(low) or not ONE_INCIDENT.search(low)))]
    if told and all(_in_a_sum(c, sums, text) for c in told):
        return [], []  # 'Russian attacks have killed 150 civilians in the region this year': a total, no incident
    cues = [c for c in cues if not IRREALIS.search(low, max(0, c.start - 40), c.start)
            and not any(a - 40 <= c.start <= b + 40 for a, b in sums)]
    return casualties, cues


def _in_a_sum(c: Casualty, sums: list[tuple[int, int]], text: str) -> bool:
    """Is the toll told within a sum's words ('over the past day', 'struck 14 settlements'), in
    the same clause (not after a semicolon), and not of a settlement it names ('killing a man in
    the village of X')?"""
    return any(a - 80 <= c.end and c.start <= b + 80 and ";" not in text[min(b, c.start):max(a, c.end)]
               for a, b in sums) and not IN_A_SETTLEMENT.match(text, c.end)


def _mention(index: int, text: str, seg: str, k: int, place: Place | None, near: bool,
             where: PlaceMention | None, seg_dates: list[DateMention], seg_cas: list[Casualty],
             seg_cues: list[Cue]) -> Mention:
    one_place = [c for c in seg_cas if not c.over_places and c.count is not None]
    killed = [c.count for c in one_place if c.kind == "killed"]
    wounded = [c.count for c in one_place if c.kind == "wounded"]
    places_total = [c.count for c in seg_cas if c.over_places and c.kind == "killed" and c.count is not None]
    places_wounded = [c.count for c in seg_cas if c.over_places and c.kind == "wounded" and c.count is not None]
    acts = frozenset(c.act for c in seg_cues if c.act)
    weapons = tuple(dict.fromkeys(c.weapon for c in seg_cues if c.weapon))
    strong = bool(acts - {WEAK}) or (WEAK in acts and bool(weapons)) or bool(seg_cas)
    if strong and not acts - {WEAK} and ACCIDENT.search(seg):
        strong = False  # 'killed after a fire broke out': an accident, not an attack
    why = []
    if place:
        why.append(f"place '{where.text}' -> {place.name} ({place.reason or place.kind})")
    if seg_dates:
        why.append(f"date '{seg_dates[0].text}' -> {seg_dates[0].day}")
    why += [f"{c.kind} '{c.text}' -> {c.count if c.count is not None else 'unknown'}" for c in seg_cas]
    return Mention(
        sentence=index, text=text, segment=seg, place=place, near=near,
        day=seg_dates[0].day if seg_dates else None,
        precision=seg_dates[0].precision if seg_dates else 0,
        killed=max(killed) if killed else None, wounded=max(wounded) if wounded else None,
        casualty_stated=bool(seg_cas), acts=acts, weapons=weapons, weapon=first_weapon(seg_cues),
        new_incident=k > 0 and bool(NEW_INCIDENT.search(seg[:80])) or bool(_OPENS_NEW.match(seg)),
        distinct=bool(DISTINCT_INCIDENT.match(seg.strip()) or _OPENS_DISTINCT.match(seg)),
        anaphoric=bool(_REFERS_BACK.match(seg.strip()) or _REFERS_BACK.match(text)),
        strong=strong, places_total=max(places_total) if places_total else None,
        places_wounded=max(places_wounded) if places_wounded else None,
        unnumbered=tuple(c.text for c in seg_cas if c.kind == "killed" and c.count is None), why=why)


def segment_starts(text: str, dates: list[DateMention]) -> list[int]:
    """Where incident mentions start: a marked new incident ('another ... strike'), ', where',
    ', and in X', a second toll with its own place (', adding that' one), or a semicolon."""
    cuts = [0]
    for m in NEW_INCIDENT.finditer(text):
        if m.start() < 15 or _ANOTHER_VICTIM.match(text, m.end()) or _TOLL_OF_IT.search(text, 0, m.start()):
            # 'One was killed and another injured', 'a man with another man': one incident; 'Two women
            # were killed in a separate attack on X': the toll is the new incident's
            continue
        trig = find_cues(text[m.end():m.end() + 60])
        elided = re.match(r"\s+(?:\w+\s+){0,2}?(?:in|at|near|on)\s+[A-Z]", text[m.end():])
        if not trig and not elided:
            continue
        start = m.start()
        for d in dates:  # 'just days after another ...' dates the new incident
            if d.relative_to_next and 0 <= start - d.end <= 3:
                start = d.start
        cuts.append(start)
    cuts += [m.end() - len("where") for m in _WHERE.finditer(text)]
    cuts += [m.start() + 1 for m in _AND_IN.finditer(text)]
    cuts += [m.start("cut") + 1 for m in _AND_ANOTHER_TOLL.finditer(text)]
    cuts += [m.end() for m in _ADDED_TOLL.finditer(text)]
    cuts += [m.start() + 1 for m in _WHILE_TOLL.finditer(text)]
    cuts += [m.end() for m in _SEMICOLON.finditer(text)]
    return sorted(set(cuts))


def _story_day(sentences: list[SentenceFindings], published: date | None) -> date | None:
    """The day the story is about: the first exact date in its opening sentences; the day before
    it for a round-up of the past day ('attacks over the past day ..., officials reported early on
    Oct. 4': the authorities' morning count of the day before)."""
    opening = [s for s in sentences[:4] if not s.heading][:3]
    for s in opening:
        if _PAST_DAY.search(s.text):  # (before a photo's date in the lines above it)
            reported = next((d.day for d in s.dates(published) if d.precision == 1), published)
            return reported - timedelta(days=1) if reported else None
    return next((d.day for s in opening for d in s.dates(published) if d.precision == 1), published)


def _region_bases(text: str) -> list[str]:
    t = re.sub(r"^region of\s+|\s+(?:region|oblast|province|krai|republic)s?$", "", text, flags=re.I)
    return [normalize(t)]
