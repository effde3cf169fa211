"""The forum pages: index, category, thread, forms, history; Japanese first, phone-sized."""

from __future__ import annotations

import re

from tests.forum.conftest import category_id, opening_post_id, reply, start


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_the_index_lists_categories_with_counts_and_latest_threads(client, people, client_for):
    thread = start(client_for(people["member"]), "talent", title="伴走支援の担い手探し")
    reply(client_for(people["coordinator"]), thread)
    page = text(client.get("/forum"))
    for name in (
        "地域間交流",
        "人材不足",
        "意欲醸成",
        "理解不足",
        "支援整備",
        "財源不足",
        "お知らせ",
    ):
        assert name in page
    assert "スレッド1件・投稿2件" in page
    assert "伴走支援の担い手探し" in page
    assert 'name="viewport"' in page
    assert "フォーラム" in text(client.get("/"))  # the link in the menu


def test_the_category_page_pages_and_filters_unsolved(client, people, client_for):
    writer = client_for(people["member"])
    solved = start(writer, "funding", title="解決した質問", is_question=True)
    answer = reply(client_for(people["expert"]), solved)
    writer.post(f"/api/forum/threads/{solved['id']}/accept", json={"post_id": answer["id"]})
    start(writer, "funding", title="未解決の質問", is_question=True)
    for n in range(20):
        start(writer, "funding", title=f"話題{n:02d}")
    first = text(client.get("/forum/c/funding"))
    assert "22件のスレッド" in first and 'rel="next"' in first
    assert "話題19" in first and "解決した質問" not in first
    second = text(client.get("/forum/c/funding?page=2"))
    assert "解決した質問" in second and "解決済み" in second
    unsolved = text(client.get("/forum/c/funding?unsolved=true"))
    assert "未解決の質問" in unsolved and "解決した質問" not in unsolved
    assert "話題01" not in unsolved
    wrong = client.get("/forum/c/funding?unsolved=maybe&page=x")
    assert wrong.status_code == 200


def test_the_thread_page_for_each_kind_of_reader(client, people, client_for):
    asker = client_for(people["member"])
    thread = start(asker, title="質問です", is_question=True)
    answer = reply(client_for(people["expert"]), thread, "**こう**します")
    url = f"/forum/threads/{thread['id']}"
    anonymous = text(client.get(url))
    assert "<strong>こう</strong>します" in anonymous
    assert "ログインして返信する" in anonymous
    assert "解決策に選ぶ" not in anonymous and "事務局の操作" not in anonymous
    own = text(asker.get(url))
    assert "解決策に選ぶ" in own and 'id="reply"' in own and "事務局の操作" not in own
    other = text(client_for(people["coordinator"]).get(url))
    assert "解決策に選ぶ" not in other and 'id="reply"' in other
    secretariat = text(client_for(people["secretariat"]).get(url))
    assert "事務局の操作" in secretariat and "解決策に選ぶ" in secretariat
    accepted = asker.post(f"{url}/accept", data={"post_id": answer["id"]})
    assert accepted.status_code == 302
    page = text(client.get(url))
    assert "解決済み" in page and "解決策" in page


def test_reply_edit_and_history_through_the_pages(client, people, client_for):
    member = client_for(people["member"])
    thread = start(member)
    response = member.post(
        f"/forum/threads/{thread['id']}/reply", data={"body": "ページからの返信"}
    )
    assert response.status_code == 302
    assert f"/forum/threads/{thread['id']}?page=1#post-" in response.headers["Location"]
    post_id = int(response.headers["Location"].rsplit("-", 1)[1])
    edit_url = f"/forum/posts/{post_id}/edit"
    assert "ページからの返信" in text(member.get(edit_url))
    saved = member.post(edit_url, data={"body": "書き直した返信"})
    assert saved.status_code == 302
    page = text(client.get(f"/forum/threads/{thread['id']}"))
    assert "書き直した返信" in page and "編集履歴（1）" in page
    history = text(client.get(f"/forum/posts/{post_id}/revisions"))
    assert "編集履歴" in history and "ページからの返信" in history
    refused = client_for(people["coordinator"]).get(edit_url)
    assert refused.status_code == 403
    empty = member.post(edit_url, data={"body": ""})
    assert empty.status_code == 422 and "必須項目です" in empty.get_data(as_text=True)
    assert client.get(f"/forum/posts/{opening_post_id(thread)}/edit").status_code == 302


def test_new_thread_form(client, people, client_for):
    member = client_for(people["member"])
    form = text(member.get("/forum/new?category=talent"))
    assert f'value="{category_id("talent")}" selected' in form
    announcements = f'<option value="{category_id("announcements")}"'
    assert announcements not in form  # only the secretariat starts threads there
    assert announcements in text(client_for(people["secretariat"]).get("/forum/new"))
    created = member.post(
        "/forum/new",
        data={"category_id": category_id("talent"), "title": "新しい話題", "body": "本文"},
    )
    assert created.status_code == 302
    assert "新しい話題" in text(client.get(created.headers["Location"]))
    refused = member.post(
        "/forum/new",
        data={"category_id": category_id("announcements"), "title": "t", "body": "b"},
    )
    assert refused.status_code == 403
    missing = member.post("/forum/new", data={"title": "", "body": ""})
    assert missing.status_code == 422 and "必須項目です" in missing.get_data(as_text=True)
    assert client.get("/forum/new").status_code in (302, 401)


