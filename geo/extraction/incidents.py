"""Stage 2: mentions merged into incidents. Both "same incident" rules live here, side by side:

- inside one article, mentions are one incident when their towns lie within
  SAME_PLACE_KM, their dates within a day and their weapons agree (a town inside the
  region named, or 'the attack' referring back, also joins);
- across articles (the store), events are one incident when they lie within
  SAME_INCIDENT_KM, on the same day +-1, with compatible weapons and the same precision.
The cross-article rule is stricter: two articles share no wording that ties their
mentions together, only place, day and weapon.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING
from datetime import date

from ..gazetteer import CITY, REGION, Place
from ..gazetteer.geometry import haversine_km
from .conventions import share
from .lexicon import ANAPHOR

if TYPE_CHECKING:
    from .mentions import Mention

GROUND = "ground"
SAME_PLACE_KM = 10.0  # inside one article
SAME_INCIDENT_KM = 5.0  # across articles
RECENT_INCIDENTS = 4  # how far back a mention may refer
PLACELESS_REACH = 3  # sentences back a mention without a place may attach
NEAR_REACH_KM = 60.0  # how far from X 'a town west of X' may lie
LONE_INCIDENT_REACH = 10  # ... when the story has told one incident only (quotes and comment between)


@dataclass
class Incident:
    """Mentions of one incident, with running summaries (kept incrementally so a
    pathological article with thousands of mentions stays linear)."""
    mentions: list[Mention] = field(default_factory=list)
    place: Place | None = None  # the first town named, else the first region
    explicit_date: tuple[date, int] | None = None  # the most precise date stated first
    killed: int | None = None  # the highest count reported (later reports update)
    wounded: int | None = None
    near: bool = False  # the place was told as 'near' it
    weapon: str = ""  # the first weapon named
    acts: set[str] = field(default_factory=set)
    weapons: list[str] = field(default_factory=list)  # every weapon named, in order
    coded: int | None = None  # the figure a coder's remark states for this event
    coded_rank: int = -1  # how decisive that remark is (conventions.Remark.rank)
    split_parts: int | None = None  # a total split across this many events
    split_total: int | None = None
    places_total: int | None = None  # deaths told for several places together
    unnumbered: list[str] = field(default_factory=list)  # deaths told without a number
    shared: str = ""  # a total over several places, shared out across their events: what notes say
    siblings: list | None = None  # the incidents a total was shared out across, this one among them
    told_own: bool = False  # a toll of its own was told after the share ('In Kharkiv, four were killed')

    def add(self, m: Mention) -> None:
        if self.siblings is not None and self.mentions and not self.told_own \
                and (m.killed is not None or m.wounded is not None):
            self.killed, self.wounded, self.told_own = None, None, True  # its own toll replaces the share
        self.mentions.append(m)
        if m.place and (self.place is None or (self.place.kind != CITY and m.place.kind == CITY)
                        or self._more_precise(m)):
            if self.place is not None and self.place.kind == REGION and m.place.kind == CITY:
                self._town_of_a_region_sum(m)
            self.place, self.near = m.place, m.near
        if m.day and (self.explicit_date is None or m.precision < self.explicit_date[1]):
            self.explicit_date = (m.day, m.precision)
        if m.killed is not None and (self.killed is None or m.killed > self.killed):
            self.killed = m.killed
        if m.wounded is not None and (self.wounded is None or m.wounded > self.wounded):
            self.wounded = m.wounded
        self.weapon = self.weapon or m.weapon
        self.acts |= m.acts
        self.weapons += [w for w in m.weapons if w not in self.weapons]
        self.unnumbered += m.unnumbered
        if m.places_total is not None:
            self.places_total = max(self.places_total or 0, m.places_total)
        if m.remark and m.remark.figure is not None and m.remark.rank > self.coded_rank:
            self.coded, self.coded_rank = m.remark.figure, m.remark.rank
        elif m.remark and m.remark.parts and not self.split_parts:
            self.split_parts, self.split_total = m.remark.parts, m.remark.total

    def _town_of_a_region_sum(self, m: Mention) -> None:
        """'In Donetsk Oblast, seven people were injured. Three were wounded in Illinivka, ...': the
        region's toll sums its towns'; the town's own smaller count is this incident's."""
        for kind in ("killed", "wounded"):
            own, told = getattr(m, kind), getattr(self, kind)
            if own is not None and told is not None and own < told:
                setattr(self, kind, own)

    def _more_precise(self, m: Mention) -> bool:
        """'near Kherson', then 'the attack on the bus near Dovhove': the village is where."""
        return bool(self.near and m.place.kind == CITY and self.place.kind == CITY
                    and m.place.population < self.place.population and ANAPHOR.search(m.segment))

    def toll(self) -> int | None:
        """The event's deaths: a coder's figure, else an even share of a total split across
        events, else the highest count stated for this place (never a sum over places)."""
        if self.coded is not None:
            return self.coded
        if self.split_parts:
            shared = share(self.split_total or self.places_total or self.killed, self.split_parts)
            if shared is not None:
                return shared
        return self.killed


def _near(a: Place, b: Place) -> bool:
    return a.km_to(b) <= SAME_PLACE_KM


def _same_spot(m: Mention, inc: Incident) -> bool:
    """One place told twice: ground fighting there and its shelling are one battle, a missile
    strike and shelling there that day one attack (ACLED: one event per place and day)."""
    a, b = m.place, inc.place
    return a is not None and b is not None and (a == b or (a.kind == CITY and b.kind == CITY and _near(a, b)))


def _other_toll(m: Mention, inc: Incident) -> bool:
    """Does the mention tell a toll the incident has not told (and no coder's note decides)?"""
    if m.remark is not None or inc.coded is not None or inc.split_parts:
        return False
    return m.killed not in (None, inc.killed) or m.wounded not in (None, inc.wounded)


def _the_town_near(m: Mention, inc: Incident) -> bool:
    """'in a town west of Kharkiv', then 'injured in the strike on Bohodukhiv': that town."""
    return bool(inc.near and m.place is not None and inc.place is not None and ANAPHOR.search(m.segment)
                and m.place.km_to(inc.place) <= NEAR_REACH_KM)


def compatible(m: Mention, inc: Incident) -> bool:
    """Can this mention report that incident (inside one article)?"""
    sums_up = m.place is None and (m.remark is not None or m.places_total is not None)  # about the day's fighting
    if m.weapon and inc.weapon and m.weapon != inc.weapon and not _same_spot(m, inc) and not sums_up \
            and not (m.anaphoric and GROUND not in (m.weapon, inc.weapon)):
        return False  # 'the shelling' may refer back to a rocket attack, not to ground fighting
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
        if _the_town_near(m, inc):
            return True
        if m.place != p and m.casualty_stated and (inc.killed or inc.wounded) and not m.anaphoric \
                and (m.sentence == inc.mentions[-1].sentence or _other_toll(m, inc)):
            # 'a man was killed in Kupiansk, and a woman died in Kindrashivka': two tolls;
            # 'Three people were wounded in Bilenke', after Kramatorsk's dead: the village's own
            return False
        return _near(m.place, p)
    if not m.anaphoric and m.killed is not None and inc.killed is not None and m.killed != inc.killed:
        return False  # 'three more civilians were killed': other victims, another incident
    if m.place.kind == CITY and p.kind == REGION and m.casualty_stated and (inc.killed or inc.wounded) \
            and not m.anaphoric and m.sentence == inc.mentions[-1].sentence:
        return False  # 'In the Kharkiv region, five were injured ..., while two others were injured in Kharkiv'
    if m.place.kind == REGION and p.kind == CITY and m.casualty_stated and not m.anaphoric:
        # a regional toll is not the town's unless it repeats the town's figures
        if inc.killed is None or m.killed not in (None, inc.killed):
            return False
    return bool(m.place.admin1) and m.place.admin1 == p.admin1


def same_incident_across_articles(stored: dict, new: dict) -> bool:
    """Do two events from different articles (contract rows) report one incident?
    The caller has already kept only events on the same day +-1."""
    if haversine_km(stored["latitude"], stored["longitude"], new["latitude"], new["longitude"]) > SAME_INCIDENT_KM:
        return False
    if stored["weapon"] and new["weapon"] and stored["weapon"] != new["weapon"]:
        return False
    return stored["geo_precision"] == new["geo_precision"]  # a region-wide toll is not a town's incident


def _same_town(m: Mention, incidents: list[Incident]) -> Incident | None:
    """The same town and day reported again, however far back in the article."""
    for inc in reversed(incidents[:-1] if m.new_incident else incidents):
        p = inc.place
        if p is not None and p.kind == CITY and _near(p, m.place) and compatible(m, inc):
            return inc
    return None


def _recent_for_placeless(m: Mention, incidents: list[Incident], story_day: date | None) -> Incident | None:
    """No place of its own: an incident told in the last few sentences."""
    reach = PLACELESS_REACH if len(incidents) > 1 else LONE_INCIDENT_REACH
    for inc in reversed(incidents):
        if m.sentence - inc.mentions[-1].sentence > reach:
            break
        # 'the January 9 attack' dates an incident told without a date, rather than the story's day
        assumed = None if ANAPHOR.search(m.segment) else (story_day, 1)
        inc_day = (inc.explicit_date or assumed or (None, 0))[0]
        other_day = m.day and inc_day and abs((m.day - inc_day).days) > 1
        if compatible(m, inc) and not other_day:
            return inc
    return None


def _recent_compatible(m: Mention, incidents: list[Incident]) -> Incident | None:
    """A place of its own: the latest compatible incident of the last few, if near enough."""
    for inc in reversed(incidents[-RECENT_INCIDENTS:]):
        if compatible(m, inc):
            if m.anaphoric or inc.place is None or m.place.kind != CITY or inc.place.kind != CITY \
                    or _near(m.place, inc.place) or _the_town_near(m, inc):
                return inc
            return None
    return None


def _referred_to(m: Mention, incidents: list[Incident]) -> Incident | None:
    """The incident just told, when the mention refers back to it ('the attack', "Saturday's
    strike") within a few sentences."""
    last = incidents[-1] if incidents else None
    if last is None or not ANAPHOR.search(m.segment) or m.sentence - last.mentions[-1].sentence > PLACELESS_REACH:
        return None
    return last


def _retold(m: Mention, incidents: list[Incident]) -> Incident | None:
    """'Three people died from the attack on the bus near X': the same toll told again of the
    attack just reported, with a place of its own (often a nearer one)."""
    last = _referred_to(m, incidents)
    return last if last is not None and m.killed is not None and last.killed == m.killed else None


def _dated_by_its_toll(m: Mention, incidents: list[Incident]) -> Incident | None:
    """'The death toll from Saturday's strike has risen to 40', after a lead that tells the
    strike only through Monday's rescue work: the toll's day is the strike's, not the lead's."""
    last = _referred_to(m, incidents)
    if last is None or m.place is not None or not m.day or not m.casualty_stated or last.killed or last.wounded:
        return None
    if m.weapon and last.weapon and m.weapon != last.weapon:
        return None
    return last


def _names_its_towns(m: Mention) -> bool:
    """A toll over towns the mention lists itself ('shelled Kherson and Beryslav, killing five'),
    not one that tells more of the incident before (which would name no towns of its own)."""
    return m.place is None and bool(m.listed) and m.towns_first and m.strong and not m.anaphoric


def _shared_out(m: Mention) -> list[Incident]:
    """A toll told for several towns together, and for no incident already told: one incident
    per town, the total shared out in even parts (the first towns take the remainder, so the
    parts add up to it), as ACLED splits a total across its events, and said so in notes."""
    towns = m.listed
    told = " and ".join(filter(None, (f"{m.places_total} killed" if m.places_total is not None else "",
                                      f"{m.places_wounded} wounded" if m.places_wounded is not None else "")))
    note = f"[{told} in {', '.join(t.name for t in towns)} together: split across {len(towns)} events]"
    out = []
    for i, town in enumerate(towns):
        inc = Incident()
        inc.add(replace(m, place=town, near=False, listed=()))
        inc.killed, inc.wounded = _part(m.places_total, len(towns), i), _part(m.places_wounded, len(towns), i)
        inc.shared = note if told else ""
        inc.siblings = out
        out.append(inc)
    return out


def _withdraw_shares(incidents: list[Incident]) -> None:
    """A lead's total over towns ('smashed into Kyiv and Kharkiv, killing four') that the story
    then tells town by town ('In Kharkiv, four people were killed'): the towns' own tolls stand,
    and the towns it tells none for keep no share of it."""
    for inc in incidents:
        if inc.siblings and not inc.told_own and any(other.told_own for other in inc.siblings):
            inc.killed = inc.wounded = None
            inc.shared = ""


def _part(total: int | None, parts: int, i: int) -> int | None:
    return None if total is None else total // parts + (i < total % parts)


def merge(mentions: list[Mention], story_day: date | None = None) -> list[Incident]:
    """One incident per real-world incident the article reports, in order of first mention;
    incidents with no place or only weak words ('fired', 'launched') are dropped."""
    incidents: list[Incident] = []
    for m in mentions:
        target = None
        if m.place is not None and m.place.kind == CITY and not m.distinct:
            target = _same_town(m, incidents)
        if target is None and m.place is None and m.distinct and incidents \
                and incidents[-1].mentions[-1].sentence == m.sentence:
            target = incidents[-1]  # 'missiles hit Lviv and another strike injured five': Lviv's
        if target is None and not m.new_incident and not _names_its_towns(m):
            target = (_recent_for_placeless(m, incidents, story_day) if m.place is None
                      else _recent_compatible(m, incidents) or _retold(m, incidents))
        if target is None and (told := _dated_by_its_toll(m, incidents)):
            told.explicit_date = None  # the mention's day replaces the lead's
            told.add(m)
            continue
        if target is None and m.place is None and m.listed and m.strong:
            incidents += _shared_out(m)  # 'killed five people in Kherson and Beryslav'
            continue
        if target is None:
            if not m.strong or (m.place is None and not m.new_incident):
                continue  # only weak words, or nothing to place it with
            target = Incident()  # a new incident; without a place it still keeps its own
            incidents.append(target)  # follow-ups from the incident before, and is dropped
        target.add(m)
    _withdraw_shares(incidents)
    return [inc for inc in incidents if inc.place and any(x.strong for x in inc.mentions)]
