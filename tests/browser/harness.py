"""Checks a page the way a visitor's browser meets it.

For each page: axe-core in headless Chromium (WCAG 2.0, 2.1 and 2.2, A and AA: no violations of
any impact), the Nu HTML Checker on the HTML the server sent (no errors), the page read with
JavaScript switched off, and the cost of a first visit with an empty cache (bytes on the wire,
requests, other hosts).
"""

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

BUDGET_BYTES = 14 * 1024
BUDGET_REQUESTS = 3


def missing_tools() -> list[str]:
    missing = []
    if not CHROMIUM.exists():
        missing.append("Chromium (apt-get install chromium)")
    if not shutil.which("java"):
        missing.append("a Java runtime (apt-get install default-jre-headless)")
    if not AXE.exists() or not VNU.exists():
        missing.append("axe-core and vnu-jar (make browser-deps)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package (make test installs it)")
    return missing


def require_browser_tools() -> None:
    missing = missing_tools()
    if not missing:
        return
    reason = "Browser tests need " + ", ".join(missing)
    if os.environ.get("CI") == "true":
        pytest.fail(reason + "; under CI they must run, not skip.")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


class HtmlChecker:
    """The Nu HTML Checker, started once as a local service and sent each document."""

    def __init__(self):
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                "java",
                "-Dnu.validator.servlet.bind-address=127.0.0.1",
                "-Dnu.validator.servlet.allow-forbidden-hosts=true",
                "-cp",
                str(VNU),
                "nu.validator.servlet.Main",
                str(self.port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(f"http://127.0.0.1:{self.port}/", seconds=60)

    def errors(self, html: bytes) -> list[str]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/?out=json",
            data=html,
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            messages = json.load(response)["messages"]
        return [
            f"line {m.get('lastLine')}: {m['message']}"
            for m in messages
            if m["type"] in ("error", "non-document-error")
        ]

    def close(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@dataclass
class Visit:
    bytes: int = 0
    requests: list[str] = field(default_factory=list)

    def hosts(self) -> set[str]:
        return {urlsplit(url).netloc for url in self.requests}


@dataclass
class Report:
    path: str
    visit: Visit
    problems: list[str]


class Site:
    """A running CommonGround and a browser to look at it with."""

    def __init__(self, base_url: str, browser, html_checker: HtmlChecker):
        self.base_url = base_url
        self.browser = browser
        self.html_checker = html_checker
        self.weights: dict[str, dict] = {}

    def url(self, path: str) -> str:
        return self.base_url + path

    def new_context(self, **options):
        context = self.browser.new_context(**options)
        context.add_init_script(path=str(AXE))
        return context

    def count(
        self, page, navigate, empty_cache: bool = True, last_page_only: bool = False
    ) -> tuple[Visit, bytes]:
        """Run navigate() and count what crosses the network until the page has loaded.

        Returns the visit and the last document the server sent, as sent (for the HTML
        checker): after a form post that is the page the post answered with. With
        last_page_only, navigate() may pass through several pages; only the last one is
        counted, loaded as if for the first time.
        """
        visit = Visit()
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        if empty_cache:
            cdp.send("Network.clearBrowserCache")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": last_page_only})
        urls = {}
        documents = []

        def sent(event):
            url = event["request"]["url"]
            if last_page_only and event.get("type") == "Document":
                urls.clear()
                visit.bytes = 0
            if not url.startswith(("http:", "https:")):
                return
            if "redirectResponse" in event and not last_page_only:  # e.g. a 303 after a post
                urls[event["requestId"] + ":redirect"] = event["redirectResponse"]["url"]
                visit.bytes += int(event["redirectResponse"].get("encodedDataLength", 0))
            urls[event["requestId"]] = url

        def from_cache(event):
            urls.pop(event["requestId"], None)

        def finished(event):
            if event["requestId"] in urls:
                visit.bytes += int(event["encodedDataLength"])

        def answered(response):
            if response.request.resource_type == "document" and not 300 <= response.status < 400:
                documents.append(response)

        cdp.on("Network.requestWillBeSent", sent)
        cdp.on("Network.requestServedFromCache", from_cache)
        cdp.on("Network.loadingFinished", finished)
        page.on("response", answered)
        navigate()
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)  # let a late favicon request show itself
        page.remove_listener("response", answered)
        visit.requests = list(urls.values())
        cdp.detach()
        return visit, documents[-1].body() if documents else b""

    def first_visit(self, page, path: str) -> Visit:
        """Load path in a fresh page and count what crosses the network."""
        visit, _ = self.count(page, lambda: page.goto(self.url(path), wait_until="load"))
        return visit

    def budget_problems(self, label: str, visit: Visit) -> list[str]:
        problems = []
        if visit.bytes > BUDGET_BYTES:
            problems.append(f"{label}: {visit.bytes} bytes on first visit, budget {BUDGET_BYTES}")
        if len(visit.requests) > BUDGET_REQUESTS:
            problems.append(f"{label}: {len(visit.requests)} requests: {visit.requests}")
        other_hosts = visit.hosts() - {urlsplit(self.base_url).netloc}
        if other_hosts:
            problems.append(f"{label}: requests to other hosts {sorted(other_hosts)}")
        return problems

    def enter_as_guest(self, page, save_phrase: bool = True) -> None:
        """Sign in the way a person does: the one button on the enter page."""
        page.goto(self.url("/enter"))
        page.get_by_role("button", name="Enter as a guest").click()
        page.wait_for_load_state("load")
        if save_phrase:
            page.get_by_role("button", name="saved it").click()
            page.wait_for_load_state("load")

    def check_flow(self, label: str, steps, expect_text: str, member: bool = False) -> Report:
        """Check the page that steps(page) ends on, e.g. a form sent back with its errors.

        The same checks as check(): axe and the HTML checker on the page as sent, its weight
        with an empty cache (and the member's cookies), and, in a second browser with
        JavaScript off that takes the same steps, its text.
        """
        problems = []
        context = self.new_context()
        page = context.new_page()
        if member:
            self.enter_as_guest(page)
        visit, html = self.count(page, lambda: steps(page), last_page_only=True)
        problems += self.budget_problems(label, visit)
        problems += self.audit(page, html, label)
        context.close()

        context = self.browser.new_context(java_script_enabled=False)
        page = context.new_page()
        if member:
            self.enter_as_guest(page)
        steps(page)
        if expect_text not in page.inner_text("main"):
            problems.append(f"{label}: without JavaScript, main lacks {expect_text!r}")
        context.close()

        self.weights[label] = {"bytes": visit.bytes, "requests": len(visit.requests)}
        return Report(label, visit, problems)

    def axe_violations(self, page) -> list[str]:
        violations = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
            ".then(r => r.violations)",
            AXE_TAGS,
        )
        return [
            f"axe {v['id']} ({v['impact']}): {v['help']} at "
            + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:3])
            for v in violations
        ]

    def audit(self, page, html: bytes, label: str) -> list[str]:
        """axe on the page as shown, and the HTML checker on the document as sent."""
        problems = self.axe_violations(page)
        problems += [f"html: {e}" for e in self.html_checker.errors(html)]
        return [f"{label}: {p}" for p in problems]

    def check(self, path: str, expect_text: str, status: int = 200) -> Report:
        problems = []
        context = self.new_context()
        page = context.new_page()
        visit = self.first_visit(page, path)
        problems += self.budget_problems(path, visit)
        response = page.request.get(self.url(path), max_redirects=0)
        if response.status != status:
            problems.append(f"{path}: status {response.status}, expected {status}")
        problems += self.audit(page, response.body(), path)
        context.close()

        context = self.browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(self.url(path))
        if expect_text not in page.inner_text("main"):
            problems.append(f"{path}: without JavaScript, main lacks {expect_text!r}")
        context.close()

        self.weights[path] = {"bytes": visit.bytes, "requests": len(visit.requests)}
        return Report(path, visit, problems)

    def save_weights(self) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        out = ARTIFACTS / "page-weights.json"
        previous = json.loads(out.read_text()) if out.exists() else {}
        previous.update(self.weights)
        out.write_text(json.dumps(previous, indent=2, sort_keys=True))
