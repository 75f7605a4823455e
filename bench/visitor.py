"""A person at a browser without JavaScript: their own cookies, reading forms and sending them."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def csrf_token(page: str) -> str:
    found = CSRF.search(page)
    return (found.group(1) or found.group(2)) if found else ""


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 303 after a form is the answer we want to see


class Visitor:
    def __init__(self, base: str, timeout: float = 30):
        self.base = base
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _KeepRedirects()
        )

    def at(self, base: str) -> "Visitor":
        """The same person (same cookies) at another host."""
        other = Visitor(base, self.timeout)
        other.cookies = self.cookies
        other.opener = self.opener
        return other

    def request(self, path: str, data: dict | None = None) -> tuple[int, str, dict]:
        """(status, body, headers) for a GET, or a form POST when data is given."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)  # noqa: S310 - http only
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), dict(error.headers)

    def get(self, path: str) -> tuple[int, str]:
        status, text, _ = self.request(path)
        return status, text

    def submit(self, form_path: str, action: str | None = None, **fields) -> tuple[int, str]:
        """Fetch the page with the form, then send it with its CSRF token: (status, Location)."""
        status, page = self.get(form_path)
        if status != 200:
            return status, ""
        status, _, headers = self.request(
            action or form_path, {"csrf_token": csrf_token(page), **fields}
        )
        return status, headers.get("Location", "")

    def enter(self) -> int:
        """Enter as a guest: 200 is the page that shows the new recovery phrase."""
        return self.submit("/enter")[0]
