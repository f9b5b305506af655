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


@pytest.mark.parametrize("pattern, words", [
    (r"another|a further", (" further", "nother")),  # the parse takes the common 'a' out first
    (r"Kyiv (?:said|says)", ("kyiv sa",)),  # lower-cased: the text is folded before the test
    (r"naïve|x\d", ("na", "x")),
    (r"naïve (?:plan|idea)", ("ve ",)),  # the longest ASCII piece of a word
])
def test_required_words_of_a_case_insensitive_pattern(pattern, words):
    assert required_words(re.compile(pattern, re.I)) == words


@pytest.mark.parametrize("text", ["ANOTHER strike", "anoTher", "a ſeparate attack", "İN A SEPARATE strike",
                                  "in a separate", "ın a separate", "KYİV SAID", "Kyiv ſays", "A FURTHER one", "none"])
def test_case_insensitive_twins_of_ascii_letters_still_pass_the_guard(text):
    """'İ' and 'ı' match 'i', 'ſ' matches 's' and the Kelvin sign 'k' case-insensitively."""
    for pattern in (r"\b(?:another|in a separate|a separate|a further)\b", r"kyiv (?:said|says)"):
        regex = re.compile(pattern, re.I)
        assert bool(Guarded(regex).search(text)) == bool(regex.search(text)), (pattern, text)


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
