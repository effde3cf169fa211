"""Forum search: the same Japanese bigram index as the cases, on both databases."""

from __future__ import annotations

from community.forum import services
from tests.forum.conftest import category_id, reply, start


def ids(client, query: str) -> list[int]:
    response = client.get(f"/api/forum/threads?{query}")
    assert response.status_code == 200, response.get_json()
    return [t["id"] for t in response.get_json()["items"]]


def test_two_character_japanese_terms_find_titles_and_replies(client, people, client_for):
    member = client_for(people["member"])
    kumiko = start(member, title="組子細工のデザインに生成AIを使った事例", body="福岡の事例です。")
    subsidy = start(member, "funding", title="申請の相談", body="IT導入補助金の締切はいつですか")
    chat = start(member, title="移住相談")
    reply(member, chat, "NOTOBIRAのチャットボットはRAGで答えます。")
    assert ids(client, "q=組子") == [kumiko["id"]]
    assert ids(client, "q=補助") == [subsidy["id"]]
    assert ids(client, "q=補助金") == [subsidy["id"]]
    assert ids(client, "q=チャットボット") == [chat["id"]]
    assert ids(client, "q=rag") == [chat["id"]]
    assert ids(client, "q=補助金&category=funding") == [subsidy["id"]]
    assert ids(client, "q=補助金&category=exchange") == []
    assert ids(client, "q=組子 福岡") == [kumiko["id"]]
    assert ids(client, "q=組子 補助金") == []
    assert ids(client, "q=組") == []  # one character: too short to match


def test_title_matches_rank_before_body_matches(client, people, client_for):
    member = client_for(people["member"])
    in_body = start(member, title="雑談", body="伴走支援について")
    in_title = start(member, title="伴走支援の人材", body="ご意見ください")
    reply(member, in_body, "追記")  # the body match is the latest activity
    assert ids(client, "q=伴走") == [in_title["id"], in_body["id"]]


def test_the_index_follows_edits_hides_moves_and_deletes(client, people, client_for):
    member = client_for(people["member"])
    secretariat = client_for(people["secretariat"])
    thread = start(member, title="題名", body="最初は石川の話")
    post = reply(member, thread, "羽咋市の事例")
    assert ids(client, "q=羽咋") == [thread["id"]]
    member.patch(f"/api/forum/posts/{post['id']}", json={"body": "宮城の事例"})
    assert ids(client, "q=羽咋") == []
    assert ids(client, "q=宮城") == [thread["id"]]
    secretariat.post(f"/api/forum/posts/{post['id']}/moderation", json={"hidden": True})
    assert ids(client, "q=宮城") == []
    assert ids(member, "q=宮城") == []
    secretariat.post(f"/api/forum/posts/{post['id']}/moderation", json={"hidden": False})
    assert ids(client, "q=宮城") == [thread["id"]]
    secretariat.post(
        f"/api/forum/threads/{thread['id']}/moderation", json={"category_id": category_id("talent")}
    )
    assert ids(client, "q=宮城&category=talent") == [thread["id"]]
    assert ids(client, "q=宮城&category=exchange") == []
    secretariat.post(f"/api/forum/threads/{thread['id']}/moderation", json={"hidden": True})
    assert ids(client, "q=石川") == []
    secretariat.post(f"/api/forum/threads/{thread['id']}/moderation", json={"hidden": False})
    assert ids(client, "q=石川") == [thread["id"]]
    member.delete(f"/api/forum/posts/{post['id']}")
    assert ids(client, "q=宮城") == []
    secretariat.delete(f"/api/forum/threads/{thread['id']}")
    assert ids(client, "q=石川") == []


def test_reindex_rebuilds_the_forum_part(client, people, client_for, db):
    member = client_for(people["member"])
    thread = start(member, title="再索引のテスト", body="マナビDX Questの事例")
    secretariat = client_for(people["secretariat"])
    hidden = reply(member, thread, "隠される返信")
    secretariat.post(f"/api/forum/posts/{hidden['id']}/moderation", json={"hidden": True})
    assert services.reindex_all() == 1
    assert ids(client, "q=マナビ") == [thread["id"]]
    assert ids(client, "q=隠され") == []


def test_the_search_page(client, people, client_for):
    start(client_for(people["member"]), title="組子とAIの相談")
    page = client.get("/forum/search?q=組子").get_data(as_text=True)
    assert "組子とAIの相談" in page
    empty = client.get("/forum/search?q=存在しない語句").get_data(as_text=True)
    assert "条件に合うスレッドはありません" in empty


def test_flask_search_reindex_rebuilds_the_forum_too(app, client, people, client_for):
    thread = start(client_for(people["member"]), title="地域DXコミュニティの相談")
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "1 forum posts indexed" in result.output
    assert ids(client, "q=コミュニティ") == [thread["id"]]
