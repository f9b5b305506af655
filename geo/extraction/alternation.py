"""Many patterns as one regex that, at each word start, tries only the alternatives that can
begin with the letter found there.

Python's regex engine tries the alternatives of `a|b|c` one after the other at every
position; it skips an alternative cheaply only when that alternative starts with a literal
character. So the patterns' top-level alternatives are rewritten to start with their first
letter (`(?:took|seized)\\s+control` -> `took\\s+control`, `seized\\s+control`), grouped by that
letter (`t(?:ook\\s+control()|...)|s(?:eized\\s+control()|...)`), each alternative keeping its
place among those of the same letter. Alternatives that start with different letters never
match at the same position, so the first alternative that matches is the one the plain
`a|b|c` would have matched: same spans, same pattern, in the same order. An empty group
(`()` above; named, so the patterns' own groups do not shift it) ends each alternative, and
`match.lastindex` says which pattern matched.

Patterns are matched case-sensitively (write them for lower-cased text, as `lower_pattern`
does). A pattern of another shape is never rewritten wrongly: the whole set then stays one
plain alternation (`Alternation.dispatched` says which). Backreferences are refused.
"""
from __future__ import annotations

import re

_QUANTIFIERS = ("?", "*", "+", "{")
_LOOKBEHIND = ("(?<!", "(?<=")
_WORD_START = "\\b"
# A first atom that is a class of characters ('\\d+\\s*mm'), once or more: such an alternative
# can go last when no later alternative's first letter is in its class.
# '\\1', '(?P=name)': a group referred back to by number or name
_BACKREFERENCE = re.compile(r"(?<!\\)(?:\\\\)*\\[1-9]|\(\?P=")
_MARK = "_alternation_end"
_CLASS_FIRST = re.compile(r"(?P<atom>\\[dws]|\[[^\]\\]*\])\+?(?![?*{])")


def _skip_class(pattern: str, i: int) -> int:
    """The index just after the character class that opens at pattern[i] == '['."""
    i += 1
    if pattern[i:i + 1] == "^":
        i += 1
    if pattern[i:i + 1] == "]":
        i += 1  # a ']' first is a member, not the end
    while pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


def _scan(pattern: str, start: int = 0):
    """(index, char, depth) of each character outside escapes and classes, from start."""
    depth, i = 0, start
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _skip_class(pattern, i)
            continue
        depth += ch == "("
        yield i, ch, depth
        depth -= ch == ")"
        i += 1


