"""Search learn pages and conversations with the database's own full-text search.

One interface over two engines: SQLite FTS5 (porter stemming) and PostgreSQL tsvector (English),
chosen from the database in use. What people type is never passed to either engine's query
syntax: it is cut into plain words first, and each word is passed as a quoted term (FTS5) or as
plain text (plainto_tsquery).
"""

import hashlib
import html
import re
from dataclasses import dataclass

from markupsafe import Markup, escape
from sqlalchemy import and_, column, func, literal_column, select, table, union_all
from sqlalchemy.orm import joinedload

from app import permissions
from app.extensions import db
from app.models import LearnDocument, Post, Space, Thread, ThreadTag
from app.services.paging import Page
from app.services.visibility import visible_post_condition

MAX_WORDS = 12
RESULTS_PER_PAGE = 20
LEARN_SHOWN = 10
EXCERPT_CHARS = 220
TITLE_WEIGHT = 3.0  # a match in a thread's title counts for more than one in a post
# Conversations are ranked among the newest this many matches: ranking every match of a common
# word takes seconds on a large site, and people mostly look for what is recent.
CANDIDATES = 1000
# Words too common to help; PostgreSQL's English configuration drops the same kind of words.
STOPWORDS = frozenset(
    (
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "no",
        "not",
        "of",
        "on",
        "or",
        "our",
        "she",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "too",
        "was",
        "we",
        "were",
        "what",
        "when",
        "which",
        "who",
        "will",
        "with",
        "you",
        "your",
    )
)
_WORD = re.compile(r"\w+", re.UNICODE)


def words_of(query: str | None) -> list[str]:
    """The searchable words in what was typed: lower case, no stopwords, at most MAX_WORDS."""
    found = [w for w in _WORD.findall((query or "").lower()) if w not in STOPWORDS]
    return list(dict.fromkeys(found))[:MAX_WORDS]


# --- the two engines ---------------------------------------------------------------------------

_posts_fts = table("posts_fts", column("rowid"))
_learn_fts = table("learn_fts", column("rowid"))


def _fts5_query(words: list[str]) -> str:
    return " ".join(f'"{word}"' for word in words)  # \w+ holds no quote, so this is a plain term


def _ts_matches(model, words: list[str], newest: int | None = None):
    """(id, ts_rank) of rows matching all words; with newest, only that many of the latest."""
    vector = literal_column(f"{model.__tablename__}.search_vector")
    query = func.plainto_tsquery("english", " ".join(words))
    matching = vector.op("@@")(query)
    if newest:
        # Rank only the chosen rows: ts_rank reads each row's whole vector, which is the slow part.
        latest = select(model.id).where(matching).order_by(model.id.desc()).limit(newest)
        matching = model.id.in_(latest.scalar_subquery())
    return select(model.id.label("id"), func.ts_rank(vector, query).label("score")).where(matching)


def _fts5_matches(fts, words: list[str], weights: tuple[float, ...], newest: int | None = None):
    name = literal_column(fts.name)
    # bm25() is lower for better matches: negate it so higher is better for both engines.
    found = select(fts.c.rowid.label("id"), (-func.bm25(name, *weights)).label("score")).where(
        name.op("MATCH")(_fts5_query(words))
    )
    # FTS5 walks its index newest first and scores only the rows it returns.
    return found.order_by(fts.c.rowid.desc()).limit(newest) if newest else found


def _learn_matches(words: list[str]):
    """(id, score) for each learn document matching all words; higher is better."""
    if db.engine.dialect.name == "postgresql":
        return _ts_matches(LearnDocument, words)
    return _fts5_matches(_learn_fts, words, (TITLE_WEIGHT, 2.0, 1.0))


def _post_matches(words: list[str]):
    """(id, score) for the newest CANDIDATES posts matching all words, where an opening post
    also matches by its thread's title, which counts for more."""
    if db.engine.dialect.name == "sqlite":
        return _fts5_matches(_posts_fts, words, (TITLE_WEIGHT, 1.0), newest=CANDIDATES)
    by_title = _ts_matches(Thread, words, newest=CANDIDATES).subquery()
    opening = (
        select(Post.id.label("id"), (by_title.c.score * TITLE_WEIGHT).label("score"))
        .select_from(by_title)
        .join(Post, Post.thread_id == by_title.c.id)
        .where(Post.parent_id.is_(None))
    )
    found = union_all(_ts_matches(Post, words, newest=CANDIDATES), opening).subquery()
    return select(found.c.id, func.sum(found.c.score).label("score")).group_by(found.c.id)


# --- learn pages ---------------------------------------------------------------------------------


def _plain(html_text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_text)).split())


