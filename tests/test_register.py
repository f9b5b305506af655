"""Every settlement of Ukraine's register (KATOTTG), in the spellings reports use, and never
outside the region the text ties it to. Villages here are our own picks of places in the news."""
import pytest

from geo.gazetteer.geometry import haversine_km
from geo.gazetteer.names import skeleton
from geo.gazetteer.register import latin_spellings


def test_romanisations_of_a_register_name():
    # KMU 2010 (official) first, then BGN/PCGN, the 2007 passport scheme, the 1996 national one
    assert latin_spellings("Майданівка")[:2] == ["Maidanivka", "Maydanivka"]
    assert "Schastia" in latin_spellings("Щастя") and latin_spellings("Щастя")[0] == "Shchastia"
    assert "Zagoruikivka" in latin_spellings("Загоруйківка")


@pytest.mark.parametrize("a, b", [("Zahoruykivka", "Zagoruikivka"), ("Cheremoshnoe", "Cheremoshnoye"),
                                  ("Chervonyi Mayak", "Chervonyy Maiak"), ("Shchastia", "Schastya"),
                                  ("Novoandriyivka", "Novoandrijivka"), ("Marchykhyna Buda", "Marchyhina Buda")])
def test_romanisations_share_a_skeleton(a, b):
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize("a, b", [("Kharkiv", "Kherson"), ("Pokrovsk", "Pokrovske"), ("Ivanivka", "Ivankiv")])
def test_different_names_keep_different_skeletons(a, b):
    assert skeleton(a) != skeleton(b)


def test_a_village_missing_from_cities500_has_its_post_offices_point(gazetteer):
    # Novoandriivka (Orikhiv hromada, Zaporizhzhia): under 500 people, so not in cities500;
    # its post office's village in GeoNames's post codes gives its own point
    for spelling in ("Novoandriivka", "Novoandriyivka", "Novoandrijivka"):
        p = gazetteer.resolve(spelling, within="Zaporizhzhia Oblast")
        assert (p.name, p.admin1, p.geo_precision, p.layer) == (
            "Novoandriivka", "Zaporizhzhia Oblast", 1, "post codes"), spelling
        assert haversine_km(p.latitude, p.longitude, 47.55, 35.70) < 3
        assert "post office" in p.reason


def test_a_village_neither_source_has_is_at_its_hromada_centre(gazetteer):
    # Shovkove (Berdiansk hromada): no GeoNames place, no post office
    p = gazetteer.resolve("Shovkove", within="Zaporizhzhia Oblast")
    assert (p.name, p.geo_precision, p.layer) == ("Shovkove", 2, "hromada centre")
    assert "hromada centre: Berdiansk" in p.reason


def test_a_register_village_with_a_geonames_point_keeps_it(gazetteer):
    p = gazetteer.resolve("Krynky", within="Kherson Oblast")  # the left-bank village on the Dnipro
    assert (p.admin1, p.geo_precision, p.layer) == ("Kherson Oblast", 1, "register")
    assert haversine_km(p.latitude, p.longitude, 46.73, 33.08) < 5


def test_a_renamed_village_answers_to_both_names(gazetteer):
    # Kutuzivka (Tokmak hromada) was renamed Petershahen in 2024; reports use both
    old = gazetteer.resolve("Kutuzivka", within="Zaporizhzhia Oblast")
    new = gazetteer.resolve("Petershahen", within="Zaporizhzhia Oblast")
    assert old == new and new.admin1 == "Zaporizhzhia Oblast"


def test_a_named_region_is_a_hard_bound(gazetteer):
    p = gazetteer.resolve("Kharkiv", within="Lviv Oblast")  # no Kharkiv in Lviv Oblast
    assert (p.name, p.kind, p.geo_precision) == ("Lviv Oblast", "region", 3)
    assert p.reason == "no place named 'Kharkiv' known in Lviv Oblast: the region itself"
    assert gazetteer.resolve("Qwxzvk", within={"Lviv Oblast", "Sumy Oblast"}) is None  # which region?
    assert gazetteer.resolve("Qwxzvk", countries={"UA"}).kind == "country"


