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

PROTOCOLS = ["http", "https", "mailto"]

# Python-Markdown looks for a closing bracket from every "[", which is quadratic: 5,000 "[" take
# seconds. Past this many brackets, only "[" that open a plain link keep their meaning.
BRACKET_LIMIT = 200
_PLAIN_LINK = re.compile(
    r"\[[^\[\]\n]{0,300}\](?:\([^()\s]{0,2000}(?:\s+\"[^\"\n]{0,300}\")?\)|\[)"
)
TRUSTED_PROTOCOLS = [*PROTOCOLS, "tel", "sms"]

TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr",
        "h3", "h4"}
ATTRIBUTES = {"a": ["href", "title", "rel"]}

TRUSTED_TAGS = TAGS | {"h2", "table", "thead", "tbody", "tr", "th", "td", "abbr"}
TRUSTED_ATTRIBUTES = {
    "a": ["href", "title"],
    "h2": ["id"], "h3": ["id"], "h4": ["id"],
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


def render_markdown(text: str, trusted: bool = False) -> str:
    html = _markdown(trusted).convert(_defuse_brackets(text))
    return (_trusted_cleaner if trusted else _member_cleaner).clean(html)
