"""guards.py: the words a pattern cannot match without, read from the pattern itself."""
import random
import re

import pytest

from geo.extraction.guards import Guarded, required_words
from geo.extraction.lowercase import has_any


@pytest.mark.parametrize("pattern, words", [
    (r"killed|died", ("died", "killed")),
    (r"shot (?:dead|down)", ("shot d",)),  # one run of literals is enough: the longest
    (r"(?:at least )?\d+ killed", (" killed",)),  # an optional part is no requirement
    (r"wound(?:ed|ing)s?", ("wound",)),
    (r"(?:a|bc)+x?", ("a", "bc")),  # repeated at least once: one of its alternatives
    (r"(?:a|bc)*x", ("x",)),
    (r"(?P<who>people|men) (?:were )?hurt", ("hurt",)),
    (r"(?=killed)\w+", None),  # a lookahead is not part of the match: nothing known
    (r"\d+", None),
    (r"(?:killed|\d+)", None),  # one alternative needs no word: nothing known
    (r"killed(?i:x)", ("killed",)),
])
def test_required_words(pattern, words):
    assert required_words(re.compile(pattern)) == words


def test_a_case_insensitive_pattern_is_always_tried():
    assert required_words(re.compile("killed", re.I)) is None  # 'ſ', 'K' (Kelvin) … match too
    assert Guarded(re.compile("killed", re.I)).search("KILLED")


PATTERNS = [r"(?:(?:at least|some)\s+)?(?P<n>\d+|two|a few)\s+(?:people|civilians)\s+(?:were\s+)?(?:killed|dead)\b",
            r"\b(?:shell(?:ed|ing)|struck)\s+(?:\w+\s+){0,3}?(?:village|town)s?",
            r"(?:a|an|the)\s+(?:drone|missile)\s+(?:attack|strike)|explosions?\s+(?:in|near)",
            r"(?<!no )(?:injur(?:ed|ies)|hurt)\b", r"x{2,}y|z+"]
VOCABULARY = ("at", "least", "some", "2", "two", "a", "few", "people", "civilians", "were", "killed", "dead",
              "shelled", "shelling", "struck", "the", "village", "towns", "an", "drone", "missile", "attack",
              "strike", "explosion", "explosions", "in", "near", "no", "injured", "injuries", "hurt", "xx", "y", "z",
              "two people were killed", "some 3 civilians dead", "a few people")


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_match_holds_a_required_word(pattern):
    regex, rnd = re.compile(pattern), random.Random(14)
    words = required_words(regex)
    assert words, pattern
    matched = 0
    for _ in range(4000):
        text = " ".join(rnd.choice(VOCABULARY) for _ in range(rnd.randint(1, 9)))
        if regex.search(text):
            matched += 1
            assert has_any(text, words), (pattern, text, words)
        assert list(Guarded(regex).finditer(text)) == [] or [m.span() for m in Guarded(regex).finditer(text)] == \
            [m.span() for m in regex.finditer(text)]
    assert matched > 20  # the texts do exercise the pattern