@pytest.mark.parametrize("written, name, region", [
    ("Horinka", "Horenka", "Kyiv Oblast"),  # a vowel other romanisations do not give
    ("Tsukurune", "Tsukuryne", "Donetsk Oblast"),  # a typo
])
def test_a_name_one_letter_off_a_village_of_the_named_region_is_that_village(gazetteer, written, name, region):
    p = gazetteer.resolve(written, within=region)
    assert (p.name, p.admin1, p.geo_precision) == (name, region, 1)
    assert "one letter off" in p.reason


def test_without_a_region_another_spelling_is_only_of_one_town(gazetteer):
    assert gazetteer.resolve("Novaya Kakhovka").name == "Nova Kakhovka"  # Russian adjective, 44,000 people
    assert gazetteer.resolve("Zelensky") is None and gazetteer.resolve("Kovalenko") is None  # surnames


def test_a_near_spelling_needs_a_named_region_and_a_long_enough_name(gazetteer):
    assert gazetteer.resolve("Horinka") is None  # no bound: a typo is not guessed at
    assert gazetteer.resolve("Kharkiv", within="Lviv Oblast").kind == "region"  # not Lviv's Zharkiv
    p = gazetteer.resolve("Pesky", within="Donetsk Oblast")  # Pisky is one letter off, but short names collide
    assert (p.kind, p.name) == ("region", "Donetsk Oblast")


def test_nearby_places_in_the_text_do_not_pull_a_name_out_of_its_region(gazetteer):
    from geo.gazetteer import GeoContext
    lviv = gazetteer.resolve("Lviv")
    context = GeoContext(regions={"Lviv Oblast"}, anchors=[lviv])
    assert gazetteer.resolve("Ivanivka", context, within="Kherson Oblast").admin1 == "Kherson Oblast"


def test_a_part_of_a_town_is_placed_at_the_town(gazetteer):
    p = gazetteer.resolve("Kharkiv - Saltivskyi", within="Kharkiv Oblast")
    assert (p.name, p.geo_precision) == ("Kharkiv", 1) and p.reason.startswith("a part of Kharkiv")


def test_sevastopol_lies_in_crimea(gazetteer):
    p = gazetteer.resolve("Sevastopol", within="Crimea")
    assert p.name == "Sevastopol" and haversine_km(p.latitude, p.longitude, 44.60, 33.52) < 25


@pytest.mark.parametrize("body, place", [
    ("Explosions were heard in Sevastopol, Crimea, on Monday.", ("Sevastopol", "Sevastopol", 1)),
    ("Russian soldiers abducted the head of Dvorichna village in the Kharkiv region on Monday.",
     ("Dvorichna", "Kharkiv Oblast", 1)),  # a town in the region the sentence names is where
    ("On Monday, a resident of Beryslav was wounded by Russian shelling in the Kherson region.",
     ("Beryslav", "Kherson Oblast", 1)),
])
def test_a_town_in_the_region_is_more_precise_than_the_region(extractor, body, place):
    from datetime import date
    from geo.articles import article_from_text
    (e,) = [e.row() for e in extractor.extract(article_from_text(body, "t", published=date(2024, 11, 19)))]
    assert (e["location"], e["admin1"], e["geo_precision"]) == place


@pytest.mark.parametrize("name", ["Sevastopol", "Saint Petersburg"])
def test_a_city_that_is_a_region_of_its_own_is_the_city(gazetteer, name):
    assert (gazetteer.resolve(name).kind, gazetteer.resolve(name).geo_precision) == ("city", 1)
    assert gazetteer.region(name).kind == "region"  # the region, when asked for by name


def test_the_register_is_complete(gazetteer):
    """Each of the register's 29,700 settlements answers by its official romanisation
    inside its region (at its own point or its hromada's centre), save the few whose
    hromada has no known point at all."""
    import random
    from geo.gazetteer.build import read_table
    from geo.gazetteer.register import read_register
    settlements = read_register(read_table("regions.csv"))
    assert len(settlements) >= 29_700
    sample = random.Random(11).sample(settlements, 600)
    found = [gazetteer.resolve(latin_spellings(s.name)[0], within=s.region) for s in sample]
    assert sum(p is not None and p.kind == "city" for p in found) >= 0.97 * len(sample)
    inside = {"Crimea": {"Crimea", "Sevastopol"}}  # the peninsula holds both
    assert all(p.admin1 in inside.get(s.region, {s.region}) for p, s in zip(found, sample))


