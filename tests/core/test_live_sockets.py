"""Real python-socketio clients against the app served on a local port."""

import threading

import pytest
import socketio

from community.core.realtime import emit_after_commit, user_room
from community.extensions import db as _db
from tests.conftest import cookie_of, login_session


def login_cookie(base: str, user) -> str:
    with login_session(base, user) as http:
        return cookie_of(http)


class Listener:
    """A connected client that records the ``notice`` events it receives."""

    def __init__(self, base: str, cookie: str, transport: str = "websocket"):
        self.received: list = []
        self.arrived = threading.Event()
        self.client = socketio.Client(reconnection=False)
        self.client.on("notice", self._on_notice)
        headers = {"Cookie": cookie}
        if transport == "polling":
            headers["Origin"] = base  # a browser sends it; the WebSocket client adds its own
        self.client.connect(base, headers=headers, transports=[transport], wait_timeout=5)

    def _on_notice(self, data):
        self.received.append(data)
        self.arrived.set()

    def close(self):
        self.client.disconnect()


@pytest.fixture
def listen(live_server):
    made = []

    def connect(user, transport="websocket"):
        listener = Listener(live_server, login_cookie(live_server, user), transport)
        made.append(listener)
        return listener

    yield connect
    for listener in made:
        listener.close()


@pytest.mark.parametrize("transport", ["polling", "websocket"])
def test_logged_in_same_origin_connects(listen, make, transport):
    assert listen(make.user(), transport).client.connected


def test_anonymous_connection_is_refused(live_server):
    client = socketio.Client(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(
            live_server, headers={"Origin": live_server}, transports=["polling"], wait_timeout=5
        )


def test_cross_origin_connection_is_refused(live_server, make):
    cookie = login_cookie(live_server, make.user())
    client = socketio.Client(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(
            live_server,
            headers={"Cookie": cookie, "Origin": "http://evil.example"},
            transports=["polling"],
            wait_timeout=5,
        )


def test_events_leave_after_the_commit_and_only_for_their_room(app, listen, make):
    me, other = make.user(), make.user()
    mine, theirs = listen(me), listen(other)
    with app.app_context():
        emit_after_commit("notice", {"text": "こんにちは"}, to=user_room(me.id))
        assert not mine.arrived.wait(0.3), "sent before the commit"
        _db.session.commit()
    assert mine.arrived.wait(5)
    assert mine.received == [{"text": "こんにちは"}]
    assert not theirs.arrived.wait(0.3)


def test_a_rolled_back_transaction_sends_nothing(app, listen, make):
    user = make.user()
    listener = listen(user)
    with app.app_context():
        emit_after_commit("notice", {"text": "消える"}, to=user_room(user.id))
        _db.session.rollback()
        emit_after_commit("notice", {"text": "届く"}, to=user_room(user.id))
        _db.session.commit()
    assert listener.arrived.wait(5)
    assert listener.received == [{"text": "届く"}]
