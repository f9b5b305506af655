"""Hostile and broken input: one clear line per bad file, no traceback, good files still go through."""
import csv
import io
import json
import shutil
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, SEED
from geo.articles import article_from_text
from geo.roles import Account

GOOD_TEXT = "Title: t\nDate: 2024-11-19\n\nA Russian missile strike on Poltava on Monday killed four people."


def run_extract(*paths, timeout=300):
    return subprocess.run([sys.executable, "-m", "geo", "extract", *map(str, paths), "-o", "-"],
                          cwd=ROOT, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    (d / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    shutil.copy(SEED, d / "seed.txt")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "nul.txt").write_bytes(b"Kyiv was hit.\x00\x00\x00 more")
    with open(d / "huge.txt", "wb") as f:  # 50 MB: over the size limit, refused by name
        f.write(b"Shelling hit Kharkiv. " * (50 * 1024 * 1024 // 22))
    (d / "cp1251.txt").write_bytes(
        "Date: 2024-11-19\n\nУдар по Харкову. A drone strike on Kharkiv on Monday killed two people."
        .encode("cp1251"))
    (d / "latin1.txt").write_bytes(
        "Date: 2024-11-19\n\nCaf\xe9 owner said a shelling of Kherson on Monday killed three civilians."
        .encode("latin-1"))
    (d / "bom.txt").write_bytes("\ufeffDate: 2024-11-19\n\nA strike on Sumy on Monday killed five people."
                                .encode("utf-8"))
    (d / "xss.html").write_text(
        "<html><head><meta name='date' content='2024-11-19'><script>alert(1)</script></head><body>"
        "<p>A strike on Dnipro on Monday killed six people <img src=x onerror=alert(1)>.</p></body></html>")
    (d / "feed.jsonl").write_text(json.dumps({"title": "a", "date": "2024-11-19", "text": GOOD_TEXT})
                                  + "\n{not json\n[1, 2]\n")
    (d / "nocols.csv").write_text("headline,when\nx,2024-11-19\n")
    lines = "\n".join(f"Shelling of Kharkiv on Monday killed {i % 5 + 1} people." for i in range(100_000))
    (d / "long.txt").write_text("Date: 2024-11-19\n\n" + lines)
    (d / "punct.txt").write_text("Date: 2024-11-19\n\n" + ("((((,,,,----''''\"\"\"\"....!!!!" * 2000)
                                 + "\n" + "-".join(["Kyiv"] * 3000) + "\n" + " and ".join(["two people"] * 800))
    return d


def test_every_bad_file_is_one_named_line_and_good_files_still_extract(hostile_dir):
    r = run_extract(hostile_dir)
    assert r.returncode == 1  # some files failed
    assert "Traceback" not in r.stderr and "Error:" not in r.stderr
    lines = r.stderr.strip().splitlines()
    expected = {"empty.txt": "empty file", "binary.txt": "binary", "nul.txt": "binary",
                "huge.txt": "too large", "feed.jsonl": "line 2", "nocols.csv": "no text column"}
    for name, reason in expected.items():
        assert any(name in line and reason in line for line in lines), (name, lines)
    assert sum(1 for line in lines if "feed.jsonl" in line) == 2  # each bad line, named
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    by_article = {}
    for row in rows:
        by_article.setdefault(row["article_id"], []).append(row)
    assert {"good", "seed", "cp1251", "latin1", "bom", "xss", "feed#0", "long"} <= set(by_article)
    assert by_article["seed"] and sum(int(r["fatalities"] or 0) for r in by_article["seed"]) == 31
    assert by_article["cp1251"][0]["location"] == "Kharkiv"
    assert by_article["latin1"][0]["fatalities"] == "3"
    assert by_article["bom"][0]["location"] == "Sumy"
    assert "alert" not in r.stdout  # neither script content nor tag attributes are article text


def test_decodings():
    from geo.articles import read_file
    import tempfile
    from pathlib import Path
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "a.txt"
        p.write_bytes("Херсон обстріляли. Kherson was shelled.".encode("cp1251"))
        (article,), problems = read_file(p)
        assert "Херсон" in article.body and not problems


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=3000))
def test_extractor_never_crashes_on_arbitrary_text(extractor, text):
    for event in extractor.extract(article_from_text(text, "fuzz")):
        row = event.row()
        assert -90 <= row["latitude"] <= 90 and -180 <= row["longitude"] <= 180
        assert row["fatalities"] is None or row["fatalities"] >= 0


WORDS = ["killed", "wounded", "two", "people", "in", "Kharkiv", "region", "of", "the", "strike",
         "another", "Monday", ",", ".", "and", "were", "at least", "Sumy", "overnight", "drone",
         "(", ")", "-", "'s", "where", "a", "child", "Oblast", "near", "Donetsk", "12"]


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=400))
def test_extractor_on_war_vocabulary_soup(extractor, words):
    """Sentences made of the words the rules look for, in any order: bounded and sane."""
    events = extractor.extract(article_from_text(" ".join(words), "soup"))
    assert all(e.fatalities is None or e.fatalities < 10_000 for e in events)


EDITOR_ACCOUNT = Account("an editor", "editor")


def test_hostile_uploads_lose_nothing_already_stored(tmp_path, hostile_dir):
    from dashboard.intake import articles_from_inputs, store_articles
    from geo.store import EventStore
    store = EventStore(str(tmp_path / "s.db"))
    seed_articles, _ = articles_from_inputs("", "", None, [("seed.txt", SEED.read_bytes())])
    store_articles(store, seed_articles, EDITOR_ACCOUNT)
    before = {r["event_id"]: r for r in store.events()}
    uploads = [(p.name, p.read_bytes()) for p in sorted(hostile_dir.iterdir())
               if p.name not in ("huge.txt", "long.txt")]
    uploads.append(("huge.txt", b"x" * (21 * 1024 * 1024)))
    articles, problems = articles_from_inputs("<script>alert(1)</script> Kyiv", "", None, uploads)
    assert all("\n" not in p for p in problems)
    assert any("huge.txt" in p and "too large" in p for p in problems)
    assert any("binary.txt" in p for p in problems)
    store_articles(store, articles, EDITOR_ACCOUNT)
    after = {r["event_id"]: r for r in store.events()}
    assert all(after[k] == v for k, v in before.items())  # nothing stored was changed or lost
    assert len(after) > len(before)


def test_ingest_of_hostile_files_reports_and_keeps_the_good(hostile_dir, tmp_path):
    import os
    from geo.store import EventStore
    db = str(tmp_path / "h.db")
    env = {**os.environ, "GEO_DB": db}
    r = subprocess.run([sys.executable, "-m", "geo", "ingest", str(hostile_dir)], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert any("empty.txt" in line and "empty file" in line for line in r.stderr.splitlines())
    ids = {e["article_id"] for e in EventStore(db).events()}
    assert {"seed", "cp1251", "bom"} <= ids
    assert ids & {"good", "feed#0"}  # the same text in two files is stored once
