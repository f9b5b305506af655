"""alternation.py: patterns dispatched by their first letter match exactly as the plain
alternation of the same patterns (same spans, same pattern, same order)."""
import random
import re

import pytest

from geo.extraction.alternation import Alternation, after_letter, letter_first, split_alternatives

WORDS = ("air", "strike", "airstrikes", "anti-air", "anti-", "mines", "landmines", "land", "sea", "mine",
         "shot", "down", "shots", "shelled", "shell", "she", "took", "control", "taken", "the", "full",
         "152mm", "120", "mm", "x", "drone", "drones", "a", "an", "aa", "ab", "abc", "-", ",", "7")

SHAPES = {
    "groups first, optional and nested": [r"(?:land|sea)?mines?\b", r"(?:took|taken)\s+(?:the\s+)?(?:full\s+)?control",
                                          r"(?:sh(?:ot|elled)|she)\s+down", r"mine"],
    "a lookbehind before a group, with its own alternatives": [r"(?<!anti-|ant1-)(?:air\s*strikes?|aircraft)",
                                                               r"air", r"(?<=-)a\w+"],
    "earlier pattern wins at one position": [r"shot", r"shot\s+down", r"sh\w+", r"s"],
    "a class first that can go last": [r"drones?", r"\d+\s*mm\b", r"x"],
    "word boundaries first": [r"\b(?:sh|mi)\w*", r"\bair|\b(?<!-)a\w", r"ines|es", r"\b\d+"],
    "lazy and repeated groups kept whole": [r"(?:a|b)??c", r"(?:a|b){2}c", r"ab", r"a"],
    "a class first that cannot go last": [r"\w+mm", r"mines", r"[a-m]\w*"],
}
UNDISPATCHED = {"lazy and repeated groups kept whole", "a class first that cannot go last"}


def _texts(n=3000):
    rnd = random.Random(14)
    return [" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 12))).replace(" -", "-") for _ in range(n)]


def _plain(patterns, prefix):
    return re.compile(prefix + "(?:" + "|".join(f"(?P<p{k}>{p})" for k, p in enumerate(patterns)) + ")")


@pytest.mark.parametrize("prefix", ["", r"\b(?=\w)"])
@pytest.mark.parametrize("shape", SHAPES)
def test_same_matches_as_the_plain_alternation(shape, prefix):
    patterns = SHAPES[shape]
    fast, plain = Alternation(patterns, prefix), _plain(patterns, prefix)
    assert fast.dispatched == (shape not in UNDISPATCHED)
    for text in _texts():
        expected = [(int(m.lastgroup[1:]), m.span()) for m in plain.finditer(text)]
        assert [(k, m.span()) for k, m in fast.finditer(text)] == expected, text


@pytest.mark.parametrize("alternative, expected", [
    (r"(?:a|b)c", ["ac", "bc"]),
    (r"(?:a|b)?c", ["ac", "bc", "c"]),
    (r"(?:a|(?:b|d)e)f", ["af", "bef", "def"]),
    (r"(?<!x)(?:a|b)", [r"(?<!x)a", r"(?<!x)b"]),
    (r"\b(?:a|b)", [r"\ba", r"\bb"]),
    (r"(?:a|b)*c", [r"(?:a|b)*c"]),
    (r"(?:a|b)??c", [r"(?:a|b)??c"]),
    (r"(?:a|b)s?c", ["as?c", "bs?c"]),
])
def test_letter_first_rewrites(alternative, expected):
    assert letter_first(alternative) == expected


@pytest.mark.parametrize("alternative, expected", [
    (r"air", "ir"),
    (r"(?<!anti-)air", r"(?<!(?:anti-)a)ir"),
    (r"\bair", r"(?<!\wa)ir"),
])
def test_after_the_first_letter_assertions_take_it_in(alternative, expected):
    assert after_letter(alternative) == expected


def test_split_alternatives_ignores_bars_in_groups_classes_and_escapes():
    assert split_alternatives(r"a|(?:b|c)d|[|x]|\||e") == ["a", "(?:b|c)d", "[|x]", r"\|", "e"]


def test_the_cue_table_is_dispatched():
    """A cue written in a shape the dispatch cannot take would make every sentence slower."""
    from geo.extraction import lexicon
    assert lexicon.CUE_ALTERNATION.dispatched


def test_a_named_group_the_rewriting_would_repeat_keeps_the_patterns_whole():
    patterns = [r"(?:shot|shell)(?P<tail>ed|ing)", r"drones?"]
    fast, plain = Alternation(patterns, r"\b(?=\w)"), _plain(patterns, r"\b(?=\w)")
    assert not fast.dispatched
    for text in _texts(500):
        assert [(k, m.span()) for k, m in fast.finditer(text)] == \
            [(int(m.lastgroup[1:]), m.span()) for m in plain.finditer(text)]


def test_a_backreference_is_refused():
    with pytest.raises(ValueError, match="backreference"):
        Alternation([r"(a)\1", "b"])
