"""``flask seed demo`` adds forum threads across the categories through the forum service."""

from __future__ import annotations

import sqlalchemy as sa

from community.demo.forum import load_demo_forum
from community.forum.models import ForumCategory, ForumPost, ForumThread


def test_the_demo_forum(app, db, client):
    result = app.test_cli_runner().invoke(args=["seed", "demo"])
    assert result.exit_code == 0, result.output
    threads = db.session.scalars(sa.select(ForumThread)).all()
    assert 8 <= len(threads) <= 10
    slugs = set(
        db.session.scalars(
            sa.select(ForumCategory.slug).join(
                ForumThread, ForumThread.category_id == ForumCategory.id
            )
        )
    )
    assert {"exchange", "talent", "funding", "announcements"} <= slugs
    questions = [t for t in threads if t.is_question]
    assert any(t.solved for t in questions) and any(not t.solved for t in questions)
    assert all(
        t.reply_count == len([p for p in t_posts(db, t) if not p.is_opening]) for t in threads
    )
    mentioned = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(ForumPost)
        .where(ForumPost.body_html.contains('class="mention"'))
    )
    assert mentioned >= 2
    found = client.get("/api/forum/threads?q=補助金").get_json()
    assert found["meta"]["total"] >= 1
    assert client.get("/api/forum/threads?unsolved=true").get_json()["meta"]["total"] >= 1
    assert load_demo_forum() == 0  # loading again changes nothing
    page = client.get(f"/forum/threads/{threads[0].id}")
    assert page.status_code == 200


def t_posts(db, thread):
    return db.session.scalars(sa.select(ForumPost).where(ForumPost.thread_id == thread.id)).all()
