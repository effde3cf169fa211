"""Threads and posts in one call each, and people with clients of their own."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from community.extensions import db as _db
from community.forum.models import ForumCategory, ForumPost

BODY = "## 相談\n\n**伴走支援**の担い手が足りません。<script>alert(1)</script>"


def category_id(slug: str) -> int:
    return _db.session.scalar(sa.select(ForumCategory.id).where(ForumCategory.slug == slug))


def start(client, slug: str = "exchange", **changes) -> dict:
    body = {
        "category_id": category_id(slug),
        "title": "地域を越えた伴走支援の進め方",
        "body": BODY,
        **changes,
    }
    response = client.post("/api/forum/threads", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def reply(client, thread: dict, body: str = "当ラボでは商工会と組んでいます。") -> dict:
    response = client.post(f"/api/forum/threads/{thread['id']}/posts", json={"body": body})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def opening_post_id(thread: dict) -> int:
    return _db.session.scalar(
        sa.select(ForumPost.id).where(ForumPost.thread_id == thread["id"], ForumPost.is_opening)
    )


@pytest.fixture
def people(make):
    lab = make.lab()
    cast = make.cast(lab)
    cast["lab"] = lab
    return cast


@pytest.fixture
def sent(monkeypatch):
    """The socket events sent (after their commit), as ``(event, data, room)``."""
    from community.extensions import socketio

    events = []
    monkeypatch.setattr(
        socketio, "emit", lambda name, data, to=None, namespace="/": events.append((name, data, to))
    )
    return events
