"""Reading articles: .txt (header or wire dateline), .html, .jsonl and .csv news exports."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Iterator

from dateutil import parser as dateparser

from .textfiles import NotText, decode

MAX_FILE_BYTES = 20 * 1024 * 1024
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".csv")

_HEADER = re.compile(r"^(title|date|published|source|url|author|byline):\s*(.*)$", re.I)
# "Kyiv, Ukraine (AFP) Nov 19, 2024 -" / "KYIV (Reuters) -"
DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w .,'’-]{1,60}?)\s*\((?P<agency>AFP|AP|Reuters|UPI|dpa|Xinhua|Bloomberg|"
    r"RFE/RL|Kyiv Independent|Ukrinform|CNN|BBC)\)\s*(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})?"
    r"(?:\s*[-–—:]+\s*|\s{2,}|\s+(?=[A-Z]))", re.M)
_BOILERPLATE = re.compile(
    r"^(related links|advertisement|subscribe\b.*|sign up\b.*|share this\b.*|read more\b.*|"
    r"follow us\b.*|image (caption|source)\b.*|photo:.*|copyright\b.*|all rights reserved.*|"
    r"skip to (main )?content|newsletter\b.*|listen to this article.*|\W*)$", re.I)
_TAIL_MARKER = re.compile(r"^related links$", re.I)


class ArticleError(Exception):
    """A file that cannot be read as articles; the message names the reason."""


@dataclass
class Article:
    id: str
    title: str
    published: date | None
    dateline: str
    body: str
    source: str
    url: str = ""

    @property
    def source_label(self) -> str:
        parts = [p for p in (self.source, self.title,
                             self.published.isoformat() if self.published else "") if p]
        return " / ".join(parts)


def parse_date(text: str) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return dateparser.parse(text, fuzzy=True, default=datetime(1900, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


def clean_body(text: str) -> str:
    """Drop site boilerplate: 'Related Links' blocks, newsletter and share lines."""
    lines, out, in_tail = text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), [], False
    for line in lines:
        stripped = line.strip()
        if _TAIL_MARKER.match(stripped):
            in_tail = True
            continue
        if in_tail and len(stripped) < 80 and not stripped.endswith((".", '"', "”")):
            continue  # link lists after "Related Links"
        in_tail = False
        if _BOILERPLATE.match(stripped):
            continue
        out.append(stripped)
    return "\n".join(out).strip()


def article_from_text(text: str, article_id: str, source: str = "", title: str = "",
                      published: date | None = None, url: str = "") -> Article:
    """An article from raw text with an optional 'Key: value' header block."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    header: dict[str, str] = {}
    i = 0
    while i < len(lines) and _HEADER.match(lines[i]):
        key, value = _HEADER.match(lines[i]).groups()
        header[key.lower()] = value.strip()
        i += 1
    if header and (i == len(lines) or not lines[i].strip()):
        text = "\n".join(lines[i:])
    else:
        header = {}
    title = title or header.get("title", "")
    published = published or parse_date(header.get("date") or header.get("published", ""))
    source = source or header.get("source", "")
    url = url or header.get("url", "")
    dateline = ""
    m = None
    for m in DATELINE.finditer(text):
        pass  # the last dateline opens the article this file is about
    if m:
        dateline = m.group(0).strip(" -–—:")
        if not published and m.group("date"):
            published = parse_date(m.group("date"))
        source = source or m.group("agency")
        if not title:
            before = text[: m.start()].rstrip("\n").rsplit("\n", 1)[-1].strip()
            if before and not before.endswith((".", '"', "”", "?", "!")):
                title = before
    return Article(id=article_id, title=title, published=published, dateline=dateline,
                   body=clean_body(text), source=source, url=url)


