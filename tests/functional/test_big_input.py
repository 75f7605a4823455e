"""Input far bigger or stranger than any person types gets a polite answer, never a 500."""

import logging

from tests.functional.helpers import html_of, thread_posts

BIG = 200_000


def test_rename_with_huge_name_straight_after_entering_shows_the_form_with_an_error(client):
    client.post("/enter")  # a new member: the page after still offers the phrase panel
    response = client.post("/account/name", data={"name": "x" * BIG})
    html = html_of(response)
    assert response.status_code == 200
    assert "There is a problem" in html and "30 characters or fewer" in html
    assert "x" * BIG in html


def test_reply_with_huge_message_keeps_the_text_and_says_it_is_too_long(client, make_thread):
    thread = make_thread()
    client.post("/enter")
    opening = thread_posts(thread)[0]
    text = "My words. " * (BIG // 10)
    response = client.post(f"/talk/posts/{opening.id}/reply", data={"body": text})
    html = html_of(response)
    assert response.status_code == 200
    assert "5,000 characters or fewer" in html
    assert text.strip() in html
    assert len(thread_posts(thread)) == 1


def test_post_larger_than_any_form_gets_the_polite_too_large_page(client):
    client.post("/enter")
    response = client.post("/account/name", data={"name": "x" * 400_000})
    assert response.status_code == 413
    assert "That was too much to send" in html_of(response)


def test_unexpected_error_logs_a_small_entry_however_big_the_failure(app, caplog):
    @app.get("/test-big-failure")
    def fail():
        try:
            raise KeyError("k" * BIG)
        except KeyError as error:
            raise ValueError("v" * BIG) from error

    with caplog.at_level(logging.ERROR, logger="app.errors"):
        response = app.test_client().get("/test-big-failure")
    assert response.status_code == 500
    logged = "\n".join(record.getMessage() + (record.exc_text or "") for record in caplog.records)
    assert "ValueError" in logged and "test_big_input.py" in logged
    assert len(logged) < 4000
