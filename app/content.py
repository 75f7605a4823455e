"""Pages written as markdown files in content/: the learn library and the site's own pages.

Each file starts with YAML front matter between '---' lines. Files are parsed and rendered once,
then served from memory until one of them changes on disk. A file with a problem is skipped with
a logged warning, so one broken page never takes the others down; `flask check-content` lists
every problem.
"""

import datetime as dt
import logging
import math
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from app.rendering import render_markdown

log = logging.getLogger(__name__)

TOPICS = {
    "mind-and-body": "Mind and body",
    "low-mood": "Low mood",
    "getting-help": "Getting help",
    "pain": "Pain",
    "fatigue": "Fatigue and energy",
    "sleep": "Sleep",
    "breathlessness": "Breathlessness and lung conditions",
    "diabetes": "Diabetes",
    "heart": "Heart conditions",
    "being-active": "Being active",
    "thoughts-and-feelings": "Thoughts and feelings",
    "alcohol": "Alcohol",
    "relationships": "Family and relationships",
    "peer-support": "Peer support",
}

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.S)
INTERNAL_LINK = re.compile(r"\]\((/[^)\s#]*)(#[^)\s]*)?\)")
WORDS_PER_MINUTE = 200
MAX_CONTENT_NOTE = 60
KEY_POINTS = (3, 5)  # "In short": at the top of the page and on its handout
MAX_KEY_POINT = 160


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    checked: dt.date


@dataclass(frozen=True)
class ContentPage:
    slug: str
    title: str
    summary: str
    body_html: str
    body_markdown: str
    modified: dt.datetime
    topics: tuple[str, ...] = ()
    reviewed: dt.date | None = None
    sources: tuple[Source, ...] = ()
    aliases: tuple[str, ...] = ()
    content_note: str | None = None
    key_points: tuple[str, ...] = ()
    words: int = 0

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(self.words / WORDS_PER_MINUTE))

    @property
    def internal_links(self) -> list[str]:
        return [m.group(1) for m in INTERNAL_LINK.finditer(self.body_markdown)]


@dataclass(frozen=True)
class Problem:
    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


class InvalidPage(Exception):
    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name
        self.message = message


def _text(meta: dict, name: str, required: bool = True, max_length: int = 300) -> str | None:
    value = meta.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidPage(name, "must be a non-empty line of text")
    if len(value) > max_length:
        raise InvalidPage(name, f"must be at most {max_length} characters")
    return value.strip()


def _list(meta: dict, name: str) -> list:
    value = meta.get(name, [])
    if not isinstance(value, list):
        raise InvalidPage(name, "must be a list")
    return value


def _sources(meta: dict) -> tuple[Source, ...]:
    sources = []
    for i, item in enumerate(_list(meta, "sources"), start=1):
        if not isinstance(item, dict) or set(item) != {"title", "url", "checked"}:
            raise InvalidPage(f"sources[{i}]", "needs exactly a title, a url and a checked date")
        title, url, checked = item["title"], item["url"], item["checked"]
        if not isinstance(title, str) or not title.strip():
            raise InvalidPage(f"sources[{i}].title", "must be text")
        parts = urlsplit(url) if isinstance(url, str) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
            raise InvalidPage(f"sources[{i}].url", f"must be an http(s) address, not {url!r}")
        if not isinstance(checked, dt.date) or isinstance(checked, dt.datetime):
            raise InvalidPage(f"sources[{i}].checked", "must be a date written as YYYY-MM-DD")
        sources.append(Source(title.strip(), url, checked))
    if not sources:
        raise InvalidPage("sources", "list at least one reputable source")
    return tuple(sources)


def _key_points(meta: dict) -> tuple[str, ...]:
    points = _list(meta, "key_points")
    low, high = KEY_POINTS
    if not low <= len(points) <= high:
        raise InvalidPage("key_points", f"list {low} to {high} short points, not {len(points)}")
    for i, point in enumerate(points, start=1):
        if not isinstance(point, str) or not point.strip():
            raise InvalidPage(f"key_points[{i}]", "must be a line of text")
        if len(point) > MAX_KEY_POINT:
            raise InvalidPage(f"key_points[{i}]", f"must be at most {MAX_KEY_POINT} characters")
    return tuple(point.strip() for point in points)


