"""Who may do what in the forum, decided in the services: the API and the pages agree."""

from __future__ import annotations

import pytest

from tests.forum.conftest import category_id, reply, start

WRITERS = ("member", "coordinator", "other_coordinator", "expert", "secretariat")


@pytest.mark.parametrize("actor", ("anonymous", *WRITERS))
def test_who_starts_threads_where(actor, client, people, client_for):
    caller = client if actor == "anonymous" else client_for(people[actor])
    for slug in ("exchange", "announcements"):
        response = caller.post(
            "/api/forum/threads",
            json={"category_id": category_id(slug), "title": "題名", "body": "本文です"},
        )
        if actor == "anonymous":
            expected = 401
        elif slug == "announcements" and actor != "secretariat":
            expected = 403
        else:
            expected = 201
        assert response.status_code == expected, (actor, slug, response.get_json())


@pytest.mark.parametrize("actor", ("anonymous", *WRITERS))
def test_who_edits_a_post(actor, client, people, client_for):
    thread = start(client_for(people["member"]))
    post = reply(client_for(people["member"]), thread)
    caller = client if actor == "anonymous" else client_for(people[actor])
    response = caller.patch(f"/api/forum/posts/{post['id']}", json={"body": "書き換え"})
    expected = {"anonymous": 401, "member": 200, "secretariat": 200}.get(actor, 403)
    assert response.status_code == expected, actor


@pytest.mark.parametrize("actor", ("anonymous", *WRITERS))
def test_only_the_secretariat_moderates(actor, client, people, client_for):
    thread = start(client_for(people["member"]))
    post = reply(client_for(people["coordinator"]), thread)
    caller = client if actor == "anonymous" else client_for(people[actor])
    locked = caller.post(f"/api/forum/threads/{thread['id']}/moderation", json={"locked": True})
    hidden = caller.post(f"/api/forum/posts/{post['id']}/moderation", json={"hidden": True})
    expected = {"anonymous": 401, "secretariat": 200}.get(actor, 403)
    assert (locked.status_code, hidden.status_code) == (expected, expected), actor


def test_a_hidden_post_is_gone_for_others_and_greyed_for_the_secretariat(
    client, people, client_for
):
    member = client_for(people["member"])
    secretariat = client_for(people["secretariat"])
    thread = start(member)
    post = reply(client_for(people["expert"]), thread, "不適切な宣伝です")
    response = secretariat.post(f"/api/forum/posts/{post['id']}/moderation", json={"hidden": True})
    assert response.get_json()["hidden"] is True
    for caller in (client, member, client_for(people["expert"])):
        items = caller.get(f"/api/forum/threads/{thread['id']}/posts").get_json()["items"]
        assert [p["id"] for p in items] == [items[0]["id"]]
        assert caller.get(f"/api/forum/posts/{post['id']}").status_code == 404
        page = caller.get(f"/forum/threads/{thread['id']}")
        assert "不適切な宣伝です" not in page.get_data(as_text=True)
    items = secretariat.get(f"/api/forum/threads/{thread['id']}/posts").get_json()["items"]
    assert [p["hidden"] for p in items] == [False, True]
    page = secretariat.get(f"/forum/threads/{thread['id']}").get_data(as_text=True)
    assert "不適切な宣伝です" in page and "is-hidden" in page
    assert client.get(f"/api/forum/threads/{thread['id']}").get_json()["reply_count"] == 0
    shown = secretariat.post(f"/api/forum/posts/{post['id']}/moderation", json={"hidden": False})
    assert shown.get_json()["hidden"] is False
    assert client.get(f"/api/forum/threads/{thread['id']}").get_json()["reply_count"] == 1


def test_a_hidden_thread_exists_only_for_the_secretariat(client, people, client_for):
    member = client_for(people["member"])
    secretariat = client_for(people["secretariat"])
    thread = start(member, title="非表示にされるスレッド")
    secretariat.post(f"/api/forum/threads/{thread['id']}/moderation", json={"hidden": True})
    for caller in (client, member):
        assert caller.get(f"/api/forum/threads/{thread['id']}").status_code == 404
        assert caller.get(f"/forum/threads/{thread['id']}").status_code == 404
        assert caller.get("/api/forum/threads").get_json()["meta"]["total"] == 0
        assert (
            caller.post(
                f"/api/forum/threads/{thread['id']}/posts", json={"body": "返信"}
            ).status_code
            == 404
        )
    assert secretariat.get(f"/api/forum/threads/{thread['id']}").get_json()["hidden"] is True
    assert "非表示にされるスレッド" in secretariat.get("/forum").get_data(as_text=True)
    assert "非表示にされるスレッド" not in client.get("/forum").get_data(as_text=True)


def test_a_locked_thread_takes_no_posts(client, people, client_for):
    member = client_for(people["member"])
    secretariat = client_for(people["secretariat"])
    thread = start(member)
    post = reply(member, thread)
    secretariat.post(f"/api/forum/threads/{thread['id']}/moderation", json={"locked": True})
    for caller in (member, secretariat):
        response = caller.post(f"/api/forum/threads/{thread['id']}/posts", json={"body": "まだ"})
        assert response.status_code == 409
        assert response.get_json()["message"] == "このスレッドはロックされています。"
    assert member.patch(f"/api/forum/posts/{post['id']}", json={"body": "x"}).status_code == 409
    page = member.get(f"/forum/threads/{thread['id']}").get_data(as_text=True)
    assert "返信できません" in page and 'id="reply"' not in page
    form = member.post(f"/forum/threads/{thread['id']}/reply", data={"body": "ページから"})
    assert form.status_code == 422
    secretariat.post(f"/api/forum/threads/{thread['id']}/moderation", json={"locked": False})
    assert (
        member.post(f"/api/forum/threads/{thread['id']}/posts", json={"body": "再開"}).status_code
        == 201
    )


def test_the_secretariat_moves_a_thread(client, people, client_for):
    thread = start(client_for(people["member"]), "exchange")
    secretariat = client_for(people["secretariat"])
    moved = secretariat.post(
        f"/api/forum/threads/{thread['id']}/moderation", json={"category_id": category_id("talent")}
    )
    assert moved.get_json()["category"]["slug"] == "talent"
    assert client.get("/api/forum/threads?category=exchange").get_json()["meta"]["total"] == 0
    assert client.get("/api/forum/threads?category=talent").get_json()["meta"]["total"] == 1
    unknown = secretariat.post(
        f"/api/forum/threads/{thread['id']}/moderation", json={"category_id": 99999}
    )
    assert unknown.status_code == 422
