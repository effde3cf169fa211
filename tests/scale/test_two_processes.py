"""Two gunicorn processes behind one Redis: what happens on one is heard on the other."""

from __future__ import annotations

import threading
import time

import socketio

from community.accounts.models import Role
from community.channels.models import ChannelMessage
from community.extensions import db as _db
from community.notifications.models import Notification
from tests.channels.conftest import field_channel
from tests.conftest import cookie_of, login_session


class Listener:
    """A real Socket.IO client on one process, recording the events it is sent: ``names`` in
    the default namespace, ``channel_events`` in ``/channels``."""

    def __init__(self, base: str, cookie: str, *names: str, channel_events=()) -> None:
        self.received: dict[str, list] = {name: [] for name in (*names, *channel_events)}
        self.arrived = threading.Event()
        self.client = socketio.Client(reconnection=False)
        for name in names:
            self.client.on(name, self._recorder(name))
        for name in channel_events:
            self.client.on(name, self._recorder(name), namespace="/channels")
        namespaces = ["/", "/channels"] if channel_events else ["/"]
        self.client.connect(
            base, headers={"Cookie": cookie}, transports=["websocket"], namespaces=namespaces
        )

    def _recorder(self, name):
        def record(data):
            self.received[name].append(data)
            self.arrived.set()

        return record

    def wait_for(self, name: str, count: int = 1, timeout: float = 10) -> list:
        deadline = time.monotonic() + timeout
        while len(self.received[name]) < count and time.monotonic() < deadline:
            self.arrived.wait(0.1)
            self.arrived.clear()
        return self.received[name]

    def close(self) -> None:
        self.client.disconnect()


def test_a_question_asked_on_one_process_reaches_the_lab_on_the_other(deployment, make):
    first, second = deployment.serve(), deployment.serve()
    lab = make.lab(prefectures=("17",))
    owner = make.coordinator(lab)
    visitor = make.member(make.lab(prefectures=("40",)), name="福岡の会員")
    owner_http = login_session(first, owner)
    case = owner_http.post(
        f"{first}/api/cases",
        json={"lab_id": lab.id, "title": "NOTOBIRAチャットボット", "status": "published"},
    ).json()
    listener = Listener(second, cookie_of(owner_http), "notification", "case_question")
    try:
        asked = login_session(first, visitor).post(
            f"{first}/api/cases/{case['id']}/questions", json={"body": "運用体制は？"}
        )
        assert asked.status_code == 201, asked.text
        [pushed] = listener.wait_for("notification")
        assert pushed["kind"] == "case_question" and pushed["actor"] == "福岡の会員"
        assert listener.wait_for("case_question")[0]["question_id"] == asked.json()["id"]
        time.sleep(0.5)  # a second delivery would arrive by now
        assert len(listener.received["notification"]) == 1
        stored = _db.session.query(Notification).filter_by(recipient_id=owner.id).all()
        assert [n.id for n in stored] == [pushed["id"]]
    finally:
        listener.close()


def test_a_background_process_emits_to_clients_of_the_servers(deployment, make):
    base = deployment.serve()
    reader = make.user()
    listener = Listener(base, cookie_of(login_session(base, reader)), "notification")
    try:
        done = deployment.run_python(
            "from community import create_app\n"
            "from community.extensions import db\n"
            "from community.notifications.services import do_notify\n"
            "app = create_app()\n"
            "with app.app_context():\n"
            f"    do_notify([{reader.id}], kind='waitlist_promoted', subject='夜間の抽選',"
            " url='/events')\n"
            "    db.session.commit()\n"
        )
        assert done.returncode == 0, done.stderr
        [pushed] = listener.wait_for("notification")
        assert pushed["subject"] == "夜間の抽選"
    finally:
        listener.close()


def test_a_socket_without_a_logged_in_user_is_refused_by_every_process(deployment):
    for base in (deployment.serve(), deployment.serve()):
        client = socketio.Client(reconnection=False)
        try:
            client.connect(base, transports=["websocket"], wait_timeout=5)
        except socketio.exceptions.ConnectionError as error:
            assert "login required" in str(error) or error.args
        else:
            client.disconnect()
            raise AssertionError(f"{base} accepted a connection without a user")