def _plain_words(html: str) -> int:
    return len(re.sub(r"<[^>]+>", " ", html).split())


def parse_page(path: Path, learn: bool) -> ContentPage:
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    match = FRONT_MATTER.match(text)
    if not match:
        raise InvalidPage("front matter", "the file must start with '---', YAML, then '---'")
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        raise InvalidPage("front matter", f"is not valid YAML ({error})") from error
    if not isinstance(meta, dict):
        raise InvalidPage("front matter", "must be a set of 'name: value' lines")
    slug = path.stem
    if not SLUG.match(slug):
        raise InvalidPage("file name", "use lower-case letters, digits and single hyphens")
    body = match.group(2)
    html = render_markdown(body, trusted=True)
    page = dict(
        slug=slug,
        title=_text(meta, "title", max_length=120),
        summary=_text(meta, "summary", max_length=200),
        body_html=html,
        body_markdown=body,
        words=_plain_words(html),
        modified=dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).replace(microsecond=0),
    )
    if learn:
        topics = _list(meta, "topics")
        unknown = [t for t in topics if t not in TOPICS]
        if not topics or unknown:
            raise InvalidPage("topics", f"choose from {', '.join(TOPICS)}; unknown: {unknown}")
        reviewed = meta.get("reviewed")
        if not isinstance(reviewed, dt.date):
            raise InvalidPage("reviewed", "must be a date written as YYYY-MM-DD")
        aliases = _list(meta, "aliases")
        if not all(isinstance(a, str) and SLUG.match(a) for a in aliases):
            raise InvalidPage("aliases", "each alias must be a slug like 'old-name'")
        page.update(
            topics=tuple(topics),
            reviewed=reviewed,
            sources=_sources(meta),
            aliases=tuple(aliases),
            content_note=_text(meta, "content_note", required=False, max_length=MAX_CONTENT_NOTE),
            key_points=_key_points(meta),
        )
    return ContentPage(**page)


@dataclass
class Collection:
    pages: dict[str, ContentPage] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def load_pages(folder: Path, learn: bool = False) -> Collection:
    found = Collection()
    for path in sorted(folder.glob("*.md")):
        try:
            page = parse_page(path, learn)
        except InvalidPage as error:
            found.problems.append(Problem(str(path), error.field, error.message))
            continue
        except (OSError, UnicodeDecodeError) as error:
            found.problems.append(Problem(str(path), "file", str(error)))
            continue
        found.pages[page.slug] = page
    for page in found.pages.values():
        for alias in page.aliases:
            if alias in found.pages or alias in found.aliases:
                found.problems.append(
                    Problem(f"{folder / page.slug}.md", "aliases", f"'{alias}' is already in use")
                )
            else:
                found.aliases[alias] = page.slug
    return found


class Library:
    """A folder of pages, parsed once and reloaded when a file in it changes."""

    CHECK_EVERY = 2.0  # seconds between looks at the folder

    def __init__(self, folder: Path, learn: bool = False):
        self.folder = folder
        self.learn = learn
        self._lock = threading.Lock()
        self._signature = None
        self._checked = 0.0
        self._collection = Collection()

    def _folder_signature(self):
        return tuple(
            (p.name, p.stat().st_mtime_ns, p.stat().st_size)
            for p in sorted(self.folder.glob("*.md"))
        )

    def collection(self) -> Collection:
        now = time.monotonic()
        if now - self._checked >= self.CHECK_EVERY or self._signature is None:
            with self._lock:
                self._checked = now
                signature = self._folder_signature()
                if signature != self._signature:
                    self._collection = load_pages(self.folder, self.learn)
                    self._signature = signature
                    for problem in self._collection.problems:
                        log.warning("Content page skipped: %s", problem)
        return self._collection

    def get(self, slug: str) -> ContentPage | None:
        return self.collection().pages.get(slug)

    def all(self) -> list[ContentPage]:
        return sorted(self.collection().pages.values(), key=lambda p: p.title.lower())
