"""The channel rules, through the services that every door calls."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from werkzeug.exceptions import Conflict, Forbidden, NotFound, Unauthorized

from community.accounts.models import User
from community.channels import services
from community.channels.models import Channel, ChannelMessage
from community.channels.presence import MemoryPresence, RedisPresence
from community.core.validation import ValidationFailed
from community.experts.reference import FIELDS
from community.extensions import db as _db
from community.notifications.models import Notification
from tests.channels.conftest import field_channel, set_created
from tests.conftest import TEST_DB


def room_of(people, name="相談ルーム"):
    return services.do_create_room(people["member"], lab_id=people["lab"].id, name=name)


def test_one_public_channel_per_field_exists(db):
    codes = set(_db.session.scalars(sa.select(Channel.field_code).where(Channel.kind == "field")))
    assert codes == set(FIELDS)
    assert field_channel("ai").name == FIELDS["ai"]
    services.ensure_field_channels()  # again: nothing doubles
    assert _db.session.scalar(sa.select(sa.func.count(Channel.id))) == len(FIELDS)


def test_anyone_logged_in_reads_and_writes_a_public_channel(people):
    channel = field_channel("iot")
    for key in ("member", "outsider", "expert", "secretariat"):
        message, created = services.do_send(people[key], channel, body=f"{key}です")
        assert created and message.id
    with pytest.raises(Unauthorized):
        services.get_channel(None, channel.id)


def test_a_room_is_its_labs_and_invited_experts(people):
    room = room_of(people)
    services.do_invite(people["coordinator"], room, user_id=people["expert"].id)
    for key in ("member", "coordinator", "expert"):
        assert services.do_send(people[key], room, body="こんにちは")[1]
    for key in ("outsider", "expert2"):
        with pytest.raises(Forbidden):
            services.get_channel(people[key], room.id)
        with pytest.raises(Forbidden):
            services.do_send(people[key], room, body="入れて")
    # the secretariat reads every room but does not write in it
    assert services.get_channel(people["secretariat"], room.id) == room
    assert services.history(people["secretariat"], room)["items"]
    with pytest.raises(Forbidden):
        services.do_send(people["secretariat"], room, body="事務局です")
    with pytest.raises(NotFound):
        services.get_channel(people["member"], 99999)


def test_only_the_labs_people_open_a_room_and_only_its_coordinator_or_creator_invite(people):
    with pytest.raises(Forbidden):
        services.do_create_room(people["outsider"], lab_id=people["lab"].id, name="よそ")
    with pytest.raises(NotFound):
        services.do_create_room(people["member"], lab_id=99999, name="ない")
    room = room_of(people)  # opened by the member: the creator manages it
    services.do_invite(people["member"], room, user_id=people["expert"].id)
    services.do_invite(people["coordinator"], room, user_id=people["expert2"].id)
    with pytest.raises(Conflict):
        services.do_invite(people["coordinator"], room, user_id=people["expert"].id)
    with pytest.raises(ValidationFailed):  # experts only
        services.do_invite(people["coordinator"], room, user_id=people["outsider"].id)
    with pytest.raises(NotFound):
        services.do_invite(people["coordinator"], room, user_id=99999)
    for key in ("outsider", "expert", "secretariat"):
        with pytest.raises(Forbidden):
            services.do_invite(people[key], room, user_id=people["expert2"].id)
    other = services.do_create_room(people["coordinator"], lab_id=people["lab"].id, name="別")
    with pytest.raises(Forbidden):  # a member manages only the room they opened
        services.do_invite(people["member"], other, user_id=people["expert"].id)
    services.do_remove_member(people["coordinator"], room, user_id=people["expert"].id)
    with pytest.raises(Forbidden):
        services.do_send(people["expert"], room, body="まだいます")
    with pytest.raises(NotFound):
        services.do_remove_member(people["coordinator"], room, user_id=people["expert"].id)


def test_a_message_is_rendered_once_and_sanitised(people):
    message, _ = services.do_send(
        people["member"], field_channel(), body="**RAG** の質問<script>alert(1)</script>"
    )
    assert "<strong>RAG</strong>" in message.body_html
    assert "<script>" not in message.body_html
    with pytest.raises(ValidationFailed):
        services.do_send(people["member"], field_channel(), body="   ")
    with pytest.raises(ValidationFailed):
        services.do_send(people["member"], field_channel(), body="あ" * 4001)


def test_a_retried_send_is_stored_once(people):
    channel = field_channel()
    first, created = services.do_send(people["member"], channel, body="一度だけ", client_id="c-1")
    again, created_again = services.do_send(
        people["member"], channel, body="一度だけ", client_id="c-1"
    )
    assert created and not created_again and again.id == first.id
    # the same id of another author is another message
    assert services.do_send(people["outsider"], channel, body="別人", client_id="c-1")[1]
    with pytest.raises(Conflict):  # the id belongs to a message of another channel
        services.do_send(people["member"], field_channel("iot"), body="一度だけ", client_id="c-1")
    count = sa.select(sa.func.count(ChannelMessage.id))
    assert _db.session.scalar(count) == 2


@pytest.mark.skipif(TEST_DB != "postgres", reason="concurrent writers: the PostgreSQL run")
def test_concurrent_duplicate_sends_store_one_message(app, people):
    channel_id, user_id = field_channel().id, people["member"].id
    barrier = threading.Barrier(8)

    def send(_):
        with app.app_context():
            try:
                user = _db.session.get(User, user_id)
                barrier.wait()
                message, created = services.do_send(
                    user, _db.session.get(Channel, channel_id), body="同時送信", client_id="same"
                )
                return message.id, created
            finally:
                _db.session.remove()

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(send, range(8)))
    assert len({message_id for message_id, _ in results}) == 1
    assert sum(created for _, created in results) == 1
    assert _db.session.scalar(sa.select(sa.func.count(ChannelMessage.id))) == 1


def test_edit_and_delete_only_ones_own_within_the_window(people):
    channel = field_channel()
    mine, _ = services.do_send(people["member"], channel, body="誤字あり")
    edited = services.do_edit(people["member"], mine, body="誤字なし **修正**")
    assert edited.edited_at and "<strong>修正</strong>" in edited.body_html
    with pytest.raises(Forbidden):
        services.do_edit(people["outsider"], mine, body="横取り")
    with pytest.raises(Forbidden):
        services.do_delete(people["expert"], mine)
    deleted = services.do_delete(people["member"], mine)
    assert deleted.deleted_at and deleted.body == "" and deleted.body_html == ""
    with pytest.raises(Conflict):
        services.do_edit(people["member"], mine, body="復活")
    old, _ = services.do_send(people["member"], channel, body="昔の話")
    set_created(old.id, datetime.now(UTC) - timedelta(minutes=16))
    _db.session.refresh(old)
    with pytest.raises(Conflict):
        services.do_edit(people["member"], old, body="今さら")
    with pytest.raises(Conflict):
        services.do_delete(people["member"], old)
    assert not services.can_change(people["member"], old)


def test_unread_counts_move_only_by_read_and_never_back(people):
    public, room = field_channel(), room_of(people)
    reader = people["coordinator"]
    ids = [services.do_send(people["member"], public, body=f"{n}")[0].id for n in range(3)]
    services.do_send(people["member"], room, body="ルーム")
    services.do_send(reader, public, body="自分の投稿は未読に数えない")
    counts = {c.id: c.unread_count for c in services.list_channels(reader)}
    assert counts[public.id] == 3 and counts[room.id] == 1
    services.history(reader, public)  # reading the history marks nothing
    assert {c.id: c.unread_count for c in services.list_channels(reader)}[public.id] == 3
    state = services.do_mark_read(reader, public, message_id=ids[1])
    assert state == {"channel_id": public.id, "last_read_message_id": ids[1], "unread_count": 1}
    state = services.do_mark_read(reader, public, message_id=ids[0])  # never back
    assert state["last_read_message_id"] == ids[1] and state["unread_count"] == 1
    with pytest.raises(NotFound):  # a message of another channel
        services.do_mark_read(reader, room, message_id=ids[2])
    services.do_delete(people["member"], _db.session.get(ChannelMessage, ids[2]))
    assert {c.id: c.unread_count for c in services.list_channels(reader)}[public.id] == 0
    outsider_ids = {c.id for c in services.list_channels(people["outsider"])}
    assert public.id in outsider_ids and room.id not in outsider_ids
    assert room.id in {c.id for c in services.list_channels(people["secretariat"])}


def test_answering_a_question(people):
    channel = field_channel()
    asker, expert, other = people["member"], people["expert"], people["outsider"]
    question, _ = services.do_send(asker, channel, body="補助金の質問です", is_question=True)
    reply, _ = services.do_send(expert, channel, body="こう考えます")
    with pytest.raises(Forbidden):  # no answer named: only an expert or the asker
        services.do_answer(other, question)
    with pytest.raises(ValidationFailed):  # the question itself cannot answer it
        services.do_answer(other, question, answer_id=question.id)
    elsewhere, _ = services.do_send(other, field_channel("iot"), body="別の場所")
    with pytest.raises(ValidationFailed):
        services.do_answer(other, question, answer_id=elsewhere.id)
    with pytest.raises(Conflict):  # not a question
        services.do_answer(other, reply, answer_id=reply.id)
    answered = services.do_answer(other, question, answer_id=reply.id)
    assert answered.answered_at and answered.answered_by_id == other.id
    assert answered.answer_id == reply.id and answered.first_expert_reply_at
    with pytest.raises(Conflict):
        services.do_answer(expert, question)
    notified = _db.session.scalars(
        sa.select(Notification).where(Notification.recipient_id == asker.id)
    ).all()
    assert [(n.kind, n.subject, n.url) for n in notified] == [
        ("channel_answer", "AI活用", f"/channels/{channel.id}#m{question.id}")
    ]
    second, _ = services.do_send(asker, channel, body="もう一つ", is_question=True)
    assert services.do_answer(asker, second).answered_by_id == asker.id
    count = sa.select(sa.func.count(Notification.id))
    assert _db.session.scalar(count) == 1  # marking one's own question tells nobody
    room = room_of(people)
    private, _ = services.do_send(asker, room, body="内緒の質問", is_question=True)
    with pytest.raises(Forbidden):
        services.do_answer(other, private)


def test_the_queue_lists_waiting_public_questions_oldest_first_with_figures(people):
    asker, expert = people["member"], people["expert"]
    now = datetime.now(UTC)
    ai, iot = field_channel("ai"), field_channel("iot")
    old, _ = services.do_send(asker, ai, body="古い質問", is_question=True)
    new, _ = services.do_send(asker, iot, body="新しい質問", is_question=True)
    done, _ = services.do_send(asker, ai, body="解決した質問", is_question=True)
    set_created(old.id, now - timedelta(hours=5))
    set_created(new.id, now - timedelta(hours=1))
    set_created(done.id, now - timedelta(hours=3))
    reply, _ = services.do_send(expert, ai, body="お答えします")
    services.do_answer(asker, _db.session.get(ChannelMessage, done.id), answer_id=reply.id)
    room = room_of(people)
    services.do_send(asker, room, body="ルームの質問は並ばない", is_question=True)
    services.do_send(asker, ai, body="ただの発言")

    with pytest.raises(Forbidden):
        services.unanswered_questions(asker)
    queue = services.unanswered_questions(expert)
    assert [q.id for q in queue["items"]] == [old.id, new.id]
    assert queue["items"][0].age_seconds >= 5 * 3600 - 5
    assert [q.id for q in services.unanswered_questions(expert, field="iot")["items"]] == [new.id]
    figures = queue["figures"]
    assert figures["asked"] == 3 and figures["answered"] == 1 and figures["waiting"] == 2
    # the expert's reply came after the ai questions: ~5 h for the old one, ~3 h for the solved
    assert 3 * 3600 - 60 <= figures["first_reply_median_seconds"] <= 4 * 3600 + 60
    assert 5 * 3600 - 60 <= figures["first_reply_p90_seconds"] <= 5 * 3600 + 60
    assert 3 * 3600 - 60 <= figures["answered_median_seconds"] <= 3 * 3600 + 60
    assert services.unanswered_questions(people["secretariat"])["items"]


def test_percentiles():
    assert services._median([]) is None
    assert services._median([1, 3, 100]) == 3
    assert services._median([1, 3]) == 2
    assert services._percentile(list(range(1, 11)), 0.9) == 9
    assert services._percentile([7], 0.9) == 7


def _presence_contract(store):
    assert store.touch(1, "a") == 1
    assert store.touch(1, "b") == 2
    assert store.touch(2, "c") == 1
    assert store.online() == {1, 2}
    assert sorted(store.sids(1)) == ["a", "b"]
    assert store.remove(1, "a") == 1
    assert store.online() == {1, 2}
    assert store.remove(1, "b") == 0
    assert store.online() == {2}


def test_presence_in_memory_counts_connections_and_forgets_the_silent():
    _presence_contract(MemoryPresence(ttl=60))
    short = MemoryPresence(ttl=1)
    short.touch(5, "x")
    time.sleep(1.1)
    assert short.online() == set()


def test_presence_in_redis_counts_connections_and_forgets_the_silent(redis_url):
    store = RedisPresence(redis_url, ttl=60, key="test:channels:presence")
    store.redis.delete(store.key)
    try:
        _presence_contract(store)
        short = RedisPresence(redis_url, ttl=1, key=store.key)
        short.touch(5, "x")
        time.sleep(1.1)
        assert 5 not in store.online()
    finally:
        store.redis.delete(store.key)
