"""Name normalisation shared by the gazetteer builder and its look-ups."""
import re
import unicodedata

_APOSTROPHES = re.compile(r"[’'ʼ`´‘ʹ]")
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.,]+")
# Latin (incl. extended) and Cyrillic letters; other scripts add nothing for English news.
_ALLOWED_SCRIPT = re.compile(r"^[A-Za-z\u00C0-\u024F\u0400-\u04FF\s\-’'ʼ.()]+$")
# Letters that romanisations of one Ukrainian or Russian name disagree on, folded together:
# г is h, g or gh and х kh or h (so the three fold together); й/и/і/ї/ы are i, y, j, yi, iy,
# yy; я/ю/є are ia/ya/ja...
_SOUNDS = (("shch", "S"), ("sch", "S"), ("sh", "S"), ("ch", "C"), ("zh", "Z"), ("kh", "g"),
           ("ts", "T"), ("tz", "T"), ("gh", "g"), ("h", "g"), ("j", "i"), ("y", "i"), ("w", "v"))
_DOUBLED = re.compile(r"(.)\1+")
_GLIDE = re.compile(r"i(?=[aeou])")  # ia/ya -> a, ie/ye -> e, io/yo -> o, iu/yu -> u


def normalize(name: str) -> str:
    """Fold case, accents, apostrophes and hyphens: 'Kryvyi Rih' == 'kryvyi-rih'."""
    text = name
    if not text.isascii():  # plain ASCII has no accents to take off (most look-ups)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _APOSTROPHES.sub("", text.casefold())
    return _SEPARATORS.sub(" ", text).strip()


def skeleton(name: str) -> str:
    """A spelling-blind key for romanised Slavic names: 'Zahoruykivka', 'Zagoruikivka' and
    'Zahoruikivka' share one, as do 'Cheremoshnoe' and 'Cheremoshnoye'. Lossy by design:
    it is only asked when no spelling matched, inside a region the text names."""
    return skeleton_of_normalized(normalize(name))


def skeleton_of_normalized(text: str) -> str:
    """skeleton() of a name normalize() already folded."""
    if not text.isascii():
        return ""
    for letters, sound in _SOUNDS:
        text = text.replace(letters, sound)
    text = _DOUBLED.sub(r"\1", text)
    return _GLIDE.sub("", text)


_VOWELS = "aeiou"  # what transliterations and typos change most ('y' folds into 'i')


def one_edit_away(shape: str) -> set[str]:
    """Every skeleton one vowel off (one changed or added) or one letter short: a report's
    typo or a vowel another transliteration renders differently ('Horinka' for Horenka,
    'Tsukurune' for Tsukuryne) that skeleton() does not fold. Only vowels are tried in:
    all 26 letters made a look-up inside a region, of a name no data has, 8 times slower."""
    near = set()
    for i in range(len(shape) + 1):
        near.update(shape[:i] + c + shape[i:] for c in _VOWELS)
        if i < len(shape):
            near.add(shape[:i] + shape[i + 1:])
            near.update(shape[:i] + c + shape[i + 1:] for c in _VOWELS)
    near.discard(shape)
    return near


def usable_alternate(name: str) -> bool:
    """Keep Latin/Cyrillic alternate names that start with a capital.

    GeoNames alternates also hold codes ('IEV') and lower-case romanisations of
    Chinese or Arabic names ('kiv', 'bo ke luo fu si ke') that would make false hits.
    """
    if len(name) < 3 or not _ALLOWED_SCRIPT.match(name) or not name[0].isupper():
        return False
    return not (name.isupper() and len(name) <= 4)
