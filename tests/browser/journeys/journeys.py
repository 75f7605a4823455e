"""Eight whole journeys, each as a person takes it: what they do and what they should see.

Each runs under every condition in walk.CONDITIONS. `scene` (see conftest.py) holds what the
site already has when the journey starts: a learn page, a thread, and for the moderation
journey a post, its author and a moderator, new for each run.
"""

import json
import re
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

# A word for each run, so that what one run writes can be told from another's.
WORDS = {
    "js-off": "heron",
    "keyboard": "marigold",
    "screen-reader": "kestrel",
    "slow-network": "bluebell",
    "css-off": "otter",
    "narrow": "willow",
}


def enter(person) -> None:
    with person.run.step("enter as a guest"):
        person.go("/enter")
        person.press("Enter as a guest")
        person.press(re.compile("saved it"), exact=False)


def return_as(person, login: dict) -> None:
    with person.run.step(f"return as {login['name']}"):
        person.go("/return")
        person.fill("Your name", login["name"])
        person.fill("Recovery phrase or password", login["phrase"])
        person.press("Return")


def clinician_link(run, scene):
    """A clinician's link to a learn page, read, then shared and printed as a handout."""
    reader = run.person()
    page = scene.learn_page
    with run.step("open the link a clinician shared"):
        reader.go(f"/learn/{page['slug']}")
        assert reader.heading() == page["title"]
    with run.step("read the page to its sources"):
        reader.sees(page["first_line"], "Where this information comes from")
    with run.step("open the share page"):
        reader.follow("Print a handout or share this page")
        reader.sees("Share this page", page["title"])
        short = reader.page.locator(".handout-short").inner_text()
    with run.step("print view"):
        printed = reader.printed()
        assert page["title"] in printed["text"] and short in printed["text"], printed["text"]
        if run.condition != "css-off":  # print styles live in the stylesheet
            assert "Skip to main content" not in printed["text"], "the header is printed"
            assert printed["pages"] == 1, f"the handout prints on {printed['pages']} pages"
    with run.step("the handout's short address leads to the page"):
        reader.go("/" + short.split("/", 1)[1])
        assert reader.heading() == page["title"]


def guest_from_thread_link(run, scene):
    """A visitor given a link to a thread enters as a guest, lands on it, replies, sees it."""
    visitor = run.person()
    thread = f"/talk/threads/{scene.thread_id}"
    text = f"Mornings are hard here too. Today I watched a {WORDS[run.condition]} from the window."
    with run.step("open the link to a thread"):
        visitor.go(thread)
        visitor.sees("Talk is for members")
    with run.step("enter as a guest, keep the phrase, and go on to the thread"):
        visitor.press("Enter as a guest")
        visitor.sees("Your recovery phrase")
        visitor.press(re.compile("saved it"), exact=False)
        assert visitor.path().startswith(thread), visitor.path()
        assert visitor.heading() == scene.thread_title
    with run.step("reply"):
        visitor.fill("Your message", text)
        visitor.press("Post reply")
    with run.step("see the reply"):
        assert visitor.path().startswith(thread), visitor.path()
        post = visitor.page.locator("article", has_text=text)
        assert post.count() == 1, "the reply is not on the page it lands on"


def tag_search_react_reply(run, scene):
    """A thread started with a content note and a tag, found by another member through the
    tag filter and through search, who reacts to it and replies."""
    word = WORDS[run.condition]
    title = f"Stiff evenings and the {word} on the fence"
    writer, reader = run.person(), run.person()
    enter(writer)
    with run.step("start a thread, first forgetting the title"):
        writer.go("/talk/living-with-my-condition")
        writer.follow(re.compile("^Start a thread"), exact=False)
        writer.fill(
            "Your message",
            "My knees ache most after six. Sitting with a warm drink "
            "and watching the birds helps me wind down.",
        )
        writer.press("Start thread")
        writer.sees("Enter a title for your thread")
        kept = writer.page.get_by_label("Your message", exact=True).input_value()
        assert kept.startswith("My knees ache most after six."), "the message was lost"
    with run.step("start the thread with a content note and a tag"):
        writer.fill("Title", title)
        writer.fill("Content note (optional)", "A hospital stay")
        writer.tick("Arthritis and joint pain")
        writer.press("Start thread")
        assert writer.heading() == title
    enter(reader)
    with run.step("find it with the tag filter"):
        reader.go("/talk")
        reader.follow("Arthritis and joint pain", within="main")
        reader.follow(title)
        assert reader.heading() == title
    with run.step("find it by search"):
        reader.go("/talk")
        reader.fill("Search this site", word)
        reader.press("Search", within="form[role=search]")
        reader.follow(title)
        assert reader.heading() == title
    with run.step("open the content note and react"):
        reader.open_note("Content note: A hospital stay")
        reader.sees("My knees ache most after six.")
        reader.press(re.compile("^This helped me"), exact=False)
        helped = reader.page.get_by_role("button", name=re.compile("^This helped me")).first
        assert helped.get_attribute("aria-pressed") == "true"
    with run.step("reply"):
        reader.fill("Your message", "Evenings are my hardest time too. A warm drink helps me.")
        reader.press("Post reply")
        reader.sees("Evenings are my hardest time too.")


