"""The asker of a question learns of a reply live, from a real Socket.IO client."""

import threading

import requests
import socketio

from tests.core.test_live_sockets import login_cookie
from tests.factories import PASSWORD
from tests.forum.conftest import start


def test_a_reply_to_a_question_reaches_the_asker_live(live_server, people, client_for):
    asker, answerer = people["member"], people["expert"]
    thread = start(client_for(asker), "funding", title="補助金の併用について", is_question=True)

    received, arrived = [], threading.Event()
    listener = socketio.Client(reconnection=False)
    listener.on("notification", lambda data: (received.append(data), arrived.set()))
    listener.connect(
        live_server,
        headers={"Cookie": login_cookie(live_server, asker)},
        transports=["websocket"],
        wait_timeout=5,
    )
    try:
        with requests.Session() as http:
            token = http.get(f"{live_server}/api/auth/csrf").json()["csrf_token"]
            http.post(
                f"{live_server}/api/auth/login",
                json={"email": answerer.email, "password": PASSWORD},
                headers={"X-CSRFToken": token},
            )
            token = http.get(f"{live_server}/api/auth/csrf").json()["csrf_token"]
            replied = http.post(
                f"{live_server}/api/forum/threads/{thread['id']}/posts",
                json={"body": "併用できます。"},
                headers={"X-CSRFToken": token},
            )
            assert replied.status_code == 201, replied.text
        assert arrived.wait(5)
        assert len(received) == 1
        assert received[0]["kind"] == "question_answered"
        assert received[0]["subject"] == "補助金の併用について"
        assert received[0]["url"] == f"/forum/posts/{replied.json()['id']}"
    finally:
        listener.disconnect()
