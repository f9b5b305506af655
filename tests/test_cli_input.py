"""Bad input: one clear line naming the file and the reason; good files still go through."""
import csv
import io
import json
import shutil
import subprocess
import sys

from conftest import ROOT, SEED


def run_extract(*paths):
    return subprocess.run([sys.executable, "-m", "geo", "extract", *map(str, paths), "-o", "-"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_bad_files_are_reported_and_good_ones_still_extracted(tmp_path):
    shutil.copy(SEED, tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    records = [{"title": "A", "date": "2024-11-19",
                "text": "A Russian drone strike on Kharkiv on Monday killed two people."},
               "not json at all"]
    (tmp_path / "feed.jsonl").write_text(
        "\n".join(json.dumps(r) if isinstance(r, dict) else r for r in records) + "\n")
    r = run_extract(tmp_path)
    assert r.returncode == 1  # something failed
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert any("empty.txt" in line and "empty file" in line for line in lines)
    assert any("binary.txt" in line and "binary" in line for line in lines)
    assert any("feed.jsonl" in line and "line 2" in line for line in lines)
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    ids = {row["article_id"] for row in rows}
    assert "good" in ids and "feed#0" in ids
    kharkiv = [row for row in rows if row["article_id"] == "feed#0"]
    assert kharkiv[0]["location"] == "Kharkiv" and kharkiv[0]["event_date"] == "2024-11-18"


def test_missing_path_is_an_error_not_a_traceback(tmp_path):
    r = run_extract(tmp_path / "nope.txt")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "nope.txt" in r.stderr


def test_html_and_csv_exports_are_read(tmp_path):
    (tmp_path / "page.html").write_text(
        "<html><head><title>T</title><meta property='article:published_time' content='2024-11-19'>"
        "<script>var x = 'killed 99 people in Lviv';</script></head><body><nav>Home News</nav>"
        "<p>Russian shelling killed three civilians in Kherson on Monday.</p></body></html>")
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["title", "date", "text"])
    w.writerow(["B", "2024-11-19", "A missile strike on Dnipro on Sunday wounded 14 people."])
    (tmp_path / "export.csv").write_text(buf.getvalue())
    r = run_extract(tmp_path)
    assert r.returncode == 0, r.stderr
    rows = {row["article_id"]: row for row in csv.DictReader(io.StringIO(r.stdout))}
    assert rows["page"]["location"] == "Kherson" and rows["page"]["fatalities"] == "3"
    assert rows["export#0"]["location"] == "Dnipro" and rows["export#0"]["injuries"] == "14"
    assert "Lviv" not in r.stdout  # script text is not article text