def report_hide_review(run, scene):
    """A member reports a post, a moderator hides it, and its author reads the decision and
    asks for a review."""
    people = scene.reported_post(WORDS[run.condition])
    reporter, moderator, author = run.person(), run.person(), run.person()
    enter(reporter)
    with run.step("report a post"):
        reporter.go(f"/talk/threads/{people['thread']}")
        reporter.follow("Report this post", within=f"#post-{people['post']}")
        reporter.choose("Rule 6: No selling or promotion")
        reporter.fill(re.compile("^Anything else"), "Looks like an advert to me", exact=False)
        reporter.press("Send report")
        reporter.sees("Thank you for your report")
    return_as(moderator, people["moderator"])
    with run.step("a moderator hides the post"):
        moderator.go("/moderate")
        moderator.follow(re.compile(f"^Reply by {people['author']['name']}"), exact=False)
        moderator.sees("Rule 6: No selling or promotion", "Looks like an advert")
        moderator.choose("Rule 6: No selling or promotion")
        moderator.fill(re.compile("^Reason"), "Selling is not allowed here.", exact=False)
        moderator.press("Hide post")
        moderator.sees("Hidden. The author can see the rule and your reason.")
    return_as(author, people["author"])
    with run.step("the author sees the decision"):
        author.sees("A moderator hid your post.", "Selling is not allowed here.")
        author.follow("Read it in full, and how to ask for a review")
        assert author.heading() == "Decisions about you"
    with run.step("ask for a review, first with nothing written"):
        author.follow(re.compile("^Ask for a review"), exact=False)
        author.press("Send")
        author.sees("Tell the moderators why the decision should change")
    with run.step("ask for a review"):
        author.fill(
            "Why should a moderator look again?",
            "I was sharing a leaflet from my clinic, not selling it.",
        )
        author.press("Send")
        author.sees("A moderator will look again")


def download_then_delete(run, scene):
    """A member downloads their data, then deletes their account."""
    member = run.person()
    text = f"Thank you all. I spotted a {WORDS[run.condition]} on my walk today."
    enter(member)
    with run.step("write a reply"):
        member.go(f"/talk/threads/{scene.thread_id}")
        member.fill("Your message", text)
        member.press("Post reply")
        name = member.page.locator("nav[aria-label=Main] a[href='/account']").inner_text()
        name = name.removeprefix("My account: ").strip()
    with run.step("download my data"):
        member.follow(re.compile("My account"), exact=False)
        data = json.loads(member.download("Download my data"))
        assert text in json.dumps(data, ensure_ascii=False), "the reply is not in the download"
    with run.step("delete my account, first without choosing"):
        member.follow("Delete my account")
        member.press("Delete my account")
        member.sees("Choose what should happen to what you wrote")
    with run.step("delete my account"):
        member.choose(re.compile("^Delete everything I wrote"), exact=False)
        member.press("Delete my account")
        assert member.heading() == "Your account has been deleted"
    with run.step("the account and its words are gone"):
        assert not scene.member_exists(name), f"{name} is still in the database"
        assert not scene.post_exists(text), "the reply is still in the database"


def quick_exit(run, scene):
    """Leaving quickly from a thread ends on the neutral site; with JavaScript, Back does not
    return to the thread."""
    visitor = run.person()
    enter(visitor)
    thread = f"/talk/threads/{scene.thread_id}"
    with run.step("open a thread"):
        visitor.go("/talk")
        visitor.go(thread)
    with run.step("leave quickly"):
        visitor.follow("Leave this site quickly")
        assert visitor.page.url == scene.neutral_url, visitor.page.url
        visitor.sees(scene.neutral_text, within="body")
    if run.javascript:  # without JavaScript a link cannot take itself out of the history
        with run.step("press Back"):
            visitor.back()
            assert thread not in visitor.page.url, "Back returned to the thread"


def _moderator(app, word: str) -> dict:
    from app.services import accounts, moderation

    with app.app_context():
        member, phrase = accounts.enter_as_guest()
        name = f"Carer {word.title()} {member.id}"
        accounts.rename(member, name)
        moderation.set_role(name, "moderator")
    return {"name": name, "phrase": phrase}


@contextmanager
def _out_of_hours(app):
    """Moderators read posts for one minute, twelve hours from now (never across midnight)."""
    before = dict(app.config)
    start = datetime.now(UTC) + timedelta(hours=12)
    end = start + timedelta(minutes=1)
    app.config["MODERATION_TIMEZONE"] = "UTC"
    app.config["MODERATION_HOURS"] = (
        f"Mon-Sun {start:%H:%M}-{end:%H:%M}"
        if end > start and end.hour >= start.hour
        else "Mon-Sun 00:00-00:01"
    )
    try:
        yield
    finally:
        for key in ("MODERATION_TIMEZONE", "MODERATION_HOURS"):
            app.config[key] = before[key]


