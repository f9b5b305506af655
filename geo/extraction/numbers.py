"""Number phrases as wire reports write them: '12', '1,200', 'nine', 'twenty-five', 'a dozen'."""
from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000}
# Vague quantities: a casualty happened, its count is unknown (left empty, never guessed).
VAGUE = ("dozens", "scores", "hundreds", "thousands", "several", "many", "numerous", "some",
         "a number of", "a few", "few")

_WORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
# One number: digits, or words such as 'twenty-five', 'one hundred and twenty', 'a dozen'.
NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|a dozen|(?:a|one|{_WORD})\s+(?:hundred|thousand)"
    rf"(?:\s+(?:and\s+)?(?:{_WORD})(?:[- ](?:{_WORD}))?)?|(?:{_WORD})(?:[- ](?:{_WORD}))?)"
)
NUMBER_RE = re.compile(rf"^{NUMBER}$", re.I)


def parse_number(text: str) -> int | None:
    """'nine' -> 9, '1,200' -> 1200, 'twenty-five' -> 25; None when not a number."""
    t = text.strip().lower().replace(",", "")
    if t.isdigit():
        return int(t)
    if t == "a dozen":
        return 12
    if t in ("a", "an"):
        return 1
    total, current = 0, 0
    words = [w for w in re.split(r"[\s-]+", t) if w and w != "and"]
    if not words:
        return None
    for w in words:
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w in SCALES:
            current = max(current, 1) * SCALES[w]
            if w == "thousand":
                total, current = total + current, 0
        elif w == "a":
            current += 1
        else:
            return None
    return total + current
