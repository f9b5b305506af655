"""Name normalisation shared by the gazetteer builder and its look-ups."""
import re
import unicodedata

_APOSTROPHES = re.compile(r"[’'ʼ`´‘]")
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.,]+")
# Latin (incl. extended) and Cyrillic letters; other scripts add nothing for English news.
_ALLOWED_SCRIPT = re.compile(r"^[A-Za-z\u00C0-\u024F\u0400-\u04FF\s\-’'ʼ.()]+$")


def normalize(name: str) -> str:
    """Fold case, accents, apostrophes and hyphens: 'Kryvyi Rih' == 'kryvyi-rih'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _APOSTROPHES.sub("", text.casefold())
    return _SEPARATORS.sub(" ", text).strip()


def usable_alternate(name: str) -> bool:
    """Keep Latin/Cyrillic alternate names that start with a capital.

    GeoNames alternates also hold codes ('IEV') and lower-case romanisations of
    Chinese or Arabic names ('kiv', 'bo ke luo fu si ke') that would make false hits.
    """
    if len(name) < 3 or not _ALLOWED_SCRIPT.match(name) or not name[0].isupper():
        return False
    return not (name.isupper() and len(name) <= 4)
