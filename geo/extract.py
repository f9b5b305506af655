"""Article -> incident mentions -> merged events (one per incident).

Stages: sentences (sentences.py), per-sentence findings (casualties, dates, places,
lexicon), segmentation of a sentence into incident mentions, then merging the
mentions of one incident across the article (coreference), then event rows.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from .articles import DATELINE, Article
from .casualties import find_casualties
from .contract import Event
from .dates import find_dates
from .gazetteer import Gazetteer, Place
from .gazetteer.build import CITY, COUNTRY, REGION
from .gazetteer.index import GeoContext
from .gazetteer.names import normalize
from .lexicon import (ACLED_TYPE, AGGREGATE, ANAPHOR, DISRUPTED, DISTINCT_INCIDENT, IRREALIS, NEW_INCIDENT,
                      TRIGGER, WEAK_TRIGGER, find_actors, find_weapon)
from .places import PlaceMention, find_places, person_names
from .sentences import split_sentences

RECENT_INCIDENTS = 4  # how far back a mention may refer
SAME_PLACE_KM = 10.0
_WHERE = re.compile(r",\s+where\b")
# ', and in the southern city of X': a second place for the same verb, not this clause's.
_AND_IN = re.compile(r",\s+(?:and|while|as well as)\s+(?:also\s+)?(?:in|on|at|near)\b")
# The war's theatre: incidents elsewhere ('the grain deal signed in Istanbul') are not ours.
THEATRE = {"UA", "RU", "BY", "MD", "PL", "RO", "SK", "HU", "LT", "LV", "EE", "FI", "GE"}
_WHICH = re.compile(r",\s+(?:which|who)\b[^,;]*(?:,[^,;]*?)?(?=,\s+where\b|[;.]|$)")


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
    weapon: str
    new_incident: bool
    distinct: bool  # 'another', 'a second': never the same as an incident already told
    anaphoric: bool
    strong_trigger: bool
    disrupted: bool = False  # only air defence at work: nothing hit
    why: list[str] = field(default_factory=list)


@dataclass
class Incident:
    """Mentions of one incident, with running summaries (kept incrementally so a
    pathological article with thousands of mentions stays linear)."""
    mentions: list[Mention] = field(default_factory=list)
    place: Place | None = None  # the first town named, else the first region
    explicit_date: tuple[date, int] | None = None  # the most precise date stated first
    killed: int | None = None  # the highest count reported (later reports update)
    wounded: int | None = None
    weapon: str = ""

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        if m.place and (self.place is None or (self.place.kind != CITY and m.place.kind == CITY)):
            self.place = m.place
        if m.day and (self.explicit_date is None or m.precision < self.explicit_date[1]):
            self.explicit_date = (m.day, m.precision)
        for kind in ("killed", "wounded"):
            value = getattr(m, kind)
            if value is not None and (getattr(self, kind) is None or value > getattr(self, kind)):
                setattr(self, kind, value)
        self.weapon = self.weapon or m.weapon

    def count(self, kind: str) -> int | None:
        return getattr(self, kind)


class Extractor:
    """Turns articles into contract events; one instance can serve many articles."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gazetteer = gazetteer or Gazetteer.load()

    # -- stage 1: findings per sentence, grouped into mentions ------------------------
    def mentions(self, article: Article) -> tuple[list[Mention], list[str]]:
        sentences = split_sentences(article.body)
        texts = [DATELINE.sub("", s.text, count=1) if i < 40 else s.text
                 for i, s in enumerate(sentences)]
        people = person_names(texts, self.gazetteer)
        placements = [find_places(t, self.gazetteer, people) if not s.heading else []
                      for t, s in zip(texts, sentences)]
        context = self._context(texts, placements)
        if article.dateline:  # 'KYIV, Ukraine (AP)': where the reporter is helps rank names
            where = self.gazetteer.resolve(re.split(r"[,(]", article.dateline)[0].strip().title(), context)
            if where is not None and where.kind == CITY:
                context.anchors.append(where)
                context.countries.add(where.country)
        story_day = self._story_day(texts, sentences, article.published)
        named_regions: set[str] = set()
        last_region: Place | None = None
        out: list[Mention] = []
        for i, (text, s, places) in enumerate(zip(texts, sentences, placements)):
            if s.heading:
                continue
            resolved = self._resolve_places(places, context, named_regions, last_region)
            out.extend(self._sentence_mentions(i, text, places, resolved, article.published))
            for p, r in zip(places, resolved):
                if r and r.kind == REGION:
                    last_region = r
            mention_regions = [m.place for m in out[-3:] if m.sentence == i and m.place]
            for p in mention_regions:
                if p.kind == CITY and p.admin1:
                    last_region = self.gazetteer.region(p.admin1) or last_region
        return out, story_day

    def _context(self, texts, placements) -> GeoContext:
        ctx = GeoContext()
        for text, places in zip(texts, placements):
            for p in places:
                if p.kind in (REGION, COUNTRY) and p.role != "metonym":
                    r = self.gazetteer.resolve(p.text)
                    if r and r.kind == REGION:
                        ctx.regions.add(r.name)
                        ctx.countries.add(r.country)
                    elif r and r.kind == COUNTRY and p.role == "locative":
                        ctx.countries.add(r.country)
        return ctx

    @staticmethod
    def _story_day(texts, sentences, published) -> date | None:
        for text, s in list(zip(texts, sentences))[:3]:
            if s.heading:
                continue
            for d in find_dates(text, published):
                if d.precision == 1:
                    return d.day
        return published

    def _resolve_places(self, places: list[PlaceMention], context: GeoContext,
                        named_regions: set[str], last_region: Place | None) -> list[Place | None]:
        out = []
        for p in places:
            if p.kind == "anaphoric-region":
                out.append(last_region)
                continue
            place = self.gazetteer.resolve(p.text, context, within=p.within)
            if place and place.kind == REGION:
                for base in _region_bases(p.text):
                    named_regions.add(base)
            elif place and place.kind == CITY and normalize(p.text) in named_regions:
                # "a strike in Sumy" after "the region of Sumy": wire style for the region
                region = self.gazetteer.resolve(f"{p.text} region", context, kinds=(REGION,))
                place = region or place
            if place and p.role in ("locative", "plain", "context") and place.kind == CITY \
                    and place not in context.anchors[-50:]:
                context.anchors.append(place)  # '50km south of Odesa' places what follows
            out.append(place)
        return out

    def _sentence_mentions(self, i, text, places, resolved, published) -> list[Mention]:
        casualties = find_casualties(text)
        # Sums over incidents ('in total', 'across Ukraine') are not an incident's toll.
        sums = [m.span() for m in AGGREGATE.finditer(text)]
        casualties = [c for c in casualties
                      if not any(a - 80 <= c.end and c.start <= b + 80 for a, b in sums)]
        triggers = [t for t in TRIGGER.finditer(text) if not IRREALIS.search(text[: t.start()])
                    and not any(a - 40 <= t.start() <= b + 40 for a, b in sums)]
        if not casualties and not triggers:
            return []
        dates = find_dates(text, published)
        cuts = self._segment_starts(text, dates)
        which_spans = [m.span() for m in _WHICH.finditer(text)]
        out = []
        for k, start in enumerate(cuts):
            end = cuts[k + 1] if k + 1 < len(cuts) else len(text)
            seg = text[start:end]
            seg_cas = [c for c in casualties if start <= c.start < end]
            seg_trig = [t for t in triggers if start <= t.start() < end]
            if not seg_cas and not seg_trig:
                continue
            seg_places = []
            for p, r in zip(places, resolved):
                in_which = any(a <= p.start < b for a, b in which_spans)
                if start <= p.start < end and r and r.kind != COUNTRY and not in_which \
                        and p.role in ("locative", "plain") and r.country in THEATRE:
                    seg_places.append((p, r))
            if text[start:].startswith("where"):
                # 'Kharkiv, where a residential area was hit': the place before 'where'
                antecedent = [(p, r) for p, r in zip(places, resolved)
                              if p.end <= start and r and r.kind != COUNTRY and r.country in THEATRE
                              and re.fullmatch(r"[\s,]*(?:in (?:Russia|Ukraine)[\s,]*)?",
                                               text[p.end:start])]
                if antecedent:
                    p0, r0 = antecedent[-1]
                    seg_places = [(PlaceMention(p0.text, p0.start, p0.end, p0.kind, "locative",
                                                p0.near), r0)]
            seg_places.sort(key=lambda pr: (pr[0].role != "locative", pr[1].kind != CITY, pr[0].start))
            place, near = (seg_places[0][1], seg_places[0][0].near) if seg_places else (None, False)
            if seg_places and seg_places[0][0].within and place.kind == CITY and place.admin1 != seg_places[0][0].within:
                region = self.gazetteer.region(seg_places[0][0].within)
                place, near = (region, False) if region else (place, near)  # the town is not in our data
            # 'days after <another strike>' dates the segment it opens, not the one it ends
            seg_dates = [d for d in dates if start <= d.start < end
                         and not (d.relative_to_next and end - d.end < 5 and k + 1 < len(cuts))]
            weapon, _ = find_weapon(seg)
            killed = [c.count for c in seg_cas if c.kind == "killed" and c.count is not None]
            wounded = [c.count for c in seg_cas if c.kind == "wounded" and c.count is not None]
            strong = any(not WEAK_TRIGGER.fullmatch(t.group(0)) for t in seg_trig)
            disrupted = bool(DISRUPTED.search(seg)) and not strong and not seg_cas
            why = []
            if place:
                why.append(f"place '{seg_places[0][0].text}' -> {place.name}"
                           f" ({place.reason or place.kind})")
            if seg_dates:
                why.append(f"date '{seg_dates[0].text}' -> {seg_dates[0].day}")
            why += [f"{c.kind} '{c.text}' -> {c.count if c.count is not None else 'unknown'}"
                    for c in seg_cas]
            out.append(Mention(
                sentence=i, text=text, segment=seg, place=place, near=near,
                day=seg_dates[0].day if seg_dates else None,
                precision=seg_dates[0].precision if seg_dates else 0,
                killed=max(killed) if killed else None, wounded=max(wounded) if wounded else None,
                casualty_stated=bool(seg_cas), weapon=weapon,
                new_incident=bool(NEW_INCIDENT.search(seg[:80])) and k > 0 or
                bool(re.match(r"\s*(?:A|An)\s+(?:separate|second|further)\b|\s*(?:Separately|Elsewhere|In a separate)\b",
                              seg)),
                distinct=bool(DISTINCT_INCIDENT.match(seg.strip()) or
                              re.match(r"\s*(?:\S+\s+){0,4}?(?:another|a second|a further)\b", seg)),
                anaphoric=bool(ANAPHOR.match(seg.strip()) or ANAPHOR.match(text)),
                strong_trigger=strong or bool(seg_cas) or disrupted, disrupted=disrupted, why=why))
        return out

    @staticmethod
    def _segment_starts(text: str, dates) -> list[int]:
        """Where incident mentions start: a marked new incident ('another ... strike') or ', where'."""
        cuts = [0]
        for m in NEW_INCIDENT.finditer(text):
            if m.start() < 15:
                continue
            trig = TRIGGER.search(text, m.end(), min(len(text), m.end() + 60))
            elided = re.match(r"\s+(?:\w+\s+){0,2}?(?:in|at|near|on)\s+[A-Z]", text[m.end():])
            if not trig and not elided:
                continue
            start = m.start()
            for d in dates:  # 'just days after another ...' dates the new incident
                if d.relative_to_next and 0 <= start - d.end <= 3:
                    start = d.start
            cuts.append(start)
        for m in _WHERE.finditer(text):
            cuts.append(m.end() - len("where"))
        for m in _AND_IN.finditer(text):
            cuts.append(m.start() + 1)
        for m in re.finditer(r";", text):
            cuts.append(m.end())
        return sorted(set(cuts))

    # -- stage 2: merge mentions of one incident ----------------------------------------
    @staticmethod
    def _compatible(m: Mention, inc: Incident) -> bool:
        if m.weapon and inc.weapon and m.weapon != inc.weapon:
            return False
        d = inc.explicit_date
        if m.day and d:
            if m.precision == 3 or d[1] == 3:
                if (m.day.year, m.day.month) != (d[0].year, d[0].month):
                    return False
            elif abs((m.day - d[0]).days) > 1:
                return False
        p = inc.place
        if m.place is None or p is None:
            return True
        if m.place.kind == CITY and p.kind == CITY:
            return m.place.km_to(p) <= SAME_PLACE_KM
        if not m.anaphoric and m.killed is not None and inc.count("killed") is not None \
                and m.killed != inc.count("killed"):
            return False  # 'three more civilians were killed': other victims, another incident
        if m.place.kind == REGION and p.kind == CITY and m.casualty_stated and not m.anaphoric:
            # a regional toll is not the town's unless it repeats the town's figures
            if inc.count("killed") is None or m.killed not in (None, inc.count("killed")):
                return False
        return bool(m.place.admin1) and m.place.admin1 == p.admin1

    def merge(self, mentions: list[Mention], story_day: date | None = None) -> list[Incident]:
        incidents: list[Incident] = []
        for m in mentions:
            target = None
            if m.place is not None and m.place.kind == CITY and not m.distinct:
                # the same town and day reported again, however far back in the article
                for inc in reversed(incidents[:-1] if m.new_incident else incidents):
                    p = inc.place
                    if p is not None and p.kind == CITY and p.km_to(m.place) <= SAME_PLACE_KM \
                            and self._compatible(m, inc):
                        target = inc
                        break
            if target is None and m.place is None and not m.new_incident:
                # no place of its own: an incident told in the last few sentences
                for inc in reversed(incidents):
                    if m.sentence - inc.mentions[-1].sentence > 3:
                        break
                    inc_day = (inc.explicit_date or (story_day, 1))[0]
                    other_day = m.day and inc_day and abs((m.day - inc_day).days) > 1
                    if self._compatible(m, inc) and not other_day:
                        target = inc
                        break
            elif target is None and not m.new_incident:
                for inc in reversed(incidents[-RECENT_INCIDENTS:]):
                    if self._compatible(m, inc):
                        if m.place is None or inc.place is None or m.anaphoric or \
                                m.place.kind != CITY or inc.place.kind != CITY or \
                                m.place.km_to(inc.place) <= SAME_PLACE_KM:
                            target = inc
                        break
                    if m.place is None:
                        continue
            if target is not None:
                target.add(m)
                continue
            if m.place is None:
                continue  # nothing to place it with
            if target is None:
                target = Incident()
                incidents.append(target)
            target.add(m)
        return [inc for inc in incidents
                if inc.place and any(x.strong_trigger for x in inc.mentions)]

    # -- stage 3: event rows -------------------------------------------------------------
    def extract(self, article: Article, explain: bool = False) -> list[Event]:
        mentions, story_day = self.mentions(article)
        incidents = self.merge(mentions, story_day)
        digest = hashlib.sha1(article.body.encode("utf-8")).hexdigest()[:10]
        return [self._event(article, inc, f"{digest}-{n:02d}", story_day, explain)
                for n, inc in enumerate(incidents, 1)]

    def _event(self, article: Article, inc: Incident, event_id: str, story_day: date | None,
               explain: bool) -> Event:
        place = inc.place
        dated = inc.explicit_date
        if dated:
            day, precision = dated
        else:  # no date words: the day the story is about, known to the week at best
            day, precision = story_day or article.published or date.today(), 2
            inc.mentions[0].why.append(f"no date words: the story's day {day}")
        weapon = inc.weapon
        event_type, sub_type = ACLED_TYPE[weapon]
        if all(m.disrupted for m in inc.mentions):
            event_type, sub_type = ACLED_TYPE["disrupted"]
        evidence = []
        for m in inc.mentions:
            if m.text not in evidence:
                evidence.append(m.text)
        actor1, actor2 = find_actors(" ".join(m.segment for m in inc.mentions), place.country, weapon)
        geo_precision = place.geo_precision
        if place.kind == CITY and any(m.near for m in inc.mentions if m.place == place):
            geo_precision = 2
        notes = " [...] ".join(evidence)
        if explain:
            notes += " || why: " + "; ".join(w for m in inc.mentions for w in m.why)
        return Event(
            event_id=event_id, event_date=day.isoformat(), time_precision=precision,
            event_type=event_type, sub_event_type=sub_type, weapon=weapon,
            actor1=actor1, actor2=actor2, country=place.country, admin1=place.admin1,
            location=place.name, latitude=place.latitude, longitude=place.longitude,
            geo_precision=geo_precision, fatalities=inc.count("killed"),
            injuries=inc.count("wounded"), article_id=article.id,
            source=article.source_label, notes=notes)


def _region_bases(text: str) -> list[str]:
    t = re.sub(r"^region of\s+|\s+(?:region|oblast|province|krai|republic)s?$", "", text, flags=re.I)
    return [normalize(t)]
