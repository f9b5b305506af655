"""Bytes of an uploaded or named file to text, or a reason in plain words why they are not
text: compressed, a document or image format, binary. The one place that guesses encodings
(UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1251 for Cyrillic, else 1252)."""
from __future__ import annotations

import codecs

# What a file that is not text starts with, and the words a user needs.
SIGNATURES = (
    (b"\x1f\x8b", "compressed (gzip): unpack it first"),
    (b"PK\x03\x04", "compressed (zip, or an Excel/Word file): unpack it, or save the sheet as CSV"),
    (b"BZh", "compressed (bzip2): unpack it first"),
    (b"\xfd7zXZ\x00", "compressed (xz): unpack it first"),
    (b"7z\xbc\xaf\x27\x1c", "compressed (7-Zip): unpack it first"),
    (b"\x28\xb5\x2f\xfd", "compressed (zstd): unpack it first"),
    (b"Rar!", "compressed (RAR): unpack it first"),
    (b"%PDF", "a PDF document, not text: copy its text into a .txt file"),
    (b"\xd0\xcf\x11\xe0", "an old Office document, not text: save it as CSV or text"),
    (b"\x89PNG", "an image (PNG), not text"),
    (b"\xff\xd8\xff", "an image (JPEG), not text"),
    (b"GIF8", "an image (GIF), not text"),
    (b"SQLite format 3\x00", "a SQLite database, not text"),
)
ENCODING_NAMES = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "cp1251": "Windows-1251 (Cyrillic)",
                  "cp1252": "Windows-1252 (Western)", "latin-1": "Latin-1"}


class NotText(ValueError):
    """The bytes are not text; the message says what they are instead."""


def may_be_utf8(raw: bytes) -> bool:
    """Worth handing to a parser that checks UTF-8 itself (Arrow's, much faster than decoding
    here): no other format's signature, no UTF-16 mark, no NUL bytes at the start. When the
    parser refuses them, `decode` says what they are."""
    return (bool(raw) and not raw.isspace() and not raw.startswith(tuple(m for m, _ in SIGNATURES))
            and not raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and b"\x00" not in raw[:4096])


def decode(raw: bytes) -> tuple[str, str]:
    """(text, the encoding's name for people). NotText when the bytes are no text at all."""
    if not raw or raw.isspace():
        raise NotText("empty file")
    for magic, words in SIGNATURES:
        if raw.startswith(magic):
            raise NotText(words)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), ENCODING_NAMES["utf-16"]
        except UnicodeDecodeError as e:
            raise NotText(f"starts as UTF-16 text but byte {e.start:,} breaks it (a damaged file?)") from None
    if b"\x00" in raw[:4096]:
        raise NotText("not text (binary data with NUL bytes)")
    for encoding in ("utf-8-sig", "cp1251" if _looks_cyrillic_cp1251(raw) else "cp1252"):
        try:
            return raw.decode(encoding), ENCODING_NAMES[encoding]
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), ENCODING_NAMES["latin-1"]


def _looks_cyrillic_cp1251(raw: bytes) -> bool:
    high = sum(1 for b in raw[:20000] if b >= 0xC0)
    return high > 0.3 * max(1, sum(1 for b in raw[:20000] if b >= 0x80))
