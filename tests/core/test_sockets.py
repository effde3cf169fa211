"""The default namespace: logged-in users only; events leave after the commit, never before."""

from community.core.realtime import emit_after_commit, user_room
from community.extensions import db as _db


def test_a_connection_without_a_logged_in_user_is_refused(socket_client, db):
    sio = socket_client()
    assert not sio.is_connected()


def test_a_logged_in_user_connects_and_gets_events_for_their_room(app, socket_client, auth, make):
    user = make.user()
    auth.login(user)
    sio = socket_client()
    assert sio.is_connected()
    with app.app_context():
        emit_after_commit("notice", {"text": "こんにちは"}, to=user_room(user.id))
        assert sio.get_received() == []  # nothing before the commit
        _db.session.commit()
    received = sio.get_received()
    assert [(r["name"], r["args"]) for r in received] == [("notice", [{"text": "こんにちは"}])]


def test_a_rolled_back_transaction_sends_nothing(app, socket_client, auth, make):
    user = make.user()
    auth.login(user)
    sio = socket_client()
    with app.app_context():
        emit_after_commit("notice", {"text": "消える"}, to=user_room(user.id))
        _db.session.rollback()
        _db.session.commit()
    assert sio.get_received() == []


def test_events_for_another_room_do_not_arrive(app, socket_client, auth, make):
    me, other = make.user(), make.user()
    auth.login(me)
    sio = socket_client()
    with app.app_context():
        emit_after_commit("notice", {"text": "他人宛て"}, to=user_room(other.id))
        _db.session.commit()
    assert sio.get_received() == []
