"""Sentence splitting that keeps headings apart and survives wire abbreviations."""
from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "gov", "rep", "sen",
                  "u.s", "u.k", "u.n", "a.m", "p.m", "no", "jan", "feb", "aug", "sept", "sep",
                  "oct", "nov", "dec", "vs", "etc", "prof", "capt", "maj", "cpl", "pte", "e.g", "i.e"}
# group 1 is the gap between two sentences; the stop before it comes first in the pattern, so that
# the engine jumps from stop to stop instead of trying a look-behind at every character
_BOUNDARY = re.compile(r"[.!?]([\"”’)]*\s+)(?=[\"“‘(]?[A-Z0-9])")
_SECTION_LINE = re.compile(r"^[-–—•*]\s.*\s[-–—•*]$")
_BULLET = re.compile(r"^[-–—•*▪●]\s")  # a list's item is text, with or without its full stop
_WORD_RUN = re.compile(r"[\w.]+")
MAX_SENTENCE_CHARS = 2000  # bounds the work per sentence on pathological input


@dataclass
class Sentence:
    text: str
    paragraph: int
    heading: bool  # a headline or '- Section -' line: not a report of an incident


# a photo's caption, which ends with its credit: '... on Jan. 4, 2024. (State Emergency Service/Telegram)'
_CAPTION = re.compile(r"\((?:AP|AFP|Reuters|Getty|EPA|Photo|Source|Credit)\b[^()]*\)$|\([^()]*(?:/|\b)(?:Photo|"
                      r"Telegram|Getty Images|Reuters|AFP|AP|Facebook|X)\)$|"
                      r"[.!?]\s+[\w .'’-]{2,60}\s/\s(?:Telegram|Reuters|AFP|AP|EPA|TASS|Getty Images|Facebook|X)$")
def _is_caption(line: str) -> bool:
    tail = line[-100:]  # (the credit ends the line: most lines are tested by two cheap looks)
    return (tail.endswith(")") or " / " in tail) and bool(_CAPTION.search(tail))


HEADING_WORDS = 14  # a line without a full stop is a headline when it is short; a longer one lost its stop


def _is_heading(line: str) -> bool:
    if _SECTION_LINE.match(line) or _is_caption(line):
        return True
    return len(line) < 120 and len(line.split()) <= HEADING_WORDS \
        and not line.endswith((".", "!", "?", '"', "”", ":")) and not _BULLET.match(line)


def _last_word(text: str) -> str:
    """The run of word characters and dots the text ends with ('' if none), matched on the
    text reversed: one match at the start, not a pattern anchored at the end tried everywhere."""
    m = _WORD_RUN.match(text[::-1])
    return text[len(text) - m.end():] if m else ""


def split_sentences(body: str) -> list[Sentence]:
    out: list[Sentence] = []
    for p, line in enumerate(body.split("\n")):
        line = line.strip()
        if not line:
            continue
        if _is_heading(line):
            out.append(Sentence(line[:MAX_SENTENCE_CHARS], p, True))
            continue
        start = 0
        for m in _BOUNDARY.finditer(line):
            word = _last_word(line[start:m.start(1)].rstrip("\"”’)"))
            if word and word.rstrip(".").lower() in _ABBREVIATIONS:
                continue
            if word and len(word.rstrip(".")) == 1 and word[0].isupper():
                continue  # an initial: 'John F. Kennedy'
            out.append(Sentence(line[start:m.start(1)].strip()[:MAX_SENTENCE_CHARS], p, False))
            start = m.end()
        rest = line[start:].strip()
        if rest:
            out.append(Sentence(rest[:MAX_SENTENCE_CHARS], p, False))
    return out
