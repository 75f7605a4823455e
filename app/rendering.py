"""The one path from markdown to safe HTML, for members' posts and for the site's own pages.

Python-Markdown runs with raw HTML switched off (typed HTML shows as text); bleach then keeps only
a small allowlist. Sanitising comes last, so nothing markdown produces can slip past it. Swapping
the sanitiser means changing this file only.
"""

import re
from functools import partial

import bleach
import markdown
from bleach.linkifier import LinkifyFilter
from markdown.extensions.toc import TocExtension
from markupsafe import escape

PROTOCOLS = ["http", "https", "mailto"]

# Python-Markdown looks for a closing bracket from every "[", which is quadratic: 5,000 "[" take
# seconds. Past this many brackets, only "[" that open a plain link keep their meaning.
BRACKET_LIMIT = 200
_PLAIN_LINK = re.compile(
    r"\[[^\[\]\n]{0,300}\](?:\([^()\s]{0,2000}(?:\s+\"[^\"\n]{0,300}\")?\)|\[)"
)
TRUSTED_PROTOCOLS = [*PROTOCOLS, "tel", "sms"]

# Python-Markdown nests lists and quotes by recursion: "1. " * 600 on one line, or indentation
# ever deeper, runs out of Python's stack (and gets slow well before). No post needs more than
# this many levels on a line, or more indentation than this; deeper markers are kept as text.
NESTING_LIMIT = 8
INDENT_LIMIT = 4 * NESTING_LIMIT
_CONTAINER_MARKER = re.compile(r"(>|[*+-](?=[ \t])|\d{1,9}[.)](?=[ \t]|$))[ \t]*")

TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "hr",
    "h3",
    "h4",
}
ATTRIBUTES = {"a": ["href", "title", "rel"]}

TRUSTED_TAGS = TAGS | {"h2", "table", "thead", "tbody", "tr", "th", "td", "abbr"}
TRUSTED_ATTRIBUTES = {
    "a": ["href", "title"],
    "h2": ["id"],
    "h3": ["id"],
    "h4": ["id"],
    "th": ["scope"],
    "abbr": ["title"],
}

MEMBER_LINK_REL = "nofollow ugc noopener noreferrer"


def _set_member_link_rel(attrs, new=False):
    attrs[(None, "rel")] = MEMBER_LINK_REL
    return attrs


def _markdown(trusted: bool) -> markdown.Markdown:
    extensions = ["sane_lists"]
    if trusted:
        # Headings get ids so a clinician can link to a section: /learn/sleep#a-bedtime-routine
        extensions += ["tables", TocExtension(toc_depth="2-4", permalink=False)]
    md = markdown.Markdown(extensions=extensions, output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


_member_cleaner = bleach.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    protocols=PROTOCOLS,
    strip=True,
    filters=[partial(LinkifyFilter, callbacks=[_set_member_link_rel], skip_tags={"pre", "code"})],
)
_trusted_cleaner = bleach.Cleaner(
    tags=TRUSTED_TAGS, attributes=TRUSTED_ATTRIBUTES, protocols=TRUSTED_PROTOCOLS, strip=True
)


def _defuse_brackets(text: str) -> str:
    if text.count("[") <= BRACKET_LIMIT:
        return text
    out, i = [], 0
    for match in re.finditer(r"\[", text):
        start = match.start()
        out.append(text[i:start])
        out.append("[" if _PLAIN_LINK.match(text, start) else "\\[")
        i = start + 1
    out.append(text[i:])
    return "".join(out)


def _limit_line(line: str) -> str:
    indent = len(line) - len(line.lstrip(" \t"))
    line = line[:indent].expandtabs(4)[:INDENT_LIMIT] + line[indent:]
    position = len(line) - len(line.lstrip(" "))
    for _ in range(NESTING_LIMIT):
        marker = _CONTAINER_MARKER.match(line, position)
        if not marker:
            return line
        position = marker.end()
    marker = _CONTAINER_MARKER.match(line, position)
    if not marker:
        return line
    punctuation = marker.end(1) - 1  # "\>", "\-", "1\." are plain text to markdown
    return line[:punctuation] + "\\" + line[punctuation:]


def _limit_nesting(text: str) -> str:
    return "\n".join(_limit_line(line) for line in text.split("\n"))


def _plain(text: str) -> str:
    """The text as escaped paragraphs: the last resort when markdown cannot render it."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "".join(f"<p>{escape(p)}</p>".replace("\n", "<br>") for p in paragraphs if p)


def render_markdown(text: str, trusted: bool = False) -> str:
    try:
        html = _markdown(trusted).convert(_limit_nesting(_defuse_brackets(text)))
    except RecursionError:
        html = _plain(text)
    return (_trusted_cleaner if trusted else _member_cleaner).clean(html)
