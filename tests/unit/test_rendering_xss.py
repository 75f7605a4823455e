"""Members' markdown renders inert, whatever they type."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from app.rendering import render_markdown

VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<body onload=alert(1)>",
    "<a href=javascript:alert(1)>x</a>",
    "<form><button formaction=javascript:alert(1)>x</button></form>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<style>*{background:url(javascript:alert(1))}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<meta http-equiv=refresh content=0;url=javascript:alert(1)>",
    "<base href=javascript:alert(1)//>",
    "<link rel=stylesheet href=javascript:alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](  javascript:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "[x](file:///etc/passwd)",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
    "![x](https://evil.example/pixel.png)",
    '![x" onerror="alert(1)](x)',
    '[x](https://ok.example "title\\" onmouseover=\\"alert(1)")',
    '[x](https://ok.example" onmouseover="alert(1))',
    "`<script>alert(1)</script>`",
    "    <script>alert(1)</script>",
    "```\n<script>alert(1)</script>\n```",
    "> <script>alert(1)</script>",
    "- <img src=x onerror=alert(1)>",
    "**<script>alert(1)</script>**",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<a href="https://ok.example" onclick="alert(1)">x</a>',
    'https://ok.example/"><script>alert(1)</script>',
    "www.ok.example/<svg/onload=alert(1)>",
    "<x onclick=alert(1)>click",
    "[x](http://ok.example) <a id=x name=y class=z style=w>",
]

ALLOWED_TAGS = {
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
SAFE_SCHEMES = {"", "http", "https", "mailto"}


class Elements(HTMLParser):
    """Every element and attribute as a browser would see them (entities decoded)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def scheme(url: str) -> str:
    """The scheme a browser would use: it drops tabs and newlines, and leading spaces."""
    return urlsplit(re.sub(r"^[\x00-\x20]+|[\t\n\r]", "", url)).scheme.lower()


def test_corpus_has_at_least_forty_vectors():
    assert len(VECTORS) >= 40


@pytest.mark.parametrize("text", VECTORS)
def test_render_markdown_with_attack_renders_inert(text):
    html = render_markdown(text)
    for tag, attributes in Elements(html).found:
        assert tag in ALLOWED_TAGS, html
        assert set(attributes) <= ({"href", "title", "rel"} if tag == "a" else set()), html
        if "href" in attributes:
            assert scheme(attributes["href"]) in SAFE_SCHEMES, html
