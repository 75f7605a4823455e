"""A person walking through the site in a browser under one condition, and what each condition
checks on every page they reach.

A journey is written once, as what a person does (open an address, follow a link, press a
button, fill in a field). Each condition decides how those actions are carried out (with the
mouse, or with the keyboard alone) and what is checked on each page reached. A failure names
the journey, the step and the condition.
"""

import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.browser.harness import ARTIFACTS

SCRIPTS = Path(__file__).with_name("checks.js").read_text()

KEYBOARD = "keyboard"
CONDITIONS = ("js-off", KEYBOARD, "screen-reader", "slow-network", "css-off", "narrow")

# The slow profile: 400 kbit/s each way, 400 ms added to every request.
SLOW = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400_000 / 8,
    "uploadThroughput": 400_000 / 8,
}
SLOW_DOM_READY_MS = 2000
NARROW = {"width": 320, "height": 640}
DOUBLE_TEXT = {"fontSizes": {"standard": 32, "fixed": 26}}  # browser defaults are 16 and 13
MOST_TABS = 400


class JourneyFailed(AssertionError):
    pass


@dataclass
class Run:
    """One journey under one condition: its people, its steps and what it measured."""

    journey: str
    condition: str
    site: object
    step_name: str = "start"
    bytes: int = 0
    problems: list[str] = field(default_factory=list)
    steps: list[dict] = field(default_factory=list)
    people: list["Person"] = field(default_factory=list)

    @property
    def javascript(self) -> bool:
        return self.condition != "js-off"

    @contextmanager
    def step(self, name: str):
        self.step_name = name
        try:
            yield
        except Exception as error:  # a missing link or a wrong page: name where it happened
            message = str(error).split("\nCall log:")[0]
            raise JourneyFailed(f"{self}: {message}") from error

    def __str__(self) -> str:
        return f"journey '{self.journey}', step '{self.step_name}', condition '{self.condition}'"

    def person(self) -> "Person":
        person = Person(self)
        self.people.append(person)
        return person

    def problem(self, text: str) -> None:
        self.problems.append(f"{self}: {text}")

    def close(self) -> None:
        for person in self.people:
            person.context.close()

    def record(self, passed: bool) -> dict:
        ready = [s["dom_ready_ms"] for s in self.steps if "dom_ready_ms" in s]
        return {
            "journey": self.journey,
            "condition": self.condition,
            "passed": passed,
            "bytes": self.bytes,
            "pages": len(self.steps),
            "slow_seconds": round(sum(ready) / 1000, 2) if ready else None,
            "slowest_page_ms": max(ready, default=None),
            "steps": self.steps,
        }


def _block_stylesheets(route):
    if route.request.resource_type == "stylesheet":
        route.abort()
    else:
        route.continue_()