def split_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern: 'a|(?:b|c)d' -> ['a', '(?:b|c)d']."""
    cuts = [i for i, ch, depth in _scan(pattern) if ch == "|" and depth == 0]
    return [pattern[a + 1:b] for a, b in zip([-1, *cuts], [*cuts, len(pattern)])]


def _group_end(pattern: str, start: int) -> int:
    """The index just after the group that opens at pattern[start] == '('."""
    return next(i + 1 for i, ch, depth in _scan(pattern, start) if ch == ")" and depth == 1)


def _assertions_end(alternative: str) -> int:
    """Where the lookbehinds and word boundaries ('\\b') an alternative starts with end (0: none)."""
    i = 0
    while alternative.startswith((*_LOOKBEHIND, _WORD_START), i):
        i = i + len(_WORD_START) if alternative.startswith(_WORD_START, i) else _group_end(alternative, i)
    return i


def letter_first(alternative: str) -> list[str]:
    """The alternative as alternatives that start with a letter where its shape allows:
    '(?:a|b)c' -> ['ac', 'bc'], '(?:a|b)?c' -> ['ac', 'bc', 'c'] (a greedy '?' tries the group
    first), '(?<!x)(?:a|b)' -> ['(?<!x)a', '(?<!x)b']. Same matches, tried in the same order."""
    head_end = _assertions_end(alternative)
    head, body = alternative[:head_end], alternative[head_end:]
    if not body.startswith("(?:"):
        return [alternative]
    end = _group_end(body, 0)
    quantifier = body[end:end + 1] if body[end:end + 1] in _QUANTIFIERS else ""
    if quantifier not in ("", "?") or (quantifier and body[end + 1:end + 2] == "?"):
        return [alternative]  # repeated or lazy: kept as it is
    rest = body[end + len(quantifier):]
    out = [a for inner in split_alternatives(body[3:end - 1]) for a in letter_first(head + inner + rest)]
    return out + letter_first(head + rest) if quantifier else out


def first_letter(alternative: str) -> str | None:
    """The literal letter an alternative must start with, if it has one."""
    i = _assertions_end(alternative)
    ch = alternative[i:i + 1]
    return ch if ch.isalnum() and alternative[i + 1:i + 2] not in _QUANTIFIERS else None


def after_letter(alternative: str) -> str:
    """What an alternative must match after its first letter; its assertions, now tried one
    character later, take that letter in: '(?<!anti-)air' -> '(?<!(?:anti-)a)ir', and a word
    boundary before a letter is no word character before it: '\\bair' -> '(?<!\\wa)ir'."""
    end = _assertions_end(alternative)
    letter, i, heads = alternative[end], 0, []
    while i < end:
        if alternative.startswith(_WORD_START, i):
            heads.append(f"(?<!\\w{letter})")
            i += len(_WORD_START)
            continue
        close = _group_end(alternative, i)
        heads.append(f"{alternative[i:i + 4]}(?:{alternative[i + 4:close - 1]}){letter})")
        i = close
    return "".join(heads) + alternative[end + 1:]


def _can_go_last(alternative: str, later_letters: set[str]) -> bool:
    """An alternative without a first letter may be tried after all the others when none of
    the alternatives that came after it can start where it does."""
    m = _CLASS_FIRST.match(alternative, _assertions_end(alternative))
    return m is not None and not any(re.fullmatch(m["atom"], ch) for ch in later_letters)


def _by_first_letter(patterns: list[str]):
    """(letter, [(k, what follows the letter)]) groups, and the alternatives that go last;
    None when an alternative has neither a first letter nor a safe place at the end."""
    units = [(k, a) for k, p in enumerate(patterns) for alt in split_alternatives(p) for a in letter_first(alt)]
    by_letter: dict[str, list[tuple[int, str]]] = {}
    last: list[tuple[int, str]] = []
    for n, (k, unit) in enumerate(units):
        letter = first_letter(unit)
        if letter is not None:
            by_letter.setdefault(letter, []).append((k, after_letter(unit)))
        elif _can_go_last(unit, {first_letter(u) for _, u in units[n + 1:]} - {None}):
            last.append((k, unit))
        else:
            return None
    return list(by_letter.items()), last


class Alternation:
    """patterns[k] as one regex (prefix first): `finditer` yields (k, match) left to right,
    as `prefix(?:p0|p1|...)` would."""

    def __init__(self, patterns: list[str], prefix: str = ""):
        if _BACKREFERENCE.search("".join(patterns)):
            raise ValueError("a backreference cannot be combined with other patterns (its group number moves)")
        split = _by_first_letter(patterns)
        self.dispatched = split is not None
        try:
            self.regex = self._compiled(prefix, *split) if split else None
        except re.error:  # a named group the rewriting repeated: the patterns are kept whole
            self.dispatched, self.regex = False, None
        if self.regex is None:
            self.regex = self._compiled(prefix, [], list(enumerate(patterns)))

    def _compiled(self, prefix: str, groups, plain) -> re.Pattern:
        self._marks: list[int] = []  # the pattern each end mark stands for
        branches = [f"{re.escape(letter)}(?:{self._marked(alts)})" for letter, alts in groups]
        branches += [self._marked([unit]) for unit in plain]
        regex = re.compile(f"{prefix}(?:{'|'.join(branches)})")
        self._pattern_of = [-1] * (regex.groups + 1)  # group number -> pattern number
        for name, number in regex.groupindex.items():
            if name.startswith(_MARK):
                self._pattern_of[number] = self._marks[int(name[len(_MARK):])]
        return regex

    def _marked(self, alternatives: list[tuple[int, str]]) -> str:
        """The alternatives joined, each ended by an empty group that names its pattern (the
        group that closes last: match.lastindex)."""
        marks = range(len(self._marks), len(self._marks) + len(alternatives))
        self._marks += [k for k, _ in alternatives]
        return "|".join(f"(?:{text})(?P<{_MARK}{n}>)" for n, (_, text) in zip(marks, alternatives))

    def finditer(self, text: str):
        pattern_of = self._pattern_of
        for m in self.regex.finditer(text):
            yield pattern_of[m.lastindex], m


def dispatched(pattern: str) -> re.Pattern:
    """One pattern, its top-level alternatives dispatched by first letter: the same spans
    (not its groups: for patterns whose matches are only located)."""
    return Alternation([pattern]).regex
