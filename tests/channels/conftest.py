"""Channels in one call each, people with clients of their own, and live servers."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from community.accounts.models import Role
from community.channels.models import Channel, ChannelMessage
from community.extensions import db as _db
from tests.conftest import served_app, serving


def field_channel(code: str = "ai") -> Channel:
    return _db.session.scalar(sa.select(Channel).where(Channel.field_code == code))


def set_created(message_id: int, when) -> None:
    """Move a message into the past, where no API would put it (an old message)."""
    _db.session.execute(
        sa.update(ChannelMessage).where(ChannelMessage.id == message_id).values(created_at=when)
    )
    _db.session.commit()


@pytest.fixture
def people(make):
    """A lab with a coordinator and a member, another lab's member, experts, the secretariat."""
    lab = make.lab(prefectures=("40",))
    other_lab = make.lab(prefectures=("04",))
    return {
        "lab": lab,
        "other_lab": other_lab,
        "coordinator": make.coordinator(lab, name="福岡 コーディネーター"),
        "member": make.member(lab, name="福岡 メンバー"),
        "outsider": make.member(other_lab, name="宮城 メンバー"),
        "expert": make.user(role=Role.EXPERT, name="佐藤 専門家"),
        "expert2": make.user(role=Role.EXPERT, name="鈴木 専門家"),
        "secretariat": make.user(role=Role.SECRETARIAT, name="事務局"),
    }


@pytest.fixture
def served(app, db):
    """Like ``live_server``, but yields ``(url, app)`` so a test may change the served config."""
    served = served_app(app)
    with serving(served) as url:
        yield url, served