def risk_out_of_hours(run, scene):
    """A member writes about wanting to die at night; the post waits. A moderator sends a
    check-in, adds a content note and marks the risk reviewed; another member then reads it
    behind its note, and the writer reads the check-in."""
    writer, moderator, reader = run.person(), run.person(), run.person()
    text = f"Some nights I think my family would be better off without me. ({WORDS[run.condition]})"
    login = _moderator(scene.app, WORDS[run.condition])
    with _out_of_hours(scene.app):
        enter(writer)
        with run.step("write a post that may mean risk, out of hours"):
            writer.go("/talk/mind-and-body/new")
            writer.fill("Title", f"Hard nights, {WORDS[run.condition]}")
            writer.fill("Your message", text)
            writer.press("Start thread")
            writer.sees(
                "have to deal with this alone",
                "Your post waits for a moderator before others can see it.",
            )
            assert "still here for others to read" not in writer.main()
            thread = writer.path().split("#")[0]
        enter(reader)
        with run.step("others cannot see it yet"):
            reader.go(thread)
            assert text not in reader.main()
    return_as(moderator, login)
    with run.step("a moderator opens the case"):
        moderator.go(thread)
        moderator.follow("Moderate this post")
        moderator.sees("Possible risk", "Send a check-in")
    with run.step("send a check-in"):
        moderator.press("Send check-in")
        moderator.sees("Check-in sent.")
    with run.step("add a content note"):
        moderator.fill("Content note", "Thoughts of suicide")
        moderator.press("Save content note")
        moderator.sees("Content note saved.")
    with run.step("mark the risk reviewed"):
        moderator.choose("Check-in sent")
        moderator.press("Save")
        moderator.sees("Marked reviewed.")
    with run.step("another member reads it behind its content note"):
        reader.go(thread)
        reader.sees("Content note: Thoughts of suicide")
        reader.open_note("Content note: Thoughts of suicide")
        reader.sees(text)
    with run.step("the writer reads the check-in"):
        writer.go("/learn")
        writer.sees("A message for you from the moderators.")
        writer.follow("Read it in Messages from the moderators")
        writer.sees("wanted to check in with you", "keep posting")


def tell_us_and_answer(run, scene):
    """A visitor sends an idea; an admin reads it, tags it and writes a "You said, we did" entry
    that then shows publicly. A member sends a message; the admin answers; the member sees it."""
    word = WORDS[run.condition]
    idea = f"A page about gardening with a {word} on it would cheer me up."
    problem = f"The {word} picture on my Replies page does not load."
    visitor, admin, member = run.person(), run.person(), run.person()
    with run.step("a visitor sends an idea from the footer"):
        visitor.go("/about")
        visitor.follow("Tell us what you think", within="footer")
        visitor.sees("This is not a crisis line.", "We cannot answer you")
        visitor.choose("An idea")
        visitor.fill("Your message", idea)
        visitor.press("Send")
        visitor.sees("Thank you for your message")
    return_as(admin, scene.site_admin(word))
    with run.step("an admin reads the idea and tags it"):
        admin.go("/account")
        admin.follow("Messages to the team")
        admin.follow(
            re.compile("^An idea, from a visitor"),
            exact=False,
            within=f"article:has-text('{idea}')",
        )
        admin.sees(idea)
        admin.press("Mark as read")
        admin.sees("Marked as read.")
        admin.press("Tag “changed because of this”")
        admin.sees("Tagged “changed because of this”.")
    with run.step("the admin adds a You said, we did entry"):
        admin.follow("Add a “You said, we did” entry")
        admin.fill("What people told us", f"A page with a {word} on it would cheer people up.")
        admin.fill("What we did", f"We added a {word} to the garden page.")
        admin.press("Add the entry")
        admin.sees("The entry is on the public")
    with run.step("the entry shows publicly"):
        visitor.follow("You said, we did", within="footer")
        visitor.sees(f"We added a {word} to the garden page.")
    enter(member)
    with run.step("a member sends a message and asks for an answer"):
        member.go("/tell-us")
        member.choose("Something does not work")
        member.fill("Your message", problem)
        member.tick("Answer me in my Messages from the site")
        member.press("Send")
        member.sees("Thank you for your message", "Messages from the site")
    with run.step("the admin answers the member"):
        admin.go("/admin/messages?topic=broken")
        admin.follow(
            re.compile("^Something does not work, from"),
            exact=False,
            within=f"article:has-text('{problem}')",
        )
        admin.fill(
            "Your answer (the member sees this in Messages from the site)",
            f"Thank you. The {word} picture loads again now.",
        )
        admin.press("Send answer")
        admin.sees("Your answer is sent.")
    with run.step("the member sees the answer"):
        member.go("/learn")
        member.sees("You have a new message from the site.")
        member.follow("Read it in Messages from the site")
        member.sees(f"Thank you. The {word} picture loads again now.", problem)


JOURNEYS = [
    clinician_link,
    guest_from_thread_link,
    tag_search_react_reply,
    report_hide_review,
    download_then_delete,
    quick_exit,
    tell_us_and_answer,
    risk_out_of_hours,
]
