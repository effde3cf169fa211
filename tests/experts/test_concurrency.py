"""Answers recorded at the same moment all count; one profile per expert even when two
requests create it at once (PostgreSQL's concurrent writers)."""

from __future__ import annotations

import sqlalchemy as sa

from community.accounts.models import Role, User
from community.experts import services
from community.experts.models import ExpertAnswerTally, ExpertProfile
from community.extensions import db as _db
from tests.events.test_concurrency import at_once, postgres_only
from tests.experts.conftest import PROFILE


def record(user_id: int):
    services.do_record_answer(user_id, ["ai", "data"])


def create(actor_id: int, user_id: int):
    actor = _db.session.get(User, actor_id)
    data = {**PROFILE, "expert_fields": PROFILE["fields"], "user_id": user_id}
    del data["fields"]
    return services.do_create_profile(actor, **data).id


@postgres_only
def test_answers_recorded_at_once_all_count(app, make, db):
    expert = make.user(role=Role.EXPERT)
    at_once(app, [(record, expert.id)] * 12)
    counts = dict(
        db.session.execute(
            sa.select(ExpertAnswerTally.field, ExpertAnswerTally.count).where(
                ExpertAnswerTally.user_id == expert.id
            )
        ).all()
    )
    assert counts == {"ai": 12, "data": 12}


@postgres_only
def test_one_profile_when_two_create_it_at_once(app, make, db):
    expert = make.user(role=Role.EXPERT)
    office = make.user(role=Role.SECRETARIAT)
    results = at_once(app, [(create, office.id, expert.id), (create, expert.id, expert.id)])
    assert sorted(r for r in results if r == 409) == [409]
    assert db.session.scalar(sa.select(sa.func.count(ExpertProfile.id))) == 1


def test_answers_in_one_thread_after_another(app, make, db):
    """The same on SQLite, where writers take turns."""
    expert = make.user(role=Role.EXPERT)
    for _ in range(3):
        at_once(app, [(record, expert.id)])
    total = db.session.scalar(sa.select(sa.func.sum(ExpertAnswerTally.count)))
    assert total == 6
