"""The JSON API under /api/channels, with bad input that must never be a 500."""

from __future__ import annotations

import pytest

from tests.channels.conftest import field_channel


def send(client, channel_id, body="こんにちは", **extra):
    return client.post(f"/api/channels/{channel_id}/messages", json={"body": body, **extra})


def test_listing_needs_a_login_and_shows_unread_counts(client, client_for, people):
    assert client.get("/api/channels").status_code == 401
    channel = field_channel()
    send(client_for(people["member"]), channel.id, "最初の投稿")
    items = client_for(people["expert"]).get("/api/channels").get_json()["items"]
    ai = next(item for item in items if item["id"] == channel.id)
    assert ai["kind"] == "field" and ai["field_code"] == "ai" and ai["unread_count"] == 1


def test_a_room_over_the_api(client_for, people):
    member, coordinator = client_for(people["member"]), client_for(people["coordinator"])
    created = member.post(
        "/api/channels", json={"lab_id": people["lab"].id, "name": "補助金の相談"}
    )
    assert created.status_code == 201, created.get_json()
    room = created.get_json()
    assert room["kind"] == "room" and room["can_manage"] and room["invited"] == []
    url = f"/api/channels/{room['id']}"
    assert client_for(people["outsider"]).get(url).status_code == 403
    assert client_for(people["expert"]).get(url).status_code == 403
    invited = coordinator.post(f"{url}/members", json={"user_id": people["expert"].id})
    assert invited.status_code == 201, invited.get_json()
    assert client_for(people["expert"]).get(url).get_json()["can_post"] is True
    assert (
        coordinator.post(f"{url}/members", json={"user_id": people["expert"].id}).status_code == 409
    )
    assert (
        client_for(people["outsider"]).post(f"{url}/members", json={"user_id": 1}).status_code
        == 403
    )
    assert (
        coordinator.post(f"{url}/members", json={"user_id": people["outsider"].id}).status_code
        == 422
    )
    assert coordinator.delete(f"{url}/members/{people['expert'].id}").status_code == 204
    assert client_for(people["expert"]).get(url).status_code == 403
    assert client_for(people["secretariat"]).get(url).status_code == 200
    assert send(client_for(people["secretariat"]), room["id"]).status_code == 403
    foreign = client_for(people["outsider"]).post(
        "/api/channels", json={"lab_id": people["lab"].id, "name": "よそのラボ"}
    )
    assert foreign.status_code == 403


def test_send_is_idempotent_by_client_id(client_for, people):
    member = client_for(people["member"])
    channel = field_channel()
    first = send(member, channel.id, "一度だけ", client_id="abc-1", is_question=True)
    assert first.status_code == 201
    again = send(member, channel.id, "一度だけ", client_id="abc-1", is_question=True)
    assert again.status_code == 200 and again.get_json()["id"] == first.get_json()["id"]
    page = member.get(f"/api/channels/{channel.id}/messages").get_json()
    assert [m["id"] for m in page["items"]] == [first.get_json()["id"]]
    assert page["items"][0]["is_question"] is True


def test_history_by_cursor_oldest_first(client_for, people):
    member = client_for(people["member"])
    channel = field_channel()
    ids = [send(member, channel.id, f"{n}番目").get_json()["id"] for n in range(7)]
    url = f"/api/channels/{channel.id}/messages"
    newest = member.get(f"{url}?limit=3").get_json()
    assert [m["id"] for m in newest["items"]] == ids[-3:]
    assert newest["meta"]["has_more"] is True and newest["meta"]["oldest_id"] == ids[4]
    older = member.get(f"{url}?limit=3&before={ids[4]}").get_json()
    assert [m["id"] for m in older["items"]] == ids[1:4]
    oldest = member.get(f"{url}?limit=3&before={ids[1]}").get_json()
    assert [m["id"] for m in oldest["items"]] == ids[:1] and oldest["meta"]["has_more"] is False
    after = member.get(f"{url}?limit=2&after={ids[2]}").get_json()
    assert [m["id"] for m in after["items"]] == ids[3:5] and after["meta"]["has_more"] is True


def test_edit_delete_read_and_answer(client_for, people):
    member, expert = client_for(people["member"]), client_for(people["expert"])
    channel = field_channel()
    question = send(member, channel.id, "質問です", is_question=True, client_id="q1").get_json()
    reply = send(expert, channel.id, "回答です").get_json()
    base = f"/api/channels/{channel.id}/messages"
    edited = member.patch(f"{base}/{question['id']}", json={"body": "質問です（追記）"})
    assert edited.status_code == 200 and edited.get_json()["edited_at"]
    assert expert.patch(f"{base}/{question['id']}", json={"body": "乗っ取り"}).status_code == 403
    answered = member.post(f"{base}/{question['id']}/answer", json={"answer_id": reply["id"]})
    assert answered.status_code == 200, answered.get_json()
    assert answered.get_json()["answer_id"] == reply["id"]
    assert member.post(f"{base}/{question['id']}/answer", json={}).status_code == 409
    read = expert.post(f"/api/channels/{channel.id}/read", json={"message_id": question["id"]})
    assert read.get_json() == {
        "channel_id": channel.id,
        "last_read_message_id": question["id"],
        "unread_count": 0,
    }
    deleted = expert.delete(f"{base}/{reply['id']}")
    assert deleted.status_code == 200 and deleted.get_json()["deleted"] is True
    assert deleted.get_json()["body"] == ""


