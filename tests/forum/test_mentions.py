"""@mentions, handles, and who is told of what (each once, never the author)."""

from __future__ import annotations

import sqlalchemy as sa

from community.accounts.models import handle_base
from community.extensions import db as _db
from community.forum import services
from community.forum.models import ForumThread
from tests.forum.conftest import reply, start


def thread_row(thread: dict) -> ForumThread:
    return _db.session.get(ForumThread, thread["id"])


def test_every_user_has_a_unique_handle(make):
    first = make.user(email="Sato.Ken@example.jp")
    second = make.user(email="sato-ken@example.org")
    short = make.user(email="ab@example.jp")
    assert first.handle == "sato_ken"
    assert second.handle == "sato_ken_2"
    assert short.handle == "ab_user"
    assert handle_base("やまだ@example.jp") == "user"


def test_registration_gives_a_handle_shown_on_the_profile(client):
    response = client.post(
        "/api/auth/register",
        json={
            "email": "miyagi.lab@example.jp",
            "display_name": "宮城",
            "password": "long enough pw",
        },
    )
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["handle"] == "miyagi_lab"
    assert "@miyagi_lab" in client.get("/me").get_data(as_text=True)


def test_a_mention_becomes_a_link_outside_code(people, client_for):
    mentioned = people["expert"]
    handle = mentioned.handle
    body = f"@{handle} さん、ご意見を。`@{handle}` mail@{handle} @nobody_here"
    post = reply(client_for(people["member"]), start(client_for(people["member"])), body)
    html = post["body_html"]
    link = f'<a class="mention" href="/forum/users/{mentioned.handle}">@{mentioned.handle}</a>'
    assert html.count(link) == 1
    assert f"<code>@{mentioned.handle}</code>" in html
    assert "@nobody_here" in html and "/forum/users/nobody_here" not in html


def test_the_handle_page(client, people, client_for):
    start(client_for(people["member"]), title="ハンドルのページ")
    page = client.get(f"/forum/users/{people['member'].handle}")
    assert page.status_code == 200
    assert "ハンドルのページ" in page.get_data(as_text=True)
    assert client.get("/forum/users/no_such_person").status_code == 404


def test_reply_recipients_each_once_never_the_author(people, client_for, make):
    asker, follower, muter = people["member"], people["coordinator"], people["expert"]
    author = people["other_coordinator"]
    thread = start(client_for(asker), is_question=True)
    for who, state in ((follower, "follow"), (muter, "follow"), (muter, "mute")):
        client_for(who).put(
            f"/api/forum/threads/{thread['id']}/subscription", json={"state": state}
        )
    row = thread_row(thread)
    told = services.reply_recipients(row, author, [])
    assert told == {
        "mention": [],
        "question_answered": [asker.id],
        "thread_reply": [follower.id],
    }
    # mentioned people hear of the mention only; the author is never told
    told = services.reply_recipients(row, author, [follower.id, author.id, muter.id])
    assert told == {
        "mention": sorted([follower.id, muter.id]),
        "question_answered": [asker.id],
        "thread_reply": [],
    }
    # the asker replying to their own question is not told of it
    assert services.reply_recipients(row, asker, [])["question_answered"] == []
    # muting the category silences replies from its threads
    client_for(follower).put("/api/forum/categories/exchange/subscription", json={"state": "mute"})
    assert services.reply_recipients(row, author, [])["thread_reply"] == []


def test_new_thread_recipients_are_the_category_followers(people, client_for):
    follower, mentioned = people["coordinator"], people["expert"]
    client_for(follower).put("/api/forum/categories/talent/subscription", json={"state": "follow"})
    thread = start(client_for(people["member"]), "talent")
    row = thread_row(thread)
    told = services.new_thread_recipients(row, people["member"], [mentioned.id])
    assert told == {"mention": [mentioned.id], "thread_reply": [follower.id]}
    authored = services.new_thread_recipients(row, follower, [])
    assert authored["thread_reply"] == []


def test_the_author_follows_their_own_thread(people, client_for):
    thread = start(client_for(people["member"]))
    state = client_for(people["member"]).get(f"/forum/threads/{thread['id']}")
    assert "フォローをやめる" in state.get_data(as_text=True)
    assert sa.inspect(thread_row(thread)) is not None


def notices(user) -> list[tuple[str, str, str]]:
    from community.notifications.models import Notification

    _db.session.expire_all()
    rows = _db.session.scalars(
        sa.select(Notification)
        .where(Notification.recipient_id == user.id)
        .order_by(Notification.id)
    )
    return [(n.kind, n.subject, n.url) for n in rows]


def test_notifications_of_a_question_thread(people, client_for, sent):
    asker, follower, muter = people["member"], people["coordinator"], people["other_coordinator"]
    answerer, bystander = people["expert"], people["secretariat"]
    thread = start(client_for(asker), "funding", title="補助金の質問", is_question=True)
    for who, state in ((follower, "follow"), (muter, "mute")):
        client_for(who).put(
            f"/api/forum/threads/{thread['id']}/subscription", json={"state": state}
        )
    answer = reply(
        client_for(answerer), thread, f"@{bystander.handle} さんもどうぞ。@{bystander.handle}"
    )
    url = f"/forum/posts/{answer['id']}"
    assert notices(asker) == [("question_answered", "補助金の質問", url)]
    assert notices(follower) == [("thread_reply", "補助金の質問", url)]
    assert notices(bystander) == [("mention", "補助金の質問", url)]  # once, though named twice
    assert notices(muter) == [] and notices(answerer) == []
    # an edit mentions nobody new: nobody is told again; a newly named person is
    client_for(answerer).patch(
        f"/api/forum/posts/{answer['id']}", json={"body": f"@{bystander.handle} 修正"}
    )
    assert len(notices(bystander)) == 1
    client_for(answerer).patch(
        f"/api/forum/posts/{answer['id']}", json={"body": f"@{bystander.handle} @{follower.handle}"}
    )
    assert notices(follower)[-1] == ("mention", "補助金の質問", url)
    client_for(asker).post(
        f"/api/forum/threads/{thread['id']}/accept", json={"post_id": answer["id"]}
    )
    assert notices(answerer) == [("answer_accepted", "補助金の質問", url)]
    # the asker replying is not told of their own reply
    reply(client_for(asker), thread, "ありがとうございました")
    assert len(notices(asker)) == 1
    live = [(name, data["kind"], room) for name, data, room in sent if name == "notification"]
    assert ("notification", "answer_accepted", f"user:{answerer.id}") in live


def test_category_followers_hear_of_new_threads(people, client_for):
    follower = people["coordinator"]
    client_for(follower).put("/api/forum/categories/support/subscription", json={"state": "follow"})
    thread = start(client_for(people["member"]), "support", title="三者連携の始め方")
    assert notices(follower)[0][:2] == ("thread_reply", "三者連携の始め方")
    start(client_for(people["member"]), "talent", title="別カテゴリ")
    assert len(notices(follower)) == 1
    assert thread["id"]


def test_a_handle_in_code_is_neither_linked_nor_told(people, client_for):
    named = people["expert"]
    thread = start(client_for(people["member"]))
    reply(client_for(people["member"]), thread, f"`@{named.handle}` と書くと通知されます")
    assert notices(named) == []
