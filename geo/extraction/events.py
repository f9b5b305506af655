"""Stage 3: an incident into a contract event row, with its evidence and ACLED coding."""
from __future__ import annotations

from datetime import date

from ..articles import Article
from ..contract import Event
from ..gazetteer import CITY
from .coding import REMOTE_VIOLENCE, RUSSIA, UKRAINE, acled_type, find_actors, first_agent
from .conventions import CONVENTION_NOTE, UNNUMBERED_NOTE, convention_figure
from .incidents import Incident
from .lexicon import REGAIN, TAKE, find_cues

EVIDENCE_JOIN = " [...] "


def _deaths(inc: Incident, evidence: str, acled_conventions: bool) -> tuple[int | None, str]:
    """The event's fatalities and what notes must say about them: deaths told without a
    number stay empty (the words noted) unless ACLED's conventions are asked for."""
    killed = inc.toll()
    if killed is not None or not inc.unnumbered:
        return killed, ""
    words = inc.unnumbered[0]
    if acled_conventions:
        figure = convention_figure(words, evidence)
        return figure, CONVENTION_NOTE.format(figure=figure, words=words)
    return None, UNNUMBERED_NOTE.format(words=words)


def _territory_cue(told: str) -> int | None:
    """Where the text says a place was taken or regained: the side just before it did it."""
    return next((c.start for c in find_cues(told) if c.act in (TAKE, REGAIN)), None)


# How far into a story its lead runs: the headline and the first paragraph or two
_LEAD_CHARS = 400
_STRUCK = {RUSSIA: "UA", UKRAINE: "RU"}  # whose ground each side's strikes fall on


def striking_side(article: Article, country: str) -> str:
    """The side whose strikes the story's lead tells of ('Russian missile and drone attacks
    killed nine across Ukraine'), for a strike on the other side's ground that its own
    sentence leaves unsigned ('a missile struck an apartment building in Zaporizhzhia')."""
    lead = first_agent(f"{article.title}. {article.body[:_LEAD_CHARS]}")
    return lead if _STRUCK.get(lead) == country else ""


def to_event(article: Article, inc: Incident, event_id: str, story_day: date | None,
             explain: bool = False, acled_conventions: bool = False) -> Event:
    place = inc.place
    if inc.explicit_date:
        day, precision = inc.explicit_date
    else:  # no date words: the day the story is about, known to the week at best
        day, precision = story_day or article.published or date.today(), 2
        inc.mentions[0].why.append(f"no date words: the story's day {day}")
    told = " ".join(m.segment for m in inc.mentions)
    agent = first_agent(told, _territory_cue(told) if inc.acts & {TAKE, REGAIN} else None)
    event_type, sub_type = acled_type(inc.acts, inc.weapons, agent, place.country,
                                      bool(inc.killed or inc.wounded), told)  # 'No casualties' hit no one
    if not agent and event_type == REMOTE_VIOLENCE:
        agent = striking_side(article, place.country)
    actor1, actor2 = find_actors(told, place.country, event_type, sub_type, agent)
    geo_precision = place.geo_precision
    if place.kind == CITY and any(m.near for m in inc.mentions if m.place == place):
        geo_precision = 2
    notes = EVIDENCE_JOIN.join(dict.fromkeys(m.text for m in inc.mentions))  # each sentence once, in order
    fatalities, deaths_note = _deaths(inc, notes, acled_conventions)
    notes += "".join(f" {note}" for note in (inc.shared, deaths_note) if note)
    if explain:
        notes += " || why: " + "; ".join(w for m in inc.mentions for w in m.why)
    return Event(
        event_id=event_id, event_date=day.isoformat(), time_precision=precision,
        event_type=event_type, sub_event_type=sub_type, weapon=inc.weapon,
        actor1=actor1, actor2=actor2, country=place.country, admin1=place.admin1,
        location=place.name, latitude=place.latitude, longitude=place.longitude,
        geo_precision=geo_precision, fatalities=fatalities, injuries=inc.wounded,
        article_id=article.id, source=article.source_label, notes=notes)
