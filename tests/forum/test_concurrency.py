"""Replies and follows at once: the thread's counters and the follows stay right."""

from __future__ import annotations

import sqlalchemy as sa

from community.accounts.models import User
from community.extensions import db as _db
from community.forum import services
from community.forum.models import ForumPost, ForumThread, ThreadSubscription
from tests.events.test_concurrency import at_once, postgres_only
from tests.forum.conftest import start


def answer(thread_id: int, user_id: int) -> int:
    user = _db.session.get(User, user_id)
    return services.do_create_post(user, services.get_thread(user, thread_id), body="同時の返信").id


def follow(thread_id: int, user_id: int) -> str:
    user = _db.session.get(User, user_id)
    return services.do_subscribe_thread(user, services.get_thread(user, thread_id), state="follow")


@postgres_only
def test_twelve_replies_at_once_all_count(app, make, people, client_for):
    thread = start(client_for(people["member"]), is_question=True)
    writers = [make.user() for _ in range(12)]
    results = at_once(app, [(answer, thread["id"], w.id) for w in writers])
    _db.session.expire_all()
    row = _db.session.get(ForumThread, thread["id"])
    posts = _db.session.scalar(
        sa.select(sa.func.count()).select_from(ForumPost).where(ForumPost.thread_id == row.id)
    )
    assert (row.reply_count, posts) == (12, 13)
    assert len(set(results)) == 12


@postgres_only
def test_following_twice_at_once_leaves_one_follow(app, people, client_for):
    thread = start(client_for(people["coordinator"]))
    user = people["member"]
    results = at_once(app, [(follow, thread["id"], user.id) for _ in range(4)])
    assert results == ["following"] * 4
    follows = _db.session.scalar(
        sa.select(sa.func.count())
        .select_from(ThreadSubscription)
        .where(ThreadSubscription.thread_id == thread["id"], ThreadSubscription.user_id == user.id)
    )
    assert follows == 1
