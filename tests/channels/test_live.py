"""The /channels namespace with real python-socketio clients against a served app."""

from __future__ import annotations

import threading
import time
from collections import defaultdict

import pytest
import requests
import socketio

from community.channels import services
from tests.channels.conftest import field_channel
from tests.conftest import cookie_of, login_session
from tests.core.test_live_sockets import login_cookie
from tests.factories import PASSWORD

NS = "/channels"
EVENTS = (
    "message",
    "message_edited",
    "message_deleted",
    "question_answered",
    "typing",
    "presence",
    "read",
)


class Person:
    """A connected client that records what it receives on /channels."""

    def __init__(self, base: str, user, transport: str = "websocket"):
        self.received: dict[str, list] = defaultdict(list)
        self.arrived = {name: threading.Event() for name in EVENTS}
        self.client = socketio.Client(reconnection=False)
        for name in EVENTS:
            self.client.on(name, self._recorder(name), namespace=NS)
        headers = {"Cookie": login_cookie(base, user)}
        if transport == "polling":
            headers["Origin"] = base
        self.client.connect(
            base, headers=headers, transports=[transport], namespaces=[NS], wait_timeout=5
        )

    def _recorder(self, name):
        def record(data):
            self.received[name].append(data)
            self.arrived[name].set()

        return record

    def call(self, event: str, data=None):
        return self.client.call(event, data, namespace=NS, timeout=5)

    def wait(self, name: str) -> list:
        assert self.arrived[name].wait(5), f"no {name} arrived"
        return self.received[name]

    def close(self):
        self.client.disconnect()


@pytest.fixture
def connect(request):
    """Connected people on ``live_server``, or on ``served`` when the test asks for it."""
    if "served" in request.fixturenames:
        base = request.getfixturevalue("served")[0]
    else:
        base = request.getfixturevalue("live_server")
    made = []

    def person(user, transport="websocket"):
        made.append(Person(base, user, transport))
        return made[-1]

    yield person
    for person in made:
        person.close()


def test_a_question_reaches_the_expert_live_and_its_answer_reaches_both(connect, people):
    room = services.do_create_room(people["member"], lab_id=people["lab"].id, name="相談")
    services.do_invite(people["coordinator"], room, user_id=people["expert"].id)
    asker, expert = connect(people["member"]), connect(people["expert"])
    for person in (asker, expert):
        joined = person.call("join", {"channel_id": room.id})
        assert joined["channel_id"] == room.id and joined["messages"] == []

    assert asker.call("typing", {"channel_id": room.id}) == {"ok": True}
    typing = expert.wait("typing")
    assert typing == [
        {
            "channel_id": room.id,
            "user": {"id": people["member"].id, "display_name": "福岡 メンバー", "role": "member"},
        }
    ]
    assert not asker.arrived["typing"].is_set()  # not back to the one typing

    question = asker.call(
        "send",
        {
            "channel_id": room.id,
            "body": "**補助金**の質問です",
            "client_id": "q-1",
            "is_question": True,
        },
    )
    assert question["is_question"] and "<strong>補助金</strong>" in question["body_html"]
    live = expert.wait("message")
    assert live[0]["id"] == question["id"] and live[0]["author"]["id"] == people["member"].id

    reply = expert.call(
        "send", {"channel_id": room.id, "body": "こちらをご覧ください", "client_id": "r-1"}
    )
    answered = asker.call("answer", {"question_id": question["id"], "answer_id": reply["id"]})
    assert answered["answered_at"] and answered["answer_id"] == reply["id"]
    for person in (asker, expert):
        events = person.wait("question_answered")
        assert len(events) == 1  # the asker is in the room and in their own: told once
        assert events[0]["question_id"] == question["id"]
        assert events[0]["answer_id"] == reply["id"]


def test_the_asker_hears_of_the_answer_without_having_joined(connect, people):
    channel = field_channel()
    asker, expert = connect(people["member"]), connect(people["expert"])
    question, _ = services.do_send(people["member"], channel, body="質問", is_question=True)
    expert.call("join", {"channel_id": channel.id})
    assert expert.call("answer", {"question_id": question.id, "answer_id": None})["answered_at"]
    assert asker.wait("question_answered")[0]["question_id"] == question.id