def _placed(places: list[tuple], settlements: list[tuple], post: list[tuple] = ()) -> dict:
    """place_settlements on a small made-up region: places (name, lat, lon, population,
    alternate names...) as GeoNames would have them; settlements (Ukrainian name, category, hromada, is its centre,
    former name) as the register lists them; post offices' villages (Ukrainian name, lat, lon) as
    the post codes list them. -> {(name, hromada): point}"""
    from geo.gazetteer.placement import RegionNames, place_settlements
    from geo.gazetteer.postal import PostalNames, PostalPlace
    from geo.gazetteer.register import Settlement
    region = "Donetsk Oblast"
    rows = [(name, "UA", region, lat, lon, population) for name, lat, lon, population, *_ in places]
    names = RegionNames(rows, {i: [place[0], *place[4:]] for i, place in enumerate(places)})
    register = [Settlement(name, category, region, "R", hromada, centre, former)
                for name, category, hromada, centre, former in settlements]
    offices = PostalNames([PostalPlace(name, "UA", region, lat, lon) for name, lat, lon in post])
    return {(s.name, s.hromada): point for s, _, point in place_settlements(register, names, offices)}


def test_one_geonames_place_is_one_settlement():
    """Two namesake villages of neighbouring hromadas both find the same GeoNames point
    within reach: it goes to the one whose hromada centre is nearer; the other is put at its
    own hromada's centre (precision 2), not on its namesake."""
    placed = _placed([("Horodok", 48.0, 37.0, 5000), ("Lyman", 48.3, 37.3, 5000), ("Vasylivka", 48.1, 37.1, 700)],
                     [("Городок", "M", "H1", True, ""), ("Василівка", "C", "H1", False, ""),
                      ("Лиман", "M", "H2", True, ""), ("Василівка", "C", "H2", False, "")])
    assert placed[("Василівка", "H1")].place == 2  # 14 km from its centre: the village itself
    near_lyman = placed[("Василівка", "H2")]  # 28 km from Lyman: another Vasylivka
    assert near_lyman.place == 1 and near_lyman.centre == "Lyman"


def test_a_renamed_village_does_not_take_the_point_of_the_town_whose_name_it_took():
    """A village renamed in 2024 to a town's name (Sieverne -> Pivnichne, Donetsk Oblast,
    beside the town of Pivnichne) stays at its hromada centre; the town keeps its point."""
    placed = _placed([("Toretsk", 48.4, 37.85, 30000), ("Pivnichne", 48.39, 37.91, 11747),
                      ("Ocheretyne", 48.24, 37.62, 3000)],
                     [("Торецьк", "M", "H1", True, ""), ("Північне", "M", "H1", False, ""),
                      ("Очеретине", "T", "H2", True, ""), ("Північне", "C", "H2", False, "Сєверне")])
    assert placed[("Північне", "H1")].place == 1
    village = placed[("Північне", "H2")]
    assert village.place == 2 and village.centre == "Ocheretyne"


def test_a_hromada_centre_is_not_placed_on_another_centre_that_lists_its_name():
    """GeoNames's Bilozerka lists 'Ivanivka' among its alternate names. The town of Ivanivka,
    160 km east, is its own hromada's centre, even when its villages' lone namesakes (wrongly
    matched, far west) pull the hromada's middle towards Bilozerka."""
    placed = _placed([("Bilozerka", 46.63, 32.44, 9565, "Ivanivka"), ("Ivanivka", 46.71, 34.55, 4410),
                      ("Mykhailivka", 46.28, 32.65, 2152), ("Novomykolaivka", 46.23, 32.73, 3600)],
                     [("Білозерка", "X", "H1", True, ""), ("Іванівка", "X", "H2", True, ""),
                      ("Михайлівка", "C", "H2", False, ""), ("Новомиколаївка", "C", "H2", False, "")])
    assert placed[("Іванівка", "H2")].place == 1
    assert placed[("Білозерка", "H1")].place == 0


