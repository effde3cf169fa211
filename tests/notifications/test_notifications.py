"""The notification centre: rows with the change that caused them, live after its commit."""

import threading

import pytest
import socketio

from community.extensions import db as _db
from community.notifications import services
from community.notifications.models import Notification
from tests.cases.test_cases_api import create
from tests.conftest import Auth
from tests.core.test_live_sockets import login_cookie
from tests.core.test_query_counts import count_statements
from tests.events.conftest import create_event, publish


def notify(recipients, actor=None, subject="DX事例共有会", kind="thread_reply"):
    services.do_notify(recipients, kind=kind, subject=subject, url="/forum", actor=actor)
    _db.session.commit()


def test_each_recipient_is_told_once_and_never_the_actor(client, auth, make):
    actor, reader = make.user(name="佐藤 花子"), make.user()
    notify([reader.id, reader.id, actor.id], actor=actor)
    auth.login(reader)
    body = client.get("/api/notifications").get_json()
    assert body["unread"] == 1 and body["meta"]["total"] == 1
    [item] = body["items"]
    assert item["kind"] == "thread_reply" and item["read_at"] is None
    assert item["actor"] == {"id": actor.id, "display_name": "佐藤 花子"}
    assert item["text"] == "佐藤 花子さんが「DX事例共有会」に返信しました"
    auth.logout()
    auth.login(actor)
    assert client.get("/api/notifications/unread-count").get_json() == {"unread": 0}


def test_a_rolled_back_change_leaves_no_notification(app, make):
    reader = make.user()
    services.do_notify([reader.id], kind="mention", subject="取り消される投稿", url="/")
    _db.session.rollback()
    assert _db.session.query(Notification).count() == 0


def test_long_subjects_are_cut_and_unknown_kinds_refused(make):
    reader = make.user()
    [made] = services.do_notify([reader.id], kind="mention", subject="長" * 300, url="/")
    assert len(made.subject) == 200 and made.subject.endswith("…")
    with pytest.raises(ValueError):
        services.do_notify([reader.id], kind="gossip", subject="x", url="/")
    _db.session.rollback()


def test_marking_read_by_ids_up_to_and_all(client, auth, make):
    reader = make.user()
    for n in range(5):
        notify([reader.id], subject=f"スレッド{n}")
    auth.login(reader)
    ids = sorted(i["id"] for i in client.get("/api/notifications").get_json()["items"])
    assert client.post("/api/notifications/read", json={"ids": [ids[0]]}).get_json() == {
        "marked": 1,
        "unread": 4,
    }
    assert client.post("/api/notifications/read", json={"up_to": ids[2]}).get_json() == {
        "marked": 2,
        "unread": 2,
    }
    unread = client.get("/api/notifications?unread=true").get_json()
    assert [i["id"] for i in unread["items"]] == [ids[4], ids[3]]
    assert client.post("/api/notifications/read", json={}).get_json() == {"marked": 2, "unread": 0}
    assert client.post("/api/notifications/read", json={}).get_json()["marked"] == 0


def test_nobody_reads_or_marks_another_persons_notifications(client, auth, make):
    owner, other = make.user(), make.user()
    notify([owner.id])
    notification_id = _db.session.query(Notification.id).scalar()
    assert client.get("/api/notifications").status_code == 401
    assert client.get(f"/api/notifications/{notification_id}").status_code == 401
    auth.login(other)
    assert client.get(f"/api/notifications/{notification_id}").status_code == 404
    response = client.post("/api/notifications/read", json={"ids": [notification_id]})
    assert response.get_json()["marked"] == 0
    auth.logout()
    auth.login(owner)
    assert client.get(f"/api/notifications/{notification_id}").get_json()["read_at"] is None


@pytest.mark.parametrize(
    "body",
    [
        {"ids": []},
        {"ids": ["x"]},
        {"ids": [0]},
        {"ids": [2**40]},
        {"ids": list(range(1, 600))},
        {"up_to": "all"},
        {"ids": [1], "up_to": 3},
        {"surprise": 1},
        ["ids"],
    ],
)
def test_bad_mark_requests_are_422(client, auth, make, body):
    auth.login(make.user())
    response = client.post("/api/notifications/read", json=body)
    assert response.status_code == 422
    assert response.get_json()["errors"]


@pytest.mark.parametrize("query", ["page=0", "per_page=1000", "unread=maybe", "page=x"])
def test_bad_list_queries_are_422(client, auth, make, query):
    auth.login(make.user())
    assert client.get(f"/api/notifications?{query}").status_code == 422
    assert client.get(f"/notifications?{query}").status_code == 200  # the page falls back