def test_a_retried_send_is_stored_and_broadcast_once(connect, people):
    channel = field_channel()
    sender, listener = connect(people["member"]), connect(people["outsider"])
    listener.call("join", {"channel_id": channel.id})
    payload = {"channel_id": channel.id, "body": "再送", "client_id": "retry-1"}
    first, second = sender.call("send", payload), sender.call("send", payload)
    assert first["id"] == second["id"]
    listener.wait("message")
    marker = sender.call("send", {"channel_id": channel.id, "body": "次", "client_id": "next"})
    listener.arrived["message"].clear()
    while len(listener.received["message"]) < 2:
        listener.wait("message")
        listener.arrived["message"].clear()
    assert [m["id"] for m in listener.received["message"]] == [first["id"], marker["id"]]


def test_edit_delete_and_read_go_live(connect, people):
    channel = field_channel()
    author, reader = connect(people["member"]), connect(people["expert"])
    for person in (author, reader):
        person.call("join", {"channel_id": channel.id})
    sent = author.call("send", {"channel_id": channel.id, "body": "誤字", "client_id": "e-1"})
    edited = author.call("edit", {"message_id": sent["id"], "body": "正しい字"})
    assert edited["body"] == "正しい字"
    assert reader.wait("message_edited")[0]["body"] == "正しい字"
    assert reader.call("edit", {"message_id": sent["id"], "body": "x"})["error"] == "forbidden"
    assert author.call("delete", {"message_id": sent["id"]})["deleted"] is True
    assert reader.wait("message_deleted") == [{"channel_id": channel.id, "id": sent["id"]}]
    state = reader.call("read", {"channel_id": channel.id, "message_id": sent["id"]})
    assert state["last_read_message_id"] == sent["id"]
    assert reader.wait("read")[0] == state


