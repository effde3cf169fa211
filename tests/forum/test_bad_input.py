"""No input produces a 500 in the forum: every operation fed values that break naive code,
with ids of rows that exist, and the pages' forms too."""

from __future__ import annotations

import re

import pytest

from tests.core.test_bad_input import NASTY_VALUES, operations
from tests.forum.conftest import reply, start


def test_nasty_values_on_real_threads_never_cause_a_server_error(people, client_for):
    admin = client_for(people["secretariat"])
    spec = admin.get("/api/openapi.json").get_json()
    ids = {}

    def fresh():
        thread = start(admin, is_question=True)
        post = reply(admin, thread)
        ids.update(thread_id=thread["id"], post_id=post["id"], slug="talent")

    checked = 0
    for path, method, operation in operations(spec):
        if not path.startswith("/api/forum"):
            continue
        body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
        ref = body.get("schema", {}).get("$ref")
        fields = []
        if ref:
            fields = list(spec["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"])
        for field in fields or ["anything"]:
            fresh()
            url = re.sub(r"\{([^}]+)\}", lambda m: str(ids[m.group(1)]), path)
            for value in NASTY_VALUES:
                response = getattr(admin, method)(url, json={field: value})
                assert response.status_code < 500, (method, path, field, repr(value)[:40])
                checked += 1
        for query in ("page=-5", "per_page=0", "unsolved=maybe", "category=%00", "q=%00"):
            response = getattr(admin, method)(f"{url}?{query}")
            assert response.status_code < 500, (method, path, query)
            checked += 1
    assert checked > 150


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"category_id": "一", "title": "t", "body": "b"}, 422),
        ({"category_id": 99999, "title": "t", "body": "b"}, 422),
        ({"category_id": 1, "title": "", "body": "b"}, 422),
        ({"category_id": 1, "title": "   ", "body": "b"}, 422),
        ({"category_id": 1, "title": "t" * 201, "body": "b"}, 422),
        ({"category_id": 1, "title": "t", "body": "b" * 50_001}, 422),
        ({"category_id": 1, "title": "t\x00", "body": "b"}, 422),
        ({"category_id": 1, "title": "t", "body": "b", "is_question": "たぶん"}, 422),
        ({"category_id": 1, "title": "t", "body": "b", "extra": 1}, 422),
    ],
)
def test_bad_threads_are_422(body, status, people, client_for):
    response = client_for(people["member"]).post("/api/forum/threads", json=body)
    assert response.status_code == status, response.get_json()
    assert response.get_json()["errors"]


def test_unknown_and_foreign_ids(client, people, client_for):
    member = client_for(people["member"])
    thread = start(client_for(people["coordinator"]))
    post = reply(client_for(people["coordinator"]), thread)
    assert client.get("/api/forum/threads/999999").status_code == 404
    assert client.get("/api/forum/posts/999999").status_code == 404
    assert client.get("/api/forum/threads/99999999999").status_code == 404
    assert client.get("/forum/threads/999999").status_code == 404
    assert client.get("/forum/c/nowhere").status_code == 404
    assert client.get("/api/forum/threads?category=nowhere").status_code == 422
    assert (
        member.patch(f"/api/forum/posts/{post['id']}", json={"body": "他人の"}).status_code == 403
    )
    assert (
        member.patch(f"/api/forum/threads/{thread['id']}", json={"title": "他人"}).status_code
        == 403
    )
    assert member.delete(f"/api/forum/posts/{post['id']}").status_code == 403


@pytest.mark.parametrize(
    ("url", "form"),
    [
        ("/forum/new", {"category_id": "x", "title": "", "body": ""}),
        ("/forum/new", {"category_id": "99999", "title": "t", "body": "b"}),
        ("/forum/new", {"category_id": "1", "title": "t\x00", "body": "b"}),
        ("/forum/threads/{thread}/reply", {"body": ""}),
        ("/forum/threads/{thread}/reply", {"body": "x" * 50_001}),
        ("/forum/threads/{thread}/accept", {"post_id": "abc"}),
        ("/forum/threads/{thread}/accept", {"post_id": "99999999999999"}),
        ("/forum/threads/{thread}/accept", {"post_id": "{post}"}),
        ("/forum/threads/{thread}/subscription", {"state": "loud"}),
        ("/forum/threads/{thread}/moderate", {"action": "explode"}),
        ("/forum/threads/{thread}/moderate", {"action": "move", "category_id": "x"}),
        ("/forum/threads/{thread}/moderate", {"action": "move", "category_id": "99999"}),
        ("/forum/posts/{post}/edit", {"body": ""}),
        ("/forum/threads/{thread}/edit", {"title": "", "body": ""}),
    ],
)
def test_bad_forms_never_cause_a_server_error(url, form, people, client_for):
    secretariat = client_for(people["secretariat"])
    thread = start(secretariat)
    post = reply(secretariat, thread)
    url = url.format(thread=thread["id"], post=post["id"])
    form = {k: v.format(post=post["id"]) for k, v in form.items()}
    response = secretariat.post(url, data=form)
    assert response.status_code in (302, 403, 404, 409, 422), (url, response.status_code)