def index_learn_pages(pages) -> int:
    """Bring learn_documents in line with the pages on disk; returns how many rows changed.

    Runs on a connection of its own, so a request's loaded objects are left as they are. On
    SQLite the caller must not be holding a write transaction, or this waits for it in vain.
    """
    wanted = {}
    for page in pages:
        body = _plain(page.body_html)
        digest = hashlib.sha256(f"{page.title}\n{page.summary}\n{body}".encode()).hexdigest()
        wanted[page.slug] = {
            "slug": page.slug,
            "title": page.title,
            "summary": page.summary,
            "body": body,
            "content_hash": digest,
        }
    documents = LearnDocument.__table__
    changed = 0
    with db.engine.begin() as connection:
        stored = dict(connection.execute(select(documents.c.slug, documents.c.content_hash)).all())
        for slug in stored.keys() - wanted.keys():
            connection.execute(documents.delete().where(documents.c.slug == slug))
            changed += 1
        for slug, row in wanted.items():
            if slug not in stored:
                connection.execute(documents.insert().values(**row))
            elif stored[slug] != row["content_hash"]:
                connection.execute(documents.update().where(documents.c.slug == slug).values(**row))
            else:
                continue
            changed += 1
    return changed


# --- results -------------------------------------------------------------------------------------


@dataclass
class LearnResult:
    slug: str
    title: str
    summary: str
    excerpt: Markup


@dataclass
class PostResult:
    post: Post
    excerpt: Markup


@dataclass
class Results:
    words: list[str]
    learn: list[LearnResult]
    posts: Page  # of PostResult


def highlight(text: str, words: list[str]) -> Markup:
    """A short piece of text around the first match, escaped, with matched words in <mark>."""
    if not words:
        return escape(text[:EXCERPT_CHARS])
    # Stems differ between engines; matching the start of each word is close enough to show why.
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(w[:5]) for w in words) + r")\w*", re.IGNORECASE
    )
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - EXCERPT_CHARS // 3)
    piece = text[start : start + EXCERPT_CHARS]
    prefix = "…" if start else ""
    suffix = "…" if start + EXCERPT_CHARS < len(text) else ""
    marked, last = [], 0
    for match in pattern.finditer(piece):
        marked.append(escape(piece[last : match.start()]))
        marked.append(Markup("<mark>{}</mark>").format(match.group(0)))
        last = match.end()
    marked.append(escape(piece[last:]))
    return escape(prefix) + Markup("").join(marked) + escape(suffix)


def search_learn(words: list[str]) -> list[LearnResult]:
    if not words:
        return []
    matches = _learn_matches(words).subquery()
    rows = db.session.execute(
        select(LearnDocument, matches.c.score)
        .join(matches, matches.c.id == LearnDocument.id)
        .order_by(matches.c.score.desc(), LearnDocument.title)
        .limit(LEARN_SHOWN)
    ).all()
    return [
        LearnResult(doc.slug, doc.title, doc.summary, highlight(doc.body, words)) for doc, _ in rows
    ]


def search_posts(
    member, words: list[str], *, space: Space | None = None, tag: str | None = None, page: int = 1
) -> Page:
    """Posts this member may see that match, with a thread-title match counting for its opening
    post; best first, then most recent."""
    if not words:
        return Page([], 1, 1)
    scored = _post_matches(words).subquery()
    # Never hidden, held or removed posts, not even one's own: search shows what others can read.
    conditions = [
        visible_post_condition(member),
        Post.hidden_at.is_(None),
        Post.held_at.is_(None),
        Post.removed_at.is_(None),
    ]
    if space is not None:
        conditions.append(Thread.space_id == space.id)
    if tag is not None:
        conditions.append(Thread.id.in_(select(ThreadTag.thread_id).where(ThreadTag.tag == tag)))
    # Every visible match in order, as ids (at most the CANDIDATES newest matches): the count
    # and the page come from one pass over them, and only the page's posts are loaded.
    ranked = db.session.scalars(
        select(Post.id)
        .join(scored, scored.c.id == Post.id)
        .join(Thread, Thread.id == Post.thread_id)
        .where(and_(*conditions))
        .order_by(scored.c.score.desc(), Post.created_at.desc(), Post.id.desc())
    ).all()
    pages = max(1, -(-len(ranked) // RESULTS_PER_PAGE))
    page = min(max(page, 1), pages)
    shown = ranked[(page - 1) * RESULTS_PER_PAGE : page * RESULTS_PER_PAGE]
    posts = {
        post.id: post
        for post in db.session.scalars(
            select(Post).where(Post.id.in_(shown)).options(joinedload(Post.thread))
        ).unique()
    }
    return Page(
        [PostResult(posts[i], highlight(_plain(posts[i].body_html), words)) for i in shown],
        page,
        pages,
    )


def search(
    member,
    query: str | None,
    *,
    kind: str | None = None,
    space: Space | None = None,
    tag: str | None = None,
    page: int = 1,
) -> Results:
    """Learn pages for everyone; conversations too for members not on a break (kind narrows to
    one of them)."""
    words = words_of(query)
    learn = search_learn(words) if kind in (None, "learn") and not (space or tag) else []
    posts = Page([], 1, 1)
    if permissions.can_read_discussions(member) and kind in (None, "discussions"):
        posts = search_posts(member, words, space=space, tag=tag, page=page)
    return Results(words, learn, posts)