def test_an_unauthenticated_connection_is_refused(live_server):
    base = live_server
    client = socketio.Client(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(
            base,
            headers={"Origin": base},
            transports=["polling"],
            namespaces=[NS],
            wait_timeout=5,
        )


@pytest.mark.parametrize("transport", ["polling", "websocket"])
def test_a_cross_origin_connection_is_refused(live_server, people, transport):
    base = live_server
    cookie = login_cookie(base, people["member"])
    client = socketio.Client(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(
            base,
            headers={"Cookie": cookie, "Origin": "http://evil.example"},
            transports=[transport],
            namespaces=[NS],
            wait_timeout=5,
        )


def test_a_listed_origin_is_allowed_besides_the_own(app, db, people):
    from community.core.realtime import origin_policy

    allowed = origin_policy(["https://partner.example.jp"])
    environ = {"HTTP_HOST": "dx.example.jp", "wsgi.url_scheme": "https"}
    assert allowed("https://partner.example.jp", environ)
    assert allowed("https://dx.example.jp", environ)
    assert not allowed("https://evil.example", environ)
    assert not allowed(None, environ)
    assert not origin_policy(["*"])("https://evil.example", environ)


def test_joining_another_labs_room_is_refused(connect, people):
    room = services.do_create_room(people["member"], lab_id=people["lab"].id, name="内緒")
    outsider = connect(people["outsider"])
    refused = outsider.call("join", {"channel_id": room.id})
    assert refused["error"] == "forbidden" and refused["message"]
    sent = outsider.call("send", {"channel_id": room.id, "body": "入れて", "client_id": "x"})
    assert sent["error"] == "forbidden"
    assert outsider.call("typing", {"channel_id": room.id})["error"] == "forbidden"
    assert outsider.call("join", {"channel_id": 99999})["error"] == "not_found"


BAD_PAYLOADS = [
    ("join", None),
    ("join", "text"),
    ("join", {"channel_id": "x"}),
    ("leave", {}),
    ("send", {"channel_id": 1}),
    ("send", {"channel_id": 1, "body": "a", "client_id": "空白 あり"}),
    ("send", {"channel_id": 1, "body": "a\x00", "client_id": "a"}),
    ("send", {"channel_id": 1, "body": "あ" * 4001, "client_id": "a"}),
    ("edit", {"message_id": 2**40, "body": "a"}),
    ("delete", {"message_id": "x"}),
    ("typing", {}),
    ("read", {"channel_id": 1}),
    ("answer", [1, 2]),
]


def test_bad_payloads_get_an_invalid_error_and_the_connection_lives_on(connect, people):
    person = connect(people["member"])
    for event, payload in BAD_PAYLOADS:
        answer = person.call(event, payload)
        assert answer["error"] == "invalid", (event, payload, answer)
        assert answer["errors"] and answer["message"]
    assert person.call("join", {"channel_id": field_channel().id})["channel_id"]


def test_sends_over_the_limit_are_refused(served, connect, people):
    _base, served_app = served
    served_app.config["CHANNEL_SEND_RATE_LIMIT"] = "2 per 1 minute"
    channel = field_channel()
    sender = connect(people["member"])
    answers = [
        sender.call("send", {"channel_id": channel.id, "body": f"{n}", "client_id": f"rl-{n}"})
        for n in range(3)
    ]
    assert [answer.get("error") for answer in answers] == [None, None, "rate_limited"]
    # a retry of a stored message is not a new send: it still answers
    again = sender.call("send", {"channel_id": channel.id, "body": "0", "client_id": "rl-0"})
    assert again["id"] == answers[0]["id"]


def test_experts_online_are_announced_and_listed(live_server, connect, people):
    base = live_server
    member = connect(people["member"])
    connect(people["expert"])
    names = [
        [person["display_name"] for person in event["experts"]] for event in member.wait("presence")
    ]
    assert ["佐藤 専門家"] in names
    with requests.Session() as http:
        token = http.get(f"{base}/api/auth/csrf").json()["csrf_token"]
        http.post(
            f"{base}/api/auth/login",
            json={"email": people["member"].email, "password": PASSWORD},
            headers={"X-CSRFToken": token},
        )
        listed = http.get(f"{base}/api/channels/presence").json()
    assert [person["id"] for person in listed["experts"]] == [people["expert"].id]


def test_the_origin_setting_refuses_a_wildcard(monkeypatch):
    from community.config import ConfigError, load_config

    monkeypatch.setenv(
        "SOCKETIO_CORS_ALLOWED_ORIGINS", "https://a.example.jp/, https://b.example.jp"
    )
    assert load_config("testing").SOCKETIO_CORS_ALLOWED_ORIGINS == [
        "https://a.example.jp",
        "https://b.example.jp",
    ]
    monkeypatch.setenv("SOCKETIO_CORS_ALLOWED_ORIGINS", "*")
    with pytest.raises(ConfigError):
        load_config("testing")


def test_a_removed_expert_stops_receiving_the_room_at_once(live_server, connect, people):
    room = services.do_create_room(people["member"], lab_id=people["lab"].id, name="一時招待")
    services.do_invite(people["coordinator"], room, user_id=people["expert"].id)
    member, expert = connect(people["member"]), connect(people["expert"])
    public = field_channel()
    for person in (member, expert):
        assert person.call("join", {"channel_id": room.id})["channel_id"] == room.id
    expert.call("join", {"channel_id": public.id})
    with login_session(live_server, people["coordinator"]) as http:
        removed = http.delete(f"{live_server}/api/channels/{room.id}/members/{people['expert'].id}")
        assert removed.status_code == 204
    secret = member.call("send", {"channel_id": room.id, "body": "内緒", "client_id": "s"})
    marker = member.call("send", {"channel_id": public.id, "body": "公開", "client_id": "m"})
    while True:
        expert.arrived["message"].clear()
        if marker["id"] in [m["id"] for m in expert.received["message"]]:
            break
        expert.wait("message")
    assert secret["id"] not in [m["id"] for m in expert.received["message"]]
    assert expert.call("join", {"channel_id": room.id})["error"] == "forbidden"


def until(condition, timeout: float = 5) -> bool:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
    return condition()


def test_a_member_who_leaves_the_lab_is_out_of_its_rooms_at_once(live_server, connect, people):
    room = services.do_create_room(people["coordinator"], lab_id=people["lab"].id, name="相談")
    leaver, stayer = connect(people["member"]), connect(people["coordinator"])
    for person in (leaver, stayer):
        assert person.call("join", {"channel_id": room.id})["channel_id"] == room.id
    with login_session(live_server, people["member"]) as http:
        left = http.delete(
            f"{live_server}/api/labs/{people['lab'].id}/members/{people['member'].id}"
        )
        assert left.status_code == 204
    assert until(lambda: not leaver.client.connected)  # closed by the server
    secret = stayer.call("send", {"channel_id": room.id, "body": "内緒", "client_id": "s"})
    assert "id" in secret
    assert secret["id"] not in [m["id"] for m in leaver.received["message"]]
    again = connect(people["member"])  # what a browser does next
    assert again.call("join", {"channel_id": room.id})["error"] == "forbidden"
    public = field_channel()
    assert again.call("join", {"channel_id": public.id})["channel_id"] == public.id


def test_logging_out_closes_the_channel_sockets_too(live_server, people):
    with login_session(live_server, people["member"]) as http:
        client = socketio.Client(reconnection=False)
        headers = {"Cookie": cookie_of(http)}
        client.connect(live_server, headers=headers, namespaces=[NS], wait_timeout=5)
        try:
            out = http.post(f"{live_server}/api/auth/logout")
            assert out.status_code in (200, 204)
            assert until(lambda: not client.connected)
        finally:
            client.disconnect()
