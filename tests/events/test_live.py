"""A waitlisted person learns of a freed seat live, from a real Socket.IO client."""

import threading

import requests
import socketio

from tests.core.test_live_sockets import login_cookie
from tests.events.conftest import create_event, publish
from tests.factories import PASSWORD


def test_a_cancellation_promotes_the_first_waiting_person_live(live_server, make, client_for):
    lab = make.lab(prefectures=("04",))
    host = client_for(make.coordinator(lab))
    event = publish(host, create_event(host, lab, capacity=1))
    url = f"/api/events/{event['id']}/registration"
    seated, waiting = make.member(lab), make.member(make.lab(prefectures=("40",)))
    assert client_for(seated).post(url, json={}).get_json()["status"] == "confirmed"
    assert client_for(waiting).post(url, json={}).get_json()["status"] == "waitlisted"

    received, arrived = [], threading.Event()
    listener = socketio.Client(reconnection=False)
    listener.on("event_promoted", lambda data: (received.append(data), arrived.set()))
    listener.connect(
        live_server,
        headers={"Cookie": login_cookie(live_server, waiting)},
        transports=["websocket"],
        wait_timeout=5,
    )
    try:
        with requests.Session() as http:
            token = http.get(f"{live_server}/api/auth/csrf").json()["csrf_token"]
            http.post(
                f"{live_server}/api/auth/login",
                json={"email": seated.email, "password": PASSWORD},
                headers={"X-CSRFToken": token},
            )
            token = http.get(f"{live_server}/api/auth/csrf").json()["csrf_token"]
            cancelled = http.delete(f"{live_server}{url}", headers={"X-CSRFToken": token})
            assert cancelled.status_code == 200, cancelled.text
        assert arrived.wait(5)
        promoted = client_for(waiting).get(url).get_json()
        assert promoted["status"] == "confirmed"
        assert received == [
            {"event_id": event["id"], "registration_id": promoted["id"], "title": event["title"]}
        ]
    finally:
        listener.disconnect()
