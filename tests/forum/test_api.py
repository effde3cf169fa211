"""The forum API: threads, posts, answers, edits with history, follows."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from community.core.db import utcnow
from community.extensions import db as _db
from community.forum.models import ForumPost
from tests.forum.conftest import category_id, opening_post_id, reply, start


def test_categories_are_there_on_a_fresh_database(client):
    response = client.get("/api/forum/categories")
    assert response.status_code == 200
    names = [c["name"] for c in response.get_json()]
    assert names == [
        "地域間交流",
        "人材不足",
        "意欲醸成",
        "理解不足",
        "支援整備",
        "財源不足",
        "お知らせ",
    ]
    announcements = response.get_json()[-1]
    assert announcements["secretariat_only"] is True


def test_a_thread_with_replies_counts_and_renders_once(client, people, client_for):
    asker = client_for(people["member"])
    thread = start(asker)
    assert thread["author"]["id"] == people["member"].id
    assert thread["reply_count"] == 0
    reply(client_for(people["coordinator"]), thread)
    reply(client_for(people["expert"]), thread, "専門家として **RAG** をおすすめします。")
    found = client.get(f"/api/forum/threads/{thread['id']}").get_json()
    assert found["reply_count"] == 2
    assert found["last_poster"]["id"] == people["expert"].id
    posts = client.get(f"/api/forum/threads/{thread['id']}/posts").get_json()
    assert posts["meta"]["total"] == 3
    first = posts["items"][0]
    assert first["is_opening"] is True
    assert "<strong>伴走支援</strong>" in first["body_html"]
    assert "<script>" not in first["body_html"]
    listed = client.get("/api/forum/threads?category=exchange").get_json()
    assert [t["id"] for t in listed["items"]] == [thread["id"]]
    stats = {c["slug"]: c for c in client.get("/api/forum/categories").get_json()}
    assert (stats["exchange"]["threads"], stats["exchange"]["posts"]) == (1, 3)


def test_threads_and_posts_page_by_20(client, people, client_for, app):
    writer = client_for(people["member"])
    thread = start(writer)
    for n in range(21):
        reply(writer, thread, f"返信その{n}")
    first = client.get(f"/api/forum/threads/{thread['id']}/posts").get_json()
    assert first["meta"] == {"page": 1, "per_page": 20, "total": 22, "pages": 2}
    second = client.get(f"/api/forum/threads/{thread['id']}/posts?page=2").get_json()
    assert [p["body"] for p in second["items"]] == ["返信その19", "返信その20"]


def test_a_question_is_solved_by_its_author_and_filtered(client, people, client_for):
    asker = client_for(people["member"])
    question = start(asker, "funding", title="IT導入補助金の申請支援は？", is_question=True)
    other = start(asker, "funding", title="別の質問", is_question=True)
    start(asker, "funding", title="ただの話題")
    answer = reply(client_for(people["expert"]), question)
    unsolved = client.get("/api/forum/threads?unsolved=true").get_json()["items"]
    assert {t["id"] for t in unsolved} == {question["id"], other["id"]}
    response = asker.post(
        f"/api/forum/threads/{question['id']}/accept", json={"post_id": answer["id"]}
    )
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["solved"] is True
    assert response.get_json()["accepted_post_id"] == answer["id"]
    unsolved = client.get("/api/forum/threads?unsolved=true&category=funding").get_json()
    assert [t["id"] for t in unsolved["items"]] == [other["id"]]
    posts = client.get(f"/api/forum/threads/{question['id']}/posts").get_json()["items"]
    assert [p["accepted"] for p in posts] == [False, True]
    undone = asker.delete(f"/api/forum/threads/{question['id']}/accept")
    assert undone.get_json()["solved"] is False


def test_accepting_refuses_the_opening_post_other_threads_and_non_questions(people, client_for):
    asker = client_for(people["member"])
    question = start(asker, is_question=True)
    topic = start(asker)
    elsewhere = reply(asker, topic)
    url = f"/api/forum/threads/{question['id']}/accept"
    assert asker.post(url, json={"post_id": opening_post_id(question)}).status_code == 422
    assert asker.post(url, json={"post_id": elsewhere["id"]}).status_code == 422
    assert asker.post(url, json={"post_id": 999999}).status_code == 422
    topic_url = f"/api/forum/threads/{topic['id']}/accept"
    assert asker.post(topic_url, json={"post_id": elsewhere["id"]}).status_code == 409
    answer = reply(client_for(people["expert"]), question)
    stranger = client_for(people["coordinator"])
    assert stranger.post(url, json={"post_id": answer["id"]}).status_code == 403
    secretariat = client_for(people["secretariat"])
    assert secretariat.post(url, json={"post_id": answer["id"]}).status_code == 200


def test_edits_keep_their_history_within_the_window(client, people, client_for):
    author = client_for(people["member"])
    thread = start(author)
    post = reply(author, thread, "最初の文")
    response = author.patch(f"/api/forum/posts/{post['id']}", json={"body": "直した文"})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["revision_count"] == 1
    assert response.get_json()["edited_at"] is not None
    revisions = client.get(f"/api/forum/posts/{post['id']}/revisions").get_json()
    assert [r["body"] for r in revisions] == ["最初の文"]
    assert revisions[0]["editor"]["id"] == people["member"].id
    renamed = author.patch(f"/api/forum/threads/{thread['id']}", json={"title": "新しい題名"})
    assert renamed.get_json()["title"] == "新しい題名"
    opening = client.get(f"/api/forum/posts/{opening_post_id(thread)}/revisions").get_json()
    assert opening[0]["title"] == "地域を越えた伴走支援の進め方"
    # an hour later the author may no longer edit; the secretariat may
    _db.session.execute(
        sa.update(ForumPost)
        .where(ForumPost.id == post["id"])
        .values(created_at=utcnow() - timedelta(hours=2))
    )
    _db.session.commit()
    late = author.patch(f"/api/forum/posts/{post['id']}", json={"body": "もう一度"})
    assert late.status_code == 409
    secretariat = client_for(people["secretariat"])
    fixed = secretariat.patch(f"/api/forum/posts/{post['id']}", json={"body": "事務局が修正"})
    assert fixed.status_code == 200
    assert fixed.get_json()["revision_count"] == 2


def test_the_edit_window_comes_from_the_configuration(app, people, client_for):
    author = client_for(people["member"])
    post = reply(author, start(author))
    app.config["FORUM_EDIT_WINDOW_SECONDS"] = 0
    try:
        response = author.patch(f"/api/forum/posts/{post['id']}", json={"body": "遅い"})
    finally:
        app.config["FORUM_EDIT_WINDOW_SECONDS"] = 3600
    assert response.status_code == 409


def test_follow_and_mute_a_thread_and_a_category(people, client_for):
    member = client_for(people["member"])
    thread = start(client_for(people["coordinator"]))
    url = f"/api/forum/threads/{thread['id']}/subscription"
    assert member.put(url, json={"state": "follow"}).get_json() == {"state": "following"}
    assert member.put(url, json={"state": "mute"}).get_json() == {"state": "muted"}
    assert member.put(url, json={"state": "none"}).get_json() == {"state": "none"}
    assert member.put(url, json={"state": "loud"}).status_code == 422
    category = "/api/forum/categories/talent/subscription"
    assert member.put(category, json={"state": "follow"}).get_json() == {"state": "following"}
    assert (
        member.put("/api/forum/categories/nope/subscription", json={"state": "follow"}).status_code
        == 404
    )


def test_delete_a_reply_and_a_thread(client, people, client_for):
    author = client_for(people["member"])
    thread = start(author, is_question=True)
    answer = reply(author, thread)
    author.post(f"/api/forum/threads/{thread['id']}/accept", json={"post_id": answer["id"]})
    assert author.delete(f"/api/forum/posts/{opening_post_id(thread)}").status_code == 409
    assert author.delete(f"/api/forum/posts/{answer['id']}").status_code == 204
    found = client.get(f"/api/forum/threads/{thread['id']}").get_json()
    assert (found["reply_count"], found["solved"]) == (0, False)
    assert author.delete(f"/api/forum/threads/{thread['id']}").status_code == 403
    secretariat = client_for(people["secretariat"])
    assert secretariat.delete(f"/api/forum/threads/{thread['id']}").status_code == 204
    assert client.get(f"/api/forum/threads/{thread['id']}").status_code == 404


def test_the_api_is_documented_with_its_error_codes(client):
    spec = client.get("/api/openapi.json").get_json()
    paths = spec["paths"]
    for path in (
        "/api/forum/categories",
        "/api/forum/threads",
        "/api/forum/threads/{thread_id}",
        "/api/forum/threads/{thread_id}/posts",
        "/api/forum/threads/{thread_id}/accept",
        "/api/forum/threads/{thread_id}/subscription",
        "/api/forum/threads/{thread_id}/moderation",
        "/api/forum/posts/{post_id}",
        "/api/forum/posts/{post_id}/revisions",
        "/api/forum/posts/{post_id}/moderation",
        "/api/forum/categories/{slug}/subscription",
    ):
        assert path in paths, path
    assert "409" in paths["/api/forum/threads/{thread_id}/posts"]["post"]["responses"]
    assert "403" in paths["/api/forum/threads/{thread_id}/moderation"]["post"]["responses"]
    assert category_id("exchange") is not None
