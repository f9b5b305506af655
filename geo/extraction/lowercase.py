"""Matching on lower-cased text: a case-sensitive pattern on text.lower() runs several times
faster than the same pattern with re.I, so hot patterns are written as usual and lowered."""
from __future__ import annotations

import re


def lower_pattern(pattern: str) -> str:
    """A pattern for lower-cased text: its capital letters lowered; escapes ('\\S', '\\W') and
    named groups ('(?P<day>') kept."""
    return re.sub(r"\\.|\(\?P[<=]|[A-Z]", lambda m: m.group(0) if len(m.group(0)) > 1 else m.group(0).lower(), pattern)


def has_any(low: str, words: tuple[str, ...]) -> bool:
    """Does the lower-cased text contain any of the words? (Substring tests: far cheaper than a
    pattern, so they guard the costly patterns that need one of the words.)"""
    for w in words:  # a plain loop: a third cheaper than any() over a generator
        if w in low:
            return True
    return False


def lowered(text: str) -> str:
    """text.lower() with every offset kept (the few letters whose lower case is longer stay)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)

