"""Past answers come from the channels (and the forum), and rank experts for a thread too."""

import sqlalchemy as sa

from community.experts.models import ExpertAnswerTally
from community.extensions import db as _db
from tests.channels.conftest import field_channel
from tests.experts.conftest import make_expert


def tallies(user_id: int) -> dict[str, int]:
    rows = _db.session.execute(
        sa.select(ExpertAnswerTally.field, ExpertAnswerTally.count).where(
            ExpertAnswerTally.user_id == user_id
        )
    )
    return dict(rows.all())


def ask_and_answer(client_for, asker, expert, channel_id: int) -> None:
    url = f"/api/channels/{channel_id}/messages"
    question = client_for(asker).post(
        url, json={"body": "生成AIの社内規程は？", "client_id": "q1", "is_question": True}
    )
    assert question.status_code == 201, question.get_json()
    reply = client_for(expert).post(url, json={"body": "ひな形があります", "client_id": "a1"})
    assert reply.status_code == 201, reply.get_json()
    marked = client_for(asker).post(
        f"{url}/{question.get_json()['id']}/answer", json={"answer_id": reply.get_json()["id"]}
    )
    assert marked.status_code == 200, marked.get_json()


def test_an_experts_answer_in_a_field_channel_counts_for_that_field(client_for, make):
    expert = make_expert(make, name="佐藤 専門家", fields=["ai"])
    rival = make_expert(make, name="鈴木 専門家", fields=["ai"])
    asker = make.member(make.lab(prefectures=("04",)))
    assert tallies(expert.user_id) == {}
    ask_and_answer(client_for, asker, expert.user, field_channel("ai").id)
    assert tallies(expert.user_id) == {"ai": 1}
    assert tallies(rival.user_id) == {}
    found = client_for(asker).get("/api/experts/recommendations?fields=ai&prefectures=04")
    assert [item["expert"]["id"] for item in found.get_json()["items"]][:2] == [
        expert.id,
        rival.id,
    ]


def test_an_answer_by_someone_not_an_expert_counts_for_nobody(client_for, make):
    expert = make_expert(make, fields=["ai"])
    asker = make.member(make.lab(prefectures=("04",)))
    helper = make.member(make.lab(prefectures=("13",)))
    ask_and_answer(client_for, asker, helper, field_channel("ai").id)
    assert tallies(helper.id) == {} and tallies(expert.user_id) == {}


def test_experts_for_a_thread_follow_its_category_and_words(client_for, make):
    make_expert(make, name="人材の専門家", fields=["talent"], prefectures=["40"])
    make_expert(make, name="AIの専門家", fields=["ai"], prefectures=["40"])
    make_expert(make, name="ECの専門家", fields=["ec"], prefectures=["40"])
    asker = make.member(make.lab(prefectures=("40",)))
    categories = client_for(asker).get("/api/forum/categories").get_json()
    talent = next(c for c in categories if c["slug"] == "talent")
    thread = client_for(asker).post(
        "/api/forum/threads",
        json={"category_id": talent["id"], "title": "AIで人材不足を補うには", "body": "相談です"},
    )
    assert thread.status_code == 201, thread.get_json()
    thread_id = thread.get_json()["id"]
    found = client_for(asker).get(f"/api/experts/for-thread/{thread_id}").get_json()
    assert found["fields"] == ["talent", "ai"] and found["prefectures"] == ["40"]
    names = [item["expert"]["display_name"] for item in found["items"]]
    assert set(names[:2]) == {"人材の専門家", "AIの専門家"}
    page = client_for(asker).get(f"/experts/for-thread/{thread_id}").get_data(as_text=True)
    assert "この相談に合う専門家" in page and "AIの専門家" in page
    assert client_for(asker).get("/api/experts/for-thread/999999").status_code == 404
    assert client_for(asker).get("/experts/for-thread/999999").status_code == 404


def test_an_experts_accepted_forum_answer_counts_for_the_threads_fields(client_for, make):
    expert = make_expert(make, fields=["funding"])
    asker = make.member(make.lab(prefectures=("04",)))
    categories = client_for(asker).get("/api/forum/categories").get_json()
    funding = next(c for c in categories if c["slug"] == "funding")
    thread = client_for(asker).post(
        "/api/forum/threads",
        json={"category_id": funding["id"], "title": "IT導入補助金の申請",
              "body": "ECサイトの構築に使えますか", "is_question": True},
    ).get_json()  # fmt: skip
    url = f"/api/forum/threads/{thread['id']}"
    answer = client_for(expert.user).post(f"{url}/posts", json={"body": "使えます。"})
    assert answer.status_code == 201, answer.get_json()
    other = client_for(make.member(make.lab())).post(f"{url}/posts", json={"body": "同じく"})
    accepted = client_for(asker).post(f"{url}/accept", json={"post_id": other.get_json()["id"]})
    assert accepted.status_code == 200 and tallies(expert.user_id) == {}  # not an expert's
    accepted = client_for(asker).post(f"{url}/accept", json={"post_id": answer.get_json()["id"]})
    assert accepted.status_code == 200, accepted.get_json()
    assert tallies(expert.user_id) == {"funding": 1, "ec": 1}
