"""Uploads that are not what they claim, told in plain words; dropped rows counted with the
reason; untrusted strings made plain text for Streamlit's Markdown."""
import gzip
import io
import os
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT
from dashboard.data import csv_notes
from dashboard.plain import plain
from geo.interchange import EventsFileError, dropped_rows, read_events

HEADER = "event_id,event_date,latitude,longitude,location\n"


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("events.csv", HEADER)
    return buf.getvalue()


@pytest.mark.parametrize("raw, words", [
    (gzip.compress(HEADER.encode()), "compressed (gzip): unpack it first"),
    (_zip(), "compressed (zip, or an Excel/Word file): unpack it, or save the sheet as CSV"),
    (b"%PDF-1.7\n...", "a PDF document, not text: copy its text into a .txt file"),
    (b"\x89PNG\r\n\x1a\n....", "an image (PNG), not text"),
    (b"id\x00\x01\x02", "not text (binary data with NUL bytes)"),
    (b"   \n", "empty file"),
    (b"name,place\nx,y\n", "not an events CSV: missing columns event_date, latitude, longitude"),
    (b"event_date,latitude,longitude\n2024-11-19,50,30\n2024-11-19,50,30,1,2\n",
     "not a well-formed CSV: line 3 has 5 fields where the header has 3"),
])
def test_an_upload_that_is_not_an_events_csv_is_named_in_words(raw, words):
    with pytest.raises(EventsFileError) as e:
        read_events(io.BytesIO(raw), name="upload.csv")
    assert str(e.value) == f"upload.csv: {words}" and "codec" not in str(e.value)


def test_dropped_rows_are_counted_with_the_reason():
    raw = (HEADER + "e1,2024-11-19,,,Nowhere\ne2,2024-11-19,50.9,34.8,Sumy\ne3,soon,50.9,34.8,Sumy\n"
           "e4,2024-11-20,50.9,,Sumy\n").encode()
    frame = read_events(io.BytesIO(raw), name="nocoords.csv")
    assert list(frame["event_id"]) == ["e2"]
    assert dropped_rows(frame) == "3 rows dropped: 2 without coordinates, 1 without a readable date"
    assert csv_notes(frame, "nocoords.csv") == [
        "nocoords.csv: 3 rows dropped: 2 without coordinates, 1 without a readable date"]


def test_other_encodings_are_read_and_said():
    utf16 = (HEADER + "e1,2024-11-19,50.9,34.8,Суми\n").encode("utf-16")
    assert list(read_events(io.BytesIO(utf16), name="u16.csv")["location"]) == ["Суми"]
    cp1251 = (HEADER + "e1,2024-11-19,50.9,34.8,Суми Охтирка Конотоп\n").encode("cp1251")
    frame = read_events(io.BytesIO(cp1251), name="win.csv")
    assert list(frame["location"]) == ["Суми Охтирка Конотоп"]
    assert csv_notes(frame, "win.csv") == ["win.csv: not UTF-8; read as Windows-1251 (Cyrillic): check that "
                                           "names look right"]


def test_import_command_reports_dropped_rows(tmp_path):
    f = tmp_path / "nocoords.csv"
    f.write_text(HEADER + "e1,2024-11-19,,,Nowhere\ne2,2024-11-19,50.9,34.8,Sumy\n", encoding="utf-8")
    z = tmp_path / "events.csv.gz"
    z.write_bytes(gzip.compress(f.read_bytes()))
    r = subprocess.run([sys.executable, "-m", "geo", "import", str(f), str(z)], cwd=ROOT, capture_output=True,
                       text=True, timeout=120, env={**os.environ, "GEO_DB": str(tmp_path / "i.db")})
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.splitlines() == [f"{f}: 1 events added, 0 updated; 1 rows dropped: 1 without coordinates",
                                     f"{z}: skipped: compressed (gzip): unpack it first"]


@pytest.mark.parametrize("text", [
    "x`](http://evil.example/a) ![i](http://evil.example/i.png)", ":red[boo] :material/home: :smile:",
    "$x^2$ <b>bold</b> **strong** _em_ ~~s~~", "# heading\n- item\n> quote", "[a]: http://evil.example",
])
def test_plain_leaves_no_markdown_syntax(text):
    out = plain(text)
    assert "\n" not in out
    unescaped = [c for i, c in enumerate(out) if c in "`[]()!:*_~<>#$-" and (i == 0 or out[i - 1] != "\\")]
    assert unescaped == []
    # CommonMark: a backslash before punctuation shows the punctuation itself
    import re
    assert re.sub(r"\\(.)", r"\1", out) == text.replace("\n", " ")
