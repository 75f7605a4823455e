"""The full-text search structures that live beside the models' tables.

SQLite: FTS5 tables (porter stemming) kept in step with posts and learn pages by triggers; an
opening post's row also holds its thread's title, so one match covers both. PostgreSQL:
generated tsvector columns (English) on posts, threads and learn pages, with GIN indexes.
Neither is an ORM model, so the migrations create them and the schema comparison leaves them
out.
"""

SQLITE_TABLES = ("posts_fts", "learn_fts")
SQLITE_TRIGGERS = (
    "posts_fts_insert",
    "posts_fts_update",
    "posts_fts_delete",
    "posts_fts_title",
    "learn_fts_insert",
    "learn_fts_update",
    "learn_fts_delete",
)
SEARCH_COLUMN = "search_vector"
TOKENIZER = "porter unicode61 remove_diacritics 2"  # English stemming, accents folded

_OPENING_TITLE = (
    "COALESCE((SELECT title FROM threads WHERE threads.id = new.thread_id "
    "AND new.parent_id IS NULL), '')"
)

SQLITE_UP = [
    f"CREATE VIRTUAL TABLE posts_fts USING fts5(title, body, tokenize='{TOKENIZER}')",
    f"CREATE VIRTUAL TABLE learn_fts USING fts5(title, summary, body, tokenize='{TOKENIZER}')",
    "CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN "  # noqa: S608 - constant text
    f"INSERT INTO posts_fts(rowid, title, body) VALUES (new.id, {_OPENING_TITLE}, new.body); END",
    "CREATE TRIGGER posts_fts_update AFTER UPDATE OF body ON posts BEGIN "
    "UPDATE posts_fts SET body = new.body WHERE rowid = new.id; END",
    "CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN "
    "DELETE FROM posts_fts WHERE rowid = old.id; END",
    "CREATE TRIGGER posts_fts_title AFTER UPDATE OF title ON threads BEGIN "
    "UPDATE posts_fts SET title = new.title WHERE rowid = "
    "(SELECT id FROM posts WHERE thread_id = new.id AND parent_id IS NULL); END",
    "CREATE TRIGGER learn_fts_insert AFTER INSERT ON learn_documents BEGIN "
    "INSERT INTO learn_fts(rowid, title, summary, body) "
    "VALUES (new.id, new.title, new.summary, new.body); END",
    "CREATE TRIGGER learn_fts_update AFTER UPDATE ON learn_documents BEGIN "
    "UPDATE learn_fts SET title = new.title, summary = new.summary, body = new.body "
    "WHERE rowid = new.id; END",
    "CREATE TRIGGER learn_fts_delete AFTER DELETE ON learn_documents BEGIN "
    "DELETE FROM learn_fts WHERE rowid = old.id; END",
    # Posts written before this migration.
    "INSERT INTO posts_fts(rowid, title, body) SELECT posts.id, "
    "CASE WHEN posts.parent_id IS NULL THEN threads.title ELSE '' END, posts.body "
    "FROM posts JOIN threads ON threads.id = posts.thread_id",
]

SQLITE_DOWN = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS),
    *(f"DROP TABLE IF EXISTS {name}" for name in SQLITE_TABLES),
]

POSTGRES_UP = [
    "ALTER TABLE posts ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english', body)) STORED",
    "ALTER TABLE threads ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english', title)) STORED",
    "ALTER TABLE learn_documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', title), 'A') || "
    "setweight(to_tsvector('english', summary), 'B') || "
    "setweight(to_tsvector('english', body), 'C')) STORED",
    "CREATE INDEX ix_posts_search ON posts USING gin (search_vector)",
    "CREATE INDEX ix_threads_search ON threads USING gin (search_vector)",
    "CREATE INDEX ix_learn_documents_search ON learn_documents USING gin (search_vector)",
]

POSTGRES_DOWN = [
    f"ALTER TABLE {table} DROP COLUMN search_vector"
    for table in ("posts", "threads", "learn_documents")
]


# posts_fts keeps its own copy of each post: a changed or removed post leaves its old terms in
# the index's segments, marked deleted, until they are merged. Merging them all is FTS5's
# 'optimize' command, run in the same transaction as a deletion.
SQLITE_FORGET_REMOVED = "INSERT INTO posts_fts(posts_fts) VALUES('optimize')"


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """For schema comparison: the search structures are not models, so leave them out."""
    if (
        type_ == "table"
        and reflected
        and (name in SQLITE_TABLES or name.startswith(tuple(f"{t}_" for t in SQLITE_TABLES)))
    ):
        return False
    if type_ == "column" and reflected and name == SEARCH_COLUMN:
        return False
    return not (type_ == "index" and reflected and name and name.endswith("_search"))