class Person:
    """One person's browser. Each action that leads to a new page runs the condition's checks
    on that page."""

    def __init__(self, run: Run):
        self.run = run
        options = {"java_script_enabled": run.javascript}
        if run.condition == "narrow":
            options["viewport"] = NARROW
        self.context = run.site.browser.new_context(**options)
        if run.condition == "css-off":
            self.context.route("**/*", _block_stylesheets)
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.cdp = self.context.new_cdp_session(self.page)
        self.cdp.send("Network.enable")
        self.cdp.on("Network.loadingFinished", self._count)
        self.cdp.on("Network.requestWillBeSent", self._count_redirect)
        if run.condition == "slow-network":
            self.cdp.send("Network.emulateNetworkConditions", SLOW)
        if run.condition == "narrow":
            self.cdp.send("Page.setFontSizes", DOUBLE_TEXT)
        self.fresh_page = True

    def _count(self, event):
        self.run.bytes += int(event["encodedDataLength"])

    def _count_redirect(self, event):
        if "redirectResponse" in event:
            self.run.bytes += int(event["redirectResponse"].get("encodedDataLength", 0))

    # What a person does ---------------------------------------------------------------------

    def go(self, path: str) -> None:
        """Type an address, or open a link from somewhere else (a clinician's message)."""
        self.page.goto(self.run.site.url(path))
        self.arrived(f"open {path}")

    def follow(self, name, within: str = "body", exact: bool = True) -> None:
        link = self._scope(within).get_by_role("link", name=name, exact=exact).first
        self._activate(link)
        self.arrived(f"follow link {_show(name)}")

    def press(self, name, within: str = "body", exact: bool = True) -> None:
        button = self._scope(within).get_by_role("button", name=name, exact=exact).first
        self._activate(button)
        self.arrived(f"press {_show(name)}")

    def fill(self, label, text: str, exact: bool = True) -> None:
        box = self.page.get_by_label(label, exact=exact).first
        self._reveal(box)
        if self.run.condition != KEYBOARD:
            box.fill(text)
            return
        self._tab_to(box)
        assert not box.input_value(), "the keyboard journeys only type into empty fields"
        self.page.keyboard.type(text)

    def tick(self, label, exact: bool = True) -> None:
        box = self.page.get_by_label(label, exact=exact).first
        self._use(box, key="Space")
        assert box.is_checked(), f"{_show(label)} is not ticked"

    def choose(self, label, exact: bool = True) -> None:
        """Pick one option of a group; by keyboard, Tab into the group then arrow to it."""
        option = self.page.get_by_label(label, exact=exact).first
        if self.run.condition != KEYBOARD:
            option.check()
            return
        name = option.get_attribute("name")
        self._tab_to(self.page.locator(f"input[type=radio][name='{name}']"), group=True)
        self.page.keyboard.press("Space")  # picks the option Tab reached
        for _ in range(20):
            if option.is_checked():
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"the arrow keys did not reach {_show(label)}")

    def open_note(self, summary) -> None:
        """Open a <details> content note."""
        self._use(self.page.locator("summary", has_text=summary).first)

    def download(self, name, within: str = "body") -> bytes:
        link = self._scope(within).get_by_role("link", name=name, exact=True).first
        with self.page.expect_download() as waiting:
            self._use(link)
        return Path(waiting.value.path()).read_bytes()

    def printed(self) -> dict:
        """The page as printed: its text under print styles, and its pages on A4."""
        self.page.emulate_media(media="print")
        text = self.page.inner_text("body")
        pdf = self.page.pdf(format="A4")
        self.page.emulate_media(media="screen")
        return {"text": text, "pages": max(int(n) for n in re.findall(rb"/Count (\d+)", pdf))}

    def back(self) -> None:
        self.page.go_back()

    # What a person sees ---------------------------------------------------------------------

    def main(self) -> str:
        return self.page.inner_text("main")

    def sees(self, *texts: str, within: str = "main") -> None:
        shown = self.page.inner_text(within)
        for text in texts:
            assert text in shown, f"expected {text!r} in {within}, on {self.path()}"

    def path(self) -> str:
        return self.page.url.removeprefix(self.run.site.base_url)

    def heading(self) -> str:
        return self.page.get_by_role("heading", level=1).first.inner_text()

    # How actions are carried out ------------------------------------------------------------

    def _scope(self, within: str):
        return self.page.locator(within).first

    def _use(self, control, key: str = "Enter") -> None:
        """Click it; under the keyboard condition, Tab to it and press the key."""
        if self.run.condition != KEYBOARD:
            control.click()
        else:
            self._tab_to(control)
            self.page.keyboard.press(key)

    def _reveal(self, control) -> None:
        """On a small screen, or with CSS off, the header's links and search are in the closed
        Menu: open it first, as a person would."""
        if control.count() and control.first.is_visible():
            return
        summary = self.page.locator("details.site-menu:not([open]) > summary")
        if not summary.count() or not summary.is_visible():
            return  # nothing hidden in a menu: let the step fail as it would
        if self.run.condition != KEYBOARD:
            summary.click()
        else:
            self._tab_to(summary)
            self.page.keyboard.press("Enter")

    def _activate(self, control) -> None:
        """Use a link or button that leads to another page, and wait for that page."""
        self._reveal(control)
        if self.run.condition != KEYBOARD:
            control.click()
        else:  # a key press, unlike a click, does not wait for the navigation it starts
            self._tab_to(control)
            with self.page.expect_navigation():
                self.page.keyboard.press("Enter")
        self.page.wait_for_load_state("load")

    def _tab_to(self, target, group: bool = False) -> None:
        """Press Tab (or Shift+Tab, for something behind) until the target has focus, checking
        every stop: a visible focus indicator, the skip link first on a new page, and focus
        moving in reading order."""
        page = self.page
        handle = target.first.element_handle()
        where = self._js("startFrom", handle)
        if self.fresh_page and where == "top":
            page.keyboard.press("Tab")
            stop = self._js("focusStop", [None, False, False])
            if not stop["skipLink"]:
                self.run.problem(f"the first Tab reached {stop['describe']}, not the skip link")
            elif page.evaluate("el => !!el.closest('main')", handle):
                page.keyboard.press("Enter")  # skip the header, as keyboard users do
                if not page.evaluate("() => document.activeElement.id === 'main-content'"):
                    self.run.problem("the skip link did not move focus to the main content")
        self.fresh_page = False
        backwards = where == "behind"
        for _ in range(MOST_TABS):
            page.keyboard.press("Shift+Tab" if backwards else "Tab")
            stop = self._js("focusStop", [handle, group, backwards])
            for problem in stop["problems"]:
                self.run.problem(f"{problem} ({self.path()})")
            if stop["isTarget"]:
                return
            if stop["wrapped"]:
                break
        raise AssertionError(f"Tab never reached {target} on {self.path()}")

    def _js(self, name: str, argument=None):
        return self.page.evaluate(f"({SCRIPTS}).{name}", argument)

    # The checks on each page ----------------------------------------------------------------

    def arrived(self, action: str) -> None:
        page = self.page
        page.wait_for_load_state("load")
        self.fresh_page = True
        step = {"step": self.run.step_name, "action": action, "page": self.path()}
        self.run.steps.append(step)
        if not page.url.startswith(self.run.site.base_url):
            return  # somewhere else, e.g. the neutral site after a quick exit
        check = getattr(self, "_check_" + self.run.condition.replace("-", "_"), None)
        problems = check(step) if check else []
        for problem in problems:
            self.run.problem(f"{problem} ({step['page']})")

    def _check_keyboard(self, step) -> list[str]:
        if self.page.locator(".error-summary").count():
            focused = self.page.evaluate("() => !!document.activeElement.closest('.error-summary')")
            if not focused:
                return ["after a failed submission, focus is not on the error summary"]
        return []

    def _check_screen_reader(self, step) -> list[str]:
        tree = self.cdp.send("Accessibility.getFullAXTree")["nodes"]
        errors = self._js("errorMessages")
        return screen_reader_problems(tree, errors, thread="/talk/threads/" in step["page"])

    def _check_slow_network(self, step) -> list[str]:
        timing = self._js("timing")
        step["dom_ready_ms"] = round(timing["domReady"])
        problems = [f"a script the page waits for: {s}" for s in timing["waitsFor"]]
        if timing["domReady"] > SLOW_DOM_READY_MS:
            problems.append(
                f"DOMContentLoaded after {timing['domReady']:.0f} ms on the slow "
                f"profile, budget {SLOW_DOM_READY_MS} ms"
            )
        return problems

    def _check_css_off(self, step) -> list[str]:
        return self._js("readingOrder")

    def _check_narrow(self, step) -> list[str]:
        return self._js("reflow")