def test_edit_thread_form_and_question_flag(client, people, client_for):
    member = client_for(people["member"])
    thread = start(member)
    url = f"/forum/threads/{thread['id']}/edit"
    assert "地域を越えた伴走支援の進め方" in text(member.get(url))
    saved = member.post(url, data={"title": "質問に変更", "body": "本文", "is_question": "1"})
    assert saved.status_code == 302
    found = client.get(f"/api/forum/threads/{thread['id']}").get_json()
    assert (found["title"], found["is_question"]) == ("質問に変更", True)
    assert "未解決" in text(client.get(f"/forum/threads/{thread['id']}"))


def test_follow_mute_and_moderation_buttons(client, people, client_for):
    member = client_for(people["member"])
    secretariat = client_for(people["secretariat"])
    thread = start(client_for(people["coordinator"]))
    url = f"/forum/threads/{thread['id']}"
    assert member.post(f"{url}/subscription", data={"state": "mute"}).status_code == 302
    assert "ミュートを解除" in text(member.get(url))
    assert member.post("/forum/c/talent/subscription", data={"state": "follow"}).status_code == 302
    assert "フォローをやめる" in text(member.get("/forum/c/talent"))
    assert secretariat.post(f"{url}/moderate", data={"action": "lock"}).status_code == 302
    assert "ロック中" in text(client.get(url))
    moved = secretariat.post(
        f"{url}/moderate", data={"action": "move", "category_id": category_id("support")}
    )
    assert moved.status_code == 302
    assert "支援整備" in text(client.get(url))
    assert member.post(f"{url}/moderate", data={"action": "hide"}).status_code == 403
    post = reply(secretariat, start(secretariat))
    hidden = secretariat.post(f"/forum/posts/{post['id']}/moderate", data={"action": "hide"})
    assert hidden.status_code == 302
    assert client.get(f"/forum/posts/{post['id']}").status_code == 404


def test_a_post_link_opens_the_right_page(client, people, client_for):
    writer = client_for(people["member"])
    thread = start(writer)
    posts = [reply(writer, thread, f"返信{n}") for n in range(21)]
    response = client.get(f"/forum/posts/{posts[-1]['id']}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        f"/forum/threads/{thread['id']}?page=2#post-{posts[-1]['id']}"
    )


def test_english_pages(client, people, client_for):
    start(client_for(people["member"]))
    client.post("/api/auth/language", json={"language": "en"})
    assert client.get("/forum").status_code == 200


def test_a_visitor_reads_the_forum_without_a_cookie(client, people, client_for):
    thread = start(client_for(people["member"]), is_question=True)
    reply(client_for(people["expert"]), thread)
    visitor = client.application.test_client(use_cookies=False)
    for url in (
        "/forum",
        "/forum/c/exchange",
        f"/forum/threads/{thread['id']}",
        f"/forum/threads/{thread['id']}",  # from the cache
        "/forum/search?q=伴走",
        f"/forum/users/{people['member'].handle}",
    ):
        response = visitor.get(url)
        assert response.status_code == 200, url
        assert "Set-Cookie" not in response.headers, url
        assert "csrf_token" not in response.get_data(as_text=True), url


def test_the_author_deletes_a_reply_from_the_page(client, people, client_for):
    member = client_for(people["member"])
    thread = start(member)
    post = reply(member, thread, "消す返信")
    url = f"/forum/threads/{thread['id']}"
    assert f"/forum/posts/{post['id']}/delete" in text(member.get(url))
    assert f"/forum/posts/{post['id']}/delete" not in text(client_for(people["expert"]).get(url))
    refused = client_for(people["expert"]).post(f"/forum/posts/{post['id']}/delete")
    assert refused.status_code == 403
    deleted = member.post(f"/forum/posts/{post['id']}/delete")
    assert deleted.status_code == 302
    assert "消す返信" not in text(client.get(url))


def test_the_secretariat_deletes_a_thread_from_the_page(client, people, client_for):
    thread = start(client_for(people["member"]), "talent")
    url = f"/forum/threads/{thread['id']}"
    assert client_for(people["member"]).post(f"{url}/delete").status_code == 403
    deleted = client_for(people["secretariat"]).post(f"{url}/delete")
    assert deleted.status_code == 302 and deleted.headers["Location"] == "/forum/c/talent"
    assert client.get(url).status_code == 404


def test_a_thread_page_in_english(client, people, client_for):
    thread = start(client_for(people["member"]), is_question=True)
    reply(client_for(people["expert"]), thread)
    client.get("/language/en?next=/forum")
    page = text(client.get(f"/forum/threads/{thread['id']}"))
    assert '<html lang="en">' in page
    assert re.search(r"<time [^>]*>\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}</time>", page)
    assert "年" not in re.findall(r"<time [^>]*>([^<]*)</time>", page)[0]