def test_a_question_in_a_field_channel_crosses_processes_and_leaves_the_queue(deployment, make):
    """Issue 5's whole story on two processes: a member asks on one, an online expert on the
    other sees it live and answers, the member is notified, the queue empties; every message
    is stored once and the history is what was delivered."""
    first, second = deployment.serve(), deployment.serve()
    member = make.member(make.lab(prefectures=("17",)), name="羽咋の会員")
    expert = make.user(role=Role.EXPERT, name="AIの専門家")
    channel_id = field_channel("ai").id
    member_http, expert_http = login_session(first, member), login_session(second, expert)
    asker = Listener(
        first,
        cookie_of(member_http),
        "notification",
        channel_events=("message", "question_answered"),
    )
    answerer = Listener(second, cookie_of(expert_http), channel_events=("message", "typing"))
    try:
        for client in (asker, answerer):
            joined = client.client.call("join", {"channel_id": channel_id}, namespace="/channels")
            assert "error" not in joined, joined
        online = member_http.get(f"{first}/api/channels/presence").json()
        assert expert.id in [person["id"] for person in online["experts"]]

        question = asker.client.call(
            "send",
            {"channel_id": channel_id, "body": "チャットボットの導入費用は？",
             "client_id": "ask-1", "is_question": True},
            namespace="/channels",
        )  # fmt: skip
        again = asker.client.call(  # a retried send: stored once, not broadcast again
            "send",
            {"channel_id": channel_id, "body": "チャットボットの導入費用は？",
             "client_id": "ask-1", "is_question": True},
            namespace="/channels",
        )  # fmt: skip
        assert again["id"] == question["id"]
        assert [m["id"] for m in answerer.wait_for("message")] == [question["id"]]
        queue = expert_http.get(f"{second}/api/channels/questions").json()
        assert question["id"] in [q["id"] for q in queue["items"]]

        asker.client.emit("typing", {"channel_id": channel_id}, namespace="/channels")
        assert answerer.wait_for("typing")[0]["user"]["id"] == member.id

        reply = answerer.client.call(
            "send",
            {"channel_id": channel_id, "body": "初期費用は約30万円です。", "client_id": "re-1"},
            namespace="/channels",
        )
        answered = answerer.client.call(
            "answer", {"question_id": question["id"], "answer_id": reply["id"]},
            namespace="/channels",
        )  # fmt: skip
        assert answered["answered_at"], answered
        assert asker.wait_for("question_answered")[0]["question_id"] == question["id"]
        [notice] = asker.wait_for("notification")
        assert notice["kind"] == "channel_answer" and notice["actor"] == "AIの専門家"
        queue = expert_http.get(f"{second}/api/channels/questions").json()
        assert question["id"] not in [q["id"] for q in queue["items"]]

        delivered = [m["id"] for m in asker.wait_for("message", 2)]
        history = member_http.get(f"{first}/api/channels/{channel_id}/messages").json()
        stored = [m["id"] for m in history["items"]]
        assert stored == delivered == [question["id"], reply["id"]]
        assert _db.session.query(ChannelMessage).count() == 2
    finally:
        asker.close()
        answerer.close()


def test_logging_out_on_one_process_closes_the_users_sockets_on_every_process(deployment, make):
    first, second = deployment.serve(), deployment.serve()
    me, other = make.user(), make.user()
    http = login_session(first, me)
    mine = [Listener(base, cookie_of(http)) for base in (first, second)]
    theirs = Listener(second, cookie_of(login_session(second, other)))
    gone = [threading.Event() for _ in mine]
    for listener, event in zip(mine, gone, strict=True):
        listener.client.on("disconnect", lambda *args, event=event: event.set())
    try:
        assert http.post(f"{first}/api/auth/logout").status_code == 204
        for event in gone:
            assert event.wait(10), "a socket of the logged-out user is still open"
        assert theirs.client.connected
    finally:
        for listener in (*mine, theirs):
            if listener.client.connected:
                listener.close()
