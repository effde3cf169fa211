"""The thread list and the thread page cost the same number of statements for 2 or 20 rows."""

from __future__ import annotations

from tests.core.test_query_counts import count_statements
from tests.forum.conftest import reply, start


def statements(app, caller, url):
    with count_statements(app) as counted:
        response = caller.get(url)
    assert response.status_code == 200, response.status_code
    return len(counted)


def test_thread_lists_cost_the_same_for_2_or_20_threads(app, client, people, client_for):
    writers = [client_for(people[who]) for who in ("member", "coordinator", "expert")]
    reader = client_for(people["other_coordinator"])

    def add(n):
        for i in range(n):
            thread = start(writers[i % 3], "talent", is_question=bool(i % 2))
            reply(writers[(i + 1) % 3], thread, "伴走支援の返信")

    add(2)
    urls = (
        "/api/forum/threads",
        "/api/forum/threads?category=talent&unsolved=true",
        "/api/forum/threads?q=伴走",
        "/forum",
        "/forum/c/talent",
        "/forum/search?q=伴走",
    )
    callers = (("anon", client), ("member", reader))
    client.get("/api/forum/threads?q=支援")  # PostgreSQL's word statistics, read every ten minutes
    few = {(who, url): statements(app, c, url) for who, c in callers for url in urls}
    add(18)
    many = {(who, url): statements(app, c, url) for who, c in callers for url in urls}
    assert few == many
    # the count and the threads with their authors and categories; the login adds the user
    # and their memberships
    assert few[("anon", "/api/forum/threads")] == 2
    assert few[("member", "/api/forum/threads")] == 4


def test_the_thread_page_costs_the_same_for_2_or_20_posts(app, client, people, client_for):
    writers = [client_for(people[who]) for who in ("member", "coordinator", "expert")]
    thread = start(writers[0], is_question=True)
    reader = client_for(people["other_coordinator"])
    secretariat = client_for(people["secretariat"])

    def add(n):
        for i in range(n):
            reply(writers[i % 3], thread, f"返信 @{people['member'].handle}")

    add(1)
    urls = (f"/forum/threads/{thread['id']}", f"/api/forum/threads/{thread['id']}/posts")
    callers = (("anon", client), ("member", reader), ("secretariat", secretariat))
    few = {(who, url): statements(app, c, url) for who, c in callers for url in urls}
    add(19)
    many = {(who, url): statements(app, c, url) for who, c in callers for url in urls}
    assert few == many
    # the forum's version, then the thread, the count, the posts with their authors
    assert few[("anon", urls[0])] == 4
    # read again with nothing changed: the version alone, the rest from the cache
    assert statements(app, client, urls[0]) == 1


def test_the_cached_thread_page_shows_every_change(client, people, client_for):
    writer = client_for(people["member"])
    secretariat = client_for(people["secretariat"])
    thread = start(writer)
    url = f"/forum/threads/{thread['id']}"
    assert "新しい返信" not in client.get(url).get_data(as_text=True)
    post = reply(writer, thread, "新しい返信")
    assert "新しい返信" in client.get(url).get_data(as_text=True)
    secretariat.post(f"/api/forum/posts/{post['id']}/moderation", json={"hidden": True})
    assert "新しい返信" not in client.get(url).get_data(as_text=True)
    secretariat.post(f"/api/forum/threads/{thread['id']}/moderation", json={"hidden": True})
    assert client.get(url).status_code == 404


def test_the_cached_page_shows_a_new_name(client, people, client_for):
    writer = client_for(people["member"])
    thread = start(writer)
    url = f"/forum/threads/{thread['id']}"
    assert people["member"].display_name in client.get(url).get_data(as_text=True)
    renamed = writer.patch("/api/me", json={"display_name": "新しい名前"})
    assert renamed.status_code == 200, renamed.get_json()
    assert "新しい名前" in client.get(url).get_data(as_text=True)