def test_a_village_takes_the_post_office_namesake_nearest_its_hromada_centre():
    """Two post offices' villages named Zelene in one region: each settlement takes the one
    within reach of its hromada's centre; one 60 km off is another village's, and the
    settlement whose centre has none near stays at its centre."""
    towns = [("Horodok", 48.0, 37.0, 5000), ("Lyman", 48.3, 37.3, 5000), ("Kurakhove", 47.5, 36.3, 5000)]
    placed = _placed(towns, [("Городок", "M", "H1", True, ""), ("Зелене", "C", "H1", False, ""),
                             ("Лиман", "M", "H2", True, ""), ("Зелене", "C", "H2", False, ""),
                             ("Курахове", "M", "H3", True, ""), ("Зелене", "C", "H3", False, "")],
                     post=[("Зелене", 48.05, 37.1), ("Зелене", 48.35, 37.4)])
    assert (placed[("Зелене", "H1")].latitude, placed[("Зелене", "H1")].postal) == (48.05, True)
    assert (placed[("Зелене", "H2")].latitude, placed[("Зелене", "H2")].postal) == (48.35, True)
    kurakhove = placed[("Зелене", "H3")]  # both post villages are over 60 km from Kurakhove
    assert not kurakhove.postal and kurakhove.centre == "Kurakhove"


def test_a_post_office_of_a_village_geonames_knows_is_no_namesakes():
    """Vasylivka of H1 is in GeoNames and has a post office at the same point: Vasylivka of
    H2, whose centre is within reach of that point too, is not put on it."""
    towns = [("Horodok", 48.0, 37.0, 5000), ("Lyman", 48.25, 37.25, 5000), ("Vasylivka", 48.1, 37.1, 700)]
    placed = _placed(towns, [("Городок", "M", "H1", True, ""), ("Василівка", "C", "H1", False, ""),
                             ("Лиман", "M", "H2", True, ""), ("Василівка", "C", "H2", False, "")],
                     post=[("Василівка", 48.101, 37.101)])
    assert placed[("Василівка", "H1")].place == 2
    lyman = placed[("Василівка", "H2")]
    assert not lyman.postal and lyman.centre == "Lyman"


def test_a_hromada_centre_goes_where_its_villages_are():
    """Two towns named Serhiivka in one region. The hromada's one village with a single
    GeoNames namesake lies by the inland one, but two more villages (known to the post) lie
    by the coastal one: the centre goes to the namesake most of its villages lie near."""
    towns = [("Serhiivka", 46.02, 30.37, 5343), ("Serhiivka", 46.30, 29.90, 900),
             ("Stepove", 46.31, 29.92, 600)]
    placed = _placed(towns, [("Сергіївка", "T", "H1", True, ""), ("Степове", "C", "H1", False, ""),
                             ("Приморське", "C", "H1", False, ""), ("Курортне", "C", "H1", False, "")],
                     post=[("Приморське", 46.05, 30.40), ("Курортне", 45.98, 30.33)])
    assert placed[("Сергіївка", "H1")].place == 0


def test_a_hromada_centre_cities500_lacks_is_at_its_post_office_its_villages_lie_near():
    """The centre has no GeoNames place and two post offices of its name. Its villages with a
    point of their own all lie east of it, so their middle is 15 km off: the centre, and the
    village known to neither source, take the post office its villages lie near."""
    towns = [("Vasylivka", 48.10, 37.30, 700), ("Petrivka", 48.20, 37.30, 800)]
    placed = _placed(towns, [("Зоряне", "C", "H1", True, ""), ("Василівка", "C", "H1", False, ""),
                             ("Петрівка", "C", "H1", False, ""), ("Лісне", "C", "H1", False, "")],
                     post=[("Зоряне", 48.15, 37.10), ("Зоряне", 47.20, 35.90)])
    unknown = placed[("Лісне", "H1")]
    assert (unknown.latitude, unknown.longitude, unknown.centre) == (48.15, 37.10, "Zoriane")