def test_the_list_costs_the_same_for_2_or_20(app, client, auth, make):
    reader = make.user()
    counts = []
    for size in (2, 20):
        actors = [make.user() for _ in range(size)]
        for actor in actors:
            notify([reader.id], actor=actor)
        auth.login(reader)
        for url in ("/api/notifications", "/notifications"):
            with count_statements(app) as counted:
                assert client.get(url).status_code == 200
            counts.append(len(counted))
        auth.logout()
    assert counts[:2] == counts[2:]


def test_the_page_the_bell_and_opening_one(client, auth, make):
    reader = make.user()
    notify([reader.id], subject="補助金の相談", kind="question_answered")
    auth.login(reader)
    page = client.get("/notifications").get_data(as_text=True)
    assert "あなたの質問「補助金の相談」に回答しました" in page
    assert 'id="notification-bell"' in page and '<span class="count">1</span>' in page
    notification_id = _db.session.query(Notification.id).scalar()
    response = client.post(f"/notifications/{notification_id}/open")
    assert response.status_code == 302 and response.headers["Location"] == "/forum"
    assert client.get("/api/notifications/unread-count").get_json() == {"unread": 0}
    assert client.post("/notifications/999999/open").status_code == 404
    english = client.get("/notifications", headers={"Accept-Language": "en"})
    assert english.status_code == 200


def test_a_notification_pointing_off_site_opens_the_centre_instead(client, auth, make):
    reader = make.user()
    services.do_notify([reader.id], kind="mention", subject="x", url="//evil.example/")
    _db.session.commit()
    auth.login(reader)
    notification_id = _db.session.query(Notification.id).scalar()
    response = client.post(f"/notifications/{notification_id}/open")
    assert response.headers["Location"] == "/notifications"


def test_marking_read_needs_a_csrf_token_with_a_cookie(client, auth, make):
    auth.login(make.user())
    assert client.post("/notifications/read", csrf=False).status_code == 400
    assert client.post("/api/notifications/read", json={}, csrf=False).status_code == 400


def test_a_case_question_and_its_answer_notify_both_sides(client, auth, make):
    lab = make.lab(prefectures=("40",))
    owner, colleague = make.coordinator(lab), make.member(lab)
    visitor = make.member(make.lab(prefectures=("04",)), name="宮城の会員")
    auth.login(owner)
    case = create(client, lab, title="組子細工のAI検品")
    auth.logout()
    auth.login(visitor)
    url = f"/api/cases/{case['id']}/questions"
    question = client.post(url, json={"body": "導入費用は？"}).get_json()
    auth.logout()
    for person in (owner, colleague):
        auth.login(person)
        [item] = client.get("/api/notifications").get_json()["items"]
        assert item["kind"] == "case_question"
        assert item["text"] == "宮城の会員さんが事例「組子細工のAI検品」に質問しました"
        assert item["url"] == f"/cases/{case['id']}#question-{question['id']}"
        auth.logout()
    auth.login(owner)
    answer = client.put(f"{url}/{question['id']}/answer", json={"answer": "約200万円です。"})
    assert answer.status_code == 200, answer.get_json()
    auth.logout()
    auth.login(visitor)
    [item] = client.get("/api/notifications").get_json()["items"]
    assert item["kind"] == "question_answered"


def test_a_waitlist_promotion_notifies_the_promoted_person(app, client, auth, make):
    lab = make.lab(prefectures=("04",))
    lead = make.coordinator(lab)
    auth.login(lead)
    event = publish(client, create_event(client, lab, capacity=1))
    auth.logout()
    first, second = make.member(lab), make.member(lab)
    clients = {}
    for person in (first, second):
        clients[person.id] = app.test_client()
        Auth(clients[person.id]).login(person)
        response = clients[person.id].post(f"/api/events/{event['id']}/registration", json={})
        assert response.status_code == 201
    assert clients[first.id].delete(f"/api/events/{event['id']}/registration").status_code == 200
    auth.login(second)
    [item] = client.get("/api/notifications").get_json()["items"]
    assert item["kind"] == "waitlist_promoted" and item["url"] == f"/events/{event['id']}"


def test_the_bell_hears_a_notification_live_after_the_commit(live_server, app, make):
    reader = make.user()
    received, arrived = [], threading.Event()
    listener = socketio.Client(reconnection=False)
    listener.on("notification", lambda data: (received.append(data), arrived.set()))
    listener.connect(
        live_server,
        headers={"Cookie": login_cookie(live_server, reader)},
        transports=["websocket"],
        wait_timeout=5,
    )
    try:
        services.do_notify([reader.id], kind="mention", subject="未コミット", url="/")
        _db.session.rollback()
        notify([reader.id], subject="コミット済み", kind="mention")
        assert arrived.wait(5)
        [data] = received
        assert data["subject"] == "コミット済み" and data["kind"] == "mention"
        assert data["id"] == _db.session.query(Notification.id).scalar()
    finally:
        listener.disconnect()
