"""Ways to hand a learn page to someone: a short code to read aloud and a QR code."""

import hashlib
from functools import lru_cache

import segno
from markupsafe import Markup

# No 0/o, 1/i/l or u/v: nothing that reads or sounds like something else.
SHORT_CODE_ALPHABET = "23456789abcdefghjkmnpqrstwxyz"
SHORT_CODE_LENGTH = 4
# Short addresses live under /r/ ("read"): not l, 1, I, 0 or O, which are misread and misheard.
# Codes printed under the old /l/ prefix still redirect.
SHORT_PREFIX = "r"


def short_code(slug: str) -> str:
    """A stable four-character code for a slug. Slugs never change, so neither do codes."""
    number = int.from_bytes(hashlib.sha256(slug.encode()).digest()[:8], "big")
    chars = []
    for _ in range(SHORT_CODE_LENGTH):
        number, index = divmod(number, len(SHORT_CODE_ALPHABET))
        chars.append(SHORT_CODE_ALPHABET[index])
    return "".join(chars)


@lru_cache(maxsize=256)
def qr_svg(text: str, label: str) -> Markup:
    """The QR code for text as inline SVG: one path, a row of dark modules per segment."""
    qr = segno.make(text, error="m", micro=False)
    rows = list(qr.matrix_iter(border=4))
    size = len(rows)
    segments = []
    for y, row in enumerate(rows):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                segments.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    # width and height give it a sensible size where the stylesheet does not load.
    return Markup(  # noqa: S704 - the label is escaped; the rest is numbers
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'width="192" height="192" class="qr" role="img" aria-label="{Markup.escape(label)}">'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path fill="#000" d="{"".join(segments)}"/></svg>'
    )
