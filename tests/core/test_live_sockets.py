"""Real python-socketio clients against the app served on a local port."""

import pytest
import requests
import socketio

from tests.factories import PASSWORD


def login_cookie(base: str, user) -> str:
    with requests.Session() as http:
        token = http.get(f"{base}/api/auth/csrf").json()["csrf_token"]
        response = http.post(
            f"{base}/api/auth/login",
            json={"email": user.email, "password": PASSWORD},
            headers={"X-CSRFToken": token},
        )
        assert response.status_code == 200
        return "; ".join(f"{c.name}={c.value}" for c in http.cookies)


@pytest.mark.parametrize("transport", ["polling", "websocket"])
def test_logged_in_same_origin_connects(live_server, make, transport):
    cookie = login_cookie(live_server, make.user())
    client = socketio.Client(reconnection=False)
    headers = {"Cookie": cookie}
    if transport == "polling":
        headers["Origin"] = live_server  # a browser sends it; the WebSocket client adds its own
    client.connect(live_server, headers=headers, transports=[transport], wait_timeout=5)
    try:
        assert client.connected
    finally:
        client.disconnect()


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
