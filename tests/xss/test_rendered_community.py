"""The corpus through the forum, the expert directory and the live channels, in Chromium."""

from __future__ import annotations

import uuid

from community.accounts.models import Role
from community.channels import services as channels
from tests.browser.harness import expect
from tests.forum.conftest import category_id
from tests.xss.checks import CHUNKS, TEXTS, cut, joined, next_pages, squeeze


def test_forum_threads_posts_revisions_and_search(inspector_for, make, api_for):
    author_user, replier_user = make.member(make.lab()), make.member(make.lab())
    author, replier = api_for(author_user), api_for(replier_user)
    threads, first_replies = [], []
    for chunk in CHUNKS:
        started = author.post(
            "/api/forum/threads",
            json={
                "category_id": category_id("exchange"),
                "title": joined(chunk, 200, " "),
                "body": joined(chunk),
            },
        )
        assert started.status_code == 201, (chunk, started.get_json())
        thread = started.get_json()
        threads.append(thread)
        replies = []
        for text in chunk:
            posted = replier.post(f"/api/forum/threads/{thread['id']}/posts", json={"body": text})
            assert posted.status_code == 201, posted.get_json()
            replies.append(posted.get_json())
        edited = replier.patch(
            f"/api/forum/posts/{replies[0]['id']}", json={"body": joined(chunk[::-1])}
        )
        assert edited.status_code == 200, edited.get_json()  # leaves a revision
        first_replies.append(replies[0])

    as_author = inspector_for(author_user, "author")
    as_replier = inspector_for(replier_user, "replier")
    for thread, reply in zip(threads, first_replies, strict=True):
        page = as_author.visit(f"/forum/threads/{thread['id']}")
        assert squeeze(page.locator("h1").first.text_content()) == squeeze(thread["title"])
        as_author.visit(f"/forum/threads/{thread['id']}/edit")
        as_replier.visit(f"/forum/posts/{reply['id']}/edit")
        as_replier.visit(f"/forum/posts/{reply['id']}/revisions")
    as_author.visit("/forum")
    next_pages(as_author, "/forum/c/exchange")
    for term in ("script", "alert", "javascript"):
        as_author.visit(f"/forum/search?q={term}")
    as_author.visit(f"/forum/users/{author_user.handle}")
    as_author.visit("/notifications")  # each reply names its thread
    for inspector in (as_author, as_replier):
        inspector.assert_clean()


def test_expert_profiles_in_the_directory(inspector_for, make, api_for):
    profiles = []
    for chunk in CHUNKS:
        expert = make.user(role=Role.EXPERT, name=cut(chunk[0], 80).strip() or "x")
        created = api_for(expert).post(
            "/api/experts",
            json={
                "headline": joined(chunk, 120, " "),
                "organisation": joined(chunk, 120, " "),
                "fields": ["manufacturing", "iot"],
                "prefectures": ["04"],
                "bio": joined(chunk),
                "availability_note": joined(chunk, 200, " "),
            },
        )
        assert created.status_code == 201, (chunk, created.get_json())
        profiles.append(created.get_json())

    secretariat = inspector_for(make.user(role=Role.SECRETARIAT), "secretariat")
    member = inspector_for(make.member(make.lab()), "member")
    for profile in profiles:
        page = member.visit(f"/experts/{profile['id']}")
        assert squeeze(profile["headline"]) in squeeze(page.locator("main").text_content())
        secretariat.visit(f"/experts/{profile['id']}/edit")
    next_pages(member, "/experts")
    for inspector in (secretariat, member):
        inspector.assert_clean()


def send(context, channel_id: int, body: str, *, is_question: bool = False):
    token = context.request.get("/api/auth/csrf").json()["csrf_token"]
    sent = context.request.post(
        f"/api/channels/{channel_id}/messages",
        data={"body": body, "client_id": uuid.uuid4().hex, "is_question": is_question},
        headers={"X-CSRFToken": token},
    )
    assert sent.status == 201, sent.text()


def test_channel_messages_live_and_on_the_page(inspector_for, make):
    lab = make.lab(prefectures=("40",))
    member = make.member(lab, name="福岡 メンバー")
    expert = make.user(role=Role.EXPERT, name="佐藤 専門家")
    rooms, chunk_of = [], {}
    for chunk in CHUNKS:  # names, descriptions and questions kept, read on reload
        room = channels.do_create_room(
            member, lab_id=lab.id, name=joined(chunk, 120, " "), description=joined(chunk)
        )
        channels.do_invite(member, room, user_id=expert.id)
        for text in chunk:
            channels.do_send(member, room, body=text, is_question=True)
        rooms.append(room)
        chunk_of[room.id] = chunk
    live = channels.do_create_room(member, lab_id=lab.id, name="ライブ")
    channels.do_invite(member, live, user_id=expert.id)

    as_expert = inspector_for(expert, "expert")
    as_member = inspector_for(member, "member")
    page = as_expert.visit(f"/channels/{live.id}")  # open while every payload arrives live
    expect(page.locator("#presence")).to_be_visible()
    member_context = as_member.page.context
    for text in TEXTS:
        send(member_context, live.id, text)
    expect(page.locator("#messages .message")).to_have_count(len(TEXTS), timeout=20_000)
    as_expert.inspect("live")

    for room in rooms:
        page = as_expert.visit(f"/channels/{room.id}")
        expect(page.locator("#presence")).to_be_visible()  # the join re-rendered the list
        as_expert.inspect(f"/channels/{room.id} after the join")
        assert page.locator("#messages .message").count() == len(chunk_of[room.id])
    as_expert.visit("/channels")
    next_pages(as_expert, "/channels/questions")
    as_member.visit(f"/channels/{rooms[0].id}")
    for inspector in (as_expert, as_member):
        inspector.assert_clean()
