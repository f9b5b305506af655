"""The words a pattern cannot match without, found from the pattern itself.

A costly pattern is tried only on a text that contains one of them (a substring test, far
cheaper than the engine trying the pattern at every position). The words are read from the
stdlib's own parse of the pattern, so they stay true when the pattern changes: a run of
literal characters must appear as written; of alternatives, one of theirs; of a part repeated
at least once, its own. For a case-insensitive pattern the words are lower-cased ASCII and the
text is folded first: the only other characters that match an ASCII letter case-insensitively
are 'İ' and 'ı' (i), 'ſ' (s) and the Kelvin sign (k, which lower() folds).
"""
from __future__ import annotations

import re

try:  # the stdlib's regex parser (no public API); without it every pattern is simply tried
    from re import _parser as regex_parser
except ImportError:  # pragma: no cover
    regex_parser = None

from .lowercase import has_any


def _better(words: set[str], than: set[str] | None) -> bool:
    """Longer words are rarer; of as long, fewer words."""
    return than is None or (min(map(len, words)), -len(words)) > (min(map(len, than)), -len(than))


def _any_of(items) -> set[str] | None:
    """A set of strings one of which every match of a parsed sequence contains, or None."""
    c = regex_parser
    best, run = None, []
    for op, av in [*items, (None, None)]:  # a sentinel ends the last run of literals
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        found = None
        if run:
            found, run = {"".join(run)}, []
            best = found if _better(found, best) else best
        if op is c.SUBPATTERN and not av[1] & re.IGNORECASE:
            found = _any_of(av[3])
        elif op is c.BRANCH:
            alternatives = [_any_of(alt) for alt in av[1]]
            found = None if None in alternatives else set().union(*alternatives)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            found = _any_of(av[2])
        if found and _better(found, best):
            best = found
    return best


_ASCII_PIECE = re.compile(r"[\x00-\x7f]+")


def folded(text: str) -> str:
    """The text as a case-insensitive pattern sees it, for a test of lower-cased ASCII words:
    'İ' lowers to 'i' and a combining dot (dropped: a guard may let more through, never fewer)."""
    low = text.lower()
    return low if low.isascii() else low.replace("\u0307", "").replace("ı", "i").replace("ſ", "s")


def _ascii_lowered(words: set[str]) -> set[str] | None:
    """Each word's longest ASCII piece, lower-cased (a piece of a required word is required)."""
    pieces = {max(_ASCII_PIECE.findall(w), key=len, default="").lower() for w in words}
    return None if "" in pieces else pieces


def required_words(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Strings one of which any text the pattern matches in contains (None: none known); for
    a case-insensitive pattern, one of which its folded() text contains."""
    if regex_parser is None:
        return None
    words = _any_of(regex_parser.parse(pattern.pattern, pattern.flags))
    if words and pattern.flags & re.IGNORECASE:
        words = _ascii_lowered(words)
    return tuple(sorted(words)) if words else None


class Guarded:
    """A compiled pattern, tried only on texts that hold one of its required words."""

    def __init__(self, pattern: re.Pattern):
        self.regex, self.pattern = pattern, pattern.pattern
        self.words = required_words(pattern)
        self.folds = bool(pattern.flags & re.IGNORECASE)

    def possible(self, text: str) -> bool:
        return self.words is None or has_any(folded(text) if self.folds else text, self.words)

    def finditer(self, text: str, *span):
        return self.regex.finditer(text, *span) if self.possible(text) else iter(())

    def search(self, text: str, *span):
        return self.regex.search(text, *span) if self.possible(text) else None

    def match(self, text: str, *span):
        return self.regex.match(text, *span) if self.possible(text) else None
