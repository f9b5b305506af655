"""The shapes in which a text puts a place inside a district or community: 'Staryi
(Volokonovskiy, Belgorod)', 'Kostiantynivka, Donetsk (Marinka community)'. The district's
town (geo.gazetteer.districts) then picks among the place's namesakes, or stands in for a
village no data of ours has."""
from __future__ import annotations

import re

_NAME = r"[A-Z][\w’'-]{0,40}"
# 'the Shevchenkivskyi district of the capital', '... of Kyiv', "Kherson's Dniprovskyi
# district": a part of a city, named after anything (a poet, a river), not a district around
# a town ('the Pokrovsk district of the Donetsk region' is one)
CITY_DISTRICT = re.compile(rf"\s+of\s+(?:the\s+)?(?:capital|city|(?P<city>{_NAME})\b(?!\s+(?:region|oblast|Oblast)))")
CITY_BEFORE_DISTRICT = re.compile(rf"(?P<city>{_NAME})['’]s\s+(?:the\s+)?$")
_HEDGE = r"(?:(?:likely|presumably|probably|possibly)\s+)?(?:in\s+)?(?:the\s+)?"
# Right after a place: its district, then its region, in brackets: '(Volokonovskiy, Belgorod)',
# '(Sudzhanskiy district, Kursk region)'. A district is masculine (raion): '-skiy', '-skyi'.
# Russia's districts merged with their town are named with it, in Russian: '(Valuyki i
# Valuyskiy, Belgorod)', '(Alekseevskiy i gorod Alekseevka, Belgorod)'.
_AND_TOWN = r"\s+[iI]\s+(?:gorod\s+)?"
DISTRICT_THEN_REGION = re.compile(
    rf"\s*\(\s*{_HEDGE}(?:{_NAME}{_AND_TOWN})?(?P<name>{_NAME}?)(?P<adj>skiy|skyi|skyy|skii|sky)"
    rf"(?:\s+(?:district|raion|rayon))?(?:{_AND_TOWN}{_NAME})?"
    rf"\s*,\s*(?P<region>{_NAME})(?:\s+(?:region|oblast|Oblast))?\s*\)")
# Right after a place's region: its community or district, in brackets: '(Marinka community)',
# '(presumably the Vysokopillia community)'.
DISTRICT_IN_BRACKETS = re.compile(
    rf"\s*\(\s*{_HEDGE}(?P<name>(?:{_NAME}\s+)?{_NAME}?)(?P<adj>skyi|skyy|skiy|skii|sky|ska|ske)?"
    r"\s+(?:(?:territorial|urban|rural|settlement)\s+)?(?P<kind>district|raion|rayon|community|hromada)\s*\)")
