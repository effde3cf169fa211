"""Security of the Socket.IO endpoint, with real clients against the served app."""

from __future__ import annotations

import threading

import pytest
import requests
import socketio

from tests.factories import PASSWORD

EVIL = "https://evil.example"


class Browser:
    """A logged-in cookie session over real HTTP, and the sockets it opens."""

    def __init__(self, base: str, user) -> None:
        self.base = base
        self.http = requests.Session()
        response = self.http.post(
            f"{base}/api/auth/login",
            json={"email": user.email, "password": PASSWORD},
            headers={"X-CSRFToken": self.csrf()},
        )
        assert response.status_code == 200
        self.sockets: list[socketio.Client] = []

    def csrf(self) -> str:
        return self.http.get(f"{self.base}/api/auth/csrf").json()["csrf_token"]

    @property
    def cookie(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)

    def connect(self, transport: str = "websocket", origin: str | None = None):
        origin = origin or self.base
        headers = {"Cookie": self.cookie}
        if transport == "polling":
            headers["Origin"] = origin
        # the WebSocket client sends an Origin of its own: this one
        options = {"origin": origin} if transport == "websocket" else {}
        client = socketio.Client(reconnection=False, websocket_extra_options=options)
        client.gone = threading.Event()
        client.on("disconnect", lambda *args: client.gone.set())
        client.connect(self.base, headers=headers, transports=[transport], wait_timeout=5)
        self.sockets.append(client)
        return client

    def close(self) -> None:
        for client in self.sockets:
            if client.connected:
                client.disconnect()
        self.http.close()


@pytest.fixture
def browser(live_server):
    opened = []

    def open_(user) -> Browser:
        opened.append(Browser(live_server, user))
        return opened[-1]

    yield open_
    for each in opened:
        each.close()


@pytest.mark.parametrize("transport", ["polling", "websocket"])
def test_cross_origin_connection_is_refused(browser, make, transport):
    me = browser(make.user())
    with pytest.raises(socketio.exceptions.ConnectionError):
        me.connect(transport, origin=EVIL)
    # the control: the same cookie from the site's own origin connects
    assert me.connect(transport).connected


@pytest.mark.parametrize("transport", ["polling", "websocket"])
@pytest.mark.parametrize("how", ["api", "page"])
def test_logging_out_disconnects_the_users_sockets(browser, make, transport, how):
    me, other = make.user(), make.user()
    mine = browser(me)
    sockets = [mine.connect(transport), mine.connect(transport)]
    theirs = browser(other).connect(transport)
    if how == "api":
        response = mine.http.post(f"{mine.base}/api/auth/logout", headers=_csrf(mine))
        assert response.status_code == 204
    else:
        response = mine.http.post(
            f"{mine.base}/logout", data={"csrf_token": mine.csrf()}, allow_redirects=False
        )
        assert response.status_code == 302
    for socket in sockets:
        assert socket.gone.wait(5), "a socket of the logged-out session is still open"
    assert theirs.connected and not theirs.gone.wait(0.3)
    # and the logged-out session cannot open a new one
    with pytest.raises(socketio.exceptions.ConnectionError):
        mine.connect(transport)


def _csrf(browser_: Browser) -> dict:
    return {"X-CSRFToken": browser_.csrf()}
