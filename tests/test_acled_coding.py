"""ACLED's coding rules on sentence shapes of our own (never text from a scored note or article):
sub-types from what the text says happened, counts as ACLED's coders state them, the place
where the violence happened. Each case says what it expects."""
from datetime import date

import pytest

from geo.articles import article_from_text
from geo.extraction.casualties import find_casualties
from geo.extraction.conventions import convention_figure, figure_from_notes, find_remark
from geo.interchange import to_acled

TUESDAY = date(2024, 3, 5)


def events_of(extractor, body, published=TUESDAY):
    return [e.row() for e in extractor.extract(article_from_text(body, "t", published=published))]


def only_event(extractor, body):
    events = events_of(extractor, body)
    assert len(events) == 1, [(e["location"], e["sub_event_type"]) for e in events]
    return events[0]


@pytest.mark.parametrize("body, expected", [
    # ground fighting, with or without casualties
    ("Russian and Ukrainian forces clashed near Vovchansk on Monday. Casualties unknown.",
     ("Battles", "Armed clash")),
    ("Russian troops tried to advance near Kupiansk on Monday but were repelled.", ("Battles", "Armed clash")),
    # shelling of the same village that day is part of the battle
    ("Ukrainian forces repelled an assault near Siversk on Monday. Russian artillery also shelled Siversk.",
     ("Battles", "Armed clash")),
    # territory: who takes it decides (the state regaining its own, anyone else overtaking)
    ("Ukrainian forces regained control of Robotyne on Monday.", ("Battles", "Government regains territory")),
    # the side that takes the place is the one just before 'captured', not the one fought 'with'
    ("Following heavy clashes with Ukrainian forces, Russian forces captured Krasnohorivka on Monday.",
     ("Battles", "Non-state actor overtakes territory")),
    # the capture told as a noun ('advancing' alone would be a clash)
    ("Russia has been advancing in the east, claiming the capture of the village of Ocheretyne on Monday.",
     ("Battles", "Non-state actor overtakes territory")),
    ("After a counteroffensive, Russian troops withdrew from Oleshky on Monday and Ukrainian forces recaptured it.",
     ("Battles", "Government regains territory")),
    ("Russian forces withdrew from Oleshky on Monday and Ukrainian troops regained control of the town.",
     ("Strategic developments", "Non-violent transfer of territory")),
    # remote violence by weapon
    ("Russian forces fired 120mm mortars at positions near Vovchansk on Monday.",
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("Explosions were observed near Beryslav on Monday morning.",
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("Russian drones struck port facilities in Izmail overnight.", ("Explosions/Remote violence", "Air/drone strike")),
    # what a drone fell on, even with no one hurt; a car crashing is no act
    ("A Ukrainian drone crashed into an oil depot in Bryansk on Sunday, sparking a fire; no one was hurt.",
     ("Explosions/Remote violence", "Air/drone strike")),
    # a grenade launcher fires like a mortar; a grenade dropped from a drone is the drone's strike
    ("Russian forces fired on Krasnopillia on Monday with mortars and automatic grenade launchers.",
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("A Russian drone dropped a grenade on a car in Beryslav on Monday, wounding the driver.",
     ("Explosions/Remote violence", "Air/drone strike")),
    ("A soldier threw a grenade into a shop in Izium on Monday, wounding two people.",
     ("Explosions/Remote violence", "Grenade")),
    ("A tractor driver was wounded when his vehicle hit a landmine near Izium on Monday.",
     ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("On Monday, a boy was injured when an unexploded device went off in a garden in Izium.",
     ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    # interceptions: a weapon stopped, nothing hit
    ("Air defences shot down six drones over the Mykolaiv region on Monday.",
     ("Strategic developments", "Disrupted weapons use")),
    ("Air defences repelled an attack on Mykolaiv on Monday.", ("Strategic developments", "Disrupted weapons use")),
    # violence against civilians, by hand
    ("Russian soldiers abducted two volunteers in Nova Kakhovka on Monday.",
     ("Violence against civilians", "Abduction/forced disappearance")),
    ("Russian soldiers shot dead a farmer in Beryslav on Monday.", ("Violence against civilians", "Attack")),
    # other strategic developments, and protests
    ("Russian troops looted shops and stole cars in Oleshky on Monday.",
     ("Strategic developments", "Looting/property destruction")),
    ("Police arrested two men in Lviv on Monday on suspicion of spying.", ("Strategic developments", "Arrests")),
    ("Hundreds of people protested in Lviv on Sunday against the closure of a hospital.",
     ("Protests", "Peaceful protest")),
])
def test_sub_type_from_what_happened(extractor, body, expected):
    e = only_event(extractor, body)
    assert (e["event_type"], e["sub_event_type"]) == expected


@pytest.mark.parametrize("text, figure", [
    ("[Coded as 10 fatalities split across 3 events. 4 fatalities coded to this event]", 4),
    ("(fatalities split between 5 events and coded as 14)", 14),
    ("Unspecified fatalities coded as 3.", 3),
    ("Fatalities coded as 0; they are coded to the events they belong to.", 0),
    ("(90 fatalities split across three events, 30 fatalities coded in this event)", 30),
    ("Russian forces shelled the village.", None),
])
def test_a_coders_remark_states_the_figure(text, figure):
    remark = find_remark(text)
    assert (remark.figure if remark else None) == figure


def test_a_split_without_a_figure_shares_the_total_evenly(extractor):
    body = ("On Monday, Russian forces shelled Siversk, Donetsk region. Up to 31 soldiers were killed near "
            "Siversk, Spirne and Bilohorivka (fatalities split between 3 events).")
    assert only_event(extractor, body)["fatalities"] == 10  # 31 // 3: the conservative share


def test_a_remark_decides_and_the_places_it_lists_make_no_events(extractor):
    body = ("On Monday, Russian forces shelled near Siversk, Donetsk region. Up to 30 soldiers were killed near "
            "Siversk, Spirne and Bilohorivka [30 fatalities split across three events. "
            "10 fatalities coded to this event].")
    e = only_event(extractor, body)
    assert (e["admin1"], e["fatalities"]) == ("Donetsk Oblast", 10)


@pytest.mark.parametrize("body, killed", [
    # a rate is no incident
    ("Russian shelling of Siversk continued on Monday; defenders are losing 100 soldiers a day.", None),
    # a campaign's total is no incident's toll; a strike's big toll in one sentence is
    ("Russian artillery pounded Siversk on Monday; the siege has killed 20,000 people.", None),
    ("Bombardment and street fighting have left Siversk in ruins, killing at least 9,000 people.", None),
    ("A missile strike on the barracks in Siversk killed 600 soldiers on Monday.", 600),
    # one victim by role, with an apposition, or the subject without an article
    ("Russian forces shelled Beryslav on Monday. The driver of a bus was killed.", 1),
    ("Russian forces shelled Beryslav on Monday. 1 civilian, an off-duty nurse, was killed.", 1),
    ("On Monday, Ukrainian civilian was killed by a Russian landmine near Izium.", 1),
    # a ship's crew
    ("A Russian missile hit a cargo ship in Odesa port on Monday, killing a crew member.", 1),
    # deaths without a number stay empty by default
    ("Russian forces clashed with a Ukrainian unit near Vovchansk on Monday, killing several soldiers.", None),
])
def test_whose_toll_it_is(extractor, body, killed):
    events = events_of(extractor, body)
    assert events and max((e["fatalities"] for e in events), key=lambda k: k or 0) == killed


def test_a_toll_over_several_places_is_no_places_toll(extractor):
    events = events_of(extractor, "Russian shelling killed six people in Kherson and Mykolaiv on Monday.")
    assert all(e["fatalities"] != 6 for e in events)


def tolls(events):
    return [(e["location"], e["fatalities"], e["injuries"]) for e in events]


def test_debris_is_of_the_weapon_the_sentence_before_named(extractor):
    body = ("Air defences shot down 50 of 90 drones launched at Kyiv overnight. Debris fell on a house in the "
            "Obolonskyi district, injuring a 70-year-old woman.")
    (e,) = [e for e in events_of(extractor, body) if e["injuries"]]
    assert (e["location"], e["weapon"], e["sub_event_type"]) == ("Kyiv", "drone", "Air/drone strike")


def test_a_car_crash_is_no_incident(extractor):
    assert events_of(extractor, "A car crashed into a tree near Poltava on Sunday, killing two people.") == []


def test_a_toll_over_several_towns_is_shared_out_across_their_events(extractor):
    # told of no incident before it: one event per town, the total split as ACLED splits a
    # total across its events (the parts add up to it), and the notes say so
    events = events_of(extractor, "Russian shelling killed five people and wounded seven in Kherson and Beryslav "
                                  "on Monday.")
    assert tolls(events) == [("Kherson", 3, 4), ("Beryslav", 2, 3)]
    assert all(e["notes"].endswith("[5 killed and 7 wounded in Kherson, Beryslav together: split across 2 events]")
               for e in events)


def test_two_tolls_each_with_its_town_are_two_incidents(extractor):
    events = events_of(extractor, "Russian drones killed a man in Kherson and wounded two women in Beryslav on Monday.")
    assert tolls(events) == [("Kherson", 1, None), ("Beryslav", None, 2)]


def test_a_shared_toll_then_a_toll_of_its_own(extractor):
    events = events_of(extractor, "In the Donetsk region, Russian attacks killed three civilians in Pokrovsk and "
                                  "Myrnohrad and injured five others in Kostiantynivka, the governor said on Monday.")
    assert tolls(events) == [("Pokrovsk", 2, None), ("Myrnohrad", 1, None), ("Kostyantynivka", None, 5)]


def test_killed_and_wounded_before_a_time_phrase():
    got = {c.kind: c.count for c in find_casualties("The strike killed 4 people and wounded 10 on Thursday.")}
    assert got == {"killed": 4, "wounded": 10}


def test_a_date_is_not_a_count():
    assert [c.count for c in find_casualties("On 5 April the soldier was wounded.")] == [1]


def test_acled_conventions_are_an_option_and_marked(gazetteer):
    from geo.extraction import Extractor
    body = "Russian troops stormed positions near Vovchansk on Monday, killing dozens of soldiers."
    plain = events_of(Extractor(gazetteer), body)[0]
    acled = events_of(Extractor(gazetteer, acled_conventions=True), body)[0]
    assert plain["fatalities"] is None and "deaths stated without a number" in plain["notes"]
    assert acled["fatalities"] == 12 and "ACLED convention: 12" in acled["notes"]
    # the ACLED export reads the words kept in notes, only when asked to
    assert to_acled(plain)["fatalities"] == 0
    assert to_acled(plain, acled_conventions=True)["fatalities"] == 12
    assert figure_from_notes(acled["notes"]) == 12


@pytest.mark.parametrize("words, text, figure", [
    ("dozens", "", 12), ("tens of soldiers", "", 10), ("hundreds", "", 100),
    ("killing soldiers", "a massive strike", 10), ("killing soldiers", "a strike", 3),
])
def test_acled_figures_for_deaths_without_a_number(words, text, figure):
    assert convention_figure(words, text) == figure


@pytest.mark.parametrize("body, place", [
    # the coder's own choice of place decides
    ("Ukrainian forces shot down five drones over the Odesa region (coded to Odesa) on Monday.", "Odesa"),
    # 'the city' is the last town named
    ("Russian forces shelled Lysychansk on Monday. A police station in the city took a direct hit, "
     "wounding 20 officers.", "Lysychansk"),
    # the mayor of a city reports on it; an owner in a possessive is not the place
    ("The mayor of Mykolaiv said one person was killed when rockets hit the city overnight.", "Mykolayiv"),
    ("Fighting raged in the Kherson region on Monday, a key link in Moscow's supply lines.", "Kherson Oblast"),
])
def test_where_the_violence_happened(extractor, body, place):
    assert only_event(extractor, body)["location"] == place


@pytest.mark.parametrize("body, region", [
    ("On Monday, Russian forces shelled near Verbivka-Druha, Kharkiv, with mortars.", "Kharkiv Oblast"),
    ("On Monday, a drone attacked a car near Verbivka-Druha (Belgorod). Two civilians were injured.",
     "Belgorod Oblast"),
])
def test_an_unknown_village_is_its_region_and_never_the_regions_capital(extractor, body, region):
    # an invented village: our data cannot have it, so the region named after it is the place
    e = only_event(extractor, body)
    assert (e["location"], e["geo_precision"]) == (region, 3)


def test_a_village_named_again_without_its_region_is_the_same_place(extractor):
    body = ("On Monday, Russian forces clashed with Ukrainian forces near Verbivka-Druha, Luhansk region. "
            "Russian forces also shelled Verbivka-Druha.")
    e = only_event(extractor, body)
    assert (e["admin1"], e["sub_event_type"]) == ("Luhansk Oblast", "Armed clash")


def test_the_cli_option_and_the_acled_export(tmp_path):
    import csv
    import io
    import os
    import subprocess
    import sys

    from conftest import ROOT
    (tmp_path / "a.txt").write_text("Title: T\nDate: 2024-03-05\n\nRussian troops stormed positions near "
                                    "Vovchansk on Monday, killing dozens of soldiers.\n")
    env = {**os.environ, "GEO_DB": str(tmp_path / "events.db")}

    def geo(*args):
        r = subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        return list(csv.DictReader(io.StringIO(r.stdout)))
    assert [e["fatalities"] for e in geo("extract", str(tmp_path), "-o", "-")] == [""]
    assert [e["fatalities"] for e in geo("extract", str(tmp_path), "--acled-conventions", "-o", "-")] == ["12"]
    geo("ingest", str(tmp_path))
    assert [e["fatalities"] for e in geo("export", "--format", "acled", "-o", "-")] == ["0"]
    assert [e["fatalities"] for e in geo("export", "--format", "acled", "--acled-conventions", "-o", "-")] == ["12"]


def test_the_same_toll_retold_with_a_nearer_village_is_one_event_there(extractor):
    body = ("Three people were killed by Russian shelling near Kharkiv on Monday, officials said. "
            "The regional command said three people died from the attack on a bus near Chuhuiv.")
    e = only_event(extractor, body)
    assert (e["location"], e["fatalities"]) == ("Chuhuyiv", 3)


@pytest.mark.parametrize("body, actors", [
    # ACLED names who flies the drone or the aircraft: the armed forces' air force
    ("Russian drones struck port facilities in Izmail on Monday, injuring two workers.",
     ("Military Forces of Russia (2000-) Air Force", "Civilians (Ukraine)")),
    # the side whose soldiers were killed is the one struck, not the one striking
    ("Two Ukrainian servicemen were killed and three were wounded in a Russian missile strike on a training "
     "ground near Dnipro on Sunday.", ("Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)")),
    # a weapon only one side fires names the side; a brigade is its army
    ("At around 3 a.m. on Monday, a Shahed drone hit a high-rise in Ternopil, injuring four people.",
     ("Military Forces of Russia (2000-) Air Force", "Civilians (Ukraine)")),
    ("An Iskander missile struck a training ground of Ukraine's 47th brigade near Pokrovsk on Monday, "
     "killing 20 servicemen.", ("Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)")),
    # Russia's Defence Ministry's words: 'liberated' by its group of forces is Russia taking a place,
    # in its 'Donetsk People's Republic' (Donetsk region); a community of one village is that village
    ("Units of the Battlegroup Center liberated the community of Novoselydivka in the Donetsk People's "
     "Republic on Monday, the ministry added.",
     ("Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)")),
    ("Russia's Ministry of Defence said on Monday its troops had taken control of the village of Illinka in "
     "the Donetsk region.", ("Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)")),
    ("Ukraine's SBU security service said on Monday its drones hit an ammunition depot in Toropets in Russia's "
     "Tver region.", ("Military Forces of Ukraine (2019-) Air Force", "")),
    ("Ukraine said on Monday it had retaken the village of Robotyne in the Zaporizhzhia region.",
     ("Military Forces of Ukraine (2019-)", "Military Forces of Russia (2000-)")),
    # 'Ukraine's military said' speaks; the man and three other people are the ones hit
    ("Russian forces shelled the city of Kherson on Monday, killing a 62-year-old man and wounding three other "
     "people. Ukraine's military said it had destroyed a Russian command post nearby.",
     ("Military Forces of Russia (2000-)", "Civilians (Ukraine)")),
    ("A Russian drone attack on the city of Hlukhiv on Monday killed one person, the police said.",
     ("Military Forces of Russia (2000-) Air Force", "Civilians (Ukraine)")),
    # arson no side claims: the Security Service that reports it is no perpetrator
    ("Property destruction: On Monday two teenagers set fire to a military vehicle in Lutsk, the Security "
     "Service of Ukraine said.", ("Unidentified Armed Group (Ukraine)", "")),
])
def test_actors_as_acled_names_them(extractor, body, actors):
    e = only_event(extractor, body)
    assert (e["actor1"], e["actor2"]) == actors
    # and the ACLED export gives each its kind, as ACLED's inter1 does
    assert to_acled(e)["inter1"] == ("Political militia" if "Unidentified" in actors[0] else "State forces")


@pytest.mark.parametrize("lead, actor1", [
    ("Russian missile and drone attacks killed nine people across Ukraine overnight, officials said.",
     "Military Forces of Russia (2000-)"),
    # the lead's side strikes the other side's ground: it signs no strike on its own
    ("Ukrainian drones attacked Russia's Belgorod region overnight, officials said.", ""),
])
def test_an_unsigned_strike_takes_the_side_the_lead_tells_of(extractor, lead, actor1):
    body = f"{lead}\n\nIn Zaporizhzhia, a missile struck an apartment building on Monday, killing four people."
    (e,) = [e for e in events_of(extractor, body) if e["fatalities"] == 4]
    assert e["actor1"] == actor1


def test_a_place_in_ukraines_region_is_looked_up_there(extractor):
    # not Poltava region's Pishchane: 'in Ukraine's Kharkiv region' ties it
    e = only_event(extractor, "Russia's Defence Ministry said on Monday its forces had captured the village of "
                              "Pishchane in Ukraine's Kharkiv region.")
    assert (e["location"], e["admin1"]) == ("Pishchane", "Kharkiv Oblast")


def test_an_interception_over_several_regions_is_one_event_per_region(extractor):
    # ACLED: one event per place; where the drones came from is no place of interception
    body = ("Ukraine's air force said on Monday it shot down 40 of 50 drones launched overnight from Russia's "
            "Kursk and Bryansk regions over the Kyiv, Sumy and Chernihiv regions.")
    events = events_of(extractor, body)
    assert [e["admin1"] for e in events] == ["Kyiv Oblast", "Sumy Oblast", "Chernihiv Oblast"]
    assert {e["sub_event_type"] for e in events} == {"Disrupted weapons use"}


def test_counts_per_region_and_a_town_inside_its_region(extractor):
    body = ("Russian air defences destroyed 34 Ukrainian drones on Monday: 18 over the Kursk Region, 10 over the "
            "Bryansk Region and six over the Belgorod Region, near the town of Shebekino.")
    events = events_of(extractor, body)
    assert [e["location"] for e in events] == ["Kursk Oblast", "Bryansk Oblast", "Shebekino"]
    # who stopped whose weapons: the interceptor, then the attacker's air force
    assert {(e["actor1"], e["actor2"]) for e in events} == {
        ("Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-) Air Force")}


def test_a_coders_interception_stays_where_the_coder_put_it(extractor):
    body = ("Interception: On 4 March 2024, Ukrainian forces shot down 2 Kh-59 missiles above Kherson Oblast "
            "(coded to Kherson, Kherson). Four missiles were shot down above Kherson and Kirovohrad Oblasts.")
    e = only_event(extractor, body)
    assert (e["location"], e["actor1"], e["actor2"]) == (
        "Kherson", "Military Forces of Ukraine (2019-)", "Military Forces of Russia (2000-) Air Force")