def test_queue_and_presence(client, client_for, people):
    member, expert = client_for(people["member"]), client_for(people["expert"])
    send(member, field_channel("iot").id, "IoTの質問", is_question=True)
    assert member.get("/api/channels/questions").status_code == 403
    queue = expert.get("/api/channels/questions?field=iot").get_json()
    assert [q["body"] for q in queue["items"]] == ["IoTの質問"]
    assert queue["items"][0]["field_code"] == "iot" and queue["figures"]["asked"] == 1
    assert expert.get("/api/channels/questions?field=unknown").status_code == 422
    assert client.get("/api/channels/presence").status_code == 401
    assert member.get("/api/channels/presence").get_json() == {"experts": []}


def test_sending_too_fast_is_429(app, client_for, people, monkeypatch):
    monkeypatch.setitem(app.config, "CHANNEL_SEND_RATE_LIMIT", "3 per 1 minute")
    member = client_for(people["member"])
    channel = field_channel()
    statuses = [send(member, channel.id, f"{n}").status_code for n in range(4)]
    assert statuses == [201, 201, 201, 429]
    limited = send(member, channel.id, "まだ")
    assert limited.get_json()["code"] == 429 and int(limited.headers["Retry-After"]) >= 1


BAD_BODIES = [
    {},
    {"body": ""},
    {"body": "   "},
    {"body": 12},
    {"body": ["a"]},
    {"body": "あ" * 4001},
    {"body": "a\x00b"},
    {"body": "ok", "client_id": "空白 を含む"},
    {"body": "ok", "client_id": "x" * 65},
    {"body": "ok", "client_id": 5},
    {"body": "ok", "is_question": "maybe"},
    {"body": "ok", "unknown": 1},
]


@pytest.mark.parametrize("payload", BAD_BODIES)
def test_bad_messages_are_422(client_for, people, payload):
    response = send_raw(client_for(people["member"]), field_channel().id, payload)
    assert response.status_code == 422, response.get_json()
    assert response.get_json()["errors"]


def send_raw(client, channel_id, payload):
    return client.post(f"/api/channels/{channel_id}/messages", json=payload)


@pytest.mark.parametrize(
    ("method", "path", "payload"),
    [
        ("get", "/api/channels/99999", None),
        ("get", "/api/channels/99999/messages", None),
        ("post", "/api/channels/99999/messages", {"body": "x"}),
        ("patch", "/api/channels/{ai}/messages/99999", {"body": "x"}),
        ("delete", "/api/channels/{ai}/messages/99999", None),
        ("post", "/api/channels/{ai}/messages/99999/answer", {}),
        ("post", "/api/channels/{ai}/read", {"message_id": 99999}),
        ("delete", "/api/channels/{ai}/members/5", None),
    ],
)
def test_unknown_ids_are_404_or_403_never_500(client_for, people, method, path, payload):
    client = client_for(people["member"])
    path = path.format(ai=field_channel().id)
    response = getattr(client, method)(path, **({"json": payload} if payload is not None else {}))
    assert response.status_code in (403, 404), (path, response.status_code)


@pytest.mark.parametrize(
    "query",
    [
        "before=abc",
        "before=0",
        "after=-1",
        "limit=0",
        "limit=1000",
        "before=99999999999999999999",
        "limit=1%00",
    ],
)
def test_bad_history_cursors_are_422(client_for, people, query):
    response = client_for(people["member"]).get(
        f"/api/channels/{field_channel().id}/messages?{query}"
    )
    assert response.status_code == 422


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"lab_id": "x", "name": "a"},
        {"lab_id": 1, "name": ""},
        {"lab_id": 1, "name": "あ" * 121},
        {"lab_id": 1, "name": "\x00"},
        {"lab_id": 2**40, "name": "a"},
        [],
        "text",
    ],
)
def test_bad_rooms_are_422(client_for, people, payload):
    response = client_for(people["member"]).post("/api/channels", json=payload)
    assert response.status_code == 422


def test_other_bad_inputs_are_never_500(client_for, people):
    member = client_for(people["member"])
    channel = field_channel()
    message = send(member, channel.id, "本文").get_json()
    base = f"/api/channels/{channel.id}"
    for response in (
        member.post(f"{base}/read", json={"message_id": "x"}),
        member.post(f"{base}/read", json={}),
        member.patch(f"{base}/messages/{message['id']}", json={"body": None}),
        member.post(f"{base}/messages/{message['id']}/answer", json={"answer_id": "x"}),
        member.post(f"{base}/members", json={"user_id": -1}),
    ):
        assert response.status_code == 422, response.get_json()
    broken = member.post(f"{base}/messages", data="{not json", content_type="application/json")
    assert broken.status_code == 422  # a body that is not JSON: the documented bad-input answer
    # answering a plain message, inviting into a public channel
    assert member.post(f"{base}/messages/{message['id']}/answer", json={}).status_code == 409
    assert member.post(f"{base}/members", json={"user_id": people["expert"].id}).status_code == 403
    assert member.get("/api/openapi.json").status_code == 200


def test_the_send_limit_counts_in_the_shared_redis_storage(
    app, client_for, people, redis_url, monkeypatch
):
    from community.core.ratelimit import rate_limiter

    monkeypatch.setitem(app.config, "RATELIMIT_STORAGE_URI", redis_url)
    monkeypatch.setitem(app.config, "CHANNEL_SEND_RATE_LIMIT", "2 per 1 minute")
    monkeypatch.delitem(app.extensions, "rate_limiter", raising=False)
    with app.app_context():
        limiter = rate_limiter()
        limiter.storage.reset()  # this test's Redis database only
        assert type(limiter.storage).__name__ == "RedisStorage"
    try:
        member = client_for(people["member"])
        statuses = [send(member, field_channel().id, f"{n}").status_code for n in range(3)]
        assert statuses == [201, 201, 429]
    finally:
        app.extensions.pop("rate_limiter", None)  # back to memory:// next time