class _HTMLText(HTMLParser):
    """Main text of a news page: paragraphs and headings, no scripts or navigation."""
    SKIP = {"script", "style", "nav", "footer", "header", "aside", "noscript", "form", "figcaption"}
    BLOCK = {"p", "h1", "h2", "h3", "li", "div", "br", "article", "section"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip_depth, self.title, self.meta = [], 0, "", {}
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip_depth += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            a = dict(attrs)
            key = (a.get("property") or a.get("name") or "").lower()
            if key and a.get("content"):
                self.meta[key] = a["content"]
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip_depth:
            self.skip_depth -= 1
        elif tag == "title":
            self._in_title = False
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self.skip_depth:
            self.parts.append(data)


def article_from_html(html: str, article_id: str) -> Article:
    p = _HTMLText()
    p.feed(html)
    p.close()
    text = re.sub(r"[ \t]+", " ", "".join(p.parts))
    text = "\n".join(line.strip() for line in text.split("\n") if line.strip())
    published = parse_date(p.meta.get("article:published_time") or p.meta.get("date")
                           or p.meta.get("pubdate") or "")
    title = (p.meta.get("og:title") or p.title).strip()
    source = p.meta.get("og:site_name", "")
    return article_from_text(text, article_id, source=source, title=title, published=published,
                             url=p.meta.get("og:url", ""))


_TEXT_KEYS = ("text", "body", "content", "article", "maintext", "full_text")
_DATE_KEYS = ("date", "published", "publish_date", "date_publish", "pubdate", "published_at",
              "timestamp")


def _first(record: dict, keys) -> str:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for k in keys:
        v = lowered.get(k)
        if v not in (None, ""):
            return str(v)
    return ""


def article_from_record(record: dict, article_id: str) -> Article:
    text = _first(record, _TEXT_KEYS)
    if not text:
        raise ArticleError(f"no text column (one of {', '.join(_TEXT_KEYS)})")
    return article_from_text(text, article_id, source=_first(record, ("source", "publisher", "outlet")),
                             title=_first(record, ("title", "headline")),
                             published=parse_date(_first(record, _DATE_KEYS)),
                             url=_first(record, ("url", "link")))


def _decode(raw: bytes) -> str:
    try:
        return decode(raw)[0]
    except NotText as e:
        raise ArticleError(str(e)) from None


def read_file(path: Path) -> tuple[list[Article], list[str]]:
    """All articles in one file, and problems with parts of it (bad JSONL lines).

    Raises ArticleError with the reason when nothing in the file can be read.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ArticleError(f"too large ({size / 1e6:.0f} MB; the limit is "
                               f"{MAX_FILE_BYTES / 1e6:.0f} MB)")
        raw = path.read_bytes()
    except OSError as e:
        raise ArticleError(e.strerror or str(e)) from None
    return read_bytes(path.name, raw)


def read_bytes(name: str, raw: bytes) -> tuple[list[Article], list[str]]:
    """Articles from a file's bytes (an upload); the name's suffix says the format."""
    path = Path(name)
    if len(raw) > MAX_FILE_BYTES:
        raise ArticleError(f"too large ({len(raw) / 1e6:.0f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB)")
    text = _decode(raw)
    suffix, stem = path.suffix.lower(), path.stem
    problems: list[str] = []
    if suffix in (".html", ".htm"):
        articles = [article_from_html(text, stem)]
    elif suffix == ".jsonl":
        articles = _jsonl_articles(text, stem, problems)
    elif suffix == ".csv":
        articles = _csv_articles(text, stem, problems)
    else:
        articles = [article_from_text(text, stem)]
    articles = [a for a in articles if a.body.strip()]
    if not articles:
        raise ArticleError(problems[0] if problems else "no article text found")
    return articles, problems


def _jsonl_articles(text: str, stem: str, problems: list[str]) -> list[Article]:
    out = []
    for n, line in enumerate(text.splitlines()):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not a JSON object")
            out.append(article_from_record(record, f"{stem}#{n}"))
        except (ValueError, ArticleError) as e:
            problems.append(f"line {n + 1}: {e}")
    return out


def _csv_articles(text: str, stem: str, problems: list[str]) -> list[Article]:
    reader = csv.DictReader(io.StringIO(text))
    fields = {str(f).lower() for f in reader.fieldnames or ()}
    if not fields & set(_TEXT_KEYS):
        raise ArticleError(f"no text column (one of {', '.join(_TEXT_KEYS)})")
    out = []
    for n, record in enumerate(reader):
        try:
            out.append(article_from_record(record, f"{stem}#{n}"))
        except ArticleError as e:
            problems.append(f"row {n + 2}: {e}")
    return out


def expand_paths(paths) -> list[Path]:
    """Files named, and article files inside folders named, in a stable order."""
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file()
                              and f.suffix.lower() in ARTICLE_SUFFIXES and not f.name.startswith(".")))
        else:
            out.append(p)
    return out


class ArticleFiles:
    """The articles in files and folders, read one file at a time.

    Each unreadable file, or bad part of one, is reported as one line naming it (and
    counted in `failed`); the rest still come. `progress(done, total)` follows the files.
    """

    def __init__(self, paths, report: Callable[[str], None],
                 progress: Callable[[int, int], None] | None = None):
        self.paths = list(paths)
        self.files = expand_paths(self.paths)
        self.report = report
        self.progress = progress or (lambda done, total: None)
        self.failed = 0

    def __iter__(self) -> Iterator[Article]:
        if not self.files:
            self.report("no article files found in " + ", ".join(map(str, self.paths)))
            self.failed += 1
        for n, path in enumerate(self.files, 1):
            try:
                articles, problems = read_file(path)
            except ArticleError as e:
                self.report(f"{path}: skipped: {e}")
                self.failed += 1
                continue
            for problem in problems:
                self.report(f"{path}: {problem}")
            self.failed += bool(problems)
            yield from articles
            self.progress(n, len(self.files))
