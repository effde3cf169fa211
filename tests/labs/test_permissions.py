"""Every write endpoint against every kind of actor.

Actors: anonymous, a member of the lab, the lab's coordinator, a coordinator of another lab,
an expert, the secretariat. Anonymous gets 401; a refused actor 403; an allowed one 2xx.
"""

from __future__ import annotations

import pytest

from tests import factories

ACTORS = factories.ACTORS
MANAGERS = {"coordinator", "secretariat"}


def _lab_body(n):
    return {"slug": f"new-lab-{n}", "name": f"新ラボ{n}", "prefectures": ["13"]}


# (name, method, path template, body, actors allowed)
WRITES = [
    ("create lab", "post", "/api/labs", _lab_body, {"secretariat"}),
    ("update lab", "patch", "/api/labs/{lab}", lambda n: {"vision": f"ビジョン{n}"}, MANAGERS),
    (
        "appoint coordinator",
        "post",
        "/api/labs/{lab}/coordinators",
        lambda n: {"email": "spare@example.jp"},
        {"secretariat"},
    ),
    (
        "promote member",
        "patch",
        "/api/labs/{lab}/members/{spare}",
        lambda n: {"role": "coordinator"},
        {"secretariat"},
    ),
    ("remove member", "delete", "/api/labs/{lab}/members/{spare}", None, MANAGERS),
    (
        "add organisation",
        "post",
        "/api/labs/{lab}/organisations",
        lambda n: {"name": f"団体{n}", "kind": "other"},
        MANAGERS,
    ),
    (
        "update organisation",
        "patch",
        "/api/labs/{lab}/organisations/{org}",
        lambda n: {"name": f"改称{n}"},
        MANAGERS,
    ),
    ("remove organisation", "delete", "/api/labs/{lab}/organisations/{org}", None, MANAGERS),
    ("list invitations", "get", "/api/labs/{lab}/invitations", None, MANAGERS),
    ("invite member", "post", "/api/labs/{lab}/invitations", lambda n: {}, MANAGERS),
    ("revoke invitation", "delete", "/api/labs/{lab}/invitations/{invitation}", None, MANAGERS),
]


@pytest.fixture
def world(make, db):
    from datetime import timedelta

    from community.core.db import utcnow
    from community.labs.models import Invitation

    lab = make.lab()
    people = make.cast(lab)
    spare = make.member(lab, email="spare@example.jp")
    org = make.organisation(lab)
    invitation = Invitation(
        lab_id=lab.id, token_hash="x" * 64, expires_at=utcnow() + timedelta(days=1)
    )
    db.session.add(invitation)
    db.session.commit()
    ids = {"lab": lab.id, "spare": spare.id, "org": org.id, "invitation": invitation.id}
    return people, ids


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    ("name", "method", "path", "body", "allowed"), WRITES, ids=[w[0] for w in WRITES]
)
def test_permission_matrix(client, auth, world, actor, name, method, path, body, allowed):
    people, ids = world
    if actor != "anonymous":
        auth.login(people[actor])
    kwargs = {"json": body(1)} if body else {}
    response = getattr(client, method)(path.format(**ids), **kwargs)
    if actor == "anonymous":
        expected = {401}
    elif actor in allowed:
        expected = {200, 201, 204}
    else:
        expected = {403}
    assert response.status_code in expected, (name, actor, response.get_json())
