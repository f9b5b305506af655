"""Untrusted strings (file names, article text, account names, messages that quote them) shown
as plain text in Streamlit's Markdown: every ASCII punctuation mark is backslash-escaped (so no
link, image, code span, emphasis, HTML, LaTeX or Streamlit directive can start) and line
breaks become spaces (no headings or lists)."""
from __future__ import annotations

import re
import string

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")


def plain(text) -> str:
    """`text` as Markdown that renders exactly as the characters it holds."""
    return _PUNCTUATION.sub(r"\\\1", _BREAKS.sub(" ", str(text)))