CONTROL_ROLES = {
    "link",
    "button",
    "textbox",
    "checkbox",
    "radio",
    "combobox",
    "searchbox",
    "listbox",
    "spinbutton",
    "slider",
    "switch",
    "DisclosureTriangle",
}
LANDMARKS = ("banner", "navigation", "main", "contentinfo")


def _value(node, key):
    return (node.get(key) or {}).get("value")


def _property(node, name):
    for item in node.get("properties", []):
        if item["name"] == name:
            return item["value"].get("value")
    return None


def screen_reader_problems(tree: list[dict], errors: list[str], thread: bool) -> list[str]:
    """What a screen reader would find wrong, from Chromium's accessibility tree."""
    nodes = [n for n in tree if not n.get("ignored")]
    roles = [_value(n, "role") for n in nodes]
    problems = []
    level_one = [n for n in nodes if _value(n, "role") == "heading" and _property(n, "level") == 1]
    if len(level_one) != 1:
        problems.append(f"{len(level_one)} level-1 headings, expected one")
    for landmark in LANDMARKS:
        if landmark not in roles:
            problems.append(f"no {landmark} landmark")
    if roles.count("main") > 1:
        problems.append("more than one main landmark")
    for node in nodes:
        role, name = _value(node, "role"), (_value(node, "name") or "").strip()
        if role in CONTROL_ROLES and not name:
            problems.append(f"a {role} with no name")
        if role == "article":
            if not name:
                problems.append("a post (article) with no name")
            elif thread and not re.search(r"(started this thread|replied to .+),", name):
                problems.append(f"a post named {name!r}, without its author and relation")
    described = [" ".join((_value(n, "description") or "").split()) for n in nodes]
    for error in errors:
        if not any(error in text for text in described):
            problems.append(f"error message {error!r} is not tied to its field")
    return problems


def _show(name) -> str:
    return repr(name.pattern if isinstance(name, re.Pattern) else name)


def save_results(results: list[dict]) -> None:
    """Every run as JSON, and a table of them: pass or fail and bytes per journey and
    condition, and the time to DOMContentLoaded under the slow profile."""
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "journeys.json").write_text(json.dumps(results, indent=2))
    runs = {(r["journey"], r["condition"]): r for r in results}
    lines = [
        "| journey | " + " | ".join(CONDITIONS) + " | slow profile: all pages (slowest) |",
        "|---" * (len(CONDITIONS) + 2) + "|",
    ]
    for journey in dict.fromkeys(r["journey"] for r in results):
        cells = []
        for condition in CONDITIONS:
            run = runs.get((journey, condition))
            cells.append(
                f"{'pass' if run['passed'] else 'FAIL'}, {run['bytes'] / 1024:.1f} KB"
                if run
                else "not run"
            )
        slow = runs.get((journey, "slow-network"))
        cells.append(
            f"{slow['slow_seconds']} s, {slow['pages']} pages ({slow['slowest_page_ms']} ms)"
            if slow
            else "not run"
        )
        lines.append(f"| {journey} | " + " | ".join(cells) + " |")
    (ARTIFACTS / "journeys.md").write_text("\n".join(lines) + "\n")
